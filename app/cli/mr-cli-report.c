/* mr-cli-report.c — writes a report of the register to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report goes to a file, replaced atomically, or with "-" to standard
 * output (as `export -` does) for a pipe.
 */
#define G_LOG_DOMAIN "mr-cli-report"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "mr-cli-report.h"
#include "mr-report-job.h"
#include "mr-time-util.h"

#define STDOUT_ARG "-"

typedef struct {
  char *type;
  char *format;
  char *id;
  char *from;
  char *to;
  char *organisation;
  char *model_pages;
  char *output;
} ReportArgs;

static void
report_args_clear (ReportArgs *args)
{
  g_free (args->type);
  g_free (args->format);
  g_free (args->id);
  g_free (args->from);
  g_free (args->to);
  g_free (args->organisation);
  g_free (args->model_pages);
  g_free (args->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportArgs, report_args_clear)

static gboolean
usage_error (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
usage_error (GError    **error,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* A bare date means the whole day: from its first second, to its last. */
static gboolean
parse_date (const char  *option,
            const char  *text,
            gboolean     end_of_day,
            gint64      *out_time,
            GError     **error)
{
  int year, month, day;
  char rest;

  if (text == NULL)
    {
      *out_time = 0;
      return TRUE;
    }
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, 0, 0, 0);

      *out_time = g_date_time_to_unix (time) + (end_of_day ? 24 * 60 * 60 - 1 : 0);
      return TRUE;
    }
  if (mr_time_from_iso8601 (text, out_time))
    return TRUE;
  return usage_error (error, _("%s: “%s” is not a date; write YYYY-MM-DD"), option, text);
}

static gboolean
build_request (ReportArgs       *args,
               MrReportRequest  *request,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (args->type == NULL)
    return usage_error (error, _("--type is required: governance, factsheet or inventory"));
  if (!mr_report_type_from_nick (args->type, &request->type))
    return usage_error (error, _("--type: “%s” is not a report type; use governance, "
                                 "factsheet or inventory"), args->type);
  if (args->format == NULL)
    return usage_error (error, _("--format is required: pdf, html, csv or json"));
  if (!mr_report_format_from_nick (args->format, &request->format))
    return usage_error (error, _("--format: “%s” is not a report format; use pdf, html, "
                                 "csv or json"), args->format);
  if (args->output == NULL)
    return usage_error (error, _("--output is required: the file to write"));
  if (request->type == MR_REPORT_TYPE_FACTSHEET && args->id == NULL)
    return usage_error (error, _("a factsheet needs --id: the model to describe"));
  if (args->id != NULL && !mr_cli_parse_id (args->id, &request->model_id, error))
    return FALSE;
  if (!parse_date ("--from", args->from, FALSE, &request->options.period_from, error) ||
      !parse_date ("--to", args->to, TRUE, &request->options.period_to, error))
    return FALSE;
  request->options.organisation = args->organisation;
  if (g_strcmp0 (args->model_pages, "attention") == 0)
    request->options.model_pages = MR_REPORT_MODEL_PAGES_ATTENTION;
  else if (args->model_pages != NULL && !g_str_equal (args->model_pages, "all"))
    return usage_error (error, _("--model-pages: “%s” is neither all nor attention"),
                        args->model_pages);

  /* A type and format that do not go together is a usage error too. */
  if (!mr_report_request_check (request, &local_error))
    return usage_error (error, "%s", local_error->message);
  return TRUE;
}

/* Whole or not at all: a report that fails halfway writes nothing. */
static gboolean
write_to_stdout (MrStore                *store,
                 const MrReportRequest  *request,
                 GError                **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);

  if (!mr_report_job_write (store, request, stream, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;
  fwrite (g_memory_output_stream_get_data (memory), 1,
          g_memory_output_stream_get_data_size (memory), stdout);
  return TRUE;
}

gboolean
mr_cli_run_report (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_auto(ReportArgs) args = { 0 };
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &args.type,
      N_("What to write: governance, factsheet or inventory"), N_("TYPE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format,
      N_("governance: pdf or html; factsheet: pdf, html or json; inventory: csv or json"),
      N_("FORMAT") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &args.id,
      N_("The model a factsheet describes"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from,
      N_("Decisions from this day on (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &args.to,
      N_("Decisions up to and including this day (YYYY-MM-DD)"), N_("DATE") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &args.organisation,
      N_("The organisation named on the cover"), N_("NAME") },
    { "model-pages", 0, 0, G_OPTION_ARG_STRING, &args.model_pages,
      N_("Which models get a page: all (default), or attention: those blocked, awaiting "
         "a review or decided in the period"), N_("WHICH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      N_("The file to write, replaced only once the report is complete; - for standard "
         "output"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  MrReportRequest request = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autofree char *message = NULL;
  MrStore *store;
  guint n_pages;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  the report was written\n"
      "  1  the register or the model could not be read, or the file not written\n"
      "  2  usage error"));
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !build_request (&args, &request, error) ||
      (store = mr_cli_open_store (cli, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (args.output, STDOUT_ARG) == 0)
    return write_to_stdout (store, &request, error);

  file = g_file_new_for_commandline_arg (args.output);
  if (!mr_report_job_run (store, &request, file, NULL, NULL, NULL, &n_pages, error))
    return FALSE;

  if (n_pages > 0)
    message = g_strdup_printf (ngettext ("Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", n_pages),
                               args.output, n_pages);
  else
    message = g_strdup_printf (_("Wrote %s\n"), args.output);
  mr_cli_print_text (message);
  return TRUE;
}
