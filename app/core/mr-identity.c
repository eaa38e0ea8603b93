/* mr-identity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled twice: into the core library without MR_TEST_BUILD (what ships)
 * and into a test-only library with it (tests/workflow/meson.build).  Keep
 * nothing else in this file: a test program links the test variant ahead
 * of the core library, which must then have no reason to pull in its own.
 */
#define G_LOG_DOMAIN "mr-identity"

#include "config.h"

#include "mr-identity.h"

const char *
mr_identity_get_actor (void)
{
#ifdef MR_TEST_BUILD
  /* Lets one test process play the submitter and another the reviewer. */
  const char *override = g_getenv ("MODEL_REGISTER_TEST_ACTOR");

  if (override != NULL && *override != '\0')
    return override;
#endif
  return g_get_user_name ();
}

char *
mr_identity_dup_display_text (const char *display_name)
{
  const char *actor = mr_identity_get_actor ();

  if (display_name == NULL || *display_name == '\0' || g_strcmp0 (display_name, actor) == 0)
    return g_strdup (actor);
  return g_strdup_printf ("%s (%s)", display_name, actor);
}
