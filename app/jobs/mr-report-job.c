/* mr-report-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-report-job"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-error.h"
#include "mr-factsheet.h"
#include "mr-report-html.h"
#include "mr-report-inventory.h"
#include "mr-report-job.h"
#include "mr-report-pdf.h"

static const char * const type_nicks[] = {
  [MR_REPORT_TYPE_GOVERNANCE] = "governance",
  [MR_REPORT_TYPE_FACTSHEET] = "factsheet",
  [MR_REPORT_TYPE_INVENTORY] = "inventory",
};

static const char * const format_nicks[] = {
  [MR_REPORT_FORMAT_PDF] = "pdf",
  [MR_REPORT_FORMAT_HTML] = "html",
  [MR_REPORT_FORMAT_CSV] = "csv",
  [MR_REPORT_FORMAT_JSON] = "json",
};

/* Bit n: format n is written for that type. */
static const guint type_formats[] = {
  [MR_REPORT_TYPE_GOVERNANCE] = 1 << MR_REPORT_FORMAT_PDF | 1 << MR_REPORT_FORMAT_HTML,
  [MR_REPORT_TYPE_FACTSHEET] = 1 << MR_REPORT_FORMAT_PDF | 1 << MR_REPORT_FORMAT_HTML |
                               1 << MR_REPORT_FORMAT_JSON,
  [MR_REPORT_TYPE_INVENTORY] = 1 << MR_REPORT_FORMAT_CSV | 1 << MR_REPORT_FORMAT_JSON,
};

static gboolean
find_nick (const char * const *nicks,
           guint               n_nicks,
           const char         *nick,
           guint              *out_index)
{
  for (guint i = 0; i < n_nicks; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
mr_report_type_from_nick (const char   *nick,
                          MrReportType *out_type)
{
  guint index;

  if (!find_nick (type_nicks, G_N_ELEMENTS (type_nicks), nick, &index))
    return FALSE;
  *out_type = index;
  return TRUE;
}

gboolean
mr_report_format_from_nick (const char     *nick,
                            MrReportFormat *out_format)
{
  guint index;

  if (!find_nick (format_nicks, G_N_ELEMENTS (format_nicks), nick, &index))
    return FALSE;
  *out_format = index;
  return TRUE;
}

gboolean
mr_report_request_check (const MrReportRequest  *request,
                         GError                **error)
{
  const MrReportOptions *options = &request->options;

  if ((type_formats[request->type] & (1u << request->format)) == 0)
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                   /* Translators: a report type ("governance") and a format ("csv") */
                   _("a %s report cannot be written as %s"),
                   type_nicks[request->type], format_nicks[request->format]);
      return FALSE;
    }
  if (request->type == MR_REPORT_TYPE_FACTSHEET && request->model_id <= 0)
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED,
                   _("a factsheet needs the id of a model"));
      return FALSE;
    }
  if (options->period_from != 0 && options->period_to != 0 &&
      options->period_from > options->period_to)
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                   _("the period ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  MrProgressFunc func;
  gpointer       data;
} Progress;

static void
report_progress (const Progress *progress,
                 double          fraction)
{
  if (progress->func != NULL)
    progress->func (fraction, progress->data);
}

/* The PDF writer's own progress, mapped past the loading. */
static void
pdf_progress (double   fraction,
              gpointer user_data)
{
  report_progress (user_data, 0.2 + 0.8 * fraction);
}

static char *
build_text (const MrReportRequest *request,
            const MrReportData    *data,
            const MrFactsheet     *factsheet)
{
  switch (request->type)
    {
    case MR_REPORT_TYPE_GOVERNANCE:
      return mr_report_html_governance (data);
    case MR_REPORT_TYPE_FACTSHEET:
      return request->format == MR_REPORT_FORMAT_JSON ? mr_factsheet_to_json (factsheet)
                                                      : mr_factsheet_to_html (factsheet);
    case MR_REPORT_TYPE_INVENTORY:
      return request->format == MR_REPORT_FORMAT_CSV ? mr_report_inventory_to_csv (data)
                                                     : mr_report_inventory_to_json (data);
    default:
      g_assert_not_reached ();
    }
}

/* The facts each entry's stored columns were stamped with, so that the
 * report agrees with the register's list. */
static GArray *
load_policy_inputs (MrStore    *store,
                    GPtrArray  *records,
                    GError    **error)
{
  g_autoptr(GArray) inputs = g_array_sized_new (FALSE, FALSE, sizeof (MrPolicyInputs),
                                                records->len);

  g_array_set_size (inputs, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      const MrModelRecord *record = g_ptr_array_index (records, i);

      if (!mr_store_get_policy_inputs (store, record->id,
                                       &g_array_index (inputs, MrPolicyInputs, i), error))
        return NULL;
    }
  return g_steal_pointer (&inputs);
}

static gboolean
write_report (MrStore               *store,
              const MrReportRequest *request,
              GOutputStream         *stream,
              const Progress        *progress,
              GCancellable          *cancellable,
              guint                 *out_n_pages,
              GError               **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) inputs = NULL;
  g_autoptr(MrReportData) data = NULL;
  g_autoptr(MrFactsheet) factsheet = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  g_autofree char *text = NULL;

  if (request->type == MR_REPORT_TYPE_FACTSHEET)
    {
      record = mr_store_get_model (store, request->model_id, error);
      if (record == NULL)
        return FALSE;
      factsheet = mr_factsheet_new (record, request->options.organisation,
                                    request->options.generated_at);
      if (request->format == MR_REPORT_FORMAT_PDF)
        return mr_report_pdf_write_factsheet (factsheet, stream, cancellable, out_n_pages, error);
    }
  else
    {
      records = mr_store_list_models (store, MR_LOAD_FULL, error);
      if (records == NULL ||
          (inputs = load_policy_inputs (store, records, error)) == NULL ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report_progress (progress, 0.1);
      data = mr_report_data_new_with_inputs (records, (const MrPolicyInputs *) inputs->data,
                                             mr_store_get_framework (store), &request->options);
      report_progress (progress, 0.2);
      if (request->format == MR_REPORT_FORMAT_PDF)
        return mr_report_pdf_write_governance (data, stream, pdf_progress, (gpointer) progress,
                                               cancellable, out_n_pages, error);
    }

  text = build_text (request, data, factsheet);
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

/* Closing with a cancelled cancellable drops the temporary file and leaves
 * the old one in place. */
static void
abandon_stream (GOutputStream *stream)
{
  g_autoptr(GCancellable) abandon = g_cancellable_new ();

  g_cancellable_cancel (abandon);
  g_output_stream_close (stream, abandon, NULL);
}

static void
prefix_file_error (GError **error,
                   GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (error != NULL && *error != NULL && (*error)->domain == G_IO_ERROR &&
      (*error)->code != G_IO_ERROR_CANCELLED)
    g_prefix_error (error, "%s: ", name);
}

gboolean
mr_report_job_run (MrStore                *store,
                   const MrReportRequest  *request,
                   GFile                  *file,
                   MrProgressFunc          progress_func,
                   gpointer                progress_data,
                   GCancellable           *cancellable,
                   guint                  *out_n_pages,
                   GError                **error)
{
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  Progress progress = { progress_func, progress_data };
  guint n_pages = 0;

  g_return_val_if_fail (MR_IS_STORE (store), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!mr_report_request_check (request, error))
    return FALSE;

  file_stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                cancellable, error);
  if (file_stream == NULL)
    {
      prefix_file_error (error, file);
      return FALSE;
    }
  /* cairo hands over the PDF in small pieces. */
  stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), 256 * 1024);

  if (!write_report (store, request, stream, &progress, cancellable, &n_pages, error) ||
      !g_output_stream_flush (stream, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (file_stream), cancellable, error))
    {
      abandon_stream (G_OUTPUT_STREAM (file_stream));
      prefix_file_error (error, file);
      return FALSE;
    }
  report_progress (&progress, 1.0);
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return TRUE;
}

gboolean
mr_report_job_write (MrStore                *store,
                     const MrReportRequest  *request,
                     GOutputStream          *stream,
                     GCancellable           *cancellable,
                     guint                  *out_n_pages,
                     GError                **error)
{
  Progress progress = { NULL, NULL };
  guint n_pages = 0;

  g_return_val_if_fail (MR_IS_STORE (store), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (!mr_report_request_check (request, error) ||
      !write_report (store, request, stream, &progress, cancellable, &n_pages, error))
    return FALSE;
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return TRUE;
}

/* Async */

typedef struct {
  MrStore         *store;
  MrReportRequest  request;
  GFile           *file;
  MrProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
} RunData;

static void
run_data_free (gpointer user_data)
{
  RunData *run = user_data;

  g_object_unref (run->store);
  g_free ((char *) run->request.options.organisation);
  g_free ((char *) run->request.options.framework_version);
  g_object_unref (run->file);
  g_main_context_unref (run->context);
  g_free (run);
}

typedef struct {
  RunData *run;
  double   fraction;
} ProgressUpdate;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->run->progress (update->fraction, update->run->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker; the task data outlives the updates because the task
 * completes in the same main context, after them. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  RunData *run = user_data;
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  update->run = run;
  update->fraction = fraction;
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, deliver_progress, update, g_free);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  RunData *run = task_data;
  GError *error = NULL;
  guint n_pages = 0;

  if (mr_report_job_run (run->store, &run->request, run->file,
                         run->progress != NULL ? forward_progress : NULL, run,
                         cancellable, &n_pages, &error))
    g_task_return_int (task, n_pages);
  else
    g_task_return_error (task, error);
}

void
mr_report_job_run_async (MrWorker              *worker,
                         MrStore               *store,
                         const MrReportRequest *request,
                         GFile                 *file,
                         MrProgressFunc         progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (MR_IS_WORKER (worker));
  g_return_if_fail (MR_IS_STORE (store));
  g_return_if_fail (request != NULL);
  g_return_if_fail (G_IS_FILE (file));

  run = g_new0 (RunData, 1);
  run->store = g_object_ref (store);
  run->request = *request;
  run->request.options.organisation = g_strdup (request->options.organisation);
  run->request.options.framework_version = g_strdup (request->options.framework_version);
  run->file = g_object_ref (file);
  run->progress = progress;
  run->progress_data = progress_data;
  run->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_report_job_run_async);
  g_task_set_task_data (task, run, run_data_free);
  mr_worker_queue (worker, MR_PRIORITY_INTERACTIVE, run_job, task);
}

gboolean
mr_report_job_run_finish (GAsyncResult  *result,
                          guint         *out_n_pages,
                          GError       **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  if (n_pages < 0)
    return FALSE;
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return TRUE;
}
