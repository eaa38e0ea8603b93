/* mr-model-editor.h — the Add / Edit model form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window that validates as the user types, keeps Save disabled
 * until the entry is valid, saves through the repository and emits
 * "saved" with the stored record before it closes.
 */
#pragma once

#include <adwaita.h>

#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_MODEL_EDITOR (mr_model_editor_get_type ())
G_DECLARE_FINAL_TYPE (MrModelEditor, mr_model_editor, MR, MODEL_EDITOR, AdwWindow)

/* record: the full record to edit, or NULL to add a new model; a record
 * not yet stored (id 0) pre-fills the form of a new model. */
MrModelEditor *mr_model_editor_new          (GtkWindow     *parent,
                                             MrRepository  *repository,
                                             MrModelRecord *record);
/* Adds draft (id 0), filled from a source, and stores it with snapshot,
 * the source's answer it was filled from. */
MrModelEditor *mr_model_editor_new_with_snapshot (GtkWindow     *parent,
                                                  MrRepository  *repository,
                                                  MrModelRecord *draft,
                                                  MrSnapshot    *snapshot);
/* TRUE when the form is valid and differs from what was opened. */
gboolean       mr_model_editor_get_can_save (MrModelEditor *self);

G_END_DECLS
