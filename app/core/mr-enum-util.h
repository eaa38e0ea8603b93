/* mr-enum-util.h — enum values ↔ their stable nicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick is interned by GObject; never NULL for a valid value. */
const char *mr_enum_to_nick   (GType       enum_type,
                               int         value);
gboolean    mr_enum_from_nick (GType       enum_type,
                               const char *nick,
                               int        *out_value);

G_END_DECLS
