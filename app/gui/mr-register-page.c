/* mr-register-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-register-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-ai-model.h"
#include "mr-display.h"
#include "mr-enums.h"
#include "mr-error-presenter.h"
#include "mr-filter-model.h"
#include "mr-icon-cell.h"
#include "mr-model-detail.h"
#include "mr-model-editor.h"
#include "mr-register.h"
#include "mr-register-page.h"
#include "mr-window.h"

/* Filter criteria; -1 means "any". */
typedef struct {
  char     *query;       /* normalised and case-folded like the search text */
  int       status;
  int       openness;
  int       risk_tier;   /* the strictest tier among the uses */
  gboolean  flagged_only;
} Criteria;

struct _MrRegisterPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *openness_dropdown;
  GtkDropDown        *risk_dropdown;
  GtkCheckButton     *flagged_check;
  GtkMenuButton      *filter_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *provider_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *openness_column;
  GtkColumnViewColumn *uses_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *flags_column;
  GtkColumnViewColumn *checked_column;
  GtkLabel           *count_label;
  GtkWidget          *pane_separator;
  MrModelDetail      *detail;

  /* Owned */
  MrRegister         *store;
  GtkSortListModel   *sort_model;
  MrFilterModel      *filter_model;
  GtkCustomFilter    *filter;       /* owned by filter_model */
  GtkSingleSelection *selection;
  Criteria            criteria;
  MrRepository       *repository;
  GCancellable       *cancellable;
  GPtrArray          *records_to_warm;   /* whose search texts wait for a frame */
  GCancellable       *warm_cancellable;  /* of the search texts being built */
  guint               take_keys_id;
  guint               n_keys_taken;
  gboolean            can_go_back;
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (MrRegisterPage, mr_register_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static MrWindow *
get_window (MrRegisterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return MR_IS_WINDOW (root) ? MR_WINDOW (root) : NULL;
}

static void
add_toast (MrRegisterPage *self,
           AdwToast       *toast)
{
  g_autoptr(AdwToast) owned = toast;
  MrWindow *window = get_window (self);

  if (window != NULL)
    mr_window_add_toast (window, g_steal_pointer (&owned));
}

static void
add_toast_text (MrRegisterPage *self,
                const char     *text)
{
  MrWindow *window = get_window (self);

  if (window != NULL)
    mr_window_add_toast_text (window, text);
}

/* --- filtering ----------------------------------------------------------- */

/* Runs once per row per filter change: no allocation here, and nothing
 * read from the record (see mr_ai_model_get_key()). */
static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  const Criteria *c = user_data;
  const MrAiModelKey *key;

  /* Loading checks every row too: building its key then would build every
   * search text on the main thread. */
  if (c->query == NULL && c->status < 0 && c->openness < 0 && c->risk_tier < 0 &&
      !c->flagged_only)
    return TRUE;
  key = mr_ai_model_get_key (item);
  if (c->status >= 0 && (int) key->status != c->status)
    return FALSE;
  if (c->openness >= 0 && (int) key->openness != c->openness)
    return FALSE;
  if (c->flagged_only && key->n_flags == 0)
    return FALSE;
  if (c->risk_tier >= 0 && mr_ai_model_get_risk_tier (item) != c->risk_tier)
    return FALSE;
  return c->query == NULL || strstr (key->search_text, c->query) != NULL;
}

static char *
fold_query (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *normalized = NULL;

  if (*stripped == '\0')
    return NULL;
  normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  return normalized != NULL ? g_utf8_casefold (normalized, -1) : NULL;
}

/* How the new query relates to the old, so the filter model re-checks only
 * the rows that can change: typing more only removes rows, deleting only
 * adds them. */
static GtkFilterChange
query_change (const char *old_query,
              const char *new_query)
{
  if (old_query == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_query == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (new_query, old_query) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_query, new_query) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static GtkFilterChange
choice_change (int old_value,
               int new_value)
{
  if (old_value < 0)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_value < 0)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
set_query (MrRegisterPage *self,
           const char     *text)
{
  g_autofree char *query = fold_query (text);
  GtkFilterChange change;

  if (g_strcmp0 (query, self->criteria.query) == 0)
    return;
  change = query_change (self->criteria.query, query);
  g_free (self->criteria.query);
  self->criteria.query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_search_changed (MrRegisterPage *self)
{
  set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Dropdown position 0 is "any"; the rest are the enum values in order. */
static int
dropdown_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

static void
update_filter_button (MrRegisterPage *self)
{
  gboolean active = self->criteria.status >= 0 || self->criteria.openness >= 0 ||
                    self->criteria.risk_tier >= 0 || self->criteria.flagged_only;

  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  gtk_menu_button_set_label (self->filter_button, active ? _("Filters (on)") : _("Filters"));
}

static void
on_status_filter_changed (MrRegisterPage *self)
{
  int status = dropdown_choice (self->status_dropdown);
  GtkFilterChange change;

  if (status == self->criteria.status)
    return;
  change = choice_change (self->criteria.status, status);
  self->criteria.status = status;
  update_filter_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_openness_filter_changed (MrRegisterPage *self)
{
  int openness = dropdown_choice (self->openness_dropdown);
  GtkFilterChange change;

  if (openness == self->criteria.openness)
    return;
  change = choice_change (self->criteria.openness, openness);
  self->criteria.openness = openness;
  update_filter_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_risk_filter_changed (MrRegisterPage *self)
{
  int risk_tier = dropdown_choice (self->risk_dropdown);
  GtkFilterChange change;

  if (risk_tier == self->criteria.risk_tier)
    return;
  change = choice_change (self->criteria.risk_tier, risk_tier);
  self->criteria.risk_tier = risk_tier;
  update_filter_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_flagged_filter_changed (MrRegisterPage *self)
{
  gboolean flagged_only = gtk_check_button_get_active (self->flagged_check);

  if (flagged_only == self->criteria.flagged_only)
    return;
  self->criteria.flagged_only = flagged_only;
  update_filter_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter),
                      flagged_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

static GListModel *
choices_model (guint        n_values,
               const char  *any_label,
               const char *(*title) (int value))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any_label);
  for (guint i = 0; i < n_values; i++)
    gtk_string_list_append (list, title (i));
  return G_LIST_MODEL (list);
}

static const char *
status_title (int value)
{
  return mr_status_get_title (value);
}

static const char *
openness_title (int value)
{
  return mr_openness_get_title (value);
}

static const char *
risk_tier_title (int value)
{
  return mr_display_risk_tier_title (value);
}

static guint
enum_n_values (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return klass->n_values;
}

/* --- cells ---------------------------------------------------------------- */

/* The columns are declared, with their sorters, in the .ui; their cells
 * are built here.  A GtkBuilderListItemFactory parses its template for
 * every new cell, and a keystroke that changes the rows needs a few
 * hundred new cells: that alone took 100 ms. */
typedef struct {
  gsize        column_offset;                           /* of the template child */
  const char  *id;                                      /* in the hidden-columns setting */
  char      *(*text) (const MrModelRecord *record);
  const char *(*icon) (const MrModelRecord *record);    /* NULL: text only */
  int          nat_chars;
} ColumnSpec;

static char *
name_text (const MrModelRecord *r)
{
  return g_strdup (r->name);
}

static char *
provider_text (const MrModelRecord *r)
{
  return g_strdup (r->provider);
}

static char *
openness_text (const MrModelRecord *r)
{
  return g_strdup (mr_openness_get_title (r->openness));
}

static const char *
openness_icon (const MrModelRecord *r)
{
  return mr_display_openness_icon (r->openness);
}

static char *
uses_text (const MrModelRecord *r)
{
  return mr_display_uses_label (r);
}

static char *
status_text (const MrModelRecord *r)
{
  return g_strdup (mr_status_get_title (r->status));
}

static const char *
status_icon (const MrModelRecord *r)
{
  return mr_display_status_icon (r->status);
}

static char *
flags_text (const MrModelRecord *r)
{
  return mr_display_flags_label (r->worst_flag, r->n_flags);
}

static const char *
flags_icon (const MrModelRecord *r)
{
  return mr_display_flags_icon (r->worst_flag, r->n_flags);
}

static char *
checked_text (const MrModelRecord *r)
{
  return mr_display_date (r->last_checked_at);
}

static const ColumnSpec column_specs[] = {
  { G_STRUCT_OFFSET (MrRegisterPage, name_column), "name", name_text, NULL, 28 },
  { G_STRUCT_OFFSET (MrRegisterPage, provider_column), "provider", provider_text, NULL, 14 },
  { G_STRUCT_OFFSET (MrRegisterPage, source_column), "source", mr_display_source_label, NULL, 24 },
  { G_STRUCT_OFFSET (MrRegisterPage, openness_column), "openness", openness_text, openness_icon,
    18 },
  { G_STRUCT_OFFSET (MrRegisterPage, uses_column), "uses", uses_text, NULL, 18 },
  { G_STRUCT_OFFSET (MrRegisterPage, status_column), "status", status_text, status_icon, 14 },
  { G_STRUCT_OFFSET (MrRegisterPage, flags_column), "flags", flags_text, flags_icon, 14 },
  { G_STRUCT_OFFSET (MrRegisterPage, checked_column), "checked", checked_text, NULL, 10 },
};

/* A cell is an inscription, or an icon cell holding one. */
static GtkInscription *
cell_inscription (GtkWidget *cell)
{
  return MR_IS_ICON_CELL (cell) ? mr_icon_cell_get_inscription (MR_ICON_CELL (cell))
                                : GTK_INSCRIPTION (cell);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnSpec         *spec)
{
  GtkWidget *cell = spec->icon != NULL ? mr_icon_cell_new () : gtk_inscription_new (NULL);
  GtkInscription *text = cell_inscription (cell);

  g_object_set_data (G_OBJECT (item), "mr-column-spec", (gpointer) spec);
  gtk_inscription_set_text_overflow (text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (text, spec->nat_chars);
  gtk_inscription_set_min_chars (text, MIN (spec->nat_chars, 6));
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_list_item_set_child (item, cell);
}

static void
fill_cell (GtkListItem      *item,
           const ColumnSpec *spec)
{
  const MrModelRecord *record = mr_ai_model_get_record (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = spec->text (record);

  if (spec->icon != NULL)
    mr_icon_cell_set_icon_name (MR_ICON_CELL (cell), spec->icon (record));
  gtk_inscription_set_text (cell_inscription (cell), text);
}

static void
on_cell_record_changed (GtkListItem *item)
{
  fill_cell (item, g_object_get_data (G_OBJECT (item), "mr-column-spec"));
}

/* A submission, decision, refresh or check swaps the item's record while
 * its row is shown: the cell must follow it, not keep what bind saw. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const ColumnSpec         *spec)
{
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::record",
                            G_CALLBACK (on_cell_record_changed), item);
  fill_cell (item, spec);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const ColumnSpec         *spec)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item),
                                        on_cell_record_changed, item);
}

static GtkColumnViewColumn *
spec_column (MrRegisterPage   *self,
             const ColumnSpec *spec)
{
  return G_STRUCT_MEMBER (GtkColumnViewColumn *, self, spec->column_offset);
}

static void
setup_columns (MrRegisterPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &column_specs[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &column_specs[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer) &column_specs[i]);
      gtk_column_view_column_set_factory (spec_column (self, &column_specs[i]), factory);
    }
}

/* --- which columns show ------------------------------------------------------ */

/* Remembers the hidden columns, as the header menu leaves them. */
static void
save_hidden_columns (MrRegisterPage *self)
{
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    if (!gtk_column_view_column_get_visible (spec_column (self, &column_specs[i])))
      g_strv_builder_add (hidden, column_specs[i].id);
  ids = g_strv_builder_end (hidden);
  g_settings_set_strv (self->settings, "hidden-columns", (const char * const *) ids);
}

/* Right-click (or long-press) on a column header offers every column but
 * the name, as a check item: on a laptop screen the eight columns do not
 * all fit beside the details. */
static void
setup_column_menu (MrRegisterPage *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-columns");

  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      GtkColumnViewColumn *column = spec_column (self, &column_specs[i]);
      g_autoptr(GPropertyAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (column == self->name_column)
        continue;
      action = g_property_action_new (column_specs[i].id, column, "visible");
      detailed = g_strconcat ("columns.", column_specs[i].id, NULL);
      gtk_column_view_column_set_visible (column, !g_strv_contains ((const char * const *) hidden,
                                                                    column_specs[i].id));
      g_signal_connect_object (column, "notify::visible", G_CALLBACK (save_hidden_columns), self,
                               G_CONNECT_SWAPPED);
      g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
      g_menu_append (section, gtk_column_view_column_get_title (column), detailed);
    }
  /* Translators: heading of the column headers' menu of columns to show */
  g_menu_append_section (menu, _("Show Columns"), G_MENU_MODEL (section));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (actions));
  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    gtk_column_view_column_set_header_menu (spec_column (self, &column_specs[i]),
                                            G_MENU_MODEL (menu));
}

/* --- counts, empty states, selection -------------------------------------- */

static void
update_counts (MrRegisterPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  /* Translators: shown under the list, "12 of 340 models" */
  text = g_strdup_printf (ngettext ("%u of %u model", "%u of %u models", total), visible, total);
  gtk_label_set_text (self->count_label, text);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (visible == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_bar), total > 0);
  /* An empty register has nothing to detail: its welcome takes the window. */
  gtk_widget_set_visible (self->pane_separator, total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), total > 0);
}

static void
update_actions (MrRegisterPage *self)
{
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.edit",
                                 selected && mr_model_detail_get_full_record (self->detail) != NULL);
}

static void
on_detail_loaded (MrRegisterPage *self)
{
  update_actions (self);
}

static void
show_detail (MrRegisterPage *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_selection_changed (MrRegisterPage *self)
{
  MrAiModel *model = gtk_single_selection_get_selected_item (self->selection);

  mr_model_detail_set_model (self->detail, model);
  update_actions (self);
  /* Folded, only one pane shows: picking a model means reading it. */
  if (adw_leaflet_get_folded (self->leaflet))
    show_detail (self);
}

static void
on_row_activated (MrRegisterPage *self,
                  guint           position)
{
  mr_register_page_select (self, position);
  show_detail (self);
}

static GtkInscription *
find_inscription (GtkWidget *widget)
{
  if (GTK_IS_INSCRIPTION (widget))
    return GTK_INSCRIPTION (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_INSCRIPTION (child))
      return GTK_INSCRIPTION (child);
  return NULL;
}

/* Cells may be cut short, so hovering one shows its whole text.  One
 * handler on the view rather than a tooltip bound in every cell: setting a
 * widget's tooltip asks the X server where the pointer is, and rebinding
 * the visible rows on each keystroke then costs hundreds of round trips. */
static gboolean
on_query_tooltip (GtkWidget  *view,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);

  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    {
      GtkInscription *inscription = find_inscription (w);
      const char *text = inscription != NULL ? gtk_inscription_get_text (inscription) : NULL;

      if (text != NULL && *text != '\0')
        {
          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_leaflet_changed (MrRegisterPage *self)
{
  gboolean can_go_back = adw_leaflet_get_folded (self->leaflet) &&
                         g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0;

  /* Back on the folded list, the row must be clickable again to re-open. */
  if (self->can_go_back && !can_go_back && adw_leaflet_get_folded (self->leaflet))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (can_go_back == self->can_go_back)
    return;
  self->can_go_back = can_go_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

static void
select_model (MrRegisterPage *self,
              MrAiModel      *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrAiModel) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (item == model)
        {
          mr_register_page_select (self, i);
          return;
        }
    }
}

/* --- loading -------------------------------------------------------------- */

/* Runs in a pool thread: records are immutable and building their search
 * text is thread-safe. */
static void
warm_search_text (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GPtrArray *records = task_data;

  for (guint i = 0; i < records->len && !g_cancellable_is_cancelled (cancellable); i++)
    mr_model_record_get_search_text (g_ptr_array_index (records, i));
  g_task_return_boolean (task, TRUE);
}

/* Rows per idle slice: a few milliseconds, so that no frame waits on it. */
#define KEYS_PER_SLICE 5000

/* Each row takes its filter key (mr_ai_model_get_key()) between frames, so
 * that the first keystroke does not visit 100,000 records. */
static gboolean
take_keys (gpointer user_data)
{
  MrRegisterPage *self = user_data;
  GListModel *store = G_LIST_MODEL (self->store);
  guint end = MIN (self->n_keys_taken + KEYS_PER_SLICE, g_list_model_get_n_items (store));

  for (; self->n_keys_taken < end; self->n_keys_taken++)
    {
      g_autoptr(MrAiModel) model = g_list_model_get_item (store, self->n_keys_taken);

      mr_ai_model_get_key (model);
    }
  if (end < g_list_model_get_n_items (store))
    return G_SOURCE_CONTINUE;
  self->take_keys_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_search_text_warm (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MrRegisterPage *self = user_data;

  /* Cancelled: the page is gone (not to be touched), or has other records. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  self->n_keys_taken = 0;
  self->take_keys_id = g_idle_add_full (G_PRIORITY_LOW, take_keys, self, NULL);
}

static void
start_warming (MrRegisterPage *self)
{
  g_autoptr(GTask) warm = NULL;

  self->warm_cancellable = g_cancellable_new ();
  /* Not the source object: the task must not keep a disposed page alive. */
  warm = g_task_new (NULL, self->warm_cancellable, on_search_text_warm, self);
  g_task_set_source_tag (warm, warm_search_text);
  g_task_set_task_data (warm, g_steal_pointer (&self->records_to_warm),
                        (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (warm, warm_search_text);
}

static void
on_records_drawn (GdkFrameClock  *clock,
                  MrRegisterPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_records_drawn, self);
  if (self->records_to_warm != NULL)
    start_warming (self);
}

static void
stop_warming (MrRegisterPage *self)
{
  g_clear_pointer (&self->records_to_warm, g_ptr_array_unref);
  g_cancellable_cancel (self->warm_cancellable);
  g_clear_object (&self->warm_cancellable);
  g_clear_handle_id (&self->take_keys_id, g_source_remove);
}

void
mr_register_page_set_records (MrRegisterPage *self,
                              GPtrArray      *records)
{
  GtkRoot *root;
  GdkFrameClock *clock;

  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (records != NULL);

  stop_warming (self);
  mr_register_set_records (self->store, records);

  /* Building the search texts would compete with drawing the list for the
   * processor: they wait for the list to be drawn (a window not shown yet
   * draws nothing to wait for). */
  self->records_to_warm = g_ptr_array_ref (records);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  clock = root != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (root)) : NULL;
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_records_drawn), self, 0);
  else
    start_warming (self);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrRegisterPage *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  records = mr_repository_list_finish (MR_REPOSITORY (source), result, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mr_register_page_set_records (self, records);
  g_task_return_boolean (task, TRUE);
}

void
mr_register_page_set_repository (MrRegisterPage *self,
                                 MrRepository   *repository)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (MR_IS_REPOSITORY (repository));

  g_set_object (&self->repository, repository);
  mr_model_detail_set_repository (self->detail, repository);
}

void
mr_register_page_load_async (MrRegisterPage      *self,
                             MrRepository        *repository,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (MR_IS_REPOSITORY (repository));

  mr_register_page_set_repository (self, repository);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_register_page_load_async);
  mr_repository_list_async (repository, MR_LOAD_SUMMARY, cancellable, on_listed, task);
}

void
mr_register_page_set_framework (MrRegisterPage *self,
                                MrFramework    *framework)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));

  mr_model_detail_set_framework (self->detail, framework);
}

gboolean
mr_register_page_load_finish (MrRegisterPage  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_reloaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!mr_register_page_load_finish (self, result, &error))
    mr_error_presenter_present (GTK_WIDGET (self), _("Could not reload the register"), error);
}

void
mr_register_page_reload (MrRegisterPage *self)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (self->repository != NULL);

  mr_register_page_load_async (self, self->repository, self->cancellable, on_reloaded, NULL);
}

/* --- add, edit, delete ---------------------------------------------------- */

static void
on_model_saved (MrRegisterPage *self,
                MrModelRecord  *stored)
{
  gboolean existed = mr_register_find (self->store, stored->id) != NULL;
  MrAiModel *model = mr_register_apply (self->store, stored);
  g_autofree char *escaped = g_markup_escape_text (stored->name, -1);
  g_autofree char *title = NULL;

  if (existed)
    {
      /* Translators: toast after editing; %s is a model name */
      title = g_strdup_printf (_("Saved “%s”"), escaped);
    }
  else
    {
      select_model (self, model);
      /* Translators: toast after adding; %s is a model name */
      title = g_strdup_printf (_("Added “%s”"), escaped);
    }
  add_toast (self, adw_toast_new (title));
}

static void
open_editor (MrRegisterPage *self,
             MrModelRecord  *record)
{
  MrModelEditor *editor;

  g_return_if_fail (self->repository != NULL);

  editor = mr_model_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                self->repository, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_model_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
mr_register_page_add_model (MrRegisterPage *self)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));

  open_editor (self, NULL);
}

void
mr_register_page_add_draft (MrRegisterPage *self,
                            MrModelRecord  *draft,
                            MrSnapshot     *snapshot)
{
  MrModelEditor *editor;

  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (self->repository != NULL);

  editor = mr_model_editor_new_with_snapshot (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              self->repository, draft, snapshot);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_model_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
mr_register_page_apply_record (MrRegisterPage *self,
                               MrModelRecord  *record)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (record != NULL);

  mr_register_apply (self->store, record);
}

MrAiModel *
mr_register_page_get_selected (MrRegisterPage *self)
{
  g_return_val_if_fail (MR_IS_REGISTER_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (widget);
  MrModelRecord *record = mr_model_detail_get_full_record (self->detail);

  if (record != NULL)
    open_editor (self, record);
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;

  record = mr_repository_restore_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not undo the deletion"), error);
      return;
    }
  select_model (self, mr_register_apply (self->store, record));
}

static void
on_undo_delete (AdwToast       *toast,
                MrRegisterPage *self)
{
  MrModelRecord *record = g_object_get_data (G_OBJECT (toast), "record");

  mr_repository_restore_async (self->repository, record, self->cancellable,
                               on_restored, g_object_ref (self));
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MrRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  record = mr_repository_delete_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Could not delete the model"), error);
      return;
    }
  mr_register_remove (self->store, record->id);

  escaped = g_markup_escape_text (record->name, -1);
  /* Translators: toast after deleting; %s is a model name */
  title = g_strdup_printf (_("Deleted “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "record", g_steal_pointer (&record),
                          (GDestroyNotify) mr_model_record_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  add_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (widget);
  MrAiModel *model = gtk_single_selection_get_selected_item (self->selection);

  if (model == NULL || self->repository == NULL)
    return;
  mr_repository_delete_async (self->repository, mr_ai_model_get_id (model), self->cancellable,
                              on_deleted, g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* --- import and export ---------------------------------------------------- */

static void
add_file_filters (GtkFileChooser *chooser)
{
  const struct { const char *name; const char *patterns[3]; } kinds[] = {
    { N_("CSV spreadsheets"), { "*.csv", NULL } },
    { N_("JSON files"), { "*.json", NULL } },
    { N_("MOT model files (YAML)"), { "*.yml", "*.yaml", NULL } },
  };
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All supported files"));
  gtk_file_chooser_add_filter (chooser, all);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(kinds[i].name));
      for (guint j = 0; kinds[i].patterns[j] != NULL; j++)
        {
          gtk_file_filter_add_pattern (filter, kinds[i].patterns[j]);
          gtk_file_filter_add_pattern (all, kinds[i].patterns[j]);
        }
      gtk_file_chooser_add_filter (chooser, filter);
    }
  g_object_unref (all);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrImportReport) report = NULL;
  g_autofree char *text = NULL;

  report = mr_repository_import_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      mr_error_presenter_present (GTK_WIDGET (self), _("Nothing was imported"), error);
      return;
    }
  text = g_strdup_printf (ngettext ("Imported %u model", "Imported %u models", report->n_imported),
                          report->n_imported);
  add_toast_text (self, text);
  mr_register_page_reload (self);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    MrRegisterPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      mr_repository_import_async (self->repository, file, MR_FILE_FORMAT_AUTO, FALSE,
                                  self->cancellable, on_imported, g_object_ref (self));
    }
  g_object_unref (chooser);
}

void
mr_register_page_import (MrRegisterPage *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (self->repository != NULL);

  chooser = gtk_file_chooser_native_new (_("Import Models"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  add_file_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mr_repository_export_finish (MR_REPOSITORY (source), result, &error))
    mr_error_presenter_present (GTK_WIDGET (self), _("Could not export the register"), error);
  else
    add_toast_text (self, _("Register exported"));
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    MrRegisterPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *name = NULL;
  MrFileFormat format;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  name = g_file_get_basename (file);
  format = mr_file_format_guess (name);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* A MOT file describes one model: the selected one. */
  if (format == MR_FILE_FORMAT_MOT_YAML)
    {
      MrAiModel *model = gtk_single_selection_get_selected_item (self->selection);
      gint64 id;

      if (model == NULL)
        {
          add_toast_text (self, _("Select the model to export as a MOT file first"));
          return;
        }
      id = mr_ai_model_get_id (model);
      g_array_append_val (ids, id);
    }
  mr_repository_export_async (self->repository, file, format, ids, self->cancellable,
                              on_exported, g_object_ref (self));
}

void
mr_register_page_export (MrRegisterPage *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (MR_IS_REGISTER_PAGE (self));
  g_return_if_fail (self->repository != NULL);

  chooser = gtk_file_chooser_native_new (_("Export Register"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  add_file_filters (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "model-register.csv");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- class ---------------------------------------------------------------- */

/* Sort key of an enum column, for the sorters declared in the .ui. */
static int
enum_sort_key (gpointer item,
               int      value)
{
  return value;
}

static void
mr_register_page_dispose (GObject *object)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_warming (self);
  /* The column view lets go of the models only later, in the parent's
   * dispose: stop listening to them first. */
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (self->filter_model, self);
      g_signal_handlers_disconnect_by_data (self->selection, self);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);
  g_clear_object (&self->repository);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->criteria.query, g_free);

  G_OBJECT_CLASS (mr_register_page_parent_class)->dispose (object);
}

static void
mr_register_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MrRegisterPage *self = MR_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_register_page_class_init (MrRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_register_page_dispose;
  object_class->get_property = mr_register_page_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MR_TYPE_AI_MODEL);
  g_type_ensure (MR_TYPE_MODEL_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, openness_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, flagged_check);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, provider_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, source_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, openness_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, uses_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, flags_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, checked_column);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, pane_separator);
  gtk_widget_class_bind_template_child (widget_class, MrRegisterPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_status_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_openness_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_flagged_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_risk_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_loaded);
  gtk_widget_class_bind_template_callback (widget_class, enum_sort_key);

  gtk_widget_class_install_action (widget_class, "register.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "register.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "register.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "register.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "register.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "register.search", NULL);
}

static void
setup_models (MrRegisterPage *self)
{
  self->store = mr_register_new ();
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_func, &self->criteria, NULL);
  self->filter_model = mr_filter_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                            GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}

static void
setup_filters (MrRegisterPage *self)
{
  g_autoptr(GListModel) statuses = choices_model (enum_n_values (MR_TYPE_STATUS),
                                                  _("Any status"), status_title);
  g_autoptr(GListModel) levels = choices_model (enum_n_values (MR_TYPE_OPENNESS),
                                                _("Any openness level"), openness_title);
  g_autoptr(GListModel) tiers = choices_model (enum_n_values (MR_TYPE_RISK_TIER),
                                               _("Any risk tier"), risk_tier_title);

  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->openness_dropdown, levels);
  gtk_drop_down_set_model (self->risk_dropdown, tiers);
}

static void
mr_register_page_init (MrRegisterPage *self)
{
  self->criteria.status = -1;
  self->criteria.openness = -1;
  self->criteria.risk_tier = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->settings = g_settings_new (APP_ID);
  setup_models (self);
  setup_columns (self);
  setup_column_menu (self);
  setup_filters (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_counts (self);
  update_actions (self);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(); the list view inside the
 * column view has the action. */
static void
scroll_to (MrRegisterPage *self,
           guint           position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

GtkWidget *
mr_register_page_new (void)
{
  return g_object_new (MR_TYPE_REGISTER_PAGE, NULL);
}

GListModel *
mr_register_page_get_visible (MrRegisterPage *self)
{
  g_return_val_if_fail (MR_IS_REGISTER_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

guint
mr_register_page_get_n_total (MrRegisterPage *self)
{
  g_return_val_if_fail (MR_IS_REGISTER_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

void
mr_register_page_search (MrRegisterPage *self,
                         const char     *text)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));

  /* gtk_editable_set_text() empties the entry first, and an empty search
   * entry reports at once: only touch it when the text differs. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  set_query (self, text);
}

void
mr_register_page_select (MrRegisterPage *self,
                         guint           position)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);
}

gboolean
mr_register_page_get_can_go_back (MrRegisterPage *self)
{
  g_return_val_if_fail (MR_IS_REGISTER_PAGE (self), FALSE);

  return self->can_go_back;
}

void
mr_register_page_go_back (MrRegisterPage *self)
{
  g_return_if_fail (MR_IS_REGISTER_PAGE (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}
