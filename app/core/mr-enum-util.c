/* mr-enum-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-enum-util.h"

const char *
mr_enum_to_nick (GType enum_type,
                 int   value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  /* Enum classes are never finalised, so the nick outlives the unref. */
  g_type_class_unref (klass);
  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
mr_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *out_value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);
  if (ev == NULL)
    return FALSE;
  *out_value = ev->value;
  return TRUE;
}
