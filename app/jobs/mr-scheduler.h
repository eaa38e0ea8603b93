/* mr-scheduler.h — when the scheduled refresh is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Emits ::due once the interval has passed since the last refresh, and
 * again every interval after that until told of a new last run.  The
 * interval comes from the caller (the GUI reads it from GSettings and
 * passes changes on); 0 turns scheduling off.  Times are wall-clock Unix
 * seconds, so a refresh that fell due while the app was closed is due as
 * soon as it starts.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MR_TYPE_SCHEDULER (mr_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (MrScheduler, mr_scheduler, MR, SCHEDULER, GObject)

/* last_run: Unix time of the last refresh, 0 for never. */
MrScheduler *mr_scheduler_new          (guint        interval_seconds,
                                        gint64       last_run);
void         mr_scheduler_set_interval (MrScheduler *self,
                                        guint        interval_seconds);
guint        mr_scheduler_get_interval (MrScheduler *self);
/* Call when a refresh (scheduled or not) completed. */
void         mr_scheduler_set_last_run (MrScheduler *self,
                                        gint64       last_run);
gint64       mr_scheduler_get_last_run (MrScheduler *self);
/* Unix time the next ::due is emitted; 0 when scheduling is off. */
gint64       mr_scheduler_get_next_run (MrScheduler *self);

G_END_DECLS
