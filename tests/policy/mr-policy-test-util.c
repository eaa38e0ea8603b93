/* mr-policy-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-policy-test-util.h"

MrModelRecord *
mr_policy_test_record_new (const char *name,
                           const char *license)
{
  MrModelRecord *record = mr_model_record_new ();

  mr_model_record_set_string (&record->name, name);
  mr_model_record_set_string (&record->license, license);
  return record;
}

void
mr_policy_test_set_present (MrModelRecord   *record,
                            MrComponentKind  kind,
                            const char      *license)
{
  MrComponent *component = &record->components[kind];

  component->availability = MR_AVAILABILITY_PRESENT;
  component->verified = TRUE;
  mr_model_record_set_string (&component->license, license);
}
