/* mr-use-picker.h — choosing an entry's intended uses from the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per EU AI Act tier, with the tier in its title and a
 * check row per use: the ids stored are always catalogue ids.  Ids that
 * are not in the catalogue (from an import) are kept as they were.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_USE_PICKER (mr_use_picker_get_type ())
G_DECLARE_FINAL_TYPE (MrUsePicker, mr_use_picker, MR, USE_PICKER, AdwPreferencesGroup)

GtkWidget *mr_use_picker_new      (void);
/* Does not emit "changed". */
void       mr_use_picker_set_uses (MrUsePicker        *self,
                                   const char * const *ids);
/* The ids set that are still chosen (unknown ones always are), in their
 * order, then the newly chosen in catalogue order. */
GStrv      mr_use_picker_dup_uses (MrUsePicker        *self);
/* Ticks or unticks one use by id; FALSE when it is not in the catalogue. */
gboolean   mr_use_picker_set_use_active (MrUsePicker *self,
                                         const char  *id,
                                         gboolean     active);

G_END_DECLS
