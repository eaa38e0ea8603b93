/* test-report-print.c — printing a report through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A governance report of a real register is written as PDF by the
 * repository, as the Reports page does before printing, then printed with
 * GTK's export action into another PDF file: no dialog, but the same
 * begin-print and draw-page as on paper.  pdftotext reads both back.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mr-error.h"
#include "mr-gui-test-util.h"
#include "mr-report-print.h"
#include "mr-reports-page.h"

/* The text of path, one form feed after each page. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  char *text = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, &errors, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\f';
  return n;
}

/* A register of llama and three generated models; returns the report's
 * page count. */
static guint
write_report (const char *register_path,
              GFile      *pdf,
              char      **out_llama_name)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_autoptr(MrRepository) repository = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *llama = mr_test_make_llama_record ();
  MrReportRequest request = {
    .type = MR_REPORT_TYPE_GOVERNANCE,
    .format = MR_REPORT_FORMAT_PDF,
  };
  guint n_pages = 0;

  *out_llama_name = g_strdup (llama->name);
  g_ptr_array_add (extra, llama);
  mr_test_write_register (register_path, 3, extra);
  repository = mr_test_open_repository (register_path);
  mr_repository_report_async (repository, &request, pdf, NULL, NULL, NULL,
                              mr_test_keep_result, &result);
  mr_test_await (&result);
  g_assert_true (mr_repository_report_finish (repository, result, &n_pages, &error));
  g_assert_no_error (error);
  mr_repository_shutdown (repository);
  return n_pages;
}

static void
test_print_to_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "print", NULL);
  g_autofree char *register_path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *report_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GFile) report = g_file_new_for_path (report_path);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *llama_name = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *last_footer = NULL;
  GtkPrintOperationResult result;
  guint n_pages;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  n_pages = write_report (register_path, report, &llama_name);
  g_assert_cmpuint (n_pages, >, 1);

  operation = mr_report_print_operation_new (report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  gtk_print_operation_set_export_filename (operation, printed_path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  report_text = pdf_text (report_path);
  printed_text = pdf_text (printed_path);
  g_assert_cmpuint (count_pages (report_text), ==, n_pages);
  g_assert_cmpuint (count_pages (printed_text), ==, n_pages);
  g_assert_nonnull (strstr (printed_text, llama_name));
  /* Scaled, not cropped: the footer at the foot of the last page is printed. */
  last_footer = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (printed_text, last_footer));

  g_assert_no_errno (g_remove (printed_path));
  g_assert_no_errno (g_remove (report_path));
  g_assert_no_errno (g_remove (register_path));
}

static void
test_not_pdf (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_assert_true (g_file_set_contents (path, "<html>not a PDF</html>", -1, NULL));
  operation = mr_report_print_operation_new (file, &error);
  g_assert_null (operation);
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_no_errno (g_remove (path));
}

/* Cancelled before the dialog: nothing is shown and the caller hears so. */
static void
test_cancelled (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  mr_report_print_run_async (NULL, file, cancellable, mr_test_keep_result, &result);
  mr_test_await (&result);
  g_assert_false (mr_report_print_run_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
find_print_dialog (gpointer data)
{
  GtkWidget **out_dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      /* The print dialog is the only dialog. */
      if (GTK_IS_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        *out_dialog = toplevel;
    }
  return *out_dialog != NULL;
}

/* The temporary PDFs in g_get_tmp_dir(). */
static guint
count_temp_reports (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "model-register-") && g_str_has_suffix (name, ".pdf");
  return n;
}

static gboolean
no_temp_report (gpointer data)
{
  return count_temp_reports () == 0;
}

/* Print… writes the report to a temporary PDF, shows the print dialog for
 * it and, once the dialog is cancelled, deletes the file again. */
static void
test_page_print (void)
{
  g_autofree char *register_path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  g_autoptr(MrRepository) repository = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mr_reports_page_new ();
  GtkWidget *dialog = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  mr_test_write_register (register_path, 3, extra);
  repository = mr_test_open_repository (register_path);
  mr_reports_page_set_repository (MR_REPORTS_PAGE (page), repository);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (mr_reports_page_set_report (MR_REPORTS_PAGE (page), MR_REPORT_TYPE_INVENTORY,
                                             MR_REPORT_FORMAT_CSV));
  g_assert_false (gtk_widget_get_sensitive (mr_test_find_by_id (page, "print_button")));
  /* HTML is the export format; the printed report is the PDF all the same. */
  g_assert_true (mr_reports_page_set_report (MR_REPORTS_PAGE (page), MR_REPORT_TYPE_GOVERNANCE,
                                             MR_REPORT_FORMAT_HTML));
  g_assert_true (gtk_widget_get_sensitive (mr_test_find_by_id (page, "print_button")));
  g_assert_true (gtk_widget_activate_action (page, "reports.print", NULL));
  g_assert_true (mr_test_spin_until (find_print_dialog, &dialog, 30000));
  g_assert_cmpuint (count_temp_reports (), ==, 1);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (mr_test_spin_until (no_temp_report, NULL, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  mr_repository_shutdown (repository);
}

int
main (int   argc,
      char *argv[])
{
  const char *parent = g_getenv ("TMPDIR");
  g_autofree char *tmp_dir = g_build_filename (parent != NULL ? parent : "/tmp",
                                               "mr-print-XXXXXX", NULL);
  int status;

  /* A temporary directory of the test's own, set before anything calls
   * g_get_tmp_dir(), so the page's temporary PDFs can be seen to come and
   * go; g_test_init() makes the isolated directories inside it. */
  g_assert_nonnull (g_mkdtemp (tmp_dir));
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add_func ("/report-print/print-to-file", test_print_to_file);
      g_test_add_func ("/report-print/not-pdf", test_not_pdf);
      g_test_add_func ("/report-print/cancelled", test_cancelled);
      g_test_add_func ("/report-print/page", test_page_print);
    }
  status = g_test_run ();
  g_rmdir (tmp_dir);
  return status;
}
