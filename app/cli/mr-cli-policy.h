/* mr-cli-policy.h — the commands that apply the policy: mof and evaluate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-cli-private.h"

G_BEGIN_DECLS

#define MR_CLI_POLICY_ERROR (mr_cli_policy_error_quark ())

typedef enum {
  /* evaluate --fail-on found a flag that severe: exit MR_CLI_EXIT_FLAGGED */
  MR_CLI_POLICY_ERROR_FLAGGED,
} MrCliPolicyError;

GQuark   mr_cli_policy_error_quark (void);

gboolean mr_cli_run_mof            (MrCli *cli, int argc, char **argv, GError **error);
gboolean mr_cli_run_evaluate       (MrCli *cli, int argc, char **argv, GError **error);

G_END_DECLS
