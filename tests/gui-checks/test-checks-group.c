/* test-checks-group.c — the detail pane's Checks group, on a real register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-checks-group --tap TINY.gguf
 */
#include "config.h"

#include <string.h>

#include "mr-ai-model.h"
#include "mr-checks-group.h"
#include "mr-gui-test-util.h"

/* Verifying a 0.5 MB file takes milliseconds; a loaded machine is slower. */
#define CHECK_TIMEOUT_MS 20000

static const char *tiny_gguf;

typedef struct {
  MrRepository *repository;
  MrAiModel    *model;
  GtkWindow    *window;
  MrChecksGroup *group;
} Fixture;

static MrAiModel *
save_model (MrRepository  *repository,
            MrSourceKind   source_kind,
            const char    *source_ref)
{
  g_autoptr(MrModelRecord) record = mr_model_record_new ();
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mr_model_record_set_string (&record->name, "Tiny Llama");
  record->source_kind = source_kind;
  mr_model_record_set_string (&record->source_ref, source_ref);
  mr_repository_save_async (repository, record, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  saved = mr_repository_save_finish (repository, result, &error);
  g_assert_no_error (error);
  return mr_ai_model_new (saved);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  const MrSourceKind *source_kind = data;

  fixture->repository = mr_test_open_repository (path);
  fixture->model = save_model (fixture->repository, *source_kind,
                               *source_kind == MR_SOURCE_KIND_LOCAL_FILE ? tiny_gguf
                                                                        : "org/tiny-llama");
  fixture->group = g_object_new (MR_TYPE_CHECKS_GROUP,
                                 "repository", fixture->repository,
                                 "model", fixture->model,
                                 "margin-start", 24, "margin-end", 24,
                                 "margin-top", 24, "margin-bottom", 24,
                                 NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 640, -1);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->group));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->model);
  mr_repository_shutdown (fixture->repository);
  g_clear_object (&fixture->repository);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = mr_test_find_by_id (GTK_WIDGET (fixture->group), id);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
verification_stored (gpointer data)
{
  Fixture *fixture = data;

  return mr_checks_group_get_n_checks (fixture->group) == 1 &&
         !mr_checks_group_get_running (fixture->group) &&
         mr_ai_model_get_record (fixture->model)->last_checked_at > 0;
}

static GPtrArray *
list_checks (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *checks;

  mr_repository_list_checks_async (fixture->repository, mr_ai_model_get_id (fixture->model),
                                   NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  checks = mr_repository_list_checks_finish (fixture->repository, result, &error);
  g_assert_no_error (error);
  return checks;
}

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *text = NULL;
  MrCheckRecord *check;

  /* This test runs without an inference runtime. */
  g_assert_true (gtk_widget_get_sensitive (find (fixture, "verify_button")));
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "inference_button")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "explanation_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find (fixture, "explanation_label"))),
                            "No local runtime is installed"));

  g_signal_emit_by_name (find (fixture, "verify_button"), "clicked");
  g_assert_true (mr_checks_group_get_running (fixture->group));
  g_assert_true (gtk_widget_get_visible (find (fixture, "progress_box")));
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "verify_button")));
  g_assert_true (mr_test_spin_until (verification_stored, fixture, CHECK_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (find (fixture, "progress_box")));
  g_assert_true (gtk_widget_get_sensitive (find (fixture, "verify_button")));

  checks = list_checks (fixture);
  g_assert_cmpuint (checks->len, ==, 1);
  check = g_ptr_array_index (checks, 0);
  g_assert_cmpint (check->kind, ==, MR_CHECK_KIND_VERIFICATION);
  g_assert_cmpint (check->status, ==, MR_CHECK_STATUS_PASSED);
  g_assert_cmpint (check->model_id, ==, mr_ai_model_get_id (fixture->model));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find (fixture, "history_row")), TRUE);
  text = mr_test_collect_text (GTK_WIDGET (fixture->group));
  g_assert_nonnull (strstr (text, "Passed"));
  g_assert_nonnull (strstr (text, "127680 parameters · llama"));
  g_assert_nonnull (strstr (text, "Verification · Passed"));
  g_assert_nonnull (strstr (text, "Never checked"));
  mr_test_save_screenshot (GTK_WIDGET (fixture->window), "gui-checks", "checks-group");
}

static void
test_not_local (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *explanation = find (fixture, "explanation_label");

  g_assert_false (gtk_widget_get_sensitive (find (fixture, "verify_button")));
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "inference_button")));
  g_assert_true (gtk_widget_get_visible (explanation));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (explanation)), "local file"));
}

int
main (int   argc,
      char *argv[])
{
  static const MrSourceKind local_file = MR_SOURCE_KIND_LOCAL_FILE;
  static const MrSourceKind hub = MR_SOURCE_KIND_HUGGING_FACE;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (argc, ==, 2);
  tiny_gguf = argv[1];
  /* The runtime is whatever the machine has installed otherwise. */
  g_setenv ("MODEL_REGISTER_CHECK_HELPER", "/nonexistent/model-register-check", TRUE);
  if (mr_test_gui_init ())
    {
      g_test_add ("/checks-group/verify", Fixture, &local_file,
                  fixture_set_up, test_verify, fixture_tear_down);
      g_test_add ("/checks-group/not-local", Fixture, &hub,
                  fixture_set_up, test_not_local, fixture_tear_down);
    }
  return g_test_run ();
}
