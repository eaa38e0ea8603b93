/* mr-repository.h — the register as the UI sees it: async, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the worker thread and the store opened on it.  Every call returns at
 * once; the callback runs on the thread-default main context of the caller
 * (the GTK main thread).  Results are immutable records.
 */
#pragma once

#include <gio/gio.h>

#include "mr-add-from-hub.h"
#include "mr-refresh-job.h"
#include "mr-report-job.h"
#include "mr-store.h"
#include "mr-transfer.h"
#include "mr-worker.h"

G_BEGIN_DECLS

#define MR_TYPE_REPOSITORY (mr_repository_get_type ())
G_DECLARE_FINAL_TYPE (MrRepository, mr_repository, MR, REPOSITORY, GObject)

void            mr_repository_open_async     (const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrRepository   *mr_repository_open_finish    (GAsyncResult        *result,
                                              GError             **error);
/* Opens the register and lists the summary of every entry (MR_LOAD_SUMMARY)
 * in one job: the list is read straight after opening, not after a round
 * trip through the caller's main loop, so a window can be built meanwhile. */
void            mr_repository_open_listed_async  (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MrRepository   *mr_repository_open_listed_finish (GAsyncResult        *result,
                                                  GPtrArray          **out_records,
                                                  GError             **error);
const char     *mr_repository_get_path       (MrRepository        *self);
/* Stops the worker after the jobs already queued; cancels them first. */
void            mr_repository_shutdown       (MrRepository        *self);

void            mr_repository_list_async     (MrRepository        *self,
                                              MrLoadDepth          depth,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray      *mr_repository_list_finish    (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void            mr_repository_get_async      (MrRepository        *self,
                                              gint64               id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrModelRecord  *mr_repository_get_finish     (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void            mr_repository_save_async     (MrRepository        *self,
                                              MrModelRecord       *record,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrModelRecord  *mr_repository_save_finish    (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Finishes with the deleted record, for an Undo. */
void            mr_repository_delete_async   (MrRepository        *self,
                                              gint64               id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrModelRecord  *mr_repository_delete_finish  (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void            mr_repository_restore_async  (MrRepository        *self,
                                              MrModelRecord       *record,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrModelRecord  *mr_repository_restore_finish (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void            mr_repository_import_async   (MrRepository        *self,
                                              GFile               *file,
                                              MrFileFormat         format,
                                              gboolean             skip_invalid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MrImportReport *mr_repository_import_finish  (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void            mr_repository_export_async   (MrRepository        *self,
                                              GFile               *file,
                                              MrFileFormat         format,
                                              GArray              *ids,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean        mr_repository_export_finish  (MrRepository        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Makes framework the one whose outcome is stored with every entry, and
 * re-evaluates the stored entries under it (mr_store_reevaluate_all());
 * list again afterwards.  When the re-evaluation fails, the framework in
 * force stays as it was. */
void            mr_repository_set_framework_async    (MrRepository        *self,
                                                      MrFramework         *framework,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        mr_repository_set_framework_finish   (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Reads the whole register for damage (MR_STORE_ERROR_CORRUPT), at
 * background priority: call it once the list is shown. */
void            mr_repository_check_integrity_async  (MrRepository        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        mr_repository_check_integrity_finish (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The approval workflow (mr_store_act(): the status moves, and a refusal is
 * MR_WORKFLOW_ERROR), acting as mr_identity_get_actor().  Finishes with the
 * entry as it is afterwards. */
void            mr_repository_act_async              (MrRepository          *self,
                                                      gint64                 id,
                                                      MrWorkflowAction       action,
                                                      const MrWorkflowInput *input,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
MrModelRecord  *mr_repository_act_finish             (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Sends approved entries whose review date has passed back for review
 * (mr_store_mark_overdue()); call it once the register is open, then daily,
 * and list again when *out_n_marked is not 0. */
void            mr_repository_mark_overdue_async     (MrRepository        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        mr_repository_mark_overdue_finish    (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      guint               *out_n_marked,
                                                      GError             **error);

/* The approval history (MrApprovalEvent) of one entry, or of all when
 * model_id is 0 (the Approvals page), oldest first. */
void            mr_repository_list_approvals_async   (MrRepository        *self,
                                                      gint64               model_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray      *mr_repository_list_approvals_finish  (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Audit entries (MrAuditRecord) about one model (0: all), time in
 * [since, until] (0: unbounded). */
void            mr_repository_list_audit_async       (MrRepository        *self,
                                                      gint64               model_id,
                                                      gint64               since,
                                                      gint64               until,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray      *mr_repository_list_audit_finish      (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Recomputes the audit chain at background priority; on
 * MR_STORE_ERROR_CORRUPT *out_first_bad_seq is the first bad entry. */
void            mr_repository_verify_audit_async     (MrRepository        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        mr_repository_verify_audit_finish    (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      guint               *out_n_entries,
                                                      gint64              *out_first_bad_seq,
                                                      GError             **error);

/* Refreshes models from Hugging Face and Ollama (mr-refresh-job.h) on the
 * worker thread, the network on a thread of its own; ids NULL for every
 * model with such a source.  hub_endpoint NULL: $HF_ENDPOINT or
 * huggingface.co; hub_token NULL: anonymous; ollama_url NULL: $OLLAMA_HOST
 * or Ollama's default address.  job reports the progress and carries the cancellable; the
 * caller finishes it once the refresh has finished.  Interactive priority
 * unless the job's is background (a scheduled refresh). */
void              mr_repository_refresh_async        (MrRepository        *self,
                                                      GArray              *ids,
                                                      const char          *hub_endpoint,
                                                      const char          *hub_token,
                                                      const char          *ollama_url,
                                                      MrJob               *job,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MrRefreshSummary *mr_repository_refresh_finish       (MrRepository        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Stores a record filled from the Hub (mr_add_from_hub_fetch_async()) with
 * the snapshot it came from, in one transaction. */
void              mr_repository_save_with_snapshot_async  (MrRepository        *self,
                                                           MrModelRecord       *record,
                                                           MrSnapshot          *snapshot,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MrModelRecord    *mr_repository_save_with_snapshot_finish (MrRepository        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The metadata snapshots (MrSnapshot) of a model, oldest first; compare
 * neighbours with mr_snapshot_diff(). */
void              mr_repository_list_snapshots_async  (MrRepository        *self,
                                                       gint64               model_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray        *mr_repository_list_snapshots_finish (MrRepository        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Imports every model of a Hugging Face user or organisation not yet in
 * the register, in one import. */
void              mr_repository_import_hub_author_async  (MrRepository        *self,
                                                          const char          *author,
                                                          const char          *hub_endpoint,
                                                          const char          *hub_token,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          mr_repository_import_hub_author_finish (MrRepository        *self,
                                                          GAsyncResult        *result,
                                                          MrHubImportReport   *out_report,
                                                          GError             **error);

/* Writes a report (mr-report-job.h) on the worker thread; progress runs in
 * the caller's main context.  *out_n_pages (may be NULL) is set for PDF. */
void              mr_repository_report_async          (MrRepository          *self,
                                                       const MrReportRequest *request,
                                                       GFile                 *file,
                                                       MrProgressFunc         progress,
                                                       gpointer               progress_data,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean          mr_repository_report_finish         (MrRepository          *self,
                                                       GAsyncResult          *result,
                                                       guint                 *out_n_pages,
                                                       GError               **error);

/* Stores a check made elsewhere (mr_store_add_check(), acting as
 * mr_identity_get_actor()); finishes with it as stored, id set. */
void              mr_repository_add_check_async       (MrRepository         *self,
                                                       const MrCheckRecord  *check,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MrCheckRecord    *mr_repository_add_check_finish      (MrRepository         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* The checks (MrCheckRecord) of a model, newest first. */
void              mr_repository_list_checks_async     (MrRepository         *self,
                                                       gint64                model_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray        *mr_repository_list_checks_finish    (MrRepository         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* The facts the policy needs beyond the record (mr_store_get_policy_inputs()),
 * for evaluating it as the store does. */
void              mr_repository_get_policy_inputs_async  (MrRepository         *self,
                                                          gint64                model_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          mr_repository_get_policy_inputs_finish (MrRepository         *self,
                                                          GAsyncResult         *result,
                                                          MrPolicyInputs       *out_inputs,
                                                          GError              **error);
/* Verifies the weights of a local-file entry (mr-verify.h) and stores the
 * outcome as its check: "passed", or "failed" on a blocking finding.
 * progress (may be NULL) gets the fraction hashed, on the caller's main
 * context.  A check that cannot run (no such file, not weights) is stored
 * as an "error" check and finishes with its error; a cancelled one is not
 * stored; an entry that is not a local file is MR_VALIDATION_ERROR
 * (mr_check_weights_path()).  Finishes with the stored check. */
void              mr_repository_verify_model_async    (MrRepository         *self,
                                                       MrModelRecord        *record,
                                                       MrProgressFunc        progress,
                                                       gpointer              progress_data,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MrCheckRecord    *mr_repository_verify_model_finish   (MrRepository         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* The same for the inference check (mr-check-runner.h): "failed" when the
 * two runs differ.  The helper reports no progress; without a runtime the
 * error is MR_CHECK_ERROR_NO_RUNTIME (ask mr_check_runner_has_runtime()
 * before offering it). */
void              mr_repository_run_check_async       (MrRepository         *self,
                                                       MrModelRecord        *record,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MrCheckRecord    *mr_repository_run_check_finish      (MrRepository         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
