/* mr-store.h — the register's storage interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything core and gui know about storage goes through this interface,
 * so a second backend (a shared PostgreSQL register) can be added without
 * touching them.  Methods are synchronous and must all be called from the
 * one thread that opened the store (the worker thread in the app, the main
 * thread in the CLI).  Every mutating method is one transaction, writes its
 * audit entry in that same transaction, and changes nothing when it fails.
 *
 * Every record the interface stores carries the policy outcome (openness,
 * worst_flag, n_flags) of the store's framework, so that the list can sort
 * and filter by flags from stored columns.  The wrappers of save, restore
 * and import compute it, for every backend, and ignore the caller's own
 * values of those fields.
 */
#pragma once

#include <gio/gio.h>

#include "mr-audit-record.h"
#include "mr-check-record.h"
#include "mr-framework.h"
#include "mr-model-record.h"
#include "mr-policy.h"
#include "mr-snapshot.h"
#include "mr-workflow.h"

G_BEGIN_DECLS

#define MR_TYPE_STORE (mr_store_get_type ())
G_DECLARE_INTERFACE (MrStore, mr_store, MR, STORE, GObject)

typedef enum {
  MR_LOAD_SUMMARY,   /* list columns only; components left unknown (fast, for 100,000 rows) */
  MR_LOAD_FULL,      /* everything, with the 17 components */
} MrLoadDepth;

/* Called between rows of a long operation; values in [0, 1]. */
typedef void (*MrProgressFunc) (double   fraction,
                                gpointer user_data);

struct _MrStoreInterface
{
  GTypeInterface parent_iface;

  GPtrArray     *(*list_models)   (MrStore        *self,
                                   MrLoadDepth     depth,
                                   GError        **error);
  MrModelRecord *(*get_model)     (MrStore        *self,
                                   gint64          id,
                                   GError        **error);
  MrModelRecord *(*save_model)    (MrStore        *self,
                                   MrModelRecord  *record,
                                   const char     *actor,
                                   GError        **error);
  MrModelRecord *(*delete_model)  (MrStore        *self,
                                   gint64          id,
                                   const char     *actor,
                                   GError        **error);
  MrModelRecord *(*restore_model) (MrStore        *self,
                                   MrModelRecord  *record,
                                   const char     *actor,
                                   GError        **error);
  gboolean       (*import_models) (MrStore        *self,
                                   GPtrArray      *records,
                                   const char     *actor,
                                   const char     *origin,
                                   MrProgressFunc  progress,
                                   gpointer        progress_data,
                                   GCancellable   *cancellable,
                                   GError        **error);
  guint          (*count_models)  (MrStore        *self,
                                   GError        **error);
  gboolean       (*check_integrity) (MrStore      *self,
                                     GCancellable *cancellable,
                                     GError      **error);
  /* Stamps every live entry under framework; see mr_store_reevaluate_all(). */
  gboolean       (*reevaluate_all)  (MrStore      *self,
                                     MrFramework  *framework,
                                     GCancellable *cancellable,
                                     GError      **error);
  /* Metadata snapshots; see mr_store_save_with_snapshot(). */
  MrModelRecord *(*save_with_snapshot) (MrStore      *self,
                                        MrModelRecord *record,
                                        MrSnapshot   *snapshot,
                                        const char   *rereview_reason,
                                        const char   *actor,
                                        GError      **error);
  gint64         (*add_snapshot)    (MrStore      *self,
                                     gint64        model_id,
                                     MrSnapshot   *snapshot,
                                     GError      **error);
  GPtrArray     *(*list_snapshots)  (MrStore      *self,
                                     gint64        model_id,
                                     GError      **error);
  gboolean       (*get_latest_snapshot) (MrStore     *self,
                                         gint64       model_id,
                                         MrSnapshot **out_snapshot,
                                         GError     **error);
  /* The approval workflow and the audit trail; see mr_store_submit() and
   * the functions after it. */
  MrModelRecord *(*act)             (MrStore               *self,
                                     gint64                 id,
                                     MrWorkflowAction       action,
                                     const MrWorkflowInput *input,
                                     const char            *actor,
                                     GError               **error);
  gboolean       (*mark_overdue)    (MrStore      *self,
                                     gint64        now,
                                     guint        *out_n_marked,
                                     GError      **error);
  GPtrArray     *(*list_approvals)  (MrStore      *self,
                                     gint64        model_id,
                                     GError      **error);
  gboolean       (*verify_audit)    (MrStore      *self,
                                     guint        *out_n_entries,
                                     gint64       *out_first_bad_seq,
                                     GError      **error);
  GPtrArray     *(*list_audit)      (MrStore      *self,
                                     gint64        model_id,
                                     gint64        since,
                                     gint64        until,
                                     GError      **error);
  /* Checks; see mr_store_add_check(). */
  gint64         (*add_check)       (MrStore             *self,
                                     const MrCheckRecord *check,
                                     GError             **error);
  GPtrArray     *(*list_checks)     (MrStore      *self,
                                     gint64        model_id,
                                     GError      **error);
  gboolean       (*get_policy_inputs) (MrStore         *self,
                                       gint64           model_id,
                                       MrPolicyInputs  *out_inputs,
                                       GError         **error);
};

/* Records are MrModelRecord, in id order. */
GPtrArray     *mr_store_list_models   (MrStore        *self,
                                       MrLoadDepth     depth,
                                       GError        **error);
/* MR_STORE_ERROR_NOT_FOUND when there is no such entry. */
MrModelRecord *mr_store_get_model     (MrStore        *self,
                                       gint64          id,
                                       GError        **error);
/* Inserts when record->id is 0, else updates; an update whose
 * record->revision is not the stored one fails with
 * MR_STORE_ERROR_CONFLICT.  Returns the stored record (new id, revision and
 * timestamps). */
MrModelRecord *mr_store_save_model    (MrStore        *self,
                                       MrModelRecord  *record,
                                       const char     *actor,
                                       GError        **error);
/* Returns the full record as it was, so it can be restored (undo). */
MrModelRecord *mr_store_delete_model  (MrStore        *self,
                                       gint64          id,
                                       const char     *actor,
                                       GError        **error);
/* Re-inserts a deleted record under its old id. */
MrModelRecord *mr_store_restore_model (MrStore        *self,
                                       MrModelRecord  *record,
                                       const char     *actor,
                                       GError        **error);
/* All records in one transaction: all are stored, or none. */
gboolean       mr_store_import_models (MrStore        *self,
                                       GPtrArray      *records,
                                       const char     *actor,
                                       const char     *origin,
                                       MrProgressFunc  progress,
                                       gpointer        progress_data,
                                       GCancellable   *cancellable,
                                       GError        **error);
guint          mr_store_count_models  (MrStore        *self,
                                       GError        **error);

/* Reads the whole register looking for damage (slow on a large register:
 * run it in the background).  Opening a store checks only what is cheap;
 * damage found later by any method is MR_STORE_ERROR_CORRUPT too. */
gboolean       mr_store_check_integrity (MrStore      *self,
                                         GCancellable *cancellable,
                                         GError      **error);

/* The framework whose outcome saves, restores and imports store; the
 * built-in default until one is set.  Setting one does not re-evaluate the
 * stored entries: call mr_store_reevaluate_all() for that. */
void           mr_store_set_framework   (MrStore      *self,
                                         MrFramework  *framework);
MrFramework   *mr_store_get_framework   (MrStore      *self);
/* Recomputes the policy columns of every entry under the store's framework
 * in one transaction, with one audit entry; entries whose outcome does not
 * change are not written, and no entry gets a new revision (the columns are
 * derived from its content). */
gboolean       mr_store_reevaluate_all  (MrStore      *self,
                                         GCancellable *cancellable,
                                         GError      **error);

/* Saves record (insert or update) and the metadata snapshot it was
 * refreshed from in one transaction, with its audit entry: "create" for a
 * new entry, "evidence change" (before and after) for an update.  A
 * refresh changes evidence, not the approval: the stored status is kept.
 * When rereview_reason (a JSON object, the changes at the source) is given
 * and the entry is approved, the same transaction sends it back for review
 * as mr_store_require_rereview() does.  snapshot must be sealed. */
MrModelRecord *mr_store_save_with_snapshot (MrStore     *self,
                                            MrModelRecord *record,
                                            MrSnapshot  *snapshot,
                                            const char  *rereview_reason,
                                            const char  *actor,
                                            GError     **error);
/* Stores a sealed snapshot of an existing entry; returns its id, 0 on
 * error.  Snapshots are never changed or removed. */
gint64         mr_store_add_snapshot    (MrStore      *self,
                                         gint64        model_id,
                                         MrSnapshot   *snapshot,
                                         GError      **error);
/* The snapshots of an entry (MrSnapshot), oldest first. */
GPtrArray     *mr_store_list_snapshots  (MrStore      *self,
                                         gint64        model_id,
                                         GError      **error);
/* The newest snapshot of an entry in *out_snapshot, NULL when it has none;
 * FALSE only on error. */
gboolean       mr_store_get_latest_snapshot (MrStore     *self,
                                             gint64       model_id,
                                             MrSnapshot **out_snapshot,
                                             GError     **error);

/* The approval workflow (mr-workflow.h's rules, enforced here).  Each call
 * is one transaction with its audit entry, takes the entry as stored (its
 * latest revision) and returns it as it is afterwards.  Refusals are
 * MR_WORKFLOW_ERROR: an action the entry's status does not allow
 * (INVALID_TRANSITION), a missing comment, use, owner or justification
 * (MISSING_FIELD), a decision by the person who submitted (SAME_PERSON).
 * The status changes; the revision does not, so that a decision stays
 * tied to the revision it was about.
 *
 * Saving an approved entry (mr_store_save_model()) is an edit of what was
 * approved: the store makes the new revision a new request ("submitted",
 * audit action "edit-approved"), and the history keeps the approval tied to
 * the revision before.  save_model otherwise keeps the stored status
 * whatever the record says: statuses change through these calls only. */

/* Any action but edit-approved; the functions after it name one each. */
MrModelRecord *mr_store_act             (MrStore               *self,
                                         gint64                 id,
                                         MrWorkflowAction       action,
                                         const MrWorkflowInput *input,
                                         const char            *actor,
                                         GError               **error);
/* Applies the input's uses, owner, deployment and data sensitivity (a new
 * revision when they differ) and submits that revision for approval. */
MrModelRecord *mr_store_submit          (MrStore               *self,
                                         gint64                 id,
                                         const MrWorkflowInput *input,
                                         const char            *actor,
                                         GError               **error);
/* action is approve, approve-with-conditions, request-changes or reject. */
MrModelRecord *mr_store_decide          (MrStore               *self,
                                         gint64                 id,
                                         MrWorkflowAction       action,
                                         const MrWorkflowInput *input,
                                         const char            *actor,
                                         GError               **error);
MrModelRecord *mr_store_retire          (MrStore               *self,
                                         gint64                 id,
                                         const char            *reason,
                                         const char            *actor,
                                         GError               **error);
/* Sends an approved entry back for review; reason_json is a JSON object
 * saying why (e.g. {"cause":"upstream-change", …}), kept in the history
 * and the audit trail. */
MrModelRecord *mr_store_require_rereview (MrStore              *self,
                                          gint64                id,
                                          const char           *reason_json,
                                          const char           *actor,
                                          GError              **error);
/* Sends every approved entry whose review date is before now back for
 * review, in one transaction (actor "system"); call it at start and daily. */
gboolean       mr_store_mark_overdue    (MrStore      *self,
                                         gint64        now,
                                         guint        *out_n_marked,
                                         GError      **error);
/* The approval history (MrApprovalEvent) of one entry, or of the whole
 * register when model_id is 0, oldest first. */
GPtrArray     *mr_store_list_approvals  (MrStore      *self,
                                         gint64        model_id,
                                         GError      **error);

/* Recomputes the audit trail's hash chain.  When an entry was changed,
 * inserted or removed behind the program's back: MR_STORE_ERROR_CORRUPT
 * naming the first bad entry (seq, time, action, actor), whose seq is
 * *out_first_bad_seq.  Reads the whole trail: run it in the background. */
gboolean       mr_store_verify_audit    (MrStore      *self,
                                         guint        *out_n_entries,
                                         gint64       *out_first_bad_seq,
                                         GError      **error);
/* The audit entries (MrAuditRecord) about one model (model_id 0: all
 * entries) with time in [since, until] (0: unbounded), in order. */
GPtrArray     *mr_store_list_audit      (MrStore      *self,
                                         gint64        model_id,
                                         gint64        since,
                                         gint64        until,
                                         GError      **error);

/* Stores a check of an existing entry (kind and status as in
 * mr-check-record.h; inputs_json and result_json JSON objects, result_json
 * NULL and error_message set when it could not run) in one transaction
 * with its "check" audit entry, sets the entry's last_checked_at and, for
 * an inference check, restamps its policy columns with the new outcome.
 * Returns the check id, 0 on error.  Checks are never changed or removed. */
gint64         mr_store_add_check       (MrStore       *self,
                                         gint64         model_id,
                                         MrCheckKind    kind,
                                         MrCheckStatus  status,
                                         const char    *inputs_json,
                                         const char    *result_json,
                                         gint64         started_at,
                                         gint64         finished_at,
                                         const char    *actor,
                                         const char    *error_message,
                                         GError       **error);
/* The checks (MrCheckRecord) of an entry, newest first. */
GPtrArray     *mr_store_list_checks     (MrStore       *self,
                                         gint64         model_id,
                                         GError       **error);
/* The facts the policy needs beyond the record, as stored for model_id
 * (0: a new entry, nothing on record): the outcome of its latest
 * inference check that reached a verdict, and whether its latest metadata
 * snapshot says the weights are gated.  Every path that evaluates a stored
 * entry (the stamped columns, `evaluate`, reports, the GUI) uses these. */
gboolean       mr_store_get_policy_inputs (MrStore        *self,
                                           gint64          model_id,
                                           MrPolicyInputs *out_inputs,
                                           GError        **error);

G_END_DECLS
