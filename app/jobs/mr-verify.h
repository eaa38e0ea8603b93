/* mr-verify.h — verify the weights files of a model on local disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Given a .gguf, a .safetensors or a folder of them (shards with their
 * model.safetensors.index.json), parses every header, hashes every file
 * and compares what it finds with what the hub says, when known.  The
 * result is immutable; its JSON is what the register stores as the
 * verification check.
 */
#pragma once

#include "mr-types.h"
#include "mr-hub-model-info.h"
#include "mr-sha256.h"
#include "mr-weights-header.h"

G_BEGIN_DECLS

/* What the files should be; every member is optional. */
typedef struct {
  GPtrArray *hub_files;      /* of MrHubFile: LFS SHA-256 by path, or NULL */
  char      *sha256;         /* of a single file (e.g. given by the user) */
  gint64     parameters;     /* -1 when not known */
  GStrv      architectures;  /* e.g. "LlamaForCausalLM", "llama"; or NULL */
} MrVerifyExpectation;

#define MR_TYPE_VERIFY_EXPECTATION (mr_verify_expectation_get_type ())

GType                mr_verify_expectation_get_type (void) G_GNUC_CONST;
MrVerifyExpectation *mr_verify_expectation_new      (void);
/* What info says, with the file list of the revision (files may be NULL,
 * then info's siblings are used). */
MrVerifyExpectation *mr_verify_expectation_new_from_hub (const MrHubModelInfo *info,
                                                         GPtrArray            *files);
MrVerifyExpectation *mr_verify_expectation_copy     (const MrVerifyExpectation *self);
void                 mr_verify_expectation_free     (MrVerifyExpectation       *self);

typedef struct {
  char            *path;             /* relative to the verified folder */
  guint64          size;
  char            *sha256;
  char            *expected_sha256;  /* NULL when nothing said what to expect */
  MrWeightsHeader *header;
} MrVerifiedFile;

typedef struct {
  MrFlagSeverity  severity;
  char           *message;
} MrVerifyFinding;

typedef struct {
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only >*/
  char            *path;             /* as given */
  MrWeightsFormat  format;
  GPtrArray       *files;            /* of MrVerifiedFile, sorted by path */
  guint64          size;             /* of all the files */
  guint64          n_parameters;
  guint64          n_tensors;
  char            *architecture;     /* from the headers or config.json, or NULL */
  char            *name;
  char            *license;
  gint64           context_length;   /* -1 when unknown */
  gdouble          hash_seconds;     /* wall time spent hashing */
  GPtrArray       *findings;         /* of MrVerifyFinding, worst first */
  MrFlagSeverity   severity;         /* of the worst finding */
  gint64           verified_at;      /* Unix time, UTC */
} MrVerifyResult;

#define MR_TYPE_VERIFY_RESULT (mr_verify_result_get_type ())

GType           mr_verify_result_get_type   (void) G_GNUC_CONST;
MrVerifyResult *mr_verify_result_ref        (MrVerifyResult *self);
void            mr_verify_result_unref      (MrVerifyResult *self);

/* Megabytes (10^6) hashed per second; 0 when nothing was hashed. */
gdouble         mr_verify_result_get_throughput (const MrVerifyResult *self);
char           *mr_verify_result_to_json    (const MrVerifyResult *self,
                                             gboolean              pretty);

/* A file that is not weights, or a header that does not parse, is an
 * error (MR_PARSE_ERROR, MR_VALIDATION_ERROR or G_IO_ERROR); a hash or
 * count that differs from expected is a finding in the result.
 * progress counts the bytes hashed over all files; expected may be NULL. */
MrVerifyResult *mr_verify_path              (const char                *path,
                                             const MrVerifyExpectation *expected,
                                             MrSha256ProgressFunc       progress,
                                             gpointer                   progress_data,
                                             GCancellable              *cancellable,
                                             GError                   **error);
/* On a thread of GTask's pool; progress arrives on the caller's main
 * context, so progress_data must live until the callback. */
void            mr_verify_path_async        (const char                *path,
                                             const MrVerifyExpectation *expected,
                                             MrSha256ProgressFunc       progress,
                                             gpointer                   progress_data,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data);
MrVerifyResult *mr_verify_path_finish       (GAsyncResult              *result,
                                             GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrVerifyExpectation, mr_verify_expectation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrVerifyResult, mr_verify_result_unref)

G_END_DECLS
