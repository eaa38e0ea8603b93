/* mr-transfer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-csv.h"
#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-mot-yaml.h"
#include "mr-policy-stamp.h"
#include "mr-transfer.h"

static const struct {
  const char   *name;
  MrFileFormat  format;
} format_names[] = {
  { "csv", MR_FILE_FORMAT_CSV },
  { "json", MR_FILE_FORMAT_JSON },
  { "mot", MR_FILE_FORMAT_MOT_YAML },
  { "yaml", MR_FILE_FORMAT_MOT_YAML },
  { "yml", MR_FILE_FORMAT_MOT_YAML },
};

void
mr_import_report_free (MrImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_free (report);
}

gboolean
mr_file_format_parse (const char   *name,
                      MrFileFormat *out_format)
{
  g_return_val_if_fail (out_format != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
        {
          *out_format = format_names[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

MrFileFormat
mr_file_format_guess (const char *filename)
{
  g_autofree char *basename = NULL;
  const char *extension;
  MrFileFormat format;

  if (filename == NULL)
    return MR_FILE_FORMAT_AUTO;
  basename = g_path_get_basename (filename);
  extension = strrchr (basename, '.');
  if (extension != NULL && mr_file_format_parse (extension + 1, &format))
    return format;
  return MR_FILE_FORMAT_AUTO;
}

static gboolean
resolve_format (GFile         *file,
                MrFileFormat  *inout_format,
                GError       **error)
{
  g_autofree char *name = NULL;

  if (*inout_format != MR_FILE_FORMAT_AUTO)
    return TRUE;
  name = g_file_get_basename (file);
  *inout_format = mr_file_format_guess (name);
  if (*inout_format != MR_FILE_FORMAT_AUTO)
    return TRUE;
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_FAILED,
               /* Translators: %s is a file name */
               _("%s: cannot tell the format from the file name; name it (CSV, JSON or MOT YAML)"),
               name);
  return FALSE;
}

static GPtrArray *
parse_records (const char    *data,
               gsize          length,
               const char    *filename,
               MrFileFormat   format,
               gboolean       skip_invalid,
               GPtrArray     *skipped,
               GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  MrModelRecord *record;

  switch (format)
    {
    case MR_FILE_FORMAT_CSV:
      return mr_csv_parse_records (data, length, filename, skip_invalid, skipped, error);
    case MR_FILE_FORMAT_JSON:
      return mr_model_records_from_json (data, length, filename, error);
    case MR_FILE_FORMAT_MOT_YAML:
      record = mr_mot_yaml_parse (data, length, filename, error);
      if (record == NULL)
        return NULL;
      records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
      g_ptr_array_add (records, record);
      return g_steal_pointer (&records);
    case MR_FILE_FORMAT_AUTO:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The field rules (repo id shape, URLs, lengths) for the formats whose
 * readers only check syntax; the CSV reader applies them itself, row by
 * row, so that it can name the line.  A record that breaks one fails the
 * import, or is skipped and reported. */
static GPtrArray *
keep_valid (GPtrArray   *records,
            const char  *filename,
            gboolean     skip_invalid,
            GPtrArray   *skipped,
            GError     **error)
{
  g_autoptr(GPtrArray) valid = g_ptr_array_new_full (records->len,
                                                     (GDestroyNotify) mr_model_record_unref);

  for (guint i = 0; i < records->len; i++)
    {
      MrModelRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GError) local_error = NULL;

      if (mr_model_record_validate (record, &local_error))
        {
          g_ptr_array_add (valid, mr_model_record_ref (record));
          continue;
        }
      if (!skip_invalid)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      /* Translators: a file name and the number of an entry in it */
                                      _("%s: entry %u: "), filename, i + 1);
          return NULL;
        }
      g_ptr_array_add (skipped, g_strdup_printf (_("%s: entry %u: %s"), filename, i + 1,
                                                 local_error->message));
    }
  return g_steal_pointer (&valid);
}

/* The records are fresh from the parser and not shared yet, so they are
 * stamped in place: the store then finds their policy columns right and
 * need not copy each one to stamp it. */
static void
stamp_records (GPtrArray   *records,
               MrFramework *framework)
{
  for (guint i = 0; i < records->len; i++)
    mr_policy_stamp_record (g_ptr_array_index (records, i), framework, NULL);
}

MrImportReport *
mr_import_file (MrStore         *store,
                GFile           *file,
                MrFileFormat     format,
                gboolean         skip_invalid,
                const char      *actor,
                MrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(MrImportReport) report = g_new0 (MrImportReport, 1);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *origin = NULL;
  gsize length;

  g_return_val_if_fail (MR_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resolve_format (file, &format, error) ||
      !g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  filename = g_file_get_basename (file);
  origin = g_file_get_parse_name (file);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  parsed = parse_records (contents, length, filename, format, skip_invalid,
                          report->skipped, error);
  if (parsed == NULL)
    return NULL;
  if (format == MR_FILE_FORMAT_CSV)
    records = g_steal_pointer (&parsed);
  else if ((records = keep_valid (parsed, filename, skip_invalid, report->skipped, error)) == NULL)
    return NULL;

  stamp_records (records, mr_store_get_framework (store));
  if (!mr_store_import_models (store, records, actor, origin, progress, progress_data,
                               cancellable, error))
    return NULL;
  report->n_imported = records->len;
  return g_steal_pointer (&report);
}

static GPtrArray *
collect_records (MrStore       *store,
                 GArray        *ids,
                 GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;

  if (ids == NULL || ids->len == 0)
    return mr_store_list_models (store, MR_LOAD_FULL, error);

  records = g_ptr_array_new_full (ids->len, (GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      MrModelRecord *record = mr_store_get_model (store, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

static gboolean
check_selection (MrFileFormat   format,
                 GArray        *ids,
                 const char    *filename,
                 GError       **error)
{
  guint n_ids = ids != NULL ? ids->len : 0;

  if (format != MR_FILE_FORMAT_MOT_YAML || n_ids == 1)
    return TRUE;
  if (n_ids == 0)
    g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED,
                 /* Translators: %s is a file name */
                 _("%s: an MOT model file describes one model; choose which"), filename);
  else
    g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                 /* Translators: %s is a file name, %u a number of models */
                 _("%s: an MOT model file describes one model, but %u were chosen"),
                 filename, n_ids);
  return FALSE;
}

static char *
write_records (GPtrArray    *records,
               MrFileFormat  format)
{
  switch (format)
    {
    case MR_FILE_FORMAT_CSV:
      return mr_csv_write_records (records);
    case MR_FILE_FORMAT_JSON:
      return mr_model_records_to_json (records, TRUE);
    case MR_FILE_FORMAT_MOT_YAML:
      return mr_mot_yaml_write (g_ptr_array_index (records, 0));
    case MR_FILE_FORMAT_AUTO:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mr_export_file (MrStore       *store,
                GFile         *file,
                MrFileFormat   format,
                GArray        *ids,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (MR_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  filename = g_file_get_basename (file);
  if (!resolve_format (file, &format, error) ||
      !check_selection (format, ids, filename, error) ||
      (records = collect_records (store, ids, error)) == NULL)
    return FALSE;
  data = write_records (records, format);

  /* Written beside the target and renamed over it: a failed or cancelled
   * export leaves any earlier file whole. */
  return g_file_replace_contents (file, data, strlen (data), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}
