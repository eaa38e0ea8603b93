/* test-transfer.c — importing and exporting whole files through a real register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"
#include "mr-transfer.h"

#define ACTOR "tester"

static MrStore *
open_store (const char *name)
{
  g_autofree char *path = mr_store_test_register_path (name);
  g_autoptr(GError) error = NULL;
  MrStore *store = mr_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
write_data_file (const char *name,
                 const char *contents)
{
  GFile *file = data_file (name);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  return file;
}

static GPtrArray *
list_all (MrStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = mr_store_list_models (store, MR_LOAD_FULL, &error);

  g_assert_no_error (error);
  return records;
}

static void
fill_store (MrStore   *store,
            GPtrArray *records)
{
  g_autoptr(GError) error = NULL;

  mr_store_import_models (store, records, ACTOR, "setup", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
export_import (MrFileFormat  format,
               const char   *filename,
               GPtrArray    *records)
{
  g_autoptr(MrStore) source = open_store ("source.db");
  g_autoptr(MrStore) target = open_store ("target.db");
  g_autoptr(GFile) file = data_file (filename);
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;

  fill_store (source, records);
  g_assert_true (mr_export_file (source, file, format, NULL, NULL, &error));
  g_assert_no_error (error);

  report = mr_import_file (target, file, MR_FILE_FORMAT_AUTO, FALSE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, records->len);
  g_assert_cmpuint (report->skipped->len, ==, 0);

  imported = list_all (target);
  mr_store_test_assert_same_records (records, imported);
}

static void
test_csv_round_trip (void)
{
  g_autoptr(GPtrArray) records = mr_store_test_records_new (40);

  /* A spreadsheet has one row per entry and no room for the 17 components. */
  for (guint i = 0; i < records->len; i++)
    mr_store_test_clear_components (g_ptr_array_index (records, i));
  export_import (MR_FILE_FORMAT_CSV, "models.csv", records);
}

static void
test_json_round_trip (void)
{
  g_autoptr(GPtrArray) records = mr_store_test_records_new (40);

  export_import (MR_FILE_FORMAT_JSON, "models.json", records);
}

static void
test_mot_round_trip (void)
{
  g_autoptr(MrStore) source = open_store ("source.db");
  g_autoptr(MrStore) target = open_store ("target.db");
  g_autoptr(GFile) file = data_file ("model.yml");
  g_autoptr(GPtrArray) records = mr_store_test_records_new (3);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *original = g_ptr_array_index (records, 1);
  MrModelRecord *copy;
  gint64 id = 2;

  mr_model_record_set_string (&original->license_data, "CDLA-Permissive-2.0");
  mr_model_record_set_string (&original->license_document, "CC-BY-4.0");
  fill_store (source, records);
  g_array_append_val (ids, id);
  g_assert_true (mr_export_file (source, file, MR_FILE_FORMAT_MOT_YAML, ids, NULL, &error));
  g_assert_no_error (error);

  report = mr_import_file (target, file, MR_FILE_FORMAT_MOT_YAML, FALSE, ACTOR,
                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 1);

  /* MOT carries the release and its licences; a component it lists is
   * present, one it does not list is absent. */
  imported = list_all (target);
  g_assert_cmpuint (imported->len, ==, 1);
  copy = g_ptr_array_index (imported, 0);
  g_assert_cmpstr (copy->name, ==, original->name);
  g_assert_cmpstr (copy->version, ==, original->version);
  g_assert_cmpstr (copy->provider, ==, original->provider);
  g_assert_cmpstr (copy->license, ==, original->license);
  g_assert_cmpstr (copy->license_code, ==, original->license_code);
  g_assert_cmpstr (copy->license_data, ==, original->license_data);
  g_assert_cmpstr (copy->license_document, ==, original->license_document);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      const MrComponent *before = &original->components[i];
      const MrComponent *after = &copy->components[i];
      gboolean present = before->availability == MR_AVAILABILITY_PRESENT;

      g_assert_cmpint (after->availability, ==,
                       present ? MR_AVAILABILITY_PRESENT : MR_AVAILABILITY_ABSENT);
      if (present)
        g_assert_cmpstr (after->license, ==, before->license);
    }
}

static void
test_mot_export_needs_one (void)
{
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = data_file ("model.yml");
  g_autoptr(GPtrArray) records = mr_store_test_records_new (2);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 both[] = { 1, 2 };

  fill_store (store, records);
  g_assert_false (mr_export_file (store, file, MR_FILE_FORMAT_MOT_YAML, NULL, NULL, &error));
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "model.yml"));
  g_clear_error (&error);

  g_array_append_vals (ids, both, G_N_ELEMENTS (both));
  g_assert_false (mr_export_file (store, file, MR_FILE_FORMAT_AUTO, ids, NULL, &error));
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_export_selection (void)
{
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = data_file ("some.json");
  g_autoptr(GPtrArray) records = mr_store_test_records_new (5);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 chosen[] = { 4, 2 };
  gint64 missing = 99;

  fill_store (store, records);
  g_array_append_vals (ids, chosen, G_N_ELEMENTS (chosen));
  g_assert_true (mr_export_file (store, file, MR_FILE_FORMAT_JSON, ids, NULL, &error));
  g_assert_no_error (error);

  g_file_load_contents (file, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  exported = mr_model_records_from_json (contents, length, "some.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->len, ==, 2);
  g_assert_cmpint (((MrModelRecord *) g_ptr_array_index (exported, 0))->id, ==, 4);
  g_assert_cmpint (((MrModelRecord *) g_ptr_array_index (exported, 1))->id, ==, 2);

  /* An unknown id fails the export and leaves the earlier file as it was. */
  g_array_append_val (ids, missing);
  g_assert_false (mr_export_file (store, file, MR_FILE_FORMAT_JSON, ids, NULL, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&contents, g_free);
  g_file_load_contents (file, NULL, &contents, &length, NULL, NULL);
  g_assert_nonnull (strstr (contents, "\"id\" : 4"));
}

static const char bad_csv[] =
  "name,provider,status\n"
  "Good one,Meta,draft\n"
  "Bad status,Meta,maybe\n"
  "Good two,Mistral AI,approved\n"
  "\"Multi\nline\",Meta,draft\n"
  ",No name,draft\n"
  "Good three,Google,submitted\n";

static void
test_bad_row_changes_nothing (void)
{
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = write_data_file ("bad.csv", bad_csv);
  g_autoptr(GPtrArray) records = mr_store_test_records_new (2);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fill_store (store, records);
  report = mr_import_file (store, file, MR_FILE_FORMAT_AUTO, FALSE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_null (report);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "bad.csv:3"));

  after = list_all (store);
  mr_store_test_assert_same_records (records, after);
}

static void
test_skip_invalid (void)
{
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = write_data_file ("bad.csv", bad_csv);
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  report = mr_import_file (store, file, MR_FILE_FORMAT_CSV, TRUE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 4);
  g_assert_cmpuint (report->skipped->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->skipped, 0), "bad.csv:3"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->skipped, 1), "bad.csv:7"));

  after = list_all (store);
  g_assert_cmpuint (after->len, ==, 4);
  g_assert_cmpstr (((MrModelRecord *) g_ptr_array_index (after, 2))->name, ==, "Multi\nline");
}

static void
test_skip_invalid_json (void)
{
  static const char json[] =
    "[{\"name\": \"Fine\"},"
    " {\"name\": \"Bad repo\", \"source_kind\": \"hugging-face\", \"source_ref\": \"not a repo\"},"
    " {\"name\": \"Also fine\"}]";
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = write_data_file ("mixed.json", json);
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mr_import_file (store, file, MR_FILE_FORMAT_JSON, FALSE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_null (report);
  g_assert_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_REPO_ID);
  g_assert_nonnull (strstr (error->message, "mixed.json: entry 2"));
  g_clear_error (&error);
  g_assert_cmpuint (mr_store_count_models (store, NULL), ==, 0);

  report = mr_import_file (store, file, MR_FILE_FORMAT_JSON, TRUE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->skipped, 0), "mixed.json: entry 2"));
}

static void
test_unknown_format (void)
{
  g_autoptr(MrStore) store = open_store ("register.db");
  g_autoptr(GFile) file = write_data_file ("models.txt", "name\nx\n");
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mr_import_file (store, file, MR_FILE_FORMAT_AUTO, FALSE, ACTOR, NULL, NULL, NULL,
                           &error);
  g_assert_null (report);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "models.txt"));
}

static void
test_format_names (void)
{
  static const struct {
    const char   *text;
    gboolean      known;
    MrFileFormat  format;
  } names[] = {
    { "csv", TRUE, MR_FILE_FORMAT_CSV },
    { "JSON", TRUE, MR_FILE_FORMAT_JSON },
    { "mot", TRUE, MR_FILE_FORMAT_MOT_YAML },
    { "yaml", TRUE, MR_FILE_FORMAT_MOT_YAML },
    { "xlsx", FALSE, MR_FILE_FORMAT_AUTO },
    { "", FALSE, MR_FILE_FORMAT_AUTO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      MrFileFormat format = MR_FILE_FORMAT_AUTO;

      g_assert_cmpint (mr_file_format_parse (names[i].text, &format), ==, names[i].known);
      g_assert_cmpint (format, ==, names[i].format);
    }
  g_assert_cmpint (mr_file_format_guess ("/home/me/Inventory.CSV"), ==, MR_FILE_FORMAT_CSV);
  g_assert_cmpint (mr_file_format_guess ("llama.yml"), ==, MR_FILE_FORMAT_MOT_YAML);
  g_assert_cmpint (mr_file_format_guess ("dir.json/README"), ==, MR_FILE_FORMAT_AUTO);
  g_assert_cmpint (mr_file_format_guess (NULL), ==, MR_FILE_FORMAT_AUTO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/transfer/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/transfer/json-round-trip", test_json_round_trip);
  g_test_add_func ("/transfer/mot-round-trip", test_mot_round_trip);
  g_test_add_func ("/transfer/mot-export-needs-one", test_mot_export_needs_one);
  g_test_add_func ("/transfer/export-selection", test_export_selection);
  g_test_add_func ("/transfer/bad-row-changes-nothing", test_bad_row_changes_nothing);
  g_test_add_func ("/transfer/skip-invalid", test_skip_invalid);
  g_test_add_func ("/transfer/skip-invalid-json", test_skip_invalid_json);
  g_test_add_func ("/transfer/unknown-format", test_unknown_format);
  g_test_add_func ("/transfer/format-names", test_format_names);

  return g_test_run ();
}
