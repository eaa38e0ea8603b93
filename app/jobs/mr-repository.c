/* mr-repository.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-repository"

#include "config.h"

#include "mr-check-runner.h"
#include "mr-identity.h"
#include "mr-repository.h"
#include "mr-sqlite-store.h"
#include "mr-verify.h"

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
  return mr_identity_get_actor ();
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

/* What the job of the _async function tag returned; each _finish checks
 * that the result is its own. */
static gpointer
propagate_pointer (MrRepository  *self,
                   GAsyncResult  *result,
                   gpointer       tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
propagate_boolean (MrRepository  *self,
                   GAsyncResult  *result,
                   gpointer       tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

typedef struct {
  MrRepository *repository;
  GPtrArray    *records;     /* NULL unless asked for */
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->repository);
  g_clear_pointer (&opened->records, g_ptr_array_unref);
  g_free (opened);
}

/* Runs on the worker thread.  task_data is TRUE to list the summaries too. */
static void
open_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  MrRepository *self = source_object;
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;
  Opened *opened;

  self->store = mr_sqlite_store_open (self->path, &error);
  if (self->store != NULL && GPOINTER_TO_INT (task_data))
    records = mr_store_list_models (self->store, MR_LOAD_SUMMARY, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  opened = g_new0 (Opened, 1);
  opened->repository = g_object_ref (self);
  opened->records = g_steal_pointer (&records);
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_free);
}

static void
start_open (const char          *path,
            gboolean             list,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(MrRepository) self = g_object_new (MR_TYPE_REPOSITORY, NULL);

  self->path = mr_sqlite_store_resolve_path (path);
  self->worker = mr_worker_new ("mr-worker");
  queue_job (self, MR_PRIORITY_INTERACTIVE, open_job, source_tag, GINT_TO_POINTER (list), NULL,
             cancellable, callback, user_data);
}

static MrRepository *
finish_open (GAsyncResult  *result,
             GPtrArray    **out_records,
             GError       **error)
{
  Opened *opened = g_task_propagate_pointer (G_TASK (result), error);
  MrRepository *repository;

  if (opened == NULL)
    return NULL;
  repository = g_steal_pointer (&opened->repository);
  if (out_records != NULL)
    *out_records = g_steal_pointer (&opened->records);
  opened_free (opened);
  return repository;
}

void
mr_repository_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  start_open (path, FALSE, mr_repository_open_async, cancellable, callback, user_data);
}

MrRepository *
mr_repository_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_open_async), NULL);

  return finish_open (result, NULL, error);
}

void
mr_repository_open_listed_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  start_open (path, TRUE, mr_repository_open_listed_async, cancellable, callback, user_data);
}

MrRepository *
mr_repository_open_listed_finish (GAsyncResult  *result,
                                  GPtrArray    **out_records,
                                  GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_open_listed_async), NULL);
  g_return_val_if_fail (out_records != NULL, NULL);

  return finish_open (result, out_records, error);
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
  return propagate_pointer (self, result, mr_repository_list_async, error);
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
  return propagate_pointer (self, result, mr_repository_get_async, error);
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
  return propagate_pointer (self, result, mr_repository_save_async, error);
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
  return propagate_pointer (self, result, mr_repository_delete_async, error);
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
  return propagate_pointer (self, result, mr_repository_restore_async, error);
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
  return propagate_pointer (self, result, mr_repository_import_async, error);
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
  return propagate_boolean (self, result, mr_repository_export_async, error);
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
  return propagate_boolean (self, result, mr_repository_check_integrity_async, error);
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
  return propagate_boolean (self, result, mr_repository_set_framework_async, error);
}

/* A workflow step's input, copied: the caller's strings need not outlive
 * the call. */
typedef struct {
  gint64            id;
  MrWorkflowAction  action;
  GStrv             intended_uses;
  char             *owner;
  MrDeployment      deployment;
  MrDataSensitivity data_sensitivity;
  char             *justification;
  char             *comment;
  char             *conditions;
  gint64            review_date;
} ActData;

static void
act_data_free (ActData *data)
{
  g_strfreev (data->intended_uses);
  g_free (data->owner);
  g_free (data->justification);
  g_free (data->comment);
  g_free (data->conditions);
  g_free (data);
}

/* Runs on the worker thread. */
static void
act_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  MrRepository *self = source_object;
  ActData *data = task_data;
  MrWorkflowInput input = {
    .intended_uses = (const char * const *) data->intended_uses,
    .owner = data->owner,
    .deployment = data->deployment,
    .data_sensitivity = data->data_sensitivity,
    .justification = data->justification,
    .comment = data->comment,
    .conditions = data->conditions,
    .review_date = data->review_date,
  };
  GError *error = NULL;
  MrModelRecord *record = mr_store_act (self->store, data->id, data->action, &input,
                                        get_actor (), &error);

  return_record (task, record, error);
}

void
mr_repository_act_async (MrRepository          *self,
                         gint64                 id,
                         MrWorkflowAction       action,
                         const MrWorkflowInput *input,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  ActData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (action < MR_WORKFLOW_ACTION_EDIT_APPROVED);
  g_return_if_fail (input != NULL);

  data = g_new0 (ActData, 1);
  data->id = id;
  data->action = action;
  data->intended_uses = g_strdupv ((char **) input->intended_uses);
  data->owner = g_strdup (input->owner);
  data->deployment = input->deployment;
  data->data_sensitivity = input->data_sensitivity;
  data->justification = g_strdup (input->justification);
  data->comment = g_strdup (input->comment);
  data->conditions = g_strdup (input->conditions);
  data->review_date = input->review_date;
  queue_job (self, MR_PRIORITY_INTERACTIVE, act_job, mr_repository_act_async,
             data, (GDestroyNotify) act_data_free, cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_act_finish (MrRepository  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate_pointer (self, result, mr_repository_act_async, error);
}

/* Runs on the worker thread. */
static void
mark_overdue_job (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  guint n_marked = 0;

  if (mr_store_mark_overdue (self->store, g_get_real_time () / G_USEC_PER_SEC, &n_marked,
                             &error))
    g_task_return_int (task, n_marked);
  else
    g_task_return_error (task, error);
}

void
mr_repository_mark_overdue_async (MrRepository        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_BACKGROUND, mark_overdue_job, mr_repository_mark_overdue_async,
             NULL, NULL, cancellable, callback, user_data);
}

gboolean
mr_repository_mark_overdue_finish (MrRepository  *self,
                                   GAsyncResult  *result,
                                   guint         *out_n_marked,
                                   GError       **error)
{
  gssize n_marked;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_mark_overdue_async),
                        FALSE);

  n_marked = g_task_propagate_int (G_TASK (result), error);
  if (n_marked < 0)
    return FALSE;
  if (out_n_marked != NULL)
    *out_n_marked = n_marked;
  return TRUE;
}

/* Runs on the worker thread. */
static void
list_approvals_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  GPtrArray *events = mr_store_list_approvals (self->store, *(gint64 *) task_data, &error);

  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

void
mr_repository_list_approvals_async (MrRepository        *self,
                                    gint64               model_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, list_approvals_job,
             mr_repository_list_approvals_async, g_memdup2 (&model_id, sizeof model_id), g_free,
             cancellable, callback, user_data);
}

GPtrArray *
mr_repository_list_approvals_finish (MrRepository  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate_pointer (self, result, mr_repository_list_approvals_async, error);
}

typedef struct {
  gint64 model_id;
  gint64 since;
  gint64 until;
} AuditQuery;

/* Runs on the worker thread. */
static void
list_audit_job (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MrRepository *self = source_object;
  const AuditQuery *query = task_data;
  GError *error = NULL;
  GPtrArray *entries = mr_store_list_audit (self->store, query->model_id, query->since,
                                            query->until, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
mr_repository_list_audit_async (MrRepository        *self,
                                gint64               model_id,
                                gint64               since,
                                gint64               until,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AuditQuery query = { model_id, since, until };

  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, list_audit_job, mr_repository_list_audit_async,
             g_memdup2 (&query, sizeof query), g_free, cancellable, callback, user_data);
}

GPtrArray *
mr_repository_list_audit_finish (MrRepository  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_pointer (self, result, mr_repository_list_audit_async, error);
}

/* Filled on the worker thread; read by the finish function, which has
 * the seq even when the task returns an error. */
typedef struct {
  guint  n_entries;
  gint64 first_bad_seq;
} VerifyOutcome;

/* Runs on the worker thread. */
static void
verify_audit_job (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MrRepository *self = source_object;
  VerifyOutcome *outcome = task_data;
  GError *error = NULL;

  if (mr_store_verify_audit (self->store, &outcome->n_entries, &outcome->first_bad_seq, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mr_repository_verify_audit_async (MrRepository        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  /* It reads the whole trail: anything the user asks for goes first. */
  queue_job (self, MR_PRIORITY_BACKGROUND, verify_audit_job, mr_repository_verify_audit_async,
             g_new0 (VerifyOutcome, 1), g_free, cancellable, callback, user_data);
}

gboolean
mr_repository_verify_audit_finish (MrRepository  *self,
                                   GAsyncResult  *result,
                                   guint         *out_n_entries,
                                   gint64        *out_first_bad_seq,
                                   GError       **error)
{
  const VerifyOutcome *outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_verify_audit_async),
                        FALSE);

  outcome = g_task_get_task_data (G_TASK (result));
  if (out_n_entries != NULL)
    *out_n_entries = outcome->n_entries;
  if (out_first_bad_seq != NULL)
    *out_first_bad_seq = outcome->first_bad_seq;
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

/* ---- refresh from the sources (mr-refresh-job.h) ---------------------- */

typedef struct {
  GArray *ids;
  char   *endpoint;
  char   *token;
  char   *ollama_url;   /* NULL: $OLLAMA_HOST or the default */
  MrJob  *job;
  char   *author;
} HubData;

static void
hub_data_free (HubData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data->endpoint);
  g_free (data->token);
  g_free (data->ollama_url);
  g_clear_object (&data->job);
  g_free (data->author);
  g_free (data);
}

static HubData *
hub_data_new (const char *endpoint,
              const char *token)
{
  HubData *data = g_new0 (HubData, 1);

  data->endpoint = g_strdup (endpoint != NULL ? endpoint : mr_hub_client_default_endpoint ());
  data->token = g_strdup (token);
  return data;
}

/* Runs on the worker thread, when the refresh it started has finished. */
static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MrRefreshSummary *summary = mr_refresh_job_run_finish (MR_REFRESH_JOB (source), result, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) mr_refresh_summary_free);
}

/* Runs on the worker thread.  The clients are the run's own: created here
 * and used on the run's network thread only. */
static void
refresh_job (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MrRepository *self = source_object;
  HubData *data = task_data;
  g_autoptr(MrHubClient) hub = mr_hub_client_new (data->endpoint, data->token);
  g_autoptr(MrOllamaClient) ollama = mr_ollama_client_new_with_http (data->ollama_url,
                                                                     mr_hub_client_get_http (hub));
  g_autoptr(MrRefreshJob) refresh = mr_refresh_job_new (self->store, hub, ollama, get_actor ());

  /* The run goes on on this thread's context, between the other jobs. */
  mr_refresh_job_run_async (refresh, data->ids, data->job, on_refreshed, g_object_ref (task));
}

void
mr_repository_refresh_async (MrRepository        *self,
                             GArray              *ids,
                             const char          *hub_endpoint,
                             const char          *hub_token,
                             const char          *ollama_url,
                             MrJob               *job,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  HubData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (MR_IS_JOB (job));

  data = hub_data_new (hub_endpoint, hub_token);
  data->ollama_url = g_strdup (ollama_url);
  data->ids = ids != NULL ? g_array_ref (ids) : NULL;
  data->job = g_object_ref (job);
  queue_job (self, mr_job_get_priority (job), refresh_job, mr_repository_refresh_async,
             data, (GDestroyNotify) hub_data_free, mr_job_get_cancellable (job),
             callback, user_data);
}

MrRefreshSummary *
mr_repository_refresh_finish (MrRepository  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_pointer (self, result, mr_repository_refresh_async, error);
}

typedef struct {
  MrModelRecord *record;
  MrSnapshot    *snapshot;
} SnapshotSave;

static void
snapshot_save_free (SnapshotSave *save)
{
  mr_model_record_unref (save->record);
  mr_snapshot_unref (save->snapshot);
  g_free (save);
}

/* Runs on the worker thread. */
static void
save_with_snapshot_job (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  MrRepository *self = source_object;
  SnapshotSave *save = task_data;
  GError *error = NULL;
  MrModelRecord *record = mr_store_save_with_snapshot (self->store, save->record, save->snapshot,
                                                       NULL, get_actor (), &error);

  return_record (task, record, error);
}

void
mr_repository_save_with_snapshot_async (MrRepository        *self,
                                        MrModelRecord       *record,
                                        MrSnapshot          *snapshot,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  SnapshotSave *save;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (record != NULL && snapshot != NULL);

  save = g_new0 (SnapshotSave, 1);
  save->record = mr_model_record_ref (record);
  save->snapshot = mr_snapshot_ref (snapshot);
  queue_job (self, MR_PRIORITY_INTERACTIVE, save_with_snapshot_job,
             mr_repository_save_with_snapshot_async, save, (GDestroyNotify) snapshot_save_free,
             cancellable, callback, user_data);
}

MrModelRecord *
mr_repository_save_with_snapshot_finish (MrRepository  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return propagate_pointer (self, result, mr_repository_save_with_snapshot_async, error);
}

/* Runs on the worker thread. */
static void
list_snapshots_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  GPtrArray *snapshots = mr_store_list_snapshots (self->store, *(gint64 *) task_data, &error);

  if (snapshots == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshots, (GDestroyNotify) g_ptr_array_unref);
}

void
mr_repository_list_snapshots_async (MrRepository        *self,
                                    gint64               model_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, list_snapshots_job,
             mr_repository_list_snapshots_async, g_memdup2 (&model_id, sizeof model_id), g_free,
             cancellable, callback, user_data);
}

GPtrArray *
mr_repository_list_snapshots_finish (MrRepository  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate_pointer (self, result, mr_repository_list_snapshots_async, error);
}

/* Runs on the worker thread, when the import it started has finished. */
static void
on_author_imported (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrHubImportReport *report = g_new0 (MrHubImportReport, 1);
  GError *error = NULL;

  if (mr_add_from_hub_import_author_finish (result, report, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

/* Runs on the worker thread; the listing's few requests run here too. */
static void
import_author_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MrRepository *self = source_object;
  HubData *data = task_data;
  g_autoptr(MrHubClient) hub = mr_hub_client_new (data->endpoint, data->token);

  mr_add_from_hub_import_author_async (hub, self->store, data->author, get_actor (), cancellable,
                                       on_author_imported, g_object_ref (task));
}

void
mr_repository_import_hub_author_async (MrRepository        *self,
                                       const char          *author,
                                       const char          *hub_endpoint,
                                       const char          *hub_token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  HubData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (author != NULL);

  data = hub_data_new (hub_endpoint, hub_token);
  data->author = g_strdup (author);
  queue_job (self, MR_PRIORITY_INTERACTIVE, import_author_job,
             mr_repository_import_hub_author_async, data, (GDestroyNotify) hub_data_free,
             cancellable, callback, user_data);
}

gboolean
mr_repository_import_hub_author_finish (MrRepository       *self,
                                        GAsyncResult       *result,
                                        MrHubImportReport  *out_report,
                                        GError            **error)
{
  g_autofree MrHubImportReport *report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_import_hub_author_async),
                        FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;
  if (out_report != NULL)
    *out_report = *report;
  return TRUE;
}

void
mr_repository_report_async (MrRepository          *self,
                            const MrReportRequest *request,
                            GFile                 *file,
                            MrProgressFunc         progress,
                            gpointer               progress_data,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  mr_report_job_run_async (self->worker, self->store, request, file, progress, progress_data,
                           cancellable, callback, user_data);
}

gboolean
mr_repository_report_finish (MrRepository  *self,
                             GAsyncResult  *result,
                             guint         *out_n_pages,
                             GError       **error)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), FALSE);

  return mr_report_job_run_finish (result, out_n_pages, error);
}

/* Checks.  A verification or inference check runs on the caller's context
 * (they have threads and processes of their own) and only storing its
 * outcome goes through the worker. */

typedef struct {
  MrCheckRecord  *check;      /* to store; the job sets its id */
  GError         *run_error;  /* why the check could not run, returned once stored */
  MrProgressFunc  progress;
  gpointer        progress_data;
  MrCheckRunner  *runner;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_pointer (&data->check, mr_check_record_unref);
  g_clear_error (&data->run_error);
  g_clear_object (&data->runner);
  g_free (data);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Runs on the worker thread. */
static void
add_check_job (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MrRepository *self = source_object;
  CheckData *data = task_data;
  MrCheckRecord *check = data->check;
  GError *error = NULL;

  check->id = mr_store_add_check (self->store, check->model_id, check->kind, check->status,
                                  check->inputs_json, check->result_json, check->started_at,
                                  check->finished_at, check->actor, check->error, &error);
  if (check->id == 0)
    g_task_return_error (task, error);
  else if (data->run_error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->run_error));
  else
    g_task_return_pointer (task, mr_check_record_ref (check),
                           (GDestroyNotify) mr_check_record_unref);
}

void
mr_repository_add_check_async (MrRepository        *self,
                               const MrCheckRecord *check,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CheckData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (check != NULL && check->model_id > 0);

  data = g_new0 (CheckData, 1);
  data->check = mr_check_record_copy (check);
  g_free (data->check->actor);
  data->check->actor = g_strdup (get_actor ());
  queue_job (self, MR_PRIORITY_INTERACTIVE, add_check_job, mr_repository_add_check_async,
             data, (GDestroyNotify) check_data_free, cancellable, callback, user_data);
}

MrCheckRecord *
mr_repository_add_check_finish (MrRepository  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
list_checks_job (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  GPtrArray *checks = mr_store_list_checks (self->store, *(gint64 *) task_data, &error);

  if (checks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checks, (GDestroyNotify) g_ptr_array_unref);
}

void
mr_repository_list_checks_async (MrRepository        *self,
                                 gint64               model_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, list_checks_job, mr_repository_list_checks_async,
             g_memdup2 (&model_id, sizeof model_id), g_free, cancellable, callback, user_data);
}

GPtrArray *
mr_repository_list_checks_finish (MrRepository  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_list_checks_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs on the worker thread. */
static void
get_policy_inputs_job (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  MrRepository *self = source_object;
  GError *error = NULL;
  g_autofree MrPolicyInputs *inputs = g_new0 (MrPolicyInputs, 1);

  if (!mr_store_get_policy_inputs (self->store, *(gint64 *) task_data, inputs, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&inputs), g_free);
}

void
mr_repository_get_policy_inputs_async (MrRepository        *self,
                                       gint64               model_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MR_IS_REPOSITORY (self));

  queue_job (self, MR_PRIORITY_INTERACTIVE, get_policy_inputs_job,
             mr_repository_get_policy_inputs_async,
             g_memdup2 (&model_id, sizeof model_id), g_free, cancellable, callback, user_data);
}

gboolean
mr_repository_get_policy_inputs_finish (MrRepository    *self,
                                        GAsyncResult    *result,
                                        MrPolicyInputs  *out_inputs,
                                        GError         **error)
{
  g_autofree MrPolicyInputs *inputs = NULL;

  g_return_val_if_fail (MR_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, mr_repository_get_policy_inputs_async),
                        FALSE);
  g_return_val_if_fail (out_inputs != NULL, FALSE);

  inputs = g_task_propagate_pointer (G_TASK (result), error);
  if (inputs == NULL)
    return FALSE;
  *out_inputs = *inputs;
  return TRUE;
}

/* The check as it started: status and result are set when it ends. */
static GTask *
start_check (MrRepository         *self,
             const MrModelRecord  *record,
             MrCheckKind           kind,
             const char           *path,
             gpointer              source_tag,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CheckData *data = g_new0 (CheckData, 1);

  data->check = mr_check_record_new ();
  data->check->model_id = record->id;
  data->check->kind = kind;
  data->check->started_at = now_seconds ();
  data->check->inputs_json = mr_check_inputs_to_json (path, mr_check_kind_is_inference (kind)
                                                            ? MR_CHECK_RUNNER_DEFAULT_TOKENS : 0);
  data->check->actor = g_strdup (get_actor ());
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  return task;
}

/* Stores the outcome of the check; one that could not run is stored as an
 * error (someone tried, and why it failed is evidence too) and finishes
 * with run_error.  A cancelled check, or one without a runtime to run it,
 * never tried the model and is not stored. */
static void
finish_check (GTask         *task,
              MrCheckStatus  status,
              char          *result_json,
              GError        *run_error)
{
  MrRepository *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);

  if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (run_error, MR_CHECK_ERROR, MR_CHECK_ERROR_NO_RUNTIME))
    {
      g_task_return_error (task, run_error);
      g_object_unref (task);
      return;
    }
  data->check->status = run_error != NULL ? MR_CHECK_STATUS_ERROR : status;
  data->check->finished_at = now_seconds ();
  data->check->result_json = result_json;
  data->check->error = run_error != NULL ? g_strdup (run_error->message) : NULL;
  data->run_error = run_error;
  mr_worker_queue (self->worker, MR_PRIORITY_INTERACTIVE, add_check_job, task);
  g_object_unref (task);
}

static void
on_verify_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  CheckData *data = user_data;

  if (data->progress != NULL)
    data->progress (total > 0 ? (double) done / total : 1.0, data->progress_data);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(MrVerifyResult) verified = mr_verify_path_finish (result, &error);

  if (verified == NULL)
    finish_check (task, MR_CHECK_STATUS_ERROR, NULL, error);
  else
    finish_check (task,
                  verified->severity >= MR_FLAG_SEVERITY_BLOCKING ? MR_CHECK_STATUS_FAILED
                                                                  : MR_CHECK_STATUS_PASSED,
                  mr_verify_result_to_json (verified, FALSE), NULL);
}

void
mr_repository_verify_model_async (MrRepository        *self,
                                  MrModelRecord       *record,
                                  MrProgressFunc       progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  GTask *task;
  CheckData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (record != NULL && record->id > 0);

  path = mr_check_weights_path (record, &error);
  if (path == NULL)
    {
      g_task_report_error (self, callback, user_data, mr_repository_verify_model_async, error);
      return;
    }
  task = start_check (self, record, MR_CHECK_KIND_VERIFICATION, path,
                      mr_repository_verify_model_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->progress = progress;
  data->progress_data = progress_data;
  mr_verify_path_async (path, NULL, on_verify_progress, data, cancellable, on_verified, task);
}

MrCheckRecord *
mr_repository_verify_model_finish (MrRepository  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_inference_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(MrCheckResult) checked = mr_check_runner_run_finish (MR_CHECK_RUNNER (source),
                                                                 result, &error);

  /* Greedy generation that varies between two runs is not a working model. */
  if (checked == NULL)
    finish_check (task, MR_CHECK_STATUS_ERROR, NULL, error);
  else
    finish_check (task, checked->deterministic ? MR_CHECK_STATUS_PASSED : MR_CHECK_STATUS_FAILED,
                  mr_check_result_to_json (checked, FALSE), NULL);
}

void
mr_repository_run_check_async (MrRepository        *self,
                               MrModelRecord       *record,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  GTask *task;
  CheckData *data;

  g_return_if_fail (MR_IS_REPOSITORY (self));
  g_return_if_fail (record != NULL && record->id > 0);

  path = mr_check_weights_path (record, &error);
  if (path == NULL)
    {
      g_task_report_error (self, callback, user_data, mr_repository_run_check_async, error);
      return;
    }
  task = start_check (self, record, MR_CHECK_KIND_INFERENCE, path,
                      mr_repository_run_check_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->runner = mr_check_runner_new ();
  mr_check_runner_set_tokens (data->runner, MR_CHECK_RUNNER_DEFAULT_TOKENS);
  mr_check_runner_run_async (data->runner, path, cancellable, on_inference_done, task);
}

MrCheckRecord *
mr_repository_run_check_finish (MrRepository  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MR_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
