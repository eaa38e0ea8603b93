/* mr-cli-workflow.c — submit, decide, retire; approval history; audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The acting person is the operating-system user (mr-identity.h): there is
 * deliberately no option to act as someone else.  The rules are the
 * store's, so a refusal here reads exactly as it does in the window.
 */
#define G_LOG_DOMAIN "mr-cli-workflow"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mr-cli-table.h"
#include "mr-cli-workflow.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-identity.h"
#include "mr-policy.h"
#include "mr-time-util.h"

typedef struct {
  char  *comment;
  char **uses;
  char  *owner;
  char  *deployment;
  char  *data_sensitivity;
  char  *justification;
  char  *conditions;
  char  *review_date;
} WorkflowOptions;

static void
workflow_options_clear (WorkflowOptions *options)
{
  g_clear_pointer (&options->comment, g_free);
  g_clear_pointer (&options->uses, g_strfreev);
  g_clear_pointer (&options->owner, g_free);
  g_clear_pointer (&options->deployment, g_free);
  g_clear_pointer (&options->data_sensitivity, g_free);
  g_clear_pointer (&options->justification, g_free);
  g_clear_pointer (&options->conditions, g_free);
  g_clear_pointer (&options->review_date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WorkflowOptions, workflow_options_clear)

typedef struct {
  char  *output;
  char  *since;
  char  *until;
} AuditOptions;

static void
audit_options_clear (AuditOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->since, g_free);
  g_clear_pointer (&options->until, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuditOptions, audit_options_clear)

/* Overdue reviews are found whenever someone looks at the workflow, not by
 * a daemon: the register is a file that may sit unopened for months. */
static MrStore *
open_store (MrCli   *cli,
            GError **error)
{
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL ||
      !mr_store_mark_overdue (store, g_get_real_time () / G_USEC_PER_SEC, NULL, error))
    return NULL;
  return store;
}

static gboolean
parse_date (const char  *option,
            const char  *text,
            gint64      *out_time,
            GError     **error)
{
  *out_time = 0;
  if (text == NULL || mr_time_from_iso8601 (text, out_time))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: “%s” is not a date; write it as YYYY-MM-DD"), option, text);
  return FALSE;
}

static gboolean
require_format (MrCli        *cli,
                MrCliFormat   refused,
                GError      **error)
{
  if (cli->format != refused)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               refused == MR_CLI_FORMAT_CSV ? _("“%s” writes text or json, not csv")
                                            : _("“%s” writes json or csv, not text"),
               cli->command->name);
  return FALSE;
}

/* Decisions */

static void
add_workflow_entries (GOptionContext   *context,
                      MrWorkflowAction  action,
                      WorkflowOptions  *options)
{
  const GOptionEntry common[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &options->comment,
      action == MR_WORKFLOW_ACTION_SUBMIT ? N_("The business justification (required)")
                                          : N_("Your comment or reason (required)"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry submit[] = {
    { "use", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->uses,
      N_("An intended use to approve it for (repeat for several; default: the entry's)"),
      N_("USE") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &options->owner,
      N_("Who is accountable for its use"), N_("NAME") },
    { "deployment", 0, 0, G_OPTION_ARG_STRING, &options->deployment,
      N_("self-hosted or vendor-api"), N_("KIND") },
    { "data-sensitivity", 0, 0, G_OPTION_ARG_STRING, &options->data_sensitivity,
      N_("public, internal, confidential, personal or special-category"), N_("LEVEL") },
    { "justification", 0, 0, G_OPTION_ARG_STRING, &options->justification,
      N_("Why a blocking flag of these uses is acceptable (required when there is one)"),
      N_("TEXT") },
    { "review-date", 0, 0, G_OPTION_ARG_STRING, &options->review_date,
      N_("When the approval should be reviewed"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry approve[] = {
    { "conditions", 0, 0, G_OPTION_ARG_STRING, &options->conditions,
      N_("Approve with these conditions"), N_("TEXT") },
    { "review-date", 0, 0, G_OPTION_ARG_STRING, &options->review_date,
      N_("When the approval must be reviewed (default: the date requested)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (action == MR_WORKFLOW_ACTION_SUBMIT)
    g_option_context_add_main_entries (context, submit, GETTEXT_PACKAGE);
  else if (action == MR_WORKFLOW_ACTION_APPROVE)
    g_option_context_add_main_entries (context, approve, GETTEXT_PACKAGE);
}

static gboolean
build_input (const WorkflowOptions  *options,
             MrWorkflowInput        *input,
             GError                **error)
{
  int deployment = MR_DEPLOYMENT_UNSPECIFIED;
  int sensitivity = MR_DATA_SENSITIVITY_UNSPECIFIED;

  if ((options->deployment != NULL &&
       !mr_cli_parse_nick (MR_TYPE_DEPLOYMENT, "--deployment", options->deployment,
                           &deployment, error)) ||
      (options->data_sensitivity != NULL &&
       !mr_cli_parse_nick (MR_TYPE_DATA_SENSITIVITY, "--data-sensitivity",
                           options->data_sensitivity, &sensitivity, error)) ||
      !parse_date ("--review-date", options->review_date, &input->review_date, error))
    return FALSE;

  input->intended_uses = (const char * const *) options->uses;
  input->owner = options->owner;
  input->deployment = deployment;
  input->data_sensitivity = sensitivity;
  input->justification = options->justification;
  input->comment = options->comment;
  input->conditions = options->conditions;
  return TRUE;
}

/* What the submit form shows before submitting: the flags the chosen uses
 * raise, on stderr so that the output stays the entry alone. */
static gboolean
show_submission_flags (MrStore                *store,
                       gint64                  id,
                       const MrWorkflowInput  *input,
                       GError                **error)
{
  MrFramework *framework = mr_store_get_framework (store);
  g_autoptr(MrModelRecord) entry = mr_store_get_model (store, id, error);
  g_autoptr(MrModelRecord) proposal = NULL;
  g_autoptr(GArray) flags = NULL;
  MrPolicyEvidence evidence;
  MrPolicyInputs inputs;

  if (entry == NULL || !mr_store_get_policy_inputs (store, id, &inputs, error))
    return FALSE;
  proposal = mr_workflow_propose_submission (entry, input, framework);
  mr_policy_evidence_init (&evidence, proposal, &inputs);
  flags = mr_policy_evaluate (framework, &evidence);
  for (guint i = 0; i < flags->len; i++)
    {
      const MrPolicyFlag *flag = &g_array_index (flags, MrPolicyFlag, i);
      g_autofree char *reason = mr_policy_flag_dup_reason (flag, &evidence);
      g_autofree char *safe = mr_cli_text_sanitize (reason, FALSE);

      if (flag->severity < MR_FLAG_SEVERITY_WARNING)
        continue;
      /* Translators: use id, then a policy flag's reason */
      g_printerr (flag->severity == MR_FLAG_SEVERITY_BLOCKING ? _("Blocking (%s): %s\n")
                                                              : _("Warning (%s): %s\n"),
                  flag->use_id, safe);
    }
  return TRUE;
}

static void
print_outcome (MrCli               *cli,
               const MrModelRecord *record)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;

  if (cli->format != MR_CLI_FORMAT_TEXT)
    {
      records = g_ptr_array_new ();
      g_ptr_array_add (records, (gpointer) record);
      mr_cli_print_data (cli, records, TRUE);
      return;
    }
  name = mr_cli_text_sanitize (record->name, FALSE);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  /* Translators: model id, model name, status nick, revision */
  line = g_strdup_printf (_("%s “%s”: %s (revision %u)\n"), id, name,
                          mr_enum_to_nick (MR_TYPE_STATUS, record->status), record->revision);
  mr_cli_print_text (line);
}

gboolean
mr_cli_run_workflow (MrCli   *cli,
                     int      argc,
                     char   **argv,
                     GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_auto(WorkflowOptions) options = { 0 };
  g_autoptr(MrModelRecord) record = NULL;
  MrWorkflowInput input = { 0 };
  MrWorkflowAction action;
  MrStore *store;
  gint64 id;

  /* mr-cli.c's table runs this for the actions' own names only. */
  if (!mr_workflow_action_from_nick (cli->command->name, &action))
    g_return_val_if_reached (FALSE);
  add_workflow_entries (context, action, &options);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !mr_cli_parse_id (argv[1], &id, error) ||
      !build_input (&options, &input, error))
    return FALSE;
  if (action == MR_WORKFLOW_ACTION_APPROVE && options.conditions != NULL)
    action = MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS;

  store = open_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (action == MR_WORKFLOW_ACTION_SUBMIT && !show_submission_flags (store, id, &input, error))
    return FALSE;
  record = mr_store_act (store, id, action, &input, mr_identity_get_actor (), error);
  if (record == NULL)
    return FALSE;
  print_outcome (cli, record);
  return TRUE;
}

/* History */

static char *
format_time (gint64 time)
{
  return time != 0 ? mr_time_to_iso8601 (time) : NULL;
}

static void
add_event_json (JsonBuilder           *builder,
                const MrApprovalEvent *event)
{
  const struct { const char *member; const char *value; } texts[] = {
    { "action", mr_workflow_action_to_nick (event->action) },
    { "status", mr_enum_to_nick (MR_TYPE_STATUS, event->status) },
    { "actor", event->actor },
    { "comment", event->comment },
    { "conditions", event->conditions },
    { "justification", event->justification },
    { "framework", event->framework },
  };
  g_autofree char *time = format_time (event->time);
  g_autofree char *review_date = format_time (event->review_date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_int_value (builder, event->model_id);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, event->model_revision);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      json_builder_set_member_name (builder, texts[i].member);
      if (texts[i].value != NULL)
        json_builder_add_string_value (builder, texts[i].value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "intended_uses");
  json_builder_begin_array (builder);
  for (guint i = 0; event->intended_uses[i] != NULL; i++)
    json_builder_add_string_value (builder, event->intended_uses[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "review_date");
  if (review_date != NULL)
    json_builder_add_string_value (builder, review_date);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
print_history_json (GPtrArray *events)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    add_event_json (builder, g_ptr_array_index (events, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale. */
  fputs (data, stdout);
  fputc ('\n', stdout);
}

/* The current user's entries with their display name. */
static const char *
actor_text (const char *actor,
            const char *own_actor)
{
  return g_strcmp0 (actor, mr_identity_get_actor ()) == 0 ? own_actor : actor;
}

static void
print_history_text (const MrModelRecord *record,
                    GPtrArray           *events)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (8);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = mr_cli_text_sanitize (record->name, FALSE);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  g_autofree char *own_actor = NULL;

  /* Translators: model id, model name, status nick, revision */
  g_string_append_printf (out, _("Approval history of %s “%s”, now %s at revision %u\n"),
                          id, name, mr_enum_to_nick (MR_TYPE_STATUS, record->status),
                          record->revision);
  if (events->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("It was never submitted."));
      mr_cli_print_text (out->str);
      return;
    }
  own_actor = mr_cli_dup_own_actor_text ();
  mr_cli_table_set_max_width (table, 7, 60);
  mr_cli_table_add_row (table, (const char *[]) {
    _("Time"), _("Action"), _("Revision"), _("By"), _("Uses"), _("Review date"),
    _("Framework"), _("Comment") });
  for (guint i = 0; i < events->len; i++)
    {
      const MrApprovalEvent *event = g_ptr_array_index (events, i);
      g_autofree char *time = format_time (event->time);
      g_autofree char *revision = g_strdup_printf ("%u", event->model_revision);
      g_autofree char *uses = g_strjoinv (", ", event->intended_uses);
      g_autofree char *review_date = format_time (event->review_date);
      g_autofree char *comment = event->conditions != NULL
                                 ? g_strdup_printf (_("%s — conditions: %s"),
                                                    event->comment, event->conditions)
                                 : g_strdup (event->comment);

      mr_cli_table_add_row (table, (const char *[]) {
        time, mr_workflow_action_to_nick (event->action), revision,
        actor_text (event->actor, own_actor), uses, review_date, event->framework, comment });
    }
  mr_cli_table_render (table, "", out);
  mr_cli_print_text (out->str);
}

gboolean
mr_cli_run_approvals (MrCli   *cli,
                    int      argc,
                    char   **argv,
                    GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GPtrArray) events = NULL;
  MrStore *store;
  gint64 id;

  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !require_format (cli, MR_CLI_FORMAT_CSV, error) ||
      !mr_cli_parse_id (argv[1], &id, error))
    return FALSE;

  if ((store = open_store (cli, error)) == NULL ||
      (record = mr_store_get_model (store, id, error)) == NULL ||
      (events = mr_store_list_approvals (store, id, error)) == NULL)
    return FALSE;
  if (cli->format == MR_CLI_FORMAT_JSON)
    print_history_json (events);
  else
    print_history_text (record, events);
  return TRUE;
}

/* Audit trail */

static gboolean
audit_verify (MrCli    *cli,
              MrStore  *store,
              GError  **error)
{
  g_autofree char *line = NULL;
  guint n_entries = 0;

  if (!mr_store_verify_audit (store, &n_entries, NULL, error))
    return FALSE;
  if (cli->format == MR_CLI_FORMAT_JSON)
    line = g_strdup_printf ("{\"intact\": true, \"entries\": %u}\n", n_entries);
  else
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Audit trail intact: %u entry\n",
                                         "Audit trail intact: %u entries\n", n_entries),
                            n_entries);
  mr_cli_print_text (line);
  return TRUE;
}

static void
print_audit_text (GPtrArray *entries)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (5);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *own_actor = mr_cli_dup_own_actor_text ();

  /* Translators: headers of the audit trail table; "Seq" is the entry's
   * number in the hash chain, "Entity" what the entry is about */
  mr_cli_table_add_row (table, (const char *[]) {
    _("Seq"), _("Time"), _("Actor"), _("Action"), _("Entity") });
  for (guint i = 0; i < entries->len; i++)
    {
      const MrAuditRecord *entry = g_ptr_array_index (entries, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, entry->seq);
      g_autofree char *time = format_time (entry->time);
      g_autofree char *entity = entry->entity_id != 0
                                ? g_strdup_printf ("%s %" G_GINT64_FORMAT, entry->entity_type,
                                                   entry->entity_id)
                                : g_strdup (entry->entity_type);

      mr_cli_table_add_row (table, (const char *[]) {
        seq, time, actor_text (entry->actor, own_actor), entry->action, entity });
    }
  mr_cli_table_render (table, "", out);
  mr_cli_print_text (out->str);
}

/* Writes to @output, or to standard output when it is NULL or "-". */
static gboolean
write_output (const char  *output,
              const char  *data,
              GError     **error)
{
  if (output == NULL || g_strcmp0 (output, "-") == 0)
    {
      fputs (data, stdout);
      return TRUE;
    }
  return g_file_set_contents (output, data, -1, error);
}

static gboolean
audit_entries (MrCli               *cli,
               MrStore             *store,
               gboolean             export,
               const char          *id_arg,
               const AuditOptions  *options,
               GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *data = NULL;
  gint64 id = 0;
  gint64 since;
  gint64 until;

  if ((id_arg != NULL && !mr_cli_parse_id (id_arg, &id, error)) ||
      !parse_date ("--since", options->since, &since, error) ||
      !parse_date ("--until", options->until, &until, error))
    return FALSE;
  if (export && !require_format (cli, MR_CLI_FORMAT_TEXT, error))
    return FALSE;
  entries = mr_store_list_audit (store, id, since, until, error);
  if (entries == NULL)
    return FALSE;

  if (cli->format == MR_CLI_FORMAT_TEXT)
    {
      print_audit_text (entries);
      return TRUE;
    }
  data = cli->format == MR_CLI_FORMAT_CSV ? mr_audit_records_to_csv (entries)
                                          : mr_audit_records_to_json (entries);
  return write_output (export ? options->output : NULL, data, error);
}

gboolean
mr_cli_run_audit (MrCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_auto(AuditOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("export: the file to write (default: standard output)"), N_("FILE") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &options.since,
      N_("list, export: entries from this date (UTC) on"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &options.until,
      N_("list, export: entries up to this date and time (UTC)"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };
  const char *subcommand;
  MrStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error))
    return FALSE;
  subcommand = argv[1];
  if (g_strcmp0 (subcommand, "verify") != 0 && g_strcmp0 (subcommand, "list") != 0 &&
      g_strcmp0 (subcommand, "export") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not an audit command; use verify, list or export"), subcommand);
      return FALSE;
    }
  if (g_strcmp0 (subcommand, "verify") == 0 && argc > 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), argv[2]);
      return FALSE;
    }
  /* An export defaults to JSON: it is meant for another program. */
  if (g_strcmp0 (subcommand, "export") == 0 && cli->format_name == NULL)
    cli->format = MR_CLI_FORMAT_JSON;

  /* Verifying reads only: it must not add entries (overdue reviews) to the
   * trail it checks. */
  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (g_strcmp0 (subcommand, "verify") == 0)
    return require_format (cli, MR_CLI_FORMAT_CSV, error) && audit_verify (cli, store, error);
  return audit_entries (cli, store, g_strcmp0 (subcommand, "export") == 0,
                        argc > 2 ? argv[2] : NULL, &options, error);
}
