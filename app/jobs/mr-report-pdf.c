/* mr-report-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is laid out twice with the same code: once without drawing, to
 * count the pages for "Page N of M", then for real.  Both passes measure
 * every cell with pango before placing it, so they break pages at the same
 * places.  Texts that repeat from model to model (component names,
 * availability, licences, most field values) are shaped once and kept.
 *
 * cairo's PDF surface spends far more on each call that shows text than on
 * each glyph, so a page's text is not shown cell by cell: the glyphs of all
 * its cells are gathered, by font and colour, and shown in a few calls
 * when the page is done.  Even so, writing each glyph was most of the
 * time, so a long text that keeps coming back (an explanation, a list of
 * components, a flag's reason) is written once, as a form, which every
 * page that shows it then only names.
 */
#define G_LOG_DOMAIN "mr-report-pdf"

#include "config.h"

#include <inttypes.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "mr-report-pdf.h"
#include "mr-titles.h"

/* A4 in points. */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN       48.0
#define BODY_WIDTH   (PAGE_WIDTH - 2 * MARGIN)
#define HEADER_TOP   24.0
#define BODY_TOP     64.0
#define BODY_BOTTOM  (PAGE_HEIGHT - 56.0)
#define FOOTER_TOP   (PAGE_HEIGHT - 40.0)
#define CELL_PADDING 3.0
/* The tallest a cell may be: a page's body less a header row and some room
 * for the heading above the table. */
#define MAX_CELL_HEIGHT (BODY_BOTTOM - BODY_TOP - 80.0)
#define MAX_COLUMNS  7
/* For each font and width. */
#define MAX_SHARED_LAYOUTS 1024
/* Between one model's section and the next. */
#define SECTION_GAP  24.0

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_SMALL,
  FONT_HEADING,
  FONT_SUBHEADING,
  FONT_TITLE,
  N_FONTS
} Font;

static const char * const font_names[N_FONTS] = {
  [FONT_BODY] = "Sans 8.5",
  [FONT_BOLD] = "Sans Bold 8.5",
  [FONT_SMALL] = "Sans 7.5",
  [FONT_HEADING] = "Sans Bold 15",
  [FONT_SUBHEADING] = "Sans Bold 10.5",
  [FONT_TITLE] = "Sans Bold 28",
};

typedef struct {
  double red, green, blue;
} Colour;

static const Colour text_colour = { 0.13, 0.13, 0.13 };
static const Colour muted_colour = { 0.40, 0.40, 0.40 };
static const Colour accent_colour = { 0.23, 0.35, 0.50 };
static const Colour header_fill = { 0.87, 0.90, 0.94 };
static const Colour stripe_fill = { 0.96, 0.97, 0.98 };
static const Colour rule_colour = { 0.78, 0.80, 0.85 };
static const Colour blocking_colour = { 0.65, 0.11, 0.18 };
static const Colour warning_colour = { 0.61, 0.43, 0.01 };

/* The glyphs of one font in one colour waiting to be drawn. */
typedef struct {
  PangoFont    *font;
  const Colour *colour;
  GArray       *glyphs;      /* cairo_glyph_t */
} GlyphBatch;

/* Filled rectangles, or rules, in one colour waiting to be drawn. */
typedef struct {
  const Colour *colour;
  gboolean      rules;
  GArray       *boxes;       /* cairo_rectangle_t; a rule's height is 0 */
} ShapeBatch;

/* A form to name on the page: a text's glyphs or a table's fills and rules,
 * recorded once (see use_form and end_table_shapes), kept until the page
 * is done. */
typedef struct {
  cairo_surface_t *form;
  double           x, y;
} FormUse;

/* The fills and rules of a table's rows on one page, and how often they
 * came back. */
typedef struct {
  guint            n_seen;
  cairo_surface_t *form;
} Background;

/* Runs of rows kept at most; a wrapped value or a page break makes a new
 * one. */
#define MAX_BACKGROUNDS 1024

/* A layout pango must draw itself (see has_unknown_glyph), kept until
 * the page's fills are down. */
typedef struct {
  PangoLayout  *layout;
  double        x, y;
  const Colour *colour;
} DeferredLayout;

/* The layouts kept for one font at one width, by text. */
typedef struct {
  Font        font;
  double      width;
  GHashTable *layouts;
} SharedLayouts;

typedef struct {
  cairo_t              *cr;          /* NULL while counting pages */
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  GArray               *shared;      /* SharedLayouts */
  PangoAttrList        *attributes;
  char                 *running_title;
  const char           *section;     /* the model the page is about, or NULL */
  char                 *date;
  PangoLayout          *date_line;   /* the running header's, the same on each page */
  PangoLayout          *title_line;  /* the running header's, for title_section */
  const char           *title_section; /* borrowed like section */
  GHashTable           *flag_pages;  /* MrReportFlag → the page of its row in the flag table */
  /* Translated once: every model lists components. */
  const char           *component_titles[MR_N_COMPONENTS];
  const char           *list_separator;
  guint                 page;
  guint                 n_pages;     /* 0 while counting */
  double                y;
  GArray               *batches;     /* GlyphBatch: the page's text */
  GArray               *shapes;      /* ShapeBatch: the page's fills and rules */
  GArray               *table_shapes; /* ShapeBatch: those of the table being laid out */
  double                table_top;
  GHashTable           *backgrounds; /* GBytes (see background_key) → Background */
  GArray               *back_forms;  /* FormUse: tables' fills and rules */
  GArray               *forms;       /* FormUse: texts */
  GArray               *deferred;    /* DeferredLayout */
} Pdf;

typedef struct {
  guint       n_columns;
  double      widths[MAX_COLUMNS];   /* fractions of the body's width */
  const char *headers[MAX_COLUMNS];
  guint       shared_columns;        /* bit i: column i holds repeating words */
  int         emphasis_column;       /* coloured by the row's severity; -1 for none */
  guint       row;
} Table;

static void
clear_shared_layouts (gpointer data)
{
  g_hash_table_unref (((SharedLayouts *) data)->layouts);
}

static void
clear_shape_batch (gpointer data)
{
  g_array_unref (((ShapeBatch *) data)->boxes);
}

static void
background_free (gpointer data)
{
  Background *background = data;

  g_clear_pointer (&background->form, cairo_surface_destroy);
  g_free (background);
}

static void
clear_form_use (gpointer data)
{
  cairo_surface_destroy (((FormUse *) data)->form);
}

static void
clear_deferred_layout (gpointer data)
{
  g_object_unref (((DeferredLayout *) data)->layout);
}

static void
clear_glyph_batch (gpointer data)
{
  GlyphBatch *batch = data;

  g_object_unref (batch->font);
  g_array_unref (batch->glyphs);
}

static void
pdf_init (Pdf        *pdf,
          const char *running_title,
          gint64      generated_at)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *font_options;

  *pdf = (Pdf) { 0 };
  pdf->context = pango_font_map_create_context (font_map);
  /* Points, not pixels: one pango unit of size is one PDF unit. */
  pango_cairo_context_set_resolution (pdf->context, 72.0);
  pango_context_set_round_glyph_positions (pdf->context, FALSE);
  /* Unhinted metrics: a PDF is not drawn on a pixel grid, and glyphs then
   * sit at the font's own advances, so cairo writes no correction for each
   * one. */
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf->context, font_options);
  cairo_font_options_destroy (font_options);
  for (guint i = 0; i < N_FONTS; i++)
    pdf->fonts[i] = pango_font_description_from_string (font_names[i]);
  pdf->shared = g_array_new (FALSE, FALSE, sizeof (SharedLayouts));
  g_array_set_clear_func (pdf->shared, clear_shared_layouts);
  /* A name broken inside a word must not gain a hyphen it does not have. */
  pdf->attributes = pango_attr_list_new ();
  pango_attr_list_insert (pdf->attributes, pango_attr_insert_hyphens_new (FALSE));
  /* Text is drawn as glyphs alone (see show_layout), which a reader maps
   * back to characters one for one: a ligature would come out as "ﬁ". */
  pango_attr_list_insert (pdf->attributes, pango_attr_font_features_new ("liga 0, clig 0"));
  pdf->batches = g_array_new (FALSE, FALSE, sizeof (GlyphBatch));
  g_array_set_clear_func (pdf->batches, clear_glyph_batch);
  pdf->shapes = g_array_new (FALSE, FALSE, sizeof (ShapeBatch));
  g_array_set_clear_func (pdf->shapes, clear_shape_batch);
  pdf->table_shapes = g_array_new (FALSE, FALSE, sizeof (ShapeBatch));
  g_array_set_clear_func (pdf->table_shapes, clear_shape_batch);
  pdf->backgrounds = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify) g_bytes_unref, background_free);
  pdf->back_forms = g_array_new (FALSE, FALSE, sizeof (FormUse));
  g_array_set_clear_func (pdf->back_forms, clear_form_use);
  pdf->forms = g_array_new (FALSE, FALSE, sizeof (FormUse));
  g_array_set_clear_func (pdf->forms, clear_form_use);
  pdf->deferred = g_array_new (FALSE, FALSE, sizeof (DeferredLayout));
  g_array_set_clear_func (pdf->deferred, clear_deferred_layout);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    pdf->component_titles[kind] = mr_component_kind_get_title (kind);
  /* Translators: between the names of components in a list */
  pdf->list_separator = _(", ");
  pdf->running_title = g_strdup (running_title);
  pdf->date = mr_report_format_date (generated_at);
}

static void
pdf_clear (Pdf *pdf)
{
  g_clear_object (&pdf->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&pdf->fonts[i], pango_font_description_free);
  g_clear_pointer (&pdf->shared, g_array_unref);
  g_clear_pointer (&pdf->attributes, pango_attr_list_unref);
  g_clear_pointer (&pdf->batches, g_array_unref);
  g_clear_pointer (&pdf->shapes, g_array_unref);
  g_clear_pointer (&pdf->table_shapes, g_array_unref);
  g_clear_pointer (&pdf->backgrounds, g_hash_table_unref);
  g_clear_pointer (&pdf->back_forms, g_array_unref);
  g_clear_pointer (&pdf->forms, g_array_unref);
  g_clear_pointer (&pdf->deferred, g_array_unref);
  g_clear_pointer (&pdf->running_title, g_free);
  g_clear_pointer (&pdf->date, g_free);
  g_clear_object (&pdf->date_line);
  g_clear_object (&pdf->title_line);
  g_clear_pointer (&pdf->flag_pages, g_hash_table_unref);
}

static PangoLayout *
create_layout (Pdf        *pdf,
               Font        font,
               const char *text,
               double      width,
               double      max_height)
{
  PangoLayout *layout = pango_layout_new (pdf->context);

  pango_layout_set_font_description (layout, pdf->fonts[font]);
  /* WORD_CHAR: a 300-character name without spaces still wraps. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_height (layout, pango_units_from_double (max_height));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_attributes (layout, pdf->attributes);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* A new reference; @shared keeps the layout for the next page that shows
 * the same words in the same place. */
static PangoLayout *
get_layout (Pdf        *pdf,
            Font        font,
            const char *text,
            double      width,
            gboolean    shared)
{
  SharedLayouts *slot = NULL;
  PangoLayout *layout;

  if (!shared || text == NULL)
    return create_layout (pdf, font, text, width, MAX_CELL_HEIGHT);

  /* A handful of columns share words: a short list. */
  for (guint i = 0; slot == NULL && i < pdf->shared->len; i++)
    {
      SharedLayouts *candidate = &g_array_index (pdf->shared, SharedLayouts, i);

      if (candidate->font == font && candidate->width == width)
        slot = candidate;
    }
  if (slot == NULL)
    {
      SharedLayouts new_slot = {
        font, width, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref)
      };

      g_array_append_val (pdf->shared, new_slot);
      slot = &g_array_index (pdf->shared, SharedLayouts, pdf->shared->len - 1);
    }

  layout = g_hash_table_lookup (slot->layouts, text);
  if (layout == NULL)
    {
      /* Words seen once (a name, an id) do not pile up: starting afresh
       * now and then costs only the shaping of the few that repeat. */
      if (g_hash_table_size (slot->layouts) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (slot->layouts);
      layout = create_layout (pdf, font, text, width, MAX_CELL_HEIGHT);
      g_hash_table_insert (slot->layouts, g_strdup (text), layout);
    }
  return g_object_ref (layout);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
set_colour (Pdf          *pdf,
            const Colour *colour)
{
  cairo_set_source_rgb (pdf->cr, colour->red, colour->green, colour->blue);
}

static GArray *
get_glyph_batch (Pdf          *pdf,
                 PangoFont    *font,
                 const Colour *colour)
{
  GlyphBatch batch;

  for (guint i = 0; i < pdf->batches->len; i++)
    {
      GlyphBatch *candidate = &g_array_index (pdf->batches, GlyphBatch, i);

      if (candidate->font == font && candidate->colour == colour)
        return candidate->glyphs;
    }
  batch.font = g_object_ref (font);
  batch.colour = colour;
  batch.glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_array_append_val (pdf->batches, batch);
  return batch.glyphs;
}

/* Draws the page's text: one cairo call for each font and colour. */
static void
flush_glyphs (Pdf *pdf)
{
  for (guint i = 0; i < pdf->batches->len; i++)
    {
      GlyphBatch *batch = &g_array_index (pdf->batches, GlyphBatch, i);
      PangoCairoFont *font = PANGO_CAIRO_FONT (batch->font);

      set_colour (pdf, batch->colour);
      cairo_set_scaled_font (pdf->cr, pango_cairo_font_get_scaled_font (font));
      cairo_show_glyphs (pdf->cr, (cairo_glyph_t *) batch->glyphs->data, batch->glyphs->len);
    }
  g_array_set_size (pdf->batches, 0);
}

/* A layout's glyphs placed from its top left corner, in runs of one font.
 * Worked out once and kept on the layout, so that the words that come back
 * on page after page are not walked again. */
typedef struct {
  GArray          *glyphs;       /* cairo_glyph_t */
  GArray          *runs;         /* GlyphRun */
  guint            n_shown;
  cairo_surface_t *form;         /* the glyphs recorded, in form_colour */
  const Colour    *form_colour;
} PlacedGlyphs;

typedef struct {
  PangoFont *font;  /* the layout's own */
  guint      n_glyphs;
} GlyphRun;

static void
placed_glyphs_free (gpointer data)
{
  PlacedGlyphs *placed = data;

  g_array_unref (placed->glyphs);
  g_array_unref (placed->runs);
  g_clear_pointer (&placed->form, cairo_surface_destroy);
  g_free (placed);
}

/* A glyph the font lacks is drawn by pango as a box with its code, which
 * plain glyphs cannot do. */
static gboolean
has_unknown_glyph (const PangoGlyphString *glyphs)
{
  for (int i = 0; i < glyphs->num_glyphs; i++)
    if ((glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
      return TRUE;
  return FALSE;
}

static void
place_run (PlacedGlyphs   *placed,
           PangoGlyphItem *run,
           double          x,
           double          baseline)
{
  PangoGlyphString *glyphs = run->glyphs;
  GlyphRun glyph_run = { run->item->analysis.font, 0 };

  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      const PangoGlyphInfo *info = &glyphs->glyphs[i];

      if (info->glyph != PANGO_GLYPH_EMPTY)
        {
          cairo_glyph_t glyph = {
            info->glyph,
            x + (double) info->geometry.x_offset / PANGO_SCALE,
            baseline + (double) info->geometry.y_offset / PANGO_SCALE,
          };

          g_array_append_val (placed->glyphs, glyph);
          glyph_run.n_glyphs++;
        }
      x += (double) info->geometry.width / PANGO_SCALE;
    }
  g_array_append_val (placed->runs, glyph_run);
}

/* NULL when a glyph is missing from the fonts. */
static PlacedGlyphs *
place_glyphs (PangoLayout *layout)
{
  PlacedGlyphs *placed = g_new0 (PlacedGlyphs, 1);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  gboolean complete = TRUE;

  placed->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  placed->runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle extents;

      if (run == NULL)
        continue;
      complete = !has_unknown_glyph (run->glyphs);
      if (!complete)
        break;
      pango_layout_iter_get_run_extents (iter, NULL, &extents);
      place_run (placed, run, (double) extents.x / PANGO_SCALE,
                 (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  if (!complete)
    g_clear_pointer (&placed, placed_glyphs_free);
  return placed;
}

static G_DEFINE_QUARK (mr-report-pdf-placed-glyphs, placed_glyphs)

static PlacedGlyphs *
get_placed_glyphs (PangoLayout *layout)
{
  PlacedGlyphs *placed = g_object_get_qdata (G_OBJECT (layout), placed_glyphs_quark ());

  if (placed == NULL && (placed = place_glyphs (layout)) != NULL)
    g_object_set_qdata_full (G_OBJECT (layout), placed_glyphs_quark (), placed,
                             placed_glyphs_free);
  return placed;
}

/* Bounds of a layout's ink and logical extents, in points. */
static cairo_rectangle_t
layout_bounds (PangoLayout *layout)
{
  PangoRectangle ink, logical;
  int left, top, right, bottom;

  pango_layout_get_extents (layout, &ink, &logical);
  left = MIN (ink.x, logical.x);
  top = MIN (ink.y, logical.y);
  right = MAX (ink.x + ink.width, logical.x + logical.width);
  bottom = MAX (ink.y + ink.height, logical.y + logical.height);
  return (cairo_rectangle_t) {
    (double) left / PANGO_SCALE, (double) top / PANGO_SCALE,
    (double) (right - left) / PANGO_SCALE, (double) (bottom - top) / PANGO_SCALE,
  };
}

/* The layout's glyphs drawn once on a recording surface, which the PDF
 * surface writes as a form (an XObject) that each page only names. */
static cairo_surface_t *
record_form (PangoLayout        *layout,
             const PlacedGlyphs *placed,
             const Colour       *colour)
{
  cairo_rectangle_t bounds = layout_bounds (layout);
  cairo_surface_t *form = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &bounds);
  cairo_t *cr = cairo_create (form);
  guint start = 0;

  cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
  for (guint i = 0; i < placed->runs->len; i++)
    {
      const GlyphRun *run = &g_array_index (placed->runs, GlyphRun, i);

      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->font)));
      cairo_show_glyphs (cr, &g_array_index (placed->glyphs, cairo_glyph_t, start), run->n_glyphs);
      start += run->n_glyphs;
    }
  cairo_destroy (cr);
  return form;
}

/* cairo writes each glyph of a page anew, and that was most of the time;
 * a form costs about as much to name as forty glyphs cost to write. */
#define FORM_MIN_GLYPHS 48

/* Whether to name a form rather than write the glyphs: for a long text
 * shown twice before (so a text that comes back from model to model, not
 * a name on the pages of its own section), in the colour its form was
 * recorded in. */
static gboolean
use_form (PangoLayout  *layout,
          PlacedGlyphs *placed,
          const Colour *colour)
{
  if (placed->n_shown++ < 2 || placed->glyphs->len < FORM_MIN_GLYPHS)
    return FALSE;
  if (placed->form == NULL)
    {
      placed->form = record_form (layout, placed, colour);
      placed->form_colour = colour;
    }
  return placed->form_colour == colour;
}

static void
show_layout (Pdf          *pdf,
             PangoLayout  *layout,
             double        x,
             double        y,
             const Colour *colour)
{
  PlacedGlyphs *placed;
  guint start = 0;

  if (pdf->cr == NULL)
    return;
  placed = get_placed_glyphs (layout);
  if (placed == NULL)
    {
      DeferredLayout deferred = { g_object_ref (layout), x, y, colour };

      g_array_append_val (pdf->deferred, deferred);
      return;
    }
  if (use_form (layout, placed, colour))
    {
      FormUse use = { cairo_surface_reference (placed->form), x, y };

      g_array_append_val (pdf->forms, use);
      return;
    }
  for (guint i = 0; i < placed->runs->len; i++)
    {
      const GlyphRun *run = &g_array_index (placed->runs, GlyphRun, i);
      GArray *batch = get_glyph_batch (pdf, run->font, colour);
      guint first = batch->len;

      g_array_append_vals (batch, &g_array_index (placed->glyphs, cairo_glyph_t, start),
                           run->n_glyphs);
      for (guint j = first; j < batch->len; j++)
        {
          cairo_glyph_t *glyph = &g_array_index (batch, cairo_glyph_t, j);

          glyph->x += x;
          glyph->y += y;
        }
      start += run->n_glyphs;
    }
}

/* Like the text, a page's fills and rules are drawn when it is done, a
 * path for each colour; row by row they were a sixth of the time. */
static void
queue_box (GArray       *shapes,
           const Colour *colour,
           gboolean      rule,
           double        x,
           double        y,
           double        width,
           double        height)
{
  cairo_rectangle_t box = { x, y, width, height };
  ShapeBatch batch = { colour, rule, NULL };

  for (guint i = 0; i < shapes->len; i++)
    {
      ShapeBatch *candidate = &g_array_index (shapes, ShapeBatch, i);

      if (candidate->colour == colour && candidate->rules == rule)
        {
          g_array_append_val (candidate->boxes, box);
          return;
        }
    }
  batch.boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  g_array_append_val (batch.boxes, box);
  g_array_append_val (shapes, batch);
}

static void
draw_rule (Pdf          *pdf,
           double        y,
           const Colour *colour)
{
  queue_box (pdf->shapes, colour, TRUE, MARGIN, y, BODY_WIDTH, 0);
}

/* A row's background or the rule under it. */
static void
queue_table_box (Pdf          *pdf,
                 const Colour *colour,
                 gboolean      rule,
                 double        y,
                 double        height)
{
  if (pdf->table_shapes->len == 0)
    pdf->table_top = y;
  queue_box (pdf->table_shapes, colour, rule, MARGIN, y, BODY_WIDTH, height);
}

/* Rules after fills, so that a row's background does not cover the rule
 * above it. */
static void
draw_shapes (cairo_t *cr,
             GArray  *shapes,
             gboolean rules)
{
  for (guint i = 0; i < shapes->len; i++)
    {
      const ShapeBatch *batch = &g_array_index (shapes, ShapeBatch, i);

      if (batch->rules != rules)
        continue;
      cairo_set_source_rgb (cr, batch->colour->red, batch->colour->green, batch->colour->blue);
      for (guint j = 0; j < batch->boxes->len; j++)
        {
          const cairo_rectangle_t *box = &g_array_index (batch->boxes, cairo_rectangle_t, j);

          if (rules)
            {
              cairo_move_to (cr, box->x, box->y);
              cairo_line_to (cr, box->x + box->width, box->y);
            }
          else
            cairo_rectangle (cr, box->x, box->y, box->width, box->height);
        }
      if (rules)
        {
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
}

static gint32
thousandths (double points)
{
  return (gint32) (points * 1000 + (points < 0 ? -0.5 : 0.5));
}

/* The shapes from @top down, in thousandths of a point: the same rows
 * anywhere on a page give the same key. */
static GBytes *
background_key (GArray *shapes,
                double  top)
{
  GByteArray *key = g_byte_array_new ();

  for (guint i = 0; i < shapes->len; i++)
    {
      const ShapeBatch *batch = &g_array_index (shapes, ShapeBatch, i);

      gsize head[] = { GPOINTER_TO_SIZE (batch->colour), batch->rules, batch->boxes->len };

      g_byte_array_append (key, (const guint8 *) head, sizeof head);
      for (guint j = 0; j < batch->boxes->len; j++)
        {
          const cairo_rectangle_t *box = &g_array_index (batch->boxes, cairo_rectangle_t, j);
          gint32 place[] = {
            thousandths (box->x), thousandths (box->y - top),
            thousandths (box->width), thousandths (box->height),
          };

          g_byte_array_append (key, (const guint8 *) place, sizeof place);
        }
    }
  return g_byte_array_free_to_bytes (key);
}

static cairo_surface_t *
record_background (GArray *shapes,
                   double  top)
{
  /* A table's rows on a page: at most the page's body, and a rule's width. */
  cairo_rectangle_t bounds = { 0, -1, PAGE_WIDTH, BODY_BOTTOM - BODY_TOP + 2 };
  cairo_surface_t *form = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &bounds);
  cairo_t *cr = cairo_create (form);

  cairo_translate (cr, 0, -top);
  draw_shapes (cr, shapes, FALSE);
  draw_shapes (cr, shapes, TRUE);
  cairo_destroy (cr);
  return form;
}

/* A table's fills and rules on a page come back with its rows: the fields
 * of one model have the rows of the next.  Like a long text, those seen
 * twice before are drawn from a form, which the page only names. */
static void
end_table_shapes (Pdf *pdf)
{
  g_autoptr(GBytes) key = NULL;
  Background *background;

  if (pdf->table_shapes->len == 0)
    return;
  key = background_key (pdf->table_shapes, pdf->table_top);
  background = g_hash_table_lookup (pdf->backgrounds, key);
  if (background == NULL)
    {
      if (g_hash_table_size (pdf->backgrounds) >= MAX_BACKGROUNDS)
        g_hash_table_remove_all (pdf->backgrounds);
      background = g_new0 (Background, 1);
      g_hash_table_insert (pdf->backgrounds, g_steal_pointer (&key), background);
    }
  if (background->n_seen++ < 2)
    for (guint i = 0; i < pdf->table_shapes->len; i++)
      {
        const ShapeBatch *batch = &g_array_index (pdf->table_shapes, ShapeBatch, i);

        for (guint j = 0; j < batch->boxes->len; j++)
          {
            const cairo_rectangle_t *box = &g_array_index (batch->boxes, cairo_rectangle_t, j);

            queue_box (pdf->shapes, batch->colour, batch->rules, box->x, box->y, box->width,
                       box->height);
          }
      }
  else
    {
      FormUse use;

      if (background->form == NULL)
        background->form = record_background (pdf->table_shapes, pdf->table_top);
      use = (FormUse) { cairo_surface_reference (background->form), 0, pdf->table_top };
      g_array_append_val (pdf->back_forms, use);
    }
  g_array_set_size (pdf->table_shapes, 0);
}

static void
paint_forms (Pdf    *pdf,
             GArray *forms)
{
  for (guint i = 0; i < forms->len; i++)
    {
      const FormUse *use = &g_array_index (forms, FormUse, i);

      cairo_set_source_surface (pdf->cr, use->form, use->x, use->y);
      cairo_paint (pdf->cr);
    }
  g_array_set_size (forms, 0);
}

static void
flush_page (Pdf *pdf)
{
  end_table_shapes (pdf);
  draw_shapes (pdf->cr, pdf->shapes, FALSE);
  draw_shapes (pdf->cr, pdf->shapes, TRUE);
  g_array_set_size (pdf->shapes, 0);
  paint_forms (pdf, pdf->back_forms);
  flush_glyphs (pdf);
  paint_forms (pdf, pdf->forms);
  for (guint i = 0; i < pdf->deferred->len; i++)
    {
      const DeferredLayout *deferred = &g_array_index (pdf->deferred, DeferredLayout, i);

      set_colour (pdf, deferred->colour);
      cairo_move_to (pdf->cr, deferred->x, deferred->y);
      pango_cairo_show_layout (pdf->cr, deferred->layout);
    }
  g_array_set_size (pdf->deferred, 0);
}

/* One line of text in a box, ellipsized when longer. */
static PangoLayout *
create_line (Pdf            *pdf,
             const char     *text,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = create_layout (pdf, FONT_SMALL, text, width, 0);

  pango_layout_set_alignment (layout, alignment);
  return layout;
}

/* The running header changes only with the section, so it is laid out
 * once for all the pages of a section. */
static PangoLayout *
get_title_line (Pdf *pdf)
{
  g_autofree char *title = NULL;

  if (pdf->title_line != NULL && g_strcmp0 (pdf->title_section, pdf->section) == 0)
    return pdf->title_line;
  g_clear_object (&pdf->title_line);
  /* Each page of a model's section says whose it is. */
  if (pdf->section != NULL)
    title = g_strdup_printf ("%s · %s", pdf->running_title, pdf->section);
  pdf->title_line = create_line (pdf, title != NULL ? title : pdf->running_title,
                                 BODY_WIDTH * 0.75, PANGO_ALIGN_LEFT);
  pdf->title_section = pdf->section;
  return pdf->title_line;
}

static void
draw_page_frame (Pdf *pdf)
{
  g_autofree char *page = NULL;
  g_autoptr(PangoLayout) footer = NULL;

  if (pdf->cr == NULL)
    return;
  /* The cover has no running header: it says the same things larger. */
  if (pdf->page > 1)
    {
      if (pdf->date_line == NULL)
        pdf->date_line = create_line (pdf, pdf->date, BODY_WIDTH * 0.25, PANGO_ALIGN_RIGHT);
      show_layout (pdf, get_title_line (pdf), MARGIN, HEADER_TOP, &muted_colour);
      show_layout (pdf, pdf->date_line, MARGIN + BODY_WIDTH * 0.75, HEADER_TOP, &muted_colour);
      draw_rule (pdf, HEADER_TOP + 14.0, &rule_colour);
    }
  page = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  footer = create_line (pdf, page, BODY_WIDTH, PANGO_ALIGN_CENTER);
  show_layout (pdf, footer, MARGIN, FOOTER_TOP, &muted_colour);
}

static void
begin_page (Pdf *pdf)
{
  pdf->page++;
  pdf->y = BODY_TOP;
  draw_page_frame (pdf);
}

static void
new_page (Pdf *pdf)
{
  if (pdf->cr != NULL)
    {
      flush_page (pdf);
      cairo_show_page (pdf->cr);
    }
  begin_page (pdf);
}

static void
end_document (Pdf *pdf)
{
  if (pdf->cr != NULL)
    {
      flush_page (pdf);
      cairo_show_page (pdf->cr);
    }
}

/* Breaks the page unless @height still fits under the cursor. */
static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > BODY_BOTTOM)
    new_page (pdf);
}

/* @shared: the same words come back on other pages (subheadings, notes,
 * explanations), so their shaping is kept. */
static void
add_text (Pdf          *pdf,
          Font          font,
          const char   *text,
          gboolean      shared,
          const Colour *colour,
          double        space_after,
          double        keep_with_next)
{
  g_autoptr(PangoLayout) layout = get_layout (pdf, font, text, BODY_WIDTH, shared);
  double height = layout_height (layout);

  ensure_space (pdf, height + keep_with_next);
  show_layout (pdf, layout, MARGIN, pdf->y, colour);
  pdf->y += height + space_after;
}

/* Headings keep at least a few lines of what follows on their page. */
static void
add_heading (Pdf        *pdf,
             Font        font,
             const char *text)
{
  pdf->y += font == FONT_HEADING ? 4.0 : 8.0;
  add_text (pdf, font, text, font == FONT_SUBHEADING, &accent_colour, 6.0, 48.0);
}

static void
add_paragraph (Pdf        *pdf,
               const char *text)
{
  add_text (pdf, FONT_BODY, text, TRUE, &text_colour, 4.0, 0.0);
}

static void
add_note (Pdf        *pdf,
          const char *text)
{
  add_text (pdf, FONT_BODY, text, TRUE, &muted_colour, 4.0, 0.0);
}

static double
column_width (const Table *table,
              guint        column)
{
  return table->widths[column] * BODY_WIDTH;
}

/* Measures a row (header or not), breaks the page when it does not fit,
 * then draws it.  Returns FALSE when the row broke the page. */
static gboolean
place_row (Pdf                *pdf,
           Table              *table,
           const char * const *cells,
           gboolean            header,
           const Colour       *emphasis)
{
  PangoLayout *layouts[MAX_COLUMNS];
  double height = 0, x = MARGIN;
  gboolean fits;

  for (guint i = 0; i < table->n_columns; i++)
    {
      gboolean shared = header || (table->shared_columns & (1u << i)) != 0;

      layouts[i] = get_layout (pdf, header ? FONT_BOLD : FONT_BODY, cells[i],
                               column_width (table, i) - 2 * CELL_PADDING, shared);
      height = MAX (height, layout_height (layouts[i]));
    }
  height += 2 * CELL_PADDING;

  fits = pdf->y + height <= BODY_BOTTOM;
  if (fits)
    {
      if (pdf->cr != NULL && (header || table->row % 2 == 1))
        queue_table_box (pdf, header ? &header_fill : &stripe_fill, FALSE, pdf->y, height);
      for (guint i = 0; i < table->n_columns; i++)
        {
          const Colour *colour = (int) i == table->emphasis_column && emphasis != NULL
                                 ? emphasis : &text_colour;

          show_layout (pdf, layouts[i], x + CELL_PADDING, pdf->y + CELL_PADDING, colour);
          x += column_width (table, i);
        }
      pdf->y += height;
      if (pdf->cr != NULL)
        queue_table_box (pdf, &rule_colour, TRUE, pdf->y, 0);
    }
  for (guint i = 0; i < table->n_columns; i++)
    g_object_unref (layouts[i]);
  return fits;
}

static void
table_begin (Pdf   *pdf,
             Table *table)
{
  table->row = 0;
  end_table_shapes (pdf);
  /* A header alone at the bottom of a page helps nobody. */
  ensure_space (pdf, 40.0);
  place_row (pdf, table, table->headers, TRUE, NULL);
}

static void
table_add_row (Pdf                *pdf,
               Table              *table,
               const char * const *cells,
               const Colour       *emphasis)
{
  if (!place_row (pdf, table, cells, FALSE, emphasis))
    {
      new_page (pdf);
      place_row (pdf, table, table->headers, TRUE, NULL);
      place_row (pdf, table, cells, FALSE, emphasis);
    }
  table->row++;
}

static void
table_end (Pdf *pdf)
{
  end_table_shapes (pdf);
  pdf->y += 8.0;
}

static const Colour *
severity_colour (MrFlagSeverity severity)
{
  return severity == MR_FLAG_SEVERITY_BLOCKING ? &blocking_colour : &warning_colour;
}

/* The governance report */

static void
add_cover (Pdf                *pdf,
           const MrReportData *data)
{
  g_autofree char *period = mr_report_data_dup_period (data);
  g_autofree char *models = g_strdup_printf ("%u", data->n_models);
  g_autofree char *model_pages = mr_report_data_dup_model_pages (data);
  Table table = {
    .n_columns = 2,
    .widths = { 0.3, 0.7 },
    .headers = { _("Report"), _("Details") },
    .emphasis_column = -1,
  };

  pdf->y = 200.0;
  add_text (pdf, FONT_TITLE, _("Governance report"), FALSE, &accent_colour, 12.0, 0.0);
  if (data->organisation != NULL)
    add_text (pdf, FONT_HEADING, data->organisation, FALSE, &text_colour, 24.0, 0.0);
  table_begin (pdf, &table);
  table_add_row (pdf, &table, (const char *[]) { _("Date"), pdf->date }, NULL);
  table_add_row (pdf, &table, (const char *[]) { _("Period"), period }, NULL);
  table_add_row (pdf, &table, (const char *[]) { _("Framework"), data->framework_name }, NULL);
  table_add_row (pdf, &table, (const char *[]) {
    _("Framework version"),
    data->framework_version != NULL ? data->framework_version : _("Not recorded") }, NULL);
  table_add_row (pdf, &table, (const char *[]) { _("Models in the register"), models }, NULL);
  table_add_row (pdf, &table, (const char *[]) { _("Models described"), model_pages }, NULL);
}

static void
add_count_table (Pdf        *pdf,
                 const char *title,
                 const char *labels[],
                 const guint counts[],
                 guint       n)
{
  Table table = {
    .n_columns = 2,
    .widths = { 0.75, 0.25 },
    .headers = { title, _("Models") },
    .shared_columns = 0x3,
    .emphasis_column = -1,
  };

  table_begin (pdf, &table);
  for (guint i = 0; i < n; i++)
    {
      char count[16];

      g_snprintf (count, sizeof count, "%u", counts[i]);
      table_add_row (pdf, &table, (const char *[]) { labels[i], count }, NULL);
    }
  table_end (pdf);
}

static void
add_summary (Pdf                *pdf,
             const MrReportData *data)
{
  const char *labels[MAX (MR_REPORT_N_STATUSES, MR_REPORT_N_TIERS + 1)];
  guint counts[G_N_ELEMENTS (labels)];

  new_page (pdf);
  add_heading (pdf, FONT_HEADING, _("Summary"));

  for (guint i = 0; i < MR_REPORT_N_STATUSES; i++)
    labels[i] = mr_status_get_title (i);
  add_count_table (pdf, _("Status"), labels, data->by_status, MR_REPORT_N_STATUSES);

  for (guint i = 0; i < MR_REPORT_N_OPENNESS; i++)
    labels[i] = mr_openness_get_title (i);
  add_count_table (pdf, _("Openness level"), labels, data->by_openness, MR_REPORT_N_OPENNESS);

  for (guint i = 0; i < MR_REPORT_N_TIERS; i++)
    {
      labels[i] = mr_risk_tier_get_title (i);
      counts[i] = data->by_tier[i];
    }
  labels[MR_REPORT_N_TIERS] = _("No intended use recorded");
  counts[MR_REPORT_N_TIERS] = data->n_without_use;
  add_count_table (pdf, _("Risk tier (highest intended use)"), labels, counts,
                   MR_REPORT_N_TIERS + 1);

  labels[0] = _("Blocking");
  counts[0] = data->n_blocking;
  labels[1] = _("Warnings only");
  counts[1] = data->n_warning;
  labels[2] = _("Not flagged");
  counts[2] = data->n_models - data->n_blocking - data->n_warning;
  labels[3] = _("All models");
  counts[3] = data->n_models;
  add_count_table (pdf, _("Flags"), labels, counts, 4);
}

static void
add_flags (Pdf                *pdf,
           const MrReportData *data)
{
  Table table = {
    .n_columns = 5,
    .widths = { 0.20, 0.10, 0.14, 0.30, 0.26 },
    .headers = { _("Model"), _("Severity"), _("Intended use"), _("Reason"), _("Remedy") },
    /* A model's name comes back on each of its flags. */
    .shared_columns = 0x1f,
    .emphasis_column = 1,
  };

  new_page (pdf);
  add_heading (pdf, FONT_HEADING, _("Blocking flags and warnings"));
  if (data->flags->len == 0)
    {
      add_note (pdf, _("No model is flagged"));
      return;
    }
  table_begin (pdf, &table);
  for (guint i = 0; i < data->flags->len; i++)
    {
      const MrReportFlag *flag = g_ptr_array_index (data->flags, i);

      table_add_row (pdf, &table, (const char *[]) {
        flag->model_name, mr_flag_severity_get_title (flag->severity), flag->use,
        flag->reason, flag->remedy }, severity_colour (flag->severity));
      g_hash_table_insert (pdf->flag_pages, (gpointer) flag, GUINT_TO_POINTER (pdf->page));
    }
  table_end (pdf);
}

static void
add_decision_row (Pdf                    *pdf,
                  Table                  *table,
                  const MrReportDecision *decision,
                  const char             *second_column)
{
  g_autofree char *date = mr_report_format_date (decision->decided_at);
  g_autofree char *title = mr_report_decision_dup_title (decision);
  g_autofree char *comment = NULL;

  if (decision->conditions != NULL)
    /* Translators: a decision's comment, then the conditions attached to it */
    comment = g_strdup_printf (_("%s\nConditions: %s"),
                               decision->comment != NULL ? decision->comment : "",
                               decision->conditions);
  else
    comment = g_strdup (decision->comment);

  table_add_row (pdf, table, (const char *[]) {
    date, second_column, title, decision->actor, comment,
    decision->framework_version != NULL ? decision->framework_version : "—" }, NULL);
}

static void
add_decisions (Pdf                *pdf,
               const MrReportData *data)
{
  g_autofree char *period = mr_report_data_dup_period (data);
  Table table = {
    .n_columns = 6,
    .widths = { 0.12, 0.20, 0.16, 0.12, 0.28, 0.12 },
    .headers = { _("Date"), _("Model"), _("Decision"), _("By"), _("Comment"),
                 _("Framework version") },
    .emphasis_column = -1,
  };

  add_heading (pdf, FONT_HEADING, _("Decisions"));
  add_paragraph (pdf, period);
  if (data->decisions->len == 0)
    {
      add_note (pdf, _("No decisions in this period"));
      return;
    }
  table_begin (pdf, &table);
  for (guint i = 0; i < data->decisions->len; i++)
    {
      const MrReportDecision *decision = &g_array_index (data->decisions, MrReportDecision, i);
      const MrReportModel *model = mr_report_data_find_model (data, decision->model_id);
      g_autofree char *unknown = g_strdup_printf (_("Model %" PRId64 " (not in the register)"),
                                                  decision->model_id);

      add_decision_row (pdf, &table, decision, model != NULL ? model->record->name : unknown);
    }
  table_end (pdf);
}

static void
add_model_fields (Pdf                 *pdf,
                  const MrReportModel *model)
{
  g_autoptr(GArray) fields = mr_report_model_dup_fields (model);
  g_autofree char *mof = mr_report_model_dup_mof_summary (model);
  Table table = {
    .n_columns = 2,
    .widths = { 0.22, 0.78 },
    .headers = { _("Field"), _("Value") },
    /* Most values repeat too: "—", a status, a provider, a date. */
    .shared_columns = 0x3,
    .emphasis_column = -1,
  };

  table_begin (pdf, &table);
  for (guint i = 0; i < fields->len; i++)
    {
      const MrReportField *field = &g_array_index (fields, MrReportField, i);

      table_add_row (pdf, &table, (const char *[]) { field->label, field->value }, NULL);
    }
  table_end (pdf);
  add_heading (pdf, FONT_SUBHEADING, _("Openness"));
  add_paragraph (pdf, model->openness_explanation);
  add_paragraph (pdf, mof);
}

/* Present or mentioned, or counted by MOF: the component gets a row.  The
 * others have nothing to show but their availability. */
static gboolean
component_in_evidence (const MrReportModel *model,
                       MrComponentKind      kind)
{
  MrAvailability availability = model->record->components[kind].availability;

  return availability == MR_AVAILABILITY_PRESENT || availability == MR_AVAILABILITY_MENTIONED ||
         model->mof.status[kind] != MR_MOF_STATUS_MISSING;
}

static void
append_component (Pdf             *pdf,
                  GString         *names,
                  MrComponentKind  kind)
{
  if (names->len > 0)
    g_string_append (names, pdf->list_separator);
  g_string_append (names, pdf->component_titles[kind]);
}

/* Components not in evidence are named in one line per availability
 * rather than a row each: the rows would only repeat "Absent … Missing",
 * and with 17 components a model they were most of the report. */
static void
add_missing_components (Pdf                 *pdf,
                        const MrReportModel *model,
                        MrAvailability       availability)
{
  const char *missing = mr_report_mof_status_get_title (MR_MOF_STATUS_MISSING);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *line = NULL;

  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    if (!component_in_evidence (model, kind) &&
        model->record->components[kind].availability == availability)
      append_component (pdf, names, kind);
  if (names->len == 0)
    return;
  /* Translators: an availability ("Absent"), the MOF status of those
   * components ("Missing"), then the list of their names */
  line = g_strdup_printf (_("%s (MOF: %s): %s"), mr_availability_get_title (availability),
                          missing, names->str);
  /* The same few lists come back for model after model. */
  add_text (pdf, FONT_BODY, line, TRUE, &text_colour, 4.0, 0.0);
}

/* Components in evidence that agree on availability, licence and MOF
 * status share a row: a fully open model is one row, not seventeen. */
static void
add_component_rows (Pdf                 *pdf,
                    Table               *table,
                    const MrReportModel *model)
{
  guint32 done = 0;

  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      MrAvailability availability = model->record->components[kind].availability;
      const char *license = mr_report_model_get_component_license (model, kind);
      MrMofStatus status = model->mof.status[kind];
      g_autoptr(GString) names = NULL;

      if ((done & (1u << kind)) != 0 || !component_in_evidence (model, kind))
        continue;
      names = g_string_new (NULL);
      append_component (pdf, names, kind);
      for (guint other = kind + 1; other < MR_N_COMPONENTS; other++)
        if (component_in_evidence (model, other) &&
            model->record->components[other].availability == availability &&
            model->mof.status[other] == status &&
            g_strcmp0 (mr_report_model_get_component_license (model, other), license) == 0)
          {
            append_component (pdf, names, other);
            done |= 1u << other;
          }
      if (table->row == 0)
        table_begin (pdf, table);
      table_add_row (pdf, table, (const char *[]) {
        names->str, mr_availability_get_title (availability), license,
        mr_report_mof_status_get_title (status) }, NULL);
    }
}

static void
add_model_components (Pdf                 *pdf,
                      const MrReportModel *model)
{
  Table table = {
    .n_columns = 4,
    .widths = { 0.40, 0.14, 0.28, 0.18 },
    .headers = { _("Components"), _("Availability"), _("Licence"), _("MOF") },
    .shared_columns = 0xf,
    .emphasis_column = -1,
  };

  add_heading (pdf, FONT_SUBHEADING, _("Components"));
  add_component_rows (pdf, &table, model);
  if (table.row > 0)
    table_end (pdf);
  add_missing_components (pdf, model, MR_AVAILABILITY_ABSENT);
  add_missing_components (pdf, model, MR_AVAILABILITY_UNKNOWN);
}

/* Each flag by severity and use, with the page of the flag table that
 * gives its reason and remedy: printing those again in every section
 * cost some 800 pages in a register of 10,000 models. */
static void
add_model_flags (Pdf                 *pdf,
                 const MrReportModel *model)
{
  Table table = {
    .n_columns = 3,
    .widths = { 0.14, 0.40, 0.46 },
    .headers = { _("Severity"), _("Intended use"), _("Reason and remedy") },
    .shared_columns = 0x7,
    .emphasis_column = 0,
  };

  add_heading (pdf, FONT_SUBHEADING, _("Flags"));
  if (model->flags->len == 0)
    {
      add_note (pdf, _("No flags"));
      return;
    }
  table_begin (pdf, &table);
  for (guint i = 0; i < model->flags->len; i++)
    {
      const MrReportFlag *flag = &g_array_index (model->flags, MrReportFlag, i);
      guint page = GPOINTER_TO_UINT (g_hash_table_lookup (pdf->flag_pages, flag));
      /* Translators: where the flag table gives a flag's reason and remedy */
      g_autofree char *where = g_strdup_printf (_("See page %u"), page);

      table_add_row (pdf, &table, (const char *[]) {
        mr_flag_severity_get_title (flag->severity), flag->use, where },
        severity_colour (flag->severity));
    }
  table_end (pdf);
}

static void
add_model_checks (Pdf                 *pdf,
                  const MrReportModel *model)
{
  Table table = {
    .n_columns = 4,
    .widths = { 0.14, 0.22, 0.14, 0.50 },
    .headers = { _("Date"), _("Check"), _("Outcome"), _("Summary") },
    .shared_columns = 0x7,
    .emphasis_column = -1,
  };

  add_heading (pdf, FONT_SUBHEADING, _("Checks"));
  if (model->checks->len == 0)
    {
      add_note (pdf, _("No checks recorded"));
      return;
    }
  table_begin (pdf, &table);
  for (guint i = 0; i < model->checks->len; i++)
    {
      const MrReportCheck *check = &g_array_index (model->checks, MrReportCheck, i);
      g_autofree char *date = mr_report_format_date (check->checked_at);

      table_add_row (pdf, &table, (const char *[]) {
        date, check->kind, check->outcome, check->summary }, NULL);
    }
  table_end (pdf);
}

static void
add_model_history (Pdf                 *pdf,
                   const MrReportModel *model)
{
  Table table = {
    .n_columns = 6,
    .widths = { 0.12, 0.10, 0.18, 0.14, 0.32, 0.14 },
    .headers = { _("Date"), _("Revision"), _("Decision"), _("By"), _("Comment"),
                 _("Framework version") },
    .emphasis_column = -1,
  };

  add_heading (pdf, FONT_SUBHEADING, _("Approval history"));
  if (model->decisions->len == 0)
    {
      add_note (pdf, _("No decisions recorded"));
      return;
    }
  table_begin (pdf, &table);
  for (guint i = 0; i < model->decisions->len; i++)
    {
      const MrReportDecision *decision = &g_array_index (model->decisions, MrReportDecision, i);
      char revision[16];

      g_snprintf (revision, sizeof revision, "%u", decision->model_revision);
      add_decision_row (pdf, &table, decision, revision);
    }
  table_end (pdf);
}

/* What a model's heading keeps with it on its page: the fields table's
 * header and first rows. */
#define SECTION_KEEP 72.0

/* Sections follow one another, so a short entry does not cost a page; the
 * first one starts a page of its own after the decisions. */
static void
add_model (Pdf                 *pdf,
           const MrReportModel *model,
           gboolean             first)
{
  g_autoptr(PangoLayout) heading = get_layout (pdf, FONT_HEADING, model->record->name,
                                               BODY_WIDTH, FALSE);
  double height = layout_height (heading);

  if (first || pdf->y + SECTION_GAP + height + SECTION_KEEP > BODY_BOTTOM)
    {
      /* The running header names the model from its first page on. */
      pdf->section = model->record->name;
      new_page (pdf);
    }
  else
    {
      pdf->y += SECTION_GAP / 2;
      if (pdf->cr != NULL)
        draw_rule (pdf, pdf->y, &accent_colour);
      pdf->y += SECTION_GAP / 2;
      pdf->section = model->record->name;
    }
  show_layout (pdf, heading, MARGIN, pdf->y, &accent_colour);
  pdf->y += height + 6.0;
  add_model_fields (pdf, model);
  add_model_components (pdf, model);
  add_model_flags (pdf, model);
  add_model_checks (pdf, model);
  add_model_history (pdf, model);
}

typedef struct {
  MrProgressFunc func;
  gpointer       data;
  double         start;
  double         span;
} Progress;

static gboolean
lay_out_governance (Pdf            *pdf,
                    gconstpointer   report,
                    const Progress *progress,
                    GCancellable   *cancellable,
                    GError        **error)
{
  const MrReportData *data = report;
  guint n_models = data->models->len;
  gboolean first = TRUE;

  pdf->section = NULL;
  g_clear_pointer (&pdf->flag_pages, g_hash_table_unref);
  pdf->flag_pages = g_hash_table_new (NULL, NULL);
  begin_page (pdf);
  add_cover (pdf, data);
  add_summary (pdf, data);
  add_flags (pdf, data);
  add_decisions (pdf, data);
  for (guint i = 0; i < n_models; i++)
    {
      const MrReportModel *model = g_ptr_array_index (data->models, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (model->has_page)
        {
          add_model (pdf, model, first);
          first = FALSE;
        }
      if (progress->func != NULL && i % 64 == 63)
        progress->func (progress->start + progress->span * (i + 1) / n_models, progress->data);
    }
  end_document (pdf);
  return TRUE;
}

/* The factsheet */

static gboolean
lay_out_factsheet (Pdf            *pdf,
                   gconstpointer   report,
                   const Progress *progress,
                   GCancellable   *cancellable,
                   GError        **error)
{
  const MrFactsheet *factsheet = report;
  Table table = {
    .n_columns = 3,
    .widths = { 0.26, 0.52, 0.22 },
    .headers = { _("Field"), _("Value"), _("Reference") },
    .shared_columns = 0x5,
    .emphasis_column = -1,
  };

  begin_page (pdf);
  add_text (pdf, FONT_HEADING, factsheet->record->name, FALSE, &accent_colour, 6.0, 0.0);
  add_paragraph (pdf, _("Model factsheet (EU AI Act Annexes XI and XII)"));
  if (factsheet->organisation != NULL)
    add_paragraph (pdf, factsheet->organisation);
  add_note (pdf, pdf->date);
  pdf->y += 8.0;
  table_begin (pdf, &table);
  for (guint i = 0; i < factsheet->fields->len; i++)
    {
      const MrFactsheetField *field = &g_array_index (factsheet->fields, MrFactsheetField, i);

      table_add_row (pdf, &table, (const char *[]) {
        field->label, mr_factsheet_field_get_display_value (field),
        mr_factsheet_field_get_display_reference (field) },
        field->value != NULL ? NULL : &muted_colour);
    }
  end_document (pdf);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Writing */

typedef gboolean (*LayOutFunc) (Pdf            *pdf,
                                gconstpointer   report,
                                const Progress *progress,
                                GCancellable   *cancellable,
                                GError        **error);

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *sink = closure;

  if (sink->error != NULL ||
      !g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
finish_surface (cairo_surface_t *surface,
                StreamClosure   *sink,
                GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_pdf (const char     *title,
           gint64          generated_at,
           LayOutFunc      lay_out,
           gconstpointer   report,
           GOutputStream  *stream,
           MrProgressFunc  progress_func,
           gpointer        progress_data,
           GCancellable   *cancellable,
           guint          *out_n_pages,
           GError        **error)
{
  StreamClosure sink = { stream, cancellable, NULL };
  Progress counting = { progress_func, progress_data, 0.0, 0.3 };
  Progress drawing = { progress_func, progress_data, 0.3, 0.7 };
  cairo_surface_t *surface;
  gboolean ok;
  Pdf pdf;

  pdf_init (&pdf, title, generated_at);
  ok = lay_out (&pdf, report, &counting, cancellable, error);
  if (!ok)
    {
      pdf_clear (&pdf);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Model Register");
  pdf.n_pages = pdf.page;
  pdf.page = 0;
  pdf.cr = cairo_create (surface);
  ok = lay_out (&pdf, report, &drawing, cancellable, error);
  g_clear_pointer (&pdf.cr, cairo_destroy);
  if (!ok)
    g_clear_error (&sink.error);
  ok = finish_surface (surface, &sink, ok ? error : NULL) && ok;
  cairo_surface_destroy (surface);

  if (ok && out_n_pages != NULL)
    *out_n_pages = pdf.n_pages;
  pdf_clear (&pdf);
  return ok;
}

gboolean
mr_report_pdf_write_governance (const MrReportData *data,
                                GOutputStream      *stream,
                                MrProgressFunc      progress,
                                gpointer            progress_data,
                                GCancellable       *cancellable,
                                guint              *out_n_pages,
                                GError            **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (data->organisation != NULL)
    /* Translators: the running header of the report's pages */
    title = g_strdup_printf (_("Governance report — %s"), data->organisation);
  else
    title = g_strdup (_("Governance report"));
  return write_pdf (title, data->generated_at, lay_out_governance, data, stream,
                    progress, progress_data, cancellable, out_n_pages, error);
}

gboolean
mr_report_pdf_write_factsheet (const MrFactsheet *factsheet,
                               GOutputStream     *stream,
                               GCancellable      *cancellable,
                               guint             *out_n_pages,
                               GError           **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (factsheet != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* Translators: the running header of a factsheet's pages */
  title = g_strdup_printf (_("Model factsheet — %s"), factsheet->record->name);
  return write_pdf (title, factsheet->generated_at, lay_out_factsheet, factsheet, stream,
                    NULL, NULL, cancellable, out_n_pages, error);
}
