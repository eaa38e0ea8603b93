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

/* A GAsyncReadyCallback: stores a reference to the result in
 * *(GAsyncResult **) user_data; mr_test_await() spins until it is set. */
void           mr_test_keep_result       (GObject      *source,
                                          GAsyncResult *result,
                                          gpointer      user_data);
void           mr_test_await             (GAsyncResult **result);
/* The stored, full record. */
MrModelRecord *mr_test_get_record        (MrRepository *repository,
                                          gint64        id);
/* Llama 3.1 open weights (Community Licence, acceptable-use policy)
 * registered for credit scoring (high-risk) and as a chatbot. */
MrModelRecord *mr_test_make_llama_record (void);
/* The text of every visible label under root, one per line. */
char          *mr_test_collect_text      (GtkWidget   *root);

/* Saves widget as <tests build dir>/subdir/name.png once layout, transitions
 * and icon loading have settled; on a loaded machine the first frame of a big
 * list can take longer, so it retries a few times before failing the test. */
void           mr_test_save_screenshot   (GtkWidget   *widget,
                                          const char  *subdir,
                                          const char  *name);

/* The widget whose .ui id is id, inside root; NULL when none. */
GtkWidget     *mr_test_find_by_id        (GtkWidget   *root,
                                          const char  *id);
/* The first descendant of root of type, or NULL. */
GtkWidget     *mr_test_find_by_type      (GtkWidget   *root,
                                          GType        type);

G_END_DECLS
