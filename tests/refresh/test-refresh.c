/* test-refresh.c — refreshing stored models against the loopback Hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "mr-add-from-hub.h"
#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-network-error.h"
#include "mr-policy-stamp.h"
#include "mr-refresh-job.h"
#include "mr-repository.h"
#include "mr-sqlite-store.h"
#include "mr-test-hub-server.h"

#define GPT2 "openai-community/gpt2"
#define GPT2_SHA "607a30d783dfa663caf39e06633721c8d4cfcd7e"
#define GPT2_INFO "/api/models/" GPT2
#define GPT2_TREE "/api/models/" GPT2 "/tree/" GPT2_SHA
#define GPT2_README "/" GPT2 "/resolve/" GPT2_SHA "/README.md"
#define APACHE_README "---\nlicense: apache-2.0\n---\n# GPT-2\n"

typedef struct {
  MrTestHubServer *server;
  MrHubClient     *hub;
  MrStore         *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(GError) error = NULL;

  f->server = mr_test_hub_server_new ();
  f->hub = mr_hub_client_new (mr_test_hub_server_get_base (f->server), NULL);
  /* Retries and rate-limit waits are exercised, only scaled down. */
  mr_http_client_set_wait_scale (mr_hub_client_get_http (f->hub), 0.001);
  f->store = mr_sqlite_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->store);
  g_object_unref (f->hub);
  mr_test_hub_server_free (f->server);
}

static MrModelRecord *
add_from_hub (Fixture    *f,
              const char *repo_id)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrHubDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *stored;

  mr_add_from_hub_fetch_async (f->hub, repo_id, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  draft = mr_add_from_hub_fetch_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draft->record->id, ==, 0);
  stored = mr_store_save_with_snapshot (f->store, draft->record, draft->snapshot, NULL,
                                        "tester", &error);
  g_assert_no_error (error);
  return stored;
}

static MrRefreshSummary *
refresh (Fixture  *f,
         GArray   *ids,
         MrJob    *job,
         guint     in_flight,
         GError  **error)
{
  g_autoptr(MrRefreshJob) refresh = mr_refresh_job_new (f->store, f->hub, NULL, "tester");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_refresh_job_set_in_flight (refresh, in_flight);
  mr_refresh_job_run_async (refresh, ids, job, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_refresh_job_run_finish (refresh, result, error);
}

static MrRefreshSummary *
refresh_one (Fixture *f,
             gint64   id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  MrRefreshSummary *summary;

  g_array_append_val (ids, id);
  summary = refresh (f, ids, NULL, MR_REFRESH_JOB_DEFAULT_IN_FLIGHT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->items->len, ==, 1);
  return summary;
}

static char *
stored_json (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = mr_store_get_model (f->store, id, &error);

  g_assert_no_error (error);
  return mr_model_record_to_json (record, TRUE);
}

static guint
n_snapshots (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = mr_store_list_snapshots (f->store, id, &error);

  g_assert_no_error (error);
  return snapshots->len;
}

/* The gpt2 model info with its licence changed to apache-2.0. */
static char *
relicensed_info (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MODEL_REGISTER_TEST_DATA"), "hub",
                                            "openai-community__gpt2.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) tag_parts = NULL;
  g_autofree char *retagged = NULL;
  g_auto(GStrv) card_parts = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  tag_parts = g_strsplit (text, "\"license:mit\"", -1);
  g_assert_cmpuint (g_strv_length (tag_parts), ==, 2);
  retagged = g_strjoinv ("\"license:apache-2.0\"", tag_parts);
  card_parts = g_strsplit (retagged, "\"license\": \"mit\"", -1);
  g_assert_cmpuint (g_strv_length (card_parts), ==, 2);
  return g_strjoinv ("\"license\": \"apache-2.0\"", card_parts);
}

static void
serve_relicensed (Fixture *f)
{
  g_autofree char *info = relicensed_info ();

  mr_test_hub_server_add_fault (f->server, GPT2_INFO, MR_TEST_FAULT_BODY, 0, info);
  mr_test_hub_server_add_fault (f->server, GPT2_README, MR_TEST_FAULT_BODY, 0, APACHE_README);
}

static void
test_add_from_hub (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autoptr(MrModelRecord) expected = mr_model_record_copy (stored);
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;
  const MrSnapshot *snapshot;

  g_assert_cmpint (stored->id, >, 0);
  g_assert_cmpint (stored->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_cmpstr (stored->source_ref, ==, GPT2);
  g_assert_cmpstr (stored->source_revision, ==, GPT2_SHA);
  /* The record states the licence; the snapshot keeps the Hub's tag. */
  g_assert_cmpstr (stored->license, ==, "MIT");
  g_assert_cmpint (stored->components[MR_COMPONENT_FINAL_PARAMETERS].availability, ==,
                   MR_AVAILABILITY_PRESENT);
  g_assert_cmpstr (stored->components[MR_COMPONENT_FINAL_PARAMETERS].license, ==, "MIT");
  g_assert_false (stored->components[MR_COMPONENT_FINAL_PARAMETERS].verified);

  /* The store stamped the framework's outcome: open weights under MIT. */
  mr_policy_stamp_record (expected, mr_store_get_framework (f->store), NULL);
  g_assert_cmpint (stored->openness, ==, expected->openness);
  g_assert_cmpint (stored->openness, >=, MR_OPENNESS_OPEN_WEIGHTS);
  g_assert_cmpint (stored->worst_flag, ==, expected->worst_flag);
  g_assert_cmpuint (stored->n_flags, ==, expected->n_flags);

  snapshots = mr_store_list_snapshots (f->store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 1);
  snapshot = g_ptr_array_index (snapshots, 0);
  g_assert_cmpstr (snapshot->commit, ==, GPT2_SHA);
  g_assert_cmpstr (snapshot->license, ==, "mit");
  g_assert_cmpstr (snapshot->gating, ==, "none");
  g_assert_nonnull (snapshot->weights);
  g_assert_cmpuint (snapshot->files->len, >, 5);
}

static void
test_add_invalid_repo_id (Fixture       *f,
                          gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubDraft) draft = NULL;

  mr_add_from_hub_fetch_async (f->hub, "not a repo", NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  draft = mr_add_from_hub_fetch_finish (result, &error);
  g_assert_null (draft);
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_REPO_ID);
}

static void
test_refresh_unchanged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autofree char *before = stored_json (f, stored->id);
  g_autofree char *after = NULL;
  g_autoptr(MrRefreshSummary) summary = refresh_one (f, stored->id);
  const MrRefreshItem *item = g_ptr_array_index (summary->items, 0);

  g_assert_cmpint (item->outcome, ==, MR_REFRESH_UNCHANGED);
  g_assert_cmpuint (item->changes->len, ==, 0);
  g_assert_cmpuint (summary->n_unchanged, ==, 1);
  after = stored_json (f, stored->id);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (n_snapshots (f, stored->id), ==, 1);
}

static gboolean
has_change (GPtrArray            *changes,
            MrSnapshotChangeKind  kind)
{
  for (guint i = 0; i < changes->len; i++)
    if (((MrSnapshotChange *) g_ptr_array_index (changes, i))->kind == kind)
      return TRUE;
  return FALSE;
}

static void
approve (Fixture *f,
         gint64   id)
{
  const char * const uses[] = { "search", NULL };
  MrWorkflowInput request = {
    .intended_uses = uses,
    .owner = "Search team",
    .comment = "Ranking experiments",
    .justification = "Accepted by the risk board",
  };
  MrWorkflowInput decision = { .comment = "Fine for search" };
  g_autoptr(MrModelRecord) submitted = NULL;
  g_autoptr(MrModelRecord) approved = NULL;
  g_autoptr(GError) error = NULL;

  submitted = mr_store_submit (f->store, id, &request, "requester", &error);
  g_assert_no_error (error);
  approved = mr_store_decide (f->store, id, MR_WORKFLOW_ACTION_APPROVE, &decision,
                              "reviewer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->status, ==, MR_STATUS_APPROVED);
}

/* The audit entry of model id with this action, NULL when there is none. */
static MrAuditRecord *
find_audit (GPtrArray  *entries,
            const char *action)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MrAuditRecord *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, action))
        return entry;
    }
  return NULL;
}

static void
test_license_change_requires_rereview (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  const MrRefreshItem *item;
  MrAuditRecord *evidence, *rereview;

  approve (f, stored->id);
  serve_relicensed (f);
  summary = refresh_one (f, stored->id);
  item = g_ptr_array_index (summary->items, 0);
  g_assert_no_error (item->error);
  g_assert_cmpint (item->outcome, ==, MR_REFRESH_REFRESHED);
  g_assert_true (has_change (item->changes, MR_SNAPSHOT_CHANGE_LICENSE));
  g_assert_true (item->rereview);

  after = mr_store_get_model (f->store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MR_STATUS_REREVIEW_REQUIRED);
  g_assert_cmpstr (after->license, ==, "Apache-2.0");
  g_assert_cmpuint (n_snapshots (f, stored->id), ==, 2);

  audit = mr_store_list_audit (f->store, stored->id, 0, 0, &error);
  g_assert_no_error (error);
  evidence = find_audit (audit, "evidence change");
  g_assert_nonnull (evidence);
  g_assert_nonnull (strstr (evidence->before_json, "\"MIT\""));
  g_assert_nonnull (strstr (evidence->after_json, "\"Apache-2.0\""));
  rereview = find_audit (audit, "require-rereview");
  g_assert_nonnull (rereview);
  g_assert_cmpint (rereview->seq, >, evidence->seq);
  g_assert_nonnull (strstr (rereview->after_json, "upstream-change"));
  g_assert_nonnull (strstr (rereview->after_json, "apache-2.0"));
}

static void
test_minor_change_keeps_approval (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  const MrRefreshItem *item;

  approve (f, stored->id);
  /* The card now names a dataset: new evidence, same licence and commit. */
  mr_test_hub_server_add_fault (f->server, GPT2_README, MR_TEST_FAULT_BODY, 0,
                                "---\nlicense: mit\ndatasets:\n- openwebtext\n---\n# GPT-2\n");
  summary = refresh_one (f, stored->id);
  item = g_ptr_array_index (summary->items, 0);
  g_assert_no_error (item->error);
  g_assert_cmpint (item->outcome, ==, MR_REFRESH_REFRESHED);
  g_assert_true (has_change (item->changes, MR_SNAPSHOT_CHANGE_DATASETS));
  g_assert_false (mr_snapshot_changes_need_rereview (item->changes));
  g_assert_false (item->rereview);
  after = mr_store_get_model (f->store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MR_STATUS_APPROVED);
  g_assert_cmpuint (n_snapshots (f, stored->id), ==, 2);
}

static void
test_unapproved_change_is_stored (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  const MrRefreshItem *item;

  serve_relicensed (f);
  summary = refresh_one (f, stored->id);
  item = g_ptr_array_index (summary->items, 0);
  g_assert_cmpint (item->outcome, ==, MR_REFRESH_REFRESHED);
  g_assert_false (item->rereview);
  after = mr_store_get_model (f->store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MR_STATUS_DRAFT);
  g_assert_cmpstr (after->license, ==, "Apache-2.0");
}

typedef struct {
  const char  *what;
  const char  *path;
  MrTestFault  fault;
  const char  *repo_id;
  int          code;
} FaultCase;

static void
test_faults_store_nothing (Fixture       *f,
                           gconstpointer  data)
{
  static const FaultCase cases[] = {
    { "timeout", GPT2_README, MR_TEST_FAULT_DELAY, GPT2, MR_NETWORK_ERROR_TIMED_OUT },
    { "500", GPT2_TREE, MR_TEST_FAULT_SERVER_ERROR, GPT2, MR_NETWORK_ERROR_SERVER },
    { "429", GPT2_TREE, MR_TEST_FAULT_RATE_LIMIT_LONG, GPT2, MR_NETWORK_ERROR_RATE_LIMITED },
    { "truncated", GPT2_TREE, MR_TEST_FAULT_TRUNCATED, GPT2, MR_NETWORK_ERROR_MALFORMED },
    { "50 MB", GPT2_README, MR_TEST_FAULT_HUGE, GPT2, MR_NETWORK_ERROR_TOO_LARGE },
    { "404", NULL, 0, "nonexistent-org/nonexistent-model", MR_NETWORK_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FaultCase *c = &cases[i];
      Fixture fresh;
      g_autoptr(MrModelRecord) stored = NULL;
      g_autoptr(MrModelRecord) record = mr_model_record_new ();
      g_autoptr(MrRefreshSummary) summary = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GError) error = NULL;
      const MrRefreshItem *item;

      g_test_message ("fault: %s", c->what);
      fixture_set_up (&fresh, NULL);
      /* Short only where the fault is the wait: a loaded machine may take
       * longer than that to stream 50 MB. */
      if (c->fault == MR_TEST_FAULT_DELAY)
        mr_http_client_set_timeout (mr_hub_client_get_http (fresh.hub), 300);
      mr_http_client_set_retries (mr_hub_client_get_http (fresh.hub), 2, 10);
      if (g_str_equal (c->repo_id, GPT2))
        {
          stored = add_from_hub (&fresh, GPT2);
          /* Without the fault, the refresh would store a new licence. */
          serve_relicensed (&fresh);
          mr_test_hub_server_add_fault (fresh.server, c->path, c->fault, 0, NULL);
        }
      else
        {
          mr_model_record_set_string (&record->name, "Ghost");
          record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
          mr_model_record_set_string (&record->source_ref, c->repo_id);
          stored = mr_store_save_model (fresh.store, record, "tester", &error);
          g_assert_no_error (error);
        }
      before = stored_json (&fresh, stored->id);

      summary = refresh_one (&fresh, stored->id);
      item = g_ptr_array_index (summary->items, 0);
      g_assert_cmpint (item->outcome, ==, MR_REFRESH_FAILED);
      g_assert_cmpuint (summary->n_failed, ==, 1);
      g_assert_error (item->error, MR_NETWORK_ERROR, c->code);
      label = g_strdup_printf ("%" G_GINT64_FORMAT, stored->id);
      g_assert_nonnull (strstr (item->error->message, c->repo_id));
      g_assert_nonnull (strstr (item->error->message, label));

      after = stored_json (&fresh, stored->id);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (n_snapshots (&fresh, stored->id), ==, g_str_equal (c->repo_id, GPT2));
      fixture_tear_down (&fresh, NULL);
    }
}

#define N_BULK 40

static void
test_cancel_bulk (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(MrJob) job = mr_job_new ("Refreshing", MR_PRIORITY_INTERACTIVE);
  g_autoptr(MrRefreshJob) refresh = mr_refresh_job_new (f->store, f->hub, NULL, "tester");
  g_autoptr(MrRefreshSummary) summary = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_refreshed = 0;

  mr_test_hub_server_set_template (f->server, "bulk/", GPT2);
  for (guint i = 0; i < N_BULK; i++)
    {
      MrModelRecord *record = mr_model_record_new ();

      record->name = g_strdup_printf ("model-%02u", i);
      record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
      record->source_ref = g_strdup_printf ("bulk/model-%02u", i);
      g_ptr_array_add (records, record);
    }
  mr_store_import_models (f->store, records, "tester", "test", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  stored = mr_store_list_models (f->store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);

  mr_refresh_job_set_in_flight (refresh, 4);
  mr_refresh_job_run_async (refresh, NULL, job, mr_test_store_result, &slot);
  /* Cancel part-way: once the tenth model has been asked for. */
  while (mr_test_hub_server_get_hits (f->server, "/api/models/bulk/model-10") == 0)
    g_main_context_iteration (NULL, TRUE);
  mr_job_cancel (job);
  result = mr_test_wait_result (&slot);
  summary = mr_refresh_job_run_finish (refresh, result, &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Each model is stored whole or not at all. */
  for (guint i = 0; i < stored->len; i++)
    {
      const MrModelRecord *old = g_ptr_array_index (stored, i);
      g_autoptr(MrModelRecord) now = mr_store_get_model (f->store, old->id, NULL);
      guint snapshots = n_snapshots (f, old->id);

      if (snapshots == 1)
        {
          g_assert_cmpstr (now->source_revision, ==, GPT2_SHA);
          g_assert_cmpuint (now->revision, ==, old->revision + 1);
          n_refreshed++;
        }
      else
        {
          g_autofree char *old_json = mr_model_record_to_json (old, TRUE);
          g_autofree char *now_json = mr_model_record_to_json (now, TRUE);

          g_assert_cmpuint (snapshots, ==, 0);
          g_assert_cmpstr (old_json, ==, now_json);
        }
    }
  g_assert_cmpuint (n_refreshed, <, N_BULK);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, "/api/models/bulk/model-39"), ==, 0);
}

static void
test_refresh_all_skips_manual (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MrModelRecord) hub = add_from_hub (f, GPT2);
  g_autoptr(MrModelRecord) manual = mr_model_record_new ();
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  mr_model_record_set_string (&manual->name, "In-house model");
  stored = mr_store_save_model (f->store, manual, "tester", &error);
  g_assert_no_error (error);
  summary = refresh (f, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->items->len, ==, 1);
  g_assert_cmpint (((MrRefreshItem *) g_ptr_array_index (summary->items, 0))->model_id, ==,
                   hub->id);
  g_assert_cmpuint (summary->in_flight, ==, 2);
}

static void
test_import_author (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrModelRecord) existing = add_from_hub (f, GPT2);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  MrHubImportReport report;
  const char *listing =
    "[{\"id\": \"openai-community/gpt2\", \"author\": \"openai-community\"},"
    " {\"id\": \"openai-community/gpt2-medium\", \"author\": \"openai-community\","
    "  \"tags\": [\"license:mit\"]},"
    " {\"id\": \"openai-community/gpt2-large\", \"author\": \"openai-community\"}]";

  mr_test_hub_server_add_fault (f->server, "/api/models", MR_TEST_FAULT_BODY, 1, listing);
  mr_add_from_hub_import_author_async (f->hub, f->store, "openai-community", "tester", NULL,
                                       mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  g_assert_true (mr_add_from_hub_import_author_finish (result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_listed, ==, 3);
  g_assert_cmpuint (report.n_imported, ==, 2);
  g_assert_cmpuint (report.n_already_registered, ==, 1);

  all = mr_store_list_models (f->store, MR_LOAD_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((MrModelRecord *) g_ptr_array_index (all, 1))->source_ref, ==,
                   "openai-community/gpt2-medium");
  g_assert_cmpstr (((MrModelRecord *) g_ptr_array_index (all, 1))->license, ==, "MIT");
  g_assert_cmpstr (((MrModelRecord *) g_ptr_array_index (all, 2))->name, ==, "gpt2-large");
}

static void
test_snapshot_history (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(MrModelRecord) stored = add_from_hub (f, GPT2);
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(MrSnapshot) latest = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  serve_relicensed (f);
  summary = refresh_one (f, stored->id);
  g_assert_cmpint (((MrRefreshItem *) g_ptr_array_index (summary->items, 0))->outcome, ==,
                   MR_REFRESH_REFRESHED);

  snapshots = mr_store_list_snapshots (f->store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 2);
  g_assert_cmpstr (((MrSnapshot *) g_ptr_array_index (snapshots, 0))->license, ==, "mit");
  g_assert_cmpstr (((MrSnapshot *) g_ptr_array_index (snapshots, 1))->license, ==, "apache-2.0");
  g_assert_true (mr_store_get_latest_snapshot (f->store, stored->id, &latest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (latest->id, ==, ((MrSnapshot *) g_ptr_array_index (snapshots, 1))->id);

  /* Evidence is never rewritten, not even from the sqlite3 shell. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "UPDATE snapshots SET fields = '{}'", NULL, NULL, &message);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "cannot be changed"));
  sqlite3_free (message);
  sqlite3_close (db);
}

static void
test_refresh_ollama (Fixture       *f,
                     gconstpointer  data)
{
  static const char *tags[] = { "hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M", "no-such-model" };
  g_autoptr(MrOllamaClient) ollama = mr_ollama_client_new (mr_test_hub_server_get_base (f->server));
  g_autoptr(MrRefreshJob) refresh = mr_refresh_job_new (f->store, NULL, ollama, "tester");
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 ids[G_N_ELEMENTS (tags)];
  const MrSnapshot *snapshot;
  const MrRefreshItem *missing;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr(MrModelRecord) record = mr_model_record_new ();
      g_autoptr(MrModelRecord) stored = NULL;

      mr_model_record_set_string (&record->name, tags[i]);
      record->source_kind = MR_SOURCE_KIND_OLLAMA;
      mr_model_record_set_string (&record->source_ref, tags[i]);
      stored = mr_store_save_model (f->store, record, "tester", &error);
      g_assert_no_error (error);
      ids[i] = stored->id;
    }

  mr_refresh_job_run_async (refresh, NULL, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  summary = mr_refresh_job_run_finish (refresh, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_refreshed, ==, 1);
  g_assert_cmpuint (summary->n_failed, ==, 1);

  snapshots = mr_store_list_snapshots (f->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 1);
  snapshot = g_ptr_array_index (snapshots, 0);
  g_assert_cmpint (snapshot->source, ==, MR_EVIDENCE_SOURCE_OLLAMA);
  /* The digest from /api/tags tells a re-pulled model apart. */
  g_assert_true (g_str_has_prefix (snapshot->commit, "deadbeef2c6a509e7067"));
  g_assert_cmpint (snapshot->weights_bytes, ==, 806058144);
  g_assert_nonnull (snapshot->weights);

  missing = g_ptr_array_index (summary->items, 1);
  g_assert_cmpint (missing->model_id, ==, ids[1]);
  g_assert_error (missing->error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing->error->message, "no-such-model"));
  g_assert_cmpuint (n_snapshots (f, ids[1]), ==, 0);
}

static void
test_repository (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "repository.db", NULL);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(MrRefreshSummary) summary = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(MrJob) job = mr_job_new ("Refreshing", MR_PRIORITY_BACKGROUND);
  g_autoptr(MrHubDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  mr_repository_open_async (path, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  repository = mr_repository_open_finish (result, &error);
  g_clear_object (&result);
  slot = NULL;
  g_assert_no_error (error);

  mr_add_from_hub_fetch_async (f->hub, GPT2, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  draft = mr_add_from_hub_fetch_finish (result, &error);
  g_clear_object (&result);
  slot = NULL;
  g_assert_no_error (error);
  mr_repository_save_with_snapshot_async (repository, draft->record, draft->snapshot, NULL,
                                          mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  stored = mr_repository_save_with_snapshot_finish (repository, result, &error);
  g_clear_object (&result);
  slot = NULL;
  g_assert_no_error (error);

  /* The worker stores; the network runs on the refresh's own thread. */
  serve_relicensed (f);
  mr_repository_refresh_async (repository, NULL, mr_test_hub_server_get_base (f->server), NULL,
                               NULL, job, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  summary = mr_repository_refresh_finish (repository, result, &error);
  g_clear_object (&result);
  slot = NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_refreshed, ==, 1);

  mr_repository_list_snapshots_async (repository, stored->id, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  snapshots = mr_repository_list_snapshots_finish (repository, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 2);
  g_assert_cmpstr (((MrSnapshot *) g_ptr_array_index (snapshots, 1))->license, ==, "apache-2.0");
  mr_repository_shutdown (repository);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mr_test_hub_server_prepare_environment ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/refresh/add-from-hub", test_add_from_hub);
  ADD ("/refresh/add-invalid-repo-id", test_add_invalid_repo_id);
  ADD ("/refresh/unchanged", test_refresh_unchanged);
  ADD ("/refresh/license-change-rereview", test_license_change_requires_rereview);
  ADD ("/refresh/unapproved-change", test_unapproved_change_is_stored);
  ADD ("/refresh/minor-change-keeps-approval", test_minor_change_keeps_approval);
  ADD ("/refresh/faults-store-nothing", test_faults_store_nothing);
  ADD ("/refresh/cancel-bulk", test_cancel_bulk);
  ADD ("/refresh/all-skips-manual", test_refresh_all_skips_manual);
  ADD ("/refresh/import-author", test_import_author);
  ADD ("/refresh/snapshot-history", test_snapshot_history);
  ADD ("/refresh/ollama", test_refresh_ollama);
  ADD ("/refresh/repository", test_repository);
#undef ADD

  return g_test_run ();
}
