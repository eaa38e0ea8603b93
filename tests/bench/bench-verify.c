/* bench-verify.c — SHA-256 and GGUF header parsing throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-verify hash FILE              prints "sha256 MB/s X seconds S HEX"
 *   bench-verify parse [TENSORS KVS]    prints "parse MB/s X ms M …" for a
 *                                       synthetic GGUF header held in memory
 */
#include <stdlib.h>
#include <string.h>

#include "mr-gguf.h"
#include "mr-sha256.h"

#define TENSOR_ELEMENTS 32

static int
bench_hash (const char *filename)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 size = 0;
  double seconds;

  hex = mr_sha256_file (filename, &size, NULL, NULL, NULL, &error);
  if (hex == NULL)
    {
      g_printerr ("bench-verify: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("sha256 MB/s %.0f seconds %.3f %s\n", size / seconds / 1e6, seconds, hex);
  return 0;
}

static void
put (GByteArray *out,
     const void *data,
     gsize       size)
{
  g_byte_array_append (out, data, size);
}

static void
put_string (GByteArray *out,
            const char *text)
{
  guint64 length = GUINT64_TO_LE (strlen (text));

  put (out, &length, sizeof length);
  put (out, text, strlen (text));
}

/* Like a big model's header: many KVs, many small F32 tensors. */
static GByteArray *
synthetic_gguf (guint64  n_tensors,
                guint64  n_kvs,
                gsize   *out_header_size)
{
  GByteArray *out = g_byte_array_new ();
  guint32 version = GUINT32_TO_LE (3), type_u32 = GUINT32_TO_LE (4), f32 = 0;
  guint32 n_dims = GUINT32_TO_LE (1);
  guint64 tensors_le = GUINT64_TO_LE (n_tensors), kvs_le = GUINT64_TO_LE (n_kvs);
  guint64 ne0 = GUINT64_TO_LE (TENSOR_ELEMENTS);
  gsize header_size, used;

  put (out, "GGUF", 4);
  put (out, &version, 4);
  put (out, &tensors_le, 8);
  put (out, &kvs_le, 8);
  for (guint64 i = 0; i < n_kvs; i++)
    {
      g_autofree char *key = g_strdup_printf ("bench.layer.%" G_GUINT64_FORMAT ".value", i);
      guint32 value = GUINT32_TO_LE ((guint32) i);

      put_string (out, key);
      put (out, &type_u32, 4);
      put (out, &value, 4);
    }
  for (guint64 i = 0; i < n_tensors; i++)
    {
      g_autofree char *name = g_strdup_printf ("blk.%" G_GUINT64_FORMAT ".ffn_up.weight", i);
      guint64 offset = GUINT64_TO_LE (i * TENSOR_ELEMENTS * 4);

      put_string (out, name);
      put (out, &n_dims, 4);
      put (out, &ne0, 8);
      put (out, &f32, 4);
      put (out, &offset, 8);
    }
  used = out->len;
  header_size = (used + 31) / 32 * 32;
  /* Padding and tensor data: zeros, never read by the parser. */
  g_byte_array_set_size (out, header_size + n_tensors * TENSOR_ELEMENTS * 4);
  memset (out->data + used, 0, out->len - used);
  *out_header_size = header_size;
  return out;
}

static int
bench_parse (guint64 n_tensors,
             guint64 n_kvs)
{
  gsize header_size = 0;
  g_autoptr(GByteArray) bytes = synthetic_gguf (n_tensors, n_kvs, &header_size);
  double best = G_MAXDOUBLE;

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrWeightsHeader) header = NULL;
      gint64 start = g_get_monotonic_time ();

      header = mr_gguf_parse_bytes (bytes->data, bytes->len, "synthetic.gguf", &error);
      if (header == NULL)
        {
          g_printerr ("bench-verify: %s\n", error->message);
          return 1;
        }
      best = MIN (best, (g_get_monotonic_time () - start) / 1e3);
    }
  g_print ("parse MB/s %.0f ms %.1f header bytes %" G_GSIZE_FORMAT " tensors %" G_GUINT64_FORMAT
           " kvs %" G_GUINT64_FORMAT " (best of 5)\n",
           header_size / (best / 1e3) / 1e6, best, header_size, n_tensors, n_kvs);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "hash"))
    return bench_hash (argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "parse"))
    return bench_parse (100000, 10000);
  if (argc == 4 && g_str_equal (argv[1], "parse"))
    return bench_parse (g_ascii_strtoull (argv[2], NULL, 10), g_ascii_strtoull (argv[3], NULL, 10));
  g_printerr ("usage: bench-verify hash FILE | parse [TENSORS KVS]\n");
  return 2;
}
