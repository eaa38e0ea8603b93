/* test-approvals.c — the workflow and the audit trail as the store enforces them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two people act through the test-only identity override (see README.md):
 * this program links the MR_TEST_BUILD variant of mr-identity.c.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "mr-error.h"
#include "mr-identity.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

/* The limited tier (chatbot) turned from warning to blocking. */
static const char strict_framework[] =
  "format: 1\n"
  "name: Strict framework\n"
  "tiers:\n"
  "  prohibited: { blocked: true }\n"
  "  high: { minimum_openness: open-source-ai }\n"
  "  limited: { minimum_openness: open-weights, severity: blocking }\n"
  "  minimal: { minimum_openness: closed, severity: warning }\n";

typedef struct {
  char    *path;
  MrStore *store;
  gint64   id;       /* a draft with a use and an owner, saved by alice */
} Fixture;

static const char *
act_as (const char *person)
{
  g_setenv ("MODEL_REGISTER_TEST_ACTOR", person, TRUE);
  return mr_identity_get_actor ();
}

static MrModelRecord *
draft_new (const char *name)
{
  MrModelRecord *record = mr_model_record_new ();

  mr_model_record_set_string (&record->name, name);
  mr_model_record_set_string (&record->provider, "Microsoft");
  mr_model_record_set_string (&record->owner, "Help desk");
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strsplit ("chatbot", ";", -1);
  return record;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) draft = draft_new ("Phi-3 <mini>");
  g_autoptr(MrModelRecord) saved = NULL;

  fixture->path = mr_store_test_register_path ("register.db");
  fixture->store = mr_sqlite_store_open (fixture->path, &error);
  g_assert_no_error (error);
  saved = mr_store_save_model (fixture->store, draft, act_as ("alice"), &error);
  g_assert_no_error (error);
  fixture->id = saved->id;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  g_unsetenv ("MODEL_REGISTER_TEST_ACTOR");
}

static MrModelRecord *
get (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  MrModelRecord *record = mr_store_get_model (fixture->store, fixture->id, &error);

  g_assert_no_error (error);
  return record;
}

static MrModelRecord *
submit (Fixture    *fixture,
        const char *person)
{
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "First-line support", .review_date = 1893456000 };
  MrModelRecord *record = mr_store_submit (fixture->store, fixture->id, &input,
                                           act_as (person), &error);

  g_assert_no_error (error);
  g_assert_cmpint (record->status, ==, MR_STATUS_SUBMITTED);
  return record;
}

static MrModelRecord *
approve (Fixture    *fixture,
         const char *person)
{
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "Evidence is sufficient" };
  MrModelRecord *record = mr_store_decide (fixture->store, fixture->id,
                                           MR_WORKFLOW_ACTION_APPROVE, &input,
                                           act_as (person), &error);

  g_assert_no_error (error);
  g_assert_cmpint (record->status, ==, MR_STATUS_APPROVED);
  return record;
}

static guint
count_audit (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n_entries = 0;

  g_assert_true (mr_store_verify_audit (fixture->store, &n_entries, NULL, &error));
  g_assert_no_error (error);
  return n_entries;
}

static GPtrArray *
history (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = mr_store_list_approvals (fixture->store, fixture->id, &error);

  g_assert_no_error (error);
  return events;
}

static const MrApprovalEvent *
event_at (GPtrArray *events,
          guint      index)
{
  g_assert_cmpuint (index, <, events->len);
  return g_ptr_array_index (events, index);
}

/* The identity override works in this build; the shipped binary ignoring
 * it is checked by test-workflow-cli.py against the real executable. */
static void
test_identity (void)
{
  g_unsetenv ("MODEL_REGISTER_TEST_ACTOR");
  g_assert_cmpstr (mr_identity_get_actor (), ==, g_get_user_name ());
  g_assert_cmpstr (act_as ("alice"), ==, "alice");
  g_autofree char *shown = mr_identity_dup_display_text ("Alice Liddell");
  g_assert_cmpstr (shown, ==, "Alice Liddell (alice)");
  g_unsetenv ("MODEL_REGISTER_TEST_ACTOR");
}

static void
test_separation_of_duties (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = NULL;
  g_autoptr(MrModelRecord) refused = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "Looks fine to me" };
  guint n_audit = count_audit (fixture);

  refused = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE, &input,
                             act_as ("alice"), &error);
  g_assert_null (refused);
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON);
  g_assert_nonnull (strstr (error->message, "alice"));
  g_clear_error (&error);
  /* Nothing of the refused step was stored. */
  g_assert_cmpuint (count_audit (fixture), ==, n_audit);
  g_clear_pointer (&refused, mr_model_record_unref);
  refused = get (fixture);
  g_assert_cmpint (refused->status, ==, MR_STATUS_SUBMITTED);

  approved = approve (fixture, "bob");
  g_assert_cmpuint (approved->revision, ==, submitted->revision);
  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (event_at (events, 0)->action, ==, MR_WORKFLOW_ACTION_SUBMIT);
  g_assert_cmpstr (event_at (events, 0)->actor, ==, "alice");
  g_assert_cmpstr (event_at (events, 0)->intended_uses[0], ==, "chatbot");
  g_assert_cmpint (event_at (events, 1)->action, ==, MR_WORKFLOW_ACTION_APPROVE);
  g_assert_cmpstr (event_at (events, 1)->actor, ==, "bob");
  g_assert_cmpstr (event_at (events, 1)->comment, ==, "Evidence is sufficient");
  g_assert_cmpstr (event_at (events, 1)->framework, ==, "Default governance framework 2026.1");
  /* The request asked for 2030; the framework wants chatbots reviewed
   * within a year, and the earlier date wins. */
  g_assert_cmpint (event_at (events, 0)->review_date, ==, 1893456000);
  g_assert_cmpint (event_at (events, 1)->review_date, ==,
                   event_at (events, 1)->time + 365 * 24 * 60 * 60);
  g_assert_cmpuint (count_audit (fixture), ==, n_audit + 1);
}

static void
test_invalid_transition (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MrModelRecord) refused = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "Sure" };
  guint n_audit = count_audit (fixture);

  refused = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE, &input,
                             act_as ("bob"), &error);
  g_assert_null (refused);
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_INVALID_TRANSITION);
  g_assert_cmpstr (error->message, ==,
                   "Only a submitted request can be approved; “Phi-3 <mini>” is a draft");
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture), ==, n_audit);

  g_assert_null (mr_store_decide (fixture->store, 999, MR_WORKFLOW_ACTION_APPROVE, &input,
                                  "bob", &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND);
}

static void
test_reasons_required (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) rejected = NULL;
  g_autoptr(MrModelRecord) changes = NULL;
  g_autoptr(MrModelRecord) resubmitted = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput empty = { 0 };
  MrWorkflowInput reason = { .comment = "No evaluation results" };

  g_assert_null (mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_REJECT,
                                  &empty, act_as ("bob"), &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_null (mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE,
                                  &empty, "bob", &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  changes = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_REQUEST_CHANGES,
                             &reason, "bob", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changes->status, ==, MR_STATUS_CHANGES_REQUESTED);
  resubmitted = submit (fixture, "alice");
  rejected = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_REJECT, &reason,
                              "bob", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rejected->status, ==, MR_STATUS_REJECTED);
}

/* A blocking flag for the chosen use needs a written justification, and a
 * refused submission leaves the entry's uses as they were. */
static void
test_blocking_needs_justification (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const char * const risky[] = { "credit-scoring", NULL };
  g_autoptr(MrModelRecord) before = get (fixture);
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(MrModelRecord) submitted = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = {
    .intended_uses = risky,
    .data_sensitivity = MR_DATA_SENSITIVITY_PERSONAL,
    .comment = "Loan pre-screening",
  };

  g_assert_null (mr_store_submit (fixture->store, fixture->id, &input, act_as ("alice"),
                                  &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "blocking flag"));
  g_clear_error (&error);
  after = get (fixture);
  g_assert_cmpuint (after->revision, ==, before->revision);
  g_assert_cmpstrv (after->intended_uses, before->intended_uses);

  input.justification = "Human review of every decision; DPIA 2026-14";
  submitted = mr_store_submit (fixture->store, fixture->id, &input, "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (submitted->revision, ==, before->revision + 1);
  g_assert_cmpstrv (submitted->intended_uses, risky);
  g_assert_cmpint (submitted->data_sensitivity, ==, MR_DATA_SENSITIVITY_PERSONAL);
  g_assert_cmpint (submitted->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  events = history (fixture);
  g_assert_cmpstr (event_at (events, 0)->justification, ==, input.justification);
  g_assert_cmpuint (event_at (events, 0)->model_revision, ==, submitted->revision);
}

/* save_model never moves an entry through the workflow. */
static void
test_save_keeps_status (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MrModelRecord) current = get (fixture);
  g_autoptr(MrModelRecord) edit = mr_model_record_copy (current);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(GError) error = NULL;

  edit->status = MR_STATUS_APPROVED;
  mr_model_record_set_string (&edit->notes, "Approved, trust me");
  saved = mr_store_save_model (fixture->store, edit, act_as ("alice"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->status, ==, MR_STATUS_DRAFT);
  g_assert_cmpstr (saved->notes, ==, "Approved, trust me");
}

/* Editing an approved entry makes a new revision that goes back to
 * submitted; the history keeps the approval tied to the old revision. */
static void
test_edit_approved (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = approve (fixture, "bob");
  g_autoptr(MrModelRecord) edit = mr_model_record_copy (approved);
  g_autoptr(MrModelRecord) edited = NULL;
  g_autoptr(MrModelRecord) refused = NULL;
  g_autoptr(MrModelRecord) reapproved = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "Still fine" };
  const MrAuditRecord *last;

  mr_model_record_set_string (&edit->version, "3.5");
  edited = mr_store_save_model (fixture->store, edit, act_as ("carol"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (edited->status, ==, MR_STATUS_SUBMITTED);
  g_assert_cmpuint (edited->revision, ==, approved->revision + 1);

  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (event_at (events, 1)->action, ==, MR_WORKFLOW_ACTION_APPROVE);
  g_assert_cmpuint (event_at (events, 1)->model_revision, ==, approved->revision);
  g_assert_cmpint (event_at (events, 2)->action, ==, MR_WORKFLOW_ACTION_EDIT_APPROVED);
  g_assert_cmpuint (event_at (events, 2)->model_revision, ==, edited->revision);
  g_assert_cmpstr (event_at (events, 2)->actor, ==, "carol");

  audit = mr_store_list_audit (fixture->store, fixture->id, 0, 0, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "edit-approved");
  g_assert_nonnull (strstr (last->after_json, "\"approval_applies_to_revision\":"));

  /* The new revision is carol's request: she cannot approve it herself. */
  refused = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE, &input,
                             "carol", &error);
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON);
  g_clear_error (&error);
  reapproved = approve (fixture, "bob");
  g_assert_cmpuint (reapproved->revision, ==, edited->revision);
}

static void
test_rereview (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = approve (fixture, "bob");
  g_autoptr(MrModelRecord) flagged = NULL;
  g_autoptr(MrModelRecord) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  flagged = mr_store_require_rereview (fixture->store, fixture->id,
                                       "{\"cause\":\"upstream-change\",\"commit\":\"abc123\"}",
                                       "system", &error);
  g_assert_no_error (error);
  g_assert_cmpint (flagged->status, ==, MR_STATUS_REREVIEW_REQUIRED);
  events = history (fixture);
  g_assert_cmpint (event_at (events, 2)->action, ==, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW);
  g_assert_nonnull (strstr (event_at (events, 2)->comment, "upstream-change"));

  /* Only an approved entry can be sent back. */
  g_assert_null (mr_store_require_rereview (fixture->store, fixture->id, "{}", "system",
                                            &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  again = submit (fixture, "alice");
}

static void
test_overdue (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "For a year", .review_date = 1800000000 };
  guint n_marked = 99;

  approved = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE, &input,
                              act_as ("bob"), &error);
  g_assert_no_error (error);

  g_assert_true (mr_store_mark_overdue (fixture->store, 1800000000, &n_marked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_marked, ==, 0);
  g_assert_true (mr_store_mark_overdue (fixture->store, 1800000001, &n_marked, &error));
  g_assert_cmpuint (n_marked, ==, 1);
  after = get (fixture);
  g_assert_cmpint (after->status, ==, MR_STATUS_REREVIEW_REQUIRED);
  g_assert_no_error (error);
  audit = mr_store_list_audit (fixture->store, fixture->id, 0, 0, &error);
  g_assert_cmpstr (((MrAuditRecord *) g_ptr_array_index (audit, audit->len - 1))->actor,
                   ==, "system");
  g_assert_true (mr_store_mark_overdue (fixture->store, 1800000001, &n_marked, &error));
  g_assert_cmpuint (n_marked, ==, 0);
}

static void
test_framework_change (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = approve (fixture, "bob");
  g_autoptr(MrModelRecord) other = draft_new ("Still a draft");
  g_autoptr(MrModelRecord) other_saved = NULL;
  g_autoptr(MrModelRecord) other_after = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  g_autoptr(MrFramework) strict = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  other_saved = mr_store_save_model (fixture->store, other, "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->worst_flag, ==, MR_FLAG_SEVERITY_WARNING);
  strict = mr_framework_new_from_data (strict_framework, strlen (strict_framework), "strict.yml", &error);
  g_assert_no_error (error);
  mr_store_set_framework (fixture->store, strict);
  g_assert_true (mr_store_reevaluate_all (fixture->store, NULL, &error));
  g_assert_no_error (error);

  after = get (fixture);
  g_assert_cmpint (after->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpint (after->status, ==, MR_STATUS_REREVIEW_REQUIRED);
  events = history (fixture);
  g_assert_nonnull (strstr (event_at (events, 2)->comment, "framework-change"));
  g_assert_cmpstr (event_at (events, 2)->framework, ==, "Strict framework");
  /* A draft's flags got worse too, but there was no approval to revisit. */
  other_after = mr_store_get_model (fixture->store, other_saved->id, &error);
  g_assert_cmpint (other_after->status, ==, MR_STATUS_DRAFT);
}

static void
test_retire (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MrModelRecord) retired = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mr_store_retire (fixture->store, fixture->id, "", act_as ("alice"), &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  retired = mr_store_retire (fixture->store, fixture->id, "Superseded by Phi-4", "alice",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (retired->status, ==, MR_STATUS_RETIRED);
  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->action, ==, MR_WORKFLOW_ACTION_RETIRE);
  g_assert_cmpuint (g_strv_length (event_at (events, 0)->intended_uses), ==, 0);

  g_assert_null (mr_store_retire (fixture->store, fixture->id, "Again", "alice", &error));
  g_assert_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_INVALID_TRANSITION);
}

/* Every kind of change leaves one chained entry, in order. */
static void
test_audit_every_change (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const expected[] = {
    "create", "update", "delete", "restore", "import", "submit", "approve",
    "require-rereview", "submit", "request-changes", "retire",
  };
  g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_autoptr(MrModelRecord) current = get (fixture);
  g_autoptr(MrModelRecord) edit = mr_model_record_copy (current);
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(MrModelRecord) restored = NULL;
  g_autoptr(MrModelRecord) step = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  MrWorkflowInput input = { .comment = "Reason" };
  gint64 first_bad = -1;

  mr_model_record_set_string (&edit->description, "Edited");
  saved = mr_store_save_model (fixture->store, edit, act_as ("alice"), &error);
  g_assert_no_error (error);
  deleted = mr_store_delete_model (fixture->store, fixture->id, "alice", &error);
  g_assert_no_error (error);
  restored = mr_store_restore_model (fixture->store, deleted, "alice", &error);
  g_assert_no_error (error);
  g_ptr_array_add (imports, draft_new ("Imported"));
  g_assert_true (mr_store_import_models (fixture->store, imports, "alice", "models.csv",
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  step = submit (fixture, "alice");
  g_clear_pointer (&step, mr_model_record_unref);
  step = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_APPROVE, &input,
                          "bob", &error);
  g_assert_no_error (error);
  g_clear_pointer (&step, mr_model_record_unref);
  /* approve → request-changes is not a move: refused and not recorded. */
  g_assert_null (mr_store_decide (fixture->store, fixture->id,
                                  MR_WORKFLOW_ACTION_REQUEST_CHANGES, &input, "bob", &error));
  g_clear_error (&error);
  step = mr_store_require_rereview (fixture->store, fixture->id, "{\"cause\":\"test\"}", "system",
                                    &error);
  g_assert_no_error (error);
  g_clear_pointer (&step, mr_model_record_unref);
  step = submit (fixture, "alice");
  g_clear_pointer (&step, mr_model_record_unref);
  step = mr_store_decide (fixture->store, fixture->id, MR_WORKFLOW_ACTION_REQUEST_CHANGES,
                          &input, "bob", &error);
  g_assert_no_error (error);
  g_clear_pointer (&step, mr_model_record_unref);
  step = mr_store_retire (fixture->store, fixture->id, "Gone", "alice", &error);
  g_assert_no_error (error);

  g_assert_true (mr_store_verify_audit (fixture->store, NULL, &first_bad, &error));
  g_assert_cmpint (first_bad, ==, 0);
  audit = mr_store_list_audit (fixture->store, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < audit->len; i++)
    {
      const MrAuditRecord *entry = g_ptr_array_index (audit, i);

      g_assert_cmpint (entry->seq, ==, i + 1);
      g_assert_cmpstr (entry->action, ==, expected[i]);
      if (i > 0)
        g_assert_cmpstr (entry->prev_hash, ==,
                         ((MrAuditRecord *) g_ptr_array_index (audit, i - 1))->hash);
    }
  mine = mr_store_list_audit (fixture->store, fixture->id, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, G_N_ELEMENTS (expected) - 1);   /* all but the import */
}

static void
test_audit_time_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  all = mr_store_list_audit (fixture->store, 0, now - 60, now + 60, &error);
  g_assert_cmpuint (all->len, ==, 1);
  none = mr_store_list_audit (fixture->store, 0, now + 60, 0, &error);
  g_assert_cmpuint (none->len, ==, 0);
  past = mr_store_list_audit (fixture->store, 0, 0, now - 60, &error);
  g_assert_cmpuint (past->len, ==, 0);
  g_assert_no_error (error);
}

static sqlite3 *
open_behind_the_back (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
test_triggers (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MrModelRecord) step = submit (fixture, "alice");
  sqlite3 *db = open_behind_the_back (fixture->path);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "cannot be changed"));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_entries WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "cannot be deleted"));
  sqlite3_close (db);
  g_assert_cmpuint (count_audit (fixture), ==, 2);
}

/* Someone drops the trigger and rewrites what a decision said: verify names
 * exactly that entry. */
static void
test_tamper (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(MrModelRecord) approved = approve (fixture, "bob");
  g_autoptr(MrModelRecord) retired = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gint64 first_bad = 0;

  retired = mr_store_retire (fixture->store, fixture->id, "Replaced", "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture), ==, 4);

  db = open_behind_the_back (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_entries_no_update;"
                                 "UPDATE audit_entries SET after_json ="
                                 " replace (after_json, 'Evidence is sufficient', 'Rubber stamp')"
                                 " WHERE seq = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  g_assert_false (mr_store_verify_audit (fixture->store, NULL, &first_bad, &error));
  g_assert_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT);
  g_assert_cmpint (first_bad, ==, 3);
  g_assert_nonnull (strstr (error->message, "audit entry 3 ("));
  g_assert_nonnull (strstr (error->message, "approve by bob"));
}

/* An export holds what is needed to recompute the chain without this
 * program's database. */
static void
test_export_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MrModelRecord) submitted = submit (fixture, "alice");
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *prev_hash = g_strdup (MR_SQLITE_AUDIT_GENESIS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  audit = mr_store_list_audit (fixture->store, 0, 0, 0, &error);
  g_assert_no_error (error);
  json = mr_audit_records_to_json (audit);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      MrSqliteAuditEntry entry = {
        .seq = json_object_get_int_member (object, "seq"),
        .time = json_object_get_int_member (object, "time"),
        .actor = json_object_get_string_member (object, "actor"),
        .action = json_object_get_string_member (object, "action"),
        .entity_type = json_object_get_string_member (object, "entity_type"),
        .entity_id = json_object_get_int_member (object, "entity_id"),
        .before_json = json_object_get_string_member (object, "before"),
        .after_json = json_object_get_string_member (object, "after"),
      };
      g_autofree char *hash = mr_sqlite_audit_hash (prev_hash, &entry);

      g_assert_cmpstr (json_object_get_string_member (object, "prev_hash"), ==, prev_hash);
      g_assert_cmpstr (json_object_get_string_member (object, "hash"), ==, hash);
      g_free (prev_hash);
      prev_hash = g_steal_pointer (&hash);
    }
}

static void
add_fixture_test (const char *path,
                  void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/approvals/identity", test_identity);
  add_fixture_test ("/approvals/separation-of-duties", test_separation_of_duties);
  add_fixture_test ("/approvals/invalid-transition", test_invalid_transition);
  add_fixture_test ("/approvals/reasons-required", test_reasons_required);
  add_fixture_test ("/approvals/blocking-needs-justification", test_blocking_needs_justification);
  add_fixture_test ("/approvals/save-keeps-status", test_save_keeps_status);
  add_fixture_test ("/approvals/edit-approved", test_edit_approved);
  add_fixture_test ("/approvals/rereview", test_rereview);
  add_fixture_test ("/approvals/overdue", test_overdue);
  add_fixture_test ("/approvals/framework-change", test_framework_change);
  add_fixture_test ("/approvals/retire", test_retire);
  add_fixture_test ("/audit/every-change", test_audit_every_change);
  add_fixture_test ("/audit/time-filter", test_audit_time_filter);
  add_fixture_test ("/audit/triggers", test_triggers);
  add_fixture_test ("/audit/tamper", test_tamper);
  add_fixture_test ("/audit/export-json", test_export_json);
  return g_test_run ();
}
