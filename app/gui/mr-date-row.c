/* mr-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-date-row.h"

struct _MrDateRow
{
  AdwActionRow   parent_instance;

  GtkMenuButton *button;
  GtkCalendar   *calendar;
  gint64         date;
};

G_DEFINE_FINAL_TYPE (MrDateRow, mr_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_day_selected (MrDateRow *self);

/* The button says the date; the calendar opens on it. */
static void
show_date (MrDateRow *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (self->date == 0)
    {
      gtk_menu_button_set_label (self->button, _("Not set"));
      return;
    }
  utc = g_date_time_new_from_unix_utc (self->date);
  text = g_date_time_format (utc, "%Y-%m-%d");
  gtk_menu_button_set_label (self->button, text);
  local = g_date_time_new_local (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                 g_date_time_get_day_of_month (utc), 0, 0, 0);
  g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
  gtk_calendar_select_day (self->calendar, local);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
}

static void
on_day_selected (MrDateRow *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) utc = NULL;

  /* The calendar hands out local midnight; the day is what the user meant. */
  utc = g_date_time_new_utc (g_date_time_get_year (picked), g_date_time_get_month (picked),
                             g_date_time_get_day_of_month (picked), 0, 0, 0);
  mr_date_row_set_date (self, g_date_time_to_unix (utc));
  gtk_menu_button_popdown (self->button);
}

static void
on_clear_clicked (MrDateRow *self)
{
  mr_date_row_set_date (self, 0);
  gtk_menu_button_popdown (self->button);
}

static void
mr_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MrDateRow *self = MR_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MrDateRow *self = MR_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      mr_date_row_set_date (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_date_row_class_init (MrDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mr_date_row_get_property;
  object_class->set_property = mr_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_int64 ("date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_date_row_init (MrDateRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear"));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button = gtk_menu_button_new ();

  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), button);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->button = GTK_MENU_BUTTON (button);
  self->calendar = GTK_CALENDAR (calendar);
  g_signal_connect_swapped (calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (on_clear_clicked), self);
  show_date (self);
}

GtkWidget *
mr_date_row_new (const char *title)
{
  return g_object_new (MR_TYPE_DATE_ROW, "title", title, NULL);
}

gint64
mr_date_row_get_date (MrDateRow *self)
{
  g_return_val_if_fail (MR_IS_DATE_ROW (self), 0);

  return self->date;
}

void
mr_date_row_set_date (MrDateRow *self,
                      gint64     unix_utc)
{
  g_return_if_fail (MR_IS_DATE_ROW (self));

  if (self->date == unix_utc)
    return;
  self->date = unix_utc;
  show_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}
