/* test-verify.c — SHA-256 of files and the verify job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "mr-error.h"
#include "mr-sha256.h"
#include "mr-test-weights.h"
#include "mr-verify.h"

static char *
write_text (const char *name,
            const char *text)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
  return mr_test_write_file (g_get_user_cache_dir (), name, bytes);
}

static void
test_sha256_vectors (void)
{
  g_autofree char *empty = write_text ("empty", "");
  g_autofree char *abc = write_text ("abc", "abc");
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_hex = NULL;
  g_autofree char *abc_hex = NULL;
  guint64 size = 1;

  empty_hex = mr_sha256_file (empty, &size, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty_hex, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpuint (size, ==, 0);
  abc_hex = mr_sha256_file (abc, &size, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abc_hex, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpuint (size, ==, 3);
}

typedef struct {
  guint   calls;
  guint64 last_done;
  guint64 last_total;
} Progress;

static void
count_progress (guint64  done,
                guint64  total,
                gpointer data)
{
  Progress *progress = data;

  g_assert_cmpuint (done, >=, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->last_total = total;
}

/* 3 MiB and a bit: several blocks and a partial one. */
static GByteArray *
pseudo_random_bytes (gsize size)
{
  GByteArray *bytes = g_byte_array_sized_new (size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  g_byte_array_set_size (bytes, size);
  for (gsize i = 0; i < size; i++)
    bytes->data[i] = g_rand_int (rand) & 0xff;
  return bytes;
}

static void
test_sha256_large (void)
{
  g_autoptr(GByteArray) bytes = pseudo_random_bytes (3 * 1024 * 1024 + 17);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "large", bytes);
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data,
                                                           bytes->len);
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  Progress progress = { 0 };

  hex = mr_sha256_file (path, NULL, count_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, expected);
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_cmpuint (progress.last_done, ==, bytes->len);
  g_assert_cmpuint (progress.last_total, ==, bytes->len);
}

static void
test_sha256_errors (void)
{
  g_autofree char *abc = write_text ("abc", "abc");
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (mr_sha256_file (missing, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (mr_sha256_file (abc, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (mr_sha256_is_valid_hex (
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
  g_assert_false (mr_sha256_is_valid_hex ("e3b0"));
  g_assert_false (mr_sha256_is_valid_hex (
    "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Cancelled while it runs: the job checks before every 1 MiB block. */
static void
test_sha256_async_cancel (void)
{
  g_autoptr(GByteArray) bytes = pseudo_random_bytes (64 * 1024 * 1024);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "big", bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data,
                                                           bytes->len);
  Progress progress = { 0 };
  guint64 size = 0;

  mr_sha256_file_async (path, count_progress, &progress, NULL, store_result, &result);
  hex = mr_sha256_file_finish (wait_for (&result), &size, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, expected);
  g_assert_cmpuint (size, ==, bytes->len);
  /* The final report arrives on this thread before the result. */
  g_assert_cmpuint (progress.last_done, ==, bytes->len);
  g_clear_object (&result);

  mr_sha256_file_async (path, NULL, NULL, cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_null (mr_sha256_file_finish (wait_for (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_verify_gguf (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, TRUE);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "model.gguf", bytes);
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data,
                                                         bytes->len);
  g_autoptr(MrVerifyExpectation) expected = mr_verify_expectation_new ();
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  const MrVerifiedFile *file;

  expected->sha256 = g_ascii_strup (sha256, -1);
  expected->parameters = MR_TEST_GGUF_PARAMETERS;
  expected->architectures = g_strsplit ("LlamaForCausalLM", ",", -1);
  result = mr_verify_path (path, expected, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->format, ==, MR_WEIGHTS_FORMAT_GGUF);
  g_assert_cmpuint (result->n_parameters, ==, MR_TEST_GGUF_PARAMETERS);
  g_assert_cmpuint (result->size, ==, bytes->len);
  g_assert_cmpstr (result->architecture, ==, "llama");
  g_assert_cmpstr (result->license, ==, "apache-2.0");
  g_assert_cmpuint (result->findings->len, ==, 0);
  g_assert_cmpint (result->severity, ==, MR_FLAG_SEVERITY_NONE);
  file = g_ptr_array_index (result->files, 0);
  g_assert_cmpstr (file->sha256, ==, sha256);
  g_assert_cmpstr (file->expected_sha256, ==, sha256);

  text = mr_verify_result_to_json (result, FALSE);
  json = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "parameters"), ==,
                   MR_TEST_GGUF_PARAMETERS);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "severity"), ==,
                   "none");
}

static gboolean
has_finding (const MrVerifyResult *result,
             MrFlagSeverity        severity,
             const char           *text)
{
  for (guint i = 0; i < result->findings->len; i++)
    {
      const MrVerifyFinding *finding = g_ptr_array_index (result->findings, i);

      if (finding->severity == severity && strstr (finding->message, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_verify_mismatch (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (2, FALSE);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "m.gguf", bytes);
  g_autoptr(MrVerifyExpectation) expected = mr_verify_expectation_new ();
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrHubFile hub_file = { (char *) "sub/m.gguf", 10,
                         (char *) "0000000000000000000000000000000000000000000000000000000000000000" };
  const MrVerifyFinding *finding;

  expected->hub_files = g_ptr_array_new ();
  g_ptr_array_add (expected->hub_files, &hub_file);
  expected->parameters = 7;
  expected->architectures = g_strsplit ("MistralForCausalLM", ",", -1);
  result = mr_verify_path (path, expected, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->severity, ==, MR_FLAG_SEVERITY_BLOCKING);
  /* Size and SHA-256 (blocking), then parameters and architecture. */
  g_assert_cmpuint (result->findings->len, ==, 4);
  g_assert_true (has_finding (result, MR_FLAG_SEVERITY_BLOCKING, "bytes, but the hub says 10"));
  g_assert_true (has_finding (result, MR_FLAG_SEVERITY_BLOCKING, "SHA-256"));
  finding = g_ptr_array_index (result->findings, 1);
  g_assert_cmpint (finding->severity, ==, MR_FLAG_SEVERITY_BLOCKING);
  finding = g_ptr_array_index (result->findings, 2);
  g_assert_cmpint (finding->severity, ==, MR_FLAG_SEVERITY_WARNING);
}

/* The hub's answer, as mr-hub-model-info parses it, is the expectation. */
static void
test_verify_hub_expectation (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, TRUE);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "model-Q8_0.gguf", bytes);
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data,
                                                         bytes->len);
  g_autofree char *answer = g_strdup_printf (
    "{\"id\":\"org/m\",\"sha\":\"0123\",\"gguf\":{\"total\":%d},"
    "\"config\":{\"model_type\":\"llama\",\"architectures\":[\"LlamaForCausalLM\"]},"
    "\"siblings\":[{\"rfilename\":\"README.md\"},"
    "{\"rfilename\":\"model-Q8_0.gguf\",\"lfs\":{\"sha256\":\"%s\",\"size\":%u}}]}",
    MR_TEST_GGUF_PARAMETERS + 1, sha256, bytes->len);
  g_autoptr(MrHubModelInfo) info = NULL;
  g_autoptr(MrVerifyExpectation) expected = NULL;
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const MrVerifyFinding *finding;

  node = json_from_string (answer, &error);
  g_assert_no_error (error);
  info = mr_hub_model_info_new_from_json (node, TRUE, "org/m", &error);
  g_assert_no_error (error);
  expected = mr_verify_expectation_new_from_hub (info, NULL);

  result = mr_verify_path (path, expected, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((MrVerifiedFile *) g_ptr_array_index (result->files, 0))->expected_sha256,
                   ==, sha256);
  /* Hashes match and "llama" is LlamaForCausalLM; only the count is off. */
  g_assert_cmpuint (result->findings->len, ==, 1);
  finding = g_ptr_array_index (result->findings, 0);
  g_assert_cmpint (finding->severity, ==, MR_FLAG_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "449"));
}

static void
test_verify_shards (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "sharded", NULL);
  g_autoptr(GByteArray) shard = mr_test_safetensors_new ();
  g_autoptr(GByteArray) other = mr_test_safetensors_new_raw (
    "{\"c\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]}}", 24);
  g_autofree char *p1 = NULL, *p2 = NULL, *index = NULL, *config = NULL;
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  p1 = mr_test_write_file (folder, "model-00001-of-00002.safetensors", shard);
  p2 = mr_test_write_file (folder, "model-00002-of-00002.safetensors", other);
  index = g_build_filename (folder, "model.safetensors.index.json", NULL);
  g_file_set_contents (index, "{\"metadata\":{\"total_size\":56},\"weight_map\":{"
                       "\"a\":\"model-00001-of-00002.safetensors\","
                       "\"b\":\"model-00001-of-00002.safetensors\","
                       "\"c\":\"model-00002-of-00002.safetensors\"}}", -1, &error);
  g_assert_no_error (error);
  config = g_build_filename (folder, "config.json", NULL);
  g_file_set_contents (config, "{\"architectures\":[\"LlamaForCausalLM\"]}", -1, &error);
  g_assert_no_error (error);

  result = mr_verify_path (folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->files->len, ==, 2);
  g_assert_cmpuint (result->n_parameters, ==, MR_TEST_SAFETENSORS_PARAMETERS + 3);
  g_assert_cmpuint (result->n_tensors, ==, 3);
  g_assert_cmpstr (result->architecture, ==, "LlamaForCausalLM");
  g_assert_cmpuint (result->findings->len, ==, 0);
  g_clear_pointer (&result, mr_verify_result_unref);

  /* A shard the index names is gone. */
  g_assert_cmpint (g_unlink (p2), ==, 0);
  result = mr_verify_path (folder, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->severity, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_nonnull (strstr (((MrVerifyFinding *) g_ptr_array_index (result->findings, 0))->message,
                            "model-00002-of-00002.safetensors"));
}

static void
test_verify_errors (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, FALSE);
  g_autofree char *empty_folder = g_build_filename (g_get_user_cache_dir (), "empty", NULL);
  g_autofree char *text = write_text ("notes.txt", "hello");
  g_autofree char *cut = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_set_size (bytes, bytes->len - 1);
  cut = mr_test_write_file (g_get_user_cache_dir (), "cut.gguf", bytes);
  g_assert_null (mr_verify_path (cut, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "cut.gguf: byte "));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (empty_folder, 0700), ==, 0);
  g_assert_null (mr_verify_path (empty_folder, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE);
  g_clear_error (&error);

  g_assert_null (mr_verify_path (text, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE);
}

static void
test_verify_async (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, FALSE);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "a.gguf", bytes);
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  mr_verify_path_async (path, NULL, count_progress, &progress, NULL, store_result,
                        &async_result);
  result = mr_verify_path_finish (wait_for (&async_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_parameters, ==, MR_TEST_GGUF_PARAMETERS);
  g_assert_cmpuint (progress.last_done, ==, bytes->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sha256/vectors", test_sha256_vectors);
  g_test_add_func ("/sha256/large", test_sha256_large);
  g_test_add_func ("/sha256/errors", test_sha256_errors);
  g_test_add_func ("/sha256/async-cancel", test_sha256_async_cancel);
  g_test_add_func ("/verify/gguf", test_verify_gguf);
  g_test_add_func ("/verify/mismatch", test_verify_mismatch);
  g_test_add_func ("/verify/hub-expectation", test_verify_hub_expectation);
  g_test_add_func ("/verify/shards", test_verify_shards);
  g_test_add_func ("/verify/errors", test_verify_errors);
  g_test_add_func ("/verify/async", test_verify_async);

  return g_test_run ();
}
