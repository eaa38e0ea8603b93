/* mr-cli-refresh.h — the commands that talk to the Hub and Ollama
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * refresh and history (the metadata snapshots), and the hooks behind
 * `add --hf` and `import --hf-author`.  The Hub endpoint is --hf-endpoint, else $HF_ENDPOINT,
 * else huggingface.co; the token is $HF_TOKEN (never printed); Ollama is
 * found through $OLLAMA_HOST.
 */
#pragma once

#include "mr-cli-private.h"
#include "mr-snapshot.h"

G_BEGIN_DECLS

gboolean       mr_cli_run_refresh       (MrCli *cli, int argc, char **argv, GError **error);
gboolean       mr_cli_run_history       (MrCli *cli, int argc, char **argv, GError **error);

/* add --hf: the pre-filled record of repo_id and its snapshot. */
MrModelRecord *mr_cli_fetch_hub_draft   (const char   *repo_id,
                                         const char   *endpoint,
                                         MrSnapshot  **out_snapshot,
                                         GError      **error);
/* import --hf-author: imports author's models and prints how many. */
gboolean       mr_cli_import_hub_author (MrCli        *cli,
                                         const char   *author,
                                         const char   *endpoint,
                                         GError      **error);

G_END_DECLS
