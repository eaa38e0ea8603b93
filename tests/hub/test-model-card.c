/* test-model-card.c — README front matter and body links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-error.h"
#include "mr-model-card.h"

static MrModelCard *
parse_fixture (const char *file,
               const char *model)
{
  g_autofree char *path = g_build_filename (g_getenv ("MODEL_REGISTER_TEST_DATA"), "hub", file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MrModelCard *card;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  card = mr_model_card_parse_readme (text, length, model, &error);
  g_assert_no_error (error);
  return card;
}

static MrModelCard *
parse_text (const char  *text,
            GError     **error)
{
  return mr_model_card_parse_readme (text, strlen (text), "org/model", error);
}

static void
test_gpt2 (void)
{
  g_autoptr(MrModelCard) card = parse_fixture ("openai-community__gpt2__README.md",
                                               "openai-community/gpt2");
  const char *const tags[] = { "exbert", NULL };
  const char *const licenses[] = { "mit", NULL };

  g_assert_cmpstrv (card->licenses, licenses);
  g_assert_cmpstrv (card->tags, tags);
  g_assert_cmpstrv (card->datasets, (const char *const[]) { NULL });
  g_assert_false (card->has_model_index);
}

static void
test_olmo (void)
{
  g_autoptr(MrModelCard) card = parse_fixture ("allenai__OLMo-2-1124-7B__README.md",
                                               "allenai/OLMo-2-1124-7B");
  const char *const datasets[] = { "allenai/dolmino-mix-1124", "allenai/olmo-mix-1124", NULL };

  g_assert_cmpstr (card->licenses[0], ==, "apache-2.0");
  g_assert_cmpstrv (card->datasets, datasets);
  g_assert_cmpstr (card->paper_links[0], ==, "https://arxiv.org/abs/2501.00656");
  /* "Core repo (training, inference, …)": a training-code link; the
   * evaluation-code line does not mention training. */
  g_assert_cmpstr (card->training_code_links[0], ==, "https://github.com/allenai/OLMo");
  g_assert_cmpuint (g_strv_length (card->training_code_links), ==, 1);
}

static void
test_smollm_training_section (void)
{
  g_autoptr(MrModelCard) card = parse_fixture ("HuggingFaceTB__SmolLM2-135M__README.md",
                                               "HuggingFaceTB/SmolLM2-135M");

  /* Datasets are named only in prose: not declared. */
  g_assert_cmpuint (g_strv_length (card->datasets), ==, 0);
  g_assert_cmpstr (card->paper_links[0], ==, "https://arxiv.org/abs/2502.02737");
  /* The link sits under a "## Training" heading. */
  g_assert_cmpstr (card->training_code_links[0], ==, "https://github.com/huggingface/smollm");
}

static void
test_phi2_license_link (void)
{
  g_autoptr(MrModelCard) card = parse_fixture ("microsoft__phi-2__README.md", "microsoft/phi-2");

  g_assert_cmpstr (card->licenses[0], ==, "mit");
  g_assert_nonnull (card->license_link);
}

static void
test_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelCard) card = parse_text (
    "---\r\n"
    "license: other\r\n"
    "license_name: acme-model-license\r\n"
    "license_link: LICENSE\r\n"
    "datasets: single/dataset\r\n"
    "base_model:\r\n"
    "- org/base\r\n"
    "model-index:\r\n"
    "- name: m\r\n"
    "  results: []\r\n"
    "extra_gated_fields:\r\n"
    "  Country: country\r\n"
    "tags: ~\r\n"
    "---\r\n"
    "Paper: https://doi.org/10.1234/abcd.5678 and repo DOI https://doi.org/10.57967/hf/0039\n",
    &error);
  const char *const datasets[] = { "single/dataset", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (card->licenses[0], ==, "other");
  g_assert_cmpstr (card->license_name, ==, "acme-model-license");
  g_assert_cmpstr (card->license_link, ==, "LICENSE");
  g_assert_cmpstrv (card->datasets, datasets);
  g_assert_cmpstr (card->base_models[0], ==, "org/base");
  g_assert_true (card->has_model_index);
  g_assert_cmpuint (g_strv_length (card->tags), ==, 0);
  /* The Hub's own repository DOI is not a paper. */
  g_assert_cmpstrv (card->paper_links, ((const char *const[]) { "https://doi.org/10.1234/abcd.5678", NULL }));
}

static void
test_no_front_matter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelCard) card = parse_text ("# Just a title\n\n---\nlicense: mit\n---\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (card->licenses), ==, 0);
}

static void
test_malformed (void)
{
  const char *const bad[] = {
    "---\nlicense: [mit\n---\n",             /* unclosed flow list */
    "---\nlicense: mit\n",                   /* no closing --- */
    "---\nlicense: mit\n  bad: indent\n---\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrModelCard) card = parse_text (bad[i], &error);

      g_assert_null (card);
      g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX);
      g_assert_nonnull (strstr (error->message, "org/model"));
    }
}

static void
test_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("---\nx: ");
  g_autoptr(GString) wide = g_string_new ("---\ntags:\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelCard) card = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "\n---\n");
  card = parse_text (deep->str, &error);
  g_assert_null (card);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "org/model"));
  g_clear_error (&error);

  for (guint i = 0; i < MR_MODEL_CARD_MAX_EVENTS; i++)
    g_string_append (wide, "- t\n");
  g_string_append (wide, "---\n");
  card = parse_text (wide->str, &error);
  g_assert_null (card);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Aliases are not expanded, so a "billion laughs" stays small. */
  card = parse_text ("---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\ntags: *b\n---\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (card->tags), ==, 0);
  g_clear_pointer (&card, mr_model_card_unref);

  card = mr_model_card_parse_readme ("---\nlicense: \xff\n---\n", 20, "org/model", &error);
  g_assert_null (card);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING);
}

static void
test_from_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelCard) card = NULL;
  const char *const licenses[] = { "apache-2.0", "mit", NULL };

  g_assert_true (json_parser_load_from_data (parser,
    "{\"license\": [\"apache-2.0\", \"mit\"], \"datasets\": \"d/one\", \"tags\": 7,"
    " \"base_model\": [\"a/b\", 3], \"model-index\": null}", -1, &error));
  card = mr_model_card_new_from_json (json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstrv (card->licenses, licenses);
  g_assert_cmpstr (card->datasets[0], ==, "d/one");
  g_assert_cmpuint (g_strv_length (card->tags), ==, 0);
  g_assert_cmpstrv (card->base_models, ((const char *const[]) { "a/b", NULL }));
  g_assert_false (card->has_model_index);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model-card/gpt2", test_gpt2);
  g_test_add_func ("/model-card/olmo", test_olmo);
  g_test_add_func ("/model-card/smollm-training-section", test_smollm_training_section);
  g_test_add_func ("/model-card/phi2-license-link", test_phi2_license_link);
  g_test_add_func ("/model-card/shapes", test_shapes);
  g_test_add_func ("/model-card/no-front-matter", test_no_front_matter);
  g_test_add_func ("/model-card/malformed", test_malformed);
  g_test_add_func ("/model-card/hostile", test_hostile);
  g_test_add_func ("/model-card/from-json", test_from_json);

  return g_test_run ();
}
