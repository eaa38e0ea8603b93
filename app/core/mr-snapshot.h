/* mr-snapshot.h — what a source said about a model at one moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metadata snapshot is the evidence behind a refresh: the commit (or
 * Ollama digest) the source answered with, its licence and gating, the
 * model card's licence and datasets, and every file with its size and LFS
 * SHA-256.  Snapshots are stored and never overwritten, so comparing two of
 * them (mr_snapshot_diff()) says what changed at the source between two
 * refreshes, in words a reviewer can act on.
 *
 * Refcounted and immutable once shared, like MrModelRecord: fill a new one,
 * call mr_snapshot_seal(), then share it.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-types.h"

G_BEGIN_DECLS

typedef struct {
  char   *path;
  gint64  size;         /* bytes; -1 when the source did not say */
  char   *sha256;       /* LFS (or blob) SHA-256, or NULL */
} MrSnapshotFile;

typedef struct {
  /*< private >*/
  gatomicrefcount   ref_count;
  char             *fields_json;   /* set by seal */

  /*< public, read-only once shared >*/
  gint64            id;            /* 0 until stored */
  gint64            model_id;      /* 0 until stored */
  gint64            fetched_at;    /* Unix time, UTC seconds */
  MrEvidenceSource  source;        /* HUB or OLLAMA */
  char             *commit;        /* Hub commit sha, Ollama digest; NULL if none */

  /* The parsed fields (mr_snapshot_fields_to_json()). */
  char             *license;       /* as the source states it */
  char             *gating;        /* "none", "auto", "manual"; NULL: not gated (Ollama) */
  char             *card_license;  /* the model card's own `license`, or NULL */
  GStrv             datasets;      /* never NULL */
  char             *weights;       /* "safetensors (4 files), 16.1 GB", or NULL: none */
  gint64            weights_bytes; /* -1 when unknown */
  gint64            parameters;    /* -1 when unknown */
  GPtrArray        *files;         /* of MrSnapshotFile, sorted by path once sealed */

  char             *fields_sha256; /* of mr_snapshot_fields_to_json(); set by seal */
} MrSnapshot;

typedef enum {
  MR_SNAPSHOT_CHANGE_NEW_COMMIT,
  MR_SNAPSHOT_CHANGE_LICENSE,
  MR_SNAPSHOT_CHANGE_GATING_ADDED,
  MR_SNAPSHOT_CHANGE_GATING_REMOVED,
  MR_SNAPSHOT_CHANGE_GATING_CHANGED,  /* automatic ↔ manual approval */
  MR_SNAPSHOT_CHANGE_WEIGHTS_REMOVED,
  MR_SNAPSHOT_CHANGE_WEIGHTS_ADDED,
  MR_SNAPSHOT_CHANGE_CARD_LICENSE,
  MR_SNAPSHOT_CHANGE_DATASETS,
  MR_SNAPSHOT_CHANGE_FILES,
} MrSnapshotChangeKind;

/* One difference between two snapshots; before/after may be NULL. */
typedef struct {
  MrSnapshotChangeKind  kind;
  char                 *before;
  char                 *after;
  char                 *text;    /* plain-language, translated */
} MrSnapshotChange;

#define MR_TYPE_SNAPSHOT (mr_snapshot_get_type ())

GType       mr_snapshot_get_type           (void) G_GNUC_CONST;
MrSnapshot *mr_snapshot_new                (MrEvidenceSource   source);
MrSnapshot *mr_snapshot_ref                (MrSnapshot        *self);
void        mr_snapshot_unref              (MrSnapshot        *self);

/* sha256: NULL when unknown; size -1 when unknown. */
void        mr_snapshot_add_file           (MrSnapshot        *self,
                                            const char        *path,
                                            gint64             size,
                                            const char        *sha256);
/* Sorts the files and computes fields_sha256; call once, before sharing. */
void        mr_snapshot_seal               (MrSnapshot        *self);

/* The parsed fields as canonical JSON (what the store keeps and hashes). */
char       *mr_snapshot_fields_to_json     (const MrSnapshot  *self);
/* The same, as computed by mr_snapshot_seal(). */
const char *mr_snapshot_get_fields_json    (const MrSnapshot  *self);
/* Fills the parsed fields of a new snapshot from that JSON; origin names
 * it in errors (MR_PARSE_ERROR, naming the member). */
gboolean    mr_snapshot_set_fields_from_json (MrSnapshot      *self,
                                              const char      *json,
                                              const char      *origin,
                                              GError         **error);
/* Everything, for `snapshots --format json` and audit entries. */
JsonNode   *mr_snapshot_to_json_node       (const MrSnapshot  *self);

/* TRUE when a gating field ("auto", "manual") puts the weights behind an
 * access request; "none" and NULL do not. */
gboolean    mr_snapshot_gating_is_gated    (const char        *gating);

/* TRUE when both say the same (fields and commit; not id or time). */
gboolean    mr_snapshot_same_content       (const MrSnapshot  *a,
                                            const MrSnapshot  *b);

/* What changed from before to after, most important first; an empty
 * array when nothing did.  before may be NULL (first snapshot: nothing
 * to compare, no changes). */
GPtrArray  *mr_snapshot_diff               (const MrSnapshot  *before,
                                            const MrSnapshot  *after);
/* Licence changed, gating added or removed, weights removed, new commit:
 * what makes an approval no longer cover the model. */
gboolean    mr_snapshot_change_needs_rereview (const MrSnapshotChange *change);
gboolean    mr_snapshot_changes_need_rereview (GPtrArray             *changes);
/* [{"change": "license", "before": …, "after": …, "text": …}, …] */
JsonNode   *mr_snapshot_changes_to_json_node  (GPtrArray             *changes);
/* The stable spelling of a kind in JSON ("license", "gating-added", …). */
const char *mr_snapshot_change_kind_to_string (MrSnapshotChangeKind   kind);

void        mr_snapshot_change_free        (MrSnapshotChange  *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrSnapshot, mr_snapshot_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrSnapshotChange, mr_snapshot_change_free)

G_END_DECLS
