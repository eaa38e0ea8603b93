/* mr-register.h — the register's entries as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of MrAiModel kept in id order, backed by an array so that
 * g_list_model_get_item() is O(1): the sort and filter models above it
 * fetch items by position on every keystroke.  Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "mr-ai-model.h"

G_BEGIN_DECLS

#define MR_TYPE_REGISTER (mr_register_get_type ())
G_DECLARE_FINAL_TYPE (MrRegister, mr_register, MR, REGISTER, GObject)

MrRegister *mr_register_new          (void);
/* Replaces every entry with models made from records (MrModelRecord),
 * which are in id order, as the store lists them. */
void        mr_register_set_records  (MrRegister    *self,
                                      GPtrArray     *records);
/* The entry with record->id is updated, or a new one inserted in id order;
 * returns it (borrowed). */
MrAiModel  *mr_register_apply        (MrRegister    *self,
                                      MrModelRecord *record);
/* Returns TRUE when an entry with id was there. */
gboolean    mr_register_remove       (MrRegister    *self,
                                      gint64         id);
/* Borrowed; NULL when no entry has id. */
MrAiModel  *mr_register_find         (MrRegister    *self,
                                      gint64         id);

G_END_DECLS
