/* mr-job-actions.h — the window's actions that run as background jobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds to the window's action map: win.refresh-selected, win.refresh-all,
 * win.add-from-hub, win.add-from-ollama and win.import-hub-author.  Each
 * runs through the job manager, so the header bar's indicator shows it,
 * and reports in toasts (details in a dialog) when it ends.  The sources'
 * addresses come from the hub-endpoint and ollama-endpoint settings,
 * overridden by $HF_ENDPOINT and $OLLAMA_HOST; the Hub token from
 * $HF_TOKEN or the keyring (mr-hub-token.h).
 */
#pragma once

#include "mr-job-manager.h"
#include "mr-window.h"

G_BEGIN_DECLS

#define MR_TYPE_JOB_ACTIONS (mr_job_actions_get_type ())
G_DECLARE_FINAL_TYPE (MrJobActions, mr_job_actions, MR, JOB_ACTIONS, GObject)

/* window owns the result; the actions stay disabled until both a
 * repository and a job manager are set. */
MrJobActions *mr_job_actions_new            (MrWindow     *window);
void          mr_job_actions_set_repository (MrJobActions *self,
                                             MrRepository *repository);
void          mr_job_actions_set_manager    (MrJobActions *self,
                                             MrJobManager *manager);

/* Refreshes every model with a Hub or Ollama source; the scheduled
 * refresh uses MR_PRIORITY_BACKGROUND and reports only what needs the
 * user (failures, approvals withdrawn).  A refresh of every model that
 * completes is remembered in the last-refresh setting. */
void          mr_job_actions_refresh_all    (MrJobActions *self,
                                             MrPriority    priority);

G_END_DECLS
