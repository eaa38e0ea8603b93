/* mr-job-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-job-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error-presenter.h"
#include "mr-hub-add-dialog.h"
#include "mr-hub-token.h"
#include "mr-job-actions.h"
#include "mr-ollama-add-dialog.h"

struct _MrJobActions
{
  GObject       parent_instance;

  MrWindow     *window;        /* weak: it owns us */
  MrRepository *repository;
  MrJobManager *manager;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (MrJobActions, mr_job_actions, G_TYPE_OBJECT)

static const char * const job_action_names[] = {
  "refresh-selected", "refresh-all", "add-from-hub", "add-from-ollama", "import-hub-author",
};

/* --- the sources ------------------------------------------------------------ */

/* The environment wins over the setting, as for the command line. */
static char *
get_hub_endpoint (MrJobActions *self)
{
  const char *env = g_getenv ("HF_ENDPOINT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_settings_get_string (self->settings, "hub-endpoint");
}

/* HF_TOKEN or the keyring's token; callback gets it from finish_hub_token(). */
static void
lookup_hub_token (MrJobActions        *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *endpoint = mr_hub_token_dup_endpoint (self->settings);

  mr_hub_token_lookup_async (endpoint, cancellable, callback, user_data);
}

/* NULL, for anonymous access, also when the lookup was cancelled: the
 * job that asked then stops on its own cancellation. */
static char *
finish_hub_token (GAsyncResult *result)
{
  return mr_hub_token_lookup_finish (result, NULL);
}

/* NULL when $OLLAMA_HOST is set: the environment wins over the setting,
 * as for the command line. */
static char *
get_ollama_url (MrJobActions *self)
{
  const char *env = g_getenv ("OLLAMA_HOST");

  if (env != NULL && *env != '\0')
    return NULL;
  return g_settings_get_string (self->settings, "ollama-endpoint");
}

static MrOllamaClient *
new_ollama_client (MrJobActions *self)
{
  g_autofree char *url = get_ollama_url (self);

  return mr_ollama_client_new (url);
}

static MrRegisterPage *
get_page (MrJobActions *self)
{
  return mr_window_get_register_page (self->window);
}

/* --- refreshing --------------------------------------------------------------- */

typedef struct {
  MrJobActions *self;
  GArray       *ids;           /* NULL: every model with a source */
  MrJob        *job;
} RefreshData;

static void
refresh_data_clear (RefreshData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_object (&data->job);
}

static void
refresh_data_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) refresh_data_clear);
}

typedef struct {
  MrJobActions *self;
  gboolean      rereview;
} RecordData;

static void
on_refreshed_record (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree RecordData *data = user_data;
  g_autoptr(MrJobActions) self = data->self;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  record = mr_repository_get_finish (MR_REPOSITORY (source), result, &error);
  if (self->window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self->window),
                                  _("Could not show a refreshed model"), error);
      return;
    }
  mr_register_page_apply_record (get_page (self), record);
  if (!data->rereview)
    return;
  /* Translators: %s is a model name; its approval was withdrawn */
  text = g_strdup_printf (_("“%s” needs review again: its source changed"), record->name);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  /* A withdrawn approval matters more than the count of refreshed models. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mr_window_add_toast (self->window, toast);
}

static void
show_refreshed_records (MrJobActions     *self,
                        MrRefreshSummary *summary)
{
  for (guint i = 0; i < summary->items->len; i++)
    {
      const MrRefreshItem *item = g_ptr_array_index (summary->items, i);
      RecordData *data;

      if (item->outcome != MR_REFRESH_REFRESHED && !item->rereview)
        continue;
      data = g_new0 (RecordData, 1);
      data->self = g_object_ref (self);
      data->rereview = item->rereview;
      mr_repository_get_async (self->repository, item->model_id, NULL, on_refreshed_record, data);
    }
}

static void
on_details_response (AdwToast *toast,
                     gpointer  user_data)
{
  MrJobActions *self = user_data;
  const char *body = g_object_get_data (G_OBJECT (toast), "mr-details");
  AdwMessageDialog *dialog;

  if (self->window == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self->window),
                                                        _("Some Models Could Not Be Refreshed"),
                                                        body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Each failure in the error presenter's words, which name the model. */
static char *
format_failures (MrRefreshSummary *summary)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < summary->items->len; i++)
    {
      const MrRefreshItem *item = g_ptr_array_index (summary->items, i);
      g_autofree char *text = NULL;

      if (item->outcome != MR_REFRESH_FAILED || item->error == NULL)
        continue;
      text = mr_error_presenter_format (item->error);
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, text != NULL ? text : item->label);
    }
  return g_string_free (body, FALSE);
}

static const MrRefreshItem *
first_failure (MrRefreshSummary *summary)
{
  for (guint i = 0; i < summary->items->len; i++)
    {
      const MrRefreshItem *item = g_ptr_array_index (summary->items, i);

      if (item->outcome == MR_REFRESH_FAILED)
        return item;
    }
  g_return_val_if_reached (NULL);
}

static void
show_failures (MrJobActions     *self,
               MrRefreshSummary *summary)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (summary->n_failed == 1)
    {
      escaped = g_markup_escape_text (first_failure (summary)->label, -1);
      /* Translators: %s names a model: its id and source, "12 (org/name)" */
      title = g_strdup_printf (_("Could not refresh %s"), escaped);
    }
  else
    {
      title = g_strdup_printf (ngettext ("Could not refresh %u model",
                                         "Could not refresh %u models", summary->n_failed),
                               summary->n_failed);
    }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Deta_ils"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "mr-details", format_failures (summary), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_details_response), self, 0);
  mr_window_add_toast (self->window, toast);
}

static void
present_summary (MrJobActions     *self,
                 MrRefreshSummary *summary,
                 MrPriority        priority)
{
  guint n_ok = summary->n_refreshed + summary->n_unchanged;
  g_autofree char *text = NULL;

  show_refreshed_records (self, summary);
  if (summary->n_failed > 0)
    show_failures (self, summary);
  /* A scheduled refresh that went well needs no one's attention. */
  if (priority == MR_PRIORITY_BACKGROUND || (n_ok == 0 && summary->n_failed > 0))
    return;
  text = g_strdup_printf (ngettext ("Refreshed %u model", "Refreshed %u models", n_ok), n_ok);
  mr_window_add_toast_text (self->window, text);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefreshData *data = user_data;
  MrJobActions *self = data->self;
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mr_repository_refresh_finish (MR_REPOSITORY (source), result, &error);
  mr_job_finish (data->job);
  if (summary != NULL && data->ids == NULL)
    g_settings_set_int64 (self->settings, "last-refresh", g_get_real_time () / G_USEC_PER_SEC);

  if (self->window != NULL)
    {
      if (summary != NULL)
        present_summary (self, summary, mr_job_get_priority (data->job));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mr_window_add_toast_text (self->window, _("Refresh cancelled"));
      else
        mr_error_presenter_present (GTK_WIDGET (self->window), _("Could not refresh"), error);
    }
  refresh_data_release (data);
}

static void
on_refresh_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RefreshData *data = user_data;
  MrJobActions *self = data->self;
  g_autofree char *token = finish_hub_token (result);
  g_autofree char *endpoint = get_hub_endpoint (self);
  g_autofree char *ollama_url = get_ollama_url (self);

  mr_repository_refresh_async (self->repository, data->ids, endpoint, token, ollama_url,
                               data->job, on_refreshed, data);
}

static void
start_refresh (MrJob    *job,
               gpointer  user_data)
{
  RefreshData *data = user_data;

  lookup_hub_token (data->self, mr_job_get_cancellable (job), on_refresh_token,
                    g_rc_box_acquire (data));
}

static void
submit_refresh (MrJobActions *self,
                GArray       *ids,
                const char   *title,
                MrPriority    priority)
{
  RefreshData *data = g_rc_box_new0 (RefreshData);

  data->self = g_object_ref (self);
  data->ids = ids != NULL ? g_array_ref (ids) : NULL;
  data->job = mr_job_new (title, priority);
  mr_job_manager_submit (self->manager, data->job, start_refresh, data, refresh_data_release);
}

void
mr_job_actions_refresh_all (MrJobActions *self,
                            MrPriority    priority)
{
  g_return_if_fail (MR_IS_JOB_ACTIONS (self));
  g_return_if_fail (self->repository != NULL && self->manager != NULL);

  submit_refresh (self, NULL, _("Refreshing every model"), priority);
}

static void
refresh_all_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  mr_job_actions_refresh_all (user_data, MR_PRIORITY_INTERACTIVE);
}

static void
refresh_selected_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MrJobActions *self = user_data;
  MrAiModel *model = mr_register_page_get_selected (get_page (self));
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  if (model == NULL)
    {
      mr_window_add_toast_text (self->window, _("Select a model to refresh"));
      return;
    }
  id = mr_ai_model_get_id (model);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, id);
  /* Translators: a running job; %s is a model name */
  title = g_strdup_printf (_("Refreshing “%s”"), mr_ai_model_get_record (model)->name);
  submit_refresh (self, ids, title, MR_PRIORITY_INTERACTIVE);
}

/* --- adding from a source ------------------------------------------------------ */

static void
on_draft_ready (MrJobActions  *self,
                MrModelRecord *record,
                MrSnapshot    *snapshot)
{
  if (self->window != NULL)
    mr_register_page_add_draft (get_page (self), record, snapshot);
}

static void
on_add_from_hub_token (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MrJobActions) self = user_data;
  g_autofree char *token = finish_hub_token (result);
  g_autofree char *endpoint = NULL;
  g_autoptr(MrHubClient) hub = NULL;
  MrHubAddDialog *dialog;

  if (self->window == NULL)
    return;
  endpoint = get_hub_endpoint (self);
  hub = mr_hub_client_new (endpoint, token);
  dialog = mr_hub_add_dialog_new (GTK_WINDOW (self->window), hub);
  g_signal_connect_object (dialog, "draft-ready", G_CALLBACK (on_draft_ready), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_from_hub_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MrJobActions *self = user_data;

  lookup_hub_token (self, NULL, on_add_from_hub_token, g_object_ref (self));
}

static void
add_from_ollama_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  MrJobActions *self = user_data;
  g_autoptr(MrOllamaClient) ollama = new_ollama_client (self);
  MrOllamaAddDialog *dialog = mr_ollama_add_dialog_new (GTK_WINDOW (self->window), ollama);

  g_signal_connect_object (dialog, "draft-ready", G_CALLBACK (on_draft_ready), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- importing an author's models ------------------------------------------------ */

typedef struct {
  MrJobActions *self;
  char         *author;
  MrJob        *job;
} ImportData;

static void
import_data_clear (ImportData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->author, g_free);
  g_clear_object (&data->job);
}

static void
import_data_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) import_data_clear);
}

static void
on_author_imported (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ImportData *data = user_data;
  MrJobActions *self = data->self;
  MrHubImportReport report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  mr_repository_import_hub_author_finish (MR_REPOSITORY (source), result, &report, &error);
  mr_job_finish (data->job);
  if (self->window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_data_release (data);
      return;
    }
  if (error != NULL)
    {
      /* Translators: %s is a Hugging Face user or organisation */
      summary = g_strdup_printf (_("Could not import the models of “%s”"), data->author);
      mr_error_presenter_present (GTK_WIDGET (self->window), summary, error);
      import_data_release (data);
      return;
    }
  /* Translators: %u is a number of models, %s a Hugging Face organisation */
  text = g_strdup_printf (ngettext ("Imported %u model of “%s”", "Imported %u models of “%s”",
                                    report.n_imported),
                          report.n_imported, data->author);
  mr_window_add_toast_text (self->window, text);
  if (report.n_imported > 0)
    mr_register_page_reload (get_page (self));
  import_data_release (data);
}

static void
on_import_token (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ImportData *data = user_data;
  MrJobActions *self = data->self;
  g_autofree char *token = finish_hub_token (result);
  g_autofree char *endpoint = get_hub_endpoint (self);

  mr_repository_import_hub_author_async (self->repository, data->author, endpoint, token,
                                         mr_job_get_cancellable (data->job),
                                         on_author_imported, data);
}

static void
start_import (MrJob    *job,
              gpointer  user_data)
{
  ImportData *data = user_data;

  lookup_hub_token (data->self, mr_job_get_cancellable (job), on_import_token,
                    g_rc_box_acquire (data));
}

static void
on_author_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MrJobActions     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *author = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *title = NULL;
  ImportData *data;

  if (g_strcmp0 (response, "import") != 0 || *author == '\0')
    return;
  /* Translators: a running job; %s is a Hugging Face user or organisation */
  title = g_strdup_printf (_("Importing the models of “%s”"), author);
  data = g_rc_box_new0 (ImportData);
  data->self = g_object_ref (self);
  data->author = g_steal_pointer (&author);
  data->job = mr_job_new (title, MR_PRIORITY_INTERACTIVE);
  mr_job_manager_submit (self->manager, data->job, start_import, data, import_data_release);
}

static void
on_author_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *author = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "import", *author != '\0');
}

static void
import_hub_author_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  MrJobActions *self = user_data;
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self->window), _("Import an Organisation from Hugging Face"),
    _("Every model of the user or organisation that is not in the register yet is added as "
      "a draft; the first refresh takes its snapshot.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("User or organisation, e.g. EleutherAI"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "import", FALSE);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_author_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_author_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the object ---------------------------------------------------------------- */

static const GActionEntry job_action_entries[] = {
  { "refresh-selected", refresh_selected_action },
  { "refresh-all", refresh_all_action },
  { "add-from-hub", add_from_hub_action },
  { "add-from-ollama", add_from_ollama_action },
  { "import-hub-author", import_hub_author_action },
};

static void
update_enabled (MrJobActions *self)
{
  gboolean ready = self->repository != NULL && self->manager != NULL;

  if (self->window == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (job_action_names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window),
                                                    job_action_names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), ready);
    }
}

void
mr_job_actions_set_repository (MrJobActions *self,
                               MrRepository *repository)
{
  g_return_if_fail (MR_IS_JOB_ACTIONS (self));

  g_set_object (&self->repository, repository);
  update_enabled (self);
}

void
mr_job_actions_set_manager (MrJobActions *self,
                            MrJobManager *manager)
{
  g_return_if_fail (MR_IS_JOB_ACTIONS (self));

  g_set_object (&self->manager, manager);
  update_enabled (self);
}

static void
mr_job_actions_dispose (GObject *object)
{
  MrJobActions *self = MR_JOB_ACTIONS (object);

  /* The entries point at us; the window may outlive us by a little. */
  if (self->window != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (job_action_names); i++)
        g_action_map_remove_action (G_ACTION_MAP (self->window), job_action_names[i]);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->repository);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mr_job_actions_parent_class)->dispose (object);
}

static void
mr_job_actions_class_init (MrJobActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_job_actions_dispose;
}

static void
mr_job_actions_init (MrJobActions *self)
{
  self->settings = g_settings_new (APP_ID);
}

MrJobActions *
mr_job_actions_new (MrWindow *window)
{
  MrJobActions *self;

  g_return_val_if_fail (MR_IS_WINDOW (window), NULL);

  self = g_object_new (MR_TYPE_JOB_ACTIONS, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  g_action_map_add_action_entries (G_ACTION_MAP (window), job_action_entries,
                                   G_N_ELEMENTS (job_action_entries), self);
  update_enabled (self);
  return self;
}
