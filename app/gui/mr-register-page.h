/* mr-register-page.h — the register: searchable list | detail leaflet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model chain: MrRegister (MrAiModel) → GtkSortListModel (the column view's
 * sorter) → MrFilterModel (a GtkCustomFilter: search and filters) →
 * GtkSingleSelection.  Filtering sits above sorting so that a keystroke
 * never re-sorts; see mr-filter-model.h for why it is not
 * GtkFilterListModel.
 */
#pragma once

#include <adwaita.h>

#include "mr-ai-model.h"
#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_REGISTER_PAGE (mr_register_page_get_type ())
G_DECLARE_FINAL_TYPE (MrRegisterPage, mr_register_page, MR, REGISTER_PAGE, AdwBin)

GtkWidget  *mr_register_page_new              (void);

/* Lists every entry of repository (summaries) and shows them; the page
 * then saves, deletes, imports and exports through it. */
void        mr_register_page_load_async       (MrRegisterPage      *self,
                                               MrRepository        *repository,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    mr_register_page_load_finish      (MrRegisterPage      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Lists the repository again (after a change made elsewhere, such as a
 * new framework); errors are presented. */
void        mr_register_page_reload           (MrRegisterPage      *self);
/* The framework the detail pane's policy group evaluates under. */
void        mr_register_page_set_framework    (MrRegisterPage      *self,
                                               MrFramework         *framework);
/* What mr_register_page_load_async() does in two steps, for summaries
 * already read: the page saves, deletes, imports and exports through
 * repository, and shows records (MrModelRecord).  Benchmarks show records
 * without a repository. */
void        mr_register_page_set_repository   (MrRegisterPage      *self,
                                               MrRepository        *repository);
void        mr_register_page_set_records      (MrRegisterPage      *self,
                                               GPtrArray           *records);

/* The entries shown after search and filters, in display order. */
GListModel *mr_register_page_get_visible      (MrRegisterPage      *self);
guint       mr_register_page_get_n_total      (MrRegisterPage      *self);
/* Puts text in the search entry and filters at once, without the entry's
 * typing delay. */
void        mr_register_page_search           (MrRegisterPage      *self,
                                               const char          *text);
void        mr_register_page_select           (MrRegisterPage      *self,
                                               guint                position);
gboolean    mr_register_page_get_can_go_back  (MrRegisterPage      *self);
void        mr_register_page_go_back          (MrRegisterPage      *self);

void        mr_register_page_add_model        (MrRegisterPage      *self);
/* Opens the Add form pre-filled with draft (id 0); saving stores it with
 * snapshot, the source's answer it was filled from. */
void        mr_register_page_add_draft        (MrRegisterPage      *self,
                                               MrModelRecord       *draft,
                                               MrSnapshot          *snapshot);
/* Shows record, changed elsewhere (a refresh), in place of its entry. */
void        mr_register_page_apply_record     (MrRegisterPage      *self,
                                               MrModelRecord       *record);
/* Borrowed; NULL when nothing is selected. */
MrAiModel  *mr_register_page_get_selected     (MrRegisterPage      *self);
void        mr_register_page_import           (MrRegisterPage      *self);
void        mr_register_page_export           (MrRegisterPage      *self);

G_END_DECLS
