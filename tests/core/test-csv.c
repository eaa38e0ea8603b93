/* test-csv.c — the register as an RFC 4180 spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-csv.h"
#include "mr-error.h"
#include "mr-test-records.h"

static GPtrArray *
parse_string (const char  *csv,
              GError     **error)
{
  return mr_csv_parse_records (csv, strlen (csv), "inventory.csv", FALSE, NULL, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) records = mr_test_record_array_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  for (guint variant = 0; variant < MR_TEST_N_VARIANTS; variant++)
    {
      MrModelRecord *record = mr_test_record_new_full (variant);

      /* Components are not part of the CSV format. */
      for (guint i = 0; i < MR_N_COMPONENTS; i++)
        {
          mr_component_clear (&record->components[i]);
          memset (&record->components[i], 0, sizeof (MrComponent));
          record->components[i].kind = i;
        }
      g_ptr_array_add (records, record);
    }

  csv = mr_csv_write_records (records);
  path = mr_test_write_file ("round-trip.csv", csv, -1);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  parsed = mr_csv_parse_records (contents, length, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, records->len);
  for (guint i = 0; i < records->len; i++)
    mr_test_assert_same_record (records->pdata[i], parsed->pdata[i]);
}

static void
test_fixture (void)
{
  g_autofree char *path = mr_test_data_path ("csv", "inventory.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *gemma_tags[] = { "safety;research", NULL };
  gsize length;
  MrModelRecord *record;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  records = mr_csv_parse_records (contents, length, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);

  record = records->pdata[0];
  g_assert_cmpstr (record->name, ==, "Llama 3.1 8B");
  g_assert_cmpint (record->status, ==, MR_STATUS_APPROVED);
  g_assert_cmpstr (record->tags[0], ==, "chat");
  g_assert_cmpstr (record->tags[1], ==, "8b");
  g_assert_null (record->tags[2]);
  g_assert_cmpstr (record->intended_uses[0], ==, "internal-assistant");
  g_assert_cmpint (record->source_kind, ==, MR_SOURCE_KIND_HUGGING_FACE);
  g_assert_null (record->notes);
  g_assert_cmpint (record->created_at, ==, 1795132800);   /* a bare date is midnight UTC */

  record = records->pdata[1];
  g_assert_cmpstr (record->name, ==, "Mistral 7B, v0.3");
  g_assert_cmpint (record->status, ==, MR_STATUS_DRAFT);  /* empty cell: default */
  g_assert_cmpstr (record->notes, ==, "Two lines:\r\nsecond, with \"quotes\"");
  g_assert_cmpstr (record->source_ref, ==, "mistral:7b");
  g_assert_cmpint (record->created_at, ==, 0);

  record = records->pdata[2];
  g_assert_true (g_strv_equal ((const char * const *) record->tags, gemma_tags));
  g_assert_cmpstr (record->notes, ==, "=1+1 stays text");
  g_assert_cmpint (record->created_at, ==, 1795608000);
}

static void
test_header_only (void)
{
  const char *inputs[] = { "name,provider", "name,provider\n", "\xEF\xBB\xBFname\r\n\r\n\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = parse_string (inputs[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 0);
    }
}

static void
test_line_endings (void)
{
  const char *inputs[] = {
    "name,provider\na,b\nc,d",
    "name,provider\r\na,b\r\nc,d\r\n",
    "name,provider\ra,b\rc,d\r",
    "name,provider\n\na,b\n\n\nc,d\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = parse_string (inputs[i], &error);
      MrModelRecord *last;

      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 2);
      last = records->pdata[1];
      g_assert_cmpstr (last->name, ==, "c");
      g_assert_cmpstr (last->provider, ==, "d");
    }
}

static void
test_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = parse_string ("name,tags\n"
                                               "a, one ; two;;\\;three\\\\;back\\slash;  \n"
                                               "b,\"'-guarded;x\"\n",
                                               &error);
  const char *expected_a[] = { "one", "two", ";three\\", "back\\slash", NULL };
  const char *expected_b[] = { "-guarded", "x", NULL };

  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) ((MrModelRecord *) records->pdata[0])->tags,
                               expected_a));
  g_assert_true (g_strv_equal ((const char * const *) ((MrModelRecord *) records->pdata[1])->tags,
                               expected_b));
}

static void
test_writer (void)
{
  g_autoptr(GPtrArray) records = mr_test_record_array_new ();
  g_autoptr(MrModelRecord) plain = mr_model_record_new ();
  g_autoptr(MrModelRecord) awkward = mr_model_record_new ();
  const char *tags[] = { "a;b", "c\\d", NULL };
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  mr_model_record_set_string (&plain->name, "Plain name");
  mr_model_record_set_string (&plain->provider, "Provider");
  mr_model_record_set_string (&awkward->name, "=cmd|' /C calc'!A0");
  mr_model_record_set_string (&awkward->provider, "Comma, \"Quote\"");
  mr_model_record_set_string (&awkward->notes, "multi\nline");
  g_strfreev (awkward->tags);
  awkward->tags = g_strdupv ((char **) tags);
  awkward->status = MR_STATUS_REREVIEW_REQUIRED;
  g_ptr_array_add (records, g_steal_pointer (&plain));
  g_ptr_array_add (records, g_steal_pointer (&awkward));

  csv = mr_csv_write_records (records);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "id,revision,name,provider,version,source_kind,source_ref,source_revision,"
                   "owner,description,license,license_code,license_data,license_document,tags,"
                   "intended_uses,deployment,data_sensitivity,status,openness,worst_flag,n_flags,"
                   "notes,vendor_agreement,created_at,updated_at,last_checked_at");
  g_assert_cmpstr (lines[1], ==,
                   "0,0,Plain name,Provider,,manual,,,,,,,,,,,unspecified,unspecified,draft,"
                   "unknown,none,0,,,,,");
  /* Quoted only where needed; the formula is defused with an apostrophe. */
  g_assert_cmpstr (lines[2], ==,
                   "0,0,'=cmd|' /C calc'!A0,\"Comma, \"\"Quote\"\"\",,manual,,,,,,,,,a\\;b;c\\\\d,,"
                   "unspecified,unspecified,rereview-required,unknown,none,0,\"multi\nline\",,,,");
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);
}

typedef struct {
  const char *csv;
  GQuark    (*domain) (void);
  int         code;
  const char *fragments[3];
} BadInput;

static void
test_errors (void)
{
  const BadInput cases[] = {
    { "", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX, { "inventory.csv: the file is empty" } },
    { "\xEF\xBB\xBF\n\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv: the file is empty" } },
    { "name,colour\nx,red\n", mr_parse_error_quark, MR_PARSE_ERROR_UNKNOWN_COLUMN,
      { "inventory.csv:1: column 2: “colour” is not a known column" } },
    { "name,\n", mr_parse_error_quark, MR_PARSE_ERROR_UNKNOWN_COLUMN,
      { "inventory.csv:1: column 2: “”" } },
    { "provider,owner\nx,y\n", mr_parse_error_quark, MR_PARSE_ERROR_MISSING_FIELD,
      { "inventory.csv:1:", "“name” column" } },
    { "name,provider,name\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:1: column 3: “name” is already column 1" } },
    { "na\xffme\n", mr_parse_error_quark, MR_PARSE_ERROR_ENCODING, { "inventory.csv:1: column 1:",
      "UTF-8" } },
    { "name,provider\nok,x\n\"abc,def\nmore\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:3: column “name”: the quoted field never ends" } },
    { "name,provider\nok,\"x\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:2: column “provider”: the quoted field never ends" } },
    { "name,provider\na,b,c\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:2: column 3:", "3 fields", "2 columns" } },
    { "name,provider,owner\na,b\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:2: column “owner”: missing", "2 fields", "3 columns" } },
    { "name,status\na,approved\nb,aproved\n", mr_parse_error_quark, MR_PARSE_ERROR_INVALID_VALUE,
      { "inventory.csv:3: column “status”: “aproved”", "approved-with-conditions" } },
    { "name,n_flags\na,-1\n", mr_parse_error_quark, MR_PARSE_ERROR_INVALID_VALUE,
      { "inventory.csv:2: column “n_flags”", "-1" } },
    { "name,id\na,twelve\n", mr_parse_error_quark, MR_PARSE_ERROR_INVALID_VALUE,
      { "inventory.csv:2: column “id”: “twelve”" } },
    { "name,updated_at\na,25/11/2026\n", mr_parse_error_quark, MR_PARSE_ERROR_INVALID_VALUE,
      { "inventory.csv:2: column “updated_at”: “25/11/2026”" } },
    { "name,provider\na,caf\xc3\n", mr_parse_error_quark, MR_PARSE_ERROR_ENCODING,
      { "inventory.csv:2: column “provider”: not valid UTF-8" } },
    { "name,provider\n\"a\"b,c\n", mr_parse_error_quark, MR_PARSE_ERROR_SYNTAX,
      { "inventory.csv:2: column “name”: text follows the closing quote" } },
    /* The line is where the row starts, after a quoted line break above. */
    { "name,notes\na,\"one\ntwo\"\n,empty name\n", mr_validation_error_quark,
      MR_VALIDATION_ERROR_REQUIRED,
      { "inventory.csv:4: column “name”:" } },
    { "name,source_kind,source_ref\na,hugging-face,not a repo\n", mr_validation_error_quark,
      MR_VALIDATION_ERROR_INVALID_REPO_ID, { "inventory.csv:2: column “source_ref”:",
        "not a repo" } },
    { "name,source_kind,source_ref\na,local-file,/nonexistent/model.gguf\n",
      mr_validation_error_quark,
      MR_VALIDATION_ERROR_NO_SUCH_FILE, { "inventory.csv:2: column “source_ref”:" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = parse_string (cases[i].csv, &error);

      g_test_message ("case %u", i);
      g_assert_null (records);
      mr_test_assert_error (error, cases[i].domain (), cases[i].code,
                            cases[i].fragments[0], cases[i].fragments[1], cases[i].fragments[2],
                            NULL);
    }
}

static void
test_skip_invalid (void)
{
  const char *csv =
    "name,status\n"
    "good one,approved\n"
    "bad status,aproved\n"
    "too,many,fields\n"
    ",draft\n"
    "caf\xc3,draft\n"
    "\"text\"after,draft\n"
    "good two,retired\n";
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = mr_csv_parse_records (csv, strlen (csv), "inventory.csv", TRUE, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((MrModelRecord *) records->pdata[1])->name, ==, "good two");
  g_assert_cmpuint (skipped->len, ==, 5);
  for (guint i = 0; i < skipped->len; i++)
    {
      g_autofree char *where = g_strdup_printf ("inventory.csv:%u: column ", i + 3);

      g_assert_true (g_str_has_prefix (skipped->pdata[i], where));
    }

  /* Without a list to report to, bad rows are still left out. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = mr_csv_parse_records (csv, strlen (csv), "inventory.csv", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  /* An unterminated quote swallows the rest of the file: nothing to skip to. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = mr_csv_parse_records ("name\na\n\"b\nc\n", 11, "inventory.csv", TRUE, skipped, &error);
  g_assert_null (records);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX, "inventory.csv:3:", NULL);
}

static void
test_embedded_nul (void)
{
  const char csv[] = "name,provider\na\0b,c\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  records = mr_csv_parse_records (csv, sizeof csv - 1, "inventory.csv", FALSE, NULL, &error);
  g_assert_null (records);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                        "inventory.csv:2: column “name”", NULL);
}

static void
test_streaming (void)
{
  g_autofree char *path = mr_test_data_path ("csv", "inventory.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MrCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *record;
  gsize length;
  double progress = 0.0;
  guint n_records = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  reader = mr_csv_reader_new (contents, length, path, TRUE, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (mr_csv_reader_get_progress (reader), >, 0.0);
  g_assert_cmpfloat (mr_csv_reader_get_progress (reader), <, 0.5);
  while ((record = mr_csv_reader_next (reader, &error)) != NULL)
    {
      g_assert_cmpfloat (mr_csv_reader_get_progress (reader), >, progress);
      progress = mr_csv_reader_get_progress (reader);
      n_records++;
      mr_model_record_unref (record);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 3);
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpfloat (mr_csv_reader_get_progress (reader), ==, 1.0);
  /* The end stays the end. */
  g_assert_null (mr_csv_reader_next (reader, &error));
  g_assert_no_error (error);

  g_clear_pointer (&reader, mr_csv_reader_free);
  reader = mr_csv_reader_new ("owner\nx\n", 8, "bad.csv", TRUE, skipped, &error);
  g_assert_null (reader);
  mr_test_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_MISSING_FIELD, "bad.csv:1:", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/fixture", test_fixture);
  g_test_add_func ("/csv/header-only", test_header_only);
  g_test_add_func ("/csv/line-endings", test_line_endings);
  g_test_add_func ("/csv/lists", test_lists);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/skip-invalid", test_skip_invalid);
  g_test_add_func ("/csv/embedded-nul", test_embedded_nul);
  g_test_add_func ("/csv/streaming", test_streaming);

  return g_test_run ();
}
