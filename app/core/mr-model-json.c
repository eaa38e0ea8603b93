/* mr-model-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-model-json"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-parse-util.h"
#include "mr-record-fields.h"

/* An entry needs four levels; anything near this is hostile. */
#define JSON_MAX_DEPTH 64

static const char * const component_keys[] = {
  "component", "availability", "license", "link", "source", "verified", NULL
};

/* Writing */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *key,
                     const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_field (JsonBuilder         *builder,
           const MrRecordField *field,
           const MrModelRecord *record)
{
  g_autofree char *text = NULL;
  GStrv list;

  switch (field->type)
    {
    case MR_RECORD_FIELD_LIST:
      list = *MR_RECORD_FIELD_MEMBER (record, field, GStrv);
      json_builder_set_member_name (builder, field->key);
      json_builder_begin_array (builder);
      for (guint i = 0; list[i] != NULL; i++)
        json_builder_add_string_value (builder, list[i]);
      json_builder_end_array (builder);
      break;
    case MR_RECORD_FIELD_COUNT:
      json_builder_set_member_name (builder, field->key);
      json_builder_add_int_value (builder, *MR_RECORD_FIELD_MEMBER (record, field, guint));
      break;
    case MR_RECORD_FIELD_ID:
      json_builder_set_member_name (builder, field->key);
      json_builder_add_int_value (builder, *MR_RECORD_FIELD_MEMBER (record, field, gint64));
      break;
    case MR_RECORD_FIELD_TEXT:
    case MR_RECORD_FIELD_ENUM:
    case MR_RECORD_FIELD_TIME:
    default:
      text = mr_record_field_to_text (field, record);
      add_nullable_string (builder, field->key, text);
      break;
    }
}

static void
add_component (JsonBuilder       *builder,
               const MrComponent *component)
{
  json_builder_begin_object (builder);
  add_nullable_string (builder, "component", mr_component_kind_get_nick (component->kind));
  add_nullable_string (builder, "availability",
                       mr_enum_to_nick (MR_TYPE_AVAILABILITY, component->availability));
  add_nullable_string (builder, "license", component->license);
  add_nullable_string (builder, "link", component->link);
  add_nullable_string (builder, "source",
                       mr_enum_to_nick (MR_TYPE_EVIDENCE_SOURCE, component->source));
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, component->verified);
  json_builder_end_object (builder);
}

JsonNode *
mr_model_record_to_json_node (const MrModelRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const MrRecordField *fields;
  guint n_fields;

  g_return_val_if_fail (record != NULL, NULL);

  fields = mr_record_fields_get (&n_fields);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fields; i++)
    add_field (builder, &fields[i], record);
  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    add_component (builder, &record->components[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
node_to_string (JsonNode *node,
                gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
mr_model_record_to_json (const MrModelRecord *record,
                         gboolean             pretty)
{
  g_autoptr(JsonNode) node = mr_model_record_to_json_node (record);

  return node_to_string (node, pretty);
}

char *
mr_model_records_to_json (GPtrArray *records,
                          gboolean   pretty)
{
  g_autoptr(JsonArray) array = json_array_sized_new (records->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < records->len; i++)
    json_array_add_element (array, mr_model_record_to_json_node (g_ptr_array_index (records, i)));
  json_node_set_array (root, array);
  return node_to_string (root, pretty);
}

/* Reading.  Each helper reports what it expected; callers prefix where. */

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
read_string (JsonNode     *node,
             gboolean      nullable,
             const char  **out_value,
             GError      **error)
{
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = NULL;
      return TRUE;
    }
  if (is_value_of_type (node, G_TYPE_STRING))
    {
      *out_value = json_node_get_string (node);
      return TRUE;
    }
  g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       nullable ? _("expected a string or null") : _("expected a string"));
  return FALSE;
}

static gboolean
read_list (JsonNode  *node,
           GStrv     *list,
           GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                           _("expected an array of strings"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item;

      if (!read_string (json_array_get_element (array, i), FALSE, &item, error))
        {
          g_prefix_error (error, _("item %u: "), i + 1);
          return FALSE;
        }
      g_strv_builder_add (builder, item);
    }
  g_strfreev (*list);
  *list = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_field (const MrRecordField  *field,
            JsonNode             *node,
            MrModelRecord        *record,
            GError              **error)
{
  const char *text;

  switch (field->type)
    {
    case MR_RECORD_FIELD_LIST:
      return read_list (node, MR_RECORD_FIELD_MEMBER (record, field, GStrv), error);
    case MR_RECORD_FIELD_COUNT:
    case MR_RECORD_FIELD_ID:
      if (!is_value_of_type (node, G_TYPE_INT64))
        {
          g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                               _("expected a whole number"));
          return FALSE;
        }
      return mr_record_field_set_integer (field, record, json_node_get_int (node), error);
    case MR_RECORD_FIELD_TEXT:
      if (!read_string (node, TRUE, &text, error))
        return FALSE;
      mr_model_record_set_string (MR_RECORD_FIELD_MEMBER (record, field, char *), text);
      return TRUE;
    case MR_RECORD_FIELD_TIME:
      if (!read_string (node, TRUE, &text, error))
        return FALSE;
      if (text == NULL)
        {
          *MR_RECORD_FIELD_MEMBER (record, field, gint64) = 0;
          return TRUE;
        }
      return mr_record_field_set_text (field, record, text, error);
    case MR_RECORD_FIELD_ENUM:
    default:
      return read_string (node, FALSE, &text, error) &&
             mr_record_field_set_text (field, record, text, error);
    }
}

typedef gboolean (*KnownKeyFunc) (const char *key);

/* A misspelt key would otherwise drop its value without a word. */
static gboolean
reject_unknown_members (JsonObject    *object,
                        KnownKeyFunc   is_known,
                        GError       **error)
{
  g_autoptr(GString) unknown = NULL;
  JsonObjectIter iter;
  const char *key;
  guint n_unknown = 0;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      if (is_known (key))
        continue;
      if (unknown == NULL)
        unknown = g_string_new (NULL);
      g_string_append_printf (unknown, "%s“%s”", n_unknown > 0 ? ", " : "", key);
      n_unknown++;
    }
  if (n_unknown == 0)
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_UNKNOWN_COLUMN,
               ngettext ("unknown field %s", "unknown fields %s", n_unknown), unknown->str);
  return FALSE;
}

static gboolean
is_component_key (const char *key)
{
  return g_strv_contains (component_keys, key);
}

static gboolean
is_record_key (const char *key)
{
  return mr_record_field_find (key) != NULL || strcmp (key, "components") == 0;
}

static gboolean
read_component_enum (JsonObject  *object,
                     const char  *key,
                     GType        enum_type,
                     int         *out_value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *nick;

  if (node == NULL)
    return TRUE;
  if (read_string (node, FALSE, &nick, error) &&
      mr_record_enum_from_nick (enum_type, nick, out_value, error))
    return TRUE;
  g_prefix_error (error, _("field “%s”: "), key);
  return FALSE;
}

static gboolean
read_component_string (JsonObject  *object,
                       const char  *key,
                       char       **field,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *value;

  if (node == NULL)
    return TRUE;
  if (!read_string (node, TRUE, &value, error))
    {
      g_prefix_error (error, _("field “%s”: "), key);
      return FALSE;
    }
  mr_model_record_set_string (field, value);
  return TRUE;
}

static gboolean
read_component_verified (JsonObject  *object,
                         gboolean    *verified,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, "verified");

  if (node == NULL)
    return TRUE;
  if (!is_value_of_type (node, G_TYPE_BOOLEAN))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                           _("field “verified”: expected true or false"));
      return FALSE;
    }
  *verified = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_component (JsonNode       *node,
                MrModelRecord  *record,
                gboolean       *seen,
                GError        **error)
{
  JsonObject *object;
  MrComponent *component;
  int kind, availability, source;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                           _("expected an object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!reject_unknown_members (object, is_component_key, error))
    return FALSE;
  if (!json_object_has_member (object, "component"))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_MISSING_FIELD,
                           _("field “component” is missing"));
      return FALSE;
    }
  if (!read_component_enum (object, "component", MR_TYPE_COMPONENT_KIND, &kind, error))
    return FALSE;
  if (seen[kind])
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("component “%s” is listed twice"), mr_component_kind_get_nick (kind));
      return FALSE;
    }
  seen[kind] = TRUE;

  component = &record->components[kind];
  availability = component->availability;
  source = component->source;
  if (!read_component_enum (object, "availability", MR_TYPE_AVAILABILITY, &availability, error) ||
      !read_component_enum (object, "source", MR_TYPE_EVIDENCE_SOURCE, &source, error) ||
      !read_component_string (object, "license", &component->license, error) ||
      !read_component_string (object, "link", &component->link, error) ||
      !read_component_verified (object, &component->verified, error))
    return FALSE;
  component->availability = availability;
  component->source = source;
  return TRUE;
}

static gboolean
read_components (JsonNode       *node,
                 MrModelRecord  *record,
                 GError        **error)
{
  gboolean seen[MR_N_COMPONENTS] = { FALSE, };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                           _("expected an array of component objects"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!read_component (json_array_get_element (array, i), record, seen, error))
        {
          g_prefix_error (error, _("item %u: "), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_record (JsonNode       *node,
             MrModelRecord  *record,
             GError        **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                           _("expected an object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!reject_unknown_members (object, is_record_key, error))
    return FALSE;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    {
      const MrRecordField *field = mr_record_field_find (key);
      gboolean ok = field != NULL ? read_field (field, member, record, error)
                                  : read_components (member, record, error);

      if (!ok)
        {
          g_prefix_error (error, _("field “%s”: "), key);
          return FALSE;
        }
    }

  if (record->name == NULL)
    {
      g_set_error_literal (error, MR_PARSE_ERROR, MR_PARSE_ERROR_MISSING_FIELD,
                           _("field “name” is missing"));
      return FALSE;
    }
  return TRUE;
}

MrModelRecord *
mr_model_record_from_json_node (JsonNode    *node,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(MrModelRecord) record = mr_model_record_new ();

  g_return_val_if_fail (node != NULL, NULL);

  if (!read_record (node, record, error))
    {
      if (origin != NULL)
        g_prefix_error (error, "%s: ", origin);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* json-glib's parser recurses once per level, so a few hundred kilobytes
 * of "[[[[" would overflow the stack: measure the nesting first. */
static gboolean
check_nesting (const char  *data,
               gsize        length,
               const char  *filename,
               GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        depth++;
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;

      if (depth > JSON_MAX_DEPTH)
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("%s:%u: the data is nested more than %u levels deep"),
                       filename, mr_parse_line_at_offset (data, i), JSON_MAX_DEPTH);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
parse_document (const char  *data,
                gsize        length,
                const char  *filename,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *end;
  JsonNode *root;

  /* json-glib refuses bad UTF-8 without saying where. */
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                   _("%s:%u: not valid UTF-8 text"),
                   filename, mr_parse_line_at_offset (data, end - data));
      return NULL;
    }
  if (!check_nesting (data, length, filename, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *message = local_error->message;

      /* Its messages locate the problem in "<data>:LINE:COLUMN:"; put the
       * file's name there instead. */
      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX, "%s:%s",
                     filename, message + strlen ("<data>:"));
      else
        g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX, "%s: %s", filename, message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("%s: the file holds no JSON data"), filename);
      return NULL;
    }
  return json_node_ref (root);
}

GPtrArray *
mr_model_records_from_json (const char  *data,
                            gssize       length,
                            const char  *filename,
                            GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (filename == NULL)
    filename = "JSON";
  root = parse_document (data, length < 0 ? strlen (data) : (gsize) length, filename, error);
  if (root == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      MrModelRecord *record = mr_model_record_from_json_node (root, filename, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
      return g_steal_pointer (&records);
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s: expected an array of entries or a single entry object"), filename);
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      /* Translators: the file name and the 1-based number of an entry in it */
      g_autofree char *origin = g_strdup_printf (_("%s: entry %u"), filename, i + 1);
      MrModelRecord *record = mr_model_record_from_json_node (json_array_get_element (array, i),
                                                              origin, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}
