/* mr-submit-dialog.h — the "Submit for Approval" form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window that shows the policy flags of the chosen uses as they
 * are ticked, asks for a written justification when one is blocking,
 * keeps Submit disabled until the workflow would accept the request,
 * submits through the repository and emits "submitted" with the stored
 * record before it closes.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_SUBMIT_DIALOG (mr_submit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrSubmitDialog, mr_submit_dialog, MR, SUBMIT_DIALOG, AdwWindow)

/* record: the full record to submit; framework: the one in force. */
MrSubmitDialog *mr_submit_dialog_new            (GtkWindow      *parent,
                                                 MrRepository   *repository,
                                                 MrFramework    *framework,
                                                 MrModelRecord  *record);
/* TRUE when the workflow would accept the request as filled in. */
gboolean        mr_submit_dialog_get_can_submit (MrSubmitDialog *self);

G_END_DECLS
