/* mr-cli-checks.c — checks lists the verifications and inference checks of a model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-checks"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mr-cli-checks.h"
#include "mr-cli-table.h"
#include "mr-time-util.h"

static const char * const kind_labels[] = {
  [MR_CHECK_KIND_VERIFICATION] = N_("Verification"),
  [MR_CHECK_KIND_INFERENCE] = N_("Inference"),
  [MR_CHECK_KIND_INFERENCE_ENDPOINT] = N_("Inference (endpoint)"),
};

static const char * const status_labels[] = {
  [MR_CHECK_STATUS_PASSED] = N_("passed"),
  [MR_CHECK_STATUS_FAILED] = N_("FAILED"),
  [MR_CHECK_STATUS_ERROR] = N_("error"),
};

gboolean
mr_cli_store_check (MrCli          *cli,
                    gint64          model_id,
                    MrCheckKind     kind,
                    const char     *inputs_json,
                    gint64          started_at,
                    MrCheckStatus   status,
                    const char     *result_json,
                    const GError   *run_error,
                    GError        **error)
{
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL)
    return FALSE;
  return mr_store_add_check (store, model_id, kind,
                             run_error != NULL ? MR_CHECK_STATUS_ERROR : status,
                             inputs_json, run_error != NULL ? NULL : result_json, started_at,
                             g_get_real_time () / G_USEC_PER_SEC, mr_cli_actor (),
                             run_error != NULL ? run_error->message : NULL, error) > 0;
}

static void
print_text (GPtrArray *checks)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (5);
  g_autoptr(GString) out = g_string_new (NULL);

  if (checks->len == 0)
    {
      mr_cli_print_text (_("No checks on record.\n"));
      return;
    }
  mr_cli_table_add_row (table, (const char *[]) {
    _("ID"), _("Finished"), _("Check"), _("Status"), _("Outcome") });
  for (guint i = 0; i < checks->len; i++)
    {
      const MrCheckRecord *check = g_ptr_array_index (checks, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, check->id);
      g_autofree char *finished = mr_time_to_iso8601 (check->finished_at);
      g_autofree char *summary = mr_check_record_dup_summary (check);
      g_autofree char *safe_summary = mr_cli_text_sanitize (summary, FALSE);

      mr_cli_table_add_row (table, (const char *[]) {
        id, finished, _(kind_labels[check->kind]), _(status_labels[check->status]),
        safe_summary });
    }
  mr_cli_table_render (table, "", out);
  mr_cli_print_text (out->str);
}

gboolean
mr_cli_run_checks (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  MrStore *store;
  gint64 id;

  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !mr_cli_parse_id (argv[1], &id, error))
    return FALSE;
  if (cli->format == MR_CLI_FORMAT_CSV)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” writes text or json, not csv"), cli->command->name);
      return FALSE;
    }
  /* An unknown id is an error, not an empty history. */
  if ((store = mr_cli_open_store (cli, error)) == NULL ||
      (record = mr_store_get_model (store, id, error)) == NULL ||
      (checks = mr_store_list_checks (store, id, error)) == NULL)
    return FALSE;

  if (cli->format == MR_CLI_FORMAT_JSON)
    {
      g_autofree char *json = mr_check_records_to_json (checks, TRUE);

      fputs (json, stdout);
      fputc ('\n', stdout);
    }
  else
    print_text (checks);
  return TRUE;
}
