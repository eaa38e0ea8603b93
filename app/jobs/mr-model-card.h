/* mr-model-card.h — what a Hugging Face model card says about openness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built either from README.md (YAML front matter between the leading `---`
 * lines, read with libyaml under node and depth limits because the text is
 * untrusted, plus links found in the Markdown body) or from the `cardData`
 * object of the Hub's model info, which is the same YAML already parsed.
 * Immutable and refcounted once built.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bounds applied to the front matter. */
#define MR_MODEL_CARD_MAX_EVENTS 20000
#define MR_MODEL_CARD_MAX_DEPTH  32

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  GStrv     licenses;         /* `license`: a string or a list; never NULL */
  char     *license_name;     /* set with `license: other` */
  char     *license_link;     /* a file in the repo or a URL */
  GStrv     datasets;         /* never NULL */
  GStrv     tags;             /* never NULL */
  GStrv     base_models;      /* never NULL */
  gboolean  has_model_index;  /* a non-empty `model-index` */
  /* Found in the Markdown body (README only; empty from cardData). */
  GStrv     paper_links;      /* arXiv and DOI links, never NULL */
  GStrv     training_code_links; /* GitHub repos named near "training", never NULL */
} MrModelCard;

#define MR_TYPE_MODEL_CARD (mr_model_card_get_type ())

GType        mr_model_card_get_type      (void) G_GNUC_CONST;
MrModelCard *mr_model_card_ref           (MrModelCard *self);
void         mr_model_card_unref         (MrModelCard *self);

/* A README without front matter gives an empty card; malformed or
 * oversized YAML is an MR_PARSE_ERROR naming the model and the line. */
MrModelCard *mr_model_card_parse_readme  (const char  *text,
                                          gsize        length,
                                          const char  *model,
                                          GError     **error);
/* Members of unexpected types are ignored, as the Hub itself varies them. */
MrModelCard *mr_model_card_new_from_json (JsonObject  *card_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrModelCard, mr_model_card_unref)

G_END_DECLS
