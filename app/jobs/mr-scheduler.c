/* mr-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-scheduler"

#include "config.h"

#include "mr-scheduler.h"

struct _MrScheduler
{
  GObject  parent_instance;

  guint    interval;
  gint64   last_run;
  gint64   next_run;
  GSource *timeout;
};

G_DEFINE_FINAL_TYPE (MrScheduler, mr_scheduler, G_TYPE_OBJECT)

enum {
  SIGNAL_DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm (MrScheduler *self);

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
disarm (MrScheduler *self)
{
  if (self->timeout != NULL)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }
}

static gboolean
on_timeout (gpointer data)
{
  MrScheduler *self = data;

  g_clear_pointer (&self->timeout, g_source_unref);
  /* Due again one interval from now unless a refresh reports in: a refresh
   * that failed to start must not fire in a tight loop. */
  self->next_run = now_seconds () + self->interval;
  arm (self);
  g_signal_emit (self, signals[SIGNAL_DUE], 0);
  return G_SOURCE_REMOVE;
}

static void
arm (MrScheduler *self)
{
  gint64 delay;

  disarm (self);
  if (self->interval == 0)
    return;
  delay = MAX (self->next_run - now_seconds (), 0);
  /* A timeout of seconds lets GLib batch the wake-up with others. */
  self->timeout = g_timeout_source_new_seconds (MIN (delay, G_MAXUINT));
  g_source_set_callback (self->timeout, on_timeout, self, NULL);
  g_source_set_static_name (self->timeout, "[mr-scheduler]");
  g_source_attach (self->timeout, g_main_context_get_thread_default ());
}

static void
reschedule (MrScheduler *self)
{
  self->next_run = self->interval == 0 ? 0 : self->last_run + self->interval;
  arm (self);
}

static void
mr_scheduler_dispose (GObject *object)
{
  disarm (MR_SCHEDULER (object));

  G_OBJECT_CLASS (mr_scheduler_parent_class)->dispose (object);
}

static void
mr_scheduler_class_init (MrSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mr_scheduler_dispose;

  signals[SIGNAL_DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mr_scheduler_init (MrScheduler *self)
{
}

MrScheduler *
mr_scheduler_new (guint  interval_seconds,
                  gint64 last_run)
{
  MrScheduler *self = g_object_new (MR_TYPE_SCHEDULER, NULL);

  self->interval = interval_seconds;
  self->last_run = last_run;
  reschedule (self);
  return self;
}

void
mr_scheduler_set_interval (MrScheduler *self,
                           guint        interval_seconds)
{
  g_return_if_fail (MR_IS_SCHEDULER (self));

  self->interval = interval_seconds;
  reschedule (self);
}

guint
mr_scheduler_get_interval (MrScheduler *self)
{
  g_return_val_if_fail (MR_IS_SCHEDULER (self), 0);

  return self->interval;
}

void
mr_scheduler_set_last_run (MrScheduler *self,
                           gint64       last_run)
{
  g_return_if_fail (MR_IS_SCHEDULER (self));

  self->last_run = last_run;
  reschedule (self);
}

gint64
mr_scheduler_get_last_run (MrScheduler *self)
{
  g_return_val_if_fail (MR_IS_SCHEDULER (self), 0);

  return self->last_run;
}

gint64
mr_scheduler_get_next_run (MrScheduler *self)
{
  g_return_val_if_fail (MR_IS_SCHEDULER (self), 0);

  return self->next_run;
}
