/* mr-history-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-history-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-audit-row.h"
#include "mr-error-presenter.h"
#include "mr-history-group.h"

struct _MrHistoryGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (MrHistoryGroup, mr_history_group, ADW_TYPE_PREFERENCES_GROUP)

static void
clear_rows (MrHistoryGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (MrHistoryGroup *self,
         GtkWidget      *row)
{
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

static void
on_audit_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MrHistoryGroup) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = mr_repository_list_audit_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (records == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not read the model's history"), error);
      return;
    }
  clear_rows (self);
  for (guint i = records->len; i > 0; i--)
    add_row (self, mr_audit_row_new (g_ptr_array_index (records, i - 1)));
  if (records->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No history recorded"));
      add_row (self, row);
    }
}

static void
mr_history_group_dispose (GObject *object)
{
  MrHistoryGroup *self = MR_HISTORY_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_history_group_parent_class)->dispose (object);
}

static void
mr_history_group_class_init (MrHistoryGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mr_history_group_dispose;
}

static void
mr_history_group_init (MrHistoryGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("History"));
}

GtkWidget *
mr_history_group_new (void)
{
  return g_object_new (MR_TYPE_HISTORY_GROUP, NULL);
}

void
mr_history_group_set_model (MrHistoryGroup *self,
                            MrRepository   *repository,
                            gint64          model_id)
{
  g_return_if_fail (MR_IS_HISTORY_GROUP (self));
  g_return_if_fail (repository == NULL || MR_IS_REPOSITORY (repository));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (repository == NULL || model_id == 0)
    {
      clear_rows (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  mr_repository_list_audit_async (repository, model_id, 0, 0, self->cancellable,
                                  on_audit_listed, g_object_ref (self));
}

gboolean
mr_history_group_get_loading (MrHistoryGroup *self)
{
  g_return_val_if_fail (MR_IS_HISTORY_GROUP (self), FALSE);

  return self->cancellable != NULL;
}
