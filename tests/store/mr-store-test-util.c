/* mr-store-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-policy-stamp.h"
#include "mr-store-test-util.h"

/* The store stamps what it saves with its framework's outcome; records
 * stamped by the same (default) framework compare equal to what is read
 * back. */
static MrFramework *
default_framework (void)
{
  static MrFramework *framework;

  if (framework == NULL)
    {
      g_autoptr(GError) error = NULL;

      framework = mr_framework_new_default (&error);
      g_assert_no_error (error);
    }
  return framework;
}

MrFramework *
mr_store_test_lenient_framework_new (void)
{
  static const char yaml[] =
    "format: 1\n"
    "name: Lenient test framework\n"
    "tiers:\n"
    "  prohibited: {blocked: true, severity: blocking}\n"
    "  high: {severity: warning}\n"
    "  limited: {severity: warning}\n"
    "  minimal: {severity: warning}\n";
  g_autoptr(GError) error = NULL;
  MrFramework *framework = mr_framework_new_from_data (yaml, sizeof yaml - 1, "lenient.yml",
                                                       &error);

  g_assert_no_error (error);
  return framework;
}

void
mr_store_test_stamp (MrModelRecord *record)
{
  mr_policy_stamp_record (record, default_framework (), NULL);
}

MrModelRecord *
mr_store_test_record_new (guint n)
{
  MrModelRecord *record = mr_model_record_new ();
  g_autofree char *name = g_strdup_printf ("Model “%u”, with a comma", n);
  g_autofree char *repo = g_strdup_printf ("org-%u/model-%u", n % 7, n);

  mr_model_record_set_string (&record->name, name);
  mr_model_record_set_string (&record->provider, n % 2 ? "Mistral AI" : "Meta");
  mr_model_record_set_string (&record->version, "1.0");
  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_model_record_set_string (&record->source_ref, repo);
  mr_model_record_set_string (&record->source_revision, "0123456789abcdef");
  mr_model_record_set_string (&record->owner, "Data team");
  mr_model_record_set_string (&record->description, "Line one\nline two; \"quoted\"");
  mr_model_record_set_string (&record->license, n % 3 ? "apache-2.0" : "llama3.1");
  mr_model_record_set_string (&record->license_code, "Apache-2.0");
  g_strfreev (record->tags);
  record->tags = g_strsplit (n % 2 ? "chat;multilingual" : "code", ";", -1);
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strsplit (n % 2 ? "customer-support;credit-scoring" : "", ";", -1);
  record->deployment = MR_DEPLOYMENT_SELF_HOSTED;
  record->data_sensitivity = MR_DATA_SENSITIVITY_INTERNAL;
  record->status = n % 4;
  mr_model_record_set_string (&record->notes, n % 2 ? "Reviewed" : NULL);
  mr_model_record_set_string (&record->vendor_agreement, n % 3 ? NULL : "MSA-2026-014");
  record->created_at = 1700000000 + n;
  record->last_checked_at = n % 2 ? 1710000000 : 0;

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      MrComponent *component = &record->components[i];

      component->availability = (i + n) % 4;
      if (component->availability == MR_AVAILABILITY_PRESENT)
        {
          component->license = g_strdup (i % 2 ? "MIT" : "CC-BY-4.0");
          component->link = g_strdup_printf ("https://example.org/%u/%u", n, i);
        }
      component->source = MR_EVIDENCE_SOURCE_HUB;
      component->verified = i % 3 == 0;
    }
  mr_store_test_stamp (record);
  return record;
}

void
mr_store_test_clear_components (MrModelRecord *record)
{
  for (guint k = 0; k < MR_N_COMPONENTS; k++)
    {
      mr_component_clear (&record->components[k]);
      memset (&record->components[k], 0, sizeof record->components[k]);
      record->components[k].kind = k;
    }
  mr_store_test_stamp (record);
}

GPtrArray *
mr_store_test_records_new (guint n_records)
{
  GPtrArray *records = g_ptr_array_new_full (n_records, (GDestroyNotify) mr_model_record_unref);

  for (guint i = 0; i < n_records; i++)
    g_ptr_array_add (records, mr_store_test_record_new (i));
  return records;
}

char *
mr_store_test_register_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test case its own data folder. */
  return g_build_filename (g_get_user_data_dir (), "registers", name, NULL);
}

void
mr_store_test_assert_same_records (GPtrArray *expected,
                                   GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      MrModelRecord *a = g_ptr_array_index (expected, i);
      MrModelRecord *b = g_ptr_array_index (actual, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_true (mr_model_record_same_content (a, b));
    }
}

GBytes *
mr_store_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}
