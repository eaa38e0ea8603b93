/* mr-model-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-model-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-component-dialog.h"
#include "mr-display.h"
#include "mr-error-presenter.h"
#include "mr-evidence-group.h"
#include "mr-history-group.h"
#include "mr-model-detail.h"
#include "mr-checks-group.h"
#include "mr-policy-group.h"
#include "mr-submit-dialog.h"
#include "mr-snapshots-group.h"
#include "mr-use-catalog.h"

struct _MrModelDetail
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *name_label;
  GtkLabel            *provider_label;
  GtkLinkButton       *source_link;
  GtkLabel            *source_link_label;
  GtkLabel            *source_label;
  GtkWidget           *status_badge;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkWidget           *openness_badge;
  GtkImage            *openness_icon;
  GtkLabel            *openness_label;
  GtkWidget           *flags_badge;
  GtkImage            *flags_icon;
  GtkLabel            *flags_label;
  AdwActionRow        *version_row;
  AdwActionRow        *owner_row;
  AdwActionRow        *license_row;
  AdwActionRow        *tags_row;
  AdwActionRow        *deployment_row;
  AdwActionRow        *sensitivity_row;
  AdwActionRow        *description_row;
  AdwActionRow        *notes_row;
  AdwActionRow        *vendor_agreement_row;
  AdwActionRow        *updated_row;
  AdwActionRow        *checked_row;
  AdwPreferencesGroup *uses_group;
  MrPolicyGroup       *policy_group;
  MrEvidenceGroup     *evidence_group;
  MrHistoryGroup      *history_group;
  GtkWidget           *submit_button;
  MrSnapshotsGroup    *snapshots_group;
  MrChecksGroup       *checks_group;
  GtkSpinner          *spinner;

  /* Owned */
  GPtrArray           *use_rows;
  MrRepository        *repository;
  MrAiModel           *model;
  gulong               record_handler;
  MrModelRecord       *full_record;
  MrModelRecord       *loading_record; /* read, waiting for its policy inputs */
  MrFramework         *framework;   /* NULL: the shipped one */
  GCancellable        *load_cancellable;
};

G_DEFINE_FINAL_TYPE (MrModelDetail, mr_model_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const badge_styles[] = { "success", "warning", "error", "accent", "dim-label" };

static void
set_badge (GtkWidget  *badge,
           GtkImage   *icon,
           GtkLabel   *label,
           const char *icon_name,
           const char *text,
           const char *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    gtk_widget_remove_css_class (badge, badge_styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
  gtk_image_set_from_icon_name (icon, icon_name);
  gtk_label_set_text (label, text);
}

/* Empty fields say so instead of leaving a blank the reader must interpret. */
static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? _("Not recorded") : text);
}

static void
fill_header (MrModelDetail       *self,
             const MrModelRecord *r)
{
  g_autofree char *source = mr_display_source_label (r);
  g_autofree char *uri = mr_display_source_uri (r);
  g_autofree char *flags = mr_display_flags_label (r->worst_flag, r->n_flags);
  MrFlagSeverity worst = r->n_flags > 0 ? r->worst_flag : MR_FLAG_SEVERITY_NONE;

  gtk_label_set_text (self->name_label, r->name);
  gtk_label_set_text (self->provider_label, r->provider != NULL ? r->provider : _("Unknown provider"));
  gtk_widget_set_visible (GTK_WIDGET (self->source_link), uri != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), uri == NULL);
  if (uri != NULL)
    {
      gtk_link_button_set_uri (self->source_link, uri);
      gtk_label_set_text (self->source_link_label, source);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_link), uri);
    }
  gtk_label_set_text (self->source_label, source);

  set_badge (self->status_badge, self->status_icon, self->status_label,
             mr_display_status_icon (r->status), mr_status_get_title (r->status),
             mr_display_status_style (r->status));
  set_badge (self->openness_badge, self->openness_icon, self->openness_label,
             mr_display_openness_icon (r->openness), mr_openness_get_title (r->openness),
             mr_display_openness_style (r->openness));
  set_badge (self->flags_badge, self->flags_icon, self->flags_label,
             mr_display_flag_icon (worst), flags, mr_display_flag_style (worst));
  gtk_widget_set_visible (self->submit_button,
                          mr_workflow_can (r->status, MR_WORKFLOW_ACTION_SUBMIT, r->name, NULL, NULL));
}

static void
fill_details (MrModelDetail       *self,
              const MrModelRecord *r)
{
  g_autofree char *tags = g_strjoinv (", ", r->tags);
  g_autofree char *updated = mr_display_date (r->updated_at);
  g_autofree char *checked = mr_display_date (r->last_checked_at);

  set_row_text (self->version_row, r->version);
  set_row_text (self->owner_row, r->owner);
  set_row_text (self->license_row, r->license);
  set_row_text (self->vendor_agreement_row, r->vendor_agreement);
  set_row_text (self->tags_row, tags);
  set_row_text (self->deployment_row, mr_deployment_get_title (r->deployment));
  set_row_text (self->sensitivity_row, mr_data_sensitivity_get_title (r->data_sensitivity));
  set_row_text (self->description_row, r->description);
  set_row_text (self->notes_row, r->notes);
  set_row_text (self->updated_row, updated);
  set_row_text (self->checked_row, checked);
}

static GtkWidget *
new_plain_row (const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* "Credit scoring", "High-risk · EU AI Act Annex III 5(b)". */
static GtkWidget *
new_use_row (const char *id)
{
  const MrIntendedUse *use = mr_use_catalog_lookup (mr_use_catalog_get_default (), id);
  g_autofree char *subtitle = NULL;

  if (use == NULL)
    return new_plain_row (id, _("Not in the catalogue of intended uses"));
  /* Translators: risk tier of an intended use, then its legal reference */
  subtitle = g_strdup_printf (_("%s · %s"), mr_display_risk_tier_title (use->tier), use->reference);
  return new_plain_row (use->label, subtitle);
}

static void
fill_uses (MrModelDetail       *self,
           const MrModelRecord *r)
{
  for (guint i = 0; i < self->use_rows->len; i++)
    adw_preferences_group_remove (self->uses_group, g_ptr_array_index (self->use_rows, i));
  g_ptr_array_set_size (self->use_rows, 0);

  for (guint i = 0; r->intended_uses[i] != NULL; i++)
    g_ptr_array_add (self->use_rows, new_use_row (r->intended_uses[i]));
  if (self->use_rows->len == 0)
    g_ptr_array_add (self->use_rows, new_plain_row (_("None recorded"), NULL));

  for (guint i = 0; i < self->use_rows->len; i++)
    adw_preferences_group_add (self->uses_group, g_ptr_array_index (self->use_rows, i));
}

static void
fill_all (MrModelDetail       *self,
          const MrModelRecord *r)
{
  fill_header (self, r);
  fill_details (self, r);
  fill_uses (self, r);
}

static void
set_full_record (MrModelDetail *self,
                 MrModelRecord *record)
{
  if (self->full_record == record)
    return;
  g_clear_pointer (&self->full_record, mr_model_record_unref);
  if (record != NULL)
    self->full_record = mr_model_record_ref (record);
  mr_policy_group_set_record (self->policy_group, record);
  mr_evidence_group_set_record (self->evidence_group, record);
  mr_history_group_set_model (self->history_group, self->repository,
                              record != NULL ? record->id : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
on_component_saved (MrModelDetail *self,
                    MrModelRecord *stored)
{
  if (self->model == NULL || mr_ai_model_get_id (self->model) != stored->id)
    return;
  set_full_record (self, stored);
  mr_ai_model_set_record (self->model, stored);
}

static void
on_edit_component (MrModelDetail   *self,
                   MrComponentKind  kind)
{
  MrComponentDialog *dialog;

  if (self->full_record == NULL || self->repository == NULL)
    return;
  dialog = mr_component_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    self->repository, self->full_record, kind);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_component_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_submitted (MrModelDetail *self,
              MrModelRecord *stored)
{
  if (self->model == NULL || mr_ai_model_get_id (self->model) != stored->id)
    return;
  mr_ai_model_set_record (self->model, stored);
  /* A submission may keep the revision, so the record is not reloaded. */
  mr_history_group_set_model (self->history_group, self->repository, stored->id);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrModelDetail *self = MR_MODEL_DETAIL (widget);
  g_autoptr(MrFramework) shipped = NULL;
  MrSubmitDialog *dialog;

  if (self->full_record == NULL || self->repository == NULL)
    return;
  if (self->framework == NULL)
    shipped = mr_framework_new_default (NULL);
  dialog = mr_submit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->repository,
                                 self->framework != NULL ? self->framework : shipped,
                                 self->full_record);
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_submitted), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_policy_inputs_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(MrModelDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  MrPolicyInputs inputs;

  if (!mr_repository_get_policy_inputs_finish (MR_REPOSITORY (source), result, &inputs, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  record = g_steal_pointer (&self->loading_record);
  if (error != NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not load the model's evidence"), error);
      return;
    }

  mr_policy_group_set_inputs (self->policy_group, &inputs);
  set_full_record (self, record);
  /* The model then tells the list and us about any change since listing. */
  mr_ai_model_set_record (self->model, record);
  fill_all (self, record);
}

static void
on_full_record_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MrModelDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;

  record = mr_repository_get_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      gtk_spinner_stop (self->spinner);
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not load the model's evidence"), error);
      return;
    }

  /* The policy is evaluated as the store does, with the outcome of the
   * latest inference check: the record alone does not hold it. */
  g_clear_pointer (&self->loading_record, mr_model_record_unref);
  self->loading_record = g_steal_pointer (&record);
  mr_repository_get_policy_inputs_async (self->repository, self->loading_record->id,
                                         self->load_cancellable, on_policy_inputs_loaded,
                                         g_object_ref (self));
}

static void
start_load (MrModelDetail *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_record, mr_model_record_unref);
  set_full_record (self, NULL);
  mr_policy_group_set_inputs (self->policy_group, NULL);

  if (self->model == NULL || self->repository == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  mr_repository_get_async (self->repository, mr_ai_model_get_id (self->model),
                           self->load_cancellable, on_full_record_loaded, g_object_ref (self));
}

static void
on_record_changed (MrModelDetail *self)
{
  MrModelRecord *record = mr_ai_model_get_record (self->model);

  fill_all (self, record);
  /* A decision changes the status, not the revision: the history grew. */
  if (self->full_record != NULL && self->full_record->status != record->status)
    mr_history_group_set_model (self->history_group, self->repository, record->id);
  /* Another window saved the entry, or a check finished: the evidence
   * or the policy inputs shown are out of date. */
  if (self->full_record != NULL && self->full_record != record &&
      (self->full_record->revision != record->revision ||
       self->full_record->last_checked_at != record->last_checked_at))
    start_load (self);
}

static void
mr_model_detail_dispose (GObject *object)
{
  MrModelDetail *self = MR_MODEL_DETAIL (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_signal_handler (&self->record_handler, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->full_record, mr_model_record_unref);
  g_clear_pointer (&self->loading_record, mr_model_record_unref);
  g_clear_object (&self->framework);
  g_clear_pointer (&self->use_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_model_detail_parent_class)->dispose (object);
}

static void
mr_model_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MrModelDetail *self = MR_MODEL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->full_record != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_model_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MrModelDetail *self = MR_MODEL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mr_model_detail_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_model_detail_class_init (MrModelDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_model_detail_dispose;
  object_class->get_property = mr_model_detail_get_property;
  object_class->set_property = mr_model_detail_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MR_TYPE_AI_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MR_TYPE_POLICY_GROUP);
  g_type_ensure (MR_TYPE_EVIDENCE_GROUP);
  g_type_ensure (MR_TYPE_HISTORY_GROUP);
  g_type_ensure (MR_TYPE_SNAPSHOTS_GROUP);
  g_type_ensure (MR_TYPE_CHECKS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-model-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, provider_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, source_link);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, source_link_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, source_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, status_badge);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, openness_badge);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, openness_icon);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, openness_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, flags_badge);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, flags_icon);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, flags_label);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, version_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, license_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, tags_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, deployment_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, description_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, notes_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, vendor_agreement_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, updated_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, checked_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, uses_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, policy_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, snapshots_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, checks_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelDetail, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_component);

  gtk_widget_class_install_action (widget_class, "detail.submit", NULL, submit_action);
}

static void
mr_model_detail_init (MrModelDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->use_rows = g_ptr_array_new ();
}

GtkWidget *
mr_model_detail_new (void)
{
  return g_object_new (MR_TYPE_MODEL_DETAIL, NULL);
}

void
mr_model_detail_set_repository (MrModelDetail *self,
                                MrRepository  *repository)
{
  g_return_if_fail (MR_IS_MODEL_DETAIL (self));

  mr_snapshots_group_set_repository (self->snapshots_group, repository);
  mr_checks_group_set_repository (self->checks_group, repository);
  if (g_set_object (&self->repository, repository))
    start_load (self);
}

MrAiModel *
mr_model_detail_get_model (MrModelDetail *self)
{
  g_return_val_if_fail (MR_IS_MODEL_DETAIL (self), NULL);

  return self->model;
}

void
mr_model_detail_set_framework (MrModelDetail *self,
                               MrFramework   *framework)
{
  g_return_if_fail (MR_IS_MODEL_DETAIL (self));

  g_set_object (&self->framework, framework);
  mr_policy_group_set_framework (self->policy_group, framework);
}

MrModelRecord *
mr_model_detail_get_full_record (MrModelDetail *self)
{
  g_return_val_if_fail (MR_IS_MODEL_DETAIL (self), NULL);

  return self->full_record;
}

void
mr_model_detail_set_model (MrModelDetail *self,
                           MrAiModel     *model)
{
  g_return_if_fail (MR_IS_MODEL_DETAIL (self));
  g_return_if_fail (model == NULL || MR_IS_AI_MODEL (model));

  if (self->model == model)
    return;

  g_clear_signal_handler (&self->record_handler, self->model);
  g_set_object (&self->model, model);
  gtk_stack_set_visible_child_name (self->stack, model != NULL ? "details" : "empty");
  if (model != NULL)
    {
      self->record_handler = g_signal_connect_object (model, "notify::record",
                                                      G_CALLBACK (on_record_changed), self,
                                                      G_CONNECT_SWAPPED);
      fill_all (self, mr_ai_model_get_record (model));
    }
  mr_snapshots_group_set_model (self->snapshots_group, model);
  mr_checks_group_set_model (self->checks_group, model);
  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
