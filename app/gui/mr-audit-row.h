/* mr-audit-row.h — one audit entry as a list row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the detail pane's History group and the Audit Trail window so
 * that an entry reads the same in both: the action in words, who and when,
 * and a short summary taken from what the entry recorded.
 */
#pragma once

#include <adwaita.h>

#include "mr-audit-record.h"

G_BEGIN_DECLS

/* "Approved", "Changes requested"…; an unknown action as stored. */
const char *mr_audit_row_action_title (const char          *action);
/* The comment or reason the entry recorded, else its resulting status;
 * NULL when it recorded neither. */
char       *mr_audit_row_dup_summary  (const MrAuditRecord *record);
/* An AdwActionRow; plain text throughout. */
GtkWidget  *mr_audit_row_new          (const MrAuditRecord *record);

G_END_DECLS
