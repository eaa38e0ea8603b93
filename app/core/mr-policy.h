/* mr-policy.h — evaluating a model entry against the governance framework
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, so that a register of 100,000 entries evaluates quickly: the
 * evidence of an entry (its MOF classification, openness level, present
 * components and licence restrictions) is computed once, then each intended
 * use is checked against the framework's rule for it.  Both steps are pure,
 * do no I/O and allocate nothing; flags are plain values, and their
 * sentences are written only when asked for.  Safe on any thread.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-framework.h"
#include "mr-mof.h"
#include "mr-openness.h"
#include "mr-use-catalog.h"

G_BEGIN_DECLS

typedef enum {
  MR_INFERENCE_CHECK_NOT_RUN,
  MR_INFERENCE_CHECK_PASSED,
  MR_INFERENCE_CHECK_FAILED,
} MrInferenceCheckOutcome;

/* Facts the evaluation needs that are not fields of the record. */
typedef struct {
  gboolean                gated;            /* weights behind an access request */
  MrInferenceCheckOutcome inference_check;  /* the latest local inference check */
} MrPolicyInputs;

typedef enum {
  MR_POLICY_ISSUE_UNKNOWN_USE,            /* the use id is not in the catalogue */
  MR_POLICY_ISSUE_PROHIBITED,             /* the framework blocks the use */
  MR_POLICY_ISSUE_OPENNESS,               /* below the minimum openness level */
  MR_POLICY_ISSUE_MISSING_COMPONENTS,
  MR_POLICY_ISSUE_NON_COMMERCIAL_LICENSE,
  MR_POLICY_ISSUE_ACCEPTABLE_USE_LICENSE,
  MR_POLICY_ISSUE_INFERENCE_CHECK,
  MR_POLICY_ISSUE_VENDOR_AGREEMENT,       /* closed model: note the agreement */
} MrPolicyIssue;

typedef struct {
  const char          *use_id;          /* borrowed from the caller */
  const MrIntendedUse *use;             /* NULL for MR_POLICY_ISSUE_UNKNOWN_USE */
  MrPolicyIssue        issue;
  MrFlagSeverity       severity;
  MrOpenness           required_level;  /* MR_POLICY_ISSUE_OPENNESS */
  guint32              components;      /* MR_POLICY_ISSUE_MISSING_COMPONENTS: 1 << kind */
  const MrLicense     *license;         /* the licence at issue, if any */
} MrPolicyFlag;

/* What one use can raise at most. */
#define MR_POLICY_MAX_FLAGS_PER_USE 6

typedef struct {
  const MrModelRecord  *record;          /* borrowed; must outlive the evidence */
  MrPolicyInputs        inputs;
  MrMofResult           mof;
  MrOpennessAssessment  openness;
  guint32               present;         /* 1 << MrComponentKind */
  /* The first licence on record that excludes commercial use, and the
   * first that imposes an acceptable-use policy; NULL when none does. */
  const MrLicense      *non_commercial_license;
  const MrLicense      *acceptable_use_license;
} MrPolicyEvidence;

/* @inputs may be NULL (not gated, no check run, no agreement on file). */
void           mr_policy_evidence_init   (MrPolicyEvidence       *evidence,
                                          const MrModelRecord    *record,
                                          const MrPolicyInputs   *inputs);

/* Fills @flags for one intended use; returns how many. */
guint          mr_policy_evaluate_use    (MrFramework            *framework,
                                          const MrPolicyEvidence *evidence,
                                          const char             *use_id,
                                          MrPolicyFlag            flags[MR_POLICY_MAX_FLAGS_PER_USE]);
/* Every intended use of the record; a GArray of MrPolicyFlag. */
GArray        *mr_policy_evaluate        (MrFramework            *framework,
                                          const MrPolicyEvidence *evidence);

/* The summary a record caches (worst_flag, n_flags). */
void           mr_policy_summarize       (const MrPolicyFlag     *flags,
                                          guint                   n_flags,
                                          MrFlagSeverity         *out_worst,
                                          guint                  *out_count);

/* Plain-language, translated sentences; the reason says when it rests on
 * evidence not yet reviewed. */
char          *mr_policy_flag_dup_reason (const MrPolicyFlag     *flag,
                                          const MrPolicyEvidence *evidence);
char          *mr_policy_flag_dup_remedy (const MrPolicyFlag     *flag,
                                          const MrPolicyEvidence *evidence);
/* Stable spelling in JSON ("missing-components"). */
const char    *mr_policy_issue_get_nick  (MrPolicyIssue           issue);

/* One entry of `evaluate --format json`, as an object: id, name,
 * openness_level, openness, mof {…}, worst_severity, flags [{use, …}]. */
void           mr_policy_add_json_entry  (JsonBuilder            *builder,
                                          const MrPolicyEvidence *evidence,
                                          const MrPolicyFlag     *flags,
                                          guint                   n_flags);

G_END_DECLS
