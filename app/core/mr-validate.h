/* mr-validate.h — field validators shared by forms, importers and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns FALSE and sets MR_VALIDATION_ERROR with a message that names
 * the field.  The form calls them per keystroke, so they do no I/O except
 * mr_validate_local_path(), which stats one file.  A field name is passed
 * untranslated (marked with N_()) and translated only when a message is
 * built: an import validates every field of 100,000 rows.
 */
#pragma once

#include <glib.h>

#include "mr-types.h"

G_BEGIN_DECLS

gboolean mr_validate_required  (const char  *field,
                                const char  *value,
                                GError     **error);
gboolean mr_validate_length    (const char  *field,
                                const char  *value,
                                GError     **error);
/* Hugging Face "owner/name": letters, digits, '-', '_', '.', no "--" or "..",
 * no leading/trailing '-' or '.', name at most 96 characters. */
gboolean mr_validate_repo_id   (const char  *value,
                                GError     **error);
/* http or https URL with a host. */
gboolean mr_validate_url       (const char  *field,
                                const char  *value,
                                GError     **error);
/* An existing regular file or directory. */
gboolean mr_validate_local_path (const char  *value,
                                 GError     **error);
/* The source reference as its kind requires: a repo id, an Ollama tag, a
 * URL, an existing file; free text for a manual entry. */
gboolean mr_validate_source    (MrSourceKind kind,
                                const char  *value,
                                GError     **error);

G_END_DECLS
