/* mr-sqlite-approvals.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-approvals"

#include "config.h"

#include <json-glib/json-glib.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-sqlite-approvals.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-util.h"
#include "mr-time-util.h"

/* The request a decision answers: the entry's latest. */
typedef struct {
  gint64  id;            /* 0: the entry has none */
  char   *requested_by;
  gint64  review_date;   /* requested; 0: none */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->requested_by, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

static const char *
status_nick (MrStatus status)
{
  return mr_enum_to_nick (MR_TYPE_STATUS, status);
}

static char *
uses_to_json (const char * const *uses)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; uses[i] != NULL; i++)
    json_builder_add_string_value (builder, uses[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The uses of a request as stored; an empty list for anything else, which
 * only a hand-edited register holds. */
static GStrv
uses_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *use = json_node_get_string (json_array_get_element (array, i));

      if (use != NULL)
        g_strv_builder_add (builder, use);
    }
  return g_strv_builder_end (builder);
}

static void
bind_optional_int64 (sqlite3_stmt *stmt,
                     int           index,
                     gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
prepare (sqlite3       *db,
         const char    *path,
         const char    *sql,
         sqlite3_stmt **out_stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, out_stmt, NULL);

  if (rc != SQLITE_OK)
    mr_sqlite_set_error (error, db, rc, path, "preparing an approval query");
  return rc == SQLITE_OK;
}

/* Steps a statement that returns no rows, and finalizes it. */
static gboolean
run_once (sqlite3       *db,
          const char    *path,
          sqlite3_stmt  *stmt,
          const char    *what,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    mr_sqlite_set_error (error, db, rc, path, what);
  return rc == SQLITE_DONE;
}

static gboolean
load_request (sqlite3     *db,
              const char  *path,
              gint64       model_id,
              Request     *out_request,
              GError     **error)
{
  static const char sql[] =
    "SELECT id, requested_by, review_date FROM approval_requests"
    " WHERE model_id = ?1 ORDER BY id DESC LIMIT 1";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out_request->id = sqlite3_column_int64 (stmt, 0);
      out_request->requested_by = g_strdup (mr_sqlite_column_text (stmt, 1));
      out_request->review_date = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    mr_sqlite_set_error (error, db, rc, path, "reading the approval requests");
  return rc == SQLITE_DONE;
}

static gboolean
insert_request (sqlite3              *db,
                const char           *path,
                const MrModelRecord  *entry,
                MrWorkflowAction      origin,
                const MrWorkflowInput *input,
                const char           *actor,
                const char           *framework,
                gint64                now,
                gint64                audit_seq,
                GError              **error)
{
  static const char sql[] =
    "INSERT INTO approval_requests (model_id, model_revision, origin, state, requested_by,"
    " intended_uses, deployment, data_sensitivity, justification, flag_justification,"
    " review_date, framework_version, created_at, updated_at, audit_seq)"
    " VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)";
  g_autofree char *uses = uses_to_json ((const char * const *) entry->intended_uses);
  sqlite3_stmt *stmt = NULL;

  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_int64 (stmt, 2, entry->revision);
  mr_sqlite_bind_text (stmt, 3, mr_workflow_action_to_nick (origin));
  mr_sqlite_bind_text (stmt, 4, actor);
  mr_sqlite_bind_text (stmt, 5, uses);
  mr_sqlite_bind_text (stmt, 6, mr_enum_to_nick (MR_TYPE_DEPLOYMENT, entry->deployment));
  mr_sqlite_bind_text (stmt, 7, mr_enum_to_nick (MR_TYPE_DATA_SENSITIVITY,
                                                 entry->data_sensitivity));
  mr_sqlite_bind_text (stmt, 8, input != NULL ? input->comment : NULL);
  mr_sqlite_bind_text (stmt, 9, input != NULL ? input->justification : NULL);
  bind_optional_int64 (stmt, 10, input != NULL ? input->review_date : 0);
  mr_sqlite_bind_text (stmt, 11, framework);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, audit_seq);
  return run_once (db, path, stmt, "recording the approval request", error);
}

static gboolean
insert_decision (sqlite3               *db,
                 const char            *path,
                 const MrModelRecord   *entry,
                 const Request         *request,
                 MrWorkflowAction       action,
                 MrStatus               to,
                 const MrWorkflowInput *input,
                 gint64                 review_date,
                 const char            *actor,
                 const char            *framework,
                 gint64                 now,
                 gint64                 audit_seq,
                 GError               **error)
{
  static const char sql[] =
    "INSERT INTO approval_decisions (request_id, model_id, model_revision, action, state,"
    " actor, comment, conditions, review_date, framework_version, decided_at, audit_seq)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  static const char update_sql[] =
    "UPDATE approval_requests SET state = ?1, updated_at = ?2 WHERE id = ?3";
  sqlite3_stmt *stmt = NULL;

  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  bind_optional_int64 (stmt, 1, request->id);
  sqlite3_bind_int64 (stmt, 2, entry->id);
  sqlite3_bind_int64 (stmt, 3, entry->revision);
  mr_sqlite_bind_text (stmt, 4, mr_workflow_action_to_nick (action));
  mr_sqlite_bind_text (stmt, 5, status_nick (to));
  mr_sqlite_bind_text (stmt, 6, actor);
  mr_sqlite_bind_text (stmt, 7, input->comment);
  mr_sqlite_bind_text (stmt, 8, input->conditions);
  bind_optional_int64 (stmt, 9, review_date);
  mr_sqlite_bind_text (stmt, 10, framework);
  sqlite3_bind_int64 (stmt, 11, now);
  sqlite3_bind_int64 (stmt, 12, audit_seq);
  if (!run_once (db, path, stmt, "recording the decision", error))
    return FALSE;

  if (request->id == 0)
    return TRUE;
  if (!prepare (db, path, update_sql, &stmt, error))
    return FALSE;
  mr_sqlite_bind_text (stmt, 1, status_nick (to));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, request->id);
  return run_once (db, path, stmt, "recording the decision", error);
}

static gboolean
set_status (sqlite3     *db,
            const char  *path,
            gint64       model_id,
            MrStatus     status,
            GError     **error)
{
  /* The status is the workflow's, not the entry's content: no new revision,
   * so that the decision stays tied to the revision it was about. */
  static const char sql[] =
    "UPDATE models SET status = ?1 WHERE id = ?2 AND deleted_at IS NULL";
  sqlite3_stmt *stmt = NULL;

  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  mr_sqlite_bind_text (stmt, 1, status_nick (status));
  sqlite3_bind_int64 (stmt, 2, model_id);
  return run_once (db, path, stmt, "changing the status", error);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char *
state_json (MrStatus status,
            guint    revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_nick (status));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, revision);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

/* A re-review's reason comes from code as a JSON object (what changed) and
 * is kept as one; anything else is a person's words. */
static void
add_comment (JsonBuilder      *builder,
             MrWorkflowAction  action,
             const char       *comment)
{
  g_autoptr(JsonNode) reason = NULL;

  if (action == MR_WORKFLOW_ACTION_REQUIRE_REREVIEW && comment != NULL)
    reason = json_from_string (comment, NULL);
  if (reason != NULL && JSON_NODE_HOLDS_OBJECT (reason))
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_value (builder, g_steal_pointer (&reason));
    }
  else
    add_optional_string (builder, "comment", comment);
}

static char *
step_json (const MrModelRecord   *entry,
           MrWorkflowAction       action,
           MrStatus               to,
           const MrWorkflowInput *input,
           gint64                 review_time,
           const char            *framework)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *review_date = review_time != 0 ? mr_time_to_iso8601 (review_time) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_nick (to));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, entry->revision);
  if (action == MR_WORKFLOW_ACTION_SUBMIT)
    {
      json_builder_set_member_name (builder, "intended_uses");
      json_builder_begin_array (builder);
      for (guint i = 0; entry->intended_uses[i] != NULL; i++)
        json_builder_add_string_value (builder, entry->intended_uses[i]);
      json_builder_end_array (builder);
      add_optional_string (builder, "justification", input->justification);
    }
  add_comment (builder, action, input->comment);
  add_optional_string (builder, "conditions", input->conditions);
  add_optional_string (builder, "review_date", review_date);
  add_optional_string (builder, "framework", framework);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

/* Appends the audit entry of a step; *out_seq is its seq. */
static gboolean
append_step (sqlite3     *db,
             const char  *path,
             const char  *action,
             const char  *actor,
             gint64       model_id,
             const char  *before_json,
             const char  *after_json,
             gint64       now,
             gint64      *out_seq,
             GError     **error)
{
  MrSqliteAuditEntry entry = {
    .time = now,
    .actor = actor,
    .action = action,
    .entity_type = "model",
    .entity_id = model_id,
    .before_json = before_json,
    .after_json = after_json,
  };

  if (!mr_sqlite_audit_append (db, path, &entry, error))
    return FALSE;
  *out_seq = entry.seq;
  return TRUE;
}

/* A submission's is the one it asks for; an approval's the approver's,
 * else the earlier of the requested one and the framework's; other steps
 * have none. */
static gint64
review_date_of (MrWorkflowAction       action,
                const MrWorkflowInput *input,
                const Request         *request,
                gint64                 due)
{
  if (action == MR_WORKFLOW_ACTION_SUBMIT)
    return input->review_date;
  if (action != MR_WORKFLOW_ACTION_APPROVE &&
      action != MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS)
    return 0;
  if (input->review_date != 0)
    return input->review_date;
  if (request->review_date != 0 && (due == 0 || request->review_date < due))
    return request->review_date;
  return due;
}

gboolean
mr_sqlite_approvals_act (sqlite3                *db,
                         const char             *path,
                         const MrModelRecord    *entry,
                         MrWorkflowAction        action,
                         const MrWorkflowInput  *input,
                         const char             *actor,
                         const char             *framework,
                         gint64                  now,
                         gint64                  due,
                         GError                **error)
{
  g_auto(Request) request = { 0 };
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 review_date;
  gint64 audit_seq;
  gboolean recorded;
  MrStatus to;

  g_return_val_if_fail (action != MR_WORKFLOW_ACTION_EDIT_APPROVED, FALSE);

  if (!mr_workflow_can (entry->status, action, entry->name, &to, error) ||
      !mr_workflow_check_input (action, input, entry, error) ||
      !load_request (db, path, entry->id, &request, error) ||
      !mr_workflow_check_actor (action, actor, request.requested_by, error))
    return FALSE;

  review_date = review_date_of (action, input, &request, due);
  before_json = state_json (entry->status, entry->revision);
  after_json = step_json (entry, action, to, input, review_date, framework);
  if (!append_step (db, path, mr_workflow_action_to_nick (action), actor, entry->id,
                    before_json, after_json, now, &audit_seq, error))
    return FALSE;
  if (action == MR_WORKFLOW_ACTION_SUBMIT)
    recorded = insert_request (db, path, entry, action, input, actor, framework, now,
                               audit_seq, error);
  else
    recorded = insert_decision (db, path, entry, &request, action, to, input, review_date,
                                actor, framework, now, audit_seq, error);
  return recorded && set_status (db, path, entry->id, to, error);
}

static gboolean
load_status (sqlite3     *db,
             const char  *path,
             gint64       model_id,
             gboolean    *out_found,
             MrStatus    *out_status,
             GError     **error)
{
  static const char sql[] =
    "SELECT status FROM models WHERE id = ?1 AND deleted_at IS NULL";
  sqlite3_stmt *stmt = NULL;
  int status = MR_STATUS_DRAFT;
  int rc;

  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      if (!mr_enum_from_nick (MR_TYPE_STATUS, mr_sqlite_column_text (stmt, 0), &status))
        status = MR_STATUS_DRAFT;
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "reading the status");
      return FALSE;
    }
  *out_status = status;
  return TRUE;
}

MrModelRecord *
mr_sqlite_approvals_guard_edit (sqlite3        *db,
                                const char     *path,
                                MrModelRecord  *record,
                                MrStatus       *out_stored,
                                GError        **error)
{
  MrModelRecord *guarded;
  gboolean found = FALSE;
  MrStatus stored = MR_STATUS_DRAFT;
  MrStatus status;

  if (!load_status (db, path, record->id, &found, &stored, error))
    return NULL;
  *out_stored = stored;
  /* A missing entry fails the save itself, with its own message. */
  if (!found)
    return mr_model_record_ref (record);

  status = stored;
  if (mr_workflow_is_approved (stored))
    mr_workflow_can (stored, MR_WORKFLOW_ACTION_EDIT_APPROVED, record->name, &status, NULL);
  if (record->status == status)
    return mr_model_record_ref (record);
  guarded = mr_model_record_copy (record);
  guarded->status = status;
  return guarded;
}

static gboolean
load_approved_revision (sqlite3     *db,
                        const char  *path,
                        gint64       model_id,
                        gint64      *out_revision,
                        GError     **error)
{
  static const char sql[] =
    "SELECT model_revision FROM approval_decisions WHERE model_id = ?1"
    " AND state IN ('approved', 'approved-with-conditions') ORDER BY id DESC LIMIT 1";
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_revision = 0;
  if (!prepare (db, path, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_revision = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    mr_sqlite_set_error (error, db, rc, path, "reading the approval history");
  return rc == SQLITE_DONE;
}

static char *
reopened_json (MrStatus status,
               guint    revision,
               gint64   approved_revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_nick (status));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, revision);
  /* 0 when the approval came from outside the workflow (an import). */
  json_builder_set_member_name (builder, "approval_applies_to_revision");
  if (approved_revision != 0)
    json_builder_add_int_value (builder, approved_revision);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

gboolean
mr_sqlite_approvals_after_edit (sqlite3              *db,
                                const char           *path,
                                MrStatus              stored,
                                const MrModelRecord  *saved,
                                const char           *actor,
                                const char           *framework,
                                gint64                now,
                                GError              **error)
{
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 approved_revision;
  gint64 audit_seq;

  if (!mr_workflow_is_approved (stored) || saved->status != MR_STATUS_SUBMITTED)
    return TRUE;
  if (!load_approved_revision (db, path, saved->id, &approved_revision, error))
    return FALSE;
  before_json = reopened_json (stored, saved->revision - 1, approved_revision);
  after_json = reopened_json (MR_STATUS_SUBMITTED, saved->revision, approved_revision);
  return append_step (db, path, mr_workflow_action_to_nick (MR_WORKFLOW_ACTION_EDIT_APPROVED),
                      actor, saved->id, before_json, after_json, now, &audit_seq, error) &&
         insert_request (db, path, saved, MR_WORKFLOW_ACTION_EDIT_APPROVED, NULL, actor,
                         framework, now, audit_seq, error);
}

GArray *
mr_sqlite_approvals_list_overdue (sqlite3     *db,
                                  const char  *path,
                                  gint64       now,
                                  GError     **error)
{
  /* The review date that counts is the one of the approval in force: the
   * latest decision of an approved entry is its approval. */
  static const char sql[] =
    "SELECT m.id FROM models m JOIN approval_decisions d"
    " ON d.id = (SELECT max (id) FROM approval_decisions WHERE model_id = m.id)"
    " WHERE m.deleted_at IS NULL AND m.status IN ('approved', 'approved-with-conditions')"
    " AND d.review_date IS NOT NULL AND d.review_date < ?1 ORDER BY m.id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, path, sql, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "looking for overdue reviews");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Columns of both halves of the history query, in this order. */
enum {
  HISTORY_MODEL_ID,
  HISTORY_REVISION,
  HISTORY_ACTION,
  HISTORY_STATE,
  HISTORY_ACTOR,
  HISTORY_TIME,
  HISTORY_COMMENT,
  HISTORY_CONDITIONS,
  HISTORY_JUSTIFICATION,
  HISTORY_USES,
  HISTORY_REVIEW_DATE,
  HISTORY_FRAMEWORK,
};

static MrApprovalEvent *
event_from_row (sqlite3_stmt *stmt)
{
  MrApprovalEvent *event = g_new0 (MrApprovalEvent, 1);
  MrWorkflowAction action = MR_WORKFLOW_ACTION_SUBMIT;
  int status = MR_STATUS_SUBMITTED;

  /* A value a newer build added reads as the nearest one this build knows. */
  mr_workflow_action_from_nick (mr_sqlite_column_text (stmt, HISTORY_ACTION), &action);
  mr_enum_from_nick (MR_TYPE_STATUS, mr_sqlite_column_text (stmt, HISTORY_STATE), &status);
  event->model_id = sqlite3_column_int64 (stmt, HISTORY_MODEL_ID);
  event->model_revision = sqlite3_column_int64 (stmt, HISTORY_REVISION);
  event->action = action;
  event->status = status;
  event->actor = g_strdup (mr_sqlite_column_text (stmt, HISTORY_ACTOR));
  event->time = sqlite3_column_int64 (stmt, HISTORY_TIME);
  event->comment = g_strdup (mr_sqlite_column_text (stmt, HISTORY_COMMENT));
  event->conditions = g_strdup (mr_sqlite_column_text (stmt, HISTORY_CONDITIONS));
  event->justification = g_strdup (mr_sqlite_column_text (stmt, HISTORY_JUSTIFICATION));
  event->intended_uses = uses_from_json (mr_sqlite_column_text (stmt, HISTORY_USES));
  event->review_date = sqlite3_column_int64 (stmt, HISTORY_REVIEW_DATE);
  event->framework = g_strdup (mr_sqlite_column_text (stmt, HISTORY_FRAMEWORK));
  return event;
}

GPtrArray *
mr_sqlite_approvals_list (sqlite3     *db,
                          const char  *path,
                          gint64       model_id,
                          GError     **error)
{
  static const char sql[] =
    "SELECT model_id, model_revision, origin, state, requested_by, created_at,"
    " justification, NULL, flag_justification, intended_uses, review_date,"
    " framework_version, audit_seq FROM approval_requests"
    " WHERE ?1 = 0 OR model_id = ?1"
    " UNION ALL"
    " SELECT d.model_id, d.model_revision, d.action, d.state, d.actor, d.decided_at,"
    " d.comment, d.conditions, NULL, r.intended_uses, d.review_date,"
    " d.framework_version, d.audit_seq"
    " FROM approval_decisions d LEFT JOIN approval_requests r ON r.id = d.request_id"
    " WHERE ?1 = 0 OR d.model_id = ?1"
    " ORDER BY 13";
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_approval_event_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, path, sql, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, model_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, db, rc, path, "reading the approval history");
      return NULL;
    }
  return g_steal_pointer (&events);
}

char *
mr_sqlite_approvals_overdue_reason (gint64 now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *checked_at = mr_time_to_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, "review-date-passed");
  add_optional_string (builder, "checked_at", checked_at);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

char *
mr_sqlite_approvals_framework_reason (const char          *framework,
                                      MrFlagSeverity       old_worst,
                                      guint                old_n_flags,
                                      const MrModelRecord *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, "framework-change");
  add_optional_string (builder, "framework", framework);
  json_builder_set_member_name (builder, "worst_flag_before");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, old_worst));
  json_builder_set_member_name (builder, "n_flags_before");
  json_builder_add_int_value (builder, old_n_flags);
  json_builder_set_member_name (builder, "worst_flag");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY,
                                                           entry->worst_flag));
  json_builder_set_member_name (builder, "n_flags");
  json_builder_add_int_value (builder, entry->n_flags);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}
