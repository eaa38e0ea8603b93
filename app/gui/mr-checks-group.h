/* mr-checks-group.h — the detail pane's verification and inference checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The latest verification of the weights files and the latest inference
 * check of the model (status and what they found), the history of every
 * check in an expander, and buttons that run either one with a progress
 * bar and Cancel.  The buttons are insensitive, with the reason shown,
 * when the entry is not a local file or no local runtime is installed.
 * A finished check is stored by the repository and the model's record is
 * read again, since its policy flags may follow the check's outcome.
 */
#pragma once

#include <adwaita.h>

#include "mr-ai-model.h"
#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_CHECKS_GROUP (mr_checks_group_get_type ())
G_DECLARE_FINAL_TYPE (MrChecksGroup, mr_checks_group, MR, CHECKS_GROUP, AdwPreferencesGroup)

/* Both are also properties ("repository", "model"), for binding in .ui
 * files; NULL clears the group. */
void      mr_checks_group_set_repository (MrChecksGroup *self,
                                          MrRepository  *repository);
void      mr_checks_group_set_model      (MrChecksGroup *self,
                                          MrAiModel     *model);
/* The checks listed in the history; 0 until listed ("n-checks"). */
guint     mr_checks_group_get_n_checks   (MrChecksGroup *self);
/* TRUE while a check runs ("running"). */
gboolean  mr_checks_group_get_running    (MrChecksGroup *self);

G_END_DECLS
