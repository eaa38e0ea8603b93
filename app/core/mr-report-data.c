/* mr-report-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-report-data"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-policy.h"
#include "mr-report-data.h"
#include "mr-titles.h"
#include "mr-use-catalog.h"

static const char * const mof_status_titles[] = {
  [MR_MOF_STATUS_MISSING] = N_("Missing"),
  [MR_MOF_STATUS_INCLUDED] = N_("Included"),
  [MR_MOF_STATUS_INVALID_LICENSE] = N_("Licence not open"),
  [MR_MOF_STATUS_UNLICENSED] = N_("Unlicensed"),
};

const char *
mr_report_mof_status_get_title (MrMofStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (mof_status_titles), NULL);
  return _(mof_status_titles[status]);
}

char *
mr_report_decision_dup_title (const MrReportDecision *decision)
{
  const char *outcome = mr_status_get_title (decision->outcome);
  const MrIntendedUse *use;

  if (decision->use_id == NULL)
    return g_strdup (outcome);
  use = mr_use_catalog_lookup (mr_use_catalog_get_default (), decision->use_id);
  /* Translators: a decision and the intended use it is for: "Approved for Credit scoring" */
  return g_strdup_printf (_("%s for %s"), outcome, use != NULL ? use->label : decision->use_id);
}

char *
mr_report_format_date (gint64 unix_utc)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_utc == 0 || (time = g_date_time_new_from_unix_utc (unix_utc)) == NULL)
    return g_strdup ("—");
  return g_date_time_format (time, "%Y-%m-%d");
}

char *
mr_report_data_dup_period (const MrReportData *data)
{
  g_autofree char *from = mr_report_format_date (data->period_from);
  g_autofree char *to = mr_report_format_date (data->period_to);

  if (data->period_from != 0 && data->period_to != 0)
    /* Translators: a period of time, from one date to another */
    return g_strdup_printf (_("%s to %s"), from, to);
  if (data->period_from != 0)
    return g_strdup_printf (_("Since %s"), from);
  if (data->period_to != 0)
    return g_strdup_printf (_("Until %s"), to);
  return g_strdup (_("All time"));
}

char *
mr_report_data_dup_model_pages (const MrReportData *data)
{
  if (data->n_model_pages == data->n_models)
    return g_strdup (_("Every model"));
  return g_strdup_printf (ngettext ("%u model that needs attention (blocked, awaiting a review, "
                                    "or decided in the period)",
                                    "%u models that need attention (blocked, awaiting a review, "
                                    "or decided in the period)", data->n_model_pages),
                          data->n_model_pages);
}

static void
decision_clear (gpointer data)
{
  MrReportDecision *decision = data;

  g_free (decision->use_id);
  g_free (decision->actor);
  g_free (decision->comment);
  g_free (decision->conditions);
  g_free (decision->framework_version);
}

static void
check_clear (gpointer data)
{
  MrReportCheck *check = data;

  g_free (check->kind);
  g_free (check->outcome);
  g_free (check->summary);
}

static void
flag_clear (gpointer data)
{
  MrReportFlag *flag = data;

  g_free (flag->use_id);
  g_free (flag->use);
  g_free (flag->reason);
  g_free (flag->remedy);
}

static GArray *
decision_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (MrReportDecision));

  g_array_set_clear_func (array, decision_clear);
  return array;
}

static void
append_decision (GArray                 *array,
                 const MrReportDecision *decision)
{
  MrReportDecision copy = *decision;

  copy.use_id = g_strdup (decision->use_id);
  copy.actor = g_strdup (decision->actor);
  copy.comment = g_strdup (decision->comment);
  copy.conditions = g_strdup (decision->conditions);
  copy.framework_version = g_strdup (decision->framework_version);
  g_array_append_val (array, copy);
}

static void
append_check (GArray              *array,
              const MrReportCheck *check)
{
  MrReportCheck copy = *check;

  copy.kind = g_strdup (check->kind);
  copy.outcome = g_strdup (check->outcome);
  copy.summary = g_strdup (check->summary);
  g_array_append_val (array, copy);
}

static void
report_model_free (gpointer data)
{
  MrReportModel *model = data;

  g_clear_pointer (&model->record, mr_model_record_unref);
  g_free (model->openness_explanation);
  g_array_unref (model->flags);
  g_array_unref (model->checks);
  g_array_unref (model->decisions);
  g_free (model);
}

static int
compare_flag_severity (gconstpointer a,
                       gconstpointer b)
{
  const MrReportFlag *flag_a = a;
  const MrReportFlag *flag_b = b;

  return (int) flag_b->severity - (int) flag_a->severity;
}

static void
add_flags (MrReportModel          *model,
           MrFramework            *framework,
           const MrPolicyEvidence *evidence)
{
  g_autoptr(GArray) flags = mr_policy_evaluate (framework, evidence);

  for (guint i = 0; i < flags->len; i++)
    {
      const MrPolicyFlag *flag = &g_array_index (flags, MrPolicyFlag, i);
      MrReportFlag row = { 0 };

      /* Info flags are notes, not findings: the report leaves them out. */
      if (flag->severity < MR_FLAG_SEVERITY_WARNING)
        continue;
      row.model_id = model->record->id;
      row.model_name = model->record->name;
      row.severity = flag->severity;
      row.use_id = g_strdup (flag->use_id);
      row.use = g_strdup (flag->use != NULL ? flag->use->label : flag->use_id);
      row.tier = flag->use != NULL ? flag->use->tier : MR_RISK_TIER_MINIMAL;
      row.reason = mr_policy_flag_dup_reason (flag, evidence);
      row.remedy = mr_policy_flag_dup_remedy (flag, evidence);
      g_array_append_val (model->flags, row);
    }
  /* Stable, so each use keeps its flags together. */
  g_array_sort (model->flags, compare_flag_severity);
}

static void
assess_tier (MrReportModel *model)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  GStrv uses = model->record->intended_uses;

  for (guint i = 0; uses[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (catalog, uses[i]);

      if (use == NULL)
        continue;
      if (!model->has_tier || use->tier > model->tier)
        model->tier = use->tier;
      model->has_tier = TRUE;
    }
}

static MrReportModel *
report_model_new (MrModelRecord        *record,
                  const MrPolicyInputs *inputs,
                  MrFramework          *framework)
{
  MrReportModel *model = g_new0 (MrReportModel, 1);
  MrPolicyEvidence evidence;

  model->record = mr_model_record_ref (record);
  model->flags = g_array_new (FALSE, TRUE, sizeof (MrReportFlag));
  g_array_set_clear_func (model->flags, flag_clear);
  model->checks = g_array_new (FALSE, TRUE, sizeof (MrReportCheck));
  g_array_set_clear_func (model->checks, check_clear);
  model->decisions = decision_array_new ();

  mr_policy_evidence_init (&evidence, record, inputs);
  model->openness = evidence.openness;
  model->mof = evidence.mof;
  model->openness_explanation = mr_openness_assessment_explain (&evidence.openness);
  add_flags (model, framework, &evidence);
  assess_tier (model);
  return model;
}

static void
count_model (MrReportData        *data,
             const MrReportModel *model)
{
  MrFlagSeverity worst = MR_FLAG_SEVERITY_NONE;

  data->by_status[model->record->status]++;
  data->by_openness[model->openness.level]++;
  if (model->has_tier)
    data->by_tier[model->tier]++;
  else
    data->n_without_use++;

  if (model->flags->len > 0)
    worst = g_array_index (model->flags, MrReportFlag, 0).severity;
  if (worst == MR_FLAG_SEVERITY_BLOCKING)
    data->n_blocking++;
  else if (worst == MR_FLAG_SEVERITY_WARNING)
    data->n_warning++;
}

/* Blocking flags of every model first, then the warnings, each in the
 * models' order: the reader meets what stops a model before what only
 * needs a look. */
static void
collect_flags (MrReportData *data)
{
  data->flags = g_ptr_array_new ();
  for (int severity = MR_FLAG_SEVERITY_BLOCKING; severity >= MR_FLAG_SEVERITY_WARNING; severity--)
    for (guint i = 0; i < data->models->len; i++)
      {
        const MrReportModel *model = g_ptr_array_index (data->models, i);

        for (guint j = 0; j < model->flags->len; j++)
          {
            MrReportFlag *flag = &g_array_index (model->flags, MrReportFlag, j);

            if ((int) flag->severity == severity)
              g_ptr_array_add (data->flags, flag);
          }
      }
}

static gboolean
in_period (const MrReportData *data,
           gint64              time)
{
  return (data->period_from == 0 || time >= data->period_from) &&
         (data->period_to == 0 || time <= data->period_to);
}

static int
compare_decision_time (gconstpointer a,
                       gconstpointer b)
{
  const MrReportDecision *decision_a = a;
  const MrReportDecision *decision_b = b;

  return (decision_a->decided_at > decision_b->decided_at) -
         (decision_a->decided_at < decision_b->decided_at);
}

static void
attach_history (MrReportData          *data,
                const MrReportOptions *options)
{
  for (guint i = 0; i < options->n_decisions; i++)
    {
      const MrReportDecision *decision = &options->decisions[i];
      MrReportModel *model = g_hash_table_lookup (data->models_by_id, &decision->model_id);

      if (model != NULL)
        append_decision (model->decisions, decision);
      if (in_period (data, decision->decided_at))
        append_decision (data->decisions, decision);
    }
  g_array_sort (data->decisions, compare_decision_time);

  for (guint i = 0; i < options->n_checks; i++)
    {
      const MrReportCheck *check = &options->checks[i];
      MrReportModel *model = g_hash_table_lookup (data->models_by_id, &check->model_id);

      if (model != NULL)
        append_check (model->checks, check);
    }
  for (guint i = 0; i < data->models->len; i++)
    {
      MrReportModel *model = g_ptr_array_index (data->models, i);

      g_array_sort (model->decisions, compare_decision_time);
    }
}

static gboolean
needs_attention (const MrReportModel *model)
{
  switch (model->record->status)
    {
    case MR_STATUS_SUBMITTED:
    case MR_STATUS_CHANGES_REQUESTED:
    case MR_STATUS_REREVIEW_REQUIRED:
      return TRUE;
    default:
      return model->flags->len > 0 &&
             g_array_index (model->flags, MrReportFlag, 0).severity == MR_FLAG_SEVERITY_BLOCKING;
    }
}

static void
choose_pages (MrReportData       *data,
              MrReportModelPages  model_pages)
{
  for (guint i = 0; i < data->models->len; i++)
    {
      MrReportModel *model = g_ptr_array_index (data->models, i);

      if (model_pages == MR_REPORT_MODEL_PAGES_ALL || needs_attention (model))
        model->has_page = TRUE;
    }
  for (guint i = 0; i < data->decisions->len; i++)
    {
      const MrReportDecision *decision = &g_array_index (data->decisions, MrReportDecision, i);
      MrReportModel *model = g_hash_table_lookup (data->models_by_id, &decision->model_id);

      if (model != NULL)
        model->has_page = TRUE;
    }
  for (guint i = 0; i < data->models->len; i++)
    if (((MrReportModel *) g_ptr_array_index (data->models, i))->has_page)
      data->n_model_pages++;
}

MrReportData *
mr_report_data_new (GPtrArray             *records,
                    MrFramework           *framework,
                    const MrReportOptions *options)
{
  return mr_report_data_new_with_inputs (records, NULL, framework, options);
}

MrReportData *
mr_report_data_new_with_inputs (GPtrArray             *records,
                                const MrPolicyInputs  *inputs,
                                MrFramework           *framework,
                                const MrReportOptions *options)
{
  static const MrReportOptions no_options = { 0 };
  MrReportData *data;

  g_return_val_if_fail (records != NULL, NULL);
  g_return_val_if_fail (MR_IS_FRAMEWORK (framework), NULL);

  if (options == NULL)
    options = &no_options;

  data = g_new0 (MrReportData, 1);
  data->organisation = g_strdup (options->organisation);
  data->framework_name = g_strdup (mr_framework_get_display_name (framework));
  data->framework_version = g_strdup (options->framework_version != NULL
                                      ? options->framework_version
                                      : mr_framework_get_version (framework));
  data->period_from = options->period_from;
  data->period_to = options->period_to;
  data->generated_at = options->generated_at != 0 ? options->generated_at
                                                  : g_get_real_time () / G_USEC_PER_SEC;
  data->decisions = decision_array_new ();
  data->models = g_ptr_array_new_full (records->len, report_model_free);
  data->n_models = records->len;
  data->models_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < records->len; i++)
    {
      MrReportModel *model = report_model_new (g_ptr_array_index (records, i),
                                               inputs != NULL ? &inputs[i] : NULL, framework);

      g_ptr_array_add (data->models, model);
      g_hash_table_insert (data->models_by_id, &model->record->id, model);
      count_model (data, model);
    }
  collect_flags (data);
  attach_history (data, options);
  choose_pages (data, options->model_pages);
  return data;
}

void
mr_report_data_free (MrReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->organisation);
  g_free (data->framework_name);
  g_free (data->framework_version);
  g_ptr_array_unref (data->flags);
  g_array_unref (data->decisions);
  g_hash_table_unref (data->models_by_id);
  g_ptr_array_unref (data->models);
  g_free (data);
}

const MrReportModel *
mr_report_data_find_model (const MrReportData *data,
                           gint64              model_id)
{
  return g_hash_table_lookup (data->models_by_id, &model_id);
}

static char *
dup_or_dash (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

char *
mr_report_dup_uses (const MrModelRecord *record)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; record->intended_uses[i] != NULL; i++)
    {
      const char *id = record->intended_uses[i];
      const MrIntendedUse *use = mr_use_catalog_lookup (catalog, id);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (use != NULL)
        g_string_append_printf (text, "%s (%s)", use->label, mr_risk_tier_get_title (use->tier));
      else
        /* Translators: %s is an intended-use id the catalogue does not have */
        g_string_append_printf (text, _("%s (not in the catalogue)"), id);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
dup_source (const MrModelRecord *record)
{
  const char *kind = mr_source_kind_get_title (record->source_kind);

  if (record->source_ref == NULL)
    return g_strdup (kind);
  if (record->source_revision == NULL)
    return g_strdup_printf ("%s: %s", kind, record->source_ref);
  /* Translators: source kind, reference, and the commit it is pinned to */
  return g_strdup_printf (_("%s: %s at %s"), kind, record->source_ref, record->source_revision);
}

static void
clear_field (gpointer data)
{
  g_free (((MrReportField *) data)->value);
}

static void
add_field (GArray     *fields,
           const char *label,
           char       *value)
{
  MrReportField field = { label, value };

  g_array_append_val (fields, field);
}

GArray *
mr_report_model_dup_fields (const MrReportModel *model)
{
  const MrModelRecord *r = model->record;
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (MrReportField));
  g_autofree char *uses = NULL;

  g_array_set_clear_func (fields, clear_field);
  add_field (fields, _("Register id"), g_strdup_printf ("%" G_GINT64_FORMAT, r->id));
  add_field (fields, _("Provider"), dup_or_dash (r->provider));
  add_field (fields, _("Version"), dup_or_dash (r->version));
  add_field (fields, _("Source"), dup_source (r));
  add_field (fields, _("Owner"), dup_or_dash (r->owner));
  add_field (fields, _("Status"), g_strdup (mr_status_get_title (r->status)));
  uses = mr_report_dup_uses (r);
  add_field (fields, _("Intended uses"), uses != NULL ? g_steal_pointer (&uses)
                                                      : g_strdup (_("None recorded")));
  add_field (fields, _("Deployment"), g_strdup (mr_deployment_get_title (r->deployment)));
  add_field (fields, _("Data sensitivity"), g_strdup (mr_data_sensitivity_get_title (r->data_sensitivity)));
  add_field (fields, _("Licence"), dup_or_dash (r->license));
  add_field (fields, _("Description"), dup_or_dash (r->description));
  add_field (fields, _("Last checked"), mr_report_format_date (r->last_checked_at));
  add_field (fields, _("Last changed"), mr_report_format_date (r->updated_at));
  return fields;
}

char *
mr_report_model_dup_mof_summary (const MrReportModel *model)
{
  const MrMofResult *mof = &model->mof;

  /* Translators: the MOF class, then the progress towards each class */
  return g_strdup_printf (_("%s; progress: Class III %.0f %%, Class II %.0f %%, Class I %.0f %%"),
                          mr_mof_class_get_title (mof->mof_class),
                          mof->progress[3], mof->progress[2], mof->progress[1]);
}

const char *
mr_report_model_get_component_license (const MrReportModel *model,
                                       MrComponentKind      kind)
{
  const char *license = mr_mof_resolve_license (model->record, kind);

  return license != NULL ? license : _("Unknown");
}
