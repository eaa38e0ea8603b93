/* test-check-runner.c — the inference check through the real helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-check-runner TINY-F32.gguf TINY-Q8_0.gguf [HELPER]
 * The models come from tests/gen-tiny-gguf.py at build time.  Without a
 * helper (a build without libllama) the tests that need it are skipped.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mr-check-runner.h"

static const char *tiny_f32;
static const char *tiny_q8;

typedef struct {
  GMainLoop     *loop;
  MrCheckResult *result;
  GError        *error;
} Outcome;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = mr_check_runner_run_finish (MR_CHECK_RUNNER (source), result,
                                                &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->loop, g_main_loop_unref);
  g_clear_pointer (&outcome->result, mr_check_result_unref);
  g_clear_error (&outcome->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
start (MrCheckRunner *runner,
       const char    *model,
       GCancellable  *cancellable,
       Outcome       *outcome)
{
  outcome->loop = g_main_loop_new (NULL, FALSE);
  mr_check_runner_run_async (runner, model, cancellable, on_done, outcome);
}

static void
run (MrCheckRunner *runner,
     const char    *model,
     Outcome       *outcome)
{
  start (runner, model, NULL, outcome);
  g_main_loop_run (outcome->loop);
}

static MrCheckRunner *
new_runner (void)
{
  MrCheckRunner *runner = mr_check_runner_new ();

  mr_check_runner_set_threads (runner, 1);
  mr_check_runner_set_timeout_ms (runner, 30000);
  return runner;
}

/* A file in this test's own folder (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
test_file_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static gboolean
have_helper (void)
{
  if (HAVE_LLAMA)
    return TRUE;
  g_test_skip ("built without libllama (-Dllama=disabled)");
  return FALSE;
}

/* The pid of this process's child, or 0: the helper is the only one. */
static GPid
find_child (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after_name;
      int ppid;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …", and comm may hold spaces or parentheses. */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name, ") %*c %d", &ppid) == 1 && ppid == getpid ())
        return (GPid) atoi (name);
    }
  return 0;
}

static GPid
wait_for_child (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPid pid;

  while ((pid = find_child ()) == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpint (pid, >, 0);
  return pid;
}

static void
assert_valid_result (const MrCheckResult *result,
                     guint                tokens)
{
  g_assert_cmpstr (result->backend, ==, "llama.cpp");
  g_assert_true (g_str_has_prefix (result->runtime_version, "0.5.0"));
  g_assert_nonnull (result->system_info);
  g_assert_true (g_str_has_prefix (result->cpu_variant, "cpu"));
  g_assert_cmpuint (result->threads, ==, 1);
  g_assert_cmpuint (result->tokens_requested, ==, tokens);
  g_assert_cmpuint (result->tokens_generated, >, 0);
  g_assert_cmpuint (result->tokens_generated, <=, tokens);
  g_assert_cmpfloat (result->load_ms, >=, 0);
  g_assert_cmpfloat (result->first_token_ms, >=, 0);
  g_assert_true (g_utf8_validate (result->output_text, -1, NULL));
  g_assert_cmpuint (strlen (result->output_sha256), ==, 64);
  g_assert_true (result->deterministic);
}

static void
check_model_twice (const char *model)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) first = { NULL };
  g_auto(Outcome) second = { NULL };

  if (!have_helper ())
    return;
  mr_check_runner_set_tokens (runner, 12);
  run (runner, model, &first);
  g_assert_no_error (first.error);
  assert_valid_result (first.result, 12);
  g_assert_cmpuint (first.result->tokens_generated, ==, 12);

  /* A second process must produce the very same bytes. */
  run (runner, model, &second);
  g_assert_no_error (second.error);
  g_assert_cmpstr (second.result->output_sha256, ==, first.result->output_sha256);
  g_assert_cmpstr (second.result->output_text, ==, first.result->output_text);
  g_assert_cmpint (find_child (), ==, 0);
}

static void
test_f32 (void)
{
  check_model_twice (tiny_f32);
}

static void
test_q8_0 (void)
{
  check_model_twice (tiny_q8);
}

static void
assert_load_fails (const char *model,
                   const char *reason)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) outcome = { NULL };

  run (runner, model, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_LOAD_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, model));
  g_assert_nonnull (strstr (outcome.error->message, reason));
  g_assert_null (outcome.result);
}

static void
test_random_bytes (void)
{
  g_autofree char *path = test_file_path ("random.gguf");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint32 words[4096];
  g_autoptr(GError) error = NULL;

  if (!have_helper ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (rand);
  g_file_set_contents (path, (const char *) words, sizeof words, &error);
  g_assert_no_error (error);
  assert_load_fails (path, "invalid magic");
}

static void
test_truncated (void)
{
  g_autofree char *path = test_file_path ("truncated.gguf");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!have_helper ())
    return;
  g_file_get_contents (tiny_q8, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize) length / 2, &error);
  g_assert_no_error (error);
  assert_load_fails (path, "not within the file bounds");
}

static void
test_missing_file (void)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) outcome = { NULL };

  if (!have_helper ())
    return;
  run (runner, "/nonexistent/model.gguf", &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The helper stops after loading the model until it is killed. */
static void
set_hook (const char *hook)
{
  if (hook != NULL)
    g_setenv ("MODEL_REGISTER_CHECK_TEST_HOOK", hook, TRUE);
  else
    g_unsetenv ("MODEL_REGISTER_CHECK_TEST_HOOK");
}

static void
test_timeout (void)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) outcome = { NULL };
  gint64 start_time = g_get_monotonic_time ();

  if (!have_helper ())
    return;
  mr_check_runner_set_timeout_ms (runner, 300);
  set_hook ("hang");
  start (runner, tiny_f32, NULL, &outcome);
  set_hook (NULL);
  g_assert_cmpint (wait_for_child (), >, 0);
  g_main_loop_run (outcome.loop);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (outcome.error->message, "timed out after 0.3 s"));
  g_assert_cmpint (g_get_monotonic_time () - start_time, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (find_child (), ==, 0);
}

static void
test_cancel (void)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Outcome) outcome = { NULL };

  if (!have_helper ())
    return;
  set_hook ("hang");
  start (runner, tiny_f32, cancellable, &outcome);
  set_hook (NULL);
  g_assert_cmpint (wait_for_child (), >, 0);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (outcome.loop);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (find_child (), ==, 0);
}

static void
test_killed (void)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) outcome = { NULL };

  if (!have_helper ())
    return;
  set_hook ("hang");
  start (runner, tiny_f32, NULL, &outcome);
  set_hook (NULL);
  g_assert_cmpint (kill (wait_for_child (), SIGKILL), ==, 0);
  g_main_loop_run (outcome.loop);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_CRASHED);
  g_assert_nonnull (strstr (outcome.error->message, "crashed (killed by signal 9"));
  g_assert_cmpint (find_child (), ==, 0);
}

static void
test_aborted (void)
{
  g_autoptr(MrCheckRunner) runner = new_runner ();
  g_auto(Outcome) outcome = { NULL };

  if (!have_helper ())
    return;
  set_hook ("abort");
  start (runner, tiny_f32, NULL, &outcome);
  set_hook (NULL);
  g_main_loop_run (outcome.loop);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_CRASHED);
  g_assert_nonnull (strstr (outcome.error->message, "crashed (killed by signal 6"));
}

static char *
write_meminfo (const char *contents)
{
  char *path = test_file_path ("meminfo");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Refused before any process starts, so this needs no helper. */
static void
test_memory_guard (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_autofree char *meminfo = write_meminfo ("MemTotal:       16000000 kB\n"
                                            "MemFree:         8000000 kB\n"
                                            "MemAvailable:        100 kB\n");
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/bin/true");
  mr_check_runner_set_meminfo_path (runner, meminfo);
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (outcome.error->message, "102.4\u00a0kB of memory is available"));
  g_assert_cmpint (find_child (), ==, 0);
}

static void
test_memory_unreadable (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_autofree char *meminfo = write_meminfo ("MemTotal: 1 kB\nMemAvailable: lots\n");
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/bin/true");
  mr_check_runner_set_meminfo_path (runner, meminfo);
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, meminfo));
}

static void
test_no_runtime (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/nonexistent/model-register-check");
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_NO_RUNTIME);
  g_assert_nonnull (strstr (outcome.error->message, "No local runtime is installed"));
  /* How to get one depends on whether this build has libllama. */
  if (HAVE_LLAMA)
    g_assert_nonnull (strstr (outcome.error->message, "meson install"));
  else
    g_assert_nonnull (strstr (outcome.error->message, "build-aux/provision-llama"));
}

/* A helper that exits 0 but prints no JSON: /bin/echo prints its argv. */
static void
test_invalid_output (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/bin/echo");
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT);
  g_assert_nonnull (strstr (outcome.error->message, "not JSON"));
}

/* /bin/true exits 0 and prints nothing. */
static void
test_empty_output (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/bin/true");
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT);
  g_assert_nonnull (strstr (outcome.error->message, "/bin/true"));
}

/* /bin/false exits 1 without the helper's {"error": …}. */
static void
test_failed_exit (void)
{
  g_autoptr(MrCheckRunner) runner = NULL;
  g_auto(Outcome) outcome = { NULL };

  runner = mr_check_runner_new ();
  mr_check_runner_set_helper_path (runner, "/bin/false");
  run (runner, tiny_f32, &outcome);
  g_assert_error (outcome.error, MR_CHECK_ERROR, MR_CHECK_ERROR_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, "failed (exit status 1)"));
}

static void
test_json_round_trip (void)
{
  g_autoptr(MrCheckResult) result = mr_check_result_new ();
  g_autoptr(MrCheckResult) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_copy = NULL;

  result->backend = g_strdup ("openai-compatible");
  result->model = g_strdup ("m\"odel\n");
  result->prompt_id = g_strdup (mr_check_default_prompt_id ());
  result->tokens_requested = 16;
  result->tokens_generated = 3;
  result->tokens_per_second = 12.5;
  result->output_text = g_strdup ("a\u00e9\ufffd\x01");
  result->output_sha256 = g_strdup ("00");
  json = mr_check_result_to_json (result, FALSE);
  g_assert_nonnull (strstr (json, "\"load_ms\":null"));
  g_assert_nonnull (strstr (json, "\\u0001"));

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  copy = mr_check_result_new_from_json (node, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (copy->load_ms, <, 0);
  g_assert_cmpfloat (copy->tokens_per_second, ==, 12.5);
  g_assert_null (copy->runtime_version);
  json_copy = mr_check_result_to_json (copy, FALSE);
  g_assert_cmpstr (json_copy, ==, json);
}

static void
test_json_missing_field (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"backend\": \"llama.cpp\", \"model\": 3}", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (mr_check_result_new_from_json (node, "helper", &error));
  g_assert_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT);
  g_assert_cmpstr (error->message, ==, "helper: “model” has the wrong type");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (argc, >=, 3);
  tiny_f32 = argv[1];
  tiny_q8 = argv[2];
  if (argc > 3)
    g_setenv ("MODEL_REGISTER_CHECK_HELPER", argv[3], TRUE);

  g_test_add_func ("/check-result/json-round-trip", test_json_round_trip);
  g_test_add_func ("/check-result/json-missing-field", test_json_missing_field);
  g_test_add_func ("/check-runner/f32", test_f32);
  g_test_add_func ("/check-runner/q8_0", test_q8_0);
  g_test_add_func ("/check-runner/random-bytes", test_random_bytes);
  g_test_add_func ("/check-runner/truncated", test_truncated);
  g_test_add_func ("/check-runner/missing-file", test_missing_file);
  g_test_add_func ("/check-runner/timeout", test_timeout);
  g_test_add_func ("/check-runner/cancel", test_cancel);
  g_test_add_func ("/check-runner/killed", test_killed);
  g_test_add_func ("/check-runner/aborted", test_aborted);
  g_test_add_func ("/check-runner/memory-guard", test_memory_guard);
  g_test_add_func ("/check-runner/memory-unreadable", test_memory_unreadable);
  g_test_add_func ("/check-runner/no-runtime", test_no_runtime);
  g_test_add_func ("/check-runner/invalid-output", test_invalid_output);
  g_test_add_func ("/check-runner/empty-output", test_empty_output);
  g_test_add_func ("/check-runner/failed-exit", test_failed_exit);
  return g_test_run ();
}
