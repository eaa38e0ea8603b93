/* mr-cli-check.c — check runs the inference check on a model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local GGUF goes to the model-register-check helper; with --endpoint
 * the argument is a model name on an OpenAI-compatible server.  Output
 * that differs between the two runs is a blocking finding: the result is
 * printed as usual and the exit code is MR_CLI_EXIT_FLAGGED.  Ctrl+C
 * cancels the check and kills the helper.
 */
#define G_LOG_DOMAIN "mr-cli-check"

#include "config.h"

#include <inttypes.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "mr-check-runner.h"
#include "mr-cli-check.h"
#include "mr-cli-checks.h"
#include "mr-cli-policy.h"
#include "mr-cli-table.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-openai-probe.h"

/* The environment variable that holds the endpoint's key: a key given as
 * an argument would show in ps and in the shell's history. */
#define API_KEY_VARIABLE "MODEL_REGISTER_OPENAI_API_KEY"

typedef struct {
  int    tokens;
  int    threads;   /* 0: the helper's default */
  int    timeout;
  char  *endpoint;
} CheckOptions;

static void
check_options_clear (CheckOptions *options)
{
  g_free (options->endpoint);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CheckOptions, check_options_clear)

typedef struct {
  GMainLoop     *loop;
  MrCheckResult *result;
  GError        *error;
} Waiter;

/* The entry's local GGUF; other sources have no file to load yet. */
static char *
path_of_model (MrCli   *cli,
               gint64   id,
               GError **error)
{
  g_autoptr(MrModelRecord) record = NULL;
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  record = mr_store_get_model (store, id, error);
  if (record == NULL)
    return NULL;
  if (record->source_kind == MR_SOURCE_KIND_LOCAL_FILE && record->source_ref != NULL &&
      record->source_ref[0] != '\0')
    return g_strdup (record->source_ref);

  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
               _("model %" PRId64 " (“%s”) has source kind “%s”: only local GGUF files "
                 "can be checked; download one and run “%s check FILE.gguf”"),
               id, record->name, mr_enum_to_nick (MR_TYPE_SOURCE_KIND, record->source_kind),
               MR_CLI_PROGRAM);
  return NULL;
}

/* A file when one exists by that name, else a model id (*out_model_id,
 * 0 for a file). */
static char *
resolve_model_file (MrCli       *cli,
                    const char  *arg,
                    gint64      *out_model_id,
                    GError     **error)
{
  gint64 id;

  *out_model_id = 0;
  if (g_file_test (arg, G_FILE_TEST_EXISTS))
    return g_strdup (arg);
  if (!g_ascii_string_to_signed (arg, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *display_name = g_filename_display_name (arg);

      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE,
                   _("%s: no such file, and not a model id"), display_name);
      return NULL;
    }
  *out_model_id = id;
  return path_of_model (cli, id, error);
}

/* A model's inference check is evidence, stored as its check also when it
 * failed to run the model; one cancelled with Ctrl+C or without a runtime
 * to run it never tried the model. */
static gboolean
store_check (MrCli                *cli,
             gint64                model_id,
             const CheckOptions   *options,
             const char           *path,
             gint64                started_at,
             const MrCheckResult  *result,
             const GError         *run_error,
             GError              **error)
{
  g_autofree char *inputs = NULL;
  g_autofree char *result_json = NULL;

  if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (run_error, MR_CHECK_ERROR, MR_CHECK_ERROR_NO_RUNTIME))
    return TRUE;
  inputs = mr_check_inputs_to_json (path, options->tokens);
  result_json = result != NULL ? mr_check_result_to_json (result, FALSE) : NULL;
  return mr_cli_store_check (cli, model_id, MR_CHECK_KIND_INFERENCE, inputs, started_at,
                             result != NULL && result->deterministic ? MR_CHECK_STATUS_PASSED
                                                                     : MR_CHECK_STATUS_FAILED,
                             result_json, run_error, error);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_local_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = mr_check_runner_run_finish (MR_CHECK_RUNNER (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static void
on_remote_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = mr_openai_probe_run_finish (MR_OPENAI_PROBE (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static void
start_local (const CheckOptions  *options,
             const char          *path,
             GCancellable        *cancellable,
             Waiter              *waiter)
{
  g_autoptr(MrCheckRunner) runner = mr_check_runner_new ();

  mr_check_runner_set_tokens (runner, (guint) options->tokens);
  mr_check_runner_set_threads (runner, (guint) options->threads);
  mr_check_runner_set_timeout_ms (runner, (guint) options->timeout * 1000);
  mr_check_runner_run_async (runner, path, cancellable, on_local_done, waiter);
}

static void
start_remote (const CheckOptions  *options,
              const char          *model,
              GCancellable        *cancellable,
              Waiter              *waiter)
{
  g_autoptr(MrOpenaiProbe) probe = mr_openai_probe_new (options->endpoint,
                                                        g_getenv (API_KEY_VARIABLE));

  mr_openai_probe_set_tokens (probe, (guint) options->tokens);
  mr_openai_probe_set_timeout_ms (probe, (guint) options->timeout * 1000);
  mr_openai_probe_run_async (probe, model, cancellable, on_remote_done, waiter);
}

static char *
format_measure (double      value,
                const char *unit)
{
  return value < 0 ? g_strdup (_("not measured")) : g_strdup_printf ("%.1f %s", value, unit);
}

static void
print_text (const MrCheckResult *result)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (2);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *tokens = g_strdup_printf (_("%u of %u"), result->tokens_generated,
                                             result->tokens_requested);
  g_autofree char *threads = result->threads > 0 ? g_strdup_printf ("%u", result->threads) : NULL;
  g_autofree char *load = format_measure (result->load_ms, _("ms"));
  g_autofree char *first = format_measure (result->first_token_ms, _("ms"));
  g_autofree char *speed = format_measure (result->tokens_per_second, _("tokens/s"));
  g_autofree char *output = mr_cli_text_sanitize (result->output_text, FALSE);
  g_autofree char *model = mr_cli_text_sanitize (result->model, FALSE);

  g_string_append_printf (out, "%s\n", model);
  mr_cli_table_add_row (table, (const char *[]) { _("Runtime"), result->backend });
  mr_cli_table_add_row (table, (const char *[]) { _("Version"), result->runtime_version });
  mr_cli_table_add_row (table, (const char *[]) { _("CPU variant"), result->cpu_variant });
  mr_cli_table_add_row (table, (const char *[]) { _("Threads"), threads });
  /* Translators: which fixed probe prompt the check used */
  mr_cli_table_add_row (table, (const char *[]) { _("Prompt"), result->prompt_id });
  mr_cli_table_add_row (table, (const char *[]) { _("Tokens"), tokens });
  /* Translators: how long loading the model took */
  mr_cli_table_add_row (table, (const char *[]) { _("Load"), load });
  mr_cli_table_add_row (table, (const char *[]) { _("First token"), first });
  mr_cli_table_add_row (table, (const char *[]) { _("Speed"), speed });
  mr_cli_table_add_row (table, (const char *[]) { _("Output"), output });
  mr_cli_table_add_row (table, (const char *[]) { _("Output SHA-256"), result->output_sha256 });
  mr_cli_table_add_row (table, (const char *[]) {
    _("Deterministic"), result->deterministic ? _("yes") : _("no") });
  mr_cli_table_render (table, "  ", out);
  mr_cli_print_text (out->str);
}

static gboolean
check_options (MrCli               *cli,
               const CheckOptions  *options,
               GError             **error)
{
  if (cli->format == MR_CLI_FORMAT_CSV)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("“%s” writes text or json, not csv"), cli->command->name);
  else if (options->tokens < 1 || options->tokens > 4096)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--tokens must be between 1 and 4096"));
  else if (options->threads < 0 || options->threads > 256)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--threads must be between 1 and 256"));
  else if (options->timeout < 1 || options->timeout > 24 * 3600)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--timeout must be between 1 and 86400 seconds"));
  return *error == NULL;
}

gboolean
mr_cli_run_check (MrCli   *cli,
                  int      argc,
                  char   **argv,
                  GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(MrCheckResult) result = NULL;
  g_autofree char *path = NULL;
  g_auto(CheckOptions) options = {
    MR_CHECK_RUNNER_DEFAULT_TOKENS, 0, MR_CHECK_RUNNER_DEFAULT_TIMEOUT_MS / 1000, NULL
  };
  Waiter waiter = { loop, NULL, NULL };
  guint interrupt_id;
  gint64 model_id = 0;
  gint64 started_at;
  const GOptionEntry entries[] = {
    { "tokens", 0, 0, G_OPTION_ARG_INT, &options.tokens,
      N_("Tokens to generate in each of the two runs (default 16)"), N_("N") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &options.threads,
      N_("CPU threads for a local check (default: half the cores, at most 4)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout,
      N_("Give up after S seconds (default 120)"), N_("S") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &options.endpoint,
      N_("Check the model of that name on this OpenAI-compatible server instead; the key, if "
         "any, is read from $MODEL_REGISTER_OPENAI_API_KEY"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) || !check_options (cli, &options, error))
    return FALSE;

  if (options.endpoint == NULL &&
      (path = resolve_model_file (cli, argv[1], &model_id, error)) == NULL)
    return FALSE;

  started_at = g_get_real_time () / G_USEC_PER_SEC;
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  if (options.endpoint != NULL)
    start_remote (&options, argv[1], cancellable, &waiter);
  else
    start_local (&options, path, cancellable, &waiter);
  g_main_loop_run (loop);
  g_source_remove (interrupt_id);
  result = waiter.result;
  if (model_id > 0 &&
      !store_check (cli, model_id, &options, path, started_at, result, waiter.error, error))
    {
      g_clear_error (&waiter.error);
      return FALSE;
    }
  if (waiter.error != NULL)
    g_propagate_error (error, waiter.error);
  if (result == NULL)
    return FALSE;

  if (cli->format == MR_CLI_FORMAT_JSON)
    {
      g_autofree char *json = mr_check_result_to_json (result, TRUE);

      fputs (json, stdout);
      fputc ('\n', stdout);
    }
  else
    print_text (result);

  if (result->deterministic)
    return TRUE;
  g_set_error (error, MR_CLI_POLICY_ERROR, MR_CLI_POLICY_ERROR_FLAGGED,
               _("%s: the two runs gave different output: greedy generation should not vary"),
               result->model);
  return FALSE;
}
