/* test-policy-stamp.c — the policy outcome cached on a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-policy-stamp.h"
#include "mr-policy-test-util.h"

#define TIMING_ROWS 100000

typedef struct {
  const char     *name;
  const char     *license;
  MrSourceKind    source_kind;
  const char     *uses[4];
  gboolean        with_weights;
  gboolean        vendor_agreement;
  MrOpenness      openness;
  MrFlagSeverity  worst;
  guint           n_flags;
} StampCase;

static const StampCase stamp_cases[] = {
  /* High-risk: below open source AI, no data card, no evaluation evidence,
   * an acceptable-use policy and no inference check. */
  { "Llama 3.1 for credit scoring", "llama3.1", MR_SOURCE_KIND_HUGGING_FACE,
    { "credit-scoring" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_FLAG_SEVERITY_BLOCKING, 4 },
  { "Apache model, no use", "Apache-2.0", MR_SOURCE_KIND_HUGGING_FACE,
    { NULL }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_FLAG_SEVERITY_NONE, 0 },
  { "Apache model as a chatbot", "Apache-2.0", MR_SOURCE_KIND_HUGGING_FACE,
    { "chatbot" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_FLAG_SEVERITY_NONE, 0 },
  { "Prohibited use", "Apache-2.0", MR_SOURCE_KIND_HUGGING_FACE,
    { "social-scoring" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_FLAG_SEVERITY_BLOCKING, 1 },
  { "Use not in the catalogue", "Apache-2.0", MR_SOURCE_KIND_HUGGING_FACE,
    { "fortune-telling" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_FLAG_SEVERITY_WARNING, 1 },
  { "Non-commercial chatbot", "CC-BY-NC-4.0", MR_SOURCE_KIND_HUGGING_FACE,
    { "chatbot" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED, MR_FLAG_SEVERITY_WARNING, 2 },
  /* Flags add up across uses; the worst wins. */
  { "Two uses", "Apache-2.0", MR_SOURCE_KIND_HUGGING_FACE,
    { "fortune-telling", "social-scoring" }, TRUE, FALSE,
    MR_OPENNESS_OPEN_WEIGHTS, MR_FLAG_SEVERITY_BLOCKING, 2 },
  /* A note, not a shortfall: the agreement may well exist. */
  { "Vendor API, no agreement", NULL, MR_SOURCE_KIND_VENDOR_API,
    { "code-assistant" }, FALSE, FALSE,
    MR_OPENNESS_CLOSED, MR_FLAG_SEVERITY_INFO, 1 },
  { "Vendor API, agreement on file", NULL, MR_SOURCE_KIND_VENDOR_API,
    { "code-assistant" }, FALSE, TRUE,
    MR_OPENNESS_CLOSED, MR_FLAG_SEVERITY_NONE, 0 },
};

static MrFramework *
default_framework (void)
{
  g_autoptr(GError) error = NULL;
  MrFramework *framework = mr_framework_new_default (&error);

  g_assert_no_error (error);
  return framework;
}

static MrModelRecord *
record_for_case (const StampCase *test_case)
{
  MrModelRecord *record = mr_policy_test_record_new (test_case->name, test_case->license);

  record->source_kind = test_case->source_kind;
  if (test_case->with_weights)
    mr_policy_test_set_present (record, MR_COMPONENT_FINAL_PARAMETERS, NULL);
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strdupv ((GStrv) test_case->uses);
  if (test_case->vendor_agreement)
    record->vendor_agreement = g_strdup ("MSA-2026-014, signed 2026-03-01");
  return record;
}

static void
test_stamp_cases (void)
{
  g_autoptr(MrFramework) framework = default_framework ();

  for (guint i = 0; i < G_N_ELEMENTS (stamp_cases); i++)
    {
      const StampCase *test_case = &stamp_cases[i];
      g_autoptr(MrModelRecord) record = record_for_case (test_case);
      MrPolicyInputs inputs = { 0 };

      /* Stale values from a previous stamp must not survive. */
      record->openness = MR_OPENNESS_OPEN_SCIENCE;
      record->worst_flag = MR_FLAG_SEVERITY_INFO;
      record->n_flags = 99;

      g_test_message ("case: %s", test_case->name);
      mr_policy_stamp_record (record, framework, &inputs);
      g_assert_cmpint (record->openness, ==, test_case->openness);
      g_assert_cmpint (record->worst_flag, ==, test_case->worst);
      g_assert_cmpuint (record->n_flags, ==, test_case->n_flags);
    }
}

/* The stamp is the summary of the full evaluation, not a second opinion. */
static void
test_stamp_matches_evaluation (void)
{
  g_autoptr(MrFramework) framework = default_framework ();

  for (guint i = 0; i < G_N_ELEMENTS (stamp_cases); i++)
    {
      g_autoptr(MrModelRecord) record = record_for_case (&stamp_cases[i]);
      g_autoptr(GArray) flags = NULL;
      MrPolicyEvidence evidence;
      MrFlagSeverity worst;
      guint count;

      mr_policy_stamp_record (record, framework, NULL);
      mr_policy_evidence_init (&evidence, record, NULL);
      flags = mr_policy_evaluate (framework, &evidence);
      mr_policy_summarize ((const MrPolicyFlag *) flags->data, flags->len, &worst, &count);
      g_assert_cmpint (record->openness, ==, evidence.openness.level);
      g_assert_cmpint (record->worst_flag, ==, worst);
      g_assert_cmpuint (record->n_flags, ==, count);
    }
}

/* A stricter framework changes the stamp: it is not cached elsewhere. */
static void
test_stamp_follows_framework (void)
{
  static const char strict[] =
    "format: 1\n"
    "name: Strict\n"
    "tiers:\n"
    "  prohibited: { blocked: true }\n"
    "  high: { blocked: true }\n"
    "  limited: { minimum_openness: open-science }\n"
    "  minimal: { minimum_openness: open-science }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework =
    mr_framework_new_from_data (strict, sizeof strict - 1, "strict.yml", &error);
  g_autoptr(MrModelRecord) record = record_for_case (&stamp_cases[2]);

  g_assert_no_error (error);
  mr_policy_stamp_record (record, framework, NULL);
  g_assert_cmpint (record->openness, ==, MR_OPENNESS_OPEN_WEIGHTS);
  g_assert_cmpint (record->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpuint (record->n_flags, ==, 1);
}

/* It runs for every row of an import: 100,000 rows must take well under a
 * second or two even on a slow test machine. */
static void
test_stamp_timing (void)
{
  g_autoptr(MrFramework) framework = default_framework ();
  g_autoptr(MrModelRecord) restricted = record_for_case (&stamp_cases[0]);
  g_autoptr(MrModelRecord) complete = record_for_case (&stamp_cases[6]);
  gint64 start;
  double seconds;

  /* Every component classified and every licence looked up. */
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    mr_policy_test_set_present (complete, kind, "Apache 2.0");
  start = g_get_monotonic_time ();

  for (guint i = 0; i < TIMING_ROWS; i++)
    mr_policy_stamp_record (i % 2 == 0 ? restricted : complete, framework, NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_test_message ("%u stamps in %.3f s (%.2f microseconds each)", TIMING_ROWS, seconds,
                  seconds * G_USEC_PER_SEC / TIMING_ROWS);
  g_assert_cmpuint (restricted->n_flags, ==, stamp_cases[0].n_flags);
  g_assert_cmpfloat (seconds, <, 5.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/policy-stamp/cases", test_stamp_cases);
  g_test_add_func ("/policy-stamp/matches-evaluation", test_stamp_matches_evaluation);
  g_test_add_func ("/policy-stamp/follows-framework", test_stamp_follows_framework);
  g_test_add_func ("/policy-stamp/timing", test_stamp_timing);

  return g_test_run ();
}
