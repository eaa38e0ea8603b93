/* mr-sqlite-snapshots.h — the metadata snapshots of the SQLite backend (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows of "snapshots" are only ever inserted: each refresh adds one, so
 * the history of what a source said stays as evidence.  Callers own the
 * transaction.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mr-snapshot.h"

G_BEGIN_DECLS

/* Inserts snapshot for model_id; returns the new snapshot id, 0 on error. */
gint64     mr_sqlite_snapshots_insert (sqlite3           *db,
                                       const char        *path,
                                       gint64             model_id,
                                       const MrSnapshot  *snapshot,
                                       GError           **error);
/* The snapshots of model_id, oldest first; empty when it has none.  With
 * latest_only, at most the newest one. */
GPtrArray *mr_sqlite_snapshots_list   (sqlite3           *db,
                                       const char        *path,
                                       gint64             model_id,
                                       gboolean           latest_only,
                                       GError           **error);
/* The ids in [first_id, last_id] whose latest snapshot says the weights
 * are gated: a set of gint64. */
GHashTable *mr_sqlite_snapshots_gated_ids (sqlite3        *db,
                                           const char     *path,
                                           gint64          first_id,
                                           gint64          last_id,
                                           GError        **error);

G_END_DECLS
