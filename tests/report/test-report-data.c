/* test-report-data.c — report tables, HTML, factsheet and inventory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "mr-factsheet.h"
#include "mr-report-html.h"
#include "mr-report-inventory.h"
#include "mr-report-test-util.h"

/* 2026-01-15 and 2026-06-15, 12:00 UTC. */
#define JANUARY 1768478400
#define JUNE    1781524800

typedef struct {
  MrStore   *store;
  GPtrArray *records;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = mr_report_test_store_new (g_get_user_data_dir (), 2);
  fixture->records = mr_store_list_models (fixture->store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_ptr_array_unref (fixture->records);
  g_object_unref (fixture->store);
}

static MrReportData *
build_data (Fixture                *fixture,
            const MrReportDecision *decisions,
            guint                   n_decisions,
            gint64                  from,
            gint64                  to)
{
  const MrReportCheck checks[] = {
    { .model_id = 3, .kind = (char *) "inference-check", .outcome = (char *) "failed",
      .summary = (char *) "Did not load", .checked_at = JANUARY },
  };
  MrReportOptions options = {
    .organisation = "Example & Co <Ltd>",
    .period_from = from,
    .period_to = to,
    .decisions = decisions,
    .n_decisions = n_decisions,
    .checks = checks,
    .n_checks = G_N_ELEMENTS (checks),
  };

  return mr_report_data_new (fixture->records, mr_store_get_framework (fixture->store),
                             &options);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(MrReportData) data = build_data (fixture, NULL, 0, 0, 0);
  guint total = 0;

  g_assert_cmpuint (data->n_models, ==, 5);
  g_assert_cmpuint (data->by_status[MR_STATUS_DRAFT], ==, 3);
  g_assert_cmpuint (data->by_status[MR_STATUS_SUBMITTED], ==, 1);
  g_assert_cmpuint (data->by_status[MR_STATUS_APPROVED], ==, 1);
  for (guint i = 0; i < MR_REPORT_N_OPENNESS; i++)
    total += data->by_openness[i];
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (data->by_tier[MR_RISK_TIER_HIGH], ==, 1);
  g_assert_cmpuint (data->n_without_use, ==, 1);
  g_assert_cmpuint (data->n_blocking, ==, 1);
  g_assert_cmpuint (data->n_blocking + data->n_warning, <=, 5);
  g_assert_cmpstr (data->framework_name, ==, "Default governance framework");
}

static void
test_flags_blocking_first (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(MrReportData) data = build_data (fixture, NULL, 0, 0, 0);
  const MrReportFlag *first;
  gboolean seen_warning = FALSE;

  g_assert_cmpuint (data->flags->len, >, 1);
  first = g_ptr_array_index (data->flags, 0);
  g_assert_cmpint (first->severity, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpstr (first->model_name, ==, MR_REPORT_TEST_BLOCKED_NAME);
  g_assert_cmpstr (first->use, ==, "Credit scoring");
  g_assert_nonnull (first->reason);
  g_assert_nonnull (first->remedy);
  for (guint i = 0; i < data->flags->len; i++)
    {
      const MrReportFlag *flag = g_ptr_array_index (data->flags, i);

      g_assert_cmpint (flag->severity, >=, MR_FLAG_SEVERITY_WARNING);
      if (flag->severity == MR_FLAG_SEVERITY_WARNING)
        seen_warning = TRUE;
      else
        g_assert_false (seen_warning);
    }
  g_assert_true (seen_warning);
}

static void
test_decisions_in_period (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const MrReportDecision decisions[] = {
    { .model_id = 3, .model_revision = 2, .outcome = MR_STATUS_APPROVED,
      .use_id = (char *) "credit-scoring", .actor = (char *) "alice",
      .comment = (char *) "June decision", .decided_at = JUNE },
    { .model_id = 3, .model_revision = 1, .outcome = MR_STATUS_CHANGES_REQUESTED,
      .actor = (char *) "bob", .comment = (char *) "January decision", .decided_at = JANUARY },
    { .model_id = 99, .outcome = MR_STATUS_REJECTED, .actor = (char *) "carol",
      .comment = (char *) "Of a deleted model", .decided_at = JANUARY + 60 },
  };
  g_autoptr(MrReportData) data = build_data (fixture, decisions, G_N_ELEMENTS (decisions),
                                             JANUARY - 86400, JANUARY + 86400);
  const MrReportModel *model = mr_report_data_find_model (data, 3);
  g_autofree char *title = NULL;

  /* In the period: January's two, oldest first; June's is history only. */
  g_assert_cmpuint (data->decisions->len, ==, 2);
  g_assert_cmpstr (g_array_index (data->decisions, MrReportDecision, 0).comment, ==,
                   "January decision");
  g_assert_cmpstr (g_array_index (data->decisions, MrReportDecision, 1).comment, ==,
                   "Of a deleted model");
  g_assert_nonnull (model);
  g_assert_cmpuint (model->decisions->len, ==, 2);
  g_assert_cmpstr (g_array_index (model->decisions, MrReportDecision, 1).comment, ==,
                   "June decision");
  title = mr_report_decision_dup_title (&g_array_index (model->decisions, MrReportDecision, 1));
  g_assert_cmpstr (title, ==, "Approved for Credit scoring");
  g_assert_cmpuint (model->checks->len, ==, 1);
  g_assert_null (mr_report_data_find_model (data, 99));
}

static void
test_attention_pages (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const MrReportDecision decisions[] = {
    { .model_id = 4, .outcome = MR_STATUS_REJECTED, .actor = (char *) "alice",
      .decided_at = JANUARY },
  };
  MrReportOptions options = {
    .model_pages = MR_REPORT_MODEL_PAGES_ATTENTION,
    .decisions = decisions,
    .n_decisions = G_N_ELEMENTS (decisions),
  };
  g_autoptr(MrReportData) data = mr_report_data_new (fixture->records,
                                                     mr_store_get_framework (fixture->store),
                                                     &options);
  g_autoptr(MrReportData) all = build_data (fixture, NULL, 0, 0, 0);
  g_autofree char *words = mr_report_data_dup_model_pages (data);
  g_autofree char *html = mr_report_html_governance (data);

  /* Submitted, blocked, decided; not the draft without uses nor model 5. */
  g_assert_false (mr_report_data_find_model (data, 1)->has_page);
  g_assert_true (mr_report_data_find_model (data, 2)->has_page);
  g_assert_true (mr_report_data_find_model (data, 3)->has_page);
  g_assert_true (mr_report_data_find_model (data, 4)->has_page);
  g_assert_false (mr_report_data_find_model (data, 5)->has_page);
  g_assert_cmpuint (data->n_model_pages, ==, 3);
  g_assert_cmpstr (words, ==, "3 models that need attention (blocked, awaiting a review, "
                              "or decided in the period)");
  g_assert_null (strstr (html, "id=\"model-1\""));
  g_assert_nonnull (strstr (html, "id=\"model-4\""));
  /* The summary and the flags still cover every model. */
  g_assert_cmpuint (data->flags->len, ==, all->flags->len);
  g_assert_cmpuint (all->n_model_pages, ==, 5);
}

static void
test_html (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(MrReportData) data = build_data (fixture, NULL, 0, JANUARY, JUNE);
  g_autofree char *html = mr_report_html_governance (data);
  g_autofree char *escaped = g_markup_escape_text (MR_REPORT_TEST_HOSTILE_NAME, -1);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  /* The only <script is the escaped one. */
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, escaped));
  g_assert_nonnull (strstr (html, "Example &amp; Co &lt;Ltd&gt;"));
  g_assert_nonnull (strstr (html, mr_report_test_long_name ()));
  g_assert_nonnull (strstr (html, "No decisions in this period"));
  g_assert_nonnull (strstr (html, "No checks recorded"));
  g_assert_nonnull (strstr (html, "Did not load"));
  g_assert_nonnull (strstr (html, "2026-01-15 to 2026-06-15"));
  g_assert_nonnull (strstr (html, "@media print"));
}

static const MrFactsheetField *
find_field (const MrFactsheet *factsheet,
            const char        *key)
{
  for (guint i = 0; i < factsheet->fields->len; i++)
    {
      const MrFactsheetField *field = &g_array_index (factsheet->fields, MrFactsheetField, i);

      if (g_str_equal (field->key, key))
        return field;
    }
  g_assert_not_reached ();
}

static void
test_factsheet (Fixture       *fixture,
                gconstpointer  user_data)
{
  MrModelRecord *record = g_ptr_array_index (fixture->records, 2);
  g_autoptr(MrFactsheet) factsheet = mr_factsheet_new (record, "Example Org", JUNE);
  g_autofree char *json = mr_factsheet_to_json (factsheet);
  g_autofree char *html = mr_factsheet_to_html (factsheet);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *fields;
  gboolean saw_parameters = FALSE;

  g_assert_cmpstr (record->name, ==, MR_REPORT_TEST_BLOCKED_NAME);
  g_assert_null (find_field (factsheet, "parameter-count")->value);
  g_assert_null (find_field (factsheet, "architecture")->value);
  g_assert_nonnull (strstr (find_field (factsheet, "license")->value, "CC-BY-NC-4.0"));
  g_assert_nonnull (strstr (find_field (factsheet, "intended-uses")->value, "Credit scoring"));
  g_assert_nonnull (strstr (find_field (factsheet, "acceptable-use-policy")->value,
                            "ommercial"));

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, MR_REPORT_TEST_BLOCKED_NAME);
  g_assert_cmpint (json_object_get_int_member (root, "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "generated"), ==, "2026-06-15");
  fields = json_object_get_array_member (root, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      if (!g_str_equal (json_object_get_string_member (field, "key"), "parameter-count"))
        continue;
      saw_parameters = TRUE;
      g_assert_false (json_object_get_boolean_member (field, "known"));
      g_assert_cmpstr (json_object_get_string_member (field, "value"), ==, "Not known");
    }
  g_assert_true (saw_parameters);
  g_assert_nonnull (strstr (html, "Not known"));
  g_assert_nonnull (strstr (html, "Annex XI"));
}

/* Apache-2.0 weights would be open; gated access on the Hub restricts them. */
static void
test_factsheet_gated (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(MrModelRecord) record = mr_model_record_new ();
  g_autoptr(MrSnapshot) snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) loaded = NULL;
  g_autoptr(MrFactsheet) factsheet = NULL;
  g_autoptr(GError) error = NULL;
  MrComponent *weights = &record->components[MR_COMPONENT_FINAL_PARAMETERS];
  const char *openness;

  mr_model_record_set_string (&record->name, "Gated-Model");
  mr_model_record_set_string (&record->license, "Apache-2.0");
  record->source_kind = MR_SOURCE_KIND_MANUAL;
  weights->availability = MR_AVAILABILITY_PRESENT;
  mr_model_record_set_string (&weights->license, "Apache-2.0");
  snapshot->gating = g_strdup ("manual");
  mr_snapshot_seal (snapshot);
  saved = mr_store_save_with_snapshot (fixture->store, record, snapshot, NULL, "tester", &error);
  g_assert_no_error (error);
  loaded = mr_store_get_model (fixture->store, saved->id, &error);
  g_assert_no_error (error);

  factsheet = mr_factsheet_new (loaded, NULL, JUNE);
  openness = find_field (factsheet, "openness")->value;
  g_assert_true (g_str_has_prefix (openness, "Open weights, restricted;"));
  g_assert_null (strstr (openness, "Open weights;"));
}

static void
test_inventory (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(MrReportData) data = build_data (fixture, NULL, 0, 0, 0);
  g_autofree char *csv = mr_report_inventory_to_csv (data);
  g_autofree char *json = mr_report_inventory_to_json (data);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  JsonObject *blocked, *evaluation, *flag;

  g_assert_true (g_str_has_prefix (lines[0], "id,name,provider,version,status,"));
  /* Header, five models, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_true (g_str_has_prefix (lines[3], "3,Blocked-Credit-Model,Example Labs,,approved,"));
  g_assert_nonnull (strstr (lines[3], ",blocking,"));
  /* Quotes doubled inside a quoted cell. */
  g_assert_nonnull (strstr (lines[2], "\"<script>alert(\"\"x\"\")</script> & 'Quoted' model 🚀\""));

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 5);
  blocked = json_array_get_object_element (entries, 2);
  g_assert_cmpstr (json_object_get_string_member (blocked, "name"), ==, MR_REPORT_TEST_BLOCKED_NAME);
  evaluation = json_object_get_object_member (blocked, "evaluation");
  g_assert_cmpstr (json_object_get_string_member (evaluation, "worst_severity"), ==, "blocking");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (evaluation, "flags")), >, 0);
  /* The use by its catalogue id, the same in every language; the label beside it. */
  flag = json_array_get_object_element (json_object_get_array_member (evaluation, "flags"), 0);
  g_assert_cmpstr (json_object_get_string_member (flag, "use"), ==, "credit-scoring");
  g_assert_cmpstr (json_object_get_string_member (flag, "use_label"), ==, "Credit scoring");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/data/counts", test_counts);
  ADD ("/report/data/flags-blocking-first", test_flags_blocking_first);
  ADD ("/report/data/decisions-in-period", test_decisions_in_period);
  ADD ("/report/data/attention-pages", test_attention_pages);
  ADD ("/report/html/escaped", test_html);
  ADD ("/report/factsheet", test_factsheet);
  ADD ("/report/factsheet-gated", test_factsheet_gated);
  ADD ("/report/inventory", test_inventory);
#undef ADD
  return g_test_run ();
}
