/* mr-worker.h — one background thread running queued jobs by priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker owns a thread with its own GMainContext.  Jobs are GTasks
 * created by the caller on its own context: the worker runs each job's
 * function on its thread, interactive jobs before background ones and in
 * order of queueing within a priority, and the task delivers the result
 * back on the caller's context.  Whatever a job touches that is not
 * immutable belongs to the worker thread (the store, above all).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MR_PRIORITY_INTERACTIVE, /* the user is waiting: goes first */
  MR_PRIORITY_BACKGROUND,
} MrPriority;

#define MR_TYPE_WORKER (mr_worker_get_type ())
G_DECLARE_FINAL_TYPE (MrWorker, mr_worker, MR, WORKER, GObject)

/* name is the thread's name, as debuggers show it. */
MrWorker *mr_worker_new       (const char      *name);

/* Runs func (task, source object, task data, cancellable) on the worker
 * thread; func must return a result on task.  A job whose cancellable is
 * cancelled before it starts returns G_IO_ERROR_CANCELLED without running. */
void      mr_worker_queue     (MrWorker        *self,
                               MrPriority       priority,
                               GTaskThreadFunc  func,
                               GTask           *task);

/* Cancels the jobs not yet started (they return G_IO_ERROR_CANCELLED), waits
 * for the running one, calls release (data) on the worker thread so that it
 * can let go of what only that thread may touch, and joins the thread.
 * Called once, not from the worker thread. */
void      mr_worker_shutdown  (MrWorker        *self,
                               GDestroyNotify   release,
                               gpointer         data);

gboolean  mr_worker_is_current (MrWorker       *self);

G_END_DECLS
