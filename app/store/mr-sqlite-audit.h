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

#include "mr-audit-record.h"

G_BEGIN_DECLS

/* The prev_hash of the first entry. */
#define MR_SQLITE_AUDIT_GENESIS \
  "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct {
  gint64      seq;
  gint64      time;
  const char *actor;
  const char *action;        /* "create", "update", "delete", "restore", "import",
                              * "reevaluate", or a workflow action's nick
                              * (mr_workflow_action_to_nick()) */
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

/* Recomputes the chain; MR_STORE_ERROR_CORRUPT names the first bad entry
 * (its seq, time, action and actor), whose seq is *out_first_bad_seq. */
gboolean   mr_sqlite_audit_check  (sqlite3                  *db,
                                   const char               *path,
                                   guint                    *out_n_entries,
                                   gint64                   *out_first_bad_seq,
                                   GError                  **error);
/* mr_sqlite_audit_check() without the seq. */
gboolean   mr_sqlite_audit_verify (sqlite3                  *db,
                                   const char               *path,
                                   guint                    *out_n_entries,
                                   GError                  **error);
/* The entries (MrAuditRecord) about one model (0: all) with time in
 * [since, until] (until 0: no bound), in seq order. */
GPtrArray *mr_sqlite_audit_list   (sqlite3                  *db,
                                   const char               *path,
                                   gint64                    model_id,
                                   gint64                    since,
                                   gint64                    until,
                                   GError                  **error);

G_END_DECLS
