/* mr-sqlite-checks.h — the checks of the SQLite backend (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows of "checks" are only ever inserted: a check is evidence of what the
 * files or the model did at that time, and a later one does not replace
 * it.  Callers own the transaction.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mr-check-record.h"
#include "mr-policy.h"

G_BEGIN_DECLS

/* Inserts check (its id is ignored), sets the entry's last_checked_at and,
 * for an inference check with a verdict, its cached inference status, and
 * appends the "check" audit entry.  Returns the new check id, 0 on error
 * (MR_STORE_ERROR_NOT_FOUND when the entry does not exist or is deleted). */
gint64      mr_sqlite_checks_insert  (sqlite3              *db,
                                      const char           *path,
                                      const MrCheckRecord  *check,
                                      GError              **error);
/* The checks (MrCheckRecord) of model_id, newest first. */
GPtrArray  *mr_sqlite_checks_list    (sqlite3              *db,
                                      const char           *path,
                                      gint64                model_id,
                                      GError              **error);
/* The outcome of the latest inference check with a verdict of model_id. */
gboolean    mr_sqlite_checks_inference_outcome  (sqlite3                 *db,
                                                 const char              *path,
                                                 gint64                   model_id,
                                                 MrInferenceCheckOutcome *out_outcome,
                                                 GError                 **error);
/* The same for every entry with ids in [first_id, last_id] that has one:
 * gint64 id → MrInferenceCheckOutcome (a missing id: not run). */
GHashTable *mr_sqlite_checks_inference_outcomes (sqlite3                 *db,
                                                 const char              *path,
                                                 gint64                   first_id,
                                                 gint64                   last_id,
                                                 GError                 **error);

G_END_DECLS
