/* mr-check-result.c — the outcome of one inference check, and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-check-result"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-check-result.h"

G_DEFINE_BOXED_TYPE (MrCheckResult, mr_check_result,
                     mr_check_result_ref, mr_check_result_unref)
G_DEFINE_QUARK (mr-check-error-quark, mr_check_error)

/* Plain ASCII English so that any tokenizer can encode it; changing a text
 * changes every stored hash, so add a new id instead. */
static const struct {
  const char *id;
  const char *text;
} prompts[] = {
  { "register-v1", "The model register checks that open weights load and run on this machine" },
  { "short-v1", "hello" },
};

const char *
mr_check_prompt_lookup (const char *prompt_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    if (g_strcmp0 (prompts[i].id, prompt_id) == 0)
      return prompts[i].text;
  return NULL;
}

const char *
mr_check_default_prompt_id (void)
{
  return prompts[0].id;
}

MrCheckResult *
mr_check_result_new (void)
{
  MrCheckResult *result = g_new0 (MrCheckResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->load_ms = -1;
  result->first_token_ms = -1;
  result->tokens_per_second = -1;
  return result;
}

MrCheckResult *
mr_check_result_ref (MrCheckResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
mr_check_result_unref (MrCheckResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;
  g_free (result->backend);
  g_free (result->model);
  g_free (result->runtime_version);
  g_free (result->system_info);
  g_free (result->cpu_variant);
  g_free (result->prompt_id);
  g_free (result->output_text);
  g_free (result->output_sha256);
  g_free (result);
}

static void
add_measure (JsonBuilder *builder,
             const char  *key,
             double       value)
{
  json_builder_set_member_name (builder, key);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

JsonNode *
mr_check_result_to_json_node (const MrCheckResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "backend", result->backend);
  add_string (builder, "model", result->model);
  add_string (builder, "runtime_version", result->runtime_version);
  add_string (builder, "system_info", result->system_info);
  add_string (builder, "cpu_variant", result->cpu_variant);
  add_string (builder, "prompt_id", result->prompt_id);
  add_int (builder, "threads", result->threads);
  add_int (builder, "tokens_requested", result->tokens_requested);
  add_int (builder, "tokens_generated", result->tokens_generated);
  add_measure (builder, "load_ms", result->load_ms);
  add_measure (builder, "first_token_ms", result->first_token_ms);
  add_measure (builder, "tokens_per_second", result->tokens_per_second);
  add_string (builder, "output_text", result->output_text);
  add_string (builder, "output_sha256", result->output_sha256);
  json_builder_set_member_name (builder, "deterministic");
  json_builder_add_boolean_value (builder, result->deterministic);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
mr_check_result_to_json (const MrCheckResult *result,
                         gboolean             pretty)
{
  g_autoptr(JsonNode) node = mr_check_result_to_json_node (result);

  return json_to_string (node, pretty);
}

/* Reads one member of the helper's object; every problem names the key. */
typedef struct {
  JsonObject *object;
  const char *source;
  GError     *error;
} Reader;

static JsonNode *
reader_member (Reader     *reader,
               const char *key,
               GType       value_type,
               gboolean    nullable)
{
  JsonNode *node;

  if (reader->error != NULL)
    return NULL;
  node = json_object_get_member (reader->object, key);
  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == value_type ||
       (value_type == G_TYPE_DOUBLE && json_node_get_value_type (node) == G_TYPE_INT64)))
    return node;
  g_set_error (&reader->error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
               node == NULL ? _("%s: the result has no “%s”") : _("%s: “%s” has the wrong type"),
               reader->source, key);
  return NULL;
}

static char *
read_string (Reader     *reader,
             const char *key,
             gboolean    nullable)
{
  JsonNode *node = reader_member (reader, key, G_TYPE_STRING, nullable);

  return node != NULL ? json_node_dup_string (node) : NULL;
}

static guint
read_count (Reader     *reader,
            const char *key)
{
  JsonNode *node = reader_member (reader, key, G_TYPE_INT64, FALSE);
  gint64 value = node != NULL ? json_node_get_int (node) : 0;

  if (value >= 0 && value <= G_MAXUINT)
    return (guint) value;
  g_set_error (&reader->error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
               _("%s: “%s” is out of range"), reader->source, key);
  return 0;
}

static double
read_measure (Reader     *reader,
              const char *key)
{
  JsonNode *node = reader_member (reader, key, G_TYPE_DOUBLE, TRUE);

  return node != NULL ? json_node_get_double (node) : -1;
}

MrCheckResult *
mr_check_result_new_from_json (JsonNode    *node,
                               const char  *source,
                               GError     **error)
{
  g_autoptr(MrCheckResult) result = mr_check_result_new ();
  Reader reader = { NULL, source, NULL };
  JsonNode *deterministic;

  /* An empty document parses to no node at all. */
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MR_CHECK_ERROR, MR_CHECK_ERROR_BAD_OUTPUT,
                   _("%s: the result is not a JSON object"), source);
      return NULL;
    }
  reader.object = json_node_get_object (node);
  result->backend = read_string (&reader, "backend", FALSE);
  result->model = read_string (&reader, "model", FALSE);
  result->runtime_version = read_string (&reader, "runtime_version", TRUE);
  result->system_info = read_string (&reader, "system_info", TRUE);
  result->cpu_variant = read_string (&reader, "cpu_variant", TRUE);
  result->prompt_id = read_string (&reader, "prompt_id", FALSE);
  result->threads = read_count (&reader, "threads");
  result->tokens_requested = read_count (&reader, "tokens_requested");
  result->tokens_generated = read_count (&reader, "tokens_generated");
  result->load_ms = read_measure (&reader, "load_ms");
  result->first_token_ms = read_measure (&reader, "first_token_ms");
  result->tokens_per_second = read_measure (&reader, "tokens_per_second");
  result->output_text = read_string (&reader, "output_text", FALSE);
  result->output_sha256 = read_string (&reader, "output_sha256", FALSE);
  deterministic = reader_member (&reader, "deterministic", G_TYPE_BOOLEAN, FALSE);
  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return NULL;
    }
  result->deterministic = json_node_get_boolean (deterministic);
  return g_steal_pointer (&result);
}
