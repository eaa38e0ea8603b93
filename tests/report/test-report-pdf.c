/* test-report-pdf.c — PDF reports, read back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pdftotext gives the text (-layout for pages and table rows, -raw for each
 * cell's words in drawing order, -bbox for where every word sits), and
 * pdftoppm renders some pages into the build folder for a person to look
 * at: report-page-N.png.
 */
#include <string.h>

#include "mr-report-job.h"
#include "mr-report-test-util.h"

/* Enough warned models for the flag table to run over several pages. */
#define N_WARNED 30

typedef struct {
  char    *folder;
  MrStore *store;
  char    *path;
  guint    n_pages;
  char    *layout;   /* pdftotext -layout */
  double   last_fraction;
} Fixture;

static void
note_progress (double   fraction,
               gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpfloat (fraction, >=, fixture->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  fixture->last_fraction = fraction;
}

static char *
pdftotext (const char *mode,
           const char *path)
{
  const char *argv[] = { "pdftotext", mode, path, "-", NULL };

  return mr_report_test_run (argv);
}

static void
write_report (Fixture *fixture)
{
  const MrReportDecision decisions[] = {
    { .model_id = 3, .model_revision = 1, .outcome = MR_STATUS_APPROVED_WITH_CONDITIONS,
      .use_id = (char *) "credit-scoring", .actor = (char *) "alice",
      .comment = (char *) "Approved for the pilot only", .conditions = (char *) "Review in March",
      .framework_version = (char *) "2026.1", .decided_at = 1768478400 },
  };
  MrReportRequest request = {
    .type = MR_REPORT_TYPE_GOVERNANCE,
    .format = MR_REPORT_FORMAT_PDF,
    .options = {
      .organisation = "Example Org Ltd",
      .framework_version = "2026.1",
      .decisions = decisions,
      .n_decisions = G_N_ELEMENTS (decisions),
    },
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("mr-report-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = mr_report_test_store_new (fixture->folder, N_WARNED);
  fixture->path = g_build_filename (fixture->folder, "governance.pdf", NULL);
  file = g_file_new_for_path (fixture->path);
  g_assert_true (mr_report_job_run (fixture->store, &request, file, note_progress, fixture,
                                    NULL, &fixture->n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fixture->last_fraction, ==, 1.0);
  fixture->layout = pdftotext ("-layout", fixture->path);
}

/* Whitespace removed: wrapped lines join up again. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* One report for every test: writing and parsing it back is the slow part.
 * Written from main() into a folder of its own, as each test's isolated
 * folders go when the test ends. */
static Fixture shared_fixture;

static void
remove_report (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  mr_report_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->layout);
}

static Fixture *
get_fixture (void)
{
  return &shared_fixture;
}

static void
test_content (void)
{
  Fixture *fixture = get_fixture ();
  g_autofree char *page_3 = g_strdup_printf ("Page 3 of %u", fixture->n_pages);
  g_auto(GStrv) pages = g_strsplit (fixture->layout, "\f", -1);
  g_autofree char *raw_text = pdftotext ("-raw", fixture->path);
  g_autofree char *raw = squeeze (raw_text);

  /* Cover, summary, flags over several pages, decisions, then the models'
   * sections, which follow one another. */
  g_assert_cmpuint (fixture->n_pages, >, 5);
  g_assert_cmpuint (g_strv_length (pages), >=, fixture->n_pages);
  g_assert_nonnull (strstr (pages[0], "Governance report"));
  g_assert_nonnull (strstr (pages[0], "Example Org Ltd"));
  g_assert_nonnull (strstr (pages[0], "Default governance framework"));
  g_assert_nonnull (strstr (pages[0], "2026.1"));
  g_assert_nonnull (strstr (pages[1], "Summary"));
  g_assert_nonnull (strstr (pages[2], page_3));
  /* In a narrow column: the cell's words in drawing order. */
  g_assert_nonnull (strstr (raw, "Approvedwithconditions"));
  g_assert_nonnull (strstr (raw, "ApprovedforthepilotonlyConditions:ReviewinMarch"));
  g_assert_nonnull (strstr (fixture->layout, "No checks recorded"));
  g_assert_nonnull (strstr (fixture->layout, "<script>alert(\"x\")</script> & 'Quoted' model"));
  for (guint i = 0; i < N_WARNED; i++)
    {
      g_autofree char *name = g_strdup_printf ("Warned model %03u", i);

      g_assert_nonnull (strstr (fixture->layout, name));
    }
}

/* A page that ends one model's section and starts the next: its running
 * header names the model it continues, not the one that starts on it. */
static void
test_sections_flow (void)
{
  Fixture *fixture = get_fixture ();
  g_auto(GStrv) pages = g_strsplit (fixture->layout, "\f", -1);
  g_autoptr(GRegex) header = g_regex_new ("· (Warned model [0-9]{3})", 0, 0, NULL);
  g_autoptr(GRegex) heading = g_regex_new ("^ *(Warned model [0-9]{3}) *$", G_REGEX_MULTILINE,
                                           0, NULL);
  gboolean shared_page = FALSE;

  for (guint i = 0; pages[i] != NULL && !shared_page; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *continued = NULL;

      if (!g_regex_match (header, pages[i], 0, &match))
        continue;
      continued = g_match_info_fetch (match, 1);
      g_clear_pointer (&match, g_match_info_unref);
      for (g_regex_match (heading, pages[i], 0, &match);
           g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          g_autofree char *started = g_match_info_fetch (match, 1);

          if (g_strcmp0 (started, continued) != 0)
            shared_page = TRUE;
        }
    }
  g_assert_true (shared_page);
}

static void
test_long_name_wrapped (void)
{
  Fixture *fixture = get_fixture ();
  g_autofree char *squeezed = squeeze (fixture->layout);
  const char *long_name = mr_report_test_long_name ();
  gboolean wrapped = FALSE;
  g_auto(GStrv) lines = g_strsplit (fixture->layout, "\n", -1);

  /* All of it is there, and no line of the body holds all of it.  (The
   * running header ellipsizes it into one line; the ellipsis carries the
   * text it stands for, so pdftotext gives that line in full.) */
  g_assert_nonnull (strstr (squeezed, long_name));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "Governance report — Example Org Ltd · ") != NULL)
        continue;
      g_assert_null (strstr (lines[i], long_name));
      if (strstr (lines[i], "Long-Model-Name-0123456789Long") != NULL)
        wrapped = TRUE;
    }
  g_assert_true (wrapped);
}

static void
test_flag_reasons (void)
{
  Fixture *fixture = get_fixture ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(MrReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = pdftotext ("-raw", fixture->path);
  g_autofree char *squeezed = squeeze (raw);

  records = mr_store_list_models (fixture->store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  data = mr_report_data_new (records, mr_store_get_framework (fixture->store), NULL);
  g_assert_cmpuint (data->flags->len, >, 0);
  for (guint i = 0; i < data->flags->len; i++)
    {
      const MrReportFlag *flag = g_ptr_array_index (data->flags, i);
      g_autofree char *reason = squeeze (flag->reason);
      g_autofree char *remedy = squeeze (flag->remedy);

      g_assert_nonnull (strstr (squeezed, reason));
      g_assert_nonnull (strstr (squeezed, remedy));
    }
}

static void
assert_has_words (const char *squeezed,
                  const char *words)
{
  g_autofree char *wanted = squeeze (words);

  g_assert_nonnull (strstr (squeezed, wanted));
}

/* The model that the line at @line of @page belongs to: the last section
 * heading above it, else the model its running header continues; NULL
 * for a model named otherwise than these tests' warned and blocked ones. */
static char *
dup_section_model (const char *page,
                   const char *line)
{
  g_autoptr(GRegex) header = g_regex_new ("· (Warned model [0-9]{3}|" MR_REPORT_TEST_BLOCKED_NAME
                                          ")", 0, 0, NULL);
  g_autoptr(GRegex) heading = g_regex_new ("^ *(Warned model [0-9]{3}|"
                                           MR_REPORT_TEST_BLOCKED_NAME ") *$",
                                           G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *above = g_strndup (page, line - page);
  g_autoptr(GMatchInfo) match = NULL;
  char *model = NULL;

  if (g_regex_match (header, above, 0, &match))
    model = g_match_info_fetch (match, 1);
  g_clear_pointer (&match, g_match_info_unref);
  for (g_regex_match (heading, above, 0, &match);
       g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_free (model);
      model = g_match_info_fetch (match, 1);
    }
  return model;
}

/* A model's section lists its flags by severity and use and points to the
 * page of the flag table that gives their reason and remedy, which are
 * printed there only. */
static void
test_flag_references (void)
{
  Fixture *fixture = get_fixture ();
  g_auto(GStrv) pages = g_strsplit (fixture->layout, "\f", -1);
  g_autofree char *raw = pdftotext ("-raw", fixture->path);
  g_auto(GStrv) raw_pages = g_strsplit (raw, "\f", -1);
  g_autoptr(GRegex) reference = g_regex_new ("^ *(Blocking|Warning) +(\\S.*\\S) +See page ([0-9]+) *$",
                                             G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) flag_header = g_regex_new ("Model +Severity +Intended use +Reason +Remedy",
                                               0, 0, NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(MrReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  guint first_section = 0, n_references = 0, n_blocked = 0;

  records = mr_store_list_models (fixture->store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);
  data = mr_report_data_new (records, mr_store_get_framework (fixture->store), NULL);
  while (pages[first_section] != NULL && strstr (pages[first_section], "Example Org Ltd · ") == NULL)
    first_section++;
  g_assert_nonnull (pages[first_section]);

  for (guint i = first_section; pages[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *squeezed = squeeze (raw_pages[i]);

      for (g_regex_match (reference, pages[i], 0, &match);
           g_match_info_matches (match);
           g_match_info_next (match, NULL), n_references++)
        {
          g_autofree char *severity = g_match_info_fetch (match, 1);
          g_autofree char *use = g_match_info_fetch (match, 2);
          g_autofree char *number = g_match_info_fetch (match, 3);
          int start;
          guint page = (guint) g_ascii_strtoull (number, NULL, 10);
          g_autofree char *model = NULL;
          g_autofree char *target = NULL;

          g_assert_true (g_match_info_fetch_pos (match, 0, &start, NULL));
          model = dup_section_model (pages[i], pages[i] + start);
          g_assert_cmpuint (page, >, 2);
          g_assert_cmpuint (page, <=, first_section);
          /* That page of the flag table has the model's flag; its narrow
           * cells wrap, so their words are looked for in drawing order. */
          g_assert_true (g_regex_match (flag_header, pages[page - 1], 0, NULL));
          target = squeeze (raw_pages[page - 1]);
          g_assert_nonnull (strstr (target, severity));
          assert_has_words (target, use);
          if (model != NULL)
            assert_has_words (target, model);
          if (g_strcmp0 (model, MR_REPORT_TEST_BLOCKED_NAME) == 0 &&
              strcmp (severity, "Blocking") == 0 && strcmp (use, "Credit scoring") == 0)
            n_blocked++;
        }
      for (guint j = 0; j < data->flags->len; j++)
        {
          const MrReportFlag *flag = g_ptr_array_index (data->flags, j);
          g_autofree char *reason = squeeze (flag->reason);

          g_assert_null (strstr (squeezed, reason));
        }
    }
  g_assert_cmpuint (n_references, ==, data->flags->len);
  g_assert_cmpuint (n_blocked, >, 0);
}

static void
test_header_repeated (void)
{
  Fixture *fixture = get_fixture ();
  g_auto(GStrv) pages = g_strsplit (fixture->layout, "\f", -1);
  g_autoptr(GRegex) header = g_regex_new ("Model +Severity +Intended use +Reason +Remedy",
                                          0, 0, NULL);
  guint first = 0;

  while (pages[first] != NULL && strstr (pages[first], "Blocking flags and warnings") == NULL)
    first++;
  g_assert_nonnull (pages[first]);
  g_assert_true (g_regex_match (header, pages[first], 0, NULL));
  /* The table goes on over the page, under the same header. */
  g_assert_nonnull (pages[first + 1]);
  g_assert_null (strstr (pages[first + 1], "Blocking flags and warnings"));
  g_assert_true (g_regex_match (header, pages[first + 1], 0, NULL));
  g_assert_nonnull (strstr (pages[first + 1], "Warned model"));
}

static void
test_text_inside_page (void)
{
  Fixture *fixture = get_fixture ();
  const char *argv[] = { "pdftotext", "-bbox", fixture->path, "-", NULL };
  g_autofree char *bbox = mr_report_test_run (argv);
  g_autoptr(GRegex) page_regex = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"",
                                              0, 0, NULL);
  /* RAW: with UTF-8 checks, each next match would check the whole text again. */
  g_autoptr(GRegex) word_regex = g_regex_new ("<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" "
                                              "xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\"",
                                              G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *width_text = NULL;
  g_autofree char *height_text = NULL;
  double width, height;
  guint n_words = 0;

  g_assert_true (g_regex_match (page_regex, bbox, 0, &match));
  width_text = g_match_info_fetch (match, 1);
  height_text = g_match_info_fetch (match, 2);
  width = g_ascii_strtod (width_text, NULL);
  height = g_ascii_strtod (height_text, NULL);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  g_clear_pointer (&match, g_match_info_unref);

  /* Inside the margins, not merely the page: 48 pt at the sides, the
   * running header and footer 24 pt and 40 pt from the edges. */
  g_regex_match (word_regex, bbox, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n_words++)
    {
      double box[4];

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);

          box[i] = g_ascii_strtod (number, NULL);
        }
      g_assert_cmpfloat (box[0], >=, 47.0);
      g_assert_cmpfloat (box[2], <=, width - 47.0);
      g_assert_cmpfloat (box[1], >=, 20.0);
      g_assert_cmpfloat (box[3], <=, height - 20.0);
    }
  g_assert_cmpuint (n_words, >, 1000);
}

static void
render_page (const char *path,
             guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *prefix = g_strdup_printf ("%s/report-page-%u",
                                             g_test_get_dir (G_TEST_BUILT), page);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "50", "-singlefile", "-f", number,
                         "-l", number, path, prefix, NULL };
  g_autofree char *out = mr_report_test_run (argv);

  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_render_pages (void)
{
  Fixture *fixture = get_fixture ();
  /* Cover, summary, the flag table and its continuation, a model. */
  for (guint page = 1; page <= 4; page++)
    render_page (fixture->path, page);
  render_page (fixture->path, fixture->n_pages - 1);
}

static void
test_cancelled_keeps_file (void)
{
  Fixture *fixture = get_fixture ();
  MrReportRequest request = { .type = MR_REPORT_TYPE_GOVERNANCE, .format = MR_REPORT_FORMAT_PDF };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (mr_report_job_run (fixture->store, &request, file, NULL, NULL, cancellable,
                                     NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_factsheet (void)
{
  Fixture *fixture = get_fixture ();
  MrReportRequest request = {
    .type = MR_REPORT_TYPE_FACTSHEET,
    .format = MR_REPORT_FORMAT_PDF,
    .model_id = 3,
  };
  g_autofree char *path = g_build_filename (fixture->folder, "factsheet.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_true (mr_report_job_run (fixture->store, &request, file, NULL, NULL, NULL,
                                    &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  text = pdftotext ("-layout", path);
  g_assert_nonnull (strstr (text, MR_REPORT_TEST_BLOCKED_NAME));
  g_assert_nonnull (strstr (text, "Not known"));
  g_assert_nonnull (strstr (text, "Number of parameters"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

typedef struct {
  GMainLoop *loop;
  GThread   *main_thread;
  guint      n_updates;
  gboolean   done;
  guint      n_pages;
  GError    *error;
} AsyncRun;

static void
note_async_progress (double   fraction,
                     gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_false (run->done);
  run->n_updates++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->done = mr_report_job_run_finish (result, &run->n_pages, &run->error);
  g_main_loop_quit (run->loop);
}

/* The job on a worker thread; progress and the result come back to this
 * thread's main context. */
static void
test_async (void)
{
  Fixture *fixture = get_fixture ();
  MrReportRequest request = { .type = MR_REPORT_TYPE_GOVERNANCE, .format = MR_REPORT_FORMAT_PDF };
  g_autofree char *path = g_build_filename (fixture->folder, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MrWorker) worker = mr_worker_new ("report-test");
  AsyncRun run = { g_main_loop_new (NULL, FALSE), g_thread_self () };

  mr_report_job_run_async (worker, fixture->store, &request, file, note_async_progress, &run,
                           NULL, async_done, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.done);
  g_assert_cmpuint (run.n_pages, >, 5);
  g_assert_cmpuint (run.n_updates, >, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  mr_worker_shutdown (worker, NULL, NULL);
  g_main_loop_unref (run.loop);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  write_report (&shared_fixture);

#define ADD(path, func) g_test_add_func (path, func)
  ADD ("/report/pdf/content", test_content);
  ADD ("/report/pdf/sections-flow", test_sections_flow);
  ADD ("/report/pdf/long-name-wrapped", test_long_name_wrapped);
  ADD ("/report/pdf/flag-reasons", test_flag_reasons);
  ADD ("/report/pdf/flag-references", test_flag_references);
  ADD ("/report/pdf/header-repeated", test_header_repeated);
  ADD ("/report/pdf/text-inside-page", test_text_inside_page);
  ADD ("/report/pdf/render-pages", test_render_pages);
  ADD ("/report/pdf/cancelled-keeps-file", test_cancelled_keeps_file);
  ADD ("/report/pdf/factsheet", test_factsheet);
  ADD ("/report/job/async", test_async);
#undef ADD
  status = g_test_run ();
  remove_report (&shared_fixture);
  return status;
}
