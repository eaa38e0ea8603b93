/* mr-job-manager.h — the queue of long-running jobs and their indicator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Jobs wait their turn here: a few run at once, interactive ones before
 * background (scheduled) ones, in order of submission within a priority.
 * The manager is a GListModel of the jobs queued or running (MrJob), and
 * "busy" is TRUE while it holds any: what the header bar's indicator binds
 * to.  Use from one thread (the main thread).
 */
#pragma once

#include <gio/gio.h>

#include "mr-job.h"

G_BEGIN_DECLS

#define MR_JOB_MANAGER_DEFAULT_MAX_RUNNING 1

/* Starts the work of job; whatever runs it calls mr_job_finish (job) at the
 * end, from any thread, also when it was cancelled. */
typedef void (*MrJobStartFunc) (MrJob    *job,
                                gpointer  user_data);

#define MR_TYPE_JOB_MANAGER (mr_job_manager_get_type ())
G_DECLARE_FINAL_TYPE (MrJobManager, mr_job_manager, MR, JOB_MANAGER, GObject)

MrJobManager *mr_job_manager_new              (guint           max_running);
gboolean      mr_job_manager_get_busy         (MrJobManager   *self);

/* Queues job; start (job, user_data) runs on this thread when its turn
 * comes, then destroy (user_data).  A job cancelled before its turn never
 * starts: it finishes at once. */
void          mr_job_manager_submit           (MrJobManager   *self,
                                               MrJob          *job,
                                               MrJobStartFunc  start,
                                               gpointer        user_data,
                                               GDestroyNotify  destroy);
/* Cancels every job and iterates this thread's context until the running
 * ones have finished, so quitting leaves nothing half done.  Jobs submitted
 * afterwards finish at once, cancelled. */
void          mr_job_manager_shutdown         (MrJobManager   *self);

G_END_DECLS
