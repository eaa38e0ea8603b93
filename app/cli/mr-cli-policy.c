/* mr-cli-policy.c — mof classifies MOT files, evaluate checks the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both print text for people and JSON for scripts.  A flag is a finding,
 * not a failure: evaluate exits 0 whatever it finds unless --fail-on asks
 * otherwise, so that a CI job can choose how strict to be.
 */
#define G_LOG_DOMAIN "mr-cli-policy"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mr-cli-policy.h"
#include "mr-cli-table.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-mot-yaml.h"
#include "mr-policy.h"

G_DEFINE_QUARK (mr-cli-policy-error-quark, mr_cli_policy_error)

static const char * const status_words[] = {
  [MR_MOF_STATUS_MISSING] = N_("missing"),
  [MR_MOF_STATUS_INCLUDED] = N_("included"),
  [MR_MOF_STATUS_INVALID_LICENSE] = N_("invalid licence"),
  [MR_MOF_STATUS_UNLICENSED] = N_("unlicensed"),
};

/* Words, not colour alone: logs and screen readers have no colour. */
static const char * const severity_words[] = {
  [MR_FLAG_SEVERITY_NONE] = "",
  [MR_FLAG_SEVERITY_INFO] = N_("INFO"),
  [MR_FLAG_SEVERITY_WARNING] = N_("WARNING"),
  [MR_FLAG_SEVERITY_BLOCKING] = N_("BLOCKING"),
};

static gboolean
require_text_or_json (MrCli   *cli,
                      GError **error)
{
  if (cli->format != MR_CLI_FORMAT_CSV)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” writes text or json, not csv"), cli->command->name);
  return FALSE;
}

/* JSON is UTF-8 whatever the locale, so no g_print() here. */
static void
print_json (JsonNode *node,
            gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  data = json_generator_to_data (generator, NULL);
  fputs (data, stdout);
}

/* mof */

static MrModelRecord *
read_mot_file (const char  *filename,
               const char  *display_name,
               GPtrArray   *warnings,
               GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  /* MOT classifies what it recognises; so does this, and says what it
   * skipped. */
  return mr_mot_yaml_parse_full (data, length, display_name,
                                 MR_MOT_YAML_PARSE_SKIP_UNKNOWN_COMPONENTS, warnings, error);
}

/* MOT's classification object, with the file's name and the parser's
 * warnings after the classifier's. */
static JsonNode *
mof_report_new (const char        *display_name,
                const MrMofResult *result,
                GPtrArray         *parse_warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *report;
  JsonArray *warnings;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, display_name);
  mr_mof_result_add_json_members (result, builder);
  json_builder_end_object (builder);

  report = json_builder_get_root (builder);
  warnings = json_object_get_array_member (json_node_get_object (report), "warnings");
  for (guint i = 0; i < parse_warnings->len; i++)
    json_array_add_string_element (warnings, g_ptr_array_index (parse_warnings, i));
  return report;
}

static void
append_components (GString           *out,
                   const MrMofResult *result)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (3);

  mr_cli_table_add_row (table, (const char *[]) { _("Component"), _("Status"), _("Licence") });
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    mr_cli_table_add_row (table, (const char *[]) {
      mr_component_kind_get_title (kind), _(status_words[result->status[kind]]),
      result->license[kind] });
  mr_cli_table_render (table, "  ", out);
}

/* After a blank line when it follows another file's report. */
static void
print_mof_text (const char          *display_name,
                const MrModelRecord *record,
                const MrMofResult   *result,
                JsonNode            *report,
                gboolean             follows)
{
  JsonArray *warnings = json_object_get_array_member (json_node_get_object (report), "warnings");
  g_autofree char *file = mr_cli_text_sanitize (display_name, FALSE);
  g_autofree char *name = mr_cli_text_sanitize (record->name, FALSE);
  g_autoptr(GString) out = g_string_new (NULL);

  if (follows)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s: %s\n", file, name);
  g_string_append_printf (out, "  %s\n  ", mr_mof_class_get_title (result->mof_class));
  /* Translators: the share of each MOF class's components that is included */
  g_string_append_printf (out, _("Progress: class I %.0f%%, class II %.0f%%, class III %.0f%%"),
                          result->progress[1], result->progress[2], result->progress[3]);
  g_string_append_c (out, '\n');
  append_components (out, result);

  if (json_array_get_length (warnings) > 0)
    g_string_append_printf (out, "  %s\n", _("Warnings:"));
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      g_autofree char *warning =
        mr_cli_text_sanitize (json_array_get_string_element (warnings, i), FALSE);

      g_string_append_printf (out, "    %s\n", warning);
    }
  mr_cli_print_text (out->str);
}

/* Prints the text report at once; returns the JSON one. */
static JsonNode *
classify_file (MrCli       *cli,
               const char  *filename,
               gboolean     follows,
               GError     **error)
{
  g_autofree char *display_name = g_filename_display_name (filename);
  g_autoptr(GPtrArray) parse_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MrModelRecord) record = NULL;
  MrMofResult result;
  JsonNode *report;

  record = read_mot_file (filename, display_name, parse_warnings, error);
  if (record == NULL)
    return NULL;
  mr_mof_classify (record, &result);
  report = mof_report_new (display_name, &result, parse_warnings);
  if (cli->format == MR_CLI_FORMAT_TEXT)
    print_mof_text (display_name, record, &result, report, follows);
  return report;
}

/* One object for one file, as MOT's API answers; an array for several. */
static void
print_reports_json (JsonArray *reports,
                    gboolean   single)
{
  g_autoptr(JsonNode) array = NULL;

  if (single)
    print_json (json_array_get_element (reports, 0), TRUE);
  else
    {
      array = json_node_init_array (json_node_alloc (), reports);
      print_json (array, TRUE);
    }
  fputc ('\n', stdout);
}

gboolean
mr_cli_run_mof (MrCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(JsonArray) reports = json_array_new ();
  guint n_files;
  guint n_failed = 0;

  g_option_context_set_description (context,
    _("Classifies Model Openness Tool model files under the Model Openness Framework, "
      "as the tool does. A file that cannot be read is reported and the others are "
      "still classified; the exit status is then 1."));
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !require_text_or_json (cli, error))
    return FALSE;

  n_files = argc - 1;
  for (guint i = 1; i <= n_files; i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *report;

      report = classify_file (cli, argv[i], json_array_get_length (reports) > 0, &local_error);
      if (report != NULL)
        json_array_add_element (reports, report);
      else if (n_files == 1)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        {
          g_printerr ("%s: %s\n", MR_CLI_PROGRAM, local_error->message);
          n_failed++;
        }
    }

  if (cli->format == MR_CLI_FORMAT_JSON)
    print_reports_json (reports, n_files == 1);
  if (n_failed == 0)
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_FAILED,
               ngettext ("could not classify %u file of %u", "could not classify %u files of %u",
                         n_failed),
               n_failed, n_files);
  return FALSE;
}

/* evaluate */

static gboolean
parse_fail_on (const char      *nick,
               MrFlagSeverity  *out_severity,
               GError         **error)
{
  int value = MR_FLAG_SEVERITY_NONE;

  if (nick != NULL &&
      !mr_cli_parse_nick (MR_TYPE_FLAG_SEVERITY, "--fail-on", nick, &value, error))
    return FALSE;
  if (nick != NULL && value == MR_FLAG_SEVERITY_NONE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fail-on: use blocking, warning or info"));
      return FALSE;
    }
  *out_severity = value;
  return TRUE;
}

/* All of them before the register is opened, so a typo creates nothing. */
static GArray *
parse_ids (int      argc,
           char   **argv,
           GError **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), argc);

  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!mr_cli_parse_id (argv[i], &id, error))
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* --framework FILE, else the framework in force for the register. */
static MrFramework *
load_framework (const char  *path,
                MrStore     *store,
                GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return g_object_ref (mr_store_get_framework (store));
  file = g_file_new_for_commandline_arg (path);
  return mr_framework_new_from_file (file, NULL, error);
}

/* The given entries, else every entry. */
static GPtrArray *
load_records (MrStore  *store,
              GArray   *ids,
              GError  **error)
{
  g_autoptr(GPtrArray) records = NULL;

  if (ids->len == 0)
    return mr_store_list_models (store, MR_LOAD_FULL, error);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      MrModelRecord *record = mr_store_get_model (store, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

static void
append_flag_text (GString                *out,
                  const MrPolicyEvidence *evidence,
                  const MrPolicyFlag     *flag)
{
  g_autofree char *reason = mr_policy_flag_dup_reason (flag, evidence);
  g_autofree char *remedy = mr_policy_flag_dup_remedy (flag, evidence);
  g_autofree char *safe_reason = mr_cli_text_sanitize (reason, FALSE);
  g_autofree char *safe_remedy = mr_cli_text_sanitize (remedy, FALSE);

  g_string_append_printf (out, "  %s: %s\n", _(severity_words[flag->severity]), safe_reason);
  /* Translators: what to do about a policy flag */
  g_string_append_printf (out, "    %s %s\n", _("Remedy:"), safe_remedy);
}

static void
print_entry_text (const MrPolicyEvidence *evidence,
                  GArray                 *flags)
{
  const MrModelRecord *record = evidence->record;
  g_autofree char *name = mr_cli_text_sanitize (record->name, FALSE);
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GINT64_FORMAT " %s\n  ", record->id, name);
  /* Translators: an openness level, then a Model Openness Framework class */
  g_string_append_printf (out, _("Openness: %s. MOF: %s."),
                          mr_openness_get_title (evidence->openness.level),
                          mr_mof_class_get_title (evidence->mof.mof_class));
  g_string_append_c (out, '\n');
  if (flags->len == 0)
    g_string_append_printf (out, "  %s\n", _("No flags."));
  for (guint i = 0; i < flags->len; i++)
    append_flag_text (out, evidence, &g_array_index (flags, MrPolicyFlag, i));
  mr_cli_print_text (out->str);
}

static void
print_entry_json (const MrPolicyEvidence *evidence,
                  GArray                 *flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) entry = NULL;

  mr_policy_add_json_entry (builder, evidence, (const MrPolicyFlag *) flags->data, flags->len);
  entry = json_builder_get_root (builder);
  print_json (entry, FALSE);
}

/* Prints one entry's evaluation, with the facts on record that the stored
 * columns were stamped with; sets its worst severity. */
static gboolean
evaluate_record (MrCli                *cli,
                 MrStore              *store,
                 MrFramework          *framework,
                 const MrModelRecord  *record,
                 MrFlagSeverity       *out_worst,
                 GError              **error)
{
  g_autoptr(GArray) flags = NULL;
  MrPolicyEvidence evidence;
  MrPolicyInputs inputs;
  guint n_flags;

  if (!mr_store_get_policy_inputs (store, record->id, &inputs, error))
    return FALSE;
  mr_policy_evidence_init (&evidence, record, &inputs);
  flags = mr_policy_evaluate (framework, &evidence);
  if (cli->format == MR_CLI_FORMAT_JSON)
    print_entry_json (&evidence, flags);
  else
    print_entry_text (&evidence, flags);
  mr_policy_summarize ((const MrPolicyFlag *) flags->data, flags->len, out_worst, &n_flags);
  return TRUE;
}

/* One compact object per line, streamed: a tree of 100,000 evaluations
 * would be built whole before the first byte came out. */
static gboolean
evaluate_records (MrCli           *cli,
                  MrStore         *store,
                  MrFramework     *framework,
                  GPtrArray       *records,
                  MrFlagSeverity   fail_on,
                  guint           *out_n_failing,
                  GError         **error)
{
  gboolean json = cli->format == MR_CLI_FORMAT_JSON;
  guint n_failing = 0;

  if (json)
    fputs ("[\n", stdout);
  else if (records->len == 0)
    mr_cli_print_text (_("The register has no models.\n"));
  for (guint i = 0; i < records->len; i++)
    {
      MrFlagSeverity worst;

      if (!json && i > 0)
        mr_cli_print_text ("\n");
      if (!evaluate_record (cli, store, framework, g_ptr_array_index (records, i), &worst,
                            error))
        return FALSE;
      if (json)
        fputs (i + 1 < records->len ? ",\n" : "\n", stdout);
      if (fail_on != MR_FLAG_SEVERITY_NONE && worst >= fail_on)
        n_failing++;
    }
  if (json)
    fputs ("]\n", stdout);
  *out_n_failing = n_failing;
  return TRUE;
}

gboolean
mr_cli_run_evaluate (MrCli   *cli,
                     int      argc,
                     char   **argv,
                     GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autofree char *framework_path = NULL;
  g_autofree char *fail_on_nick = NULL;
  const GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_FILENAME, &framework_path,
      N_("Evaluate against the governance framework in FILE instead of the one in force"),
      N_("FILE") },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_nick,
      N_("Exit with status 3 when a flag is this severe or worse: blocking, warning or info"),
      N_("SEVERITY") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(MrFramework) framework = NULL;
  g_autoptr(GPtrArray) records = NULL;
  MrFlagSeverity fail_on;
  MrStore *store;
  guint n_failing;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Evaluates the intended uses of the given models, or of every model, against the "
      "governance framework, and prints each flag with its reason and remedy.\n\n"
      "Exit status:\n"
      "  0  evaluated, whatever the flags found\n"
      "  1  the register, a model or the framework could not be read\n"
      "  2  usage error\n"
      "  3  a flag at the --fail-on severity or worse"));
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !require_text_or_json (cli, error) ||
      !parse_fail_on (fail_on_nick, &fail_on, error) ||
      (ids = parse_ids (argc, argv, error)) == NULL ||
      (store = mr_cli_open_store (cli, error)) == NULL ||
      (framework = load_framework (framework_path, store, error)) == NULL ||
      (records = load_records (store, ids, error)) == NULL ||
      !evaluate_records (cli, store, framework, records, fail_on, &n_failing, error))
    return FALSE;
  if (n_failing == 0)
    return TRUE;
  g_set_error (error, MR_CLI_POLICY_ERROR, MR_CLI_POLICY_ERROR_FLAGGED,
               ngettext ("%u model has a flag at severity “%s” or worse",
                         "%u models have a flag at severity “%s” or worse", n_failing),
               n_failing, fail_on_nick);
  return FALSE;
}
