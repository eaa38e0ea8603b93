/* test-templates.c — every template builds on GTK 4.8 / libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkBuilder only rejects an unknown class or property at run time, so a
 * .ui that names a widget newer than Debian 12's would pass the build.
 */
#include "config.h"

/* For the memory settings backend. */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mr-checks-group.h"
#include "mr-component-dialog.h"
#include "mr-evidence-group.h"
#include "mr-framework-window.h"
#include "mr-gui-test-util.h"
#include "mr-icon-cell.h"
#include "mr-model-detail.h"
#include "mr-model-editor.h"
#include "mr-policy-group.h"
#include "mr-preferences-window.h"
#include "mr-register-page.h"
#include "mr-use-picker.h"
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

  GtkWidget *checks = mr_test_find_by_id (detail, "checks_group");
  g_autoptr(MrAiModel) checked = NULL;

  mr_model_detail_set_model (MR_MODEL_DETAIL (detail), model);
  g_assert_true (mr_model_detail_get_model (MR_MODEL_DETAIL (detail)) == model);
  g_assert_null (mr_model_detail_get_full_record (MR_MODEL_DETAIL (detail)));
  /* The Checks group follows the snapshots and shows the same entry. */
  g_assert_true (MR_IS_CHECKS_GROUP (checks));
  g_assert_true (gtk_widget_get_prev_sibling (checks) == mr_test_find_by_id (detail, "snapshots_group"));
  g_object_get (checks, "model", &checked, NULL);
  g_assert_true (checked == model);
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
test_policy_group (void)
{
  GtkWidget *group = g_object_ref_sink (mr_policy_group_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();

  mr_policy_group_set_record (MR_POLICY_GROUP (group), record);
  mr_policy_group_set_record (MR_POLICY_GROUP (group), NULL);
  g_assert_finalize_object (group);
}

static void
test_evidence_group (void)
{
  GtkWidget *group = g_object_ref_sink (mr_evidence_group_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();
  g_autofree char *text = NULL;

  g_assert_false (gtk_widget_get_sensitive (group));
  mr_evidence_group_set_record (MR_EVIDENCE_GROUP (group), record);
  g_assert_true (gtk_widget_get_sensitive (group));
  /* Every fact of a collected component is in words. */
  text = mr_test_collect_text (group);
  g_assert_nonnull (strstr (text, "Available · llama3.1 · not open · Hugging Face Hub"));
  g_assert_nonnull (strstr (text, "Provisional"));
  g_assert_nonnull (strstr (text, "Verified"));
  g_assert_finalize_object (group);
}

static void
test_use_picker (void)
{
  GtkWidget *picker = g_object_ref_sink (mr_use_picker_new ());
  const char * const uses[] = { "imported-use", "credit-scoring", NULL };
  g_auto(GStrv) picked = NULL;

  mr_use_picker_set_uses (MR_USE_PICKER (picker), uses);
  g_assert_true (mr_use_picker_set_use_active (MR_USE_PICKER (picker), "chatbot", TRUE));
  picked = mr_use_picker_dup_uses (MR_USE_PICKER (picker));
  g_assert_cmpstrv (picked, ((const char * const[]) { "imported-use", "credit-scoring",
                                                      "chatbot", NULL }));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (picker)),
                            "not checked: imported-use."));
  g_assert_finalize_object (picker);
}

static void
test_component_dialog (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();
  MrComponentDialog *dialog;
  GtkWidget *root;

  mr_test_write_register (path, 0, NULL);
  repository = mr_test_open_repository (path);
  dialog = g_object_ref_sink (mr_component_dialog_new (NULL, repository, record,
                                                       MR_COMPONENT_MODEL_CARD));
  root = GTK_WIDGET (dialog);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mr_test_find_by_id (root, "verified_switch"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mr_test_find_by_id (root, "license_row"))),
                   ==, "llama3.1");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  mr_repository_shutdown (repository);
}

static void
test_framework_window (void)
{
  MrFrameworkWindow *window = g_object_ref_sink (mr_framework_window_new (NULL));
  g_autoptr(MrFramework) framework = mr_framework_new_default (NULL);
  g_autofree char *text = NULL;

  mr_framework_window_set_framework (window, framework, NULL);
  text = mr_test_collect_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, mr_framework_get_name (framework)));
  g_assert_nonnull (strstr (text, "Prohibited practices"));
  g_assert_nonnull (strstr (text, "Open source AI"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences_window (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  MrPreferencesWindow *window = g_object_ref_sink (mr_preferences_window_new (NULL, settings));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
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

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static double
text_x (GtkWidget *cell,
        GtkWidget *text)
{
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (text, cell, 0, 0, &x, &y));
  return x;
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* The list's icon cell: its text is what people and screen readers read;
 * the icon's room is kept whether or not there is an icon, so that the
 * texts of a column line up, on the side the text starts from. */
static void
test_icon_cell (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *cell = mr_icon_cell_new ();
  GtkWidget *text = GTK_WIDGET (mr_icon_cell_get_inscription (MR_ICON_CELL (cell)));
  int without_icon;

  gtk_inscription_set_text (GTK_INSCRIPTION (text), "Approved with conditions");
  gtk_window_set_child (GTK_WINDOW (window), cell);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, -1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mr_test_spin_until (allocated, cell, 5000));
  without_icon = natural_width (cell);
  g_assert_cmpint (without_icon, >=, natural_width (text) + 16);

  mr_icon_cell_set_icon_name (MR_ICON_CELL (cell), "emblem-ok-symbolic");
  mr_test_spin_for (100);
  g_assert_cmpint (natural_width (cell), ==, without_icon);
  g_assert_cmpfloat (text_x (cell, text), >=, 16);
  g_assert_cmpint (gtk_widget_get_width (text) + 16, <=, gtk_widget_get_width (cell));

  gtk_widget_set_direction (cell, GTK_TEXT_DIR_RTL);
  mr_test_spin_for (100);
  g_assert_cmpfloat (text_x (cell, text), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
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
      g_test_add_func ("/templates/policy-group", test_policy_group);
      g_test_add_func ("/templates/evidence-group", test_evidence_group);
      g_test_add_func ("/templates/use-picker", test_use_picker);
      g_test_add_func ("/templates/component-dialog", test_component_dialog);
      g_test_add_func ("/templates/framework-window", test_framework_window);
      g_test_add_func ("/templates/preferences-window", test_preferences_window);
      g_test_add_func ("/templates/help-overlay", test_help_overlay);
      g_test_add_func ("/templates/icon-cell", test_icon_cell);
    }
  return g_test_run ();
}
