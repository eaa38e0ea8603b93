/* mr-titles.h — the words for the domain's enumerations, as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One translated title per value, shared by the window, the reports and the
 * command line, so a status reads the same everywhere.  (Openness levels and
 * risk tiers have theirs beside their logic: mr_openness_get_title(),
 * mr_risk_tier_get_title().)  Values read from files written by other
 * versions may be out of range: they get the first entry's title.
 */
#pragma once

#include "mr-types.h"

G_BEGIN_DECLS

const char *mr_status_get_title            (MrStatus          status);
const char *mr_flag_severity_get_title     (MrFlagSeverity    severity);
const char *mr_availability_get_title      (MrAvailability    availability);
const char *mr_source_kind_get_title       (MrSourceKind      kind);
const char *mr_deployment_get_title        (MrDeployment      deployment);
const char *mr_data_sensitivity_get_title  (MrDataSensitivity sensitivity);
const char *mr_evidence_source_get_title   (MrEvidenceSource  source);

G_END_DECLS
