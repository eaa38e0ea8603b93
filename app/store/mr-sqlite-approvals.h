/* mr-sqlite-approvals.h — approval requests and decisions (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function runs inside the caller's write transaction (readers
 * inside or outside one), so that a step of the workflow, the entry's new
 * status and its audit entry are stored together or not at all.  The
 * rules are mr-workflow.h's; this is where they cannot be bypassed.
 */
#pragma once

#include <sqlite3.h>

#include "mr-workflow.h"

G_BEGIN_DECLS

/* Takes @action on @entry (as stored, read in this transaction): checks
 * the transition, the input and separation of duties, records the request
 * or decision against entry->revision, sets the status and appends the
 * audit entry.  @framework names the framework in force.  An approval
 * without a review date of its own falls due at the earlier of the date
 * the request asked for and @due (0: none). */
gboolean   mr_sqlite_approvals_act          (sqlite3                *db,
                                             const char             *path,
                                             const MrModelRecord    *entry,
                                             MrWorkflowAction        action,
                                             const MrWorkflowInput  *input,
                                             const char             *actor,
                                             const char             *framework,
                                             gint64                  now,
                                             gint64                  due,
                                             GError                **error);

/* An edit through save_model never changes the status itself: returns
 * @record (a new reference) when its status is the stored one, else a copy
 * carrying the stored status, or "submitted" when the stored entry is
 * approved (the edit is a new version that needs a new approval; call
 * mr_sqlite_approvals_after_edit() once it is saved).  *out_stored is the
 * stored status. */
MrModelRecord *mr_sqlite_approvals_guard_edit (sqlite3              *db,
                                               const char           *path,
                                               MrModelRecord        *record,
                                               MrStatus             *out_stored,
                                               GError              **error);
/* Opens the request for the edited revision of a formerly approved entry
 * (origin "edit-approved"), with its own audit entry naming the revision
 * the approval still applies to.  Does nothing for other edits. */
gboolean   mr_sqlite_approvals_after_edit   (sqlite3                *db,
                                             const char             *path,
                                             MrStatus                stored,
                                             const MrModelRecord    *saved,
                                             const char             *actor,
                                             const char             *framework,
                                             gint64                  now,
                                             GError                **error);

/* Ids (gint64) of the approved entries whose review date is before @now. */
GArray    *mr_sqlite_approvals_list_overdue (sqlite3                *db,
                                             const char             *path,
                                             gint64                  now,
                                             GError                **error);

/* The reasons (JSON objects) the store gives when it sends an approved
 * entry back for review by itself. */
char      *mr_sqlite_approvals_overdue_reason   (gint64               now);
char      *mr_sqlite_approvals_framework_reason (const char          *framework,
                                                 MrFlagSeverity       old_worst,
                                                 guint                old_n_flags,
                                                 const MrModelRecord *entry);

/* The approval history (MrApprovalEvent) of one entry, or of all entries
 * when @model_id is 0, oldest first. */
GPtrArray *mr_sqlite_approvals_list         (sqlite3                *db,
                                             const char             *path,
                                             gint64                  model_id,
                                             GError                **error);

G_END_DECLS
