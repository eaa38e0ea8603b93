/* mr-time-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-time-util"

#include "config.h"

#include "mr-time-util.h"

char *
mr_time_to_iso8601 (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_utc);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
is_bare_date (const char *text)
{
  static const char shape[] = "dddd-dd-dd";

  for (guint i = 0; i < sizeof shape - 1; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
        return FALSE;
    }
  return text[sizeof shape - 1] == '\0';
}

gboolean
mr_time_from_iso8601 (const char *text,
                      gint64     *out_unix_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  if (text == NULL)
    return FALSE;
  /* Spreadsheets often hold plain dates; GLib insists on a time. */
  if (is_bare_date (text))
    text = full = g_strconcat (text, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *out_unix_utc = g_date_time_to_unix (dt);
  return TRUE;
}
