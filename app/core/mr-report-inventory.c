/* mr-report-inventory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-report-inventory"

#include "config.h"

#include "mr-csv.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-model-json.h"
#include "mr-report-inventory.h"

static const char * const csv_columns[] = {
  "id", "name", "provider", "version", "status", "owner", "intended_uses", "license",
  "openness_level", "mof_class", "mof_class_3_progress", "mof_class_2_progress",
  "mof_class_1_progress", "worst_severity", "flag_count", "flags",
};

static MrFlagSeverity
worst_severity (const MrReportModel *model)
{
  if (model->flags->len == 0)
    return MR_FLAG_SEVERITY_NONE;
  return g_array_index (model->flags, MrReportFlag, 0).severity;
}

/* "blocking: reason; warning: reason" */
static char *
dup_flags_text (const MrReportModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < model->flags->len; i++)
    {
      const MrReportFlag *flag = &g_array_index (model->flags, MrReportFlag, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s: %s",
                              mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, flag->severity),
                              flag->reason);
    }
  return g_string_free (text, FALSE);
}

static void
append_csv_row (GString             *out,
                const MrReportModel *model)
{
  const MrModelRecord *r = model->record;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
  g_autofree char *uses = g_strjoinv (" ", r->intended_uses);
  g_autofree char *mof_class = g_strdup_printf ("%u", model->mof.mof_class);
  g_autofree char *class_3 = g_strdup_printf ("%.1f", model->mof.progress[3]);
  g_autofree char *class_2 = g_strdup_printf ("%.1f", model->mof.progress[2]);
  g_autofree char *class_1 = g_strdup_printf ("%.1f", model->mof.progress[1]);
  g_autofree char *n_flags = g_strdup_printf ("%u", model->flags->len);
  g_autofree char *flags = dup_flags_text (model);
  const char *cells[] = {
    id, r->name, r->provider, r->version, mr_enum_to_nick (MR_TYPE_STATUS, r->status),
    r->owner, uses, r->license, mr_enum_to_nick (MR_TYPE_OPENNESS, model->openness.level),
    mof_class, class_3, class_2, class_1,
    mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, worst_severity (model)), n_flags, flags,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (csv_columns));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mr_csv_append_cell (out, cells[i] != NULL ? cells[i] : "", TRUE);
    }
  g_string_append (out, "\r\n");
}

char *
mr_report_inventory_to_csv (const MrReportData *data)
{
  GString *out = g_string_sized_new (256 * (data->models->len + 1));

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, csv_columns[i]);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < data->models->len; i++)
    append_csv_row (out, g_ptr_array_index (data->models, i));
  return g_string_free (out, FALSE);
}

static void
add_string_member (JsonObject *object,
                   const char *name,
                   const char *value)
{
  json_object_set_string_member (object, name, value);
}

static JsonNode *
evaluation_to_json (const MrReportModel *model)
{
  JsonObject *evaluation = json_object_new ();
  JsonObject *mof = json_object_new ();
  JsonArray *flags = json_array_new ();
  JsonNode *node;

  add_string_member (evaluation, "openness_level",
                     mr_enum_to_nick (MR_TYPE_OPENNESS, model->openness.level));
  add_string_member (evaluation, "openness", model->openness_explanation);
  json_object_set_int_member (mof, "class", model->mof.mof_class);
  for (guint mof_class = 1; mof_class <= 3; mof_class++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "progress_%u", mof_class);
      json_object_set_double_member (mof, name, model->mof.progress[mof_class]);
    }
  json_object_set_object_member (evaluation, "mof", mof);
  add_string_member (evaluation, "worst_severity",
                     mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, worst_severity (model)));
  for (guint i = 0; i < model->flags->len; i++)
    {
      const MrReportFlag *flag = &g_array_index (model->flags, MrReportFlag, i);
      JsonObject *object = json_object_new ();

      add_string_member (object, "severity", mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, flag->severity));
      /* As in `evaluate`: the id for programs, the label for people. */
      add_string_member (object, "use", flag->use_id);
      add_string_member (object, "use_label", flag->use);
      add_string_member (object, "reason", flag->reason);
      add_string_member (object, "remedy", flag->remedy);
      json_array_add_object_element (flags, object);
    }
  json_object_set_array_member (evaluation, "flags", flags);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, evaluation);
  return node;
}

/* One compact object per line: a tree of the whole register would take
 * gigabytes at 100,000 models. */
char *
mr_report_inventory_to_json (const MrReportData *data)
{
  GString *out = g_string_sized_new (2048 * (data->models->len + 1));
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_string_append (out, "[\n");
  for (guint i = 0; i < data->models->len; i++)
    {
      const MrReportModel *model = g_ptr_array_index (data->models, i);
      g_autoptr(JsonNode) entry = mr_model_record_to_json_node (model->record);

      json_object_set_member (json_node_get_object (entry), "evaluation",
                              evaluation_to_json (model));
      json_generator_set_root (generator, entry);
      json_generator_to_gstring (generator, out);
      g_string_append (out, i + 1 < data->models->len ? ",\n" : "\n");
    }
  g_string_append (out, "]\n");
  return g_string_free (out, FALSE);
}
