/* mr-model-json.h — model records ↔ the app's own JSON format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object per entry, carrying "id" and every field (enums as their
 * nicks, timestamps as ISO 8601 UTC, components as an array of 17 objects
 * keyed by component nick).  Round-trips every field.  Used by the CLI's
 * --format json, by JSON import/export and by the audit trail's
 * before/after snapshots.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

JsonNode      *mr_model_record_to_json_node   (const MrModelRecord *record);
char          *mr_model_record_to_json        (const MrModelRecord *record,
                                               gboolean             pretty);
/* origin names the input in error messages ("models.json: entry 3").
 * Strict: a value of the wrong JSON type or an unknown enum nick is
 * MR_PARSE_ERROR_INVALID_VALUE, a key that is not a field is
 * MR_PARSE_ERROR_UNKNOWN_COLUMN (a typo must not drop a value silently),
 * a missing "name" is MR_PARSE_ERROR_MISSING_FIELD; every message names
 * the field ("models.json: entry 3: field “tags”: item 2: expected a
 * string").  Other omitted fields keep the defaults of
 * mr_model_record_new().  The record is not validated (audit snapshots of
 * a local file that is gone must still load). */
MrModelRecord *mr_model_record_from_json_node (JsonNode            *node,
                                               const char          *origin,
                                               GError             **error);
/* A JSON array of entries → records; a single object is accepted too.
 * Malformed JSON is MR_PARSE_ERROR_SYNTAX ("FILE:LINE:COLUMN: …"), text
 * that is not UTF-8 MR_PARSE_ERROR_ENCODING ("FILE:LINE: …"). */
GPtrArray     *mr_model_records_from_json     (const char          *data,
                                               gssize               length,
                                               const char          *filename,
                                               GError             **error);
char          *mr_model_records_to_json       (GPtrArray           *records,
                                               gboolean             pretty);

G_END_DECLS
