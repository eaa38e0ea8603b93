/* test-repository-workflow.c — the workflow through the GUI's async API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links the test-only identity (README.md): the worker thread acts as
 * whoever MODEL_REGISTER_TEST_ACTOR names when a call is queued.  The
 * variable is only changed while the worker is idle.
 */
#include "config.h"

#include "mr-error.h"
#include "mr-repository.h"
#include "mr-store-test-util.h"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static MrRepository *
open_repository (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrRepository *repository;

  mr_repository_open_async (path, NULL, store_result, &result);
  repository = mr_repository_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return repository;
}

static MrModelRecord *
act (MrRepository          *repository,
     const char            *person,
     gint64                 id,
     MrWorkflowAction       action,
     const MrWorkflowInput *input,
     GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_setenv ("MODEL_REGISTER_TEST_ACTOR", person, TRUE);
  mr_repository_act_async (repository, id, action, input, NULL, store_result, &result);
  return mr_repository_act_finish (repository, wait_for (&result), error);
}

static void
test_workflow (void)
{
  g_autoptr(MrRepository) repository = open_repository ();
  g_autoptr(MrModelRecord) draft = mr_model_record_new ();
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) submitted = NULL;
  g_autoptr(MrModelRecord) refused = NULL;
  g_autoptr(MrModelRecord) approved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  char *uses[] = { (char *) "chatbot", NULL };
  /* The input's strings are copied when the call is queued. */
  g_autofree char *comment = g_strdup ("Help desk");
  MrWorkflowInput input = {
    .intended_uses = (const char * const *) uses,
    .owner = "Support",
    .comment = comment,
    .review_date = 1000,   /* long past: the approval is overdue at once */
  };
  guint n_entries = 0;
  guint n_marked = 0;
  gint64 first_bad = -1;

  mr_model_record_set_string (&draft->name, "Granite");
  g_setenv ("MODEL_REGISTER_TEST_ACTOR", "alice", TRUE);
  mr_repository_save_async (repository, draft, NULL, store_result, &result);
  saved = mr_repository_save_finish (repository, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  mr_repository_act_async (repository, saved->id, MR_WORKFLOW_ACTION_SUBMIT, &input, NULL,
                           store_result, &result);
  g_clear_pointer (&comment, g_free);
  submitted = mr_repository_act_finish (repository, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (submitted->status, ==, MR_STATUS_SUBMITTED);
  g_assert_cmpstr (submitted->owner, ==, "Support");
  g_clear_object (&result);

  input.comment = "Fine";
  refused = act (repository, "alice", saved->id, MR_WORKFLOW_ACTION_APPROVE, &input, &error);
  g_assert_null (refused);
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON);
  g_clear_error (&error);
  approved = act (repository, "bob", saved->id, MR_WORKFLOW_ACTION_APPROVE, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->status, ==, MR_STATUS_APPROVED);

  mr_repository_mark_overdue_async (repository, NULL, store_result, &result);
  g_assert_true (mr_repository_mark_overdue_finish (repository, wait_for (&result), &n_marked,
                                                    &error));
  g_assert_cmpuint (n_marked, ==, 1);
  g_clear_object (&result);

  mr_repository_list_approvals_async (repository, 0, NULL, store_result, &result);
  events = mr_repository_list_approvals_finish (repository, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (((MrApprovalEvent *) g_ptr_array_index (events, 2))->action, ==,
                   MR_WORKFLOW_ACTION_REQUIRE_REREVIEW);
  g_clear_object (&result);

  mr_repository_list_audit_async (repository, saved->id, 0, 0, NULL, store_result, &result);
  audit = mr_repository_list_audit_finish (repository, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 5);   /* create, update (owner), submit, approve, re-review */
  g_clear_object (&result);

  mr_repository_verify_audit_async (repository, NULL, store_result, &result);
  g_assert_true (mr_repository_verify_audit_finish (repository, wait_for (&result), &n_entries,
                                                    &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, 5);
  g_assert_cmpint (first_bad, ==, 0);

  mr_repository_shutdown (repository);
  g_unsetenv ("MODEL_REGISTER_TEST_ACTOR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/repository-workflow/steps", test_workflow);
  return g_test_run ();
}
