/* mr-weights-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-weights-header"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mr-error.h"
#include "mr-weights-header.h"

G_DEFINE_BOXED_TYPE (MrWeightsHeader, mr_weights_header,
                     mr_weights_header_ref, mr_weights_header_unref)

static void
tensor_info_clear (gpointer data)
{
  MrTensorInfo *tensor = data;

  g_free (tensor->name);
}

MrWeightsHeader *
mr_weights_header_new (MrWeightsFormat format,
                       guint64         file_size)
{
  MrWeightsHeader *self = g_new0 (MrWeightsHeader, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->file_size = file_size;
  self->tensors = g_array_new (FALSE, TRUE, sizeof (MrTensorInfo));
  g_array_set_clear_func (self->tensors, tensor_info_clear);
  self->context_length = -1;
  self->block_count = -1;
  self->metadata = json_object_new ();
  return self;
}

MrWeightsHeader *
mr_weights_header_ref (MrWeightsHeader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_weights_header_unref (MrWeightsHeader *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->tensors);
  g_free (self->architecture);
  g_free (self->name);
  g_free (self->license);
  json_object_unref (self->metadata);
  g_free (self);
}

const char *
mr_weights_format_to_string (MrWeightsFormat format)
{
  switch (format)
    {
    case MR_WEIGHTS_FORMAT_GGUF:
      return "gguf";
    case MR_WEIGHTS_FORMAT_SAFETENSORS:
      return "safetensors";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mr_tensor_shape_count (guint          n_dims,
                       const guint64 *shape,
                       guint64       *out_count)
{
  guint64 count = 1;

  for (guint i = 0; i < n_dims; i++)
    if (!g_uint64_checked_mul (&count, count, shape[i]))
      return FALSE;
  *out_count = count;
  return TRUE;
}

void
mr_weights_header_add_tensor (MrWeightsHeader *self,
                              char            *name,
                              const char      *dtype,
                              guint            n_dims,
                              const guint64   *shape,
                              guint64          n_elements,
                              guint64          offset,
                              guint64          size,
                              guint64          info_offset)
{
  MrTensorInfo tensor = { 0 };

  g_return_if_fail (n_dims <= MR_TENSOR_MAX_DIMS);

  tensor.name = name;
  tensor.dtype = dtype;
  tensor.n_dims = n_dims;
  memcpy (tensor.shape, shape, n_dims * sizeof (guint64));
  tensor.n_elements = n_elements;
  tensor.offset = offset;
  tensor.size = size;
  tensor.info_offset = info_offset;
  g_array_append_val (self->tensors, tensor);
}

static int
compare_by_offset (gconstpointer a,
                   gconstpointer b)
{
  const MrTensorInfo *ta = *(const MrTensorInfo * const *) a;
  const MrTensorInfo *tb = *(const MrTensorInfo * const *) b;

  if (ta->offset != tb->offset)
    return ta->offset < tb->offset ? -1 : 1;
  /* Empty tensors first, so that they never seem to overlap. */
  return (ta->size > tb->size) - (ta->size < tb->size);
}

static gboolean
check_tensor_bounds (const MrWeightsHeader *self,
                     const MrTensorInfo    *tensor,
                     const char            *display_name,
                     GError               **error)
{
  guint64 end;

  if (tensor->offset >= self->data_offset &&
      g_uint64_checked_add (&end, tensor->offset, tensor->size) &&
      end <= self->file_size)
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
               _("%s: byte %" PRIu64 ": tensor “%s”: its %" PRIu64
                 " bytes at offset %" PRIu64 " lie outside the data section "
                 "(bytes %" PRIu64 "–%" PRIu64 ")"),
               display_name, tensor->info_offset, tensor->name, tensor->size,
               tensor->offset, self->data_offset, self->file_size);
  return FALSE;
}

static gboolean
check_layout (const MrWeightsHeader *self,
              gboolean               contiguous,
              const char            *display_name,
              GError               **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (self->tensors->len);
  const MrTensorInfo *previous = NULL;
  guint64 end = self->data_offset;

  for (guint i = 0; i < self->tensors->len; i++)
    g_ptr_array_add (sorted, &g_array_index (self->tensors, MrTensorInfo, i));
  g_ptr_array_sort (sorted, compare_by_offset);

  for (guint i = 0; i < sorted->len; i++)
    {
      const MrTensorInfo *tensor = g_ptr_array_index (sorted, i);

      if (!check_tensor_bounds (self, tensor, display_name, error))
        return FALSE;
      if (tensor->offset < end || (contiguous && tensor->offset != end))
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       tensor->offset < end
                       ? _("%s: byte %" PRIu64 ": tensor “%s”: its data at offset %"
                           PRIu64 " overlaps tensor “%s”")
                       : _("%s: byte %" PRIu64 ": tensor “%s”: its data at offset %"
                           PRIu64 " leaves a gap after tensor “%s”"),
                       display_name, tensor->info_offset, tensor->name, tensor->offset,
                       previous != NULL ? previous->name : _("(start of the data)"));
          return FALSE;
        }
      end = tensor->offset + tensor->size;
      previous = tensor;
    }

  if (contiguous && end != self->file_size)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s: byte %" PRIu64 ": the tensors end there, but the file "
                     "goes on to byte %" PRIu64),
                   display_name, end, self->file_size);
      return FALSE;
    }
  return TRUE;
}

gboolean
mr_weights_header_finish (MrWeightsHeader *self,
                          gboolean         contiguous,
                          const char      *display_name,
                          GError         **error)
{
  guint64 total = 0;

  if (!check_layout (self, contiguous, display_name, error))
    return FALSE;

  for (guint i = 0; i < self->tensors->len; i++)
    {
      const MrTensorInfo *tensor = &g_array_index (self->tensors, MrTensorInfo, i);

      /* Cannot overflow in practice: each tensor's bytes are in the file. */
      if (!g_uint64_checked_add (&total, total, tensor->n_elements))
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("%s: byte %" PRIu64 ": tensor “%s”: the parameter count "
                         "overflows"), display_name, tensor->info_offset, tensor->name);
          return FALSE;
        }
    }
  self->n_parameters = total;
  json_object_seal (self->metadata);
  return TRUE;
}

typedef struct {
  const char *dtype;
  guint64     tensors;
  guint64     parameters;
} DtypeTotal;

static int
compare_dtype_totals (gconstpointer a,
                      gconstpointer b)
{
  return g_strcmp0 (((const DtypeTotal *) a)->dtype, ((const DtypeTotal *) b)->dtype);
}

/* Sorted by name, so that the JSON is the same for the same file. */
static GArray *
dtype_totals (const MrWeightsHeader *self)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (DtypeTotal));

  for (guint i = 0; i < self->tensors->len; i++)
    {
      const MrTensorInfo *tensor = &g_array_index (self->tensors, MrTensorInfo, i);
      gpointer position;
      DtypeTotal *total;

      if (!g_hash_table_lookup_extended (index, tensor->dtype, NULL, &position))
        {
          DtypeTotal fresh = { tensor->dtype, 0, 0 };

          position = GUINT_TO_POINTER (totals->len);
          g_array_append_val (totals, fresh);
          g_hash_table_insert (index, (gpointer) tensor->dtype, position);
        }
      total = &g_array_index (totals, DtypeTotal, GPOINTER_TO_UINT (position));
      total->tensors++;
      total->parameters += tensor->n_elements;
    }
  g_array_sort (totals, compare_dtype_totals);
  return totals;
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_optional_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
mr_weights_header_add_json_members (const MrWeightsHeader *self,
                                    JsonBuilder           *builder)
{
  g_autoptr(GArray) totals = dtype_totals (self);
  JsonNode *metadata = json_node_new (JSON_NODE_OBJECT);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, mr_weights_format_to_string (self->format));
  if (self->format == MR_WEIGHTS_FORMAT_GGUF)
    {
      json_builder_set_member_name (builder, "gguf_version");
      json_builder_add_int_value (builder, self->version);
    }
  add_optional_string (builder, "architecture", self->architecture);
  add_optional_string (builder, "name", self->name);
  add_optional_string (builder, "license", self->license);
  add_optional_int (builder, "context_length", self->context_length);
  add_optional_int (builder, "block_count", self->block_count);
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_int_value (builder, (gint64) self->n_parameters);
  json_builder_set_member_name (builder, "tensors");
  json_builder_add_int_value (builder, self->tensors->len);

  json_builder_set_member_name (builder, "dtypes");
  json_builder_begin_object (builder);
  for (guint i = 0; i < totals->len; i++)
    {
      const DtypeTotal *total = &g_array_index (totals, DtypeTotal, i);

      json_builder_set_member_name (builder, total->dtype);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tensors");
      json_builder_add_int_value (builder, (gint64) total->tensors);
      json_builder_set_member_name (builder, "parameters");
      json_builder_add_int_value (builder, (gint64) total->parameters);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_node_set_object (metadata, self->metadata);
  json_builder_set_member_name (builder, "metadata");
  json_builder_add_value (builder, metadata);
}

MrWeightsHeader *
mr_weights_header_parse_mapped (const char          *filename,
                                MrWeightsParseFunc   parse,
                                GError             **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *display_name = g_filename_display_name (filename);

  mapped = g_mapped_file_new (filename, FALSE, error);
  if (mapped == NULL)
    return NULL;
  return parse ((const guint8 *) g_mapped_file_get_contents (mapped),
                g_mapped_file_get_length (mapped), display_name, error);
}
