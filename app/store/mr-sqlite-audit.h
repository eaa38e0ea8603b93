/* mr-sqlite-audit.h — the tamper-evident audit trail (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry carries the SHA-256 of the previous entry's hash followed by
 * its own canonical JSON, so changing, inserting or removing an entry
 * breaks every hash after it.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The prev_hash of the first entry. */
#define MR_SQLITE_AUDIT_GENESIS \
  "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct {
  gint64      seq;
  gint64      time;
  const char *actor;
  const char *action;        /* "create", "update", "delete", "restore", "import",
                              * "reevaluate" */
  const char *entity_type;   /* "model", "import", "framework" */
  gint64      entity_id;     /* 0: none */
  const char *before_json;   /* NULL: none */
  const char *after_json;
} MrSqliteAuditEntry;

/* SHA-256 (hex) of prev_hash followed by the entry's canonical JSON. */
char     *mr_sqlite_audit_hash   (const char               *prev_hash,
                                  const MrSqliteAuditEntry *entry);

/* Must run inside the caller's write transaction; entry->seq is assigned. */
gboolean  mr_sqlite_audit_append (sqlite3                  *db,
                                  const char               *path,
                                  MrSqliteAuditEntry       *entry,
                                  GError                  **error);

/* Recomputes the chain; MR_STORE_ERROR_CORRUPT names the first bad entry. */
gboolean  mr_sqlite_audit_verify (sqlite3                  *db,
                                  const char               *path,
                                  guint                    *out_n_entries,
                                  GError                  **error);

G_END_DECLS
