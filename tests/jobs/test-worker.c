/* test-worker.c — the worker thread and the asynchronous repository built on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"
#include "mr-repository.h"
#include "mr-store-test-util.h"
#include "mr-worker.h"

/* What the jobs of one test share with the worker thread. */
typedef struct {
  GMutex        lock;
  GCond         cond;
  gboolean      gate_started;
  gboolean      gate_open;
  GArray       *ran;            /* int job numbers, in the order they ran */
  MrWorker     *worker;
  GMainContext *context;        /* the caller's, where results must arrive */
  GThread      *caller;
  guint         n_done;
  guint         n_cancelled;
  GThread      *released_on;
} Fixture;

#define GATE 0

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_mutex_init (&fixture->lock);
  g_cond_init (&fixture->cond);
  fixture->ran = g_array_new (FALSE, FALSE, sizeof (int));
  fixture->worker = mr_worker_new ("test-worker");
  fixture->context = g_main_context_new ();
  fixture->caller = g_thread_self ();
  g_main_context_push_thread_default (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->worker);
  /* The worker hands its last task references back to this context. */
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
  g_array_unref (fixture->ran);
  g_cond_clear (&fixture->cond);
  g_mutex_clear (&fixture->lock);
}

/* Runs on the worker thread. */
static void
number_job (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Fixture *fixture = g_object_get_data (G_OBJECT (task), "fixture");
  int number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "number"));

  g_assert_true (mr_worker_is_current (fixture->worker));
  g_assert_true (g_thread_self () != fixture->caller);

  g_mutex_lock (&fixture->lock);
  if (number == GATE)
    {
      fixture->gate_started = TRUE;
      g_cond_broadcast (&fixture->cond);
      while (!fixture->gate_open)
        g_cond_wait (&fixture->cond, &fixture->lock);
    }
  g_array_append_val (fixture->ran, number);
  g_mutex_unlock (&fixture->lock);

  g_task_return_int (task, number);
}

static void
job_done (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  /* Results come back on the caller's thread and context. */
  g_assert_true (g_thread_self () == fixture->caller);
  g_assert_true (g_main_context_get_thread_default () == fixture->context);

  g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fixture->n_cancelled++;
  else
    g_assert_no_error (error);
  fixture->n_done++;
}

static void
queue_number (Fixture      *fixture,
              MrPriority    priority,
              int           number,
              GCancellable *cancellable)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, job_done, fixture);

  g_object_set_data (G_OBJECT (task), "number", GINT_TO_POINTER (number));
  g_object_set_data (G_OBJECT (task), "fixture", fixture);
  mr_worker_queue (fixture->worker, priority, number_job, task);
}

/* Queues the gate job and waits until the worker is stuck in it, so that
 * every job queued next waits in the queue. */
static void
close_gate (Fixture *fixture)
{
  queue_number (fixture, MR_PRIORITY_BACKGROUND, GATE, NULL);
  g_mutex_lock (&fixture->lock);
  while (!fixture->gate_started)
    g_cond_wait (&fixture->cond, &fixture->lock);
  g_mutex_unlock (&fixture->lock);
}

static void
open_gate (Fixture *fixture)
{
  g_mutex_lock (&fixture->lock);
  fixture->gate_open = TRUE;
  g_cond_broadcast (&fixture->cond);
  g_mutex_unlock (&fixture->lock);
}

static void
wait_done (Fixture *fixture,
           guint    n_jobs)
{
  while (fixture->n_done < n_jobs)
    g_main_context_iteration (fixture->context, TRUE);
}

static void
assert_ran (Fixture   *fixture,
            const int *expected,
            guint      n_expected)
{
  g_mutex_lock (&fixture->lock);
  g_assert_cmpmem (fixture->ran->data, fixture->ran->len * sizeof (int),
                   expected, n_expected * sizeof (int));
  g_mutex_unlock (&fixture->lock);
}

static void
test_priority (Fixture       *fixture,
               gconstpointer  data)
{
  static const int expected[] = { GATE, 2, 4, 1, 3, 5 };

  close_gate (fixture);
  queue_number (fixture, MR_PRIORITY_BACKGROUND, 1, NULL);
  queue_number (fixture, MR_PRIORITY_INTERACTIVE, 2, NULL);
  queue_number (fixture, MR_PRIORITY_BACKGROUND, 3, NULL);
  queue_number (fixture, MR_PRIORITY_INTERACTIVE, 4, NULL);
  queue_number (fixture, MR_PRIORITY_BACKGROUND, 5, NULL);
  open_gate (fixture);

  wait_done (fixture, G_N_ELEMENTS (expected));
  g_assert_cmpuint (fixture->n_cancelled, ==, 0);
  assert_ran (fixture, expected, G_N_ELEMENTS (expected));
  g_assert_false (mr_worker_is_current (fixture->worker));
}

static void
test_cancel_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  static const int expected[] = { GATE, 2 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  close_gate (fixture);
  queue_number (fixture, MR_PRIORITY_INTERACTIVE, 1, cancellable);
  queue_number (fixture, MR_PRIORITY_INTERACTIVE, 2, NULL);
  g_cancellable_cancel (cancellable);
  open_gate (fixture);

  wait_done (fixture, 3);
  g_assert_cmpuint (fixture->n_cancelled, ==, 1);
  assert_ran (fixture, expected, G_N_ELEMENTS (expected));
}

static gpointer
open_gate_later (gpointer data)
{
  g_usleep (100 * 1000);
  open_gate (data);
  return NULL;
}

/* Runs on the worker thread. */
static void
release (gpointer data)
{
  Fixture *fixture = data;

  fixture->released_on = g_thread_self ();
}

static void
test_shutdown_pending (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int expected[] = { GATE };
  g_autoptr(GThread) opener = NULL;

  close_gate (fixture);
  for (int i = 1; i <= 3; i++)
    queue_number (fixture, i % 2 ? MR_PRIORITY_BACKGROUND : MR_PRIORITY_INTERACTIVE, i, NULL);

  /* Shutdown waits for the running job, so something else must end it. */
  opener = g_thread_new ("gate-opener", open_gate_later, fixture);
  mr_worker_shutdown (fixture->worker, release, fixture);
  g_thread_join (g_steal_pointer (&opener));

  g_assert_nonnull (fixture->released_on);
  g_assert_true (fixture->released_on != fixture->caller);
  wait_done (fixture, 4);
  g_assert_cmpuint (fixture->n_cancelled, ==, 3);
  assert_ran (fixture, expected, G_N_ELEMENTS (expected));

  /* A job queued after shutdown is refused at once. */
  queue_number (fixture, MR_PRIORITY_INTERACTIVE, 9, NULL);
  wait_done (fixture, 5);
  g_assert_cmpuint (fixture->n_cancelled, ==, 4);
}

/* The repository, driven by a main loop as the GUI drives it. */

static void
store_result (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static MrRepository *
open_repository (const char  *path,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mr_repository_open_async (path, NULL, store_result, &result);
  return mr_repository_open_finish (wait_result (&result), error);
}

static GPtrArray *
list_models (MrRepository *repository)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  mr_repository_list_async (repository, MR_LOAD_SUMMARY, NULL, store_result, &result);
  records = mr_repository_list_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  return records;
}

static void
test_repository_round_trip (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (7);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) got = NULL;
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(MrModelRecord) restored = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  repository = open_repository (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mr_repository_get_path (repository), ==, path);

  mr_repository_save_async (repository, record, NULL, store_result, &result);
  saved = mr_repository_save_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, >, 0);
  g_assert_true (mr_model_record_same_content (saved, record));
  g_clear_object (&result);

  listed = list_models (repository);
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

  mr_repository_get_async (repository, saved->id, NULL, store_result, &result);
  got = mr_repository_get_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_same_content (got, record));
  g_clear_object (&result);

  mr_repository_delete_async (repository, saved->id, NULL, store_result, &result);
  deleted = mr_repository_delete_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (deleted->id, ==, saved->id);
  g_clear_object (&result);

  listed = list_models (repository);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  mr_repository_get_async (repository, saved->id, NULL, store_result, &result);
  g_assert_null (mr_repository_get_finish (repository, wait_result (&result), &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  mr_repository_restore_async (repository, deleted, NULL, store_result, &result);
  restored = mr_repository_restore_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored->id, ==, saved->id);
  g_assert_true (mr_model_record_same_content (restored, record));
  g_clear_object (&result);

  listed = list_models (repository);
  g_assert_cmpuint (listed->len, ==, 1);

  mr_repository_check_integrity_async (repository, NULL, store_result, &result);
  g_assert_true (mr_repository_check_integrity_finish (repository, wait_result (&result),
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Once shut down and the last results delivered, nothing holds on to it. */
  mr_repository_shutdown (repository);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&repository));
}

static void
test_repository_transfer (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autofree char *export_path = g_build_filename (g_get_user_data_dir (), "all.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (1);
  g_autoptr(MrModelRecord) saved = NULL;

  repository = open_repository (path, &error);
  g_assert_no_error (error);
  mr_repository_save_async (repository, record, NULL, store_result, &result);
  saved = mr_repository_save_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  mr_repository_export_async (repository, file, MR_FILE_FORMAT_AUTO, NULL, NULL,
                              store_result, &result);
  g_assert_true (mr_repository_export_finish (repository, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  mr_repository_import_async (repository, file, MR_FILE_FORMAT_JSON, FALSE, NULL,
                              store_result, &result);
  report = mr_repository_import_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 1);

  listed = list_models (repository);
  g_assert_cmpuint (listed->len, ==, 2);
}

/* Under the default framework, credit scoring with a model bound to an
 * acceptable-use policy is blocked; under the lenient one it is not. */
static void
test_repository_set_framework (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrFramework) lenient = mr_store_test_lenient_framework_new ();
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (1);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  mr_model_record_set_string (&record->license, "llama3.1");
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strsplit ("credit-scoring", ";", -1);

  repository = open_repository (path, &error);
  g_assert_no_error (error);
  mr_repository_save_async (repository, record, NULL, store_result, &result);
  saved = mr_repository_save_finish (repository, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_clear_object (&result);

  mr_repository_set_framework_async (repository, lenient, NULL, store_result, &result);
  g_assert_true (mr_repository_set_framework_finish (repository, wait_result (&result), &error));
  g_assert_no_error (error);

  listed = list_models (repository);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((MrModelRecord *) g_ptr_array_index (listed, 0))->worst_flag, <,
                   MR_FLAG_SEVERITY_BLOCKING);
}

static void
test_repository_open_error (void)
{
  g_autofree char *path = mr_store_test_register_path ("notes.txt");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a register\n", -1, NULL));
  repository = open_repository (path, &error);
  g_assert_null (repository);
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_A_DATABASE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/worker/priority", Fixture, NULL,
              fixture_set_up, test_priority, fixture_tear_down);
  g_test_add ("/worker/cancel-queued", Fixture, NULL,
              fixture_set_up, test_cancel_queued, fixture_tear_down);
  g_test_add ("/worker/shutdown-pending", Fixture, NULL,
              fixture_set_up, test_shutdown_pending, fixture_tear_down);
  g_test_add_func ("/repository/round-trip", test_repository_round_trip);
  g_test_add_func ("/repository/transfer", test_repository_transfer);
  g_test_add_func ("/repository/set-framework", test_repository_set_framework);
  g_test_add_func ("/repository/open-error", test_repository_open_error);

  return g_test_run ();
}
