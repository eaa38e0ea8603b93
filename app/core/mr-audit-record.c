/* mr-audit-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-audit-record"

#include "config.h"

#include <json-glib/json-glib.h>

#include "mr-audit-record.h"
#include "mr-csv.h"
#include "mr-time-util.h"

/* Actors and snapshots hold text people typed, so a spreadsheet could run
 * them as formulas; numbers and hashes never start like one. */
static const struct {
  const char *name;
  gboolean    may_be_formula;
} csv_columns[] = {
  { "seq", FALSE }, { "time", FALSE }, { "time_utc", FALSE }, { "actor", TRUE },
  { "action", FALSE }, { "entity_type", FALSE }, { "entity_id", FALSE },
  { "before", TRUE }, { "after", TRUE }, { "prev_hash", FALSE }, { "hash", FALSE },
};

void
mr_audit_record_free (MrAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->actor);
  g_free (record->action);
  g_free (record->entity_type);
  g_free (record->before_json);
  g_free (record->after_json);
  g_free (record->prev_hash);
  g_free (record->hash);
  g_free (record);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_record (JsonBuilder         *builder,
            const MrAuditRecord *record)
{
  g_autofree char *time_utc = mr_time_to_iso8601 (record->time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, record->seq);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, record->time);
  add_string (builder, "time_utc", time_utc);
  add_string (builder, "actor", record->actor);
  add_string (builder, "action", record->action);
  add_string (builder, "entity_type", record->entity_type);
  json_builder_set_member_name (builder, "entity_id");
  if (record->entity_id != 0)
    json_builder_add_int_value (builder, record->entity_id);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "before", record->before_json);
  add_string (builder, "after", record->after_json);
  add_string (builder, "prev_hash", record->prev_hash);
  add_string (builder, "hash", record->hash);
  json_builder_end_object (builder);
}

char *
mr_audit_records_to_json (GPtrArray *records)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (records != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    add_record (builder, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
append_row (GString             *out,
            const MrAuditRecord *record)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);
  g_autofree char *time = g_strdup_printf ("%" G_GINT64_FORMAT, record->time);
  g_autofree char *time_utc = mr_time_to_iso8601 (record->time);
  g_autofree char *entity_id = record->entity_id != 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, record->entity_id)
                               : NULL;
  const char *cells[G_N_ELEMENTS (csv_columns)] = {
    seq, time, time_utc, record->actor, record->action, record->entity_type, entity_id,
    record->before_json, record->after_json, record->prev_hash, record->hash,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (cells[i] != NULL)
        mr_csv_append_cell (out, cells[i], csv_columns[i].may_be_formula);
    }
  g_string_append (out, "\r\n");
}

char *
mr_audit_records_to_csv (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (records != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, csv_columns[i].name);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < records->len; i++)
    append_row (out, g_ptr_array_index (records, i));
  return g_string_free (out, FALSE);
}
