/* mr-safetensors.h — the header of a safetensors file, and shard indexes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A safetensors file is a u64 little-endian header length, a JSON object
 * {name: {dtype, shape, data_offsets}, "__metadata__": {string: string}},
 * then the tensors' bytes, back to back to the end of the file.  Every
 * offset is checked against the file and the other tensors; errors are
 * MR_PARSE_ERROR naming the file, the byte offset and the field.
 */
#pragma once

#include "mr-weights-header.h"

G_BEGIN_DECLS

/* The largest header accepted; the format's own reader has the same. */
#define MR_SAFETENSORS_MAX_HEADER (100 * 1024 * 1024)

/* data is the whole file; display_name starts every error message. */
MrWeightsHeader *mr_safetensors_parse_bytes (const guint8  *data,
                                             gsize          length,
                                             const char    *display_name,
                                             GError       **error);
MrWeightsHeader *mr_safetensors_parse_file  (const char    *filename,
                                             GError       **error);

/* model.safetensors.index.json: its weight_map, tensor name → shard file
 * name (both strings owned by the table). */
GHashTable      *mr_safetensors_parse_index (const char    *data,
                                             gsize          length,
                                             const char    *display_name,
                                             GError       **error);

G_END_DECLS
