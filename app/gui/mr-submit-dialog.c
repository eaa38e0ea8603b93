/* mr-submit-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-submit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-date-row.h"
#include "mr-display.h"
#include "mr-enums.h"
#include "mr-error-presenter.h"
#include "mr-policy-group.h"
#include "mr-submit-dialog.h"
#include "mr-use-picker.h"

struct _MrSubmitDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwEntryRow         *owner_row;
  AdwComboRow         *deployment_row;
  AdwComboRow         *sensitivity_row;
  MrDateRow           *review_date_row;
  MrUsePicker         *use_picker;
  MrPolicyGroup       *policy_group;
  GtkTextView         *comment_view;
  AdwPreferencesGroup *justification_group;
  GtkTextView         *justification_view;
  GtkLabel            *hint_label;

  /* Owned */
  MrRepository        *repository;
  MrFramework         *framework;
  MrModelRecord       *record;
  GCancellable        *cancellable;
  gboolean             can_submit;
  gboolean             submitting;
};

G_DEFINE_FINAL_TYPE (MrSubmitDialog, mr_submit_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
deployment_title (gpointer unused,
                  int      value)
{
  return g_strdup (mr_deployment_get_title (value));
}

static char *
sensitivity_title (gpointer unused,
                   int      value)
{
  return g_strdup (mr_data_sensitivity_get_title (value));
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The strings of input point into the returned uses and texts. */
typedef struct {
  GStrv  uses;
  char  *comment;
  char  *justification;
} InputText;

static void
input_text_clear (InputText *text)
{
  g_strfreev (text->uses);
  g_free (text->comment);
  g_free (text->justification);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InputText, input_text_clear)

static void
read_input (MrSubmitDialog  *self,
            InputText       *text,
            MrWorkflowInput *input)
{
  text->uses = mr_use_picker_dup_uses (self->use_picker);
  text->comment = dup_text (self->comment_view);
  text->justification = dup_text (self->justification_view);

  *input = (MrWorkflowInput) {
    .intended_uses = (const char * const *) text->uses,
    .owner = gtk_editable_get_text (GTK_EDITABLE (self->owner_row)),
    .deployment = adw_combo_row_get_selected (self->deployment_row),
    .data_sensitivity = adw_combo_row_get_selected (self->sensitivity_row),
    .justification = text->justification,
    .comment = text->comment,
    .review_date = mr_date_row_get_date (self->review_date_row),
  };
}

static void
on_field_changed (MrSubmitDialog *self)
{
  g_auto(InputText) text = { 0 };
  g_autoptr(MrModelRecord) proposal = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input;
  gboolean blocking;

  /* The combo rows notify while the template is still being built. */
  if (self->record == NULL)
    return;

  read_input (self, &text, &input);
  proposal = mr_workflow_propose_submission (self->record, &input, self->framework);
  mr_policy_group_set_record (self->policy_group, proposal);
  blocking = proposal->n_flags > 0 && proposal->worst_flag == MR_FLAG_SEVERITY_BLOCKING;
  gtk_widget_set_visible (GTK_WIDGET (self->justification_group), blocking);

  self->can_submit = mr_workflow_check_input (MR_WORKFLOW_ACTION_SUBMIT, &input, proposal, &error);
  gtk_label_set_text (self->hint_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.submit",
                                 self->can_submit && !self->submitting);
}

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MrSubmitDialog) self = user_data;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  stored = mr_repository_act_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->submitting = FALSE;
  if (stored == NULL)
    {
      /* Translators: %s is a model's name */
      summary = g_strdup_printf (_("Could not submit “%s”"), self->record->name);
      mr_error_presenter_present (GTK_WIDGET (self), summary, error);
      on_field_changed (self);
      return;
    }
  g_signal_emit (self, signals[SUBMITTED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrSubmitDialog *self = MR_SUBMIT_DIALOG (widget);
  g_auto(InputText) text = { 0 };
  MrWorkflowInput input;

  if (!self->can_submit || self->submitting)
    return;
  read_input (self, &text, &input);
  self->submitting = TRUE;
  gtk_widget_action_set_enabled (widget, "submit.submit", FALSE);
  mr_repository_act_async (self->repository, self->record->id, MR_WORKFLOW_ACTION_SUBMIT, &input,
                           self->cancellable, on_submitted, g_object_ref (self));
}

static void
mr_submit_dialog_dispose (GObject *object)
{
  MrSubmitDialog *self = MR_SUBMIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_object (&self->framework);
  g_clear_pointer (&self->record, mr_model_record_unref);

  G_OBJECT_CLASS (mr_submit_dialog_parent_class)->dispose (object);
}

static void
mr_submit_dialog_class_init (MrSubmitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_submit_dialog_dispose;

  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  MR_TYPE_MODEL_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (MR_TYPE_DEPLOYMENT);
  g_type_ensure (MR_TYPE_DATA_SENSITIVITY);
  g_type_ensure (MR_TYPE_DATE_ROW);
  g_type_ensure (MR_TYPE_USE_PICKER);
  g_type_ensure (MR_TYPE_POLICY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-submit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, deployment_row);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, review_date_row);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, use_picker);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, policy_group);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, justification_group);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, justification_view);
  gtk_widget_class_bind_template_child (widget_class, MrSubmitDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, deployment_title);
  gtk_widget_class_bind_template_callback (widget_class, sensitivity_title);

  gtk_widget_class_install_action (widget_class, "submit.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mr_submit_dialog_init (MrSubmitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->comment_view), "changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->justification_view), "changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->review_date_row, "notify::date",
                            G_CALLBACK (on_field_changed), self);
}

MrSubmitDialog *
mr_submit_dialog_new (GtkWindow     *parent,
                      MrRepository  *repository,
                      MrFramework   *framework,
                      MrModelRecord *record)
{
  MrSubmitDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (MR_IS_FRAMEWORK (framework), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (MR_TYPE_SUBMIT_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->framework = g_object_ref (framework);
  mr_policy_group_set_framework (self->policy_group, framework);
  adw_window_title_set_subtitle (self->window_title, record->name);

  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), record->owner != NULL ? record->owner : "");
  adw_combo_row_set_selected (self->deployment_row, record->deployment);
  adw_combo_row_set_selected (self->sensitivity_row, record->data_sensitivity);
  mr_use_picker_set_uses (self->use_picker, (const char * const *) record->intended_uses);
  /* Set last: the fields above notify, and the first refresh needs all. */
  self->record = mr_model_record_ref (record);
  on_field_changed (self);
  return self;
}

gboolean
mr_submit_dialog_get_can_submit (MrSubmitDialog *self)
{
  g_return_val_if_fail (MR_IS_SUBMIT_DIALOG (self), FALSE);

  return self->can_submit;
}
