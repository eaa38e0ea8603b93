/* test-hub-evidence.c — Hub snapshots of the fixtures → provisional evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-hub-evidence.h"
#include "mr-network-error.h"
#include "mr-test-hub-server.h"

typedef struct {
  MrTestHubServer *server;
  MrHubClient     *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mr_test_hub_server_new ();
  f->client = mr_hub_client_new (mr_test_hub_server_get_base (f->server), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->client);
  mr_test_hub_server_free (f->server);
}

static MrHubEvidence *
refresh (Fixture             *f,
         const char          *repo_id,
         const MrModelRecord *existing)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubSnapshot) snap = NULL;
  MrHubEvidence *evidence;

  mr_hub_client_fetch_snapshot_async (f->client, repo_id, NULL, mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  snap = mr_hub_client_fetch_snapshot_finish (f->client, result, &error);
  g_assert_no_error (error);
  evidence = mr_hub_evidence_new (snap, mr_hub_client_get_endpoint (f->client), existing);
  g_assert_no_error (error);
  g_assert_true (mr_model_record_validate (evidence->record, &error));
  g_assert_no_error (error);
  return evidence;
}

static void
assert_component (const MrModelRecord *r,
                  MrComponentKind      kind,
                  MrAvailability       availability,
                  const char          *link_part)
{
  const MrComponent *c = &r->components[kind];

  g_assert_cmpint (c->availability, ==, availability);
  if (availability == MR_AVAILABILITY_UNKNOWN)
    return;
  g_assert_cmpint (c->source, ==, MR_EVIDENCE_SOURCE_HUB);
  g_assert_false (c->verified);
  if (link_part != NULL)
    g_assert_nonnull (strstr (c->link, link_part));
}

static void
test_gpt2 (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MrHubEvidence) e = refresh (f, "openai-community/gpt2", NULL);
  const MrModelRecord *r = e->record;

  g_assert_cmpstr (r->name, ==, "gpt2");
  g_assert_cmpstr (r->provider, ==, "openai-community");
  g_assert_cmpint (r->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_cmpstr (r->source_ref, ==, "openai-community/gpt2");
  g_assert_cmpstr (r->source_revision, ==, "607a30d783dfa663caf39e06633721c8d4cfcd7e");
  /* The Hub's tag stays in the evidence; the record states the licence. */
  g_assert_cmpstr (e->license, ==, "mit");
  g_assert_cmpstr (r->license, ==, "MIT");
  g_assert_cmpint (e->gating, ==, MR_HUB_GATING_NONE);
  assert_component (r, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT,
                    "/openai-community/gpt2/tree/607a30d783dfa663caf39e06633721c8d4cfcd7e");
  g_assert_cmpstr (r->components[MR_COMPONENT_FINAL_PARAMETERS].license, ==, "MIT");
  g_assert_nonnull (strstr (e->weights_summary, "safetensors (1)"));
  g_assert_cmpint (e->weights_bytes, >, 500000000);
  assert_component (r, MR_COMPONENT_MODEL_CARD, MR_AVAILABILITY_PRESENT, "/blob/607a30d7");
  assert_component (r, MR_COMPONENT_MODEL_METADATA, MR_AVAILABILITY_PRESENT, "config.json");
  /* No datasets on the Hub (WebText is not there), and the doi: tag is the
   * repository's own DOI, not a paper. */
  assert_component (r, MR_COMPONENT_DATASETS, MR_AVAILABILITY_UNKNOWN, NULL);
  assert_component (r, MR_COMPONENT_RESEARCH_PAPER, MR_AVAILABILITY_UNKNOWN, NULL);
  assert_component (r, MR_COMPONENT_TRAINING_CODE, MR_AVAILABILITY_UNKNOWN, NULL);
}

static void
test_llama_gated (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MrHubEvidence) e = refresh (f, "meta-llama/Llama-3.1-8B", NULL);
  const MrModelRecord *r = e->record;

  g_assert_cmpint (e->gating, ==, MR_HUB_GATING_MANUAL);
  g_assert_cmpstr (r->license, ==, "llama3.1");
  g_assert_cmpstr (r->components[MR_COMPONENT_FINAL_PARAMETERS].license, ==, "llama3.1");
  g_assert_cmpstr (r->source_revision, ==, "deadbeef6508514ca36f10d892d561b749496fec");
  g_assert_cmpint (e->parameters, ==, 8030261248);
  assert_component (r, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT, NULL);
  /* The recorded tree is not recursive: the .pth under original/ is not in it. */
  g_assert_cmpstr (e->weights_summary, ==, "safetensors (4), 16.1\u00a0GB");
  assert_component (r, MR_COMPONENT_RESEARCH_PAPER, MR_AVAILABILITY_MENTIONED,
                    "https://arxiv.org/abs/2204.05149");
  assert_component (r, MR_COMPONENT_DATASETS, MR_AVAILABILITY_UNKNOWN, NULL);
  /* The README itself is gated, but it exists. */
  assert_component (r, MR_COMPONENT_MODEL_CARD, MR_AVAILABILITY_PRESENT, NULL);
}

static void
test_olmo_open (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MrHubEvidence) e = refresh (f, "allenai/OLMo-2-1124-7B", NULL);
  const MrModelRecord *r = e->record;

  g_assert_cmpstr (r->license, ==, "Apache-2.0");
  g_assert_cmpint (e->gating, ==, MR_HUB_GATING_NONE);
  assert_component (r, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT, NULL);
  g_assert_cmpstr (r->components[MR_COMPONENT_FINAL_PARAMETERS].license, ==, "Apache-2.0");
  assert_component (r, MR_COMPONENT_DATASETS, MR_AVAILABILITY_MENTIONED,
                    "/datasets/allenai/dolmino-mix-1124");
  assert_component (r, MR_COMPONENT_TRAINING_CODE, MR_AVAILABILITY_MENTIONED,
                    "https://github.com/allenai/OLMo");
  assert_component (r, MR_COMPONENT_RESEARCH_PAPER, MR_AVAILABILITY_MENTIONED, "arxiv.org/abs/");
  assert_component (r, MR_COMPONENT_MODEL_CARD, MR_AVAILABILITY_PRESENT, NULL);
}

static void
test_bert_renamed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrHubEvidence) e = refresh (f, "bert-base-uncased", NULL);
  const MrModelRecord *r = e->record;

  g_assert_cmpstr (r->source_ref, ==, "google-bert/bert-base-uncased");
  g_assert_cmpstr (r->license, ==, "Apache-2.0");
  assert_component (r, MR_COMPONENT_DATASETS, MR_AVAILABILITY_MENTIONED, "/datasets/bookcorpus");
  assert_component (r, MR_COMPONENT_RESEARCH_PAPER, MR_AVAILABILITY_MENTIONED,
                    "https://arxiv.org/abs/1810.04805");
}

static void
test_gguf (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MrHubEvidence) e = refresh (f, "ggml-org/gemma-3-1b-it-GGUF", NULL);

  g_assert_cmpstr (e->record->license, ==, "gemma");
  g_assert_cmpint (e->gating, ==, MR_HUB_GATING_NONE);
  g_assert_cmpint (e->parameters, ==, 999885952);
  g_assert_true (g_str_has_prefix (e->weights_summary, "gguf ("));
  assert_component (e->record, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT, NULL);
}

static void
test_missing_tree_no_record (Fixture       *f,
                             gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHubSnapshot) snap = NULL;

  /* The fixtures have no tree for phi-2: the refresh fails as a whole. */
  mr_hub_client_fetch_snapshot_async (f->client, "microsoft/phi-2", NULL,
                                      mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  snap = mr_hub_client_fetch_snapshot_finish (f->client, result, &error);
  g_assert_null (snap);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "microsoft/phi-2"));
}

/* ---- pure mapping on fixture bodies ------------------------------------ */

static MrHubSnapshot *
snapshot_from_file (const char *file,
                    const char *readme)
{
  g_autofree char *path = g_build_filename (g_getenv ("MODEL_REGISTER_TEST_DATA"), "hub", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  MrHubSnapshot *snap = g_new0 (MrHubSnapshot, 1);

  g_atomic_ref_count_init (&snap->ref_count);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  snap->info = mr_hub_model_info_new_from_json (json_parser_get_root (parser), TRUE, file, &error);
  g_assert_no_error (error);
  if (readme != NULL)
    {
      snap->readme_card = mr_model_card_parse_readme (readme, strlen (readme), file, &error);
      g_assert_no_error (error);
    }
  return snap;
}

static void
test_eval_results (void)
{
  g_autoptr(MrHubSnapshot) snap = snapshot_from_file ("deepset__roberta-base-squad2.json", NULL);
  g_autoptr(MrHubEvidence) e = mr_hub_evidence_new (snap, "https://huggingface.co", NULL);

  g_assert_cmpstr (e->license, ==, "cc-by-4.0");
  g_assert_cmpstr (e->record->license, ==, "CC-BY-4.0");
  assert_component (e->record, MR_COMPONENT_EVALUATION_RESULTS, MR_AVAILABILITY_PRESENT,
                    "https://huggingface.co/deepset/roberta-base-squad2/blob/");
  assert_component (e->record, MR_COMPONENT_DATASETS, MR_AVAILABILITY_MENTIONED, "squad_v2");
}

static void
test_license_other (void)
{
  g_autoptr(MrHubSnapshot) snap = snapshot_from_file (
    "microsoft__phi-2.json",
    "---\nlicense: other\nlicense_name: acme-license\n---\n");
  g_autoptr(MrHubEvidence) e = mr_hub_evidence_new (snap, "https://huggingface.co", NULL);

  /* The README's front matter wins over cardData. */
  g_assert_cmpstr (e->license, ==, "other:acme-license");
  /* Not in the catalogue: kept as written, and the weights' licence unknown. */
  g_assert_cmpstr (e->record->license, ==, "other:acme-license");
  g_assert_null (e->record->components[MR_COMPONENT_FINAL_PARAMETERS].license);
}

static void
test_update_existing (void)
{
  g_autoptr(MrHubSnapshot) snap = snapshot_from_file ("openai-community__gpt2.json", NULL);
  g_autoptr(MrModelRecord) existing = mr_model_record_new ();
  g_autoptr(MrHubEvidence) e = NULL;
  MrComponent *card = &existing->components[MR_COMPONENT_MODEL_CARD];
  MrComponent *paper = &existing->components[MR_COMPONENT_RESEARCH_PAPER];

  mr_model_record_set_string (&existing->name, "GPT-2 (approved)");
  mr_model_record_set_string (&existing->provider, "OpenAI");
  existing->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_model_record_set_string (&existing->source_ref, "openai-community/gpt2");
  mr_model_record_set_string (&existing->source_revision, "0000000000000000000000000000000000000000");
  /* A reviewer verified the card as absent; the Hub may not overrule that. */
  card->availability = MR_AVAILABILITY_ABSENT;
  card->source = MR_EVIDENCE_SOURCE_PERSON;
  card->verified = TRUE;
  /* A paper the Hub mentioned last time but no longer does. */
  paper->availability = MR_AVAILABILITY_MENTIONED;
  paper->source = MR_EVIDENCE_SOURCE_HUB;
  mr_model_record_set_string (&paper->link, "https://arxiv.org/abs/0000.00000");

  e = mr_hub_evidence_new (snap, "https://huggingface.co", existing);
  g_assert_true (e->record != existing);
  g_assert_cmpstr (e->record->name, ==, "GPT-2 (approved)");
  g_assert_cmpstr (e->record->provider, ==, "OpenAI");
  g_assert_cmpstr (e->record->source_revision, ==, "607a30d783dfa663caf39e06633721c8d4cfcd7e");
  g_assert_cmpint (e->record->components[MR_COMPONENT_MODEL_CARD].availability, ==,
                   MR_AVAILABILITY_ABSENT);
  g_assert_true (e->record->components[MR_COMPONENT_MODEL_CARD].verified);
  g_assert_cmpint (e->record->components[MR_COMPONENT_RESEARCH_PAPER].availability, ==,
                   MR_AVAILABILITY_UNKNOWN);
  g_assert_null (e->record->components[MR_COMPONENT_RESEARCH_PAPER].link);
  /* existing itself is untouched. */
  g_assert_cmpint (existing->components[MR_COMPONENT_RESEARCH_PAPER].availability, ==,
                   MR_AVAILABILITY_MENTIONED);
  g_assert_cmpstr (existing->source_revision, ==, "0000000000000000000000000000000000000000");
}

static void
test_disabled_or_empty (void)
{
  g_autoptr(MrHubSnapshot) snap = snapshot_from_file ("openai-community__gpt2.json", NULL);
  g_autoptr(MrHubEvidence) e = NULL;

  snap->files = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_hub_file_free);
  e = mr_hub_evidence_new (snap, "https://huggingface.co", NULL);
  assert_component (e->record, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_ABSENT, NULL);
  g_assert_null (e->weights_summary);
  g_assert_cmpint (e->weights_bytes, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  mr_test_hub_server_prepare_environment ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/hub-evidence/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("gpt2", test_gpt2);
  ADD ("llama-gated", test_llama_gated);
  ADD ("olmo-open", test_olmo_open);
  ADD ("bert-renamed", test_bert_renamed);
  ADD ("gguf", test_gguf);
  ADD ("missing-tree-no-record", test_missing_tree_no_record);
#undef ADD
  g_test_add_func ("/hub-evidence/eval-results", test_eval_results);
  g_test_add_func ("/hub-evidence/license-other", test_license_other);
  g_test_add_func ("/hub-evidence/update-existing", test_update_existing);
  g_test_add_func ("/hub-evidence/no-weights", test_disabled_or_empty);

  return g_test_run ();
}
