/* main.c — one executable: the GNOME app, or the headless CLI when given a command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mr-application.h"
#include "mr-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MrApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* MODEL_REGISTER_LOCALEDIR overrides the installed catalogues, so that an
   * uninstalled build (and its tests) can run translated: point it at the
   * build directory's po/, where LANG/LC_MESSAGES/model-register.mo are made. */
  localedir = g_getenv ("MODEL_REGISTER_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command runs headless: GTK is never initialised, so no display is needed. */
  if (argc > 1 && mr_cli_is_command (argv[1]))
    return mr_cli_main (argc, argv);

  app = mr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
