/* mr-sqlite-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-util"

#include "config.h"

#include "mr-error.h"
#include "mr-sqlite-util.h"

static MrStoreError
store_error_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return MR_STORE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return MR_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MR_STORE_ERROR_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return MR_STORE_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT:
      return MR_STORE_ERROR_CONSTRAINT;
    default:
      return MR_STORE_ERROR_FAILED;
    }
}

void
mr_sqlite_set_error (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *path,
                     const char  *what)
{
  /* The connection's message is more precise than sqlite3_errstr() when it
   * belongs to this failure (it names the column of a constraint, say). */
  const char *message = (db != NULL && sqlite3_errcode (db) == rc)
                        ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, MR_STORE_ERROR, store_error_from_sqlite (rc),
               "%s: %s: %s", path, what, message);
}

gboolean
mr_sqlite_exec (sqlite3     *db,
                const char  *path,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      mr_sqlite_set_error (error, db, rc, path, sql);
      return FALSE;
    }
  return TRUE;
}

gboolean
mr_sqlite_query_int64 (sqlite3     *db,
                       const char  *path,
                       const char  *sql,
                       gint64      *out_value,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    mr_sqlite_set_error (error, db, rc, path, sql);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

int
mr_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index);
  /* SQLITE_STATIC: callers keep the text alive until the statement is reset. */
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

const char *
mr_sqlite_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
