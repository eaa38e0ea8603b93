/* test-checks-store.c — checks kept by the register, and the policy they feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mr-error.h"
#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

#define ACTOR "tester"
#define VERIFY_RESULT \
  "{\"parameters\":124439808,\"architecture\":\"llama\",\"files\":" \
  "[{\"path\":\"m.gguf\",\"sha256\":\"ab\",\"expected_sha256\":\"ab\"}]}"
#define INFERENCE_PASSED "{\"tokens_per_second\":12.34,\"deterministic\":true}"
#define INFERENCE_FAILED "{\"tokens_per_second\":3.0,\"deterministic\":false}"

/* The model-register executable, for the commands that read what the store
 * keeps (argv[1]). */
static const char *cli_path;

/* Only the inference check can raise a flag: high-risk uses need one. */
static MrFramework *
check_framework_new (void)
{
  static const char yaml[] =
    "format: 1\n"
    "name: Inference check test framework\n"
    "tiers:\n"
    "  prohibited: {blocked: true, severity: blocking}\n"
    "  high: {inference_check_required: true, severity: blocking}\n"
    "  limited: {severity: warning}\n"
    "  minimal: {severity: warning}\n";
  g_autoptr(GError) error = NULL;
  MrFramework *framework = mr_framework_new_from_data (yaml, sizeof yaml - 1, "checks.yml",
                                                       &error);

  g_assert_no_error (error);
  return framework;
}

static MrStore *
open_store (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(GError) error = NULL;
  MrStore *store = mr_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static MrModelRecord *
save_new (MrStore    *store,
          const char *uses)
{
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (2);
  g_autoptr(GError) error = NULL;
  MrModelRecord *saved;

  g_strfreev (record->intended_uses);
  record->intended_uses = g_strsplit (uses, ";", -1);
  record->last_checked_at = 0;
  saved = mr_store_save_model (store, record, ACTOR, &error);
  g_assert_no_error (error);
  return saved;
}

static gint64
add_check (MrStore       *store,
           gint64         model_id,
           MrCheckKind    kind,
           MrCheckStatus  status,
           const char    *result_json,
           gint64         started_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = mr_store_add_check (store, model_id, kind, status, "{\"path\":\"m.gguf\"}",
                                  result_json, started_at, started_at + 5, ACTOR,
                                  result_json == NULL ? "No runtime is installed" : NULL,
                                  &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static guint
count_audit_actions (MrStore    *store,
                     gint64      model_id,
                     const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = mr_store_list_audit (store, model_id, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((MrAuditRecord *) g_ptr_array_index (entries, i))->action, action) == 0;
  return n;
}

static void
test_add_and_list (void)
{
  g_autoptr(MrStore) store = open_store ();
  g_autoptr(MrModelRecord) model = save_new (store, "");
  g_autoptr(MrModelRecord) reread = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  MrCheckRecord *newest;
  MrCheckRecord *oldest;
  gint64 first;
  gint64 second;

  g_assert_cmpint (model->last_checked_at, ==, 0);
  first = add_check (store, model->id, MR_CHECK_KIND_VERIFICATION, MR_CHECK_STATUS_PASSED,
                     VERIFY_RESULT, 1800000000);
  second = add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_PASSED,
                      INFERENCE_PASSED, 1800000100);
  g_assert_cmpint (second, >, first);

  checks = mr_store_list_checks (store, model->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 2);
  newest = g_ptr_array_index (checks, 0);
  oldest = g_ptr_array_index (checks, 1);
  g_assert_cmpint (newest->id, ==, second);
  g_assert_cmpint (newest->kind, ==, MR_CHECK_KIND_INFERENCE);
  g_assert_cmpint (oldest->id, ==, first);
  g_assert_cmpint (oldest->model_id, ==, model->id);
  g_assert_cmpint (oldest->started_at, ==, 1800000000);
  g_assert_cmpint (oldest->finished_at, ==, 1800000005);
  g_assert_cmpstr (oldest->actor, ==, ACTOR);
  g_assert_cmpstr (oldest->inputs_json, ==, "{\"path\":\"m.gguf\"}");
  g_assert_cmpstr (oldest->result_json, ==, VERIFY_RESULT);
  g_assert_null (oldest->error);
  /* Digits are grouped as the locale does it (not at all in C). */
  expected = g_strdup_printf ("SHA-256 matches the hub · %'d parameters · llama", 124439808);
  summary = mr_check_record_dup_summary (oldest);
  g_assert_cmpstr (summary, ==, expected);
  g_clear_pointer (&summary, g_free);
  summary = mr_check_record_dup_summary (newest);
  g_assert_cmpstr (summary, ==, "12.3 tokens/s · deterministic");

  /* Each check is one audit entry on the model, in the same chain. */
  g_assert_cmpuint (count_audit_actions (store, model->id, "check"), ==, 2);
  g_assert_true (mr_store_verify_audit (store, NULL, NULL, &error));
  g_assert_no_error (error);

  reread = mr_store_get_model (store, model->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reread->last_checked_at, ==, 1800000105);
  /* A check is not an edit. */
  g_assert_cmpuint (reread->revision, ==, model->revision);
}

static void
test_failed_and_error (void)
{
  g_autoptr(MrStore) store = open_store ();
  g_autoptr(MrModelRecord) model = save_new (store, "");
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *json = NULL;
  MrCheckRecord *failed;
  MrCheckRecord *broken;

  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_FAILED,
             INFERENCE_FAILED, 1800000000);
  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_ERROR, NULL,
             1800000200);
  checks = mr_store_list_checks (store, model->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 2);
  broken = g_ptr_array_index (checks, 0);
  failed = g_ptr_array_index (checks, 1);
  g_assert_cmpint (failed->status, ==, MR_CHECK_STATUS_FAILED);
  summary = mr_check_record_dup_summary (failed);
  g_assert_cmpstr (summary, ==, "3.0 tokens/s · output differs between runs");
  g_assert_cmpint (broken->status, ==, MR_CHECK_STATUS_ERROR);
  g_assert_null (broken->result_json);
  g_assert_cmpstr (broken->error, ==, "No runtime is installed");

  json = mr_check_records_to_json (checks, FALSE);
  g_assert_nonnull (strstr (json, "\"status\":\"error\""));
  g_assert_nonnull (strstr (json, "\"status\":\"failed\""));
  g_assert_nonnull (strstr (json, "\"deterministic\":false"));
}

static void
test_unknown_model (void)
{
  g_autoptr(MrStore) store = open_store ();
  g_autoptr(MrModelRecord) model = save_new (store, "");
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  deleted = mr_store_delete_model (store, model->id, ACTOR, &error);
  g_assert_no_error (error);
  id = mr_store_add_check (store, model->id, MR_CHECK_KIND_VERIFICATION,
                           MR_CHECK_STATUS_PASSED, NULL, VERIFY_RESULT, 1800000000,
                           1800000001, ACTOR, NULL, &error);
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  /* Nothing of the refused check is left behind. */
  checks = mr_store_list_checks (store, model->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 0);
  g_assert_cmpuint (count_audit_actions (store, model->id, "check"), ==, 0);
}

static void
assert_flags (MrStore        *store,
              gint64          id,
              MrFlagSeverity  worst,
              guint           n_flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) stored = mr_store_get_model (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (stored->worst_flag, ==, worst);
  g_assert_cmpuint (stored->n_flags, ==, n_flags);
}

static void
test_policy_uses_outcome (void)
{
  g_autoptr(MrStore) store = open_store ();
  g_autoptr(MrFramework) framework = check_framework_new ();
  g_autoptr(MrModelRecord) model = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(MrModelRecord) edited = NULL;
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(GError) error = NULL;

  mr_store_set_framework (store, framework);
  model = save_new (store, "credit-scoring");
  g_assert_cmpint (model->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpuint (model->n_flags, ==, 1);

  /* Neither a verification nor a failing inference check is a pass. */
  add_check (store, model->id, MR_CHECK_KIND_VERIFICATION, MR_CHECK_STATUS_PASSED,
             VERIFY_RESULT, 1800000000);
  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_FAILED,
             INFERENCE_FAILED, 1800000100);
  assert_flags (store, model->id, MR_FLAG_SEVERITY_BLOCKING, 1);

  add_check (store, model->id, MR_CHECK_KIND_INFERENCE_ENDPOINT, MR_CHECK_STATUS_PASSED,
             INFERENCE_PASSED, 1800000200);
  assert_flags (store, model->id, MR_FLAG_SEVERITY_NONE, 0);

  /* A check that could not run leaves the verdict; a save keeps it. */
  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_ERROR, NULL,
             1800000300);
  stored = mr_store_get_model (store, model->id, &error);
  g_assert_no_error (error);
  edited = mr_model_record_copy (stored);
  mr_model_record_set_string (&edited->notes, "Checked");
  saved = mr_store_save_model (store, edited, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->worst_flag, ==, MR_FLAG_SEVERITY_NONE);

  /* So does re-evaluating the register, and a later failure flags again. */
  g_assert_true (mr_store_reevaluate_all (store, NULL, &error));
  g_assert_no_error (error);
  assert_flags (store, model->id, MR_FLAG_SEVERITY_NONE, 0);
  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_FAILED,
             INFERENCE_FAILED, 1800000400);
  assert_flags (store, model->id, MR_FLAG_SEVERITY_BLOCKING, 1);
}

static char *
run_evaluate (const char *path)
{
  const char *argv[] = { cli_path, "evaluate", "--format", "json", "--database", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* `evaluate` reads the same outcome as the stored columns (the default
 * framework requires a passing check for high-risk uses). */
static void
test_cli_evaluate_uses_outcome (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store ();
  g_autoptr(MrModelRecord) model = save_new (store, "credit-scoring");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (cli_path == NULL)
    {
      g_test_skip ("no model-register executable given");
      return;
    }
  before = run_evaluate (path);
  g_assert_nonnull (strstr (before, "\"inference-check\""));
  add_check (store, model->id, MR_CHECK_KIND_INFERENCE, MR_CHECK_STATUS_PASSED,
             INFERENCE_PASSED, 1800000000);
  after = run_evaluate (path);
  g_assert_nonnull (strstr (after, "\"credit-scoring\""));
  g_assert_null (strstr (after, "\"inference-check\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;

  g_test_add_func ("/checks/store/add-and-list", test_add_and_list);
  g_test_add_func ("/checks/store/failed-and-error", test_failed_and_error);
  g_test_add_func ("/checks/store/unknown-model", test_unknown_model);
  g_test_add_func ("/checks/store/policy-uses-outcome", test_policy_uses_outcome);
  g_test_add_func ("/checks/store/cli-evaluate-uses-outcome", test_cli_evaluate_uses_outcome);
  return g_test_run ();
}
