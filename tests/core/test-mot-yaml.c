/* test-mot-yaml.c — the Model Openness Tool's model file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"
#include "mr-mot-yaml.h"
#include "mr-test-records.h"

static MrModelRecord *
parse_file (const char  *path,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return mr_mot_yaml_parse (contents, length, path, error);
}

static MrModelRecord *
parse_string (const char  *yaml,
              GError     **error)
{
  return mr_mot_yaml_parse (yaml, strlen (yaml), "model.yml", error);
}

static guint
count_present (const MrModelRecord *record)
{
  guint n = 0;

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      const MrComponent *component = &record->components[i];

      g_assert_cmpint (component->source, ==, MR_EVIDENCE_SOURCE_MOT_IMPORT);
      g_assert_false (component->verified);
      if (component->availability == MR_AVAILABILITY_PRESENT)
        n++;
      else
        g_assert_cmpint (component->availability, ==, MR_AVAILABILITY_ABSENT);
    }
  return n;
}

/* The file names carry the number of listed components: "…_15C_…". */
static guint
components_in_name (const char *basename)
{
  g_autoptr(GRegex) regex = g_regex_new ("_([0-9]+)C_", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;

  g_assert_true (g_regex_match (regex, basename, 0, &match));
  digits = g_match_info_fetch (match, 1);
  return atoi (digits);
}

/* parse(write(record)) keeps what the format carries. */
static void
assert_round_trip (const MrModelRecord *record)
{
  g_autofree char *yaml = mr_mot_yaml_write (record);
  g_autoptr(MrModelRecord) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (yaml);
  again = mr_mot_yaml_parse (yaml, strlen (yaml), "written.yml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->name, ==, record->name);
  g_assert_cmpstr (again->version, ==, record->version);
  g_assert_cmpstr (again->provider, ==, record->provider);
  g_assert_cmpstr (again->license, ==, record->license);
  g_assert_cmpstr (again->license_code, ==, record->license_code);
  g_assert_cmpstr (again->license_data, ==, record->license_data);
  g_assert_cmpstr (again->license_document, ==, record->license_document);
  g_assert_cmpint (again->source_kind, ==, record->source_kind);
  g_assert_cmpstr (again->source_ref, ==, record->source_ref);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      const MrComponent *expected = &record->components[i];
      const MrComponent *actual = &again->components[i];
      gboolean present = expected->availability == MR_AVAILABILITY_PRESENT;

      g_assert_cmpint (actual->availability, ==,
                       present ? MR_AVAILABILITY_PRESENT : MR_AVAILABILITY_ABSENT);
      g_assert_cmpstr (actual->license, ==, present ? expected->license : NULL);
      g_assert_cmpstr (actual->link, ==, present ? expected->link : NULL);
    }
}

static void
test_conformance_cases (void)
{
  g_autofree char *dir_path = mr_test_data_path ("mot", "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *basename;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((basename = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, basename, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrModelRecord) record = NULL;

      g_test_message ("%s", basename);
      record = parse_file (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (record->name);
      g_assert_true (g_str_has_prefix (record->provider, "Test"));
      g_assert_nonnull (record->version);
      g_assert_cmpint (record->source_kind, ==, MR_SOURCE_KIND_MANUAL);
      g_assert_cmpuint (count_present (record), ==, components_in_name (basename));
      g_assert_true (mr_model_record_validate (record, NULL));
      assert_round_trip (record);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 27);
}

static void
test_full_case (void)
{
  g_autofree char *path =
    mr_test_data_path ("mot", "cases",
                       "FullTestFile_C1_100%-C2_100%-C3_100%_17C_4G_17L_17V_0I_17T.yml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = parse_file (path, &error);
  const MrComponent *architecture;

  g_assert_no_error (error);
  g_assert_cmpstr (record->name, ==, "FullTestFile_C1_100%-C2_100%-C3_100%_17C_4G_17L_17V_0I_17T");
  g_assert_cmpstr (record->version, ==, "1B");
  g_assert_cmpstr (record->provider, ==, "Test");
  g_assert_cmpstr (record->license, ==, "AFL-1.2");
  g_assert_cmpstr (record->license_code, ==, "AFL-2.1");
  g_assert_cmpstr (record->license_data, ==, "CC-BY-2.5");
  g_assert_cmpstr (record->license_document, ==, "CC0-1.0");
  g_assert_cmpuint (count_present (record), ==, 17);
  architecture = &record->components[MR_COMPONENT_MODEL_ARCHITECTURE];
  g_assert_cmpstr (architecture->license, ==, "AFL-3.0");
  g_assert_cmpstr (architecture->link, ==, "https://example.com/component_14");
  g_assert_cmpstr (record->components[MR_COMPONENT_MODEL_METADATA].license, ==, "ODbL-1.0");
}

static void
test_sample (void)
{
  g_autofree char *path = mr_test_data_path ("mot", "sample_model.yml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = parse_file (path, &error);
  const MrComponent *components;

  g_assert_no_error (error);
  components = record->components;
  g_assert_cmpstr (record->name, ==, "My-model");
  g_assert_null (record->version);    /* '' */
  g_assert_null (record->provider);
  g_assert_cmpstr (record->license, ==, "Apache-2.0");
  g_assert_cmpstr (record->license_code, ==, "MIT");
  g_assert_null (record->license_data);     /* "name:" with nothing after it */
  g_assert_null (record->license_document);
  g_assert_cmpuint (count_present (record), ==, 17);
  /* Kept as written: resolving licences is the classifier's business. */
  g_assert_cmpstr (components[MR_COMPONENT_MODEL_ARCHITECTURE].license, ==, "unlicensed");
  g_assert_cmpstr (components[MR_COMPONENT_PREPROCESSING_CODE].license, ==, "Apache-2.0");
  g_assert_cmpstr (components[MR_COMPONENT_PREPROCESSING_CODE].link, ==, "/path/to/component");
  g_assert_null (components[MR_COMPONENT_TRAINING_CODE].license);   /* omitted: inherits */
  g_assert_null (components[MR_COMPONENT_TRAINING_CODE].link);
}

static void
test_minimal (void)
{
  g_autoptr(GError) error = NULL;
  const char *yaml =
    "release:\n"
    "  name: Tiny\n"
    "  huggingface: https://huggingface.co/org/tiny-model/tree/main\n"
    "  license: {}\n"
    "  components:\n"
    "  - name: Datasets\n"
    "    license: junk licence string!\n"
    "    license_path: https://example.com/LICENSE\n"
    "  - name: Model card\n"
    "    license: ~\n";
  g_autoptr(MrModelRecord) record = parse_string (yaml, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (record->name, ==, "Tiny");
  g_assert_null (record->license);
  g_assert_cmpint (record->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_cmpstr (record->source_ref, ==, "org/tiny-model");
  g_assert_cmpuint (count_present (record), ==, 2);
  g_assert_cmpstr (record->components[MR_COMPONENT_DATASETS].license, ==, "junk licence string!");
  g_assert_cmpstr (record->components[MR_COMPONENT_DATASETS].link, ==,
                   "https://example.com/LICENSE");
  g_assert_null (record->components[MR_COMPONENT_MODEL_CARD].license);
  assert_round_trip (record);
}

static void
test_writer (void)
{
  g_autoptr(MrModelRecord) record = mr_test_record_new_full (0);
  g_autofree char *yaml = mr_mot_yaml_write (record);

  g_assert_true (g_str_has_prefix (yaml, "framework:\n"
                                         "  name: 'Model Openness Framework'\n"
                                         "  version: '1.0'\n"
                                         "  date: '2024-12-15'\n"
                                         "release:\n"));
  /* Strings a YAML reader would take for numbers stay strings. */
  g_assert_nonnull (strstr (yaml, "  version: '1.0'\n  date: '2026-11-25'\n"));
  g_assert_nonnull (strstr (yaml, "  license:\n    distribution:\n      name: 'llama3.1'\n"));
  g_assert_nonnull (strstr (yaml,
                    "  huggingface: 'https://huggingface.co/meta-llama/Llama-3.1-8B'\n"));
  g_assert_nonnull (strstr (yaml, "  - name: 'Model parameters (Final)'\n"));
}

static void
test_hostile_round_trip (void)
{
  for (guint variant = 0; variant < MR_TEST_N_VARIANTS; variant++)
    {
      g_autoptr(MrModelRecord) record = mr_test_record_new_full (variant);

      g_test_message ("variant %u", variant);
      assert_round_trip (record);
    }
}

typedef struct {
  const char *yaml;
  int         code;
  const char *fragments[3];
} BadInput;

static void
test_errors (void)
{
  const BadInput cases[] = {
    { "", MR_PARSE_ERROR_SYNTAX, { "model.yml: the file is empty" } },
    { "# only a comment\n", MR_PARSE_ERROR_SYNTAX, { "model.yml: the file is empty" } },
    { "release:\n  name: [unclosed\n", MR_PARSE_ERROR_SYNTAX, { "model.yml:3:" } },
    { "release:\n  name: a\n   producer: b: c\n", MR_PARSE_ERROR_SYNTAX, { "model.yml:3:" } },
    { "release:\n\tname: tab\n", MR_PARSE_ERROR_SYNTAX, { "model.yml:2:" } },
    { "just some text\n", MR_PARSE_ERROR_INVALID_VALUE, { "model.yml:1: not a MOT model file" } },
    { "- a\n- b\n", MR_PARSE_ERROR_INVALID_VALUE, { "model.yml:1: not a MOT model file" } },
    { "framework:\n  name: x\n", MR_PARSE_ERROR_MISSING_FIELD, { "model.yml:1: field “release”" } },
    { "framework: 1\nrelease:\n  name: a\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:1: field “framework”: expected a mapping" } },
    { "release:\n  version: 1\n", MR_PARSE_ERROR_MISSING_FIELD,
      { "model.yml:2: field “release.name”" } },
    { "release:\n  name:\n  - a\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:3: field “release.name”: expected a string" } },
    { "release:\n  name: a\n  license:\n    code: MIT\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:4: field “release.license.code”: expected a mapping" } },
    { "release:\n  name: a\n  license:\n    data:\n      name: {x: 1}\n",
      MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:5: field “release.license.data.name”: expected a string" } },
    { "release:\n  name: a\n  components: Datasets\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:3: field “release.components”: expected a list" } },
    { "release:\n  name: a\n  components:\n  - Datasets\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:4: field “release.components”: expected a mapping" } },
    { "release:\n  name: a\n  components:\n  - description: no name\n",
      MR_PARSE_ERROR_MISSING_FIELD,
      { "model.yml:4: field “release.components.name”" } },
    { "release:\n  name: a\n  components:\n  - name: Datasets\n  - name: Model weights\n",
      MR_PARSE_ERROR_INVALID_VALUE,
        { "model.yml:5: field “release.components.name”: “Model weights”" } },
    { "release:\n  name: a\n  components:\n  - name: datasets\n",
      MR_PARSE_ERROR_INVALID_VALUE, { "model.yml:4:", "“datasets”" } },
    { "release:\n  name: a\n  components:\n  - name: Datasets\n  - name: Datasets\n",
      MR_PARSE_ERROR_INVALID_VALUE, { "model.yml:5:", "listed twice (first at line 4)" } },
    { "release:\n  name: a\n  components:\n  - name: Datasets\n    license: [MIT]\n",
      MR_PARSE_ERROR_INVALID_VALUE,
        { "model.yml:5: field “release.components.license”: expected a string" } },
    { "release:\n  name: a\n  name: b\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:3: field “release.name”: given twice (first at line 2)" } },
    { "release:\n  ? [complex, key]\n  : value\n", MR_PARSE_ERROR_INVALID_VALUE,
      { "model.yml:2: a mapping key must be plain text" } },
    { "release:\n  name: caf\xc3\n", MR_PARSE_ERROR_ENCODING, { "model.yml:2: not valid UTF-8" } },
    { "release:\n  name: a\n---\nrelease:\n  name: b\n", MR_PARSE_ERROR_SYNTAX,
      { "model.yml:3:", "more than one YAML document" } },
    { "a: &x [1, 2]\nb: *x\n", MR_PARSE_ERROR_INVALID_VALUE, { "model.yml:2: YAML aliases" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrModelRecord) record = parse_string (cases[i].yaml, &error);

      g_test_message ("case %u", i);
      g_assert_null (record);
      mr_test_assert_error (error, MR_PARSE_ERROR, cases[i].code,
                            cases[i].fragments[0], cases[i].fragments[1], cases[i].fragments[2],
                            NULL);
    }
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) yaml = g_string_new ("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;

  for (char c = 'b'; c <= 'j'; c++)
    g_string_append_printf (yaml, "%c: &%c [*%c, *%c, *%c, *%c, *%c]\n", c, c, c - 1, c - 1, c - 1,
                            c - 1, c - 1);
  record = parse_string (yaml->str, &error);
  g_assert_null (record);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                        "model.yml:2: YAML aliases", NULL);
}

static void
test_too_deep (void)
{
  g_autoptr(GString) yaml = g_string_new ("release:\n  name: ");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;

  /* The mapping, "release"'s mapping and 63 lists make 65 levels. */
  for (guint i = 0; i < 63; i++)
    g_string_append_c (yaml, '[');
  for (guint i = 0; i < 63; i++)
    g_string_append_c (yaml, ']');
  g_string_append_c (yaml, '\n');
  record = parse_string (yaml->str, &error);
  g_assert_null (record);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                        "model.yml:2:", "nested more than 64 levels", NULL);

  /* One level less is read, and fails only on its type. */
  g_clear_error (&error);
  g_string_assign (yaml, "release:\n  name: ");
  for (guint i = 0; i < 62; i++)
    g_string_append_c (yaml, '[');
  for (guint i = 0; i < 62; i++)
    g_string_append_c (yaml, ']');
  record = parse_string (yaml->str, &error);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE, "expected a string",
                        NULL);
}

static void
test_too_many_nodes (void)
{
  g_autoptr(GString) yaml = g_string_new ("release:\n  name: a\n  junk:\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (yaml, "  - x\n");
  record = parse_string (yaml->str, &error);
  g_assert_null (record);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                        "more than 10000 nodes", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mot-yaml/conformance-cases", test_conformance_cases);
  g_test_add_func ("/mot-yaml/full-case", test_full_case);
  g_test_add_func ("/mot-yaml/sample", test_sample);
  g_test_add_func ("/mot-yaml/minimal", test_minimal);
  g_test_add_func ("/mot-yaml/writer", test_writer);
  g_test_add_func ("/mot-yaml/hostile-round-trip", test_hostile_round_trip);
  g_test_add_func ("/mot-yaml/errors", test_errors);
  g_test_add_func ("/mot-yaml/billion-laughs", test_billion_laughs);
  g_test_add_func ("/mot-yaml/too-deep", test_too_deep);
  g_test_add_func ("/mot-yaml/too-many-nodes", test_too_many_nodes);

  return g_test_run ();
}
