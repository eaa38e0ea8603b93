/* mr-hub-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-hub-client"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-hub-client.h"
#include "mr-network-error.h"

struct _MrHubClient {
  GObject       parent_instance;

  char         *endpoint;   /* without a trailing slash */
  GUri         *endpoint_uri;
  MrHttpClient *http;
};

G_DEFINE_FINAL_TYPE (MrHubClient, mr_hub_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MrHubSnapshot, mr_hub_snapshot, mr_hub_snapshot_ref, mr_hub_snapshot_unref)

MrHubSnapshot *
mr_hub_snapshot_ref (MrHubSnapshot *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_hub_snapshot_unref (MrHubSnapshot *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->info, mr_hub_model_info_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->readme_card, mr_model_card_unref);
  g_free (self);
}

static void
mr_hub_client_finalize (GObject *object)
{
  MrHubClient *self = MR_HUB_CLIENT (object);

  g_free (self->endpoint);
  g_clear_pointer (&self->endpoint_uri, g_uri_unref);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (mr_hub_client_parent_class)->finalize (object);
}

static void
mr_hub_client_class_init (MrHubClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_hub_client_finalize;
}

static void
mr_hub_client_init (MrHubClient *self)
{
}

const char *
mr_hub_client_default_endpoint (void)
{
  const char *env = g_getenv ("HF_ENDPOINT");

  return env != NULL && *env != '\0' ? env : MR_HUB_CLIENT_DEFAULT_ENDPOINT;
}

MrHubClient *
mr_hub_client_new_with_http (const char   *endpoint,
                             MrHttpClient *http)
{
  MrHubClient *self;
  gsize len;

  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (MR_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (MR_TYPE_HUB_CLIENT, NULL);
  len = strlen (endpoint);
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  self->endpoint = g_strndup (endpoint, len);
  self->endpoint_uri = g_uri_parse (self->endpoint, G_URI_FLAGS_ENCODED, NULL);
  self->http = g_object_ref (http);
  return self;
}

MrHubClient *
mr_hub_client_new (const char *endpoint,
                   const char *token)
{
  g_autoptr(MrHttpClient) http = mr_http_client_new (token);

  return mr_hub_client_new_with_http (endpoint, http);
}

const char *
mr_hub_client_get_endpoint (MrHubClient *self)
{
  g_return_val_if_fail (MR_IS_HUB_CLIENT (self), NULL);
  return self->endpoint;
}

MrHttpClient *
mr_hub_client_get_http (MrHubClient *self)
{
  g_return_val_if_fail (MR_IS_HUB_CLIENT (self), NULL);
  return self->http;
}

/* ---- helpers ----------------------------------------------------------- */

/* `name` or `owner/name` with the characters the Hub allows; anything else
 * could smuggle path segments into the URL. */
static gboolean
check_repo_id (GTask      *task,
               const char *repo_id)
{
  gboolean ok = repo_id != NULL && *repo_id != '\0' && repo_id[0] != '/'
                && !g_str_has_suffix (repo_id, "/") && strstr (repo_id, "..") == NULL;
  guint slashes = 0;

  for (const char *p = repo_id; ok && *p != '\0'; p++)
    {
      if (*p == '/')
        slashes++;
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        ok = FALSE;
    }
  if (ok && slashes <= 1)
    return TRUE;
  g_task_return_new_error (task, MR_NETWORK_ERROR, MR_NETWORK_ERROR_FAILED,
                           _("“%s” is not a Hugging Face repository id"),
                           repo_id != NULL ? repo_id : "");
  g_object_unref (task);
  return FALSE;
}

static char *
escape_revision (const char *revision)
{
  return g_uri_escape_string (revision != NULL ? revision : "main", NULL, FALSE);
}

static char *
response_context (MrHttpResponse *response,
                  const char     *subject)
{
  return g_strdup_printf ("%s: %s", subject,
                          g_uri_get_path (mr_http_response_get_uri (response)));
}

/* ---- model info -------------------------------------------------------- */

static void
on_info_response (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *repo_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *context = NULL;
  MrHubModelInfo *info;

  response = mr_http_client_send_finish (MR_HTTP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  context = response_context (response, repo_id);
  root = mr_hub_parse_json (mr_http_response_get_body (response), context, &error);
  info = root != NULL ? mr_hub_model_info_new_from_json (root, TRUE, context, &error) : NULL;
  if (info == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, info, (GDestroyNotify) mr_hub_model_info_unref);
}

void
mr_hub_client_model_info_async (MrHubClient         *self,
                                const char          *repo_id,
                                const char          *revision,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  g_autofree char *url = NULL;
  g_autofree char *rev = NULL;

  g_return_if_fail (MR_IS_HUB_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_client_model_info_async);
  if (!check_repo_id (task, repo_id))
    return;
  g_task_set_task_data (task, g_strdup (repo_id), g_free);
  rev = revision != NULL ? escape_revision (revision) : NULL;
  /* The default answer already has siblings, cardData, config, gated,
   * safetensors and gguf; expand[] would only trim it (hub-api.md §2.1). */
  url = rev != NULL ? g_strdup_printf ("%s/api/models/%s/revision/%s", self->endpoint, repo_id, rev)
                    : g_strdup_printf ("%s/api/models/%s", self->endpoint, repo_id);
  mr_http_client_send_async (self->http, "GET", url, NULL, repo_id, cancellable,
                             on_info_response, task);
}

MrHubModelInfo *
mr_hub_client_model_info_finish (MrHubClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- paginated lists --------------------------------------------------- */

typedef gboolean (*PageParser) (GPtrArray   *items,
                                JsonNode    *page,
                                const char  *context,
                                GError     **error);

typedef struct {
  char       *subject;
  PageParser  parse;
  GPtrArray  *items;
  guint       pages;
} Pages;

static void
pages_free (Pages *pages)
{
  g_free (pages->subject);
  g_ptr_array_unref (pages->items);
  g_free (pages);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrHubClient *self = g_task_get_source_object (task);
  Pages *pages = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) next_uri = NULL;
  g_autofree char *context = NULL;
  g_autofree char *next = NULL;
  GCancellable *cancellable;

  response = mr_http_client_send_finish (MR_HTTP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  context = response_context (response, pages->subject);
  root = mr_hub_parse_json (mr_http_response_get_body (response), context, &error);
  if (root == NULL || !pages->parse (pages->items, root, context, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  next = mr_http_response_dup_next_link (response);
  if (next == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (pages->items),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  /* Cursors are opaque, but they must stay on the Hub we were given. */
  next_uri = g_uri_parse (next, G_URI_FLAGS_ENCODED, NULL);
  if (next_uri == NULL
      || g_strcmp0 (g_uri_get_host (next_uri), g_uri_get_host (self->endpoint_uri)) != 0
      || g_uri_get_port (next_uri) != g_uri_get_port (self->endpoint_uri))
    {
      g_task_return_new_error (task, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                               _("%s: malformed answer: the next page is on another server"),
                               context);
      return;
    }
  if (++pages->pages >= MR_HUB_CLIENT_MAX_PAGES)
    {
      g_task_return_new_error (task, MR_NETWORK_ERROR, MR_NETWORK_ERROR_TOO_LARGE,
                               _("%s: more than %d pages"), context, MR_HUB_CLIENT_MAX_PAGES);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  mr_http_client_send_async (self->http, "GET", next, NULL, pages->subject,
                             cancellable, on_page, g_steal_pointer (&task));
}

static void
fetch_pages (MrHubClient *self,
             GTask       *task,
             const char  *url,
             const char  *subject,
             PageParser   parse,
             GDestroyNotify item_free)
{
  Pages *pages = g_new0 (Pages, 1);

  pages->subject = g_strdup (subject);
  pages->parse = parse;
  pages->items = g_ptr_array_new_with_free_func (item_free);
  g_task_set_task_data (task, pages, (GDestroyNotify) pages_free);
  mr_http_client_send_async (self->http, "GET", url, NULL, subject,
                             g_task_get_cancellable (task), on_page, task);
}

void
mr_hub_client_list_files_async (MrHubClient         *self,
                                const char          *repo_id,
                                const char          *revision,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  g_autofree char *url = NULL;
  g_autofree char *rev = escape_revision (revision);

  g_return_if_fail (MR_IS_HUB_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_client_list_files_async);
  if (!check_repo_id (task, repo_id))
    return;
  url = g_strdup_printf ("%s/api/models/%s/tree/%s?recursive=true&expand=false",
                         self->endpoint, repo_id, rev);
  fetch_pages (self, task, url, repo_id, mr_hub_file_list_append_page,
               (GDestroyNotify) mr_hub_file_free);
}

GPtrArray *
mr_hub_client_list_files_finish (MrHubClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
append_listing_page (GPtrArray   *items,
                     JsonNode    *page,
                     const char  *context,
                     GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (page))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: not a JSON list"), context);
      return FALSE;
    }
  array = json_node_get_array (page);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MrHubModelInfo *item = mr_hub_model_info_new_from_json (json_array_get_element (array, i),
                                                              FALSE, context, error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (items, item);
    }
  return TRUE;
}

void
mr_hub_client_list_models_async (MrHubClient         *self,
                                 const char          *author,
                                 const char          *search,
                                 guint                page_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  g_autoptr(GString) url = NULL;
  g_autofree char *author_q = NULL;

  g_return_if_fail (MR_IS_HUB_CLIENT (self));
  g_return_if_fail (author != NULL && page_size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_client_list_models_async);
  author_q = g_uri_escape_string (author, NULL, FALSE);
  url = g_string_new (self->endpoint);
  g_string_append_printf (url, "/api/models?author=%s", author_q);
  if (search != NULL)
    {
      g_autofree char *search_q = g_uri_escape_string (search, NULL, FALSE);
      g_string_append_printf (url, "&search=%s", search_q);
    }
  g_string_append_printf (url, "&limit=%u", page_size);
  fetch_pages (self, task, url->str, author, append_listing_page,
               (GDestroyNotify) mr_hub_model_info_unref);
}

GPtrArray *
mr_hub_client_list_models_finish (MrHubClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- README ------------------------------------------------------------ */

static void
on_readme_response (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  response = mr_http_client_send_finish (MR_HTTP_CLIENT (source), result, &error);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_bytes_ref (mr_http_response_get_body (response)),
                           (GDestroyNotify) g_bytes_unref);
}

void
mr_hub_client_fetch_readme_async (MrHubClient         *self,
                                  const char          *repo_id,
                                  const char          *revision,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autofree char *url = NULL;
  g_autofree char *rev = escape_revision (revision);

  g_return_if_fail (MR_IS_HUB_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_client_fetch_readme_async);
  if (!check_repo_id (task, repo_id))
    return;
  url = g_strdup_printf ("%s/%s/resolve/%s/README.md", self->endpoint, repo_id, rev);
  mr_http_client_send_async (self->http, "GET", url, NULL, repo_id, cancellable,
                             on_readme_response, task);
}

GBytes *
mr_hub_client_fetch_readme_finish (MrHubClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- snapshot ---------------------------------------------------------- */

typedef struct {
  char          *repo_id;
  MrHubSnapshot *snapshot;
  guint          pending;
  GError        *error;      /* the first failure */
} Snapshot;

static void
snapshot_free (Snapshot *data)
{
  g_free (data->repo_id);
  g_clear_pointer (&data->snapshot, mr_hub_snapshot_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
snapshot_part_done (GTask  *task,
                    GError *error)
{
  Snapshot *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = error;
  else if (error != NULL)
    g_error_free (error);
  if (--data->pending > 0)
    {
      g_object_unref (task);
      return;
    }
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->snapshot),
                           (GDestroyNotify) mr_hub_snapshot_unref);
  g_object_unref (task);
}

static void
on_snapshot_files (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Snapshot *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->snapshot->files = mr_hub_client_list_files_finish (MR_HUB_CLIENT (source), result, &error);
  snapshot_part_done (task, error);
}

static void
on_snapshot_readme (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Snapshot *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = mr_hub_client_fetch_readme_finish (MR_HUB_CLIENT (source),
                                                              result, &error);

  if (body != NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (body, &length);

      data->snapshot->readme_card = mr_model_card_parse_readme (text != NULL ? text : "", length,
                                                                data->repo_id, &error);
    }
  else if (g_error_matches (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND))
    g_clear_error (&error);
  else if (g_error_matches (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_GATED))
    {
      data->snapshot->readme_gated = TRUE;
      g_clear_error (&error);
    }
  snapshot_part_done (task, error);
}

static void
on_snapshot_info (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  MrHubClient *self = MR_HUB_CLIENT (source);
  Snapshot *data = g_task_get_task_data (task);
  GError *error = NULL;
  MrHubModelInfo *info = mr_hub_client_model_info_finish (self, result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (info == NULL)
    {
      snapshot_part_done (task, error);
      return;
    }
  data->snapshot->info = info;
  /* Pin tree and card to the commit the info describes, by its sha. */
  data->pending = 3;
  mr_hub_client_list_files_async (self, info->id, info->sha, cancellable,
                                  on_snapshot_files, g_object_ref (task));
  mr_hub_client_fetch_readme_async (self, info->id, info->sha, cancellable,
                                    on_snapshot_readme, g_object_ref (task));
  snapshot_part_done (task, NULL);
}

void
mr_hub_client_fetch_snapshot_async (MrHubClient         *self,
                                    const char          *repo_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Snapshot *data;

  g_return_if_fail (MR_IS_HUB_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_client_fetch_snapshot_async);
  data = g_new0 (Snapshot, 1);
  data->repo_id = g_strdup (repo_id);
  data->snapshot = g_new0 (MrHubSnapshot, 1);
  g_atomic_ref_count_init (&data->snapshot->ref_count);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) snapshot_free);
  mr_hub_client_model_info_async (self, repo_id, NULL, cancellable, on_snapshot_info, task);
}

MrHubSnapshot *
mr_hub_client_fetch_snapshot_finish (MrHubClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
