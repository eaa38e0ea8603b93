/* mr-csv.h — the register as an RFC 4180 spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header row names the columns with the JSON field names of
 * mr-model-json.h ("name", "provider", "source_kind", "tags", …; list fields
 * are separated by ';').  Quoted fields, embedded commas, quotes and
 * newlines, CRLF or LF, UTF-8 with or without a BOM.  Errors name the file,
 * the line and the column.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* Unknown columns are an error (MR_PARSE_ERROR_UNKNOWN_COLUMN).  A bad row
 * fails the whole parse unless skip_invalid is set: then it is left out and
 * a message naming its line is appended to skipped (char*, may be NULL). */
GPtrArray *mr_csv_parse_records (const char  *data,
                                 gsize        length,
                                 const char  *filename,
                                 gboolean     skip_invalid,
                                 GPtrArray   *skipped,
                                 GError     **error);
char      *mr_csv_write_records (GPtrArray   *records);

G_END_DECLS
