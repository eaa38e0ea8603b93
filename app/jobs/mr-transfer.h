/* mr-transfer.h — import and export of whole files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synchronous; runs on the thread that owns the store (MrRepository wraps
 * them in _async/_finish on the worker thread, the CLI calls them
 * directly).  An import is one store transaction: a bad row stops it and
 * nothing is imported, unless skip_invalid asks to import the good rows
 * and report the bad ones.
 */
#pragma once

#include <gio/gio.h>

#include "mr-store.h"

G_BEGIN_DECLS

typedef enum {
  MR_FILE_FORMAT_AUTO,       /* from the file name's extension */
  MR_FILE_FORMAT_CSV,
  MR_FILE_FORMAT_JSON,
  MR_FILE_FORMAT_MOT_YAML,
} MrFileFormat;

typedef struct {
  guint      n_imported;
  GPtrArray *skipped;        /* char*: one message per skipped row, naming file and line */
} MrImportReport;

void          mr_import_report_free   (MrImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrImportReport, mr_import_report_free)

/* "csv", "json", "mot"/"yaml" → format; FALSE when unknown. */
gboolean      mr_file_format_parse    (const char     *name,
                                       MrFileFormat   *out_format);
MrFileFormat  mr_file_format_guess    (const char     *filename);

MrImportReport *mr_import_file        (MrStore        *store,
                                       GFile          *file,
                                       MrFileFormat    format,
                                       gboolean        skip_invalid,
                                       const char     *actor,
                                       MrProgressFunc  progress,
                                       gpointer        progress_data,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* ids NULL or empty: every entry.  MOT YAML takes exactly one entry. */
gboolean      mr_export_file          (MrStore        *store,
                                       GFile          *file,
                                       MrFileFormat    format,
                                       GArray         *ids,
                                       GCancellable   *cancellable,
                                       GError        **error);

G_END_DECLS
