/* test-token-store.c — where the Hub token comes from, and not waiting for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No Secret Service can be relied on in a test run, so these check the
 * order (HF_TOKEN first) and that a missing or silent session bus costs no
 * more than the timeout.  Each case runs in a subprocess: the session bus
 * address is read once per process.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mr-token-store.h"

#define ENDPOINT "https://huggingface.co"

/* A session bus address at which nothing listens. */
static void
set_missing_bus (void)
{
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "no-bus", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", path, NULL);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
}

static void
test_hf_token_wins (void)
{
  g_autofree char *token = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  set_missing_bus ();
  g_setenv ("HF_TOKEN", "hf_from_environment", TRUE);
  token = mr_token_store_resolve (ENDPOINT, MR_TOKEN_STORE_TIMEOUT_MS);
  g_assert_cmpstr (token, ==, "hf_from_environment");
}

static void
test_no_service_no_delay (void)
{
  g_autofree char *token = NULL;
  gint64 start;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  set_missing_bus ();
  /* An empty HF_TOKEN is no token. */
  g_setenv ("HF_TOKEN", "", TRUE);
  start = g_get_monotonic_time ();
  token = mr_token_store_resolve (ENDPOINT, MR_TOKEN_STORE_TIMEOUT_MS);
  g_assert_null (token);
  g_assert_cmpint (g_get_monotonic_time () - start, <, MR_TOKEN_STORE_TIMEOUT_MS * 1000 / 2);
}

/* A bus that takes the connection and never answers (the kernel accepts
 * into the backlog; nobody reads): the lookup is given up at the timeout. */
static void
test_silent_bus_times_out (void)
{
  g_autofree char *path = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gint64 start;
  gint64 elapsed;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  path = g_build_filename (g_get_user_runtime_dir (), "silent-bus", NULL);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  socket_address = g_unix_socket_address_new (path);
  g_assert_true (g_socket_bind (socket, socket_address, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  address = g_strconcat ("unix:path=", path, NULL);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_unsetenv ("HF_TOKEN");

  start = g_get_monotonic_time ();
  token = mr_token_store_resolve (ENDPOINT, 300);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (token);
  g_assert_cmpint (elapsed, >=, 250 * 1000);
  g_assert_cmpint (elapsed, <, 1500 * 1000);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/token-store/hf-token-wins", test_hf_token_wins);
  g_test_add_func ("/token-store/no-service-no-delay", test_no_service_no_delay);
  g_test_add_func ("/token-store/silent-bus-times-out", test_silent_bus_times_out);
  return g_test_run ();
}
