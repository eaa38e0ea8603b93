/* mr-hub-client.h — Hugging Face Hub metadata, asynchronously
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model info, the file tree with LFS SHA-256 and sizes, the model card
 * pinned to the commit the info returned, and author listings, following
 * `Link: rel="next"` pagination for a bounded number of pages.  Endpoints and
 * semantics: docs/hub-api.md.  Errors are MR_NETWORK_ERROR naming the model
 * and URL path (see MrHttpClient); cancellation is G_IO_ERROR_CANCELLED.
 * Use from one thread (the one whose main context runs the callbacks).
 */
#pragma once

#include <gio/gio.h>

#include "mr-http-client.h"
#include "mr-hub-model-info.h"
#include "mr-model-card.h"

G_BEGIN_DECLS

#define MR_HUB_CLIENT_DEFAULT_ENDPOINT "https://huggingface.co"
#define MR_HUB_CLIENT_MAX_PAGES        100

/* What one refresh of one model collects. */
typedef struct {
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only >*/
  MrHubModelInfo  *info;
  GPtrArray       *files;        /* of MrHubFile, from the tree at info->sha */
  MrModelCard     *readme_card;  /* parsed README.md, or NULL (none, or gated) */
  gboolean         readme_gated; /* README.md exists but needs access */
} MrHubSnapshot;

#define MR_TYPE_HUB_SNAPSHOT (mr_hub_snapshot_get_type ())

GType          mr_hub_snapshot_get_type (void) G_GNUC_CONST;
MrHubSnapshot *mr_hub_snapshot_ref      (MrHubSnapshot *self);
void           mr_hub_snapshot_unref    (MrHubSnapshot *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHubSnapshot, mr_hub_snapshot_unref)

#define MR_TYPE_HUB_CLIENT (mr_hub_client_get_type ())

G_DECLARE_FINAL_TYPE (MrHubClient, mr_hub_client, MR, HUB_CLIENT, GObject)

/* $HF_ENDPOINT when set, else MR_HUB_CLIENT_DEFAULT_ENDPOINT. */
const char     *mr_hub_client_default_endpoint    (void);

/* endpoint: base URL (settings value, HF_ENDPOINT, or a test server).
 * token: NULL for anonymous access. */
MrHubClient    *mr_hub_client_new                 (const char    *endpoint,
                                                   const char    *token);
/* Shares http (its session, token and limits) with other clients. */
MrHubClient    *mr_hub_client_new_with_http       (const char    *endpoint,
                                                   MrHttpClient  *http);
const char     *mr_hub_client_get_endpoint        (MrHubClient   *self);
MrHttpClient   *mr_hub_client_get_http            (MrHubClient   *self);

/* revision: NULL for the default branch. */
void            mr_hub_client_model_info_async    (MrHubClient         *self,
                                                   const char          *repo_id,
                                                   const char          *revision,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MrHubModelInfo *mr_hub_client_model_info_finish   (MrHubClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Every file (recursively) at revision; a GPtrArray of MrHubFile. */
void            mr_hub_client_list_files_async    (MrHubClient         *self,
                                                   const char          *repo_id,
                                                   const char          *revision,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray      *mr_hub_client_list_files_finish   (MrHubClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The bytes of README.md at revision (resolve/<revision>/README.md). */
void            mr_hub_client_fetch_readme_async  (MrHubClient         *self,
                                                   const char          *repo_id,
                                                   const char          *revision,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes         *mr_hub_client_fetch_readme_finish (MrHubClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Models of an author (user or organisation), optionally matching search;
 * a GPtrArray of listing items (MrHubModelInfo without sha). */
void            mr_hub_client_list_models_async   (MrHubClient         *self,
                                                   const char          *author,
                                                   const char          *search,
                                                   guint                page_size,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray      *mr_hub_client_list_models_finish  (MrHubClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Info, then the tree and README.md at the returned sha.  A missing README
 * gives no card; a gated one sets readme_gated; any other failure (including
 * malformed front matter, MR_PARSE_ERROR) fails the whole snapshot. */
void            mr_hub_client_fetch_snapshot_async  (MrHubClient         *self,
                                                     const char          *repo_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MrHubSnapshot  *mr_hub_client_fetch_snapshot_finish (MrHubClient         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
