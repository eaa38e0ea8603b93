/* test-screenshots.c — PNGs of the main states, for people to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes BUILDDIR/tests/gui/screenshots/ (one PNG per state): the empty register, 100,000
 * models, the detail pane, the form with a validation error, a 360 px wide
 * window, a hostile 300-character name, the policy flags and the evidence
 * of a Llama model, the framework page, the preferences and the form's
 * intended uses.  Each test also asserts what
 * the picture must show, so a broken state fails here first.
 */
#include "config.h"

#include "mr-ai-model.h"
#include "mr-evidence-group.h"
#include "mr-framework-window.h"
#include "mr-gui-test-util.h"
#include "mr-model-detail.h"
#include "mr-model-editor.h"
#include "mr-preferences-window.h"
#include "mr-register-page.h"
#include "mr-use-picker.h"
#include "mr-window.h"

static void
test_empty (void)
{
  MrTestWindow shot = { 0 };

  mr_test_window_open (&shot, 0, NULL, 1100, 720, NULL);
  g_assert_cmpuint (mr_register_page_get_n_total (mr_window_get_register_page (shot.window)), ==, 0);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "empty");
  mr_test_window_close (&shot);
}

static void
test_large (void)
{
  MrTestWindow shot = { 0 };
  MrRegisterPage *page;

  mr_test_window_open (&shot, 100000, NULL, 1280, 720, NULL);
  page = mr_window_get_register_page (shot.window);
  g_assert_cmpuint (mr_register_page_get_n_total (page), ==, 100000);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "list-100000");

  mr_register_page_search (page, "mistral");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 12500);
  mr_register_page_select (page, 0);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "search-and-detail");
  mr_test_window_close (&shot);
}

static GPtrArray *
hostile_records (void)
{
  GPtrArray *extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  MrModelRecord *record = mr_test_make_record (3);

  g_free (record->name);
  record->name = mr_test_make_hostile_name ();
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
  MrTestWindow shot = { 0 };
  MrRegisterPage *page;

  mr_test_window_open (&shot, 5, extra, 1280, 720, NULL);
  page = mr_window_get_register_page (shot.window);
  mr_register_page_search (page, "zeta & <b>");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 1);
  mr_register_page_select (page, 0);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "hostile-name");
  mr_test_window_close (&shot);
}

static void
test_narrow (void)
{
  g_autoptr(GPtrArray) extra = hostile_records ();
  MrTestWindow shot = { 0 };
  MrRegisterPage *page;

  mr_test_window_open (&shot, 20, extra, 360, 720, NULL);
  page = mr_window_get_register_page (shot.window);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "narrow-list");
  mr_register_page_select (page, 2);
  mr_test_spin_for (300);
  g_assert_true (mr_register_page_get_can_go_back (page));
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "narrow-detail");
  mr_register_page_go_back (page);
  mr_test_spin_for (300);
  g_assert_false (mr_register_page_get_can_go_back (page));
  mr_test_window_close (&shot);
}

static MrModelEditor *
find_editor (void)
{
  return MR_MODEL_EDITOR (mr_test_find_toplevel (MR_TYPE_MODEL_EDITOR));
}

static void
test_form_error (void)
{
  MrTestWindow shot = { 0 };
  MrModelEditor *editor;
  GtkWidget *root;

  mr_test_window_open (&shot, 3, NULL, 1100, 720, NULL);
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
  mr_test_save_screenshot (root, "gui/screenshots", "form-validation-error");
  gtk_window_destroy (GTK_WINDOW (editor));
  mr_test_window_close (&shot);
}

/* The first label under root whose text is text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
detail_loaded (gpointer data)
{
  return mr_model_detail_get_full_record (data) != NULL;
}

/* The window with the Llama entry selected and its evidence loaded. */
static void
shot_open_llama (MrTestWindow *shot,
                 int           width)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  MrRegisterPage *page;
  MrModelDetail *detail;

  g_ptr_array_add (extra, mr_test_make_llama_record ());
  mr_test_window_open (shot, 4, extra, width, 720, NULL);
  page = mr_window_get_register_page (shot->window);
  mr_register_page_search (page, "Llama-3.1");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 1);
  mr_register_page_select (page, 0);
  detail = MR_MODEL_DETAIL (mr_test_find_by_type (GTK_WIDGET (page), MR_TYPE_MODEL_DETAIL));
  g_assert_true (mr_test_spin_until (detail_loaded, detail, 10000));
}

static void
test_policy (void)
{
  MrTestWindow shot = { 0 };
  GtkWidget *evidence;
  g_autofree char *text = NULL;

  shot_open_llama (&shot, 1280);
  text = mr_test_collect_text (GTK_WIDGET (shot.window));
  g_assert_nonnull (strstr (text, "Blocking"));
  g_assert_nonnull (strstr (text, "Credit scoring"));
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "detail-with-flags");

  evidence = mr_test_find_by_type (GTK_WIDGET (shot.window), MR_TYPE_EVIDENCE_GROUP);
  mr_test_scroll_to (evidence);
  mr_test_save_screenshot (GTK_WIDGET (shot.window), "gui/screenshots", "evidence-table");
  mr_test_window_close (&shot);
}

static void
test_framework_page (void)
{
  MrTestWindow shot = { 0 };
  GtkWindow *window;

  mr_test_window_open (&shot, 3, NULL, 1100, 720, NULL);
  gtk_widget_activate_action (GTK_WIDGET (shot.window), "win.framework", NULL);
  window = mr_test_find_toplevel (MR_TYPE_FRAMEWORK_WINDOW);
  g_assert_nonnull (window);
  mr_test_save_screenshot (GTK_WIDGET (window), "gui/screenshots", "framework-page");
  gtk_window_destroy (window);
  mr_test_window_close (&shot);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MrTestWindow shot = { 0 };
  MrPreferencesWindow *window;

  mr_test_window_open (&shot, 3, NULL, 1100, 720, NULL);
  g_settings_set_string (settings, "display-name", "Ada Reviewer");
  g_settings_set_string (settings, "organisation-name", "Example Bank plc");
  window = mr_preferences_window_new (GTK_WINDOW (shot.window), settings);
  gtk_window_present (GTK_WINDOW (window));
  mr_test_save_screenshot (GTK_WIDGET (window), "gui/screenshots", "preferences");
  gtk_window_destroy (GTK_WINDOW (window));
  mr_test_window_close (&shot);
}

static void
test_editor_uses (void)
{
  MrTestWindow shot = { 0 };
  MrModelEditor *editor;
  GtkWidget *picker;

  shot_open_llama (&shot, 1100);
  gtk_widget_activate_action (GTK_WIDGET (mr_window_get_register_page (shot.window)),
                              "register.edit", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  picker = mr_test_find_by_id (GTK_WIDGET (editor), "use_picker");
  /* Expand the high-risk tier, where credit scoring is ticked. */
  for (GtkWidget *row = mr_test_find_by_type (picker, ADW_TYPE_EXPANDER_ROW);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) &&
        g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "High"))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  mr_test_spin_for (200);
  /* Credit scoring, ticked, a few rows below the top. */
  mr_test_scroll_to (gtk_widget_get_ancestor (find_label (picker, "Assigning education level"),
                                      ADW_TYPE_ACTION_ROW));
  mr_test_save_screenshot (GTK_WIDGET (editor), "gui/screenshots", "editor-uses");
  gtk_window_destroy (GTK_WINDOW (editor));
  mr_test_window_close (&shot);
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
      g_test_add_func ("/screenshots/policy", test_policy);
      g_test_add_func ("/screenshots/framework-page", test_framework_page);
      g_test_add_func ("/screenshots/preferences", test_preferences);
      g_test_add_func ("/screenshots/editor-uses", test_editor_uses);
    }
  return g_test_run ();
}
