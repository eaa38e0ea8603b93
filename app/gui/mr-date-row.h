/* mr-date-row.h — a row that picks a day from a calendar popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The date is a Unix time at midnight UTC of the chosen day, as the
 * workflow and the reports store days; 0 means none chosen.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_DATE_ROW (mr_date_row_get_type ())
G_DECLARE_FINAL_TYPE (MrDateRow, mr_date_row, MR, DATE_ROW, AdwActionRow)

GtkWidget *mr_date_row_new      (const char *title);
gint64     mr_date_row_get_date (MrDateRow  *self);
/* Emits notify::date when it changes. */
void       mr_date_row_set_date (MrDateRow  *self,
                                 gint64      unix_utc);

G_END_DECLS
