/* test-json-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-json-util"

#include "config.h"

#include "mr-json-util.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char sample[] =
  "{ \"s\": \"text\", \"i\": 42, \"b\": true, \"o\": { \"k\": 1 },"
  "  \"a\": [ \"x\", 2 ], \"n\": null }";

static void
test_string (void)
{
  g_autoptr(JsonObject) object = parse_object (sample);
  g_autofree char *value = g_strdup ("default");

  g_assert_true (mr_json_read_string (object, "missing", &value));
  g_assert_cmpstr (value, ==, "default");
  g_assert_true (mr_json_read_string (object, "n", &value));
  g_assert_cmpstr (value, ==, "default");
  g_assert_false (mr_json_read_string (object, "i", &value));
  g_assert_false (mr_json_read_string (object, "o", &value));
  g_assert_cmpstr (value, ==, "default");
  g_assert_true (mr_json_read_string (object, "s", &value));
  g_assert_cmpstr (value, ==, "text");
}

static void
test_int (void)
{
  g_autoptr(JsonObject) object = parse_object (sample);
  gint64 value = -7;

  g_assert_true (mr_json_read_int (object, "missing", &value));
  g_assert_true (mr_json_read_int (object, "n", &value));
  g_assert_cmpint (value, ==, -7);
  g_assert_false (mr_json_read_int (object, "s", &value));
  g_assert_false (mr_json_read_int (object, "b", &value));
  g_assert_cmpint (value, ==, -7);
  g_assert_true (mr_json_read_int (object, "i", &value));
  g_assert_cmpint (value, ==, 42);
}

static void
test_bool (void)
{
  g_autoptr(JsonObject) object = parse_object (sample);
  gboolean value = FALSE;

  g_assert_true (mr_json_read_bool (object, "n", &value));
  g_assert_false (value);
  g_assert_false (mr_json_read_bool (object, "i", &value));
  g_assert_false (value);
  g_assert_true (mr_json_read_bool (object, "b", &value));
  g_assert_true (value);
}

static void
test_containers (void)
{
  g_autoptr(JsonObject) object = parse_object (sample);
  JsonObject *inner = NULL;
  JsonArray *array = NULL;

  g_assert_true (mr_json_read_object (object, "n", &inner));
  g_assert_null (inner);
  g_assert_false (mr_json_read_object (object, "a", &inner));
  g_assert_null (inner);
  g_assert_true (mr_json_read_object (object, "o", &inner));
  g_assert_cmpint (json_object_get_int_member (inner, "k"), ==, 1);

  g_assert_true (mr_json_read_array (object, "missing", &array));
  g_assert_null (array);
  g_assert_false (mr_json_read_array (object, "s", &array));
  g_assert_null (array);
  g_assert_true (mr_json_read_array (object, "a", &array));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_true (mr_json_node_is_string (json_array_get_element (array, 0)));
  g_assert_false (mr_json_node_is_string (json_array_get_element (array, 1)));
  g_assert_false (mr_json_node_is_string (json_object_get_member (object, "n")));
  g_assert_false (mr_json_node_is_string (json_object_get_member (object, "o")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-util/string", test_string);
  g_test_add_func ("/json-util/int", test_int);
  g_test_add_func ("/json-util/bool", test_bool);
  g_test_add_func ("/json-util/containers", test_containers);

  return g_test_run ();
}
