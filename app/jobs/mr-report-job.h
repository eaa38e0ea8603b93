/* mr-report-job.h — writing a report of the register to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synchronous on the thread that owns the store (the CLI calls it
 * directly); _async queues it on that thread's worker.  The file is
 * replaced atomically: it is either the whole new report or left as it was.
 */
#pragma once

#include <gio/gio.h>

#include "mr-report-data.h"
#include "mr-store.h"
#include "mr-worker.h"

G_BEGIN_DECLS

typedef enum {
  MR_REPORT_TYPE_GOVERNANCE,  /* PDF or HTML */
  MR_REPORT_TYPE_FACTSHEET,   /* one model: PDF, HTML or JSON */
  MR_REPORT_TYPE_INVENTORY,   /* the whole register: CSV or JSON */
} MrReportType;

typedef enum {
  MR_REPORT_FORMAT_PDF,
  MR_REPORT_FORMAT_HTML,
  MR_REPORT_FORMAT_CSV,
  MR_REPORT_FORMAT_JSON,
} MrReportFormat;

typedef struct {
  MrReportType     type;
  MrReportFormat   format;
  gint64           model_id;   /* the factsheet's model */
  /* Organisation, period and the caller's decisions and checks.  The
   * strings are copied; the decision and check arrays are read while the
   * report is built, so they must outlive an _async call. */
  MrReportOptions  options;
} MrReportRequest;

/* "governance", "pdf"…: the spelling of the command line. */
gboolean  mr_report_type_from_nick     (const char             *nick,
                                        MrReportType           *out_type);
gboolean  mr_report_format_from_nick   (const char             *nick,
                                        MrReportFormat         *out_format);
/* MR_VALIDATION_ERROR naming the type and format when they do not go together. */
gboolean  mr_report_request_check      (const MrReportRequest  *request,
                                        GError                **error);

/* Evaluates with the store's framework.  @out_n_pages (may be NULL) is set
 * for PDF, else 0.  @progress runs on the calling thread. */
gboolean  mr_report_job_run            (MrStore                *store,
                                        const MrReportRequest  *request,
                                        GFile                  *file,
                                        MrProgressFunc          progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        guint                  *out_n_pages,
                                        GError                **error);

/* The same into @stream, which the caller flushes and closes: for a report
 * written to standard output, where there is no file to replace. */
gboolean  mr_report_job_write          (MrStore                *store,
                                        const MrReportRequest  *request,
                                        GOutputStream          *stream,
                                        GCancellable           *cancellable,
                                        guint                  *out_n_pages,
                                        GError                **error);

/* Runs on @worker, the thread that owns @store; @progress and @callback run
 * in the caller's thread-default main context. */
void      mr_report_job_run_async      (MrWorker               *worker,
                                        MrStore                *store,
                                        const MrReportRequest  *request,
                                        GFile                  *file,
                                        MrProgressFunc          progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
gboolean  mr_report_job_run_finish     (GAsyncResult           *result,
                                        guint                  *out_n_pages,
                                        GError                **error);

G_END_DECLS
