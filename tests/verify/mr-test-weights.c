/* mr-test-weights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "mr-test-weights.h"

#define ALIGNMENT 32

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  value = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, sizeof value);
}

static void
put_u64 (GByteArray *out,
         guint64     value)
{
  value = GUINT64_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, sizeof value);
}

static void
put_string (GByteArray *out,
            const char *text)
{
  put_u64 (out, strlen (text));
  g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

static void
put_key (GByteArray *out,
         const char *key,
         guint32     type)
{
  put_string (out, key);
  put_u32 (out, type);
}

static void
pad (GByteArray *out)
{
  static const guint8 zero = 0;

  while (out->len % ALIGNMENT != 0)
    g_byte_array_append (out, &zero, 1);
}

static void
put_metadata (GByteArray *out)
{
  const float scores[] = { 0.5f, -1.0f, 2.0f };
  const guint8 one = 1;
  const gint8 minus_two = -2;
  guint16 u16 = GUINT16_TO_LE (65535);
  guint64 f64;
  double value = 1e-5;

  put_key (out, "general.architecture", 8);
  put_string (out, "llama");
  put_key (out, "general.name", 8);
  put_string (out, "tiny test model");
  put_key (out, "general.license", 8);
  put_string (out, "apache-2.0");
  put_key (out, "general.alignment", 4);
  put_u32 (out, ALIGNMENT);
  put_key (out, "llama.context_length", 4);
  put_u32 (out, 256);
  put_key (out, "llama.block_count", 5);
  put_u32 (out, 2);
  put_key (out, "tokenizer.ggml.tokens", 9);
  put_u32 (out, 8);
  put_u64 (out, 3);
  put_string (out, "<s>");
  put_string (out, "a");
  put_string (out, "bc");
  put_key (out, "tokenizer.ggml.scores", 9);
  put_u32 (out, 6);
  put_u64 (out, G_N_ELEMENTS (scores));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      guint32 bits;

      memcpy (&bits, &scores[i], sizeof bits);
      put_u32 (out, bits);
    }
  put_key (out, "tokenizer.ggml.add_bos_token", 7);
  g_byte_array_append (out, &one, 1);
  put_key (out, "test.int8", 1);
  g_byte_array_append (out, (const guint8 *) &minus_two, 1);
  put_key (out, "test.uint16", 2);
  g_byte_array_append (out, (const guint8 *) &u16, 2);
  put_key (out, "test.int64", 11);
  put_u64 (out, (guint64) -5);
  put_key (out, "llama.attention.layer_norm_rms_epsilon", 12);
  memcpy (&f64, &value, sizeof f64);
  put_u64 (out, f64);
}

#define N_KVS 13

static void
put_tensor_info (GByteArray *out,
                 const char *name,
                 guint64     ne0,
                 guint64     ne1,
                 guint32     type,
                 guint64     offset)
{
  put_string (out, name);
  put_u32 (out, ne1 > 0 ? 2 : 1);
  put_u64 (out, ne0);
  if (ne1 > 0)
    put_u64 (out, ne1);
  put_u32 (out, type);
  put_u64 (out, offset);
}

static void
put_data (GByteArray *out,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    {
      guint8 byte = (guint8) (i * 7 + 1);

      g_byte_array_append (out, &byte, 1);
    }
  pad (out);
}

GByteArray *
mr_test_gguf_new (guint32  version,
                  gboolean q8_0)
{
  GByteArray *out = g_byte_array_new ();
  /* tok.weight F32 [64,4]; q.weight [64,2]; norm F32 [64]. */
  gsize q_size = q8_0 ? 2 * 2 * 34 : 64 * 2 * 4;
  gsize q_offset = 64 * 4 * 4;
  gsize norm_offset = q_offset + (q_size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;

  g_byte_array_append (out, (const guint8 *) "GGUF", 4);
  put_u32 (out, version);
  put_u64 (out, 3);
  put_u64 (out, N_KVS);
  put_metadata (out);
  put_tensor_info (out, "tok.weight", 64, 4, 0, 0);
  put_tensor_info (out, "q.weight", 64, 2, q8_0 ? 8 : 0, q_offset);
  put_tensor_info (out, "norm.weight", 64, 0, 0, norm_offset);
  pad (out);
  put_data (out, 64 * 4 * 4);
  put_data (out, q_size);
  put_data (out, 64 * 4);
  return out;
}

GByteArray *
mr_test_safetensors_new_raw (const char *json_header,
                             gsize       data_length)
{
  GByteArray *out = g_byte_array_new ();
  gsize length = strlen (json_header);
  gsize padded = (length + 7) / 8 * 8;

  put_u64 (out, padded);
  g_byte_array_append (out, (const guint8 *) json_header, length);
  for (gsize i = length; i < padded; i++)
    g_byte_array_append (out, (const guint8 *) " ", 1);
  for (gsize i = 0; i < data_length; i++)
    g_byte_array_append (out, (const guint8 *) "\x3f", 1);
  return out;
}

GByteArray *
mr_test_safetensors_new (void)
{
  return mr_test_safetensors_new_raw (
    "{\"__metadata__\":{\"format\":\"pt\",\"license\":\"mit\"},"
    "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
    "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[24,32]}}", 32);
}

gssize
mr_test_find (const GByteArray *bytes,
              const char       *needle)
{
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= bytes->len; i++)
    if (memcmp (bytes->data + i, needle, length) == 0)
      return i;
  return -1;
}

void
mr_test_poke_u32 (GByteArray *bytes,
                  gsize       offset,
                  guint32     value)
{
  g_assert_cmpuint (offset + 4, <=, bytes->len);
  value = GUINT32_TO_LE (value);
  memcpy (bytes->data + offset, &value, sizeof value);
}

void
mr_test_poke_u64 (GByteArray *bytes,
                  gsize       offset,
                  guint64     value)
{
  g_assert_cmpuint (offset + 8, <=, bytes->len);
  value = GUINT64_TO_LE (value);
  memcpy (bytes->data + offset, &value, sizeof value);
}

char *
mr_test_write_file (const char       *dir,
                    const char       *name,
                    const GByteArray *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  /* The isolated directories of g_test exist only once made. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  return path;
}
