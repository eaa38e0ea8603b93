/* mr-report-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-report-html"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "mr-report-html.h"
#include "mr-titles.h"

/* Print rules: each model starts a page, table headers repeat, rows stay
 * whole. */
static const char style_sheet[] =
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;font-size:10pt;color:#222;"
  "margin:2em auto;max-width:60em;padding:0 1em}"
  "h1{font-size:2em}h2{border-bottom:2px solid #3a5a80;margin-top:2em}"
  "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}"
  "th,td{border:1px solid #ccd;padding:.25em .5em;text-align:left;vertical-align:top;"
  "overflow-wrap:anywhere}"
  "th{background:#dfe6ef}tr:nth-child(even) td{background:#f5f7fa}"
  "td.number{text-align:right}"
  ".blocking{color:#a51d2d;font-weight:bold}.warning{color:#9c6e03;font-weight:bold}"
  ".empty{color:#666;font-style:italic}"
  ".cover{border-bottom:1px solid #ccd;padding-bottom:1em}"
  "section.model{margin-top:3em}"
  "@media print{body{margin:0;max-width:none}"
  "section.model{break-before:page}thead{display:table-header-group}"
  "tr{break-inside:avoid}h2,h3{break-after:avoid}}";

void
mr_report_html_append_escaped (GString    *out,
                               const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

void
mr_report_html_append_element (GString    *out,
                               const char *tag,
                               const char *text)
{
  g_string_append_printf (out, "<%s>", tag);
  mr_report_html_append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

void
mr_report_html_begin (GString    *out,
                      const char *title)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
  mr_report_html_append_element (out, "title", title);
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n", style_sheet);
}

void
mr_report_html_end (GString *out)
{
  g_string_append (out, "</body>\n</html>\n");
}

/* Table helpers: a NULL-terminated list of header or cell texts. */
static void
table_begin (GString            *out,
             const char * const *headers)
{
  g_string_append (out, "<table>\n<thead><tr>");
  for (guint i = 0; headers[i] != NULL; i++)
    mr_report_html_append_element (out, "th", headers[i]);
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

static void
table_row (GString            *out,
           const char * const *cells)
{
  g_string_append (out, "<tr>");
  for (guint i = 0; cells[i] != NULL; i++)
    mr_report_html_append_element (out, "td", cells[i]);
  g_string_append (out, "</tr>\n");
}

static void
table_end (GString *out)
{
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_empty (GString    *out,
              const char *text)
{
  g_string_append (out, "<p class=\"empty\">");
  mr_report_html_append_escaped (out, text);
  g_string_append (out, "</p>\n");
}

static void
count_row (GString    *out,
           const char *label,
           guint       count)
{
  g_string_append (out, "<tr><td>");
  mr_report_html_append_escaped (out, label);
  g_string_append_printf (out, "</td><td class=\"number\">%u</td></tr>\n", count);
}

static void
append_cover (GString            *out,
              const MrReportData *data)
{
  g_autofree char *date = mr_report_format_date (data->generated_at);
  g_autofree char *period = mr_report_data_dup_period (data);
  g_autofree char *model_pages = mr_report_data_dup_model_pages (data);

  g_string_append (out, "<header class=\"cover\">\n");
  mr_report_html_append_element (out, "h1", _("Governance report"));
  if (data->organisation != NULL)
    mr_report_html_append_element (out, "p", data->organisation);
  g_string_append (out, "<dl>\n");
  mr_report_html_append_element (out, "dt", _("Date"));
  mr_report_html_append_element (out, "dd", date);
  mr_report_html_append_element (out, "dt", _("Period"));
  mr_report_html_append_element (out, "dd", period);
  mr_report_html_append_element (out, "dt", _("Framework"));
  mr_report_html_append_element (out, "dd", data->framework_name);
  mr_report_html_append_element (out, "dt", _("Framework version"));
  mr_report_html_append_element (out, "dd", data->framework_version != NULL
                                            ? data->framework_version : _("Not recorded"));
  mr_report_html_append_element (out, "dt", _("Models described"));
  mr_report_html_append_element (out, "dd", model_pages);
  g_string_append (out, "</dl>\n</header>\n");
}

static void
append_summary (GString            *out,
                const MrReportData *data)
{
  /* The first header names each table in turn. */
  const char *headers[] = { NULL, _("Models"), NULL };

  mr_report_html_append_element (out, "h2", _("Summary"));
  headers[0] = _("Status");
  table_begin (out, headers);
  for (guint i = 0; i < MR_REPORT_N_STATUSES; i++)
    count_row (out, mr_status_get_title (i), data->by_status[i]);
  table_end (out);

  headers[0] = _("Openness level");
  table_begin (out, headers);
  for (guint i = 0; i < MR_REPORT_N_OPENNESS; i++)
    count_row (out, mr_openness_get_title (i), data->by_openness[i]);
  table_end (out);

  headers[0] = _("Risk tier (highest intended use)");
  table_begin (out, headers);
  for (guint i = 0; i < MR_REPORT_N_TIERS; i++)
    count_row (out, mr_risk_tier_get_title (i), data->by_tier[i]);
  count_row (out, _("No intended use recorded"), data->n_without_use);
  table_end (out);

  headers[0] = _("Flags");
  table_begin (out, headers);
  count_row (out, _("Blocking"), data->n_blocking);
  count_row (out, _("Warnings only"), data->n_warning);
  count_row (out, _("Not flagged"), data->n_models - data->n_blocking - data->n_warning);
  count_row (out, _("All models"), data->n_models);
  table_end (out);
}

static void
append_flag_row (GString            *out,
                 const MrReportFlag *flag,
                 gboolean            with_model)
{
  const char *class = flag->severity == MR_FLAG_SEVERITY_BLOCKING ? "blocking" : "warning";

  g_string_append (out, "<tr>");
  if (with_model)
    mr_report_html_append_element (out, "td", flag->model_name);
  g_string_append_printf (out, "<td class=\"%s\">", class);
  mr_report_html_append_escaped (out, mr_flag_severity_get_title (flag->severity));
  g_string_append (out, "</td>");
  mr_report_html_append_element (out, "td", flag->use);
  mr_report_html_append_element (out, "td", flag->reason);
  mr_report_html_append_element (out, "td", flag->remedy);
  g_string_append (out, "</tr>\n");
}

static void
append_flags (GString            *out,
              const MrReportData *data)
{
  const char *headers[] = { _("Model"), _("Severity"), _("Intended use"), _("Reason"),
                            _("Remedy"), NULL };

  mr_report_html_append_element (out, "h2", _("Blocking flags and warnings"));
  if (data->flags->len == 0)
    {
      append_empty (out, _("No model is flagged"));
      return;
    }
  table_begin (out, headers);
  for (guint i = 0; i < data->flags->len; i++)
    append_flag_row (out, g_ptr_array_index (data->flags, i), TRUE);
  table_end (out);
}

static void
append_decision_row (GString                *out,
                     const MrReportDecision *decision,
                     const char             *model_name)
{
  g_autofree char *date = mr_report_format_date (decision->decided_at);
  g_autofree char *title = mr_report_decision_dup_title (decision);
  g_autofree char *revision = g_strdup_printf ("%u", decision->model_revision);

  g_string_append (out, "<tr>");
  mr_report_html_append_element (out, "td", date);
  if (model_name != NULL)
    mr_report_html_append_element (out, "td", model_name);
  else
    mr_report_html_append_element (out, "td", revision);
  mr_report_html_append_element (out, "td", title);
  mr_report_html_append_element (out, "td", decision->actor);
  mr_report_html_append_element (out, "td", decision->comment);
  mr_report_html_append_element (out, "td", decision->conditions);
  mr_report_html_append_element (out, "td", decision->framework_version);
  g_string_append (out, "</tr>\n");
}

static void
append_decisions (GString            *out,
                  const MrReportData *data)
{
  const char *headers[] = { _("Date"), _("Model"), _("Decision"), _("By"), _("Comment"),
                            _("Conditions"), _("Framework version"), NULL };
  g_autofree char *period = mr_report_data_dup_period (data);

  mr_report_html_append_element (out, "h2", _("Decisions"));
  mr_report_html_append_element (out, "p", period);
  if (data->decisions->len == 0)
    {
      append_empty (out, _("No decisions in this period"));
      return;
    }
  table_begin (out, headers);
  for (guint i = 0; i < data->decisions->len; i++)
    {
      const MrReportDecision *decision = &g_array_index (data->decisions, MrReportDecision, i);
      const MrReportModel *model = mr_report_data_find_model (data, decision->model_id);
      g_autofree char *unknown = g_strdup_printf (_("Model %" PRId64 " (not in the register)"),
                                                  decision->model_id);

      append_decision_row (out, decision, model != NULL ? model->record->name : unknown);
    }
  table_end (out);
}

static void
append_model_fields (GString             *out,
                     const MrReportModel *model)
{
  g_autoptr(GArray) fields = mr_report_model_dup_fields (model);
  g_autofree char *mof = mr_report_model_dup_mof_summary (model);

  g_string_append (out, "<table class=\"fields\">\n<tbody>\n");
  for (guint i = 0; i < fields->len; i++)
    {
      const MrReportField *field = &g_array_index (fields, MrReportField, i);

      table_row (out, (const char *[]) { field->label, field->value, NULL });
    }
  g_string_append (out, "</tbody>\n</table>\n");
  mr_report_html_append_element (out, "h3", _("Openness"));
  mr_report_html_append_element (out, "p", model->openness_explanation);
  mr_report_html_append_element (out, "p", mof);
}

static void
append_components (GString             *out,
                   const MrReportModel *model)
{
  const char *headers[] = { _("Component"), _("Availability"), _("Licence"), _("MOF"), NULL };

  mr_report_html_append_element (out, "h3", _("Components"));
  table_begin (out, headers);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      const MrComponent *component = &model->record->components[kind];

      table_row (out, (const char *[]) {
        mr_component_kind_get_title (kind),
        mr_availability_get_title (component->availability),
        mr_report_model_get_component_license (model, kind),
        mr_report_mof_status_get_title (model->mof.status[kind]),
        NULL });
    }
  table_end (out);
}

static void
append_model_flags (GString             *out,
                    const MrReportModel *model)
{
  const char *headers[] = { _("Severity"), _("Intended use"), _("Reason"), _("Remedy"), NULL };

  mr_report_html_append_element (out, "h3", _("Flags"));
  if (model->flags->len == 0)
    {
      append_empty (out, _("No flags"));
      return;
    }
  table_begin (out, headers);
  for (guint i = 0; i < model->flags->len; i++)
    append_flag_row (out, &g_array_index (model->flags, MrReportFlag, i), FALSE);
  table_end (out);
}

static void
append_model_checks (GString             *out,
                     const MrReportModel *model)
{
  const char *headers[] = { _("Date"), _("Check"), _("Outcome"), _("Summary"), NULL };

  mr_report_html_append_element (out, "h3", _("Checks"));
  if (model->checks->len == 0)
    {
      append_empty (out, _("No checks recorded"));
      return;
    }
  table_begin (out, headers);
  for (guint i = 0; i < model->checks->len; i++)
    {
      const MrReportCheck *check = &g_array_index (model->checks, MrReportCheck, i);
      g_autofree char *date = mr_report_format_date (check->checked_at);

      table_row (out, (const char *[]) { date, check->kind, check->outcome,
                                         check->summary != NULL ? check->summary : "", NULL });
    }
  table_end (out);
}

static void
append_model_history (GString             *out,
                      const MrReportModel *model)
{
  const char *headers[] = { _("Date"), _("Revision"), _("Decision"), _("By"), _("Comment"),
                            _("Conditions"), _("Framework version"), NULL };

  mr_report_html_append_element (out, "h3", _("Approval history"));
  if (model->decisions->len == 0)
    {
      append_empty (out, _("No decisions recorded"));
      return;
    }
  table_begin (out, headers);
  for (guint i = 0; i < model->decisions->len; i++)
    append_decision_row (out, &g_array_index (model->decisions, MrReportDecision, i), NULL);
  table_end (out);
}

static void
append_model (GString             *out,
              const MrReportModel *model)
{
  g_string_append_printf (out, "<section class=\"model\" id=\"model-%" G_GINT64_FORMAT "\">\n",
                          model->record->id);
  mr_report_html_append_element (out, "h2", model->record->name);
  append_model_fields (out, model);
  append_components (out, model);
  append_model_flags (out, model);
  append_model_checks (out, model);
  append_model_history (out, model);
  g_string_append (out, "</section>\n");
}

char *
mr_report_html_governance (const MrReportData *data)
{
  GString *out = g_string_sized_new (4096 + data->n_models * 6144);

  mr_report_html_begin (out, _("Governance report"));
  append_cover (out, data);
  g_string_append (out, "<main>\n");
  append_summary (out, data);
  append_flags (out, data);
  append_decisions (out, data);
  for (guint i = 0; i < data->models->len; i++)
    {
      const MrReportModel *model = g_ptr_array_index (data->models, i);

      if (model->has_page)
        append_model (out, model);
    }
  g_string_append (out, "</main>\n");
  mr_report_html_end (out);
  return g_string_free (out, FALSE);
}
