/* test-openai-probe.c — the inference check against a loopback
 * OpenAI-compatible server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server answers POST /v1/completions the way llama-server does, or
 * fails the way the test asks.  It also checks what the probe sent.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "mr-network-error.h"
#include "mr-openai-probe.h"

typedef enum {
  ANSWER_COMPLETION,
  ANSWER_VARYING,       /* a different text every time */
  ANSWER_NOT_FOUND,
  ANSWER_SERVER_ERROR,
  ANSWER_MALFORMED,     /* not JSON at all */
  ANSWER_NO_CHOICES,    /* JSON, but not a completion */
} Answer;

typedef struct {
  SoupServer *server;
  char       *base;
  Answer      answer;
  guint       requests;
  char       *authorization;
  JsonNode   *last_request;
} Fixture;

static void
reply_completion (SoupServerMessage *message,
                  Fixture           *fixture)
{
  /* Text with a quote, a newline and non-ASCII, as servers do send. */
  g_autofree char *body = g_strdup_printf (
    "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"model\":\"tiny.gguf\","
    "\"system_fingerprint\":\"b1234-cpu\",\"choices\":[{\"index\":0,"
    "\"text\":\" runs \\\"here\\\"\\n\\u00e9%s\",\"finish_reason\":\"length\"}],"
    "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":8,\"total_tokens\":22}}",
    fixture->answer == ANSWER_VARYING && fixture->requests % 2 == 0 ? "!" : "");

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static void
reply_text (SoupServerMessage *message,
            guint              status,
            const char        *content_type,
            const char        *body)
{
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body,
                                    strlen (body));
  soup_server_message_set_status (message, status, NULL);
}

static void
handle_completions (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (request);

  fixture->requests++;
  g_assert_cmpstr (soup_server_message_get_method (message), ==, "POST");
  g_free (fixture->authorization);
  fixture->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization"));
  g_clear_pointer (&fixture->last_request, json_node_unref);
  fixture->last_request = json_from_string (g_bytes_get_data (body, NULL), NULL);

  switch (fixture->answer)
    {
    case ANSWER_COMPLETION:
    case ANSWER_VARYING:
      reply_completion (message, fixture);
      break;
    case ANSWER_NOT_FOUND:
      reply_text (message, SOUP_STATUS_NOT_FOUND, "application/json",
                  "{\"error\":{\"code\":404,\"message\":\"model not found\"}}");
      break;
    case ANSWER_SERVER_ERROR:
      reply_text (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "out of memory");
      break;
    case ANSWER_MALFORMED:
      reply_text (message, SOUP_STATUS_OK, "application/json", "{\"choices\": [{\"text\": ");
      break;
    case ANSWER_NO_CHOICES:
      reply_text (message, SOUP_STATUS_OK, "application/json", "{\"choices\": []}");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/v1/completions", handle_completions, fixture,
                           NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_free (fixture->authorization);
  g_clear_pointer (&fixture->last_request, json_node_unref);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static MrCheckResult *
probe (Fixture     *fixture,
       const char  *base,
       const char  *api_key,
       GError     **error)
{
  g_autoptr(MrOpenaiProbe) openai = mr_openai_probe_new (base, api_key);
  g_autoptr(GAsyncResult) result = NULL;

  mr_openai_probe_set_tokens (openai, 8);
  mr_openai_probe_set_timeout_ms (openai, 10000);
  mr_openai_probe_run_async (openai, "tiny", NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mr_openai_probe_run_finish (openai, result, error);
}

static void
test_completion (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCheckResult) result = probe (fixture, fixture->base, NULL, &error);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           " runs \"here\"\n\u00e9", -1);
  JsonObject *request;

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_null (fixture->authorization);
  request = json_node_get_object (fixture->last_request);
  g_assert_cmpstr (json_object_get_string_member (request, "model"), ==, "tiny");
  g_assert_cmpstr (json_object_get_string_member (request, "prompt"), ==,
                   mr_check_prompt_lookup (mr_check_default_prompt_id ()));
  g_assert_cmpint (json_object_get_int_member (request, "max_tokens"), ==, 8);
  g_assert_cmpfloat (json_object_get_double_member (request, "temperature"), ==, 0.0);

  g_assert_cmpstr (result->backend, ==, "openai-compatible");
  g_assert_cmpstr (result->model, ==, "tiny.gguf");
  g_assert_cmpstr (result->runtime_version, ==, "b1234-cpu");
  g_assert_true (g_str_has_suffix (result->system_info, "/v1/completions"));
  g_assert_cmpstr (result->output_text, ==, " runs \"here\"\n\u00e9");
  g_assert_cmpstr (result->output_sha256, ==, sha256);
  g_assert_cmpuint (result->tokens_requested, ==, 8);
  g_assert_cmpuint (result->tokens_generated, ==, 8);
  g_assert_cmpfloat (result->tokens_per_second, >, 0);
  g_assert_cmpfloat (result->load_ms, <, 0);
  g_assert_cmpfloat (result->first_token_ms, <, 0);
  g_assert_true (result->deterministic);
}

static void
test_base_url_forms (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *suffixes[] = { "/", "/v1", "/v1/" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *base = g_strconcat (fixture->base, suffixes[i], NULL);
      g_autoptr(MrOpenaiProbe) openai = mr_openai_probe_new (base, NULL);
      g_autofree char *expected = g_strconcat (fixture->base, "/v1/completions", NULL);

      g_assert_cmpstr (mr_openai_probe_get_url (openai), ==, expected);
    }
}

static void
test_api_key (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCheckResult) result = probe (fixture, fixture->base, "sk-test", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->authorization, ==, "Bearer sk-test");
}

static void
test_varying (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCheckResult) result = NULL;

  fixture->answer = ANSWER_VARYING;
  result = probe (fixture, fixture->base, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->deterministic);
}

static void
assert_fails (Fixture    *fixture,
              Answer      answer,
              GQuark      domain,
              int         code,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCheckResult) result = NULL;

  fixture->answer = answer;
  result = probe (fixture, fixture->base, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, fragment));
  /* No retry, and no second run after a failed first. */
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  assert_fails (fixture, ANSWER_NOT_FOUND, MR_NETWORK_ERROR, MR_NETWORK_ERROR_NOT_FOUND, "tiny");
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_fails (fixture, ANSWER_SERVER_ERROR, MR_NETWORK_ERROR, MR_NETWORK_ERROR_SERVER, "tiny");
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  assert_fails (fixture, ANSWER_MALFORMED, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
                "/v1/completions: the answer is not a completion");
}

static void
test_no_choices (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_fails (fixture, ANSWER_NO_CHOICES, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
                "choices[0].text");
}

static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *base = NULL;
  GSList *uris;

  /* A port that was just free and is closed again. */
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_clear_object (&server);

  g_assert_null (probe (NULL, base, NULL, &error));
  g_assert_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_CONNECTION);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/openai-probe/completion", test_completion);
  ADD ("/openai-probe/base-url-forms", test_base_url_forms);
  ADD ("/openai-probe/api-key", test_api_key);
  ADD ("/openai-probe/varying", test_varying);
  ADD ("/openai-probe/not-found", test_not_found);
  ADD ("/openai-probe/server-error", test_server_error);
  ADD ("/openai-probe/malformed", test_malformed);
  ADD ("/openai-probe/no-choices", test_no_choices);
#undef ADD
  g_test_add_func ("/openai-probe/connection-refused", test_connection_refused);
  return g_test_run ();
}
