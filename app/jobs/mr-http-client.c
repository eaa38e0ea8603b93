/* mr-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-http-client"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-http-client.h"
#include "mr-network-error.h"

#define READ_CHUNK        (64 * 1024)
/* Error bodies only feed a message; a big one is not worth reading. */
#define ERROR_BODY_CAP    (64 * 1024)
#define MAX_REDIRECTS     5
#define BACKOFF_BASE_MS   500
#define BACKOFF_MAX_MS    8000
#define SERVER_TEXT_MAX   200

/* ---- response ---------------------------------------------------------- */

struct _MrHttpResponse {
  gatomicrefcount     ref_count;
  guint               status;
  GUri               *uri;
  SoupMessageHeaders *headers;
  GBytes             *body;
};

G_DEFINE_BOXED_TYPE (MrHttpResponse, mr_http_response,
                     mr_http_response_ref, mr_http_response_unref)

static MrHttpResponse *
mr_http_response_new (SoupMessage *msg,
                      GUri        *uri,
                      GBytes      *body)
{
  MrHttpResponse *self = g_new0 (MrHttpResponse, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->status = soup_message_get_status (msg);
  self->uri = g_uri_ref (uri);
  self->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  self->body = g_bytes_ref (body);
  return self;
}

MrHttpResponse *
mr_http_response_ref (MrHttpResponse *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_http_response_unref (MrHttpResponse *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_uri_unref (self->uri);
  soup_message_headers_unref (self->headers);
  g_bytes_unref (self->body);
  g_free (self);
}

guint
mr_http_response_get_status (const MrHttpResponse *self)
{
  return self->status;
}

GBytes *
mr_http_response_get_body (const MrHttpResponse *self)
{
  return self->body;
}

GUri *
mr_http_response_get_uri (const MrHttpResponse *self)
{
  return self->uri;
}

const char *
mr_http_response_get_header (const MrHttpResponse *self,
                             const char           *name)
{
  return soup_message_headers_get_one (self->headers, name);
}

/* RFC 8288: `<target>; param; rel="next", <target2>; rel=prev`. */
char *
mr_http_response_dup_next_link (const MrHttpResponse *self)
{
  const char *p = mr_http_response_get_header (self, "Link");

  while (p != NULL && (p = strchr (p, '<')) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *params_end;
      g_autofree char *params = NULL;
      g_autofree char *target = NULL;

      if (end == NULL)
        return NULL;
      target = g_strndup (p + 1, end - p - 1);
      params_end = strchr (end, ',');
      params = params_end != NULL ? g_strndup (end + 1, params_end - end - 1)
                                  : g_strdup (end + 1);
      if (strstr (params, "rel=\"next\"") != NULL || strstr (params, "rel=next") != NULL)
        {
          g_autoptr(GUri) next = g_uri_parse_relative (self->uri, target,
                                                       G_URI_FLAGS_ENCODED, NULL);
          return next != NULL ? g_uri_to_string (next) : NULL;
        }
      p = params_end;
    }
  return NULL;
}

/* ---- client ------------------------------------------------------------ */

struct _MrHttpClient {
  GObject      parent_instance;

  SoupSession *session;
  char        *authorization;   /* "Bearer …": never logged */
  guint        timeout_ms;
  gsize        max_body;
  guint        max_attempts;
  gint64       max_total_us;
  guint        max_wait_s;
  double       wait_scale;
};

G_DEFINE_FINAL_TYPE (MrHttpClient, mr_http_client, G_TYPE_OBJECT)

typedef struct {
  char         *method;
  GBytes       *body;
  char         *subject;
  GUri         *origin;        /* first URL: the only place the token goes */
  GUri         *uri;           /* current URL of the redirect chain */
  GHashTable   *visited;       /* URLs of the current redirect chain */
  guint         attempt;
  gint64        started_us;
  GCancellable *op_cancel;     /* cancelled by the caller or by the timer */
  GCancellable *user_cancel;
  gulong        user_cancel_id;
  GSource      *timer;
  gboolean      timed_out;
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *buf;
  gsize         cap;
} Request;

static void start_attempt (GTask *task);

static void
request_stop_timer (Request *req)
{
  if (req->timer == NULL)
    return;
  g_source_destroy (req->timer);
  g_clear_pointer (&req->timer, g_source_unref);
}

static void
request_free (Request *req)
{
  request_stop_timer (req);
  if (req->user_cancel_id != 0)
    g_cancellable_disconnect (req->user_cancel, req->user_cancel_id);
  g_clear_object (&req->user_cancel);
  g_clear_object (&req->op_cancel);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buf, g_byte_array_unref);
  g_clear_pointer (&req->visited, g_hash_table_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->origin, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->subject);
  g_free (req->method);
  g_free (req);
}

static void
mr_http_client_finalize (GObject *object)
{
  MrHttpClient *self = MR_HTTP_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->authorization);
  G_OBJECT_CLASS (mr_http_client_parent_class)->finalize (object);
}

static void
mr_http_client_class_init (MrHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_http_client_finalize;
}

static void
mr_http_client_init (MrHttpClient *self)
{
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "model-register/" PACKAGE_VERSION,
                                "max-conns-per-host", MR_HTTP_CLIENT_MAX_CONNS_PER_HOST,
                                "max-conns", 4 * MR_HTTP_CLIENT_MAX_CONNS_PER_HOST,
                                NULL);
  self->timeout_ms = MR_HTTP_CLIENT_DEFAULT_TIMEOUT * 1000;
  self->max_body = MR_HTTP_CLIENT_DEFAULT_MAX_BODY;
  self->max_attempts = MR_HTTP_CLIENT_DEFAULT_ATTEMPTS;
  self->max_total_us = MR_HTTP_CLIENT_DEFAULT_TOTAL_TIME * G_USEC_PER_SEC;
  self->max_wait_s = MR_HTTP_CLIENT_DEFAULT_MAX_WAIT;
  self->wait_scale = 1.0;
}

MrHttpClient *
mr_http_client_new (const char *bearer_token)
{
  MrHttpClient *self = g_object_new (MR_TYPE_HTTP_CLIENT, NULL);

  if (bearer_token != NULL && *bearer_token != '\0')
    self->authorization = g_strconcat ("Bearer ", bearer_token, NULL);
  return self;
}

void
mr_http_client_set_timeout (MrHttpClient *self,
                            guint         milliseconds)
{
  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  g_return_if_fail (milliseconds > 0);
  self->timeout_ms = milliseconds;
}

void
mr_http_client_set_max_body_size (MrHttpClient *self,
                                  gsize         bytes)
{
  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  self->max_body = bytes;
}

void
mr_http_client_set_retries (MrHttpClient *self,
                            guint         max_attempts,
                            guint         total_seconds)
{
  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);
  self->max_attempts = max_attempts;
  self->max_total_us = (gint64) total_seconds * G_USEC_PER_SEC;
}

void
mr_http_client_set_max_wait (MrHttpClient *self,
                             guint         seconds)
{
  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  self->max_wait_s = seconds;
}

void
mr_http_client_set_wait_scale (MrHttpClient *self,
                               double        scale)
{
  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  g_return_if_fail (scale >= 0.0);
  self->wait_scale = scale;
}

/* ---- failing ----------------------------------------------------------- */

static void
fail (GTask      *task,
      int         code,
      const char *what)
{
  Request *req = g_task_get_task_data (task);

  request_stop_timer (req);
  g_task_return_new_error (task, MR_NETWORK_ERROR, code, "%s: %s: %s",
                           req->subject, g_uri_get_path (req->uri), what);
  g_object_unref (task);
}

static void
fail_cancelled_or (GTask      *task,
                   int         code,
                   const char *what)
{
  Request *req = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (req->user_cancel))
    {
      request_stop_timer (req);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("%s: %s: cancelled"), req->subject,
                               g_uri_get_path (req->uri));
      g_object_unref (task);
    }
  else if (req->timed_out)
    {
      MrHttpClient *self = g_task_get_source_object (task);
      g_autofree char *msg = g_strdup_printf (_("no answer within %.1f s"),
                                              self->timeout_ms / 1000.0);
      fail (task, MR_NETWORK_ERROR_TIMED_OUT, msg);
    }
  else
    fail (task, code, what);
}

/* ---- waiting and retrying ---------------------------------------------- */

static gboolean
on_wait_over (GCancellable *cancellable,
              gpointer      user_data)
{
  /* The source keeps its own reference until it is destroyed. */
  GTask *task = g_object_ref (user_data);

  if (g_cancellable_is_cancelled (cancellable))
    fail_cancelled_or (task, MR_NETWORK_ERROR_CONNECTION, _("cancelled"));
  else
    start_attempt (task);
  return G_SOURCE_REMOVE;
}

/* A cancellable source with a ready time wakes on whichever comes first:
 * the deadline or a cancellation (it resets its ready time on dispatch). */
static void
retry_after (GTask  *task,
             gint64  delay_us)
{
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GSource) source = g_cancellable_source_new (req->op_cancel);

  request_stop_timer (req);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_debug ("%s: retrying %s in %" G_GINT64_FORMAT " ms", req->subject,
           g_uri_get_path (req->uri), delay_us / 1000);
  g_source_set_ready_time (source, g_get_monotonic_time ()
                                   + (gint64) (delay_us * self->wait_scale));
  g_source_set_callback (source, G_SOURCE_FUNC (on_wait_over), task, g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static gboolean
can_retry (GTask  *task,
           gint64  delay_us)
{
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gint64 spent = g_get_monotonic_time () - req->started_us;

  return req->attempt < self->max_attempts
         && spent + delay_us * self->wait_scale <= self->max_total_us;
}

static gint64
backoff_us (guint attempt)
{
  guint shift = MIN (attempt - 1, 8u);
  gint64 ms = MIN ((gint64) BACKOFF_BASE_MS << shift, (gint64) BACKOFF_MAX_MS);

  /* Half fixed, half random, so that many clients do not retry in step. */
  return (ms / 2 + g_random_int_range (0, (gint32) (ms / 2) + 1)) * 1000;
}

static void
retry_or_fail (GTask      *task,
               int         code,
               const char *what)
{
  gint64 delay = backoff_us (((Request *) g_task_get_task_data (task))->attempt);

  if (can_retry (task, delay))
    retry_after (task, delay);
  else
    fail (task, code, what);
}

/* Seconds to wait before retrying a 429: the RateLimit header's reset time
 * when its bucket is exhausted, else a Retry-After in seconds or as an HTTP
 * date, else the RateLimit-Policy window; -1 when none says. */
static gint64
rate_limit_wait (SoupMessageHeaders *headers)
{
  const char *rate = soup_message_headers_get_one (headers, "RateLimit");
  const char *retry = soup_message_headers_get_one (headers, "Retry-After");
  const char *policy = soup_message_headers_get_one (headers, "RateLimit-Policy");
  const char *p;

  if (rate != NULL && (p = strstr (rate, ";r=")) != NULL
      && g_ascii_strtoll (p + 3, NULL, 10) == 0
      && (p = strstr (rate, ";t=")) != NULL)
    return g_ascii_strtoll (p + 3, NULL, 10) + 1;
  if (retry != NULL)
    {
      char *end = NULL;
      gint64 secs = g_ascii_strtoll (retry, &end, 10);
      g_autoptr(GDateTime) when = NULL;
      g_autoptr(GDateTime) now = NULL;

      if (end != retry && *end == '\0' && secs >= 0)
        return secs;
      when = soup_date_time_new_from_http_string (retry);
      now = g_date_time_new_now_utc ();
      if (when != NULL)
        return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
    }
  if (policy != NULL && (p = strstr (policy, ";w=")) != NULL)
    return g_ascii_strtoll (p + 3, NULL, 10);
  return -1;
}

static void
handle_rate_limited (GTask *task)
{
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gint64 wait_s = rate_limit_wait (soup_message_get_response_headers (req->msg));
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *what = NULL;

  if (wait_s < 0)
    {
      retry_or_fail (task, MR_NETWORK_ERROR_RATE_LIMITED, _("rate limited"));
      return;
    }
  if (wait_s <= self->max_wait_s && can_retry (task, wait_s * G_USEC_PER_SEC))
    {
      retry_after (task, wait_s * G_USEC_PER_SEC);
      return;
    }
  at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC + wait_s);
  clock = g_date_time_format (at, "%H:%M:%S");
  what = g_strdup_printf (_("rate limited by the server; retry after %s (in %" PRId64 " s)"),
                          clock, wait_s);
  fail (task, MR_NETWORK_ERROR_RATE_LIMITED, what);
}

/* ---- error responses --------------------------------------------------- */

/* The server's own words: X-Error-Message, else `error` (string or list),
 * `error_description` or `message` of a JSON body, else the text. */
static char *
server_text (SoupMessageHeaders *headers,
             GByteArray         *body)
{
  const char *header = soup_message_headers_get_one (headers, "X-Error-Message");
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *end;

  if (header != NULL)
    text = g_strdup (header);
  else if (body->len > 0 && json_parser_load_from_data (parser, (const char *) body->data,
                                                        body->len, NULL)
           && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *obj = json_node_get_object (json_parser_get_root (parser));
      JsonNode *node = json_object_get_member (obj, "error_description");

      if (node == NULL)
        node = json_object_get_member (obj, "error");
      if (node == NULL)
        node = json_object_get_member (obj, "message");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node)
          && json_array_get_length (json_node_get_array (node)) > 0)
        node = json_array_get_element (json_node_get_array (node), 0);
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
    }
  else if (body->len > 0)
    text = g_strndup ((const char *) body->data, body->len);

  if (text == NULL || !g_utf8_validate (text, -1, (const char **) &end))
    return NULL;
  if ((end = strchr (text, '\n')) != NULL)
    *end = '\0';
  if (g_utf8_strlen (text, -1) > SERVER_TEXT_MAX)
    *g_utf8_offset_to_pointer (text, SERVER_TEXT_MAX) = '\0';
  return g_steal_pointer (&text);
}

static int
classify_status (MrHttpClient       *self,
                 guint               status,
                 SoupMessageHeaders *headers,
                 const char         *server)
{
  const char *code = soup_message_headers_get_one (headers, "X-Error-Code");

  if (g_strcmp0 (code, "GatedRepo") == 0)
    return MR_NETWORK_ERROR_GATED;
  if (g_strcmp0 (code, "RevisionNotFound") == 0)
    return MR_NETWORK_ERROR_REVISION_NOT_FOUND;
  if (g_strcmp0 (code, "RepoNotFound") == 0 || g_strcmp0 (code, "EntryNotFound") == 0)
    return MR_NETWORK_ERROR_NOT_FOUND;
  /* Anonymous requests for missing or private repos get 401; with a token,
   * an unexplained 401 means the token itself was refused. */
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return self->authorization != NULL ? MR_NETWORK_ERROR_UNAUTHORIZED
                                       : MR_NETWORK_ERROR_NOT_FOUND;
  if (status == SOUP_STATUS_FORBIDDEN)
    return server != NULL && strstr (server, "disabled") != NULL
           ? MR_NETWORK_ERROR_DISABLED : MR_NETWORK_ERROR_UNAUTHORIZED;
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return MR_NETWORK_ERROR_NOT_FOUND;
  if (status >= 500)
    return MR_NETWORK_ERROR_SERVER;
  return MR_NETWORK_ERROR_FAILED;
}

static const char *
describe_code (int code)
{
  switch (code)
    {
    case MR_NETWORK_ERROR_NOT_FOUND:
      return _("not found or not visible");
    case MR_NETWORK_ERROR_GATED:
      return _("access is gated: the files need an accepted access request");
    case MR_NETWORK_ERROR_REVISION_NOT_FOUND:
      return _("no such revision");
    case MR_NETWORK_ERROR_DISABLED:
      return _("the repository is disabled");
    case MR_NETWORK_ERROR_UNAUTHORIZED:
      return _("the access token was refused");
    case MR_NETWORK_ERROR_SERVER:
      return _("server error");
    default:
      return _("request refused");
    }
}

static void
handle_error_status (GTask *task)
{
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  g_autofree char *server = NULL;
  g_autofree char *what = NULL;
  int code;

  /* libsoup 3.2 has no name for 429 Too Many Requests. */
  if (status == 429)
    {
      handle_rate_limited (task);
      return;
    }
  server = server_text (headers, req->buf);
  code = classify_status (self, status, headers, server);
  what = server != NULL
         ? g_strdup_printf ("%s (HTTP %u: %s)", describe_code (code), status, server)
         : g_strdup_printf ("%s (HTTP %u)", describe_code (code), status);
  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    retry_or_fail (task, code, what);
  else
    fail (task, code, what);
}

/* ---- the request itself ------------------------------------------------ */

static void
finish_body (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  g_autoptr(GBytes) body = NULL;

  request_stop_timer (req);
  g_clear_object (&req->stream);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      handle_error_status (task);
      return;
    }
  body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buf));
  g_task_return_pointer (task, mr_http_response_new (req->msg, req->uri, body),
                         (GDestroyNotify) mr_http_response_unref);
  g_object_unref (task);
}

static void too_large (GTask *task);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source),
                                                               result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_cancelled_or (task, MR_NETWORK_ERROR_CONNECTION, error->message);
      else
        retry_or_fail (task, MR_NETWORK_ERROR_CONNECTION, error->message);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (task);
      return;
    }
  g_byte_array_append (req->buf, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (req->buf->len > req->cap)
    {
      too_large (task);
      return;
    }
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->op_cancel, on_read, task);
}

static void
too_large (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size (req->cap);
  g_autofree char *what = g_strdup_printf (_("the answer is larger than %s"), limit);

  /* Dropping the stream unread makes libsoup close the connection instead
   * of draining the rest of the body. */
  g_clear_object (&req->stream);
  fail (task, MR_NETWORK_ERROR_TOO_LARGE, what);
}

static gboolean
follow_redirect (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (
    soup_message_get_response_headers (req->msg), "Location");
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_str = NULL;

  if (location == NULL)
    return FALSE;
  next = g_uri_parse_relative (req->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (next == NULL)
    return FALSE;
  next_str = g_uri_to_string (next);
  if (g_hash_table_contains (req->visited, next_str))
    {
      fail (task, MR_NETWORK_ERROR_REDIRECT_LOOP, _("redirect loop"));
      return TRUE;
    }
  if (g_hash_table_size (req->visited) > MAX_REDIRECTS)
    {
      g_autofree char *what = g_strdup_printf (_("more than %d redirects"), MAX_REDIRECTS);
      fail (task, MR_NETWORK_ERROR_REDIRECT_LOOP, what);
      return TRUE;
    }
  g_hash_table_add (req->visited, g_steal_pointer (&next_str));
  g_clear_pointer (&req->uri, g_uri_unref);
  req->uri = g_steal_pointer (&next);
  if (soup_message_get_status (req->msg) == SOUP_STATUS_SEE_OTHER)
    {
      g_free (req->method);
      req->method = g_strdup ("GET");
      g_clear_pointer (&req->body, g_bytes_unref);
    }
  request_stop_timer (req);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  /* A redirect is not a retry: it does not use up an attempt. */
  req->attempt--;
  start_attempt (task);
  return TRUE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_cancelled_or (task, MR_NETWORK_ERROR_CONNECTION, error->message);
      /* Nothing listens there (a local Ollama that is not running, a wrong
       * port): a retry seconds later finds the same, and the user waits. */
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        fail (task, MR_NETWORK_ERROR_CONNECTION, error->message);
      else
        retry_or_fail (task, MR_NETWORK_ERROR_CONNECTION, error->message);
      return;
    }
  status = soup_message_get_status (req->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status) && follow_redirect (task))
    return;
  req->cap = SOUP_STATUS_IS_SUCCESSFUL (status) ? self->max_body : ERROR_BODY_CAP;
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (req->msg));
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && length > 0 && (guint64) length > req->cap)
    {
      too_large (task);
      return;
    }
  g_clear_pointer (&req->buf, g_byte_array_unref);
  req->buf = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->op_cancel, on_read, task);
}

/* A timed-out request is not retried: the server is slow, and a retry
 * would only multiply the wait.  Cancelling op_cancel ends it for good. */
static gboolean
on_timeout (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_clear_pointer (&req->timer, g_source_unref);
  g_cancellable_cancel (req->op_cancel);
  return G_SOURCE_REMOVE;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

/* Takes the reference on task. */
static void
start_attempt (GTask *task)
{
  MrHttpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  req->attempt++;
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);
  if (self->authorization != NULL && same_origin (req->uri, req->origin))
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);
  g_debug ("%s %s (attempt %u)", req->method, g_uri_get_path (req->uri), req->attempt);

  req->timer = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (req->timer, on_timeout, req, NULL);
  g_source_attach (req->timer, g_task_get_context (task));
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->op_cancel, on_sent, task);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   GCancellable *op_cancel)
{
  g_cancellable_cancel (op_cancel);
}

void
mr_http_client_send_async (MrHttpClient        *self,
                           const char          *method,
                           const char          *uri,
                           GBytes              *body,
                           const char          *subject,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *req;

  g_return_if_fail (MR_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL && uri != NULL && subject != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_http_client_send_async);
  req = g_new0 (Request, 1);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  req->method = g_strdup (method);
  req->subject = g_strdup (subject);
  req->body = body != NULL ? g_bytes_ref (body) : NULL;
  req->started_us = g_get_monotonic_time ();
  req->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  req->op_cancel = g_cancellable_new ();
  req->origin = g_uri_parse (uri, G_URI_FLAGS_ENCODED, &error);
  if (req->origin == NULL
      || (g_strcmp0 (g_uri_get_scheme (req->origin), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (req->origin), "https") != 0))
    {
      g_task_return_new_error (task, MR_NETWORK_ERROR, MR_NETWORK_ERROR_FAILED,
                               _("%s: “%s” is not an http(s) URL"), subject, uri);
      return;
    }
  req->uri = g_uri_ref (req->origin);
  g_hash_table_add (req->visited, g_uri_to_string (req->uri));
  if (cancellable != NULL)
    {
      req->user_cancel = g_object_ref (cancellable);
      req->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                   req->op_cancel, NULL);
    }
  start_attempt (g_steal_pointer (&task));
}

MrHttpResponse *
mr_http_client_send_finish (MrHttpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
