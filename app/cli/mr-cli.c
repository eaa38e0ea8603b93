/* mr-cli.c — command dispatch, options shared by every command, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "mr-cli-check.h"
#include "mr-cli-checks.h"
#include "mr-cli-policy.h"
#include "mr-cli-private.h"
#include "mr-cli-refresh.h"
#include "mr-cli-report.h"
#include "mr-cli-table.h"
#include "mr-cli-verify.h"
#include "mr-cli-workflow.h"
#include "mr-csv.h"
#include "mr-error.h"
#include "mr-identity.h"
#include "mr-model-json.h"
#include "mr-record-fields.h"

static gboolean run_help    (MrCli   *cli,
                             int      argc,
                             char   **argv,
                             GError **error);
static gboolean run_version (MrCli   *cli,
                             int      argc,
                             char   **argv,
                             GError **error);

static const MrCliCommand commands[] = {
  { "list", NULL, N_("List the models in the register"),
    0, 0, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_list },
  { "show", N_("ID"), N_("Show every field of one model"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_show },
  { "add", NULL, N_("Add a model and print its id"),
    0, 0, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_add },
  { "edit", N_("ID"), N_("Change the given fields of a model"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_edit },
  { "remove", N_("ID…"), N_("Remove models"),
    1, G_MAXUINT, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_remove },
  { "import", N_("FILE"), N_("Import models from a CSV, JSON or MOT YAML file"),
    0, 1, MR_CLI_OPTION_DATABASE, mr_cli_run_import },
  { "export", N_("FILE"), N_("Export models to a CSV, JSON or MOT YAML file (“-” writes to standard output)"),
    1, 1, MR_CLI_OPTION_DATABASE, mr_cli_run_export },
  { "mof", N_("FILE…"), N_("Classify MOT model files under the Model Openness Framework"),
    1, G_MAXUINT, MR_CLI_OPTION_FORMAT, mr_cli_run_mof },
  { "evaluate", N_("[ID…]"), N_("Check models against the governance framework"),
    0, G_MAXUINT, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_evaluate },
  { "verify", N_("ID|FILE"), N_("Check weights files: headers, parameters, SHA-256"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_verify },
  { "check", N_("ID|FILE.gguf"), N_("Run a model locally and check that it generates"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_check },
  { "checks", N_("ID"), N_("Show the verifications and inference checks of a model"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_checks },
  { "report", NULL, N_("Write a governance report, a model factsheet or the inventory to a file"),
    0, 0, MR_CLI_OPTION_DATABASE, mr_cli_run_report },
  { "refresh", N_("[ID…]"), N_("Fetch the current metadata of models from Hugging Face or Ollama"),
    0, G_MAXUINT, MR_CLI_OPTION_DATABASE, mr_cli_run_refresh },
  { "history", N_("ID"), N_("Show the metadata snapshots of a model and what changed between them"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_history },
  { "submit", N_("ID"), N_("Submit a model for approval for its intended uses"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_workflow },
  { "approve", N_("ID"), N_("Approve a submitted model, with --conditions if any"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_workflow },
  { "request-changes", N_("ID"), N_("Send a submitted model back for changes"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_workflow },
  { "reject", N_("ID"), N_("Reject a submitted model"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_workflow },
  { "retire", N_("ID"), N_("Retire a model for good"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_workflow },
  { "approvals", N_("ID"), N_("Show which revision was approved for which use, when and by whom"),
    1, 1, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_approvals },
  { "audit", N_("verify|list [ID]|export [ID]"),
    N_("Verify the audit trail's hash chain, list it or export it"),
    1, 2, MR_CLI_OPTION_DATABASE | MR_CLI_OPTION_FORMAT, mr_cli_run_audit },
  { "help", N_("[COMMAND]"), N_("List the commands, or show the options of one"),
    0, 1, 0, run_help },
  { "version", NULL, N_("Print the program's version"),
    0, 0, 0, run_version },
};

static const char * const format_names[] = {
  [MR_CLI_FORMAT_TEXT] = "text",
  [MR_CLI_FORMAT_JSON] = "json",
  [MR_CLI_FORMAT_CSV] = "csv",
};

static const MrCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

gboolean
mr_cli_is_command (const char *arg)
{
  /* The window takes no file arguments, so any word is meant as a command:
   * a typo then gets a usage error instead of starting the GUI. */
  return arg != NULL && arg[0] != '-' && arg[0] != '\0';
}

GOptionContext *
mr_cli_context_new (MrCli *cli)
{
  const MrCliCommand *command = cli->command;
  GOptionContext *context;

  context = g_option_context_new (command->parameters != NULL ? _(command->parameters) : NULL);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static void
add_global_entries (MrCli          *cli,
                    GOptionContext *context)
{
  const GOptionEntry database_entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &cli->database,
      N_("The register to use (default: $MODEL_REGISTER_DATABASE, else the user's register)"),
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry format_entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &cli->format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };

  if (cli->command->options & MR_CLI_OPTION_DATABASE)
    g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);
  if (cli->command->options & MR_CLI_OPTION_FORMAT)
    g_option_context_add_main_entries (context, format_entries, GETTEXT_PACKAGE);
}

static gboolean
parse_format (MrCli   *cli,
              GError **error)
{
  if (cli->format_name == NULL)
    {
      cli->format = MR_CLI_FORMAT_TEXT;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (cli->format_name, format_names[i]) == 0)
        {
          cli->format = i;
          return TRUE;
        }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not an output format; use text, json or csv"), cli->format_name);
  return FALSE;
}

gboolean
mr_cli_parse (MrCli            *cli,
              GOptionContext   *context,
              int              *argc,
              char           ***argv,
              GError          **error)
{
  const MrCliCommand *command = cli->command;
  guint n_args;

  add_global_entries (cli, context);
  if (!g_option_context_parse (context, argc, argv, error) ||
      !parse_format (cli, error))
    return FALSE;

  n_args = *argc - 1;
  if (n_args < command->min_args)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   /* Translators: %s names what is missing, e.g. "ID" or "FILE" */
                   _("missing argument %s"), _(command->parameters));
      return FALSE;
    }
  if (n_args > command->max_args)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), (*argv)[command->max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

/* A string preference of the window, or NULL when it is empty or the
 * settings schema is not installed (a build run from its tree, say): the
 * CLI must not abort as g_settings_new() would. */
static char *
dup_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, key);
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

/* The framework in force: $MODEL_REGISTER_FRAMEWORK, else the one the
 * window uses; NULL without an error for the built-in one. */
static MrFramework *
load_framework_in_force (GError **error)
{
  const char *variable = g_getenv ("MODEL_REGISTER_FRAMEWORK");
  g_autofree char *setting = NULL;
  g_autoptr(GFile) file = NULL;

  if (variable != NULL && *variable != '\0')
    file = g_file_new_for_commandline_arg (variable);
  else if ((setting = dup_setting ("framework-file")) != NULL)
    file = g_file_new_for_path (setting);
  else
    return NULL;
  return mr_framework_new_from_file (file, NULL, error);
}

MrStore *
mr_cli_open_store (MrCli   *cli,
                   GError **error)
{
  g_autoptr(MrFramework) framework = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  /* Before the register, so that a broken framework changes nothing. */
  framework = load_framework_in_force (&local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  path = mr_sqlite_store_resolve_path (cli->database);
  cli->store = mr_sqlite_store_open (path, error);
  if (cli->store != NULL && framework != NULL)
    mr_store_set_framework (cli->store, framework);
  return cli->store;
}

const char *
mr_cli_actor (void)
{
  return mr_identity_get_actor ();
}

char *
mr_cli_dup_own_actor_text (void)
{
  g_autofree char *display_name = dup_setting ("display-name");

  return mr_identity_dup_display_text (display_name);
}

gboolean
mr_cli_parse_id (const char  *arg,
                 gint64      *out_id,
                 GError     **error)
{
  if (g_ascii_string_to_signed (arg, 10, 1, G_MAXINT64, out_id, NULL))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a model id (a positive whole number)"), arg);
  return FALSE;
}

gboolean
mr_cli_parse_nick (GType        enum_type,
                   const char  *option,
                   const char  *nick,
                   int         *out_value,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mr_record_enum_from_nick (enum_type, nick, out_value, &local_error))
    return TRUE;
  /* A bad option value is a usage error, not a bad file. */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: %s", option, local_error->message);
  return FALSE;
}

/* One compact object per line: json-glib would build the whole array as one
 * tree first, gigabytes for 100,000 models with their components. */
static void
print_json_array (GPtrArray *records)
{
  fputs ("[\n", stdout);
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *object = mr_model_record_to_json (g_ptr_array_index (records, i), FALSE);

      fputs (object, stdout);
      fputs (i + 1 < records->len ? ",\n" : "\n", stdout);
    }
  fputs ("]\n", stdout);
}

void
mr_cli_print_data (MrCli     *cli,
                   GPtrArray *records,
                   gboolean   single)
{
  g_autofree char *data = NULL;

  g_return_if_fail (cli->format != MR_CLI_FORMAT_TEXT);
  g_return_if_fail (!single || records->len == 1);

  /* Data formats are UTF-8 whatever the locale, so no g_print() here. */
  if (cli->format == MR_CLI_FORMAT_CSV)
    {
      data = mr_csv_write_records (records);
      fputs (data, stdout);
    }
  else if (single)
    {
      data = mr_model_record_to_json (g_ptr_array_index (records, 0), TRUE);
      fputs (data, stdout);
      fputc ('\n', stdout);
    }
  else
    print_json_array (records);
}

void
mr_cli_print_text (const char *text)
{
  g_print ("%s", text);
}

static void
print_commands (void)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (2);
  g_autoptr(MrCliTable) environment = mr_cli_table_new (2);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    mr_cli_table_add_row (table, (const char *[]) { commands[i].name, _(commands[i].summary) });

  g_string_append_printf (out, "%s\n  %s %s\n\n%s\n", _("Usage:"), MR_CLI_PROGRAM,
                          _("COMMAND [OPTION…]"), _("Commands:"));
  mr_cli_table_render (table, "  ", out);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Run “%s COMMAND --help” to see the options of a command.\n"),
                          MR_CLI_PROGRAM);
  g_string_append_printf (out, _("Without a command, %s opens its window.\n"), MR_CLI_PROGRAM);
  mr_cli_table_add_row (environment, (const char *[]) {
    "MODEL_REGISTER_DATABASE", _("The register to use instead of the user's") });
  mr_cli_table_add_row (environment, (const char *[]) {
    "MODEL_REGISTER_FRAMEWORK", _("The framework file to apply instead of the preference") });
  mr_cli_table_add_row (environment, (const char *[]) {
    "HF_TOKEN", _("The Hugging Face token, instead of the keyring's") });
  g_string_append_printf (out, "\n%s\n", _("Environment:"));
  mr_cli_table_render (environment, "  ", out);
  mr_cli_print_text (out->str);
}

static void
set_prgname (const MrCliCommand *command)
{
  g_autofree char *prgname = g_strdup_printf ("%s %s", MR_CLI_PROGRAM, command->name);

  /* GOptionContext puts the program name in its usage line. */
  g_set_prgname (prgname);
}

static gboolean
unknown_command (const char  *name,
                 GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("“%s” is not a command"), name);
  return FALSE;
}

static void
mr_cli_clear (MrCli *cli)
{
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->database, g_free);
  g_clear_pointer (&cli->format_name, g_free);
}

static gboolean
run_version (MrCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);

  if (!mr_cli_parse (cli, context, &argc, &argv, error))
    return FALSE;
  mr_cli_print_text (MR_CLI_PROGRAM " " PACKAGE_VERSION "\n");
  return TRUE;
}

static gboolean
run_help (MrCli   *cli,
          int      argc,
          char   **argv,
          GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  const MrCliCommand *command;
  MrCli sub = { 0 };
  char *help_argv[3] = { NULL, (char *) "--help", NULL };
  gboolean ok;

  if (!mr_cli_parse (cli, context, &argc, &argv, error))
    return FALSE;

  command = argc > 1 ? find_command (argv[1]) : NULL;
  if (argc > 1 && command == NULL)
    return unknown_command (argv[1], error);
  if (command == NULL || command->run == run_help)
    {
      print_commands ();
      return TRUE;
    }

  /* The options live in each command's own function: let it print them
   * (GOptionContext prints the help and exits). */
  sub.command = command;
  help_argv[0] = (char *) command->name;
  set_prgname (command);
  ok = command->run (&sub, 2, help_argv, error);
  mr_cli_clear (&sub);
  return ok;
}

/* What a script's author can do about it, when that is not obvious. */
static const char *
advice_for (const GError *error)
{
  if (g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT))
    return _("Nothing was saved. Run the command again to change the current version.");
  if (g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_A_DATABASE) ||
      g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT) ||
      g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_TOO_NEW))
    return _("The file was left untouched.");
  if (g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_BUSY))
    return _("Another program is writing to the register. Try again in a moment.");
  return NULL;
}

/* The one place where an error becomes words on stderr and an exit code. */
static int
report_error (const MrCliCommand *command,
              const GError       *error)
{
  const char *advice = advice_for (error);

  g_printerr ("%s: %s\n", MR_CLI_PROGRAM, error->message);
  if (g_error_matches (error, MR_CLI_POLICY_ERROR, MR_CLI_POLICY_ERROR_FLAGGED))
    return MR_CLI_EXIT_FLAGGED;
  if (error->domain != G_OPTION_ERROR)
    {
      if (advice != NULL)
        g_printerr ("%s\n", advice);
      return MR_CLI_EXIT_USER_ERROR;
    }

  if (command != NULL && command->run != run_help)
    g_printerr (_("Run “%s %s --help” to see its usage.\n"), MR_CLI_PROGRAM, command->name);
  else
    g_printerr (_("Run “%s help” to see the commands.\n"), MR_CLI_PROGRAM);
  return MR_CLI_EXIT_USAGE;
}

static gboolean
flush_stdout (GError **error)
{
  int saved_errno;

  if (fflush (stdout) == 0 && !ferror (stdout))
    return TRUE;
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("could not write the output: %s"), g_strerror (saved_errno));
  return FALSE;
}

int
mr_cli_main (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  MrCli cli = { 0 };
  int n_args = argc - 1;
  char **args = argv + 1;
  gboolean ok;

  g_return_val_if_fail (argc > 1, MR_CLI_EXIT_USAGE);

  cli.command = find_command (args[0]);
  if (cli.command == NULL)
    ok = unknown_command (args[0], &error);
  else
    {
      set_prgname (cli.command);
      ok = cli.command->run (&cli, n_args, args, &error);
    }
  /* Output is buffered: a full disk shows up only when it is flushed. */
  ok = ok && flush_stdout (&error);
  mr_cli_clear (&cli);

  return ok ? MR_CLI_EXIT_OK : report_error (cli.command, error);
}
