/* mr-approvals-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-approvals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-approvals-page.h"
#include "mr-audit-window.h"
#include "mr-display.h"
#include "mr-error-presenter.h"
#include "mr-review-pane.h"
#include "mr-window.h"

/* One request of the queue. */
typedef struct {
  MrModelRecord *record;
  GPtrArray     *events;     /* its MrApprovalEvent, borrowed from the page's list */
  const char    *submitter;  /* NULL: not known */
  gint64         since;      /* when it entered the queue */
  gboolean       overdue;
} QueueItem;

static void
queue_item_free (QueueItem *item)
{
  mr_model_record_unref (item->record);
  g_ptr_array_unref (item->events);
  g_free (item);
}

struct _MrApprovalsPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwLeaflet     *leaflet;
  GtkWidget      *queue_box;
  GtkWidget      *review_box;
  GtkLabel       *counts_label;
  GtkDropDown    *filter_dropdown;
  GtkStack       *queue_stack;
  GtkListBox     *queue_list;
  GtkWidget      *back_button;
  MrReviewPane   *review_pane;

  /* Owned */
  MrRepository   *repository;
  GCancellable   *cancellable;
  GPtrArray      *records;   /* MrModelRecord while the events load */
  GPtrArray      *events;    /* MrApprovalEvent of the whole register */
  GPtrArray      *items;     /* QueueItem */
  GPtrArray      *shown;     /* QueueItem, borrowed, in row order */
  guint           counts[MR_QUEUE_FILTER_OVERDUE + 1];
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (MrApprovalsPage, mr_approvals_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
item_matches (const QueueItem *item,
              MrQueueFilter    filter)
{
  switch (filter)
    {
    case MR_QUEUE_FILTER_SUBMITTED:
      return item->record->status == MR_STATUS_SUBMITTED;
    case MR_QUEUE_FILTER_REREVIEW:
      return item->record->status == MR_STATUS_REREVIEW_REQUIRED;
    case MR_QUEUE_FILTER_OVERDUE:
      return item->overdue;
    case MR_QUEUE_FILTER_ALL:
    default:
      return TRUE;
    }
}

static GtkWidget *
new_overdue_badge (void)
{
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (badge), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (badge), gtk_label_new (_("Overdue")));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "error");
  return badge;
}

static GtkWidget *
new_queue_row (const QueueItem *item)
{
  g_autofree char *uses = mr_display_uses_label (item->record);
  g_autofree char *since = mr_display_date (item->since);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (uses == NULL || *uses == '\0')
    {
      g_free (uses);
      uses = g_strdup (_("No intended use"));
    }
  if (item->submitter != NULL)
    /* Translators: the requested uses, who asked, and since when */
    subtitle = g_strdup_printf (_("%s\n%s · %s · since %s"), uses,
                                mr_display_status_title (item->record->status),
                                item->submitter, since);
  else
    /* Translators: the requested uses, the state, and since when */
    subtitle = g_strdup_printf (_("%s\n%s · since %s"), uses,
                                mr_display_status_title (item->record->status), since);

  /* Names come from imports and the Hub: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->record->name);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, item->record->name);
  if (item->overdue)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_overdue_badge ());
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
append_label (GtkStringList *labels,
              char          *label)
{
  gtk_string_list_append (labels, label);
  g_free (label);
}

static void
fill_filter (MrApprovalsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *counts = NULL;
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  /* Translators: filters of the review queue, with how many each shows */
  append_label (labels, g_strdup_printf (_("All requests (%u)"), self->counts[MR_QUEUE_FILTER_ALL]));
  append_label (labels, g_strdup_printf (_("Submitted (%u)"),
                                         self->counts[MR_QUEUE_FILTER_SUBMITTED]));
  append_label (labels, g_strdup_printf (_("Re-review required (%u)"),
                                         self->counts[MR_QUEUE_FILTER_REREVIEW]));
  append_label (labels, g_strdup_printf (_("Overdue (%u)"), self->counts[MR_QUEUE_FILTER_OVERDUE]));

  self->updating = TRUE;
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->filter_dropdown,
                              selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  self->updating = FALSE;

  /* Translators: the counts of the review queue per state */
  counts = g_strdup_printf (_("%u submitted · %u re-review · %u overdue"),
                            self->counts[MR_QUEUE_FILTER_SUBMITTED],
                            self->counts[MR_QUEUE_FILTER_REREVIEW],
                            self->counts[MR_QUEUE_FILTER_OVERDUE]);
  gtk_label_set_text (self->counts_label, counts);
}

static void
fill_list (MrApprovalsPage *self)
{
  MrQueueFilter filter = gtk_drop_down_get_selected (self->filter_dropdown);
  MrModelRecord *current = mr_review_pane_get_record (self->review_pane);
  gint64 current_id = current != NULL ? current->id : 0;
  GtkWidget *child;
  GtkListBoxRow *reselect = NULL;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list))) != NULL)
    gtk_list_box_remove (self->queue_list, child);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      QueueItem *item = g_ptr_array_index (self->items, i);
      GtkWidget *row;

      if (!item_matches (item, filter))
        continue;
      row = new_queue_row (item);
      g_ptr_array_add (self->shown, item);
      gtk_list_box_append (self->queue_list, row);
      if (item->record->id == current_id)
        reselect = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->queue_list, reselect);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->queue_stack, self->shown->len > 0 ? "list" : "empty");
  /* A decided request leaves the queue; the form must not offer it again. */
  if (reselect == NULL && current != NULL)
    mr_review_pane_set_request (self->review_pane, NULL, NULL);
}

/* events: the entry's own MrApprovalEvent, oldest first; taken. */
static QueueItem *
new_queue_item (MrModelRecord *record,
                GPtrArray     *events,
                gint64         now)
{
  QueueItem *item = g_new0 (QueueItem, 1);
  gint64 due = 0;

  item->record = mr_model_record_ref (record);
  item->events = events;
  item->since = record->updated_at;
  for (guint i = 0; i < events->len; i++)
    {
      MrApprovalEvent *event = g_ptr_array_index (events, i);

      /* Due: the review date the request asked for or, when an approval
       * fell due, the date it was given until. */
      if (event->action == MR_WORKFLOW_ACTION_SUBMIT ||
          event->action == MR_WORKFLOW_ACTION_EDIT_APPROVED)
        {
          item->submitter = event->actor;
          due = event->review_date;
        }
      else if (event->review_date != 0)
        due = event->review_date;
      item->since = event->time;
    }
  item->overdue = due != 0 && due < now;
  return item;
}

/* model id → its events (a GPtrArray borrowing from self->events), so that
 * a long history is read once, not once per request. */
static GHashTable *
group_events (MrApprovalsPage *self)
{
  GHashTable *by_model = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->events->len; i++)
    {
      MrApprovalEvent *event = g_ptr_array_index (self->events, i);
      GPtrArray *events = g_hash_table_lookup (by_model, &event->model_id);

      if (events == NULL)
        {
          events = g_ptr_array_new ();
          g_hash_table_insert (by_model, &event->model_id, events);
        }
      g_ptr_array_add (events, event);
    }
  return by_model;
}

static void
build_items (MrApprovalsPage *self)
{
  g_autoptr(GHashTable) by_model = group_events (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_ptr_array_set_size (self->items, 0);
  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < self->records->len; i++)
    {
      MrModelRecord *record = g_ptr_array_index (self->records, i);
      GPtrArray *events;
      QueueItem *item;

      if (record->status != MR_STATUS_SUBMITTED && record->status != MR_STATUS_REREVIEW_REQUIRED)
        continue;
      events = g_hash_table_lookup (by_model, &record->id);
      item = new_queue_item (record, events != NULL ? g_ptr_array_ref (events) : g_ptr_array_new (),
                             now);
      g_ptr_array_add (self->items, item);
      for (MrQueueFilter filter = MR_QUEUE_FILTER_ALL; filter <= MR_QUEUE_FILTER_OVERDUE; filter++)
        if (item_matches (item, filter))
          self->counts[filter]++;
    }
}

static void
on_approvals_listed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MrApprovalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  events = mr_repository_list_approvals_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (events == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not read the approval history"), error);
      return;
    }
  /* The items borrow the events: the old ones go after the new items. */
  g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = events;
  build_items (self);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  fill_filter (self);
  fill_list (self);
}

static void
on_records_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MrApprovalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = mr_repository_list_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (records == NULL)
    {
      g_clear_object (&self->cancellable);
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not list the register"), error);
      return;
    }
  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records = records;
  mr_repository_list_approvals_async (self->repository, 0, self->cancellable,
                                      on_approvals_listed, g_object_ref (self));
}

static void
on_filter_changed (MrApprovalsPage *self)
{
  if (!self->updating)
    fill_list (self);
}

static void
on_row_selected (MrApprovalsPage *self,
                 GtkListBoxRow   *row)
{
  QueueItem *item;

  if (self->updating || row == NULL)
    return;
  item = g_ptr_array_index (self->shown, gtk_list_box_row_get_index (row));
  mr_review_pane_set_request (self->review_pane, item->record, item->events);
  adw_leaflet_set_visible_child (self->leaflet, self->review_box);
}

static void
on_folded_changed (MrApprovalsPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
on_decided (MrApprovalsPage *self,
            MrModelRecord   *record)
{
  g_autofree char *text = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Translators: a model's name, then its new status */
  text = g_strdup_printf (_("“%s” is now %s"), record->name,
                          mr_display_status_title (record->status));
  if (MR_IS_WINDOW (root))
    mr_window_add_toast_text (MR_WINDOW (root), text);
  adw_leaflet_set_visible_child (self->leaflet, self->queue_box);
  mr_approvals_page_refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrApprovalsPage *self = MR_APPROVALS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->queue_box);
}

static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mr_approvals_page_show_audit (MR_APPROVALS_PAGE (widget));
}

static void
mr_approvals_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mr_approvals_page_parent_class)->map (widget);

  /* Entries are submitted from the register page: look again when shown. */
  mr_approvals_page_refresh (MR_APPROVALS_PAGE (widget));
}

static void
mr_approvals_page_dispose (GObject *object)
{
  MrApprovalsPage *self = MR_APPROVALS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_approvals_page_parent_class)->dispose (object);
}

static void
mr_approvals_page_class_init (MrApprovalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_approvals_page_dispose;
  widget_class->map = mr_approvals_page_map;

  /* A decision was recorded: the register's statuses changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MR_TYPE_REVIEW_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-approvals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_box);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, review_pane);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_decided);

  gtk_widget_class_install_action (widget_class, "approvals.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "approvals.audit", NULL, audit_action);
}

static void
mr_approvals_page_init (MrApprovalsPage *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) queue_item_free);
  self->shown = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_filter (self);
  fill_list (self);
  on_folded_changed (self);
}

GtkWidget *
mr_approvals_page_new (void)
{
  return g_object_new (MR_TYPE_APPROVALS_PAGE, NULL);
}

void
mr_approvals_page_set_repository (MrApprovalsPage *self,
                                  MrRepository    *repository)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));
  g_return_if_fail (MR_IS_REPOSITORY (repository));

  g_set_object (&self->repository, repository);
  mr_review_pane_set_repository (self->review_pane, repository);
  mr_approvals_page_refresh (self);
}

void
mr_approvals_page_set_framework (MrApprovalsPage *self,
                                 MrFramework     *framework)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));

  mr_review_pane_set_framework (self->review_pane, framework);
}

void
mr_approvals_page_refresh (MrApprovalsPage *self)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));

  if (self->repository == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mr_repository_list_async (self->repository, MR_LOAD_SUMMARY, self->cancellable,
                            on_records_listed, g_object_ref (self));
}

gboolean
mr_approvals_page_get_loading (MrApprovalsPage *self)
{
  g_return_val_if_fail (MR_IS_APPROVALS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

void
mr_approvals_page_set_filter (MrApprovalsPage *self,
                              MrQueueFilter    filter)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));
  g_return_if_fail (filter <= MR_QUEUE_FILTER_OVERDUE);

  gtk_drop_down_set_selected (self->filter_dropdown, filter);
}

guint
mr_approvals_page_get_n_shown (MrApprovalsPage *self)
{
  g_return_val_if_fail (MR_IS_APPROVALS_PAGE (self), 0);

  return self->shown->len;
}

void
mr_approvals_page_select (MrApprovalsPage *self,
                          guint            position)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));
  g_return_if_fail (position < self->shown->len);

  gtk_list_box_select_row (self->queue_list,
                           gtk_list_box_get_row_at_index (self->queue_list, position));
}

GtkWidget *
mr_approvals_page_get_review_pane (MrApprovalsPage *self)
{
  g_return_val_if_fail (MR_IS_APPROVALS_PAGE (self), NULL);

  return GTK_WIDGET (self->review_pane);
}

GtkWindow *
mr_approvals_page_show_audit (MrApprovalsPage *self)
{
  GtkRoot *root;
  MrAuditWindow *window;

  g_return_val_if_fail (MR_IS_APPROVALS_PAGE (self), NULL);
  g_return_val_if_fail (self->repository != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = mr_audit_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->repository);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
