/* mr-check-record.h — one stored check of a model: verification or inference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check is evidence: the store only ever adds them, so a record read
 * back is immutable.  inputs and result are the JSON objects the check
 * job produced (mr_verify_result_to_json(), mr_check_result_to_json()),
 * kept as text so that what was measured is stored exactly.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

typedef enum {
  MR_CHECK_KIND_VERIFICATION,        /* weights files parsed and hashed */
  MR_CHECK_KIND_INFERENCE,           /* local run with the bundled runtime */
  MR_CHECK_KIND_INFERENCE_ENDPOINT,  /* run on an OpenAI-compatible server */
} MrCheckKind;

typedef enum {
  MR_CHECK_STATUS_PASSED,
  MR_CHECK_STATUS_FAILED,  /* the check ran and found a blocking problem */
  MR_CHECK_STATUS_ERROR,   /* the check could not run to the end */
} MrCheckStatus;

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only once shared >*/
  gint64          id;            /* 0 until stored */
  gint64          model_id;
  MrCheckKind     kind;
  MrCheckStatus   status;
  gint64          started_at;    /* Unix time, UTC seconds */
  gint64          finished_at;
  char           *inputs_json;   /* a JSON object; "{}" when there were none */
  char           *result_json;   /* a JSON object, or NULL when the check failed to run */
  char           *actor;
  char           *error;         /* why it could not run (status error), or NULL */
} MrCheckRecord;

#define MR_TYPE_CHECK_RECORD (mr_check_record_get_type ())
GType          mr_check_record_get_type     (void) G_GNUC_CONST;

MrCheckRecord *mr_check_record_new          (void);
MrCheckRecord *mr_check_record_ref          (MrCheckRecord       *self);
void           mr_check_record_unref        (MrCheckRecord       *self);
/* An unshared copy, to fill in (the id, once stored). */
MrCheckRecord *mr_check_record_copy         (const MrCheckRecord *self);

/* The stable spellings in the register and in JSON: "verification",
 * "inference", "inference-endpoint"; "passed", "failed", "error". */
const char    *mr_check_kind_to_string      (MrCheckKind          kind);
gboolean       mr_check_kind_from_string    (const char          *text,
                                             MrCheckKind         *out_kind);
const char    *mr_check_status_to_string    (MrCheckStatus        status);
gboolean       mr_check_status_from_string  (const char          *text,
                                             MrCheckStatus       *out_status);

/* TRUE for both kinds of inference check. */
gboolean       mr_check_kind_is_inference   (MrCheckKind          kind);

/* The weights file or folder that checks of @record read: the entry's
 * source when it is a local file; otherwise NULL and MR_VALIDATION_ERROR
 * saying why the entry cannot be checked here. */
char          *mr_check_weights_path        (const MrModelRecord *record,
                                             GError             **error);

/* The inputs object of a check of the file or folder at @path: {"path"},
 * and "tokens" for an inference check (@tokens > 0). */
char          *mr_check_inputs_to_json      (const char          *path,
                                             guint                tokens);

/* One line that says what the check found, translated: "SHA-256 matches
 * the hub · 124,439,808 parameters · llama", "12.3 tokens/s ·
 * deterministic", or the error. */
char          *mr_check_record_dup_summary  (const MrCheckRecord *self);

/* An object: id, model_id, kind, status, started_at, finished_at (ISO
 * 8601), actor, error, inputs, result (the stored objects, parsed). */
JsonNode      *mr_check_record_to_json_node (const MrCheckRecord *self);
/* A JSON array of @records (MrCheckRecord), in their order. */
char          *mr_check_records_to_json     (GPtrArray           *records,
                                             gboolean             pretty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCheckRecord, mr_check_record_unref)

G_END_DECLS
