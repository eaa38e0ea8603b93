/* mr-evidence-group.h — the detail pane's "Evidence" group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 17 MOF components of an entry as rows: availability, the licence as
 * stated, whether MOF counts it open, where the evidence came from and
 * whether a person has verified it.  Each row's edit button emits
 * "edit-component"; the owner opens the editor.
 */
#pragma once

#include <adwaita.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

#define MR_TYPE_EVIDENCE_GROUP (mr_evidence_group_get_type ())
G_DECLARE_FINAL_TYPE (MrEvidenceGroup, mr_evidence_group, MR, EVIDENCE_GROUP, AdwPreferencesGroup)

GtkWidget *mr_evidence_group_new        (void);
/* record: the full record, or NULL while it loads (rows insensitive). */
void       mr_evidence_group_set_record (MrEvidenceGroup *self,
                                         MrModelRecord   *record);

G_END_DECLS
