/* mr-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-error.h"
#include "mr-json-util.h"
#include "mr-snapshot.h"

/* Paths named one by one in the text of a files change; the rest are
 * counted, so that a re-uploaded checkpoint of 200 shards stays readable. */
#define MAX_NAMED_FILES 5

G_DEFINE_BOXED_TYPE (MrSnapshot, mr_snapshot, mr_snapshot_ref, mr_snapshot_unref)

static void
snapshot_file_free (MrSnapshotFile *file)
{
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

MrSnapshot *
mr_snapshot_new (MrEvidenceSource source)
{
  MrSnapshot *self = g_new0 (MrSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->source = source;
  self->datasets = g_new0 (char *, 1);
  self->weights_bytes = -1;
  self->parameters = -1;
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_file_free);
  return self;
}

MrSnapshot *
mr_snapshot_ref (MrSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_snapshot_unref (MrSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->commit);
  g_free (self->license);
  g_free (self->gating);
  g_free (self->card_license);
  g_strfreev (self->datasets);
  g_free (self->weights);
  g_ptr_array_unref (self->files);
  g_free (self->fields_json);
  g_free (self->fields_sha256);
  g_free (self);
}

void
mr_snapshot_add_file (MrSnapshot *self,
                      const char *path,
                      gint64      size,
                      const char *sha256)
{
  MrSnapshotFile *file;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  file = g_new0 (MrSnapshotFile, 1);
  file->path = g_strdup (path);
  file->size = size;
  file->sha256 = g_strdup (sha256);
  g_ptr_array_add (self->files, file);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const MrSnapshotFile *fa = *(const MrSnapshotFile * const *) a;
  const MrSnapshotFile *fb = *(const MrSnapshotFile * const *) b;

  return strcmp (fa->path, fb->path);
}

void
mr_snapshot_seal (MrSnapshot *self)
{
  g_return_if_fail (self != NULL);

  /* Sorted, the fields JSON (and so its hash) does not depend on the order
   * the source listed the files in, and the diff is a merge. */
  g_ptr_array_sort (self->files, compare_files);
  g_free (self->fields_json);
  self->fields_json = mr_snapshot_fields_to_json (self);
  g_free (self->fields_sha256);
  self->fields_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->fields_json, -1);
}

const char *
mr_snapshot_get_fields_json (const MrSnapshot *self)
{
  g_return_val_if_fail (self != NULL && self->fields_json != NULL, NULL);

  return self->fields_json;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count_member (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_fields (JsonBuilder      *builder,
            const MrSnapshot *self)
{
  add_string_member (builder, "license", self->license);
  add_string_member (builder, "gating", self->gating);
  add_string_member (builder, "card_license", self->card_license);
  json_builder_set_member_name (builder, "datasets");
  json_builder_begin_array (builder);
  for (guint i = 0; self->datasets[i] != NULL; i++)
    json_builder_add_string_value (builder, self->datasets[i]);
  json_builder_end_array (builder);
  add_string_member (builder, "weights", self->weights);
  add_count_member (builder, "weights_bytes", self->weights_bytes);
  add_count_member (builder, "parameters", self->parameters);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    {
      const MrSnapshotFile *file = g_ptr_array_index (self->files, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "path", file->path);
      add_count_member (builder, "size", file->size);
      add_string_member (builder, "sha256", file->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
mr_snapshot_fields_to_json (const MrSnapshot *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_fields (builder, self);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

JsonNode *
mr_snapshot_to_json_node (const MrSnapshot *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) fetched = NULL;
  g_autofree char *fetched_text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  fetched = g_date_time_new_from_unix_utc (self->fetched_at);
  fetched_text = fetched != NULL ? g_date_time_format_iso8601 (fetched) : NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_int_value (builder, self->model_id);
  add_string_member (builder, "fetched_at", fetched_text);
  add_string_member (builder, "source",
                     self->source == MR_EVIDENCE_SOURCE_OLLAMA ? "ollama" : "hub");
  add_string_member (builder, "commit", self->commit);
  add_fields (builder, self);
  add_string_member (builder, "fields_sha256", self->fields_sha256);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Reads an optional string member: absent and null are NULL. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *origin,
             char       **out_value,
             GError     **error)
{
  if (mr_json_read_string (object, member, out_value))
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
               _("%s: member “%s”: expected a string"), origin, member);
  return FALSE;
}

/* Reads an optional count: absent and null are -1. */
static gboolean
read_count (JsonObject  *object,
            const char  *member,
            const char  *origin,
            gint64      *out_value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s: member “%s”: expected a count"), origin, member);
      return FALSE;
    }
  *out_value = json_node_get_int (node);
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            const char  *origin,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s: member “%s”: expected an array"), origin, member);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
read_datasets (MrSnapshot  *self,
               JsonObject  *object,
               const char  *origin,
               GError     **error)
{
  JsonArray *array = read_array (object, "datasets", origin, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!mr_json_node_is_string (node))
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("%s: member “datasets”: item %u: expected a string"), origin, i + 1);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  g_strfreev (self->datasets);
  self->datasets = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_files (MrSnapshot  *self,
            JsonObject  *object,
            const char  *origin,
            GError     **error)
{
  JsonArray *array = read_array (object, "files", origin, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *context = g_strdup_printf (_("%s: file %u"), origin, i + 1);
      g_autofree char *path = NULL;
      g_autofree char *sha256 = NULL;
      gint64 size;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("%s: expected an object"), context);
          return FALSE;
        }
      object = json_node_get_object (node);
      if (!read_string (object, "path", context, &path, error) ||
          !read_count (object, "size", context, &size, error) ||
          !read_string (object, "sha256", context, &sha256, error))
        return FALSE;
      if (path == NULL)
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_MISSING_FIELD,
                       _("%s: member “path” is missing"), context);
          return FALSE;
        }
      mr_snapshot_add_file (self, path, size, sha256);
    }
  return TRUE;
}

gboolean
mr_snapshot_set_fields_from_json (MrSnapshot  *self,
                                  const char  *json,
                                  const char  *origin,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (self->files->len == 0, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   "%s: %s", origin, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("%s: expected a JSON object"), origin);
      return FALSE;
    }
  object = json_node_get_object (root);
  return read_string (object, "license", origin, &self->license, error) &&
         read_string (object, "gating", origin, &self->gating, error) &&
         read_string (object, "card_license", origin, &self->card_license, error) &&
         read_datasets (self, object, origin, error) &&
         read_string (object, "weights", origin, &self->weights, error) &&
         read_count (object, "weights_bytes", origin, &self->weights_bytes, error) &&
         read_count (object, "parameters", origin, &self->parameters, error) &&
         read_files (self, object, origin, error);
}

gboolean
mr_snapshot_same_content (const MrSnapshot *a,
                          const MrSnapshot *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  g_return_val_if_fail (a->fields_sha256 != NULL && b->fields_sha256 != NULL, FALSE);

  return a->source == b->source &&
         g_strcmp0 (a->commit, b->commit) == 0 &&
         g_str_equal (a->fields_sha256, b->fields_sha256);
}

void
mr_snapshot_change_free (MrSnapshotChange *change)
{
  if (change == NULL)
    return;
  g_free (change->before);
  g_free (change->after);
  g_free (change->text);
  g_free (change);
}

static MrSnapshotChange *
add_change (GPtrArray            *changes,
            MrSnapshotChangeKind  kind,
            const char           *before,
            const char           *after)
{
  MrSnapshotChange *change = g_new0 (MrSnapshotChange, 1);

  change->kind = kind;
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  g_ptr_array_add (changes, change);
  return change;
}

/* A value in a sentence: “apache-2.0”, or “none”. */
static char *
quoted (const char *value)
{
  return value != NULL ? g_strdup_printf ("“%s”", value) : g_strdup (_("none"));
}

gboolean
mr_snapshot_gating_is_gated (const char *gating)
{
  return gating != NULL && !g_str_equal (gating, "none");
}

static void
diff_commit (GPtrArray        *changes,
             const MrSnapshot *before,
             const MrSnapshot *after)
{
  MrSnapshotChange *change;

  if (g_strcmp0 (before->commit, after->commit) == 0)
    return;
  change = add_change (changes, MR_SNAPSHOT_CHANGE_NEW_COMMIT, before->commit, after->commit);
  change->text = g_strdup_printf (_("The source has a new revision: %s (was %s)"),
                                  after->commit != NULL ? after->commit : _("none"),
                                  before->commit != NULL ? before->commit : _("none"));
}

static void
diff_license (GPtrArray        *changes,
              const MrSnapshot *before,
              const MrSnapshot *after)
{
  g_autofree char *was = NULL;
  g_autofree char *now = NULL;
  MrSnapshotChange *change;

  if (g_strcmp0 (before->license, after->license) != 0)
    {
      was = quoted (before->license);
      now = quoted (after->license);
      change = add_change (changes, MR_SNAPSHOT_CHANGE_LICENSE, before->license, after->license);
      change->text = g_strdup_printf (_("The licence changed from %s to %s"), was, now);
      g_clear_pointer (&was, g_free);
      g_clear_pointer (&now, g_free);
    }
  if (g_strcmp0 (before->card_license, after->card_license) != 0)
    {
      was = quoted (before->card_license);
      now = quoted (after->card_license);
      change = add_change (changes, MR_SNAPSHOT_CHANGE_CARD_LICENSE,
                           before->card_license, after->card_license);
      change->text = g_strdup_printf (_("The model card’s licence changed from %s to %s"),
                                      was, now);
    }
}

static void
diff_gating (GPtrArray        *changes,
             const MrSnapshot *before,
             const MrSnapshot *after)
{
  gboolean was_gated = mr_snapshot_gating_is_gated (before->gating);
  gboolean now_gated = mr_snapshot_gating_is_gated (after->gating);
  MrSnapshotChange *change;

  if (!was_gated && now_gated)
    {
      change = add_change (changes, MR_SNAPSHOT_CHANGE_GATING_ADDED,
                           before->gating, after->gating);
      change->text = g_strdup_printf (_("Access is now gated (%s approval of requests)"),
                                      after->gating);
    }
  else if (was_gated && !now_gated)
    {
      change = add_change (changes, MR_SNAPSHOT_CHANGE_GATING_REMOVED,
                           before->gating, after->gating);
      change->text = g_strdup (_("Access is no longer gated"));
    }
  else if (was_gated && !g_str_equal (before->gating, after->gating))
    {
      change = add_change (changes, MR_SNAPSHOT_CHANGE_GATING_CHANGED,
                           before->gating, after->gating);
      change->text = g_strdup_printf (_("Access requests are now approved %s (were %s)"),
                                      after->gating, before->gating);
    }
}

static void
diff_weights (GPtrArray        *changes,
              const MrSnapshot *before,
              const MrSnapshot *after)
{
  MrSnapshotChange *change;

  if (before->weights != NULL && after->weights == NULL)
    {
      change = add_change (changes, MR_SNAPSHOT_CHANGE_WEIGHTS_REMOVED,
                           before->weights, NULL);
      change->text = g_strdup_printf (_("The weights were removed (were: %s)"),
                                      before->weights);
    }
  else if (before->weights == NULL && after->weights != NULL)
    {
      change = add_change (changes, MR_SNAPSHOT_CHANGE_WEIGHTS_ADDED, NULL, after->weights);
      change->text = g_strdup_printf (_("Weights are now published: %s"), after->weights);
    }
}

static void
diff_datasets (GPtrArray        *changes,
               const MrSnapshot *before,
               const MrSnapshot *after)
{
  g_autofree char *was = NULL;
  g_autofree char *now = NULL;
  MrSnapshotChange *change;

  if (g_strv_equal ((const char * const *) before->datasets,
                    (const char * const *) after->datasets))
    return;
  was = g_strjoinv (", ", before->datasets);
  now = g_strjoinv (", ", after->datasets);
  change = add_change (changes, MR_SNAPSHOT_CHANGE_DATASETS, was, now);
  change->text = g_strdup_printf (_("The datasets named changed from %s to %s"),
                                  *was != '\0' ? was : _("none"),
                                  *now != '\0' ? now : _("none"));
}

static void
name_path (GString    *list,
           guint      *n_named,
           const char *path)
{
  if (*n_named == MAX_NAMED_FILES)
    return;
  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append (list, path);
  (*n_named)++;
}

/* "a, b, c and 12 more" */
static const char *
describe_paths (GString *named,
                guint    n_named,
                guint    n_total)
{
  if (n_total > n_named)
    g_string_append_printf (named, ngettext (" and %u more", " and %u more", n_total - n_named),
                            n_total - n_named);
  return named->str;
}

static void
diff_files (GPtrArray        *changes,
            const MrSnapshot *before,
            const MrSnapshot *after)
{
  g_autoptr(GString) added = g_string_new (NULL);
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autoptr(GString) modified = g_string_new (NULL);
  guint n_added = 0, n_removed = 0, n_modified = 0;
  guint named_added = 0, named_removed = 0, named_modified = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  MrSnapshotChange *change;
  guint i = 0, j = 0;

  /* Both lists are sorted by path (mr_snapshot_seal()). */
  while (i < before->files->len || j < after->files->len)
    {
      const MrSnapshotFile *a = i < before->files->len ? g_ptr_array_index (before->files, i) : NULL;
      const MrSnapshotFile *b = j < after->files->len ? g_ptr_array_index (after->files, j) : NULL;
      int order = a == NULL ? 1 : b == NULL ? -1 : strcmp (a->path, b->path);

      if (order < 0)
        {
          name_path (removed, &named_removed, a->path);
          n_removed++, i++;
        }
      else if (order > 0)
        {
          name_path (added, &named_added, b->path);
          n_added++, j++;
        }
      else
        {
          if (a->size != b->size || g_strcmp0 (a->sha256, b->sha256) != 0)
            {
              name_path (modified, &named_modified, a->path);
              n_modified++;
            }
          i++, j++;
        }
    }
  if (n_added + n_removed + n_modified == 0)
    return;

  if (n_added > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("added %s"),
                                             describe_paths (added, named_added, n_added)));
  if (n_removed > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("removed %s"),
                                             describe_paths (removed, named_removed, n_removed)));
  if (n_modified > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("changed %s"),
                                             describe_paths (modified, named_modified,
                                                             n_modified)));
  g_ptr_array_add (parts, NULL);
  change = add_change (changes, MR_SNAPSHOT_CHANGE_FILES, NULL, NULL);
  change->after = g_strjoinv ("; ", (char **) parts->pdata);
  change->text = g_strdup_printf (_("Files changed: %s"), change->after);
}

GPtrArray *
mr_snapshot_diff (const MrSnapshot *before,
                  const MrSnapshot *after)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_snapshot_change_free);

  g_return_val_if_fail (after != NULL, changes);

  if (before == NULL)
    return changes;
  diff_license (changes, before, after);
  diff_gating (changes, before, after);
  diff_weights (changes, before, after);
  diff_commit (changes, before, after);
  diff_datasets (changes, before, after);
  diff_files (changes, before, after);
  return changes;
}

gboolean
mr_snapshot_change_needs_rereview (const MrSnapshotChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);

  switch (change->kind)
    {
    case MR_SNAPSHOT_CHANGE_NEW_COMMIT:
    case MR_SNAPSHOT_CHANGE_LICENSE:
    case MR_SNAPSHOT_CHANGE_GATING_ADDED:
    case MR_SNAPSHOT_CHANGE_GATING_REMOVED:
    case MR_SNAPSHOT_CHANGE_WEIGHTS_REMOVED:
      return TRUE;
    case MR_SNAPSHOT_CHANGE_GATING_CHANGED:
    case MR_SNAPSHOT_CHANGE_WEIGHTS_ADDED:
    case MR_SNAPSHOT_CHANGE_CARD_LICENSE:
    case MR_SNAPSHOT_CHANGE_DATASETS:
    case MR_SNAPSHOT_CHANGE_FILES:
    default:
      return FALSE;
    }
}

gboolean
mr_snapshot_changes_need_rereview (GPtrArray *changes)
{
  g_return_val_if_fail (changes != NULL, FALSE);

  for (guint i = 0; i < changes->len; i++)
    if (mr_snapshot_change_needs_rereview (g_ptr_array_index (changes, i)))
      return TRUE;
  return FALSE;
}

const char *
mr_snapshot_change_kind_to_string (MrSnapshotChangeKind kind)
{
  static const char * const names[] = {
    [MR_SNAPSHOT_CHANGE_NEW_COMMIT] = "new-commit",
    [MR_SNAPSHOT_CHANGE_LICENSE] = "license",
    [MR_SNAPSHOT_CHANGE_GATING_ADDED] = "gating-added",
    [MR_SNAPSHOT_CHANGE_GATING_REMOVED] = "gating-removed",
    [MR_SNAPSHOT_CHANGE_GATING_CHANGED] = "gating-changed",
    [MR_SNAPSHOT_CHANGE_WEIGHTS_REMOVED] = "weights-removed",
    [MR_SNAPSHOT_CHANGE_WEIGHTS_ADDED] = "weights-added",
    [MR_SNAPSHOT_CHANGE_CARD_LICENSE] = "card-license",
    [MR_SNAPSHOT_CHANGE_DATASETS] = "datasets",
    [MR_SNAPSHOT_CHANGE_FILES] = "files",
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

JsonNode *
mr_snapshot_changes_to_json_node (GPtrArray *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (changes != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      const MrSnapshotChange *change = g_ptr_array_index (changes, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "change", mr_snapshot_change_kind_to_string (change->kind));
      add_string_member (builder, "before", change->before);
      add_string_member (builder, "after", change->after);
      add_string_member (builder, "text", change->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
