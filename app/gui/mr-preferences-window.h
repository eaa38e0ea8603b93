/* mr-preferences-window.h — the application's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key, so changes apply at once.  The
 * framework file is shown, not typed: a new one is loaded (and validated)
 * from the governance framework window.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_PREFERENCES_WINDOW (mr_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MrPreferencesWindow, mr_preferences_window, MR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* settings: the application's (schema APP_ID). */
MrPreferencesWindow *mr_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

G_END_DECLS
