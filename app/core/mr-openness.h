/* mr-openness.h — a model entry's openness level, derived from its evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ladder (DESIGN.md §2, after OSAID 1.0):
 *   closed                   no downloadable weights (vendor API only);
 *   open weights, restricted weights downloadable, but gated, or under a
 *                            licence that is unknown, not open, or restricts
 *                            use (non-commercial, acceptable-use policy,
 *                            user threshold, field of use);
 *   open weights             weights under an open licence, no such
 *                            restriction;
 *   open source AI           plus training and inference code under
 *                            OSI-approved licences and a data card;
 *   open science             plus open datasets, OSI-licensed preprocessing
 *                            code and open intermediate checkpoints.
 * Licences are normalised through the catalogue first ("Apache 2.0" counts
 * as Apache-2.0 here, unlike in the MOF classification).  Unknown when
 * nothing says whether weights are available.
 */
#pragma once

#include "mr-license-catalog.h"
#include "mr-model-record.h"

G_BEGIN_DECLS

/* What the evidence lacks for a level; several can be missing at once. */
typedef enum {
  MR_OPENNESS_NEED_NONE                    = 0,
  MR_OPENNESS_NEED_WEIGHTS                 = 1 << 0,
  MR_OPENNESS_NEED_UNGATED_WEIGHTS         = 1 << 1,
  MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE    = 1 << 2,
  MR_OPENNESS_NEED_TRAINING_CODE           = 1 << 3,
  MR_OPENNESS_NEED_INFERENCE_CODE          = 1 << 4,
  MR_OPENNESS_NEED_DATA_CARD               = 1 << 5,
  MR_OPENNESS_NEED_DATASETS                = 1 << 6,
  MR_OPENNESS_NEED_PREPROCESSING_CODE      = 1 << 7,
  MR_OPENNESS_NEED_INTERMEDIATE_PARAMETERS = 1 << 8,
} MrOpennessNeeds;

typedef struct {
  MrOpenness       level;
  /* What reaching each level would still need, by MrOpenness value. */
  MrOpennessNeeds  missing_for[MR_OPENNESS_OPEN_SCIENCE + 1];
  gboolean         vendor_api;       /* the model is reached through a vendor's API */
  gboolean         gated;
  /* The final parameters' licence: as stated (borrowed from the record)
   * and as recognised by the catalogue (NULL when not recognised). */
  const char      *weights_license_text;
  const MrLicense *weights_license;
  /* Some of the evidence the level rests on is not yet reviewed. */
  gboolean         provisional;
} MrOpennessAssessment;

/* Pure; no allocation.  @gated: downloading the weights needs the
 * provider's approval (a gated Hugging Face repository). */
void        mr_openness_assess             (const MrModelRecord        *record,
                                            gboolean                    gated,
                                            MrOpennessAssessment       *assessment);

/* The next level up, or @level itself at the top (unknown and closed both
 * lead to "open weights, restricted"). */
MrOpenness  mr_openness_next_level         (MrOpenness                  level);
/* Translated ("Open source AI"). */
const char *mr_openness_get_title          (MrOpenness                  level);
/* Translated, comma-separated ("OSI-licensed training code, data card"). */
char       *mr_openness_needs_to_string    (MrOpennessNeeds             needs);
/* One translated line: the level, why, and what the next level needs. */
char       *mr_openness_assessment_explain (const MrOpennessAssessment *assessment);

G_END_DECLS
