/* test-jobs.c — jobs, the job manager and the refresh scheduler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-job-manager.h"
#include "mr-scheduler.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
iterate_for (gint64 microseconds)
{
  gint64 end = g_get_monotonic_time () + microseconds;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_progress_throttled (void)
{
  g_autoptr(MrJob) job = mr_job_new ("Refreshing", MR_PRIORITY_INTERACTIVE);
  guint n_notify = 0;
  gint64 start = g_get_monotonic_time ();
  guint n_reports = 0;
  double seconds;

  g_signal_connect (job, "notify::progress", G_CALLBACK (count_notify), &n_notify);
  /* Report as fast as possible for a second, iterating between reports. */
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC)
    {
      mr_job_set_progress (job, (n_reports++ % 1000) / 1000.0);
      g_main_context_iteration (NULL, FALSE);
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%u reports, %u notifications in %.2f s", n_reports, n_notify, seconds);
  g_assert_cmpuint (n_reports, >, 1000);
  g_assert_cmpuint (n_notify, >=, 2);
  g_assert_cmpuint (n_notify, <=, MR_JOB_MAX_NOTIFY_PER_S * seconds + 1);

  /* The last value reported arrives, throttled or not. */
  mr_job_set_progress (job, 0.75);
  iterate_for (G_USEC_PER_SEC / 2);
  g_assert_cmpfloat (mr_job_get_progress (job), ==, 0.75);
}

typedef struct {
  MrJob   *job;
  GThread *main_thread;
  gboolean on_main_thread;
} ThreadReport;

static gpointer
report_from_thread (gpointer data)
{
  ThreadReport *report = data;

  for (guint i = 1; i <= 100; i++)
    mr_job_set_progress (report->job, i / 100.0);
  mr_job_finish (report->job);
  return NULL;
}

static void
check_thread (MrJob        *job,
              ThreadReport *report)
{
  report->on_main_thread = g_thread_self () == report->main_thread;
}

static void
test_progress_from_thread (void)
{
  g_autoptr(MrJob) job = mr_job_new ("Hashing", MR_PRIORITY_BACKGROUND);
  ThreadReport report = { job, g_thread_self (), FALSE };
  GThread *thread;

  g_signal_connect (job, "finished", G_CALLBACK (check_thread), &report);
  thread = g_thread_new ("reporter", report_from_thread, &report);
  while (!mr_job_get_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_true (report.on_main_thread);
  g_assert_cmpfloat (mr_job_get_progress (job), ==, 1.0);
}

typedef struct {
  GPtrArray *started;   /* titles, in start order */
} Log;

static void
start_logged (MrJob    *job,
              gpointer  user_data)
{
  Log *log = user_data;

  g_ptr_array_add (log->started, (gpointer) mr_job_get_title (job));
}

static void
test_manager_priority (void)
{
  g_autoptr(MrJobManager) manager = mr_job_manager_new (1);
  g_autoptr(MrJob) first = mr_job_new ("first", MR_PRIORITY_BACKGROUND);
  g_autoptr(MrJob) scheduled = mr_job_new ("scheduled", MR_PRIORITY_BACKGROUND);
  g_autoptr(MrJob) interactive = mr_job_new ("interactive", MR_PRIORITY_INTERACTIVE);
  g_autoptr(GPtrArray) started = g_ptr_array_new ();
  Log log = { started };
  guint n_busy = 0;

  g_signal_connect (manager, "notify::busy", G_CALLBACK (count_notify), &n_busy);
  mr_job_manager_submit (manager, first, start_logged, &log, NULL);
  mr_job_manager_submit (manager, scheduled, start_logged, &log, NULL);
  mr_job_manager_submit (manager, interactive, start_logged, &log, NULL);
  g_assert_true (mr_job_manager_get_busy (manager));
  g_assert_cmpuint (n_busy, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 3);
  g_assert_cmpuint (started->len, ==, 1);

  /* The interactive job overtakes the scheduled one queued before it. */
  mr_job_finish (first);
  while (started->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (started, 1), ==, "interactive");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);

  mr_job_finish (interactive);
  while (started->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (started, 2), ==, "scheduled");
  mr_job_finish (scheduled);
  while (mr_job_manager_get_busy (manager))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_busy, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
}

static void
finish_when_cancelled (GCancellable *cancellable,
                       MrJob        *job)
{
  mr_job_finish (job);
}

/* A job that runs until cancelled, as a refresh in flight does. */
static void
start_until_cancelled (MrJob    *job,
                       gpointer  user_data)
{
  start_logged (job, user_data);
  g_cancellable_connect (mr_job_get_cancellable (job), G_CALLBACK (finish_when_cancelled),
                         job, NULL);
}

static void
test_manager_shutdown (void)
{
  g_autoptr(MrJobManager) manager = mr_job_manager_new (1);
  g_autoptr(MrJob) running = mr_job_new ("running", MR_PRIORITY_INTERACTIVE);
  g_autoptr(MrJob) waiting = mr_job_new ("waiting", MR_PRIORITY_BACKGROUND);
  g_autoptr(MrJob) late = mr_job_new ("late", MR_PRIORITY_INTERACTIVE);
  g_autoptr(GPtrArray) started = g_ptr_array_new ();
  Log log = { started };

  mr_job_manager_submit (manager, running, start_until_cancelled, &log, NULL);
  mr_job_manager_submit (manager, waiting, start_until_cancelled, &log, NULL);
  mr_job_manager_shutdown (manager);

  g_assert_false (mr_job_manager_get_busy (manager));
  g_assert_true (mr_job_get_finished (running));
  g_assert_true (mr_job_get_finished (waiting));
  g_assert_true (g_cancellable_is_cancelled (mr_job_get_cancellable (running)));
  g_assert_true (g_cancellable_is_cancelled (mr_job_get_cancellable (waiting)));
  /* The waiting job never started. */
  g_assert_cmpuint (started->len, ==, 1);

  mr_job_manager_submit (manager, late, start_until_cancelled, &log, NULL);
  while (mr_job_manager_get_busy (manager))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mr_job_get_finished (late));
  g_assert_cmpuint (started->len, ==, 1);
}

static void
test_scheduler (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(MrScheduler) scheduler = mr_scheduler_new (3600, now - 7200);
  guint n_due = 0;

  g_signal_connect (scheduler, "due", G_CALLBACK (count_notify), &n_due);
  /* Overdue at start: due at once. */
  while (n_due == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (mr_scheduler_get_next_run (scheduler), >=, now + 3600);

  mr_scheduler_set_last_run (scheduler, now);
  g_assert_cmpint (mr_scheduler_get_next_run (scheduler), ==, now + 3600);
  iterate_for (G_USEC_PER_SEC / 10);
  g_assert_cmpuint (n_due, ==, 1);

  mr_scheduler_set_interval (scheduler, 0);
  g_assert_cmpint (mr_scheduler_get_next_run (scheduler), ==, 0);
  mr_scheduler_set_last_run (scheduler, now - 100000);
  iterate_for (G_USEC_PER_SEC / 10);
  g_assert_cmpuint (n_due, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jobs/progress-throttled", test_progress_throttled);
  g_test_add_func ("/jobs/progress-from-thread", test_progress_from_thread);
  g_test_add_func ("/jobs/manager-priority", test_manager_priority);
  g_test_add_func ("/jobs/manager-shutdown", test_manager_shutdown);
  g_test_add_func ("/jobs/scheduler", test_scheduler);

  return g_test_run ();
}
