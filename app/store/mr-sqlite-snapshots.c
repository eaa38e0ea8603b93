/* mr-sqlite-snapshots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-snapshots"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "mr-error.h"
#include "mr-sqlite-snapshots.h"
#include "mr-sqlite-util.h"

static const char insert_sql[] =
  "INSERT INTO snapshots (model_id, fetched_at, source, commit_sha, fields, fields_sha256)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

#define SELECT_SNAPSHOTS \
  "SELECT id, fetched_at, source, commit_sha, fields, fields_sha256 FROM snapshots" \
  " WHERE model_id = ?1"

static const char select_sql[] = SELECT_SNAPSHOTS " ORDER BY id";
/* A refresh compares with the last snapshot only, however long the
 * history has grown. */
static const char select_latest_sql[] = SELECT_SNAPSHOTS " ORDER BY id DESC LIMIT 1";

/* SQLite takes the bare columns of a max() aggregate from the row holding
 * the maximum, so this reads each entry's latest snapshot in one pass over
 * the snapshots_by_model index. */
static const char gating_sql[] =
  "SELECT model_id, json_extract (fields, '$.gating'), max (id) FROM snapshots"
  " WHERE model_id BETWEEN ?1 AND ?2 GROUP BY model_id";

static const char *
source_name (MrEvidenceSource source)
{
  return source == MR_EVIDENCE_SOURCE_OLLAMA ? "ollama" : "hub";
}

gint64
mr_sqlite_snapshots_insert (sqlite3           *db,
                            const char        *path,
                            gint64             model_id,
                            const MrSnapshot  *snapshot,
                            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (snapshot->fields_sha256 != NULL, 0);

  rc = sqlite3_prepare_v2 (db, insert_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, model_id);
      sqlite3_bind_int64 (stmt, 2, snapshot->fetched_at);
      mr_sqlite_bind_text (stmt, 3, source_name (snapshot->source));
      mr_sqlite_bind_text (stmt, 4, snapshot->commit);
      mr_sqlite_bind_text (stmt, 5, mr_snapshot_get_fields_json (snapshot));
      mr_sqlite_bind_text (stmt, 6, snapshot->fields_sha256);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, _("storing a metadata snapshot"));
      return 0;
    }
  return sqlite3_last_insert_rowid (db);
}

static MrSnapshot *
snapshot_from_row (sqlite3_stmt  *stmt,
                   const char    *path,
                   gint64         model_id,
                   GError       **error)
{
  g_autoptr(MrSnapshot) snapshot = NULL;
  g_autofree char *origin = NULL;
  const char *source = mr_sqlite_column_text (stmt, 2);
  const char *fields = mr_sqlite_column_text (stmt, 4);

  snapshot = mr_snapshot_new (g_strcmp0 (source, "ollama") == 0 ? MR_EVIDENCE_SOURCE_OLLAMA
                                                                 : MR_EVIDENCE_SOURCE_HUB);
  snapshot->id = sqlite3_column_int64 (stmt, 0);
  snapshot->model_id = model_id;
  snapshot->fetched_at = sqlite3_column_int64 (stmt, 1);
  snapshot->commit = g_strdup (mr_sqlite_column_text (stmt, 3));
  origin = g_strdup_printf (_("%s: snapshot %" PRId64), path, snapshot->id);
  if (fields == NULL || !mr_snapshot_set_fields_from_json (snapshot, fields, origin, error))
    {
      if (fields == NULL)
        g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                     _("%s has no fields"), origin);
      return NULL;
    }
  mr_snapshot_seal (snapshot);
  /* A hash that no longer matches the fields means the row was edited
   * behind the application's back: the evidence is not to be trusted. */
  if (g_strcmp0 (snapshot->fields_sha256, mr_sqlite_column_text (stmt, 5)) != 0)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                   _("%s: its fields do not match their recorded SHA-256"), origin);
      return NULL;
    }
  return g_steal_pointer (&snapshot);
}

GPtrArray *
mr_sqlite_snapshots_list (sqlite3     *db,
                          const char  *path,
                          gint64       model_id,
                          gboolean     latest_only,
                          GError     **error)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_snapshot_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, latest_only ? select_latest_sql : select_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, model_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MrSnapshot *snapshot = snapshot_from_row (stmt, path, model_id, error);

          if (snapshot == NULL)
            {
              sqlite3_finalize (stmt);
              return NULL;
            }
          g_ptr_array_add (snapshots, snapshot);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, _("reading the metadata snapshots"));
      return NULL;
    }
  return g_steal_pointer (&snapshots);
}

GHashTable *
mr_sqlite_snapshots_gated_ids (sqlite3     *db,
                               const char  *path,
                               gint64       first_id,
                               gint64       last_id,
                               GError     **error)
{
  g_autoptr(GHashTable) gated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, gating_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, first_id);
      sqlite3_bind_int64 (stmt, 2, last_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (mr_snapshot_gating_is_gated (mr_sqlite_column_text (stmt, 1)))
            g_hash_table_add (gated, g_memdup2 (&id, sizeof id));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, _("reading the gating in the metadata snapshots"));
      return NULL;
    }
  return g_steal_pointer (&gated);
}
