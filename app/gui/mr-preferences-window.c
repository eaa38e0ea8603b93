/* mr-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-preferences-window.h"

struct _MrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *display_name_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *hub_row;
  AdwEntryRow          *ollama_row;
  GtkSpinButton        *refresh_spin;
  AdwActionRow         *framework_row;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MrPreferencesWindow, mr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_framework_row (MrPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "framework-file");

  adw_action_row_set_subtitle (self->framework_row,
                               *path != '\0' ? path : _("The framework shipped with Model Register"));
}

/* The framework window belongs to the main window: loading one there
 * validates it and re-evaluates the register. */
static void
on_framework_row_activated (MrPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.framework", NULL);
}

static void
mr_preferences_window_dispose (GObject *object)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mr_preferences_window_parent_class)->dispose (object);
}

static void
mr_preferences_window_class_init (MrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, hub_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, ollama_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, framework_row);
  gtk_widget_class_bind_template_callback (widget_class, on_framework_row_activated);
}

static void
mr_preferences_window_init (MrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MrPreferencesWindow *
mr_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  MrPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "display-name", self->display_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "hub-endpoint", self->hub_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ollama-endpoint", self->ollama_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "refresh-interval-hours",
                   gtk_spin_button_get_adjustment (self->refresh_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::framework-file",
                           G_CALLBACK (update_framework_row), self, G_CONNECT_SWAPPED);
  update_framework_row (self);
  return self;
}
