/* mr-hub-add-dialog.h — "Add from Hugging Face": a repo id, then the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for a repository id (owner/name, checked as typed), fetches what the
 * Hub says about it, and emits "draft-ready" with the mapped record and the
 * snapshot it came from before it closes.  Errors stay in the dialog, in
 * the error presenter's words, so the user can correct the id.
 */
#pragma once

#include <adwaita.h>

#include "mr-hub-client.h"

G_BEGIN_DECLS

#define MR_TYPE_HUB_ADD_DIALOG (mr_hub_add_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrHubAddDialog, mr_hub_add_dialog, MR, HUB_ADD_DIALOG, AdwWindow)

MrHubAddDialog *mr_hub_add_dialog_new     (GtkWindow      *parent,
                                           MrHubClient    *hub);
/* Puts repo_id in the entry and fetches it, as the Fetch button does. */
void            mr_hub_add_dialog_fetch   (MrHubAddDialog *self,
                                           const char     *repo_id);

G_END_DECLS
