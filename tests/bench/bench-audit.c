/* bench-audit.c — audit verify over a long trail (DESIGN.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-audit [N_ENTRIES]   (default 1,000,000)
 *
 * Writes N chained entries into a fresh register in one transaction (the
 * chain computed here, as the store computes it, without the store's
 * per-entry look-up of the previous hash), then times
 * mr_store_verify_audit() over them.  Prints "audit-verify entries N
 * seconds S rate R entries/s cpu-time C" (seconds): on a loaded machine the
 * processor time says what the wall time cannot.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "mr-sqlite-audit.h"
#include "mr-sqlite-store.h"

#define DEFAULT_ENTRIES 1000000

/* What SQLite keeps next to the register in WAL mode. */
static const char * const register_files[] = { "", "-wal", "-shm" };

static void
check_rc (sqlite3    *db,
          int         rc,
          int         expected,
          const char *what)
{
  if (rc != expected)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* Entries shaped like the trail's own: decisions about models, with small
 * before/after snapshots. */
static void
generate (const char *path,
          guint       n_entries)
{
  static const char sql[] =
    "INSERT INTO audit_entries (seq, time, actor, action, entity_type, entity_id,"
    " before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static const char * const actions[] = { "submit", "approve", "update", "request-changes" };
  g_autofree char *prev_hash = g_strdup (MR_SQLITE_AUDIT_GENESIS);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  check_rc (db, sqlite3_open (path, &db), SQLITE_OK, "open");
  check_rc (db, sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL),
            SQLITE_OK, "begin");
  check_rc (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK, "prepare");
  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *before = g_strdup_printf ("{\"status\":\"submitted\",\"revision\":%u}",
                                                 i % 50 + 1);
      g_autofree char *after = g_strdup_printf ("{\"status\":\"approved\",\"revision\":%u,"
                                                "\"comment\":\"Evidence checked, entry %u\","
                                                "\"framework\":\"Default governance framework\"}",
                                                i % 50 + 1, i);
      MrSqliteAuditEntry entry = {
        .seq = i + 1,
        .time = 1795608000 + i,
        .actor = i % 2 ? "alice" : "bob",
        .action = actions[i % G_N_ELEMENTS (actions)],
        .entity_type = "model",
        .entity_id = i % 100000 + 1,
        .before_json = before,
        .after_json = after,
      };
      g_autofree char *hash = mr_sqlite_audit_hash (prev_hash, &entry);

      sqlite3_bind_int64 (stmt, 1, entry.seq);
      sqlite3_bind_int64 (stmt, 2, entry.time);
      sqlite3_bind_text (stmt, 3, entry.actor, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, entry.action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, entry.entity_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, entry.entity_id);
      sqlite3_bind_text (stmt, 7, before, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, after, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, prev_hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
      check_rc (db, sqlite3_step (stmt), SQLITE_DONE, "insert");
      sqlite3_reset (stmt);
      g_free (prev_hash);
      prev_hash = g_steal_pointer (&hash);
    }
  sqlite3_finalize (stmt);
  check_rc (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), SQLITE_OK, "commit");
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mr-bench-audit-XXXXXX", &error);
  g_autofree char *path = NULL;
  guint n_entries = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_ENTRIES;
  guint n_verified = 0;
  gint64 start;
  double seconds;
  clock_t cpu_start;

  if (folder == NULL || n_entries == 0)
    {
      g_printerr ("usage: bench-audit [N_ENTRIES]\n");
      return 2;
    }
  path = g_build_filename (folder, "register.db", NULL);

  /* The store creates the schema; the entries go in behind it. */
  store = mr_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  start = g_get_monotonic_time ();
  generate (path, n_entries);
  g_printerr ("generated %u entries in %.1f s\n", n_entries,
              (g_get_monotonic_time () - start) / 1e6);

  store = mr_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  cpu_start = clock ();
  if (!mr_store_verify_audit (store, &n_verified, NULL, &error))
    g_error ("verify failed: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (n_verified, ==, n_entries);
  printf ("audit-verify entries %u seconds %.2f rate %.0f entries/s cpu-time %.2f\n",
          n_verified, seconds, n_verified / seconds,
          (double) (clock () - cpu_start) / CLOCKS_PER_SEC);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (register_files); i++)
    {
      g_autofree char *file = g_strconcat (path, register_files[i], NULL);

      g_unlink (file);
    }
  g_rmdir (folder);
  return 0;
}
