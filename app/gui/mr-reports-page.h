/* mr-reports-page.h — writing governance reports, factsheets and inventories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's type, format (those the type allows), model or model pages,
 * period and organisation (the organisation-name setting); "Export…" asks
 * for a file, writes it on the worker with a progress bar and Cancel, and
 * lists it under Recent Exports with Open and Show in Folder.  "Print…"
 * (Ctrl+P) writes a governance report or factsheet as PDF to a temporary
 * file, prints it (mr-report-print.h) and deletes it.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_REPORTS_PAGE (mr_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (MrReportsPage, mr_reports_page, MR, REPORTS_PAGE, AdwBin)

GtkWidget *mr_reports_page_new            (void);
/* Lists the models a factsheet can describe whenever the page is shown. */
void       mr_reports_page_set_repository (MrReportsPage       *self,
                                           MrRepository        *repository);
/* FALSE when the type does not allow the format. */
gboolean   mr_reports_page_set_report     (MrReportsPage       *self,
                                           MrReportType         type,
                                           MrReportFormat       format);
/* The factsheet's model; FALSE when it is not listed (yet). */
gboolean   mr_reports_page_set_model      (MrReportsPage       *self,
                                           gint64               model_id);
/* Writes the report as chosen on the page to file, as "Export…" does
 * after the file chooser. */
void       mr_reports_page_export_async   (MrReportsPage       *self,
                                           GFile               *file,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   mr_reports_page_export_finish  (MrReportsPage       *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
