/* mr-approvals-page.h — the review queue | review form leaflet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entries waiting for a decision (submitted, sent back for re-review,
 * and among them those past their requested review date), with counts per
 * state and a filter; selecting one opens the review form beside it.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_APPROVALS_PAGE (mr_approvals_page_get_type ())
G_DECLARE_FINAL_TYPE (MrApprovalsPage, mr_approvals_page, MR, APPROVALS_PAGE, AdwBin)

typedef enum {
  MR_QUEUE_FILTER_ALL,
  MR_QUEUE_FILTER_SUBMITTED,
  MR_QUEUE_FILTER_REREVIEW,
  MR_QUEUE_FILTER_OVERDUE,
} MrQueueFilter;

GtkWidget *mr_approvals_page_new            (void);
/* Lists the queue when the page is shown, each time it is shown. */
void       mr_approvals_page_set_repository (MrApprovalsPage *self,
                                             MrRepository    *repository);
void       mr_approvals_page_set_framework  (MrApprovalsPage *self,
                                             MrFramework     *framework);
void       mr_approvals_page_refresh        (MrApprovalsPage *self);
/* TRUE while the queue loads. */
gboolean   mr_approvals_page_get_loading    (MrApprovalsPage *self);
void       mr_approvals_page_set_filter     (MrApprovalsPage *self,
                                             MrQueueFilter    filter);
/* The rows shown under the filter. */
guint      mr_approvals_page_get_n_shown    (MrApprovalsPage *self);
/* Opens the review form on the position-th row shown. */
void       mr_approvals_page_select         (MrApprovalsPage *self,
                                             guint            position);
GtkWidget *mr_approvals_page_get_review_pane (MrApprovalsPage *self);
/* Opens the Audit Trail window and returns it. */
GtkWindow *mr_approvals_page_show_audit     (MrApprovalsPage *self);

G_END_DECLS
