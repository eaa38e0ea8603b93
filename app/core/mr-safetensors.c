/* mr-safetensors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-safetensors"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mr-error.h"
#include "mr-safetensors.h"

#define HEADER_START 8
/* Our header nests three deep; json-glib recurses once per level, so a
 * hostile "[[[[…" must be refused before it reaches the parser. */
#define MAX_JSON_DEPTH 16

static const struct {
  const char *name;
  guint       size;
} dtypes[] = {
  { "BOOL", 1 }, { "U8", 1 }, { "I8", 1 }, { "F8_E5M2", 1 }, { "F8_E4M3", 1 },
  { "F8_E8M0", 1 }, { "U16", 2 }, { "I16", 2 }, { "F16", 2 }, { "BF16", 2 },
  { "U32", 4 }, { "I32", 4 }, { "F32", 4 }, { "U64", 8 }, { "I64", 8 }, { "F64", 8 },
};

static gboolean fail (GError     **error,
                      const char  *display_name,
                      gsize        offset,
                      const char  *tensor,
                      const char  *format,
                      ...) G_GNUC_PRINTF (5, 6);

/* Always FALSE: "FILE: byte N: tensor “NAME”: what is wrong". */
static gboolean
fail (GError     **error,
      const char  *display_name,
      gsize        offset,
      const char  *tensor,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (tensor != NULL)
    g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                 _("%s: byte %zu: tensor “%s”: %s"),
                 display_name, offset, tensor, message);
  else
    g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                 _("%s: byte %zu: %s"), display_name, offset, message);
  return FALSE;
}

/* The byte at which the JSON text nests deeper than MAX_JSON_DEPTH, or -1. */
static gssize
find_deep_nesting (const char *text,
                   gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return i;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return -1;
}

/* Parses a JSON document that must be an object; offset is where text
 * starts in the file, for messages. */
static JsonNode *
parse_json_object (const char  *text,
                   gsize        length,
                   const char  *display_name,
                   gsize        offset,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *end;
  gssize deep;

  if (!g_utf8_validate_len (text, length, &end))
    {
      fail (error, display_name, offset + (end - text), NULL,
            _("the JSON header is not valid UTF-8"));
      return NULL;
    }
  deep = find_deep_nesting (text, length);
  if (deep >= 0)
    {
      fail (error, display_name, offset + deep, NULL,
            _("the JSON header nests more than %d levels deep"), MAX_JSON_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      fail (error, display_name, offset, NULL, _("the JSON header is malformed: %s"),
            local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      fail (error, display_name, offset, NULL, _("the JSON header is not an object"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static guint
dtype_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (dtypes); i++)
    if (g_strcmp0 (dtypes[i].name, name) == 0)
      return i;
  return G_MAXUINT;
}

static gboolean
is_unsigned (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 &&
         json_node_get_int (node) >= 0;
}

typedef struct {
  const char *display_name;
  gsize       data_start;   /* HEADER_START + the header's length */
  GError    **error;
} Context;

static gboolean
read_shape (const Context *c,
            const char    *name,
            JsonNode      *node,
            guint         *out_n_dims,
            guint64       *shape)
{
  JsonArray *array;
  guint n_dims;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (c->error, c->display_name, HEADER_START, name, _("“shape” is not an array"));
  array = json_node_get_array (node);
  n_dims = json_array_get_length (array);
  if (n_dims > MR_TENSOR_MAX_DIMS)
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("%u dimensions; at most %d are supported"), n_dims, MR_TENSOR_MAX_DIMS);
  for (guint d = 0; d < n_dims; d++)
    {
      JsonNode *dim = json_array_get_element (array, d);

      if (!is_unsigned (dim))
        return fail (c->error, c->display_name, HEADER_START, name,
                     _("dimension %u of “shape” is not a whole number ≥ 0"), d);
      shape[d] = json_node_get_int (dim);
    }
  *out_n_dims = n_dims;
  return TRUE;
}

static gboolean
read_data_offsets (const Context *c,
                   const char    *name,
                   JsonNode      *node,
                   guint64       *out_begin,
                   guint64       *out_end)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) != 2 ||
      !is_unsigned (json_array_get_element (array, 0)) ||
      !is_unsigned (json_array_get_element (array, 1)))
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("“data_offsets” is not a pair of whole numbers ≥ 0"));
  *out_begin = json_array_get_int_element (array, 0);
  *out_end = json_array_get_int_element (array, 1);
  if (*out_begin > *out_end)
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("“data_offsets” ends at %" PRIu64 " before it begins at %"
                   PRIu64), *out_end, *out_begin);
  return TRUE;
}

static gboolean
read_tensor (const Context   *c,
             MrWeightsHeader *header,
             const char      *name,
             JsonNode        *node)
{
  guint64 shape[MR_TENSOR_MAX_DIMS] = { 0 };
  guint64 n_elements, size, begin = 0, end = 0;
  JsonObject *object;
  const char *dtype;
  guint n_dims = 0, type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c->error, c->display_name, HEADER_START, name, _("not a JSON object"));
  object = json_node_get_object (node);
  dtype = json_object_get_string_member_with_default (object, "dtype", NULL);
  type = dtype_index (dtype);
  if (type == G_MAXUINT)
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("“dtype” is missing or not a known type"));
  if (!read_shape (c, name, json_object_get_member (object, "shape"), &n_dims, shape) ||
      !read_data_offsets (c, name, json_object_get_member (object, "data_offsets"),
                          &begin, &end))
    return FALSE;

  if (!mr_tensor_shape_count (n_dims, shape, &n_elements) ||
      !g_uint64_checked_mul (&size, n_elements, dtypes[type].size))
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("the element count overflows"));
  if (size != end - begin)
    return fail (c->error, c->display_name, HEADER_START, name,
                 _("its shape needs %" PRIu64 " bytes, but “data_offsets” spans %"
                   PRIu64), size, end - begin);
  /* The header is at most MR_SAFETENSORS_MAX_HEADER, so no overflow. */
  if (begin > G_MAXUINT64 - c->data_start)
    return fail (c->error, c->display_name, HEADER_START, name, _("the offset overflows"));

  mr_weights_header_add_tensor (header, g_strdup (name), dtypes[type].name, n_dims, shape,
                                n_elements, c->data_start + begin, size, HEADER_START);
  return TRUE;
}

static gboolean
read_metadata (const Context   *c,
               MrWeightsHeader *header,
               JsonNode        *node)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c->error, c->display_name, HEADER_START, NULL,
                 _("“__metadata__” is not a JSON object"));
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return fail (c->error, c->display_name, HEADER_START, NULL,
                     _("“__metadata__” member “%s” is not a string"), key);
      json_object_set_string_member (header->metadata, key, json_node_get_string (value));
    }
  header->license = g_strdup (json_object_get_string_member_with_default (header->metadata,
                                                                          "license", NULL));
  return TRUE;
}

static gboolean
read_members (const Context   *c,
              MrWeightsHeader *header,
              JsonObject      *root)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (root) > MR_WEIGHTS_MAX_TENSORS)
    return fail (c->error, c->display_name, HEADER_START, NULL,
                 _("%u tensors; at most %u are supported"), json_object_get_size (root),
                 MR_WEIGHTS_MAX_TENSORS);

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean ok = g_str_equal (name, "__metadata__")
                    ? read_metadata (c, header, node)
                    : read_tensor (c, header, name, node);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_header_length (const guint8  *data,
                    gsize          length,
                    const char    *display_name,
                    guint64       *out_header_length,
                    GError       **error)
{
  guint64 header_length;

  if (length < HEADER_START)
    return fail (error, display_name, 0, NULL,
                 _("header length: needs 8 bytes, but the file has %zu"), length);
  memcpy (&header_length, data, sizeof header_length);
  header_length = GUINT64_FROM_LE (header_length);
  if (header_length > MR_SAFETENSORS_MAX_HEADER)
    return fail (error, display_name, 0, NULL,
                 _("header length: %" PRIu64 " bytes is more than the %d allowed"),
                 header_length, MR_SAFETENSORS_MAX_HEADER);
  if (header_length > length - HEADER_START)
    return fail (error, display_name, 0, NULL,
                 _("header length: %" PRIu64 " bytes runs past the end of the file "
                   "(%zu bytes)"), header_length, length);
  *out_header_length = header_length;
  return TRUE;
}

MrWeightsHeader *
mr_safetensors_parse_bytes (const guint8  *data,
                            gsize          length,
                            const char    *display_name,
                            GError       **error)
{
  g_autoptr(MrWeightsHeader) header = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint64 header_length = 0;
  Context c = { display_name, 0, error };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_header_length (data, length, display_name, &header_length, error))
    return NULL;
  root = parse_json_object ((const char *) data + HEADER_START, header_length, display_name,
                            HEADER_START, error);
  if (root == NULL)
    return NULL;

  c.data_start = HEADER_START + header_length;
  header = mr_weights_header_new (MR_WEIGHTS_FORMAT_SAFETENSORS, length);
  header->data_offset = c.data_start;
  if (!read_members (&c, header, json_node_get_object (root)) ||
      !mr_weights_header_finish (header, TRUE, display_name, error))
    return NULL;
  return g_steal_pointer (&header);
}

MrWeightsHeader *
mr_safetensors_parse_file (const char  *filename,
                           GError     **error)
{
  return mr_weights_header_parse_mapped (filename, mr_safetensors_parse_bytes, error);
}

GHashTable *
mr_safetensors_parse_index (const char  *data,
                            gsize        length,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *weight_map;
  JsonObjectIter iter;
  const char *tensor;
  JsonNode *file;

  if (length > MR_SAFETENSORS_MAX_HEADER)
    {
      fail (error, display_name, 0, NULL, _("the index is larger than %d bytes"),
            MR_SAFETENSORS_MAX_HEADER);
      return NULL;
    }
  root = parse_json_object (data, length, display_name, 0, error);
  if (root == NULL)
    return NULL;

  weight_map = json_object_get_member (json_node_get_object (root), "weight_map");
  if (weight_map == NULL || !JSON_NODE_HOLDS_OBJECT (weight_map))
    {
      fail (error, display_name, 0, NULL, _("“weight_map” is missing or not an object"));
      return NULL;
    }
  json_object_iter_init (&iter, json_node_get_object (weight_map));
  while (json_object_iter_next (&iter, &tensor, &file))
    {
      if (!JSON_NODE_HOLDS_VALUE (file) || json_node_get_value_type (file) != G_TYPE_STRING)
        {
          fail (error, display_name, 0, tensor, _("its shard in “weight_map” is not a string"));
          return NULL;
        }
      g_hash_table_insert (map, g_strdup (tensor), g_strdup (json_node_get_string (file)));
    }
  return g_steal_pointer (&map);
}
