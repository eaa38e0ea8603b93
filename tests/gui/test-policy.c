/* test-policy.c — policy, evidence review, intended uses, framework and
 * preferences, through the widgets and a real register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* For the memory settings backend. */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <glib/gstdio.h>

#include "mr-component-dialog.h"
#include "mr-error.h"
#include "mr-error-presenter.h"
#include "mr-gui-test-util.h"
#include "mr-model-editor.h"
#include "mr-network-error.h"
#include "mr-policy-group.h"
#include "mr-preferences-window.h"
#include "mr-register-page.h"
#include "mr-use-picker.h"
#include "mr-window.h"

/* A register holding the Llama record only, and the record as stored. */
typedef struct {
  char          *path;
  MrRepository  *repository;
  MrModelRecord *stored;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);

  g_ptr_array_add (extra, mr_test_make_llama_record ());
  f->path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  mr_test_write_register (f->path, 0, extra);
  f->repository = mr_test_open_repository (f->path);
  f->stored = mr_test_get_record (f->repository, 1);
  g_assert_cmpstr (f->stored->name, ==, "Llama-3.1-8B-Instruct");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mr_repository_shutdown (f->repository);
  g_object_unref (f->repository);
  mr_model_record_unref (f->stored);
  g_free (f->path);
}

/* The row (an AdwActionRow) whose text contains every needle, or NULL. */
static GtkWidget *
find_row_with (GtkWidget          *root,
               const char * const *needles)
{
  if (ADW_IS_ACTION_ROW (root))
    {
      g_autofree char *text = mr_test_collect_text (root);
      gboolean all = TRUE;

      for (guint i = 0; needles[i] != NULL; i++)
        all &= strstr (text, needles[i]) != NULL;
      if (all)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with (child, needles);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_blocking_flag (void)
{
  GtkWidget *group = g_object_ref_sink (mr_policy_group_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();
  const char * const blocking[] = { "Blocking", "Credit scoring", NULL };
  const char * const openness[] = { "Open weights, restricted", NULL };
  g_autofree char *text = NULL;

  mr_policy_group_set_record (MR_POLICY_GROUP (group), record);
  /* The severity is a word beside the icon, and the reason names the use. */
  g_assert_nonnull (find_row_with (group, blocking));
  g_assert_nonnull (find_row_with (group, openness));
  text = mr_test_collect_text (group);
  g_assert_nonnull (strstr (text, "Class"));
  g_assert_null (strstr (text, "No flags"));
  g_assert_finalize_object (group);
}

/* The stored outcome of the latest inference check is evaluated, not
 * assumed absent. */
static void
test_inference_inputs (void)
{
  GtkWidget *group = g_object_ref_sink (mr_policy_group_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();
  const MrPolicyInputs passed = { .inference_check = MR_INFERENCE_CHECK_PASSED };
  const char * const none_on_record[] = { "Credit scoring", "none is on record", NULL };
  const char * const inference[] = { "Credit scoring", "inference check", NULL };

  mr_policy_group_set_record (MR_POLICY_GROUP (group), record);
  g_assert_nonnull (find_row_with (group, none_on_record));
  mr_policy_group_set_inputs (MR_POLICY_GROUP (group), &passed);
  g_assert_null (find_row_with (group, inference));
  mr_policy_group_set_inputs (MR_POLICY_GROUP (group), NULL);
  g_assert_nonnull (find_row_with (group, none_on_record));
  g_assert_finalize_object (group);
}

static void
test_no_uses (void)
{
  GtkWidget *group = g_object_ref_sink (mr_policy_group_new ());
  g_autoptr(MrModelRecord) record = mr_test_make_llama_record ();
  const char * const no_uses[] = { "No intended uses recorded", NULL };
  const char * const blocking[] = { "Blocking", NULL };

  g_strfreev (record->intended_uses);
  record->intended_uses = g_new0 (char *, 1);
  mr_policy_group_set_record (MR_POLICY_GROUP (group), record);
  g_assert_nonnull (find_row_with (group, no_uses));
  g_assert_null (find_row_with (group, blocking));
  g_assert_finalize_object (group);
}

static void
on_saved (GObject       *dialog,
          MrModelRecord *stored,
          gpointer       user_data)
{
  MrModelRecord **out = user_data;

  *out = mr_model_record_ref (stored);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_verify_component (Fixture       *f,
                       gconstpointer  data)
{
  const MrComponentKind kind = MR_COMPONENT_FINAL_PARAMETERS;
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) reread = NULL;
  MrComponentDialog *dialog;
  GtkWidget *root;

  g_assert_false (f->stored->components[kind].verified);
  dialog = mr_component_dialog_new (NULL, f->repository, f->stored, kind);
  root = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_switch_set_active (GTK_SWITCH (mr_test_find_by_id (root, "verified_switch")), TRUE);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved);
  gtk_widget_activate_action (root, "component.save", NULL);
  g_assert_true (mr_test_spin_until (is_set, &saved, 10000));

  /* Stored as a new revision; what was collected is otherwise untouched. */
  reread = mr_test_get_record (f->repository, f->stored->id);
  g_assert_true (reread->components[kind].verified);
  g_assert_cmpuint (reread->revision, >, f->stored->revision);
  g_assert_cmpstr (reread->components[kind].license, ==, "llama3.1");
  g_assert_cmpint (reread->components[kind].source, ==, MR_EVIDENCE_SOURCE_HUB);
}

static void
test_pick_use (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) reread = NULL;
  MrModelEditor *editor = mr_model_editor_new (NULL, f->repository, f->stored);
  MrUsePicker *picker = MR_USE_PICKER (mr_test_find_by_id (GTK_WIDGET (editor), "use_picker"));

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_false (mr_model_editor_get_can_save (editor));
  g_assert_true (mr_use_picker_set_use_active (picker, "translation", TRUE));
  g_assert_true (mr_use_picker_set_use_active (picker, "credit-scoring", FALSE));
  g_assert_false (mr_use_picker_set_use_active (picker, "not-a-use", TRUE));
  g_assert_true (mr_model_editor_get_can_save (editor));
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (mr_test_spin_until (is_set, &saved, 10000));

  reread = mr_test_get_record (f->repository, f->stored->id);
  g_assert_cmpstrv (reread->intended_uses, ((const char * const[]) { "chatbot", "translation", NULL }));
}

static gboolean
window_loaded (gpointer data)
{
  return mr_window_get_loaded (data);
}

static gboolean
load_framework (MrWindow    *window,
                const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  mr_window_load_framework_async (window, file, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  return mr_window_load_framework_finish (window, result, error);
}

static const char valid_framework[] =
  "format: 1\n"
  "name: Strict test framework\n"
  "tiers:\n"
  "  prohibited: {blocked: true}\n"
  "  high: {minimum_openness: open-science}\n"
  "  limited: {minimum_openness: open-weights}\n"
  "  minimal: {}\n";

static void
test_framework_load (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "bad.yml", NULL);
  g_autofree char *good = g_build_filename (g_get_user_data_dir (), "good.yml", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  MrWindow *window = g_object_ref_sink (mr_window_new (NULL));
  MrFramework *before;

  mr_window_set_repository (window, f->repository);
  g_assert_true (mr_test_spin_until (window_loaded, window, 10000));
  before = mr_window_get_framework (window);
  g_assert_nonnull (before);

  /* Invalid: refused with file:line: field, and nothing changes. */
  g_assert_true (g_file_set_contents (bad, "format: 1\nname: Broken\ntiers:\n  high:\n"
                                      "    minimum_openness: very-open\n", -1, NULL));
  g_assert_false (load_framework (window, bad, &error));
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "bad.yml:5"));
  g_assert_nonnull (strstr (error->message, "minimum_openness"));
  g_assert_true (mr_window_get_framework (window) == before);
  g_assert_null (mr_window_get_framework_path (window));
  key = g_settings_get_string (settings, "framework-file");
  g_assert_cmpstr (key, ==, "");
  g_clear_error (&error);
  g_clear_pointer (&key, g_free);

  /* Valid: in force, and remembered. */
  g_assert_true (g_file_set_contents (good, valid_framework, -1, NULL));
  g_assert_true (load_framework (window, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mr_framework_get_name (mr_window_get_framework (window)), ==,
                   "Strict test framework");
  g_assert_cmpstr (mr_window_get_framework_path (window), ==, good);
  key = g_settings_get_string (settings, "framework-file");
  g_assert_cmpstr (key, ==, good);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static gboolean
find_message_dialog (gpointer data)
{
  AdwMessageDialog **out = data;
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          *out = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The stored token is never shown, the field empties on apply, and with no
 * keyring on the test's private bus saving ends in advice, not silence. */
static void
check_token_row (GtkWidget *root)
{
  GtkEditable *row = GTK_EDITABLE (mr_test_find_by_id (root, "token_row"));
  AdwMessageDialog *dialog = NULL;

  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  gtk_editable_set_text (row, "hf_test_token");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  g_assert_true (mr_test_spin_until (find_message_dialog, &dialog, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not save the token");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "HF_TOKEN"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_preferences (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  MrPreferencesWindow *window;
  GtkWidget *root;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_settings_set_string (settings, "hub-endpoint", "https://hub.example.org");
  g_settings_set_string (settings, "framework-file", "/srv/policy/framework.yml");
  window = g_object_ref_sink (mr_preferences_window_new (NULL, settings));
  root = GTK_WIDGET (window);

  /* Settings show in the rows, and edits go back to the settings. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mr_test_find_by_id (root, "hub_row"))), ==,
                   "https://hub.example.org");
  text = mr_test_collect_text (root);
  g_assert_nonnull (strstr (text, "/srv/policy/framework.yml"));
  gtk_editable_set_text (GTK_EDITABLE (mr_test_find_by_id (root, "display_name_row")), "A. Reviewer");
  name = g_settings_get_string (settings, "display-name");
  g_assert_cmpstr (name, ==, "A. Reviewer");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mr_test_find_by_id (root, "refresh_spin")), 48);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval-hours"), ==, 48);
  check_token_row (root);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_network_errors (void)
{
  const struct { MrNetworkError code; const char *needle; } cases[] = {
    { MR_NETWORK_ERROR_UNAUTHORIZED, "token was refused" },
    { MR_NETWORK_ERROR_RATE_LIMITED, "Wait a few minutes" },
    { MR_NETWORK_ERROR_GATED, "gated" },
    { MR_NETWORK_ERROR_NOT_FOUND, "repository id" },
    { MR_NETWORK_ERROR_TIMED_OUT, "did not answer in time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new (MR_NETWORK_ERROR, cases[i].code,
                                             "acme/zeta: /api/models/acme/zeta failed");
      g_autofree char *text = mr_error_presenter_format (error);

      g_assert_nonnull (strstr (text, "acme/zeta"));
      g_assert_nonnull (strstr (text, cases[i].needle));
    }
}

static void
test_risk_filter (void)
{
  GtkWidget *page = g_object_ref_sink (mr_register_page_new ());
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  GtkDropDown *risk = GTK_DROP_DOWN (mr_test_find_by_id (page, "risk_dropdown"));
  GListModel *visible = mr_register_page_get_visible (MR_REGISTER_PAGE (page));

  /* Generated uses cycle chatbot, code assistant, credit scoring, document
   * summarisation, none; every third record adds the next use. */
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (records, mr_test_make_record (i));
  mr_register_page_set_records (MR_REGISTER_PAGE (page), records);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 10);

  gtk_drop_down_set_selected (risk, 1 + MR_RISK_TIER_HIGH);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (visible, i);
      g_autofree char *uses = NULL;

      g_object_get (item, "intended-uses-label", &uses, NULL);
      g_assert_nonnull (strstr (uses, "Credit scoring"));
    }
  gtk_drop_down_set_selected (risk, 1 + MR_RISK_TIER_PROHIBITED);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  gtk_drop_down_set_selected (risk, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 10);
  g_assert_finalize_object (page);
}

/* Severity first, then the number of flags: most urgent at the top. */
static void
test_flags_sort (void)
{
  GtkWidget *page = g_object_ref_sink (mr_register_page_new ());
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  GtkColumnView *view = GTK_COLUMN_VIEW (mr_test_find_by_id (page, "column_view"));
  g_autoptr(GtkColumnViewColumn) flags = g_list_model_get_item (gtk_column_view_get_columns (view), 3);
  GListModel *visible = mr_register_page_get_visible (MR_REGISTER_PAGE (page));
  guint previous_key = G_MAXUINT;

  for (guint i = 0; i < 24; i++)
    g_ptr_array_add (records, mr_test_make_record (i));
  mr_register_page_set_records (MR_REGISTER_PAGE (page), records);
  g_assert_cmpstr (gtk_column_view_column_get_title (flags), ==, "Flags");
  gtk_column_view_sort_by_column (view, flags, GTK_SORT_DESCENDING);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (visible, i);
      MrFlagSeverity worst;
      guint n_flags;
      guint key;

      g_object_get (item, "worst-flag", &worst, "n-flags", &n_flags, NULL);
      key = worst * 1000 + n_flags;
      g_assert_cmpuint (key, <=, previous_key);
      previous_key = key;
    }
  g_assert_cmpuint (previous_key, ==, 0);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add_func ("/policy/blocking-flag", test_blocking_flag);
      g_test_add_func ("/policy/no-uses", test_no_uses);
      g_test_add_func ("/policy/inference-inputs", test_inference_inputs);
      g_test_add ("/policy/verify-component", Fixture, NULL,
                  fixture_set_up, test_verify_component, fixture_tear_down);
      g_test_add ("/policy/pick-use", Fixture, NULL,
                  fixture_set_up, test_pick_use, fixture_tear_down);
      g_test_add ("/policy/framework-load", Fixture, NULL,
                  fixture_set_up, test_framework_load, fixture_tear_down);
      g_test_add_func ("/policy/preferences", test_preferences);
      g_test_add_func ("/policy/network-errors", test_network_errors);
      g_test_add_func ("/policy/risk-filter", test_risk_filter);
      g_test_add_func ("/policy/flags-sort", test_flags_sort);
    }
  return g_test_run ();
}
