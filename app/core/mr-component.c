/* mr-component.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-component"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-component.h"
#include "mr-enums.h"
#include "mr-enum-util.h"

typedef struct {
  const char   *mof_name;
  const char   *title;
  guint         mot_id;
  guint         mof_class;
  MrContentType content_type;
} ComponentInfo;

/* MOT ids, classes and content types from MOT's mof.settings.yml. */
static const ComponentInfo component_info[MR_N_COMPONENTS] = {
  [MR_COMPONENT_MODEL_ARCHITECTURE] = { "Model architecture", N_("Model architecture"), 9, 3, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_FINAL_PARAMETERS] = { "Model parameters (Final)", N_("Final parameters"), 10, 3, MR_CONTENT_TYPE_DATA },
  [MR_COMPONENT_EVALUATION_RESULTS] = { "Evaluation results", N_("Evaluation results"), 12, 3, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_MODEL_CARD] = { "Model card", N_("Model card"), 13, 3, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_DATA_CARD] = { "Data card", N_("Data card"), 14, 3, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_TECHNICAL_REPORT] = { "Technical report", N_("Technical report"), 11, 3, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_SAMPLE_OUTPUTS] = { "Sample model outputs", N_("Sample outputs"), 20, 3, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_TRAINING_CODE] = { "Training code", N_("Training code"), 7, 2, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_INFERENCE_CODE] = { "Inference code", N_("Inference code"), 8, 2, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_EVALUATION_CODE] = { "Evaluation code", N_("Evaluation code"), 18, 2, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_EVALUATION_DATA] = { "Evaluation data", N_("Evaluation data"), 19, 2, MR_CONTENT_TYPE_DATA },
  [MR_COMPONENT_SUPPORTING_LIBRARIES] = { "Supporting libraries and tools", N_("Supporting libraries and tools"), 22, 2, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_DATASETS] = { "Datasets", N_("Datasets"), 15, 1, MR_CONTENT_TYPE_DATA },
  [MR_COMPONENT_PREPROCESSING_CODE] = { "Data preprocessing code", N_("Data preprocessing code"), 16, 1, MR_CONTENT_TYPE_CODE },
  [MR_COMPONENT_INTERMEDIATE_PARAMETERS] = { "Model parameters (Intermediate)", N_("Intermediate parameters"), 24, 1, MR_CONTENT_TYPE_DATA },
  [MR_COMPONENT_RESEARCH_PAPER] = { "Research paper", N_("Research paper"), 21, 1, MR_CONTENT_TYPE_DOCUMENT },
  [MR_COMPONENT_MODEL_METADATA] = { "Model metadata", N_("Model metadata"), 17, 1, MR_CONTENT_TYPE_DATA },
};

void
mr_component_clear (MrComponent *component)
{
  g_clear_pointer (&component->license, g_free);
  g_clear_pointer (&component->link, g_free);
}

void
mr_component_copy_into (MrComponent       *dest,
                        const MrComponent *src)
{
  *dest = *src;
  dest->license = g_strdup (src->license);
  dest->link = g_strdup (src->link);
}

gboolean
mr_component_equal (const MrComponent *a,
                    const MrComponent *b)
{
  return a->kind == b->kind &&
         a->availability == b->availability &&
         g_strcmp0 (a->license, b->license) == 0 &&
         g_strcmp0 (a->link, b->link) == 0 &&
         a->source == b->source &&
         a->verified == b->verified;
}

const char *
mr_component_kind_get_mof_name (MrComponentKind kind)
{
  g_return_val_if_fail (kind < MR_N_COMPONENTS, NULL);
  return component_info[kind].mof_name;
}

const char *
mr_component_kind_get_title (MrComponentKind kind)
{
  g_return_val_if_fail (kind < MR_N_COMPONENTS, NULL);
  return _(component_info[kind].title);
}

const char *
mr_component_kind_get_nick (MrComponentKind kind)
{
  return mr_enum_to_nick (MR_TYPE_COMPONENT_KIND, kind);
}

guint
mr_component_kind_get_mot_id (MrComponentKind kind)
{
  g_return_val_if_fail (kind < MR_N_COMPONENTS, 0);
  return component_info[kind].mot_id;
}

guint
mr_component_kind_get_mof_class (MrComponentKind kind)
{
  g_return_val_if_fail (kind < MR_N_COMPONENTS, 0);
  return component_info[kind].mof_class;
}

MrContentType
mr_component_kind_get_content_type (MrComponentKind kind)
{
  g_return_val_if_fail (kind < MR_N_COMPONENTS, MR_CONTENT_TYPE_CODE);
  return component_info[kind].content_type;
}

gboolean
mr_component_kind_from_mof_name (const char      *name,
                                 MrComponentKind *out_kind)
{
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      if (g_strcmp0 (name, component_info[i].mof_name) == 0)
        {
          *out_kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
mr_component_kind_from_nick (const char      *nick,
                             MrComponentKind *out_kind)
{
  int value;

  if (!mr_enum_from_nick (MR_TYPE_COMPONENT_KIND, nick, &value))
    return FALSE;
  *out_kind = value;
  return TRUE;
}
