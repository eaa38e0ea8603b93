/* mr-checks-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-checks-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-check-runner.h"
#include "mr-checks-group.h"
#include "mr-display.h"
#include "mr-error-presenter.h"

/* How often the bar moves while the inference helper, which reports no
 * progress, runs. */
#define PULSE_INTERVAL_MS 150

struct _MrChecksGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *verification_row;
  GtkImage            *verification_icon;
  GtkLabel            *verification_status;
  AdwActionRow        *inference_row;
  GtkImage            *inference_icon;
  GtkLabel            *inference_status;
  AdwExpanderRow      *history_row;
  GtkButton           *verify_button;
  GtkButton           *inference_button;
  GtkBox              *progress_box;
  GtkProgressBar      *progress_bar;
  GtkLabel            *explanation_label;

  /* Owned */
  MrRepository        *repository;
  MrAiModel           *model;
  gulong               record_handler;
  MrCheckRunner       *runner;          /* asked whether a runtime is installed */
  GCancellable        *list_cancellable;
  GCancellable        *run_cancellable; /* set while a check runs */
  guint                pulse_id;
  GPtrArray           *history_rows;    /* GtkWidget added to history_row */
  guint                n_checks;
};

G_DEFINE_FINAL_TYPE (MrChecksGroup, mr_checks_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_MODEL,
  PROP_N_CHECKS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *icon_name;
  const char *style_class;
  const char *word;
} StatusLook;

static const StatusLook status_looks[] = {
  [MR_CHECK_STATUS_PASSED] = { "emblem-ok-symbolic", "success", N_("Passed") },
  [MR_CHECK_STATUS_FAILED] = { "dialog-error-symbolic", "error", N_("Failed") },
  [MR_CHECK_STATUS_ERROR] = { "dialog-warning-symbolic", "warning", N_("Could not run") },
};

static const StatusLook not_run_look = { "action-unavailable-symbolic", "dim-label", N_("Not run") };

static const char * const kind_titles[] = {
  [MR_CHECK_KIND_VERIFICATION] = N_("Verification"),
  [MR_CHECK_KIND_INFERENCE] = N_("Inference check"),
  [MR_CHECK_KIND_INFERENCE_ENDPOINT] = N_("Inference check on a server"),
};

/* Callbacks hold a reference to the group and may run after it was
 * disposed (its template widgets gone), when their job was cancelled. */
static gboolean
is_disposed (MrChecksGroup *self)
{
  return self->history_rows == NULL;
}

static char *
format_when (gint64 unix_utc)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (utc);
  /* Translators: when a check finished; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* What it found, then when and by whom. */
static char *
format_details (const MrCheckRecord *check)
{
  g_autofree char *summary = mr_check_record_dup_summary (check);
  g_autofree char *when = format_when (check->finished_at);
  g_autofree char *actor = mr_display_actor (check->actor);

  /* Translators: a check's findings, then "2026-11-25 14:02 by alice" */
  return g_strdup_printf (_("%s\n%s by %s"), summary, when, actor);
}

static void
set_status_look (GtkImage         *icon,
                 GtkLabel         *label,
                 const StatusLook *look)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_looks); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), status_looks[i].style_class);
      gtk_widget_remove_css_class (GTK_WIDGET (label), status_looks[i].style_class);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (icon), not_run_look.style_class);
  gtk_widget_remove_css_class (GTK_WIDGET (label), not_run_look.style_class);
  gtk_image_set_from_icon_name (icon, look->icon_name);
  gtk_label_set_label (label, _(look->word));
  gtk_widget_add_css_class (GTK_WIDGET (icon), look->style_class);
  gtk_widget_add_css_class (GTK_WIDGET (label), look->style_class);
}

/* check is the latest of its kind, or NULL when there is none. */
static void
show_latest (AdwActionRow        *row,
             GtkImage            *icon,
             GtkLabel            *label,
             const MrCheckRecord *check)
{
  g_autofree char *details = NULL;

  if (check == NULL)
    {
      adw_action_row_set_subtitle (row, _("Never checked"));
      set_status_look (icon, label, &not_run_look);
      return;
    }
  details = format_details (check);
  adw_action_row_set_subtitle (row, details);
  set_status_look (icon, label, &status_looks[check->status]);
}

static GtkWidget *
new_history_row (const MrCheckRecord *check)
{
  const StatusLook *look = &status_looks[check->status];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (look->icon_name);
  g_autofree char *title = g_strdup_printf ("%s · %s", _(kind_titles[check->kind]),
                                            _(look->word));
  g_autofree char *details = format_details (check);

  gtk_widget_add_css_class (icon, look->style_class);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
clear_history (MrChecksGroup *self)
{
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_expander_row_remove (self->history_row, g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);
}

static void
set_n_checks (MrChecksGroup *self,
              guint          n_checks)
{
  if (self->n_checks == n_checks)
    return;
  self->n_checks = n_checks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKS]);
}

/* checks: newest first. */
static void
show_checks (MrChecksGroup *self,
             GPtrArray     *checks)
{
  const MrCheckRecord *verification = NULL;
  const MrCheckRecord *inference = NULL;
  g_autofree char *count = NULL;

  clear_history (self);
  for (guint i = 0; i < checks->len; i++)
    {
      const MrCheckRecord *check = g_ptr_array_index (checks, i);
      GtkWidget *row = new_history_row (check);

      if (check->kind == MR_CHECK_KIND_VERIFICATION && verification == NULL)
        verification = check;
      else if (mr_check_kind_is_inference (check->kind) && inference == NULL)
        inference = check;
      g_ptr_array_add (self->history_rows, row);
      adw_expander_row_add_row (self->history_row, row);
    }
  show_latest (self->verification_row, self->verification_icon, self->verification_status,
               verification);
  show_latest (self->inference_row, self->inference_icon, self->inference_status, inference);

  count = g_strdup_printf (ngettext ("%u check", "%u checks", checks->len), checks->len);
  adw_expander_row_set_subtitle (self->history_row, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_row), checks->len > 0);
  set_n_checks (self, checks->len);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrChecksGroup) self = user_data;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  checks = mr_repository_list_checks_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (checks != NULL)
    {
      show_checks (self, checks);
      return;
    }
  text = mr_error_presenter_format (error);
  adw_action_row_set_subtitle (self->verification_row, text);
  adw_action_row_set_subtitle (self->inference_row, text);
}

/* Why the buttons are insensitive, or NULL when they are not. */
static char *
dup_unavailable_reason (MrChecksGroup *self,
                        gboolean      *out_can_verify)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  *out_can_verify = FALSE;
  if (self->model == NULL || self->repository == NULL)
    return NULL;
  path = mr_check_weights_path (mr_ai_model_get_record (self->model), &error);
  if (path == NULL)
    return g_strdup (error->message);
  *out_can_verify = TRUE;
  if (!mr_check_runner_has_runtime (self->runner, &error))
    return g_strdup (error->message);
  return NULL;
}

static void
update_actions (MrChecksGroup *self)
{
  gboolean idle = self->run_cancellable == NULL;
  gboolean can_verify;
  g_autofree char *reason = dup_unavailable_reason (self, &can_verify);

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), idle && can_verify);
  gtk_widget_set_sensitive (GTK_WIDGET (self->inference_button),
                            idle && can_verify && reason == NULL);
  gtk_label_set_label (self->explanation_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), reason != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), !idle);
}

static void
reload (MrChecksGroup *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  update_actions (self);
  if (self->model == NULL || self->repository == NULL)
    {
      clear_history (self);
      set_n_checks (self, 0);
      return;
    }
  self->list_cancellable = g_cancellable_new ();
  mr_repository_list_checks_async (self->repository, mr_ai_model_get_id (self->model),
                                   self->list_cancellable, on_listed, g_object_ref (self));
}

static gboolean
pulse (gpointer user_data)
{
  MrChecksGroup *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_running (MrChecksGroup *self,
             const char    *what)
{
  if (what != NULL)
    {
      self->run_cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, what);
    }
  else
    {
      g_clear_object (&self->run_cancellable);
      g_clear_handle_id (&self->pulse_id, g_source_remove);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* The stored record has a new last_checked_at, and policy columns that
 * may follow an inference check: whoever shows the model sees them. */
static void
on_record_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrChecksGroup) self = user_data;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = mr_repository_get_finish (MR_REPOSITORY (source), result, &error);
  if (is_disposed (self))
    return;
  if (record != NULL && self->model != NULL &&
      mr_ai_model_get_id (self->model) == record->id)
    mr_ai_model_set_record (self->model, record);
  reload (self);
}

static void
finish_run (MrChecksGroup *self,
            const GError  *error,
            const char    *summary,
            const char    *advice)
{
  if (is_disposed (self))
    return;
  set_running (self, NULL);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (advice != NULL)
        mr_error_presenter_present_with_advice (GTK_WIDGET (self), summary, error, advice);
      else
        mr_error_presenter_present (GTK_WIDGET (self), summary, error);
    }
  if (self->model == NULL || self->repository == NULL)
    return;
  mr_repository_get_async (self->repository, mr_ai_model_get_id (self->model), NULL,
                           on_record_read, g_object_ref (self));
}

static void
on_verify_progress (double   fraction,
                    gpointer user_data)
{
  MrChecksGroup *self = user_data;

  if (!is_disposed (self))
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrChecksGroup) self = user_data;
  g_autoptr(MrCheckRecord) check = NULL;
  g_autoptr(GError) error = NULL;

  check = mr_repository_verify_model_finish (MR_REPOSITORY (source), result, &error);
  finish_run (self, error, _("Could not verify the files"),
              _("The files may be damaged, moved, or not weights this program reads. The "
                "attempt is kept in the model’s checks."));
}

static void
on_verify_clicked (MrChecksGroup *self)
{
  g_return_if_fail (self->run_cancellable == NULL);

  set_running (self, _("Hashing the files…"));
  /* self holds the callback's reference, so progress_data outlives it. */
  mr_repository_verify_model_async (self->repository, mr_ai_model_get_record (self->model),
                                    on_verify_progress, self, self->run_cancellable,
                                    on_verified, g_object_ref (self));
}

static void
on_inference_checked (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MrChecksGroup) self = user_data;
  g_autoptr(MrCheckRecord) check = NULL;
  g_autoptr(GError) error = NULL;

  check = mr_repository_run_check_finish (MR_REPOSITORY (source), result, &error);
  finish_run (self, error, _("Could not run the inference check"), NULL);
}

static void
on_inference_clicked (MrChecksGroup *self)
{
  g_return_if_fail (self->run_cancellable == NULL);

  set_running (self, _("Running the model twice…"));
  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);
  mr_repository_run_check_async (self->repository, mr_ai_model_get_record (self->model),
                                 self->run_cancellable, on_inference_checked,
                                 g_object_ref (self));
}

static void
on_cancel_clicked (MrChecksGroup *self)
{
  g_cancellable_cancel (self->run_cancellable);
}

void
mr_checks_group_set_repository (MrChecksGroup *self,
                                MrRepository  *repository)
{
  g_return_if_fail (MR_IS_CHECKS_GROUP (self));
  g_return_if_fail (repository == NULL || MR_IS_REPOSITORY (repository));

  if (!g_set_object (&self->repository, repository))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

void
mr_checks_group_set_model (MrChecksGroup *self,
                           MrAiModel     *model)
{
  g_return_if_fail (MR_IS_CHECKS_GROUP (self));
  g_return_if_fail (model == NULL || MR_IS_AI_MODEL (model));

  if (self->model == model)
    return;
  /* A check under way belongs to the model it was started on. */
  g_cancellable_cancel (self->run_cancellable);
  g_clear_signal_handler (&self->record_handler, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->record_handler = g_signal_connect_object (model, "notify::record", G_CALLBACK (reload),
                                                    self, G_CONNECT_SWAPPED);
  clear_history (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
mr_checks_group_get_n_checks (MrChecksGroup *self)
{
  g_return_val_if_fail (MR_IS_CHECKS_GROUP (self), 0);

  return self->n_checks;
}

gboolean
mr_checks_group_get_running (MrChecksGroup *self)
{
  g_return_val_if_fail (MR_IS_CHECKS_GROUP (self), FALSE);

  return self->run_cancellable != NULL;
}

static void
mr_checks_group_dispose (GObject *object)
{
  MrChecksGroup *self = MR_CHECKS_GROUP (object);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_signal_handler (&self->record_handler, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_checks_group_parent_class)->dispose (object);
}

static void
mr_checks_group_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MrChecksGroup *self = MR_CHECKS_GROUP (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_N_CHECKS:
      g_value_set_uint (value, self->n_checks);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, mr_checks_group_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_checks_group_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MrChecksGroup *self = MR_CHECKS_GROUP (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      mr_checks_group_set_repository (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      mr_checks_group_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_checks_group_class_init (MrChecksGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_checks_group_dispose;
  object_class->get_property = mr_checks_group_get_property;
  object_class->set_property = mr_checks_group_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, MR_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MR_TYPE_AI_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_CHECKS] =
    g_param_spec_uint ("n-checks", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-checks-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, verification_row);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, verification_icon);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, verification_status);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, inference_row);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, inference_icon);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, inference_status);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, history_row);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, verify_button);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, inference_button);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MrChecksGroup, explanation_label);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_inference_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
mr_checks_group_init (MrChecksGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->history_rows = g_ptr_array_new ();
  self->runner = mr_check_runner_new ();
  update_actions (self);
}
