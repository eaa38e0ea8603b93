/* mr-gguf.h — the header of a GGUF file (versions 2 and 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the metadata and the tensor infos, and checks every length, count
 * and offset against the size of the file before using it, so that a
 * hostile or truncated file is an MR_PARSE_ERROR naming the file, the byte
 * offset and the field; memory stays within MR_WEIGHTS_MAX_HEADER_MEMORY.
 */
#pragma once

#include "mr-weights-header.h"

G_BEGIN_DECLS

/* data is the whole file (tensor data included, or the check that it lies
 * inside the file fails); display_name starts every error message. */
MrWeightsHeader *mr_gguf_parse_bytes (const guint8  *data,
                                      gsize          length,
                                      const char    *display_name,
                                      GError       **error);
/* Maps the file rather than reading it: only the header's pages are read. */
MrWeightsHeader *mr_gguf_parse_file  (const char    *filename,
                                      GError       **error);

/* The ggml type's name ("Q8_0"), or NULL when type is not one. */
const char      *mr_gguf_type_name   (guint32        type);

G_END_DECLS
