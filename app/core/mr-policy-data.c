/* mr-policy-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-policy-data"

#include "config.h"

#include "mr-error.h"
#include "mr-policy-data.h"
#include "mr-policy-resources.h"

#define POLICY_RESOURCE_PATH RESOURCE_PREFIX "/policy/"

GBytes *
mr_policy_data_get_bytes (const char *name)
{
  g_autofree char *path = g_strconcat (POLICY_RESOURCE_PATH, name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  /* Looked up in our own resource rather than the global registry: a
   * static library's constructor is not guaranteed to run. */
  bytes = g_resource_lookup_data (mr_policy_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("Built-in policy data %s is missing: %s", path, error->message);
  return bytes;
}

JsonNode *
mr_policy_data_get_json (const char  *name,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = mr_policy_data_get_bytes (name);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   "%s: the top level is not an object", name);
      return NULL;
    }
  return json_node_ref (root);
}
