/* mr-check-result.h — the outcome of one inference check, and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refcounted plain record, filled in by whoever runs the probe (the
 * model-register-check helper, or the OpenAI-compatible backend) and
 * immutable from the moment it is shared.  Its JSON object is what the
 * helper prints on stdout and what the register will keep as a check, so
 * the helper builds this file too: the keys exist in one place only.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MR_CHECK_ERROR (mr_check_error_quark ())

typedef enum {
  MR_CHECK_ERROR_FAILED,
  MR_CHECK_ERROR_NO_RUNTIME,     /* no helper: built without libllama */
  MR_CHECK_ERROR_TOO_LARGE,      /* the model does not fit in available memory */
  MR_CHECK_ERROR_LOAD_FAILED,    /* the runtime could not load the model */
  MR_CHECK_ERROR_TIMED_OUT,
  MR_CHECK_ERROR_CRASHED,        /* the helper died of a signal or exited oddly */
  MR_CHECK_ERROR_BAD_OUTPUT,     /* the helper or server answered something unreadable */
} MrCheckError;

/* A field that was not measured (a server has no load time) is < 0. */
typedef struct {
  gatomicrefcount  ref_count;
  char            *backend;            /* "llama.cpp" or "openai-compatible" */
  char            *model;              /* file name or the server's model name */
  char            *runtime_version;    /* nullable: servers may not say */
  char            *system_info;        /* nullable */
  char            *cpu_variant;        /* nullable: the ggml CPU library picked */
  char            *prompt_id;
  guint            threads;            /* 0 when unknown */
  guint            tokens_requested;
  guint            tokens_generated;
  double           load_ms;
  double           first_token_ms;
  double           tokens_per_second;
  char            *output_text;        /* valid UTF-8 */
  char            *output_sha256;      /* of the raw output bytes */
  gboolean         deterministic;      /* both runs gave the same output */
} MrCheckResult;

GType          mr_check_result_get_type      (void) G_GNUC_CONST;
GQuark         mr_check_error_quark          (void);

MrCheckResult *mr_check_result_new           (void);
MrCheckResult *mr_check_result_ref           (MrCheckResult  *result);
void           mr_check_result_unref         (MrCheckResult  *result);

JsonNode      *mr_check_result_to_json_node  (const MrCheckResult *result);
char          *mr_check_result_to_json       (const MrCheckResult *result,
                                              gboolean             pretty);
/* Checks every field's presence and type; source names the producer in
 * error messages (e.g. the helper's path). */
MrCheckResult *mr_check_result_new_from_json (JsonNode       *node,
                                              const char     *source,
                                              GError        **error);

/* The probe prompts, by id: both backends and every run use the same text. */
const char    *mr_check_prompt_lookup        (const char     *prompt_id);
const char    *mr_check_default_prompt_id    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCheckResult, mr_check_result_unref)

G_END_DECLS
