/* mr-http-client.h — bounded, retrying HTTP for the metadata clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession shared by the Hub and Ollama clients of one thread: it
 * reuses connections and keeps several requests in flight.  Every request
 * has a timeout, a body size cap, bounded retries (5xx, 408 and network
 * faults with exponential back-off and jitter; 429 after the wait the server
 * asks for) and a bounded, loop-checked redirect chain.  Failures come back
 * in MR_NETWORK_ERROR naming the request's subject (the model) and URL path.
 *
 * The bearer token is sent only to the origin of the first URL of a request
 * (never to a redirect target elsewhere) and is never logged.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MR_HTTP_CLIENT_DEFAULT_MAX_BODY   (16 * 1024 * 1024)
#define MR_HTTP_CLIENT_DEFAULT_TIMEOUT    30   /* seconds, per attempt */
#define MR_HTTP_CLIENT_DEFAULT_ATTEMPTS   4
#define MR_HTTP_CLIENT_DEFAULT_TOTAL_TIME 120  /* seconds, all attempts and waits */
#define MR_HTTP_CLIENT_DEFAULT_MAX_WAIT   60   /* longest 429 wait sat out */
#define MR_HTTP_CLIENT_MAX_CONNS_PER_HOST 8

/* A successful (2xx) response, immutable. */
typedef struct _MrHttpResponse MrHttpResponse;

#define MR_TYPE_HTTP_RESPONSE (mr_http_response_get_type ())

GType           mr_http_response_get_type       (void) G_GNUC_CONST;
MrHttpResponse *mr_http_response_ref            (MrHttpResponse *self);
void            mr_http_response_unref          (MrHttpResponse *self);
guint           mr_http_response_get_status     (const MrHttpResponse *self);
GBytes         *mr_http_response_get_body       (const MrHttpResponse *self);
/* The URL that answered, after redirects. */
GUri           *mr_http_response_get_uri        (const MrHttpResponse *self);
const char     *mr_http_response_get_header     (const MrHttpResponse *self,
                                                 const char           *name);
/* The absolute target of `Link: <…>; rel="next"`, or NULL on the last page. */
char           *mr_http_response_dup_next_link  (const MrHttpResponse *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHttpResponse, mr_http_response_unref)

#define MR_TYPE_HTTP_CLIENT (mr_http_client_get_type ())

G_DECLARE_FINAL_TYPE (MrHttpClient, mr_http_client, MR, HTTP_CLIENT, GObject)

/* bearer_token may be NULL (anonymous). */
MrHttpClient   *mr_http_client_new              (const char   *bearer_token);

void            mr_http_client_set_timeout      (MrHttpClient *self,
                                                 guint         milliseconds);
void            mr_http_client_set_max_body_size (MrHttpClient *self,
                                                  gsize         bytes);
/* max_attempts ≥ 1 counts the first try; total_seconds bounds tries + waits. */
void            mr_http_client_set_retries      (MrHttpClient *self,
                                                 guint         max_attempts,
                                                 guint         total_seconds);
/* A 429 asking for a longer wait fails at once with RATE_LIMITED. */
void            mr_http_client_set_max_wait     (MrHttpClient *self,
                                                 guint         seconds);
/* Multiplies every back-off and rate-limit wait (1.0 normally); tests
 * use a tiny factor to exercise the waits without sleeping. */
void            mr_http_client_set_wait_scale   (MrHttpClient *self,
                                                 double        scale);

/* body: JSON sent with POST, or NULL.  subject: what the request is about
 * (a repo id, an Ollama tag), used in error messages. */
void            mr_http_client_send_async       (MrHttpClient        *self,
                                                 const char          *method,
                                                 const char          *uri,
                                                 GBytes              *body,
                                                 const char          *subject,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
MrHttpResponse *mr_http_client_send_finish      (MrHttpClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
