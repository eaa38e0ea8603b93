/* mr-review-pane.h — deciding on one approval request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request (uses, submitter, justifications, what changed since the
 * last approval), the evidence under the framework in force, and the
 * decision with its comment, conditions and next review date.  Refusals
 * from the store (separation of duties, a missing reason) go through
 * mr-error-presenter.  Emits "decided" with the stored record.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_REVIEW_PANE (mr_review_pane_get_type ())
G_DECLARE_FINAL_TYPE (MrReviewPane, mr_review_pane, MR, REVIEW_PANE, AdwBin)

GtkWidget *mr_review_pane_new            (void);
void       mr_review_pane_set_repository (MrReviewPane  *self,
                                          MrRepository  *repository);
void       mr_review_pane_set_framework  (MrReviewPane  *self,
                                          MrFramework   *framework);
/* record: the entry as listed, or NULL for none; events: its approval
 * history (MrApprovalEvent, oldest first).  Loads the full record. */
void       mr_review_pane_set_request    (MrReviewPane  *self,
                                          MrModelRecord *record,
                                          GPtrArray     *events);
/* The entry shown, or NULL. */
MrModelRecord *mr_review_pane_get_record (MrReviewPane  *self);

G_END_DECLS
