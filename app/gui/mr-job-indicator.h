/* mr-job-indicator.h — the header bar's running-jobs button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown, spinning, while the job manager is busy; its popover lists the
 * queued and running jobs with their progress and a cancel button each.
 */
#pragma once

#include <adwaita.h>

#include "mr-job-manager.h"

G_BEGIN_DECLS

#define MR_TYPE_JOB_INDICATOR (mr_job_indicator_get_type ())
G_DECLARE_FINAL_TYPE (MrJobIndicator, mr_job_indicator, MR, JOB_INDICATOR, AdwBin)

GtkWidget    *mr_job_indicator_new         (void);
/* manager: NULL hides the indicator. */
void          mr_job_indicator_set_manager (MrJobIndicator *self,
                                            MrJobManager   *manager);
MrJobManager *mr_job_indicator_get_manager (MrJobIndicator *self);

G_END_DECLS
