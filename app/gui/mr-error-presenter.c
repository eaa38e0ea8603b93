/* mr-error-presenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-error-presenter"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mr-check-result.h"
#include "mr-error.h"
#include "mr-error-presenter.h"
#include "mr-network-error.h"
#include "mr-window.h"
#include "mr-workflow.h"

static const char *
store_advice (int code)
{
  switch ((MrStoreError) code)
    {
    case MR_STORE_ERROR_NOT_A_DATABASE:
    case MR_STORE_ERROR_CORRUPT:
      return _("The file was left untouched. Open another register with --database, "
               "or restore this one from a backup.");
    case MR_STORE_ERROR_TOO_NEW:
      return _("The file was left untouched. Update Model Register to open it.");
    case MR_STORE_ERROR_CONFLICT:
      return _("Someone else changed this model after you opened it, so your changes "
               "were not saved. Close the form and open the model again to see "
               "the current version.");
    case MR_STORE_ERROR_READ_ONLY:
      return _("Check that you may write to the register file and its folder.");
    case MR_STORE_ERROR_BUSY:
      return _("Another program is writing to the register. Try again in a moment.");
    case MR_STORE_ERROR_NOT_FOUND:
      return _("It may have been deleted by someone else.");
    case MR_STORE_ERROR_FAILED:
    case MR_STORE_ERROR_CONSTRAINT:
    default:
      return NULL;
    }
}

static const char *
network_advice (int code)
{
  switch ((MrNetworkError) code)
    {
    case MR_NETWORK_ERROR_UNAUTHORIZED:
      return _("The access token was refused. Check the token (HF_TOKEN or the one in "
               "your keyring), or remove it to use the public Hub.");
    case MR_NETWORK_ERROR_RATE_LIMITED:
      return _("The server is limiting how often it may be asked. Wait a few minutes, "
               "then refresh again.");
    case MR_NETWORK_ERROR_GATED:
      return _("The model’s files are gated. Accept the provider’s conditions on its "
               "page with your account, and use an access token from that account.");
    case MR_NETWORK_ERROR_NOT_FOUND:
    case MR_NETWORK_ERROR_REVISION_NOT_FOUND:
      return _("Check the repository id or tag. A private model is only visible with an "
               "access token that may read it.");
    case MR_NETWORK_ERROR_TIMED_OUT:
      return _("The server did not answer in time. Check your network connection and "
               "try again later.");
    case MR_NETWORK_ERROR_CONNECTION:
      return _("Check your network connection and the server address in Preferences.");
    case MR_NETWORK_ERROR_SERVER:
      return _("The server has a problem of its own. Try again later.");
    case MR_NETWORK_ERROR_FAILED:
    case MR_NETWORK_ERROR_DISABLED:
    case MR_NETWORK_ERROR_TOO_LARGE:
    case MR_NETWORK_ERROR_MALFORMED:
    case MR_NETWORK_ERROR_REDIRECT_LOOP:
    default:
      return NULL;
    }
}

static const char *
workflow_advice (int code)
{
  switch ((MrWorkflowError) code)
    {
    case MR_WORKFLOW_ERROR_SAME_PERSON:
      return _("Ask another reviewer to decide on this request.");
    case MR_WORKFLOW_ERROR_INVALID_TRANSITION:
      return _("The entry may have changed meanwhile; look at its status and history.");
    case MR_WORKFLOW_ERROR_MISSING_FIELD:
      return _("Fill in what is missing and try again.");
    default:
      return NULL;
    }
}

static const char *
check_advice (int code)
{
  switch ((MrCheckError) code)
    {
    case MR_CHECK_ERROR_TOO_LARGE:
      return _("Close other programs, or check a smaller quantisation of the model.");
    case MR_CHECK_ERROR_LOAD_FAILED:
      return _("Verify the files: they may be damaged, or in a form the runtime cannot load.");
    case MR_CHECK_ERROR_TIMED_OUT:
      return _("Try again when the computer is less busy.");
    case MR_CHECK_ERROR_CRASHED:
    case MR_CHECK_ERROR_BAD_OUTPUT:
      return _("This is a fault of the runtime, not of the register; the attempt is kept in "
               "the model's checks.");
    /* The message says how to install one. */
    case MR_CHECK_ERROR_NO_RUNTIME:
    case MR_CHECK_ERROR_FAILED:
    default:
      return NULL;
    }
}

static const char *
advice_for (const GError *error)
{
  if (error->domain == MR_STORE_ERROR)
    return store_advice (error->code);
  if (error->domain == MR_NETWORK_ERROR)
    return network_advice (error->code);
  if (error->domain == MR_WORKFLOW_ERROR)
    return workflow_advice (error->code);
  if (error->domain == MR_CHECK_ERROR)
    return check_advice (error->code);
  if (error->domain == MR_PARSE_ERROR)
    return _("Nothing was imported. Correct the file and import it again.");
  if (error->domain == MR_VALIDATION_ERROR)
    return _("Correct the value and try again.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return _("Check the file's permissions.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return _("Free some disk space and try again.");
  return NULL;
}

char *
mr_error_presenter_format (const GError *error)
{
  const char *advice;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  advice = advice_for (error);
  if (advice == NULL)
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n\n%s", error->message, advice);
}

gboolean
mr_error_presenter_needs_dialog (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return error->domain == MR_PARSE_ERROR ||
         g_error_matches (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON) ||
         g_error_matches (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_GATED) ||
         g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT) ||
         g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_A_DATABASE) ||
         g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT) ||
         g_error_matches (error, MR_STORE_ERROR, MR_STORE_ERROR_TOO_NEW);
}

/* Dialogs and editor windows are transient for the main window; the toast
 * overlay lives there. */
static MrWindow *
find_main_window (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  while (window != NULL && !MR_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  return window != NULL ? MR_WINDOW (window) : NULL;
}

static void
present_dialog (GtkWindow    *parent,
                const char   *summary,
                const char   *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, summary, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mr_error_presenter_present (GtkWidget    *widget,
                            const char   *summary,
                            const GError *error)
{
  g_autofree char *body = NULL;
  g_autofree char *toast = NULL;
  MrWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (summary != NULL);
  g_return_if_fail (error != NULL);

  body = mr_error_presenter_format (error);
  if (body == NULL)
    return;

  g_debug ("%s: %s", summary, error->message);
  window = find_main_window (widget);
  if (window == NULL || mr_error_presenter_needs_dialog (error))
    {
      present_dialog (GTK_WINDOW (gtk_widget_get_root (widget)), summary, body);
      return;
    }
  /* Translators: "what failed: why", shown in a toast */
  toast = g_strdup_printf (_("%s: %s"), summary, error->message);
  mr_window_add_toast_text (window, toast);
}

void
mr_error_presenter_present_with_advice (GtkWidget    *widget,
                                        const char   *summary,
                                        const GError *error,
                                        const char   *advice)
{
  g_autofree char *body = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (summary != NULL);
  g_return_if_fail (error != NULL);
  g_return_if_fail (advice != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("%s: %s", summary, error->message);
  body = g_strdup_printf ("%s\n\n%s", error->message, advice);
  present_dialog (GTK_WINDOW (gtk_widget_get_root (widget)), summary, body);
}
