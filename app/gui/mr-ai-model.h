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

/* What the register's filter compares, copied out of the record. */
typedef struct {
  const char *search_text;  /* the record's, see mr_model_record_get_search_text() */
  MrStatus    status;
  MrOpenness  openness;
  guint       n_flags;
} MrAiModelKey;

MrAiModel     *mr_ai_model_new        (MrModelRecord *record);
/* Never NULL; borrowed. */
MrModelRecord *mr_ai_model_get_record (MrAiModel     *self);
void           mr_ai_model_set_record (MrAiModel     *self,
                                       MrModelRecord *record);
gint64         mr_ai_model_get_id     (MrAiModel     *self);

/* For filtering every entry on each keystroke: read from the object itself
 * rather than from its record, which lies far from the next one in memory.
 * Taken from the record on first use; no allocation after that. */
const MrAiModelKey *mr_ai_model_get_key       (MrAiModel *self);
/* mr_display_risk_tier() of the record, computed on first use. */
int                 mr_ai_model_get_risk_tier (MrAiModel *self);

G_END_DECLS
