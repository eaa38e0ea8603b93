/* mr-display.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-display"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-use-catalog.h"

typedef struct {
  const char *title;
  const char *icon;
  const char *style;
} Badge;

static const Badge status_badges[] = {
  [MR_STATUS_DRAFT] = { N_("Draft"), "document-edit-symbolic", NULL },
  [MR_STATUS_SUBMITTED] = { N_("Submitted"), "mail-send-symbolic", "accent" },
  [MR_STATUS_APPROVED] = { N_("Approved"), "emblem-ok-symbolic", "success" },
  [MR_STATUS_APPROVED_WITH_CONDITIONS] = { N_("Approved with conditions"), "emblem-important-symbolic", "success" },
  [MR_STATUS_CHANGES_REQUESTED] = { N_("Changes requested"), "edit-undo-symbolic", "warning" },
  [MR_STATUS_REJECTED] = { N_("Rejected"), "action-unavailable-symbolic", "error" },
  [MR_STATUS_REREVIEW_REQUIRED] = { N_("Re-review required"), "view-refresh-symbolic", "warning" },
  [MR_STATUS_RETIRED] = { N_("Retired"), "user-trash-symbolic", "dim-label" },
};

static const Badge openness_badges[] = {
  [MR_OPENNESS_UNKNOWN] = { N_("Unknown"), "dialog-question-symbolic", "dim-label" },
  [MR_OPENNESS_CLOSED] = { N_("Closed"), "changes-prevent-symbolic", "error" },
  [MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED] = { N_("Open weights, restricted"), "auth-sim-locked-symbolic", "warning" },
  [MR_OPENNESS_OPEN_WEIGHTS] = { N_("Open weights"), "changes-allow-symbolic", "accent" },
  [MR_OPENNESS_OPEN_SOURCE_AI] = { N_("Open source AI"), "emblem-ok-symbolic", "success" },
  [MR_OPENNESS_OPEN_SCIENCE] = { N_("Open science"), "emblem-documents-symbolic", "success" },
};

static const Badge flag_badges[] = {
  [MR_FLAG_SEVERITY_NONE] = { N_("None"), "emblem-ok-symbolic", "dim-label" },
  [MR_FLAG_SEVERITY_INFO] = { N_("Info"), "dialog-information-symbolic", "accent" },
  [MR_FLAG_SEVERITY_WARNING] = { N_("Warning"), "dialog-warning-symbolic", "warning" },
  [MR_FLAG_SEVERITY_BLOCKING] = { N_("Blocking"), "dialog-error-symbolic", "error" },
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
  [MR_DATA_SENSITIVITY_SPECIAL_CATEGORY] = N_("Special category data"),
};

static const char * const availability_titles[] = {
  [MR_AVAILABILITY_UNKNOWN] = N_("Unknown"),
  [MR_AVAILABILITY_PRESENT] = N_("Available"),
  [MR_AVAILABILITY_MENTIONED] = N_("Mentioned only"),
  [MR_AVAILABILITY_ABSENT] = N_("Not available"),
};

static const char * const risk_tier_titles[] = {
  [MR_RISK_TIER_MINIMAL] = N_("Minimal risk"),
  [MR_RISK_TIER_LIMITED] = N_("Limited risk (transparency duties)"),
  [MR_RISK_TIER_HIGH] = N_("High-risk"),
  [MR_RISK_TIER_PROHIBITED] = N_("Prohibited practices"),
};

static const char * const evidence_source_titles[] = {
  [MR_EVIDENCE_SOURCE_PERSON] = N_("Entered by a person"),
  [MR_EVIDENCE_SOURCE_HUB] = N_("Hugging Face Hub"),
  [MR_EVIDENCE_SOURCE_OLLAMA] = N_("Ollama"),
  [MR_EVIDENCE_SOURCE_MOT_IMPORT] = N_("MOT import"),
  [MR_EVIDENCE_SOURCE_CHECK] = N_("Local check"),
};

/* Values come from files and databases written by other versions, so an
 * out-of-range value is shown as the first entry rather than read past the
 * table. */
#define LOOKUP(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) ? &(table)[(value)] : &(table)[0])

const char *
mr_display_status_title (MrStatus status)
{
  return _(LOOKUP (status_badges, status)->title);
}

const char *
mr_display_status_icon (MrStatus status)
{
  return LOOKUP (status_badges, status)->icon;
}

const char *
mr_display_status_style (MrStatus status)
{
  return LOOKUP (status_badges, status)->style;
}

const char *
mr_display_openness_title (MrOpenness openness)
{
  return _(LOOKUP (openness_badges, openness)->title);
}

const char *
mr_display_openness_icon (MrOpenness openness)
{
  return LOOKUP (openness_badges, openness)->icon;
}

const char *
mr_display_openness_style (MrOpenness openness)
{
  return LOOKUP (openness_badges, openness)->style;
}

const char *
mr_display_source_kind_title (MrSourceKind kind)
{
  return _(*LOOKUP (source_kind_titles, kind));
}

const char *
mr_display_deployment_title (MrDeployment deployment)
{
  return _(*LOOKUP (deployment_titles, deployment));
}

const char *
mr_display_sensitivity_title (MrDataSensitivity sensitivity)
{
  return _(*LOOKUP (sensitivity_titles, sensitivity));
}

const char *
mr_display_availability_title (MrAvailability availability)
{
  return _(*LOOKUP (availability_titles, availability));
}

const char *
mr_display_risk_tier_title (MrRiskTier tier)
{
  return _(*LOOKUP (risk_tier_titles, tier));
}

const char *
mr_display_evidence_source_title (MrEvidenceSource source)
{
  return _(*LOOKUP (evidence_source_titles, source));
}

const char *
mr_display_flag_title (MrFlagSeverity severity)
{
  return _(LOOKUP (flag_badges, severity)->title);
}

const char *
mr_display_flag_icon (MrFlagSeverity severity)
{
  return LOOKUP (flag_badges, severity)->icon;
}

const char *
mr_display_flag_style (MrFlagSeverity severity)
{
  return LOOKUP (flag_badges, severity)->style;
}

const char *
mr_display_flags_icon (MrFlagSeverity worst,
                       guint          n_flags)
{
  return mr_display_flag_icon (n_flags > 0 ? worst : MR_FLAG_SEVERITY_NONE);
}

char *
mr_display_flags_label (MrFlagSeverity worst,
                        guint          n_flags)
{
  switch (n_flags > 0 ? worst : MR_FLAG_SEVERITY_NONE)
    {
    case MR_FLAG_SEVERITY_BLOCKING:
      /* Translators: number of policy flags and the worst one's severity */
      return g_strdup_printf (ngettext ("%u flag, blocking", "%u flags, blocking", n_flags), n_flags);
    case MR_FLAG_SEVERITY_WARNING:
      return g_strdup_printf (ngettext ("%u flag, warning", "%u flags, warning", n_flags), n_flags);
    case MR_FLAG_SEVERITY_INFO:
      return g_strdup_printf (ngettext ("%u flag, info", "%u flags, info", n_flags), n_flags);
    case MR_FLAG_SEVERITY_NONE:
    default:
      return g_strdup (_("No flags"));
    }
}

char *
mr_display_date (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup (_("Never"));
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup (_("Unknown date"));
  local = g_date_time_to_local (utc);
  /* Translators: a date in the register list; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

char *
mr_display_source_label (const MrModelRecord *record)
{
  const char *kind = mr_display_source_kind_title (record->source_kind);

  if (record->source_ref == NULL || *record->source_ref == '\0')
    return g_strdup (kind);
  /* Translators: source kind, then its reference: "Hugging Face · owner/name" */
  return g_strdup_printf (_("%s · %s"), kind, record->source_ref);
}

char *
mr_display_source_uri (const MrModelRecord *record)
{
  if (record->source_ref == NULL || *record->source_ref == '\0')
    return NULL;

  switch (record->source_kind)
    {
    case MR_SOURCE_KIND_HUGGING_FACE:
      return g_strconcat ("https://huggingface.co/", record->source_ref, NULL);
    case MR_SOURCE_KIND_OLLAMA:
      return g_strconcat ("https://ollama.com/library/", record->source_ref, NULL);
    case MR_SOURCE_KIND_VENDOR_API:
      return g_strdup (record->source_ref);
    case MR_SOURCE_KIND_LOCAL_FILE:
      return g_filename_to_uri (record->source_ref, NULL, NULL);
    case MR_SOURCE_KIND_MANUAL:
    default:
      return NULL;
    }
}

char *
mr_display_uses_label (const MrModelRecord *record)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (record != NULL, NULL);

  for (guint i = 0; record->intended_uses[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (catalog, record->intended_uses[i]);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, use != NULL ? use->label : record->intended_uses[i]);
    }
  return g_string_free (text, FALSE);
}

int
mr_display_risk_tier (const MrModelRecord *record)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  int tier = -1;

  g_return_val_if_fail (record != NULL, -1);

  for (guint i = 0; record->intended_uses[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (catalog, record->intended_uses[i]);

      if (use != NULL)
        tier = MAX (tier, (int) use->tier);
    }
  return tier;
}
