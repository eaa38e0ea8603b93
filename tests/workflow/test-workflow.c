/* test-workflow.c — the approval state machine, without a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-workflow.h"

#define N_STATUSES (MR_STATUS_RETIRED + 1)

/* Every allowed move, written out from DESIGN.md §2 rather than derived
 * from the implementation's table; anything not listed must be refused. */
static const struct {
  MrStatus         from;
  MrWorkflowAction action;
  MrStatus         to;
} valid[] = {
  { MR_STATUS_DRAFT, MR_WORKFLOW_ACTION_SUBMIT, MR_STATUS_SUBMITTED },
  { MR_STATUS_CHANGES_REQUESTED, MR_WORKFLOW_ACTION_SUBMIT, MR_STATUS_SUBMITTED },
  { MR_STATUS_REJECTED, MR_WORKFLOW_ACTION_SUBMIT, MR_STATUS_SUBMITTED },
  { MR_STATUS_REREVIEW_REQUIRED, MR_WORKFLOW_ACTION_SUBMIT, MR_STATUS_SUBMITTED },
  { MR_STATUS_SUBMITTED, MR_WORKFLOW_ACTION_APPROVE, MR_STATUS_APPROVED },
  { MR_STATUS_SUBMITTED, MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS,
    MR_STATUS_APPROVED_WITH_CONDITIONS },
  { MR_STATUS_SUBMITTED, MR_WORKFLOW_ACTION_REQUEST_CHANGES, MR_STATUS_CHANGES_REQUESTED },
  { MR_STATUS_SUBMITTED, MR_WORKFLOW_ACTION_REJECT, MR_STATUS_REJECTED },
  { MR_STATUS_APPROVED, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, MR_STATUS_REREVIEW_REQUIRED },
  { MR_STATUS_APPROVED_WITH_CONDITIONS, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW,
    MR_STATUS_REREVIEW_REQUIRED },
  { MR_STATUS_APPROVED, MR_WORKFLOW_ACTION_EDIT_APPROVED, MR_STATUS_SUBMITTED },
  { MR_STATUS_APPROVED_WITH_CONDITIONS, MR_WORKFLOW_ACTION_EDIT_APPROVED, MR_STATUS_SUBMITTED },
  { MR_STATUS_DRAFT, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_SUBMITTED, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_APPROVED, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_APPROVED_WITH_CONDITIONS, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_CHANGES_REQUESTED, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_REJECTED, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
  { MR_STATUS_REREVIEW_REQUIRED, MR_WORKFLOW_ACTION_RETIRE, MR_STATUS_RETIRED },
};

static gboolean
find_valid (MrStatus          from,
            MrWorkflowAction  action,
            MrStatus         *out_to)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (valid[i].from == from && valid[i].action == action)
      {
        *out_to = valid[i].to;
        return TRUE;
      }
  return FALSE;
}

static void
test_transitions (void)
{
  guint n_allowed = 0;

  for (int from = 0; from < N_STATUSES; from++)
    for (int action = 0; action < MR_WORKFLOW_N_ACTIONS; action++)
      {
        g_autoptr(GError) error = NULL;
        MrStatus expected_to;
        MrStatus to = N_STATUSES;
        gboolean expected = find_valid (from, action, &expected_to);
        gboolean ok = mr_workflow_can (from, action, "Llama <3>", &to, &error);

        g_test_message ("%s --%s-->", mr_enum_to_nick (MR_TYPE_STATUS, from),
                        mr_workflow_action_to_nick (action));
        g_assert_cmpint (ok, ==, expected);
        if (expected)
          {
            g_assert_no_error (error);
            g_assert_cmpint (to, ==, expected_to);
            n_allowed++;
          }
        else
          {
            g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_INVALID_TRANSITION);
            /* The message names the entry, so a batch of refusals can be told apart. */
            g_assert_nonnull (strstr (error->message, "“Llama <3>”"));
            g_assert_cmpint (to, ==, N_STATUSES);
          }
      }
  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (valid));
}

static void
test_refusal_words (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mr_workflow_can (MR_STATUS_DRAFT, MR_WORKFLOW_ACTION_APPROVE, "X", NULL,
                                   &error));
  g_assert_cmpstr (error->message, ==, "Only a submitted request can be approved; “X” is a draft");
  g_clear_error (&error);
  g_assert_false (mr_workflow_can (MR_STATUS_RETIRED, MR_WORKFLOW_ACTION_RETIRE, "X", NULL,
                                   &error));
  g_assert_cmpstr (error->message, ==, "A retired entry stays retired; “X” is retired");
}

static void
test_action_nicks (void)
{
  for (int action = 0; action < MR_WORKFLOW_N_ACTIONS; action++)
    {
      MrWorkflowAction parsed = MR_WORKFLOW_N_ACTIONS;

      g_assert_true (mr_workflow_action_from_nick (mr_workflow_action_to_nick (action),
                                                   &parsed));
      g_assert_cmpint (parsed, ==, action);
    }
  g_assert_cmpstr (mr_workflow_action_to_nick (MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS),
                   ==, "approve-with-conditions");
  g_assert_false (mr_workflow_action_from_nick ("approve-myself", &(MrWorkflowAction) { 0 }));
  g_assert_false (mr_workflow_action_from_nick (NULL, &(MrWorkflowAction) { 0 }));
}

static void
test_separation_of_duties (void)
{
  static const MrWorkflowAction decisions[] = {
    MR_WORKFLOW_ACTION_APPROVE, MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS,
    MR_WORKFLOW_ACTION_REQUEST_CHANGES, MR_WORKFLOW_ACTION_REJECT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mr_workflow_check_actor (decisions[i], "alice", "alice", &error));
      g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON);
      g_assert_nonnull (strstr (error->message, "alice"));
      g_assert_true (mr_workflow_check_actor (decisions[i], "bob", "alice", NULL));
      /* No open request (an entry imported as submitted): nobody to clash with. */
      g_assert_true (mr_workflow_check_actor (decisions[i], "bob", NULL, NULL));
    }
  /* The submitter may still retire, resubmit or edit. */
  g_assert_true (mr_workflow_check_actor (MR_WORKFLOW_ACTION_RETIRE, "alice", "alice", NULL));
  g_assert_true (mr_workflow_check_actor (MR_WORKFLOW_ACTION_SUBMIT, "alice", "alice", NULL));
}

static MrModelRecord *
entry_new (const char * const *uses,
           const char         *owner,
           MrFlagSeverity      worst_flag)
{
  MrModelRecord *entry = mr_model_record_new ();

  mr_model_record_set_string (&entry->name, "Phi-3");
  mr_model_record_set_string (&entry->owner, owner);
  g_strfreev (entry->intended_uses);
  entry->intended_uses = g_strdupv ((char **) uses);
  entry->worst_flag = worst_flag;
  return entry;
}

static void
assert_missing (MrWorkflowAction       action,
                const MrWorkflowInput *input,
                const MrModelRecord   *entry,
                const char            *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mr_workflow_check_input (action, input, entry, &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_nonnull (strstr (error->message, "Phi-3"));
}

static void
test_required_fields (void)
{
  static const char * const uses[] = { "chatbot", NULL };
  static const char * const no_uses[] = { NULL };
  g_autoptr(MrModelRecord) good = entry_new (uses, "Data team", MR_FLAG_SEVERITY_WARNING);
  g_autoptr(MrModelRecord) unused = entry_new (no_uses, "Data team", MR_FLAG_SEVERITY_NONE);
  g_autoptr(MrModelRecord) ownerless = entry_new (uses, "  ", MR_FLAG_SEVERITY_NONE);
  g_autoptr(MrModelRecord) blocked = entry_new (uses, "Data team", MR_FLAG_SEVERITY_BLOCKING);
  MrWorkflowInput input = { .comment = "Support chatbot for the help desk" };
  MrWorkflowInput blank = { .comment = " \t\n" };
  MrWorkflowInput justified = { .comment = "Needed", .justification = "Legal signed off" };
  MrWorkflowInput conditional = { .comment = "Fine", .conditions = "Internal data only" };

  g_assert_true (mr_workflow_check_input (MR_WORKFLOW_ACTION_SUBMIT, &input, good, NULL));
  assert_missing (MR_WORKFLOW_ACTION_SUBMIT, &input, unused, "intended use");
  assert_missing (MR_WORKFLOW_ACTION_SUBMIT, &input, ownerless, "owner");
  assert_missing (MR_WORKFLOW_ACTION_SUBMIT, &blank, good, "business justification");
  assert_missing (MR_WORKFLOW_ACTION_SUBMIT, &input, blocked, "blocking flag");
  g_assert_true (mr_workflow_check_input (MR_WORKFLOW_ACTION_SUBMIT, &justified, blocked, NULL));

  g_assert_true (mr_workflow_check_input (MR_WORKFLOW_ACTION_APPROVE, &input, good, NULL));
  assert_missing (MR_WORKFLOW_ACTION_APPROVE, &blank, good, "comment");
  assert_missing (MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS, &input, good, "conditions");
  g_assert_true (mr_workflow_check_input (MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS,
                                          &conditional, good, NULL));
  assert_missing (MR_WORKFLOW_ACTION_REJECT, &blank, good, "reason");
  assert_missing (MR_WORKFLOW_ACTION_REQUEST_CHANGES, &blank, good, "changes");
  assert_missing (MR_WORKFLOW_ACTION_RETIRE, &blank, good, "reason");
  assert_missing (MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, &blank, good, "reason");
  g_assert_true (mr_workflow_check_input (MR_WORKFLOW_ACTION_REJECT, &input, good, NULL));
}

static void
test_flags_got_worse (void)
{
  g_assert_true (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_WARNING, 1,
                                              MR_FLAG_SEVERITY_BLOCKING, 1));
  g_assert_true (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_NONE, 0,
                                              MR_FLAG_SEVERITY_WARNING, 1));
  g_assert_true (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_WARNING, 1,
                                              MR_FLAG_SEVERITY_WARNING, 2));
  g_assert_false (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_INFO, 1,
                                               MR_FLAG_SEVERITY_INFO, 3));
  g_assert_false (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_BLOCKING, 2,
                                               MR_FLAG_SEVERITY_WARNING, 5));
  g_assert_false (mr_workflow_flags_got_worse (MR_FLAG_SEVERITY_WARNING, 2,
                                               MR_FLAG_SEVERITY_WARNING, 2));
}

/* The submit form shows the flags of the chosen uses before submitting:
 * the proposal carries them, and leaves the entry itself alone. */
static void
test_propose_submission (void)
{
  static const char * const risky[] = { "credit-scoring", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework = mr_framework_new_default (&error);
  g_autoptr(MrModelRecord) entry = entry_new (none, NULL, MR_FLAG_SEVERITY_NONE);
  g_autoptr(MrModelRecord) proposal = NULL;
  g_autoptr(MrModelRecord) unchanged = NULL;
  MrWorkflowInput input = {
    .intended_uses = risky,
    .owner = "Risk team",
    .deployment = MR_DEPLOYMENT_VENDOR_API,
    .data_sensitivity = MR_DATA_SENSITIVITY_PERSONAL,
    .comment = "Scoring pilot",
  };
  MrWorkflowInput keep = { .comment = "As is" };

  g_assert_no_error (error);
  proposal = mr_workflow_propose_submission (entry, &input, framework);
  g_assert_cmpstrv (proposal->intended_uses, risky);
  g_assert_cmpstr (proposal->owner, ==, "Risk team");
  g_assert_cmpint (proposal->deployment, ==, MR_DEPLOYMENT_VENDOR_API);
  g_assert_cmpint (proposal->data_sensitivity, ==, MR_DATA_SENSITIVITY_PERSONAL);
  g_assert_cmpint (proposal->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpuint (g_strv_length (entry->intended_uses), ==, 0);
  assert_missing (MR_WORKFLOW_ACTION_SUBMIT, &input, proposal, "blocking flag");

  unchanged = mr_workflow_propose_submission (proposal, &keep, framework);
  g_assert_true (mr_model_record_same_content (unchanged, proposal));
}

/* The default framework: limited tier (chatbot) 365 days, credit scoring
 * 90, minimal tier 730, prohibited tier 365. */
static void
test_next_review (void)
{
  static const char * const chat_and_credit[] = { "chatbot", "credit-scoring", NULL };
  static const char * const unknown[] = { "fortune-telling", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MrFramework) framework = mr_framework_new_default (&error);
  g_autoptr(MrModelRecord) both = entry_new (chat_and_credit, "x", MR_FLAG_SEVERITY_NONE);
  g_autoptr(MrModelRecord) odd = entry_new (unknown, "x", MR_FLAG_SEVERITY_NONE);
  g_autoptr(MrModelRecord) bare = entry_new (none, "x", MR_FLAG_SEVERITY_NONE);
  const gint64 day = 24 * 60 * 60;

  g_assert_no_error (error);
  g_assert_cmpint (mr_workflow_next_review (both, framework, 1000), ==, 1000 + 90 * day);
  g_assert_cmpint (mr_workflow_next_review (odd, framework, 1000), ==, 1000 + 365 * day);
  g_assert_cmpint (mr_workflow_next_review (bare, framework, 1000), ==, 1000 + 730 * day);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workflow/transitions", test_transitions);
  g_test_add_func ("/workflow/refusal-words", test_refusal_words);
  g_test_add_func ("/workflow/action-nicks", test_action_nicks);
  g_test_add_func ("/workflow/separation-of-duties", test_separation_of_duties);
  g_test_add_func ("/workflow/required-fields", test_required_fields);
  g_test_add_func ("/workflow/flags-got-worse", test_flags_got_worse);
  g_test_add_func ("/workflow/propose-submission", test_propose_submission);
  g_test_add_func ("/workflow/next-review", test_next_review);
  return g_test_run ();
}
