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
 *
 * Every record the interface stores carries the policy outcome (openness,
 * worst_flag, n_flags) of the store's framework, so that the list can sort
 * and filter by flags from stored columns.  The wrappers of save, restore
 * and import compute it, for every backend, and ignore the caller's own
 * values of those fields.
 */
#pragma once

#include <gio/gio.h>

#include "mr-framework.h"
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
  gboolean       (*check_integrity) (MrStore      *self,
                                     GCancellable *cancellable,
                                     GError      **error);
  /* Stamps every live entry under framework; see mr_store_reevaluate_all(). */
  gboolean       (*reevaluate_all)  (MrStore      *self,
                                     MrFramework  *framework,
                                     GCancellable *cancellable,
                                     GError      **error);
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

/* Reads the whole register looking for damage (slow on a large register:
 * run it in the background).  Opening a store checks only what is cheap;
 * damage found later by any method is MR_STORE_ERROR_CORRUPT too. */
gboolean       mr_store_check_integrity (MrStore      *self,
                                         GCancellable *cancellable,
                                         GError      **error);

/* The framework whose outcome saves, restores and imports store; the
 * built-in default until one is set.  Setting one does not re-evaluate the
 * stored entries: call mr_store_reevaluate_all() for that. */
void           mr_store_set_framework   (MrStore      *self,
                                         MrFramework  *framework);
MrFramework   *mr_store_get_framework   (MrStore      *self);
/* Recomputes the policy columns of every entry under the store's framework
 * in one transaction, with one audit entry; entries whose outcome does not
 * change are not written, and no entry gets a new revision (the columns are
 * derived from its content). */
gboolean       mr_store_reevaluate_all  (MrStore      *self,
                                         GCancellable *cancellable,
                                         GError      **error);

G_END_DECLS
