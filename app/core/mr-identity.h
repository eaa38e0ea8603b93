/* mr-identity.h — who is acting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actor recorded in the audit trail and checked for separation of
 * duties is the operating-system user; the display name (a preference) is
 * only shown next to it.  There is deliberately no way for a user to claim
 * another identity: a test build (MR_TEST_BUILD, see
 * tests/workflow/README.md) alone reads an override from the environment.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The login name of the acting person; owned by GLib, never NULL. */
const char *mr_identity_get_actor        (void);
/* "Display Name (login)" for the UI and reports, or the login alone when
 * @display_name is NULL or empty. */
char       *mr_identity_dup_display_text (const char *display_name);

G_END_DECLS
