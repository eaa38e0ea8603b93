/* mr-workflow.h — the approval workflow as a pure state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which action moves an entry from which status to which, who may take it
 * and what it must carry.  No I/O: the store enforces these rules inside
 * its transactions (mr_store_submit() and friends), and the CLI and the
 * GUI call the same functions to explain a refusal before asking the
 * store, so that all three say the same thing.
 */
#pragma once

#include "mr-framework.h"
#include "mr-model-record.h"

G_BEGIN_DECLS

#define MR_WORKFLOW_ERROR (mr_workflow_error_quark ())

typedef enum {
  MR_WORKFLOW_ERROR_INVALID_TRANSITION,  /* not from this status */
  MR_WORKFLOW_ERROR_MISSING_FIELD,       /* a required comment, use, owner… */
  MR_WORKFLOW_ERROR_SAME_PERSON,         /* separation of duties */
} MrWorkflowError;

typedef enum {
  MR_WORKFLOW_ACTION_SUBMIT,
  MR_WORKFLOW_ACTION_APPROVE,
  MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS,
  MR_WORKFLOW_ACTION_REQUEST_CHANGES,
  MR_WORKFLOW_ACTION_REJECT,
  MR_WORKFLOW_ACTION_RETIRE,
  MR_WORKFLOW_ACTION_REQUIRE_REREVIEW,
  /* Saving an approved entry: the new revision needs a new approval. */
  MR_WORKFLOW_ACTION_EDIT_APPROVED,
} MrWorkflowAction;

#define MR_WORKFLOW_N_ACTIONS (MR_WORKFLOW_ACTION_EDIT_APPROVED + 1)

/* What an action carries; fields an action does not use are ignored. */
typedef struct {
  /* submit: each NULL / unspecified keeps the entry's own value */
  const char * const *intended_uses;
  const char         *owner;
  MrDeployment        deployment;
  MrDataSensitivity   data_sensitivity;
  /* submit: why a blocking flag of the chosen uses is acceptable */
  const char         *justification;
  /* submit: the business justification; a decision: the reviewer's comment
   * or reason; retire and re-review: the reason */
  const char         *comment;
  /* approve-with-conditions */
  const char         *conditions;
  /* submit: the requested review date; approvals: the next review (Unix
   * time, UTC); 0: none */
  gint64              review_date;
} MrWorkflowInput;

/* One step of an entry's approval history, oldest first in a list. */
typedef struct {
  gint64            model_id;
  guint             model_revision;  /* the revision the step applies to */
  MrWorkflowAction  action;
  MrStatus          status;          /* the entry's status after the step */
  char             *actor;
  gint64            time;
  char             *comment;
  char             *conditions;
  char             *justification;   /* submit: for blocking flags */
  GStrv             intended_uses;   /* of the request; never NULL */
  gint64            review_date;     /* 0: none */
  char             *framework;       /* name of the framework in force */
} MrApprovalEvent;

GQuark      mr_workflow_error_quark      (void);

/* The stable spelling ("approve-with-conditions") used in the audit trail,
 * in JSON and on the command line. */
const char *mr_workflow_action_to_nick   (MrWorkflowAction  action);
gboolean    mr_workflow_action_from_nick (const char       *nick,
                                          MrWorkflowAction *out_action);

/* Whether @action may be taken on an entry called @name whose status is
 * @from; on success *out_to is the status it leads to.  The error says in
 * plain words what is possible instead. */
gboolean    mr_workflow_can              (MrStatus          from,
                                          MrWorkflowAction  action,
                                          const char       *name,
                                          MrStatus         *out_to,
                                          GError          **error);

/* Separation of duties: whoever decides on a request must not be whoever
 * submitted it.  @submitter is NULL when there is no open request. */
gboolean    mr_workflow_check_actor      (MrWorkflowAction  action,
                                          const char       *actor,
                                          const char       *submitter,
                                          GError          **error);

/* The fields @action requires.  For a submission @entry is the entry as it
 * will be submitted (the input's uses and owner applied) with its policy
 * outcome stamped: a blocking flag asks for input->justification. */
gboolean    mr_workflow_check_input      (MrWorkflowAction       action,
                                          const MrWorkflowInput *input,
                                          const MrModelRecord   *entry,
                                          GError               **error);

/* The entry as a submission would leave it: a copy with the input's uses,
 * owner, deployment and data sensitivity applied and the policy outcome of
 * the chosen uses stamped under @framework, so that a form can show the
 * flags before submitting and the store can check them. */
MrModelRecord *mr_workflow_propose_submission (const MrModelRecord   *entry,
                                               const MrWorkflowInput *input,
                                               MrFramework           *framework);

/* When an approval given at @now falls due under @framework: after the
 * shortest review interval of the entry's uses.  A use the catalogue does
 * not know gets the prohibited tier's interval; an entry without uses the
 * minimal tier's. */
gint64         mr_workflow_next_review        (const MrModelRecord   *entry,
                                               MrFramework           *framework,
                                               gint64                 now);

gboolean    mr_workflow_is_approved      (MrStatus          status);

/* Whether a new policy outcome is worse than the old one, so that an
 * approval given under the old one must be looked at again. */
gboolean    mr_workflow_flags_got_worse  (MrFlagSeverity    old_worst,
                                          guint             old_n_flags,
                                          MrFlagSeverity    new_worst,
                                          guint             new_n_flags);

void        mr_approval_event_free       (MrApprovalEvent  *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrApprovalEvent, mr_approval_event_free)

G_END_DECLS
