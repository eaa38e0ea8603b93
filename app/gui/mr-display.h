/* mr-display.h — how the domain's values read on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enum the UI shows as a badge gets a symbolic icon, so that a badge
 * never relies on colour alone, and a style class.  The titles are the
 * core's (mr-titles.h, mr_openness_get_title()), included from here.
 * Used by the list cells, the detail pane and the editor's combo rows.
 */
#pragma once

#include "mr-model-record.h"
#include "mr-openness.h"
#include "mr-titles.h"

G_BEGIN_DECLS

const char *mr_display_status_icon         (MrStatus          status);
/* An Adwaita style class ("success", "warning", "error") or NULL. */
const char *mr_display_status_style        (MrStatus          status);

const char *mr_display_openness_icon       (MrOpenness        openness);
const char *mr_display_openness_style      (MrOpenness        openness);

const char *mr_display_flag_icon           (MrFlagSeverity    severity);
const char *mr_display_flag_style          (MrFlagSeverity    severity);
/* The worst flag's icon; the "no flags" icon when there are none. */
const char *mr_display_flags_icon          (MrFlagSeverity    worst,
                                            guint             n_flags);
/* "2 flags, blocking", "1 flag, warning", "No flags". */
char       *mr_display_flags_label         (MrFlagSeverity    worst,
                                            guint             n_flags);

/* Capitalised, for headings and lists ("High-risk"); the core's
 * mr_risk_tier_get_title() is the form used inside sentences. */
const char *mr_display_risk_tier_title     (MrRiskTier        tier);

/* The intended uses' catalogue labels, comma-separated ("Credit scoring,
 * Chatbot or conversational assistant"); ids not in the catalogue as is. */
char       *mr_display_uses_label          (const MrModelRecord *record);
/* The strictest risk tier among the intended uses; -1 when none is in
 * the catalogue.  No allocation: the list filter calls it per row. */
int         mr_display_risk_tier           (const MrModelRecord *record);

/* "Display Name (login)" for the acting user's own entries, with the
 * display-name setting; anyone else's login alone, since their display
 * name is not recorded. */
char       *mr_display_actor               (const char       *actor);
/* Local date "2024-05-01", or "Never" for 0. */
char       *mr_display_date                (gint64            unix_time);
/* "Hugging Face · owner/name"; "Manual" when there is no reference. */
char       *mr_display_source_label        (const MrModelRecord *record);
/* A web address for the source, or NULL when it has none. */
char       *mr_display_source_uri          (const MrModelRecord *record);

G_END_DECLS
