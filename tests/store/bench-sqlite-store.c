/* bench-sqlite-store.c — how fast the register imports and lists 100,000 entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with "meson test --benchmark --suite store -v"; prints the timings.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

#define N_ENTRIES 100000

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("mr-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "register.db", NULL);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (N_ENTRIES);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = NULL;
  GStatBuf info;
  gint64 start;
  double elapsed;

  store = mr_sqlite_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  mr_store_import_models (store, records, "bench", "bench", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start);
  g_print ("import: %d entries (%d rows with components) in %.3f s: %.0f entries/s, %.0f rows/s\n",
           N_ENTRIES, N_ENTRIES * (1 + MR_N_COMPONENTS), elapsed, N_ENTRIES / elapsed,
           N_ENTRIES * (1 + MR_N_COMPONENTS) / elapsed);
  g_clear_object (&store);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) summary = NULL;
      g_autoptr(GPtrArray) full = NULL;

      start = g_get_monotonic_time ();
      store = mr_sqlite_store_open (path, &error);
      g_assert_no_error (error);
      g_print ("open (quick_check): %.3f s\n", seconds_since (start));

      start = g_get_monotonic_time ();
      summary = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
      g_assert_no_error (error);
      g_print ("list_models (SUMMARY): %u entries in %.3f s\n", summary->len, seconds_since (start));

      start = g_get_monotonic_time ();
      full = mr_store_list_models (store, MR_LOAD_FULL, &error);
      g_assert_no_error (error);
      g_print ("list_models (FULL): %u entries in %.3f s\n", full->len, seconds_since (start));
      g_clear_object (&store);
    }

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_print ("file size: %.1f MB\n", info.st_size / 1e6);
  g_remove (path);
  g_rmdir (folder);
  return 0;
}
