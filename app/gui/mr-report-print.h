/* mr-report-print.h — printing a PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is written as PDF first (the same job as "Export…"), so the
 * printed pages are the exported ones; poppler renders each page onto the
 * printer's page.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A print operation with one page per page of @pdf, each scaled to fit
 * the printable area; NULL and an MR_PARSE_ERROR naming the file when it
 * cannot be read as PDF. */
GtkPrintOperation *mr_report_print_operation_new (GFile               *pdf,
                                                  GError             **error);

/* Shows the print dialog for @pdf over @parent and prints it.  Finishes
 * with G_IO_ERROR_CANCELLED when the user cancels the dialog or
 * @cancellable is cancelled. */
void               mr_report_print_run_async     (GtkWindow           *parent,
                                                  GFile               *pdf,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean           mr_report_print_run_finish    (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
