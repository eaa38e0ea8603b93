/* mr-openness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-openness"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-mof.h"
#include "mr-openness.h"

static const char * const level_titles[] = {
  [MR_OPENNESS_UNKNOWN] = N_("Openness unknown"),
  [MR_OPENNESS_CLOSED] = N_("Closed"),
  [MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED] = N_("Open weights, restricted"),
  [MR_OPENNESS_OPEN_WEIGHTS] = N_("Open weights"),
  [MR_OPENNESS_OPEN_SOURCE_AI] = N_("Open source AI"),
  [MR_OPENNESS_OPEN_SCIENCE] = N_("Open science"),
};

static const struct {
  MrOpennessNeeds  need;
  const char      *title;
} need_titles[] = {
  { MR_OPENNESS_NEED_WEIGHTS, N_("downloadable weights") },
  { MR_OPENNESS_NEED_UNGATED_WEIGHTS, N_("weights without gated access") },
  { MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE, N_("an open licence for the weights without use restrictions") },
  { MR_OPENNESS_NEED_TRAINING_CODE, N_("OSI-licensed training code") },
  { MR_OPENNESS_NEED_INFERENCE_CODE, N_("OSI-licensed inference code") },
  { MR_OPENNESS_NEED_DATA_CARD, N_("data card") },
  { MR_OPENNESS_NEED_DATASETS, N_("openly licensed datasets") },
  { MR_OPENNESS_NEED_PREPROCESSING_CODE, N_("OSI-licensed data preprocessing code") },
  { MR_OPENNESS_NEED_INTERMEDIATE_PARAMETERS, N_("openly licensed intermediate checkpoints") },
};

/* The components the ladder looks at; an unreviewed one among them makes
 * the level provisional. */
static const MrComponentKind ladder_components[] = {
  MR_COMPONENT_FINAL_PARAMETERS,
  MR_COMPONENT_TRAINING_CODE,
  MR_COMPONENT_INFERENCE_CODE,
  MR_COMPONENT_DATA_CARD,
  MR_COMPONENT_DATASETS,
  MR_COMPONENT_PREPROCESSING_CODE,
  MR_COMPONENT_INTERMEDIATE_PARAMETERS,
};

const char *
mr_openness_get_title (MrOpenness level)
{
  g_return_val_if_fail (level < G_N_ELEMENTS (level_titles), NULL);
  return _(level_titles[level]);
}

MrOpenness
mr_openness_next_level (MrOpenness level)
{
  if (level < MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED)
    return MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED;
  return MIN (level + 1, MR_OPENNESS_OPEN_SCIENCE);
}

char *
mr_openness_needs_to_string (MrOpennessNeeds needs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (need_titles); i++)
    {
      if ((needs & need_titles[i].need) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _(need_titles[i].title));
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_present (const MrModelRecord *record,
            MrComponentKind      kind)
{
  return record->components[kind].availability == MR_AVAILABILITY_PRESENT;
}

static const MrLicense *
component_license (const MrModelRecord *record,
                   MrComponentKind      kind)
{
  const char *text = mr_mof_resolve_license (record, kind);

  if (mr_mof_is_unlicensed (text))
    return NULL;
  return mr_license_catalog_normalize (mr_license_catalog_get_default (), text, NULL, NULL);
}

/* Open in MOT's sense and free of use restrictions. */
static gboolean
has_open_license (const MrModelRecord *record,
                  MrComponentKind      kind)
{
  const MrLicense *license;

  if (!is_present (record, kind))
    return FALSE;
  license = component_license (record, kind);
  return license != NULL && mr_license_is_open (license) &&
         !mr_license_has_use_restrictions (license);
}

static gboolean
has_osi_license (const MrModelRecord *record,
                 MrComponentKind      kind)
{
  const MrLicense *license;

  if (!is_present (record, kind))
    return FALSE;
  license = component_license (record, kind);
  return license != NULL && license->osi_approved &&
         !mr_license_has_use_restrictions (license);
}

static MrOpennessNeeds
weights_needs (const MrModelRecord  *record,
               MrOpennessAssessment *assessment)
{
  const MrLicense *license = assessment->weights_license;
  MrOpennessNeeds needs = MR_OPENNESS_NEED_NONE;

  if (!is_present (record, MR_COMPONENT_FINAL_PARAMETERS))
    return MR_OPENNESS_NEED_WEIGHTS;
  if (assessment->gated)
    needs |= MR_OPENNESS_NEED_UNGATED_WEIGHTS;
  if (license == NULL || !mr_license_is_open (license) ||
      mr_license_has_use_restrictions (license))
    needs |= MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE;
  return needs;
}

static MrOpennessNeeds
source_ai_needs (const MrModelRecord *record)
{
  MrOpennessNeeds needs = MR_OPENNESS_NEED_NONE;

  if (!has_osi_license (record, MR_COMPONENT_TRAINING_CODE))
    needs |= MR_OPENNESS_NEED_TRAINING_CODE;
  if (!has_osi_license (record, MR_COMPONENT_INFERENCE_CODE))
    needs |= MR_OPENNESS_NEED_INFERENCE_CODE;
  if (!is_present (record, MR_COMPONENT_DATA_CARD))
    needs |= MR_OPENNESS_NEED_DATA_CARD;
  return needs;
}

static MrOpennessNeeds
science_needs (const MrModelRecord *record)
{
  MrOpennessNeeds needs = MR_OPENNESS_NEED_NONE;

  if (!has_open_license (record, MR_COMPONENT_DATASETS))
    needs |= MR_OPENNESS_NEED_DATASETS;
  if (!has_osi_license (record, MR_COMPONENT_PREPROCESSING_CODE))
    needs |= MR_OPENNESS_NEED_PREPROCESSING_CODE;
  if (!has_open_license (record, MR_COMPONENT_INTERMEDIATE_PARAMETERS))
    needs |= MR_OPENNESS_NEED_INTERMEDIATE_PARAMETERS;
  return needs;
}

static gboolean
is_provisional (const MrModelRecord *record)
{
  for (guint i = 0; i < G_N_ELEMENTS (ladder_components); i++)
    {
      const MrComponent *component = &record->components[ladder_components[i]];

      if (component->availability != MR_AVAILABILITY_UNKNOWN && !component->verified)
        return TRUE;
    }
  return FALSE;
}

static MrOpenness
level_without_weights (const MrModelRecord        *record,
                       const MrOpennessAssessment *assessment)
{
  if (assessment->vendor_api ||
      record->components[MR_COMPONENT_FINAL_PARAMETERS].availability == MR_AVAILABILITY_ABSENT)
    return MR_OPENNESS_CLOSED;
  return MR_OPENNESS_UNKNOWN;
}

void
mr_openness_assess (const MrModelRecord  *record,
                    gboolean              gated,
                    MrOpennessAssessment *assessment)
{
  const char *weights_text;
  MrOpennessNeeds *missing;

  g_return_if_fail (record != NULL);
  g_return_if_fail (assessment != NULL);

  memset (assessment, 0, sizeof *assessment);
  missing = assessment->missing_for;
  assessment->gated = gated;
  assessment->vendor_api = record->source_kind == MR_SOURCE_KIND_VENDOR_API ||
                           record->deployment == MR_DEPLOYMENT_VENDOR_API;
  weights_text = mr_mof_resolve_license (record, MR_COMPONENT_FINAL_PARAMETERS);
  if (!mr_mof_is_unlicensed (weights_text))
    {
      assessment->weights_license_text = weights_text;
      assessment->weights_license = component_license (record, MR_COMPONENT_FINAL_PARAMETERS);
    }
  assessment->provisional = is_provisional (record);

  missing[MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED] =
    is_present (record, MR_COMPONENT_FINAL_PARAMETERS) ? MR_OPENNESS_NEED_NONE
                                                       : MR_OPENNESS_NEED_WEIGHTS;
  missing[MR_OPENNESS_OPEN_WEIGHTS] = weights_needs (record, assessment);
  missing[MR_OPENNESS_OPEN_SOURCE_AI] = missing[MR_OPENNESS_OPEN_WEIGHTS] | source_ai_needs (record);
  missing[MR_OPENNESS_OPEN_SCIENCE] = missing[MR_OPENNESS_OPEN_SOURCE_AI] | science_needs (record);

  if (missing[MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED] != MR_OPENNESS_NEED_NONE)
    {
      assessment->level = level_without_weights (record, assessment);
      return;
    }
  assessment->level = MR_OPENNESS_OPEN_SCIENCE;
  while (missing[assessment->level] != MR_OPENNESS_NEED_NONE)
    assessment->level--;
}

static char *
explain_license (const MrOpennessAssessment *assessment)
{
  const MrLicense *license = assessment->weights_license;
  g_autofree char *restrictions = NULL;

  if (assessment->weights_license_text == NULL)
    return g_strdup (_("the weights have no stated licence"));
  if (license == NULL)
    return g_strdup_printf (_("the weights’ licence “%s” is not recognised"),
                            assessment->weights_license_text);
  if (!mr_license_has_use_restrictions (license))
    return g_strdup_printf (_("the weights’ licence, %s, is not an open licence"), license->name);
  restrictions = mr_license_restrictions_to_string (license->restrictions);
  return g_strdup_printf (_("the weights’ licence, %s, restricts use (%s)"),
                          license->name, restrictions);
}

static char *
explain_restricted (const MrOpennessAssessment *assessment)
{
  const char *gated = _("downloading the weights needs the provider’s approval (gated)");
  MrOpennessNeeds needs = assessment->missing_for[MR_OPENNESS_OPEN_WEIGHTS];
  g_autofree char *license = NULL;

  if ((needs & MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE) == 0)
    return g_strdup (gated);
  license = explain_license (assessment);
  if (!assessment->gated)
    return g_steal_pointer (&license);
  /* Translators: two reasons a model is not "open weights" */
  return g_strdup_printf (_("%s, and %s"), gated, license);
}

static char *
explain_reason (const MrOpennessAssessment *assessment)
{
  switch (assessment->level)
    {
    case MR_OPENNESS_UNKNOWN:
      return g_strdup (_("nothing on record says whether the weights can be downloaded"));
    case MR_OPENNESS_CLOSED:
      if (assessment->vendor_api)
        return g_strdup (_("the model is only reachable through the vendor’s API"));
      return g_strdup (_("the weights are not available"));
    case MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED:
      return explain_restricted (assessment);
    case MR_OPENNESS_OPEN_WEIGHTS:
      return g_strdup_printf (_("the weights are under %s, an open licence"),
                              assessment->weights_license->name);
    case MR_OPENNESS_OPEN_SOURCE_AI:
      return g_strdup (_("weights, training and inference code are openly licensed and a "
                         "data card describes the training data"));
    case MR_OPENNESS_OPEN_SCIENCE:
      return g_strdup (_("weights, code, datasets and intermediate checkpoints are all "
                         "openly licensed"));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
mr_openness_assessment_explain (const MrOpennessAssessment *assessment)
{
  MrOpenness next = mr_openness_next_level (assessment->level);
  g_autofree char *reason = explain_reason (assessment);
  GString *text = g_string_new (NULL);

  /* Translators: "<openness level>: <why>." */
  g_string_append_printf (text, _("%s: %s."), mr_openness_get_title (assessment->level), reason);
  if (next != assessment->level)
    {
      g_autofree char *needs = mr_openness_needs_to_string (assessment->missing_for[next]);

      /* Translators: "<next openness level> needs: <list of missing evidence>." */
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%s needs: %s."), mr_openness_get_title (next), needs);
    }
  if (assessment->provisional)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Provisional: the evidence is not yet reviewed."));
    }
  return g_string_free (text, FALSE);
}
