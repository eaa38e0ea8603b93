/* mr-time-util.h — Unix times ↔ ISO 8601 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files carry times as ISO 8601 in UTC ("2026-11-25T12:00:00Z"); records
 * carry Unix seconds.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when the time is outside the range GDateTime can represent. */
char     *mr_time_to_iso8601   (gint64      unix_utc);
/* Accepts any ISO 8601 date and time GLib understands (a missing offset
 * means UTC) and a bare date ("2026-11-25", taken as midnight UTC). */
gboolean  mr_time_from_iso8601 (const char *text,
                                gint64     *out_unix_utc);

G_END_DECLS
