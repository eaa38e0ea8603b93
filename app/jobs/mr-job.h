/* mr-job.h — one long-running operation, as the user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job has a title, a priority, a progress in [0, 1] and a cancellable.
 * Whoever does the work may report progress and finish the job from any
 * thread; the job's properties change, and its signals are emitted, only on
 * the main context that was thread-default when it was created (the GTK
 * main thread), so the UI can bind to them.  Progress notifications are
 * throttled to MR_JOB_MAX_NOTIFY_PER_S, however often the work reports.
 */
#pragma once

#include <gio/gio.h>

#include "mr-worker.h"

G_BEGIN_DECLS

#define MR_JOB_MAX_NOTIFY_PER_S 4

#define MR_TYPE_JOB (mr_job_get_type ())
G_DECLARE_FINAL_TYPE (MrJob, mr_job, MR, JOB, GObject)

/* priority: MR_PRIORITY_INTERACTIVE when the user asked for it and waits,
 * MR_PRIORITY_BACKGROUND for scheduled work. */
MrJob        *mr_job_new             (const char *title,
                                      MrPriority  priority);
const char   *mr_job_get_title       (MrJob      *self);
MrPriority    mr_job_get_priority    (MrJob      *self);
GCancellable *mr_job_get_cancellable (MrJob      *self);
/* As last notified on the job's context. */
double        mr_job_get_progress    (MrJob      *self);
gboolean      mr_job_get_finished    (MrJob      *self);

/* Any thread.  fraction is clamped to [0, 1]. */
void          mr_job_set_progress    (MrJob      *self,
                                      double      fraction);
/* Any thread; once.  Delivers the last progress, sets "finished" and emits
 * ::finished on the job's context. */
void          mr_job_finish          (MrJob      *self);
void          mr_job_cancel          (MrJob      *self);

G_END_DECLS
