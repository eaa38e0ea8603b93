/* mr-audit-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-audit-row"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mr-audit-row.h"
#include "mr-display.h"
#include "mr-enum-util.h"
#include "mr-enums.h"

static const struct {
  const char *action;
  const char *title;
} action_titles[] = {
  { "create", N_("Created") },
  { "update", N_("Edited") },
  { "delete", N_("Deleted") },
  { "restore", N_("Restored") },
  { "import", N_("Imported") },
  { "refresh", N_("Refreshed") },
  { "submit", N_("Submitted for approval") },
  { "approve", N_("Approved") },
  { "approve-with-conditions", N_("Approved with conditions") },
  { "request-changes", N_("Changes requested") },
  { "reject", N_("Rejected") },
  { "retire", N_("Retired") },
  { "require-rereview", N_("Sent back for review") },
  { "edit-approved", N_("Approved entry edited") },
  { "framework", N_("Framework changed") },
};

const char *
mr_audit_row_action_title (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (action_titles); i++)
    if (g_str_equal (action, action_titles[i].action))
      return _(action_titles[i].title);
  return action;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
mr_audit_row_dup_summary (const MrAuditRecord *record)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *text;
  int status;

  g_return_val_if_fail (record != NULL, NULL);

  if (record->after_json == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, record->after_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if ((text = get_string_member (object, "comment")) != NULL ||
      (text = get_string_member (object, "reason")) != NULL)
    return g_strdup (text);
  if (json_object_has_member (object, "count") &&
      (text = get_string_member (object, "origin")) != NULL)
    {
      guint count = json_object_get_int_member (object, "count");

      /* Translators: an import in the audit trail; %s is the file it came from */
      return g_strdup_printf (ngettext ("%u model from %s", "%u models from %s", count),
                              count, text);
    }
  text = get_string_member (object, "status");
  if (text != NULL && mr_enum_from_nick (MR_TYPE_STATUS, text, &status))
    /* Translators: %s is a register entry's approval status */
    return g_strdup_printf (_("Status: %s"), mr_status_get_title (status));
  return NULL;
}

GtkWidget *
mr_audit_row_new (const MrAuditRecord *record)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (record->time);
  g_autofree char *when = g_date_time_format (time, "%Y-%m-%d %H:%M");
  g_autofree char *summary = mr_audit_row_dup_summary (record);
  g_autofree char *actor = mr_display_actor (record->actor);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (summary != NULL)
    /* Translators: who, when, then what the audit entry recorded */
    subtitle = g_strdup_printf (_("%s · %s · %s"), actor, when, summary);
  else
    /* Translators: who, then when */
    subtitle = g_strdup_printf (_("%s · %s"), actor, when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 mr_audit_row_action_title (record->action));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, subtitle);
  return row;
}
