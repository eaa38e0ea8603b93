/* mr-json-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-json-util"

#include "config.h"

#include "mr-json-util.h"

/* The member, or NULL when it is absent or null. */
static JsonNode *
present_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
holds_value (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
mr_json_node_is_string (JsonNode *node)
{
  return holds_value (node, G_TYPE_STRING);
}

gboolean
mr_json_read_string (JsonObject  *object,
                     const char  *member,
                     char       **out)
{
  JsonNode *node = present_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!holds_value (node, G_TYPE_STRING))
    return FALSE;
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
mr_json_read_int (JsonObject *object,
                  const char *member,
                  gint64     *out)
{
  JsonNode *node = present_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!holds_value (node, G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
mr_json_read_bool (JsonObject *object,
                   const char *member,
                   gboolean   *out)
{
  JsonNode *node = present_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!holds_value (node, G_TYPE_BOOLEAN))
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
mr_json_read_object (JsonObject  *object,
                     const char  *member,
                     JsonObject **out)
{
  JsonNode *node = present_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
mr_json_read_array (JsonObject *object,
                    const char *member,
                    JsonArray **out)
{
  JsonNode *node = present_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  *out = json_node_get_array (node);
  return TRUE;
}
