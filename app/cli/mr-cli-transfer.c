/* mr-cli-transfer.c — import and export of whole files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "mr-cli-private.h"
#include "mr-cli-refresh.h"
#include "mr-transfer.h"

#define STDOUT_ARG "-"

static gboolean
parse_file_format (const char    *name,
                   MrFileFormat  *out_format,
                   GError       **error)
{
  if (name == NULL)
    {
      *out_format = MR_FILE_FORMAT_AUTO;
      return TRUE;
    }
  if (mr_file_format_parse (name, out_format))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a file format; use csv, json or mot"), name);
  return FALSE;
}

gboolean
mr_cli_run_import (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autofree char *format_name = NULL;
  gboolean skip_invalid = FALSE;
  g_autofree char *hf_author = NULL;
  g_autofree char *hf_endpoint = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv, json or mot (default: from the file name)"), N_("FORMAT") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid rows and report the others, instead of importing nothing"), NULL },
    { "hf-author", 0, 0, G_OPTION_ARG_STRING, &hf_author,
      N_("Instead of a file, import every model of a Hugging Face user or organisation"),
      N_("NAME") },
    { "hf-endpoint", 0, 0, G_OPTION_ARG_STRING, &hf_endpoint,
      N_("The Hugging Face Hub to ask (default: $HF_ENDPOINT, else https://huggingface.co)"),
      N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(MrImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *display_name = NULL;
  MrFileFormat format;
  MrStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !parse_file_format (format_name, &format, error))
    return FALSE;
  if ((hf_author != NULL) == (argc > 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give either a FILE or --hf-author NAME"));
      return FALSE;
    }
  if (hf_author != NULL)
    return mr_cli_import_hub_author (cli, hf_author, hf_endpoint, error);

  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  file = g_file_new_for_commandline_arg (argv[1]);
  report = mr_import_file (store, file, format, skip_invalid, mr_cli_actor (),
                           NULL, NULL, NULL, error);
  if (report == NULL)
    return FALSE;

  for (guint i = 0; report->skipped != NULL && i < report->skipped->len; i++)
    g_printerr (_("%s: skipped %s\n"), MR_CLI_PROGRAM,
                (const char *) g_ptr_array_index (report->skipped, i));

  display_name = g_filename_display_name (argv[1]);
  g_print (ngettext ("Imported %u model from %s\n", "Imported %u models from %s\n",
                     report->n_imported),
           report->n_imported, display_name);
  return TRUE;
}

static gboolean
parse_export_ids (char    **args,
                  GArray  **out_ids,
                  GError  **error)
{
  g_autoptr(GArray) ids = NULL;

  if (args == NULL)
    return TRUE;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; args[i] != NULL; i++)
    {
      gint64 id;

      if (!mr_cli_parse_id (args[i], &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* The exporter writes files atomically (a temporary file renamed over the
 * target), which standard output cannot take: export to a private folder
 * and copy from there. */
static gboolean
export_to_stdout (MrStore       *store,
                  MrFileFormat   format,
                  GArray        *ids,
                  GError       **error)
{
  g_autofree char *dir = g_dir_make_tmp ("model-register-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "export", NULL);
  file = g_file_new_for_path (path);
  ok = mr_export_file (store, file, format, ids, NULL, error) &&
       g_file_get_contents (path, &data, &length, error);
  g_unlink (path);
  g_rmdir (dir);
  if (ok)
    fwrite (data, 1, length, stdout);
  return ok;
}

gboolean
mr_cli_run_export (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autofree char *format_name = NULL;
  g_auto(GStrv) id_args = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv, json or mot (default: from the file name)"), N_("FORMAT") },
    { "id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &id_args,
      N_("Export only this model; repeat for several (default: every model)"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *display_name = NULL;
  MrFileFormat format;
  MrStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !parse_file_format (format_name, &format, error) ||
      !parse_export_ids (id_args, &ids, error))
    return FALSE;

  if (g_strcmp0 (argv[1], STDOUT_ARG) == 0 && format == MR_FILE_FORMAT_AUTO)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--format is needed to write to standard output"));
      return FALSE;
    }

  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (g_strcmp0 (argv[1], STDOUT_ARG) == 0)
    return export_to_stdout (store, format, ids, error);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!mr_export_file (store, file, format, ids, NULL, error))
    return FALSE;

  display_name = g_filename_display_name (argv[1]);
  if (ids == NULL)
    g_print (_("Exported every model to %s\n"), display_name);
  else
    g_print (ngettext ("Exported %u model to %s\n", "Exported %u models to %s\n", ids->len),
             ids->len, display_name);
  return TRUE;
}
