/* test-policy.c — flags for real-world-shaped models against the default
 * governance framework
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-policy.h"
#include "mr-policy-test-util.h"

static MrFramework *framework;

/* meta-llama/Llama-3.1-8B-Instruct: gated, community licence, weights and
 * a model card only. */
static MrModelRecord *
llama_new (void)
{
  MrModelRecord *record = mr_policy_test_record_new ("Llama 3.1 8B Instruct", "llama3.1");

  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_policy_test_set_present (record, MR_COMPONENT_FINAL_PARAMETERS, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_CARD, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_ARCHITECTURE, NULL);
  return record;
}

/* Mistral-7B-like: Apache-2.0 weights and inference code, no data card. */
static MrModelRecord *
apache_new (void)
{
  MrModelRecord *record = mr_policy_test_record_new ("Apache weights", "apache-2.0");

  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_policy_test_set_present (record, MR_COMPONENT_FINAL_PARAMETERS, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_CARD, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_INFERENCE_CODE, NULL);
  return record;
}

/* OLMo-like: everything published under open licences. */
static MrModelRecord *
olmo_new (void)
{
  MrModelRecord *record = mr_policy_test_record_new ("OLMo-like", "Apache-2.0");

  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_model_record_set_string (&record->license_data, "ODC-By-1.0");
  mr_model_record_set_string (&record->license_document, "CC-BY-4.0");
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    mr_policy_test_set_present (record, kind, NULL);
  return record;
}

/* A vendor's API model: no weights. */
static MrModelRecord *
api_new (void)
{
  MrModelRecord *record = mr_policy_test_record_new ("Vendor chat model", "Proprietary");

  record->source_kind = MR_SOURCE_KIND_VENDOR_API;
  record->deployment = MR_DEPLOYMENT_VENDOR_API;
  return record;
}

static const MrPolicyFlag *
find_flag (const MrPolicyFlag *flags,
           guint               n_flags,
           MrPolicyIssue       issue)
{
  for (guint i = 0; i < n_flags; i++)
    if (flags[i].issue == issue)
      return &flags[i];
  return NULL;
}

static guint
evaluate (const MrPolicyEvidence *evidence,
          const char             *use,
          MrPolicyFlag            flags[MR_POLICY_MAX_FLAGS_PER_USE])
{
  guint n = mr_policy_evaluate_use (framework, evidence, use, flags);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = mr_policy_flag_dup_reason (&flags[i], evidence);
      g_autofree char *remedy = mr_policy_flag_dup_remedy (&flags[i], evidence);

      g_test_message ("%s / %s: [%s] %s %s", evidence->record->name, use,
                      mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, flags[i].severity), reason, remedy);
      g_assert_cmpstr (reason, !=, "");
      g_assert_cmpstr (remedy, !=, "");
    }
  return n;
}

static void
test_llama (void)
{
  g_autoptr(MrModelRecord) record = llama_new ();
  MrPolicyInputs inputs = { .gated = TRUE };
  MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
  const MrPolicyFlag *flag;
  g_autofree char *reason = NULL;
  g_autofree char *remedy = NULL;
  MrPolicyEvidence evidence;
  guint n;

  mr_policy_evidence_init (&evidence, record, &inputs);
  g_assert_cmpint (evidence.openness.level, ==, MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED);
  g_assert_cmpuint (evidence.mof.mof_class, ==, 0);
  g_assert_cmpstr (evidence.acceptable_use_license->id, ==, "llama3.1");
  g_assert_null (evidence.non_commercial_license);

  n = evaluate (&evidence, "credit-scoring", flags);
  g_assert_cmpuint (n, ==, 4);
  flag = find_flag (flags, n, MR_POLICY_ISSUE_OPENNESS);
  g_assert_nonnull (flag);
  g_assert_cmpint (flag->severity, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpint (flag->required_level, ==, MR_OPENNESS_OPEN_SOURCE_AI);
  reason = mr_policy_flag_dup_reason (flag, &evidence);
  g_assert_cmpstr (reason, ==,
                   "Open weights, restricted (Llama 3.1 Community License Agreement): "
                   "‘Credit scoring’ (high-risk, EU AI Act Annex III 5(b)) requires Open source AI.");
  remedy = mr_policy_flag_dup_remedy (flag, &evidence);
  g_assert_cmpstr (remedy, ==,
                   "Missing: weights without gated access, an open licence for the weights "
                   "without use restrictions, OSI-licensed training code, OSI-licensed "
                   "inference code, data card.");
  flag = find_flag (flags, n, MR_POLICY_ISSUE_MISSING_COMPONENTS);
  g_assert_cmpuint (flag->components, ==, (1u << MR_COMPONENT_DATA_CARD) |
                                          (1u << MR_COMPONENT_EVALUATION_RESULTS) |
                                          (1u << MR_COMPONENT_EVALUATION_DATA));
  g_assert_nonnull (find_flag (flags, n, MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE));
  g_assert_nonnull (find_flag (flags, n, MR_POLICY_ISSUE_INFERENCE_CHECK));

  /* Limited tier: open weights, as a warning. */
  n = evaluate (&evidence, "chatbot", flags);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_OPENNESS);
  g_assert_cmpint (flags[0].severity, ==, MR_FLAG_SEVERITY_WARNING);

  /* Minimal tier accepts it. */
  g_assert_cmpuint (evaluate (&evidence, "code-assistant", flags), ==, 0);
}

static void
test_apache_without_data_card (void)
{
  g_autoptr(MrModelRecord) record = apache_new ();
  MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
  g_autofree char *remedy = NULL;
  MrPolicyEvidence evidence;
  guint n;

  mr_policy_evidence_init (&evidence, record, NULL);
  g_assert_cmpint (evidence.openness.level, ==, MR_OPENNESS_OPEN_WEIGHTS);
  /* "apache-2.0" is not an exact SPDX id: MOT would not count it. */
  g_assert_cmpint (evidence.mof.status[MR_COMPONENT_FINAL_PARAMETERS], ==,
                   MR_MOF_STATUS_INVALID_LICENSE);

  g_assert_cmpuint (evaluate (&evidence, "chatbot", flags), ==, 0);
  g_assert_cmpuint (evaluate (&evidence, "document-summarisation", flags), ==, 0);

  n = evaluate (&evidence, "recruitment-screening", flags);
  g_assert_cmpuint (n, ==, 3);
  remedy = mr_policy_flag_dup_remedy (find_flag (flags, n, MR_POLICY_ISSUE_OPENNESS), &evidence);
  g_assert_cmpstr (remedy, ==, "Missing: OSI-licensed training code, data card.");
  g_assert_nonnull (find_flag (flags, n, MR_POLICY_ISSUE_MISSING_COMPONENTS));
  g_assert_nonnull (find_flag (flags, n, MR_POLICY_ISSUE_INFERENCE_CHECK));
}

static void
test_fully_open (void)
{
  g_autoptr(MrModelRecord) record = olmo_new ();
  MrPolicyInputs inputs = { .inference_check = MR_INFERENCE_CHECK_PASSED };
  MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
  MrPolicyEvidence evidence;

  mr_policy_evidence_init (&evidence, record, &inputs);
  g_assert_cmpint (evidence.openness.level, ==, MR_OPENNESS_OPEN_SCIENCE);
  g_assert_cmpuint (evidence.mof.mof_class, ==, 1);
  g_assert_cmpuint (evaluate (&evidence, "credit-scoring", flags), ==, 0);
  g_assert_cmpuint (evaluate (&evidence, "chatbot", flags), ==, 0);
  g_assert_cmpuint (evaluate (&evidence, "code-assistant", flags), ==, 0);

  /* Only the prohibited tier still blocks it. */
  g_assert_cmpuint (evaluate (&evidence, "social-scoring", flags), ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_PROHIBITED);
  g_assert_cmpint (flags[0].severity, ==, MR_FLAG_SEVERITY_BLOCKING);

  /* A failed check is flagged, and says so. */
  evidence.inputs.inference_check = MR_INFERENCE_CHECK_FAILED;
  g_assert_cmpuint (evaluate (&evidence, "credit-scoring", flags), ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_INFERENCE_CHECK);
}

static void
test_api_only (void)
{
  g_autoptr(MrModelRecord) record = api_new ();
  MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
  MrPolicyEvidence evidence;
  guint n;

  mr_policy_evidence_init (&evidence, record, NULL);
  g_assert_cmpint (evidence.openness.level, ==, MR_OPENNESS_CLOSED);

  n = evaluate (&evidence, "code-assistant", flags);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_VENDOR_AGREEMENT);
  g_assert_cmpint (flags[0].severity, ==, MR_FLAG_SEVERITY_INFO);

  /* The agreement on file, in the entry's own field. */
  record->vendor_agreement = g_strdup ("MSA-2026-014, signed 2026-03-01");
  mr_policy_evidence_init (&evidence, record, NULL);
  g_assert_cmpuint (evaluate (&evidence, "code-assistant", flags), ==, 0);

  n = evaluate (&evidence, "chatbot", flags);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (flags[0].required_level, ==, MR_OPENNESS_OPEN_WEIGHTS);
}

static void
test_non_commercial_and_unknown_use (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("Research model", NULL);
  MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];
  g_autofree char *reason = NULL;
  MrPolicyEvidence evidence;

  mr_policy_test_set_present (record, MR_COMPONENT_FINAL_PARAMETERS, "CC-BY-NC-4.0");
  record->components[MR_COMPONENT_FINAL_PARAMETERS].verified = FALSE;
  mr_policy_evidence_init (&evidence, record, NULL);
  g_assert_cmpstr (evidence.non_commercial_license->id, ==, "CC-BY-NC-4.0");

  g_assert_cmpuint (evaluate (&evidence, "translation", flags), ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE);
  g_assert_cmpint (flags[0].severity, ==, MR_FLAG_SEVERITY_WARNING);
  reason = mr_policy_flag_dup_reason (&flags[0], &evidence);
  g_assert_true (g_str_has_suffix (reason, "Provisional: the evidence is not yet reviewed."));

  g_assert_cmpuint (evaluate (&evidence, "fortune-telling", flags), ==, 1);
  g_assert_cmpint (flags[0].issue, ==, MR_POLICY_ISSUE_UNKNOWN_USE);
  g_assert_null (flags[0].use);
}

static void
test_evaluate_record (void)
{
  g_autoptr(MrModelRecord) record = llama_new ();
  const char * const uses[] = { "credit-scoring", "chatbot", "code-assistant", NULL };
  MrPolicyInputs inputs = { .gated = TRUE };
  g_autoptr(GArray) flags = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  MrPolicyEvidence evidence;
  MrFlagSeverity worst;
  JsonObject *entry;
  guint count;

  g_strfreev (record->intended_uses);
  record->intended_uses = g_strdupv ((char **) uses);
  mr_policy_evidence_init (&evidence, record, &inputs);
  flags = mr_policy_evaluate (framework, &evidence);
  g_assert_cmpuint (flags->len, ==, 5);
  mr_policy_summarize ((MrPolicyFlag *) flags->data, flags->len, &worst, &count);
  g_assert_cmpint (worst, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpuint (count, ==, 5);

  mr_policy_add_json_entry (builder, &evidence, (MrPolicyFlag *) flags->data, flags->len);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  entry = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (entry, "name"), ==, "Llama 3.1 8B Instruct");
  g_assert_cmpstr (json_object_get_string_member (entry, "openness_level"), ==,
                   "open-weights-restricted");
  g_assert_cmpstr (json_object_get_string_member (entry, "worst_severity"), ==, "blocking");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (entry, "mof"), "class"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "flags")), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (entry, "flags"), 0), "use"),
                   ==, "credit-scoring");
}

typedef struct {
  GPtrArray *records;
  guint      expected;
} ThreadData;

static guint
count_flags (GPtrArray *records)
{
  const char * const uses[] = { "credit-scoring", "chatbot", "code-assistant", "social-scoring" };
  guint total = 0;

  for (guint i = 0; i < records->len; i++)
    {
      MrPolicyInputs inputs = { .gated = i % 2 == 0 };
      MrPolicyEvidence evidence;

      mr_policy_evidence_init (&evidence, g_ptr_array_index (records, i), &inputs);
      for (guint u = 0; u < G_N_ELEMENTS (uses); u++)
        {
          MrPolicyFlag flags[MR_POLICY_MAX_FLAGS_PER_USE];

          total += mr_policy_evaluate_use (framework, &evidence, uses[u], flags);
        }
    }
  return total;
}

static gpointer
evaluate_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint round = 0; round < 50; round++)
    g_assert_cmpuint (count_flags (data->records), ==, data->expected);
  return NULL;
}

/* Shared records, framework and catalogues, evaluated from several
 * threads at once, give the same flags as on one thread. */
static void
test_threads (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  GThread *threads[4];
  ThreadData data;

  g_ptr_array_add (records, llama_new ());
  g_ptr_array_add (records, apache_new ());
  g_ptr_array_add (records, olmo_new ());
  g_ptr_array_add (records, api_new ());
  data.records = records;
  data.expected = count_flags (records);
  g_assert_cmpuint (data.expected, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("evaluate", evaluate_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  framework = mr_framework_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/policy/llama-3.1", test_llama);
  g_test_add_func ("/policy/apache-without-data-card", test_apache_without_data_card);
  g_test_add_func ("/policy/fully-open", test_fully_open);
  g_test_add_func ("/policy/api-only", test_api_only);
  g_test_add_func ("/policy/non-commercial-and-unknown-use", test_non_commercial_and_unknown_use);
  g_test_add_func ("/policy/evaluate-record", test_evaluate_record);
  g_test_add_func ("/policy/threads", test_threads);

  status = g_test_run ();
  g_object_unref (framework);
  return status;
}
