/* mr-history-group.h — the detail pane's "History" group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit entries about one model, newest first: what was done, by whom,
 * when, and the comment or reason recorded with it.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_HISTORY_GROUP (mr_history_group_get_type ())
G_DECLARE_FINAL_TYPE (MrHistoryGroup, mr_history_group, MR, HISTORY_GROUP, AdwPreferencesGroup)

GtkWidget *mr_history_group_new       (void);
/* Lists the audit entries of model_id (0: none) from repository; a load
 * still running is cancelled. */
void       mr_history_group_set_model (MrHistoryGroup *self,
                                       MrRepository   *repository,
                                       gint64          model_id);
/* TRUE while the entries load. */
gboolean   mr_history_group_get_loading (MrHistoryGroup *self);

G_END_DECLS
