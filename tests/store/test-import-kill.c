/* test-import-kill.c — a register survives the kill of a process importing into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

#define N_BEFORE 25
#define N_IMPORTED 100000
#define KILL_AT 0.3

static GPtrArray *
list_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
  GPtrArray *records;

  g_assert_no_error (error);
  records = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  return records;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static goffset
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? info.st_size : 0;
}

/* Reads the helper's "progress" lines until it is past KILL_AT and the
 * import no longer fits in SQLite's page cache, so that uncommitted pages
 * are in the WAL file when the kill comes. */
static void
wait_for_progress (GSubprocess *helper,
                   const char  *path)
{
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (helper));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  double fraction = 0.0;

  while (fraction < KILL_AT || file_size (wal) == 0)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "progress "));
      fraction = g_ascii_strtod (line + strlen ("progress "), NULL);
    }
  g_test_message ("killing the import at %.0f %%, with %" G_GOFFSET_FORMAT " bytes in the WAL",
                  fraction * 100, file_size (wal));
}

static void
test_kill_during_import (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autofree char *helper_path = g_test_build_filename (G_TEST_BUILT, "store",
                                                        "import-kill-helper", NULL);
  g_autofree char *count = g_strdup_printf ("%d", N_IMPORTED);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GSubprocess) helper = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
    g_autoptr(GPtrArray) records = mr_store_test_records_new (N_BEFORE);

    g_assert_no_error (error);
    mr_store_import_models (store, records, "tester", "setup", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  before = list_all (path);

  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             helper_path, path, count, NULL);
  g_assert_no_error (error);
  wait_for_progress (helper, path);
  g_subprocess_send_signal (helper, SIGKILL);
  g_subprocess_wait (helper, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (helper));
  g_assert_cmpint (g_subprocess_get_term_sig (helper), ==, SIGKILL);

  after = list_all (path);
  mr_store_test_assert_same_records (before, after);
  for (guint i = 0; i < before->len; i++)
    {
      MrModelRecord *a = g_ptr_array_index (before, i);
      MrModelRecord *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpuint (a->revision, ==, b->revision);
      g_assert_cmpint (a->updated_at, ==, b->updated_at);
    }
  assert_integrity (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sqlite-store/kill-during-import", test_kill_during_import);

  return g_test_run ();
}
