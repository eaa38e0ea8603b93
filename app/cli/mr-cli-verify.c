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
#include <unistd.h>

#include "mr-cli-checks.h"
#include "mr-cli-policy.h"
#include "mr-cli-table.h"
#include "mr-cli-verify.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-verify.h"

static const char * const severity_words[] = {
  [MR_FLAG_SEVERITY_NONE] = "",
  [MR_FLAG_SEVERITY_INFO] = N_("INFO"),
  [MR_FLAG_SEVERITY_WARNING] = N_("WARNING"),
  [MR_FLAG_SEVERITY_BLOCKING] = N_("BLOCKING"),
};

/* The path of the entry's local weights; other sources cannot be
 * verified from here yet. */
static char *
path_of_model (MrCli       *cli,
               gint64       id,
               GError     **error)
{
  g_autoptr(MrModelRecord) record = NULL;
  MrStore *store = mr_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  record = mr_store_get_model (store, id, error);
  if (record == NULL)
    return NULL;
  if (record->source_kind == MR_SOURCE_KIND_LOCAL_FILE && record->source_ref != NULL &&
      record->source_ref[0] != '\0')
    return g_strdup (record->source_ref);

  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
               _("model %" PRId64 " (“%s”) has source kind “%s”: only local files can "
                 "be verified so far; download the weights and run “%s verify FILE”"),
               id, record->name, mr_enum_to_nick (MR_TYPE_SOURCE_KIND, record->source_kind),
               MR_CLI_PROGRAM);
  return NULL;
}

/* A file or folder when one exists by that name, else a model id
 * (*out_model_id, 0 for a file). */
static char *
resolve_target (MrCli       *cli,
                const char  *arg,
                gint64      *out_model_id,
                GError     **error)
{
  gint64 id;

  *out_model_id = 0;
  if (g_file_test (arg, G_FILE_TEST_EXISTS))
    return g_strdup (arg);
  if (!g_ascii_string_to_signed (arg, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *display_name = g_filename_display_name (arg);

      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE,
                   _("%s: no such file or folder, and not a model id"), display_name);
      return NULL;
    }
  *out_model_id = id;
  return path_of_model (cli, id, error);
}

/* A model's verification is evidence: it is stored as the model's check,
 * also when it could not run. */
static gboolean
store_check (MrCli                 *cli,
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
  gint64 model_id;
  gint64 started_at;
  const GOptionEntry entries[] = {
    { "expect-sha256", 0, 0, G_OPTION_ARG_STRING, &expected->sha256,
      N_("The SHA-256 the file should have (one file only)"), N_("HEX") },
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

  path = resolve_target (cli, argv[1], &model_id, error);
  if (path == NULL)
    return FALSE;
  started_at = g_get_real_time () / G_USEC_PER_SEC;
  result = mr_verify_path (path, expected, isatty (STDERR_FILENO) ? show_progress : NULL, NULL,
                           NULL, &run_error);
  if (model_id > 0 && !store_check (cli, model_id, path, started_at, result, run_error, error))
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
