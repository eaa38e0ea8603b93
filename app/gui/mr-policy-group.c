/* mr-policy-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-policy-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-policy.h"
#include "mr-policy-group.h"

struct _MrPolicyGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *openness_row;
  GtkImage            *openness_icon;
  AdwActionRow        *mof_row;
  GtkLevelBar         *mof_bar;
  GPtrArray           *flag_rows;   /* removed and rebuilt on every record */
  MrFramework         *framework;
  MrModelRecord       *record;
  MrPolicyInputs       inputs;      /* zero: nothing on record */
};

G_DEFINE_FINAL_TYPE (MrPolicyGroup, mr_policy_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Reasons quote model names and licences: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_flag_row (MrPolicyGroup *self,
              GtkWidget     *row)
{
  g_ptr_array_add (self->flag_rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

/* Icon and word together: the colour only repeats what the word says. */
static GtkWidget *
severity_badge (MrFlagSeverity severity)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (mr_flag_severity_get_title (severity));

  /* Stacked, so that the narrow pane leaves the reason its width. */
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (mr_display_flag_icon (severity)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (box, mr_display_flag_style (severity));
  return box;
}

static void
clear_flag_rows (MrPolicyGroup *self)
{
  for (guint i = 0; i < self->flag_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->flag_rows, i));
  g_ptr_array_set_size (self->flag_rows, 0);
}

static void
fill_openness (MrPolicyGroup          *self,
               const MrPolicyEvidence *evidence)
{
  g_autofree char *explanation = mr_openness_assessment_explain (&evidence->openness);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->openness_row),
                                 mr_openness_get_title (evidence->openness.level));
  adw_action_row_set_subtitle (self->openness_row, explanation);
  gtk_image_set_from_icon_name (self->openness_icon,
                                mr_display_openness_icon (evidence->openness.level));
}

/* The class reached, and how far the entry is towards each class. */
static void
fill_mof (MrPolicyGroup     *self,
          const MrMofResult *mof)
{
  g_autofree char *progress = NULL;
  guint next = mof->mof_class == 0 ? 3 : mof->mof_class - 1;

  /* Translators: Model Openness Framework progress towards each class */
  progress = g_strdup_printf (_("Class I %.0f %% · Class II %.0f %% · Class III %.0f %%"),
                              mof->progress[1], mof->progress[2], mof->progress[3]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mof_row),
                                 mr_mof_class_get_title (mof->mof_class));
  adw_action_row_set_subtitle (self->mof_row, progress);
  /* The bar shows the way to the next class up; full at Class I. */
  gtk_level_bar_set_value (self->mof_bar, next == 0 ? 100.0 : mof->progress[next]);
}

static void
fill_flags (MrPolicyGroup          *self,
            const MrPolicyEvidence *evidence)
{
  g_autoptr(GArray) flags = NULL;

  if (self->record->intended_uses[0] == NULL)
    {
      add_flag_row (self, plain_row (_("No intended uses recorded — the policy can’t be checked"),
                                     _("Add the intended uses in the entry’s form.")));
      return;
    }

  flags = mr_policy_evaluate (self->framework, evidence);
  if (flags->len == 0)
    {
      add_flag_row (self, plain_row (_("No flags for the intended uses"), NULL));
      return;
    }
  for (guint i = 0; i < flags->len; i++)
    {
      const MrPolicyFlag *flag = &g_array_index (flags, MrPolicyFlag, i);
      g_autofree char *reason = mr_policy_flag_dup_reason (flag, evidence);
      g_autofree char *remedy = mr_policy_flag_dup_remedy (flag, evidence);
      GtkWidget *row = plain_row (reason, remedy);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_badge (flag->severity));
      add_flag_row (self, row);
    }
}

static void
refresh (MrPolicyGroup *self)
{
  MrPolicyEvidence evidence;

  clear_flag_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->openness_row), self->record != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mof_row), self->record != NULL);
  if (self->record == NULL)
    return;

  mr_policy_evidence_init (&evidence, self->record, &self->inputs);
  fill_openness (self, &evidence);
  fill_mof (self, &evidence.mof);
  fill_flags (self, &evidence);
}

static void
mr_policy_group_dispose (GObject *object)
{
  MrPolicyGroup *self = MR_POLICY_GROUP (object);

  g_clear_object (&self->framework);
  g_clear_pointer (&self->record, mr_model_record_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_policy_group_parent_class)->dispose (object);
}

static void
mr_policy_group_class_init (MrPolicyGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mr_policy_group_dispose;
}

static void
build_header_rows (MrPolicyGroup *self)
{
  GtkWidget *openness_icon = gtk_image_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 100.0);

  self->openness_row = ADW_ACTION_ROW (plain_row ("", NULL));
  adw_action_row_add_prefix (self->openness_row, openness_icon);
  self->openness_icon = GTK_IMAGE (openness_icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->openness_row));

  self->mof_row = ADW_ACTION_ROW (plain_row ("", NULL));
  adw_action_row_add_prefix (self->mof_row,
                             gtk_image_new_from_icon_name ("view-list-bullet-symbolic"));
  gtk_widget_set_size_request (bar, 100, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress towards the next MOF class"), -1);
  adw_action_row_add_suffix (self->mof_row, bar);
  self->mof_bar = GTK_LEVEL_BAR (bar);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->mof_row));
}

static void
mr_policy_group_init (MrPolicyGroup *self)
{
  g_autoptr(GError) error = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Policy"));
  self->flag_rows = g_ptr_array_new ();
  /* The shipped framework is built in and valid; the window replaces it
   * with the one in force. */
  self->framework = mr_framework_new_default (&error);
  if (self->framework == NULL)
    g_critical ("The shipped governance framework is invalid: %s", error->message);
  build_header_rows (self);
  refresh (self);
}

GtkWidget *
mr_policy_group_new (void)
{
  return g_object_new (MR_TYPE_POLICY_GROUP, NULL);
}

void
mr_policy_group_set_framework (MrPolicyGroup *self,
                               MrFramework   *framework)
{
  g_return_if_fail (MR_IS_POLICY_GROUP (self));
  g_return_if_fail (MR_IS_FRAMEWORK (framework));

  if (g_set_object (&self->framework, framework))
    refresh (self);
}

void
mr_policy_group_set_record (MrPolicyGroup *self,
                            MrModelRecord *record)
{
  g_return_if_fail (MR_IS_POLICY_GROUP (self));

  if (self->record == record)
    return;
  g_clear_pointer (&self->record, mr_model_record_unref);
  if (record != NULL)
    self->record = mr_model_record_ref (record);
  refresh (self);
}

void
mr_policy_group_set_inputs (MrPolicyGroup        *self,
                            const MrPolicyInputs *inputs)
{
  g_return_if_fail (MR_IS_POLICY_GROUP (self));

  if (inputs != NULL)
    self->inputs = *inputs;
  else
    self->inputs = (MrPolicyInputs) { 0 };
  refresh (self);
}
