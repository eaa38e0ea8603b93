/* mr-job-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-job-manager"

#include "config.h"

#include "mr-job-manager.h"

typedef struct {
  MrJob          *job;
  MrJobStartFunc  start;
  gpointer        user_data;
  GDestroyNotify  destroy;
  gboolean        started;
  gulong          finished_id;
} Entry;

struct _MrJobManager
{
  GObject    parent_instance;

  guint      max_running;
  guint      n_running;
  GPtrArray *entries;      /* Entry*, in list order: what the model shows */
  gboolean   shutting_down;
};

static void mr_job_manager_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrJobManager, mr_job_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mr_job_manager_list_model_init))

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_clear_signal_handler (&entry->finished_id, entry->job);
  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_object_unref (entry->job);
  g_free (entry);
}

static GType
mr_job_manager_get_item_type (GListModel *model)
{
  return MR_TYPE_JOB;
}

static guint
mr_job_manager_get_n_items (GListModel *model)
{
  return MR_JOB_MANAGER (model)->entries->len;
}

static gpointer
mr_job_manager_get_item (GListModel *model,
                         guint       position)
{
  MrJobManager *self = MR_JOB_MANAGER (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->job);
}

static void
mr_job_manager_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_job_manager_get_item_type;
  iface->get_n_items = mr_job_manager_get_n_items;
  iface->get_item = mr_job_manager_get_item;
}

static void
mr_job_manager_dispose (GObject *object)
{
  MrJobManager *self = MR_JOB_MANAGER (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_job_manager_parent_class)->dispose (object);
}

static void
mr_job_manager_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrJobManager *self = MR_JOB_MANAGER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mr_job_manager_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_job_manager_class_init (MrJobManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_job_manager_dispose;
  object_class->get_property = mr_job_manager_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_job_manager_init (MrJobManager *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

MrJobManager *
mr_job_manager_new (guint max_running)
{
  MrJobManager *self;

  g_return_val_if_fail (max_running > 0, NULL);

  self = g_object_new (MR_TYPE_JOB_MANAGER, NULL);
  self->max_running = max_running;
  return self;
}

gboolean
mr_job_manager_get_busy (MrJobManager *self)
{
  g_return_val_if_fail (MR_IS_JOB_MANAGER (self), FALSE);

  return self->entries->len > 0;
}

/* The next entry to start: the first waiting interactive one, else the
 * first waiting one. */
static Entry *
next_waiting (MrJobManager *self)
{
  Entry *first = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->started)
        continue;
      if (mr_job_get_priority (entry->job) == MR_PRIORITY_INTERACTIVE)
        return entry;
      if (first == NULL)
        first = entry;
    }
  return first;
}

static void
start_entry (Entry *entry)
{
  entry->started = TRUE;
  /* A job cancelled while it waited is finished without running. */
  if (g_cancellable_is_cancelled (mr_job_get_cancellable (entry->job)))
    mr_job_finish (entry->job);
  else
    entry->start (entry->job, entry->user_data);
}

static void
start_waiting (MrJobManager *self)
{
  Entry *entry;

  while (self->n_running < self->max_running && (entry = next_waiting (self)) != NULL)
    {
      self->n_running++;
      start_entry (entry);
    }
}

static void
on_job_finished (MrJob    *job,
                 gpointer  user_data)
{
  MrJobManager *self = user_data;
  guint position;
  Entry *entry;

  for (position = 0; position < self->entries->len; position++)
    if (((Entry *) g_ptr_array_index (self->entries, position))->job == job)
      break;
  g_return_if_fail (position < self->entries->len);

  entry = g_ptr_array_index (self->entries, position);
  if (entry->started)
    self->n_running--;
  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  if (self->entries->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (!self->shutting_down)
    start_waiting (self);
}

void
mr_job_manager_submit (MrJobManager   *self,
                       MrJob          *job,
                       MrJobStartFunc  start,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  Entry *entry;

  g_return_if_fail (MR_IS_JOB_MANAGER (self));
  g_return_if_fail (MR_IS_JOB (job));
  g_return_if_fail (start != NULL);

  entry = g_new0 (Entry, 1);
  entry->job = g_object_ref (job);
  entry->start = start;
  entry->user_data = user_data;
  entry->destroy = destroy;
  entry->finished_id = g_signal_connect (job, "finished", G_CALLBACK (on_job_finished), self);
  g_ptr_array_add (self->entries, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
  if (self->entries->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (self->shutting_down)
    {
      mr_job_cancel (job);
      entry->started = TRUE;
      self->n_running++;
      mr_job_finish (job);
      return;
    }
  start_waiting (self);
}

void
mr_job_manager_shutdown (MrJobManager *self)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_if_fail (MR_IS_JOB_MANAGER (self));

  self->shutting_down = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      mr_job_cancel (entry->job);
      if (!entry->started)
        {
          entry->started = TRUE;
          self->n_running++;
          mr_job_finish (entry->job);
        }
    }
  while (self->entries->len > 0)
    g_main_context_iteration (context, TRUE);
}
