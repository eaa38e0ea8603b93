/* mr-cli-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-table"

#include "config.h"

#include <string.h>

#include "mr-cli-table.h"

#define COLUMN_GAP 2
#define ELLIPSIS "…"

typedef struct {
  char  *text;
  guint  width;
} Cell;

struct _MrCliTable
{
  guint   n_columns;
  guint  *max_widths;     /* 0: unlimited */
  guint  *column_widths;  /* widest cell so far */
  GArray *cells;          /* Cell, row after row */
};

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
}

MrCliTable *
mr_cli_table_new (guint n_columns)
{
  MrCliTable *self;

  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (MrCliTable, 1);
  self->n_columns = n_columns;
  self->max_widths = g_new0 (guint, n_columns);
  self->column_widths = g_new0 (guint, n_columns);
  self->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
  return self;
}

void
mr_cli_table_free (MrCliTable *self)
{
  g_free (self->max_widths);
  g_free (self->column_widths);
  g_array_unref (self->cells);
  g_free (self);
}

void
mr_cli_table_set_max_width (MrCliTable *self,
                            guint       column,
                            guint       max_width)
{
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (max_width >= 2);

  self->max_widths[column] = max_width;
}

static guint
unichar_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

guint
mr_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += unichar_width (g_utf8_get_char (p));
  return width;
}

char *
mr_cli_text_sanitize (const char *text,
                      gboolean    keep_newlines)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Cuts text so that it and the ellipsis fit in max_width cells. */
static char *
ellipsize (const char *text,
           guint       max_width,
           guint      *inout_width)
{
  GString *out;
  guint width = 0;

  if (*inout_width <= max_width)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guint w = unichar_width (g_utf8_get_char (p));

      if (width + w > max_width - 1)
        break;
      width += w;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append (out, ELLIPSIS);
  *inout_width = width + 1;
  return g_string_free (out, FALSE);
}

void
mr_cli_table_add_row (MrCliTable         *self,
                      const char * const *cells)
{
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *clean = mr_cli_text_sanitize (cells[i] != NULL ? cells[i] : "", FALSE);
      Cell cell;

      cell.width = mr_cli_text_width (clean);
      if (self->max_widths[i] > 0)
        cell.text = ellipsize (clean, self->max_widths[i], &cell.width);
      else
        cell.text = g_steal_pointer (&clean);
      self->column_widths[i] = MAX (self->column_widths[i], cell.width);
      g_array_append_val (self->cells, cell);
    }
}

void
mr_cli_table_render (const MrCliTable *self,
                     const char       *indent,
                     GString          *out)
{
  guint n_rows = self->cells->len / self->n_columns;

  for (guint row = 0; row < n_rows; row++)
    {
      const Cell *row_cells = &g_array_index (self->cells, Cell, row * self->n_columns);
      guint n_filled = self->n_columns;

      /* Padding after the last non-empty cell would only be trailing blanks. */
      while (n_filled > 1 && row_cells[n_filled - 1].width == 0)
        n_filled--;

      g_string_append (out, indent);
      for (guint i = 0; i < n_filled; i++)
        {
          g_string_append (out, row_cells[i].text);
          if (i + 1 < n_filled)
            {
              guint pad = self->column_widths[i] - row_cells[i].width + COLUMN_GAP;

              for (guint j = 0; j < pad; j++)
                g_string_append_c (out, ' ');
            }
        }
      g_string_append_c (out, '\n');
    }
}
