/* mr-sqlite-store.h — the embedded SQLite backend of MrStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-store.h"

G_BEGIN_DECLS

#define MR_TYPE_SQLITE_STORE (mr_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (MrSqliteStore, mr_sqlite_store, MR, SQLITE_STORE, GObject)

/* Opens (creating when missing, with its folder) and migrates the register
 * at path.  Before a migration of an existing file, a copy is written
 * beside it ("register.db.v1.bak").  A file that is not an SQLite register
 * fails with MR_STORE_ERROR_NOT_A_DATABASE or _CORRUPT and is left alone.
 * Only the header, the identity and the schema are checked, which takes
 * the same time for any size of register; mr_store_check_integrity()
 * reads the rest. */
MrStore    *mr_sqlite_store_open           (const char *path,
                                            GError    **error);
const char *mr_sqlite_store_get_path       (MrSqliteStore *self);
/* The schema version this build writes (PRAGMA user_version). */
int         mr_sqlite_store_schema_version (void);

/* --database PATH, else $MODEL_REGISTER_DATABASE, else
 * $XDG_DATA_HOME/model-register/register.db. */
char       *mr_sqlite_store_resolve_path   (const char *explicit_path);

G_END_DECLS
