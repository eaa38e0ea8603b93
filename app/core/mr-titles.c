/* mr-titles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-titles"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-titles.h"

static const char * const status_titles[] = {
  [MR_STATUS_DRAFT] = N_("Draft"),
  [MR_STATUS_SUBMITTED] = N_("Submitted"),
  [MR_STATUS_APPROVED] = N_("Approved"),
  [MR_STATUS_APPROVED_WITH_CONDITIONS] = N_("Approved with conditions"),
  [MR_STATUS_CHANGES_REQUESTED] = N_("Changes requested"),
  [MR_STATUS_REJECTED] = N_("Rejected"),
  [MR_STATUS_REREVIEW_REQUIRED] = N_("Re-review required"),
  [MR_STATUS_RETIRED] = N_("Retired"),
};

static const char * const severity_titles[] = {
  [MR_FLAG_SEVERITY_NONE] = N_("None"),
  /* Translators: the mildest flag severity, as in "Info: …" */
  [MR_FLAG_SEVERITY_INFO] = N_("Info"),
  [MR_FLAG_SEVERITY_WARNING] = N_("Warning"),
  [MR_FLAG_SEVERITY_BLOCKING] = N_("Blocking"),
};

static const char * const availability_titles[] = {
  [MR_AVAILABILITY_UNKNOWN] = N_("Unknown"),
  [MR_AVAILABILITY_PRESENT] = N_("Available"),
  [MR_AVAILABILITY_MENTIONED] = N_("Mentioned only"),
  [MR_AVAILABILITY_ABSENT] = N_("Not available"),
};

static const char * const source_kind_titles[] = {
  [MR_SOURCE_KIND_MANUAL] = N_("Manual entry"),
  [MR_SOURCE_KIND_HUGGING_FACE] = N_("Hugging Face"),
  [MR_SOURCE_KIND_OLLAMA] = N_("Ollama"),
  [MR_SOURCE_KIND_LOCAL_FILE] = N_("Local file"),
  [MR_SOURCE_KIND_VENDOR_API] = N_("Vendor API"),
};

static const char * const deployment_titles[] = {
  [MR_DEPLOYMENT_UNSPECIFIED] = N_("Not specified"),
  [MR_DEPLOYMENT_SELF_HOSTED] = N_("Self-hosted"),
  [MR_DEPLOYMENT_VENDOR_API] = N_("Vendor API"),
};

static const char * const sensitivity_titles[] = {
  [MR_DATA_SENSITIVITY_UNSPECIFIED] = N_("Not specified"),
  [MR_DATA_SENSITIVITY_PUBLIC] = N_("Public"),
  [MR_DATA_SENSITIVITY_INTERNAL] = N_("Internal"),
  [MR_DATA_SENSITIVITY_CONFIDENTIAL] = N_("Confidential"),
  [MR_DATA_SENSITIVITY_PERSONAL] = N_("Personal data"),
  /* Translators: GDPR Art. 9 data (health, biometrics, beliefs…) */
  [MR_DATA_SENSITIVITY_SPECIAL_CATEGORY] = N_("Special-category personal data"),
};

static const char * const evidence_source_titles[] = {
  [MR_EVIDENCE_SOURCE_PERSON] = N_("Entered by a person"),
  [MR_EVIDENCE_SOURCE_HUB] = N_("Hugging Face Hub"),
  [MR_EVIDENCE_SOURCE_OLLAMA] = N_("Ollama"),
  /* Translators: MOT is the Model Openness Tool */
  [MR_EVIDENCE_SOURCE_MOT_IMPORT] = N_("MOT import"),
  [MR_EVIDENCE_SOURCE_CHECK] = N_("Local check"),
};

#define TITLE(table, value) \
  _((guint) (value) < G_N_ELEMENTS (table) ? (table)[(value)] : (table)[0])

const char *
mr_status_get_title (MrStatus status)
{
  return TITLE (status_titles, status);
}

const char *
mr_flag_severity_get_title (MrFlagSeverity severity)
{
  return TITLE (severity_titles, severity);
}

const char *
mr_availability_get_title (MrAvailability availability)
{
  return TITLE (availability_titles, availability);
}

const char *
mr_source_kind_get_title (MrSourceKind kind)
{
  return TITLE (source_kind_titles, kind);
}

const char *
mr_deployment_get_title (MrDeployment deployment)
{
  return TITLE (deployment_titles, deployment);
}

const char *
mr_data_sensitivity_get_title (MrDataSensitivity sensitivity)
{
  return TITLE (sensitivity_titles, sensitivity);
}

const char *
mr_evidence_source_get_title (MrEvidenceSource source)
{
  return TITLE (evidence_source_titles, source);
}
