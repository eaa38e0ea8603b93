/* mr-repository.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-repository"

#include "config.h"

#include "mr-repository.h"
#include "mr-sqlite-store.h"

struct _MrRepository
{
  GObject   parent_instance;

  char     *path;
  MrWorker *worker;
  MrStore  *store;   /* opened, used and closed on the worker thread only */
};

G_DEFINE_FINAL_TYPE (MrRepository, mr_repository, G_TYPE_OBJECT)

typedef struct {
  GFile        *file;
  MrFileFormat  format;
  gboolean      skip_invalid;
  GArray       *ids;
} TransferData;

static void
transfer_data_free (TransferData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static const char *
get_actor (void)
{
  return g_get_user_name ();
}

static void
queue_job (MrRepository        *self,
           MrPriority           priority,
           GTaskThreadFunc      func,
           gpointer             source_tag,
           gpointer             task_data,
           GDestroyNotify       task_data_destroy,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_destroy);
  mr_worker_queue (self->worker, priority, func, task);
}

static void
return_record (GTask         *task,
               MrModelRecord *record,
               GError        *error)
{
  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify) mr_model_record_unref);
}

/* Runs on the worker thread. */
static void
open_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;

  self->store = mr_sqlite_store_open (self->path, &error);
  if (self->store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
mr_repository_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(MrRepository) self = g_object_new (MR_TYPE_REPOSITORY, NULL);

  self->path = mr_sqlite_store_resolve_path (path);
  self->worker = mr_worker_new ("mr-worker");
  queue_job (self, MR_PRIORITY_INTERACTIVE, open_job, mr_repository_open_async, NULL, NULL,
             cancellable, callback, user_data);
}

MrRepository *
mr_repository_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_open_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
mr_repository_get_path (MrRepository *self)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), NULL);

  return self->path;
}

/* Runs on the worker thread, as the last thing it does. */
static void
close_store (gpointer data)
{
  MrRepository *self = data;

  g_clear_object (&self->store);
}

void
mr_repository_shutdown (MrRepository *self)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  if (self->worker != NULL)
    mr_worker_shutdown (self->worker, close_store, self);
}

/* Runs on the worker thread. */
static void
list_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  MrRepository *self = source_object;
  MrLoadDepth depth = GPOINTER_TO_INT (task_data);
  GError *error = NULL;
  GPtrArray *records = mr_store_list_models (self->store, depth, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
mr_repository_list_async (MrRepository        *self,
                          MrLoadDepth          depth,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, list_job, mr_repository_list_async,
             GINT_TO_POINTER (depth), NULL, cancellable, callback, user_data);
}

GPtrArray *
mr_repository_list_finish (MrRepository  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_list_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
get_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  MrModelRecord *record = mr_store_get_model (self->store, *(gint64 *) task_data, &error);

  return_record (task, record, error);
}

void
mr_repository_get_async (MrRepository        *self,
                         gint64               id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, get_job, mr_repository_get_async,
             g_memdup2 (&id, sizeof id), g_free, cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_get_finish (MrRepository  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_get_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
save_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  MrModelRecord *record = mr_store_save_model (self->store, task_data, get_actor (), &error);

  return_record (task, record, error);
}

void
mr_repository_save_async (MrRepository        *self,
                          MrModelRecord       *record,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (record != NULL);

  queue_job (self, MR_PRIORITY_INTERACTIVE, save_job, mr_repository_save_async,
             mr_model_record_ref (record), (GDestroyNotify) mr_model_record_unref,
             cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_save_finish (MrRepository  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_save_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
delete_job (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  MrModelRecord *record = mr_store_delete_model (self->store, *(gint64 *) task_data,
                                                 get_actor (), &error);

  return_record (task, record, error);
}

void
mr_repository_delete_async (MrRepository        *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, delete_job, mr_repository_delete_async,
             g_memdup2 (&id, sizeof id), g_free, cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_delete_finish (MrRepository  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_delete_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
restore_job (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  MrModelRecord *record = mr_store_restore_model (self->store, task_data, get_actor (), &error);

  return_record (task, record, error);
}

void
mr_repository_restore_async (MrRepository        *self,
                             MrModelRecord       *record,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (record != NULL);

  queue_job (self, MR_PRIORITY_INTERACTIVE, restore_job, mr_repository_restore_async,
             mr_model_record_ref (record), (GDestroyNotify) mr_model_record_unref,
             cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_restore_finish (MrRepository  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_restore_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
import_job (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MrRepository *self = source_object;
  TransferData *data = task_data;
  GError *error = NULL;
  MrImportReport *report;

  report = mr_import_file (self->store, data->file, data->format, data->skip_invalid,
                           get_actor (), NULL, NULL, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) mr_import_report_free);
}

void
mr_repository_import_async (MrRepository        *self,
                            GFile               *file,
                            MrFileFormat         format,
                            gboolean             skip_invalid,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TransferData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (TransferData, 1);
  data->file = g_object_ref (file);
  data->format = format;
  data->skip_invalid = skip_invalid;
  queue_job (self, MR_PRIORITY_BACKGROUND, import_job, mr_repository_import_async,
             data, (GDestroyNotify) transfer_data_free, cancellable, callback, user_data);
}

MrImportReport *
mr_repository_import_finish (MrRepository  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_import_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
export_job (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MrRepository *self = source_object;
  TransferData *data = task_data;
  GError *error = NULL;

  if (mr_export_file (self->store, data->file, data->format, data->ids, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mr_repository_export_async (MrRepository        *self,
                            GFile               *file,
                            MrFileFormat         format,
                            GArray              *ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TransferData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (TransferData, 1);
  data->file = g_object_ref (file);
  data->format = format;
  /* A copy: the caller may change its array while the job waits. */
  if (ids != NULL)
    {
      data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (data->ids, ids->data, ids->len);
    }
  queue_job (self, MR_PRIORITY_BACKGROUND, export_job, mr_repository_export_async,
             data, (GDestroyNotify) transfer_data_free, cancellable, callback, user_data);
}

gboolean
mr_repository_export_finish (MrRepository  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_export_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
check_integrity_job (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;

  if (mr_store_check_integrity (self->store, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mr_repository_check_integrity_async (MrRepository        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  /* It reads the whole file: anything the user asks for goes first. */
  queue_job (self, MR_PRIORITY_BACKGROUND, check_integrity_job,
             mr_repository_check_integrity_async, NULL, NULL,
             cancellable, callback, user_data);
}

gboolean
mr_repository_check_integrity_finish (MrRepository  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_check_integrity_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
set_framework_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MrRepository *self = source_object;
  g_autoptr(MrFramework) previous = g_object_ref (mr_store_get_framework (self->store));
  GError *error = NULL;

  mr_store_set_framework (self->store, task_data);
  if (mr_store_reevaluate_all (self->store, cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The entries still carry the previous framework's outcome. */
  mr_store_set_framework (self->store, previous);
  g_task_return_error (task, error);
}

void
mr_repository_set_framework_async (MrRepository        *self,
                                   MrFramework         *framework,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (MR_IS_FRAMEWORK (framework));

  /* A framework is immutable, so the worker may share it. */
  queue_job (self, MR_PRIORITY_INTERACTIVE, set_framework_job,
             mr_repository_set_framework_async, g_object_ref (framework), g_object_unref,
             cancellable, callback, user_data);
}

gboolean
mr_repository_set_framework_finish (MrRepository  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_set_framework_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mr_repository_dispose (GObject *object)
{
  MrRepository *self = MR_REPOSITORY (object);

  mr_repository_shutdown (self);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (mr_repository_parent_class)->dispose (object);
}

static void
mr_repository_finalize (GObject *object)
{
  MrRepository *self = MR_REPOSITORY (object);

  g_free (self->path);

  G_OBJECT_CLASS (mr_repository_parent_class)->finalize (object);
}

static void
mr_repository_class_init (MrRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_repository_dispose;
  object_class->finalize = mr_repository_finalize;
}

static void
mr_repository_init (MrRepository *self)
{
}
