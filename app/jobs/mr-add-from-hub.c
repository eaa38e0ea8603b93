/* mr-add-from-hub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-add-from-hub"

#include "config.h"

#include <string.h>

#include "mr-add-from-hub.h"
#include "mr-hub-evidence.h"
#include "mr-refresh-job.h"
#include "mr-validate.h"

void
mr_hub_draft_free (MrHubDraft *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->record, mr_model_record_unref);
  g_clear_pointer (&self->snapshot, mr_snapshot_unref);
  g_free (self);
}

static void
on_draft_snapshot (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrHubClient *hub = MR_HUB_CLIENT (source);
  g_autoptr(MrHubSnapshot) snapshot = NULL;
  g_autoptr(MrHubEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  MrHubDraft *draft;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  snapshot = mr_hub_client_fetch_snapshot_finish (hub, result, &error);
  if (snapshot == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  evidence = mr_hub_evidence_new (snapshot, mr_hub_client_get_endpoint (hub), NULL);
  draft = g_new0 (MrHubDraft, 1);
  draft->record = mr_model_record_ref (evidence->record);
  draft->record->last_checked_at = now;
  draft->snapshot = mr_refresh_snapshot_from_hub (snapshot, evidence, now);
  g_task_return_pointer (task, draft, (GDestroyNotify) mr_hub_draft_free);
}

void
mr_add_from_hub_fetch_async (MrHubClient         *hub,
                             const char          *repo_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MR_IS_HUB_CLIENT (hub));
  g_return_if_fail (repo_id != NULL);

  task = g_task_new (hub, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_add_from_hub_fetch_async);
  if (!mr_validate_repo_id (repo_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mr_hub_client_fetch_snapshot_async (hub, repo_id, cancellable, on_draft_snapshot,
                                      g_steal_pointer (&task));
}

MrHubDraft *
mr_add_from_hub_fetch_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_add_from_hub_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static MrModelRecord *
record_for_listing_item (const MrHubModelInfo *info)
{
  MrModelRecord *record = mr_model_record_new ();
  const char *slash = strchr (info->id, '/');
  g_autofree char *license = mr_hub_evidence_record_license (info, NULL, NULL);

  mr_model_record_set_string (&record->name, slash != NULL ? slash + 1 : info->id);
  mr_model_record_set_string (&record->provider, info->author);
  record->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  mr_model_record_set_string (&record->source_ref, info->id);
  mr_model_record_set_string (&record->license, license);
  return record;
}

GPtrArray *
mr_add_from_hub_records_for_listing (GPtrArray *listing,
                                     GPtrArray *registered)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);

  g_return_val_if_fail (listing != NULL && registered != NULL, records);

  for (guint i = 0; i < registered->len; i++)
    {
      const MrModelRecord *record = g_ptr_array_index (registered, i);

      if (record->source_kind == MR_SOURCE_KIND_HUGGING_FACE && record->source_ref != NULL)
        g_hash_table_add (known, record->source_ref);
    }
  for (guint i = 0; i < listing->len; i++)
    {
      const MrHubModelInfo *info = g_ptr_array_index (listing, i);

      /* A listing repeats no id, but pages can shift while being read. */
      if (!g_hash_table_add (known, info->id))
        continue;
      g_ptr_array_add (records, record_for_listing_item (info));
    }
  return records;
}

typedef struct {
  MrStore *store;
  char    *author;
  char    *actor;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_object_unref (data->store);
  g_free (data->author);
  g_free (data->actor);
  g_free (data);
}

static gboolean
import_listing (ImportData         *data,
                GPtrArray          *listing,
                GCancellable       *cancellable,
                MrHubImportReport  *report,
                GError            **error)
{
  g_autoptr(GPtrArray) registered = mr_store_list_models (data->store, MR_LOAD_SUMMARY, error);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *origin = NULL;

  if (registered == NULL)
    return FALSE;
  records = mr_add_from_hub_records_for_listing (listing, registered);
  report->n_listed = listing->len;
  report->n_imported = records->len;
  report->n_already_registered = listing->len - records->len;
  if (records->len == 0)
    return TRUE;
  origin = g_strdup_printf ("Hugging Face author %s", data->author);
  return mr_store_import_models (data->store, records, data->actor, origin, NULL, NULL,
                                 cancellable, error);
}

static void
on_listing (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GError) error = NULL;
  MrHubImportReport *report;

  listing = mr_hub_client_list_models_finish (MR_HUB_CLIENT (source), result, &error);
  report = g_new0 (MrHubImportReport, 1);
  if (listing == NULL ||
      !import_listing (g_task_get_task_data (task), listing, g_task_get_cancellable (task),
                       report, &error))
    {
      g_free (report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, g_free);
}

void
mr_add_from_hub_import_author_async (MrHubClient         *hub,
                                     MrStore             *store,
                                     const char          *author,
                                     const char          *actor,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (MR_IS_HUB_CLIENT (hub));
  g_return_if_fail (MR_IS_STORE (store));
  g_return_if_fail (author != NULL && actor != NULL);

  task = g_task_new (hub, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_add_from_hub_import_author_async);
  data = g_new0 (ImportData, 1);
  data->store = g_object_ref (store);
  data->author = g_strdup (author);
  data->actor = g_strdup (actor);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  mr_hub_client_list_models_async (hub, author, NULL, MR_ADD_FROM_HUB_PAGE_SIZE, cancellable,
                                   on_listing, g_steal_pointer (&task));
}

gboolean
mr_add_from_hub_import_author_finish (GAsyncResult       *result,
                                      MrHubImportReport  *out_report,
                                      GError            **error)
{
  g_autofree MrHubImportReport *report = NULL;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        mr_add_from_hub_import_author_async, FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;
  if (out_report != NULL)
    *out_report = *report;
  return TRUE;
}
