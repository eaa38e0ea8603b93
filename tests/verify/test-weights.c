/* test-weights.c — the GGUF and safetensors header parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mr-error.h"
#include "mr-gguf.h"
#include "mr-safetensors.h"
#include "mr-test-weights.h"

static const MrTensorInfo *
tensor_at (const MrWeightsHeader *header,
           guint                  index)
{
  g_assert_cmpuint (index, <, header->tensors->len);
  return &g_array_index (header->tensors, MrTensorInfo, index);
}

static void
check_gguf (gconstpointer data)
{
  guint variant = GPOINTER_TO_UINT (data);
  guint32 version = variant & 1 ? 3 : 2;
  gboolean q8_0 = variant >= 2;
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (version, q8_0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrWeightsHeader) header = NULL;
  JsonObject *tokens;

  header = mr_gguf_parse_bytes (bytes->data, bytes->len, "t.gguf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->version, ==, version);
  g_assert_cmpstr (header->architecture, ==, "llama");
  g_assert_cmpstr (header->name, ==, "tiny test model");
  g_assert_cmpstr (header->license, ==, "apache-2.0");
  g_assert_cmpint (header->context_length, ==, 256);
  g_assert_cmpint (header->block_count, ==, 2);
  g_assert_cmpuint (header->n_parameters, ==, MR_TEST_GGUF_PARAMETERS);
  g_assert_cmpuint (header->tensors->len, ==, 3);
  g_assert_cmpuint (header->data_offset % 32, ==, 0);

  g_assert_cmpstr (tensor_at (header, 0)->name, ==, "tok.weight");
  g_assert_cmpuint (tensor_at (header, 0)->n_dims, ==, 2);
  g_assert_cmpuint (tensor_at (header, 0)->shape[0], ==, 64);
  g_assert_cmpuint (tensor_at (header, 0)->shape[1], ==, 4);
  g_assert_cmpuint (tensor_at (header, 0)->offset, ==, header->data_offset);
  g_assert_cmpstr (tensor_at (header, 1)->dtype, ==, q8_0 ? "Q8_0" : "F32");
  g_assert_cmpuint (tensor_at (header, 1)->size, ==, q8_0 ? 136 : 512);
  g_assert_cmpuint (tensor_at (header, 2)->n_elements, ==, 64);

  /* Every value type, and arrays summarised. */
  g_assert_cmpint (json_object_get_int_member (header->metadata, "test.int8"), ==, -2);
  g_assert_cmpint (json_object_get_int_member (header->metadata, "test.uint16"), ==, 65535);
  g_assert_cmpint (json_object_get_int_member (header->metadata, "test.int64"), ==, -5);
  g_assert_true (json_object_get_boolean_member (header->metadata,
                                                 "tokenizer.ggml.add_bos_token"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
    header->metadata, "llama.attention.layer_norm_rms_epsilon"), 1e-5, 1e-12);
  tokens = json_object_get_object_member (header->metadata, "tokenizer.ggml.tokens");
  g_assert_cmpstr (json_object_get_string_member (tokens, "type"), ==, "string");
  g_assert_cmpint (json_object_get_int_member (tokens, "length"), ==, 3);
}

/* Every prefix of a valid file is truncated somewhere: each must fail
 * cleanly, naming the file and a byte. */
static void
check_truncations (MrWeightsParseFunc  parse,
                   GByteArray         *bytes)
{
  for (gsize length = 0; length < bytes->len; length++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrWeightsHeader) header = NULL;
      /* A copy of exactly length bytes, so that ASan sees any overread. */
      g_autofree guint8 *copy = g_memdup2 (bytes->data, length);

      header = parse (copy, length, "cut.bin", &error);
      g_assert_null (header);
      g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, "cut.bin: byte "));
    }
}

static void
test_gguf_truncated (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, TRUE);

  check_truncations (mr_gguf_parse_bytes, bytes);
}

static void
test_safetensors_truncated (void)
{
  g_autoptr(GByteArray) bytes = mr_test_safetensors_new ();

  check_truncations (mr_safetensors_parse_bytes, bytes);
}

typedef struct {
  const char *what;
  const char *anchor;   /* poke relative to this string's first byte; NULL: from 0 */
  gssize      delta;
  guint       width;    /* 4 or 8 */
  guint64     value;
  const char *message;  /* expected in the error */
} Poke;

static const Poke hostile_gguf[] = {
  { "bad magic", NULL, 0, 4, 0x46554758, "byte 0: header: magic" },
  { "version 1", NULL, 4, 4, 1, "byte 4: header: version: GGUF version 1" },
  { "version 99", NULL, 4, 4, 99, "byte 4: header: version: 99" },
  { "big-endian", NULL, 4, 4, 0x03000000, "big-endian" },
  { "huge tensor count", NULL, 8, 8, G_GUINT64_CONSTANT (1) << 60, "byte 8: header: tensor count" },
  { "tensor count × size > file", NULL, 8, 8, 100000, "byte 8: header: tensor count" },
  { "huge metadata count", NULL, 16, 8, G_GUINT64_CONSTANT (1) << 60,
    "byte 16: header: metadata count" },
  { "huge key length", NULL, 24, 8, G_GUINT64_CONSTANT (1) << 62,
    "byte 24: metadata entry 0: key: the string length" },
  { "unknown value type", "general.name", 12, 4, 13, "value type: 13 is not" },
  { "array of 2^60 strings", "tokenizer.ggml.tokens", 29, 8, G_GUINT64_CONSTANT (1) << 60,
    "array length" },
  { "array of 2^60 floats", "tokenizer.ggml.scores", 29, 8, G_GUINT64_CONSTANT (1) << 60,
    "array length" },
  { "array of arrays", "tokenizer.ggml.scores", 25, 4, 9, "arrays of arrays" },
  { "huge array string", "tokenizer.ggml.tokens", 37, 8, G_MAXUINT64, "array element" },
  { "alignment 3", "general.alignment", 21, 4, 3, "not a power of two" },
  { "alignment 0", "general.alignment", 21, 4, 0, "not a power of two" },
  { "5 dimensions", "tok.weight", 10, 4, 5, "tensor 0 “tok.weight”: dimension count" },
  { "unknown ggml type", "tok.weight", 30, 4, 200, "200 is not a ggml tensor type" },
  { "removed ggml type", "tok.weight", 30, 4, 4, "4 is not a ggml tensor type" },
  { "huge dimension", "tok.weight", 14, 8, G_GUINT64_CONSTANT (1) << 63, "is too large" },
  { "element count overflow", "tok.weight", 14, 8, G_GUINT64_CONSTANT (1) << 62,
    "overflows" },
  { "unaligned offset", "norm.weight", 27, 8, 1, "not a multiple of the alignment" },
  { "offset out of the file", "norm.weight", 27, 8, G_GUINT64_CONSTANT (1) << 40,
    "lie outside the data section" },
  { "offset overflow", "norm.weight", 27, 8, G_MAXUINT64 - 31, "overflow" },
  { "overlapping tensors", "norm.weight", 27, 8, 0, "overlaps" },
  { "Q8_0 row not whole blocks", "q.weight", 12, 8, 48, "block size 32" },
};

static void
test_gguf_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_gguf); i++)
    {
      const Poke *poke = &hostile_gguf[i];
      g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, TRUE);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrWeightsHeader) header = NULL;
      gssize at = poke->delta;

      g_test_message ("%s", poke->what);
      if (poke->anchor != NULL)
        {
          gssize anchor = mr_test_find (bytes, poke->anchor);

          g_assert_cmpint (anchor, >=, 0);
          at += anchor;
        }
      if (poke->width == 4)
        mr_test_poke_u32 (bytes, at, (guint32) poke->value);
      else
        mr_test_poke_u64 (bytes, at, poke->value);

      header = mr_gguf_parse_bytes (bytes->data, bytes->len, "h.gguf", &error);
      g_assert_null (header);
      g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, "h.gguf: byte "));
      if (strstr (error->message, poke->message) == NULL)
        g_error ("%s: “%s” lacks “%s”", poke->what, error->message, poke->message);
    }
}

static void
test_gguf_duplicate_key (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, FALSE);
  g_autoptr(GError) error = NULL;
  gssize key = mr_test_find (bytes, "llama.block_count");

  /* Same length, so the layout stays valid. */
  memcpy (bytes->data + key, "general.alignment", 17);
  g_assert_null (mr_gguf_parse_bytes (bytes->data, bytes->len, "d.gguf", &error));
  g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "the key appears twice"));
}

static void
test_safetensors (void)
{
  g_autoptr(GByteArray) bytes = mr_test_safetensors_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MrWeightsHeader) header = NULL;
  const MrTensorInfo *b;

  header = mr_safetensors_parse_bytes (bytes->data, bytes->len, "m.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->n_parameters, ==, MR_TEST_SAFETENSORS_PARAMETERS);
  g_assert_cmpuint (header->tensors->len, ==, 2);
  g_assert_cmpstr (header->license, ==, "mit");
  g_assert_cmpstr (json_object_get_string_member (header->metadata, "format"), ==, "pt");
  /* JSON members come in no particular order. */
  b = tensor_at (header, g_str_equal (tensor_at (header, 0)->name, "b") ? 0 : 1);
  g_assert_cmpstr (b->name, ==, "b");
  g_assert_cmpstr (b->dtype, ==, "BF16");
  g_assert_cmpuint (b->n_dims, ==, 1);
  g_assert_cmpuint (b->shape[0], ==, 4);
  g_assert_cmpuint (b->offset, ==, header->data_offset + 24);
  g_assert_cmpuint (header->data_offset + 32, ==, bytes->len);
}

typedef struct {
  const char *what;
  const char *json;
  gsize       data_length;
  const char *message;
} HostileSafetensors;

static const HostileSafetensors hostile_safetensors[] = {
  { "not JSON", "{\"a\":", 0, "malformed" },
  { "not an object", "[1,2]", 0, "not an object" },
  { "deep nesting", "{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", 0, "nests more than" },
  { "unknown dtype", "{\"a\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1,
    "“a”: “dtype”" },
  { "negative dim", "{\"a\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}", 1,
    "dimension 0" },
  { "shape vs offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4,
    "needs 8 bytes" },
  { "offsets reversed", "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4,
    "before it begins" },
  { "out of the file", "{\"a\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}", 4,
    "outside the data section" },
  { "overlap", "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
               "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}", 6, "overlaps" },
  { "gap", "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}", 6, "gap" },
  { "trailing bytes", "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 9,
    "goes on to byte" },
  { "overflow", "{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],"
                "\"data_offsets\":[0,8]}}", 8, "overflows" },
  { "too many dims", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1,1,1,1,1,1,1,1,1],"
                     "\"data_offsets\":[0,1]}}", 1, "dimensions" },
  { "metadata not strings", "{\"__metadata__\":{\"x\":1}}", 0, "not a string" },
};

static void
test_safetensors_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_safetensors); i++)
    {
      const HostileSafetensors *hostile = &hostile_safetensors[i];
      g_autoptr(GByteArray) bytes = mr_test_safetensors_new_raw (hostile->json,
                                                                 hostile->data_length);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrWeightsHeader) header = NULL;

      g_test_message ("%s", hostile->what);
      header = mr_safetensors_parse_bytes (bytes->data, bytes->len, "h.st", &error);
      g_assert_null (header);
      g_assert_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, "h.st: byte "));
      if (strstr (error->message, hostile->message) == NULL)
        g_error ("%s: “%s” lacks “%s”", hostile->what, error->message, hostile->message);
    }
}

static void
test_safetensors_header_length (void)
{
  g_autoptr(GByteArray) bytes = mr_test_safetensors_new ();
  g_autoptr(GError) error = NULL;

  mr_test_poke_u64 (bytes, 0, G_MAXUINT64);
  g_assert_null (mr_safetensors_parse_bytes (bytes->data, bytes->len, "l.st", &error));
  g_assert_nonnull (strstr (error->message, "byte 0: header length"));
  g_clear_error (&error);

  mr_test_poke_u64 (bytes, 0, bytes->len);
  g_assert_null (mr_safetensors_parse_bytes (bytes->data, bytes->len, "l.st", &error));
  g_assert_nonnull (strstr (error->message, "runs past the end"));
}

static void
test_parse_file (void)
{
  g_autoptr(GByteArray) bytes = mr_test_gguf_new (3, FALSE);
  g_autofree char *path = mr_test_write_file (g_get_user_cache_dir (), "f.gguf", bytes);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "none.gguf", NULL);
  g_autoptr(MrWeightsHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  header = mr_gguf_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->file_size, ==, bytes->len);
  g_assert_null (mr_gguf_parse_file (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/weights/gguf/v2-f32", GUINT_TO_POINTER (0), check_gguf);
  g_test_add_data_func ("/weights/gguf/v3-f32", GUINT_TO_POINTER (1), check_gguf);
  g_test_add_data_func ("/weights/gguf/v2-q8_0", GUINT_TO_POINTER (2), check_gguf);
  g_test_add_data_func ("/weights/gguf/v3-q8_0", GUINT_TO_POINTER (3), check_gguf);
  g_test_add_func ("/weights/gguf/truncated", test_gguf_truncated);
  g_test_add_func ("/weights/gguf/hostile", test_gguf_hostile);
  g_test_add_func ("/weights/gguf/duplicate-key", test_gguf_duplicate_key);
  g_test_add_func ("/weights/gguf/file", test_parse_file);
  g_test_add_func ("/weights/safetensors/valid", test_safetensors);
  g_test_add_func ("/weights/safetensors/truncated", test_safetensors_truncated);
  g_test_add_func ("/weights/safetensors/hostile", test_safetensors_hostile);
  g_test_add_func ("/weights/safetensors/header-length", test_safetensors_header_length);

  return g_test_run ();
}
