/* mr-sqlite-util.h — small helpers shared by the SQLite backend (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The one place where SQLite result codes become MR_STORE_ERROR codes.
 * path names the register; what says what was being done. */
void     mr_sqlite_set_error   (GError       **error,
                                sqlite3       *db,
                                int            rc,
                                const char    *path,
                                const char    *what);

gboolean mr_sqlite_exec        (sqlite3       *db,
                                const char    *path,
                                const char    *sql,
                                GError       **error);
/* Runs a statement that yields one integer (a PRAGMA, a count). */
gboolean mr_sqlite_query_int64 (sqlite3       *db,
                                const char    *path,
                                const char    *sql,
                                gint64        *out_value,
                                GError       **error);

/* NULL binds SQL NULL. */
int      mr_sqlite_bind_text   (sqlite3_stmt  *stmt,
                                int            index,
                                const char    *text);
/* NULL for SQL NULL; the pointer is valid until the next step. */
const char *mr_sqlite_column_text (sqlite3_stmt *stmt,
                                   int           column);

G_END_DECLS
