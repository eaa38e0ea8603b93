/* mr-component-dialog.h — review or correct one evidence component
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal form: availability, licence, link and "Verified".  Saving
 * stores an edited copy of the record through the repository (the store
 * records the change in the audit trail) and emits "saved" with the
 * stored record before the window closes.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_COMPONENT_DIALOG (mr_component_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrComponentDialog, mr_component_dialog, MR, COMPONENT_DIALOG, AdwWindow)

/* record: the full, stored record. */
MrComponentDialog *mr_component_dialog_new (GtkWindow       *parent,
                                            MrRepository    *repository,
                                            MrModelRecord   *record,
                                            MrComponentKind  kind);

G_END_DECLS
