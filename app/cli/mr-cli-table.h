/* mr-cli-table.h — aligned plain-text columns for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widths are counted in terminal cells, not bytes: East Asian wide
 * characters and most emoji take two, combining marks none.  Control
 * characters in cells are shown as U+FFFD, so a hostile model name can
 * neither break the alignment nor send escape sequences to the terminal.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MrCliTable MrCliTable;

MrCliTable *mr_cli_table_new           (guint              n_columns);
void        mr_cli_table_free          (MrCliTable        *self);
/* Cells wider than max_width (at least 2) are cut and end in "…". */
void        mr_cli_table_set_max_width (MrCliTable        *self,
                                        guint              column,
                                        guint              max_width);
/* cells holds n_columns strings; NULL reads as empty. */
void        mr_cli_table_add_row       (MrCliTable        *self,
                                        const char * const *cells);
void        mr_cli_table_render        (const MrCliTable  *self,
                                        const char        *indent,
                                        GString           *out);

/* Terminal cells taken by UTF-8 text. */
guint       mr_cli_text_width          (const char        *text);
/* A copy with control characters replaced by U+FFFD and tabs by a space;
 * newlines are kept when keep_newlines is set. */
char       *mr_cli_text_sanitize       (const char        *text,
                                        gboolean           keep_newlines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCliTable, mr_cli_table_free)

G_END_DECLS
