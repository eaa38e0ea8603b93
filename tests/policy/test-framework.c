/* test-framework.c — loading and validating governance frameworks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mr-error.h"
#include "mr-framework.h"
#include "mr-test-records.h"

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework = mr_framework_new_default (&error);
  MrUseCatalog *uses = mr_use_catalog_get_default ();
  const MrFrameworkRule *rule;

  g_assert_no_error (error);
  g_assert_cmpstr (mr_framework_get_name (framework), ==, "Default governance framework");
  g_assert_cmpstr (mr_framework_get_version (framework), ==, "2026.1");

  rule = mr_framework_get_tier_rule (framework, MR_RISK_TIER_PROHIBITED);
  g_assert_true (rule->blocked);

  rule = mr_framework_get_tier_rule (framework, MR_RISK_TIER_HIGH);
  g_assert_false (rule->blocked);
  g_assert_cmpint (rule->minimum_openness, ==, MR_OPENNESS_OPEN_SOURCE_AI);
  g_assert_cmpuint (rule->required_components, ==,
                    (1u << MR_COMPONENT_DATA_CARD) | (1u << MR_COMPONENT_EVALUATION_RESULTS));
  g_assert_true (rule->inference_check_required);
  g_assert_cmpint (rule->severity, ==, MR_FLAG_SEVERITY_BLOCKING);

  rule = mr_framework_get_tier_rule (framework, MR_RISK_TIER_LIMITED);
  g_assert_cmpint (rule->minimum_openness, ==, MR_OPENNESS_OPEN_WEIGHTS);

  rule = mr_framework_get_tier_rule (framework, MR_RISK_TIER_MINIMAL);
  g_assert_cmpint (rule->minimum_openness, ==, MR_OPENNESS_CLOSED);
  g_assert_true (rule->vendor_agreement_required);

  /* A use's own fields override its tier's, the rest is inherited. */
  rule = mr_framework_get_rule (framework, mr_use_catalog_lookup (uses, "credit-scoring"));
  g_assert_cmpuint (rule->review_interval_days, ==, 90);
  g_assert_true (rule->required_components & (1u << MR_COMPONENT_EVALUATION_DATA));
  g_assert_cmpint (rule->minimum_openness, ==, MR_OPENNESS_OPEN_SOURCE_AI);
  rule = mr_framework_get_rule (framework, mr_use_catalog_lookup (uses, "recruitment-screening"));
  g_assert_cmpuint (rule->review_interval_days, ==, 180);
}

#define VALID_HEAD \
  "format: 1\n" \
  "name: Test\n" \
  "tiers:\n" \
  "  prohibited: {blocked: true}\n" \
  "  high: {minimum_openness: open-source-ai}\n" \
  "  limited: {}\n"

typedef struct {
  const char *name;
  const char *yaml;
  int         code;
  const char *line;   /* "file:line" the message must contain */
  const char *field;  /* the field it must name */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "unknown-level", VALID_HEAD "  minimal:\n    minimum_openness: open-sauce\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.minimum_openness" },
  { "unknown-field", VALID_HEAD "  minimal:\n    minimum_opennes: closed\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.minimum_opennes" },
  { "bad-boolean", VALID_HEAD "  minimal:\n    blocked: maybe\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.blocked" },
  { "bad-days", VALID_HEAD "  minimal:\n    review_interval_days: 0\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.review_interval_days" },
  { "bad-severity", VALID_HEAD "  minimal:\n    severity: fatal\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.severity" },
  { "bad-component", VALID_HEAD "  minimal:\n    required_components:\n      - data-card\n      - dataset\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:10:", "tiers.minimal.required_components" },
  { "components-not-list", VALID_HEAD "  minimal:\n    required_components: data-card\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.minimal.required_components" },
  { "missing-tier", VALID_HEAD,
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:3:", "tiers" },
  { "unknown-tier", VALID_HEAD "  minimal: {}\n  unacceptable: {}\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.unacceptable" },
  { "unknown-use", VALID_HEAD "  minimal: {}\nuses:\n  credit-scorin: {}\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:9:", "uses.credit-scorin" },
  { "duplicate", VALID_HEAD "  minimal: {}\n  limited: {}\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:8:", "tiers.limited" },
  { "bad-format", "format: 2\nname: x\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:1:", "format" },
  { "no-format", "name: x\ntiers: {}\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:1:", "format" },
  { "no-name", "format: 1\ntiers: {}\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:1:", "name" },
  { "not-a-mapping", "- a\n- b\n",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:1:", "(document)" },
  { "empty", "",
    MR_PARSE_ERROR_INVALID_VALUE, "fw.yml:1:", "(document)" },
  { "syntax", "format: 1\nname: [unclosed\n",
    MR_PARSE_ERROR_SYNTAX, "fw.yml:3:", "" },
};

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework = NULL;

  framework = mr_framework_new_from_data (c->yaml, strlen (c->yaml), "fw.yml", &error);
  g_assert_null (framework);
  g_test_message ("%s", error->message);
  mr_test_assert_error (error, MR_PARSE_ERROR, c->code, c->line, c->field, NULL);
}

static void
test_not_utf8 (void)
{
  const char yaml[] = "format: 1\nname: \xff\n";
  g_autoptr(GError) error = NULL;

  g_assert_null (mr_framework_new_from_data (yaml, sizeof yaml - 1, "fw.yml", &error));
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING, "fw.yml", NULL);
}

static void
test_from_file (void)
{
  const char *yaml = VALID_HEAD "  minimal:\n    minimum_openness: closed\n"
                     "uses:\n  chatbot:\n    blocked: true\n";
  g_autofree char *path = mr_test_write_file ("framework.yml", yaml, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/framework.yml");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework = mr_framework_new_from_file (file, NULL, &error);
  MrUseCatalog *uses = mr_use_catalog_get_default ();

  g_assert_no_error (error);
  g_assert_true (mr_framework_get_rule (framework, mr_use_catalog_lookup (uses, "chatbot"))->blocked);
  g_assert_false (mr_framework_get_rule (framework, mr_use_catalog_lookup (uses, "content-generation"))->blocked);
  /* Defaults for fields no one set. */
  g_assert_cmpint (mr_framework_get_tier_rule (framework, MR_RISK_TIER_LIMITED)->minimum_openness, ==,
                   MR_OPENNESS_UNKNOWN);
  g_assert_cmpuint (mr_framework_get_tier_rule (framework, MR_RISK_TIER_LIMITED)->review_interval_days, ==,
                    365);

  g_assert_null (mr_framework_new_from_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Frameworks are values: a failed load returns an error and leaves the
 * one in force as it was. */
static void
test_failed_load_keeps_previous (void)
{
  const char *broken = VALID_HEAD "  minimal:\n    minimum_openness: open-sauce\n";
  g_autoptr(MrFramework) in_force = mr_framework_new_default (NULL);
  g_autoptr(MrFramework) replacement = NULL;
  g_autoptr(GError) error = NULL;
  MrFrameworkRule before = *mr_framework_get_tier_rule (in_force, MR_RISK_TIER_MINIMAL);

  replacement = mr_framework_new_from_data (broken, strlen (broken), "fw.yml", &error);
  g_assert_null (replacement);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_cmpmem (&before, sizeof before,
                   mr_framework_get_tier_rule (in_force, MR_RISK_TIER_MINIMAL), sizeof before);
  g_assert_cmpstr (mr_framework_get_name (in_force), ==, "Default governance framework");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/framework/default", test_default);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/framework/invalid/", invalid_cases[i].name, NULL);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/framework/not-utf8", test_not_utf8);
  g_test_add_func ("/framework/from-file", test_from_file);
  g_test_add_func ("/framework/failed-load-keeps-previous", test_failed_load_keeps_previous);

  return g_test_run ();
}
