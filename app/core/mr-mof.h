/* mr-mof.h — Model Openness Framework classification, exactly as MOT does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A component counts as listed when its availability is "present".  Its
 * licence is its own, else the record's type-global licence (code / data /
 * document), else the distribution licence; the component licence
 * "unlicensed" stops that inheritance.  A licence is open when its exact,
 * case-sensitive SPDX id is OSI-approved, FSF-libre, on MOT's open-data list
 * or OpenMDW; free text such as "Apache 2.0" is not (normalise it first).
 * Classes are cumulative and a class shows progress only once every lower
 * class is met; an open research paper may stand in for the technical
 * report.  Type-appropriateness only raises warnings.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-model-record.h"

G_BEGIN_DECLS

typedef enum {
  MR_MOF_STATUS_MISSING,          /* not listed */
  MR_MOF_STATUS_INCLUDED,         /* listed under an open licence */
  MR_MOF_STATUS_INVALID_LICENSE,  /* listed under a licence that is not open */
  MR_MOF_STATUS_UNLICENSED,       /* listed, no licence resolved */
} MrMofStatus;

typedef struct {
  guint        mof_class;                  /* 0 = unclassified, else 1 (best) to 3 */
  double       progress[4];                /* percent, by class number; [0] unused */
  MrMofStatus  status[MR_N_COMPONENTS];
  /* The licence each listed component resolved to, borrowed from the
   * record (valid while it lives); NULL when unlicensed or missing. */
  const char  *license[MR_N_COMPONENTS];
  guint32      not_type_appropriate;       /* 1 << MrComponentKind */
  gboolean     paper_replaces_report;      /* the research paper fills the report's slot */
} MrMofResult;

/* Pure; no allocation. */
void         mr_mof_classify              (const MrModelRecord *record,
                                           MrMofResult         *result);

/* The licence that applies to a component, as stated: its own, else the
 * type-global one, else the distribution licence; NULL when none is, and
 * "unlicensed" when the component says so. */
const char  *mr_mof_resolve_license       (const MrModelRecord *record,
                                           MrComponentKind      kind);
gboolean     mr_mof_is_unlicensed         (const char          *license);

gboolean     mr_mof_component_is_required (MrComponentKind      kind);
/* MOT's label, untranslated, as its API writes it: "Class III - Open Model". */
const char  *mr_mof_class_get_label       (guint                mof_class);
/* Translated, for display. */
const char  *mr_mof_class_get_title       (guint                mof_class);
/* Stable spelling in JSON: "included", "invalid-license", "unlicensed", "missing". */
const char  *mr_mof_status_get_nick       (MrMofStatus          status);

/* Adds the members of MOT's classification object to the builder's open
 * object: class, label, progress {"1","2","3"}, components, warnings. */
void         mr_mof_result_add_json_members (const MrMofResult   *result,
                                             JsonBuilder         *builder);
/* The classification as a pretty-printed JSON object. */
char        *mr_mof_result_to_json        (const MrMofResult   *result);

G_END_DECLS
