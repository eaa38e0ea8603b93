/* mr-approvals-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-approvals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-approvals-page.h"
#include "mr-ai-model.h"
#include "mr-audit-window.h"
#include "mr-display.h"
#include "mr-error-presenter.h"
#include "mr-review-pane.h"
#include "mr-window.h"

/* One request of the queue; the list shows it through an MrAiModel of the
 * same id, so that rows are made only for what is on screen. */
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
  AdwBin              parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *queue_box;
  GtkWidget          *review_box;
  GtkLabel           *counts_label;
  GtkDropDown        *filter_dropdown;
  GtkStack           *queue_stack;
  GtkListView        *queue_view;
  GtkWidget          *back_button;
  MrReviewPane       *review_pane;

  /* Owned */
  MrRepository       *repository;
  GCancellable       *cancellable;
  GPtrArray          *records;  /* MrModelRecord while the events load */
  GPtrArray          *events;   /* MrApprovalEvent of the whole register */
  GHashTable         *items;    /* record id → QueueItem */
  GListStore         *queue;    /* MrAiModel, one per QueueItem, in queue order */
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GtkSingleSelection *selection;
  guint               counts[MR_QUEUE_FILTER_OVERDUE + 1];
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (MrApprovalsPage, mr_approvals_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static QueueItem *
lookup_item (MrApprovalsPage *self,
             gpointer         model)
{
  gint64 id = mr_ai_model_get_id (model);

  return g_hash_table_lookup (self->items, &id);
}

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

static gboolean
filter_func (gpointer model,
             gpointer user_data)
{
  MrApprovalsPage *self = user_data;

  return item_matches (lookup_item (self, model), gtk_drop_down_get_selected (self->filter_dropdown));
}

/* --- rows ----------------------------------------------------------------- */

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
new_row_label (const char *style,
               int         lines)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Names come from imports and the Hub: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (label), lines > 1);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  gtk_widget_add_css_class (label, style);
  return label;
}

/* The row: [title / subtitle] [overdue badge] [>]. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  /* GTK 4.8 gives a list view's rows no name of their own: the row's box
   * is the list item that screen readers announce. */
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_HORIZONTAL,
                                 "spacing", 12,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                 NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), new_row_label ("heading", 1));
  gtk_box_append (GTK_BOX (texts), new_row_label ("dim-label", 2));
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), new_overdue_badge ());
  gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_list_item_set_child (list_item, row);
}

static char *
row_subtitle (const QueueItem *item)
{
  g_autofree char *uses = mr_display_uses_label (item->record);
  g_autofree char *since = mr_display_date (item->since);

  if (uses == NULL || *uses == '\0')
    {
      g_free (uses);
      uses = g_strdup (_("No intended use"));
    }
  if (item->submitter != NULL)
    {
      g_autofree char *submitter = mr_display_actor (item->submitter);

      /* Translators: the requested uses, who asked, and since when */
      return g_strdup_printf (_("%s\n%s · %s · since %s"), uses,
                              mr_status_get_title (item->record->status), submitter, since);
    }
  /* Translators: the requested uses, the state, and since when */
  return g_strdup_printf (_("%s\n%s · since %s"), uses,
                          mr_status_get_title (item->record->status), since);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          MrApprovalsPage          *self)
{
  const QueueItem *item = lookup_item (self, gtk_list_item_get_item (list_item));
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *texts = gtk_widget_get_first_child (row);
  g_autofree char *subtitle = row_subtitle (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), item->record->name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (texts)), subtitle);
  gtk_widget_set_tooltip_text (row, item->record->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->record->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (texts), item->overdue);
}

/* --- the queue ------------------------------------------------------------ */

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

static guint
find_shown (MrApprovalsPage *self,
            gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrAiModel) model = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      if (mr_ai_model_get_id (model) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
fill_list (MrApprovalsPage *self)
{
  MrModelRecord *current = mr_review_pane_get_record (self->review_pane);
  guint reselect;

  self->updating = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  reselect = current != NULL ? find_shown (self, current->id) : GTK_INVALID_LIST_POSITION;
  gtk_single_selection_set_selected (self->selection, reselect);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->queue_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0
                                    ? "list" : "empty");
  /* A decided request leaves the queue; the form must not offer it again. */
  if (reselect == GTK_INVALID_LIST_POSITION && current != NULL)
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

/* One pass over the register: the queue and its counts per filter. */
static void
build_items (MrApprovalsPage *self)
{
  g_autoptr(GHashTable) by_model = group_events (self);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

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
      g_hash_table_insert (self->items, &item->record->id, item);
      g_ptr_array_add (models, mr_ai_model_new (record));
      for (MrQueueFilter filter = MR_QUEUE_FILTER_ALL; filter <= MR_QUEUE_FILTER_OVERDUE; filter++)
        if (item_matches (item, filter))
          self->counts[filter]++;
    }
  self->updating = TRUE;
  g_list_store_splice (self->queue, 0, g_list_model_get_n_items (G_LIST_MODEL (self->queue)),
                       models->pdata, models->len);
  self->updating = FALSE;
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
  g_hash_table_remove_all (self->items);
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
on_selection_changed (MrApprovalsPage *self)
{
  MrAiModel *model = gtk_single_selection_get_selected_item (self->selection);
  QueueItem *item;

  if (self->updating || model == NULL)
    return;
  item = lookup_item (self, model);
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
                          mr_status_get_title (record->status));
  if (MR_IS_WINDOW (root))
    mr_window_add_toast_text (MR_WINDOW (root), text);
  adw_leaflet_set_visible_child (self->leaflet, self->queue_box);
  mr_approvals_page_refresh (self);
  g_signal_emit (self, signals[CHANGED], 0, record);
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

  /* Listed only when shown, so that a large register's first frame does
   * not wait for it; entries are submitted from the register page, so it
   * looks again each time. */
  mr_approvals_page_refresh (MR_APPROVALS_PAGE (widget));
}

static void
mr_approvals_page_dispose (GObject *object)
{
  MrApprovalsPage *self = MR_APPROVALS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->queue);
  g_clear_pointer (&self->items, g_hash_table_unref);
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

  /**
   * MrApprovalsPage::changed:
   * @record: the entry as the decision stored it
   *
   * A decision was recorded: the entry's status changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_MODEL_RECORD);

  g_type_ensure (MR_TYPE_REVIEW_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-approvals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_box);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, queue_view);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrApprovalsPage, review_pane);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_decided);

  gtk_widget_class_install_action (widget_class, "approvals.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "approvals.audit", NULL, audit_action);
}

static void
setup_models (MrApprovalsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->queue = g_list_store_new (MR_TYPE_AI_MODEL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->queue)),
                                           GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->queue_view, factory);
  gtk_list_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->selection));
}

static void
mr_approvals_page_init (MrApprovalsPage *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) queue_item_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_models (self);
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
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
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

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

void
mr_approvals_page_select (MrApprovalsPage *self,
                          guint            position)
{
  g_return_if_fail (MR_IS_APPROVALS_PAGE (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->shown)));

  gtk_single_selection_set_selected (self->selection, position);
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
