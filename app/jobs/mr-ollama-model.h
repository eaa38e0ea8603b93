/* mr-ollama-model.h — local Ollama models and what they tell about openness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsed /api/tags items and /api/show answers (hub-api.md §4), and their
 * mapping to provisional evidence: the weights are present locally.  The
 * licence text is recognised only by a clear header line; anything else
 * stays unknown rather than guessed.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

/* One item of GET /api/tags, or the answer of POST /api/show. */
typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  char   *name;                /* the tag, "llama3:8b" */
  char   *digest;              /* sha256 hex (tags only), or NULL */
  gint64  size;                /* bytes (tags only); -1 when absent */
  char   *format;              /* "gguf", … */
  char   *family;
  char   *parameter_size;      /* label, "8.0B" */
  char   *quantization_level;  /* "Q4_0" */
  gint64  parameter_count;     /* model_info general.parameter_count; -1 */
  char   *architecture;        /* model_info general.architecture */
  char   *license_text;        /* show only; NULL when empty */
  char   *parameters;          /* show only: `key value` lines */
} MrOllamaModel;

#define MR_TYPE_OLLAMA_MODEL (mr_ollama_model_get_type ())

GType          mr_ollama_model_get_type       (void) G_GNUC_CONST;
MrOllamaModel *mr_ollama_model_ref            (MrOllamaModel *self);
void           mr_ollama_model_unref          (MrOllamaModel *self);

/* name: the tag asked for (an /api/show answer does not repeat it), or
 * NULL for a tags item, which carries `name`. */
MrOllamaModel *mr_ollama_model_new_from_json  (JsonNode      *node,
                                               const char    *name,
                                               const char    *context,
                                               GError       **error);

/* "apache-2.0", "mit", "llama3", "llama3.1", "llama3.2", "llama2",
 * "gemma" from the first line of a licence text; NULL otherwise. */
const char    *mr_ollama_license_recognize    (const char    *license_text);

/* A new record for the model, or an updated copy of existing; the licence
 * is the catalogue's id ("Apache-2.0") when recognised, else left alone. */
MrModelRecord *mr_ollama_model_to_record      (const MrOllamaModel *model,
                                               const MrModelRecord *existing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrOllamaModel, mr_ollama_model_unref)

G_END_DECLS
