/* mr-test-hub-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-test-hub-server"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-test-hub-server.h"

#define DELAY_MS   2000
#define HUGE_CHUNK (1024 * 1024)

typedef struct {
  char       *method;
  char       *path;
  char       *query;        /* unescaped, or NULL */
  char       *auth;
  char       *request_model; /* request_json.model of POST routes */
  guint       status;
  JsonObject *headers;
  GBytes     *body;
} Route;

typedef struct {
  MrTestFault fault;
  guint       remaining;    /* 0: forever */
  char       *text;
} Fault;

struct _MrTestHubServer {
  SoupServer *server;
  char       *base;
  GPtrArray  *routes;
  GHashTable *hits;         /* path → count */
  GHashTable *faults;       /* path → Fault */
  gsize       streamed;
  char       *template_prefix;
  char       *template_like;
  GPtrArray  *delays;       /* GSource of paused answers */
};

static void
route_free (Route *route)
{
  g_free (route->method);
  g_free (route->path);
  g_free (route->query);
  g_free (route->auth);
  g_free (route->request_model);
  g_clear_pointer (&route->headers, json_object_unref);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->text);
  g_free (fault);
}

static const char *
data_dir (void)
{
  return MR_TEST_HUB_DATA;
}

static GBytes *
load_body (JsonObject *entry)
{
  const char *file = json_object_get_string_member_with_default (entry, "body_file", NULL);
  const char *text = json_object_get_string_member_with_default (entry, "body_text", "");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (file == NULL)
    return g_bytes_new (text, strlen (text));
  path = g_build_filename (data_dir (), file, NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (contents, length);
}

static void
load_routes (MrTestHubServer *self)
{
  g_autofree char *index = g_build_filename (data_dir (), "index.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *routes;

  if (!json_parser_load_from_file (parser, index, &error))
    g_error ("%s", error->message);
  routes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "routes");
  for (guint i = 0; i < json_array_get_length (routes); i++)
    {
      JsonObject *entry = json_array_get_object_element (routes, i);
      Route *route = g_new0 (Route, 1);
      const char *query = json_object_get_string_member_with_default (entry, "query", NULL);

      route->method = g_strdup (json_object_get_string_member (entry, "method"));
      route->path = g_strdup (json_object_get_string_member (entry, "path"));
      route->query = query != NULL ? g_uri_unescape_string (query, NULL) : NULL;
      route->auth = g_strdup (json_object_get_string_member_with_default (entry, "auth", "any"));
      route->status = json_object_get_int_member (entry, "status");
      route->headers = json_object_ref (json_object_get_object_member (entry, "headers"));
      route->body = load_body (entry);
      if (json_object_has_member (entry, "request_json"))
        route->request_model = g_strdup (json_object_get_string_member (
          json_object_get_object_member (entry, "request_json"), "model"));
      /* Rate limits are injected as faults, never served by accident. */
      if (route->status == 429)
        route_free (route);
      else
        g_ptr_array_add (self->routes, route);
    }
}

/* ---- matching ---------------------------------------------------------- */

static gboolean
auth_matches (const char *condition,
              const char *authorization,
              gboolean    specific)
{
  const char *token = authorization != NULL && g_str_has_prefix (authorization, "Bearer ")
                      ? authorization + strlen ("Bearer ") : NULL;

  if (g_str_equal (condition, "any"))
    return !specific;
  if (!specific)
    return FALSE;
  if (g_str_equal (condition, "none"))
    return token == NULL;
  if (g_str_equal (condition, "token"))
    return token != NULL;
  if (g_str_equal (condition, "invalid-token"))
    return g_strcmp0 (token, MR_TEST_TOKEN_INVALID) == 0;
  if (g_str_equal (condition, "token-with-access"))
    return g_strcmp0 (token, MR_TEST_TOKEN_WITH_ACCESS) == 0;
  if (g_str_equal (condition, "token-without-access"))
    return token != NULL && g_strcmp0 (token, MR_TEST_TOKEN_WITH_ACCESS) != 0
           && g_strcmp0 (token, MR_TEST_TOKEN_INVALID) != 0;
  return FALSE;
}

/* "/api/models/o/n/tree/REV…" and "/o/n/resolve/REV/…" with REV → "{rev}". */
static char *
normalize_revision (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  for (guint i = 1; i + 1 < n; i++)
    if (g_str_equal (parts[i], "tree") || g_str_equal (parts[i], "resolve"))
      {
        g_free (parts[i + 1]);
        parts[i + 1] = g_strdup ("{rev}");
        break;
      }
  return g_strjoinv ("/", parts);
}

static Route *
find_route (MrTestHubServer *self,
            const char      *method,
            const char      *path,
            const char      *query,
            const char      *authorization,
            const char      *request_model)
{
  g_autofree char *normal = normalize_revision (path);

  /* Exact query first, then routes without one, then any revision. */
  for (guint pass = 0; pass < 3; pass++)
    for (int specific = 1; specific >= 0; specific--)
      for (guint i = 0; i < self->routes->len; i++)
        {
          Route *r = g_ptr_array_index (self->routes, i);
          g_autofree char *route_normal = pass == 2 ? normalize_revision (r->path) : NULL;

          if (!g_str_equal (r->method, method)
              || !auth_matches (r->auth, authorization, specific)
              || (r->request_model != NULL && g_strcmp0 (r->request_model, request_model) != 0))
            continue;
          if (pass == 0 && g_str_equal (r->path, path) && g_strcmp0 (r->query, query) == 0)
            return r;
          if (pass == 1 && g_str_equal (r->path, path) && r->query == NULL)
            return r;
          if (pass == 2 && g_str_equal (route_normal, normal))
            return r;
        }
  return NULL;
}

/* ---- answers ----------------------------------------------------------- */

static GBytes *
substitute (GBytes     *body,
            const char *from,
            const char *to)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_auto(GStrv) pieces = g_strsplit (text, from, -1);
  char *joined = g_strjoinv (to, pieces);

  return g_bytes_new_take (joined, strlen (joined));
}

static void
serve_route (MrTestHubServer   *self,
             SoupServerMessage *msg,
             Route             *route,
             const char        *requested_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GList) names = json_object_get_members (route->headers);
  g_autoptr(GBytes) body = NULL;
  const char *type = "application/json";

  soup_server_message_set_status (msg, route->status, NULL);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value = json_object_get_string_member (route->headers, l->data);
      g_auto(GStrv) pieces = g_strsplit (value, "{BASE}", -1);
      g_autofree char *expanded = g_strjoinv (self->base, pieces);

      if (g_ascii_strcasecmp (l->data, "Content-Type") == 0)
        type = value;
      else
        soup_message_headers_replace (headers, l->data, expanded);
    }
  body = requested_id != NULL ? substitute (route->body, self->template_like, requested_id)
                              : g_bytes_ref (route->body);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
on_wrote_chunk (SoupServerMessage *msg,
                MrTestHubServer   *self)
{
  static char chunk[HUGE_CHUNK];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (self->streamed >= MR_TEST_HUGE_BODY)
    {
      soup_message_body_complete (body);
      return;
    }
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  self->streamed += sizeof chunk;
}

static gboolean
on_delay_over (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
serve_fault (MrTestHubServer   *self,
             SoupServerMessage *msg,
             Fault             *fault,
             Route             *route,
             const char        *path,
             const char        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  switch (fault->fault)
    {
    case MR_TEST_FAULT_DELAY:
      {
        GSource *source = g_timeout_source_new (DELAY_MS);

        soup_server_message_pause (msg);
        g_source_set_callback (source, on_delay_over, g_object_ref (msg), g_object_unref);
        g_source_attach (source, NULL);
        g_ptr_array_add (self->delays, source);
      }
      break;
    case MR_TEST_FAULT_SERVER_ERROR:
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "Internal Error", 14);
      break;
    case MR_TEST_FAULT_RATE_LIMIT:
    case MR_TEST_FAULT_RATE_LIMIT_LONG:
      soup_server_message_set_status (msg, 429, NULL);
      soup_message_headers_replace (headers, "RateLimit",
                                    fault->fault == MR_TEST_FAULT_RATE_LIMIT
                                    ? "\"api\";r=0;t=1" : "\"api\";r=0;t=3600");
      soup_message_headers_replace (headers, "RateLimit-Policy",
                                    "\"fixed window\";\"api\";q=500;w=300");
      if (fault->fault == MR_TEST_FAULT_RATE_LIMIT)
        soup_message_headers_replace (headers, "Retry-After", "1");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"Too many requests\"}", 30);
      break;
    case MR_TEST_FAULT_TRUNCATED:
      g_assert_nonnull (route);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (route->body, NULL),
                                        g_bytes_get_size (route->body) / 2);
      break;
    case MR_TEST_FAULT_NOT_JSON:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html><body>Maintenance</body></html>", 37);
      break;
    case MR_TEST_FAULT_HUGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk), self);
      on_wrote_chunk (msg, self);
      break;
    case MR_TEST_FAULT_REDIRECT_LOOP:
      {
        g_autofree char *target = query == NULL ? g_strconcat (path, "?hop=1", NULL)
                                                : g_strdup (path);
        soup_server_message_set_redirect (msg, 307, target);
      }
      break;
    case MR_TEST_FAULT_BODY:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        fault->text, strlen (fault->text));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The template id a request names, with the path rewritten to like's. */
static char *
apply_template (MrTestHubServer *self,
                const char      *path,
                char           **rewritten)
{
  const char *start;
  const char *end;
  g_autofree char *id = NULL;
  g_autofree char *head = NULL;

  if (self->template_prefix == NULL
      || (start = strstr (path, self->template_prefix)) == NULL)
    return NULL;
  end = strchr (start + strlen (self->template_prefix), '/');
  if (end == NULL)
    end = start + strlen (start);
  id = g_strndup (start, end - start);
  head = g_strndup (path, start - path);
  *rewritten = g_strconcat (head, self->template_like, end, NULL);
  return g_steal_pointer (&id);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query_table,
        gpointer           user_data)
{
  MrTestHubServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *query = raw_query != NULL ? g_uri_unescape_string (raw_query, NULL) : NULL;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autofree char *request_model = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *requested_id = apply_template (self, path, &template_path);
  Fault *fault = g_hash_table_lookup (self->faults, path);
  Route *route;

  g_hash_table_insert (self->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path)) + 1));
  if (request->length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, request->data, request->length, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        request_model = g_strdup (json_object_get_string_member_with_default (
          json_node_get_object (json_parser_get_root (parser)), "model", NULL));
    }
  route = find_route (self, method, template_path != NULL ? template_path : path,
                      query, authorization, request_model);
  if (fault != NULL)
    {
      serve_fault (self, msg, fault, route, path, query);
      if (fault->remaining > 0 && --fault->remaining == 0)
        g_hash_table_remove (self->faults, path);
      return;
    }
  if (route == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-Error-Code", "EntryNotFound");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"Entry not found\"}", 27);
      return;
    }
  serve_route (self, msg, route, requested_id);
}

/* ---- lifecycle --------------------------------------------------------- */

void
mr_test_hub_server_prepare_environment (void)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
}

MrTestHubServer *
mr_test_hub_server_new (void)
{
  MrTestHubServer *self = g_new0 (MrTestHubServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->delays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) fault_free);
  load_routes (self);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (self->server);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
mr_test_hub_server_free (MrTestHubServer *self)
{
  for (guint i = 0; i < self->delays->len; i++)
    g_source_destroy (g_ptr_array_index (self->delays, i));
  g_ptr_array_unref (self->delays);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_ptr_array_unref (self->routes);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->faults);
  g_free (self->base);
  g_free (self->template_prefix);
  g_free (self->template_like);
  g_free (self);
}

const char *
mr_test_hub_server_get_base (MrTestHubServer *self)
{
  return self->base;
}

guint
mr_test_hub_server_get_hits (MrTestHubServer *self,
                             const char      *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

void
mr_test_hub_server_add_fault (MrTestHubServer *self,
                              const char      *path,
                              MrTestFault      fault,
                              guint            times,
                              const char      *text)
{
  Fault *f = g_new0 (Fault, 1);

  f->fault = fault;
  f->remaining = times;
  f->text = g_strdup (text);
  g_hash_table_replace (self->faults, g_strdup (path), f);
}

gsize
mr_test_hub_server_get_streamed (MrTestHubServer *self)
{
  return self->streamed;
}

void
mr_test_hub_server_set_template (MrTestHubServer *self,
                                 const char      *prefix,
                                 const char      *like)
{
  g_free (self->template_prefix);
  g_free (self->template_like);
  self->template_prefix = g_strdup (prefix);
  self->template_like = g_strdup (like);
}

void
mr_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
mr_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}
