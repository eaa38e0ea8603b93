/* mr-audit-record.h — one entry of the audit trail, and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports carry the before/after snapshots as the exact text that was
 * hashed, with the hashes, so that someone without this program can
 * recompute the chain from the file alone: hash = SHA-256 (prev_hash ‖
 * canonical JSON), the canonical JSON being the members seq, time, actor,
 * action, entity_type, entity_id, before, after in that order, no
 * whitespace.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64  seq;
  gint64  time;          /* Unix time, UTC seconds */
  char   *actor;
  char   *action;        /* "create", "update", "approve", … */
  char   *entity_type;   /* "model", "import", "framework" */
  gint64  entity_id;     /* 0: none */
  char   *before_json;   /* NULL: none */
  char   *after_json;    /* NULL: none */
  char   *prev_hash;
  char   *hash;
} MrAuditRecord;

void  mr_audit_record_free     (MrAuditRecord *record);

/* A JSON array of objects, in the order of @records (MrAuditRecord). */
char *mr_audit_records_to_json (GPtrArray     *records);
/* A header row and a row per entry, CRLF line ends (RFC 4180). */
char *mr_audit_records_to_csv  (GPtrArray     *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrAuditRecord, mr_audit_record_free)

G_END_DECLS
