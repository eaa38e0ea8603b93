/* mr-ollama-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-ollama-client"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-hub-model-info.h"
#include "mr-network-error.h"
#include "mr-ollama-client.h"

struct _MrOllamaClient {
  GObject       parent_instance;

  char         *base_url;   /* without a trailing slash */
  MrHttpClient *http;
};

G_DEFINE_FINAL_TYPE (MrOllamaClient, mr_ollama_client, G_TYPE_OBJECT)

static void
mr_ollama_client_finalize (GObject *object)
{
  MrOllamaClient *self = MR_OLLAMA_CLIENT (object);

  g_free (self->base_url);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (mr_ollama_client_parent_class)->finalize (object);
}

static void
mr_ollama_client_class_init (MrOllamaClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_ollama_client_finalize;
}

static void
mr_ollama_client_init (MrOllamaClient *self)
{
}

/* Splits "host:port", "[v6]:port", ":port"; FALSE when there is no port. */
static gboolean
split_host_port (const char  *hostport,
                 char       **host,
                 char       **port)
{
  const char *colon = strrchr (hostport, ':');

  if (colon == NULL || colon[1] == '\0' || strspn (colon + 1, "0123456789") != strlen (colon + 1))
    return FALSE;
  if (hostport[0] != '[' && strchr (hostport, ':') != colon)
    return FALSE;   /* a bare IPv6 address */
  *host = g_strndup (hostport, colon - hostport);
  *port = g_strdup (colon + 1);
  return TRUE;
}

char *
mr_ollama_client_base_url_for_host (const char *ollama_host)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (ollama_host != NULL ? ollama_host : ""));
  const char *scheme = "http";
  const char *default_port = G_STRINGIFY (MR_OLLAMA_CLIENT_DEFAULT_PORT);
  const char *hostport = trimmed;
  const char *sep = strstr (trimmed, "://");
  const char *slash;
  g_autofree char *scheme_copy = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;

  if (sep != NULL)
    {
      scheme = scheme_copy = g_strndup (trimmed, sep - trimmed);
      hostport = sep + 3;
      /* An explicit scheme brings its usual port, as the Ollama CLI has it. */
      if (g_str_equal (scheme, "http"))
        default_port = "80";
      else if (g_str_equal (scheme, "https"))
        default_port = "443";
    }
  slash = strchr (hostport, '/');
  authority = slash != NULL ? g_strndup (hostport, slash - hostport) : g_strdup (hostport);
  if (!split_host_port (authority, &host, &port))
    {
      host = g_strdup (*authority != '\0' ? authority : "127.0.0.1");
      port = g_strdup (default_port);
    }
  return g_strdup_printf ("%s://%s:%s%s", scheme, *host != '\0' ? host : "127.0.0.1", port,
                          slash != NULL && slash[1] != '\0' ? slash : "");
}

char *
mr_ollama_client_default_base_url (void)
{
  return mr_ollama_client_base_url_for_host (g_getenv ("OLLAMA_HOST"));
}

MrOllamaClient *
mr_ollama_client_new_with_http (const char   *base_url,
                                MrHttpClient *http)
{
  MrOllamaClient *self;

  g_return_val_if_fail (MR_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (MR_TYPE_OLLAMA_CLIENT, NULL);
  self->base_url = base_url != NULL ? g_strdup (base_url) : mr_ollama_client_default_base_url ();
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->http = g_object_ref (http);
  return self;
}

MrOllamaClient *
mr_ollama_client_new (const char *base_url)
{
  g_autoptr(MrHttpClient) http = mr_http_client_new (NULL);

  return mr_ollama_client_new_with_http (base_url, http);
}

const char *
mr_ollama_client_get_base_url (MrOllamaClient *self)
{
  g_return_val_if_fail (MR_IS_OLLAMA_CLIENT (self), NULL);
  return self->base_url;
}

static JsonNode *
response_json (GObject       *source,
               GAsyncResult  *result,
               const char    *subject,
               char         **context,
               GError       **error)
{
  g_autoptr(MrHttpResponse) response = mr_http_client_send_finish (MR_HTTP_CLIENT (source),
                                                                   result, error);

  if (response == NULL)
    return NULL;
  *context = g_strdup_printf ("%s: %s", subject,
                              g_uri_get_path (mr_http_response_get_uri (response)));
  return mr_hub_parse_json (mr_http_response_get_body (response), *context, error);
}

static gboolean
parse_tags (JsonNode    *root,
            GPtrArray   *models,
            const char  *context,
            GError     **error)
{
  JsonNode *list = JSON_NODE_HOLDS_OBJECT (root)
                   ? json_object_get_member (json_node_get_object (root), "models") : NULL;
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: no list of models"), context);
      return FALSE;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MrOllamaModel *model = mr_ollama_model_new_from_json (json_array_get_element (array, i),
                                                            NULL, context, error);
      if (model == NULL)
        return FALSE;
      g_ptr_array_add (models, model);
    }
  return TRUE;
}

static void
on_tags (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *context = NULL;
  g_autoptr(JsonNode) root = response_json (source, result, "Ollama", &context, &error);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ollama_model_unref);

  if (root == NULL || !parse_tags (root, models, context, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&models), (GDestroyNotify) g_ptr_array_unref);
}

void
mr_ollama_client_list_models_async (MrOllamaClient      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  g_autofree char *url = NULL;

  g_return_if_fail (MR_IS_OLLAMA_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_ollama_client_list_models_async);
  url = g_strconcat (self->base_url, "/api/tags", NULL);
  mr_http_client_send_async (self->http, "GET", url, NULL, "Ollama", cancellable, on_tags, task);
}

GPtrArray *
mr_ollama_client_list_models_finish (MrOllamaClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_show (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *context = NULL;
  g_autoptr(JsonNode) root = response_json (source, result, name, &context, &error);
  MrOllamaModel *model = root != NULL ? mr_ollama_model_new_from_json (root, name, context, &error)
                                      : NULL;

  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, (GDestroyNotify) mr_ollama_model_unref);
}

void
mr_ollama_client_show_async (MrOllamaClient      *self,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;
  char *json;

  g_return_if_fail (MR_IS_OLLAMA_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_ollama_client_show_async);
  g_task_set_task_data (task, g_strdup (name), g_free);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  json_generator_set_root (generator, request);
  json = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (json, length);
  url = g_strconcat (self->base_url, "/api/show", NULL);
  mr_http_client_send_async (self->http, "POST", url, body, name, cancellable, on_show, task);
}

MrOllamaModel *
mr_ollama_client_show_finish (MrOllamaClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
