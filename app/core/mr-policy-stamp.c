/* mr-policy-stamp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One use at a time into a stack buffer rather than mr_policy_evaluate():
 * an import stamps every row, and a GArray per row is wasted work when
 * only the worst severity and the count are kept.
 */
#define G_LOG_DOMAIN "mr-policy-stamp"

#include "mr-policy-stamp.h"

void
mr_policy_stamp_record (MrModelRecord        *record,
                        MrFramework          *framework,
                        const MrPolicyInputs *inputs)
{
  MrPolicyEvidence evidence;
  MrFlagSeverity worst = MR_FLAG_SEVERITY_NONE;
  guint n_flags = 0;

  g_return_if_fail (record != NULL);
  g_return_if_fail (MR_IS_FRAMEWORK (framework));

  mr_policy_evidence_init (&evidence, record, inputs);
  for (guint i = 0; record->intended_uses[i] != NULL; i++)
    {
      MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
      guint n = mr_policy_evaluate_use (framework, &evidence, record->intended_uses[i], flags);
      MrFlagSeverity use_worst;
      guint use_count;

      mr_policy_summarize (flags, n, &use_worst, &use_count);
      worst = MAX (worst, use_worst);
      n_flags += use_count;
    }

  record->openness = evidence.openness.level;
  record->worst_flag = worst;
  record->n_flags = n_flags;
}
