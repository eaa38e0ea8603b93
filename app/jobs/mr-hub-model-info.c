/* mr-hub-model-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-hub-model-info"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-hub-model-info.h"
#include "mr-json-util.h"
#include "mr-network-error.h"

G_DEFINE_BOXED_TYPE (MrHubFile, mr_hub_file, mr_hub_file_copy, mr_hub_file_free)
G_DEFINE_BOXED_TYPE (MrHubModelInfo, mr_hub_model_info,
                     mr_hub_model_info_ref, mr_hub_model_info_unref)

MrHubFile *
mr_hub_file_copy (const MrHubFile *self)
{
  MrHubFile *copy = g_new0 (MrHubFile, 1);

  copy->path = g_strdup (self->path);
  copy->size = self->size;
  copy->lfs_sha256 = g_strdup (self->lfs_sha256);
  return copy;
}

void
mr_hub_file_free (MrHubFile *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->lfs_sha256);
  g_free (self);
}

MrHubModelInfo *
mr_hub_model_info_ref (MrHubModelInfo *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_hub_model_info_unref (MrHubModelInfo *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->author);
  g_free (self->sha);
  g_free (self->last_modified);
  g_strfreev (self->tags);
  g_strfreev (self->license_tags);
  g_clear_pointer (&self->card_data, mr_model_card_unref);
  g_ptr_array_unref (self->siblings);
  g_free (self->library_name);
  g_free (self->pipeline_tag);
  g_free (self->model_type);
  g_strfreev (self->architectures);
  g_free (self);
}

/* ---- strict member access ---------------------------------------------- */

static gboolean
malformed (GError    **error,
           const char *context,
           const char *member,
           const char *expected)
{
  g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
               _("%s: malformed answer: “%s” is not %s"), context, member, expected);
  return FALSE;
}

/* Absent or null members leave *out alone; a wrong type is an error. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            char       **out,
            const char  *context,
            GError     **error)
{
  return mr_json_read_string (object, member, out)
         || malformed (error, context, member, _("a string"));
}

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         gint64      *out,
         const char  *context,
         GError     **error)
{
  return mr_json_read_int (object, member, out)
         || malformed (error, context, member, _("an integer"));
}

static gboolean
get_bool (JsonObject  *object,
          const char  *member,
          gboolean    *out,
          const char  *context,
          GError     **error)
{
  return mr_json_read_bool (object, member, out)
         || malformed (error, context, member, _("true or false"));
}

static gboolean
get_object (JsonObject  *object,
            const char  *member,
            JsonObject **out,
            const char  *context,
            GError     **error)
{
  *out = NULL;
  return mr_json_read_object (object, member, out)
         || malformed (error, context, member, _("an object"));
}

static gboolean
get_strv (JsonObject  *object,
          const char  *member,
          GStrv       *out,
          const char  *context,
          GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (!mr_json_read_array (object, member, &array))
    return malformed (error, context, member, _("a list"));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!mr_json_node_is_string (item))
        return malformed (error, context, member, _("a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* ---- model info -------------------------------------------------------- */

static gboolean
parse_gating (JsonObject     *object,
              MrHubModelInfo *info,
              const char     *context,
              GError        **error)
{
  JsonNode *node = json_object_get_member (object, "gated");

  info->gating = MR_HUB_GATING_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      /* Only `false` is documented; `true` can only mean some gate. */
      info->gating = json_node_get_boolean (node) ? MR_HUB_GATING_MANUAL : MR_HUB_GATING_NONE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* An unknown mode still gates the files: count it as manual. */
      info->gating = g_str_equal (json_node_get_string (node), "auto")
                     ? MR_HUB_GATING_AUTO : MR_HUB_GATING_MANUAL;
      return TRUE;
    }
  return malformed (error, context, "gated", _("false, “auto” or “manual”"));
}

static gboolean
parse_siblings (JsonObject     *object,
                MrHubModelInfo *info,
                const char     *context,
                GError        **error)
{
  JsonNode *node = json_object_get_member (object, "siblings");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return malformed (error, context, "siblings", _("a list"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(MrHubFile) file = g_new0 (MrHubFile, 1);
      JsonObject *sibling, *lfs;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return malformed (error, context, "siblings", _("a list of objects"));
      sibling = json_node_get_object (item);
      file->size = -1;
      if (!get_string (sibling, "rfilename", &file->path, context, error)
          || !get_int (sibling, "size", &file->size, context, error)
          || !get_object (sibling, "lfs", &lfs, context, error)
          || (lfs != NULL && !get_string (lfs, "sha256", &file->lfs_sha256, context, error)))
        return FALSE;
      if (file->path == NULL)
        return malformed (error, context, "siblings[].rfilename", _("a string"));
      g_ptr_array_add (info->siblings, g_steal_pointer (&file));
    }
  return TRUE;
}

static gboolean
parse_config (JsonObject     *object,
              MrHubModelInfo *info,
              const char     *context,
              GError        **error)
{
  JsonObject *config, *counts;
  gint64 gguf_total = -1;

  if (!get_object (object, "config", &config, context, error))
    return FALSE;
  if (config != NULL
      && (!get_string (config, "model_type", &info->model_type, context, error)
          || !get_strv (config, "architectures", &info->architectures, context, error)))
    return FALSE;
  if (!get_object (object, "safetensors", &counts, context, error)
      || (counts != NULL && !get_int (counts, "total", &info->parameters, context, error)))
    return FALSE;
  if (!get_object (object, "gguf", &counts, context, error)
      || (counts != NULL && !get_int (counts, "total", &gguf_total, context, error)))
    return FALSE;
  if (info->parameters < 0)
    info->parameters = gguf_total;
  return TRUE;
}

static GStrv
license_tags (GStrv tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    if (g_str_has_prefix (tags[i], "license:"))
      g_strv_builder_add (builder, tags[i] + strlen ("license:"));
  return g_strv_builder_end (builder);
}

static gboolean
parse_info (JsonObject     *object,
            MrHubModelInfo *info,
            gboolean        require_sha,
            const char     *context,
            GError        **error)
{
  JsonObject *card_data;
  JsonNode *index;

  if (!get_string (object, "id", &info->id, context, error)
      || !get_string (object, "author", &info->author, context, error)
      || !get_string (object, "sha", &info->sha, context, error)
      || !get_string (object, "lastModified", &info->last_modified, context, error)
      || !get_string (object, "library_name", &info->library_name, context, error)
      || !get_string (object, "pipeline_tag", &info->pipeline_tag, context, error)
      || !get_bool (object, "private", &info->is_private, context, error)
      || !get_bool (object, "disabled", &info->disabled, context, error)
      || !get_int (object, "downloads", &info->downloads, context, error)
      || !get_int (object, "likes", &info->likes, context, error)
      || !get_strv (object, "tags", &info->tags, context, error)
      || !get_object (object, "cardData", &card_data, context, error)
      || !parse_gating (object, info, context, error)
      || !parse_siblings (object, info, context, error)
      || !parse_config (object, info, context, error))
    return FALSE;
  if (info->id == NULL)
    return malformed (error, context, "id", _("a string"));
  if (require_sha && info->sha == NULL)
    return malformed (error, context, "sha", _("a string"));
  if (info->author == NULL && strchr (info->id, '/') != NULL)
    info->author = g_strndup (info->id, strchr (info->id, '/') - info->id);
  info->license_tags = license_tags (info->tags);
  if (card_data != NULL)
    info->card_data = mr_model_card_new_from_json (card_data);
  index = json_object_get_member (object, "model-index");
  info->has_model_index = index != NULL && !JSON_NODE_HOLDS_NULL (index);
  return TRUE;
}

MrHubModelInfo *
mr_hub_model_info_new_from_json (JsonNode    *node,
                                 gboolean     require_sha,
                                 const char  *context,
                                 GError     **error)
{
  g_autoptr(MrHubModelInfo) info = g_new0 (MrHubModelInfo, 1);

  g_return_val_if_fail (node != NULL && context != NULL, NULL);

  g_atomic_ref_count_init (&info->ref_count);
  info->siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_hub_file_free);
  info->tags = g_new0 (char *, 1);
  info->architectures = g_new0 (char *, 1);
  info->downloads = info->likes = info->parameters = -1;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: not a JSON object"), context);
      return NULL;
    }
  if (!parse_info (json_node_get_object (node), info, require_sha, context, error))
    return NULL;
  return g_steal_pointer (&info);
}

/* ---- tree -------------------------------------------------------------- */

static gboolean
parse_tree_entry (GPtrArray   *files,
                  JsonNode    *item,
                  const char  *context,
                  GError     **error)
{
  g_autoptr(MrHubFile) file = g_new0 (MrHubFile, 1);
  g_autofree char *type = NULL;
  JsonObject *entry, *lfs;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return malformed (error, context, "[]", _("an object"));
  entry = json_node_get_object (item);
  file->size = -1;
  if (!get_string (entry, "type", &type, context, error)
      || !get_string (entry, "path", &file->path, context, error)
      || !get_int (entry, "size", &file->size, context, error)
      || !get_object (entry, "lfs", &lfs, context, error)
      /* The tree calls the LFS SHA-256 `oid` (siblings call it `sha256`). */
      || (lfs != NULL && !get_string (lfs, "oid", &file->lfs_sha256, context, error)))
    return FALSE;
  if (type == NULL || file->path == NULL)
    return malformed (error, context, type == NULL ? "type" : "path", _("a string"));
  if (g_str_equal (type, "file"))
    g_ptr_array_add (files, g_steal_pointer (&file));
  return TRUE;
}

gboolean
mr_hub_file_list_append_page (GPtrArray   *files,
                              JsonNode    *node,
                              const char  *context,
                              GError     **error)
{
  JsonArray *array;

  g_return_val_if_fail (files != NULL && node != NULL, FALSE);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: not a JSON list"), context);
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_tree_entry (files, json_array_get_element (array, i), context, error))
      return FALSE;
  return TRUE;
}

JsonNode *
mr_hub_parse_json (GBytes      *body,
                   const char  *context,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (length == 0 || !json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: %s"), context,
                   local_error != NULL ? local_error->message : _("empty body"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}
