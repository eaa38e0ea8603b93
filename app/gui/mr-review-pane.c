/* mr-review-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-review-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-date-row.h"
#include "mr-display.h"
#include "mr-error-presenter.h"
#include "mr-policy-group.h"
#include "mr-report-data.h"
#include "mr-review-pane.h"

struct _MrReviewPane
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkWidget      *page;
  GtkLabel       *name_label;
  GtkLabel       *status_label;
  AdwActionRow   *uses_row;
  AdwActionRow   *submitter_row;
  AdwActionRow   *requested_date_row;
  AdwActionRow   *comment_row;
  AdwActionRow   *justification_row;
  AdwActionRow   *changes_row;
  AdwActionRow   *checks_row;
  MrPolicyGroup  *policy_group;
  GtkSpinner     *spinner;
  AdwComboRow    *decision_row;
  AdwEntryRow    *conditions_row;
  MrDateRow      *review_date_row;
  GtkTextView    *comment_view;
  GtkLabel       *hint_label;

  /* Owned */
  MrRepository   *repository;
  MrModelRecord  *record;
  GCancellable   *cancellable;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (MrReviewPane, mr_review_pane, ADW_TYPE_BIN)

enum {
  DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the decision row's items. */
static const MrWorkflowAction decisions[] = {
  MR_WORKFLOW_ACTION_APPROVE,
  MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS,
  MR_WORKFLOW_ACTION_REQUEST_CHANGES,
  MR_WORKFLOW_ACTION_REJECT,
};

static MrWorkflowAction
get_decision (MrReviewPane *self)
{
  guint selected = adw_combo_row_get_selected (self->decision_row);

  return decisions[MIN (selected, G_N_ELEMENTS (decisions) - 1)];
}

static char *
dup_comment (MrReviewPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? _("Not recorded") : text);
}

static void
on_field_changed (MrReviewPane *self)
{
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowAction action = get_decision (self);
  MrWorkflowInput input = { 0 };
  gboolean can_decide = FALSE;
  gboolean can_retire = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->conditions_row),
                          action == MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS);
  gtk_widget_set_visible (GTK_WIDGET (self->review_date_row),
                          action == MR_WORKFLOW_ACTION_APPROVE ||
                          action == MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS);
  if (self->record != NULL)
    {
      comment = dup_comment (self);
      input.comment = comment;
      input.conditions = gtk_editable_get_text (GTK_EDITABLE (self->conditions_row));
      can_decide = mr_workflow_can (self->record->status, action, self->record->name, NULL, &error) &&
                   mr_workflow_check_input (action, &input, self->record, &error);
      can_retire = mr_workflow_can (self->record->status, MR_WORKFLOW_ACTION_RETIRE,
                                    self->record->name, NULL, NULL) &&
                   mr_workflow_check_input (MR_WORKFLOW_ACTION_RETIRE, &input, self->record, NULL);
    }
  gtk_label_set_text (self->hint_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.decide", can_decide && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.retire", can_retire && !self->busy);
}

static void
on_acted (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrReviewPane) self = user_data;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  stored = mr_repository_act_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  on_field_changed (self);
  if (stored == NULL)
    {
      /* Translators: %s is a model's name */
      summary = g_strdup_printf (_("Could not record the decision on “%s”"), self->record->name);
      mr_error_presenter_present (GTK_WIDGET (self), summary, error);
      return;
    }
  g_signal_emit (self, signals[DECIDED], 0, stored);
}

static void
act (MrReviewPane     *self,
     MrWorkflowAction  action)
{
  g_autofree char *comment = dup_comment (self);
  MrWorkflowInput input = {
    .comment = comment,
    .conditions = gtk_editable_get_text (GTK_EDITABLE (self->conditions_row)),
    .review_date = mr_date_row_get_date (self->review_date_row),
  };

  if (self->record == NULL || self->repository == NULL || self->busy)
    return;
  self->busy = TRUE;
  on_field_changed (self);
  mr_repository_act_async (self->repository, self->record->id, action, &input,
                           self->cancellable, on_acted, g_object_ref (self));
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrReviewPane *self = MR_REVIEW_PANE (widget);

  act (self, get_decision (self));
}

static void
on_retire_response (MrReviewPane *self,
                    const char   *response)
{
  if (g_str_equal (response, "retire"))
    act (self, MR_WORKFLOW_ACTION_RETIRE);
}

/* Retiring ends every use of the model: it is not undone by a click. */
static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrReviewPane *self = MR_REVIEW_PANE (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->record == NULL)
    return;
  /* Translators: %s is a model's name */
  heading = g_strdup_printf (_("Retire “%s”?"), self->record->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading, NULL));
  adw_message_dialog_set_body (dialog, _("It can no longer be used, and is not offered for "
                                         "approval again. The comment is recorded as the reason."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
check_kind_title (MrCheckKind kind)
{
  switch (kind)
    {
    case MR_CHECK_KIND_VERIFICATION:
      return _("Weights verification");
    case MR_CHECK_KIND_INFERENCE_ENDPOINT:
      return _("Inference check on an endpoint");
    case MR_CHECK_KIND_INFERENCE:
    default:
      return _("Inference check");
    }
}

static const char *
check_status_title (MrCheckStatus status)
{
  switch (status)
    {
    case MR_CHECK_STATUS_PASSED:
      return _("passed");
    case MR_CHECK_STATUS_FAILED:
      return _("failed");
    case MR_CHECK_STATUS_ERROR:
    default:
      return _("could not run");
    }
}

/* The newest check of each kind, one line each. */
static char *
dup_checks_summary (GPtrArray *checks)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean seen[MR_CHECK_KIND_INFERENCE_ENDPOINT + 1] = { FALSE };

  for (guint i = 0; i < checks->len; i++)
    {
      const MrCheckRecord *check = g_ptr_array_index (checks, i);
      g_autofree char *when = NULL;

      if (check->kind > MR_CHECK_KIND_INFERENCE_ENDPOINT || seen[check->kind])
        continue;
      seen[check->kind] = TRUE;
      when = mr_display_date (check->finished_at);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a kind of check, its outcome, then the day */
      g_string_append_printf (text, _("%s %s on %s"), check_kind_title (check->kind),
                              check_status_title (check->status), when);
    }
  if (text->len == 0)
    return g_strdup (_("No checks on record"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_checks_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrReviewPane) self = user_data;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  checks = mr_repository_list_checks_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (checks == NULL)
    {
      set_row_text (self->checks_row, error->message);
      return;
    }
  summary = dup_checks_summary (checks);
  set_row_text (self->checks_row, summary);
}

static void
on_full_record_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MrReviewPane) self = user_data;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = mr_repository_get_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (record == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not load the model's evidence"), error);
      return;
    }
  mr_policy_group_set_record (self->policy_group, record);
}

static const MrApprovalEvent *
find_last (GPtrArray        *events,
           MrWorkflowAction  action,
           MrWorkflowAction  or_action)
{
  for (guint i = events != NULL ? events->len : 0; i > 0; i--)
    {
      const MrApprovalEvent *event = g_ptr_array_index (events, i - 1);

      if (event->action == action || event->action == or_action)
        return event;
    }
  return NULL;
}

static void
fill_request (MrReviewPane *self,
              GPtrArray    *events)
{
  const MrApprovalEvent *request = find_last (events, MR_WORKFLOW_ACTION_SUBMIT,
                                              MR_WORKFLOW_ACTION_EDIT_APPROVED);
  const MrApprovalEvent *approval = find_last (events, MR_WORKFLOW_ACTION_APPROVE,
                                               MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS);
  g_autofree char *uses = mr_display_uses_label (self->record);
  g_autofree char *submitter = NULL;
  g_autofree char *requested_date = NULL;
  g_autofree char *changes = NULL;

  if (request != NULL)
    {
      g_autofree char *when = mr_display_date (request->time);
      g_autofree char *actor = mr_display_actor (request->actor);

      /* Translators: who submitted a request, then the day */
      submitter = g_strdup_printf (_("%s on %s"), actor, when);
      if (request->review_date != 0)
        /* A day, stored as its midnight UTC: not shifted to local time. */
        requested_date = mr_report_format_date (request->review_date);
    }
  if (approval == NULL)
    changes = g_strdup (_("Never approved before"));
  else if (approval->model_revision == self->record->revision)
    changes = g_strdup (_("No change to the entry; it is due for another look"));
  else
    {
      g_autofree char *when = mr_display_date (approval->time);

      /* Translators: revisions of a register entry, then the day of the approval */
      changes = g_strdup_printf (_("Edited from revision %u, approved on %s, to revision %u"),
                                 approval->model_revision, when, self->record->revision);
    }

  set_row_text (self->uses_row, uses);
  set_row_text (self->submitter_row, submitter);
  set_row_text (self->requested_date_row, requested_date);
  set_row_text (self->comment_row, request != NULL ? request->comment : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->justification_row),
                          request != NULL && request->justification != NULL);
  set_row_text (self->justification_row, request != NULL ? request->justification : NULL);
  set_row_text (self->changes_row, changes);
}

/* A new request starts at its top, not where the last one was left.
 * AdwPreferencesPage has no scroll_to_top before libadwaita 1.3; its
 * child is the scrolled window. */
static void
scroll_to_top (MrReviewPane *self)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (self->page);

  if (GTK_IS_SCROLLED_WINDOW (scrolled))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              0.0);
}

static void
mr_review_pane_dispose (GObject *object)
{
  MrReviewPane *self = MR_REVIEW_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->record, mr_model_record_unref);

  G_OBJECT_CLASS (mr_review_pane_parent_class)->dispose (object);
}

static void
mr_review_pane_class_init (MrReviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_review_pane_dispose;

  signals[DECIDED] =
    g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  MR_TYPE_MODEL_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (MR_TYPE_DATE_ROW);
  g_type_ensure (MR_TYPE_POLICY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, stack);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, page);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, uses_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, submitter_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, requested_date_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, comment_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, justification_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, changes_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, checks_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, policy_group);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, decision_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, conditions_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, review_date_row);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, comment_view);
  gtk_widget_class_bind_template_child (widget_class, MrReviewPane, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "review.decide", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "review.retire", NULL, retire_action);
}

static void
mr_review_pane_init (MrReviewPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->comment_view), "changed",
                            G_CALLBACK (on_field_changed), self);
  on_field_changed (self);
}

GtkWidget *
mr_review_pane_new (void)
{
  return g_object_new (MR_TYPE_REVIEW_PANE, NULL);
}

void
mr_review_pane_set_repository (MrReviewPane *self,
                               MrRepository *repository)
{
  g_return_if_fail (MR_IS_REVIEW_PANE (self));

  g_set_object (&self->repository, repository);
}

void
mr_review_pane_set_framework (MrReviewPane *self,
                              MrFramework  *framework)
{
  g_return_if_fail (MR_IS_REVIEW_PANE (self));

  mr_policy_group_set_framework (self->policy_group, framework);
}

void
mr_review_pane_set_request (MrReviewPane  *self,
                            MrModelRecord *record,
                            GPtrArray     *events)
{
  g_return_if_fail (MR_IS_REVIEW_PANE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->record, mr_model_record_unref);
  self->busy = FALSE;
  mr_policy_group_set_record (self->policy_group, NULL);
  gtk_stack_set_visible_child_name (self->stack, record != NULL ? "review" : "empty");
  if (record != NULL)
    {
      self->record = mr_model_record_ref (record);
      gtk_label_set_text (self->name_label, record->name);
      gtk_label_set_text (self->status_label, mr_status_get_title (record->status));
      fill_request (self, events);
      set_row_text (self->checks_row, NULL);
      scroll_to_top (self);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), "", -1);
      gtk_editable_set_text (GTK_EDITABLE (self->conditions_row), "");
      mr_date_row_set_date (self->review_date_row, 0);
      if (self->repository != NULL)
        {
          self->cancellable = g_cancellable_new ();
          gtk_spinner_start (self->spinner);
          mr_repository_get_async (self->repository, record->id, self->cancellable,
                                   on_full_record_loaded, g_object_ref (self));
          mr_repository_list_checks_async (self->repository, record->id, self->cancellable,
                                           on_checks_listed, g_object_ref (self));
        }
    }
  on_field_changed (self);
}

MrModelRecord *
mr_review_pane_get_record (MrReviewPane *self)
{
  g_return_val_if_fail (MR_IS_REVIEW_PANE (self), NULL);

  return self->record;
}
