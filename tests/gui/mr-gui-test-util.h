/* mr-gui-test-util.h — helpers shared by the GUI tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

/* gtk_init_check() + adw_init(); FALSE without a display (tests register
 * nothing then, and TAP reports a skip). */
gboolean       mr_test_gui_init          (void);
/* Iterates the main context until cond (data) or timeout; returns cond. */
gboolean       mr_test_spin_until        (gboolean   (*cond) (gpointer),
                                          gpointer     data,
                                          guint        timeout_ms);
void           mr_test_spin_for          (guint        ms);

/* Record number i of a generated register: varied providers, sources,
 * statuses, openness levels and flags. */
MrModelRecord *mr_test_make_record       (guint        i);
/* Writes a register with n generated records (one transaction). */
void           mr_test_write_register    (const char  *path,
                                          guint        n,
                                          GPtrArray   *extra);
MrRepository  *mr_test_open_repository   (const char  *path);

/* The widget whose .ui id is id, inside root; NULL when none. */
GtkWidget     *mr_test_find_by_id        (GtkWidget   *root,
                                          const char  *id);
/* The first descendant of root of type, or NULL. */
GtkWidget     *mr_test_find_by_type      (GtkWidget   *root,
                                          GType        type);

G_END_DECLS
