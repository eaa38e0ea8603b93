/* mr-test-weights.h — writes small GGUF and safetensors files for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Elements in the model mr_test_gguf_new() writes. */
#define MR_TEST_GGUF_PARAMETERS 448
#define MR_TEST_SAFETENSORS_PARAMETERS 10

/* A GGUF of the given version (2 or 3): metadata of every value type
 * (strings, arrays of strings and floats, bools, integers, floats) and
 * three tensors, the second F32 or Q8_0. */
GByteArray *mr_test_gguf_new          (guint32       version,
                                       gboolean      q8_0);
/* A safetensors file: an 8-byte length, the JSON header padded with
 * spaces, and data_length bytes. */
GByteArray *mr_test_safetensors_new_raw (const char *json_header,
                                         gsize       data_length);
/* Two tensors ("a" F32 [2,3] and "b" BF16 [4]) and __metadata__. */
GByteArray *mr_test_safetensors_new   (void);

/* Where needle (a NUL-terminated string) first occurs in bytes, or -1. */
gssize      mr_test_find              (const GByteArray *bytes,
                                       const char       *needle);
void        mr_test_poke_u32          (GByteArray   *bytes,
                                       gsize         offset,
                                       guint32       value);
void        mr_test_poke_u64          (GByteArray   *bytes,
                                       gsize         offset,
                                       guint64       value);
/* Writes bytes to a new file in dir; returns its path. */
char       *mr_test_write_file        (const char       *dir,
                                       const char       *name,
                                       const GByteArray *bytes);

G_END_DECLS
