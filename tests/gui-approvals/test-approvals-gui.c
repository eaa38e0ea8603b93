/* test-approvals-gui.c — the Approvals and Reports pages, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real register in a temp dir and the real window: a model is submitted
 * through the form (Submit stays disabled until a blocking flag is
 * justified), refused to its submitter and approved by a second person
 * (MODEL_REGISTER_TEST_ACTOR, honoured by the test-only identity library),
 * its history and the audit trail show the decision, the chain verifies,
 * and reports are exported as HTML and PDF.  Screenshots of each state go
 * to BUILDDIR/tests/gui-approvals/screenshots/.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mr-approvals-page.h"
#include "mr-audit-window.h"
#include "mr-date-row.h"
#include "mr-gui-test-util.h"
#include "mr-history-group.h"
#include "mr-model-detail.h"
#include "mr-reports-page.h"
#include "mr-review-pane.h"
#include "mr-submit-dialog.h"
#include "mr-use-picker.h"
#include "mr-window.h"

typedef struct {
  MrTestWindow   tw;
  MrModelRecord *llama;   /* as written */
} Fixture;

static void
fixture_open (Fixture *fixture,
              int      width)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  MrModelRecord *llama = mr_test_make_llama_record ();

  llama->status = MR_STATUS_DRAFT;
  g_ptr_array_add (extra, llama);
  mr_test_window_open (&fixture->tw, 3, extra, width, 800, NULL);
}

static void
fixture_close (Fixture *fixture)
{
  mr_test_window_close (&fixture->tw);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = mr_test_find_by_id (GTK_WIDGET (fixture->tw.window), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find (fixture, "view_stack")), name);
  mr_test_spin_for (100);
}

static gboolean
has_submit_dialog (gpointer data)
{
  return mr_test_find_toplevel (MR_TYPE_SUBMIT_DIALOG) != NULL;
}

static gboolean
no_submit_dialog (gpointer data)
{
  return mr_test_find_toplevel (MR_TYPE_SUBMIT_DIALOG) == NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return mr_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
detail_loaded (gpointer data)
{
  return mr_model_detail_get_full_record (data) != NULL;
}

static gboolean
queue_loaded (gpointer data)
{
  return !mr_approvals_page_get_loading (data) && mr_approvals_page_get_n_shown (data) > 0;
}

static gboolean
history_loaded (gpointer data)
{
  return !mr_history_group_get_loading (data);
}

static void
set_text (GtkWidget  *text_view,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text, -1);
}

/* Selects the Llama entry on the register page; returns the detail pane. */
static MrModelDetail *
select_llama (Fixture *fixture)
{
  MrRegisterPage *page = mr_window_get_register_page (fixture->tw.window);
  GListModel *visible = mr_register_page_get_visible (page);
  MrModelDetail *detail;

  detail = MR_MODEL_DETAIL (mr_test_find_by_type (GTK_WIDGET (page), MR_TYPE_MODEL_DETAIL));
  mr_register_page_search (page, fixture->llama->name);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(MrAiModel) model = g_list_model_get_item (visible, i);

      if (mr_ai_model_get_id (model) != fixture->llama->id)
        continue;
      mr_register_page_select (page, i);
      g_assert_true (mr_test_spin_until (detail_loaded, detail, 10000));
      g_assert_cmpint (mr_model_detail_get_full_record (detail)->id, ==, fixture->llama->id);
      return detail;
    }
  g_assert_not_reached ();
}

/* TRUE when a cell of the register's list reads text; the list is
 * searched down to the Llama entry, so its row is the one shown. */
static gboolean
list_cell_reads (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_INSCRIPTION (root) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (list_cell_reads (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
register_list (Fixture *fixture)
{
  return mr_test_find_by_id (GTK_WIDGET (mr_window_get_register_page (fixture->tw.window)),
                             "column_view");
}

static gboolean
list_reads_approved (gpointer data)
{
  return list_cell_reads (register_list (data), "Approved");
}

static MrSubmitDialog *
submit_with_blocking_flag (Fixture       *fixture,
                           MrModelDetail *detail)
{
  MrSubmitDialog *dialog;
  GtkWidget *root;

  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.submit", NULL);
  g_assert_true (mr_test_spin_until (has_submit_dialog, NULL, 5000));
  dialog = MR_SUBMIT_DIALOG (mr_test_find_toplevel (MR_TYPE_SUBMIT_DIALOG));
  root = GTK_WIDGET (dialog);

  gtk_editable_set_text (GTK_EDITABLE (mr_test_find_by_id (root, "owner_row")), "Risk Office");
  set_text (mr_test_find_by_id (root, "comment_view"), "Scoring loan applications faster.");
  /* A requested review date already past: the request is overdue. */
  mr_date_row_set_date (MR_DATE_ROW (mr_test_find_by_id (root, "review_date_row")), 1767225600);
  g_assert_true (mr_use_picker_set_use_active (MR_USE_PICKER (mr_test_find_by_id (root, "use_picker")),
                                               "social-scoring", TRUE));
  /* A prohibited use blocks: the form asks why, and Submit waits for it. */
  g_assert_true (gtk_widget_get_visible (mr_test_find_by_id (root, "justification_group")));
  g_assert_false (mr_submit_dialog_get_can_submit (dialog));
  g_assert_false (gtk_widget_get_sensitive (mr_test_find_by_id (root, "submit_button")));
  mr_test_scroll_to (mr_test_find_by_id (root, "policy_group"));
  mr_test_save_screenshot (root, "gui-approvals/screenshots", "submit-form-flags");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 720);
  mr_test_spin_for (800);
  mr_test_scroll_to (mr_test_find_by_id (root, "justification_group"));
  mr_test_save_screenshot (root, "gui-approvals/screenshots", "submit-form-blocking-narrow");

  set_text (mr_test_find_by_id (root, "justification_view"),
            "Internal research sandbox only; no decisions about people.");
  g_assert_true (mr_submit_dialog_get_can_submit (dialog));
  g_assert_true (gtk_widget_get_sensitive (mr_test_find_by_id (root, "submit_button")));
  return dialog;
}

static MrReviewPane *
open_review (Fixture         *fixture,
             MrApprovalsPage *page,
             gint64           id)
{
  MrReviewPane *pane = MR_REVIEW_PANE (mr_approvals_page_get_review_pane (page));

  g_assert_true (mr_test_spin_until (queue_loaded, page, 10000));
  for (guint i = 0; i < mr_approvals_page_get_n_shown (page); i++)
    {
      mr_approvals_page_select (page, i);
      if (mr_review_pane_get_record (pane) != NULL && mr_review_pane_get_record (pane)->id == id)
        return pane;
    }
  g_assert_not_reached ();
}

static gboolean
checks_listed (gpointer data)
{
  g_autofree char *text = mr_test_collect_text (data);

  return strstr (text, "No checks on record") != NULL;
}

static gboolean
is_approved (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(MrModelRecord) record = mr_test_get_record (fixture->tw.repository, fixture->llama->id);

  return record->status == MR_STATUS_APPROVED;
}

static gboolean
is_submitted (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(MrModelRecord) record = mr_test_get_record (fixture->tw.repository, fixture->llama->id);

  return record->status == MR_STATUS_SUBMITTED;
}

static void
decide_as (MrReviewPane *pane,
           const char   *actor)
{
  g_setenv ("MODEL_REGISTER_TEST_ACTOR", actor, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (pane), "review.decide", NULL);
}

static void
check_refused_to_submitter (MrReviewPane *pane)
{
  GtkWindow *message;
  g_autofree char *text = NULL;

  decide_as (pane, "alice");
  g_assert_true (mr_test_spin_until (has_message_dialog, NULL, 10000));
  message = mr_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  text = g_strconcat (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), "\n",
                      adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), NULL);
  g_assert_nonnull (strstr (text, "separation of duties"));
  g_assert_nonnull (strstr (text, "Ask another reviewer"));
  gtk_window_destroy (message);
}

static void
check_history (Fixture *fixture)
{
  GtkWidget *group = mr_history_group_new ();
  g_autofree char *text = NULL;

  g_object_ref_sink (group);
  mr_history_group_set_model (MR_HISTORY_GROUP (group), fixture->tw.repository, fixture->llama->id);
  g_assert_true (mr_test_spin_until (history_loaded, group, 10000));
  text = mr_test_collect_text (group);
  g_assert_nonnull (strstr (text, "Submitted for approval"));
  g_assert_nonnull (strstr (text, "Approved"));
  g_assert_nonnull (strstr (text, "bob"));
  g_assert_nonnull (strstr (text, "Evidence is sufficient"));
  g_object_unref (group);
}

/* The register page's detail pane lists the decision in its History. */
static void
check_detail_history (Fixture *fixture)
{
  MrModelDetail *detail;
  GtkWidget *group;
  g_autofree char *text = NULL;

  show_page (fixture, "register");
  detail = select_llama (fixture);
  group = mr_test_find_by_id (GTK_WIDGET (detail), "history_group");
  g_assert_nonnull (group);
  g_assert_true (mr_test_spin_until (history_loaded, group, 10000));
  text = mr_test_collect_text (group);
  g_assert_nonnull (strstr (text, "Approved"));
  g_assert_nonnull (strstr (text, "Evidence is sufficient"));
  mr_test_scroll_to (group);
  mr_test_save_screenshot (GTK_WIDGET (fixture->tw.window), "gui-approvals/screenshots", "detail-history");
}

static gboolean
audit_listed (gpointer data)
{
  return mr_audit_window_get_n_shown (data) > 0;
}

static gboolean
audit_verified (gpointer data)
{
  return mr_audit_window_get_status (data) != NULL;
}

static void
check_audit (Fixture         *fixture,
             MrApprovalsPage *page)
{
  MrAuditWindow *audit = MR_AUDIT_WINDOW (mr_approvals_page_show_audit (page));

  g_assert_true (mr_test_spin_until (audit_listed, audit, 10000));
  mr_audit_window_verify (audit);
  g_assert_true (mr_test_spin_until (audit_verified, audit, 10000));
  g_assert_true (g_str_has_prefix (mr_audit_window_get_status (audit), "Audit trail intact: "));
  mr_test_save_screenshot (GTK_WIDGET (audit), "gui-approvals/screenshots", "audit-trail");

  mr_audit_window_set_filter (audit, "approve", NULL);
  g_assert_cmpuint (mr_audit_window_get_n_shown (audit), ==, 1);
  mr_audit_window_set_filter (audit, NULL, "nobody-at-all");
  g_assert_cmpuint (mr_audit_window_get_n_shown (audit), ==, 0);
  gtk_window_destroy (GTK_WINDOW (audit));
}

static MrModelRecord *
find_llama (MrRepository *repository)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;

  mr_repository_list_async (repository, MR_LOAD_SUMMARY, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  records = mr_repository_list_finish (repository, result, NULL);
  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      MrModelRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->name, "Llama-3.1-8B-Instruct"))
        return mr_model_record_ref (record);
    }
  g_assert_not_reached ();
}

static void
test_workflow (void)
{
  Fixture fixture = { 0 };
  MrApprovalsPage *page;
  MrModelDetail *detail;
  MrReviewPane *pane;
  g_autofree char *text = NULL;

  fixture_open (&fixture, 1200);
  fixture.llama = find_llama (fixture.tw.repository);
  g_setenv ("MODEL_REGISTER_TEST_ACTOR", "alice", TRUE);

  detail = select_llama (&fixture);
  g_assert_false (list_cell_reads (register_list (&fixture), "Submitted"));
  submit_with_blocking_flag (&fixture, detail);
  gtk_widget_activate_action (GTK_WIDGET (mr_test_find_toplevel (MR_TYPE_SUBMIT_DIALOG)),
                              "submit.submit", NULL);
  g_assert_true (mr_test_spin_until (no_submit_dialog, NULL, 10000));
  g_assert_true (is_submitted (&fixture));
  /* The list row follows the stored record, not what it showed at bind. */
  g_assert_true (list_cell_reads (register_list (&fixture), "Submitted"));
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "detail-submitted");

  show_page (&fixture, "approvals");
  page = MR_APPROVALS_PAGE (find (&fixture, "approvals_page"));
  g_assert_true (mr_test_spin_until (queue_loaded, page, 10000));
  mr_approvals_page_set_filter (page, MR_QUEUE_FILTER_OVERDUE);
  g_assert_cmpuint (mr_approvals_page_get_n_shown (page), ==, 1);
  text = mr_test_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Overdue (1)"));
  g_assert_nonnull (strstr (text, fixture.llama->name));
  mr_approvals_page_set_filter (page, MR_QUEUE_FILTER_ALL);
  pane = open_review (&fixture, page, fixture.llama->id);
  set_text (mr_test_find_by_id (GTK_WIDGET (pane), "comment_view"), "Evidence is sufficient.");
  g_assert_true (mr_test_spin_until (checks_listed, pane, 10000));
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "approvals-queue-and-review");
  mr_test_scroll_to (mr_test_find_by_id (GTK_WIDGET (pane), "decision_row"));
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "review-form-decision");

  check_refused_to_submitter (pane);
  g_assert_true (is_submitted (&fixture));
  decide_as (pane, "bob");
  g_assert_true (mr_test_spin_until (is_approved, &fixture, 10000));
  g_assert_true (mr_test_spin_until (list_reads_approved, &fixture, 5000));
  g_assert_false (list_cell_reads (register_list (&fixture), "Submitted"));

  check_history (&fixture);
  check_audit (&fixture, page);
  check_detail_history (&fixture);

  show_page (&fixture, "approvals");
  gtk_window_set_default_size (GTK_WINDOW (fixture.tw.window), 360, 720);
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "approvals-narrow");
  /* Folded: a request opens the form in place, with a way back. */
  g_assert_true (mr_test_spin_until (queue_loaded, page, 10000));
  mr_approvals_page_select (page, 0);
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "review-narrow");
  g_assert_true (gtk_widget_get_visible (mr_test_find_by_id (GTK_WIDGET (page), "back_button")));
  mr_model_record_unref (fixture.llama);
  fixture_close (&fixture);
}

static void
export_report (MrReportsPage  *page,
               MrReportType    type,
               MrReportFormat  format,
               const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mr_reports_page_set_report (page, type, format));
  mr_reports_page_export_async (page, file, mr_test_keep_result, &result);
  mr_test_await (&result);
  g_assert_true (mr_reports_page_export_finish (page, result, &error));
  g_assert_no_error (error);
}

/* PDFs hold NUL bytes: g_strstr_len() would stop at the first. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* The document title in the PDF's metadata names the model: as a literal
 * string when it is ASCII, else as UTF-16BE hex (the title has a dash). */
static gboolean
pdf_names (const char *pdf,
           gsize       length,
           const char *name)
{
  g_autoptr(GString) hex = g_string_new (NULL);

  for (const char *c = name; *c != '\0'; c++)
    g_string_append_printf (hex, "%04X", (guint) (guchar) *c);
  return contains_bytes (pdf, length, name) || contains_bytes (pdf, length, hex->str);
}

static gboolean
models_listed (gpointer data)
{
  Fixture *fixture = data;

  return mr_reports_page_set_model (MR_REPORTS_PAGE (find (fixture, "reports_page")),
                                    fixture->llama->id);
}

static void
test_reports (void)
{
  Fixture fixture = { 0 };
  MrReportsPage *page;
  g_autofree char *dir = g_dir_make_tmp ("mr-reports-XXXXXX", NULL);
  g_autofree char *html_path = g_build_filename (dir, "governance.html", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "factsheet.pdf", NULL);
  g_autofree char *sheet_path = g_build_filename (dir, "factsheet.html", NULL);
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *sheet = NULL;
  gsize pdf_length;

  g_assert_nonnull (dir);
  fixture_open (&fixture, 1000);
  fixture.llama = find_llama (fixture.tw.repository);
  show_page (&fixture, "reports");
  page = MR_REPORTS_PAGE (find (&fixture, "reports_page"));
  g_assert_true (mr_test_spin_until (models_listed, &fixture, 10000));

  export_report (page, MR_REPORT_TYPE_GOVERNANCE, MR_REPORT_FORMAT_HTML, html_path);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, fixture.llama->name));

  export_report (page, MR_REPORT_TYPE_FACTSHEET, MR_REPORT_FORMAT_HTML, sheet_path);
  g_assert_true (g_file_get_contents (sheet_path, &sheet, NULL, NULL));
  g_assert_nonnull (strstr (sheet, fixture.llama->name));

  export_report (page, MR_REPORT_TYPE_FACTSHEET, MR_REPORT_FORMAT_PDF, pdf_path);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_length, NULL));
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_true (pdf_names (pdf, pdf_length, fixture.llama->name));

  /* A format the type does not allow is refused, not silently changed. */
  g_assert_false (mr_reports_page_set_report (page, MR_REPORT_TYPE_INVENTORY, MR_REPORT_FORMAT_PDF));

  mr_reports_page_set_report (page, MR_REPORT_TYPE_GOVERNANCE, MR_REPORT_FORMAT_PDF);
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "reports-page");
  gtk_window_set_default_size (GTK_WINDOW (fixture.tw.window), 360, 720);
  mr_test_save_screenshot (GTK_WIDGET (fixture.tw.window), "gui-approvals/screenshots", "reports-narrow");
  mr_model_record_unref (fixture.llama);
  fixture_close (&fixture);
  g_assert_no_errno (g_remove (html_path));
  g_assert_no_errno (g_remove (sheet_path));
  g_assert_no_errno (g_remove (pdf_path));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_templates (void)
{
  GtkWidget *widgets[] = {
    mr_approvals_page_new (),
    mr_review_pane_new (),
    mr_reports_page_new (),
    mr_history_group_new (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_assert_true (GTK_IS_WIDGET (widgets[i]));
      g_object_unref (widgets[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add_func ("/approvals-gui/templates", test_templates);
      g_test_add_func ("/approvals-gui/workflow", test_workflow);
      g_test_add_func ("/approvals-gui/reports", test_reports);
    }
  return g_test_run ();
}
