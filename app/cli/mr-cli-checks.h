/* mr-cli-checks.h — the checks command, and storing the checks of verify and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-cli-private.h"

G_BEGIN_DECLS

gboolean mr_cli_run_checks  (MrCli *cli, int argc, char **argv, GError **error);

/* Stores what a verify or check of model_id found: result_json with
 * status, or run_error when it could not run (stored as an "error"
 * check).  The check started at started_at and ends now. */
gboolean mr_cli_store_check (MrCli          *cli,
                             gint64          model_id,
                             MrCheckKind     kind,
                             const char     *inputs_json,
                             gint64          started_at,
                             MrCheckStatus   status,
                             const char     *result_json,
                             const GError   *run_error,
                             GError        **error);

G_END_DECLS
