/* mr-reports-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-date-row.h"
#include "mr-error.h"
#include "mr-error-presenter.h"
#include "mr-report-print.h"
#include "mr-reports-page.h"
#include "mr-window.h"

struct _MrReportsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwComboRow         *type_row;
  AdwComboRow         *format_row;
  AdwComboRow         *model_row;
  AdwComboRow         *pages_row;
  AdwEntryRow         *organisation_row;
  AdwPreferencesGroup *period_group;
  MrDateRow           *from_row;
  MrDateRow           *to_row;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *recent_group;

  /* Owned */
  GSettings           *settings;
  MrRepository        *repository;
  GPtrArray           *models;       /* MrModelRecord, the model row's items */
  GCancellable        *list_cancellable;
  GCancellable        *export_cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray           *recent_rows;  /* oldest first */
  GFile               *print_file;   /* the temporary PDF being printed */
};

/* The page is for writing reports, not a file manager. */
#define MAX_RECENT 5

G_DEFINE_FINAL_TYPE (MrReportsPage, mr_reports_page, ADW_TYPE_BIN)

typedef struct {
  MrReportFormat  format;
  const char     *title;
  const char     *extension;
} FormatInfo;

static const FormatInfo all_formats[] = {
  { MR_REPORT_FORMAT_PDF, "PDF", "pdf" },
  { MR_REPORT_FORMAT_HTML, "HTML", "html" },
  { MR_REPORT_FORMAT_CSV, "CSV", "csv" },
  { MR_REPORT_FORMAT_JSON, "JSON", "json" },
};

/* The formats each type allows (mr_report_request_check()), in that order. */
static const MrReportFormat governance_formats[] = { MR_REPORT_FORMAT_PDF, MR_REPORT_FORMAT_HTML };
static const MrReportFormat factsheet_formats[] = { MR_REPORT_FORMAT_PDF, MR_REPORT_FORMAT_HTML,
                                                    MR_REPORT_FORMAT_JSON };
static const MrReportFormat inventory_formats[] = { MR_REPORT_FORMAT_CSV, MR_REPORT_FORMAT_JSON };

static const MrReportFormat *
get_formats (MrReportType  type,
             guint        *out_n)
{
  switch (type)
    {
    case MR_REPORT_TYPE_FACTSHEET:
      *out_n = G_N_ELEMENTS (factsheet_formats);
      return factsheet_formats;
    case MR_REPORT_TYPE_INVENTORY:
      *out_n = G_N_ELEMENTS (inventory_formats);
      return inventory_formats;
    case MR_REPORT_TYPE_GOVERNANCE:
    default:
      *out_n = G_N_ELEMENTS (governance_formats);
      return governance_formats;
    }
}

static MrReportType
get_type_choice (MrReportsPage *self)
{
  return MIN (adw_combo_row_get_selected (self->type_row), MR_REPORT_TYPE_INVENTORY);
}

static MrReportFormat
get_format_choice (MrReportsPage *self)
{
  guint n;
  const MrReportFormat *formats = get_formats (get_type_choice (self), &n);

  return formats[MIN (adw_combo_row_get_selected (self->format_row), n - 1)];
}

/* Export and Print wait for the report being written; an inventory is a
 * table for spreadsheets, never a PDF, so it cannot be printed. */
static void
update_actions (MrReportsPage *self)
{
  gboolean idle = self->export_cancellable == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print",
                                 idle && get_type_choice (self) != MR_REPORT_TYPE_INVENTORY);
}

static void
on_type_changed (MrReportsPage *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  MrReportType type = get_type_choice (self);
  guint n;
  const MrReportFormat *formats = get_formats (type, &n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (titles, all_formats[formats[i]].title);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));
  gtk_widget_set_visible (GTK_WIDGET (self->model_row), type == MR_REPORT_TYPE_FACTSHEET);
  gtk_widget_set_visible (GTK_WIDGET (self->pages_row), type == MR_REPORT_TYPE_GOVERNANCE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_group), type == MR_REPORT_TYPE_GOVERNANCE);
  update_actions (self);
}

static void
on_models_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrReportsPage) self = user_data;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = mr_repository_list_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->list_cancellable);
  if (records == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not list the register"), error);
      return;
    }
  g_clear_pointer (&self->models, g_ptr_array_unref);
  self->models = records;
  for (guint i = 0; i < records->len; i++)
    gtk_string_list_append (names, ((MrModelRecord *) g_ptr_array_index (records, i))->name);
  adw_combo_row_set_model (self->model_row, G_LIST_MODEL (names));
}

static void
list_models (MrReportsPage *self)
{
  if (self->repository == NULL)
    return;
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  mr_repository_list_async (self->repository, MR_LOAD_SUMMARY, self->list_cancellable,
                            on_models_listed, g_object_ref (self));
}

static gboolean
build_request (MrReportsPage   *self,
               MrReportRequest *request,
               GError         **error)
{
  guint model = adw_combo_row_get_selected (self->model_row);

  *request = (MrReportRequest) {
    .type = get_type_choice (self),
    .format = get_format_choice (self),
  };
  if (request->type == MR_REPORT_TYPE_FACTSHEET)
    {
      if (self->models == NULL || model >= self->models->len)
        {
          g_set_error_literal (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED,
                               _("Choose the model the factsheet describes"));
          return FALSE;
        }
      request->model_id = ((MrModelRecord *) g_ptr_array_index (self->models, model))->id;
    }
  if (request->type == MR_REPORT_TYPE_GOVERNANCE)
    {
      gint64 to = mr_date_row_get_date (self->to_row);

      request->options.period_from = mr_date_row_get_date (self->from_row);
      /* "To" names a day: decisions made during it are in the period. */
      request->options.period_to = to != 0 ? to + 24 * 60 * 60 - 1 : 0;
      request->options.model_pages = adw_combo_row_get_selected (self->pages_row) == 1
                                     ? MR_REPORT_MODEL_PAGES_ATTENTION : MR_REPORT_MODEL_PAGES_ALL;
    }
  request->options.organisation = gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  if (*request->options.organisation == '\0')
    request->options.organisation = NULL;
  return mr_report_request_check (request, error);
}

/* --- recent exports ---------------------------------------------------------- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL),
                                           NULL, NULL, NULL, NULL);
}

static void
open_folder (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_uri = g_file_get_uri (folder);

  g_app_info_launch_default_for_uri_async (folder_uri, NULL, NULL, NULL, NULL);
}

static void
on_show_items_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  /* No file manager that can point at the file: open its folder. */
  if (reply == NULL)
    open_folder (uri);
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  const char *uris[] = { uri, NULL };
  GApplication *application = g_application_get_default ();
  GDBusConnection *bus = application != NULL ? g_application_get_dbus_connection (application)
                                             : NULL;

  if (bus == NULL)
    {
      open_folder (uri);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          -1, NULL, on_show_items_done, g_strdup (uri));
}

static GtkWidget *
new_action_button (const char *label,
                   const char *action,
                   const char *uri)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (uri));
  return button;
}

static void
add_recent (MrReportsPage *self,
            GFile         *file,
            guint          n_pages)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (n_pages > 0)
    subtitle = g_strdup_printf (ngettext ("%u page · %s", "%u pages · %s", n_pages), n_pages, path);
  else
    subtitle = g_strdup (path);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_action_button (_("_Open"), "reports.open", uri));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_action_button (_("Show in _Folder"), "reports.show-in-folder", uri));
  if (self->recent_rows->len == MAX_RECENT)
    {
      adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, 0));
      g_ptr_array_remove_index (self->recent_rows, 0);
    }
  g_ptr_array_add (self->recent_rows, row);
  adw_preferences_group_add (self->recent_group, row);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), TRUE);
}

/* --- exporting --------------------------------------------------------------- */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  GtkProgressBar *bar = user_data;

  gtk_progress_bar_set_fraction (bar, fraction);
}

static void
set_busy (MrReportsPage *self,
          gboolean       busy)
{
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  update_actions (self);
}

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrReportsPage *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  GError *error = NULL;
  guint n_pages = 0;

  g_clear_object (&self->export_cancellable);
  set_busy (self, FALSE);
  if (!mr_repository_report_finish (self->repository, result, &n_pages, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  add_recent (self, file, n_pages);
  g_task_return_boolean (task, TRUE);
}

void
mr_reports_page_export_async (MrReportsPage       *self,
                              GFile               *file,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  MrReportRequest request;

  g_return_if_fail (MR_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mr_reports_page_export_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  if (self->repository == NULL || self->export_cancellable != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("A report is being written already"));
      return;
    }
  if (!build_request (self, &request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->export_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  mr_repository_report_async (self->repository, &request, file, on_progress, self->progress_bar,
                              self->export_cancellable, on_report_written,
                              g_steal_pointer (&task));
}

gboolean
mr_reports_page_export_finish (MrReportsPage  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MrReportsPage *self = MR_REPORTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (!mr_reports_page_export_finish (self, result, &error))
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not write the report"), error);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (MR_IS_WINDOW (root))
    mr_window_add_toast_text (MR_WINDOW (root), _("Report written; open it from Recent Exports"));
}

static void
on_chooser_response (MrReportsPage *self,
                     int            response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    mr_reports_page_export_async (self, file, on_exported, NULL);
}

static char *
suggest_name (MrReportsPage *self)
{
  static const char * const stems[] = { "governance-report", "factsheet", "inventory" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("%s-%s.%s", stems[get_type_choice (self)], day,
                          all_formats[get_format_choice (self)].extension);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrReportsPage *self = MR_REPORTS_PAGE (widget);
  g_autofree char *name = suggest_name (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  self->chooser = gtk_file_chooser_native_new (_("Export Report"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- printing ---------------------------------------------------------------- */

static void
finish_printing (MrReportsPage *self,
                 const GError  *error)
{
  g_autoptr(GError) delete_error = NULL;

  g_clear_object (&self->export_cancellable);
  set_busy (self, FALSE);
  if (!g_file_delete (self->print_file, NULL, &delete_error)
      && !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not delete the printed report: %s", delete_error->message);
  g_clear_object (&self->print_file);
  if (error != NULL)
    mr_error_presenter_present (GTK_WIDGET (self), _("Could not print the report"), error);
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MrReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  mr_report_print_run_finish (result, &error);
  finish_printing (self, error);
}

static void
on_print_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!mr_repository_report_finish (self->repository, result, NULL, &error))
    {
      finish_printing (self, error);
      return;
    }
  /* The print dialog takes over from the progress bar; Export and Print
   * stay disabled until it is done. */
  gtk_widget_set_visible (self->progress_box, FALSE);
  mr_report_print_run_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->print_file,
                             self->export_cancellable, on_printed, g_object_ref (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MrReportsPage *self = MR_REPORTS_PAGE (widget);
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  MrReportRequest request;

  if (self->repository == NULL || self->export_cancellable != NULL)
    return;
  if (!build_request (self, &request, &error))
    {
      mr_error_presenter_present (widget, _("Could not print the report"), error);
      return;
    }
  /* What is printed is the PDF, whichever format is chosen for export. */
  request.format = MR_REPORT_FORMAT_PDF;
  self->print_file = g_file_new_tmp ("model-register-XXXXXX.pdf", &stream, &error);
  if (self->print_file == NULL)
    {
      mr_error_presenter_present (widget, _("Could not print the report"), error);
      return;
    }
  if (!g_io_stream_close (G_IO_STREAM (stream), NULL, &error))
    {
      finish_printing (self, error);
      return;
    }
  self->export_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  mr_repository_report_async (self->repository, &request, self->print_file, on_progress,
                              self->progress_bar, self->export_cancellable, on_print_written,
                              g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (MR_REPORTS_PAGE (widget)->export_cancellable);
}

static void
mr_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mr_reports_page_parent_class)->map (widget);

  /* Models are added on the register page: list them again when shown. */
  list_models (MR_REPORTS_PAGE (widget));
}

static void
mr_reports_page_dispose (GObject *object)
{
  MrReportsPage *self = MR_REPORTS_PAGE (object);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->repository);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_reports_page_parent_class)->dispose (object);
}

static void
mr_reports_page_class_init (MrReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_reports_page_dispose;
  widget_class->map = mr_reports_page_map;

  g_type_ensure (MR_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, pages_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, period_group);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MrReportsPage, recent_group);
  gtk_widget_class_bind_template_callback (widget_class, on_type_changed);

  gtk_widget_class_install_action (widget_class, "reports.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "reports.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "reports.show-in-folder", "s",
                                   show_in_folder_action);
}

static void
mr_reports_page_init (MrReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recent_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  on_type_changed (self);
}

GtkWidget *
mr_reports_page_new (void)
{
  return g_object_new (MR_TYPE_REPORTS_PAGE, NULL);
}

void
mr_reports_page_set_repository (MrReportsPage *self,
                                MrRepository  *repository)
{
  g_return_if_fail (MR_IS_REPORTS_PAGE (self));
  g_return_if_fail (MR_IS_REPOSITORY (repository));

  g_set_object (&self->repository, repository);
  /* Listing a large register would delay the first frame: map lists it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    list_models (self);
}

gboolean
mr_reports_page_set_report (MrReportsPage  *self,
                            MrReportType    type,
                            MrReportFormat  format)
{
  guint n;
  const MrReportFormat *formats;

  g_return_val_if_fail (MR_IS_REPORTS_PAGE (self), FALSE);

  adw_combo_row_set_selected (self->type_row, type);
  formats = get_formats (type, &n);
  for (guint i = 0; i < n; i++)
    if (formats[i] == format)
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
mr_reports_page_set_model (MrReportsPage *self,
                           gint64         model_id)
{
  g_return_val_if_fail (MR_IS_REPORTS_PAGE (self), FALSE);

  for (guint i = 0; self->models != NULL && i < self->models->len; i++)
    if (((MrModelRecord *) g_ptr_array_index (self->models, i))->id == model_id)
      {
        adw_combo_row_set_selected (self->model_row, i);
        return TRUE;
      }
  return FALSE;
}
