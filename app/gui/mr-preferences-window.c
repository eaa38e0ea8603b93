/* mr-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error-presenter.h"
#include "mr-hub-token.h"
#include "mr-preferences-window.h"
#include "mr-token-store.h"

struct _MrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *display_name_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *hub_row;
  AdwEntryRow          *ollama_row;
  AdwPasswordEntryRow  *token_row;
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

typedef struct {
  MrPreferencesWindow *self;
  char                *endpoint;
  char                *token;  /* NULL: the token was removed */
} TokenData;

static void
token_data_free (TokenData *data)
{
  g_object_unref (data->self);
  g_free (data->endpoint);
  g_free (data->token);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenData, token_data_free)

static void
on_token_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TokenData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (data->token != NULL)
    saved = mr_token_store_store_finish (result, &error);
  else
    saved = mr_token_store_clear_finish (result, &error);
  if (!saved)
    {
      mr_error_presenter_present_with_advice (
        GTK_WIDGET (data->self),
        data->token != NULL ? _("Could not save the token") : _("Could not remove the token"),
        error,
        _("The token is kept in the desktop keyring. Check that one, such as GNOME Keyring, "
          "is running and unlocked, or set HF_TOKEN in the environment instead."));
      return;
    }
  mr_hub_token_remember (data->endpoint, data->token);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (data->self),
                                    adw_toast_new (data->token != NULL
                                                   ? _("Token saved in the keyring")
                                                   : _("Token removed from the keyring")));
}

/* The field is emptied at once: the stored token is never shown again. */
static void
on_token_row_apply (MrPreferencesWindow *self)
{
  GtkEditable *row = GTK_EDITABLE (self->token_row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));
  TokenData *data = g_new0 (TokenData, 1);

  gtk_editable_set_text (row, "");
  data->self = g_object_ref (self);
  data->endpoint = mr_hub_token_dup_endpoint (self->settings);
  if (*text == '\0')
    {
      mr_token_store_clear_async (data->endpoint, NULL, on_token_saved, data);
      return;
    }
  data->token = g_steal_pointer (&text);
  mr_token_store_store_async (data->endpoint, data->token, NULL, on_token_saved, data);
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
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, framework_row);
  gtk_widget_class_bind_template_callback (widget_class, on_framework_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_token_row_apply);
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
