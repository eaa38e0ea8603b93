/* mr-hub-model-info.h — the Hub's answers, parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable, refcounted results of GET /api/models/{id} (and of listing
 * items, which carry fewer fields) and of the file tree.  Parsing checks
 * the type of every member it reads: a member of the wrong type is
 * MR_NETWORK_ERROR_MALFORMED naming the model; unknown members are ignored
 * and optional ones may be missing (docs: hub-api.md §2).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-model-card.h"

G_BEGIN_DECLS

typedef enum {
  MR_HUB_GATING_NONE,     /* "gated": false */
  MR_HUB_GATING_AUTO,     /* access requests approved at once */
  MR_HUB_GATING_MANUAL,   /* approved by the authors */
} MrHubGating;

/* One file of the repository (a sibling or a tree entry). */
typedef struct {
  char   *path;
  gint64  size;         /* bytes; -1 when the answer did not say */
  char   *lfs_sha256;   /* NULL unless stored with LFS */
} MrHubFile;

#define MR_TYPE_HUB_FILE (mr_hub_file_get_type ())

GType      mr_hub_file_get_type (void) G_GNUC_CONST;
MrHubFile *mr_hub_file_copy     (const MrHubFile *self);
void       mr_hub_file_free     (MrHubFile       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHubFile, mr_hub_file_free)

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  char         *id;              /* canonical owner/name */
  char         *author;
  char         *sha;             /* commit; NULL only in listing items */
  char         *last_modified;   /* ISO 8601 as sent */
  MrHubGating   gating;
  gboolean      is_private;
  gboolean      disabled;
  GStrv         tags;            /* never NULL */
  GStrv         license_tags;    /* ids of the `license:` tags, never NULL */
  MrModelCard  *card_data;       /* `cardData`, or NULL */
  GPtrArray    *siblings;        /* of MrHubFile, never NULL */
  gint64        downloads;       /* -1 when absent */
  gint64        likes;           /* -1 when absent */
  char         *library_name;
  char         *pipeline_tag;
  char         *model_type;      /* config.model_type */
  GStrv         architectures;   /* config.architectures, never NULL */
  gint64        parameters;      /* safetensors.total or gguf.total; -1 */
  gboolean      has_model_index; /* top-level `model-index` not null */
} MrHubModelInfo;

#define MR_TYPE_HUB_MODEL_INFO (mr_hub_model_info_get_type ())

GType           mr_hub_model_info_get_type   (void) G_GNUC_CONST;
MrHubModelInfo *mr_hub_model_info_ref        (MrHubModelInfo *self);
void            mr_hub_model_info_unref      (MrHubModelInfo *self);

/* context names what was asked for ("org/model: /api/models/org/model");
 * it starts every error message.  A full model info must carry `sha`;
 * listing items need not. */
MrHubModelInfo *mr_hub_model_info_new_from_json (JsonNode    *node,
                                                 gboolean     require_sha,
                                                 const char  *context,
                                                 GError     **error);
/* A page of the tree: appends its files (directories skipped) to files. */
gboolean        mr_hub_file_list_append_page (GPtrArray   *files,
                                              JsonNode    *node,
                                              const char  *context,
                                              GError     **error);
/* A JSON document, or MALFORMED naming context. */
JsonNode       *mr_hub_parse_json            (GBytes      *body,
                                              const char  *context,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHubModelInfo, mr_hub_model_info_unref)

G_END_DECLS
