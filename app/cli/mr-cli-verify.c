/* mr-cli-verify.c — verify parses, hashes and checks weights files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hash that differs from the expected one is a blocking finding: the
 * report is printed as usual and the exit code is MR_CLI_EXIT_FLAGGED, so
 * that a script can tell it from a file that could not be read (exit 1).
 */
#define G_LOG_DOMAIN "mr-cli-verify"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mr-cli-checks.h"
#include "mr-cli-policy.h"
#include "mr-cli-table.h"
#include "mr-cli-verify.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-evidence.h"
#include "mr-verify.h"

static const char * const severity_words[] = {
  [MR_FLAG_SEVERITY_NONE] = "",
  [MR_FLAG_SEVERITY_INFO] = N_("INFO"),
  [MR_FLAG_SEVERITY_WARNING] = N_("WARNING"),
  [MR_FLAG_SEVERITY_BLOCKING] = N_("BLOCKING"),
};

/* What the hub published at the entry's latest snapshot: every file's
 * LFS SHA-256 and size, and the parameter count. */
static MrVerifyExpectation *
expectation_from_snapshot (const MrSnapshot *snapshot)
{
  MrVerifyExpectation *expected = mr_verify_expectation_new ();

  expected->hub_files = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_hub_file_free);
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      const MrSnapshotFile *file = g_ptr_array_index (snapshot->files, i);
      MrHubFile *hub_file = g_new0 (MrHubFile, 1);

      hub_file->path = g_strdup (file->path);
      hub_file->size = file->size;
      hub_file->lfs_sha256 = g_strdup (file->sha256);
      g_ptr_array_add (expected->hub_files, hub_file);
    }
  expected->parameters = snapshot->parameters;
  return expected;
}

/* A Hugging Face entry is verified against its latest snapshot, which
 * only a refresh (or `add --hf`) stores. */
static MrVerifyExpectation *
expectation_of_hub_model (MrStore              *store,
                          const MrModelRecord  *record,
                          GError              **error)
{
  g_autoptr(MrSnapshot) snapshot = NULL;

  if (!mr_store_get_latest_snapshot (store, record->id, &snapshot, error))
    return NULL;
  if (snapshot != NULL)
    return expectation_from_snapshot (snapshot);

  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
               _("model %" PRId64 " (“%s”) has no metadata snapshot to compare with: run "
                 "“%s refresh %" PRId64 "” first"),
               record->id, record->name, MR_CLI_PROGRAM, record->id);
  return NULL;
}

/* The files to verify for entry id, and what they should be: a local-file
 * entry's own path (or local_path), a Hugging Face entry's downloaded copy
 * in local_path compared with the hub. */
static char *
path_of_model (MrCli                 *cli,
               gint64                 id,
               const char            *local_path,
               MrVerifyExpectation  **inout_expected,
               GError               **error)
{
  g_autoptr(MrModelRecord) record = NULL;
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  record = mr_store_get_model (store, id, error);
  if (record == NULL)
    return NULL;

  if (record->source_kind == MR_SOURCE_KIND_HUGGING_FACE)
    {
      MrVerifyExpectation *expected;

      if (local_path == NULL)
        {
          g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                       _("model %" PRId64 " (“%s”) is on Hugging Face: download its files and "
                         "run “%s verify %" PRId64 " --path FOLDER” to compare them with the "
                         "hub"), id, record->name, MR_CLI_PROGRAM, id);
          return NULL;
        }
      expected = expectation_of_hub_model (store, record, error);
      if (expected == NULL)
        return NULL;
      /* --expect-sha256 still applies to a single file. */
      expected->sha256 = g_steal_pointer (&(*inout_expected)->sha256);
      g_clear_pointer (inout_expected, mr_verify_expectation_free);
      *inout_expected = expected;
      return g_strdup (local_path);
    }
  if (local_path != NULL)
    return g_strdup (local_path);
  if (record->source_kind == MR_SOURCE_KIND_LOCAL_FILE && record->source_ref != NULL &&
      record->source_ref[0] != '\0')
    return g_strdup (record->source_ref);

  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
               _("model %" PRId64 " (“%s”) has source kind “%s”: download the weights and "
                 "run “%s verify %" PRId64 " --path FILE”"),
               id, record->name, mr_enum_to_nick (MR_TYPE_SOURCE_KIND, record->source_kind),
               MR_CLI_PROGRAM, id);
  return NULL;
}

/* A file or folder when one exists by that name, else a model id
 * (*out_model_id, 0 for a file). */
static char *
resolve_target (MrCli                 *cli,
                const char            *arg,
                const char            *local_path,
                gint64                *out_model_id,
                MrVerifyExpectation  **inout_expected,
                GError               **error)
{
  gint64 id;

  *out_model_id = 0;
  if (g_file_test (arg, G_FILE_TEST_EXISTS) && local_path == NULL)
    return g_strdup (arg);
  if (!g_ascii_string_to_signed (arg, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *display_name = g_filename_display_name (arg);

      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE,
                   local_path != NULL ? _("%s: --path needs a model id")
                                      : _("%s: no such file or folder, and not a model id"),
                   display_name);
      return NULL;
    }
  *out_model_id = id;
  return path_of_model (cli, id, local_path, inout_expected, error);
}

/* A model's verification is evidence: it is stored as the model's check,
 * also when it could not run. */
gboolean
mr_cli_verify_store_check (MrCli                 *cli,
                           gint64                 model_id,
                           const char            *path,
                           gint64                 started_at,
                           const MrVerifyResult  *result,
                           const GError          *run_error,
                           GError               **error)
{
  g_autofree char *inputs = mr_check_inputs_to_json (path, 0);
  g_autofree char *result_json = result != NULL ? mr_verify_result_to_json (result, FALSE) : NULL;
  MrCheckStatus status = result != NULL && result->severity >= MR_FLAG_SEVERITY_BLOCKING
                         ? MR_CHECK_STATUS_FAILED : MR_CHECK_STATUS_PASSED;

  return mr_cli_store_check (cli, model_id, MR_CHECK_KIND_VERIFICATION, inputs, started_at,
                             status, result_json, run_error, error);
}

static void
show_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  g_printerr ("\r%s %3.0f%%", _("Hashing…"), total > 0 ? 100.0 * done / total : 100.0);
  if (done == total)
    g_printerr ("\r\033[K");
}

static char *
format_count (guint64 value)
{
  /* %' groups digits the locale's way. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, value);
}

static char *
format_dtypes (const MrVerifyResult *result)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < result->files->len; i++)
    {
      const MrVerifiedFile *file = g_ptr_array_index (result->files, i);

      for (guint t = 0; t < file->header->tensors->len; t++)
        {
          const char *dtype = g_array_index (file->header->tensors, MrTensorInfo, t).dtype;

          if (g_hash_table_add (seen, (gpointer) dtype))
            g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", dtype);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_file_rows (MrCliTable           *table,
               const MrVerifiedFile *file)
{
  g_autofree char *path = g_filename_display_name (file->path);
  g_autofree char *size = format_count (file->size);
  g_autofree char *sha256 = NULL;

  if (file->expected_sha256 == NULL)
    sha256 = g_strdup (file->sha256);
  else if (g_str_equal (file->sha256, file->expected_sha256))
    sha256 = g_strdup_printf (_("%s (as expected)"), file->sha256);
  else
    sha256 = g_strdup_printf (_("%s (expected %s)"), file->sha256, file->expected_sha256);

  mr_cli_table_add_row (table, (const char *[]) { _("File"), path });
  mr_cli_table_add_row (table, (const char *[]) { _("  Size (bytes)"), size });
  mr_cli_table_add_row (table, (const char *[]) { _("  SHA-256"), sha256 });
}

static void
print_text (const MrVerifyResult *result)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (2);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = g_filename_display_name (result->path);
  g_autofree char *parameters = format_count (result->n_parameters);
  g_autofree char *tensors = format_count (result->n_tensors);
  g_autofree char *size = format_count (result->size);
  g_autofree char *dtypes = format_dtypes (result);
  g_autofree char *context = result->context_length >= 0
                             ? format_count (result->context_length) : NULL;
  g_autofree char *throughput = g_strdup_printf (_("%.0f MB/s (%.2f s)"),
                                                 mr_verify_result_get_throughput (result),
                                                 result->hash_seconds);
  g_autofree char *safe_path = mr_cli_text_sanitize (path, FALSE);

  g_string_append_printf (out, "%s\n", safe_path);
  mr_cli_table_add_row (table, (const char *[]) {
    _("Format"), mr_weights_format_to_string (result->format) });
  mr_cli_table_add_row (table, (const char *[]) { _("Architecture"), result->architecture });
  mr_cli_table_add_row (table, (const char *[]) { _("Name"), result->name });
  mr_cli_table_add_row (table, (const char *[]) { _("Licence"), result->license });
  mr_cli_table_add_row (table, (const char *[]) { _("Context length"), context });
  mr_cli_table_add_row (table, (const char *[]) { _("Parameters"), parameters });
  mr_cli_table_add_row (table, (const char *[]) { _("Tensors"), tensors });
  mr_cli_table_add_row (table, (const char *[]) { _("Types"), dtypes });
  mr_cli_table_add_row (table, (const char *[]) { _("Size (bytes)"), size });
  /* Translators: the speed and duration of computing the SHA-256 */
  mr_cli_table_add_row (table, (const char *[]) { _("Hashing"), throughput });
  for (guint i = 0; i < result->files->len; i++)
    add_file_rows (table, g_ptr_array_index (result->files, i));
  mr_cli_table_render (table, "  ", out);

  if (result->findings->len > 0)
    g_string_append_printf (out, "%s\n", _("Findings:"));
  for (guint i = 0; i < result->findings->len; i++)
    {
      const MrVerifyFinding *finding = g_ptr_array_index (result->findings, i);
      g_autofree char *message = mr_cli_text_sanitize (finding->message, FALSE);

      g_string_append_printf (out, "  %s: %s\n", _(severity_words[finding->severity]), message);
    }
  mr_cli_print_text (out->str);
}

/* The name a file gives itself, else its base name without extension. */
static char *
draft_name (const char           *path,
            const MrVerifyResult *result)
{
  g_autofree char *base = NULL;
  char *dot;

  if (result->name != NULL && result->name[0] != '\0')
    return g_strdup (result->name);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_filename_display_name (base);
}

MrModelRecord *
mr_cli_verify_draft (const char      *path,
                     MrVerifyResult **out_result,
                     gint64          *out_started_at,
                     GError         **error)
{
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *name = NULL;

  *out_started_at = g_get_real_time () / G_USEC_PER_SEC;
  result = mr_verify_path (absolute, NULL, isatty (STDERR_FILENO) ? show_progress : NULL, NULL,
                           NULL, error);
  if (result == NULL)
    return NULL;

  record = mr_model_record_new ();
  name = draft_name (absolute, result);
  mr_model_record_set_string (&record->name, name);
  record->source_kind = MR_SOURCE_KIND_LOCAL_FILE;
  /* Absolute, so that `verify ID` finds the files from anywhere. */
  mr_model_record_set_string (&record->source_ref, absolute);
  if (result->license != NULL)
    mr_model_record_set_string (&record->license, result->license);
  if (result->architecture != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("Architecture %s, %s weights, %" PRIu64 " parameters "
                           "(from the files' headers)"),
                         result->architecture, mr_weights_format_to_string (result->format),
                         result->n_parameters);

      mr_model_record_set_string (&record->description, description);
    }
  /* The weights are on disk and were just read: the final parameters
   * component is there, by a check. */
  mr_evidence_apply (record, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT, NULL,
                     MR_EVIDENCE_SOURCE_CHECK);
  *out_result = g_steal_pointer (&result);
  return g_steal_pointer (&record);
}

gboolean
mr_cli_run_verify (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(MrVerifyExpectation) expected = mr_verify_expectation_new ();
  g_autoptr(MrVerifyResult) result = NULL;
  g_autoptr(GError) run_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *local_path = NULL;
  gint64 model_id;
  gint64 started_at;
  const GOptionEntry entries[] = {
    { "expect-sha256", 0, 0, G_OPTION_ARG_STRING, &expected->sha256,
      N_("The SHA-256 the file should have (one file only)"), N_("HEX") },
    { "path", 0, 0, G_OPTION_ARG_FILENAME, &local_path,
      N_("The local copy of a registered model's files to verify"), N_("FILE|FOLDER") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error))
    return FALSE;
  if (cli->format == MR_CLI_FORMAT_CSV)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” writes text or json, not csv"), cli->command->name);
      return FALSE;
    }
  if (expected->sha256 != NULL && !mr_sha256_is_valid_hex (expected->sha256))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--expect-sha256: “%s” is not 64 hexadecimal digits"), expected->sha256);
      return FALSE;
    }

  path = resolve_target (cli, argv[1], local_path, &model_id, &expected, error);
  if (path == NULL)
    return FALSE;
  started_at = g_get_real_time () / G_USEC_PER_SEC;
  result = mr_verify_path (path, expected, isatty (STDERR_FILENO) ? show_progress : NULL, NULL,
                           NULL, &run_error);
  if (model_id > 0 &&
      !mr_cli_verify_store_check (cli, model_id, path, started_at, result, run_error, error))
    return FALSE;
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run_error));
      return FALSE;
    }

  json = mr_verify_result_to_json (result, TRUE);
  if (cli->format == MR_CLI_FORMAT_JSON)
    {
      fputs (json, stdout);
      fputc ('\n', stdout);
    }
  else
    print_text (result);

  if (result->severity < MR_FLAG_SEVERITY_BLOCKING)
    return TRUE;
  g_set_error (error, MR_CLI_POLICY_ERROR, MR_CLI_POLICY_ERROR_FLAGGED,
               _("verification found a blocking problem: %s"),
               ((const MrVerifyFinding *) g_ptr_array_index (result->findings, 0))->message);
  return FALSE;
}
