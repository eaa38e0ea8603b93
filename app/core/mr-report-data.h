/* mr-report-data.h — the tables of a governance report, built from records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data is built once and then only read, so the PDF and HTML writers
 * show the same facts.  Decisions and checks are not records: the caller
 * passes what it has (the approval workflow and the checks live in the
 * store), and an empty array renders as "No decisions in this period".
 */
#pragma once

#include "mr-framework.h"
#include "mr-model-record.h"
#include "mr-mof.h"
#include "mr-openness.h"
#include "mr-policy.h"

G_BEGIN_DECLS

/* Which models get a section of their own. */
typedef enum {
  MR_REPORT_MODEL_PAGES_ALL,
  /* Blocked, awaiting a review, or decided in the period: a large
   * register's report stays readable (and quick to write). */
  MR_REPORT_MODEL_PAGES_ATTENTION,
} MrReportModelPages;

/* One approval decision, as the caller knows it. */
typedef struct {
  gint64    model_id;
  guint     model_revision;
  MrStatus  outcome;            /* approved, rejected, changes-requested… */
  char     *use_id;             /* the intended use approved for; NULL = all */
  char     *actor;
  char     *comment;
  char     *conditions;
  char     *framework_version;
  gint64    decided_at;         /* Unix time, UTC */
} MrReportDecision;

/* One check (metadata snapshot, artifact verification, inference check). */
typedef struct {
  gint64  model_id;
  char   *kind;                 /* as the store names it: "inference-check"… */
  char   *outcome;              /* "passed", "failed"… */
  char   *summary;
  gint64  checked_at;
} MrReportCheck;

/* One policy flag, in words. */
typedef struct {
  gint64          model_id;
  const char     *model_name;   /* borrowed from the model's record */
  MrFlagSeverity  severity;
  char           *use_id;       /* the intended use's catalogue id */
  char           *use;          /* its label, or its id when unknown */
  MrRiskTier      tier;
  char           *reason;
  char           *remedy;
} MrReportFlag;

typedef struct {
  MrModelRecord        *record;        /* owned reference */
  MrOpennessAssessment  openness;
  char                 *openness_explanation;
  MrMofResult           mof;
  gboolean              has_tier;      /* it has an intended use in the catalogue */
  MrRiskTier            tier;          /* the highest of its uses */
  GArray               *flags;         /* MrReportFlag, most severe first */
  GArray               *checks;        /* MrReportCheck */
  GArray               *decisions;     /* MrReportDecision: the whole history */
  gboolean              has_page;      /* under the report's MrReportModelPages */
} MrReportModel;

#define MR_REPORT_N_STATUSES  (MR_STATUS_RETIRED + 1)
#define MR_REPORT_N_OPENNESS  (MR_OPENNESS_OPEN_SCIENCE + 1)
#define MR_REPORT_N_TIERS     (MR_RISK_TIER_PROHIBITED + 1)

typedef struct {
  const char             *organisation;      /* NULL: none given */
  const char             *framework_version; /* NULL: not recorded */
  gint64                  period_from;       /* Unix time, 0 = open */
  gint64                  period_to;         /* Unix time, 0 = open */
  gint64                  generated_at;      /* 0: now */
  MrReportModelPages      model_pages;
  const MrReportDecision *decisions;         /* copied */
  guint                   n_decisions;
  const MrReportCheck    *checks;            /* copied */
  guint                   n_checks;
} MrReportOptions;

typedef struct {
  char       *organisation;
  char       *framework_name;
  char       *framework_version;
  gint64      period_from;
  gint64      period_to;
  gint64      generated_at;

  guint       n_models;
  guint       by_status[MR_REPORT_N_STATUSES];
  guint       by_openness[MR_REPORT_N_OPENNESS];
  guint       by_tier[MR_REPORT_N_TIERS];
  guint       n_without_use;   /* no intended use in the catalogue */
  guint       n_blocking;      /* models whose worst flag is blocking */
  guint       n_warning;       /* … is a warning */
  guint       n_model_pages;   /* models with has_page set */

  /* MrReportFlag, borrowed from the models: blocking then warnings. */
  GPtrArray  *flags;
  GArray     *decisions;       /* MrReportDecision in the period, oldest first */
  GPtrArray  *models;          /* MrReportModel, in the records' order */
  GHashTable *models_by_id;    /* gint64 id → MrReportModel */
} MrReportData;

/* @records: MrModelRecord loaded in full.  Evaluates each under @framework. */
MrReportData *mr_report_data_new                  (GPtrArray             *records,
                                                   MrFramework           *framework,
                                                   const MrReportOptions *options);
/* The same with the stored policy inputs of each record (@inputs[i] for
 * records[i], as mr_store_get_policy_inputs() gives them); @inputs NULL
 * evaluates every record as not gated with no check run. */
MrReportData *mr_report_data_new_with_inputs      (GPtrArray             *records,
                                                   const MrPolicyInputs  *inputs,
                                                   MrFramework           *framework,
                                                   const MrReportOptions *options);
void          mr_report_data_free                 (MrReportData          *data);

/* The model a decision is about, or NULL when it is not in the report. */
const MrReportModel *mr_report_data_find_model    (const MrReportData    *data,
                                                   gint64                 model_id);

/* One line of a model's fields table. */
typedef struct {
  const char *label;            /* translated */
  char       *value;            /* never NULL */
} MrReportField;

/* The entry's own fields, in reading order; a GArray of MrReportField. */
GArray       *mr_report_model_dup_fields          (const MrReportModel   *model);
/* "Class II – Open Tooling; progress: Class III 100 %, …"; translated. */
char         *mr_report_model_dup_mof_summary     (const MrReportModel   *model);
/* The licence a component resolves to, or a translated "Unknown". */
const char   *mr_report_model_get_component_license (const MrReportModel *model,
                                                     MrComponentKind      kind);

/* "Credit scoring (high-risk); …", translated; NULL when there is none. */
char         *mr_report_dup_uses                  (const MrModelRecord   *record);

/* Translated words for the writers. */
const char   *mr_report_mof_status_get_title      (MrMofStatus            status);
/* "Approved for Credit scoring", or the outcome alone when for every use. */
char         *mr_report_decision_dup_title        (const MrReportDecision *decision);
/* "1 Jan 2026 – 31 Mar 2026", "since …", "until …" or "All time"; translated. */
char         *mr_report_data_dup_period           (const MrReportData    *data);
/* Which models have pages, in words for the cover; translated. */
char         *mr_report_data_dup_model_pages      (const MrReportData    *data);
/* A UTC date ("2026-11-25"), or a dash for 0. */
char         *mr_report_format_date               (gint64                 unix_utc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrReportData, mr_report_data_free)

G_END_DECLS
