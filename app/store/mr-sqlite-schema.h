/* mr-sqlite-schema.h — the register's tables and their migrations (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every register ("MReg"), so that another
 * program's SQLite file is refused instead of being migrated. */
#define MR_SQLITE_APPLICATION_ID 0x4d526567

/* Migration N turns a version N-1 register into a version N one. */
typedef struct {
  int         version;
  const char *sql;
} MrSqliteMigration;

const MrSqliteMigration *mr_sqlite_schema_get_migrations (guint *n_migrations);

/* Checks that db is a register no newer than the last migration (or an
 * empty file), copies an existing register to "<path>.v<N>.bak" and then
 * applies the missing migrations, each in its own transaction.  Nothing is
 * written to a file that is refused. */
gboolean mr_sqlite_schema_migrate (sqlite3                 *db,
                                   const char              *path,
                                   const MrSqliteMigration *migrations,
                                   guint                    n_migrations,
                                   GError                 **error);

G_END_DECLS
