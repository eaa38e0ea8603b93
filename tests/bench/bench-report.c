/* bench-report.c — governance report of a 10,000-model register (budget:
 * PDF in at most 5 s), and the same report as HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a register in a temporary folder with entries shaped like real ones
 * (restricted, open-weights, fully open and API-only models, several intended
 * uses, one long name in a hundred), then times the whole job on this
 * thread: loading every entry in full, evaluating it, and writing the file.
 *
 * Usage: bench-report [N_MODELS]
 * Prints "report FORMAT models N pages P seconds S" for pdf (a page for
 * every model), pdf-attention (pages only for the models that need
 * attention) and html.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "mr-report-job.h"
#include "mr-sqlite-store.h"

#define DEFAULT_MODELS 10000

static const char * const licenses[] = {
  "llama3.1", "Apache-2.0", "MIT", "gemma", "CC-BY-NC-4.0", "Acme Model Licence",
};

static const char * const use_sets[][3] = {
  { "credit-scoring", "chatbot", NULL },
  { "code-assistant", NULL, NULL },
  { "translation", "document-summarisation", NULL },
  { NULL, NULL, NULL },
};

static MrModelRecord *
entry_new (guint i)
{
  MrModelRecord *record = mr_model_record_new ();
  g_autofree char *name = NULL;
  guint shape = i % 4;

  if (i % 100 == 0)
    name = g_strdup_printf ("%u-%s", i, "Very-Long-Model-Name-Without-Spaces-For-Wrapping-"
                            "Across-Several-Lines-Of-A-Narrow-Table-Column-Repeated-"
                            "Very-Long-Model-Name-Without-Spaces-For-Wrapping");
  else
    name = g_strdup_printf ("Model %u", i);
  mr_model_record_set_string (&record->name, name);
  mr_model_record_set_string (&record->provider, i % 3 == 0 ? "Example Labs" : "Acme AI");
  mr_model_record_set_string (&record->license, licenses[i % G_N_ELEMENTS (licenses)]);
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strdupv ((char **) use_sets[i % G_N_ELEMENTS (use_sets)]);
  record->status = i % (MR_STATUS_RETIRED + 1);
  record->source_kind = shape == 3 ? MR_SOURCE_KIND_VENDOR_API : MR_SOURCE_KIND_MANUAL;
  if (shape == 3)
    return record;
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      gboolean present = kind == MR_COMPONENT_FINAL_PARAMETERS || shape == 2 ||
                         (shape == 1 && kind % 2 == 0);

      record->components[kind].availability = present ? MR_AVAILABILITY_PRESENT
                                                      : MR_AVAILABILITY_ABSENT;
    }
  return record;
}

static MrStore *
fill_register (const char *folder,
               guint       n_models)
{
  g_autofree char *path = g_build_filename (folder, "register.db", NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_autoptr(GError) error = NULL;
  MrStore *store = mr_sqlite_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < n_models; i++)
    g_ptr_array_add (records, entry_new (i));
  if (!mr_store_import_models (store, records, "bench", "bench", NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return store;
}

static void
time_report (MrStore            *store,
             const char         *name,
             MrReportFormat      format,
             MrReportModelPages  model_pages,
             const char         *folder,
             guint               n_models)
{
  g_autofree char *basename = g_strconcat ("report.", name, NULL);
  g_autofree char *path = g_build_filename (folder, basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MrReportRequest request = {
    .type = MR_REPORT_TYPE_GOVERNANCE,
    .format = format,
    .options = { .organisation = "Benchmark Organisation", .model_pages = model_pages },
  };
  gint64 start = g_get_monotonic_time ();
  guint n_pages = 0;

  if (!mr_report_job_run (store, &request, file, NULL, NULL, NULL, &n_pages, &error))
    g_error ("%s", error->message);
  g_print ("report %s models %u pages %u seconds %.2f\n", name, n_models, n_pages,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  guint n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : DEFAULT_MODELS;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mr-bench-report-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autoptr(MrStore) store = NULL;

  if (folder == NULL)
    g_error ("%s", error->message);
  store = fill_register (folder, n_models);
  time_report (store, "pdf", MR_REPORT_FORMAT_PDF, MR_REPORT_MODEL_PAGES_ALL, folder, n_models);
  time_report (store, "pdf-attention", MR_REPORT_FORMAT_PDF, MR_REPORT_MODEL_PAGES_ATTENTION,
               folder, n_models);
  time_report (store, "html", MR_REPORT_FORMAT_HTML, MR_REPORT_MODEL_PAGES_ALL, folder, n_models);

  g_clear_object (&store);
  db = g_build_filename (folder, "register.db", NULL);
  g_unlink (db);
  g_rmdir (folder);
  return EXIT_SUCCESS;
}
