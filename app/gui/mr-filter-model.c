/* mr-filter-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-filter-model"

#include "config.h"

#include "mr-filter-model.h"

struct _MrFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GPtrArray  *items;    /* model's items, borrowed: rebuilt whenever it changes */
  GPtrArray  *shown;    /* the matching items of model, in its order */
};

static void mr_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrFilterModel, mr_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mr_filter_model_list_model_init))

static GType
mr_filter_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (MR_FILTER_MODEL (list)->model);
}

static guint
mr_filter_model_get_n_items (GListModel *list)
{
  return MR_FILTER_MODEL (list)->shown->len;
}

static gpointer
mr_filter_model_get_item (GListModel *list,
                          guint       position)
{
  MrFilterModel *self = MR_FILTER_MODEL (list);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
mr_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_filter_model_get_item_type;
  iface->get_n_items = mr_filter_model_get_n_items;
  iface->get_item = mr_filter_model_get_item;
}

/* Swaps in the new list and reports only the range that differs, so the
 * view keeps the rows before and after it. */
static gboolean
replace_shown (MrFilterModel *self,
               GPtrArray     *shown)
{
  g_autoptr(GPtrArray) old = self->shown;
  guint prefix = 0;
  guint suffix = 0;

  self->shown = shown;
  while (prefix < old->len && prefix < shown->len &&
         old->pdata[prefix] == shown->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < shown->len - prefix &&
         old->pdata[old->len - 1 - suffix] == shown->pdata[shown->len - 1 - suffix])
    suffix++;
  if (prefix == old->len && prefix == shown->len)
    return FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old->len - prefix - suffix, shown->len - prefix - suffix);
  return TRUE;
}

static GPtrArray *
new_shown (guint reserve)
{
  return g_ptr_array_new_full (reserve, g_object_unref);
}

/* Only shown items can stop matching. */
static GPtrArray *
filter_shown (MrFilterModel *self)
{
  GPtrArray *shown = new_shown (self->shown->len);

  for (guint i = 0; i < self->shown->len; i++)
    {
      gpointer item = g_ptr_array_index (self->shown, i);

      if (gtk_filter_match (self->filter, item))
        g_ptr_array_add (shown, g_object_ref (item));
    }
  return shown;
}

/* Every item of the model is checked, except those already shown when the
 * filter only became less strict.  shown is a subsequence of the model, so
 * one walk over both keeps the model's order. */
static GPtrArray *
filter_all (MrFilterModel *self,
            gboolean       keep_shown)
{
  GPtrArray *shown = new_shown (self->items->len);
  guint next_shown = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);
      gboolean was_shown = next_shown < self->shown->len &&
                           g_ptr_array_index (self->shown, next_shown) == item;

      if (was_shown)
        next_shown++;
      if ((keep_shown && was_shown) || gtk_filter_match (self->filter, item))
        g_ptr_array_add (shown, g_object_ref (item));
    }
  return shown;
}

static void
on_filter_changed (MrFilterModel   *self,
                   GtkFilterChange  change)
{
  switch (change)
    {
    case GTK_FILTER_CHANGE_MORE_STRICT:
      replace_shown (self, filter_shown (self));
      break;
    case GTK_FILTER_CHANGE_LESS_STRICT:
      replace_shown (self, filter_all (self, TRUE));
      break;
    case GTK_FILTER_CHANGE_DIFFERENT:
    default:
      replace_shown (self, filter_all (self, FALSE));
      break;
    }
}

/* The register changes (load, add, delete, re-sort) are rare next to
 * keystrokes: the lists are simply rebuilt.  Keeping the model's items in
 * an array spares a keystroke 100,000 calls through the sort model. */
static void
on_model_changed (MrFilterModel *self,
                  guint          position,
                  guint          removed,
                  guint          added)
{
  guint n = g_list_model_get_n_items (self->model);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

      /* The model keeps its items alive until its next items-changed. */
      g_ptr_array_add (self->items, item);
    }
  if (replace_shown (self, filter_all (self, FALSE)) || removed != added)
    return;

  /* An item changed in place (an edited entry): the rows showing it must
   * be drawn again even though the list is the same. */
  for (guint i = position; i < position + added; i++)
    {
      guint shown_position;

      if (g_ptr_array_find (self->shown, g_ptr_array_index (self->items, i), &shown_position))
        g_list_model_items_changed (G_LIST_MODEL (self), shown_position, 1, 1);
    }
}

static void
mr_filter_model_dispose (GObject *object)
{
  MrFilterModel *self = MR_FILTER_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (mr_filter_model_parent_class)->dispose (object);
}

static void
mr_filter_model_finalize (GObject *object)
{
  MrFilterModel *self = MR_FILTER_MODEL (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_filter_model_parent_class)->finalize (object);
}

static void
mr_filter_model_class_init (MrFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_filter_model_dispose;
  object_class->finalize = mr_filter_model_finalize;
}

static void
mr_filter_model_init (MrFilterModel *self)
{
  self->shown = new_shown (0);
  self->items = g_ptr_array_new ();
}

MrFilterModel *
mr_filter_model_new (GListModel *model,
                     GtkFilter  *filter)
{
  MrFilterModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (MR_TYPE_FILTER_MODEL, NULL);
  self->model = model;
  self->filter = filter;
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (on_filter_changed), self);
  on_model_changed (self, 0, 0, 0);
  return self;
}
