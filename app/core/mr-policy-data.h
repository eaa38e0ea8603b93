/* mr-policy-data.h — the policy module's built-in data files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The licence lists, the intended-use catalogue and the default governance
 * framework are compiled into the core library (data/mr-policy.gresource.xml)
 * so that every program linking it has them without installation.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* name is relative to data/, e.g. "licenses/spdx.json". */
GBytes   *mr_policy_data_get_bytes (const char  *name);
/* The root object of a built-in JSON file. */
JsonNode *mr_policy_data_get_json  (const char  *name,
                                    GError     **error);

G_END_DECLS
