/* mr-sqlite-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "mr-error.h"
#include "mr-sqlite-schema.h"
#include "mr-sqlite-util.h"

/* Version 1.  Enums are stored as their GEnum nicks so that the file reads
 * well in the sqlite3 shell and survives a reordering of the C enums.
 *
 * Entries are never removed from "models": a deletion sets deleted_at.  That
 * keeps the checks and approval decisions that refer to an entry (they are
 * evidence), and guarantees that an id is never handed out twice, so an
 * undone deletion gets its old id back.
 *
 * Tags and intended uses are columns of "models" holding each list's
 * strings one after the other, every one with its terminating NUL (a BLOB,
 * NULL for an empty list).  No C string contains a NUL, so nothing needs
 * escaping, and decoding is a scan, where JSON would dominate the time to
 * load 100,000 entries.  Tables with a row per tag and per use made those
 * rows most of the cost of an import (an entry has a few of each) for no
 * query that needed them; "which entries have this use" is a scan of the
 * list the application already holds.
 *
 * Components are sparse: a missing (model_id, kind) row means the default
 * component (availability unknown, no licence, no link, recorded by a
 * person, not verified), and only the components that differ from it have
 * a row.  Most entries, and every entry a CSV brings in, know nothing about
 * most of the 17, and writing 17 rows per entry was most of the time of an
 * import.  The table can still hold all 17. */
static const char schema_v1[] =
  "CREATE TABLE models ("
  "  id INTEGER PRIMARY KEY,"
  "  revision INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  provider TEXT,"
  "  version TEXT,"
  "  source_kind TEXT NOT NULL,"
  "  source_ref TEXT,"
  "  source_revision TEXT,"
  "  owner TEXT,"
  "  description TEXT,"
  "  license TEXT,"
  "  license_code TEXT,"
  "  license_data TEXT,"
  "  license_document TEXT,"
  "  tags BLOB,"
  "  intended_uses BLOB,"
  "  deployment TEXT NOT NULL,"
  "  data_sensitivity TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  openness TEXT NOT NULL,"
  "  worst_flag TEXT NOT NULL,"
  "  n_flags INTEGER NOT NULL,"
  "  notes TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  last_checked_at INTEGER NOT NULL,"
  /* The status of the latest inference check that ran to a verdict, NULL
   * when none did: the policy stamp reads it with every save, so it is
   * kept here rather than looked up among the checks. */
  "  last_inference_status TEXT,"
  "  deleted_at INTEGER"
  ") STRICT;"
  "CREATE TABLE components ("
  "  model_id INTEGER NOT NULL REFERENCES models (id),"
  "  kind TEXT NOT NULL,"
  "  availability TEXT NOT NULL,"
  "  license TEXT,"
  "  link TEXT,"
  "  source TEXT NOT NULL,"
  "  verified INTEGER NOT NULL,"
  "  PRIMARY KEY (model_id, kind)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE checks ("
  "  id INTEGER PRIMARY KEY,"
  "  model_id INTEGER NOT NULL REFERENCES models (id),"
  "  kind TEXT NOT NULL,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  status TEXT NOT NULL,"
  "  inputs TEXT NOT NULL,"
  "  result TEXT,"
  "  actor TEXT NOT NULL,"
  "  error TEXT"
  ") STRICT;"
  "CREATE INDEX checks_by_model ON checks (model_id, started_at);"
  /* Checks are evidence: only ever inserted. */
  "CREATE TRIGGER checks_no_update BEFORE UPDATE ON checks"
  " BEGIN SELECT RAISE (ABORT, 'checks cannot be changed'); END;"
  /* A request asks for one revision of an entry to be approved for the
   * uses it lists (a JSON array of use ids); origin is the workflow action
   * that opened it ("submit", or "edit-approved" when an approved entry was
   * edited).  state follows the entry until the next request.  Requests
   * and decisions name the audit entry written with them (audit_seq), which
   * also orders the history exactly. */
  "CREATE TABLE approval_requests ("
  "  id INTEGER PRIMARY KEY,"
  "  model_id INTEGER NOT NULL REFERENCES models (id),"
  "  model_revision INTEGER NOT NULL,"
  "  origin TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  requested_by TEXT NOT NULL,"
  "  intended_uses TEXT NOT NULL,"
  "  deployment TEXT NOT NULL,"
  "  data_sensitivity TEXT NOT NULL,"
  "  justification TEXT,"
  "  flag_justification TEXT,"
  "  review_date INTEGER,"
  "  framework_version TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  audit_seq INTEGER NOT NULL REFERENCES audit_entries (seq)"
  ") STRICT;"
  "CREATE INDEX approval_requests_by_model ON approval_requests (model_id, id);"
  /* Every later step: decisions, retirement, re-review.  A retirement of a
   * draft has no request. */
  "CREATE TABLE approval_decisions ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER REFERENCES approval_requests (id),"
  "  model_id INTEGER NOT NULL REFERENCES models (id),"
  "  model_revision INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  comment TEXT,"
  "  conditions TEXT,"
  "  review_date INTEGER,"
  "  framework_version TEXT,"
  "  decided_at INTEGER NOT NULL,"
  "  audit_seq INTEGER NOT NULL REFERENCES audit_entries (seq)"
  ") STRICT;"
  "CREATE INDEX approval_decisions_by_request ON approval_decisions (request_id);"
  "CREATE INDEX approval_decisions_by_model ON approval_decisions (model_id, id);"
  /* Metadata snapshots: what a source (Hub, Ollama) said at each refresh,
   * the evidence behind provisional components and re-reviews.  Only ever
   * inserted; fields is the parsed answer as canonical JSON and
   * fields_sha256 its hash, checked when read. */
  "CREATE TABLE snapshots ("
  "  id INTEGER PRIMARY KEY,"
  "  model_id INTEGER NOT NULL REFERENCES models (id),"
  "  fetched_at INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  commit_sha TEXT,"
  "  fields TEXT NOT NULL,"
  "  fields_sha256 TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX snapshots_by_model ON snapshots (model_id, id);"
  "CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots"
  " BEGIN SELECT RAISE (ABORT, 'metadata snapshots cannot be changed'); END;"
  "CREATE TABLE audit_entries ("
  "  seq INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity_type TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  before_json TEXT,"
  "  after_json TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX audit_entries_by_entity ON audit_entries (entity_type, entity_id);"
  /* The trail is append-only even for someone with the sqlite3 shell who
   * does not think of dropping the triggers; the hash chain catches the
   * rest. */
  "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
  " BEGIN SELECT RAISE (ABORT, 'audit entries cannot be changed'); END;"
  "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
  " BEGIN SELECT RAISE (ABORT, 'audit entries cannot be deleted'); END;";

/* Version 2: the vendor agreement that covers the use of a closed model
 * (a contract's reference and date), which a framework may require. */
static const char schema_v2[] =
  "ALTER TABLE models ADD COLUMN vendor_agreement TEXT;";

static const MrSqliteMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
};

const MrSqliteMigration *
mr_sqlite_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

static gboolean
backup_register (sqlite3     *db,
                 const char  *path,
                 gint64       version,
                 GError     **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".bak",
                                                  path, version);
  sqlite3 *backup_db = NULL;
  sqlite3_backup *backup;
  int rc;

  /* The backup API copies a consistent snapshot, WAL content included, which
   * a plain copy of the main file would miss. */
  rc = sqlite3_open_v2 (backup_path, &backup_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (backup_db, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (backup_db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_errcode (backup_db) : rc;
        }
    }
  if (rc != SQLITE_OK)
    mr_sqlite_set_error (error, backup_db, rc, backup_path,
                         "writing the backup taken before an upgrade");
  sqlite3_close (backup_db);
  return rc == SQLITE_OK;
}

static gboolean
apply_migration (sqlite3                 *db,
                 const char              *path,
                 const MrSqliteMigration *migration,
                 GError                 **error)
{
  /* PRAGMAs take no bound parameters; both values are integers of ours. */
  g_autofree char *stamp = g_strdup_printf ("PRAGMA application_id = %d;"
                                            "PRAGMA user_version = %d;",
                                            MR_SQLITE_APPLICATION_ID,
                                            migration->version);
  g_autoptr(GError) local_error = NULL;

  g_debug ("%s: upgrading to schema version %d", path, migration->version);
  if (!mr_sqlite_exec (db, path, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (mr_sqlite_exec (db, path, migration->sql, &local_error) &&
      mr_sqlite_exec (db, path, stamp, &local_error) &&
      mr_sqlite_exec (db, path, "COMMIT", &local_error))
    return TRUE;

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              "Upgrading to version %d: ", migration->version);
  return FALSE;
}

static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                gint64       version,
                int          latest,
                GError     **error)
{
  gint64 application_id = 0;
  gint64 n_objects = 0;

  if (!mr_sqlite_query_int64 (db, path, "PRAGMA application_id", &application_id, error) ||
      !mr_sqlite_query_int64 (db, path, "SELECT count(*) FROM sqlite_schema",
                              &n_objects, error))
    return FALSE;

  if (version > latest)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer Model Register (format %" PRId64
                     ", this version reads up to %d)"), path, version, latest);
      return FALSE;
    }
  if ((version == 0 && n_objects > 0) ||
      (version > 0 && application_id != MR_SQLITE_APPLICATION_ID))
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program, not a model register"),
                   path);
      return FALSE;
    }
  return TRUE;
}

gboolean
mr_sqlite_schema_migrate (sqlite3                 *db,
                          const char              *path,
                          const MrSqliteMigration *steps,
                          guint                    n_steps,
                          GError                 **error)
{
  int latest = steps[n_steps - 1].version;
  gint64 version = 0;

  if (!mr_sqlite_query_int64 (db, path, "PRAGMA user_version", &version, error) ||
      !check_identity (db, path, version, latest, error))
    return FALSE;
  if (version == latest)
    return TRUE;

  if (version > 0 && !backup_register (db, path, version, error))
    return FALSE;
  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].version <= version)
        continue;
      if (!apply_migration (db, path, &steps[i], error))
        return FALSE;
    }
  return TRUE;
}
