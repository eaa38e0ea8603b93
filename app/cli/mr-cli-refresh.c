/* mr-cli-refresh.c — refresh, history (snapshots), add --hf, import --hf-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-refresh"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "mr-add-from-hub.h"
#include "mr-cli-refresh.h"
#include "mr-refresh-job.h"
#include "mr-token-store.h"

#define MAX_JOBS 64

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The CLI is synchronous: runs the main context until the operation that
 * stores its result in *slot is over. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* HF_TOKEN, else the keyring's token for that Hub, else none: a script
 * on a machine without a keyring goes on anonymously after a short wait. */
static MrHubClient *
hub_client_new (const char *endpoint)
{
  const char *base = endpoint != NULL ? endpoint : mr_hub_client_default_endpoint ();
  g_autofree char *token = mr_token_store_resolve (base, MR_TOKEN_STORE_TIMEOUT_MS);

  return mr_hub_client_new (base, token);
}

MrModelRecord *
mr_cli_fetch_hub_draft (const char   *repo_id,
                        const char   *endpoint,
                        MrSnapshot  **out_snapshot,
                        GError      **error)
{
  g_autoptr(MrHubClient) hub = hub_client_new (endpoint);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrHubDraft) draft = NULL;

  mr_add_from_hub_fetch_async (hub, repo_id, NULL, store_result, &result);
  draft = mr_add_from_hub_fetch_finish (wait_result (&result), error);
  if (draft == NULL)
    return NULL;
  *out_snapshot = g_steal_pointer (&draft->snapshot);
  return g_steal_pointer (&draft->record);
}

gboolean
mr_cli_import_hub_author (MrCli       *cli,
                          const char  *author,
                          const char  *endpoint,
                          GError     **error)
{
  g_autoptr(MrHubClient) hub = hub_client_new (endpoint);
  g_autoptr(GAsyncResult) result = NULL;
  MrHubImportReport report;
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL)
    return FALSE;
  mr_add_from_hub_import_author_async (hub, store, author, mr_cli_actor (), NULL,
                                       store_result, &result);
  if (!mr_add_from_hub_import_author_finish (wait_result (&result), &report, error))
    return FALSE;
  g_print (ngettext ("Imported %u model of %s", "Imported %u models of %s", report.n_imported),
           report.n_imported, author);
  if (report.n_already_registered > 0)
    g_print (ngettext (" (%u was already registered)", " (%u were already registered)",
                       report.n_already_registered),
             report.n_already_registered);
  g_print ("\n");
  return TRUE;
}

static void
on_progress (MrJob      *job,
             GParamSpec *pspec,
             gpointer    user_data)
{
  g_printerr ("\r%s %3.0f%%", mr_job_get_title (job), mr_job_get_progress (job) * 100);
}

static gboolean
parse_ids (int       argc,
           char    **argv,
           gboolean  all,
           GArray  **out_ids,
           GError  **error)
{
  g_autoptr(GArray) ids = NULL;

  if (all == (argc > 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give the ids of the models to refresh, or --all"));
      return FALSE;
    }
  if (all)
    return TRUE;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!mr_cli_parse_id (argv[i], &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

static void
print_item (const MrRefreshItem *item)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (item->outcome == MR_REFRESH_FAILED)
    {
      g_printerr ("%s: %s\n", MR_CLI_PROGRAM, item->error->message);
      return;
    }
  if (item->outcome == MR_REFRESH_UNCHANGED)
    g_string_printf (line, _("%s: unchanged\n"), item->label);
  else
    g_string_printf (line, _("%s: refreshed\n"), item->label);
  for (guint i = 0; i < item->changes->len; i++)
    {
      const MrSnapshotChange *change = g_ptr_array_index (item->changes, i);

      g_string_append_printf (line, "  - %s\n", change->text);
    }
  if (item->rereview)
    g_string_append_printf (line, "  %s\n", _("Approval withdrawn: the model needs a re-review"));
  mr_cli_print_text (line->str);
}

static gboolean
report_summary (MrRefreshSummary  *summary,
                GError           **error)
{
  for (guint i = 0; i < summary->items->len; i++)
    print_item (g_ptr_array_index (summary->items, i));
  g_print (_("Refreshed %u, unchanged %u, failed %u (%u in flight)\n"),
           summary->n_refreshed, summary->n_unchanged, summary->n_failed, summary->in_flight);
  if (summary->n_failed == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               ngettext ("%u model could not be refreshed; nothing was stored for it",
                         "%u models could not be refreshed; nothing was stored for them",
                         summary->n_failed),
               summary->n_failed);
  return FALSE;
}

gboolean
mr_cli_run_refresh (MrCli   *cli,
                    int      argc,
                    char   **argv,
                    GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autofree char *endpoint = NULL;
  gboolean all = FALSE;
  int jobs = MR_REFRESH_JOB_DEFAULT_IN_FLIGHT;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Refresh every model with a Hugging Face or Ollama source"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Models fetched at the same time (default: 8)"), N_("N") },
    { "hf-endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("The Hugging Face Hub to ask (default: $HF_ENDPOINT, else https://huggingface.co)"),
      N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(MrHubClient) hub = NULL;
  g_autoptr(MrOllamaClient) ollama = NULL;
  g_autoptr(MrRefreshJob) refresh = NULL;
  g_autoptr(MrJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrRefreshSummary) summary = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);
  MrStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !parse_ids (argc, argv, all, &ids, error))
    return FALSE;
  if (jobs < 1 || jobs > MAX_JOBS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--jobs must be between 1 and %d"), MAX_JOBS);
      return FALSE;
    }
  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;

  hub = hub_client_new (endpoint);
  ollama = mr_ollama_client_new_with_http (NULL, mr_hub_client_get_http (hub));
  refresh = mr_refresh_job_new (store, hub, ollama, mr_cli_actor ());
  mr_refresh_job_set_in_flight (refresh, jobs);
  job = mr_job_new (_("Refreshing"), MR_PRIORITY_INTERACTIVE);
  if (show_progress)
    g_signal_connect (job, "notify::progress", G_CALLBACK (on_progress), NULL);
  mr_refresh_job_run_async (refresh, ids, job, store_result, &result);
  summary = mr_refresh_job_run_finish (refresh, wait_result (&result), error);
  if (show_progress)
    g_printerr ("\n");
  return summary != NULL && report_summary (summary, error);
}

static void
print_snapshot_text (const MrSnapshot *snapshot,
                     GPtrArray        *changes,
                     GString          *out)
{
  g_autoptr(GDateTime) fetched = g_date_time_new_from_unix_utc (snapshot->fetched_at);
  g_autofree char *when = fetched != NULL ? g_date_time_format_iso8601 (fetched) : NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, snapshot->id);

  g_string_append_printf (out, _("Snapshot %s, %s, from %s, revision %s\n"),
                          id, when != NULL ? when : "?",
                          snapshot->source == MR_EVIDENCE_SOURCE_OLLAMA ? "Ollama" : "Hugging Face",
                          snapshot->commit != NULL ? snapshot->commit : _("unknown"));
  g_string_append_printf (out, _("  Licence: %s; gating: %s; weights: %s; %u files\n"),
                          snapshot->license != NULL ? snapshot->license : _("none"),
                          snapshot->gating != NULL ? snapshot->gating : _("none"),
                          snapshot->weights != NULL ? snapshot->weights : _("none"),
                          snapshot->files->len);
  for (guint i = 0; i < changes->len; i++)
    {
      const MrSnapshotChange *change = g_ptr_array_index (changes, i);

      g_string_append_printf (out, "  - %s\n", change->text);
    }
}

static JsonNode *
snapshot_history_json (GPtrArray *snapshots)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const MrSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      g_autoptr(GPtrArray) changes =
        mr_snapshot_diff (i > 0 ? g_ptr_array_index (snapshots, i - 1) : NULL, snapshot);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "snapshot");
      json_builder_add_value (builder, mr_snapshot_to_json_node (snapshot));
      json_builder_set_member_name (builder, "changes");
      json_builder_add_value (builder, mr_snapshot_changes_to_json_node (changes));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

gboolean
mr_cli_run_history (MrCli   *cli,
                      int      argc,
                      char   **argv,
                      GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  MrStore *store;
  gint64 id;

  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !mr_cli_parse_id (argv[1], &id, error))
    return FALSE;
  if (cli->format == MR_CLI_FORMAT_CSV)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Snapshots are shown as text or json"));
      return FALSE;
    }
  store = mr_cli_open_store (cli, error);
  if (store == NULL ||
      (record = mr_store_get_model (store, id, error)) == NULL ||
      (snapshots = mr_store_list_snapshots (store, id, error)) == NULL)
    return FALSE;

  if (cli->format == MR_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = snapshot_history_json (snapshots);
      g_autofree char *json = json_to_string (root, TRUE);

      g_print ("%s\n", json);
      return TRUE;
    }
  if (snapshots->len == 0)
    g_string_append_printf (out, _("%s has no metadata snapshots yet: run “%s refresh %s”\n"),
                            record->name, MR_CLI_PROGRAM, argv[1]);
  for (guint i = 0; i < snapshots->len; i++)
    {
      g_autoptr(GPtrArray) changes =
        mr_snapshot_diff (i > 0 ? g_ptr_array_index (snapshots, i - 1) : NULL,
                          g_ptr_array_index (snapshots, i));

      print_snapshot_text (g_ptr_array_index (snapshots, i), changes, out);
    }
  mr_cli_print_text (out->str);
  return TRUE;
}
