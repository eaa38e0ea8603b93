/* mr-error.h — the application's error domains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lower layers report failures in these domains; only the GUI's error
 * presenter and the CLI's error printer turn them into sentences.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MR_STORE_ERROR (mr_store_error_quark ())
#define MR_PARSE_ERROR (mr_parse_error_quark ())
#define MR_VALIDATION_ERROR (mr_validation_error_quark ())

typedef enum {
  MR_STORE_ERROR_FAILED,
  MR_STORE_ERROR_NOT_A_DATABASE,   /* the file is not an SQLite register */
  MR_STORE_ERROR_CORRUPT,          /* an SQLite file whose pages are damaged */
  MR_STORE_ERROR_TOO_NEW,          /* written by a newer Model Register */
  MR_STORE_ERROR_NOT_FOUND,        /* no entry with that id */
  MR_STORE_ERROR_CONFLICT,         /* someone else saved first (version counter) */
  MR_STORE_ERROR_READ_ONLY,
  MR_STORE_ERROR_BUSY,
  MR_STORE_ERROR_CONSTRAINT,
} MrStoreError;

typedef enum {
  MR_PARSE_ERROR_FAILED,
  MR_PARSE_ERROR_SYNTAX,           /* malformed CSV / JSON / YAML */
  MR_PARSE_ERROR_ENCODING,         /* not UTF-8 */
  MR_PARSE_ERROR_UNKNOWN_COLUMN,
  MR_PARSE_ERROR_MISSING_FIELD,
  MR_PARSE_ERROR_INVALID_VALUE,
} MrParseError;

typedef enum {
  MR_VALIDATION_ERROR_REQUIRED,
  MR_VALIDATION_ERROR_INVALID_REPO_ID,
  MR_VALIDATION_ERROR_INVALID_URL,
  MR_VALIDATION_ERROR_NO_SUCH_FILE,
  MR_VALIDATION_ERROR_INVALID_VALUE,
  MR_VALIDATION_ERROR_TOO_LONG,
} MrValidationError;

GQuark mr_store_error_quark (void);
GQuark mr_parse_error_quark (void);
GQuark mr_validation_error_quark (void);

G_END_DECLS
