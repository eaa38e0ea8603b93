/* mr-report-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-report-print"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "mr-error.h"
#include "mr-report-print.h"

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PopplerDocument *document = user_data;

  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PopplerDocument *document = user_data;
  /* Poppler 22.12 defines no g_autoptr() cleanup for its types. */
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (page == NULL)
    return;
  /* The report's pages are A4, but the paper may be Letter and the
   * printable area is smaller than the paper: fit rather than clip. */
  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

GtkPrintOperation *
mr_report_print_operation_new (GFile   *pdf,
                               GError **error)
{
  PopplerDocument *document;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GtkPrintOperation *operation;

  g_return_val_if_fail (G_IS_FILE (pdf), NULL);

  document = poppler_document_new_from_gfile (pdf, NULL, NULL, &local_error);
  if (document == NULL)
    {
      g_autofree char *path = g_file_get_parse_name (pdf);

      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("Could not read the report “%s” as PDF: %s"), path, local_error->message);
      return NULL;
    }
  name = g_file_get_basename (pdf);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, name);
  /* Poppler's page sizes are in points: so is the cairo context then. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Each handler owns a reference, the last of which frees the document. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_object_unref (document);
  return operation;
}

typedef struct {
  GtkPrintOperation *operation;
  GCancellable      *cancellable;
  gulong             cancelled_id;
  gboolean           finished;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->operation);
  g_free (data);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  gtk_print_operation_cancel (user_data);
}

static void
complete (GTask                   *task,
          GtkPrintOperationResult  result)
{
  PrintData *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* The result comes from the run when it finishes at once, else from
   * "done"; GTK may report it both ways. */
  if (data->finished || result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    return;
  data->finished = TRUE;
  /* The handler's reference to the task would keep the operation alive. */
  g_signal_handlers_disconnect_by_data (data->operation, task);
  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (data->operation, &error);
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Printing failed"));
      g_task_return_error (task, error);
      break;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled"));
      break;
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    default:
      g_task_return_boolean (task, TRUE);
      break;
    }
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  complete (user_data, result);
}

void
mr_report_print_run_async (GtkWindow           *parent,
                           GFile               *pdf,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  PrintData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (pdf));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_report_print_run_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  data = g_new0 (PrintData, 1);
  data->operation = mr_report_print_operation_new (pdf, &error);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);
  if (data->operation == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                                  data->operation, NULL);
    }
  gtk_print_operation_set_allow_async (data->operation, TRUE);
  g_signal_connect_data (data->operation, "done", G_CALLBACK (on_done), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  result = gtk_print_operation_run (data->operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, NULL);
  complete (task, result);
}

gboolean
mr_report_print_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_report_print_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
