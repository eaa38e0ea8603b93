/* mr-cli-workflow.h — approval decisions, approval history, audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-cli-private.h"

G_BEGIN_DECLS

/* submit, approve, reject, request-changes and retire: the command's name
 * is the workflow action. */
gboolean mr_cli_run_workflow (MrCli *cli, int argc, char **argv, GError **error);
gboolean mr_cli_run_approvals (MrCli *cli, int argc, char **argv, GError **error);
/* audit verify | export | list [ID] */
gboolean mr_cli_run_audit    (MrCli *cli, int argc, char **argv, GError **error);

G_END_DECLS
