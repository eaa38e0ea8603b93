/* mr-check-probe.c — load a GGUF with libllama and generate greedily
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-check-probe"
#define _GNU_SOURCE

#include "config.h"

#include <glib/gi18n.h>
#include <link.h>
#include <llama.h>

#include "mr-check-probe.h"
#include "mr-check-result.h"

/* llama.cpp says why a load failed only in its log: its first error
 * names the cause, the later ones only repeat that loading failed. */
static char *first_error;

struct _MrCheckProbe
{
  struct llama_model *model;
  const struct llama_vocab *vocab;
};

/* "gguf_init_from_file: failed to open …" → "failed to open …" */
static const char *
skip_function_name (const char *text)
{
  const char *end = text + strspn (text, "abcdefghijklmnopqrstuvwxyz_");

  return end > text && g_str_has_prefix (end, ": ") ? end + 2 : text;
}

static void
log_to_file (enum ggml_log_level  level,
             const char          *text,
             void                *user_data)
{
  FILE *log_file = user_data;

  if (level == GGML_LOG_LEVEL_ERROR && first_error == NULL)
    first_error = g_strchomp (g_utf8_make_valid (skip_function_name (text), -1));
  if (log_file != NULL)
    fputs (text, log_file);
}

void
mr_check_probe_init_runtime (FILE *log_file)
{
  llama_log_set (log_to_file, log_file);
  llama_backend_init ();
  /* The prebuilt runtime has one CPU library per instruction set; ggml
   * scores them against this CPU and keeps the best.  It does not search
   * libllama's own directory unless told to. */
  ggml_backend_load_all_from_path (LLAMA_BACKEND_DIR);
}

static int
find_cpu_library (struct dl_phdr_info *info,
                  size_t               size,
                  void                *user_data)
{
  char **variant = user_data;
  g_autofree char *name = g_path_get_basename (info->dlpi_name);

  if (!g_str_has_prefix (name, "libggml-cpu") || !g_str_has_suffix (name, ".so"))
    return 0;
  *variant = g_strndup (name + strlen ("libggml-"), strlen (name) - strlen ("libggml-.so"));
  return 1;
}

char *
mr_check_probe_cpu_variant (void)
{
  char *variant = NULL;

  dl_iterate_phdr (find_cpu_library, &variant);
  return variant;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

MrCheckProbe *
mr_check_probe_load (const char  *path,
                     double      *load_ms,
                     GError     **error)
{
  g_autoptr(MrCheckProbe) probe = g_new0 (MrCheckProbe, 1);
  struct llama_model_params params = llama_model_default_params ();
  gint64 start = g_get_monotonic_time ();

  params.n_gpu_layers = 0;
  g_clear_pointer (&first_error, g_free);
  probe->model = llama_model_load_from_file (path, params);
  *load_ms = elapsed_ms (start);
  if (probe->model == NULL)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_LOAD_FAILED,
                   _("%s: llama.cpp could not load the model: %s"), display_name,
                   first_error != NULL ? first_error : _("no reason given"));
      return NULL;
    }
  probe->vocab = llama_model_get_vocab (probe->model);
  return g_steal_pointer (&probe);
}

static GArray *
tokenize (const struct llama_vocab  *vocab,
          const char                *prompt,
          GError                   **error)
{
  int32_t length = (int32_t) strlen (prompt);
  /* With no room, the call returns minus the number of tokens needed. */
  int32_t n = -llama_tokenize (vocab, prompt, length, NULL, 0, TRUE, TRUE);
  g_autoptr(GArray) tokens = NULL;

  if (n <= 0)
    {
      g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
                   _("the model’s tokenizer cannot encode the probe prompt"));
      return NULL;
    }
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (llama_token), (guint) n);
  g_array_set_size (tokens, (guint) n);
  llama_tokenize (vocab, prompt, length, (llama_token *) (void *) tokens->data, n, TRUE, TRUE);
  return g_steal_pointer (&tokens);
}

static struct llama_context *
new_context (MrCheckProbe  *probe,
             guint          n_prompt,
             guint          n_tokens,
             guint          n_threads,
             GError       **error)
{
  struct llama_context_params params = llama_context_default_params ();
  struct llama_context *context;

  params.n_ctx = n_prompt + n_tokens + 1;
  params.n_batch = MAX (n_prompt, 1);
  params.n_threads = (int32_t) n_threads;
  params.n_threads_batch = (int32_t) n_threads;
  context = llama_init_from_model (probe->model, params);
  if (context == NULL)
    g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
                 _("llama.cpp could not create a context of %u tokens"), params.n_ctx);
  return context;
}

static void
append_piece (const struct llama_vocab *vocab,
              llama_token               token,
              GString                  *output)
{
  char piece[256];
  int32_t n = llama_token_to_piece (vocab, token, piece, sizeof piece, 0, TRUE);

  if (n > 0)
    g_string_append_len (output, piece, n);
}

gboolean
mr_check_probe_run (MrCheckProbe  *probe,
                    const char    *prompt,
                    guint          n_tokens,
                    guint          n_threads,
                    MrCheckRun    *run,
                    GError       **error)
{
  g_autoptr(GArray) tokens = tokenize (probe->vocab, prompt, error);
  struct llama_context *context;
  struct llama_sampler *sampler;
  struct llama_batch batch;
  llama_token token;
  gint64 start;
  gboolean ok = TRUE;

  if (tokens == NULL)
    return FALSE;
  context = new_context (probe, tokens->len, n_tokens, n_threads, error);
  if (context == NULL)
    return FALSE;
  sampler = llama_sampler_chain_init (llama_sampler_chain_default_params ());
  llama_sampler_chain_add (sampler, llama_sampler_init_greedy ());

  run->output = g_string_new (NULL);
  run->tokens_generated = 0;
  batch = llama_batch_get_one ((llama_token *) (void *) tokens->data, (int32_t) tokens->len);
  start = g_get_monotonic_time ();
  while (run->tokens_generated < n_tokens)
    {
      int status = llama_decode (context, batch);

      if (status != 0)
        {
          g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
                       _("llama.cpp failed to evaluate token %u (status %d)"),
                       run->tokens_generated, status);
          ok = FALSE;
          break;
        }
      token = llama_sampler_sample (sampler, context, -1);
      if (run->tokens_generated++ == 0)
        run->first_token_ms = elapsed_ms (start);
      append_piece (probe->vocab, token, run->output);
      if (llama_vocab_is_eog (probe->vocab, token))
        break;
      batch = llama_batch_get_one (&token, 1);
    }
  /* Tokens after the first, over their own time: the prompt is not in it. */
  if (ok && run->tokens_generated > 1)
    run->tokens_per_second = (run->tokens_generated - 1) * 1000.0 /
                             MAX (elapsed_ms (start) - run->first_token_ms, 1e-3);
  llama_sampler_free (sampler);
  llama_free (context);
  return ok;
}

void
mr_check_probe_free (MrCheckProbe *probe)
{
  if (probe->model != NULL)
    llama_model_free (probe->model);
  g_free (probe);
}
