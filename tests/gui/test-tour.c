/* test-tour.c — every screen at 360 and 1920 pixels, with 0, 1 and 100,000
 * models, a 300-character name and the network down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes BUILDDIR/tests/gui/tour/WIDTH-REGISTER-SCREEN.png for a person to
 * look through (the polish walk of the design), and asserts what can break
 * unseen: no screen forces its window wider than asked (a narrow phone-sized
 * window must fit), the long name never widens anything, and with the Hub
 * and Ollama unreachable each screen says so in words; and no two controls
 * on a screen share a mnemonic, and Escape closes each dialog.  Meson runs it again in German (tour-de),
 * whose words are longer and whose mnemonics are chosen anew.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mr-approvals-page.h"
#include "mr-audit-window.h"
#include "mr-framework-window.h"
#include "mr-gui-test-util.h"
#include "mr-hub-add-dialog.h"
#include "mr-model-detail.h"
#include "mr-model-editor.h"
#include "mr-ollama-add-dialog.h"
#include "mr-preferences-window.h"
#include "mr-reports-page.h"
#include "mr-submit-dialog.h"

/* Nothing listens on the discard port: connections are refused at once. */
#define UNREACHABLE "http://127.0.0.1:9"

typedef enum {
  REGISTER_EMPTY,
  REGISTER_ONE,
  REGISTER_LARGE,
} RegisterSize;

typedef struct {
  int          width;
  RegisterSize size;
  gboolean     large_text;   /* the Large Text setting: fonts at 125 % */
} TourCase;

typedef struct {
  const TourCase *tour;
  MrTestWindow    tw;
  MrJobManager   *jobs;
  MrModelRecord  *long_named;   /* as written */
} Tour;

static const char * const size_names[] = { "empty", "one", "100000" };

/* The translation of msgid up to its first conversion, for a message that
 * is built with printf. */
static char *
translated_prefix (const char *msgid)
{
  const char *text = _(msgid);

  return g_strndup (text, strcspn (text, "%"));
}

static gboolean
hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Escape closes every dialog (none of them has unsaved input here). */
static void
close_with_escape (GtkWindow *window)
{
  g_object_ref (window);
  if (!mr_test_press_escape (window))
    g_error ("%s does not close on Escape", G_OBJECT_TYPE_NAME (window));
  g_assert_true (mr_test_spin_until (hidden, window, 5000));
  gtk_window_destroy (window);
  g_object_unref (window);
}

static void
assert_shows_message (GtkWidget  *root,
                      const char *msgid)
{
  g_autofree char *prefix = translated_prefix (msgid);

  mr_test_assert_shows (root, prefix);
}

static char *
shot_name (Tour       *tour,
           const char *screen)
{
  return g_strdup_printf ("%d-%s%s-%s", tour->tour->width, size_names[tour->tour->size],
                          tour->tour->large_text ? "-large-text" : "", screen);
}

/* Nothing in the window needs more than width: its content (inside the
 * client-side decoration's frame, which a maximised window on a phone does
 * not draw) fits.  Windows ask for 360 px, the narrowest the HIG allows. */
static void
assert_fits (GtkWidget *window,
             int        width)
{
  GtkWidget *content = gtk_widget_get_first_child (window);
  int minimum;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  /* Goes on to the other screens, for one run to list every misfit. */
  if (minimum > width)
    {
      g_test_message ("TOO WIDE: %s needs %d px, more than the %d px it was given",
                      G_OBJECT_TYPE_NAME (window), minimum, width);
      g_test_fail ();
    }
}

static void
shoot (Tour       *tour,
       GtkWidget  *window,
       const char *screen)
{
  g_autofree char *name = shot_name (tour, screen);

  mr_test_save_screenshot (window, "gui/tour", name);
  mr_test_assert_mnemonics_unique (window);
}

/* The window at the tour's width; a dialog at 360 px when the tour is
 * narrow, at its own size otherwise. */
static void
shoot_window (Tour       *tour,
              GtkWindow  *window,
              const char *screen)
{
  gboolean narrow = tour->tour->width <= 360;

  if (narrow)
    gtk_window_set_default_size (window, tour->tour->width, 700);
  gtk_window_present (window);
  shoot (tour, GTK_WIDGET (window), screen);
  if (narrow)
    assert_fits (GTK_WIDGET (window), tour->tour->width);
}

static GPtrArray *
long_named_records (Tour *tour)
{
  GPtrArray *extra = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  MrModelRecord *record = mr_test_make_llama_record ();

  g_free (record->name);
  record->name = mr_test_make_hostile_name ();
  g_free (record->owner);
  record->owner = g_strdup ("Model Risk Management, Retail Credit Decisioning and Collections");
  record->status = MR_STATUS_SUBMITTED;
  tour->long_named = mr_model_record_ref (record);
  g_ptr_array_add (extra, record);
  return extra;
}

static void
tour_open (Tour           *tour,
           const TourCase *tour_case)
{
  g_autoptr(GPtrArray) extra = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint n_generated = tour_case->size == REGISTER_LARGE ? 100000 : 0;

  tour->tour = tour_case;
  /* What GNOME's Large Text sets: 1.25 × 96 dpi, in 1/1024ths. */
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi",
                tour_case->large_text ? 120 * 1024 : 96 * 1024, NULL);
  g_setenv ("HF_ENDPOINT", UNREACHABLE, TRUE);
  g_unsetenv ("OLLAMA_HOST");
  g_settings_set_string (settings, "ollama-endpoint", UNREACHABLE);
  if (tour_case->size != REGISTER_EMPTY)
    extra = long_named_records (tour);
  tour->jobs = mr_job_manager_new (MR_JOB_MANAGER_DEFAULT_MAX_RUNNING);
  mr_test_window_open (&tour->tw, n_generated, extra, tour_case->width, 800, tour->jobs);
  assert_fits (GTK_WIDGET (tour->tw.window), tour_case->width);
}

static void
tour_close (Tour *tour)
{
  mr_job_manager_shutdown (tour->jobs);
  mr_test_window_close (&tour->tw);
  g_clear_object (&tour->jobs);
  g_clear_pointer (&tour->long_named, mr_model_record_unref);
}

static GtkWidget *
main_window (Tour *tour)
{
  return GTK_WIDGET (tour->tw.window);
}

static void
show_page (Tour       *tour,
           const char *name)
{
  GtkWidget *stack = mr_test_find_by_id (main_window (tour), "view_stack");

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  mr_test_spin_for (200);
}

static gboolean
detail_loaded (gpointer data)
{
  return mr_model_detail_get_full_record (data) != NULL;
}

/* --- the three pages ------------------------------------------------------- */

static void
tour_register (Tour *tour)
{
  MrRegisterPage *page = mr_window_get_register_page (tour->tw.window);
  GtkWidget *detail;

  shoot (tour, main_window (tour), "register");
  if (tour->long_named == NULL)
    {
      assert_shows_message (main_window (tour), "Add Your First Model");
      return;
    }
  mr_register_page_search (page, "very-long-model-name");
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 1);
  mr_register_page_select (page, 0);
  detail = mr_test_find_by_type (GTK_WIDGET (page), MR_TYPE_MODEL_DETAIL);
  g_assert_true (mr_test_spin_until (detail_loaded, detail, 10000));
  shoot (tour, main_window (tour), "detail");
  assert_fits (main_window (tour), tour->tour->width);

  /* Refreshing with the Hub unreachable says so, and keeps the entry. */
  g_action_group_activate_action (G_ACTION_GROUP (tour->tw.window), "refresh-selected", NULL);
  assert_shows_message (main_window (tour), "Could not refresh %s");
  shoot (tour, main_window (tour), "refresh-offline");
  assert_fits (main_window (tour), tour->tour->width);
  g_assert_cmpuint (g_list_model_get_n_items (mr_register_page_get_visible (page)), ==, 1);
  if (mr_register_page_get_can_go_back (page))
    mr_register_page_go_back (page);
}

static gboolean
queue_settled (gpointer data)
{
  return !mr_approvals_page_get_loading (data);
}

static void
tour_approvals (Tour *tour)
{
  MrApprovalsPage *page;

  show_page (tour, "approvals");
  page = MR_APPROVALS_PAGE (mr_test_find_by_type (main_window (tour), MR_TYPE_APPROVALS_PAGE));
  g_assert_true (mr_test_spin_until (queue_settled, page, 30000));
  shoot (tour, main_window (tour), "approvals");
  assert_fits (main_window (tour), tour->tour->width);
  if (mr_approvals_page_get_n_shown (page) == 0)
    return;
  mr_approvals_page_select (page, 0);
  mr_test_spin_for (300);
  shoot (tour, main_window (tour), "review");
  assert_fits (main_window (tour), tour->tour->width);
}

static void
tour_reports (Tour *tour)
{
  show_page (tour, "reports");
  shoot (tour, main_window (tour), "reports");
  assert_fits (main_window (tour), tour->tour->width);
  show_page (tour, "register");
}

/* --- dialogs ------------------------------------------------------------------ */

static void
tour_editor (Tour *tour)
{
  GtkWindow *editor = GTK_WINDOW (mr_model_editor_new (GTK_WINDOW (tour->tw.window),
                                                       tour->tw.repository, tour->long_named));

  shoot_window (tour, editor, tour->long_named != NULL ? "editor" : "editor-new");
  close_with_escape (editor);
}

static void
tour_hub_offline (Tour *tour)
{
  g_autoptr(MrHubClient) hub = mr_hub_client_new (UNREACHABLE, NULL);
  MrHubAddDialog *dialog = mr_hub_add_dialog_new (GTK_WINDOW (tour->tw.window), hub);

  gtk_window_present (GTK_WINDOW (dialog));
  mr_hub_add_dialog_fetch (dialog, "meta-llama/Llama-3.1-8B-Instruct");
  assert_shows_message (GTK_WIDGET (dialog),
                        "Check your network connection and the server address in Preferences.");
  shoot_window (tour, GTK_WINDOW (dialog), "hub-offline");
  close_with_escape (GTK_WINDOW (dialog));
}

static void
tour_ollama_offline (Tour *tour)
{
  g_autoptr(MrOllamaClient) ollama = mr_ollama_client_new (UNREACHABLE);
  MrOllamaAddDialog *dialog = mr_ollama_add_dialog_new (GTK_WINDOW (tour->tw.window), ollama);

  gtk_window_present (GTK_WINDOW (dialog));
  assert_shows_message (GTK_WIDGET (dialog), "Ollama Is Not Running");
  shoot_window (tour, GTK_WINDOW (dialog), "ollama-offline");
  close_with_escape (GTK_WINDOW (dialog));
}

static void
tour_submit (Tour *tour)
{
  MrSubmitDialog *dialog = mr_submit_dialog_new (GTK_WINDOW (tour->tw.window), tour->tw.repository,
                                                 mr_window_get_framework (tour->tw.window),
                                                 tour->long_named);

  shoot_window (tour, GTK_WINDOW (dialog), "submit");
  close_with_escape (GTK_WINDOW (dialog));
}

static void
tour_framework (Tour *tour)
{
  MrFrameworkWindow *window = mr_framework_window_new (GTK_WINDOW (tour->tw.window));

  mr_framework_window_set_framework (window, mr_window_get_framework (tour->tw.window), NULL);
  shoot_window (tour, GTK_WINDOW (window), "framework");
  close_with_escape (GTK_WINDOW (window));
}

static void
tour_audit (Tour *tour)
{
  MrAuditWindow *window = mr_audit_window_new (GTK_WINDOW (tour->tw.window), tour->tw.repository);

  mr_test_spin_for (500);
  /* An import is one entry, which says how many models came from where. */
  if (tour->tour->size == REGISTER_LARGE)
    mr_test_assert_shows (GTK_WIDGET (window), "100001 models from test");
  shoot_window (tour, GTK_WINDOW (window), "audit");
  close_with_escape (GTK_WINDOW (window));
}

static void
tour_preferences (Tour *tour)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MrPreferencesWindow *window = mr_preferences_window_new (GTK_WINDOW (tour->tw.window), settings);

  shoot_window (tour, GTK_WINDOW (window), "preferences");
  close_with_escape (GTK_WINDOW (window));
}

static void
test_tour (gconstpointer data)
{
  const TourCase *tour_case = data;
  Tour tour = { 0 };

  tour_open (&tour, tour_case);
  tour_register (&tour);
  tour_approvals (&tour);
  tour_reports (&tour);
  tour_audit (&tour);
  /* The dialogs do not change with the register's size. */
  if (tour_case->size != REGISTER_LARGE)
    {
      tour_editor (&tour);
      tour_framework (&tour);
      tour_preferences (&tour);
      tour_hub_offline (&tour);
      tour_ollama_offline (&tour);
      if (tour.long_named != NULL)
        tour_submit (&tour);
    }
  tour_close (&tour);
}

int
main (int   argc,
      char *argv[])
{
  static const int widths[] = { 360, 1920 };
  static TourCase cases[G_N_ELEMENTS (widths) * G_N_ELEMENTS (size_names)];
  static const TourCase large_text = { 360, REGISTER_ONE, TRUE };
  gboolean translated;
  guint n = 0;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mr_test_bind_locale_dir ();
  if (!mr_test_gui_init ())
    return g_test_run ();
  /* Translated (tour-de), the one-model register shows every text. */
  translated = g_getenv ("MODEL_REGISTER_LOCALEDIR") != NULL;
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint s = 0; s < G_N_ELEMENTS (size_names); s++)
      {
        if (translated && s != REGISTER_ONE)
          continue;
        g_autofree char *path = g_strdup_printf ("/tour/%d/%s", widths[w], size_names[s]);

        cases[n] = (TourCase) { widths[w], s };
        g_test_add_data_func (path, &cases[n++], test_tour);
      }
  if (!translated)
    g_test_add_data_func ("/tour/360/one-large-text", &large_text, test_tour);
  return g_test_run ();
}
