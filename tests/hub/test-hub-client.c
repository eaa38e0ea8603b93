/* test-hub-client.c — model info, tree, README, listings and Hub errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-hub-client.h"
#include "mr-network-error.h"
#include "mr-error.h"
#include "mr-test-hub-server.h"

#define GPT2_SHA "607a30d783dfa663caf39e06633721c8d4cfcd7e"

typedef struct {
  MrTestHubServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mr_test_hub_server_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mr_test_hub_server_free (f->server);
}

static MrHubClient *
client_new (Fixture    *f,
            const char *token)
{
  MrHubClient *client = mr_hub_client_new (mr_test_hub_server_get_base (f->server), token);

  mr_http_client_set_wait_scale (mr_hub_client_get_http (client), 0.001);
  return client;
}

static MrHubModelInfo *
model_info (MrHubClient *client,
            const char  *repo_id,
            const char  *revision,
            GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_hub_client_model_info_async (client, repo_id, revision, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_hub_client_model_info_finish (client, result, error);
}

static GBytes *
readme (MrHubClient *client,
        const char  *repo_id,
        const char  *revision,
        GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_hub_client_fetch_readme_async (client, repo_id, revision, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_hub_client_fetch_readme_finish (client, result, error);
}

static MrHubSnapshot *
snapshot (MrHubClient *client,
          const char  *repo_id,
          GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_hub_client_fetch_snapshot_async (client, repo_id, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_hub_client_fetch_snapshot_finish (client, result, error);
}

static void
assert_names (GError     *error,
              const char *model,
              const char *path_part)
{
  g_assert_nonnull (strstr (error->message, model));
  g_assert_nonnull (strstr (error->message, path_part));
}

static void
test_endpoint (void)
{
  g_unsetenv ("HF_ENDPOINT");
  g_assert_cmpstr (mr_hub_client_default_endpoint (), ==, "https://huggingface.co");
  g_setenv ("HF_ENDPOINT", "https://hub.example.org", TRUE);
  g_assert_cmpstr (mr_hub_client_default_endpoint (), ==, "https://hub.example.org");
  g_unsetenv ("HF_ENDPOINT");
}

static void
test_info_gpt2 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) info = model_info (client, "openai-community/gpt2", NULL, &error);
  const char *const expected_license[] = { "mit", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, "openai-community/gpt2");
  g_assert_cmpstr (info->author, ==, "openai-community");
  g_assert_cmpstr (info->sha, ==, GPT2_SHA);
  g_assert_cmpint (info->gating, ==, MR_HUB_GATING_NONE);
  g_assert_false (info->is_private);
  g_assert_false (info->disabled);
  g_assert_cmpstrv (info->license_tags, expected_license);
  g_assert_cmpstr (info->model_type, ==, "gpt2");
  g_assert_cmpstr (info->architectures[0], ==, "GPT2LMHeadModel");
  g_assert_cmpstr (info->library_name, ==, "transformers");
  g_assert_cmpstr (info->pipeline_tag, ==, "text-generation");
  g_assert_cmpint (info->parameters, ==, 137022720);
  g_assert_cmpint (info->downloads, >, 0);
  g_assert_cmpint (info->likes, >, 0);
  g_assert_nonnull (info->last_modified);
  g_assert_nonnull (info->card_data);
  g_assert_cmpstr (info->card_data->licenses[0], ==, "mit");
  g_assert_cmpuint (info->siblings->len, >, 5);
}

static void
test_info_gated_and_revision (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) llama = model_info (client, "meta-llama/Llama-3.1-8B", "main", &error);
  g_autoptr(MrHubModelInfo) gemma = NULL;
  g_autoptr(MrHubModelInfo) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (llama->gating, ==, MR_HUB_GATING_MANUAL);
  g_assert_cmpint (llama->parameters, ==, 8030261248);
  gemma = model_info (client, "google/gemma-2-2b", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gemma->gating, ==, MR_HUB_GATING_AUTO);

  missing = model_info (client, "openai-community/gpt2", "no-such-branch", &error);
  g_assert_null (missing);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_REVISION_NOT_FOUND);
  assert_names (error, "openai-community/gpt2", "/revision/no-such-branch");
}

static void
test_info_renamed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) info = model_info (client, "bert-base-uncased", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->id, ==, "google-bert/bert-base-uncased");
  g_assert_cmpstr (info->author, ==, "google-bert");
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MrHubClient) anonymous = client_new (f, NULL);
  g_autoptr(MrHubClient) with_token = client_new (f, MR_TEST_TOKEN_NO_ACCESS);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) info = NULL;

  /* 401 without a token, 404 with one: the same "not found or not visible". */
  info = model_info (anonymous, "nonexistent-org/nonexistent-model", NULL, &error);
  g_assert_null (info);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND);
  assert_names (error, "nonexistent-org/nonexistent-model", "/api/models/nonexistent-org");
  g_clear_error (&error);

  info = model_info (with_token, "nonexistent-org/nonexistent-model", NULL, &error);
  g_assert_null (info);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND);
  assert_names (error, "nonexistent-org/nonexistent-model", "Repository not found");
  g_assert_null (strstr (error->message, MR_TEST_TOKEN_NO_ACCESS));
}

static void
test_invalid_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, MR_TEST_TOKEN_INVALID);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) info = model_info (client, "openai-community/gpt2", NULL, &error);

  g_assert_null (info);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_UNAUTHORIZED);
  assert_names (error, "openai-community/gpt2", "Invalid credentials");
  g_assert_null (strstr (error->message, MR_TEST_TOKEN_INVALID));
}

static void
test_bad_repo_id (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubModelInfo) info = model_info (client, "a/../../etc/passwd", NULL, &error);

  g_assert_null (info);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "a/../../etc/passwd"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  const struct { MrTestFault fault; const char *text; } cases[] = {
    { MR_TEST_FAULT_TRUNCATED, NULL },
    { MR_TEST_FAULT_NOT_JSON, NULL },
    { MR_TEST_FAULT_BODY, "[1, 2, 3]" },
    { MR_TEST_FAULT_BODY, "{\"id\": \"openai-community/gpt2\", \"sha\": 42}" },
    { MR_TEST_FAULT_BODY, "{\"id\": \"openai-community/gpt2\"}" },
    { MR_TEST_FAULT_BODY, "{\"id\": \"openai-community/gpt2\", \"sha\": \"x\", \"tags\": [1]}" },
    { MR_TEST_FAULT_BODY, "{\"id\": \"openai-community/gpt2\", \"sha\": \"x\", \"gated\": 3}" },
    { MR_TEST_FAULT_BODY, "{\"id\": \"openai-community/gpt2\", \"sha\": \"x\", \"siblings\": [{}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MrHubClient) client = client_new (f, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrHubModelInfo) info = NULL;

      mr_test_hub_server_add_fault (f->server, "/api/models/openai-community/gpt2",
                                    cases[i].fault, 1, cases[i].text);
      info = model_info (client, "openai-community/gpt2", NULL, &error);
      g_assert_null (info);
      g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED);
      assert_names (error, "openai-community/gpt2", "/api/models/openai-community/gpt2");
    }
}

static void
test_tree (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const MrHubFile *weights = NULL;

  mr_hub_client_list_files_async (client, "google-bert/bert-base-uncased",
                                  "dd4bc8b21efa05ec961e3efc4ee5e3832a3679c7", NULL,
                                  mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  files = mr_hub_client_list_files_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      const MrHubFile *file = g_ptr_array_index (files, i);

      g_assert_cmpint (file->size, >=, 0);
      if (g_str_equal (file->path, "tf_model.h5"))
        weights = file;
    }
  g_assert_nonnull (weights);
  g_assert_cmpint (weights->size, ==, 536063208);
  g_assert_cmpstr (weights->lfs_sha256, ==,
                   "a7a17d6d844b5de815ccab5f42cad6d24496db3850a2a43d8258221018ce87d2");
}

static void
test_tree_malformed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_test_hub_server_add_fault (f->server, "/api/models/openai-community/gpt2/tree/" GPT2_SHA,
                                MR_TEST_FAULT_BODY, 1, "[{\"type\": \"file\", \"path\": 7}]");
  mr_hub_client_list_files_async (client, "openai-community/gpt2", GPT2_SHA, NULL,
                                  mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  files = mr_hub_client_list_files_finish (client, result, &error);
  g_assert_null (files);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED);
  assert_names (error, "openai-community/gpt2", "“path”");
}

static void
test_readme_redirect (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = readme (client, "openai-community/gpt2", "main", &error);

  /* 307 to /api/resolve-cache/…, followed. */
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (text, NULL), "---\nlanguage: en"));
}

static void
test_readme_gated (Fixture       *f,
                   gconstpointer  data)
{
  const char *tokens[] = { NULL, MR_TEST_TOKEN_NO_ACCESS };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(MrHubClient) client = client_new (f, tokens[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) text = readme (client, "meta-llama/Llama-3.1-8B", "main", &error);

      g_assert_null (text);
      g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_GATED);
      assert_names (error, "meta-llama/Llama-3.1-8B", "/resolve/main/README.md");
    }
}

static void
test_readme_granted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, MR_TEST_TOKEN_WITH_ACCESS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = readme (client, "meta-llama/Llama-3.1-8B", "main", &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (text, NULL), "license: llama3.1"));
}

static void
test_listing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_hub_client_list_models_async (client, "EleutherAI", "pythia", 3, NULL,
                                   mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  models = mr_hub_client_list_models_finish (client, result, &error);
  g_assert_no_error (error);
  /* Three on the first page, the rest behind its Link: rel="next". */
  g_assert_cmpuint (models->len, >, 3);
  for (guint i = 0; i < models->len; i++)
    g_assert_true (g_str_has_prefix (((MrHubModelInfo *) g_ptr_array_index (models, i))->id,
                                     "EleutherAI/pythia"));
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, "/api/models"), ==, 2);
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubSnapshot) gpt2 = snapshot (client, "openai-community/gpt2", &error);
  g_autoptr(MrHubSnapshot) llama = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (gpt2->info->sha, ==, GPT2_SHA);
  g_assert_nonnull (gpt2->files);
  g_assert_nonnull (gpt2->readme_card);
  g_assert_cmpstr (gpt2->readme_card->licenses[0], ==, "mit");
  g_assert_false (gpt2->readme_gated);
  /* Tree and card were asked for at the sha, not at "main". */
  g_assert_cmpuint (mr_test_hub_server_get_hits (
    f->server, "/api/models/openai-community/gpt2/tree/" GPT2_SHA), ==, 1);
  g_assert_cmpuint (mr_test_hub_server_get_hits (
    f->server, "/openai-community/gpt2/resolve/" GPT2_SHA "/README.md"), ==, 1);

  llama = snapshot (client, "meta-llama/Llama-3.1-8B", &error);
  g_assert_no_error (error);
  g_assert_true (llama->readme_gated);
  g_assert_null (llama->readme_card);
}

static void
test_snapshot_fails_whole (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MrHubClient) client = client_new (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubSnapshot) snap = NULL;

  mr_test_hub_server_add_fault (f->server, "/openai-community/gpt2/resolve/" GPT2_SHA "/README.md",
                                MR_TEST_FAULT_BODY, 1, "---\nlicense: [mit\n---\n");
  snap = snapshot (client, "openai-community/gpt2", &error);
  g_assert_null (snap);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "openai-community/gpt2"));
  g_clear_error (&error);

  mr_test_hub_server_add_fault (f->server, "/api/models/openai-community/gpt2/tree/" GPT2_SHA,
                                MR_TEST_FAULT_SERVER_ERROR, 0, NULL);
  mr_http_client_set_retries (mr_hub_client_get_http (client), 2, 10);
  snap = snapshot (client, "openai-community/gpt2", &error);
  g_assert_null (snap);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_SERVER);
  assert_names (error, "openai-community/gpt2", "/tree/");
}

int
main (int   argc,
      char *argv[])
{
  mr_test_hub_server_prepare_environment ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hub/endpoint", test_endpoint);
#define ADD(path, func) \
  g_test_add ("/hub/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("info/gpt2", test_info_gpt2);
  ADD ("info/gated-and-revision", test_info_gated_and_revision);
  ADD ("info/renamed", test_info_renamed);
  ADD ("info/not-found", test_not_found);
  ADD ("info/invalid-token", test_invalid_token);
  ADD ("info/bad-repo-id", test_bad_repo_id);
  ADD ("info/malformed", test_malformed);
  ADD ("tree/lfs", test_tree);
  ADD ("tree/malformed", test_tree_malformed);
  ADD ("readme/redirect", test_readme_redirect);
  ADD ("readme/gated", test_readme_gated);
  ADD ("readme/granted", test_readme_granted);
  ADD ("listing/pages", test_listing);
  ADD ("snapshot/pinned", test_snapshot);
  ADD ("snapshot/fails-whole", test_snapshot_fails_whole);
#undef ADD

  return g_test_run ();
}
