/* mr-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader makes one pass over the buffer.  A row's cells are unescaped
 * into one reused scratch buffer, so the only allocations per row are the
 * record and its strings; each cell is checked for UTF-8 once.
 *
 * List cells ("tags", "intended_uses") separate items with ';'; a literal
 * ';' or '\' inside an item is escaped with '\'.  Items are trimmed and
 * empty items dropped, as a person typing "a; b" means two items.
 *
 * A text cell that a spreadsheet would run as a formula (it starts with
 * = + - @, a tab or a carriage return) is written with a leading apostrophe,
 * as OWASP advises against CSV injection; names come from public hubs.  The
 * reader removes it again, so the round trip is lossless.
 */
#define G_LOG_DOMAIN "mr-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-csv.h"
#include "mr-error.h"
#include "mr-record-fields.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define LIST_SEPARATOR ';'
#define LIST_ESCAPE '\\'
#define FORMULA_GUARD '\''

typedef struct {
  gsize offset;    /* into the scratch buffer, NUL-terminated there */
  gsize length;
} CsvCell;

typedef enum {
  ROW_READ,
  ROW_END_OF_DATA,
  ROW_UNTERMINATED_QUOTE,
} RowResult;

struct _MrCsvReader {
  char                 *filename;
  const char           *data;
  const char           *pos;
  const char           *end;
  guint                 line;         /* physical line at pos, 1-based */
  guint                 row_line;     /* where the current row starts */
  int                   bad_cell;     /* text after a closing quote, or -1 */
  GString              *scratch;
  GArray               *cells;
  const MrRecordField **columns;
  guint                 n_columns;
  gboolean              skip_invalid;
  GPtrArray            *skipped;
};

static inline gboolean
is_cell_end (char c)
{
  return c == ',' || c == '\n' || c == '\r';
}

/* Appends the quoted cell at reader->pos (after its opening quote) to the
 * scratch buffer, counting the line breaks it contains. */
static gboolean
read_quoted (MrCsvReader *reader)
{
  for (;;)
    {
      const char *quote = memchr (reader->pos, '"', reader->end - reader->pos);

      if (quote == NULL)
        return FALSE;
      for (const char *p = reader->pos; p < quote; p++)
        if (*p == '\n' || (*p == '\r' && (p + 1 == quote || p[1] != '\n')))
          reader->line++;
      g_string_append_len (reader->scratch, reader->pos, quote - reader->pos);
      reader->pos = quote + 1;
      if (reader->pos < reader->end && *reader->pos == '"')
        {
          g_string_append_c (reader->scratch, '"');
          reader->pos++;
          continue;
        }
      return TRUE;
    }
}

static void
read_unquoted (MrCsvReader *reader)
{
  const char *start = reader->pos;

  while (reader->pos < reader->end && !is_cell_end (*reader->pos))
    reader->pos++;
  g_string_append_len (reader->scratch, start, reader->pos - start);
}

static RowResult
read_row (MrCsvReader *reader)
{
  g_string_truncate (reader->scratch, 0);
  g_array_set_size (reader->cells, 0);
  reader->row_line = reader->line;
  reader->bad_cell = -1;
  if (reader->pos == reader->end)
    return ROW_END_OF_DATA;

  for (;;)
    {
      CsvCell cell = { reader->scratch->len, 0 };

      if (reader->pos < reader->end && *reader->pos == '"')
        {
          reader->pos++;
          if (!read_quoted (reader))
            return ROW_UNTERMINATED_QUOTE;
          if (reader->pos < reader->end && !is_cell_end (*reader->pos))
            {
              if (reader->bad_cell < 0)
                reader->bad_cell = reader->cells->len;
              read_unquoted (reader);
            }
        }
      else
        {
          read_unquoted (reader);
        }
      cell.length = reader->scratch->len - cell.offset;
      g_string_append_c (reader->scratch, '\0');
      g_array_append_val (reader->cells, cell);

      if (reader->pos == reader->end)
        return ROW_READ;
      if (*reader->pos == ',')
        {
          reader->pos++;
          continue;
        }
      if (*reader->pos == '\r' && reader->pos + 1 < reader->end && reader->pos[1] == '\n')
        reader->pos++;
      reader->pos++;
      reader->line++;
      return ROW_READ;
    }
}

static gboolean
row_is_blank (MrCsvReader *reader)
{
  return reader->cells->len == 1 &&
         g_array_index (reader->cells, CsvCell, 0).length == 0 &&
         reader->bad_cell < 0;
}

/* Prefixes "FILE:LINE: column “key”: ". */
static void
prefix_row_error (MrCsvReader  *reader,
                  const char   *key,
                  GError      **error)
{
  g_prefix_error (error, _("%s:%u: column “%s”: "), reader->filename, reader->row_line, key);
}

/* Names the column by its key when the header has one, else by number. */
static void
prefix_cell_error (MrCsvReader  *reader,
                   guint         index,
                   GError      **error)
{
  if (reader->columns != NULL && index < reader->n_columns)
    prefix_row_error (reader, reader->columns[index]->key, error);
  else
    g_prefix_error (error, _("%s:%u: column %u: "), reader->filename, reader->row_line, index + 1);
}

static char *
cell_text (MrCsvReader *reader,
           guint        index,
           gsize       *length)
{
  CsvCell *cell = &g_array_index (reader->cells, CsvCell, index);

  if (length != NULL)
    *length = cell->length;
  return reader->scratch->str + cell->offset;
}

/* Reads rows up to the first that is not blank. */
static gboolean
read_content_row (MrCsvReader  *reader,
                  gboolean     *at_end,
                  GError      **error)
{
  RowResult result;

  do
    result = read_row (reader);
  while (result == ROW_READ && row_is_blank (reader));

  *at_end = result == ROW_END_OF_DATA;
  if (result != ROW_UNTERMINATED_QUOTE)
    return TRUE;
  g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                       _("the quoted field never ends (its closing \" is missing)"));
  prefix_cell_error (reader, reader->cells->len, error);
  return FALSE;
}

/* Header */

static gboolean
check_header_cell (MrCsvReader  *reader,
                   guint         index,
                   GError      **error)
{
  gsize length;
  const char *name = cell_text (reader, index, &length);

  if (!g_utf8_validate (name, length, NULL))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                   _("%s:%u: column %u: the header is not valid UTF-8 text"),
                   reader->filename, reader->row_line, index + 1);
      return FALSE;
    }
  reader->columns[index] = mr_record_field_find (name);
  if (reader->columns[index] == NULL)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_UNKNOWN_COLUMN,
                   _("%s:%u: column %u: “%s” is not a known column"),
                   reader->filename, reader->row_line, index + 1, name);
      return FALSE;
    }
  for (guint i = 0; i < index; i++)
    {
      if (reader->columns[i] == reader->columns[index])
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                       _("%s:%u: column %u: “%s” is already column %u"),
                       reader->filename, reader->row_line, index + 1, name, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_header (MrCsvReader  *reader,
             GError      **error)
{
  gboolean at_end;
  gboolean has_name = FALSE;

  if (!read_content_row (reader, &at_end, error))
    return FALSE;
  if (at_end)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("%s: the file is empty; expected a header row naming the columns"),
                   reader->filename);
      return FALSE;
    }

  if (reader->bad_cell >= 0)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("%s:%u: column %u: text follows the closing quote"),
                   reader->filename, reader->row_line, reader->bad_cell + 1);
      return FALSE;
    }
  reader->n_columns = reader->cells->len;
  reader->columns = g_new0 (const MrRecordField *, reader->n_columns);
  for (guint i = 0; i < reader->n_columns; i++)
    {
      if (!check_header_cell (reader, i, error))
        return FALSE;
      has_name |= strcmp (reader->columns[i]->key, "name") == 0;
    }
  if (!has_name)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_MISSING_FIELD,
                   _("%s:%u: the header has no “name” column"),
                   reader->filename, reader->row_line);
      return FALSE;
    }
  return TRUE;
}

/* Rows */

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static char *
remove_formula_guard (char *text)
{
  if (text[0] == FORMULA_GUARD && (is_formula_start (text[1]) || text[1] == FORMULA_GUARD))
    return text + 1;
  return text;
}

/* The trimmed item text[start, end), or NULL when that is empty. */
static char *
dup_list_item (const char *text,
               gsize       start,
               gsize       end)
{
  while (start < end && g_ascii_isspace (text[start]))
    start++;
  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;
  return end > start ? g_strndup (text + start, end - start) : NULL;
}

/* Unescapes in place, in the reader's scratch copy of the cell: items only
 * ever get shorter. */
static GStrv
split_list (char  *text,
            gsize  length)
{
  GStrv list;
  guint n_items = 0;
  guint max_items = 1;
  gsize item_start = 0;
  gsize out = 0;

  for (gsize i = 0; i < length; i++)
    max_items += text[i] == LIST_SEPARATOR;
  list = g_new0 (char *, max_items + 1);

  for (gsize i = 0; i <= length; i++)
    {
      char *item;

      if (i < length && text[i] == LIST_ESCAPE && i + 1 < length &&
          (text[i + 1] == LIST_ESCAPE || text[i + 1] == LIST_SEPARATOR))
        {
          text[out++] = text[++i];
          continue;
        }
      if (i < length && text[i] != LIST_SEPARATOR)
        {
          text[out++] = text[i];
          continue;
        }
      item = dup_list_item (text, item_start, out);
      if (item != NULL)
        list[n_items++] = item;
      item_start = out;
    }
  return list;
}

static gboolean
set_cell (const MrRecordField  *field,
          MrModelRecord        *record,
          char                 *text,
          gsize                 length,
          GError              **error)
{
  char *unguarded;
  GStrv *list;

  switch (field->type)
    {
    case MR_RECORD_FIELD_TEXT:
      mr_model_record_set_string (MR_RECORD_FIELD_MEMBER (record, field, char *),
                                  remove_formula_guard (text));
      return TRUE;
    case MR_RECORD_FIELD_LIST:
      unguarded = remove_formula_guard (text);
      list = MR_RECORD_FIELD_MEMBER (record, field, GStrv);
      g_strfreev (*list);
      *list = split_list (unguarded, length - (unguarded - text));
      return TRUE;
    case MR_RECORD_FIELD_ENUM:
    case MR_RECORD_FIELD_COUNT:
    case MR_RECORD_FIELD_ID:
    case MR_RECORD_FIELD_TIME:
    default:
      return mr_record_field_set_text (field, record, g_strstrip (text), error);
    }
}

static gboolean
check_row_shape (MrCsvReader  *reader,
                 GError      **error)
{
  guint n_cells = reader->cells->len;

  if (reader->bad_cell >= 0)
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                           _("text follows the closing quote "
                             "(a quote inside a quoted field is written \"\")"));
      prefix_cell_error (reader, reader->bad_cell, error);
      return FALSE;
    }
  if (n_cells > reader->n_columns)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("the row has %u fields but the header names %u columns"),
                   n_cells, reader->n_columns);
      prefix_cell_error (reader, reader->n_columns, error);
      return FALSE;
    }
  if (n_cells < reader->n_columns)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("missing; the row has %u fields but the header names %u columns"),
                   n_cells, reader->n_columns);
      prefix_cell_error (reader, n_cells, error);
      return FALSE;
    }
  return TRUE;
}

static MrModelRecord *
row_to_record (MrCsvReader  *reader,
               GError      **error)
{
  g_autoptr(MrModelRecord) record = NULL;
  const char *invalid_key;

  if (!check_row_shape (reader, error))
    return NULL;

  record = mr_model_record_new ();
  for (guint i = 0; i < reader->n_columns; i++)
    {
      gsize length;
      char *text = cell_text (reader, i, &length);

      if (!g_utf8_validate (text, length, NULL))
        {
          g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                               _("not valid UTF-8 text"));
          prefix_cell_error (reader, i, error);
          return NULL;
        }
      /* An empty cell leaves the field at its default. */
      if (length > 0 && !set_cell (reader->columns[i], record, text, length, error))
        {
          prefix_cell_error (reader, i, error);
          return NULL;
        }
    }

  if (!mr_model_record_validate_with_key (record, &invalid_key, error))
    {
      prefix_row_error (reader, invalid_key, error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

MrCsvReader *
mr_csv_reader_new (const char  *data,
                   gsize        length,
                   const char  *filename,
                   gboolean     skip_invalid,
                   GPtrArray   *skipped,
                   GError     **error)
{
  g_autoptr(MrCsvReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = g_new0 (MrCsvReader, 1);
  reader->filename = g_strdup (filename != NULL ? filename : "CSV");
  reader->data = data;
  reader->pos = data;
  reader->end = data + length;
  reader->line = 1;
  reader->scratch = g_string_sized_new (1024);
  reader->cells = g_array_sized_new (FALSE, FALSE, sizeof (CsvCell), 32);
  reader->skip_invalid = skip_invalid;
  reader->skipped = skipped != NULL ? g_ptr_array_ref (skipped) : NULL;
  if (length >= strlen (UTF8_BOM) && memcmp (data, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    reader->pos += strlen (UTF8_BOM);

  if (!read_header (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}

MrModelRecord *
mr_csv_reader_next (MrCsvReader  *reader,
                    GError      **error)
{
  for (;;)
    {
      g_autoptr(GError) row_error = NULL;
      MrModelRecord *record;
      gboolean at_end;

      if (!read_content_row (reader, &at_end, error))
        {
          reader->pos = reader->end;
          return NULL;
        }
      if (at_end)
        return NULL;

      record = row_to_record (reader, &row_error);
      if (record != NULL)
        return record;
      if (!reader->skip_invalid)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return NULL;
        }
      if (reader->skipped != NULL)
        g_ptr_array_add (reader->skipped, g_strdup (row_error->message));
    }
}

double
mr_csv_reader_get_progress (MrCsvReader *reader)
{
  if (reader->end == reader->data)
    return 1.0;
  return (double) (reader->pos - reader->data) / (reader->end - reader->data);
}

void
mr_csv_reader_free (MrCsvReader *reader)
{
  g_free (reader->filename);
  if (reader->scratch != NULL)
    g_string_free (reader->scratch, TRUE);
  g_clear_pointer (&reader->cells, g_array_unref);
  g_clear_pointer (&reader->columns, g_free);
  g_clear_pointer (&reader->skipped, g_ptr_array_unref);
  g_free (reader);
}

GPtrArray *
mr_csv_parse_records (const char  *data,
                      gsize        length,
                      const char  *filename,
                      gboolean     skip_invalid,
                      GPtrArray   *skipped,
                      GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(MrCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  MrModelRecord *record;

  reader = mr_csv_reader_new (data, length, filename, skip_invalid, skipped, error);
  if (reader == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  while ((record = mr_csv_reader_next (reader, &local_error)) != NULL)
    g_ptr_array_add (records, record);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* Writing */

static void
append_cell (GString    *out,
             const char *text,
             gboolean    may_be_formula)
{
  gboolean guard = may_be_formula &&
                   (is_formula_start (text[0]) || text[0] == FORMULA_GUARD);

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      if (guard)
        g_string_append_c (out, FORMULA_GUARD);
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, FORMULA_GUARD);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
mr_csv_append_cell (GString    *out,
                    const char *text,
                    gboolean    may_be_formula)
{
  g_return_if_fail (out != NULL && text != NULL);

  append_cell (out, text, may_be_formula);
}

static char *
join_list (GStrv list)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (joined, LIST_SEPARATOR);
      for (const char *p = list[i]; *p != '\0'; p++)
        {
          if (*p == LIST_SEPARATOR || *p == LIST_ESCAPE)
            g_string_append_c (joined, LIST_ESCAPE);
          g_string_append_c (joined, *p);
        }
    }
  return g_string_free (joined, FALSE);
}

static void
append_field (GString             *out,
              const MrRecordField *field,
              const MrModelRecord *record)
{
  g_autofree char *text = NULL;

  if (field->type == MR_RECORD_FIELD_LIST)
    text = join_list (*MR_RECORD_FIELD_MEMBER (record, field, GStrv));
  else
    text = mr_record_field_to_text (field, record);
  if (text != NULL)
    append_cell (out, text,
                 field->type == MR_RECORD_FIELD_TEXT || field->type == MR_RECORD_FIELD_LIST);
}

char *
mr_csv_write_records (GPtrArray *records)
{
  GString *out = g_string_sized_new (256 * (records->len + 1));
  const MrRecordField *fields;
  guint n_fields;

  fields = mr_record_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, fields[i].key);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < records->len; r++)
    {
      const MrModelRecord *record = g_ptr_array_index (records, r);

      for (guint i = 0; i < n_fields; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_field (out, &fields[i], record);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
