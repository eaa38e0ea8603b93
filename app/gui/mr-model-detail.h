/* mr-model-detail.h — the detail pane of the selected register entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mr-ai-model.h"
#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_MODEL_DETAIL (mr_model_detail_get_type ())
G_DECLARE_FINAL_TYPE (MrModelDetail, mr_model_detail, MR, MODEL_DETAIL, AdwBin)

GtkWidget *mr_model_detail_new            (void);
void       mr_model_detail_set_repository (MrModelDetail *self,
                                           MrRepository  *repository);
MrAiModel *mr_model_detail_get_model      (MrModelDetail *self);
/* Shows model at once from its summary, then loads the full record (the
 * 17 components); a previous load still running is cancelled. */
void       mr_model_detail_set_model      (MrModelDetail *self,
                                           MrAiModel     *model);
/* The framework the policy group evaluates under; the shipped one until set. */
void       mr_model_detail_set_framework  (MrModelDetail *self,
                                           MrFramework   *framework);
/* The full record once loaded, else NULL: editing needs all components. */
MrModelRecord *mr_model_detail_get_full_record (MrModelDetail *self);

G_END_DECLS
