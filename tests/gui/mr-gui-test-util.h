/* mr-gui-test-util.h — helpers shared by the GUI tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"
#include "mr-window.h"

G_BEGIN_DECLS

/* What app/main.c does for translations, with the catalogues of
 * MODEL_REGISTER_LOCALEDIR (the build directory's po/); nothing when that
 * is unset.  Call before mr_test_gui_init(). */
void           mr_test_bind_locale_dir   (void);
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
/* A 300-character name with markup characters, quotes and an emoji. */
char          *mr_test_make_hostile_name (void);
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

/* Waits up to 15 s for a visible label under root to contain needle;
 * fails the test with everything root shows when none does. */
void           mr_test_assert_shows      (GtkWidget   *root,
                                          const char  *needle);

/* Fails the test when two mapped labels under root give the same mnemonic
 * (Alt+letter) to different widgets: one of them could not be reached. */
void           mr_test_assert_mnemonics_unique (GtkWidget *root);

/* Does what pressing Escape in window does (its Escape shortcut); FALSE
 * when the window has none. */
gboolean       mr_test_press_escape      (GtkWindow   *window);

/* Saves widget as <tests build dir>/subdir/name.png once layout, transitions
 * and icon loading have settled; on a loaded machine the first frame of a big
 * list can take longer, so it retries a few times before failing the test. */
void           mr_test_save_screenshot   (GtkWidget   *widget,
                                          const char  *subdir,
                                          const char  *name);

/* A main window over a register written for the test. */
typedef struct {
  char         *path;
  MrRepository *repository;
  MrWindow     *window;
} MrTestWindow;

/* Writes a register of n_models generated records followed by extra (may
 * be NULL) into the user data dir, shows it in a width × height window
 * (-1: the window's default)
 * whose jobs run through jobs (may be NULL), and returns once the list is
 * shown. */
void           mr_test_window_open       (MrTestWindow *tw,
                                          guint         n_models,
                                          GPtrArray    *extra,
                                          int           width,
                                          int           height,
                                          MrJobManager *jobs);
void           mr_test_window_close      (MrTestWindow *tw);
/* Scrolls the scrolled window that holds widget so that widget is near
 * its top. */
void           mr_test_scroll_to         (GtkWidget    *widget);
/* The first visible toplevel of type, or NULL. */
GtkWindow     *mr_test_find_toplevel     (GType         type);

/* The widget whose .ui id is id, inside root; NULL when none. */
GtkWidget     *mr_test_find_by_id        (GtkWidget   *root,
                                          const char  *id);
/* The first descendant of root of type, or NULL. */
GtkWidget     *mr_test_find_by_type      (GtkWidget   *root,
                                          GType        type);

G_END_DECLS
