/* mr-sqlite-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "mr-error.h"
#include "mr-time-util.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-util.h"

/* JSON string escaping as JSON-GLib and Python's json module (with
 * ensure_ascii off) do it: quote, backslash and control characters
 * escaped, everything else as UTF-8, so that a verifier in another
 * language rebuilds the same bytes. */
static gboolean
needs_escape (char c)
{
  return (guchar) c < 0x20 || c == '"' || c == '\\';
}

static void
append_escaped (GString *out,
                char     c)
{
  switch (c)
    {
    case '"':
      g_string_append (out, "\\\"");
      break;
    case '\\':
      g_string_append (out, "\\\\");
      break;
    case '\b':
      g_string_append (out, "\\b");
      break;
    case '\f':
      g_string_append (out, "\\f");
      break;
    case '\n':
      g_string_append (out, "\\n");
      break;
    case '\r':
      g_string_append (out, "\\r");
      break;
    case '\t':
      g_string_append (out, "\\t");
      break;
    default:
      g_string_append_printf (out, "\\u%04x", (guchar) c);
      break;
    }
}

/* JSON string escaping as JSON-GLib and Python's json module (with
 * ensure_ascii off) do it: quote, backslash and control characters
 * escaped, everything else as UTF-8, so that a verifier in another
 * language rebuilds the same bytes. */
static void
append_json_string (GString    *out,
                    const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  while (*value != '\0')
    {
      const char *run = value;

      /* Runs of plain text are copied whole: verifying a long trail is
       * mostly this loop. */
      while (*value != '\0' && !needs_escape (*value))
        value++;
      g_string_append_len (out, run, value - run);
      if (*value != '\0')
        append_escaped (out, *value++);
    }
  g_string_append_c (out, '"');
}

/* ,"member":"value" */
static void
append_member (GString    *out,
               const char *member,
               const char *value)
{
  g_string_append (out, ",\"");
  g_string_append (out, member);
  g_string_append (out, "\":");
  append_json_string (out, value);
}

static void
append_int64 (GString *out,
              gint64   value)
{
  char digits[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, value);
  g_string_append (out, digits);
}

/* Members in a fixed order, no whitespace, snapshots embedded as strings
 * exactly as stored: the text can be rebuilt from the row alone.  Written
 * directly rather than through a JsonBuilder: verifying a million entries
 * is mostly this. */
static void
canonical_json (const MrSqliteAuditEntry *entry,
                GString                  *out)
{
  g_string_append (out, "{\"seq\":");
  append_int64 (out, entry->seq);
  g_string_append (out, ",\"time\":");
  append_int64 (out, entry->time);
  append_member (out, "actor", entry->actor);
  append_member (out, "action", entry->action);
  append_member (out, "entity_type", entry->entity_type);
  g_string_append (out, ",\"entity_id\":");
  if (entry->entity_id != 0)
    append_int64 (out, entry->entity_id);
  else
    g_string_append (out, "null");
  append_member (out, "before", entry->before_json);
  append_member (out, "after", entry->after_json);
  g_string_append_c (out, '}');
}

char *
mr_sqlite_audit_hash (const char               *prev_hash,
                      const MrSqliteAuditEntry *entry)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) json = g_string_sized_new (512);

  canonical_json (entry, json);
  g_checksum_update (checksum, (const guchar *) prev_hash, -1);
  g_checksum_update (checksum, (const guchar *) json->str, json->len);
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
last_entry (sqlite3     *db,
            const char  *path,
            gint64      *out_seq,
            char       **out_hash,
            GError     **error)
{
  static const char sql[] = "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1";
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_seq = 0;
  *out_hash = g_strdup (MR_SQLITE_AUDIT_GENESIS);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      g_free (*out_hash);
      *out_hash = g_strdup (mr_sqlite_column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  if (rc != SQLITE_DONE)
    mr_sqlite_set_error (error, db, rc, path, _("reading the audit trail"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

gboolean
mr_sqlite_audit_append (sqlite3             *db,
                        const char          *path,
                        MrSqliteAuditEntry  *entry,
                        GError             **error)
{
  static const char sql[] =
    "INSERT INTO audit_entries (seq, time, actor, action, entity_type, entity_id,"
    " before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 last_seq;
  int rc;

  if (!last_entry (db, path, &last_seq, &prev_hash, error))
    return FALSE;
  entry->seq = last_seq + 1;
  hash = mr_sqlite_audit_hash (prev_hash, entry);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, entry->seq);
      sqlite3_bind_int64 (stmt, 2, entry->time);
      mr_sqlite_bind_text (stmt, 3, entry->actor);
      mr_sqlite_bind_text (stmt, 4, entry->action);
      mr_sqlite_bind_text (stmt, 5, entry->entity_type);
      if (entry->entity_id != 0)
        sqlite3_bind_int64 (stmt, 6, entry->entity_id);
      mr_sqlite_bind_text (stmt, 7, entry->before_json);
      mr_sqlite_bind_text (stmt, 8, entry->after_json);
      mr_sqlite_bind_text (stmt, 9, prev_hash);
      mr_sqlite_bind_text (stmt, 10, hash);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    mr_sqlite_set_error (error, db, rc, path, _("writing the audit trail"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* "entry 12 (2026-11-25T12:00:00Z, approve by alice)": enough for someone
 * to find the entry in an export or in the sqlite3 shell. */
static char *
describe_entry (const MrSqliteAuditEntry *entry)
{
  g_autofree char *time = mr_time_to_iso8601 (entry->time);

  /* Translators: an entry's number, its time, the action's nick
   * ("edit") and who did it */
  return g_strdup_printf (_("audit entry %" PRId64 " (%s, %s by %s)"), entry->seq,
                          time != NULL ? time : _("bad time"), entry->action, entry->actor);
}

static gboolean
verify_row (sqlite3_stmt  *stmt,
            const char    *path,
            char         **inout_prev_hash,
            gint64        *out_seq,
            GError       **error)
{
  MrSqliteAuditEntry entry = {
    .seq = sqlite3_column_int64 (stmt, 0),
    .time = sqlite3_column_int64 (stmt, 1),
    .actor = mr_sqlite_column_text (stmt, 2),
    .action = mr_sqlite_column_text (stmt, 3),
    .entity_type = mr_sqlite_column_text (stmt, 4),
    .entity_id = sqlite3_column_int64 (stmt, 5),
    .before_json = mr_sqlite_column_text (stmt, 6),
    .after_json = mr_sqlite_column_text (stmt, 7),
  };
  const char *prev_hash = mr_sqlite_column_text (stmt, 8);
  const char *hash = mr_sqlite_column_text (stmt, 9);
  g_autofree char *expected = NULL;
  g_autofree char *description = NULL;

  *out_seq = entry.seq;
  if (g_strcmp0 (prev_hash, *inout_prev_hash) != 0)
    {
      description = describe_entry (&entry);
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                   /* Translators: the register file, then an audit entry such as
                    * "audit entry 12 (2026-11-25T14:02:00Z, edit by alice)" */
                   _("%s: %s does not follow the entry before it"), path, description);
      return FALSE;
    }
  expected = mr_sqlite_audit_hash (prev_hash, &entry);
  if (g_strcmp0 (hash, expected) != 0)
    {
      description = describe_entry (&entry);
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                   /* Translators: the register file, then an audit entry such as
                    * "audit entry 12 (2026-11-25T14:02:00Z, edit by alice)" */
                   _("%s: %s was altered after it was written"), path, description);
      return FALSE;
    }
  g_free (*inout_prev_hash);
  *inout_prev_hash = g_strdup (hash);
  return TRUE;
}

gboolean
mr_sqlite_audit_check (sqlite3     *db,
                       const char  *path,
                       guint       *out_n_entries,
                       gint64      *out_first_bad_seq,
                       GError     **error)
{
  static const char sql[] =
    "SELECT seq, time, actor, action, entity_type, entity_id, before_json, after_json,"
    " prev_hash, hash FROM audit_entries ORDER BY seq";
  g_autofree char *prev_hash = g_strdup (MR_SQLITE_AUDIT_GENESIS);
  sqlite3_stmt *stmt = NULL;
  guint n_entries = 0;
  gint64 seq = 0;
  gboolean ok = TRUE;
  int rc;

  if (out_first_bad_seq != NULL)
    *out_first_bad_seq = 0;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (ok && rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = verify_row (stmt, path, &prev_hash, &seq, error);
      n_entries++;
      rc = SQLITE_OK;
    }
  if (!ok && out_first_bad_seq != NULL)
    *out_first_bad_seq = seq;
  if (ok && rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, _("reading the audit trail"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (ok && out_n_entries != NULL)
    *out_n_entries = n_entries;
  return ok;
}

gboolean
mr_sqlite_audit_verify (sqlite3     *db,
                        const char  *path,
                        guint       *out_n_entries,
                        GError     **error)
{
  return mr_sqlite_audit_check (db, path, out_n_entries, NULL, error);
}

static MrAuditRecord *
record_from_row (sqlite3_stmt *stmt)
{
  MrAuditRecord *record = g_new0 (MrAuditRecord, 1);

  record->seq = sqlite3_column_int64 (stmt, 0);
  record->time = sqlite3_column_int64 (stmt, 1);
  record->actor = g_strdup (mr_sqlite_column_text (stmt, 2));
  record->action = g_strdup (mr_sqlite_column_text (stmt, 3));
  record->entity_type = g_strdup (mr_sqlite_column_text (stmt, 4));
  record->entity_id = sqlite3_column_int64 (stmt, 5);
  record->before_json = g_strdup (mr_sqlite_column_text (stmt, 6));
  record->after_json = g_strdup (mr_sqlite_column_text (stmt, 7));
  record->prev_hash = g_strdup (mr_sqlite_column_text (stmt, 8));
  record->hash = g_strdup (mr_sqlite_column_text (stmt, 9));
  return record;
}

GPtrArray *
mr_sqlite_audit_list (sqlite3     *db,
                      const char  *path,
                      gint64       model_id,
                      gint64       since,
                      gint64       until,
                      GError     **error)
{
  static const char sql[] =
    "SELECT seq, time, actor, action, entity_type, entity_id, before_json, after_json,"
    " prev_hash, hash FROM audit_entries"
    " WHERE (?1 = 0 OR (entity_type = 'model' AND entity_id = ?1))"
    " AND time >= ?2 AND time <= ?3 ORDER BY seq";
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_audit_record_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, model_id);
      sqlite3_bind_int64 (stmt, 2, since);
      sqlite3_bind_int64 (stmt, 3, until != 0 ? until : G_MAXINT64);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (records, record_from_row (stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, _("reading the audit trail"));
      return NULL;
    }
  return g_steal_pointer (&records);
}
