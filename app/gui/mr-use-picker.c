/* mr-use-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-use-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-use-catalog.h"
#include "mr-use-picker.h"

#define N_TIERS (MR_RISK_TIER_PROHIBITED + 1)

struct _MrUsePicker
{
  AdwPreferencesGroup  parent_instance;

  MrUseCatalog        *catalog;
  GtkCheckButton     **checks;          /* by catalogue position */
  AdwExpanderRow      *tier_rows[N_TIERS];
  GStrv                initial;         /* as set: their order is kept */
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (MrUsePicker, mr_use_picker, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The chosen uses under their tier's title, so that they show without
 * expanding the row. */
static void
update_tier_subtitles (MrUsePicker *self)
{
  GString *chosen[N_TIERS];
  guint n = mr_use_catalog_get_n_uses (self->catalog);

  for (guint t = 0; t < N_TIERS; t++)
    chosen[t] = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_get_use (self->catalog, i);

      if (!gtk_check_button_get_active (self->checks[i]))
        continue;
      if (chosen[use->tier]->len > 0)
        g_string_append (chosen[use->tier], ", ");
      g_string_append (chosen[use->tier], use->label);
    }
  for (guint t = 0; t < N_TIERS; t++)
    {
      adw_expander_row_set_subtitle (self->tier_rows[t], chosen[t]->str);
      g_string_free (chosen[t], TRUE);
    }
}

/* Ids from an import that the catalogue lacks are kept, and said so:
 * the policy cannot check them. */
static void
update_description (MrUsePicker *self,
                    GString     *unknown)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  const char *intro = _("What your organisation uses the model for, by EU AI Act risk tier. "
                        "The policy checks each use.");

  if (unknown == NULL || unknown->len == 0)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), intro);
      return;
    }
  /* Translators: %s lists intended-use ids, e.g. "customer-support, triage" */
  text = g_strdup_printf (_("%s Also recorded, but not in the catalogue and so not checked: %s."),
                          intro, unknown->str);
  /* The description is markup; the ids are not. */
  escaped = g_markup_escape_text (text, -1);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
}

static void
on_check_toggled (MrUsePicker *self)
{
  update_tier_subtitles (self);
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
use_row (MrUsePicker         *self,
         const MrIntendedUse *use)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), use->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), use->reference);
  gtk_widget_set_tooltip_text (row, use->description);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* One Tab stop per use, not two: the check box, which tells its state to
   * a screen reader (the row names it), rather than the row. */
  gtk_widget_set_focusable (row, FALSE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
  self->checks[use->position] = GTK_CHECK_BUTTON (check);
  return row;
}

static void
build_rows (MrUsePicker *self)
{
  guint n = mr_use_catalog_get_n_uses (self->catalog);

  self->checks = g_new0 (GtkCheckButton *, n);
  /* Strictest first: a prohibited or high-risk use is the one to notice. */
  for (int t = N_TIERS - 1; t >= 0; t--)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), mr_display_risk_tier_title (t));
      self->tier_rows[t] = ADW_EXPANDER_ROW (expander);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), expander);
    }
  for (guint i = 0; i < n; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_get_use (self->catalog, i);

      adw_expander_row_add_row (self->tier_rows[use->tier], use_row (self, use));
    }
}

static void
mr_use_picker_finalize (GObject *object)
{
  MrUsePicker *self = MR_USE_PICKER (object);

  g_free (self->checks);
  g_strfreev (self->initial);

  G_OBJECT_CLASS (mr_use_picker_parent_class)->finalize (object);
}

static void
mr_use_picker_class_init (MrUsePickerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_use_picker_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mr_use_picker_init (MrUsePicker *self)
{
  self->catalog = mr_use_catalog_get_default ();
  self->initial = g_new0 (char *, 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Intended Uses"));
  build_rows (self);
  update_description (self, NULL);
  update_tier_subtitles (self);
}

GtkWidget *
mr_use_picker_new (void)
{
  return g_object_new (MR_TYPE_USE_PICKER, NULL);
}

void
mr_use_picker_set_uses (MrUsePicker        *self,
                        const char * const *ids)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  guint n;

  g_return_if_fail (MR_IS_USE_PICKER (self));

  n = mr_use_catalog_get_n_uses (self->catalog);
  self->updating = TRUE;
  for (guint i = 0; i < n; i++)
    gtk_check_button_set_active (self->checks[i], FALSE);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (self->catalog, ids[i]);

      if (use != NULL)
        {
          gtk_check_button_set_active (self->checks[use->position], TRUE);
          continue;
        }
      if (unknown->len > 0)
        g_string_append (unknown, ", ");
      g_string_append (unknown, ids[i]);
    }
  self->updating = FALSE;
  update_description (self, unknown);
  g_strfreev (self->initial);
  self->initial = ids != NULL ? g_strdupv ((char **) ids) : g_new0 (char *, 1);
  update_tier_subtitles (self);
}

GStrv
mr_use_picker_dup_uses (MrUsePicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (MR_IS_USE_PICKER (self), NULL);

  /* Unchanged choices keep their order, so that opening and saving an
   * entry is not a change. */
  for (guint i = 0; self->initial[i] != NULL; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_lookup (self->catalog, self->initial[i]);

      if (use == NULL || gtk_check_button_get_active (self->checks[use->position]))
        g_strv_builder_add (builder, self->initial[i]);
    }
  n = mr_use_catalog_get_n_uses (self->catalog);
  for (guint i = 0; i < n; i++)
    {
      const char *id = mr_use_catalog_get_use (self->catalog, i)->id;

      if (gtk_check_button_get_active (self->checks[i]) &&
          !g_strv_contains ((const char * const *) self->initial, id))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

gboolean
mr_use_picker_set_use_active (MrUsePicker *self,
                              const char  *id,
                              gboolean     active)
{
  const MrIntendedUse *use;

  g_return_val_if_fail (MR_IS_USE_PICKER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  use = mr_use_catalog_lookup (self->catalog, id);
  if (use == NULL)
    return FALSE;
  gtk_check_button_set_active (self->checks[use->position], active);
  return TRUE;
}
