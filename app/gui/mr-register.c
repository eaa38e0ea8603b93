/* mr-register.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-register"

#include "config.h"

#include "mr-register.h"

struct _MrRegister
{
  GObject    parent_instance;

  GPtrArray *models;   /* MrAiModel, ascending id */
};

static void mr_register_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrRegister, mr_register, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mr_register_list_model_init))

static GType
mr_register_get_item_type (GListModel *model)
{
  return MR_TYPE_AI_MODEL;
}

static guint
mr_register_get_n_items (GListModel *model)
{
  return MR_REGISTER (model)->models->len;
}

static gpointer
mr_register_get_item (GListModel *model,
                      guint       position)
{
  MrRegister *self = MR_REGISTER (model);

  if (position >= self->models->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->models, position));
}

static void
mr_register_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_register_get_item_type;
  iface->get_n_items = mr_register_get_n_items;
  iface->get_item = mr_register_get_item;
}

static void
mr_register_finalize (GObject *object)
{
  MrRegister *self = MR_REGISTER (object);

  g_clear_pointer (&self->models, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_register_parent_class)->finalize (object);
}

static void
mr_register_class_init (MrRegisterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_register_finalize;
}

static void
mr_register_init (MrRegister *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
}

MrRegister *
mr_register_new (void)
{
  return g_object_new (MR_TYPE_REGISTER, NULL);
}

void
mr_register_set_records (MrRegister *self,
                         GPtrArray  *records)
{
  guint removed;

  g_return_if_fail (MR_IS_REGISTER (self));
  g_return_if_fail (records != NULL);

  removed = self->models->len;
  g_ptr_array_set_size (self->models, 0);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (self->models, mr_ai_model_new (g_ptr_array_index (records, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->models->len);
}

/* First position whose id is >= id. */
static guint
lower_bound (MrRegister *self,
             gint64      id)
{
  guint low = 0;
  guint high = self->models->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (mr_ai_model_get_id (g_ptr_array_index (self->models, mid)) < id)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

MrAiModel *
mr_register_find (MrRegister *self,
                  gint64      id)
{
  guint position;
  MrAiModel *model;

  g_return_val_if_fail (MR_IS_REGISTER (self), NULL);

  position = lower_bound (self, id);
  if (position >= self->models->len)
    return NULL;
  model = g_ptr_array_index (self->models, position);
  return mr_ai_model_get_id (model) == id ? model : NULL;
}

MrAiModel *
mr_register_apply (MrRegister    *self,
                   MrModelRecord *record)
{
  MrAiModel *model;
  guint position;

  g_return_val_if_fail (MR_IS_REGISTER (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  position = lower_bound (self, record->id);
  model = mr_register_find (self, record->id);
  if (model != NULL)
    {
      mr_ai_model_set_record (model, record);
      /* The list's cells show the record without binding to it. */
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return model;
    }

  model = mr_ai_model_new (record);
  g_ptr_array_insert (self->models, position, model);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  return model;
}

gboolean
mr_register_remove (MrRegister *self,
                    gint64      id)
{
  guint position;

  g_return_val_if_fail (MR_IS_REGISTER (self), FALSE);

  if (mr_register_find (self, id) == NULL)
    return FALSE;
  position = lower_bound (self, id);
  g_ptr_array_remove_index (self->models, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}
