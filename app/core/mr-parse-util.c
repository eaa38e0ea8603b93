/* mr-parse-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-parse-util"

#include "config.h"

#include <string.h>

#include "mr-parse-util.h"

guint
mr_parse_line_at_offset (const char *data,
                         gsize       offset)
{
  guint line = 1;
  const char *end = data + offset;

  for (const char *p = data; (p = memchr (p, '\n', end - p)) != NULL; p++)
    line++;
  return line;
}
