/* mr-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-worker"

#include "config.h"

#include "mr-worker.h"

#define N_PRIORITIES (MR_PRIORITY_BACKGROUND + 1)

typedef struct {
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

struct _MrWorker
{
  GObject       parent_instance;

  GThread      *thread;
  GMainContext *context;

  GMutex        lock;
  GQueue        pending[N_PRIORITIES];  /* Job*, guarded by lock */
  gboolean      stopping;               /* guarded by lock */

  /* release is set by shutdown before it attaches the stop source (which
   * synchronises through the context's lock); running is the worker
   * thread's own. */
  gboolean       running;
  GDestroyNotify release;
  gpointer       release_data;
};

G_DEFINE_FINAL_TYPE (MrWorker, mr_worker, G_TYPE_OBJECT)

static gboolean
drop_task_ref (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The worker's reference to a task must not be the last one dropped on the
 * worker thread: finalising the task releases its source object, and the
 * last reference to, say, the repository would then shut the worker down
 * from inside itself.  So the reference goes back to the caller's context. */
static void
job_free (Job *job)
{
  g_main_context_invoke_full (g_task_get_context (job->task), G_PRIORITY_DEFAULT,
                              drop_task_ref, job->task, g_object_unref);
  g_free (job);
}

static Job *
pop_next_job (MrWorker *self)
{
  Job *job = NULL;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < N_PRIORITIES && job == NULL; i++)
    job = g_queue_pop_head (&self->pending[i]);
  g_mutex_unlock (&self->lock);
  return job;
}

/* One source is attached per queued job; each runs whichever job is most
 * urgent at that moment, which is what makes the order follow priority
 * rather than arrival. */
static gboolean
run_next_job (gpointer data)
{
  MrWorker *self = data;
  Job *job = pop_next_job (self);

  if (job == NULL)
    return G_SOURCE_REMOVE;
  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, g_task_get_source_object (job->task),
               g_task_get_task_data (job->task), g_task_get_cancellable (job->task));
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gboolean
stop (gpointer data)
{
  MrWorker *self = data;

  if (self->release != NULL)
    self->release (self->release_data);
  self->running = FALSE;
  return G_SOURCE_REMOVE;
}

static gpointer
thread_main (gpointer data)
{
  MrWorker *self = data;

  g_main_context_push_thread_default (self->context);
  while (self->running)
    g_main_context_iteration (self->context, TRUE);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
attach (MrWorker    *self,
        GSourceFunc  func)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[mr-worker]");
  g_source_attach (source, self->context);
}

void
mr_worker_queue (MrWorker        *self,
                 MrPriority       priority,
                 GTaskThreadFunc  func,
                 GTask           *task)
{
  Job *job;
  gboolean stopping;

  g_return_if_fail (MR_IS_WORKER (self));
  g_return_if_fail (priority < N_PRIORITIES);
  g_return_if_fail (func != NULL);
  g_return_if_fail (G_IS_TASK (task));

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  if (!stopping)
    {
      job = g_new0 (Job, 1);
      job->task = g_object_ref (task);
      job->func = func;
      g_queue_push_tail (&self->pending[priority], job);
    }
  g_mutex_unlock (&self->lock);

  if (stopping)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The register is closing");
  else
    attach (self, run_next_job);
}

static void
cancel_job (gpointer data)
{
  Job *job = data;

  g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "The register was closed before this job ran");
  job_free (job);
}

void
mr_worker_shutdown (MrWorker       *self,
                    GDestroyNotify  release,
                    gpointer        data)
{
  GQueue cancelled[N_PRIORITIES];

  g_return_if_fail (MR_IS_WORKER (self));
  g_return_if_fail (!mr_worker_is_current (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  for (guint i = 0; i < N_PRIORITIES; i++)
    {
      cancelled[i] = self->pending[i];
      g_queue_init (&self->pending[i]);
    }
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < N_PRIORITIES; i++)
    g_queue_clear_full (&cancelled[i], cancel_job);

  self->release = release;
  self->release_data = data;
  attach (self, stop);
  g_thread_join (g_steal_pointer (&self->thread));
}

gboolean
mr_worker_is_current (MrWorker *self)
{
  g_return_val_if_fail (MR_IS_WORKER (self), FALSE);

  return g_main_context_is_owner (self->context);
}

static void
mr_worker_finalize (GObject *object)
{
  MrWorker *self = MR_WORKER (object);

  mr_worker_shutdown (self, NULL, NULL);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mr_worker_parent_class)->finalize (object);
}

static void
mr_worker_class_init (MrWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_worker_finalize;
}

static void
mr_worker_init (MrWorker *self)
{
  g_mutex_init (&self->lock);
  for (guint i = 0; i < N_PRIORITIES; i++)
    g_queue_init (&self->pending[i]);
  self->context = g_main_context_new ();
  self->running = TRUE;
}

MrWorker *
mr_worker_new (const char *name)
{
  MrWorker *self = g_object_new (MR_TYPE_WORKER, NULL);

  self->thread = g_thread_new (name, thread_main, self);
  return self;
}
