/* mr-openai-probe.c — the inference check against an OpenAI-compatible server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-openai-probe"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-http-client.h"
#include "mr-openai-probe.h"

struct _MrOpenaiProbe
{
  GObject       parent_instance;
  MrHttpClient *http;
  char         *url;
  guint         tokens;
};

G_DEFINE_FINAL_TYPE (MrOpenaiProbe, mr_openai_probe, G_TYPE_OBJECT)

/* One probe: both completions and what the first one said. */
typedef struct {
  char   *model;
  GBytes *request;
  gint64  started;
  char   *first_text;
  char   *served_model;
  char   *fingerprint;
  guint   completion_tokens;
  double  tokens_per_second;
} Probe;

static void
probe_free (Probe *probe)
{
  g_free (probe->model);
  g_bytes_unref (probe->request);
  g_free (probe->first_text);
  g_free (probe->served_model);
  g_free (probe->fingerprint);
  g_free (probe);
}

static void
mr_openai_probe_finalize (GObject *object)
{
  MrOpenaiProbe *self = MR_OPENAI_PROBE (object);

  g_clear_object (&self->http);
  g_free (self->url);
  G_OBJECT_CLASS (mr_openai_probe_parent_class)->finalize (object);
}

static void
mr_openai_probe_class_init (MrOpenaiProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_openai_probe_finalize;
}

static void
mr_openai_probe_init (MrOpenaiProbe *self)
{
  self->tokens = 16;
}

/* Accepts the server root or its /v1 prefix, with or without a slash. */
static char *
completions_url (const char *base_url)
{
  g_autofree char *base = g_strdup (base_url);
  gsize length = strlen (base);

  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';
  if (g_str_has_suffix (base, "/v1"))
    return g_strconcat (base, "/completions", NULL);
  return g_strconcat (base, "/v1/completions", NULL);
}

MrOpenaiProbe *
mr_openai_probe_new (const char *base_url,
                     const char *api_key)
{
  MrOpenaiProbe *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (MR_TYPE_OPENAI_PROBE, NULL);
  self->http = mr_http_client_new (api_key != NULL && api_key[0] != '\0' ? api_key : NULL);
  /* A completion is slow and costly to repeat: an error is reported, not
   * retried. */
  mr_http_client_set_retries (self->http, 1, MR_HTTP_CLIENT_DEFAULT_TOTAL_TIME);
  self->url = completions_url (base_url);
  return self;
}

void
mr_openai_probe_set_tokens (MrOpenaiProbe *self,
                            guint          tokens)
{
  g_return_if_fail (MR_IS_OPENAI_PROBE (self));
  g_return_if_fail (tokens > 0);

  self->tokens = tokens;
}

void
mr_openai_probe_set_timeout_ms (MrOpenaiProbe *self,
                                guint          timeout_ms)
{
  g_return_if_fail (MR_IS_OPENAI_PROBE (self));

  mr_http_client_set_timeout (self->http, timeout_ms);
}

const char *
mr_openai_probe_get_url (MrOpenaiProbe *self)
{
  g_return_val_if_fail (MR_IS_OPENAI_PROBE (self), NULL);

  return self->url;
}

/* Greedy and bounded, as the local helper does it. */
static GBytes *
completion_request (const char *model,
                    guint       tokens)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder,
                                 mr_check_prompt_lookup (mr_check_default_prompt_id ()));
  json_builder_set_member_name (builder, "max_tokens");
  json_builder_add_int_value (builder, tokens);
  json_builder_set_member_name (builder, "temperature");
  json_builder_add_double_value (builder, 0.0);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  return g_bytes_new_take (json, strlen (json));
}

typedef struct {
  char  *text;
  char  *model;        /* nullable */
  char  *fingerprint;  /* nullable */
  gint64 completion_tokens;
} Completion;

static void
completion_clear (Completion *completion)
{
  g_free (completion->text);
  g_free (completion->model);
  g_free (completion->fingerprint);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Completion, completion_clear)

static gboolean
parse_completion (const char      *url,
                  GBytes          *body,
                  Completion      *completion,
                  GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  JsonObject *object = NULL;
  JsonArray *choices = NULL;
  JsonObject *choice = NULL;
  JsonObject *usage;

  if (json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  if (object != NULL && json_object_has_member (object, "choices") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "choices")))
    choices = json_object_get_array_member (object, "choices");
  if (choices != NULL && json_array_get_length (choices) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (choices, 0)))
    choice = json_array_get_object_element (choices, 0);
  if (choice == NULL || json_object_get_string_member_with_default (choice, "text", NULL) == NULL)
    {
      g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
                   _("%s: the answer is not a completion (no “choices[0].text”)"), url);
      return FALSE;
    }
  completion->text = g_strdup (json_object_get_string_member (choice, "text"));
  completion->model = g_strdup (json_object_get_string_member_with_default (object, "model",
                                                                            NULL));
  completion->fingerprint =
    g_strdup (json_object_get_string_member_with_default (object, "system_fingerprint", NULL));
  usage = json_object_has_member (object, "usage") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "usage"))
          ? json_object_get_object_member (object, "usage") : NULL;
  completion->completion_tokens =
    usage != NULL ? json_object_get_int_member_with_default (usage, "completion_tokens", 0) : 0;
  return TRUE;
}

static MrCheckResult *
build_result (MrOpenaiProbe *self,
              Probe         *probe,
              const char    *second_text)
{
  MrCheckResult *result = mr_check_result_new ();

  result->backend = g_strdup ("openai-compatible");
  result->model = g_strdup (probe->served_model != NULL ? probe->served_model : probe->model);
  result->runtime_version = g_strdup (probe->fingerprint);
  result->system_info = g_strdup (self->url);
  result->prompt_id = g_strdup (mr_check_default_prompt_id ());
  result->tokens_requested = self->tokens;
  result->tokens_generated = probe->completion_tokens;
  result->tokens_per_second = probe->tokens_per_second;
  /* JSON strings are UTF-8 already. */
  result->output_text = g_strdup (probe->first_text);
  result->output_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, probe->first_text, -1);
  result->deterministic = g_str_equal (probe->first_text, second_text);
  return result;
}

static void send_completion (GTask *task);

static void
on_completion (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOpenaiProbe *self = g_task_get_source_object (task);
  Probe *probe = g_task_get_task_data (task);
  double seconds = (g_get_monotonic_time () - probe->started) / 1e6;
  g_autoptr(MrHttpResponse) response = NULL;
  g_auto(Completion) completion = { NULL, NULL, NULL, 0 };
  GError *error = NULL;

  response = mr_http_client_send_finish (MR_HTTP_CLIENT (source), result, &error);
  if (response == NULL ||
      !parse_completion (self->url, mr_http_response_get_body (response), &completion, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (probe->first_text != NULL)
    {
      g_task_return_pointer (task, build_result (self, probe, completion.text),
                             (GDestroyNotify) mr_check_result_unref);
      return;
    }
  probe->first_text = g_steal_pointer (&completion.text);
  probe->served_model = g_steal_pointer (&completion.model);
  probe->fingerprint = g_steal_pointer (&completion.fingerprint);
  probe->completion_tokens = (guint) CLAMP (completion.completion_tokens, 0, G_MAXUINT);
  if (probe->completion_tokens > 0)
    probe->tokens_per_second = probe->completion_tokens / MAX (seconds, 1e-6);
  send_completion (g_steal_pointer (&task));
}

static void
send_completion (GTask *task)
{
  MrOpenaiProbe *self = g_task_get_source_object (task);
  Probe *probe = g_task_get_task_data (task);

  probe->started = g_get_monotonic_time ();
  mr_http_client_send_async (self->http, "POST", self->url, probe->request, probe->model,
                             g_task_get_cancellable (task), on_completion, task);
}

void
mr_openai_probe_run_async (MrOpenaiProbe       *self,
                           const char          *model,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Probe *probe;

  g_return_if_fail (MR_IS_OPENAI_PROBE (self));
  g_return_if_fail (model != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_openai_probe_run_async);
  probe = g_new0 (Probe, 1);
  probe->model = g_strdup (model);
  probe->request = completion_request (model, self->tokens);
  probe->tokens_per_second = -1;
  g_task_set_task_data (task, probe, (GDestroyNotify) probe_free);
  send_completion (task);
}

MrCheckResult *
mr_openai_probe_run_finish (MrOpenaiProbe  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_openai_probe_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
