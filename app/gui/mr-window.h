/* mr-window.h — the main window: header bar, toasts, register page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mr-job-manager.h"
#include "mr-register-page.h"
#include "mr-repository.h"

G_BEGIN_DECLS

#define MR_TYPE_WINDOW (mr_window_get_type ())
G_DECLARE_FINAL_TYPE (MrWindow, mr_window, MR, WINDOW, AdwApplicationWindow)

MrWindow       *mr_window_new               (GtkApplication *application);
/* Loads the register into the window; until then it shows a spinner. */
void            mr_window_set_repository    (MrWindow       *self,
                                             MrRepository   *repository);
/* The same with the register's summaries already read (see
 * mr_repository_open_listed_async()): shows them at once. */
void            mr_window_show_register     (MrWindow       *self,
                                             MrRepository   *repository,
                                             GPtrArray      *records);
/* The register at path could not be opened: says why and what to do. */
void            mr_window_show_open_error   (MrWindow       *self,
                                             const char     *path,
                                             const GError   *error);
/* The jobs whose progress the header bar shows and that refreshes and
 * imports from the Hub run through. */
void            mr_window_set_job_manager   (MrWindow       *self,
                                             MrJobManager   *manager);
/* Refreshing and adding from the Hub and Ollama; declared in
 * mr-job-actions.h, which includes this header. */
typedef struct _MrJobActions MrJobActions;
MrJobActions   *mr_window_get_job_actions   (MrWindow       *self);
/* TRUE once the register's list is shown. */
gboolean        mr_window_get_loaded        (MrWindow       *self);
MrRegisterPage *mr_window_get_register_page (MrWindow       *self);

/* The governance framework in force (the shipped one until another is
 * loaded), and the file it came from (NULL for the shipped one). */
MrFramework    *mr_window_get_framework      (MrWindow       *self);
const char     *mr_window_get_framework_path (MrWindow       *self);
/* Validates file off the main thread; when valid, makes it the store's
 * framework (re-evaluating every entry), remembers its path in the
 * framework-file setting and lists the register again.  On any error the
 * framework in force stays. */
void            mr_window_load_framework_async  (MrWindow            *self,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        mr_window_load_framework_finish (MrWindow            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Takes ownership of toast; its title is markup. */
void            mr_window_add_toast         (MrWindow       *self,
                                             AdwToast       *toast);
/* text is plain: it is escaped here. */
void            mr_window_add_toast_text    (MrWindow       *self,
                                             const char     *text);

G_END_DECLS
