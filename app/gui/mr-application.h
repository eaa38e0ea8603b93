/* mr-application.h — the GNOME application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_APPLICATION (mr_application_get_type ())
G_DECLARE_FINAL_TYPE (MrApplication, mr_application, MR, APPLICATION, AdwApplication)

MrApplication *mr_application_new (void);

G_END_DECLS
