/* mr-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-workflow"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-policy-stamp.h"
#include "mr-workflow.h"

G_DEFINE_QUARK (mr-workflow-error-quark, mr_workflow_error)

#define STATUS_BIT(status) (1u << (status))
#define ANY_BUT_RETIRED \
  (STATUS_BIT (MR_STATUS_DRAFT) | STATUS_BIT (MR_STATUS_SUBMITTED) | \
   STATUS_BIT (MR_STATUS_APPROVED) | STATUS_BIT (MR_STATUS_APPROVED_WITH_CONDITIONS) | \
   STATUS_BIT (MR_STATUS_CHANGES_REQUESTED) | STATUS_BIT (MR_STATUS_REJECTED) | \
   STATUS_BIT (MR_STATUS_REREVIEW_REQUIRED))
#define APPROVED_BITS \
  (STATUS_BIT (MR_STATUS_APPROVED) | STATUS_BIT (MR_STATUS_APPROVED_WITH_CONDITIONS))

typedef struct {
  const char *nick;
  guint32     from;      /* STATUS_BIT of every status the action starts from */
  MrStatus    to;
} Transition;

/* A rejected entry may be submitted again (for another use, with more
 * evidence); a retired one is final, so that its history stays closed. */
static const Transition transitions[MR_WORKFLOW_N_ACTIONS] = {
  [MR_WORKFLOW_ACTION_SUBMIT] = {
    "submit",
    STATUS_BIT (MR_STATUS_DRAFT) | STATUS_BIT (MR_STATUS_CHANGES_REQUESTED) |
    STATUS_BIT (MR_STATUS_REJECTED) | STATUS_BIT (MR_STATUS_REREVIEW_REQUIRED),
    MR_STATUS_SUBMITTED,
  },
  [MR_WORKFLOW_ACTION_APPROVE] = {
    "approve", STATUS_BIT (MR_STATUS_SUBMITTED), MR_STATUS_APPROVED,
  },
  [MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS] = {
    "approve-with-conditions", STATUS_BIT (MR_STATUS_SUBMITTED),
    MR_STATUS_APPROVED_WITH_CONDITIONS,
  },
  [MR_WORKFLOW_ACTION_REQUEST_CHANGES] = {
    "request-changes", STATUS_BIT (MR_STATUS_SUBMITTED), MR_STATUS_CHANGES_REQUESTED,
  },
  [MR_WORKFLOW_ACTION_REJECT] = {
    "reject", STATUS_BIT (MR_STATUS_SUBMITTED), MR_STATUS_REJECTED,
  },
  [MR_WORKFLOW_ACTION_RETIRE] = {
    "retire", ANY_BUT_RETIRED, MR_STATUS_RETIRED,
  },
  [MR_WORKFLOW_ACTION_REQUIRE_REREVIEW] = {
    "require-rereview", APPROVED_BITS, MR_STATUS_REREVIEW_REQUIRED,
  },
  [MR_WORKFLOW_ACTION_EDIT_APPROVED] = {
    "edit-approved", APPROVED_BITS, MR_STATUS_SUBMITTED,
  },
};

/* Completes “… “name” is %s”. */
static const char *
describe_status (MrStatus status)
{
  switch (status)
    {
    case MR_STATUS_DRAFT:
      /* Translators: these complete "“%s” is %s", e.g. "“Phi-4” is a draft" */
      return _("a draft");
    case MR_STATUS_SUBMITTED:
      return _("submitted");
    case MR_STATUS_APPROVED:
      return _("approved");
    case MR_STATUS_APPROVED_WITH_CONDITIONS:
      return _("approved with conditions");
    case MR_STATUS_CHANGES_REQUESTED:
      return _("waiting for changes");
    case MR_STATUS_REJECTED:
      return _("rejected");
    case MR_STATUS_REREVIEW_REQUIRED:
      return _("due for re-review");
    case MR_STATUS_RETIRED:
      return _("retired");
    default:
      return _("in an unknown state");
    }
}

#define REFUSE(...) \
  g_set_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_INVALID_TRANSITION, __VA_ARGS__)

/* Says what the action needs, then the entry's name and its status. */
static void
set_refusal (GError           **error,
             MrWorkflowAction   action,
             const char        *name,
             const char        *status)
{
  switch (action)
    {
    case MR_WORKFLOW_ACTION_SUBMIT:
      REFUSE (_("Only a draft, an entry sent back for changes, a rejected entry or one due"
                " for re-review can be submitted; “%s” is %s"), name, status);
      break;
    case MR_WORKFLOW_ACTION_APPROVE:
      REFUSE (_("Only a submitted request can be approved; “%s” is %s"), name, status);
      break;
    case MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS:
      REFUSE (_("Only a submitted request can be approved with conditions; “%s” is %s"),
              name, status);
      break;
    case MR_WORKFLOW_ACTION_REQUEST_CHANGES:
      REFUSE (_("Changes can be requested only on a submitted request; “%s” is %s"),
              name, status);
      break;
    case MR_WORKFLOW_ACTION_REJECT:
      REFUSE (_("Only a submitted request can be rejected; “%s” is %s"), name, status);
      break;
    case MR_WORKFLOW_ACTION_RETIRE:
      REFUSE (_("A retired entry stays retired; “%s” is %s"), name, status);
      break;
    case MR_WORKFLOW_ACTION_REQUIRE_REREVIEW:
      REFUSE (_("Only an approved entry can be sent back for re-review; “%s” is %s"),
              name, status);
      break;
    case MR_WORKFLOW_ACTION_EDIT_APPROVED:
    default:
      REFUSE (_("Only an approved entry becomes a new request when edited; “%s” is %s"),
              name, status);
      break;
    }
}

#undef REFUSE

const char *
mr_workflow_action_to_nick (MrWorkflowAction action)
{
  g_return_val_if_fail (action < MR_WORKFLOW_N_ACTIONS, NULL);

  return transitions[action].nick;
}

gboolean
mr_workflow_action_from_nick (const char       *nick,
                              MrWorkflowAction *out_action)
{
  for (guint i = 0; i < MR_WORKFLOW_N_ACTIONS; i++)
    if (g_strcmp0 (transitions[i].nick, nick) == 0)
      {
        *out_action = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
mr_workflow_can (MrStatus          from,
                 MrWorkflowAction  action,
                 const char       *name,
                 MrStatus         *out_to,
                 GError          **error)
{
  const Transition *transition;

  g_return_val_if_fail (action < MR_WORKFLOW_N_ACTIONS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  transition = &transitions[action];
  if (from > MR_STATUS_RETIRED || (transition->from & STATUS_BIT (from)) == 0)
    {
      set_refusal (error, action, name, describe_status (from));
      return FALSE;
    }
  if (out_to != NULL)
    *out_to = transition->to;
  return TRUE;
}

static gboolean
is_decision (MrWorkflowAction action)
{
  return action == MR_WORKFLOW_ACTION_APPROVE ||
         action == MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS ||
         action == MR_WORKFLOW_ACTION_REQUEST_CHANGES ||
         action == MR_WORKFLOW_ACTION_REJECT;
}

gboolean
mr_workflow_check_actor (MrWorkflowAction   action,
                         const char        *actor,
                         const char        *submitter,
                         GError           **error)
{
  g_return_val_if_fail (actor != NULL, FALSE);

  /* A submitter who wants to withdraw retires or edits instead: deciding on
   * one's own request, even against it, is still not a review. */
  if (is_decision (action) && g_strcmp0 (actor, submitter) == 0)
    {
      g_set_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_SAME_PERSON,
                   _("%s submitted this request, so someone else must review it"
                     " (separation of duties)"), actor);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Returns FALSE, for "return MISSING (…)". */
#define MISSING(...) \
  (g_set_error (error, MR_WORKFLOW_ERROR, MR_WORKFLOW_ERROR_MISSING_FIELD, __VA_ARGS__), FALSE)

static gboolean
check_submission (const MrWorkflowInput  *input,
                  const MrModelRecord    *entry,
                  GError                **error)
{
  if (entry->intended_uses[0] == NULL)
    return MISSING (_("Name at least one intended use to submit “%s”"), entry->name);
  if (is_blank (entry->owner))
    return MISSING (_("Name the owner accountable for “%s” to submit it"), entry->name);
  if (is_blank (input->comment))
    return MISSING (_("Give the business justification for using “%s”"), entry->name);
  if (entry->worst_flag == MR_FLAG_SEVERITY_BLOCKING && is_blank (input->justification))
    return MISSING (_("“%s” has a blocking flag for the chosen uses; write a"
                             " justification to submit it anyway"), entry->name);
  return TRUE;
}

gboolean
mr_workflow_check_input (MrWorkflowAction        action,
                         const MrWorkflowInput  *input,
                         const MrModelRecord    *entry,
                         GError                **error)
{
  g_return_val_if_fail (action < MR_WORKFLOW_N_ACTIONS, FALSE);
  g_return_val_if_fail (input != NULL && entry != NULL, FALSE);

  switch (action)
    {
    case MR_WORKFLOW_ACTION_SUBMIT:
      return check_submission (input, entry, error);
    case MR_WORKFLOW_ACTION_APPROVE:
      if (is_blank (input->comment))
        return MISSING (_("Approving “%s” needs a comment"), entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS:
      if (is_blank (input->comment))
        return MISSING (_("Approving “%s” needs a comment"), entry->name);
      if (is_blank (input->conditions))
        return MISSING (_("Approving “%s” with conditions needs the conditions"),
                        entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_REQUEST_CHANGES:
      if (is_blank (input->comment))
        return MISSING (_("Say which changes “%s” needs"), entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_REJECT:
      if (is_blank (input->comment))
        return MISSING (_("Rejecting “%s” needs a reason"), entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_RETIRE:
      if (is_blank (input->comment))
        return MISSING (_("Retiring “%s” needs a reason"), entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_REQUIRE_REREVIEW:
      if (is_blank (input->comment))
        return MISSING (_("Sending “%s” back for re-review needs a reason"),
                        entry->name);
      return TRUE;
    case MR_WORKFLOW_ACTION_EDIT_APPROVED:
    default:
      return TRUE;
    }
}

MrModelRecord *
mr_workflow_propose_submission (const MrModelRecord   *entry,
                                const MrWorkflowInput *input,
                                MrFramework           *framework)
{
  MrModelRecord *proposal;

  g_return_val_if_fail (entry != NULL && input != NULL, NULL);
  g_return_val_if_fail (MR_IS_FRAMEWORK (framework), NULL);

  proposal = mr_model_record_copy (entry);
  if (input->intended_uses != NULL)
    {
      g_strfreev (proposal->intended_uses);
      proposal->intended_uses = g_strdupv ((char **) input->intended_uses);
    }
  if (input->owner != NULL)
    mr_model_record_set_string (&proposal->owner, input->owner);
  if (input->deployment != MR_DEPLOYMENT_UNSPECIFIED)
    proposal->deployment = input->deployment;
  if (input->data_sensitivity != MR_DATA_SENSITIVITY_UNSPECIFIED)
    proposal->data_sensitivity = input->data_sensitivity;
  mr_policy_stamp_record (proposal, framework, NULL);
  return proposal;
}

gint64
mr_workflow_next_review (const MrModelRecord *entry,
                         MrFramework         *framework,
                         gint64               now)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  guint days = G_MAXUINT;

  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (MR_IS_FRAMEWORK (framework), 0);

  for (guint i = 0; entry->intended_uses[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (catalog, entry->intended_uses[i]);
      const MrFrameworkRule *rule = use != NULL
                                    ? mr_framework_get_rule (framework, use)
                                    : mr_framework_get_tier_rule (framework,
                                                                  MR_RISK_TIER_PROHIBITED);

      days = MIN (days, rule->review_interval_days);
    }
  if (days == G_MAXUINT)
    days = mr_framework_get_tier_rule (framework, MR_RISK_TIER_MINIMAL)->review_interval_days;
  return now + (gint64) days * 24 * 60 * 60;
}

gboolean
mr_workflow_is_approved (MrStatus status)
{
  return status == MR_STATUS_APPROVED || status == MR_STATUS_APPROVED_WITH_CONDITIONS;
}

gboolean
mr_workflow_flags_got_worse (MrFlagSeverity old_worst,
                             guint          old_n_flags,
                             MrFlagSeverity new_worst,
                             guint          new_n_flags)
{
  /* More notes at INFO level change nothing a reviewer signed off on. */
  return new_worst > old_worst ||
         (new_worst == old_worst && new_worst >= MR_FLAG_SEVERITY_WARNING &&
          new_n_flags > old_n_flags);
}

void
mr_approval_event_free (MrApprovalEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->actor);
  g_free (event->comment);
  g_free (event->conditions);
  g_free (event->justification);
  g_strfreev (event->intended_uses);
  g_free (event->framework);
  g_free (event);
}
