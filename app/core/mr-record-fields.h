/* mr-record-fields.h — the fields of a model record as files name them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of every scalar and list field of MrModelRecord, keyed by the
 * name JSON and CSV use ("source_kind"), so the two formats cannot drift
 * apart.  Components are not in the table: each format shapes them itself.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

typedef enum {
  MR_RECORD_FIELD_TEXT,   /* char *, NULL when empty */
  MR_RECORD_FIELD_LIST,   /* GStrv, never NULL */
  MR_RECORD_FIELD_ENUM,   /* an enum member, written as its nick */
  MR_RECORD_FIELD_COUNT,  /* guint */
  MR_RECORD_FIELD_ID,     /* gint64, never negative */
  MR_RECORD_FIELD_TIME,   /* gint64 Unix time, 0 = unset; ISO 8601 in files */
} MrRecordFieldType;

typedef struct {
  const char        *key;
  MrRecordFieldType  type;
  gsize              offset;
  GType            (*get_enum_type) (void);
} MrRecordField;

/* The member a field describes; the caller knows its C type from field->type. */
#define MR_RECORD_FIELD_MEMBER(record, field, c_type) \
  ((c_type *) (gpointer) ((guint8 *) (record) + (field)->offset))

/* In the order files write them. */
const MrRecordField *mr_record_fields_get        (guint                *n_fields);
const MrRecordField *mr_record_field_find        (const char           *key);

/* A non-list field as text; NULL when unset (no text, time 0). */
char                *mr_record_field_to_text     (const MrRecordField  *field,
                                                  const MrModelRecord  *record);
/* Sets a non-list field from text: an enum nick, a whole number, an ISO 8601
 * time.  The MR_PARSE_ERROR_INVALID_VALUE names the value; the caller
 * prefixes where it was found. */
gboolean             mr_record_field_set_text    (const MrRecordField  *field,
                                                  MrModelRecord        *record,
                                                  const char           *text,
                                                  GError              **error);
/* For MR_RECORD_FIELD_COUNT and MR_RECORD_FIELD_ID: range-checked. */
gboolean             mr_record_field_set_integer (const MrRecordField  *field,
                                                  MrModelRecord        *record,
                                                  gint64                value,
                                                  GError              **error);
/* An enum value from its nick; the MR_PARSE_ERROR_INVALID_VALUE lists the
 * nicks it accepts. */
gboolean             mr_record_enum_from_nick    (GType                 enum_type,
                                                  const char           *nick,
                                                  int                  *out_value,
                                                  GError              **error);

G_END_DECLS
