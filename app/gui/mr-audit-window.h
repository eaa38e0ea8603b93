/* mr-audit-window.h — the whole audit trail, filtered, and its verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_AUDIT_WINDOW (mr_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (MrAuditWindow, mr_audit_window, MR, AUDIT_WINDOW, AdwWindow)

/* Lists every entry at once; "Verify Chain" recomputes the hash chain. */
MrAuditWindow *mr_audit_window_new        (GtkWindow     *parent,
                                           MrRepository  *repository);
/* Shows the entries whose action is action (NULL: all) and whose actor
 * contains actor (NULL or "": all). */
void           mr_audit_window_set_filter (MrAuditWindow *self,
                                           const char    *action,
                                           const char    *actor);
guint          mr_audit_window_get_n_shown (MrAuditWindow *self);
/* Starts the verification; the result is shown as the window's status. */
void           mr_audit_window_verify     (MrAuditWindow *self);
/* The status line: "Audit trail intact: 12 entries" or the first broken
 * entry; NULL before a verification finished. */
const char    *mr_audit_window_get_status (MrAuditWindow *self);

G_END_DECLS
