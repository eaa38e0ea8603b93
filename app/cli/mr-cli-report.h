/* mr-cli-report.h — the report command: governance, factsheet, inventory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-cli-private.h"

G_BEGIN_DECLS

gboolean mr_cli_run_report (MrCli *cli, int argc, char **argv, GError **error);

G_END_DECLS
