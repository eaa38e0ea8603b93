/* mr-framework-window.h — the governance framework in force, for reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the framework's name and where it was loaded from, and per risk
 * tier, then per use with a rule of its own, what a model must show.
 * "Load…" lets the user pick a framework file and emits "file-chosen";
 * the main window validates and applies it, then calls
 * mr_framework_window_set_framework().
 */
#pragma once

#include <adwaita.h>

#include "mr-framework.h"

G_BEGIN_DECLS

#define MR_TYPE_FRAMEWORK_WINDOW (mr_framework_window_get_type ())
G_DECLARE_FINAL_TYPE (MrFrameworkWindow, mr_framework_window, MR, FRAMEWORK_WINDOW, AdwWindow)

MrFrameworkWindow *mr_framework_window_new           (GtkWindow         *parent);
/* path: the file it came from, or NULL for the shipped framework. */
void               mr_framework_window_set_framework (MrFrameworkWindow *self,
                                                      MrFramework       *framework,
                                                      const char        *path);

G_END_DECLS
