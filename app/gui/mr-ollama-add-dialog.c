/* mr-ollama-add-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-ollama-add-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error-presenter.h"
#include "mr-network-error.h"
#include "mr-ollama-add-dialog.h"
#include "mr-refresh-job.h"

struct _MrOllamaAddDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkListBox     *model_list;
  AdwStatusPage  *error_page;
  GtkLabel       *loading_label;

  /* Owned */
  MrOllamaClient *ollama;
  GCancellable   *cancellable;
  GPtrArray      *models;       /* MrOllamaModel from /api/tags */
};

G_DEFINE_FINAL_TYPE (MrOllamaAddDialog, mr_ollama_add_dialog, ADW_TYPE_WINDOW)

enum {
  DRAFT_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (MrOllamaAddDialog *self,
            const GError      *error)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (g_error_matches (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_CONNECTION))
    {
      /* Translators: %s is the address of the Ollama server */
      text = g_strdup_printf (_("Ollama is not running at %s. Start it (“ollama serve”), or "
                                "set its address in Preferences."),
                              mr_ollama_client_get_base_url (self->ollama));
      adw_status_page_set_title (self->error_page, _("Ollama Is Not Running"));
    }
  else
    {
      text = mr_error_presenter_format (error);
      adw_status_page_set_title (self->error_page, _("Could Not Ask Ollama"));
    }
  escaped = g_markup_escape_text (text != NULL ? text : "", -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static char *
model_subtitle (const MrOllamaModel *model)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (model->parameter_size != NULL)
    g_ptr_array_add (parts, g_strdup (model->parameter_size));
  if (model->quantization_level != NULL)
    g_ptr_array_add (parts, g_strdup (model->quantization_level));
  if (model->size >= 0)
    g_ptr_array_add (parts, g_format_size (model->size));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return g_steal_pointer (&joined);
}

static void
fill_list (MrOllamaAddDialog *self)
{
  for (guint i = 0; i < self->models->len; i++)
    {
      const MrOllamaModel *model = g_ptr_array_index (self->models, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = model_subtitle (model);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), model->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->model_list, row);
    }
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrOllamaAddDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->models = mr_ollama_client_list_models_finish (MR_OLLAMA_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->models == NULL)
    {
      show_error (self, error);
      return;
    }
  fill_list (self);
  gtk_stack_set_visible_child_name (self->stack, self->models->len > 0 ? "list" : "empty");
}

static void
on_shown (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrOllamaAddDialog) self = user_data;
  g_autoptr(MrOllamaModel) shown = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(MrSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const MrOllamaModel *tag = g_object_get_data (G_OBJECT (self), "mr-picked");

  shown = mr_ollama_client_show_finish (MR_OLLAMA_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (shown == NULL)
    {
      show_error (self, error);
      return;
    }

  record = mr_ollama_model_to_record (shown, NULL);
  snapshot = mr_refresh_snapshot_from_ollama (shown, tag, g_get_real_time () / G_USEC_PER_SEC);
  g_signal_emit (self, signals[DRAFT_READY], 0, record, snapshot);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_row_activated (MrOllamaAddDialog *self,
                  GtkListBoxRow     *row)
{
  MrOllamaModel *tag = g_ptr_array_index (self->models, gtk_list_box_row_get_index (row));
  g_autofree char *text = NULL;

  /* The tag item carries the digest and size that /api/show leaves out. */
  g_object_set_data_full (G_OBJECT (self), "mr-picked", mr_ollama_model_ref (tag),
                          (GDestroyNotify) mr_ollama_model_unref);
  /* Translators: %s is an Ollama model tag such as llama3:8b */
  text = g_strdup_printf (_("Reading “%s”…"), tag->name);
  gtk_label_set_text (self->loading_label, text);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  mr_ollama_client_show_async (self->ollama, tag->name, self->cancellable, on_shown,
                               g_object_ref (self));
}

static void
mr_ollama_add_dialog_dispose (GObject *object)
{
  MrOllamaAddDialog *self = MR_OLLAMA_ADD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ollama);
  g_clear_pointer (&self->models, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_ollama_add_dialog_parent_class)->dispose (object);
}

static void
mr_ollama_add_dialog_class_init (MrOllamaAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_ollama_add_dialog_dispose;

  /**
   * MrOllamaAddDialog::draft-ready:
   * @record: the record the model maps to (not stored)
   * @snapshot: what Ollama said about it
   */
  signals[DRAFT_READY] =
    g_signal_new ("draft-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MR_TYPE_MODEL_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE,
                  MR_TYPE_SNAPSHOT | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-ollama-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrOllamaAddDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MrOllamaAddDialog, model_list);
  gtk_widget_class_bind_template_child (widget_class, MrOllamaAddDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MrOllamaAddDialog, loading_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mr_ollama_add_dialog_init (MrOllamaAddDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

MrOllamaAddDialog *
mr_ollama_add_dialog_new (GtkWindow      *parent,
                          MrOllamaClient *ollama)
{
  MrOllamaAddDialog *self;
  g_autofree char *looking = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_OLLAMA_CLIENT (ollama), NULL);

  self = g_object_new (MR_TYPE_OLLAMA_ADD_DIALOG, "transient-for", parent, NULL);
  self->ollama = g_object_ref (ollama);
  /* Translators: %s is the address of the Ollama server */
  looking = g_strdup_printf (_("Asking Ollama at %s…"), mr_ollama_client_get_base_url (ollama));
  gtk_label_set_text (self->loading_label, looking);
  mr_ollama_client_list_models_async (ollama, self->cancellable, on_listed, g_object_ref (self));
  return self;
}
