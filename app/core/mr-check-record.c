/* mr-check-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-check-record"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "mr-check-record.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-time-util.h"

static const char * const kind_names[] = {
  [MR_CHECK_KIND_VERIFICATION] = "verification",
  [MR_CHECK_KIND_INFERENCE] = "inference",
  [MR_CHECK_KIND_INFERENCE_ENDPOINT] = "inference-endpoint",
};

static const char * const status_names[] = {
  [MR_CHECK_STATUS_PASSED] = "passed",
  [MR_CHECK_STATUS_FAILED] = "failed",
  [MR_CHECK_STATUS_ERROR] = "error",
};

G_DEFINE_BOXED_TYPE (MrCheckRecord, mr_check_record, mr_check_record_ref, mr_check_record_unref)

MrCheckRecord *
mr_check_record_new (void)
{
  MrCheckRecord *self = g_new0 (MrCheckRecord, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

MrCheckRecord *
mr_check_record_ref (MrCheckRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_check_record_unref (MrCheckRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->inputs_json);
  g_free (self->result_json);
  g_free (self->actor);
  g_free (self->error);
  g_free (self);
}

MrCheckRecord *
mr_check_record_copy (const MrCheckRecord *self)
{
  MrCheckRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = mr_check_record_new ();
  copy->id = self->id;
  copy->model_id = self->model_id;
  copy->kind = self->kind;
  copy->status = self->status;
  copy->started_at = self->started_at;
  copy->finished_at = self->finished_at;
  copy->inputs_json = g_strdup (self->inputs_json);
  copy->result_json = g_strdup (self->result_json);
  copy->actor = g_strdup (self->actor);
  copy->error = g_strdup (self->error);
  return copy;
}

char *
mr_check_weights_path (const MrModelRecord  *record,
                       GError              **error)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (record->source_kind == MR_SOURCE_KIND_LOCAL_FILE && record->source_ref != NULL &&
      record->source_ref[0] != '\0')
    return g_strdup (record->source_ref);
  /* Hub and Ollama entries have no file here until someone downloads one. */
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
               _("“%s” has source kind “%s”: only entries whose source is a local file can be "
                 "checked here"),
               record->name, mr_enum_to_nick (MR_TYPE_SOURCE_KIND, record->source_kind));
  return NULL;
}

char *
mr_check_inputs_to_json (const char *path,
                         guint       tokens)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display_path = g_filename_display_name (path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, display_path);
  if (tokens > 0)
    {
      json_builder_set_member_name (builder, "tokens");
      json_builder_add_int_value (builder, tokens);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *out_value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], text) == 0)
      {
        *out_value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
mr_check_kind_to_string (MrCheckKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
mr_check_kind_from_string (const char  *text,
                           MrCheckKind *out_kind)
{
  int value;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), text, &value))
    return FALSE;
  *out_kind = value;
  return TRUE;
}

const char *
mr_check_status_to_string (MrCheckStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
mr_check_status_from_string (const char    *text,
                             MrCheckStatus *out_status)
{
  int value;

  if (!lookup_name (status_names, G_N_ELEMENTS (status_names), text, &value))
    return FALSE;
  *out_status = value;
  return TRUE;
}

gboolean
mr_check_kind_is_inference (MrCheckKind kind)
{
  return kind == MR_CHECK_KIND_INFERENCE || kind == MR_CHECK_KIND_INFERENCE_ENDPOINT;
}

/* NULL when text is not a JSON object: a summary is best effort, the
 * stored text stays the evidence. */
static JsonObject *
parse_object (const char *text,
              JsonNode  **out_root)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  *out_root = NULL;
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  *out_root = json_node_ref (json_parser_get_root (parser));
  return json_node_get_object (*out_root);
}

/* What the hashes say, over every file of the verification. */
static const char *
describe_hashes (JsonObject *result)
{
  JsonNode *node = json_object_get_member (result, "files");
  JsonArray *files;
  guint n_expected = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  files = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      const char *expected = json_object_get_string_member_with_default (file, "expected_sha256",
                                                                         NULL);

      if (expected == NULL)
        continue;
      if (g_strcmp0 (expected, json_object_get_string_member_with_default (file, "sha256",
                                                                           NULL)) != 0)
        return _("SHA-256 differs from the expected one");
      n_expected++;
    }
  return n_expected > 0 ? _("SHA-256 matches the hub") : _("SHA-256 recorded");
}

static void
append_part (GString    *summary,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (summary->len > 0)
    g_string_append (summary, " · ");
  g_string_append (summary, part);
}

/* The worst finding when it is blocking (findings come worst first): what
 * made the verification fail. */
static const char *
blocking_finding (JsonObject *result)
{
  JsonNode *node = json_object_get_member (result, "findings");
  JsonObject *first;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;
  first = json_array_get_object_element (json_node_get_array (node), 0);
  if (first == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (first, "severity", NULL),
                 "blocking") != 0)
    return NULL;
  return json_object_get_string_member_with_default (first, "message", NULL);
}

static void
summarize_verification (JsonObject *result,
                        GString    *summary)
{
  gint64 parameters = json_object_get_int_member_with_default (result, "parameters", 0);
  g_autofree char *count = NULL;

  append_part (summary, blocking_finding (result));
  append_part (summary, describe_hashes (result));
  if (parameters > 0)
    {
      /* %' groups the digits the locale's way. */
      count = g_strdup_printf (_("%'" PRId64 " parameters"), parameters);
      append_part (summary, count);
    }
  append_part (summary, json_object_get_string_member_with_default (result, "architecture",
                                                                    NULL));
}

static void
summarize_inference (JsonObject *result,
                     GString    *summary)
{
  JsonNode *speed = json_object_get_member (result, "tokens_per_second");
  g_autofree char *rate = NULL;

  if (speed != NULL && JSON_NODE_HOLDS_VALUE (speed) && json_node_get_double (speed) >= 0)
    {
      rate = g_strdup_printf (_("%.1f tokens/s"), json_node_get_double (speed));
      append_part (summary, rate);
    }
  append_part (summary, json_object_get_boolean_member_with_default (result, "deterministic",
                                                                     FALSE)
                        ? _("deterministic") : _("output differs between runs"));
}

char *
mr_check_record_dup_summary (const MrCheckRecord *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  JsonObject *result;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->status == MR_CHECK_STATUS_ERROR)
    return g_strdup (self->error != NULL ? self->error : _("The check could not run"));
  result = parse_object (self->result_json, &root);
  if (result == NULL)
    return g_strdup (_("No result recorded"));
  if (self->kind == MR_CHECK_KIND_VERIFICATION)
    summarize_verification (result, summary);
  else
    summarize_inference (result, summary);
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  g_autofree char *text = mr_time_to_iso8601 (time);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_stored_object (JsonBuilder *builder,
                   const char  *member,
                   const char  *text)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_set_member_name (builder, member);
  if (parse_object (text, &root) != NULL)
    json_builder_add_value (builder, g_steal_pointer (&root));
  else
    json_builder_add_null_value (builder);
}

JsonNode *
mr_check_record_to_json_node (const MrCheckRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_int_value (builder, self->model_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, mr_check_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, mr_check_status_to_string (self->status));
  add_time (builder, "started_at", self->started_at);
  add_time (builder, "finished_at", self->finished_at);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, self->actor);
  json_builder_set_member_name (builder, "error");
  if (self->error != NULL)
    json_builder_add_string_value (builder, self->error);
  else
    json_builder_add_null_value (builder);
  add_stored_object (builder, "inputs", self->inputs_json);
  add_stored_object (builder, "result", self->result_json);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
mr_check_records_to_json (GPtrArray *records,
                          gboolean   pretty)
{
  g_autoptr(JsonArray) array = json_array_sized_new (records->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < records->len; i++)
    json_array_add_element (array, mr_check_record_to_json_node (g_ptr_array_index (records, i)));
  json_node_set_array (root, array);
  return json_to_string (root, pretty);
}
