/* mr-snapshots-group.h — the detail pane's history of source snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per metadata snapshot of the model (newest first: when
 * it was taken, from where, at which commit), opening on what changed at
 * the source since the snapshot before it, in plain language.  Shown only
 * for models with a Hugging Face or Ollama source.
 */
#pragma once

#include <adwaita.h>

#include "mr-ai-model.h"
#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_SNAPSHOTS_GROUP (mr_snapshots_group_get_type ())
G_DECLARE_FINAL_TYPE (MrSnapshotsGroup, mr_snapshots_group, MR, SNAPSHOTS_GROUP, AdwPreferencesGroup)

void  mr_snapshots_group_set_repository (MrSnapshotsGroup *self,
                                         MrRepository     *repository);
/* Lists model's snapshots, and again whenever its record changes (a
 * refresh stores a new one); NULL clears the group. */
void  mr_snapshots_group_set_model      (MrSnapshotsGroup *self,
                                         MrAiModel        *model);
/* The snapshots shown; 0 until listed. */
guint mr_snapshots_group_get_n_snapshots (MrSnapshotsGroup *self);

G_END_DECLS
