/* mr-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-job"

#include "config.h"

#include "mr-job.h"

#define MIN_NOTIFY_INTERVAL_US (G_USEC_PER_SEC / MR_JOB_MAX_NOTIFY_PER_S)

struct _MrJob
{
  GObject       parent_instance;

  char         *title;
  MrPriority    priority;
  GCancellable *cancellable;
  GMainContext *context;

  /* The owning context's view. */
  double        progress;
  gboolean      finished;

  /* Shared with the threads that report. */
  GMutex        lock;
  double        reported;          /* the latest value reported */
  gboolean      delivery_pending;  /* a source will deliver reported */
  gboolean      finish_requested;
  gint64        last_delivery;     /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (MrJob, mr_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PROGRESS,
  PROP_FINISHED,
  N_PROPS
};

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mr_job_finalize (GObject *object)
{
  MrJob *self = MR_JOB (object);

  g_free (self->title);
  g_object_unref (self->cancellable);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mr_job_parent_class)->finalize (object);
}

static void
mr_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  MrJob *self = MR_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_job_class_init (MrJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_job_finalize;
  object_class->get_property = mr_job_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mr_job_init (MrJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

MrJob *
mr_job_new (const char *title,
            MrPriority  priority)
{
  MrJob *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (MR_TYPE_JOB, NULL);
  self->title = g_strdup (title);
  self->priority = priority;
  return self;
}

const char *
mr_job_get_title (MrJob *self)
{
  g_return_val_if_fail (MR_IS_JOB (self), NULL);

  return self->title;
}

MrPriority
mr_job_get_priority (MrJob *self)
{
  g_return_val_if_fail (MR_IS_JOB (self), MR_PRIORITY_BACKGROUND);

  return self->priority;
}

GCancellable *
mr_job_get_cancellable (MrJob *self)
{
  g_return_val_if_fail (MR_IS_JOB (self), NULL);

  return self->cancellable;
}

double
mr_job_get_progress (MrJob *self)
{
  g_return_val_if_fail (MR_IS_JOB (self), 0.0);

  return self->progress;
}

gboolean
mr_job_get_finished (MrJob *self)
{
  g_return_val_if_fail (MR_IS_JOB (self), FALSE);

  return self->finished;
}

/* Runs on the job's context. */
static gboolean
deliver (gpointer data)
{
  MrJob *self = data;
  gboolean finish;
  double progress;

  g_mutex_lock (&self->lock);
  progress = self->reported;
  finish = self->finish_requested && !self->finished;
  self->delivery_pending = FALSE;
  self->last_delivery = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  if (progress != self->progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (finish)
    {
      self->finished = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* Called with the lock held; delay_us 0 delivers at the next iteration. */
static void
schedule_delivery (MrJob  *self,
                   gint64  delay_us)
{
  g_autoptr(GSource) source = NULL;

  self->delivery_pending = TRUE;
  source = delay_us > 0 ? g_timeout_source_new (delay_us / 1000 + 1) : g_idle_source_new ();
  g_source_set_callback (source, deliver, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[mr-job] deliver");
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, self->context);
}

void
mr_job_set_progress (MrJob  *self,
                     double  fraction)
{
  gint64 due;

  g_return_if_fail (MR_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->reported = CLAMP (fraction, 0.0, 1.0);
  /* One pending delivery carries whatever was reported last, so a job
   * reporting after every one of 100,000 rows costs the UI four updates
   * a second. */
  if (!self->delivery_pending)
    {
      due = self->last_delivery + MIN_NOTIFY_INTERVAL_US;
      schedule_delivery (self, MAX (due - g_get_monotonic_time (), 0));
    }
  g_mutex_unlock (&self->lock);
}

void
mr_job_finish (MrJob *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (MR_IS_JOB (self));

  g_mutex_lock (&self->lock);
  g_warn_if_fail (!self->finish_requested);
  self->finish_requested = TRUE;
  g_mutex_unlock (&self->lock);

  /* Not throttled: the end must show at once.  A throttled delivery still
   * pending finds the job finished and only refreshes the progress. */
  source = g_idle_source_new ();
  g_source_set_callback (source, deliver, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[mr-job] finish");
  /* An idle would wait behind the UI's redraws while a spinner turns. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, self->context);
}

void
mr_job_cancel (MrJob *self)
{
  g_return_if_fail (MR_IS_JOB (self));

  g_cancellable_cancel (self->cancellable);
}
