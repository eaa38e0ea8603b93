/* mr-icon-cell.h — a list cell: an icon before a line of text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cell draws the icon itself, beside its GtkInscription: two widgets
 * where a box, an image and an inscription were.  GTK 4.8's column view
 * builds some 200 rows at once, so every widget per row counts towards the
 * first frame.  The icon repeats the text for sighted users only: it is
 * not in the accessibility tree.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MR_TYPE_ICON_CELL (mr_icon_cell_get_type ())
G_DECLARE_FINAL_TYPE (MrIconCell, mr_icon_cell, MR, ICON_CELL, GtkWidget)

GtkWidget      *mr_icon_cell_new             (void);
/* The text, cut short with an ellipsis; borrowed. */
GtkInscription *mr_icon_cell_get_inscription (MrIconCell *self);
/* A symbolic icon, drawn in the text's colour; NULL for none. */
void            mr_icon_cell_set_icon_name   (MrIconCell *self,
                                              const char *icon_name);

G_END_DECLS
