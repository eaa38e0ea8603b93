/* mr-json-util.h — strict readers for JSON object members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each reader leaves *out as it was when the member is absent or null,
 * so callers preset their defaults.  It returns FALSE, again leaving
 * *out alone, only when the member holds another type; the caller then
 * words the error, since only it knows the file and the domain. */

gboolean mr_json_read_string (JsonObject  *object,
                              const char  *member,
                              char       **out);
gboolean mr_json_read_int    (JsonObject  *object,
                              const char  *member,
                              gint64      *out);
gboolean mr_json_read_bool   (JsonObject  *object,
                              const char  *member,
                              gboolean    *out);
/* *out borrows from object. */
gboolean mr_json_read_object (JsonObject  *object,
                              const char  *member,
                              JsonObject **out);
gboolean mr_json_read_array  (JsonObject  *object,
                              const char  *member,
                              JsonArray  **out);

/* Whether node is a string value (not null, number or container). */
gboolean mr_json_node_is_string (JsonNode *node);

G_END_DECLS
