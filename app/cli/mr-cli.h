/* mr-cli.h — the headless command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes scripts can rely on. */
#define MR_CLI_EXIT_OK          0
#define MR_CLI_EXIT_USER_ERROR  1   /* bad input, missing entry, refused action */
#define MR_CLI_EXIT_USAGE       2   /* unknown command or option */
#define MR_CLI_EXIT_FLAGGED     3   /* evaluate --fail-on: a flag that severe */

/* TRUE when arg is a word rather than an option: the CLI then runs it as a
 * command (an unknown one is a usage error, exit 2). */
gboolean mr_cli_is_command (const char *arg);
int      mr_cli_main       (int         argc,
                            char      **argv);

G_END_DECLS
