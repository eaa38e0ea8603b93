/* mr-display.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-display"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-identity.h"
#include "mr-use-catalog.h"

/* The titles are the core's (mr-titles.h); the screen adds an icon, so
 * that a badge never relies on colour alone, and a style class. */
typedef struct {
  const char *icon;
  const char *style;
} Badge;

static const Badge status_badges[] = {
  [MR_STATUS_DRAFT] = { "document-edit-symbolic", NULL },
  [MR_STATUS_SUBMITTED] = { "mail-send-symbolic", "accent" },
  [MR_STATUS_APPROVED] = { "emblem-ok-symbolic", "success" },
  [MR_STATUS_APPROVED_WITH_CONDITIONS] = { "emblem-important-symbolic", "success" },
  [MR_STATUS_CHANGES_REQUESTED] = { "edit-undo-symbolic", "warning" },
  [MR_STATUS_REJECTED] = { "action-unavailable-symbolic", "error" },
  [MR_STATUS_REREVIEW_REQUIRED] = { "view-refresh-symbolic", "warning" },
  [MR_STATUS_RETIRED] = { "user-trash-symbolic", "dim-label" },
};

static const Badge openness_badges[] = {
  [MR_OPENNESS_UNKNOWN] = { "dialog-question-symbolic", "dim-label" },
  [MR_OPENNESS_CLOSED] = { "changes-prevent-symbolic", "error" },
  [MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED] = { "auth-sim-locked-symbolic", "warning" },
  [MR_OPENNESS_OPEN_WEIGHTS] = { "changes-allow-symbolic", "accent" },
  [MR_OPENNESS_OPEN_SOURCE_AI] = { "emblem-ok-symbolic", "success" },
  [MR_OPENNESS_OPEN_SCIENCE] = { "emblem-documents-symbolic", "success" },
};

static const Badge flag_badges[] = {
  [MR_FLAG_SEVERITY_NONE] = { "emblem-ok-symbolic", "dim-label" },
  [MR_FLAG_SEVERITY_INFO] = { "dialog-information-symbolic", "accent" },
  [MR_FLAG_SEVERITY_WARNING] = { "dialog-warning-symbolic", "warning" },
  [MR_FLAG_SEVERITY_BLOCKING] = { "dialog-error-symbolic", "error" },
};

/* The heading form; mr_risk_tier_get_title() is the one used inside
 * sentences ("high-risk"), which a heading cannot show as is. */
static const char * const risk_tier_titles[] = {
  [MR_RISK_TIER_MINIMAL] = N_("Minimal risk"),
  [MR_RISK_TIER_LIMITED] = N_("Limited risk (transparency duties)"),
  [MR_RISK_TIER_HIGH] = N_("High-risk"),
  [MR_RISK_TIER_PROHIBITED] = N_("Prohibited practices"),
};

/* Values come from files and databases written by other versions, so an
 * out-of-range value is shown as the first entry rather than read past the
 * table. */
#define LOOKUP(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) ? &(table)[(value)] : &(table)[0])

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
mr_display_risk_tier_title (MrRiskTier tier)
{
  return _(*LOOKUP (risk_tier_titles, tier));
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
mr_display_actor (const char *actor)
{
  /* Kept for the process, as rows call this when they bind; main thread
   * only, like the rest of the GUI. */
  static GSettings *settings;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (actor != NULL, NULL);

  if (!g_str_equal (actor, mr_identity_get_actor ()))
    return g_strdup (actor);
  if (settings == NULL)
    settings = g_settings_new (APP_ID);
  display_name = g_settings_get_string (settings, "display-name");
  return mr_identity_dup_display_text (display_name);
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
  const char *kind = mr_source_kind_get_title (record->source_kind);

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
