/* model-register-check.c — the inference-check helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads a GGUF with libllama on the CPU, generates greedily from a fixed
 * probe prompt twice (a fresh context each time) and prints one JSON object
 * on stdout: an MrCheckResult, or {"error": …} with exit status 1 when the
 * model does not load or run.  Exit status 2 is a usage error.
 *
 * It is a separate process so that the application survives llama.cpp's
 * aborts, can time it out or cancel it, and gets all of its memory back.
 *
 * MODEL_REGISTER_CHECK_TEST_HOOK=hang|abort makes it stop or abort once the
 * model has loaded, so that the tests can exercise timeouts, cancellation
 * and crashes on a real, loaded process.
 */
#define G_LOG_DOMAIN "model-register-check"

#include "config.h"

#include <glib/gi18n.h>
#include <llama.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "mr-check-probe.h"
#include "mr-check-result.h"

enum {
  EXIT_LOAD_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  int    tokens;
  int    threads;
  char  *prompt_id;
  char  *log_path;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->prompt_id);
  g_free (options->log_path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
print_json (JsonNode *node)
{
  g_autofree char *json = json_to_string (node, FALSE);

  g_print ("%s\n", json);
}

static void
print_error (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  print_json (node);
}

static void
run_test_hook (void)
{
  const char *hook = g_getenv ("MODEL_REGISTER_CHECK_TEST_HOOK");

  if (g_strcmp0 (hook, "abort") == 0)
    abort ();
  if (g_strcmp0 (hook, "hang") == 0)
    for (;;)
      pause ();
}

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "tokens", 0, 0, G_OPTION_ARG_INT, &options->tokens,
      N_("Tokens to generate in each run (1–4096, default 16)"), N_("N") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &options->threads,
      N_("CPU threads (default: half the cores, at most 4)"), N_("N") },
    { "prompt-id", 0, 0, G_OPTION_ARG_STRING, &options->prompt_id,
      N_("Which fixed probe prompt to use"), N_("ID") },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &options->log_path,
      N_("Write llama.cpp’s log to FILE (default: discard it)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.gguf"));

  g_option_context_set_summary (context, _("Check that a GGUF model loads and runs here."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->prompt_id == NULL)
    options->prompt_id = g_strdup (mr_check_default_prompt_id ());
  if (*argc != 2)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 *argc < 2 ? _("missing MODEL.gguf") : _("only one model at a time"));
  else if (options->tokens < 1 || options->tokens > 4096)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--tokens must be between 1 and 4096"));
  else if (options->threads < 1 || options->threads > 256)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--threads must be between 1 and 256"));
  else if (mr_check_prompt_lookup (options->prompt_id) == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--prompt-id: no probe prompt “%s”"), options->prompt_id);
  return *error == NULL;
}

static char *
hex_sha256 (const GString *bytes)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes->str, bytes->len);
}

static MrCheckResult *
check (const char     *path,
       const Options  *options,
       GError        **error)
{
  g_autoptr(MrCheckProbe) probe = NULL;
  g_autoptr(MrCheckResult) result = mr_check_result_new ();
  const char *prompt = mr_check_prompt_lookup (options->prompt_id);
  MrCheckRun runs[2] = { { NULL, 0, -1, -1 }, { NULL, 0, -1, -1 } };
  gboolean ok = TRUE;

  probe = mr_check_probe_load (path, &result->load_ms, error);
  if (probe == NULL)
    return NULL;
  run_test_hook ();
  for (guint i = 0; ok && i < G_N_ELEMENTS (runs); i++)
    ok = mr_check_probe_run (probe, prompt, (guint) options->tokens, (guint) options->threads,
                             &runs[i], error);
  if (ok)
    {
      result->backend = g_strdup ("llama.cpp");
      result->model = g_path_get_basename (path);
      result->runtime_version = g_strdup (llama_version ());
      result->system_info = g_strdup (llama_print_system_info ());
      result->cpu_variant = mr_check_probe_cpu_variant ();
      result->prompt_id = g_strdup (options->prompt_id);
      result->threads = (guint) options->threads;
      result->tokens_requested = (guint) options->tokens;
      result->tokens_generated = runs[0].tokens_generated;
      result->first_token_ms = runs[0].first_token_ms;
      result->tokens_per_second = runs[0].tokens_per_second;
      /* Random weights emit byte tokens that split characters. */
      result->output_text = g_utf8_make_valid (runs[0].output->str, runs[0].output->len);
      result->output_sha256 = hex_sha256 (runs[0].output);
      result->deterministic = g_string_equal (runs[0].output, runs[1].output);
    }
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    if (runs[i].output != NULL)
      g_string_free (runs[i].output, TRUE);
  return ok ? g_steal_pointer (&result) : NULL;
}

int
main (int    argc,
      char **argv)
{
  /* ggml's threads spin at barriers: on a machine busy with other work,
   * taking every core makes them wait for each other. */
  g_auto(Options) options = { 16, (int) CLAMP (g_get_num_processors () / 2, 1, 4), NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCheckResult) result = NULL;
  FILE *log_file = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!parse_options (&argc, &argv, &options, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_USAGE;
    }
  if (options.log_path != NULL && (log_file = fopen (options.log_path, "a")) == NULL)
    {
      g_printerr (_("%s: cannot write the log %s: %s\n"), g_get_prgname (), options.log_path,
                  g_strerror (errno));
      return EXIT_USAGE;
    }

  mr_check_probe_init_runtime (log_file);
  result = check (argv[1], &options, &error);
  if (result != NULL)
    {
      g_autoptr(JsonNode) node = mr_check_result_to_json_node (result);

      print_json (node);
    }
  else
    print_error (error);
  llama_backend_free ();
  if (log_file != NULL)
    fclose (log_file);
  return result != NULL ? EXIT_SUCCESS : EXIT_LOAD_FAILED;
}
