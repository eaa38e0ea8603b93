/* mr-add-from-hub.h — new register entries from the Hugging Face Hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding one model fetches its snapshot and maps it to a pre-filled record
 * for the form, stored only when the person saves it (with its snapshot,
 * mr_store_save_with_snapshot()).  Importing an author or organisation
 * lists its models (every page of the listing) and stores one entry per
 * model not yet in the register, all in one import.
 */
#pragma once

#include <gio/gio.h>

#include "mr-hub-client.h"
#include "mr-snapshot.h"
#include "mr-store.h"

G_BEGIN_DECLS

#define MR_ADD_FROM_HUB_PAGE_SIZE 100

/* A record ready for the form and the snapshot it came from. */
typedef struct {
  MrModelRecord *record;     /* not stored: id 0 */
  MrSnapshot    *snapshot;   /* sealed */
} MrHubDraft;

void        mr_hub_draft_free (MrHubDraft *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHubDraft, mr_hub_draft_free)

/* repo_id: "owner/name" (checked first: MR_VALIDATION_ERROR). */
void        mr_add_from_hub_fetch_async   (MrHubClient         *hub,
                                           const char          *repo_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
MrHubDraft *mr_add_from_hub_fetch_finish  (GAsyncResult        *result,
                                           GError             **error);

typedef struct {
  guint n_listed;
  guint n_imported;
  guint n_already_registered;
} MrHubImportReport;

/* The listing records of author's models (no snapshot: the first refresh
 * takes one); models whose repo id is already registered are skipped. */
GPtrArray  *mr_add_from_hub_records_for_listing (GPtrArray *listing,
                                                 GPtrArray *registered);

/* Lists author's models and imports them into store (used on this
 * thread) in one transaction with one audit entry. */
void        mr_add_from_hub_import_author_async  (MrHubClient         *hub,
                                                  MrStore             *store,
                                                  const char          *author,
                                                  const char          *actor,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    mr_add_from_hub_import_author_finish (GAsyncResult        *result,
                                                  MrHubImportReport   *out_report,
                                                  GError             **error);

G_END_DECLS
