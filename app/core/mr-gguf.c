/* mr-gguf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout (little-endian): "GGUF", u32 version, u64 tensor count, u64 KV
 * count; the KVs (string key, u32 type, value); the tensor infos (string
 * name, u32 n_dims, u64 dims[n_dims] with ne0 first, u32 ggml type, u64
 * offset relative to the data section); padding to general.alignment; the
 * data.  A string is a u64 byte length and the bytes, without a NUL.
 */
#define G_LOG_DOMAIN "mr-gguf"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mr-error.h"
#include "mr-gguf.h"

#define GGUF_MAGIC             "GGUF"
#define GGUF_DEFAULT_ALIGNMENT 32
#define GGUF_MAX_DIMS          4
/* Longer metadata strings are summarised, not kept. */
#define GGUF_MAX_KEPT_STRING   (1024 * 1024)
/* ggml's own limit is 63 bytes; this only bounds memory. */
#define GGUF_MAX_NAME          4096
/* What a key, its type and the smallest value take: a u64 key length,
 * a u32 type and one byte. */
#define GGUF_MIN_KV_SIZE       13
/* A name length, n_dims, a type and an offset: a tensor of no dims. */
#define GGUF_MIN_TENSOR_SIZE   24
/* Roughly what a hash table entry or JSON node costs besides its text. */
#define ENTRY_OVERHEAD         64

typedef enum {
  GGUF_TYPE_UINT8,
  GGUF_TYPE_INT8,
  GGUF_TYPE_UINT16,
  GGUF_TYPE_INT16,
  GGUF_TYPE_UINT32,
  GGUF_TYPE_INT32,
  GGUF_TYPE_FLOAT32,
  GGUF_TYPE_BOOL,
  GGUF_TYPE_STRING,
  GGUF_TYPE_ARRAY,
  GGUF_TYPE_UINT64,
  GGUF_TYPE_INT64,
  GGUF_TYPE_FLOAT64,
  GGUF_N_TYPES,
} GgufType;

static const struct {
  const char *name;
  guint       size;   /* in bytes; 0 for strings and arrays */
} value_types[GGUF_N_TYPES] = {
  [GGUF_TYPE_UINT8] = { "uint8", 1 },
  [GGUF_TYPE_INT8] = { "int8", 1 },
  [GGUF_TYPE_UINT16] = { "uint16", 2 },
  [GGUF_TYPE_INT16] = { "int16", 2 },
  [GGUF_TYPE_UINT32] = { "uint32", 4 },
  [GGUF_TYPE_INT32] = { "int32", 4 },
  [GGUF_TYPE_FLOAT32] = { "float32", 4 },
  [GGUF_TYPE_BOOL] = { "bool", 1 },
  [GGUF_TYPE_STRING] = { "string", 0 },
  [GGUF_TYPE_ARRAY] = { "array", 0 },
  [GGUF_TYPE_UINT64] = { "uint64", 8 },
  [GGUF_TYPE_INT64] = { "int64", 8 },
  [GGUF_TYPE_FLOAT64] = { "float64", 8 },
};

/* ggml's tensor types, by id: elements per block and bytes per block.
 * The ids that ggml removed stay unknown. */
static const struct {
  const char *name;
  guint       block_size;
  guint       type_size;
} ggml_types[] = {
  [0] = { "F32", 1, 4 },
  [1] = { "F16", 1, 2 },
  [2] = { "Q4_0", 32, 18 },
  [3] = { "Q4_1", 32, 20 },
  [6] = { "Q5_0", 32, 22 },
  [7] = { "Q5_1", 32, 24 },
  [8] = { "Q8_0", 32, 34 },
  [9] = { "Q8_1", 32, 36 },
  [10] = { "Q2_K", 256, 84 },
  [11] = { "Q3_K", 256, 110 },
  [12] = { "Q4_K", 256, 144 },
  [13] = { "Q5_K", 256, 176 },
  [14] = { "Q6_K", 256, 210 },
  [15] = { "Q8_K", 256, 292 },
  [16] = { "IQ2_XXS", 256, 66 },
  [17] = { "IQ2_XS", 256, 74 },
  [18] = { "IQ3_XXS", 256, 98 },
  [19] = { "IQ1_S", 256, 50 },
  [20] = { "IQ4_NL", 32, 18 },
  [21] = { "IQ3_S", 256, 110 },
  [22] = { "IQ2_S", 256, 82 },
  [23] = { "IQ4_XS", 256, 136 },
  [24] = { "I8", 1, 1 },
  [25] = { "I16", 1, 2 },
  [26] = { "I32", 1, 4 },
  [27] = { "I64", 1, 8 },
  [28] = { "F64", 1, 8 },
  [29] = { "IQ1_M", 256, 56 },
  [30] = { "BF16", 1, 2 },
  [34] = { "TQ1_0", 256, 54 },
  [35] = { "TQ2_0", 256, 66 },
  [39] = { "MXFP4", 32, 17 },
};

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         pos;
  const char   *display_name;
  gsize         memory_left;
  /* What is being read, for error messages: "tensor 3", and its name
   * once known. */
  const char   *section;
  guint64       index;
  const guint8 *item_name;
  gsize         item_name_length;
  GError      **error;
} Reader;

const char *
mr_gguf_type_name (guint32 type)
{
  return type < G_N_ELEMENTS (ggml_types) ? ggml_types[type].name : NULL;
}

static char *
describe_item (const Reader *r)
{
  g_autofree char *name = NULL;

  if (r->section == NULL)
    /* Translators: the part of a GGUF file a problem is in, like "key",
     * "value", "magic" or "tensor count" below */
    return g_strdup (_("header"));
  if (r->item_name == NULL)
    return g_strdup_printf ("%s %" G_GUINT64_FORMAT, r->section, r->index);
  /* Hostile names could be long or not UTF-8. */
  name = g_utf8_make_valid ((const char *) r->item_name, MIN (r->item_name_length, 200));
  return g_strdup_printf ("%s %" G_GUINT64_FORMAT " “%s”", r->section, r->index, name);
}

static gboolean fail (Reader     *r,
                      gsize       offset,
                      const char *field,
                      const char *format,
                      ...) G_GNUC_PRINTF (4, 5);

/* Always FALSE: "FILE: byte N: ITEM: FIELD: what is wrong". */
static gboolean
fail (Reader     *r,
      gsize       offset,
      const char *field,
      const char *format,
      ...)
{
  g_autofree char *item = describe_item (r);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (r->error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
               /* Translators: file, byte offset, the item, its field, what is wrong */
               _("%s: byte %zu: %s: %s: %s"),
               r->display_name, offset, item, field, message);
  return FALSE;
}

static gsize
bytes_left (const Reader *r)
{
  return r->length - r->pos;
}

static gboolean
need (Reader     *r,
      guint64     size,
      const char *field)
{
  if (size <= bytes_left (r))
    return TRUE;
  return fail (r, r->pos, field,
               _("needs %" PRIu64 " bytes, but only %zu are left"),
               size, bytes_left (r));
}

static gboolean
read_u32 (Reader     *r,
          const char *field,
          guint32    *out)
{
  guint32 value;

  if (!need (r, sizeof value, field))
    return FALSE;
  memcpy (&value, r->data + r->pos, sizeof value);
  r->pos += sizeof value;
  *out = GUINT32_FROM_LE (value);
  return TRUE;
}

static gboolean
read_u64 (Reader     *r,
          const char *field,
          guint64    *out)
{
  guint64 value;

  if (!need (r, sizeof value, field))
    return FALSE;
  memcpy (&value, r->data + r->pos, sizeof value);
  r->pos += sizeof value;
  *out = GUINT64_FROM_LE (value);
  return TRUE;
}

/* A view of the string's bytes, checked to lie inside the file. */
static gboolean
read_string (Reader        *r,
             const char    *field,
             const guint8 **out_bytes,
             gsize         *out_length)
{
  gsize start = r->pos;
  guint64 length;

  if (!read_u64 (r, field, &length))
    return FALSE;
  if (length > bytes_left (r))
    return fail (r, start, field,
                 _("the string length %" PRIu64 " runs past the end of the file "
                   "(%zu bytes left)"), length, bytes_left (r));
  *out_bytes = r->data + r->pos;
  *out_length = length;
  r->pos += length;
  return TRUE;
}

/* Charges size bytes to the header's memory budget. */
static gboolean
charge (Reader *r,
        gsize   size)
{
  if (size > r->memory_left)
    return FALSE;
  r->memory_left -= size;
  return TRUE;
}

static gboolean
over_budget (Reader     *r,
             gsize       offset,
             const char *field)
{
  return fail (r, offset, field, _("the header needs more than %d MiB of memory"),
               MR_WEIGHTS_MAX_HEADER_MEMORY / (1024 * 1024));
}

static gboolean
check_count (Reader     *r,
             gsize       offset,
             const char *field,
             guint64     count,
             guint64     min_size)
{
  guint64 total;

  if (g_uint64_checked_mul (&total, count, min_size) && total <= bytes_left (r))
    return TRUE;
  return fail (r, offset, field,
               _("%" PRIu64 " items of at least %" PRIu64 " bytes do not "
                 "fit in the %zu bytes left"), count, min_size, bytes_left (r));
}

static gboolean
read_value_type (Reader     *r,
                 const char *field,
                 guint32    *out_type)
{
  gsize start = r->pos;

  if (!read_u32 (r, field, out_type))
    return FALSE;
  if (*out_type < GGUF_N_TYPES)
    return TRUE;
  return fail (r, start, field, _("%u is not a GGUF value type"), *out_type);
}

static JsonNode *
summary_node (const char *type,
              guint64     length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, (gint64) length);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_array (Reader    *r,
            JsonNode **out_node)
{
  gsize start = r->pos;
  guint32 element_type;
  guint64 count;

  if (!read_value_type (r, _("array element type"), &element_type) ||
      !read_u64 (r, _("array length"), &count))
    return FALSE;
  if (element_type == GGUF_TYPE_ARRAY)
    return fail (r, start, _("array element type"), _("arrays of arrays are not allowed"));

  if (element_type == GGUF_TYPE_STRING)
    {
      if (!check_count (r, start + 4, _("array length"), count, sizeof (guint64)))
        return FALSE;
      for (guint64 i = 0; i < count; i++)
        {
          const guint8 *bytes;
          gsize length;

          if (!read_string (r, _("array element"), &bytes, &length))
            return FALSE;
        }
    }
  else
    {
      guint64 size = value_types[element_type].size;

      if (!check_count (r, start + 4, _("array length"), count, size))
        return FALSE;
      r->pos += count * size;
    }
  *out_node = summary_node (value_types[element_type].name, count);
  return TRUE;
}

static JsonNode *
scalar_node (guint32       type,
             const guint8 *bytes)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  guint16 u16;
  guint32 u32;
  guint64 u64;
  gfloat f32;
  gdouble f64;

  switch (type)
    {
    case GGUF_TYPE_UINT8:
      json_node_set_int (node, bytes[0]);
      break;
    case GGUF_TYPE_INT8:
      json_node_set_int (node, (gint8) bytes[0]);
      break;
    case GGUF_TYPE_UINT16:
    case GGUF_TYPE_INT16:
      memcpy (&u16, bytes, sizeof u16);
      u16 = GUINT16_FROM_LE (u16);
      json_node_set_int (node, type == GGUF_TYPE_INT16 ? (gint64) (gint16) u16 : (gint64) u16);
      break;
    case GGUF_TYPE_UINT32:
    case GGUF_TYPE_INT32:
      memcpy (&u32, bytes, sizeof u32);
      u32 = GUINT32_FROM_LE (u32);
      json_node_set_int (node, type == GGUF_TYPE_INT32 ? (gint64) (gint32) u32 : (gint64) u32);
      break;
    case GGUF_TYPE_FLOAT32:
      memcpy (&u32, bytes, sizeof u32);
      u32 = GUINT32_FROM_LE (u32);
      memcpy (&f32, &u32, sizeof f32);
      json_node_set_double (node, f32);
      break;
    case GGUF_TYPE_BOOL:
      json_node_set_boolean (node, bytes[0] != 0);
      break;
    case GGUF_TYPE_UINT64:
    case GGUF_TYPE_INT64:
      memcpy (&u64, bytes, sizeof u64);
      u64 = GUINT64_FROM_LE (u64);
      /* JSON numbers are signed 64-bit here: keep a huge u64 exact as text. */
      if (type == GGUF_TYPE_UINT64 && u64 > G_MAXINT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, u64);

          json_node_set_string (node, text);
        }
      else
        json_node_set_int (node, (gint64) u64);
      break;
    case GGUF_TYPE_FLOAT64:
      memcpy (&u64, bytes, sizeof u64);
      u64 = GUINT64_FROM_LE (u64);
      memcpy (&f64, &u64, sizeof f64);
      json_node_set_double (node, f64);
      break;
    default:
      g_assert_not_reached ();
    }
  return node;
}

static gboolean
read_value (Reader    *r,
            guint32    type,
            JsonNode **out_node)
{
  const guint8 *bytes;
  gsize length;

  if (type == GGUF_TYPE_ARRAY)
    return read_array (r, out_node);
  if (type == GGUF_TYPE_STRING)
    {
      if (!read_string (r, _("value"), &bytes, &length))
        return FALSE;
      if (length > GGUF_MAX_KEPT_STRING || !charge (r, length))
        *out_node = summary_node ("string", length);
      else
        {
          g_autofree char *text = g_utf8_make_valid ((const char *) bytes, length);

          *out_node = json_node_init_string (json_node_alloc (), text);
        }
      return TRUE;
    }
  if (!need (r, value_types[type].size, _("value")))
    return FALSE;
  *out_node = scalar_node (type, r->data + r->pos);
  r->pos += value_types[type].size;
  return TRUE;
}

static gboolean
read_alignment (Reader   *r,
                gsize     start,
                guint32   type,
                JsonNode *node,
                guint32  *alignment)
{
  gint64 value = json_node_get_int (node);

  if (type != GGUF_TYPE_UINT32)
    return fail (r, start, _("value"), _("general.alignment must be a uint32, not a %s"),
                 value_types[type].name);
  if (value == 0 || (value & (value - 1)) != 0)
    return fail (r, start, _("value"), _("the alignment %" PRId64 " is not a power "
                                         "of two"), value);
  *alignment = (guint32) value;
  return TRUE;
}

static gboolean
read_kv (Reader          *r,
         MrWeightsHeader *header,
         guint32         *alignment)
{
  gsize start = r->pos;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *key = NULL;
  const guint8 *key_bytes;
  gsize key_length;
  guint32 type;

  if (!read_string (r, _("key"), &key_bytes, &key_length))
    return FALSE;
  if (key_length > GGUF_MAX_NAME)
    return fail (r, start, _("key"), _("a key of %zu bytes is too long"),
                 key_length);
  if (!charge (r, key_length + ENTRY_OVERHEAD))
    return over_budget (r, start, _("key"));
  r->item_name = key_bytes;
  r->item_name_length = key_length;
  key = g_utf8_make_valid ((const char *) key_bytes, key_length);
  if (json_object_has_member (header->metadata, key))
    return fail (r, start, _("key"), _("the key appears twice"));

  if (!read_value_type (r, _("value type"), &type) ||
      !read_value (r, type, &node))
    return FALSE;
  if (g_str_equal (key, "general.alignment") &&
      !read_alignment (r, start, type, node, alignment))
    return FALSE;

  json_object_set_member (header->metadata, key, g_steal_pointer (&node));
  return TRUE;
}

static gboolean
read_header_start (Reader  *r,
                   guint32 *out_version,
                   guint64 *out_n_tensors,
                   guint64 *out_n_kvs)
{
  if (!need (r, 4, _("magic")))
    return FALSE;
  if (memcmp (r->data, GGUF_MAGIC, 4) != 0)
    return fail (r, 0, _("magic"), _("not a GGUF file (it does not start with “GGUF”)"));
  r->pos = 4;

  if (!read_u32 (r, _("version"), out_version))
    return FALSE;
  if (*out_version == 1)
    return fail (r, 4, _("version"),
                 _("GGUF version 1 is not supported; convert the file to version 3"));
  if (*out_version != 2 && *out_version != 3)
    return fail (r, 4, _("version"),
                 GUINT32_SWAP_LE_BE (*out_version) <= 3
                 ? _("%u is not a GGUF version (a big-endian file? those are not supported)")
                 : _("%u is not a GGUF version this program knows (2 or 3)"), *out_version);

  return read_u64 (r, _("tensor count"), out_n_tensors) &&
         read_u64 (r, _("metadata count"), out_n_kvs);
}

static gboolean
read_kvs (Reader          *r,
          MrWeightsHeader *header,
          guint64          n_kvs,
          guint32         *alignment)
{
  if (!check_count (r, 16, _("metadata count"), n_kvs, GGUF_MIN_KV_SIZE))
    return FALSE;

  r->section = _("metadata entry");
  for (guint64 i = 0; i < n_kvs; i++)
    {
      r->index = i;
      r->item_name = NULL;
      if (!read_kv (r, header, alignment))
        return FALSE;
    }
  r->section = NULL;
  return TRUE;
}

static gboolean
read_dims (Reader  *r,
           guint32  n_dims,
           guint64 *shape)
{
  for (guint32 d = 0; d < n_dims; d++)
    {
      gsize start = r->pos;

      if (!read_u64 (r, _("dimension"), &shape[d]))
        return FALSE;
      /* ggml keeps them as int64_t. */
      if (shape[d] > G_MAXINT64)
        return fail (r, start, _("dimension"), _("%" PRIu64 " is too large"),
                     shape[d]);
    }
  return TRUE;
}

static gboolean
tensor_size (Reader        *r,
             gsize          start,
             guint32        type,
             guint32        n_dims,
             const guint64 *shape,
             guint64       *out_n_elements,
             guint64       *out_size)
{
  guint block_size = ggml_types[type].block_size;
  guint64 row = n_dims > 0 ? shape[0] : 1;

  if (!mr_tensor_shape_count (n_dims, shape, out_n_elements))
    return fail (r, start, _("dimensions"), _("the element count overflows"));
  /* Blocks run along the first dimension. */
  if (row % block_size != 0)
    return fail (r, start, _("dimensions"),
                 _("the first dimension %" PRIu64 " is not a multiple of %s's "
                   "block size %u"), row, ggml_types[type].name, block_size);
  if (!g_uint64_checked_mul (out_size, *out_n_elements / block_size, ggml_types[type].type_size))
    return fail (r, start, _("dimensions"), _("the size in bytes overflows"));
  return TRUE;
}

static gboolean
read_tensor_info (Reader          *r,
                  MrWeightsHeader *header,
                  GHashTable      *names,
                  guint32          alignment)
{
  gsize start = r->pos;
  guint64 shape[GGUF_MAX_DIMS] = { 0 };
  const guint8 *name_bytes;
  gsize name_length, field_start;
  guint32 n_dims = 0, type = 0;
  guint64 n_elements = 0, offset = 0, size = 0;
  char *name;

  if (!read_string (r, _("name"), &name_bytes, &name_length))
    return FALSE;
  if (name_length > GGUF_MAX_NAME)
    return fail (r, start, _("name"), _("a name of %zu bytes is too long"),
                 name_length);
  if (!charge (r, name_length + sizeof (MrTensorInfo) + ENTRY_OVERHEAD))
    return over_budget (r, start, _("name"));
  r->item_name = name_bytes;
  r->item_name_length = name_length;

  field_start = r->pos;
  if (!read_u32 (r, _("dimension count"), &n_dims))
    return FALSE;
  if (n_dims > GGUF_MAX_DIMS)
    return fail (r, field_start, _("dimension count"), _("%u dimensions; at most %u are allowed"),
                 n_dims, GGUF_MAX_DIMS);
  if (!read_dims (r, n_dims, shape))
    return FALSE;

  field_start = r->pos;
  if (!read_u32 (r, _("type"), &type))
    return FALSE;
  if (mr_gguf_type_name (type) == NULL)
    return fail (r, field_start, _("type"), _("%u is not a ggml tensor type"), type);
  if (!tensor_size (r, start, type, n_dims, shape, &n_elements, &size))
    return FALSE;

  field_start = r->pos;
  if (!read_u64 (r, _("offset"), &offset))
    return FALSE;
  if (offset % alignment != 0)
    return fail (r, field_start, _("offset"),
                 _("%" PRIu64 " is not a multiple of the alignment %u"),
                 offset, alignment);

  name = g_utf8_make_valid ((const char *) name_bytes, name_length);
  if (g_hash_table_contains (names, name))
    {
      g_free (name);
      return fail (r, start, _("name"), _("two tensors have this name"));
    }
  /* The header owns the name; names borrows it. */
  g_hash_table_add (names, name);
  /* The offset is relative until the data section's start is known. */
  mr_weights_header_add_tensor (header, name, ggml_types[type].name, n_dims, shape,
                                n_elements, offset, size, start);
  return TRUE;
}

static gboolean
read_tensor_infos (Reader          *r,
                   MrWeightsHeader *header,
                   guint64          n_tensors,
                   guint32          alignment)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  if (n_tensors > MR_WEIGHTS_MAX_TENSORS)
    return fail (r, 8, _("tensor count"), _("%" PRIu64 " tensors; at most %u are "
                                            "supported"), n_tensors, MR_WEIGHTS_MAX_TENSORS);
  if (!check_count (r, 8, _("tensor count"), n_tensors, GGUF_MIN_TENSOR_SIZE))
    return FALSE;

  r->section = _("tensor");
  for (guint64 i = 0; i < n_tensors; i++)
    {
      r->index = i;
      r->item_name = NULL;
      if (!read_tensor_info (r, header, names, alignment))
        return FALSE;
    }
  r->section = NULL;
  return TRUE;
}

/* The data section starts at the first multiple of the alignment after the
 * tensor infos; make the tensors' offsets absolute. */
static gboolean
place_data (Reader          *r,
            MrWeightsHeader *header,
            guint32          alignment)
{
  header->data_offset = ((guint64) r->pos + alignment - 1) / alignment * alignment;
  for (guint i = 0; i < header->tensors->len; i++)
    {
      MrTensorInfo *tensor = &g_array_index (header->tensors, MrTensorInfo, i);

      if (!g_uint64_checked_add (&tensor->offset, tensor->offset, header->data_offset))
        {
          r->section = _("tensor");
          r->index = i;
          return fail (r, tensor->info_offset, _("offset"), _("the offset overflows"));
        }
    }
  return TRUE;
}

static const char *
string_member (JsonObject *metadata,
               const char *key)
{
  JsonNode *node = json_object_get_member (metadata, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *metadata,
            const char *architecture,
            const char *suffix)
{
  g_autofree char *key = g_strconcat (architecture, ".", suffix, NULL);
  JsonNode *node = json_object_get_member (metadata, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

static void
pick_known_keys (MrWeightsHeader *header)
{
  header->architecture = g_strdup (string_member (header->metadata, "general.architecture"));
  header->name = g_strdup (string_member (header->metadata, "general.name"));
  header->license = g_strdup (string_member (header->metadata, "general.license"));
  if (header->architecture == NULL)
    return;
  header->context_length = int_member (header->metadata, header->architecture, "context_length");
  header->block_count = int_member (header->metadata, header->architecture, "block_count");
}

MrWeightsHeader *
mr_gguf_parse_bytes (const guint8  *data,
                     gsize          length,
                     const char    *display_name,
                     GError       **error)
{
  g_autoptr(MrWeightsHeader) header = mr_weights_header_new (MR_WEIGHTS_FORMAT_GGUF, length);
  Reader r = { data, length, 0, display_name, MR_WEIGHTS_MAX_HEADER_MEMORY,
               NULL, 0, NULL, 0, error };
  guint32 alignment = GGUF_DEFAULT_ALIGNMENT;
  guint32 version = 0;
  guint64 n_tensors = 0, n_kvs = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_header_start (&r, &version, &n_tensors, &n_kvs) ||
      !read_kvs (&r, header, n_kvs, &alignment) ||
      !read_tensor_infos (&r, header, n_tensors, alignment) ||
      !place_data (&r, header, alignment))
    return NULL;

  header->version = version;
  pick_known_keys (header);
  if (!mr_weights_header_finish (header, FALSE, display_name, error))
    return NULL;
  return g_steal_pointer (&header);
}

MrWeightsHeader *
mr_gguf_parse_file (const char  *filename,
                    GError     **error)
{
  return mr_weights_header_parse_mapped (filename, mr_gguf_parse_bytes, error);
}
