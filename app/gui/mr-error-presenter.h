/* mr-error-presenter.h — the one place where errors become sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lower layers report MR_STORE_ERROR, MR_PARSE_ERROR, MR_VALIDATION_ERROR,
 * MR_WORKFLOW_ERROR, MR_NETWORK_ERROR and G_IO_ERROR with messages that
 * name the file, line, field or model; this module adds what the user can
 * do about it and picks the form: a toast for passing trouble, a dialog
 * when the user has to act.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What went wrong and what to do, as plain text (never markup); NULL for
 * a cancellation, which is not an error to the user. */
char    *mr_error_presenter_format      (const GError *error);
/* TRUE for errors that deserve a dialog rather than a toast. */
gboolean mr_error_presenter_needs_dialog (const GError *error);
/* summary says what failed ("Could not save “Llama 3”"), plain text.
 * widget is any widget of the window the error belongs to. */
void     mr_error_presenter_present     (GtkWidget    *widget,
                                         const char   *summary,
                                         const GError *error);

/* Always a dialog: the error's message, then advice that fits what the
 * caller was doing better than the domain's ("The framework in force is
 * unchanged."). */
void     mr_error_presenter_present_with_advice (GtkWidget    *widget,
                                                 const char   *summary,
                                                 const GError *error,
                                                 const char   *advice);

G_END_DECLS
