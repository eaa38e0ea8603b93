/* mr-snapshots-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-snapshots-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-error-presenter.h"
#include "mr-snapshot.h"
#include "mr-snapshots-group.h"

/* Enough of a commit sha or digest to tell snapshots apart, as git does. */
#define SHORT_SHA_LENGTH 7

struct _MrSnapshotsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  MrRepository        *repository;
  MrAiModel           *model;
  gulong               record_handler;
  GCancellable        *cancellable;
  GPtrArray           *rows;          /* GtkWidget added to the group */
  guint                n_snapshots;
};

G_DEFINE_FINAL_TYPE (MrSnapshotsGroup, mr_snapshots_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_N_SNAPSHOTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_rows (MrSnapshotsGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (MrSnapshotsGroup *self,
         GtkWidget        *row)
{
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

static GtkWidget *
new_text_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static char *
format_taken (gint64 fetched_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (fetched_at);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (utc);
  /* Translators: when a snapshot was taken; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static char *
format_origin (const MrSnapshot *snapshot)
{
  const char *source = mr_evidence_source_get_title (snapshot->source);
  const char *commit = snapshot->commit;
  g_autofree char *short_sha = NULL;

  if (commit == NULL)
    return g_strdup (source);
  if (g_str_has_prefix (commit, "sha256:"))
    commit += strlen ("sha256:");
  short_sha = g_strndup (commit, SHORT_SHA_LENGTH);
  /* Translators: "Hugging Face Hub · commit 607a30d" */
  return g_strdup_printf (_("%s · commit %s"), source, short_sha);
}

static GtkWidget *
new_snapshot_row (const MrSnapshot *before,
                  const MrSnapshot *after)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *taken = format_taken (after->fetched_at);
  g_autofree char *origin = format_origin (after);
  g_autoptr(GPtrArray) changes = mr_snapshot_diff (before, after);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), taken);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), origin);

  if (before == NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_text_row (_("The first snapshot: nothing to compare it with")));
  else if (changes->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_text_row (_("Nothing changed since the snapshot before")));
  for (guint i = 0; i < changes->len; i++)
    {
      const MrSnapshotChange *change = g_ptr_array_index (changes, i);
      GtkWidget *change_row = new_text_row (change->text);

      /* An approval does not cover these: the reader should see which. */
      if (mr_snapshot_change_needs_rereview (change))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("An approval does not cover this change"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (change_row), icon);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), change_row);
    }
  return row;
}

static void
set_n_snapshots (MrSnapshotsGroup *self,
                 guint             n_snapshots)
{
  if (self->n_snapshots == n_snapshots)
    return;
  self->n_snapshots = n_snapshots;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SNAPSHOTS]);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrSnapshotsGroup) self = user_data;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;

  snapshots = mr_repository_list_snapshots_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_rows (self);
  if (snapshots == NULL)
    {
      g_autofree char *text = mr_error_presenter_format (error);

      add_row (self, new_text_row (text));
      set_n_snapshots (self, 0);
      return;
    }
  if (snapshots->len == 0)
    add_row (self, new_text_row (_("No snapshot yet: refresh the model to take one")));
  /* Newest first: the latest change is what a reviewer asks about. */
  for (guint i = snapshots->len; i > 0; i--)
    add_row (self, new_snapshot_row (i > 1 ? g_ptr_array_index (snapshots, i - 2) : NULL,
                                     g_ptr_array_index (snapshots, i - 1)));
  set_n_snapshots (self, snapshots->len);
}

static gboolean
has_remote_source (MrAiModel *model)
{
  MrSourceKind kind = mr_ai_model_get_record (model)->source_kind;

  return kind == MR_SOURCE_KIND_HUGGING_FACE || kind == MR_SOURCE_KIND_OLLAMA;
}

static void
reload (MrSnapshotsGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_n_snapshots (self, 0);

  gtk_widget_set_visible (GTK_WIDGET (self), self->model != NULL && has_remote_source (self->model));
  if (self->repository == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      clear_rows (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  mr_repository_list_snapshots_async (self->repository, mr_ai_model_get_id (self->model),
                                      self->cancellable, on_listed, g_object_ref (self));
}

void
mr_snapshots_group_set_repository (MrSnapshotsGroup *self,
                                   MrRepository     *repository)
{
  g_return_if_fail (MR_IS_SNAPSHOTS_GROUP (self));
  g_return_if_fail (repository == NULL || MR_IS_REPOSITORY (repository));

  if (g_set_object (&self->repository, repository))
    reload (self);
}

void
mr_snapshots_group_set_model (MrSnapshotsGroup *self,
                              MrAiModel        *model)
{
  g_return_if_fail (MR_IS_SNAPSHOTS_GROUP (self));
  g_return_if_fail (model == NULL || MR_IS_AI_MODEL (model));

  if (self->model == model)
    return;
  g_clear_signal_handler (&self->record_handler, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->record_handler = g_signal_connect_object (model, "notify::record", G_CALLBACK (reload),
                                                    self, G_CONNECT_SWAPPED);
  clear_rows (self);
  reload (self);
}

guint
mr_snapshots_group_get_n_snapshots (MrSnapshotsGroup *self)
{
  g_return_val_if_fail (MR_IS_SNAPSHOTS_GROUP (self), 0);

  return self->n_snapshots;
}

static void
mr_snapshots_group_dispose (GObject *object)
{
  MrSnapshotsGroup *self = MR_SNAPSHOTS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->record_handler, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_snapshots_group_parent_class)->dispose (object);
}

static void
mr_snapshots_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MrSnapshotsGroup *self = MR_SNAPSHOTS_GROUP (object);

  switch (prop_id)
    {
    case PROP_N_SNAPSHOTS:
      g_value_set_uint (value, self->n_snapshots);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_snapshots_group_class_init (MrSnapshotsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_snapshots_group_dispose;
  object_class->get_property = mr_snapshots_group_get_property;

  properties[PROP_N_SNAPSHOTS] =
    g_param_spec_uint ("n-snapshots", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-snapshots-group.ui");
}

static void
mr_snapshots_group_init (MrSnapshotsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
