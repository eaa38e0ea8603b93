/* mr-filter-model.h — a filtered view of a list model, for 100,000 rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GtkFilterListModel does, shaped for filter-as-you-type over a large
 * register on GTK 4.8.  There, GtkFilterListModel finds an item by
 * position with a bitset select that scans the bitset, and when a keystroke
 * removes the list view's anchor row the view fetches every added item in
 * turn: about 300 ms per keystroke at 100,000 rows (tests/bench).  This
 * model keeps the matching items in an array (O(1) by position), honours
 * GtkFilterChange (more strict: only the shown items are checked; less
 * strict: only the hidden ones) and reports the smallest changed range.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MR_TYPE_FILTER_MODEL (mr_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (MrFilterModel, mr_filter_model, MR, FILTER_MODEL, GObject)

/* Takes ownership of model and filter, like gtk_filter_list_model_new(). */
MrFilterModel *mr_filter_model_new (GListModel *model,
                                    GtkFilter  *filter);

G_END_DECLS
