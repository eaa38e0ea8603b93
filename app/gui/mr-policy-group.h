/* mr-policy-group.h — the detail pane's "Policy" group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The openness level with why, the MOF class with its progress, and one
 * row per (intended use, flag) of the entry under the active framework,
 * each with its severity in words, its reason and its remedy.
 */
#pragma once

#include <adwaita.h>

#include "mr-framework.h"
#include "mr-model-record.h"
#include "mr-policy.h"

G_BEGIN_DECLS

#define MR_TYPE_POLICY_GROUP (mr_policy_group_get_type ())
G_DECLARE_FINAL_TYPE (MrPolicyGroup, mr_policy_group, MR, POLICY_GROUP, AdwPreferencesGroup)

GtkWidget *mr_policy_group_new           (void);
/* framework: the one in force; until set, the shipped default. */
void       mr_policy_group_set_framework (MrPolicyGroup       *self,
                                          MrFramework         *framework);
/* record: the full record (all components), or NULL while it loads. */
void       mr_policy_group_set_record    (MrPolicyGroup       *self,
                                          MrModelRecord       *record);
/* inputs: the stored facts beyond the record (the latest inference
 * check…), or NULL for none on record, as for a proposal not yet saved. */
void       mr_policy_group_set_inputs    (MrPolicyGroup        *self,
                                          const MrPolicyInputs *inputs);

G_END_DECLS
