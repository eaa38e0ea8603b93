/* mr-refresh-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-refresh-job"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error.h"
#include "mr-refresh-job.h"

struct _MrRefreshJob
{
  GObject         parent_instance;

  MrStore        *store;
  MrHubClient    *hub;
  MrOllamaClient *ollama;
  char           *actor;
  guint           in_flight;

  /* The clients' thread (see fetch_on_network()), started by the first run
   * and kept, with the connections it holds, until the job is finalised. */
  GThread        *network_thread;
  GMainContext   *network_context;
  GMainLoop      *network_loop;
};

G_DEFINE_FINAL_TYPE (MrRefreshJob, mr_refresh_job, G_TYPE_OBJECT)

/* One run: the models to refresh and how far it got. */
typedef struct {
  MrJob            *job;
  GPtrArray        *queue;        /* MrModelRecord (summary), in run order */
  GHashTable       *ollama_tags;  /* tag → MrOllamaModel of /api/tags, or NULL */
  MrRefreshSummary *summary;
  guint             next;
  guint             n_in_flight;
  guint             n_done;
} Run;

typedef enum {
  FETCH_HUB,
  FETCH_OLLAMA_SHOW,
  FETCH_OLLAMA_TAGS,
} FetchKind;

/* One request of a run, in flight on the network thread.  The request
 * half is set on the store's thread before the hand-over, the answer half
 * on the network thread before the hand-back: each thread touches it only
 * while it holds it. */
typedef struct {
  GTask          *task;
  FetchKind       kind;
  MrRefreshItem  *item;         /* NULL for the tags */
  char           *source_ref;
  MrHubClient    *hub;
  MrOllamaClient *ollama;
  GCancellable   *cancellable;
  GMainContext   *store_context;

  MrHubSnapshot  *hub_answer;
  MrOllamaModel  *ollama_answer;
  GPtrArray      *tags_answer;
  GError         *error;
} Fetch;

static void start_next (GTask *task);

static void
refresh_item_free (MrRefreshItem *item)
{
  g_free (item->label);
  g_clear_error (&item->error);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_free (item);
}

void
mr_refresh_summary_free (MrRefreshSummary *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_free (self);
}

static void
run_free (Run *run)
{
  g_clear_object (&run->job);
  g_ptr_array_unref (run->queue);
  g_clear_pointer (&run->ollama_tags, g_hash_table_unref);
  mr_refresh_summary_free (run->summary);
  g_free (run);
}

static const char *
gating_name (MrHubGating gating)
{
  switch (gating)
    {
    case MR_HUB_GATING_AUTO:
      return "auto";
    case MR_HUB_GATING_MANUAL:
      return "manual";
    case MR_HUB_GATING_NONE:
    default:
      return "none";
    }
}

MrSnapshot *
mr_refresh_snapshot_from_hub (const MrHubSnapshot *hub,
                              const MrHubEvidence *evidence,
                              gint64               fetched_at)
{
  const MrModelCard *card = hub->readme_card != NULL ? hub->readme_card : hub->info->card_data;
  /* The tree lists every file; siblings are the fallback of a snapshot
   * whose tree came back empty. */
  GPtrArray *files = hub->files != NULL && hub->files->len > 0 ? hub->files : hub->info->siblings;
  MrSnapshot *snapshot;

  g_return_val_if_fail (hub != NULL && evidence != NULL, NULL);

  snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  snapshot->fetched_at = fetched_at;
  snapshot->commit = g_strdup (hub->info->sha);
  snapshot->license = g_strdup (evidence->license);
  snapshot->gating = g_strdup (gating_name (evidence->gating));
  if (card != NULL)
    {
      if (card->licenses[0] != NULL)
        snapshot->card_license = g_strjoinv (" OR ", card->licenses);
      g_strfreev (snapshot->datasets);
      snapshot->datasets = g_strdupv (card->datasets);
    }
  snapshot->weights = g_strdup (evidence->weights_summary);
  snapshot->weights_bytes = evidence->weights_bytes;
  snapshot->parameters = evidence->parameters;
  for (guint i = 0; i < files->len; i++)
    {
      const MrHubFile *file = g_ptr_array_index (files, i);

      mr_snapshot_add_file (snapshot, file->path, file->size, file->lfs_sha256);
    }
  mr_snapshot_seal (snapshot);
  return snapshot;
}

/* "sha256:abc…" → "abc…" */
static const char *
digest_hex (const char *digest)
{
  return digest != NULL && g_str_has_prefix (digest, "sha256:") ? digest + 7 : digest;
}

MrSnapshot *
mr_refresh_snapshot_from_ollama (const MrOllamaModel *shown,
                                 const MrOllamaModel *tag,
                                 gint64               fetched_at)
{
  MrSnapshot *snapshot;
  const char *format;

  g_return_val_if_fail (shown != NULL, NULL);

  snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_OLLAMA);
  snapshot->fetched_at = fetched_at;
  format = shown->format != NULL ? shown->format : "gguf";
  if (tag != NULL)
    {
      snapshot->commit = g_strdup (digest_hex (tag->digest));
      snapshot->weights_bytes = tag->size;
      mr_snapshot_add_file (snapshot, shown->name, tag->size, digest_hex (tag->digest));
    }
  snapshot->license = g_strdup (mr_ollama_license_recognize (shown->license_text));
  /* A model Ollama lists is on this machine: its weights are present. */
  snapshot->weights = shown->quantization_level != NULL
                      ? g_strdup_printf ("%s, %s", format, shown->quantization_level)
                      : g_strdup (format);
  snapshot->parameters = shown->parameter_count;
  mr_snapshot_seal (snapshot);
  return snapshot;
}

/* The reason of a re-review, for the approval history and the audit
 * trail: {"cause": "upstream-change", "source": …, "changes": […]}. */
static char *
rereview_reason (const MrSnapshot *snapshot,
                 GPtrArray        *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, "upstream-change");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, snapshot->source == MR_EVIDENCE_SOURCE_OLLAMA
                                          ? "ollama" : "hub");
  json_builder_set_member_name (builder, "changes");
  json_builder_add_value (builder, mr_snapshot_changes_to_json_node (changes));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Stores record (mapped from the source onto existing) with snapshot, or
 * concludes that nothing changed.  Nothing is written on failure. */
static gboolean
store_refresh (MrRefreshJob         *self,
               MrRefreshItem        *item,
               const MrModelRecord  *existing,
               MrModelRecord        *record,
               MrSnapshot           *snapshot,
               GError              **error)
{
  g_autoptr(MrSnapshot) previous = NULL;
  g_autoptr(MrModelRecord) saved = NULL;
  g_autofree char *reason = NULL;

  if (!mr_store_get_latest_snapshot (self->store, item->model_id, &previous, error))
    return FALSE;
  item->changes = mr_snapshot_diff (previous, snapshot);
  if (previous != NULL && mr_snapshot_same_content (previous, snapshot) &&
      mr_model_record_same_content (existing, record))
    {
      item->outcome = MR_REFRESH_UNCHANGED;
      return TRUE;
    }

  if (mr_snapshot_changes_need_rereview (item->changes))
    reason = rereview_reason (snapshot, item->changes);
  record->last_checked_at = snapshot->fetched_at;
  saved = mr_store_save_with_snapshot (self->store, record, snapshot, reason, self->actor,
                                       error);
  if (saved == NULL)
    return FALSE;
  item->outcome = MR_REFRESH_REFRESHED;
  item->rereview = mr_workflow_is_approved (existing->status) &&
                   saved->status == MR_STATUS_REREVIEW_REQUIRED;
  return TRUE;
}

static gboolean
store_hub_refresh (MrRefreshJob   *self,
                   MrRefreshItem  *item,
                   MrHubSnapshot  *hub,
                   GError        **error)
{
  g_autoptr(MrModelRecord) existing = mr_store_get_model (self->store, item->model_id, error);
  g_autoptr(MrHubEvidence) evidence = NULL;
  g_autoptr(MrSnapshot) snapshot = NULL;

  if (existing == NULL)
    return FALSE;
  evidence = mr_hub_evidence_new (hub, mr_hub_client_get_endpoint (self->hub), existing);
  snapshot = mr_refresh_snapshot_from_hub (hub, evidence, g_get_real_time () / G_USEC_PER_SEC);
  return store_refresh (self, item, existing, evidence->record, snapshot, error);
}

static gboolean
store_ollama_refresh (MrRefreshJob   *self,
                      Run            *run,
                      MrRefreshItem  *item,
                      MrOllamaModel  *shown,
                      GError        **error)
{
  g_autoptr(MrModelRecord) existing = mr_store_get_model (self->store, item->model_id, error);
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(MrSnapshot) snapshot = NULL;
  MrOllamaModel *tag;

  if (existing == NULL)
    return FALSE;
  tag = run->ollama_tags != NULL ? g_hash_table_lookup (run->ollama_tags, shown->name) : NULL;
  record = mr_ollama_model_to_record (shown, existing);
  snapshot = mr_refresh_snapshot_from_ollama (shown, tag, g_get_real_time () / G_USEC_PER_SEC);
  return store_refresh (self, item, existing, record, snapshot, error);
}

static void
complete (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (run->job != NULL)
    mr_job_set_progress (run->job, 1.0);
  g_task_return_pointer (task, g_steal_pointer (&run->summary),
                         (GDestroyNotify) mr_refresh_summary_free);
}

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->task);
  g_free (fetch->source_ref);
  g_clear_object (&fetch->hub);
  g_clear_object (&fetch->ollama);
  g_clear_object (&fetch->cancellable);
  g_main_context_unref (fetch->store_context);
  g_clear_pointer (&fetch->hub_answer, mr_hub_snapshot_unref);
  g_clear_pointer (&fetch->ollama_answer, mr_ollama_model_unref);
  g_clear_pointer (&fetch->tags_answer, g_ptr_array_unref);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

static Fetch *
fetch_new (GTask         *task,
           FetchKind      kind,
           MrRefreshItem *item,
           const char    *source_ref)
{
  MrRefreshJob *self = g_task_get_source_object (task);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->task = g_object_ref (task);
  fetch->kind = kind;
  fetch->item = item;
  fetch->source_ref = g_strdup (source_ref);
  fetch->hub = self->hub != NULL ? g_object_ref (self->hub) : NULL;
  fetch->ollama = self->ollama != NULL ? g_object_ref (self->ollama) : NULL;
  fetch->cancellable = g_object_ref (g_task_get_cancellable (task));
  fetch->store_context = g_main_context_ref (g_task_get_context (task));
  return fetch;
}

/* Records the end of one model; error is NULL when it was stored or found
 * unchanged. */
static void
model_done (GTask         *task,
            MrRefreshItem *item,
            GError        *error)
{
  Run *run = g_task_get_task_data (task);

  if (error != NULL)
    {
      item->outcome = MR_REFRESH_FAILED;
      item->error = g_error_copy (error);
      g_prefix_error (&item->error, _("Model %s: "), item->label);
    }
  switch (item->outcome)
    {
    case MR_REFRESH_REFRESHED:
      run->summary->n_refreshed++;
      break;
    case MR_REFRESH_UNCHANGED:
      run->summary->n_unchanged++;
      break;
    case MR_REFRESH_FAILED:
    default:
      run->summary->n_failed++;
      break;
    }

  run->n_in_flight--;
  run->n_done++;
  if (run->job != NULL)
    mr_job_set_progress (run->job, (double) run->n_done / run->queue->len);
  if (run->n_done == run->queue->len ||
      (g_cancellable_is_cancelled (g_task_get_cancellable (task)) && run->n_in_flight == 0))
    complete (task);
  else
    start_next (task);
}

static void
index_ollama_tags (Run       *run,
                   GPtrArray *tags)
{
  run->ollama_tags = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) mr_ollama_model_unref);
  for (guint i = 0; i < tags->len; i++)
    {
      MrOllamaModel *tag = g_ptr_array_index (tags, i);

      g_hash_table_replace (run->ollama_tags, tag->name, mr_ollama_model_ref (tag));
    }
}

/* Back on the store's thread with an answer: maps and stores it. */
static gboolean
on_fetched (gpointer data)
{
  Fetch *fetch = data;
  GTask *task = fetch->task;
  MrRefreshJob *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = g_steal_pointer (&fetch->error);

  if (fetch->kind == FETCH_OLLAMA_TAGS)
    {
      /* Without the list, models still refresh from /api/show, only
       * without the digest that tells a re-pulled model apart. */
      if (error != NULL)
        g_debug ("Listing the Ollama models: %s", error->message);
      else
        index_ollama_tags (run, fetch->tags_answer);
      /* Cancelled while listing: no model is in flight to complete the run. */
      if (g_cancellable_is_cancelled (fetch->cancellable))
        complete (task);
      else
        start_next (task);
      return G_SOURCE_REMOVE;
    }

  if (error == NULL && !g_cancellable_set_error_if_cancelled (fetch->cancellable, &error))
    {
      if (fetch->kind == FETCH_HUB)
        store_hub_refresh (self, fetch->item, fetch->hub_answer, &error);
      else
        store_ollama_refresh (self, run, fetch->item, fetch->ollama_answer, &error);
    }
  model_done (task, fetch->item, error);
  return G_SOURCE_REMOVE;
}

static void
hand_back (Fetch *fetch)
{
  g_main_context_invoke_full (fetch->store_context, G_PRIORITY_DEFAULT, on_fetched, fetch,
                              (GDestroyNotify) fetch_free);
}

static void
on_hub_snapshot (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->hub_answer = mr_hub_client_fetch_snapshot_finish (MR_HUB_CLIENT (source), result,
                                                           &fetch->error);
  hand_back (fetch);
}

static void
on_ollama_show (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->ollama_answer = mr_ollama_client_show_finish (MR_OLLAMA_CLIENT (source), result,
                                                       &fetch->error);
  hand_back (fetch);
}

static void
on_ollama_tags (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->tags_answer = mr_ollama_client_list_models_finish (MR_OLLAMA_CLIENT (source), result,
                                                            &fetch->error);
  hand_back (fetch);
}

/* On the network thread.  HTTP and the parsing of the answers run there,
 * mapping and storing on the store's thread, so that on two cores the one
 * does not wait for the other: that is what keeps a refresh of the whole
 * register above 500 models a second. */
static gboolean
fetch_on_network (gpointer data)
{
  Fetch *fetch = data;

  switch (fetch->kind)
    {
    case FETCH_HUB:
      mr_hub_client_fetch_snapshot_async (fetch->hub, fetch->source_ref, fetch->cancellable,
                                          on_hub_snapshot, fetch);
      break;
    case FETCH_OLLAMA_SHOW:
      mr_ollama_client_show_async (fetch->ollama, fetch->source_ref, fetch->cancellable,
                                   on_ollama_show, fetch);
      break;
    case FETCH_OLLAMA_TAGS:
    default:
      mr_ollama_client_list_models_async (fetch->ollama, fetch->cancellable,
                                          on_ollama_tags, fetch);
      break;
    }
  return G_SOURCE_REMOVE;
}

static gpointer
network_main (gpointer data)
{
  MrRefreshJob *self = data;

  g_main_context_push_thread_default (self->network_context);
  g_main_loop_run (self->network_loop);
  g_main_context_pop_thread_default (self->network_context);
  return NULL;
}

static void
hand_over (MrRefreshJob *self,
           Fetch        *fetch)
{
  if (self->network_thread == NULL)
    {
      self->network_context = g_main_context_new ();
      self->network_loop = g_main_loop_new (self->network_context, FALSE);
      self->network_thread = g_thread_new ("mr-refresh-net", network_main, self);
    }
  g_main_context_invoke (self->network_context, fetch_on_network, fetch);
}

static void
start_model (GTask         *task,
             MrModelRecord *queued,
             MrRefreshItem *item)
{
  MrRefreshJob *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (queued->source_ref == NULL)
    g_set_error (&error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED,
                 _("it names no source to refresh from"));
  else if (queued->source_kind == MR_SOURCE_KIND_HUGGING_FACE && self->hub != NULL)
    hand_over (self, fetch_new (task, FETCH_HUB, item, queued->source_ref));
  else if (queued->source_kind == MR_SOURCE_KIND_OLLAMA && self->ollama != NULL)
    hand_over (self, fetch_new (task, FETCH_OLLAMA_SHOW, item, queued->source_ref));
  else
    g_set_error (&error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                 _("its source cannot be refreshed here"));

  if (error != NULL)
    model_done (task, item, error);
}

static void
start_next (GTask *task)
{
  MrRefreshJob *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  while (run->n_in_flight < self->in_flight && run->next < run->queue->len &&
         !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      guint index = run->next++;

      run->n_in_flight++;
      start_model (task, g_ptr_array_index (run->queue, index),
                   g_ptr_array_index (run->summary->items, index));
    }
}

static gboolean
is_refreshable (const MrModelRecord *record)
{
  return record->source_ref != NULL &&
         (record->source_kind == MR_SOURCE_KIND_HUGGING_FACE ||
          record->source_kind == MR_SOURCE_KIND_OLLAMA);
}

/* The models of ids (each must exist), or every refreshable one. */
static GPtrArray *
collect_queue (MrStore  *store,
               GArray   *ids,
               GError  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *queue;

  if (ids == NULL)
    {
      all = mr_store_list_models (store, MR_LOAD_SUMMARY, error);
      if (all == NULL)
        return NULL;
      queue = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
      for (guint i = 0; i < all->len; i++)
        if (is_refreshable (g_ptr_array_index (all, i)))
          g_ptr_array_add (queue, mr_model_record_ref (g_ptr_array_index (all, i)));
      return queue;
    }

  queue = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      MrModelRecord *record = mr_store_get_model (store, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        {
          g_ptr_array_unref (queue);
          return NULL;
        }
      g_ptr_array_add (queue, record);
    }
  return queue;
}

static MrRefreshSummary *
summary_new (GPtrArray *queue,
             guint      in_flight)
{
  MrRefreshSummary *summary = g_new0 (MrRefreshSummary, 1);

  summary->in_flight = in_flight;
  summary->items = g_ptr_array_new_with_free_func ((GDestroyNotify) refresh_item_free);
  for (guint i = 0; i < queue->len; i++)
    {
      const MrModelRecord *record = g_ptr_array_index (queue, i);
      MrRefreshItem *item = g_new0 (MrRefreshItem, 1);

      item->model_id = record->id;
      item->label = g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", record->id,
                                     record->source_ref != NULL ? record->source_ref
                                                                : record->name);
      g_ptr_array_add (summary->items, item);
    }
  return summary;
}

static gboolean
needs_ollama_tags (GPtrArray *queue)
{
  for (guint i = 0; i < queue->len; i++)
    if (((MrModelRecord *) g_ptr_array_index (queue, i))->source_kind == MR_SOURCE_KIND_OLLAMA)
      return TRUE;
  return FALSE;
}

void
mr_refresh_job_run_async (MrRefreshJob        *self,
                          GArray              *ids,
                          MrJob               *job,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) own_cancellable = NULL;
  Run *run;

  g_return_if_fail (MR_IS_REFRESH_JOB (self));
  g_return_if_fail (job == NULL || MR_IS_JOB (job));

  /* Always a cancellable: the network thread is handed one. */
  if (job == NULL)
    own_cancellable = g_cancellable_new ();
  task = g_task_new (self, job != NULL ? mr_job_get_cancellable (job) : own_cancellable,
                     callback, user_data);
  g_task_set_source_tag (task, mr_refresh_job_run_async);

  run = g_new0 (Run, 1);
  run->job = job != NULL ? g_object_ref (job) : NULL;
  run->queue = collect_queue (self->store, ids, &error);
  if (run->queue == NULL)
    {
      run->queue = g_ptr_array_new ();
      run_free (run);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run->summary = summary_new (run->queue, self->in_flight);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (self->ollama != NULL && needs_ollama_tags (run->queue))
    hand_over (self, fetch_new (task, FETCH_OLLAMA_TAGS, NULL, NULL));
  else if (run->queue->len == 0)
    complete (task);
  else
    start_next (task);
}

MrRefreshSummary *
mr_refresh_job_run_finish (MrRefreshJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mr_refresh_job_finalize (GObject *object)
{
  MrRefreshJob *self = MR_REFRESH_JOB (object);

  /* No run is in flight (a run holds a reference), so the loop is idle. */
  if (self->network_thread != NULL)
    {
      g_main_loop_quit (self->network_loop);
      g_thread_join (self->network_thread);
      g_main_loop_unref (self->network_loop);
      g_main_context_unref (self->network_context);
    }
  g_object_unref (self->store);
  g_clear_object (&self->hub);
  g_clear_object (&self->ollama);
  g_free (self->actor);

  G_OBJECT_CLASS (mr_refresh_job_parent_class)->finalize (object);
}

static void
mr_refresh_job_class_init (MrRefreshJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_refresh_job_finalize;
}

static void
mr_refresh_job_init (MrRefreshJob *self)
{
  self->in_flight = MR_REFRESH_JOB_DEFAULT_IN_FLIGHT;
}

MrRefreshJob *
mr_refresh_job_new (MrStore        *store,
                    MrHubClient    *hub,
                    MrOllamaClient *ollama,
                    const char     *actor)
{
  MrRefreshJob *self;

  g_return_val_if_fail (MR_IS_STORE (store), NULL);
  g_return_val_if_fail (hub == NULL || MR_IS_HUB_CLIENT (hub), NULL);
  g_return_val_if_fail (ollama == NULL || MR_IS_OLLAMA_CLIENT (ollama), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  self = g_object_new (MR_TYPE_REFRESH_JOB, NULL);
  self->store = g_object_ref (store);
  self->hub = hub != NULL ? g_object_ref (hub) : NULL;
  self->ollama = ollama != NULL ? g_object_ref (ollama) : NULL;
  self->actor = g_strdup (actor);
  return self;
}

void
mr_refresh_job_set_in_flight (MrRefreshJob *self,
                              guint         in_flight)
{
  g_return_if_fail (MR_IS_REFRESH_JOB (self));
  g_return_if_fail (in_flight > 0);

  self->in_flight = in_flight;
}
