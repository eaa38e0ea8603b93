/* test-templates.c — every template builds on GTK 4.8 / libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkBuilder only rejects an unknown class or property at run time, so a
 * .ui that names a widget newer than Debian 12's would pass the build.
 */
#include "config.h"

#include "mr-gui-test-util.h"
#include "mr-model-detail.h"
#include "mr-model-editor.h"
#include "mr-register-page.h"
#include "mr-window.h"

static void
test_window (void)
{
  MrWindow *window = g_object_ref_sink (mr_window_new (NULL));

  g_assert_nonnull (mr_window_get_register_page (window));
  g_assert_false (mr_window_get_loaded (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_register_page (void)
{
  GtkWidget *page = g_object_ref_sink (mr_register_page_new ());
  GtkColumnView *view = GTK_COLUMN_VIEW (mr_test_find_by_id (page, "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);

  /* Every column can be sorted by its header. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }
  g_assert_cmpuint (mr_register_page_get_n_total (MR_REGISTER_PAGE (page)), ==, 0);
  g_assert_finalize_object (page);
}

static void
test_model_detail (void)
{
  GtkWidget *detail = g_object_ref_sink (mr_model_detail_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_record (1);
  g_autoptr(MrAiModel) model = mr_ai_model_new (record);

  mr_model_detail_set_model (MR_MODEL_DETAIL (detail), model);
  g_assert_true (mr_model_detail_get_model (MR_MODEL_DETAIL (detail)) == model);
  g_assert_null (mr_model_detail_get_full_record (MR_MODEL_DETAIL (detail)));
  mr_model_detail_set_model (MR_MODEL_DETAIL (detail), NULL);
  g_assert_finalize_object (detail);
}

static void
test_model_editor (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(MrModelRecord) record = mr_test_make_record (2);
  MrModelEditor *editor;

  mr_test_write_register (path, 0, NULL);
  repository = mr_test_open_repository (path);

  /* Opening a stored, valid record: nothing changed, nothing to save. */
  record->id = 42;
  record->revision = 1;
  editor = g_object_ref_sink (mr_model_editor_new (NULL, repository, record));
  g_assert_false (mr_model_editor_get_can_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);

  mr_repository_shutdown (repository);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add_func ("/templates/window", test_window);
      g_test_add_func ("/templates/register-page", test_register_page);
      g_test_add_func ("/templates/model-detail", test_model_detail);
      g_test_add_func ("/templates/model-editor", test_model_editor);
      g_test_add_func ("/templates/help-overlay", test_help_overlay);
    }
  return g_test_run ();
}
