/* mr-store.h — the register's storage interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything core and gui know about storage goes through this interface,
 * so a second backend (a shared PostgreSQL register) can be added without
 * touching them.  Methods are synchronous and must all be called from the
 * one thread that opened the store (the worker thread in the app, the main
 * thread in the CLI).  Every mutating method is one transaction, writes its
 * audit entry in that same transaction, and changes nothing when it fails.
 */
#pragma once

#include <gio/gio.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

#define MR_TYPE_STORE (mr_store_get_type ())
G_DECLARE_INTERFACE (MrStore, mr_store, MR, STORE, GObject)

typedef enum {
  MR_LOAD_SUMMARY,   /* list columns only; components left unknown (fast, for 100,000 rows) */
  MR_LOAD_FULL,      /* everything, with the 17 components */
} MrLoadDepth;

/* Called between rows of a long operation; values in [0, 1]. */
typedef void (*MrProgressFunc) (double   fraction,
                                gpointer user_data);

struct _MrStoreInterface
{
  GTypeInterface parent_iface;

  GPtrArray     *(*list_models)   (MrStore        *self,
                                   MrLoadDepth     depth,
                                   GError        **error);
  MrModelRecord *(*get_model)     (MrStore        *self,
                                   gint64          id,
                                   GError        **error);
  MrModelRecord *(*save_model)    (MrStore        *self,
                                   MrModelRecord  *record,
                                   const char     *actor,
                                   GError        **error);
  MrModelRecord *(*delete_model)  (MrStore        *self,
                                   gint64          id,
                                   const char     *actor,
                                   GError        **error);
  MrModelRecord *(*restore_model) (MrStore        *self,
                                   MrModelRecord  *record,
                                   const char     *actor,
                                   GError        **error);
  gboolean       (*import_models) (MrStore        *self,
                                   GPtrArray      *records,
                                   const char     *actor,
                                   const char     *origin,
                                   MrProgressFunc  progress,
                                   gpointer        progress_data,
                                   GCancellable   *cancellable,
                                   GError        **error);
  guint          (*count_models)  (MrStore        *self,
                                   GError        **error);
};

/* Records are MrModelRecord, in id order. */
GPtrArray     *mr_store_list_models   (MrStore        *self,
                                       MrLoadDepth     depth,
                                       GError        **error);
/* MR_STORE_ERROR_NOT_FOUND when there is no such entry. */
MrModelRecord *mr_store_get_model     (MrStore        *self,
                                       gint64          id,
                                       GError        **error);
/* Inserts when record->id is 0, else updates; an update whose
 * record->revision is not the stored one fails with
 * MR_STORE_ERROR_CONFLICT.  Returns the stored record (new id, revision and
 * timestamps). */
MrModelRecord *mr_store_save_model    (MrStore        *self,
                                       MrModelRecord  *record,
                                       const char     *actor,
                                       GError        **error);
/* Returns the full record as it was, so it can be restored (undo). */
MrModelRecord *mr_store_delete_model  (MrStore        *self,
                                       gint64          id,
                                       const char     *actor,
                                       GError        **error);
/* Re-inserts a deleted record under its old id. */
MrModelRecord *mr_store_restore_model (MrStore        *self,
                                       MrModelRecord  *record,
                                       const char     *actor,
                                       GError        **error);
/* All records in one transaction: all are stored, or none. */
gboolean       mr_store_import_models (MrStore        *self,
                                       GPtrArray      *records,
                                       const char     *actor,
                                       const char     *origin,
                                       MrProgressFunc  progress,
                                       gpointer        progress_data,
                                       GCancellable   *cancellable,
                                       GError        **error);
guint          mr_store_count_models  (MrStore        *self,
                                       GError        **error);

G_END_DECLS
