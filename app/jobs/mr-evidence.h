/* mr-evidence.h — laying collected evidence onto a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Evidence gathered by a refresh is provisional (verified FALSE).  It never
 * replaces a component a reviewer has verified, and a refresh first forgets
 * what the same source said last time, so that evidence the source no
 * longer shows (weights removed, a paper link dropped) does not linger.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* Unverified components last set by source go back to UNKNOWN. */
void     mr_evidence_forget   (MrModelRecord    *record,
                               MrEvidenceSource  source);
/* Sets the component unless it is verified; FALSE when it was kept. */
gboolean mr_evidence_apply    (MrModelRecord    *record,
                               MrComponentKind   kind,
                               MrAvailability    availability,
                               const char       *link,
                               MrEvidenceSource  source);

G_END_DECLS
