/* test-i18n-gui.c — the window speaks German under LANGUAGE=de
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window built in this process, whose labels are read back (the
 * German screen tour, tests/gui tour-de, checks that every screen fits
 * 360 px), and the real executable started with the MR_SCREENSHOT hook,
 * whose picture lands in
 * BUILDDIR/tests/i18n/screenshots/register-de.png for people to look at.
 * Both take the catalogues from MODEL_REGISTER_LOCALEDIR (the build
 * directory's po/).
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mr-gui-test-util.h"
#include "mr-register-page.h"
#include "mr-use-picker.h"
#include "mr-window.h"

#define N_MODELS 30

static char *
write_register (void)
{
  char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    mr_test_write_register (path, N_MODELS, NULL);
  return path;
}

static void
test_window_labels (void)
{
  MrTestWindow tw = { 0 };
  g_autofree char *text = NULL;

  mr_test_window_open (&tw, N_MODELS, NULL, 1280, 720, NULL);
  mr_test_spin_for (200);

  text = mr_test_collect_text (GTK_WIDGET (tw.window));
  g_test_message ("visible text:\n%s", text);
  g_assert_nonnull (strstr (text, "Offenheit"));
  g_assert_nonnull (strstr (text, "Zuletzt geprüft"));
  g_assert_null (strstr (text, "Last Checked"));
  mr_test_window_close (&tw);
}

/* The catalogue's labels and legal references are shipped data, translated
 * through po/data-strings.c; the ids the picker hands back are not. */
static void
test_use_picker (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *picker = mr_use_picker_new ();
  g_auto(GStrv) uses = NULL;
  g_autofree char *text = NULL;

  gtk_window_set_child (GTK_WINDOW (window), picker);
  mr_use_picker_set_uses (MR_USE_PICKER (picker), (const char * const []) { "credit-scoring", NULL });
  gtk_window_present (GTK_WINDOW (window));
  mr_test_spin_for (100);

  text = mr_test_collect_text (picker);
  g_test_message ("use picker text:\n%s", text);
  g_assert_nonnull (strstr (text, "Kreditwürdigkeitsprüfung"));
  g_assert_nonnull (strstr (text, "KI-Verordnung (EU) Anhang III Nummer 5 Buchstabe b"));
  g_assert_null (strstr (text, "Credit scoring"));
  uses = mr_use_picker_dup_uses (MR_USE_PICKER (picker));
  g_assert_cmpstrv (uses, ((const char * const []) { "credit-scoring", NULL }));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The deepest widgets that need more than width_px: where a long German
 * label keeps the window from fitting a phone. */
static void
on_timeout (gpointer data)
{
  g_subprocess_force_exit (data);
}

static void
test_screenshot (void)
{
  g_autofree char *database = write_register ();
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "i18n", "screenshots", NULL);
  g_autofree char *png = g_build_filename (dir, "register-de.png", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint timeout;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_assert_true (g_remove (png) == 0 || errno == ENOENT);

  /* The isolated XDG_DATA_DIRS of this test would hide the system's
   * GSettings schemas, icons and MIME database from the app. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "de", TRUE);
  g_subprocess_launcher_setenv (launcher, "MODEL_REGISTER_DATABASE", database, TRUE);
  g_subprocess_launcher_setenv (launcher, "MR_SCREENSHOT", png, TRUE);
  g_subprocess_launcher_setenv (launcher, "MR_DEMO_SELECT_FIRST", "1", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MODEL_REGISTER_EXE"), NULL);
  g_assert_no_error (error);

  timeout = g_timeout_add_once (30000, on_timeout, app);
  g_subprocess_wait_check (app, NULL, &error);
  g_source_remove (timeout);
  g_assert_no_error (error);

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 600);
  g_test_message ("wrote %s", png);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_setenv ("LANGUAGE", "de", TRUE);
  mr_test_bind_locale_dir ();

  if (mr_test_gui_init ())
    {
      g_test_add_func ("/i18n/gui/window-labels", test_window_labels);
      g_test_add_func ("/i18n/gui/use-picker", test_use_picker);
      g_test_add_func ("/i18n/gui/screenshot", test_screenshot);
    }
  return g_test_run ();
}
