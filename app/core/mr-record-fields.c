/* mr-record-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-record-fields"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-record-fields.h"
#include "mr-time-util.h"

/* Enum members are read and written through int pointers. */
G_STATIC_ASSERT (sizeof (MrStatus) == sizeof (int));

#define FIELD(key, type, enum_type) \
  { G_STRINGIFY (key), MR_RECORD_FIELD_##type, G_STRUCT_OFFSET (MrModelRecord, key), enum_type }

static const MrRecordField record_fields[] = {
  FIELD (id, ID, NULL),
  FIELD (revision, COUNT, NULL),
  FIELD (name, TEXT, NULL),
  FIELD (provider, TEXT, NULL),
  FIELD (version, TEXT, NULL),
  FIELD (source_kind, ENUM, mr_source_kind_get_type),
  FIELD (source_ref, TEXT, NULL),
  FIELD (source_revision, TEXT, NULL),
  FIELD (owner, TEXT, NULL),
  FIELD (description, TEXT, NULL),
  FIELD (license, TEXT, NULL),
  FIELD (license_code, TEXT, NULL),
  FIELD (license_data, TEXT, NULL),
  FIELD (license_document, TEXT, NULL),
  FIELD (tags, LIST, NULL),
  FIELD (intended_uses, LIST, NULL),
  FIELD (deployment, ENUM, mr_deployment_get_type),
  FIELD (data_sensitivity, ENUM, mr_data_sensitivity_get_type),
  FIELD (status, ENUM, mr_status_get_type),
  FIELD (openness, ENUM, mr_openness_get_type),
  FIELD (worst_flag, ENUM, mr_flag_severity_get_type),
  FIELD (n_flags, COUNT, NULL),
  FIELD (notes, TEXT, NULL),
  FIELD (vendor_agreement, TEXT, NULL),
  FIELD (created_at, TIME, NULL),
  FIELD (updated_at, TIME, NULL),
  FIELD (last_checked_at, TIME, NULL),
};

#undef FIELD

const MrRecordField *
mr_record_fields_get (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (record_fields);
  return record_fields;
}

const MrRecordField *
mr_record_field_find (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_fields); i++)
    if (strcmp (record_fields[i].key, key) == 0)
      return &record_fields[i];
  return NULL;
}

char *
mr_record_field_to_text (const MrRecordField *field,
                         const MrModelRecord *record)
{
  gint64 time;

  switch (field->type)
    {
    case MR_RECORD_FIELD_TEXT:
      return g_strdup (*MR_RECORD_FIELD_MEMBER (record, field, char *));
    case MR_RECORD_FIELD_ENUM:
      return g_strdup (mr_enum_to_nick (field->get_enum_type (),
                                        *MR_RECORD_FIELD_MEMBER (record, field, int)));
    case MR_RECORD_FIELD_COUNT:
      return g_strdup_printf ("%u", *MR_RECORD_FIELD_MEMBER (record, field, guint));
    case MR_RECORD_FIELD_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *MR_RECORD_FIELD_MEMBER (record, field, gint64));
    case MR_RECORD_FIELD_TIME:
      time = *MR_RECORD_FIELD_MEMBER (record, field, gint64);
      return time != 0 ? mr_time_to_iso8601 (time) : NULL;
    case MR_RECORD_FIELD_LIST:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mr_record_enum_from_nick (GType        enum_type,
                          const char  *nick,
                          int         *out_value,
                          GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) accepted = NULL;

  if (mr_enum_from_nick (enum_type, nick, out_value))
    return TRUE;

  klass = g_type_class_ref (enum_type);
  accepted = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (accepted, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
               /* Translators: the second %s is a list such as "draft, submitted, approved" */
               _("“%s” is not one of %s"), nick, accepted->str);
  return FALSE;
}

gboolean
mr_record_field_set_integer (const MrRecordField  *field,
                             MrModelRecord        *record,
                             gint64                value,
                             GError              **error)
{
  gint64 max = field->type == MR_RECORD_FIELD_COUNT ? G_MAXUINT : G_MAXINT64;

  g_return_val_if_fail (field->type == MR_RECORD_FIELD_COUNT ||
                        field->type == MR_RECORD_FIELD_ID, FALSE);

  if (value < 0 || value > max)
    {
      /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s is not a whole number between 0 and %s"), value_text, max_text);
      return FALSE;
    }
  if (field->type == MR_RECORD_FIELD_COUNT)
    *MR_RECORD_FIELD_MEMBER (record, field, guint) = value;
  else
    *MR_RECORD_FIELD_MEMBER (record, field, gint64) = value;
  return TRUE;
}

static gboolean
set_integer_from_text (const MrRecordField  *field,
                       MrModelRecord        *record,
                       const char           *text,
                       GError              **error)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a whole number"), text);
      return FALSE;
    }
  return mr_record_field_set_integer (field, record, value, error);
}

static gboolean
set_time_from_text (const MrRecordField  *field,
                    MrModelRecord        *record,
                    const char           *text,
                    GError              **error)
{
  if (mr_time_from_iso8601 (text, MR_RECORD_FIELD_MEMBER (record, field, gint64)))
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
               _("“%s” is not an ISO 8601 date and time such as 2026-11-25T12:00:00Z"), text);
  return FALSE;
}

gboolean
mr_record_field_set_text (const MrRecordField  *field,
                          MrModelRecord        *record,
                          const char           *text,
                          GError              **error)
{
  switch (field->type)
    {
    case MR_RECORD_FIELD_TEXT:
      mr_model_record_set_string (MR_RECORD_FIELD_MEMBER (record, field, char *), text);
      return TRUE;
    case MR_RECORD_FIELD_ENUM:
      return mr_record_enum_from_nick (field->get_enum_type (), text,
                                       MR_RECORD_FIELD_MEMBER (record, field, int), error);
    case MR_RECORD_FIELD_COUNT:
    case MR_RECORD_FIELD_ID:
      return set_integer_from_text (field, record, text, error);
    case MR_RECORD_FIELD_TIME:
      return set_time_from_text (field, record, text, error);
    case MR_RECORD_FIELD_LIST:
    default:
      g_return_val_if_reached (FALSE);
    }
}
