/* mr-icon-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-icon-cell"

#include "config.h"

#include "mr-icon-cell.h"

#define ICON_SIZE 16
#define SPACING 6

struct _MrIconCell
{
  GtkWidget   parent_instance;

  GtkWidget  *text;        /* GtkInscription */
  const char *icon_name;   /* interned */
};

G_DEFINE_FINAL_TYPE (MrIconCell, mr_icon_cell, GTK_TYPE_WIDGET)

static void
mr_icon_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MrIconCell *self = MR_ICON_CELL (widget);

  /* A height for a width: the text has the width the icon leaves. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    for_size = MAX (for_size - ICON_SIZE - SPACING, 0);
  gtk_widget_measure (self->text, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum += ICON_SIZE + SPACING;
      *natural += ICON_SIZE + SPACING;
    }
  else
    {
      *minimum = MAX (*minimum, ICON_SIZE);
      *natural = MAX (*natural, ICON_SIZE);
    }
}

static void
mr_icon_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  MrIconCell *self = MR_ICON_CELL (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int text_width = MAX (width - ICON_SIZE - SPACING, 0);

  gtk_widget_size_allocate (self->text,
                            &(GtkAllocation) { rtl ? 0 : ICON_SIZE + SPACING, 0, text_width, height },
                            -1);
}

/* Looked up at each draw: the theme caches it, and follows changes of
 * theme and scale. */
static GtkIconPaintable *
lookup_icon (MrIconCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->icon_name == NULL)
    return NULL;
  return gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                     self->icon_name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
}

static void
mr_icon_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MrIconCell *self = MR_ICON_CELL (widget);
  g_autoptr(GtkIconPaintable) icon = lookup_icon (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = rtl ? gtk_widget_get_width (widget) - ICON_SIZE : 0;
  GdkRGBA color;

  if (icon != NULL)
    {
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x, (gtk_widget_get_height (widget) - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                ICON_SIZE, ICON_SIZE, &color, 1);
      gtk_snapshot_restore (snapshot);
    }
  gtk_widget_snapshot_child (widget, self->text, snapshot);
}

static void
mr_icon_cell_dispose (GObject *object)
{
  g_clear_pointer (&MR_ICON_CELL (object)->text, gtk_widget_unparent);

  G_OBJECT_CLASS (mr_icon_cell_parent_class)->dispose (object);
}

static void
mr_icon_cell_class_init (MrIconCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_icon_cell_dispose;
  widget_class->measure = mr_icon_cell_measure;
  widget_class->size_allocate = mr_icon_cell_size_allocate;
  widget_class->snapshot = mr_icon_cell_snapshot;
}

static void
mr_icon_cell_init (MrIconCell *self)
{
  self->text = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->text),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_parent (self->text, GTK_WIDGET (self));
}

GtkWidget *
mr_icon_cell_new (void)
{
  return g_object_new (MR_TYPE_ICON_CELL, NULL);
}

GtkInscription *
mr_icon_cell_get_inscription (MrIconCell *self)
{
  g_return_val_if_fail (MR_IS_ICON_CELL (self), NULL);

  return GTK_INSCRIPTION (self->text);
}

void
mr_icon_cell_set_icon_name (MrIconCell *self,
                            const char *icon_name)
{
  g_return_if_fail (MR_IS_ICON_CELL (self));

  icon_name = g_intern_string (icon_name);
  if (icon_name == self->icon_name)
    return;
  self->icon_name = icon_name;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
