/* mr-report-pdf.h — reports as A4 PDF, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page has a running header and "Page N of M"; tables that do not fit
 * continue on the next page under a repeated header row; long text wraps,
 * and a cell that could not fit on a page at all is cut with an ellipsis,
 * so that no text is ever placed outside the page.  Blocking I/O: call these
 * from a worker thread.
 */
#pragma once

#include <gio/gio.h>

#include "mr-factsheet.h"
#include "mr-report-data.h"
#include "mr-store.h"

G_BEGIN_DECLS

/* Cover, summary, flags, decisions, then a section per model; sections
 * follow one another on the page and the running header names the model
 * whose section a page continues.  @out_n_pages may be NULL. */
gboolean mr_report_pdf_write_governance (const MrReportData *data,
                                         GOutputStream      *stream,
                                         MrProgressFunc      progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         guint              *out_n_pages,
                                         GError            **error);

gboolean mr_report_pdf_write_factsheet  (const MrFactsheet  *factsheet,
                                         GOutputStream      *stream,
                                         GCancellable       *cancellable,
                                         guint              *out_n_pages,
                                         GError            **error);

G_END_DECLS
