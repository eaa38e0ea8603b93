/* mr-component-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-component-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-component-dialog.h"
#include "mr-display.h"
#include "mr-enums.h"
#include "mr-error-presenter.h"

struct _MrComponentDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *group;
  AdwComboRow         *availability_row;
  AdwEntryRow         *license_row;
  AdwEntryRow         *link_row;
  GtkSwitch           *verified_switch;

  /* Owned */
  MrRepository        *repository;
  MrModelRecord       *record;
  MrComponentKind      kind;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (MrComponentDialog, mr_component_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
availability_title (gpointer unused,
                    int      value)
{
  return g_strdup (mr_availability_get_title (value));
}

static MrModelRecord *
build_record (MrComponentDialog *self)
{
  MrModelRecord *r = mr_model_record_copy (self->record);
  MrComponent *c = &r->components[self->kind];
  const MrComponent *old = &self->record->components[self->kind];
  g_autofree char *license = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->license_row))));
  g_autofree char *link = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_row))));

  c->availability = adw_combo_row_get_selected (self->availability_row);
  mr_model_record_set_string (&c->license, license);
  mr_model_record_set_string (&c->link, link);
  c->verified = gtk_switch_get_active (self->verified_switch);
  /* Verifying alone keeps the evidence's origin; a correction is a person's. */
  if (c->availability != old->availability || g_strcmp0 (c->license, old->license) != 0 ||
      g_strcmp0 (c->link, old->link) != 0)
    c->source = MR_EVIDENCE_SOURCE_PERSON;
  return r;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrComponentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) stored = NULL;

  stored = mr_repository_save_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "component.save", TRUE);
  if (stored == NULL)
    {
      g_autofree char *summary = NULL;

      /* Translators: %s is an evidence component ("Data card") */
      summary = g_strdup_printf (_("Could not save the review of “%s”"),
                                 mr_component_kind_get_title (self->kind));
      mr_error_presenter_present (GTK_WIDGET (self), summary, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrComponentDialog *self = MR_COMPONENT_DIALOG (widget);
  g_autoptr(MrModelRecord) record = build_record (self);

  if (mr_model_record_same_content (record, self->record))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_widget_action_set_enabled (widget, "component.save", FALSE);
  mr_repository_save_async (self->repository, record, self->cancellable,
                            on_saved, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
mr_component_dialog_dispose (GObject *object)
{
  MrComponentDialog *self = MR_COMPONENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->record, mr_model_record_unref);

  G_OBJECT_CLASS (mr_component_dialog_parent_class)->dispose (object);
}

static void
mr_component_dialog_class_init (MrComponentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_component_dialog_dispose;

  /**
   * MrComponentDialog::saved:
   * @record: the record as stored
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_MODEL_RECORD);

  g_type_ensure (MR_TYPE_AVAILABILITY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-component-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, group);
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, availability_row);
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, license_row);
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, MrComponentDialog, verified_switch);
  gtk_widget_class_bind_template_callback (widget_class, availability_title);

  gtk_widget_class_install_action (widget_class, "component.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "component.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "component.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "component.save", NULL);
}

static void
mr_component_dialog_init (MrComponentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

MrComponentDialog *
mr_component_dialog_new (GtkWindow       *parent,
                         MrRepository    *repository,
                         MrModelRecord   *record,
                         MrComponentKind  kind)
{
  MrComponentDialog *self;
  const MrComponent *c;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail ((guint) kind < MR_N_COMPONENTS, NULL);

  self = g_object_new (MR_TYPE_COMPONENT_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->record = mr_model_record_ref (record);
  self->kind = kind;

  c = &record->components[kind];
  gtk_window_set_title (GTK_WINDOW (self), mr_component_kind_get_title (kind));
  adw_window_title_set_subtitle (self->window_title, record->name);
  adw_preferences_group_set_title (self->group, mr_component_kind_get_title (kind));
  adw_preferences_group_set_description (self->group,
                                         _("Correct what the evidence says, or mark it verified "
                                           "once you have checked it. The change is recorded."));
  adw_combo_row_set_selected (self->availability_row, c->availability);
  gtk_editable_set_text (GTK_EDITABLE (self->license_row), c->license != NULL ? c->license : "");
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), c->link != NULL ? c->link : "");
  gtk_switch_set_active (self->verified_switch, c->verified);
  return self;
}
