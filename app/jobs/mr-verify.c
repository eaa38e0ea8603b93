/* mr-verify.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-verify"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-gguf.h"
#include "mr-safetensors.h"
#include "mr-time-util.h"
#include "mr-verify.h"

#define INDEX_NAME "model.safetensors.index.json"
#define CONFIG_NAME "config.json"
/* config.json and the index are small; anything larger is not one. */
#define MAX_SIDECAR_SIZE (16 * 1024 * 1024)

G_DEFINE_BOXED_TYPE (MrVerifyExpectation, mr_verify_expectation,
                     mr_verify_expectation_copy, mr_verify_expectation_free)
G_DEFINE_BOXED_TYPE (MrVerifyResult, mr_verify_result,
                     mr_verify_result_ref, mr_verify_result_unref)

/* Expectation */

MrVerifyExpectation *
mr_verify_expectation_new (void)
{
  MrVerifyExpectation *self = g_new0 (MrVerifyExpectation, 1);

  self->parameters = -1;
  return self;
}

MrVerifyExpectation *
mr_verify_expectation_new_from_hub (const MrHubModelInfo *info,
                                    GPtrArray            *files)
{
  MrVerifyExpectation *self = mr_verify_expectation_new ();
  g_autoptr(GStrvBuilder) architectures = g_strv_builder_new ();

  self->hub_files = g_ptr_array_ref (files != NULL ? files : info->siblings);
  self->parameters = info->parameters;
  g_strv_builder_addv (architectures, (const char **) info->architectures);
  if (info->model_type != NULL)
    g_strv_builder_add (architectures, info->model_type);
  self->architectures = g_strv_builder_end (architectures);
  return self;
}

MrVerifyExpectation *
mr_verify_expectation_copy (const MrVerifyExpectation *self)
{
  MrVerifyExpectation *copy = mr_verify_expectation_new ();

  /* The hub's file lists are never changed once parsed: share them. */
  copy->hub_files = self->hub_files != NULL ? g_ptr_array_ref (self->hub_files) : NULL;
  copy->sha256 = g_strdup (self->sha256);
  copy->parameters = self->parameters;
  copy->architectures = g_strdupv (self->architectures);
  return copy;
}

void
mr_verify_expectation_free (MrVerifyExpectation *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->hub_files, g_ptr_array_unref);
  g_free (self->sha256);
  g_strfreev (self->architectures);
  g_free (self);
}

/* Result */

static void
verified_file_free (gpointer data)
{
  MrVerifiedFile *file = data;

  g_free (file->path);
  g_free (file->sha256);
  g_free (file->expected_sha256);
  g_clear_pointer (&file->header, mr_weights_header_unref);
  g_free (file);
}

static void
finding_free (gpointer data)
{
  MrVerifyFinding *finding = data;

  g_free (finding->message);
  g_free (finding);
}

static MrVerifyResult *
result_new (const char *path)
{
  MrVerifyResult *self = g_new0 (MrVerifyResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->files = g_ptr_array_new_with_free_func (verified_file_free);
  self->findings = g_ptr_array_new_with_free_func (finding_free);
  self->context_length = -1;
  return self;
}

MrVerifyResult *
mr_verify_result_ref (MrVerifyResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_verify_result_unref (MrVerifyResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->path);
  g_ptr_array_unref (self->files);
  g_free (self->architecture);
  g_free (self->name);
  g_free (self->license);
  g_ptr_array_unref (self->findings);
  g_free (self);
}

gdouble
mr_verify_result_get_throughput (const MrVerifyResult *self)
{
  if (self->hash_seconds <= 0)
    return 0;
  return self->size / self->hash_seconds / 1e6;
}

static void add_finding (MrVerifyResult *self,
                         MrFlagSeverity  severity,
                         const char     *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
add_finding (MrVerifyResult *self,
             MrFlagSeverity  severity,
             const char     *format,
             ...)
{
  MrVerifyFinding *finding = g_new0 (MrVerifyFinding, 1);
  va_list args;

  va_start (args, format);
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);
  finding->severity = severity;
  g_ptr_array_add (self->findings, finding);
  self->severity = MAX (self->severity, severity);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const MrVerifyFinding *fa = *(const MrVerifyFinding * const *) a;
  const MrVerifyFinding *fb = *(const MrVerifyFinding * const *) b;

  return (int) fb->severity - (int) fa->severity;
}

/* Collecting the files */

static gboolean
format_of (const char       *filename,
           MrWeightsFormat  *out_format)
{
  if (g_str_has_suffix (filename, ".gguf"))
    *out_format = MR_WEIGHTS_FORMAT_GGUF;
  else if (g_str_has_suffix (filename, ".safetensors"))
    *out_format = MR_WEIGHTS_FORMAT_SAFETENSORS;
  else
    return FALSE;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The weights files directly in folder, sorted. */
static GPtrArray *
list_weights_files (const char  *folder,
                    GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      MrWeightsFormat format;

      if (format_of (name, &format))
        g_ptr_array_add (names, g_strdup (name));
    }
  if (names->len == 0)
    {
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE,
                   _("%s: the folder holds no .gguf or .safetensors file"), display_name);
      return NULL;
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static MrWeightsHeader *
parse_header (const char       *filename,
              MrWeightsFormat   format,
              GError          **error)
{
  if (format == MR_WEIGHTS_FORMAT_GGUF)
    return mr_gguf_parse_file (filename, error);
  return mr_safetensors_parse_file (filename, error);
}

static gboolean
add_file (MrVerifyResult  *result,
          const char      *folder,
          const char      *name,
          GError         **error)
{
  g_autofree char *filename = g_build_filename (folder, name, NULL);
  g_autofree char *display_name = g_filename_display_name (name);
  MrVerifiedFile *file;
  MrWeightsHeader *header;
  MrWeightsFormat format;

  if (!format_of (name, &format))
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                   _("%s: not a .gguf or .safetensors file"), display_name);
      return FALSE;
    }
  if (result->files->len > 0 && format != result->format)
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                   _("%s: the folder holds both GGUF and safetensors files; "
                     "verify one file at a time"), display_name);
      return FALSE;
    }
  header = parse_header (filename, format, error);
  if (header == NULL)
    return FALSE;

  file = g_new0 (MrVerifiedFile, 1);
  file->path = g_strdup (name);
  file->size = header->file_size;
  file->header = header;
  g_ptr_array_add (result->files, file);
  result->format = format;
  return TRUE;
}

/* Sharded checkpoints */

static char *
read_small_file (const char  *filename,
                 gsize       *out_length,
                 GError     **error)
{
  g_autofree char *display_name = g_filename_display_name (filename);
  GStatBuf info;
  char *data;

  if (g_stat (filename, &info) == 0 && info.st_size > MAX_SIDECAR_SIZE)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                   _("%s: too large to be an index or a configuration"), display_name);
      return NULL;
    }
  if (!g_file_get_contents (filename, &data, out_length, error))
    return NULL;
  return data;
}

static const MrVerifiedFile *
find_file (const MrVerifyResult *result,
           const char           *path)
{
  for (guint i = 0; i < result->files->len; i++)
    {
      const MrVerifiedFile *file = g_ptr_array_index (result->files, i);

      if (g_str_equal (file->path, path))
        return file;
    }
  return NULL;
}

static gboolean
header_has_tensor (const MrWeightsHeader *header,
                   const char            *name)
{
  for (guint i = 0; i < header->tensors->len; i++)
    if (g_str_equal (g_array_index (header->tensors, MrTensorInfo, i).name, name))
      return TRUE;
  return FALSE;
}

/* Every shard the index names is here and holds the tensors it says. */
static gboolean
check_index (MrVerifyResult  *result,
             const char      *folder,
             GError         **error)
{
  g_autofree char *filename = g_build_filename (folder, INDEX_NAME, NULL);
  g_autoptr(GHashTable) weight_map = NULL;
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer tensor, shard;
  guint misplaced = 0;
  const char *example = NULL;
  gsize length;

  if (!g_file_test (filename, G_FILE_TEST_EXISTS))
    return TRUE;
  data = read_small_file (filename, &length, error);
  if (data == NULL)
    return FALSE;
  weight_map = mr_safetensors_parse_index (data, length, INDEX_NAME, error);
  if (weight_map == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, weight_map);
  while (g_hash_table_iter_next (&iter, &tensor, &shard))
    {
      const MrVerifiedFile *file = find_file (result, shard);

      if (file == NULL)
        g_hash_table_add (missing, shard);
      else if (!header_has_tensor (file->header, tensor))
        {
          misplaced++;
          example = tensor;
        }
    }

  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &shard, NULL))
    add_finding (result, MR_FLAG_SEVERITY_BLOCKING,
                 _("%s names the shard %s, which is missing"), INDEX_NAME, (char *) shard);
  if (misplaced > 0)
    add_finding (result, MR_FLAG_SEVERITY_BLOCKING,
                 _("%u tensors that %s places in a shard are not in it (e.g. “%s”)"),
                 misplaced, INDEX_NAME, example);
  return TRUE;
}

static const char *
first_string (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    node = json_array_get_element (json_node_get_array (node), 0);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The architecture of a safetensors checkpoint is in its config.json;
 * without one, or with a broken one, it stays unknown. */
static void
read_config_architecture (MrVerifyResult *result,
                          const char     *folder)
{
  g_autofree char *filename = g_build_filename (folder, CONFIG_NAME, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *data = NULL;
  const char *architecture;
  JsonObject *config;
  gsize length;

  if (!g_file_test (filename, G_FILE_TEST_IS_REGULAR) ||
      (data = read_small_file (filename, &length, NULL)) == NULL ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  config = json_node_get_object (json_parser_get_root (parser));
  architecture = first_string (config, "model_type");
  if (architecture == NULL)
    architecture = first_string (config, "architectures");
  result->architecture = g_strdup (architecture);
}

/* Hashing */

typedef struct {
  MrSha256ProgressFunc  func;
  gpointer              data;
  guint64               base;   /* bytes of the files already hashed */
  guint64               total;
} OverallProgress;

static void
report_overall (guint64  done,
                guint64  total,
                gpointer data)
{
  OverallProgress *overall = data;

  overall->func (overall->base + done, MAX (overall->total, overall->base + total),
                 overall->data);
}

static gboolean
hash_files (MrVerifyResult        *result,
            const char            *folder,
            MrSha256ProgressFunc   progress,
            gpointer               progress_data,
            GCancellable          *cancellable,
            GError               **error)
{
  OverallProgress overall = { progress, progress_data, 0, result->size };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < result->files->len; i++)
    {
      MrVerifiedFile *file = g_ptr_array_index (result->files, i);
      g_autofree char *filename = g_build_filename (folder, file->path, NULL);

      file->sha256 = mr_sha256_file (filename, &file->size,
                                     progress != NULL ? report_overall : NULL, &overall,
                                     cancellable, error);
      if (file->sha256 == NULL)
        return FALSE;
      overall.base += file->size;
    }
  result->hash_seconds = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
  return TRUE;
}

/* Expectations */

static const char *
basename_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

/* The hub's entry, with its SHA-256, for the file at path (relative to
 * the folder): the entry with that path, else the only entry with that
 * base name. */
static const MrHubFile *
hub_file_of (GPtrArray  *hub_files,
             const char *path)
{
  const MrHubFile *by_basename = NULL;
  guint n_by_basename = 0;

  for (guint i = 0; hub_files != NULL && i < hub_files->len; i++)
    {
      const MrHubFile *hub_file = g_ptr_array_index (hub_files, i);

      if (hub_file->lfs_sha256 == NULL)
        continue;
      if (g_str_equal (hub_file->path, path))
        return hub_file;
      if (g_str_equal (basename_of (hub_file->path), basename_of (path)))
        {
          by_basename = hub_file;
          n_by_basename++;
        }
    }
  return n_by_basename == 1 ? by_basename : NULL;
}

static void
compare_hashes (MrVerifyResult            *result,
                const MrVerifyExpectation *expected)
{
  for (guint i = 0; i < result->files->len; i++)
    {
      MrVerifiedFile *file = g_ptr_array_index (result->files, i);
      const MrHubFile *hub_file = hub_file_of (expected->hub_files, file->path);
      const char *sha256 = hub_file != NULL ? hub_file->lfs_sha256 : NULL;
      g_autofree char *display_name = g_filename_display_name (file->path);

      /* The size says at a glance what a differing hash cannot: a
       * truncated download. */
      if (hub_file != NULL && hub_file->size >= 0 && (guint64) hub_file->size != file->size)
        add_finding (result, MR_FLAG_SEVERITY_BLOCKING,
                     _("%s: the file is %" PRIu64 " bytes, but the hub says %"
                       PRId64), display_name, file->size, hub_file->size);
      if (expected->sha256 != NULL && result->files->len == 1)
        sha256 = expected->sha256;
      if (sha256 == NULL)
        continue;
      file->expected_sha256 = g_ascii_strdown (sha256, -1);
      if (!g_str_equal (file->expected_sha256, file->sha256))
        add_finding (result, MR_FLAG_SEVERITY_BLOCKING,
                     _("%s: the SHA-256 is %s, but %s was expected: the file is not the one "
                       "published"), display_name, file->sha256, file->expected_sha256);
    }
}

/* Case and punctuation aside, one is a prefix of the other: the hub says
 * "LlamaForCausalLM" or "llama" where GGUF says "llama". */
static gboolean
architecture_matches (const char *ours,
                      const char *theirs)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  for (const char *p = ours; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (a, g_ascii_tolower (*p));
  for (const char *p = theirs; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (b, g_ascii_tolower (*p));
  return a->len > 0 && b->len > 0 &&
         (g_str_has_prefix (a->str, b->str) || g_str_has_prefix (b->str, a->str));
}

static void
compare_model (MrVerifyResult            *result,
               const MrVerifyExpectation *expected)
{
  if (expected->parameters >= 0 && (guint64) expected->parameters != result->n_parameters)
    add_finding (result, MR_FLAG_SEVERITY_WARNING,
                 _("the files hold %" PRIu64 " parameters, but the hub says %"
                   PRId64), result->n_parameters, expected->parameters);

  if (result->architecture == NULL || expected->architectures == NULL ||
      expected->architectures[0] == NULL)
    return;
  for (guint i = 0; expected->architectures[i] != NULL; i++)
    if (architecture_matches (result->architecture, expected->architectures[i]))
      return;
  add_finding (result, MR_FLAG_SEVERITY_WARNING,
               _("the files are of architecture “%s”, but the hub says “%s”"),
               result->architecture, expected->architectures[0]);
}

/* Totals */

static gboolean
is_split_gguf (const MrWeightsHeader *header)
{
  return json_object_has_member (header->metadata, "split.count");
}

static void
sum_up (MrVerifyResult *result)
{
  gboolean separate_models = FALSE;

  for (guint i = 0; i < result->files->len; i++)
    {
      const MrVerifiedFile *file = g_ptr_array_index (result->files, i);
      const MrWeightsHeader *header = file->header;

      if (header->format == MR_WEIGHTS_FORMAT_GGUF && !is_split_gguf (header) &&
          result->files->len > 1)
        separate_models = TRUE;
      result->size += file->size;
      result->n_tensors += header->tensors->len;
      result->n_parameters = separate_models ? MAX (result->n_parameters, header->n_parameters)
                                             : result->n_parameters + header->n_parameters;
      if (result->architecture == NULL)
        result->architecture = g_strdup (header->architecture);
      if (result->name == NULL)
        result->name = g_strdup (header->name);
      if (result->license == NULL)
        result->license = g_strdup (header->license);
      if (result->context_length < 0)
        result->context_length = header->context_length;
    }
  /* Several GGUF files in one folder are usually quantisations of one
   * model, not parts of it. */
  if (separate_models)
    add_finding (result, MR_FLAG_SEVERITY_INFO,
                 _("the folder holds %u separate GGUF files; the parameter count is the "
                   "largest of them"), result->files->len);
}

/* JSON */

static void
add_file_json (JsonBuilder          *builder,
               const MrVerifiedFile *file)
{
  g_autofree char *path = g_filename_display_name (file->path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) file->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, file->sha256);
  json_builder_set_member_name (builder, "expected_sha256");
  if (file->expected_sha256 != NULL)
    json_builder_add_string_value (builder, file->expected_sha256);
  else
    json_builder_add_null_value (builder);
  mr_weights_header_add_json_members (file->header, builder);
  json_builder_end_object (builder);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
mr_verify_result_to_json (const MrVerifyResult *self,
                          gboolean              pretty)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *verified_at = mr_time_to_iso8601 (self->verified_at);
  g_autofree char *path = g_filename_display_name (self->path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "verified_at");
  json_builder_add_string_value (builder, verified_at);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, mr_weights_format_to_string (self->format));
  add_optional_string (builder, "architecture", self->architecture);
  add_optional_string (builder, "name", self->name);
  add_optional_string (builder, "license", self->license);
  json_builder_set_member_name (builder, "context_length");
  if (self->context_length >= 0)
    json_builder_add_int_value (builder, self->context_length);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_int_value (builder, (gint64) self->n_parameters);
  json_builder_set_member_name (builder, "tensors");
  json_builder_add_int_value (builder, (gint64) self->n_tensors);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) self->size);
  json_builder_set_member_name (builder, "hash_seconds");
  json_builder_add_double_value (builder, self->hash_seconds);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY,
                                                           self->severity));

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const MrVerifyFinding *finding = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY,
                                                               finding->severity));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    add_file_json (builder, g_ptr_array_index (self->files, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, NULL);
}

/* Verification */

static gboolean
collect_files (MrVerifyResult  *result,
               const char      *path,
               char           **out_folder,
               GError         **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *dirname = g_path_get_dirname (path);

      /* "model.gguf" rather than "./model.gguf" in messages. */
      *out_folder = g_str_has_prefix (path, "./") || !g_str_equal (dirname, ".")
                    ? g_steal_pointer (&dirname) : g_strdup ("");
      return add_file (result, *out_folder, name, error);
    }

  *out_folder = g_strdup (path);
  names = list_weights_files (path, error);
  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (!add_file (result, path, g_ptr_array_index (names, i), error))
      return FALSE;
  return TRUE;
}

MrVerifyResult *
mr_verify_path (const char                *path,
                const MrVerifyExpectation *expected,
                MrSha256ProgressFunc       progress,
                gpointer                   progress_data,
                GCancellable              *cancellable,
                GError                   **error)
{
  g_autoptr(MrVerifyResult) result = result_new (path);
  g_autofree char *folder = NULL;
  gboolean is_folder;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  is_folder = g_file_test (path, G_FILE_TEST_IS_DIR);
  if (!collect_files (result, path, &folder, error))
    return NULL;
  if (is_folder && result->format == MR_WEIGHTS_FORMAT_SAFETENSORS)
    {
      if (!check_index (result, folder, error))
        return NULL;
      read_config_architecture (result, folder);
    }
  sum_up (result);

  if (!hash_files (result, folder, progress, progress_data, cancellable, error))
    return NULL;
  if (expected != NULL)
    {
      compare_hashes (result, expected);
      compare_model (result, expected);
    }
  g_ptr_array_sort (result->findings, compare_findings);
  result->verified_at = g_get_real_time () / G_USEC_PER_SEC;
  return g_steal_pointer (&result);
}

typedef struct {
  char                *path;
  MrVerifyExpectation *expected;
  MrProgressRelay     *relay;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  g_free (job->path);
  mr_verify_expectation_free (job->expected);
  mr_progress_relay_free (job->relay);
  g_free (job);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  VerifyJob *job = task_data;
  GError *error = NULL;
  MrVerifyResult *result;

  result = mr_verify_path (job->path, job->expected, mr_progress_relay_forward, job->relay,
                           cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) mr_verify_result_unref);
}

void
mr_verify_path_async (const char                *path,
                      const MrVerifyExpectation *expected,
                      MrSha256ProgressFunc       progress,
                      gpointer                   progress_data,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  VerifyJob *job = g_new0 (VerifyJob, 1);

  job->path = g_strdup (path);
  job->expected = expected != NULL ? mr_verify_expectation_copy (expected) : NULL;
  job->relay = mr_progress_relay_new (progress, progress_data);
  g_task_set_source_tag (task, mr_verify_path_async);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_in_thread);
}

MrVerifyResult *
mr_verify_path_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_verify_path_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
