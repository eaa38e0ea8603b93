/* mr-framework-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-framework-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-component.h"
#include "mr-display.h"
#include "mr-framework-window.h"
#include "mr-openness.h"

struct _MrFrameworkWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  AdwActionRow        *name_row;
  AdwActionRow        *source_row;

  /* Owned */
  GPtrArray           *rule_groups;  /* rebuilt for every framework */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MrFrameworkWindow, mr_framework_window, ADW_TYPE_WINDOW)

enum {
  FILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
components_text (guint32 components)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      if (!(components & (1u << i)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, mr_component_kind_get_title (i));
    }
  if (text->len == 0)
    g_string_append (text, _("None"));
  return g_string_free (text, FALSE);
}

static char *
license_rules_text (const MrFrameworkRule *rule)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (rule->forbid_non_commercial_license)
    g_ptr_array_add (parts, (gpointer) _("No licence that excludes commercial use"));
  if (rule->forbid_acceptable_use_license)
    g_ptr_array_add (parts, (gpointer) _("No licence that binds use to an acceptable-use policy"));
  if (rule->vendor_agreement_required)
    g_ptr_array_add (parts, (gpointer) _("Closed models need a vendor agreement on file"));
  if (parts->len == 0)
    return g_strdup (_("No licence rule"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **) parts->pdata);
}

static void
add_fact (GtkWidget  *parent,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

/* parent: a group (a tier) or an expander row (one use). */
static void
add_rule_facts (GtkWidget             *parent,
                const MrFrameworkRule *rule)
{
  g_autofree char *components = components_text (rule->required_components);
  g_autofree char *licences = license_rules_text (rule);
  g_autofree char *interval = NULL;

  interval = g_strdup_printf (ngettext ("Every %u day", "Every %u days", rule->review_interval_days),
                              rule->review_interval_days);
  if (rule->blocked)
    {
      add_fact (parent, _("Allowed"), _("Never: no evidence makes this use acceptable"));
      /* Translators: how often an approval for this use is reviewed */
      add_fact (parent, _("Review"), interval);
      return;
    }
  add_fact (parent, _("Minimum openness level"),
            rule->minimum_openness == MR_OPENNESS_UNKNOWN
              ? _("No minimum") : mr_openness_get_title (rule->minimum_openness));
  add_fact (parent, _("Required evidence"), components);
  add_fact (parent, _("Licence rules"), licences);
  add_fact (parent, _("Inference check"),
            rule->inference_check_required ? _("A passing check must be on record")
                                           : _("Not required"));
  add_fact (parent, _("A shortfall is flagged as"), mr_flag_severity_get_title (rule->severity));
  /* Translators: how often an approval for this use is reviewed */
  add_fact (parent, _("Review"), interval);
}

static gboolean
rules_equal (const MrFrameworkRule *a,
             const MrFrameworkRule *b)
{
  return a->blocked == b->blocked &&
         a->minimum_openness == b->minimum_openness &&
         a->required_components == b->required_components &&
         a->forbid_non_commercial_license == b->forbid_non_commercial_license &&
         a->forbid_acceptable_use_license == b->forbid_acceptable_use_license &&
         a->inference_check_required == b->inference_check_required &&
         a->vendor_agreement_required == b->vendor_agreement_required &&
         a->severity == b->severity &&
         a->review_interval_days == b->review_interval_days;
}

static void
add_group (MrFrameworkWindow *self,
           GtkWidget         *group)
{
  g_ptr_array_add (self->rule_groups, group);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
add_tier_groups (MrFrameworkWindow *self,
                 MrFramework       *framework)
{
  /* Strictest first, as the use picker lists them. */
  for (int t = MR_RISK_TIER_PROHIBITED; t >= MR_RISK_TIER_MINIMAL; t--)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), mr_display_risk_tier_title (t));
      add_rule_facts (group, mr_framework_get_tier_rule (framework, t));
      add_group (self, group);
    }
}

/* Only the uses whose rule differs from their tier's get a row. */
static void
add_use_group (MrFrameworkWindow *self,
               MrFramework       *framework)
{
  MrUseCatalog *catalog = mr_use_catalog_get_default ();
  guint n = mr_use_catalog_get_n_uses (catalog);
  GtkWidget *group = adw_preferences_group_new ();
  gboolean any = FALSE;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Rules for Specific Uses"));
  for (guint i = 0; i < n; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_get_use (catalog, i);
      const MrFrameworkRule *rule = mr_framework_get_rule (framework, use);
      GtkWidget *expander;

      if (rules_equal (rule, mr_framework_get_tier_rule (framework, use->tier)))
        continue;
      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), use->label);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     mr_display_risk_tier_title (use->tier));
      add_rule_facts (expander, rule);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
      any = TRUE;
    }
  if (!any)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("None: every use follows its tier’s rule."));
  add_group (self, group);
}

static void
on_chooser_response (MrFrameworkWindow *self,
                     int                response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
}

static void
load_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrFrameworkWindow *self = MR_FRAMEWORK_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Load a Governance Framework"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), NULL);
  gtk_file_filter_set_name (filter, _("Framework files (YAML)"));
  gtk_file_filter_add_pattern (filter, "*.yml");
  gtk_file_filter_add_pattern (filter, "*.yaml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mr_framework_window_dispose (GObject *object)
{
  MrFrameworkWindow *self = MR_FRAMEWORK_WINDOW (object);

  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rule_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_framework_window_parent_class)->dispose (object);
}

static void
mr_framework_window_class_init (MrFrameworkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_framework_window_dispose;

  /**
   * MrFrameworkWindow::file-chosen:
   * @file: the framework file the user picked
   */
  signals[FILE_CHOSEN] =
    g_signal_new ("file-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-framework-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrFrameworkWindow, page);
  gtk_widget_class_bind_template_child (widget_class, MrFrameworkWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MrFrameworkWindow, source_row);

  gtk_widget_class_install_action (widget_class, "framework.load", NULL, load_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "framework.load", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mr_framework_window_init (MrFrameworkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rule_groups = g_ptr_array_new ();
}

MrFrameworkWindow *
mr_framework_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (MR_TYPE_FRAMEWORK_WINDOW, "transient-for", parent, NULL);
}

void
mr_framework_window_set_framework (MrFrameworkWindow *self,
                                   MrFramework       *framework,
                                   const char        *path)
{
  g_return_if_fail (MR_IS_FRAMEWORK_WINDOW (self));
  g_return_if_fail (MR_IS_FRAMEWORK (framework));

  for (guint i = 0; i < self->rule_groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->rule_groups, i));
  g_ptr_array_set_size (self->rule_groups, 0);

  adw_action_row_set_subtitle (self->name_row, mr_framework_get_display_name (framework));
  adw_action_row_set_subtitle (self->source_row,
                               path != NULL ? path : _("Shipped with Model Register"));
  add_tier_groups (self, framework);
  add_use_group (self, framework);
}
