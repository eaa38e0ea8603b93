/* mr-csv.h — the register as an RFC 4180 spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header row names the columns with the JSON field names of
 * mr-model-json.h ("name", "provider", "source_kind", "tags", …; list fields
 * are separated by ';').  Quoted fields, embedded commas, quotes and
 * newlines, CRLF or LF, UTF-8 with or without a BOM.  Errors name the file,
 * the line and the column.
 *
 * In a list cell a literal ';' or '\' is escaped with '\'; items are trimmed
 * and empty ones dropped.  Components are not part of the format.  The
 * writer quotes only where needed and, against CSV injection, prefixes a
 * text cell that starts like a formula (= + - @) with an apostrophe, which
 * the reader removes again.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* Unknown columns are an error (MR_PARSE_ERROR_UNKNOWN_COLUMN).  A bad row
 * fails the whole parse unless skip_invalid is set: then it is left out and
 * a message naming its line is appended to skipped (char*, may be NULL).
 * A row is bad when its field count differs from the header's, a cell is
 * not UTF-8 or not a valid value (MR_PARSE_ERROR_*), or the record breaks
 * a rule of mr_model_record_validate() (its MR_VALIDATION_ERROR); every
 * message starts "FILE:LINE: column “x”: ", LINE being where the row starts.
 * A quote that never closes fails the parse even with skip_invalid: the
 * rest of the file cannot be read.  Blank lines are ignored, and an empty
 * cell leaves its field at the default. */
GPtrArray *mr_csv_parse_records (const char  *data,
                                 gsize        length,
                                 const char  *filename,
                                 gboolean     skip_invalid,
                                 GPtrArray   *skipped,
                                 GError     **error);
char      *mr_csv_write_records (GPtrArray   *records);
/* Appends one cell quoted as the writer quotes (and, when may_be_formula,
 * guarded against spreadsheet formulas), for other tables written as CSV. */
void       mr_csv_append_cell   (GString     *out,
                                 const char  *text,
                                 gboolean     may_be_formula);

/* The same parse one row at a time, so an importer can store each record as
 * it comes and keep memory flat.  data must outlive the reader. */
typedef struct _MrCsvReader MrCsvReader;

/* Reads the header row; NULL when it is unusable. */
MrCsvReader   *mr_csv_reader_new          (const char   *data,
                                           gsize         length,
                                           const char   *filename,
                                           gboolean      skip_invalid,
                                           GPtrArray    *skipped,
                                           GError      **error);
/* NULL at the end of the data, or with error set on a row that fails
 * (a bad row when skip_invalid is not set, or a quote that never closes). */
MrModelRecord *mr_csv_reader_next         (MrCsvReader  *reader,
                                           GError      **error);
/* How far through the data the reader is, from 0 to 1. */
double         mr_csv_reader_get_progress (MrCsvReader  *reader);
void           mr_csv_reader_free         (MrCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCsvReader, mr_csv_reader_free)

G_END_DECLS
