/* test-model-record.c — field validators, copying and comparing records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"
#include "mr-model-record.h"
#include "mr-test-records.h"
#include "mr-validate.h"

static void
test_validate_required (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mr_validate_required ("Name", "x", NULL));
  g_assert_false (mr_validate_required ("Name", " \t ", &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED, "Name", NULL);
  g_clear_error (&error);
  g_assert_false (mr_validate_required ("Owner", NULL, &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED, "Owner", NULL);
}

static void
test_validate_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < MR_MODEL_RECORD_MAX_TEXT; i++)
    g_string_append (text, "ü");
  g_assert_true (mr_validate_length ("Provider", text->str, NULL));
  g_assert_true (mr_validate_length ("Provider", NULL, NULL));
  g_string_append_c (text, 'x');
  g_assert_false (mr_validate_length ("Provider", text->str, &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_TOO_LONG, "Provider", NULL);
  g_clear_error (&error);
  g_assert_false (mr_validate_length ("Provider", "bad \xff byte", &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE, "Provider",
                        NULL);
}

static void
test_validate_repo_id (void)
{
  const char *good[] = { "meta-llama/Llama-3.1-8B", "a/b", "Qwen/Qwen2.5_7B", NULL };
  const char *bad[] = { "llama", "/name", "owner/", "a--b/c", "a/b..c", "-a/b", "a/b.",
                        "a/b/c", "a b/c", NULL };

  for (guint i = 0; good[i] != NULL; i++)
    g_assert_true (mr_validate_repo_id (good[i], NULL));
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mr_validate_repo_id (bad[i], &error));
      mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_REPO_ID,
                            bad[i], NULL);
    }
}

static void
test_validate_url (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mr_validate_url ("Source URL", "https://api.example.com/v1/models", NULL));
  g_assert_true (mr_validate_url ("Source URL", "HTTP://example.com", NULL));
  g_assert_false (mr_validate_url ("Source URL", "ftp://example.com", &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_URL,
                        "Source URL", "ftp://example.com", NULL);
  g_clear_error (&error);
  g_assert_false (mr_validate_url ("Source URL", "https://", &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_URL, NULL);
}

static void
test_validate_local_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mr_test_write_file ("model.gguf", "GGUF", -1);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing.gguf", NULL);

  g_assert_true (mr_validate_local_path (path, NULL));
  g_assert_true (mr_validate_local_path (g_get_user_cache_dir (), NULL));
  g_assert_false (mr_validate_local_path (missing, &error));
  mr_test_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE, missing,
                        NULL);
}

static void
assert_invalid_key (MrModelRecord *record,
                    const char    *expected_key,
                    int            expected_code)
{
  g_autoptr(GError) error = NULL;
  const char *key = NULL;

  g_assert_false (mr_model_record_validate_with_key (record, &key, &error));
  g_assert_cmpstr (key, ==, expected_key);
  g_assert_error (error, MR_VALIDATION_ERROR, expected_code);
  g_clear_error (&error);
  g_assert_false (mr_model_record_validate (record, &error));
  g_assert_error (error, MR_VALIDATION_ERROR, expected_code);
}

static void
test_validate_record (void)
{
  g_autoptr(MrModelRecord) record = mr_model_record_new ();
  g_autofree char *long_text = g_strnfill (MR_MODEL_RECORD_MAX_TEXT + 1, 'x');
  const char *key = "untouched";

  assert_invalid_key (record, "name", MR_VALIDATION_ERROR_REQUIRED);
  mr_model_record_set_string (&record->name, "Llama");
  g_assert_true (mr_model_record_validate_with_key (record, &key, NULL));
  g_assert_cmpstr (key, ==, "untouched");

  mr_model_record_set_string (&record->owner, long_text);
  assert_invalid_key (record, "owner", MR_VALIDATION_ERROR_TOO_LONG);
  mr_model_record_set_string (&record->owner, NULL);

  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_model_record_set_string (&record->source_ref, "not a repo id");
  assert_invalid_key (record, "source_ref", MR_VALIDATION_ERROR_INVALID_REPO_ID);
  record->source_kind = MR_SOURCE_KIND_LOCAL_FILE;
  mr_model_record_set_string (&record->source_ref, "/nonexistent/model.gguf");
  assert_invalid_key (record, "source_ref", MR_VALIDATION_ERROR_NO_SUCH_FILE);
  record->source_kind = MR_SOURCE_KIND_OLLAMA;
  mr_model_record_set_string (&record->source_ref, NULL);
  assert_invalid_key (record, "source_ref", MR_VALIDATION_ERROR_REQUIRED);
}

static void
test_copy_and_compare (void)
{
  g_autoptr(MrModelRecord) original = mr_test_record_new_full (0);
  g_autoptr(MrModelRecord) copy = mr_model_record_copy (original);

  g_assert_true (copy != original);
  g_assert_true (copy->name != original->name);
  g_assert_true (copy->tags != original->tags);
  g_assert_true (copy->components[1].license != original->components[1].license);
  mr_test_assert_same_record (original, copy);

  /* Bookkeeping fields are not content. */
  copy->id++;
  copy->revision++;
  copy->updated_at++;
  g_assert_true (mr_model_record_same_content (original, copy));

  mr_model_record_set_string (&copy->notes, "changed");
  g_assert_false (mr_model_record_same_content (original, copy));
  mr_model_record_set_string (&copy->notes, original->notes);
  g_assert_true (mr_model_record_same_content (original, copy));

  copy->components[5].verified = !copy->components[5].verified;
  g_assert_false (mr_model_record_same_content (original, copy));
  copy->components[5].verified = original->components[5].verified;

  g_strfreev (copy->tags);
  copy->tags = g_new0 (char *, 1);
  g_assert_false (mr_model_record_same_content (original, copy));
}

static void
test_set_string (void)
{
  g_autofree char *field = g_strdup ("old");

  mr_model_record_set_string (&field, "");
  g_assert_null (field);
  mr_model_record_set_string (&field, "new");
  g_assert_cmpstr (field, ==, "new");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model-record/validate/required", test_validate_required);
  g_test_add_func ("/model-record/validate/length", test_validate_length);
  g_test_add_func ("/model-record/validate/repo-id", test_validate_repo_id);
  g_test_add_func ("/model-record/validate/url", test_validate_url);
  g_test_add_func ("/model-record/validate/local-path", test_validate_local_path);
  g_test_add_func ("/model-record/validate/record", test_validate_record);
  g_test_add_func ("/model-record/copy-and-compare", test_copy_and_compare);
  g_test_add_func ("/model-record/set-string", test_set_string);

  return g_test_run ();
}
