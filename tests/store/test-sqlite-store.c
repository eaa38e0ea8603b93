/* test-sqlite-store.c — the SQLite register: opening, migrations, CRUD, import, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mr-error.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-schema.h"
#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

#define ACTOR "tester"

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static MrStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MrStore *store = mr_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Stores a new entry made from mr_store_test_record_new (n). */
static MrModelRecord *
save_new (MrStore     *store,
          guint        n,
          const char  *actor,
          GError     **error)
{
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (n);

  return mr_store_save_model (store, record, actor, error);
}

/* A register holding n entries, closed again. */
static void
create_register (const char *path,
                 guint       n_entries)
{
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (n_entries);
  g_autoptr(GError) error = NULL;

  mr_store_import_models (store, records, ACTOR, "test", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Migrations: one row per schema version a register may be found in.
 * Later versions add a row creating that version's layout. */

static void
create_nothing (const char *path)
{
}

static void
create_empty_file (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
}

/* Version 0: an SQLite file with no tables, as "sqlite3 register.db" leaves. */
static void
create_v0 (const char *path)
{
  sqlite3 *db = open_raw (path);

  exec_raw (db, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  sqlite3_close (db);
}

/* Version 1: two entries, before the vendor agreement column.  SQLite
 * 3.35 and later drop a column, which gives the old layout exactly. */
static void
create_v1 (const char *path)
{
  sqlite3 *db;

  create_register (path, 2);
  db = open_raw (path);
  exec_raw (db, "ALTER TABLE models DROP COLUMN vendor_agreement; PRAGMA user_version = 1;");
  sqlite3_close (db);
}

typedef struct {
  const char *name;
  void      (*create) (const char *path);
  int         from_version;
  guint       n_entries;
} MigrationCase;

static const MigrationCase migration_cases[] = {
  { "no-file", create_nothing, 0, 0 },
  { "empty-file", create_empty_file, 0, 0 },
  { "v0", create_v0, 0, 0 },
  { "v1", create_v1, 1, 2 },
};

static void
test_migrate (gconstpointer data)
{
  const MigrationCase *test_case = data;
  g_autofree char *path = mr_store_test_register_path ("new/folder/register.db");
  g_autofree char *backup = NULL;
  g_autoptr(MrStore) store = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Opening creates the folder of a new register. */
  if (test_case->create == create_nothing)
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  else
    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  test_case->create (path);

  store = open_store (path);
  g_assert_cmpuint (mr_store_count_models (store, &error), ==, test_case->n_entries);
  g_assert_no_error (error);
  g_assert_cmpstr (mr_sqlite_store_get_path (MR_SQLITE_STORE (store)), ==, path);
  g_clear_object (&store);

  db = open_raw (path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mr_sqlite_store_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, MR_SQLITE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                              " ('models', 'components', 'checks',"
                              " 'approval_requests', 'approval_decisions', 'audit_entries')"),
                   ==, 6);
  sqlite3_close (db);

  /* A backup is taken of registers that held data, never of new files. */
  backup = g_strdup_printf ("%s.v%d.bak", path, test_case->from_version);
  g_assert_cmpint (g_file_test (backup, G_FILE_TEST_EXISTS), ==, test_case->from_version > 0);
}

/* The migration machinery, driven with one extra test migration on top of
 * the real ones: backup first, each step in its own transaction. */
static MrSqliteMigration *
migrations_plus (const char *extra_sql,
                 guint      *n_migrations)
{
  guint n_real;
  const MrSqliteMigration *real = mr_sqlite_schema_get_migrations (&n_real);
  MrSqliteMigration *all = g_new0 (MrSqliteMigration, n_real + 1);

  memcpy (all, real, n_real * sizeof *real);
  all[n_real].version = real[n_real - 1].version + 1;
  all[n_real].sql = extra_sql;
  *n_migrations = n_real + 1;
  return all;
}

static void
test_migrate_backup (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autofree char *backup = NULL;
  g_autofree MrSqliteMigration *migrations = NULL;
  g_autoptr(MrStore) backup_store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_migrations;
  int version = mr_sqlite_store_schema_version ();
  sqlite3 *db;

  create_register (path, 3);
  backup = g_strdup_printf ("%s.v%d.bak", path, version);
  migrations = migrations_plus ("ALTER TABLE models ADD COLUMN extra TEXT", &n_migrations);

  db = open_raw (path);
  g_assert_true (mr_sqlite_schema_migrate (db, path, migrations, n_migrations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, version + 1);
  g_assert_cmpint (query_int (db, "SELECT count(extra IS NULL) FROM models"), ==, 3);
  sqlite3_close (db);

  /* The backup is the register as it was, usable as one. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  backup_store = open_store (backup);
  g_assert_cmpuint (mr_store_count_models (backup_store, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_migrate_failure (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autofree MrSqliteMigration *migrations = NULL;
  g_autoptr(GError) error = NULL;
  guint n_migrations;
  int version = mr_sqlite_store_schema_version ();
  sqlite3 *db;

  create_register (path, 2);
  migrations = migrations_plus ("ALTER TABLE models ADD COLUMN extra TEXT;"
                                "ALTER TABLE no_such_table ADD COLUMN x TEXT;", &n_migrations);

  db = open_raw (path);
  g_assert_false (mr_sqlite_schema_migrate (db, path, migrations, n_migrations, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no_such_table"));

  /* The failed step left nothing behind: version and columns unchanged. */
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info ('models')"
                              " WHERE name = 'extra'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM models"), ==, 2);
  sqlite3_close (db);
}

static void
test_too_new (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autofree char *pragma = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  MrStore *store;
  sqlite3 *db;

  create_register (path, 1);
  db = open_raw (path);
  pragma = g_strdup_printf ("PRAGMA user_version = %d", mr_sqlite_store_schema_version () + 1);
  exec_raw (db, pragma);
  sqlite3_close (db);
  before = mr_store_test_read_file (path);

  store = mr_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));

  after = mr_store_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GBytes) before = mr_store_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  MrStore *store;

  store = mr_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MR_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  after = mr_store_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autofree char *text_path = mr_store_test_register_path ("notes.txt");
  g_autofree char *png_path = mr_store_test_register_path ("logo.png");
  g_autofree char *short_path = mr_store_test_register_path ("short.db");
  g_autofree char *folder = g_path_get_dirname (text_path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (text_path, "name,provider\nLlama,Meta\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (png_path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  g_file_set_contents (short_path, "SQLite", -1, &error);
  g_assert_no_error (error);

  assert_refused_unchanged (text_path, MR_STORE_ERROR_NOT_A_DATABASE);
  assert_refused_unchanged (png_path, MR_STORE_ERROR_NOT_A_DATABASE);
  assert_refused_unchanged (short_path, MR_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_foreign_database (void)
{
  g_autofree char *path = mr_store_test_register_path ("places.sqlite");
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  db = open_raw (path);
  exec_raw (db, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  sqlite3_close (db);
  assert_refused_unchanged (path, MR_STORE_ERROR_NOT_A_DATABASE);

  /* Another program's file that uses user_version too. */
  db = open_raw (path);
  exec_raw (db, "PRAGMA user_version = 1");
  sqlite3_close (db);
  assert_refused_unchanged (path, MR_STORE_ERROR_NOT_A_DATABASE);
}

/* The first page of a table or index, counted from 1. */
static gint64
root_page (const char *path,
           const char *name)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);
  return page;
}

static void
damage_bytes (const char *path,
              gint64      offset,
              gsize       length)
{
  g_autofree guint8 *garbage = g_malloc (length);
  FILE *file;

  memset (garbage, 0xa5, length);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, length, file), ==, length);
  fclose (file);
}

static void
damage_page (const char *path,
             gint64      page)
{
  sqlite3 *db = open_raw (path);
  gint64 page_size = query_int (db, "PRAGMA page_size");

  sqlite3_close (db);
  damage_bytes (path, (page - 1) * page_size, page_size);
}

static void
assert_damage_found (MrStore    *store,
                     const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mr_store_check_integrity (store, NULL, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
}

/* Opening reads only the schema, so damage elsewhere is found by the first
 * query that meets it, and by the integrity check; neither writes to the
 * file. */
static void
test_corrupt (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  create_register (path, 300);
  damage_page (path, root_page (path, "models"));
  before = mr_store_test_read_file (path);

  store = open_store (path);
  g_assert_null (mr_store_list_models (store, MR_LOAD_SUMMARY, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  assert_damage_found (store, path);
  g_clear_object (&store);

  after = mr_store_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* The schema is read on opening: damage to it refuses the file, untouched. */
static void
test_corrupt_schema (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");

  create_register (path, 10);
  /* Page 1 holds the schema after the 100-byte file header. */
  damage_bytes (path, 100, 400);
  assert_refused_unchanged (path, MR_STORE_ERROR_CORRUPT);
}

/* Damage that the list never reads (the index that finds the audit entries
 * of one model) is found by the integrity check alone. */
static void
test_check_integrity (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  create_register (path, 300);
  store = open_store (path);
  g_assert_true (mr_store_check_integrity (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  damage_page (path, root_page (path, "audit_entries_by_entity"));
  store = open_store (path);
  records = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 300);
  assert_damage_found (store, path);
}

static void
test_check_integrity_cancel (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  create_register (path, 10);
  store = open_store (path);
  g_cancellable_cancel (cancellable);
  g_assert_false (mr_store_check_integrity (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_crud (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (1);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) got = NULL;
  g_autoptr(MrModelRecord) edit = NULL;
  g_autoptr(MrModelRecord) updated = NULL;
  g_autoptr(MrModelRecord) second = NULL;
  g_autoptr(GPtrArray) summary = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *listed;

  saved = mr_store_save_model (store, record, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, >, 0);
  g_assert_cmpuint (saved->revision, ==, 1);
  g_assert_cmpint (saved->created_at, ==, record->created_at);
  g_assert_cmpint (saved->updated_at, >=, g_get_real_time () / G_USEC_PER_SEC - 5);
  g_assert_true (mr_model_record_same_content (record, saved));

  got = mr_store_get_model (store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_same_content (record, got));
  g_assert_cmpint (got->updated_at, ==, saved->updated_at);

  edit = mr_model_record_copy (got);
  mr_model_record_set_string (&edit->name, "Renamed");
  g_strfreev (edit->tags);
  edit->tags = g_strsplit ("a;b;c", ";", -1);
  edit->components[MR_COMPONENT_DATA_CARD].availability = MR_AVAILABILITY_PRESENT;
  mr_model_record_set_string (&edit->components[MR_COMPONENT_DATA_CARD].license, "CDLA-Permissive-2.0");
  mr_model_record_set_string (&edit->vendor_agreement, "MSA-2026-014, signed 2026-03-01");
  mr_store_test_stamp (edit);
  updated = mr_store_save_model (store, edit, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->id, ==, saved->id);
  g_assert_cmpuint (updated->revision, ==, 2);
  g_assert_cmpint (updated->created_at, ==, saved->created_at);
  g_assert_true (mr_model_record_same_content (edit, updated));
  g_assert_cmpstr (updated->vendor_agreement, ==, "MSA-2026-014, signed 2026-03-01");

  second = save_new (store, 2, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->id, >, updated->id);
  g_assert_cmpuint (mr_store_count_models (store, &error), ==, 2);
  g_assert_no_error (error);

  /* A summary has every listed field but leaves the components unknown. */
  summary = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 2);
  listed = g_ptr_array_index (summary, 0);
  g_assert_cmpint (listed->id, ==, updated->id);
  g_assert_cmpstr (listed->name, ==, "Renamed");
  g_assert_true (g_strv_equal ((const char * const *) listed->tags,
                               (const char * const *) edit->tags));
  g_assert_true (g_strv_equal ((const char * const *) listed->intended_uses,
                               (const char * const *) edit->intended_uses));
  g_assert_cmpint (listed->components[MR_COMPONENT_DATA_CARD].availability, ==,
                   MR_AVAILABILITY_UNKNOWN);

  full = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_same_content (g_ptr_array_index (full, 0), edit));
  g_assert_true (mr_model_record_same_content (g_ptr_array_index (full, 1), second));
}

static void
test_conflict (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) first_edit = NULL;
  g_autoptr(MrModelRecord) second_edit = NULL;
  g_autoptr(MrModelRecord) result = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  saved = save_new (store, 1, ACTOR, &error);
  g_assert_no_error (error);

  /* Two people edit revision 1; the second to save loses. */
  first_edit = mr_model_record_copy (saved);
  second_edit = mr_model_record_copy (saved);
  mr_model_record_set_string (&first_edit->owner, "Alice");
  mr_model_record_set_string (&second_edit->owner, "Bob");
  result = mr_store_save_model (store, first_edit, "alice", &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, mr_model_record_unref);

  result = mr_store_save_model (store, second_edit, "bob", &error);
  g_assert_null (result);
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  stored = mr_store_get_model (store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->owner, ==, "Alice");
  g_assert_cmpuint (stored->revision, ==, 2);

  second_edit->id = 4242;
  result = mr_store_save_model (store, second_edit, "bob", &error);
  g_assert_null (result);
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (mr_store_get_model (store, 4242, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_restore (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) other = NULL;
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(MrModelRecord) restored = NULL;
  g_autoptr(MrModelRecord) got = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  saved = save_new (store, 3, ACTOR, &error);
  g_assert_no_error (error);
  other = save_new (store, 4, ACTOR, &error);
  g_assert_no_error (error);

  deleted = mr_store_delete_model (store, saved->id, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_same_content (deleted, saved));
  g_assert_cmpint (deleted->id, ==, saved->id);

  g_assert_null (mr_store_get_model (store, saved->id, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mr_store_delete_model (store, saved->id, ACTOR, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  listed = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((MrModelRecord *) g_ptr_array_index (listed, 0))->id, ==, other->id);

  restored = mr_store_restore_model (store, deleted, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored->id, ==, saved->id);
  g_assert_cmpuint (restored->revision, >, saved->revision);
  g_assert_true (mr_model_record_same_content (restored, saved));
  got = mr_store_get_model (store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_same_content (got, saved));
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    g_assert_true (mr_component_equal (&got->components[i], &saved->components[i]));

  /* Only a deleted entry can be restored. */
  g_assert_null (mr_store_restore_model (store, deleted, ACTOR, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT);
}

typedef struct {
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         n_calls;
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpfloat (fraction, >=, log->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  log->last = fraction;
  log->n_calls++;
  if (log->cancellable != NULL && fraction >= log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
test_import (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (2500);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };

  g_assert_true (mr_store_import_models (store, records, ACTOR, "models.csv",
                                         log_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (log.last, ==, 1.0);
  /* At most one call per 1,000 rows, plus the final one. */
  g_assert_cmpuint (log.n_calls, <=, 4);

  listed = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  mr_store_test_assert_same_records (records, listed);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpuint (((MrModelRecord *) g_ptr_array_index (listed, i))->revision, ==, 1);
}

/* A record whose components each differ from the default in one field
 * only, or not at all, so that a field lost on the way shows. */
static MrModelRecord *
sparse_record_new (void)
{
  MrModelRecord *record = mr_store_test_record_new (3);

  mr_store_test_clear_components (record);
  record->components[MR_COMPONENT_MODEL_ARCHITECTURE].availability = MR_AVAILABILITY_ABSENT;
  mr_model_record_set_string (&record->components[MR_COMPONENT_FINAL_PARAMETERS].license,
                              "Apache-2.0");
  mr_model_record_set_string (&record->components[MR_COMPONENT_MODEL_CARD].link,
                              "https://example.org/card");
  record->components[MR_COMPONENT_DATASETS].source = MR_EVIDENCE_SOURCE_OLLAMA;
  record->components[MR_COMPONENT_MODEL_METADATA].verified = TRUE;
  mr_store_test_stamp (record);
  return record;
}

static void
assert_same_components (const MrModelRecord *expected,
                        const MrModelRecord *actual)
{
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    g_assert_true (mr_component_equal (&expected->components[i], &actual->components[i]));
}

static gint64
count_component_rows (const char *path)
{
  sqlite3 *db = open_raw (path);
  gint64 count = query_int (db, "SELECT count(*) FROM components");

  sqlite3_close (db);
  return count;
}

/* Only components that differ from the default have a row, and all 17
 * read back exactly, whether one field differs or all do. */
static void
test_sparse_components (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) sparse = sparse_record_new ();
  g_autoptr(MrModelRecord) dense = mr_store_test_record_new (4);
  g_autoptr(MrModelRecord) saved_sparse = NULL;
  g_autoptr(MrModelRecord) saved_dense = NULL;
  g_autoptr(MrModelRecord) edit = NULL;
  g_autoptr(MrModelRecord) updated = NULL;
  g_autoptr(MrModelRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  saved_sparse = mr_store_save_model (store, sparse, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_component_rows (path), ==, 5);
  saved_dense = mr_store_save_model (store, dense, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_component_rows (path), ==, 5 + MR_N_COMPONENTS);

  got = mr_store_get_model (store, saved_sparse->id, &error);
  g_assert_no_error (error);
  assert_same_components (sparse, got);
  g_assert_true (mr_model_record_same_content (sparse, got));
  g_clear_pointer (&got, mr_model_record_unref);
  got = mr_store_get_model (store, saved_dense->id, &error);
  g_assert_no_error (error);
  assert_same_components (dense, got);
  g_clear_pointer (&got, mr_model_record_unref);

  /* Back to the default: the row goes, and the component reads as unknown. */
  edit = mr_model_record_copy (saved_sparse);
  mr_component_clear (&edit->components[MR_COMPONENT_MODEL_CARD]);
  mr_store_test_stamp (edit);
  updated = mr_store_save_model (store, edit, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_component_rows (path), ==, 4 + MR_N_COMPONENTS);
  got = mr_store_get_model (store, updated->id, &error);
  g_assert_no_error (error);
  assert_same_components (edit, got);
  g_assert_null (got->components[MR_COMPONENT_MODEL_CARD].link);
}

/* Lists are stored as NUL-terminated strings one after the other: any
 * string, even an empty one or one with separators, reads back as it was,
 * and an empty list stays empty. */
static void
test_lists (void)
{
  static const char * const tags[] = {
    "", "a;b", "line\nbreak", "\xc3\xa9t\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d", "", NULL,
  };
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) record = mr_store_test_record_new (2);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  g_strfreev (record->tags);
  record->tags = g_strdupv ((char **) tags);
  g_strfreev (record->intended_uses);
  record->intended_uses = g_new0 (char *, 1);
  mr_store_test_stamp (record);
  saved = mr_store_save_model (store, record, ACTOR, &error);
  g_assert_no_error (error);

  got = mr_store_get_model (store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) got->tags, tags));
  g_assert_cmpuint (g_strv_length (got->intended_uses), ==, 0);
  g_assert_true (mr_model_record_same_content (record, got));
}

/* Summaries share blocks of packed strings: each reads back as stored
 * (unset strings and empty lists too, across blocks, and in a row bigger
 * than a block), outlives its list and the store, and copies into a record
 * that can be edited. */
static void
test_summary_strings (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (3000);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(MrModelRecord) kept = NULL;
  g_autoptr(MrModelRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big_description = g_strnfill (300000, 'x');
  MrModelRecord *bare;
  MrModelRecord *big;

  for (guint i = 0; i < records->len; i++)
    mr_store_test_clear_components (g_ptr_array_index (records, i));
  bare = g_ptr_array_index (records, 1);
  mr_model_record_set_string (&bare->provider, NULL);
  mr_model_record_set_string (&bare->version, NULL);
  mr_model_record_set_string (&bare->source_revision, NULL);
  mr_model_record_set_string (&bare->owner, NULL);
  mr_model_record_set_string (&bare->description, NULL);
  mr_model_record_set_string (&bare->license_code, NULL);
  g_strfreev (bare->tags);
  bare->tags = g_new0 (char *, 1);
  g_strfreev (bare->intended_uses);
  bare->intended_uses = g_new0 (char *, 1);
  big = g_ptr_array_index (records, 2);
  mr_model_record_set_string (&big->description, big_description);
  g_assert_true (mr_store_import_models (store, records, ACTOR, "test", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  full = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  summaries = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
  g_assert_no_error (error);
  mr_store_test_assert_same_records (full, summaries);
  g_assert_null (((MrModelRecord *) g_ptr_array_index (summaries, 1))->owner);
  g_assert_cmpuint (g_strv_length (((MrModelRecord *) g_ptr_array_index (summaries, 1))->tags), ==, 0);
  g_assert_cmpstr (((MrModelRecord *) g_ptr_array_index (summaries, 2))->description, ==,
                   big_description);

  kept = mr_model_record_ref (g_ptr_array_index (summaries, records->len - 1));
  copy = mr_model_record_copy (g_ptr_array_index (summaries, 2));
  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_clear_object (&store);
  g_assert_true (mr_model_record_same_content (kept, g_ptr_array_index (full, full->len - 1)));

  g_assert_true (mr_model_record_same_content (copy, g_ptr_array_index (full, 2)));
  mr_model_record_set_string (&copy->description, "Edited");
  g_strfreev (copy->tags);
  copy->tags = g_strsplit ("x;y", ";", -1);
  g_assert_cmpstr (copy->name, ==, big->name);
  g_assert_cmpstr (copy->tags[1], ==, "y");
}

/* A spreadsheet brings no component evidence, so an import of it writes no
 * component rows at all. */
static void
test_import_without_components (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (100);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < records->len; i++)
    mr_store_test_clear_components (g_ptr_array_index (records, i));
  g_assert_true (mr_store_import_models (store, records, ACTOR, "models.csv",
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_component_rows (path), ==, 0);

  listed = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  mr_store_test_assert_same_records (records, listed);
}

static void
test_import_all_or_nothing (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (50);
  g_autoptr(GError) error = NULL;
  MrModelRecord *bad;

  g_assert_true (mr_store_import_models (store, records, ACTOR, "first", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The 40th entry has no name, which the store refuses (NOT NULL). */
  bad = g_ptr_array_index (records, 39);
  g_clear_pointer (&bad->name, g_free);
  g_assert_false (mr_store_import_models (store, records, ACTOR, "second.json",
                                          NULL, NULL, NULL, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "second.json: entry 40"));
  g_clear_error (&error);
  g_assert_cmpuint (mr_store_count_models (store, &error), ==, 50);
  g_assert_no_error (error);
}

static void
test_import_cancel (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (5000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressLog log = { .cancellable = cancellable, .cancel_at = 0.5 };
  sqlite3 *db;

  g_assert_false (mr_store_import_models (store, records, ACTOR, "big.csv",
                                          log_progress, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpfloat (log.last, <, 1.0);
  g_assert_cmpuint (mr_store_count_models (store, &error), ==, 0);
  g_assert_no_error (error);

  db = open_raw (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM components"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_entries"), ==, 0);
  sqlite3_close (db);
}

typedef struct {
  const char *action;
  gboolean    has_before;
  gboolean    has_after;
} ExpectedEntry;

static void
test_audit (void)
{
  static const ExpectedEntry expected[] = {
    { "create", FALSE, TRUE },
    { "update", TRUE, TRUE },
    { "delete", TRUE, FALSE },
    { "restore", FALSE, TRUE },
    { "import", FALSE, TRUE },
  };
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) edit = NULL;
  g_autoptr(MrModelRecord) updated = NULL;
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(MrModelRecord) restored = NULL;
  g_autoptr(GPtrArray) records = mr_store_test_records_new (3);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_entries = 0;
  sqlite3 *db;

  saved = save_new (store, 1, "alice", &error);
  g_assert_no_error (error);
  edit = mr_model_record_copy (saved);
  mr_model_record_set_string (&edit->notes, "Edited");
  updated = mr_store_save_model (store, edit, "bob", &error);
  g_assert_no_error (error);
  deleted = mr_store_delete_model (store, saved->id, "carol", &error);
  g_assert_no_error (error);
  restored = mr_store_restore_model (store, deleted, "dave", &error);
  g_assert_no_error (error);
  g_assert_true (mr_store_import_models (store, records, "erin", "three.json",
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* A failed save writes no entry. */
  g_assert_null (mr_store_save_model (store, edit, "bob", &error));
  g_clear_error (&error);
  g_clear_object (&store);

  db = open_raw (path);
  g_assert_true (mr_sqlite_audit_verify (db, path, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, G_N_ELEMENTS (expected));

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT action, before_json IS NOT NULL,"
                                       " after_json IS NOT NULL, entity_id, after_json"
                                       " FROM audit_entries ORDER BY seq", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i].action);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, expected[i].has_before);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, expected[i].has_after);
      if (i < 4)
        g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, saved->id);
    }
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 4), "\"count\":3"));
  sqlite3_finalize (stmt);

  /* The trail cannot be edited, and an edit behind the triggers' back
   * shows up in the chain. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_entries SET actor = 'mallory'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_entries", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  exec_raw (db, "DROP TRIGGER audit_entries_no_update;"
                "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 3");
  g_assert_false (mr_sqlite_audit_verify (db, path, NULL, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 3"));
  sqlite3_close (db);
}

static void
test_resolve_path (void)
{
  g_autofree char *explicit = mr_sqlite_store_resolve_path ("/tmp/x.db");
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "model-register",
                                                "register.db", NULL);

  g_assert_cmpstr (explicit, ==, "/tmp/x.db");
  g_setenv ("MODEL_REGISTER_DATABASE", "/tmp/env.db", TRUE);
  from_env = mr_sqlite_store_resolve_path (NULL);
  g_assert_cmpstr (from_env, ==, "/tmp/env.db");
  g_unsetenv ("MODEL_REGISTER_DATABASE");
  fallback = mr_sqlite_store_resolve_path ("");
  g_assert_cmpstr (fallback, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (migration_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sqlite-store/migrate/from-%s",
                                               migration_cases[i].name);

      g_test_add_data_func (name, &migration_cases[i], test_migrate);
    }
  g_test_add_func ("/sqlite-store/migrate/backup", test_migrate_backup);
  g_test_add_func ("/sqlite-store/migrate/failure", test_migrate_failure);
  g_test_add_func ("/sqlite-store/open/too-new", test_too_new);
  g_test_add_func ("/sqlite-store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/sqlite-store/open/foreign-database", test_foreign_database);
  g_test_add_func ("/sqlite-store/open/corrupt", test_corrupt);
  g_test_add_func ("/sqlite-store/open/corrupt-schema", test_corrupt_schema);
  g_test_add_func ("/sqlite-store/check-integrity", test_check_integrity);
  g_test_add_func ("/sqlite-store/check-integrity/cancel", test_check_integrity_cancel);
  g_test_add_func ("/sqlite-store/resolve-path", test_resolve_path);
  g_test_add_func ("/sqlite-store/crud", test_crud);
  g_test_add_func ("/sqlite-store/conflict", test_conflict);
  g_test_add_func ("/sqlite-store/delete-restore", test_delete_restore);
  g_test_add_func ("/sqlite-store/sparse-components", test_sparse_components);
  g_test_add_func ("/sqlite-store/lists", test_lists);
  g_test_add_func ("/sqlite-store/summary-strings", test_summary_strings);
  g_test_add_func ("/sqlite-store/import", test_import);
  g_test_add_func ("/sqlite-store/import-without-components", test_import_without_components);
  g_test_add_func ("/sqlite-store/import-all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/sqlite-store/import-cancel", test_import_cancel);
  g_test_add_func ("/sqlite-store/audit", test_audit);

  return g_test_run ();
}
