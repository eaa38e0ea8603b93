/* mr-debug-hooks.h — screenshots, start-up timing and demo states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests, benchmarks and documentation drive the app through environment
 * variables, all read in mr-debug-hooks.c.
 */
#pragma once

#include <gtk/gtk.h>

#include "mr-window.h"

G_BEGIN_DECLS

/* Notes the process start so start-up time can be reported; call first. */
void     mr_debug_hooks_init            (void);
/* Called once the window shows the loaded register. */
void     mr_debug_hooks_window_loaded   (MrWindow   *window);
/* Renders widget as GTK draws it and writes a PNG. */
gboolean mr_debug_hooks_save_screenshot (GtkWidget  *widget,
                                         const char *path,
                                         GError    **error);

G_END_DECLS
