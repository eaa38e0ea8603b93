/* mr-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-policy"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-component.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-policy.h"

static const char * const issue_nicks[] = {
  [MR_POLICY_ISSUE_UNKNOWN_USE] = "unknown-use",
  [MR_POLICY_ISSUE_PROHIBITED] = "prohibited",
  [MR_POLICY_ISSUE_OPENNESS] = "openness",
  [MR_POLICY_ISSUE_MISSING_COMPONENTS] = "missing-components",
  [MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE] = "non-commercial-license",
  [MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE] = "acceptable-use-license",
  [MR_POLICY_ISSUE_INFERENCE_CHECK] = "inference-check",
  [MR_POLICY_ISSUE_VENDOR_AGREEMENT] = "vendor-agreement",
};

const char *
mr_policy_issue_get_nick (MrPolicyIssue issue)
{
  g_return_val_if_fail (issue < G_N_ELEMENTS (issue_nicks), NULL);
  return issue_nicks[issue];
}

/* Notes the first licence that carries each restriction the framework
 * can refuse. */
static void
note_license (MrPolicyEvidence *evidence,
              const char       *text)
{
  const MrLicense *license;

  if (mr_mof_is_unlicensed (text))
    return;
  license = mr_license_catalog_normalize (mr_license_catalog_get_default (), text, NULL, NULL);
  if (license == NULL)
    return;
  if (evidence->non_commercial_license == NULL &&
      (license->restrictions & MR_LICENSE_RESTRICTION_NON_COMMERCIAL))
    evidence->non_commercial_license = license;
  if (evidence->acceptable_use_license == NULL &&
      (license->restrictions & MR_LICENSE_RESTRICTION_ACCEPTABLE_USE))
    evidence->acceptable_use_license = license;
}

void
mr_policy_evidence_init (MrPolicyEvidence     *evidence,
                         const MrModelRecord  *record,
                         const MrPolicyInputs *inputs)
{
  const char *previous = NULL;

  g_return_if_fail (evidence != NULL);
  g_return_if_fail (record != NULL);

  memset (evidence, 0, sizeof *evidence);
  evidence->record = record;
  if (inputs != NULL)
    evidence->inputs = *inputs;

  mr_mof_classify (record, &evidence->mof);
  mr_openness_assess (record, evidence->inputs.gated, &evidence->openness);

  note_license (evidence, record->license);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      const char *text;

      if (record->components[kind].availability != MR_AVAILABILITY_PRESENT)
        continue;
      evidence->present |= 1u << kind;
      text = mr_mof_resolve_license (record, kind);
      /* Most components inherit one string: look each up once. */
      if (text != previous && text != record->license)
        note_license (evidence, text);
      previous = text;
    }
}

static MrPolicyFlag *
add_flag (MrPolicyFlag        *flags,
          guint               *n_flags,
          const char          *use_id,
          const MrIntendedUse *use,
          MrPolicyIssue        issue,
          MrFlagSeverity       severity)
{
  MrPolicyFlag *flag = &flags[(*n_flags)++];

  *flag = (MrPolicyFlag) {
    .use_id = use_id,
    .use = use,
    .issue = issue,
    .severity = severity,
  };
  return flag;
}

static void
check_licenses (const MrFrameworkRule  *rule,
                const MrPolicyEvidence *evidence,
                const char             *use_id,
                const MrIntendedUse    *use,
                MrPolicyFlag           *flags,
                guint                  *n_flags)
{
  if (rule->forbid_non_commercial_license && evidence->non_commercial_license != NULL)
    add_flag (flags, n_flags, use_id, use, MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE,
              rule->severity)->license = evidence->non_commercial_license;
  if (rule->forbid_acceptable_use_license && evidence->acceptable_use_license != NULL)
    add_flag (flags, n_flags, use_id, use, MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE,
              rule->severity)->license = evidence->acceptable_use_license;
}

guint
mr_policy_evaluate_use (MrFramework            *framework,
                        const MrPolicyEvidence *evidence,
                        const char             *use_id,
                        MrPolicyFlag            flags[MR_POLICY_MAX_FLAGS_PER_USE])
{
  const MrIntendedUse *use = mr_use_catalog_lookup (mr_use_catalog_get_default (), use_id);
  const MrFrameworkRule *rule;
  MrOpenness level = evidence->openness.level;
  guint32 missing_components;
  guint n_flags = 0;

  if (use == NULL)
    {
      add_flag (flags, &n_flags, use_id, NULL, MR_POLICY_ISSUE_UNKNOWN_USE,
                MR_FLAG_SEVERITY_WARNING);
      return n_flags;
    }

  rule = mr_framework_get_rule (framework, use);
  if (rule->blocked)
    {
      add_flag (flags, &n_flags, use_id, use, MR_POLICY_ISSUE_PROHIBITED,
                MR_FLAG_SEVERITY_BLOCKING);
      return n_flags;
    }

  if (rule->minimum_openness != MR_OPENNESS_UNKNOWN && level < rule->minimum_openness)
    add_flag (flags, &n_flags, use_id, use, MR_POLICY_ISSUE_OPENNESS,
              rule->severity)->required_level = rule->minimum_openness;

  missing_components = rule->required_components & ~evidence->present;
  if (missing_components != 0)
    add_flag (flags, &n_flags, use_id, use, MR_POLICY_ISSUE_MISSING_COMPONENTS,
              rule->severity)->components = missing_components;

  check_licenses (rule, evidence, use_id, use, flags, &n_flags);

  if (rule->inference_check_required &&
      evidence->inputs.inference_check != MR_INFERENCE_CHECK_PASSED)
    add_flag (flags, &n_flags, use_id, use, MR_POLICY_ISSUE_INFERENCE_CHECK, rule->severity);

  if (rule->vendor_agreement_required && level == MR_OPENNESS_CLOSED &&
      evidence->record->vendor_agreement == NULL)
    add_flag (flags, &n_flags, use_id, use, MR_POLICY_ISSUE_VENDOR_AGREEMENT,
              MR_FLAG_SEVERITY_INFO);

  return n_flags;
}

GArray *
mr_policy_evaluate (MrFramework            *framework,
                    const MrPolicyEvidence *evidence)
{
  GStrv uses;
  GArray *flags;

  g_return_val_if_fail (MR_IS_FRAMEWORK (framework), NULL);
  g_return_val_if_fail (evidence != NULL, NULL);

  uses = evidence->record->intended_uses;
  flags = g_array_new (FALSE, FALSE, sizeof (MrPolicyFlag));
  for (guint i = 0; uses[i] != NULL; i++)
    {
      MrPolicyFlag use_flags[MR_POLICY_MAX_FLAGS_PER_USE];
      guint n = mr_policy_evaluate_use (framework, evidence, uses[i], use_flags);

      g_array_append_vals (flags, use_flags, n);
    }
  return flags;
}

void
mr_policy_summarize (const MrPolicyFlag *flags,
                     guint               n_flags,
                     MrFlagSeverity     *out_worst,
                     guint              *out_count)
{
  MrFlagSeverity worst = MR_FLAG_SEVERITY_NONE;

  for (guint i = 0; i < n_flags; i++)
    worst = MAX (worst, flags[i].severity);
  *out_worst = worst;
  *out_count = n_flags;
}

/* "'Credit scoring' (high-risk, EU AI Act Annex III 5(b))" */
static char *
describe_use (const MrPolicyFlag *flag)
{
  /* Translators: an intended use, its EU AI Act tier and legal reference */
  return g_strdup_printf (_("‘%s’ (%s, %s)"), flag->use->label,
                          mr_risk_tier_get_title (flag->use->tier), flag->use->reference);
}

/* "Open weights, restricted (Llama 3.1 Community License Agreement)" */
static char *
describe_openness (const MrPolicyEvidence *evidence)
{
  const char *title = mr_openness_get_title (evidence->openness.level);
  const MrLicense *license = evidence->openness.weights_license;

  if (license == NULL || evidence->openness.level <= MR_OPENNESS_CLOSED)
    return g_strdup (title);
  /* Translators: an openness level and the weights' licence */
  return g_strdup_printf (_("%s (%s)"), title, license->name);
}

static char *
component_titles (guint32 components)
{
  GString *text = g_string_new (NULL);

  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      if ((components & (1u << kind)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, mr_component_kind_get_title (kind));
    }
  return g_string_free (text, FALSE);
}

static char *
reason_for_use (const MrPolicyFlag     *flag,
                const MrPolicyEvidence *evidence,
                const char             *use)
{
  g_autofree char *openness = NULL;
  g_autofree char *components = NULL;

  switch (flag->issue)
    {
    case MR_POLICY_ISSUE_PROHIBITED:
      return g_strdup_printf (_("%s is not allowed under the governance framework."), use);
    case MR_POLICY_ISSUE_OPENNESS:
      openness = describe_openness (evidence);
      return g_strdup_printf (_("%s: %s requires %s."), openness, use,
                              mr_openness_get_title (flag->required_level));
    case MR_POLICY_ISSUE_MISSING_COMPONENTS:
      components = component_titles (flag->components);
      return g_strdup_printf (_("%s requires evidence the entry lacks: %s."), use, components);
    case MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE:
      return g_strdup_printf (_("Its licence, %s, allows non-commercial use only, which %s "
                                "does not accept."), flag->license->name, use);
    case MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE:
      return g_strdup_printf (_("Its licence, %s, binds use to the provider’s acceptable-use "
                                "policy, which %s does not accept."), flag->license->name, use);
    case MR_POLICY_ISSUE_INFERENCE_CHECK:
      if (evidence->inputs.inference_check == MR_INFERENCE_CHECK_FAILED)
        return g_strdup_printf (_("%s requires a passing inference check; the last one "
                                  "failed."), use);
      return g_strdup_printf (_("%s requires a passing inference check; none is on record."),
                              use);
    case MR_POLICY_ISSUE_VENDOR_AGREEMENT:
      return g_strdup_printf (_("Closed model used for %s: the vendor agreement that covers "
                                "it is not on file."), use);
    case MR_POLICY_ISSUE_UNKNOWN_USE:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
rests_on_evidence (MrPolicyIssue issue)
{
  return issue == MR_POLICY_ISSUE_OPENNESS ||
         issue == MR_POLICY_ISSUE_MISSING_COMPONENTS ||
         issue == MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE ||
         issue == MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE;
}

char *
mr_policy_flag_dup_reason (const MrPolicyFlag     *flag,
                           const MrPolicyEvidence *evidence)
{
  g_autofree char *use = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (flag != NULL, NULL);
  g_return_val_if_fail (evidence != NULL, NULL);

  if (flag->issue == MR_POLICY_ISSUE_UNKNOWN_USE)
    return g_strdup_printf (_("‘%s’ is not an intended use in the catalogue, so no rule "
                              "applies to it."), flag->use_id);

  use = describe_use (flag);
  reason = reason_for_use (flag, evidence, use);
  if (!evidence->openness.provisional || !rests_on_evidence (flag->issue))
    return g_steal_pointer (&reason);
  /* Translators: a reason, then a note that its evidence is unreviewed */
  return g_strdup_printf (_("%s Provisional: the evidence is not yet reviewed."), reason);
}

static char *
openness_remedy (const MrPolicyFlag     *flag,
                 const MrPolicyEvidence *evidence)
{
  g_autofree char *needs = NULL;

  if (evidence->openness.level == MR_OPENNESS_UNKNOWN)
    return g_strdup (_("Record whether the weights can be downloaded, and under which "
                       "licence."));
  needs = mr_openness_needs_to_string (evidence->openness.missing_for[flag->required_level]);
  return g_strdup_printf (_("Missing: %s."), needs);
}

char *
mr_policy_flag_dup_remedy (const MrPolicyFlag     *flag,
                           const MrPolicyEvidence *evidence)
{
  g_autofree char *components = NULL;

  g_return_val_if_fail (flag != NULL, NULL);
  g_return_val_if_fail (evidence != NULL, NULL);

  switch (flag->issue)
    {
    case MR_POLICY_ISSUE_UNKNOWN_USE:
      return g_strdup (_("Choose the intended use from the catalogue."));
    case MR_POLICY_ISSUE_PROHIBITED:
      return g_strdup (_("Remove this use: no evidence makes it acceptable."));
    case MR_POLICY_ISSUE_OPENNESS:
      return openness_remedy (flag, evidence);
    case MR_POLICY_ISSUE_MISSING_COMPONENTS:
      components = component_titles (flag->components);
      return g_strdup_printf (_("Add evidence for: %s."), components);
    case MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE:
      return g_strdup (_("Obtain a commercial licence from the provider, or choose another "
                         "model."));
    case MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE:
      return g_strdup (_("Choose a model under an open licence, or have the acceptable-use "
                         "policy reviewed and the use moved under a rule that accepts it."));
    case MR_POLICY_ISSUE_INFERENCE_CHECK:
      return g_strdup (_("Run the inference check on the model."));
    case MR_POLICY_ISSUE_VENDOR_AGREEMENT:
      return g_strdup (_("Record the agreement (its reference and date) in the entry’s "
                         "Vendor agreement field."));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_flag_json (JsonBuilder            *builder,
               const MrPolicyEvidence *evidence,
               const MrPolicyFlag     *flag)
{
  g_autofree char *reason = mr_policy_flag_dup_reason (flag, evidence);
  g_autofree char *remedy = mr_policy_flag_dup_remedy (flag, evidence);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "use");
  json_builder_add_string_value (builder, flag->use_id);
  if (flag->use != NULL)
    {
      json_builder_set_member_name (builder, "tier");
      json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_RISK_TIER, flag->use->tier));
    }
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, flag->severity));
  json_builder_set_member_name (builder, "issue");
  json_builder_add_string_value (builder, mr_policy_issue_get_nick (flag->issue));
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_set_member_name (builder, "remedy");
  json_builder_add_string_value (builder, remedy);
  json_builder_end_object (builder);
}

void
mr_policy_add_json_entry (JsonBuilder            *builder,
                          const MrPolicyEvidence *evidence,
                          const MrPolicyFlag     *flags,
                          guint                   n_flags)
{
  const MrModelRecord *record = evidence->record;
  g_autofree char *explanation = mr_openness_assessment_explain (&evidence->openness);
  MrFlagSeverity worst;
  guint count;

  mr_policy_summarize (flags, n_flags, &worst, &count);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, record->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, record->name);
  json_builder_set_member_name (builder, "openness_level");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_OPENNESS, evidence->openness.level));
  json_builder_set_member_name (builder, "openness");
  json_builder_add_string_value (builder, explanation);
  json_builder_set_member_name (builder, "provisional");
  json_builder_add_boolean_value (builder, evidence->openness.provisional);

  json_builder_set_member_name (builder, "mof");
  json_builder_begin_object (builder);
  mr_mof_result_add_json_members (&evidence->mof, builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "worst_severity");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, worst));
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_flags; i++)
    add_flag_json (builder, evidence, &flags[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
