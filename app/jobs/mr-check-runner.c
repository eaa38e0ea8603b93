/* mr-check-runner.c — run the inference-check helper for one model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-check-runner"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-check-runner.h"

struct _MrCheckRunner
{
  GObject  parent_instance;
  char    *helper_path;
  char    *log_path;
  char    *meminfo_path;
  guint    tokens;
  guint    threads;
  guint    timeout_ms;
};

G_DEFINE_FINAL_TYPE (MrCheckRunner, mr_check_runner, G_TYPE_OBJECT)

/* One run: the task's data. */
typedef struct {
  GSubprocess  *process;
  char         *model_name;  /* for messages */
  GSource      *timeout;
  gulong        cancelled_id;
  gboolean      timed_out;
  GBytes       *stdout_bytes;
  GBytes       *stderr_bytes;
} Run;

static void
run_free (Run *run)
{
  if (run->timeout != NULL)
    {
      g_source_destroy (run->timeout);
      g_source_unref (run->timeout);
    }
  g_clear_object (&run->process);
  g_clear_pointer (&run->stdout_bytes, g_bytes_unref);
  g_clear_pointer (&run->stderr_bytes, g_bytes_unref);
  g_free (run->model_name);
  g_free (run);
}

static void
mr_check_runner_finalize (GObject *object)
{
  MrCheckRunner *self = MR_CHECK_RUNNER (object);

  g_free (self->helper_path);
  g_free (self->log_path);
  g_free (self->meminfo_path);
  G_OBJECT_CLASS (mr_check_runner_parent_class)->finalize (object);
}

static void
mr_check_runner_class_init (MrCheckRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_check_runner_finalize;
}

static void
mr_check_runner_init (MrCheckRunner *self)
{
  const char *helper = g_getenv ("MODEL_REGISTER_CHECK_HELPER");

  self->helper_path = g_strdup (helper != NULL && helper[0] != '\0' ? helper : MR_CHECK_HELPER);
  self->meminfo_path = g_strdup ("/proc/meminfo");
  self->tokens = MR_CHECK_RUNNER_DEFAULT_TOKENS;
  self->timeout_ms = MR_CHECK_RUNNER_DEFAULT_TIMEOUT_MS;
}

MrCheckRunner *
mr_check_runner_new (void)
{
  return g_object_new (MR_TYPE_CHECK_RUNNER, NULL);
}

void
mr_check_runner_set_tokens (MrCheckRunner *self,
                            guint          tokens)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));
  g_return_if_fail (tokens > 0);

  self->tokens = tokens;
}

void
mr_check_runner_set_threads (MrCheckRunner *self,
                             guint          threads)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));

  self->threads = threads;
}

void
mr_check_runner_set_timeout_ms (MrCheckRunner *self,
                                guint          timeout_ms)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

void
mr_check_runner_set_log_path (MrCheckRunner *self,
                              const char    *log_path)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));

  g_free (self->log_path);
  self->log_path = g_strdup (log_path);
}

void
mr_check_runner_set_meminfo_path (MrCheckRunner *self,
                                  const char    *meminfo_path)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));
  g_return_if_fail (meminfo_path != NULL);

  g_free (self->meminfo_path);
  self->meminfo_path = g_strdup (meminfo_path);
}

void
mr_check_runner_set_helper_path (MrCheckRunner *self,
                                 const char    *helper_path)
{
  g_return_if_fail (MR_IS_CHECK_RUNNER (self));
  g_return_if_fail (helper_path != NULL);

  g_free (self->helper_path);
  self->helper_path = g_strdup (helper_path);
}

const char *
mr_check_runner_get_helper_path (MrCheckRunner *self)
{
  g_return_val_if_fail (MR_IS_CHECK_RUNNER (self), NULL);

  return self->helper_path;
}

static gboolean
check_runtime (MrCheckRunner  *self,
               GError        **error)
{
  if (g_file_test (self->helper_path, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;
  if (HAVE_LLAMA)
    g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_NO_RUNTIME,
                 _("No local runtime is installed (%s is missing). This build has one: run "
                   "“meson install”, or point MODEL_REGISTER_CHECK_HELPER at the built "
                   "app/check/model-register-check."),
                 self->helper_path);
  else
    g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_NO_RUNTIME,
                 _("No local runtime is installed (%s is missing). To install one, run "
                   "build-aux/provision-llama and rebuild with “meson setup -Dllama=enabled” "
                   "and PKG_CONFIG_PATH set to its lib/pkgconfig folder."),
                 self->helper_path);
  return FALSE;
}

gboolean
mr_check_runner_has_runtime (MrCheckRunner  *self,
                             GError        **error)
{
  g_return_val_if_fail (MR_IS_CHECK_RUNNER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_runtime (self, error);
}

/* MemAvailable in bytes: what the kernel can hand out without swapping. */
static gboolean
read_available_memory (const char  *meminfo_path,
                       guint64     *available,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (meminfo_path, &contents, NULL, error))
    return FALSE;
  line = strstr (contents, "MemAvailable:");
  if (line != NULL && (line == contents || line[-1] == '\n'))
    {
      char *end;
      guint64 kib = g_ascii_strtoull (line + strlen ("MemAvailable:"), &end, 10);

      if (end != line + strlen ("MemAvailable:") && g_str_has_prefix (end, " kB") &&
          kib <= G_MAXUINT64 / 1024)
        {
          *available = kib * 1024;
          return TRUE;
        }
    }
  g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
               _("%s: no readable “MemAvailable:” line"), meminfo_path);
  return FALSE;
}

/* The helper maps the whole file: a model larger than free memory would
 * swap the machine to a halt or get the helper killed part-way. */
static gboolean
check_memory (MrCheckRunner  *self,
              const char     *model_path,
              const char     *model_name,
              GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (model_path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *available_text = NULL;
  guint64 available;
  guint64 size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, error);
  if (info == NULL || !read_available_memory (self->meminfo_path, &available, error))
    return FALSE;
  size = (guint64) g_file_info_get_size (info);
  if (size <= available)
    return TRUE;
  size_text = g_format_size (size);
  available_text = g_format_size (available);
  g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_TOO_LARGE,
               _("%s: the model takes %s but only %s of memory is available; close other "
                 "programs or check it on a larger machine"),
               model_name, size_text, available_text);
  return FALSE;
}

static GStrv
helper_argv (MrCheckRunner *self,
             const char    *model_path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *tokens = g_strdup_printf ("%u", self->tokens);

  g_strv_builder_add_many (builder, self->helper_path, "--tokens", tokens, NULL);
  if (self->threads > 0)
    {
      g_autofree char *threads = g_strdup_printf ("%u", self->threads);

      g_strv_builder_add_many (builder, "--threads", threads, NULL);
    }
  if (self->log_path != NULL)
    g_strv_builder_add_many (builder, "--log", self->log_path, NULL);
  /* "--" so that a file named like an option stays a file. */
  g_strv_builder_add_many (builder, "--", model_path, NULL);
  return g_strv_builder_end (builder);
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  g_clear_pointer (&run->timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* May run in the thread that cancels: only sends a signal. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  g_subprocess_force_exit (G_SUBPROCESS (user_data));
}

/* The helper's stdout as a JSON node; NULL with no error when empty. */
static JsonNode *
parse_output (GBytes  *output,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (output, &size);

  if (!json_parser_load_from_data (parser, size > 0 ? data : "", (gssize) size, error))
    return NULL;
  return json_parser_steal_root (parser);
}

/* {"error": …}, which the helper prints when the model does not load. */
static char *
helper_error_message (GBytes *output)
{
  g_autoptr(JsonNode) root = parse_output (output, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "error", NULL));
}

static MrCheckResult *
parse_result (MrCheckRunner  *self,
              GBytes         *output,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = parse_output (output, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
                   _("%s printed something that is not JSON: %s"), self->helper_path,
                   local_error->message);
      return NULL;
    }
  return mr_check_result_new_from_json (root, self->helper_path, error);
}

/* Why a helper that did not exit with status 0 in time failed. */
static GError *
failure_of (MrCheckRunner *self,
            Run           *run)
{
  GSubprocess *process = run->process;
  g_autofree char *message = NULL;
  const char *data;
  gsize size;
  int status;

  if (run->timed_out)
    return g_error_new (MR_CHECK_ERROR, MR_CHECK_ERROR_TIMED_OUT,
                        _("%s: the inference check timed out after %g s"),
                        run->model_name, self->timeout_ms / 1000.0);
  if (g_subprocess_get_if_signaled (process))
    {
      int signum = g_subprocess_get_term_sig (process);

      return g_error_new (MR_CHECK_ERROR, MR_CHECK_ERROR_CRASHED,
                          _("%s: the inference check crashed (killed by signal %d, %s)"),
                          run->model_name, signum, g_strsignal (signum));
    }
  status = g_subprocess_get_exit_status (process);
  if (status == 1 && (message = helper_error_message (run->stdout_bytes)) != NULL)
    return g_error_new_literal (MR_CHECK_ERROR, MR_CHECK_ERROR_LOAD_FAILED, message);
  data = g_bytes_get_data (run->stderr_bytes, &size);
  message = g_strstrip (g_strndup (size > 0 ? data : "", size));
  if (message[0] == '\0')
    return g_error_new (MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
                        _("%s: the inference check failed (exit status %d)"),
                        run->model_name, status);
  return g_error_new (MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED,
                      _("%s: the inference check failed (exit status %d): %s"),
                      run->model_name, status, message);
}

static void
report_exit (GTask *task,
             Run   *run)
{
  MrCheckRunner *self = g_task_get_source_object (task);
  MrCheckResult *result = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!run->timed_out && g_subprocess_get_successful (run->process))
    result = parse_result (self, run->stdout_bytes, &error);
  else
    error = failure_of (self, run);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) mr_check_result_unref);
  else
    g_task_return_error (task, error);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);

  /* Nothing can cancel this wait, so it only ends once the child is reaped. */
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;
  report_exit (task, run);
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->stdout_bytes,
                                        &run->stderr_bytes, &error))
    {
      g_subprocess_force_exit (run->process);
      run->stdout_bytes = g_bytes_new (NULL, 0);
      run->stderr_bytes = g_bytes_new_take (g_strdup (error->message),
                                            strlen (error->message));
    }
  g_subprocess_wait_async (run->process, NULL, on_exited, task);
}

static void
start_helper (MrCheckRunner *self,
              GTask         *task,
              Run           *run,
              const char    *model_path)
{
  g_auto(GStrv) argv = helper_argv (self, model_path);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  run->process = g_subprocess_newv ((const char * const *) argv,
                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (run->process == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run->timeout = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (run->timeout, on_timeout, run, NULL);
  g_source_attach (run->timeout, g_task_get_context (task));
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                               g_object_ref (run->process), g_object_unref);
  g_subprocess_communicate_async (run->process, NULL, NULL, on_communicated, task);
}

void
mr_check_runner_run_async (MrCheckRunner       *self,
                           const char          *model_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;
  GError *error = NULL;

  g_return_if_fail (MR_IS_CHECK_RUNNER (self));
  g_return_if_fail (model_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_check_runner_run_async);
  run = g_new0 (Run, 1);
  run->model_name = g_filename_display_name (model_path);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (!check_runtime (self, &error) || !check_memory (self, model_path, run->model_name, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  start_helper (self, g_steal_pointer (&task), run, model_path);
}

MrCheckResult *
mr_check_runner_run_finish (MrCheckRunner  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_check_runner_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
