/* test-ollama.c — Ollama /api/tags, /api/show and their evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-network-error.h"
#include "mr-ollama-client.h"
#include "mr-test-hub-server.h"

typedef struct {
  MrTestHubServer *server;
  MrOllamaClient  *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mr_test_hub_server_new ();
  f->client = mr_ollama_client_new (mr_test_hub_server_get_base (f->server));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->client);
  mr_test_hub_server_free (f->server);
}

static MrOllamaModel *
show (Fixture    *f,
      const char *name,
      GError    **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_ollama_client_show_async (f->client, name, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_ollama_client_show_finish (f->client, result, error);
}

static void
test_base_url (void)
{
  const struct { const char *host; const char *url; } cases[] = {
    { NULL, "http://127.0.0.1:11434" },
    { "", "http://127.0.0.1:11434" },
    { "0.0.0.0", "http://0.0.0.0:11434" },
    { "example.org:8080", "http://example.org:8080" },
    { ":9999", "http://127.0.0.1:9999" },
    { "https://ollama.example.org", "https://ollama.example.org:443" },
    { "http://box", "http://box:80" },
    { "http://box:5000/prefix", "http://box:5000/prefix" },
    { "[::1]:7000", "http://[::1]:7000" },
    { "  localhost  ", "http://localhost:11434" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = mr_ollama_client_base_url_for_host (cases[i].host);
      g_assert_cmpstr (url, ==, cases[i].url);
    }
  g_setenv ("OLLAMA_HOST", "10.0.0.2:1234", TRUE);
  {
    g_autofree char *url = mr_ollama_client_default_base_url ();
    g_assert_cmpstr (url, ==, "http://10.0.0.2:1234");
  }
  g_unsetenv ("OLLAMA_HOST");
}

static void
test_license_recognize (void)
{
  g_assert_cmpstr (mr_ollama_license_recognize ("\n                                 Apache License\n"
                                                "                           Version 2.0, January 2004\n"),
                   ==, "apache-2.0");
  g_assert_cmpstr (mr_ollama_license_recognize ("MIT License\n\nCopyright (c) 2024"), ==, "mit");
  g_assert_cmpstr (mr_ollama_license_recognize ("META LLAMA 3 COMMUNITY LICENSE AGREEMENT\n…"),
                   ==, "llama3");
  g_assert_cmpstr (mr_ollama_license_recognize ("LLAMA 3.1 COMMUNITY LICENSE AGREEMENT"),
                   ==, "llama3.1");
  g_assert_cmpstr (mr_ollama_license_recognize ("Gemma Terms of Use\n"), ==, "gemma");
  /* No clear header: unknown, even if the words appear later. */
  g_assert_null (mr_ollama_license_recognize ("Copyright 2024 Someone\nMIT License"));
  g_assert_null (mr_ollama_license_recognize ("Permission is hereby granted, free of charge, to any "
                                              "person obtaining a copy of this software and associated "
                                              "documentation files, under the MIT License"));
  g_assert_null (mr_ollama_license_recognize (""));
  g_assert_null (mr_ollama_license_recognize (NULL));
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL;
  MrOllamaModel *llama;

  mr_ollama_client_list_models_async (f->client, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  models = mr_ollama_client_list_models_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 3);
  llama = g_ptr_array_index (models, 1);
  g_assert_cmpstr (llama->name, ==, "llama3.2:latest");
  g_assert_cmpstr (llama->digest, ==,
                   "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72");
  g_assert_cmpint (llama->size, ==, 2019393189);
  g_assert_cmpstr (llama->format, ==, "gguf");
  g_assert_cmpstr (llama->family, ==, "llama");
  g_assert_cmpstr (llama->parameter_size, ==, "3.2B");
  g_assert_cmpstr (llama->quantization_level, ==, "Q4_K_M");
}

static void
test_show_llama (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOllamaModel) model = show (f, "llama3:8b", &error);
  g_autoptr(MrModelRecord) record = NULL;
  const MrComponent *weights;

  g_assert_no_error (error);
  g_assert_cmpstr (model->name, ==, "llama3:8b");
  g_assert_cmpint (model->parameter_count, ==, 8030261248);
  g_assert_cmpstr (model->architecture, ==, "llama");
  g_assert_cmpstr (model->quantization_level, ==, "Q4_0");
  g_assert_nonnull (strstr (model->parameters, "num_keep"));

  record = mr_ollama_model_to_record (model, NULL);
  g_assert_cmpstr (record->name, ==, "llama3:8b");
  g_assert_cmpint (record->source_kind, ==, MR_SOURCE_KIND_OLLAMA);
  g_assert_cmpstr (record->source_ref, ==, "llama3:8b");
  g_assert_cmpstr (record->license, ==, "llama3");
  weights = &record->components[MR_COMPONENT_FINAL_PARAMETERS];
  g_assert_cmpint (weights->availability, ==, MR_AVAILABILITY_PRESENT);
  g_assert_cmpint (weights->source, ==, MR_EVIDENCE_SOURCE_OLLAMA);
  g_assert_false (weights->verified);
  g_assert_true (mr_model_record_validate (record, &error));
  g_assert_no_error (error);
}

/* The record holds the licence catalogue's id, which MOF matches exactly. */
static void
test_license_to_record (void)
{
  static const struct { const char *text; const char *id; } cases[] = {
    { "Apache License\nVersion 2.0, January 2004", "Apache-2.0" },
    { "MIT License\n\nCopyright (c) 2024", "MIT" },
    { "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT", "llama3.1" },
    { "Some Licence of Our Own\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(MrOllamaModel) model = NULL;
      g_autoptr(MrModelRecord) record = NULL;
      g_autoptr(GError) error = NULL;

      json_object_set_string_member (object, "license", cases[i].text);
      json_node_set_object (node, object);
      model = mr_ollama_model_new_from_json (node, "phi3:mini", "test", &error);
      g_assert_no_error (error);
      record = mr_ollama_model_to_record (model, NULL);
      g_assert_cmpstr (record->license, ==, cases[i].id);
    }
}

static void
test_show_gguf_no_license (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOllamaModel) model = show (f, "hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M", &error);
  g_autoptr(MrModelRecord) record = NULL;

  g_assert_no_error (error);
  g_assert_null (model->license_text);
  g_assert_cmpint (model->parameter_count, ==, 999885952);
  record = mr_ollama_model_to_record (model, NULL);
  g_assert_null (record->license);
}

static void
test_show_not_found (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOllamaModel) model = show (f, "no-such-model", &error);

  g_assert_null (model);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-model"));
  g_assert_nonnull (strstr (error->message, "/api/show"));
}

static void
test_show_malformed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOllamaModel) model = NULL;

  mr_test_hub_server_add_fault (f->server, "/api/show", MR_TEST_FAULT_BODY, 1,
                                "{\"details\": {\"format\": 5}, \"model_info\": {}}");
  model = show (f, "llama3:8b", &error);
  g_assert_null (model);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "llama3:8b"));
}

int
main (int   argc,
      char *argv[])
{
  mr_test_hub_server_prepare_environment ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ollama/base-url", test_base_url);
  g_test_add_func ("/ollama/license-recognize", test_license_recognize);
  g_test_add_func ("/ollama/license-to-record", test_license_to_record);
#define ADD(path, func) \
  g_test_add ("/ollama/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("tags", test_tags);
  ADD ("show-llama", test_show_llama);
  ADD ("show-gguf-no-license", test_show_gguf_no_license);
  ADD ("show-not-found", test_show_not_found);
  ADD ("show-malformed", test_show_malformed);
#undef ADD

  return g_test_run ();
}
