/* bench-refresh-store.c — end-to-end refresh throughput (DESIGN.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1,000 models stored in a fresh register, each a distinct repo id that
 * the loopback server (its own thread) answers with the gpt2 fixture
 * bodies.  One MrRefreshJob refreshes them all: fetch (info, tree, README),
 * map onto the stored record, diff against the last snapshot and store
 * record + snapshot in one transaction per model.  Prints models per
 * second and the concurrency used; the budget is ≥ 500 models/s.
 *
 * Usage: bench-refresh-store [--models N] [--in-flight K]
 */
#include <glib/gstdio.h>

#include "mr-refresh-job.h"
#include "mr-sqlite-store.h"
#include "mr-test-hub-server.h"

#define BUDGET_MODELS_PER_S 500

typedef struct {
  GMutex     lock;
  GCond      ready;
  char      *base;
  GMainLoop *loop;
} ServerThread;

static gpointer
serve (gpointer user_data)
{
  ServerThread *st = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(MrTestHubServer) server = NULL;

  g_main_context_push_thread_default (context);
  server = mr_test_hub_server_new ();
  mr_test_hub_server_set_template (server, "bench/", "openai-community/gpt2");
  g_mutex_lock (&st->lock);
  st->loop = g_main_loop_new (context, FALSE);
  st->base = g_strdup (mr_test_hub_server_get_base (server));
  g_cond_signal (&st->ready);
  g_mutex_unlock (&st->lock);
  g_main_loop_run (st->loop);
  g_clear_pointer (&server, mr_test_hub_server_free);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static MrStore *
register_new (const char  *dir,
              int          models,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);

  if (store == NULL)
    return NULL;
  for (int i = 0; i < models; i++)
    {
      MrModelRecord *record = mr_model_record_new ();

      record->name = g_strdup_printf ("model-%04d", i);
      record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
      record->source_ref = g_strdup_printf ("bench/model-%04d", i);
      g_ptr_array_add (records, record);
    }
  if (!mr_store_import_models (store, records, "bench", "bench", NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&store);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
remove_register (const char *dir)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (dir, "/register.db", suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int models = 1000;
  int in_flight = MR_REFRESH_JOB_DEFAULT_IN_FLIGHT;
  GOptionEntry entries[] = {
    { "models", 0, 0, G_OPTION_ARG_INT, &models, "Models in the register", "N" },
    { "in-flight", 0, 0, G_OPTION_ARG_INT, &in_flight, "Models fetched at once", "K" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(MrStore) store = NULL;
  g_autoptr(MrHubClient) hub = NULL;
  g_autoptr(MrRefreshJob) refresh = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrRefreshSummary) summary = NULL;
  ServerThread st = { 0 };
  GThread *thread;
  gint64 start;
  double seconds, rate;
  gboolean ok;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || models < 1 || in_flight < 1)
    {
      g_printerr ("bench-refresh-store: %s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }
  mr_test_hub_server_prepare_environment ();
  dir = g_dir_make_tmp ("bench-refresh-store-XXXXXX", &error);
  if (dir == NULL || (store = register_new (dir, models, &error)) == NULL)
    {
      g_printerr ("bench-refresh-store: %s\n", error->message);
      return 1;
    }

  g_mutex_init (&st.lock);
  g_cond_init (&st.ready);
  thread = g_thread_new ("hub-server", serve, &st);
  g_mutex_lock (&st.lock);
  while (st.base == NULL)
    g_cond_wait (&st.ready, &st.lock);
  g_mutex_unlock (&st.lock);

  hub = mr_hub_client_new (st.base, NULL);
  refresh = mr_refresh_job_new (store, hub, NULL, "bench");
  mr_refresh_job_set_in_flight (refresh, in_flight);
  start = g_get_monotonic_time ();
  mr_refresh_job_run_async (refresh, NULL, NULL, on_refreshed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = mr_refresh_job_run_finish (refresh, result, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  ok = summary != NULL && summary->n_refreshed == (guint) models;
  rate = models / seconds;

  if (summary == NULL)
    g_printerr ("bench-refresh-store: %s\n", error->message);
  else
    g_print ("bench-refresh-store: %d stored models refreshed end to end (fetch + map + "
             "snapshot diff + store) in %.2f s: %.0f models/s, %u refreshed, %u failed, "
             "%u models in flight over one HTTP client (at most %d connections); "
             "budget >= %d models/s: %s\n",
             models, seconds, rate, summary->n_refreshed, summary->n_failed,
             summary->in_flight, MR_HTTP_CLIENT_MAX_CONNS_PER_HOST, BUDGET_MODELS_PER_S,
             ok && rate >= BUDGET_MODELS_PER_S ? "OK" : "OVER");
  /* For run-benchmarks.sh. */
  if (summary != NULL)
    g_print ("refresh-store models %d seconds %.2f rate %.0f in_flight %u\n",
             models, seconds, rate, summary->in_flight);

  g_main_loop_quit (st.loop);
  g_thread_join (thread);
  g_main_loop_unref (st.loop);
  g_free (st.base);
  g_clear_object (&store);
  remove_register (dir);
  return ok ? 0 : 1;
}
