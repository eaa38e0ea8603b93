/* test-screenshots.c — PNGs of the main states, for people to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes BUILDDIR/tests/gui/screenshots/ (one PNG per state): the empty register, 100,000
 * models, the detail pane, the form with a validation error, a 360 px wide
 * window, and a hostile 300-character name.  Each test also asserts what
 * the picture must show, so a broken state fails here first.
 */
#include "config.h"

#include "mr-ai-model.h"
#include "mr-debug-hooks.h"
#include "mr-gui-test-util.h"
#include "mr-model-editor.h"
#include "mr-register-page.h"
#include "mr-window.h"

typedef struct {
  char         *path;
  MrRepository *repository;
  MrWindow     *window;
} Shot;

static char *
hostile_name (void)
{
  GString *name = g_string_new ("Zeta & <b>Co</b> “R&D” 🚀 ");

  while (g_utf8_strlen (name->str, -1) < 300)
    g_string_append (name, "very-long-model-name ");
  g_string_truncate (name, g_utf8_offset_to_pointer (name->str, 300) - name->str);
  return g_string_free (name, FALSE);
}

static gboolean
window_loaded (gpointer data)
{
  return mr_window_get_loaded (data);
}

static void
shot_open (Shot       *shot,
           guint       n_models,
           GPtrArray  *extra,
           int         width)
{
  shot->path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  mr_test_write_register (shot->path, n_models, extra);
  shot->repository = mr_test_open_repository (shot->path);
  shot->window = g_object_ref_sink (mr_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (shot->window), width, 720);
  gtk_window_present (GTK_WINDOW (shot->window));
  mr_window_set_repository (shot->window, shot->repository);
  g_assert_true (mr_test_spin_until (window_loaded, shot->window, 30000));
}

static void
shot_close (Shot *shot)
{
  gtk_window_destroy (GTK_WINDOW (shot->window));
  g_object_unref (shot->window);
  mr_repository_shutdown (shot->repository);
  g_object_unref (shot->repository);
  g_free (shot->path);
}

static void
save (GtkWidget  *widget,
      const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "gui", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  /* Let layout, transitions and icon loading settle. */
  mr_test_spin_for (400);
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  mr_debug_hooks_save_screenshot (widget, path, &error);
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

static void
test_empty (void)
{
  Shot shot = { 0 };

  shot_open (&shot, 0, NULL, 1100);
  g_assert_cmpuint (mr_register_page_get_n_total (mr_window_get_register_page (shot.window)), ==, 0);
  save (GTK_WIDGET (shot.window), "empty");
  shot_close (&shot);
}

static void
test_large (void)
{
  Shot shot = { 0 };
  MrRegisterPage *page;

  shot_open (&shot, 100000, NULL, 1280);
  page = mr_window_get_register_page (shot.window);
  g_assert_cmpuint (mr_register_page_get_n_total (page), ==, 100000);
  save (GTK_WIDGET (shot.window), "list-100000");

  mr_register_page_search (page, "mistral");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 12500);
  mr_register_page_select (page, 0);
  save (GTK_WIDGET (shot.window), "search-and-detail");
  shot_close (&shot);
}

static GPtrArray *
hostile_records (void)
{
  GPtrArray *extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  MrModelRecord *record = mr_test_make_record (3);

  g_free (record->name);
  record->name = hostile_name ();
  g_free (record->provider);
  record->provider = g_strdup ("<i>Acme</i> & Sons");
  g_free (record->description);
  record->description = g_strdup ("A description with <markup> & ampersands that must show as typed.");
  g_ptr_array_add (extra, record);
  return extra;
}

static void
test_hostile_name (void)
{
  g_autoptr(GPtrArray) extra = hostile_records ();
  Shot shot = { 0 };
  MrRegisterPage *page;

  shot_open (&shot, 5, extra, 1280);
  page = mr_window_get_register_page (shot.window);
  mr_register_page_search (page, "zeta & <b>");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 1);
  mr_register_page_select (page, 0);
  save (GTK_WIDGET (shot.window), "hostile-name");
  shot_close (&shot);
}

static void
test_narrow (void)
{
  g_autoptr(GPtrArray) extra = hostile_records ();
  Shot shot = { 0 };
  MrRegisterPage *page;

  shot_open (&shot, 20, extra, 360);
  page = mr_window_get_register_page (shot.window);
  save (GTK_WIDGET (shot.window), "narrow-list");
  mr_register_page_select (page, 2);
  mr_test_spin_for (300);
  g_assert_true (mr_register_page_get_can_go_back (page));
  save (GTK_WIDGET (shot.window), "narrow-detail");
  mr_register_page_go_back (page);
  mr_test_spin_for (300);
  g_assert_false (mr_register_page_get_can_go_back (page));
  shot_close (&shot);
}

static MrModelEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MR_IS_MODEL_EDITOR (window))
        return MR_MODEL_EDITOR (window);
    }
  return NULL;
}

static void
test_form_error (void)
{
  Shot shot = { 0 };
  MrModelEditor *editor;
  GtkWidget *root;

  shot_open (&shot, 3, NULL, 1100);
  gtk_widget_activate_action (GTK_WIDGET (shot.window), "win.add-model", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  root = GTK_WIDGET (editor);
  gtk_editable_set_text (GTK_EDITABLE (mr_test_find_by_id (root, "name_row")), "Zeta 7B");
  gtk_editable_set_text (GTK_EDITABLE (mr_test_find_by_id (root, "provider_row")), "Acme");
  adw_combo_row_set_selected (ADW_COMBO_ROW (mr_test_find_by_id (root, "source_kind_row")),
                              MR_SOURCE_KIND_HUGGING_FACE);
  gtk_editable_set_text (GTK_EDITABLE (mr_test_find_by_id (root, "source_ref_row")), "acme/--zeta");
  g_assert_false (mr_model_editor_get_can_save (editor));
  save (root, "form-validation-error");
  gtk_window_destroy (GTK_WINDOW (editor));
  shot_close (&shot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add_func ("/screenshots/empty", test_empty);
      g_test_add_func ("/screenshots/large", test_large);
      g_test_add_func ("/screenshots/hostile-name", test_hostile_name);
      g_test_add_func ("/screenshots/narrow", test_narrow);
      g_test_add_func ("/screenshots/form-error", test_form_error);
    }
  return g_test_run ();
}
