/* mr-model-record.h — one AI model entry of the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refcounted plain record.  It is filled in by whoever creates it (a form,
 * a parser, the store) and is immutable from the moment it is shared: that
 * is what lets records cross from the worker thread to the UI without locks.
 * To change an entry, mr_model_record_copy() it and edit the copy.
 */
#pragma once

#include <glib-object.h>

#include "mr-component.h"
#include "mr-types.h"

G_BEGIN_DECLS

#define MR_TYPE_MODEL_RECORD (mr_model_record_get_type ())

/* Longest accepted name, provider, … in characters; longer is a validation
 * error rather than something the list silently cuts. */
#define MR_MODEL_RECORD_MAX_TEXT 1000

typedef struct {
  /*< private >*/
  gatomicrefcount    ref_count;
  char              *search_text;   /* lazily built, see mr_model_record_get_search_text() */
  gpointer           block;         /* a summary's, holding it: see mr_model_record_new_summary() */

  /*< public, read-only once shared >*/
  gint64             id;            /* 0 until stored */
  guint              revision;      /* version counter for optimistic concurrency; 0 until stored */

  char              *name;          /* required */
  char              *provider;
  char              *version;
  MrSourceKind       source_kind;
  char              *source_ref;    /* HF repo id, Ollama tag, file path or vendor URL */
  char              *source_revision; /* commit the evidence is pinned to */
  char              *owner;
  char              *description;
  char              *license;       /* the distribution licence as stated */
  /* Licences stated for all code / data / documentation components (MOT's
   * type-global licences); a component's own licence overrides them. */
  char              *license_code;
  char              *license_data;
  char              *license_document;
  GStrv              tags;          /* never NULL */
  GStrv              intended_uses; /* use ids from the catalogue; never NULL */
  MrDeployment       deployment;
  MrDataSensitivity  data_sensitivity;
  MrStatus           status;
  MrOpenness         openness;
  MrFlagSeverity     worst_flag;    /* cached policy outcome */
  guint              n_flags;
  char              *notes;
  /* The agreement that covers using a closed model through its vendor
   * (contract reference, date); NULL: none on file. */
  char              *vendor_agreement;
  gint64             created_at;    /* Unix time, UTC seconds; 0 = unset */
  gint64             updated_at;
  gint64             last_checked_at; /* 0 = never */

  /* MR_N_COMPONENTS, indexed by MrComponentKind.  A summary's are one
   * read-only set shared by all summaries, every component unknown: a
   * register of 100,000 summaries saves 54 MB. */
  MrComponent       *components;
} MrModelRecord;

GType          mr_model_record_get_type        (void) G_GNUC_CONST;
MrModelRecord *mr_model_record_new             (void);
/* For a summary (MR_LOAD_SUMMARY): its components are unknown and
 * read-only, and its string and list fields are read-only too.  The record
 * is made at room, sizeof (MrModelRecord) pointer-aligned bytes inside
 * block, a g_atomic_rc_box_alloc() that the caller may share among many
 * summaries and into which it points their string and list fields: one
 * allocation for hundreds of rows instead of fifteen per row.  The record
 * holds a reference to block.  Tags and intended uses are empty until the
 * caller sets them.  mr_model_record_copy() gives a record that can be
 * edited. */
MrModelRecord *mr_model_record_new_summary     (gpointer             block,
                                                gpointer             room);
MrModelRecord *mr_model_record_copy            (const MrModelRecord *self);
MrModelRecord *mr_model_record_ref             (MrModelRecord       *self);
void           mr_model_record_unref           (MrModelRecord       *self);

/* Case-folded, normalised text of name, provider, licence, tags and source
 * (what the search entry matches).  Computed once, thread-safe. */
const char    *mr_model_record_get_search_text (const MrModelRecord *self);
/* A search query folded the same way, so that a substring match of the
 * result in the search text is the search; NULL when text is not UTF-8. */
char          *mr_model_record_fold_search_text (const char         *text);

/* Every field-level rule (required name, repo id shape, URL, file exists,
 * lengths, component sanity).  The error names the field. */
gboolean       mr_model_record_validate        (const MrModelRecord *self,
                                                GError             **error);
/* The same rules; on failure *out_key names the field that broke one by
 * its JSON/CSV key ("source_ref"), for importers that point at a column. */
gboolean       mr_model_record_validate_with_key (const MrModelRecord *self,
                                                  const char         **out_key,
                                                  GError             **error);

/* TRUE when every field but id/revision/timestamps is the same. */
gboolean       mr_model_record_same_content    (const MrModelRecord *a,
                                                const MrModelRecord *b);

/* Replace a string field, owning the copy; "" becomes NULL. */
void           mr_model_record_set_string      (char               **field,
                                                const char          *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrModelRecord, mr_model_record_unref)

G_END_DECLS
