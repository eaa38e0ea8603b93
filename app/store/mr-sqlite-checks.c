/* mr-sqlite-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-checks"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "mr-error.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-checks.h"
#include "mr-sqlite-util.h"

static const char insert_sql[] =
  "INSERT INTO checks (model_id, kind, started_at, finished_at, status, inputs, result,"
  " actor, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/* ?3 is NULL for a check that says nothing about inference: the cached
 * status stays that of the last one that did. */
static const char touch_model_sql[] =
  "UPDATE models SET last_checked_at = max (last_checked_at, ?2),"
  " last_inference_status = coalesce (?3, last_inference_status)"
  " WHERE id = ?1 AND deleted_at IS NULL";

static const char select_sql[] =
  "SELECT id, kind, started_at, finished_at, status, inputs, result, actor, error"
  " FROM checks WHERE model_id = ?1 ORDER BY started_at DESC, id DESC";

static const char outcome_sql[] =
  "SELECT id, last_inference_status FROM models"
  " WHERE id BETWEEN ?1 AND ?2 AND last_inference_status IS NOT NULL";

/* An inference check that could not run (no runtime, too little memory)
 * says nothing about the model, so it leaves the policy's input alone. */
static const char *
inference_status_of (const MrCheckRecord *check)
{
  if (!mr_check_kind_is_inference (check->kind) || check->status == MR_CHECK_STATUS_ERROR)
    return NULL;
  return mr_check_status_to_string (check->status);
}

static gboolean
touch_model (sqlite3              *db,
             const char           *path,
             const MrCheckRecord  *check,
             GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, touch_model_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, check->model_id);
      sqlite3_bind_int64 (stmt, 2, check->finished_at);
      mr_sqlite_bind_text (stmt, 3, inference_status_of (check));
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "recording when a model was checked");
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND,
                   /* Translators: the register file, a model id, then a kind of check */
                   _("%s: there is no model with id %" PRId64 " to store a %s check for"),
                   path, check->model_id, mr_check_kind_to_string (check->kind));
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_row (sqlite3              *db,
            const char           *path,
            const MrCheckRecord  *check,
            GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, insert_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, check->model_id);
      mr_sqlite_bind_text (stmt, 2, mr_check_kind_to_string (check->kind));
      sqlite3_bind_int64 (stmt, 3, check->started_at);
      sqlite3_bind_int64 (stmt, 4, check->finished_at);
      mr_sqlite_bind_text (stmt, 5, mr_check_status_to_string (check->status));
      mr_sqlite_bind_text (stmt, 6, check->inputs_json != NULL ? check->inputs_json : "{}");
      mr_sqlite_bind_text (stmt, 7, check->result_json);
      mr_sqlite_bind_text (stmt, 8, check->actor);
      mr_sqlite_bind_text (stmt, 9, check->error);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "storing a check");
      return 0;
    }
  return sqlite3_last_insert_rowid (db);
}

/* The audit entry carries the whole check, so the hash chain covers the
 * result as well as the fact that a check ran. */
static gboolean
append_audit (sqlite3              *db,
              const char           *path,
              const MrCheckRecord  *check,
              gint64                id,
              GError              **error)
{
  MrCheckRecord stored = *check;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *after_json = NULL;
  MrSqliteAuditEntry entry = {
    .time = check->finished_at,
    .actor = check->actor,
    .action = "check",
    .entity_type = "model",
    .entity_id = check->model_id,
  };

  stored.id = id;
  node = mr_check_record_to_json_node (&stored);
  after_json = json_to_string (node, FALSE);
  entry.after_json = after_json;
  return mr_sqlite_audit_append (db, path, &entry, error);
}

gint64
mr_sqlite_checks_insert (sqlite3              *db,
                         const char           *path,
                         const MrCheckRecord  *check,
                         GError              **error)
{
  gint64 id;

  g_return_val_if_fail (check->actor != NULL, 0);

  if (!touch_model (db, path, check, error) || (id = insert_row (db, path, check, error)) == 0 ||
      !append_audit (db, path, check, id, error))
    return 0;
  return id;
}

static MrCheckRecord *
check_from_row (sqlite3_stmt  *stmt,
                const char    *path,
                gint64         model_id,
                GError       **error)
{
  g_autoptr(MrCheckRecord) check = mr_check_record_new ();
  const char *kind = mr_sqlite_column_text (stmt, 1);
  const char *status = mr_sqlite_column_text (stmt, 4);

  check->id = sqlite3_column_int64 (stmt, 0);
  check->model_id = model_id;
  if (!mr_check_kind_from_string (kind, &check->kind) ||
      !mr_check_status_from_string (status, &check->status))
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                   _("%s: check %" PRId64 " has an unknown kind “%s” or status “%s”"),
                   path, check->id, kind, status);
      return NULL;
    }
  check->started_at = sqlite3_column_int64 (stmt, 2);
  check->finished_at = sqlite3_column_int64 (stmt, 3);
  check->inputs_json = g_strdup (mr_sqlite_column_text (stmt, 5));
  check->result_json = g_strdup (mr_sqlite_column_text (stmt, 6));
  check->actor = g_strdup (mr_sqlite_column_text (stmt, 7));
  check->error = g_strdup (mr_sqlite_column_text (stmt, 8));
  return g_steal_pointer (&check);
}

GPtrArray *
mr_sqlite_checks_list (sqlite3     *db,
                       const char  *path,
                       gint64       model_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_check_record_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, select_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, model_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MrCheckRecord *check = check_from_row (stmt, path, model_id, error);

          if (check == NULL)
            {
              sqlite3_finalize (stmt);
              return NULL;
            }
          g_ptr_array_add (checks, check);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "reading the checks");
      return NULL;
    }
  return g_steal_pointer (&checks);
}

static MrInferenceCheckOutcome
outcome_of (const char *status)
{
  if (g_strcmp0 (status, mr_check_status_to_string (MR_CHECK_STATUS_PASSED)) == 0)
    return MR_INFERENCE_CHECK_PASSED;
  if (g_strcmp0 (status, mr_check_status_to_string (MR_CHECK_STATUS_FAILED)) == 0)
    return MR_INFERENCE_CHECK_FAILED;
  return MR_INFERENCE_CHECK_NOT_RUN;
}

GHashTable *
mr_sqlite_checks_inference_outcomes (sqlite3     *db,
                                     const char  *path,
                                     gint64       first_id,
                                     gint64       last_id,
                                     GError     **error)
{
  g_autoptr(GHashTable) outcomes = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, outcome_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, first_id);
      sqlite3_bind_int64 (stmt, 2, last_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_hash_table_insert (outcomes, g_memdup2 (&id, sizeof id),
                               GINT_TO_POINTER (outcome_of (mr_sqlite_column_text (stmt, 1))));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "reading the inference check outcomes");
      return NULL;
    }
  return g_steal_pointer (&outcomes);
}

gboolean
mr_sqlite_checks_inference_outcome (sqlite3                  *db,
                                    const char               *path,
                                    gint64                    model_id,
                                    MrInferenceCheckOutcome  *out_outcome,
                                    GError                  **error)
{
  g_autoptr(GHashTable) outcomes = mr_sqlite_checks_inference_outcomes (db, path, model_id,
                                                                        model_id, error);

  if (outcomes == NULL)
    return FALSE;
  *out_outcome = GPOINTER_TO_INT (g_hash_table_lookup (outcomes, &model_id));
  return TRUE;
}
