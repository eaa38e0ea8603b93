/* mr-refresh-job.h — refreshing stored models from their sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each model whose source is a Hugging Face repository or an Ollama
 * tag, fetches what the source says now (several models in flight over
 * one HTTP client), maps it onto the stored record as provisional evidence
 * (verified components are kept) and stores the record with its metadata
 * snapshot in one transaction.  Any failure for a model stores nothing for
 * it and is reported, naming the model; the others go on.  An approved
 * model whose snapshot shows a change an approval does not cover (licence,
 * gating added or removed, weights removed, new commit) is sent back for
 * re-review, the changes written to the audit trail.
 *
 * The store is used on the thread whose thread-default main context was
 * current at mr_refresh_job_run_async(), which must be the store's thread:
 * the main thread in the CLI, the repository's worker thread in the app
 * (mr_repository_refresh_async()).  The requests, and the parsing of the
 * answers, run on a thread the job starts for them and keeps until it is
 * finalised, so that storing one model overlaps fetching the next.
 */
#pragma once

#include <gio/gio.h>

#include "mr-hub-client.h"
#include "mr-hub-evidence.h"
#include "mr-job.h"
#include "mr-ollama-client.h"
#include "mr-snapshot.h"
#include "mr-store.h"

G_BEGIN_DECLS

#define MR_REFRESH_JOB_DEFAULT_IN_FLIGHT 8

typedef enum {
  MR_REFRESH_REFRESHED,   /* stored with a new snapshot */
  MR_REFRESH_UNCHANGED,   /* the source says what it said last time */
  MR_REFRESH_FAILED,
} MrRefreshOutcome;

/* What happened to one model. */
typedef struct {
  gint64            model_id;
  char             *label;         /* "12 (org/name)" for messages */
  MrRefreshOutcome  outcome;
  GError           *error;         /* FAILED only; names the model */
  GPtrArray        *changes;       /* MrSnapshotChange since the last snapshot */
  gboolean          rereview;      /* the approval was withdrawn for re-review */
} MrRefreshItem;

typedef struct {
  guint      n_refreshed;
  guint      n_unchanged;
  guint      n_failed;
  guint      in_flight;            /* the concurrency used */
  GPtrArray *items;                /* MrRefreshItem, in id order */
} MrRefreshSummary;

void              mr_refresh_summary_free   (MrRefreshSummary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrRefreshSummary, mr_refresh_summary_free)

/* The snapshot a Hub answer and its mapping make (sealed). */
MrSnapshot       *mr_refresh_snapshot_from_hub    (const MrHubSnapshot *hub,
                                                   const MrHubEvidence *evidence,
                                                   gint64               fetched_at);
/* The snapshot of an Ollama model: show answer, and its /api/tags item
 * (for the digest and size) or NULL. */
MrSnapshot       *mr_refresh_snapshot_from_ollama (const MrOllamaModel *shown,
                                                   const MrOllamaModel *tag,
                                                   gint64               fetched_at);

#define MR_TYPE_REFRESH_JOB (mr_refresh_job_get_type ())
G_DECLARE_FINAL_TYPE (MrRefreshJob, mr_refresh_job, MR, REFRESH_JOB, GObject)

/* hub and ollama share one MrHttpClient when both are given; either may
 * be NULL, and models of that source then fail with a message saying so.
 * During a run they are used on the job's network thread: use them nowhere
 * else until it has finished.  actor: who the audit trail names. */
MrRefreshJob     *mr_refresh_job_new             (MrStore        *store,
                                                  MrHubClient    *hub,
                                                  MrOllamaClient *ollama,
                                                  const char     *actor);
void              mr_refresh_job_set_in_flight   (MrRefreshJob   *self,
                                                  guint           in_flight);

/* ids: the models to refresh, or NULL for every model with a Hub or Ollama
 * source.  job: reports progress and carries the cancellable; may be NULL.
 * Cancelling stops starting models and abandons those in flight; models
 * already stored stay stored, each whole.  Finishes with the summary, or
 * G_IO_ERROR_CANCELLED, or an error listing the register. */
void              mr_refresh_job_run_async       (MrRefreshJob        *self,
                                                  GArray              *ids,
                                                  MrJob               *job,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MrRefreshSummary *mr_refresh_job_run_finish      (MrRefreshJob        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
