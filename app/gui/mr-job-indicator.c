/* mr-job-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-job-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-job-indicator.h"

struct _MrJobIndicator
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkMenuButton  *button;
  GtkSpinner     *spinner;
  GtkListBox     *job_list;

  /* Owned */
  MrJobManager   *manager;
  GBinding       *busy_binding;
};

G_DEFINE_FINAL_TYPE (MrJobIndicator, mr_job_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_cancel_clicked (GtkButton *button,
                   MrJob     *job)
{
  mr_job_cancel (job);
  /* The job leaves the list once its work has noticed; until then the row
   * says it is on its way out. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static GtkWidget *
create_job_row (gpointer item,
                gpointer user_data)
{
  MrJob *job = item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (mr_job_get_title (job));
  GtkWidget *progress = gtk_progress_bar_new ();
  GtkWidget *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  g_autofree char *tooltip = NULL;

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 36);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);

  g_object_bind_property (job, "progress", progress, "fraction", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (text), progress);
  gtk_box_append (GTK_BOX (row), text);

  /* Translators: tooltip of a running job's cancel button; %s is its title */
  tooltip = g_strdup_printf (_("Cancel “%s”"), mr_job_get_title (job));
  gtk_widget_set_tooltip_text (cancel, tooltip);
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_add_css_class (cancel, "circular");
  gtk_widget_set_sensitive (cancel, !g_cancellable_is_cancelled (mr_job_get_cancellable (job)));
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (on_cancel_clicked), job, 0);
  gtk_box_append (GTK_BOX (row), cancel);

  return row;
}

static void
on_busy_changed (MrJobIndicator *self)
{
  gboolean busy = self->manager != NULL && mr_job_manager_get_busy (self->manager);

  gtk_widget_set_visible (GTK_WIDGET (self->button), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (!busy)
    gtk_menu_button_popdown (self->button);
}

void
mr_job_indicator_set_manager (MrJobIndicator *self,
                              MrJobManager   *manager)
{
  g_return_if_fail (MR_IS_JOB_INDICATOR (self));
  g_return_if_fail (manager == NULL || MR_IS_JOB_MANAGER (manager));

  if (self->manager == manager)
    return;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_set_object (&self->manager, manager);
  gtk_list_box_bind_model (self->job_list, G_LIST_MODEL (manager), create_job_row, NULL, NULL);
  if (manager != NULL)
    g_signal_connect_object (manager, "notify::busy", G_CALLBACK (on_busy_changed), self,
                             G_CONNECT_SWAPPED);
  on_busy_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER]);
}

MrJobManager *
mr_job_indicator_get_manager (MrJobIndicator *self)
{
  g_return_val_if_fail (MR_IS_JOB_INDICATOR (self), NULL);

  return self->manager;
}

static void
mr_job_indicator_dispose (GObject *object)
{
  MrJobIndicator *self = MR_JOB_INDICATOR (object);

  if (self->manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->manager, self);
      gtk_list_box_bind_model (self->job_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->manager);
    }

  G_OBJECT_CLASS (mr_job_indicator_parent_class)->dispose (object);
}

static void
mr_job_indicator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MrJobIndicator *self = MR_JOB_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_job_indicator_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MrJobIndicator *self = MR_JOB_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      mr_job_indicator_set_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_job_indicator_class_init (MrJobIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_job_indicator_dispose;
  object_class->get_property = mr_job_indicator_get_property;
  object_class->set_property = mr_job_indicator_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, MR_TYPE_JOB_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-job-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, MrJobIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, MrJobIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrJobIndicator, job_list);
}

static void
mr_job_indicator_init (MrJobIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_busy_changed (self);
}

GtkWidget *
mr_job_indicator_new (void)
{
  return g_object_new (MR_TYPE_JOB_INDICATOR, NULL);
}
