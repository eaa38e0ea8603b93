/* mr-audit-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-audit-row.h"
#include "mr-audit-window.h"
#include "mr-error-presenter.h"

/* A list box row costs memory and layout time; a trail of many thousand
 * entries is read by filtering, not by scrolling. */
#define MAX_ROWS 500

struct _MrAuditWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkDropDown         *action_dropdown;
  GtkSearchEntry      *actor_entry;
  GtkLabel            *status_label;
  AdwPreferencesGroup *entries_group;

  /* Owned */
  MrRepository        *repository;
  GCancellable        *cancellable;
  GPtrArray           *records;   /* MrAuditRecord, oldest first */
  GPtrArray           *actions;   /* the dropdown's nicks after "All actions" */
  GPtrArray           *rows;
  char                *status;
};

G_DEFINE_FINAL_TYPE (MrAuditWindow, mr_audit_window, ADW_TYPE_WINDOW)

static const char *
get_action_filter (MrAuditWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->action_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->actions->len)
    return NULL;
  return g_ptr_array_index (self->actions, selected - 1);
}

static gboolean
matches (const MrAuditRecord *record,
         const char          *action,
         const char          *actor)
{
  if (action != NULL && g_strcmp0 (record->action, action) != 0)
    return FALSE;
  return actor == NULL || *actor == '\0' || strstr (record->actor, actor) != NULL;
}

static void
fill_rows (MrAuditWindow *self)
{
  const char *action = get_action_filter (self);
  const char *actor = gtk_editable_get_text (GTK_EDITABLE (self->actor_entry));
  guint n_matching = 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->entries_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (self->records == NULL)
    return;

  for (guint i = self->records->len; i > 0; i--)
    {
      const MrAuditRecord *record = g_ptr_array_index (self->records, i - 1);
      GtkWidget *row;

      if (!matches (record, action, actor))
        continue;
      if (++n_matching > MAX_ROWS)
        continue;
      row = mr_audit_row_new (record);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->entries_group, row);
    }

  if (n_matching > MAX_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("The newest %u of %u entries; filter to see others"),
                                               MAX_ROWS, n_matching);

      adw_preferences_group_set_description (self->entries_group, text);
    }
  else if (n_matching == 0)
    adw_preferences_group_set_description (self->entries_group, _("No entries match"));
  else
    adw_preferences_group_set_description (self->entries_group, NULL);
}

static void
on_filter_changed (MrAuditWindow *self)
{
  fill_rows (self);
}

static void
fill_actions (MrAuditWindow *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_set_size (self->actions, 0);
  gtk_string_list_append (titles, _("All actions"));
  for (guint i = 0; i < self->records->len; i++)
    {
      const MrAuditRecord *record = g_ptr_array_index (self->records, i);

      if (!g_hash_table_add (seen, record->action))
        continue;
      g_ptr_array_add (self->actions, g_strdup (record->action));
      gtk_string_list_append (titles, mr_audit_row_action_title (record->action));
    }
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->action_dropdown, 0);
}

static void
on_audit_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MrAuditWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = mr_repository_list_audit_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (records == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not read the audit trail"), error);
      return;
    }
  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records = records;
  fill_actions (self);
  fill_rows (self);
}

static void
set_status (MrAuditWindow *self,
            const char    *text,
            const char    *style)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrAuditWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_entries = 0;
  gint64 first_bad = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
  if (!mr_repository_verify_audit_finish (MR_REPOSITORY (source), result, &n_entries,
                                          &first_bad, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The store's message names the first bad entry. */
      text = g_strdup_printf (_("Audit trail broken: %s"), error->message);
      set_status (self, text, "error");
      return;
    }
  text = g_strdup_printf (ngettext ("Audit trail intact: %u entry",
                                    "Audit trail intact: %u entries", n_entries), n_entries);
  set_status (self, text, "success");
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mr_audit_window_verify (MR_AUDIT_WINDOW (widget));
}

static void
mr_audit_window_dispose (GObject *object)
{
  MrAuditWindow *self = MR_AUDIT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (mr_audit_window_parent_class)->dispose (object);
}

static void
mr_audit_window_class_init (MrAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_audit_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrAuditWindow, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrAuditWindow, actor_entry);
  gtk_widget_class_bind_template_child (widget_class, MrAuditWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MrAuditWindow, entries_group);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mr_audit_window_init (MrAuditWindow *self)
{
  self->actions = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

MrAuditWindow *
mr_audit_window_new (GtkWindow    *parent,
                     MrRepository *repository)
{
  MrAuditWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_REPOSITORY (repository), NULL);

  self = g_object_new (MR_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  mr_repository_list_audit_async (repository, 0, 0, 0, self->cancellable,
                                  on_audit_listed, g_object_ref (self));
  return self;
}

void
mr_audit_window_set_filter (MrAuditWindow *self,
                            const char    *action,
                            const char    *actor)
{
  guint position = 0;

  g_return_if_fail (MR_IS_AUDIT_WINDOW (self));

  for (guint i = 0; action != NULL && i < self->actions->len; i++)
    if (g_str_equal (action, g_ptr_array_index (self->actions, i)))
      position = i + 1;
  gtk_drop_down_set_selected (self->action_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->actor_entry), actor != NULL ? actor : "");
  fill_rows (self);
}

guint
mr_audit_window_get_n_shown (MrAuditWindow *self)
{
  g_return_val_if_fail (MR_IS_AUDIT_WINDOW (self), 0);

  return self->rows->len;
}

void
mr_audit_window_verify (MrAuditWindow *self)
{
  g_return_if_fail (MR_IS_AUDIT_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", FALSE);
  mr_repository_verify_audit_async (self->repository, self->cancellable,
                                    on_verified, g_object_ref (self));
}

const char *
mr_audit_window_get_status (MrAuditWindow *self)
{
  g_return_val_if_fail (MR_IS_AUDIT_WINDOW (self), NULL);

  return self->status;
}
