/* test-gui-jobs.c — refresh, add from the Hub, the jobs indicator, snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window runs against the loopback Hub (HF_ENDPOINT), as a user would
 * drive it: through its actions, dialogs and the indicator's popover.
 */
#include "config.h"

#include "mr-ai-model.h"
#include "mr-gui-test-util.h"
#include "mr-hub-add-dialog.h"
#include "mr-job-actions.h"
#include "mr-job-indicator.h"
#include "mr-model-editor.h"
#include "mr-ollama-add-dialog.h"
#include "mr-register-page.h"
#include "mr-snapshots-group.h"
#include "mr-test-hub-server.h"
#include "mr-window.h"

#define GPT2 "openai-community/gpt2"
#define GPT2_SHA "607a30d783dfa663caf39e06633721c8d4cfcd7e"
#define GPT2_INFO "/api/models/" GPT2
#define GPT2_README "/" GPT2 "/resolve/" GPT2_SHA "/README.md"
#define MISSING "nonexistent-org/nonexistent-model"
#define OLLAMA_TAG "hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M"

typedef struct {
  MrTestHubServer *server;
  MrTestWindow     tw;
  MrJobManager    *jobs;
  MrRegisterPage  *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mr_test_hub_server_new ();
  g_setenv ("HF_ENDPOINT", mr_test_hub_server_get_base (f->server), TRUE);
  g_unsetenv ("HF_TOKEN");
  g_unsetenv ("OLLAMA_HOST");
  f->jobs = mr_job_manager_new (MR_JOB_MANAGER_DEFAULT_MAX_RUNNING);
}

/* Writes the register with records, then shows it in a window. */
static void
open_window (Fixture   *f,
             GPtrArray *records)
{
  mr_test_window_open (&f->tw, 0, records, 1100, 760, f->jobs);
  f->page = mr_window_get_register_page (f->tw.window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mr_job_manager_shutdown (f->jobs);
  if (f->tw.window != NULL)
    mr_test_window_close (&f->tw);
  g_object_unref (f->jobs);
  mr_test_hub_server_free (f->server);
}

static MrModelRecord *
make_hub_record (const char *name,
                 const char *repo_id,
                 MrStatus    status)
{
  MrModelRecord *record = mr_model_record_new ();

  record->name = g_strdup (name);
  record->provider = g_strdup ("OpenAI");
  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  record->source_ref = g_strdup (repo_id);
  record->status = status;
  return record;
}

static GPtrArray *
records_of (MrModelRecord *record)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);

  g_ptr_array_add (records, record);
  return records;
}

/* --- waiting for what the user would see ----------------------------------- */

static gboolean
has_toplevel_of_type (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* The shown toplevel of type, waiting for it. */
static GtkWidget *
await_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (mr_test_spin_until (has_toplevel_of_type, GSIZE_TO_POINTER (type), 15000));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  g_assert_not_reached ();
}

static gboolean
manager_idle (gpointer data)
{
  return !mr_job_manager_get_busy (data);
}

static gboolean
indicator_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkMenuButton *
get_indicator_button (Fixture *f)
{
  GtkWidget *indicator = mr_test_find_by_type (GTK_WIDGET (f->tw.window), MR_TYPE_JOB_INDICATOR);

  g_assert_nonnull (indicator);
  return GTK_MENU_BUTTON (mr_test_find_by_type (indicator, GTK_TYPE_MENU_BUTTON));
}

static MrAiModel *
select_only (Fixture    *f,
             const char *name)
{
  g_autoptr(MrAiModel) model = NULL;

  mr_register_page_search (f->page, name);
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (f->page)), ==, 1);
  mr_register_page_select (f->page, 0);
  model = g_list_model_get_item (mr_register_page_get_visible (f->page), 0);
  return model;
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->tw.window), action));
  g_action_group_activate_action (G_ACTION_GROUP (f->tw.window), action, NULL);
}

static guint
count_snapshots (Fixture *f,
                 gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;

  mr_repository_list_snapshots_async (f->tw.repository, id, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  snapshots = mr_repository_list_snapshots_finish (f->tw.repository, result, &error);
  g_assert_no_error (error);
  return snapshots->len;
}

/* --- tests ------------------------------------------------------------------ */

static gboolean
error_label_shown (gpointer data)
{
  return gtk_widget_get_visible (mr_test_find_by_id (data, "error_label"));
}

static void
test_add_from_hub (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *editor;
  GtkLabel *error_label;
  MrAiModel *model;
  const MrModelRecord *shown;

  open_window (f, NULL);
  activate (f, "add-from-hub");
  dialog = await_toplevel (MR_TYPE_HUB_ADD_DIALOG);

  /* A repository the Hub does not know: said in the dialog, which stays. */
  mr_hub_add_dialog_fetch (MR_HUB_ADD_DIALOG (dialog), MISSING);
  g_assert_true (mr_test_spin_until (error_label_shown, dialog, 15000));
  error_label = GTK_LABEL (mr_test_find_by_id (dialog, "error_label"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), MISSING));
  mr_test_save_screenshot (dialog, "gui-jobs", "gui-jobs-add-from-hub-error");

  mr_hub_add_dialog_fetch (MR_HUB_ADD_DIALOG (dialog), GPT2);
  editor = await_toplevel (MR_TYPE_MODEL_EDITOR);
  g_assert_true (mr_model_editor_get_can_save (MR_MODEL_EDITOR (editor)));
  mr_test_assert_shows (editor, "Add Model");
  gtk_widget_activate_action (editor, "editor.save", NULL);

  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Added “gpt2”");
  g_assert_cmpuint (mr_register_page_get_n_total (f->page), ==, 1);
  model = mr_register_page_get_selected (f->page);
  g_assert_nonnull (model);
  shown = mr_ai_model_get_record (model);
  g_assert_cmpint (shown->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_cmpstr (shown->source_ref, ==, GPT2);
  /* MIT-licensed weights on the Hub: the list shows an openness level. */
  g_assert_cmpint (shown->openness, >=, MR_OPENNESS_OPEN_WEIGHTS);
  g_assert_cmpuint (count_snapshots (f, shown->id), ==, 1);
}

typedef struct {
  MrSnapshotsGroup *group;
  guint             n;
} SnapshotsWait;

static gboolean
snapshots_listed (gpointer data)
{
  SnapshotsWait *w = data;

  return mr_snapshots_group_get_n_snapshots (w->group) == w->n;
}

static void
assert_snapshots_listed (Fixture *f,
                         guint    n)
{
  SnapshotsWait w = { NULL, n };

  w.group = MR_SNAPSHOTS_GROUP (mr_test_find_by_type (GTK_WIDGET (f->page),
                                                      MR_TYPE_SNAPSHOTS_GROUP));
  g_assert_nonnull (w.group);
  g_assert_true (mr_test_spin_until (snapshots_listed, &w, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w.group)));
}

/* gpt2 as served, but relicensed to Apache 2.0 (tag and model card). */
static void
serve_relicensed (Fixture *f)
{
  g_autofree char *path = g_build_filename (MR_TEST_HUB_DATA, "openai-community__gpt2.json", NULL);
  g_autofree char *info = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *relicensed = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &info, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (info, "\"license:mit\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  relicensed = g_strjoinv ("\"license:apache-2.0\"", parts);
  g_strfreev (g_steal_pointer (&parts));
  parts = g_strsplit (relicensed, "\"license\": \"mit\"", -1);
  g_free (relicensed);
  relicensed = g_strjoinv ("\"license\": \"apache-2.0\"", parts);
  mr_test_hub_server_add_fault (f->server, GPT2_INFO, MR_TEST_FAULT_BODY, 0, relicensed);
  mr_test_hub_server_add_fault (f->server, GPT2_README, MR_TEST_FAULT_BODY, 0,
                                "---\nlicense: apache-2.0\n---\n# GPT-2\n");
}

static void
test_refresh_selected (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) records = records_of (make_hub_record ("GPT-2", GPT2, MR_STATUS_APPROVED));
  GtkMenuButton *button;
  MrAiModel *model;
  GtkWidget *snapshots;

  open_window (f, records);
  model = select_only (f, "GPT-2");
  button = get_indicator_button (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  /* The first refresh takes the first snapshot: nothing to compare.  The
   * job is queued at once, so the indicator shows before any answer. */
  activate (f, "refresh-selected");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Refreshed 1 model");
  g_assert_true (mr_test_spin_until (manager_idle, f->jobs, 5000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  assert_snapshots_listed (f, 1);
  g_assert_cmpint (mr_ai_model_get_record (model)->status, ==, MR_STATUS_APPROVED);

  /* Relicensed at the source: the approval no longer covers it. */
  serve_relicensed (f);
  activate (f, "refresh-selected");
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "“GPT-2” needs review again");
  g_assert_cmpint (mr_ai_model_get_record (model)->status, ==, MR_STATUS_REREVIEW_REQUIRED);
  assert_snapshots_listed (f, 2);

  snapshots = mr_test_find_by_type (GTK_WIDGET (f->page), MR_TYPE_SNAPSHOTS_GROUP);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (mr_test_find_by_type (snapshots,
                                                                         ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  mr_test_assert_shows (snapshots, "apache-2.0");
  mr_test_save_screenshot (snapshots, "gui-jobs", "gui-jobs-snapshot-diff");
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_refresh_failure (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) records = records_of (make_hub_record ("Missing", MISSING, MR_STATUS_DRAFT));
  g_autoptr(MrModelRecord) before = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  GtkWidget *details;
  GtkWidget *dialog;
  const char *body;
  MrAiModel *model;

  open_window (f, records);
  model = select_only (f, "Missing");
  before = mr_test_get_record (f->tw.repository, mr_ai_model_get_id (model));

  activate (f, "refresh-selected");
  /* The toast names the model (its id and repository). */
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Could not refresh");
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), MISSING);
  g_assert_true (mr_test_spin_until (manager_idle, f->jobs, 5000));

  /* The toast's Details list each failure in the error presenter's words. */
  details = find_button_labelled (GTK_WIDGET (f->tw.window), "Deta_ils");
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, MISSING));
  g_assert_nonnull (strstr (body, "Check the repository id"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  after = mr_test_get_record (f->tw.repository, before->id);
  g_assert_true (mr_model_record_same_content (before, after));
  g_assert_cmpint (after->revision, ==, before->revision);
  g_assert_cmpuint (count_snapshots (f, before->id), ==, 0);
}

static GtkWidget *
find_cancel_button (GtkWidget *popover)
{
  GtkWidget *list = mr_test_find_by_id (popover, "job_list");

  g_assert_nonnull (list);
  return mr_test_find_by_type (list, GTK_TYPE_BUTTON);
}

static void
test_cancel_from_popover (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) records = records_of (make_hub_record ("GPT-2", GPT2, MR_STATUS_DRAFT));
  g_autoptr(MrModelRecord) before = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkWidget *cancel;
  MrAiModel *model;

  open_window (f, records);
  model = select_only (f, "GPT-2");
  before = mr_test_get_record (f->tw.repository, mr_ai_model_get_id (model));
  button = get_indicator_button (f);

  mr_test_hub_server_add_fault (f->server, GPT2_INFO, MR_TEST_FAULT_DELAY, 0, NULL);
  activate (f, "refresh-selected");
  g_assert_true (mr_test_spin_until (indicator_shown, button, 5000));
  mr_test_save_screenshot (mr_test_find_by_type (GTK_WIDGET (f->tw.window), ADW_TYPE_HEADER_BAR),
                           "gui-jobs", "gui-jobs-header-busy");
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (mr_test_spin_until (indicator_shown, popover, 5000));
  mr_test_assert_shows (GTK_WIDGET (popover), "Refreshing “GPT-2”");
  mr_test_save_screenshot (GTK_WIDGET (popover), "gui-jobs", "gui-jobs-popover");

  cancel = find_cancel_button (GTK_WIDGET (popover));
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Refresh cancelled");
  g_assert_true (mr_test_spin_until (manager_idle, f->jobs, 5000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  after = mr_test_get_record (f->tw.repository, before->id);
  g_assert_cmpint (after->revision, ==, before->revision);
  g_assert_cmpuint (count_snapshots (f, before->id), ==, 0);
}

/* Quitting while a refresh of several models runs: each model is either
 * refreshed whole (record and snapshot) or left as it was. */
static void
test_shutdown_mid_refresh (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint n_refreshed = 0;

  mr_test_hub_server_set_template (f->server, "bulk/", GPT2);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("model-%u", i);
      g_autofree char *repo_id = g_strdup_printf ("bulk/model-%u", i);

      g_ptr_array_add (records, make_hub_record (name, repo_id, MR_STATUS_DRAFT));
    }
  mr_test_hub_server_add_fault (f->server, "/api/models/bulk/model-4", MR_TEST_FAULT_DELAY, 0,
                                NULL);
  open_window (f, records);

  activate (f, "refresh-all");
  g_assert_true (mr_test_spin_until (indicator_shown, get_indicator_button (f), 5000));
  mr_test_spin_for (500);
  mr_job_manager_shutdown (f->jobs);
  g_assert_false (mr_job_manager_get_busy (f->jobs));

  mr_repository_list_async (f->tw.repository, MR_LOAD_FULL, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  stored = mr_repository_list_finish (f->tw.repository, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 6);
  for (guint i = 0; i < stored->len; i++)
    {
      const MrModelRecord *record = g_ptr_array_index (stored, i);
      guint n_snapshots = count_snapshots (f, record->id);
      gboolean refreshed = record->source_revision != NULL;

      g_assert_cmpuint (n_snapshots, ==, refreshed ? 1 : 0);
      n_refreshed += refreshed;
    }
  /* The delayed model was cut short; the quick ones may have made it. */
  g_assert_cmpuint (n_refreshed, <, 6);
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_add_from_ollama (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *row;
  GtkWidget *editor;
  MrAiModel *model;

  g_setenv ("OLLAMA_HOST", mr_test_hub_server_get_base (f->server), TRUE);
  open_window (f, NULL);
  activate (f, "add-from-ollama");
  dialog = await_toplevel (MR_TYPE_OLLAMA_ADD_DIALOG);
  mr_test_assert_shows (dialog, OLLAMA_TAG);
  row = find_row_titled (dialog, OLLAMA_TAG);
  g_assert_nonnull (row);
  gtk_widget_activate (row);

  editor = await_toplevel (MR_TYPE_MODEL_EDITOR);
  g_assert_true (mr_model_editor_get_can_save (MR_MODEL_EDITOR (editor)));
  gtk_widget_activate_action (editor, "editor.save", NULL);
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Added");
  model = mr_register_page_get_selected (f->page);
  g_assert_nonnull (model);
  g_assert_cmpint (mr_ai_model_get_record (model)->source_kind, ==, MR_SOURCE_KIND_OLLAMA);
  g_assert_cmpstr (mr_ai_model_get_record (model)->source_ref, ==, OLLAMA_TAG);
  g_assert_cmpuint (count_snapshots (f, mr_ai_model_get_id (model)), ==, 1);
}

/* Without $OLLAMA_HOST, refreshing asks the Ollama of the Preferences. */
static void
test_refresh_ollama_from_setting (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MrModelRecord *record = make_hub_record ("Gemma", OLLAMA_TAG, MR_STATUS_DRAFT);
  g_autoptr(GPtrArray) records = records_of (record);
  MrAiModel *model;

  record->source_kind = MR_SOURCE_KIND_OLLAMA;
  g_settings_set_string (settings, "ollama-endpoint", mr_test_hub_server_get_base (f->server));
  open_window (f, records);
  model = select_only (f, "Gemma");
  activate (f, "refresh-selected");
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Refreshed 1 model");
  g_assert_cmpuint (count_snapshots (f, mr_ai_model_get_id (model)), ==, 1);
  g_settings_reset (settings, "ollama-endpoint");
}

static void
test_ollama_not_running (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  GtkWidget *dialog;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  address = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  host = g_strdup_printf ("127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);
  g_setenv ("OLLAMA_HOST", host, TRUE);

  open_window (f, NULL);
  activate (f, "add-from-ollama");
  dialog = await_toplevel (MR_TYPE_OLLAMA_ADD_DIALOG);
  mr_test_assert_shows (dialog, "Ollama is not running at http://");
  mr_test_assert_shows (dialog, host);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* What the scheduler starts: every model, at background priority, and
 * remembered as the last refresh the next one counts from. */
static void
test_scheduled_refresh (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) records = records_of (make_hub_record ("GPT-2", GPT2, MR_STATUS_DRAFT));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(MrModelRecord) stored = NULL;
  MrAiModel *model;

  open_window (f, records);
  model = select_only (f, "GPT-2");
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh"), ==, 0);

  mr_job_actions_refresh_all (mr_window_get_job_actions (f->tw.window), MR_PRIORITY_BACKGROUND);
  g_assert_true (mr_test_spin_until (manager_idle, f->jobs, 15000));
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh"), >=, before);
  stored = mr_test_get_record (f->tw.repository, mr_ai_model_get_id (model));
  g_assert_cmpstr (stored->source_revision, ==, GPT2_SHA);
  assert_snapshots_listed (f, 1);
}

static gboolean
has_three_models (gpointer data)
{
  return mr_register_page_get_n_total (data) == 3;
}

static void
test_import_hub_author (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) records = records_of (make_hub_record ("GPT-2", GPT2, MR_STATUS_DRAFT));
  const char *listing =
    "[{\"id\": \"openai-community/gpt2\", \"author\": \"openai-community\"},"
    " {\"id\": \"openai-community/gpt2-medium\", \"author\": \"openai-community\"},"
    " {\"id\": \"openai-community/gpt2-large\", \"author\": \"openai-community\"}]";
  GtkWidget *dialog;
  GtkWidget *entry;

  mr_test_hub_server_add_fault (f->server, "/api/models", MR_TEST_FAULT_BODY, 1, listing);
  open_window (f, records);
  activate (f, "import-hub-author");
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), " openai-community ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");

  /* gpt2 is registered already: only the other two are added. */
  mr_test_assert_shows (GTK_WIDGET (f->tw.window), "Imported 2 models of “openai-community”");
  g_assert_true (mr_test_spin_until (manager_idle, f->jobs, 5000));
  g_assert_true (mr_test_spin_until (has_three_models, f->page, 5000));
  mr_register_page_search (f->page, "gpt2-large");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (f->page)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mr_test_hub_server_prepare_environment ();
  if (!mr_test_gui_init ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add ("/gui-jobs/add-from-hub", Fixture, NULL,
              fixture_set_up, test_add_from_hub, fixture_tear_down);
  g_test_add ("/gui-jobs/refresh-selected", Fixture, NULL,
              fixture_set_up, test_refresh_selected, fixture_tear_down);
  g_test_add ("/gui-jobs/refresh-failure", Fixture, NULL,
              fixture_set_up, test_refresh_failure, fixture_tear_down);
  g_test_add ("/gui-jobs/cancel-from-popover", Fixture, NULL,
              fixture_set_up, test_cancel_from_popover, fixture_tear_down);
  g_test_add ("/gui-jobs/shutdown-mid-refresh", Fixture, NULL,
              fixture_set_up, test_shutdown_mid_refresh, fixture_tear_down);
  g_test_add ("/gui-jobs/scheduled-refresh", Fixture, NULL,
              fixture_set_up, test_scheduled_refresh, fixture_tear_down);
  g_test_add ("/gui-jobs/import-hub-author", Fixture, NULL,
              fixture_set_up, test_import_hub_author, fixture_tear_down);
  g_test_add ("/gui-jobs/add-from-ollama", Fixture, NULL,
              fixture_set_up, test_add_from_ollama, fixture_tear_down);
  g_test_add ("/gui-jobs/refresh-ollama-from-setting", Fixture, NULL,
              fixture_set_up, test_refresh_ollama_from_setting, fixture_tear_down);
  g_test_add ("/gui-jobs/ollama-not-running", Fixture, NULL,
              fixture_set_up, test_ollama_not_running, fixture_tear_down);
  return g_test_run ();
}
