/* mr-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-application.h"
#include "mr-debug-hooks.h"
#include "mr-job-actions.h"
#include "mr-job-manager.h"
#include "mr-preferences-window.h"
#include "mr-repository.h"
#include "mr-scheduler.h"
#include "mr-sqlite-store.h"
#include "mr-window.h"

struct _MrApplication
{
  AdwApplication  parent_instance;

  char           *database;     /* --database, or NULL for the default */
  MrRepository   *repository;
  MrWindow       *window;       /* weak: the main window, once activated */
  GCancellable   *cancellable;
  MrJobManager   *jobs;
  GSettings      *settings;
  MrScheduler    *scheduler;
  guint           scheduler_start_id;
};

/* A refresh that fell due while the app was closed reads every entry again
 * (and the network): it waits this long after the register is shown, so
 * that it never competes with loading and drawing the list for memory. */
#define SCHEDULER_START_DELAY_S 60

G_DEFINE_FINAL_TYPE (MrApplication, mr_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the register at PATH"), N_("PATH") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the program's version and exit"), NULL },
  { NULL }
};

static int
mr_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  MrApplication *self = MR_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("model-register %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_free (self->database);
      self->database = g_steal_pointer (&database);
    }
  return -1;
}

/* --- the scheduled refresh ------------------------------------------------ */

static guint
get_interval_seconds (MrApplication *self)
{
  guint hours = g_settings_get_uint (self->settings, "refresh-interval-hours");

  return hours * 3600;
}

static void
on_refresh_due (MrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Closing the last window while quitting leaves none to report in. */
  if (!MR_IS_WINDOW (window))
    return;
  mr_job_actions_refresh_all (mr_window_get_job_actions (MR_WINDOW (window)),
                              MR_PRIORITY_BACKGROUND);
}

static void
on_refresh_settings_changed (MrApplication *self,
                             const char    *key)
{
  if (g_strcmp0 (key, "refresh-interval-hours") == 0)
    mr_scheduler_set_interval (self->scheduler, get_interval_seconds (self));
  else if (g_strcmp0 (key, "last-refresh") == 0)
    mr_scheduler_set_last_run (self->scheduler,
                               g_settings_get_int64 (self->settings, "last-refresh"));
}

static gboolean
start_scheduler (gpointer data)
{
  MrApplication *self = data;

  self->scheduler_start_id = 0;
  self->scheduler = mr_scheduler_new (get_interval_seconds (self),
                                      g_settings_get_int64 (self->settings, "last-refresh"));
  g_signal_connect_object (self->scheduler, "due", G_CALLBACK (on_refresh_due), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_refresh_settings_changed),
                           self, G_CONNECT_SWAPPED);
  return G_SOURCE_REMOVE;
}

static void
on_window_loaded (MrWindow *window)
{
  MrApplication *self = MR_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  mr_debug_hooks_window_loaded (window);
  if (self->scheduler == NULL && self->scheduler_start_id == 0)
    self->scheduler_start_id = g_timeout_add_seconds (SCHEDULER_START_DELAY_S,
                                                      start_scheduler, self);
}

static void
on_repository_opened (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MrApplication) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->repository = mr_repository_open_listed_finish (result, &records, &error);
  /* Closed before the register was read. */
  if (self->window == NULL)
    return;
  if (self->repository == NULL)
    {
      path = mr_sqlite_store_resolve_path (self->database);
      mr_window_show_open_error (self->window, path, error);
      return;
    }
  mr_window_show_register (self->window, self->repository, records);
}

static void
mr_application_activate (GApplication *app)
{
  MrApplication *self = MR_APPLICATION (app);

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }

  self->window = mr_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  mr_window_set_job_manager (self->window, self->jobs);
  g_signal_connect (self->window, "notify::loaded", G_CALLBACK (on_window_loaded), NULL);
  gtk_window_present (GTK_WINDOW (self->window));
  /* A window after the first: the register read at startup was the first's. */
  if (self->repository != NULL)
    mr_window_set_repository (self->window, self->repository);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing (rather than destroying) lets each window save its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
  g_application_quit (G_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Model Register authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Model Register"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Model Register authors"),
                         "developers", developers,
                         "comments", _("A register of the AI models your organisation uses, "
                                       "with their openness and governance status"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Model Register authors",
                         "website", "https://github.com/modelregister/model-register",
                         "issue-url", "https://github.com/modelregister/model-register/issues",
                         /* Translators: put your names here, one per line,
                          * as "Name <e-mail>"; they are credited in About. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;

  gtk_show_uri (gtk_application_get_active_window (app), "help:model-register",
                GDK_CURRENT_TIME);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MrPreferencesWindow *window;

  window = mr_preferences_window_new (gtk_application_get_active_window (app), settings);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
};

static void
set_accels (GtkApplication *app)
{
  const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.add-model", { "<Control>n", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
    { "win.refresh-selected", { "F5", NULL } },
    { "win.refresh-all", { "<Control><Shift>r", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
mr_application_startup (GApplication *app)
{
  MrApplication *self = MR_APPLICATION (app);
  g_autofree char *path = mr_sqlite_store_resolve_path (self->database);

  /* Reading a large register takes as long as starting GTK and building
   * the window: the worker does it meanwhile, and the window shows it
   * once both are done. */
  mr_repository_open_listed_async (path, self->cancellable, on_repository_opened,
                                   g_object_ref (self));
  G_APPLICATION_CLASS (mr_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
}

static void
mr_application_shutdown (GApplication *app)
{
  MrApplication *self = MR_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scheduler_start_id, g_source_remove);
  g_clear_object (&self->scheduler);
  /* Jobs end before the worker they run on: each model a refresh has
   * stored stays stored whole, the others are left as they were. */
  mr_job_manager_shutdown (self->jobs);
  if (self->repository != NULL)
    mr_repository_shutdown (self->repository);

  G_APPLICATION_CLASS (mr_application_parent_class)->shutdown (app);
}

static void
mr_application_finalize (GObject *object)
{
  MrApplication *self = MR_APPLICATION (object);

  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  g_clear_object (&self->repository);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->jobs);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (mr_application_parent_class)->finalize (object);
}

static void
mr_application_class_init (MrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mr_application_finalize;
  app_class->handle_local_options = mr_application_handle_local_options;
  app_class->activate = mr_application_activate;
  app_class->startup = mr_application_startup;
  app_class->shutdown = mr_application_shutdown;
}

static void
mr_application_init (MrApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->jobs = mr_job_manager_new (MR_JOB_MANAGER_DEFAULT_MAX_RUNNING);
  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

MrApplication *
mr_application_new (void)
{
  mr_debug_hooks_init ();

  /* The resource path is fixed, whatever the profile's application id:
   * style.css and gtk/help-overlay.ui are found there. */
  return g_object_new (MR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
