/* mr-job-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-job-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error-presenter.h"
#include "mr-hub-add-dialog.h"
#include "mr-job-actions.h"
#include "mr-ollama-add-dialog.h"

struct _MrJobActions
{
  GObject       parent_instance;

  MrWindow     *window;        /* weak: it owns us */
  MrRepository *repository;
  MrJobManager *manager;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (MrJobActions, mr_job_actions, G_TYPE_OBJECT)

static const char * const job_action_names[] = {
  "refresh-selected", "refresh-all", "add-from-hub", "add-from-ollama", "import-hub-author",
};

/* --- the sources ------------------------------------------------------------ */

/* The environment wins over the setting, as for the command line. */
static char *
get_hub_endpoint (MrJobActions *self)
{
  const char *env = g_getenv ("HF_ENDPOINT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_settings_get_string (self->settings, "hub-endpoint");
}

/* The keyring is not consulted yet: HF_TOKEN, or anonymous access. */
static const char *
get_hub_token (void)
{
  const char *token = g_getenv ("HF_TOKEN");

  return token != NULL && *token != '\0' ? token : NULL;
}

static MrOllamaClient *
new_ollama_client (MrJobActions *self)
{
  const char *env = g_getenv ("OLLAMA_HOST");
  g_autofree char *url = NULL;

  if (env != NULL && *env != '\0')
    return mr_ollama_client_new (NULL);
  url = g_settings_get_string (self->settings, "ollama-endpoint");
  return mr_ollama_client_new (url);
}

static MrRegisterPage *
get_page (MrJobActions *self)
{
  return mr_window_get_register_page (self->window);
}

/* --- refreshing --------------------------------------------------------------- */

typedef struct {
  MrJobActions *self;
  GArray       *ids;           /* NULL: every model with a source */
  MrJob        *job;
} RefreshData;

static void
refresh_data_clear (RefreshData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_object (&data->job);
}

static void
refresh_data_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) refresh_data_clear);
}

static void
on_refreshed_record (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MrJobActions) self = user_data;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = mr_repository_get_finish (MR_REPOSITORY (source), result, &error);
  if (record == NULL)
    {
      if (self->window != NULL)
        mr_error_presenter_present (GTK_WIDGET (self->window), _("Could not show a refreshed model"),
                                    error);
      return;
    }
  if (self->window == NULL)
    return;
  mr_register_page_apply_record (get_page (self), record);
  if (record->status == MR_STATUS_UNDER_REVIEW &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "unused")) == 0 &&
      g_object_get_data (G_OBJECT (record == NULL ? NULL : self), "unused") == NULL)
    return;
}
