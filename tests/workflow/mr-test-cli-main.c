/* mr-test-cli-main.c — the command line, linked with the test-only identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same mr_cli_main() as model-register, in a program that honours
 * MODEL_REGISTER_TEST_ACTOR, so that test-workflow-cli.py can play a
 * submitter and a reviewer.  Never installed.
 */
#include "config.h"

#include <locale.h>

#include "mr-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    return MR_CLI_EXIT_USAGE;
  return mr_cli_main (argc, argv);
}
