/* test-http-client.c — timeouts, retries, rate limits, caps, redirects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>

#include "mr-http-client.h"
#include "mr-network-error.h"
#include "mr-test-hub-server.h"

#define MODEL "openai-community/gpt2"
#define PATH  "/api/models/openai-community/gpt2"
#define TOKEN "hf_secret_never_printed"

typedef struct {
  MrTestHubServer *server;
  MrHttpClient    *client;
  char            *url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mr_test_hub_server_new ();
  f->client = mr_http_client_new (TOKEN);
  /* Keep back-off and rate-limit waits to milliseconds. */
  mr_http_client_set_wait_scale (f->client, 0.001);
  f->url = g_strconcat (mr_test_hub_server_get_base (f->server), PATH, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->client);
  mr_test_hub_server_free (f->server);
  g_free (f->url);
}

static MrHttpResponse *
get (Fixture      *f,
     const char   *url,
     GCancellable *cancellable,
     GError      **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mr_http_client_send_async (f->client, "GET", url, NULL, MODEL, cancellable,
                             mr_test_store_result, &slot);
  result = mr_test_wait_result (&slot);
  return mr_http_client_send_finish (f->client, result, error);
}

static void
assert_network_error (GError *error,
                      int     code)
{
  g_assert_error (error, MR_NETWORK_ERROR, code);
  g_assert_nonnull (strstr (error->message, MODEL));
  g_assert_null (strstr (error->message, TOKEN));
}

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = get (f, f->url, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mr_http_response_get_status (response), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (mr_http_response_get_body (response)), >, 1000);
  g_assert_cmpstr (mr_http_response_get_header (response, "RateLimit"), ==, "\"api\";r=499;t=300");
  g_assert_null (mr_http_response_dup_next_link (response));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_DELAY, 0, NULL);
  mr_http_client_set_timeout (f->client, 200);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
}

static void
test_retry_then_success (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_SERVER_ERROR, 2, NULL);
  response = get (f, f->url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mr_http_response_get_status (response), ==, 200);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 3);
}

static void
test_retry_exhausted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_SERVER_ERROR, 0, NULL);
  mr_http_client_set_retries (f->client, 3, 60);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, PATH));
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 3);
}

static void
test_rate_limit_honoured (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_RATE_LIMIT, 1, NULL);
  /* t=1 → wait t+1 = 2 s, scaled to 2 ms; without scaling it would be 2 s. */
  response = get (f, f->url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1000 * 1000);
}

static void
test_rate_limit_too_long (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_RATE_LIMIT_LONG, 0, NULL);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "3601 s"));
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 1);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_HUGE, 0, NULL);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_TOO_LARGE);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 1);
  /* The client hung up well before the server had handed over 50 MiB. */
  g_assert_cmpuint (mr_test_hub_server_get_streamed (f->server), <, MR_TEST_HUGE_BODY);
}

static void
test_small_cap (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  /* The fixture body has a Content-Length: refused before reading. */
  mr_http_client_set_max_body_size (f->client, 100);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_TOO_LARGE);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_REDIRECT_LOOP, 0, NULL);
  response = get (f, f->url, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_REDIRECT_LOOP);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 2);
}

static void
test_redirect_followed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (mr_test_hub_server_get_base (f->server),
                                      "/api/models/bert-base-uncased", NULL);
  g_autoptr(MrHttpResponse) response = get (f, url, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_path (mr_http_response_get_uri (response)), ==,
                   "/api/models/google-bert/bert-base-uncased");
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();

  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_DELAY, 0, NULL);
  g_timeout_add (50, cancel_later, cancellable);
  response = get (f, f->url, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
}

static void
test_cancel_during_wait (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* A real-time back-off (scale 1) that the cancellation cuts short. */
  mr_http_client_set_wait_scale (f->client, 1.0);
  mr_test_hub_server_add_fault (f->server, PATH, MR_TEST_FAULT_RATE_LIMIT, 0, NULL);
  g_timeout_add (100, cancel_later, cancellable);
  response = get (f, f->url, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mr_test_hub_server_get_hits (f->server, PATH), ==, 1);
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = NULL;

  gint64 start = g_get_monotonic_time ();

  /* Port 1 on loopback: nobody listens there, and a retry would find the
   * same; three retries would back off for at least 1.75 s. */
  mr_http_client_set_retries (f->client, 4, 10);
  response = get (f, "http://127.0.0.1:1" PATH, NULL, &error);
  g_assert_null (response);
  assert_network_error (error, MR_NETWORK_ERROR_CONNECTION);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
}

static void
test_next_link (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (mr_test_hub_server_get_base (f->server),
                                      "/api/models?author=EleutherAI&search=pythia&limit=3", NULL);
  g_autoptr(MrHttpResponse) response = get (f, url, NULL, &error);
  g_autofree char *next = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  next = mr_http_response_dup_next_link (response);
  expected = g_strconcat (mr_test_hub_server_get_base (f->server),
                          "/api/models?author=EleutherAI&search=pythia&limit=3"
                          "&cursor=eyIkb3IiOlt7Il9pZCI6eyIkZ3QiOiJkZWFkYmVlZiJ9fV19", NULL);
  g_assert_cmpstr (next, ==, expected);
}

static void
test_not_http (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrHttpResponse) response = get (f, "file:///etc/passwd", NULL, &error);

  g_assert_null (response);
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  mr_test_hub_server_prepare_environment ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/http/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("success", test_success);
  ADD ("timeout", test_timeout);
  ADD ("retry-then-success", test_retry_then_success);
  ADD ("retry-exhausted", test_retry_exhausted);
  ADD ("rate-limit-honoured", test_rate_limit_honoured);
  ADD ("rate-limit-too-long", test_rate_limit_too_long);
  ADD ("too-large-streamed", test_too_large);
  ADD ("too-large-content-length", test_small_cap);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("redirect-followed", test_redirect_followed);
  ADD ("cancel", test_cancel);
  ADD ("cancel-during-wait", test_cancel_during_wait);
  ADD ("connection-refused", test_connection_refused);
  ADD ("next-link", test_next_link);
  ADD ("not-http", test_not_http);
#undef ADD

  return g_test_run ();
}
