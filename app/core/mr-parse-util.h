/* mr-parse-util.h — small helpers shared by the file parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The 1-based line of data that holds byte offset, for error messages. */
guint mr_parse_line_at_offset (const char *data,
                               gsize       offset);

G_END_DECLS
