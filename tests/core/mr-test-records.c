/* mr-test-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-test-records.h"

#define LONG_LENGTH 300

/* Strings an attacker or a careless spreadsheet could put in a field. */
static const char * const hostile_strings[MR_TEST_N_VARIANTS - 1] = {
  "<b>&amp;</b> \"quoted\", 'single'; semi\\colon",
  "Émoji 🦙🚀 mixed RTL \u202Eevil\u202C and 中文",
  "line one\nline two\r\nline three, with a comma",
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "- leading dash: looks like YAML; ~ null? yes",
  "'starts with an apostrophe",
};

/* A new string: one of hostile_strings, or 300 characters half of which
 * take two bytes. */
static char *
hostile (guint i)
{
  GString *text;

  i %= MR_TEST_N_VARIANTS;
  if (i < G_N_ELEMENTS (hostile_strings))
    return g_strdup (hostile_strings[i]);
  text = g_string_new (NULL);
  for (guint c = 0; c < LONG_LENGTH; c++)
    g_string_append (text, c % 2 == 0 ? "ä" : "x");
  return g_string_free (text, FALSE);
}

static GStrv
strv_new (char *first,
          ...)
{
  GPtrArray *items = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (char *item = first; item != NULL; item = va_arg (args, char *))
    g_ptr_array_add (items, item);
  va_end (args);
  g_ptr_array_add (items, NULL);
  return (GStrv) g_ptr_array_free (items, FALSE);
}

GPtrArray *
mr_test_record_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
}

MrModelRecord *
mr_test_record_new_full (guint variant)
{
  MrModelRecord *record = mr_model_record_new ();

  record->id = 1000 + variant;
  record->revision = 7 + variant;
  record->name = hostile (variant);
  record->provider = hostile (variant + 1);
  record->version = g_strdup ("1.0");
  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  record->source_ref = g_strdup ("meta-llama/Llama-3.1-8B");
  record->source_revision = g_strdup ("0e9e39f249a16976918f6564b8830bc894c89659");
  record->owner = hostile (variant + 2);
  record->description = hostile (variant + 3);
  record->license = g_strdup ("llama3.1");
  record->license_code = g_strdup ("Apache-2.0");
  record->license_data = g_strdup ("CC-BY-4.0");
  record->license_document = hostile (variant + 4);
  g_strfreev (record->tags);
  record->tags = strv_new (hostile (variant), g_strdup ("plain"),
                           g_strdup ("semi;colon \\ slash"), NULL);
  g_strfreev (record->intended_uses);
  record->intended_uses = strv_new (g_strdup ("credit-scoring"), g_strdup ("chatbot"), NULL);
  record->deployment = MR_DEPLOYMENT_SELF_HOSTED;
  record->data_sensitivity = MR_DATA_SENSITIVITY_SPECIAL_CATEGORY;
  record->status = MR_STATUS_APPROVED_WITH_CONDITIONS;
  record->openness = MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED;
  record->worst_flag = MR_FLAG_SEVERITY_BLOCKING;
  record->n_flags = 3;
  record->notes = hostile (variant + 5);
  record->created_at = 1764072000;      /* 2025-11-25T12:00:00Z */
  record->updated_at = 1795608000;      /* 2026-11-25T12:00:00Z */
  record->last_checked_at = 1795608001;

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      MrComponent *component = &record->components[i];

      component->availability = (i + variant) % 4;
      component->source = (i + variant) % 5;
      component->verified = i % 2 == 0;
      if (i % 3 == 1)
        component->license = g_strdup ("MIT");
      else if (i % 3 == 2)
        component->license = hostile (variant + i);
      if (i % 4 != 0)
        component->link = g_strdup_printf ("https://example.com/component/%u?a=1&b=<2>", i);
    }
  return record;
}

void
mr_test_assert_same_record (const MrModelRecord *expected,
                            const MrModelRecord *actual)
{
  g_assert_nonnull (actual);
  g_assert_cmpstr (actual->name, ==, expected->name);
  g_assert_cmpstr (actual->provider, ==, expected->provider);
  g_assert_cmpstr (actual->notes, ==, expected->notes);
  g_assert_true (g_strv_equal ((const char * const *) actual->tags,
                               (const char * const *) expected->tags));
  g_assert_true (mr_model_record_same_content (expected, actual));
  g_assert_cmpint (actual->id, ==, expected->id);
  g_assert_cmpuint (actual->revision, ==, expected->revision);
  g_assert_cmpint (actual->created_at, ==, expected->created_at);
  g_assert_cmpint (actual->updated_at, ==, expected->updated_at);
  g_assert_cmpint (actual->last_checked_at, ==, expected->last_checked_at);
}

void
mr_test_assert_error (const GError *error,
                      GQuark        domain,
                      int           code,
                      ...)
{
  va_list args;
  const char *fragment;

  g_assert_nonnull (error);
  if (error->domain != domain || error->code != code)
    g_error ("expected %s #%d, got %s #%d: %s", g_quark_to_string (domain), code,
             g_quark_to_string (error->domain), error->code, error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  va_start (args, code);
  while ((fragment = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, fragment) == NULL)
        g_error ("error message “%s” does not contain “%s”", error->message, fragment);
    }
  va_end (args);
}

char *
mr_test_write_file (const char *basename,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_cache_dir (), basename, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS makes this directory private to the test. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
mr_test_data_path (const char *first_element,
                   ...)
{
  const char *dir = g_getenv ("MODEL_REGISTER_TEST_DATA");
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  va_list args;
  const char *element;

  g_assert_nonnull (dir);
  g_ptr_array_add (elements, (gpointer) dir);
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (elements, (gpointer) element);
  va_end (args);
  g_ptr_array_add (elements, NULL);
  return g_build_filenamev ((char **) elements->pdata);
}
