/* bench-sqlite-store.c — how fast the register imports and lists 100,000 entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with "meson test --benchmark --suite store -v"; prints the timings.
 * Two imports: entries as a CSV brings them (no component evidence, so no
 * component rows), and entries with evidence for all 17 components (the
 * worst case, 17 component rows each).  The timings that follow are of the
 * second, larger register.
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

static void
bench_import (const char *path,
              const char *label,
              GPtrArray  *records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
  gint64 start;
  double elapsed;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  mr_store_import_models (store, records, "bench", "bench", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elapsed = seconds_since (start);
  g_print ("import (%s): %u entries in %.3f s: %.0f entries/s\n",
           label, records->len, elapsed, records->len / elapsed);
}

static void
bench_read (const char *path)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) summary = NULL;
      g_autoptr(GPtrArray) full = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrStore) store = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      store = mr_sqlite_store_open (path, &error);
      g_assert_no_error (error);
      g_print ("open: %.3f s\n", seconds_since (start));

      start = g_get_monotonic_time ();
      summary = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
      g_assert_no_error (error);
      g_print ("list_models (SUMMARY): %u entries in %.3f s\n", summary->len, seconds_since (start));

      start = g_get_monotonic_time ();
      full = mr_store_list_models (store, MR_LOAD_FULL, &error);
      g_assert_no_error (error);
      g_print ("list_models (FULL): %u entries in %.3f s\n", full->len, seconds_since (start));

      start = g_get_monotonic_time ();
      mr_store_check_integrity (store, NULL, &error);
      g_assert_no_error (error);
      g_print ("check_integrity: %.3f s\n", seconds_since (start));
    }
}

/* What a change of framework costs: every entry evaluated, and here every
 * entry's columns rewritten. */
static void
bench_reevaluate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
  g_autoptr(MrFramework) framework = mr_store_test_lenient_framework_new ();
  gint64 start;

  g_assert_no_error (error);
  mr_store_set_framework (store, framework);
  start = g_get_monotonic_time ();
  mr_store_reevaluate_all (store, NULL, &error);
  g_assert_no_error (error);
  g_print ("reevaluate_all: %.3f s\n", seconds_since (start));
}

static void
remove_register (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_print ("file size: %.1f MB\n", info.st_size / 1e6);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("mr-bench-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (folder, "csv.db", NULL);
  g_autofree char *full_path = g_build_filename (folder, "full.db", NULL);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (N_ENTRIES);
  g_autoptr(GPtrArray) csv_records = mr_store_test_records_new (N_ENTRIES);

  for (guint i = 0; i < csv_records->len; i++)
    mr_store_test_clear_components (g_ptr_array_index (csv_records, i));

  bench_import (csv_path, "as from CSV", csv_records);
  remove_register (csv_path);
  bench_import (full_path, "all 17 components", records);
  bench_read (full_path);
  bench_reevaluate (full_path);
  remove_register (full_path);
  g_rmdir (folder);
  return 0;
}
