/* test-model-json.c — the app's own JSON format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-test-records.h"

static GPtrArray *
parse_string (const char  *json,
              GError     **error)
{
  return mr_model_records_from_json (json, -1, "models.json", error);
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) records = mr_test_record_array_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint variant = 0; variant < MR_TEST_N_VARIANTS; variant++)
    g_ptr_array_add (records, mr_test_record_new_full (variant));
  g_ptr_array_add (records, mr_model_record_new ());
  mr_model_record_set_string (&((MrModelRecord *) records->pdata[records->len - 1])->name, "bare");

  for (guint pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *json = mr_model_records_to_json (records, pretty);
      g_autofree char *path = mr_test_write_file ("round-trip.json", json, -1);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      parsed = mr_model_records_from_json (contents, length, path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (parsed->len, ==, records->len);
      for (guint i = 0; i < records->len; i++)
        mr_test_assert_same_record (records->pdata[i], parsed->pdata[i]);
      g_clear_pointer (&parsed, g_ptr_array_unref);
    }
}

static void
test_single_object (void)
{
  g_autoptr(MrModelRecord) record = mr_test_record_new_full (3);
  g_autofree char *json = mr_model_record_to_json (record, FALSE);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (json, "{"));
  parsed = parse_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 1);
  mr_test_assert_same_record (record, parsed->pdata[0]);
}

static void
test_shape (void)
{
  g_autoptr(MrModelRecord) record = mr_test_record_new_full (0);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *components;
  JsonObject *component;

  record->last_checked_at = 0;
  mr_model_record_set_string (&record->notes, NULL);
  node = mr_model_record_to_json_node (record);
  object = json_node_get_object (node);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==,
                   "approved-with-conditions");
  g_assert_cmpstr (json_object_get_string_member (object, "source_kind"), ==, "hugging-face");
  g_assert_cmpstr (json_object_get_string_member (object, "data_sensitivity"), ==,
                   "special-category");
  g_assert_cmpstr (json_object_get_string_member (object, "updated_at"), ==,
                   "2026-11-25T12:00:00Z");
  g_assert_true (json_object_get_null_member (object, "last_checked_at"));
  g_assert_true (json_object_get_null_member (object, "notes"));
  g_assert_cmpstr (json_object_get_string_member (object, "license_code"), ==, "Apache-2.0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "intended_uses")),
                    ==, 2);

  components = json_object_get_array_member (object, "components");
  g_assert_cmpuint (json_array_get_length (components), ==, MR_N_COMPONENTS);
  component = json_array_get_object_element (components, MR_COMPONENT_FINAL_PARAMETERS);
  g_assert_cmpstr (json_object_get_string_member (component, "component"), ==, "final-parameters");
  g_assert_cmpstr (json_object_get_string_member (component, "availability"), ==, "present");
  g_assert_cmpstr (json_object_get_string_member (component, "license"), ==, "MIT");
  g_assert_cmpstr (json_object_get_string_member (component, "source"), ==, "hub");
  g_assert_false (json_object_get_boolean_member (component, "verified"));
  g_assert_cmpuint (json_object_get_size (component), ==, 6);
  component = json_array_get_object_element (components, MR_COMPONENT_MODEL_ARCHITECTURE);
  g_assert_true (json_object_get_null_member (component, "license"));
  g_assert_true (json_object_get_null_member (component, "link"));
}

static void
test_fixture (void)
{
  g_autofree char *path = mr_test_data_path ("json", "models.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MrModelRecord *record;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  records = mr_model_records_from_json (contents, length, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  record = records->pdata[0];
  g_assert_cmpint (record->id, ==, 42);
  g_assert_cmpuint (record->revision, ==, 3);
  g_assert_cmpstr (record->name, ==, "Llama 3.1 8B Instruct");
  g_assert_cmpint (record->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_cmpint (record->status, ==, MR_STATUS_APPROVED_WITH_CONDITIONS);
  g_assert_cmpint (record->worst_flag, ==, MR_FLAG_SEVERITY_WARNING);
  g_assert_cmpstr (record->tags[1], ==, "8b");
  g_assert_null (record->tags[2]);
  g_assert_null (record->license_code);
  g_assert_cmpint (record->created_at, ==, 1795167000);
  /* An offset is honoured: 12:00 at +01:00 is 11:00 UTC. */
  g_assert_cmpint (record->updated_at, ==, 1795604400);
  g_assert_cmpint (record->last_checked_at, ==, 0);
  g_assert_cmpint (record->components[MR_COMPONENT_FINAL_PARAMETERS].availability, ==,
                   MR_AVAILABILITY_PRESENT);
  g_assert_true (record->components[MR_COMPONENT_FINAL_PARAMETERS].verified);
  g_assert_cmpint (record->components[MR_COMPONENT_FINAL_PARAMETERS].source, ==,
                   MR_EVIDENCE_SOURCE_HUB);
  g_assert_cmpint (record->components[MR_COMPONENT_TRAINING_CODE].availability, ==,
                   MR_AVAILABILITY_ABSENT);
  g_assert_cmpint (record->components[MR_COMPONENT_DATASETS].availability, ==,
                   MR_AVAILABILITY_UNKNOWN);

  /* Omitted fields take the defaults of a new record. */
  record = records->pdata[1];
  g_assert_cmpstr (record->name, ==, "Minimal entry");
  g_assert_cmpint (record->id, ==, 0);
  g_assert_cmpint (record->status, ==, MR_STATUS_DRAFT);
  g_assert_nonnull (record->tags);
  g_assert_null (record->tags[0]);
  g_assert_cmpint (record->components[MR_COMPONENT_MODEL_CARD].kind, ==, MR_COMPONENT_MODEL_CARD);
}

typedef struct {
  const char *json;
  int         code;
  const char *fragments[3];
} BadInput;

static void
test_errors (void)
{
  const BadInput cases[] = {
    { "[{\"name\": 5}]", MR_PARSE_ERROR_INVALID_VALUE,
      { "models.json: entry 1: field “name”: expected a string" } },
    { "[{\"name\": \"a\"}, {\"name\": \"b\", \"tags\": \"x\"}]", MR_PARSE_ERROR_INVALID_VALUE,
      { "models.json: entry 2: field “tags”: expected an array" } },
    { "[{\"name\": \"a\", \"tags\": [\"x\", 1]}]", MR_PARSE_ERROR_INVALID_VALUE,
      { "entry 1: field “tags”: item 2: expected a string" } },
    { "{\"name\": \"a\", \"status\": \"aproved\"}", MR_PARSE_ERROR_INVALID_VALUE,
      { "models.json: field “status”", "“aproved”", "approved-with-conditions" } },
    { "{\"name\": \"a\", \"status\": null}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “status”: expected a string" } },
    { "{\"name\": \"a\", \"nmae\": \"b\", \"colour\": 1}", MR_PARSE_ERROR_UNKNOWN_COLUMN,
      { "unknown fields “nmae”, “colour”" } },
    { "{\"provider\": \"x\"}", MR_PARSE_ERROR_MISSING_FIELD, { "field “name” is missing" } },
    { "{\"name\": \"\"}", MR_PARSE_ERROR_MISSING_FIELD, { "field “name” is missing" } },
    { "{\"name\": \"a\", \"n_flags\": -1}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “n_flags”", "-1" } },
    { "{\"name\": \"a\", \"n_flags\": 4294967296}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “n_flags”" } },
    { "{\"name\": \"a\", \"id\": 1.5}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “id”: expected a whole number" } },
    { "{\"name\": \"a\", \"revision\": \"3\"}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “revision”: expected a whole number" } },
    { "{\"name\": \"a\", \"created_at\": \"yesterday\"}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “created_at”", "“yesterday”" } },
    { "{\"name\": \"a\", \"created_at\": 1764072000}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “created_at”: expected a string or null" } },
    { "{\"name\": \"a\", \"components\": {}}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “components”: expected an array" } },
    { "{\"name\": \"a\", \"components\": [\"datasets\"]}", MR_PARSE_ERROR_INVALID_VALUE,
      { "field “components”: item 1: expected an object" } },
    { "{\"name\": \"a\", \"components\": [{\"availability\": \"present\"}]}",
      MR_PARSE_ERROR_MISSING_FIELD, { "item 1: field “component” is missing" } },
    { "{\"name\": \"a\", \"components\": [{\"component\": \"weights\"}]}",
      MR_PARSE_ERROR_INVALID_VALUE, { "item 1: field “component”", "“weights”" } },
    { "{\"name\": \"a\", \"components\": "
      "[{\"component\": \"datasets\"}, {\"component\": \"datasets\"}]}",
      MR_PARSE_ERROR_INVALID_VALUE, { "item 2: component “datasets” is listed twice" } },
    { "{\"name\": \"a\", \"components\": [{\"component\": \"datasets\", \"verified\": \"yes\"}]}",
      MR_PARSE_ERROR_INVALID_VALUE, { "field “verified”: expected true or false" } },
    { "{\"name\": \"a\", \"components\": [{\"component\": \"datasets\", \"licence\": \"MIT\"}]}",
      MR_PARSE_ERROR_UNKNOWN_COLUMN, { "field “components”: item 1: unknown field “licence”" } },
    { "{\"name\": \"a\", \"components\": "
      "[{\"component\": \"datasets\", \"availability\": \"yes\"}]}",
      MR_PARSE_ERROR_INVALID_VALUE, { "field “availability”", "“yes”" } },
    { "[{\"name\": \"a\",}]", MR_PARSE_ERROR_SYNTAX, { "models.json:1:" } },
    { "[\n{\"name\": \"a\"},\n{\"name\" \"b\"}\n]", MR_PARSE_ERROR_SYNTAX, { "models.json:3:" } },
    { "[\n{\"name\": \"caf\xc3\"}\n]", MR_PARSE_ERROR_ENCODING, { "models.json:2:", "UTF-8" } },
    { "", MR_PARSE_ERROR_SYNTAX, { "models.json: " } },
    { "  \n ", MR_PARSE_ERROR_SYNTAX, { "models.json: " } },
    { "\"a model\"", MR_PARSE_ERROR_INVALID_VALUE, { "models.json: expected an array" } },
    { "[{\"name\": \"a\"}, 7]", MR_PARSE_ERROR_INVALID_VALUE,
      { "models.json: entry 2: expected an object" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = parse_string (cases[i].json, &error);

      g_test_message ("case %u", i);
      g_assert_null (records);
      mr_test_assert_error (error, MR_PARSE_ERROR, cases[i].code,
                            cases[i].fragments[0], cases[i].fragments[1], cases[i].fragments[2],
                            NULL);
    }
}

static void
test_too_deep (void)
{
  g_autoptr(GString) json = g_string_new ("[{\"name\": \"[not nesting]\", "
                                          "\"notes\": \"\\\"{\"}, \n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  /* Deep enough to overflow json-glib's recursive parser. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, ']');
  records = parse_string (json->str, &error);
  g_assert_null (records);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                        "models.json:2:", "nested more than 64 levels", NULL);

  /* Brackets inside strings do not count. */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_error (&error);
  records = parse_string ("[{\"name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                          "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}]", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_origin (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"name\": [1]}", NULL);
  g_autoptr(GError) error = NULL;
  MrModelRecord *record;

  record = mr_model_record_from_json_node (node, "audit entry 12 (before)", &error);
  g_assert_null (record);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                        "audit entry 12 (before): field “name”: expected a string", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model-json/round-trip", test_round_trip);
  g_test_add_func ("/model-json/single-object", test_single_object);
  g_test_add_func ("/model-json/shape", test_shape);
  g_test_add_func ("/model-json/fixture", test_fixture);
  g_test_add_func ("/model-json/errors", test_errors);
  g_test_add_func ("/model-json/too-deep", test_too_deep);
  g_test_add_func ("/model-json/origin", test_origin);

  return g_test_run ();
}
