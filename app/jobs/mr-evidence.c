/* mr-evidence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-evidence"

#include "config.h"

#include "mr-evidence.h"

void
mr_evidence_forget (MrModelRecord    *record,
                    MrEvidenceSource  source)
{
  g_return_if_fail (record != NULL);

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      MrComponent *c = &record->components[i];

      if (c->verified || c->source != source || c->availability == MR_AVAILABILITY_UNKNOWN)
        continue;
      mr_component_clear (c);
      *c = (MrComponent) { .kind = i };
    }
}

gboolean
mr_evidence_apply (MrModelRecord    *record,
                   MrComponentKind   kind,
                   MrAvailability    availability,
                   const char       *link,
                   MrEvidenceSource  source)
{
  MrComponent *c;

  g_return_val_if_fail (record != NULL && kind < MR_N_COMPONENTS, FALSE);

  c = &record->components[kind];
  if (c->verified)
    return FALSE;
  c->availability = availability;
  mr_model_record_set_string (&c->link, link);
  c->source = source;
  c->verified = FALSE;
  return TRUE;
}
