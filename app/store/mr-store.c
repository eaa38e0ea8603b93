/* mr-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-store"

#include "config.h"

#include "mr-store.h"

G_DEFINE_INTERFACE (MrStore, mr_store, G_TYPE_OBJECT)

static void
mr_store_default_init (MrStoreInterface *iface)
{
}

GPtrArray *
mr_store_list_models (MrStore      *self,
                      MrLoadDepth   depth,
                      GError      **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_models (self, depth, error);
}

MrModelRecord *
mr_store_get_model (MrStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->get_model (self, id, error);
}

MrModelRecord *
mr_store_save_model (MrStore        *self,
                     MrModelRecord  *record,
                     const char     *actor,
                     GError        **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->save_model (self, record, actor, error);
}

MrModelRecord *
mr_store_delete_model (MrStore     *self,
                       gint64       id,
                       const char  *actor,
                       GError     **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->delete_model (self, id, actor, error);
}

MrModelRecord *
mr_store_restore_model (MrStore        *self,
                        MrModelRecord  *record,
                        const char     *actor,
                        GError        **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL && record->id > 0, NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->restore_model (self, record, actor, error);
}

gboolean
mr_store_import_models (MrStore         *self,
                        GPtrArray       *records,
                        const char      *actor,
                        const char      *origin,
                        MrProgressFunc   progress,
                        gpointer         progress_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->import_models (self, records, actor, origin,
                                                   progress, progress_data,
                                                   cancellable, error);
}

guint
mr_store_count_models (MrStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return MR_STORE_GET_IFACE (self)->count_models (self, error);
}
