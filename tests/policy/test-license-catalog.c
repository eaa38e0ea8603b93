/* test-license-catalog.c — the licence catalogue and normalisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mr-license-catalog.h"

typedef struct {
  const char     *text;
  const char     *hf_license_name;
  const char     *expected_id;   /* NULL: must stay unknown */
  MrLicenseMatch  match;
} NormalizeCase;

static const NormalizeCase normalize_cases[] = {
  /* SPDX ids, exactly */
  { "Apache-2.0", NULL, "Apache-2.0", MR_LICENSE_MATCH_EXACT },
  { "MIT", NULL, "MIT", MR_LICENSE_MATCH_EXACT },
  { "CC-BY-NC-4.0", NULL, "CC-BY-NC-4.0", MR_LICENSE_MATCH_EXACT },
  { "OpenMDW-1.0", NULL, "OpenMDW-1.0", MR_LICENSE_MATCH_EXACT },
  /* Hugging Face tags */
  { "apache-2.0", NULL, "Apache-2.0", MR_LICENSE_MATCH_CASE },
  { "mit", NULL, "MIT", MR_LICENSE_MATCH_CASE },
  { "cc-by-nc-4.0", NULL, "CC-BY-NC-4.0", MR_LICENSE_MATCH_CASE },
  { "gpl-3.0", NULL, "GPL-3.0", MR_LICENSE_MATCH_CASE },
  { "llama3.1", NULL, "llama3.1", MR_LICENSE_MATCH_EXACT },
  { "llama2", NULL, "llama2", MR_LICENSE_MATCH_EXACT },
  { "gemma", NULL, "gemma", MR_LICENSE_MATCH_EXACT },
  { "openrail", NULL, "openrail", MR_LICENSE_MATCH_EXACT },
  { "openrail++", NULL, "openrail", MR_LICENSE_MATCH_ALIAS },
  { "bigscience-openrail-m", NULL, "bigscience-openrail-m", MR_LICENSE_MATCH_EXACT },
  { "creativeml-openrail-m", NULL, "creativeml-openrail-m", MR_LICENSE_MATCH_EXACT },
  { "bigscience-bloom-rail-1.0", NULL, "bigscience-bloom-rail-1.0", MR_LICENSE_MATCH_EXACT },
  { "deepseek", NULL, "deepseek", MR_LICENSE_MATCH_EXACT },
  { "other", "qwen", "qwen", MR_LICENSE_MATCH_ALIAS },
  { "other", "qwen-research", "qwen-research", MR_LICENSE_MATCH_ALIAS },
  { "other", "falcon-llm-license", "falcon-llm-license", MR_LICENSE_MATCH_ALIAS },
  { "other", "my-company-eula", "other", MR_LICENSE_MATCH_EXACT },
  { "other", NULL, "other", MR_LICENSE_MATCH_EXACT },
  /* Free text */
  { "Apache 2.0", NULL, "Apache-2.0", MR_LICENSE_MATCH_ALIAS },
  { "Apache License 2.0", NULL, "Apache-2.0", MR_LICENSE_MATCH_ALIAS },
  { "  Apache   License, Version 2.0 ", NULL, "Apache-2.0", MR_LICENSE_MATCH_ALIAS },
  { "MIT license", NULL, "MIT", MR_LICENSE_MATCH_ALIAS },
  { "GPLv3", NULL, "GPL-3.0-only", MR_LICENSE_MATCH_ALIAS },
  { "Llama 3.1 Community License Agreement", NULL, "llama3.1", MR_LICENSE_MATCH_ALIAS },
  { "Gemma Terms of Use", NULL, "gemma", MR_LICENSE_MATCH_ALIAS },
  /* Never guessed */
  { "GPL", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "BSD", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "Apache", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "unknown", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "Component not included", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "   ", NULL, NULL, MR_LICENSE_MATCH_NONE },
  { NULL, NULL, NULL, MR_LICENSE_MATCH_NONE },
  { "llama3.1 but modified", NULL, NULL, MR_LICENSE_MATCH_NONE },
};

static void
test_normalize (void)
{
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (normalize_cases); i++)
    {
      const NormalizeCase *c = &normalize_cases[i];
      MrLicenseMatch match = -1;
      const MrLicense *license;

      license = mr_license_catalog_normalize (catalog, c->text, c->hf_license_name, &match);
      g_test_message ("“%s” (%s) → %s", c->text, c->hf_license_name,
                      license != NULL ? license->id : "unknown");
      if (c->expected_id == NULL)
        g_assert_null (license);
      else
        g_assert_cmpstr (license->id, ==, c->expected_id);
      g_assert_cmpint (match, ==, c->match);
    }
}

static void
test_too_long (void)
{
  g_autofree char *text = g_strnfill (4096, 'a');

  g_assert_null (mr_license_catalog_normalize (mr_license_catalog_get_default (), text, NULL, NULL));
}

static void
test_lookup_is_exact (void)
{
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();

  g_assert_nonnull (mr_license_catalog_lookup (catalog, "Apache-2.0"));
  g_assert_null (mr_license_catalog_lookup (catalog, "apache-2.0"));
  g_assert_null (mr_license_catalog_lookup (catalog, "Apache 2.0"));
  g_assert_null (mr_license_catalog_lookup (catalog, NULL));
}

typedef struct {
  const char *id;
  gboolean    open;
  guint       content_types;
} OpenCase;

#define CODE (1u << MR_CONTENT_TYPE_CODE)
#define DATA (1u << MR_CONTENT_TYPE_DATA)
#define DOC (1u << MR_CONTENT_TYPE_DOCUMENT)

static void
test_open_and_types (void)
{
  const OpenCase cases[] = {
    { "Apache-2.0", TRUE, CODE | DOC },
    { "MIT", TRUE, CODE },
    { "Apache-1.0", TRUE, CODE },          /* FSF libre only */
    { "CDLA-Permissive-2.0", TRUE, DATA }, /* open-data list only */
    { "ODC-PDDL-1.0", TRUE, 0 },           /* MOT's spelling, not SPDX */
    { "CC0-1.0", TRUE, DOC },              /* MOT's overlay: the later entry wins */
    { "CC-BY-4.0", TRUE, DOC },
    { "OpenMDW-1.0", TRUE, CODE | DATA | DOC },
    { "3D-Slicer-1.0", FALSE, 0 },
    { "CC-BY-NC-4.0", FALSE, 0 },
    { "llama3.1", FALSE, 0 },
    { "gemma", FALSE, 0 },
    { "other", FALSE, 0 },
  };
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MrLicense *license = mr_license_catalog_lookup (catalog, cases[i].id);

      g_assert_nonnull (license);
      g_assert_cmpint (mr_license_is_open (license), ==, cases[i].open);
      g_assert_cmpuint (license->content_types, ==, cases[i].content_types);
    }
}

static void
test_counts (void)
{
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();
  guint spdx = 0, osi = 0, fsf = 0, either = 0, open_data = 0;

  for (guint i = 0; i < mr_license_catalog_get_n_licenses (catalog); i++)
    {
      const MrLicense *license = mr_license_catalog_get_license (catalog, i);

      g_assert_nonnull (license->name);
      g_assert_nonnull (license->url);
      spdx += !license->custom;
      osi += license->osi_approved;
      fsf += license->fsf_libre;
      either += license->osi_approved || license->fsf_libre;
      open_data += license->open_data;
    }
  /* The SPDX list MOT uses (d8abdb0) and its open-data list. */
  g_assert_cmpuint (spdx, ==, 659);
  g_assert_cmpuint (osi, ==, 144);
  g_assert_cmpuint (fsf, ==, 127);
  g_assert_cmpuint (either, ==, 199);
  g_assert_cmpuint (open_data, ==, 31);
}

static void
test_restrictions (void)
{
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();
  const MrLicense *llama = mr_license_catalog_lookup (catalog, "llama3.1");
  const MrLicense *nc = mr_license_catalog_lookup (catalog, "CC-BY-NC-4.0");
  const MrLicense *research = mr_license_catalog_lookup (catalog, "qwen-research");
  const MrLicense *cc_by = mr_license_catalog_lookup (catalog, "CC-BY-4.0");
  const char * const custom[] = { "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3",
                                  "llama4", "gemma", "bigscience-bloom-rail-1.0", "openrail",
                                  "openrail-m", "bigscience-openrail-m",
                                  "creativeml-openrail-m", "deepseek", "qwen",
                                  "qwen-research", "falcon-llm-license", "other" };
  g_autofree char *text = NULL;

  g_assert_true (llama->custom);
  g_assert_true (llama->restrictions & MR_LICENSE_RESTRICTION_ACCEPTABLE_USE);
  g_assert_true (llama->restrictions & MR_LICENSE_RESTRICTION_USER_THRESHOLD);
  g_assert_cmpuint (llama->user_threshold, ==, 700000000);
  g_assert_true (mr_license_has_use_restrictions (llama));
  g_assert_nonnull (llama->summary);
  g_assert_true (g_str_has_prefix (llama->url, "https://"));

  g_assert_false (nc->custom);
  g_assert_true (nc->restrictions & MR_LICENSE_RESTRICTION_NON_COMMERCIAL);
  g_assert_true (research->restrictions & MR_LICENSE_RESTRICTION_NON_COMMERCIAL);
  /* Attribution alone is no use restriction. */
  g_assert_false (mr_license_has_use_restrictions (cc_by));

  for (guint i = 0; i < G_N_ELEMENTS (custom); i++)
    {
      const MrLicense *license = mr_license_catalog_lookup (catalog, custom[i]);

      g_assert_nonnull (license);
      g_assert_true (license->custom);
      g_assert_nonnull (license->summary);
      g_assert_false (mr_license_is_open (license));
    }

  text = mr_license_restrictions_to_string (llama->restrictions);
  g_assert_nonnull (strstr (text, "acceptable-use policy"));
  g_assert_null (strstr (text, "attribution"));
  g_assert_cmpstr (mr_license_restriction_get_nick (MR_LICENSE_RESTRICTION_FIELD_OF_USE), ==,
                   "field-of-use");
}

static gpointer
get_default_thread (gpointer data)
{
  return mr_license_catalog_get_default ();
}

static void
test_singleton_threads (void)
{
  GThread *threads[8];
  gpointer first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("catalog", get_default_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      gpointer catalog = g_thread_join (threads[i]);

      g_assert_nonnull (catalog);
      if (first == NULL)
        first = catalog;
      g_assert_true (catalog == first);
    }
  g_assert_true (first == mr_license_catalog_get_default ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* First, so that the threads race to load the catalogue. */
  g_test_add_func ("/license-catalog/singleton-threads", test_singleton_threads);
  g_test_add_func ("/license-catalog/normalize", test_normalize);
  g_test_add_func ("/license-catalog/too-long", test_too_long);
  g_test_add_func ("/license-catalog/lookup-is-exact", test_lookup_is_exact);
  g_test_add_func ("/license-catalog/open-and-types", test_open_and_types);
  g_test_add_func ("/license-catalog/counts", test_counts);
  g_test_add_func ("/license-catalog/restrictions", test_restrictions);

  return g_test_run ();
}
