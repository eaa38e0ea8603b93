/* bench-refresh.c — Hub metadata refresh throughput (DESIGN.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A loopback server (its own thread) answers for 1,000 distinct model ids
 * with the gpt2 fixture bodies, id substituted; the client fetches info,
 * tree and README for each with several refreshes in flight and maps every
 * snapshot to a record.  Prints models per second; the budget is ≥ 500.
 *
 * Usage: bench-refresh [--models N] [--in-flight K]
 */
#include "mr-hub-evidence.h"
#include "mr-test-hub-server.h"

#define BUDGET_MODELS_PER_S 500

typedef struct {
  GMutex           lock;
  GCond            ready;
  char            *base;
  GMainLoop       *loop;
} ServerThread;

typedef struct {
  MrHubClient *client;
  GMainLoop   *loop;
  guint        total;
  guint        started;
  guint        done;
  guint        failed;
} Bench;

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

static void start_next (Bench *bench);

static void
on_snapshot (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubSnapshot) snap = mr_hub_client_fetch_snapshot_finish (MR_HUB_CLIENT (source),
                                                                       result, &error);
  g_autoptr(MrHubEvidence) evidence = NULL;

  if (snap == NULL)
    {
      g_printerr ("bench-refresh: %s\n", error->message);
      bench->failed++;
    }
  else
    evidence = mr_hub_evidence_new (snap, mr_hub_client_get_endpoint (bench->client), NULL);
  if (++bench->done == bench->total)
    g_main_loop_quit (bench->loop);
  else
    start_next (bench);
}

static void
start_next (Bench *bench)
{
  g_autofree char *id = NULL;

  if (bench->started == bench->total)
    return;
  id = g_strdup_printf ("bench/model-%04u", bench->started++);
  mr_hub_client_fetch_snapshot_async (bench->client, id, NULL, on_snapshot, bench);
}

int
main (int   argc,
      char *argv[])
{
  int models = 1000;
  int in_flight = 32;
  GOptionEntry entries[] = {
    { "models", 0, 0, G_OPTION_ARG_INT, &models, "Distinct model ids", "N" },
    { "in-flight", 0, 0, G_OPTION_ARG_INT, &in_flight, "Refreshes in flight", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  ServerThread st = { 0 };
  GThread *thread;
  Bench bench = { 0 };
  gint64 start;
  double seconds, rate;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || models < 1 || in_flight < 1)
    {
      g_printerr ("bench-refresh: %s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }
  mr_test_hub_server_prepare_environment ();

  g_mutex_init (&st.lock);
  g_cond_init (&st.ready);
  thread = g_thread_new ("hub-server", serve, &st);
  g_mutex_lock (&st.lock);
  while (st.base == NULL)
    g_cond_wait (&st.ready, &st.lock);
  g_mutex_unlock (&st.lock);

  bench.client = mr_hub_client_new (st.base, NULL);
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.total = models;
  start = g_get_monotonic_time ();
  for (int i = 0; i < in_flight; i++)
    start_next (&bench);
  g_main_loop_run (bench.loop);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  rate = bench.total / seconds;

  g_print ("bench-refresh: %u models (info + tree + README, mapped) in %.2f s: "
           "%.0f models/s, %d refreshes in flight over at most %d connections; "
           "budget >= %d models/s: %s\n",
           bench.total, seconds, rate, in_flight, MR_HTTP_CLIENT_MAX_CONNS_PER_HOST,
           BUDGET_MODELS_PER_S,
           bench.failed == 0 && rate >= BUDGET_MODELS_PER_S ? "OK" : "OVER");

  g_main_loop_quit (st.loop);
  g_thread_join (thread);
  g_main_loop_unref (st.loop);
  g_main_loop_unref (bench.loop);
  g_object_unref (bench.client);
  g_free (st.base);
  return bench.failed == 0 ? 0 : 1;
}
