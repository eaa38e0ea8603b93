/* fuzz-gguf.c — libFuzzer harness for the GGUF header parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-gguf.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrWeightsHeader) header = mr_gguf_parse_bytes (data, size, "fuzz.gguf", &error);

  /* Exactly one of the two, always. */
  g_assert ((header == NULL) != (error == NULL));
  return 0;
}
