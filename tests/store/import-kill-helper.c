/* import-kill-helper.c — imports generated entries into a register, saying how far it got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: import-kill-helper REGISTER N_ENTRIES
 * Prints "progress FRACTION" lines while the import runs and "done" when it
 * committed; test-import-kill kills it in between.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  printf ("progress %.3f\n", fraction);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MrStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s REGISTER N_ENTRIES\n", argv[0]);
      return EXIT_FAILURE;
    }
  store = mr_sqlite_store_open (argv[1], &error);
  if (store != NULL)
    {
      records = mr_store_test_records_new (g_ascii_strtoull (argv[2], NULL, 10));
      mr_store_import_models (store, records, "helper", "import-kill-helper",
                              print_progress, NULL, NULL, &error);
    }
  if (error != NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  printf ("done\n");
  return EXIT_SUCCESS;
}
