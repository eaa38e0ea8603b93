/* test-openness.c — openness levels derived from evidence, and the
 * intended-use catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mr-openness.h"
#include "mr-policy-test-util.h"
#include "mr-use-catalog.h"

typedef struct {
  const char      *name;
  MrSourceKind     source_kind;
  MrAvailability   weights;
  const char      *distribution;  /* record licence */
  const char      *weights_license;
  gboolean         gated;
  gboolean         training_code;  /* present under license_code */
  const char      *license_code;
  gboolean         data_card;
  gboolean         science;        /* datasets, preprocessing, checkpoints */
  MrOpenness       expected;
  MrOpennessNeeds  missing_next;
} LevelCase;

static const LevelCase level_cases[] = {
  { "nothing known", MR_SOURCE_KIND_MANUAL, MR_AVAILABILITY_UNKNOWN, NULL, NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_UNKNOWN, MR_OPENNESS_NEED_WEIGHTS },
  { "vendor API", MR_SOURCE_KIND_VENDOR_API, MR_AVAILABILITY_UNKNOWN, "Proprietary", NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_CLOSED, MR_OPENNESS_NEED_WEIGHTS },
  { "weights absent", MR_SOURCE_KIND_MANUAL, MR_AVAILABILITY_ABSENT, NULL, NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_CLOSED, MR_OPENNESS_NEED_WEIGHTS },
  { "weights mentioned only", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_MENTIONED, "Apache-2.0", NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_UNKNOWN, MR_OPENNESS_NEED_WEIGHTS },
  { "llama 3.1", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "llama3.1", NULL, TRUE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_UNGATED_WEIGHTS | MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE },
  { "gated apache", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache-2.0", NULL, TRUE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_UNGATED_WEIGHTS },
  { "non-commercial", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "cc-by-nc-4.0", NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE },
  { "unrecognised licence", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Acme Model Licence", NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE },
  { "no licence", MR_SOURCE_KIND_LOCAL_FILE, MR_AVAILABILITY_PRESENT, NULL, NULL, FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE },
  { "apache weights, no data card", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache 2.0", NULL, FALSE, TRUE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_OPENNESS_NEED_DATA_CARD },
  { "weights licence overrides", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache-2.0", "gemma", FALSE, FALSE, NULL, FALSE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_OPENNESS_NEED_OPEN_WEIGHTS_LICENSE },
  { "training code not OSI", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache-2.0", NULL, FALSE, TRUE, "CC-BY-4.0", TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_OPENNESS_NEED_TRAINING_CODE | MR_OPENNESS_NEED_INFERENCE_CODE },
  { "open source AI", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache-2.0", NULL, FALSE, TRUE, NULL, TRUE, FALSE,
    MR_OPENNESS_OPEN_SOURCE_AI, MR_OPENNESS_NEED_DATASETS | MR_OPENNESS_NEED_PREPROCESSING_CODE | MR_OPENNESS_NEED_INTERMEDIATE_PARAMETERS },
  { "OLMo-like", MR_SOURCE_KIND_HUGGING_FACE, MR_AVAILABILITY_PRESENT, "Apache-2.0", NULL, FALSE, TRUE, NULL, TRUE, TRUE,
    MR_OPENNESS_OPEN_SCIENCE, MR_OPENNESS_NEED_NONE },
};

static MrModelRecord *
record_for (const LevelCase *c)
{
  MrModelRecord *record = mr_policy_test_record_new (c->name, c->distribution);

  record->source_kind = c->source_kind;
  if (c->weights != MR_AVAILABILITY_UNKNOWN)
    mr_policy_test_set_present (record, MR_COMPONENT_FINAL_PARAMETERS, c->weights_license);
  record->components[MR_COMPONENT_FINAL_PARAMETERS].availability = c->weights;
  mr_model_record_set_string (&record->license_code, c->license_code);
  if (c->training_code)
    {
      mr_policy_test_set_present (record, MR_COMPONENT_TRAINING_CODE, NULL);
      mr_policy_test_set_present (record, MR_COMPONENT_INFERENCE_CODE, NULL);
    }
  if (c->data_card)
    mr_policy_test_set_present (record, MR_COMPONENT_DATA_CARD, NULL);
  if (c->science)
    {
      mr_policy_test_set_present (record, MR_COMPONENT_DATASETS, "ODC-By-1.0");
      mr_policy_test_set_present (record, MR_COMPONENT_PREPROCESSING_CODE, NULL);
      mr_policy_test_set_present (record, MR_COMPONENT_INTERMEDIATE_PARAMETERS, NULL);
    }
  return record;
}

static void
test_levels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_cases); i++)
    {
      const LevelCase *c = &level_cases[i];
      g_autoptr(MrModelRecord) record = record_for (c);
      g_autofree char *explanation = NULL;
      MrOpennessAssessment assessment;

      mr_openness_assess (record, c->gated, &assessment);
      explanation = mr_openness_assessment_explain (&assessment);
      g_test_message ("%s: %s", c->name, explanation);
      g_assert_cmpint (assessment.level, ==, c->expected);
      g_assert_cmpuint (assessment.missing_for[mr_openness_next_level (c->expected)], ==,
                        c->expected == MR_OPENNESS_OPEN_SCIENCE ? 0 : c->missing_next);
      g_assert_true (g_str_has_prefix (explanation, mr_openness_get_title (c->expected)));
      g_assert_false (assessment.provisional);
    }
}

static void
test_explanation (void)
{
  g_autoptr(MrModelRecord) record = record_for (&level_cases[4]);
  g_autofree char *explanation = NULL;
  MrOpennessAssessment assessment;

  mr_openness_assess (record, FALSE, &assessment);
  explanation = mr_openness_assessment_explain (&assessment);
  g_assert_cmpstr (explanation, ==,
                   "Open weights, restricted: the weights’ licence, Llama 3.1 Community License "
                   "Agreement, restricts use (acceptable-use policy, user-count threshold). "
                   "Open weights needs: an open licence for the weights without use "
                   "restrictions.");
}

static void
test_provisional (void)
{
  g_autoptr(MrModelRecord) record = record_for (&level_cases[9]);
  g_autofree char *explanation = NULL;
  MrOpennessAssessment assessment;

  record->components[MR_COMPONENT_FINAL_PARAMETERS].verified = FALSE;
  mr_openness_assess (record, FALSE, &assessment);
  explanation = mr_openness_assessment_explain (&assessment);
  g_assert_true (assessment.provisional);
  g_assert_nonnull (strstr (explanation, "Provisional"));
}

static void
test_use_catalog (void)
{
  MrUseCatalog *uses = mr_use_catalog_get_default ();
  const MrIntendedUse *credit = mr_use_catalog_lookup (uses, "credit-scoring");
  guint per_tier[MR_RISK_TIER_PROHIBITED + 1] = { 0 };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (credit);
  g_assert_cmpint (credit->tier, ==, MR_RISK_TIER_HIGH);
  g_assert_cmpstr (credit->reference, ==, "EU AI Act Annex III 5(b)");
  g_assert_null (mr_use_catalog_lookup (uses, "Credit-Scoring"));
  g_assert_null (mr_use_catalog_lookup (uses, NULL));
  g_assert_cmpint (mr_use_catalog_lookup (uses, "social-scoring")->tier, ==, MR_RISK_TIER_PROHIBITED);
  g_assert_cmpint (mr_use_catalog_lookup (uses, "chatbot")->tier, ==, MR_RISK_TIER_LIMITED);
  g_assert_cmpint (mr_use_catalog_lookup (uses, "code-assistant")->tier, ==, MR_RISK_TIER_MINIMAL);

  for (guint i = 0; i < mr_use_catalog_get_n_uses (uses); i++)
    {
      const MrIntendedUse *use = mr_use_catalog_get_use (uses, i);

      g_assert_cmpuint (use->position, ==, i);
      g_assert_true (g_hash_table_add (ids, (gpointer) use->id));
      g_assert_cmpstr (use->label, !=, "");
      g_assert_cmpstr (use->description, !=, "");
      g_assert_true (g_str_has_prefix (use->reference, "EU AI Act"));
      per_tier[use->tier]++;
    }
  /* All eight Art. 5(1) practices; every Annex III area. */
  g_assert_cmpuint (per_tier[MR_RISK_TIER_PROHIBITED], ==, 8);
  g_assert_cmpuint (per_tier[MR_RISK_TIER_HIGH], >=, 8);
  g_assert_cmpuint (per_tier[MR_RISK_TIER_LIMITED], >=, 4);
  g_assert_cmpuint (per_tier[MR_RISK_TIER_MINIMAL], >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/openness/levels", test_levels);
  g_test_add_func ("/openness/explanation", test_explanation);
  g_test_add_func ("/openness/provisional", test_provisional);
  g_test_add_func ("/openness/use-catalog", test_use_catalog);

  return g_test_run ();
}
