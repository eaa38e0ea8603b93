/* mr-hub-add-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-hub-add-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-add-from-hub.h"
#include "mr-error-presenter.h"
#include "mr-hub-add-dialog.h"
#include "mr-validate.h"

struct _MrHubAddDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *repo_row;
  GtkButton     *fetch_button;
  GtkWidget     *progress_box;
  GtkSpinner    *spinner;
  GtkLabel      *error_label;

  /* Owned */
  MrHubClient   *hub;
  GCancellable  *cancellable;   /* the fetch in flight, or NULL */
};

G_DEFINE_FINAL_TYPE (MrHubAddDialog, mr_hub_add_dialog, ADW_TYPE_WINDOW)

enum {
  DRAFT_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (MrHubAddDialog *self,
            const char     *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static char *
get_repo_id (MrHubAddDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->repo_row))));
}

static void
update_state (MrHubAddDialog *self)
{
  gboolean fetching = self->cancellable != NULL;
  g_autofree char *repo_id = get_repo_id (self);
  gboolean valid = mr_validate_repo_id (repo_id, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->fetch_button), valid && !fetching);
  gtk_widget_set_sensitive (GTK_WIDGET (self->repo_row), !fetching);
  gtk_widget_set_visible (self->progress_box, fetching);
  gtk_spinner_set_spinning (self->spinner, fetching);
  if (valid || *repo_id == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->repo_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->repo_row), "error");
}

static void
on_repo_changed (MrHubAddDialog *self)
{
  show_error (self, NULL);
  update_state (self);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MrHubAddDialog) self = user_data;
  g_autoptr(MrHubDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  draft = mr_add_from_hub_fetch_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_state (self);
  if (draft == NULL)
    {
      text = mr_error_presenter_format (error);
      show_error (self, text);
      return;
    }

  g_signal_emit (self, signals[DRAFT_READY], 0, draft->record, draft->snapshot);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MrHubAddDialog *self = MR_HUB_ADD_DIALOG (widget);
  g_autofree char *repo_id = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL)
    return;
  repo_id = get_repo_id (self);
  if (!mr_validate_repo_id (repo_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_state (self);
  mr_add_from_hub_fetch_async (self->hub, repo_id, self->cancellable, on_fetched,
                               g_object_ref (self));
}

static void
on_repo_activated (MrHubAddDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "hub-add.fetch", NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrHubAddDialog *self = MR_HUB_ADD_DIALOG (widget);

  /* A first Cancel stops the fetch and lets the user correct the id. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      update_state (self);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
mr_hub_add_dialog_dispose (GObject *object)
{
  MrHubAddDialog *self = MR_HUB_ADD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->hub);

  G_OBJECT_CLASS (mr_hub_add_dialog_parent_class)->dispose (object);
}

static void
mr_hub_add_dialog_class_init (MrHubAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_hub_add_dialog_dispose;

  /**
   * MrHubAddDialog::draft-ready:
   * @record: the record the Hub's answer maps to (not stored)
   * @snapshot: the snapshot it came from
   */
  signals[DRAFT_READY] =
    g_signal_new ("draft-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MR_TYPE_MODEL_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE,
                  MR_TYPE_SNAPSHOT | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-hub-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrHubAddDialog, repo_row);
  gtk_widget_class_bind_template_child (widget_class, MrHubAddDialog, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, MrHubAddDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MrHubAddDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrHubAddDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_repo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_repo_activated);

  gtk_widget_class_install_action (widget_class, "hub-add.fetch", NULL, fetch_action);
  gtk_widget_class_install_action (widget_class, "hub-add.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "hub-add.cancel", NULL);
}

static void
mr_hub_add_dialog_init (MrHubAddDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

MrHubAddDialog *
mr_hub_add_dialog_new (GtkWindow   *parent,
                       MrHubClient *hub)
{
  MrHubAddDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_HUB_CLIENT (hub), NULL);

  self = g_object_new (MR_TYPE_HUB_ADD_DIALOG, "transient-for", parent, NULL);
  self->hub = g_object_ref (hub);
  return self;
}

void
mr_hub_add_dialog_fetch (MrHubAddDialog *self,
                         const char     *repo_id)
{
  g_return_if_fail (MR_IS_HUB_ADD_DIALOG (self));
  g_return_if_fail (repo_id != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->repo_row), repo_id);
  fetch_action (GTK_WIDGET (self), "hub-add.fetch", NULL);
}
