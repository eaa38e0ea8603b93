/* test-mof.c — MOF classification against MOT's own conformance cases, and
 * the edge cases MOT's data shows in practice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "mr-mof.h"
#include "mr-mot-yaml.h"
#include "mr-policy-test-util.h"
#include "mr-test-records.h"

#define PERCENT_TOLERANCE 0.01

static const MrComponentKind class3_required[] = {
  MR_COMPONENT_MODEL_ARCHITECTURE,
  MR_COMPONENT_FINAL_PARAMETERS,
  MR_COMPONENT_EVALUATION_RESULTS,
  MR_COMPONENT_MODEL_CARD,
  MR_COMPONENT_DATA_CARD,
  MR_COMPONENT_TECHNICAL_REPORT,
};

static MrModelRecord *
parse_case (const char *file)
{
  g_autofree char *path = mr_test_data_path ("mot", "cases", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MrModelRecord *record;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  record = mr_mot_yaml_parse (contents, length, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
test_conformance (void)
{
  g_autofree char *path = mr_test_data_path ("mot", "expected.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  guint matched = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 27);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *expected = json_array_get_object_element (cases, i);
      JsonObject *progress = json_object_get_object_member (expected, "progress");
      const char *file = json_object_get_string_member (expected, "file");
      g_autoptr(MrModelRecord) record = parse_case (file);
      MrMofResult result;

      mr_mof_classify (record, &result);
      g_test_message ("%s: class %u, %.2f / %.2f / %.2f", file, result.mof_class,
                      result.progress[1], result.progress[2], result.progress[3]);
      g_assert_cmpint (result.mof_class, ==, json_object_get_int_member (expected, "class"));
      g_assert_cmpstr (mr_mof_class_get_label (result.mof_class), ==,
                       json_object_get_string_member (expected, "label"));
      g_assert_cmpfloat_with_epsilon (result.progress[1],
                                      json_object_get_double_member (progress, "1"),
                                      PERCENT_TOLERANCE);
      g_assert_cmpfloat_with_epsilon (result.progress[2],
                                      json_object_get_double_member (progress, "2"),
                                      PERCENT_TOLERANCE);
      g_assert_cmpfloat_with_epsilon (result.progress[3],
                                      json_object_get_double_member (progress, "3"),
                                      PERCENT_TOLERANCE);
      matched++;
    }
  g_assert_cmpuint (matched, ==, 27);
}

static void
test_empty_record (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("empty", "Apache-2.0");
  MrMofResult result;

  mr_mof_classify (record, &result);
  g_assert_cmpuint (result.mof_class, ==, 0);
  for (guint c = 1; c <= 3; c++)
    g_assert_cmpfloat (result.progress[c], ==, 0.0);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      g_assert_cmpint (result.status[kind], ==, MR_MOF_STATUS_MISSING);
      g_assert_null (result.license[kind]);
    }
  g_assert_cmpuint (result.not_type_appropriate, ==, 0);
  g_assert_false (result.paper_replaces_report);
}

/* Licence strings seen in MOT's own data that are not SPDX ids. */
static void
test_junk_licenses (void)
{
  const char *junk[] = { "Component not include", "Component Component not included",
                         "MIT license", "Apache 2.0", "apache-2.0", "mit", " MIT",
                         "Proprietary", "llama3.1", "", "unlicensed " };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("junk", NULL);
      MrMofResult result;

      /* set_string turns "" into NULL: the component then has no licence. */
      mr_policy_test_set_present (record, MR_COMPONENT_MODEL_ARCHITECTURE, junk[i]);
      mr_mof_classify (record, &result);
      g_assert_cmpint (result.status[MR_COMPONENT_MODEL_ARCHITECTURE], ==,
                       *junk[i] == '\0' ? MR_MOF_STATUS_UNLICENSED : MR_MOF_STATUS_INVALID_LICENSE);
      g_assert_cmpfloat (result.progress[3], ==, 0.0);
    }
}

static void
test_resolution_order (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("order", "MIT");
  MrMofResult result;

  mr_model_record_set_string (&record->license_code, "Apache-2.0");
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_ARCHITECTURE, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_TRAINING_CODE, "BSD-3-Clause");
  mr_policy_test_set_present (record, MR_COMPONENT_INFERENCE_CODE, "unlicensed");
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_CARD, NULL);

  mr_mof_classify (record, &result);
  g_assert_cmpstr (result.license[MR_COMPONENT_MODEL_ARCHITECTURE], ==, "Apache-2.0");
  g_assert_cmpstr (result.license[MR_COMPONENT_TRAINING_CODE], ==, "BSD-3-Clause");
  g_assert_null (result.license[MR_COMPONENT_INFERENCE_CODE]);
  g_assert_cmpint (result.status[MR_COMPONENT_INFERENCE_CODE], ==, MR_MOF_STATUS_UNLICENSED);
  g_assert_cmpstr (result.license[MR_COMPONENT_MODEL_CARD], ==, "MIT");
  g_assert_cmpint (result.status[MR_COMPONENT_MODEL_CARD], ==, MR_MOF_STATUS_INCLUDED);
  /* MIT is a code licence: open, but a warning on a document. */
  g_assert_true (result.not_type_appropriate & (1u << MR_COMPONENT_MODEL_CARD));
  g_assert_false (result.not_type_appropriate & (1u << MR_COMPONENT_MODEL_ARCHITECTURE));
}

static void
test_mentioned_is_not_listed (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("mentioned", "Apache-2.0");
  MrMofResult result;

  for (guint i = 0; i < G_N_ELEMENTS (class3_required); i++)
    mr_policy_test_set_present (record, class3_required[i], NULL);
  record->components[MR_COMPONENT_DATA_CARD].availability = MR_AVAILABILITY_MENTIONED;

  mr_mof_classify (record, &result);
  g_assert_cmpint (result.status[MR_COMPONENT_DATA_CARD], ==, MR_MOF_STATUS_MISSING);
  g_assert_cmpuint (result.mof_class, ==, 0);
  g_assert_cmpfloat_with_epsilon (result.progress[3], 500.0 / 6.0, PERCENT_TOLERANCE);
}

static void
test_paper_replaces_report (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("paper", NULL);
  MrMofResult result;

  mr_model_record_set_string (&record->license_code, "Apache-2.0");
  mr_model_record_set_string (&record->license_data, "CDLA-Permissive-2.0");
  mr_model_record_set_string (&record->license_document, "CC-BY-4.0");
  for (guint i = 0; i < G_N_ELEMENTS (class3_required); i++)
    if (class3_required[i] != MR_COMPONENT_TECHNICAL_REPORT)
      mr_policy_test_set_present (record, class3_required[i], NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_RESEARCH_PAPER, NULL);

  mr_mof_classify (record, &result);
  g_assert_true (result.paper_replaces_report);
  g_assert_cmpuint (result.mof_class, ==, 3);
  g_assert_cmpfloat (result.progress[3], ==, 100.0);
  g_assert_cmpfloat (result.progress[2], ==, 60.0);
  g_assert_cmpfloat (result.progress[1], ==, 0.0);

  /* A paper under a licence that is not open fills the slot but counts
   * nothing. */
  mr_policy_test_set_present (record, MR_COMPONENT_RESEARCH_PAPER, "CC-BY-NC-4.0");
  mr_mof_classify (record, &result);
  g_assert_true (result.paper_replaces_report);
  g_assert_cmpuint (result.mof_class, ==, 0);
  g_assert_cmpfloat_with_epsilon (result.progress[3], 500.0 / 6.0, PERCENT_TOLERANCE);
}

static void
test_optional_never_counts (void)
{
  g_autoptr(MrModelRecord) record = mr_policy_test_record_new ("optional", "Apache-2.0");
  MrMofResult result;

  mr_policy_test_set_present (record, MR_COMPONENT_SAMPLE_OUTPUTS, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_SUPPORTING_LIBRARIES, NULL);
  mr_policy_test_set_present (record, MR_COMPONENT_MODEL_METADATA, "Proprietary");

  mr_mof_classify (record, &result);
  g_assert_cmpint (result.status[MR_COMPONENT_SAMPLE_OUTPUTS], ==, MR_MOF_STATUS_INCLUDED);
  g_assert_cmpint (result.status[MR_COMPONENT_MODEL_METADATA], ==, MR_MOF_STATUS_INVALID_LICENSE);
  g_assert_false (mr_mof_component_is_required (MR_COMPONENT_SAMPLE_OUTPUTS));
  g_assert_cmpfloat (result.progress[3], ==, 0.0);
}

static void
test_json (void)
{
  g_autoptr(MrModelRecord) record = parse_case ("FullTestFile_C1_100%-C2_100%-C3_100%_17C_4G_17L_17V_0I_17T.yml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonObject *progress;
  JsonArray *components;
  MrMofResult result;
  guint n_warnings;

  mr_mof_classify (record, &result);
  json = mr_mof_result_to_json (&result);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "class"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "label"), ==, "Class I - Open Science Model");
  progress = json_object_get_object_member (root, "progress");
  for (guint c = 1; c <= 3; c++)
    {
      char key[2] = { '0' + c, '\0' };

      g_assert_cmpfloat (json_object_get_double_member (progress, key), ==, 100.0);
    }
  components = json_object_get_array_member (root, "components");
  g_assert_cmpuint (json_array_get_length (components), ==, MR_N_COMPONENTS);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);

      g_assert_cmpstr (json_object_get_string_member (component, "status"), ==, "included");
      g_assert_nonnull (json_object_get_string_member (component, "license"));
    }
  n_warnings = 0;
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    n_warnings += (result.not_type_appropriate >> kind) & 1;
  g_assert_cmpuint (n_warnings, >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==,
                    n_warnings);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mof/conformance", test_conformance);
  g_test_add_func ("/mof/empty-record", test_empty_record);
  g_test_add_func ("/mof/junk-licenses", test_junk_licenses);
  g_test_add_func ("/mof/resolution-order", test_resolution_order);
  g_test_add_func ("/mof/mentioned-is-not-listed", test_mentioned_is_not_listed);
  g_test_add_func ("/mof/paper-replaces-report", test_paper_replaces_report);
  g_test_add_func ("/mof/optional-never-counts", test_optional_never_counts);
  g_test_add_func ("/mof/json", test_json);

  return g_test_run ();
}
