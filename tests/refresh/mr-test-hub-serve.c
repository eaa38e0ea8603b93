/* mr-test-hub-serve.c — the loopback Hub as a program, for the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints its base URL on a line of its own, then serves tests/data/hub/
 * until standard input closes (the test that started it is gone) or it is
 * killed.  --relicense serves openai-community/gpt2 under apache-2.0.
 */
#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "mr-test-hub-server.h"

#define GPT2_INFO "/api/models/openai-community/gpt2"
#define GPT2_README "/openai-community/gpt2/resolve/607a30d783dfa663caf39e06633721c8d4cfcd7e/README.md"

static void
on_stdin_closed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

static char *
relicensed_info (GError **error)
{
  g_autofree char *path = g_build_filename (MR_TEST_HUB_DATA, "openai-community__gpt2.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) tag_parts = NULL;
  g_autofree char *retagged = NULL;
  g_auto(GStrv) card_parts = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  tag_parts = g_strsplit (text, "\"license:mit\"", -1);
  retagged = g_strjoinv ("\"license:apache-2.0\"", tag_parts);
  card_parts = g_strsplit (retagged, "\"license\": \"mit\"", -1);
  return g_strjoinv ("\"license\": \"apache-2.0\"", card_parts);
}

int
main (int   argc,
      char *argv[])
{
  gboolean relicense = FALSE;
  GOptionEntry entries[] = {
    { "relicense", 0, 0, G_OPTION_ARG_NONE, &relicense, "Serve gpt2 under apache-2.0", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrTestHubServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  char buffer[64];

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("mr-test-hub-serve: %s\n", error->message);
      return 2;
    }
  mr_test_hub_server_prepare_environment ();
  server = mr_test_hub_server_new ();
  if (relicense)
    {
      g_autofree char *info = relicensed_info (&error);

      if (info == NULL)
        {
          g_printerr ("mr-test-hub-serve: %s\n", error->message);
          return 1;
        }
      mr_test_hub_server_add_fault (server, GPT2_INFO, MR_TEST_FAULT_BODY, 0, info);
      mr_test_hub_server_add_fault (server, GPT2_README, MR_TEST_FAULT_BODY, 0,
                                    "---\nlicense: apache-2.0\n---\n# GPT-2\n");
    }
  printf ("%s\n", mr_test_hub_server_get_base (server));
  fflush (stdout);

  g_input_stream_read_async (in, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL,
                             on_stdin_closed, loop);
  g_main_loop_run (loop);
  return 0;
}
