/* mr-ai-model.h — one register entry as the UI binds to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main-thread GObject around an immutable MrModelRecord.  Its read-only
 * properties are what list cells, sorters and the detail pane bind to; when
 * the entry is saved again, mr_ai_model_set_record() swaps the record and
 * notifies only the properties whose value changed.
 */
#pragma once

#include <glib-object.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

#define MR_TYPE_AI_MODEL (mr_ai_model_get_type ())
G_DECLARE_FINAL_TYPE (MrAiModel, mr_ai_model, MR, AI_MODEL, GObject)

MrAiModel     *mr_ai_model_new        (MrModelRecord *record);
/* Never NULL; borrowed. */
MrModelRecord *mr_ai_model_get_record (MrAiModel     *self);
void           mr_ai_model_set_record (MrAiModel     *self,
                                       MrModelRecord *record);
gint64         mr_ai_model_get_id     (MrAiModel     *self);

G_END_DECLS
