/* mr-cli-verify.h — the verify command: check weights files on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-cli-private.h"
#include "mr-verify.h"

G_BEGIN_DECLS

gboolean       mr_cli_run_verify        (MrCli *cli, int argc, char **argv, GError **error);

/* add --file: verifies path (a GGUF file or a safetensors folder) and
 * returns a new entry filled from its headers, with the verification in
 * *out_result and its start in *out_started_at, for
 * mr_cli_verify_store_check() once the entry is stored.  A file that is
 * not weights, or does not parse, is an error. */
MrModelRecord *mr_cli_verify_draft      (const char       *path,
                                         MrVerifyResult  **out_result,
                                         gint64           *out_started_at,
                                         GError          **error);
/* Stores the verification of model_id's files at path as its check:
 * result, or run_error when it could not run. */
gboolean       mr_cli_verify_store_check (MrCli                 *cli,
                                          gint64                 model_id,
                                          const char            *path,
                                          gint64                 started_at,
                                          const MrVerifyResult  *result,
                                          const GError          *run_error,
                                          GError               **error);

G_END_DECLS
