/* mr-evidence-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-evidence-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-enums.h"
#include "mr-evidence-group.h"
#include "mr-mof.h"

typedef struct {
  AdwActionRow  *row;
  GtkLabel      *review;     /* "Verified" / "Provisional" */
  GtkLinkButton *link;
  GtkButton     *edit;
} ComponentRow;

struct _MrEvidenceGroup
{
  AdwPreferencesGroup  parent_instance;

  ComponentRow         rows[MR_N_COMPONENTS];
  MrModelRecord       *record;
};

G_DEFINE_FINAL_TYPE (MrEvidenceGroup, mr_evidence_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  EDIT_COMPONENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
openness_text (const MrMofResult *mof,
               MrComponentKind    kind)
{
  switch (mof->status[kind])
    {
    case MR_MOF_STATUS_INCLUDED:
      /* Translators: whether a component's licence counts as open for the MOF */
      return _("open");
    case MR_MOF_STATUS_INVALID_LICENSE:
      return _("not open");
    case MR_MOF_STATUS_UNLICENSED:
      return _("no licence");
    case MR_MOF_STATUS_MISSING:
    default:
      return _("not counted");
    }
}

/* "Available · Apache-2.0 · open · Hugging Face Hub": every fact in words. */
static char *
component_summary (const MrModelRecord *r,
                   const MrMofResult   *mof,
                   MrComponentKind      kind)
{
  const MrComponent *c = &r->components[kind];
  GString *text = g_string_new (mr_availability_get_title (c->availability));

  if (c->availability == MR_AVAILABILITY_UNKNOWN && !c->verified)
    return g_string_free (text, FALSE);

  g_string_append (text, " · ");
  if (c->license != NULL)
    g_string_append (text, c->license);
  else if (mof->license[kind] != NULL)
    /* Translators: a licence stated for the whole model or component type */
    g_string_append_printf (text, _("%s (inherited)"), mof->license[kind]);
  else
    g_string_append (text, _("licence unknown"));
  g_string_append (text, " · ");
  g_string_append (text, openness_text (mof, kind));
  if (mof->not_type_appropriate & (1u << kind))
    g_string_append (text, _(", licence not type-appropriate"));
  g_string_append (text, " · ");
  g_string_append (text, mr_evidence_source_get_title (c->source));
  return g_string_free (text, FALSE);
}

static void
fill_row (ComponentRow        *row,
          const MrModelRecord *r,
          const MrMofResult   *mof,
          MrComponentKind      kind)
{
  const MrComponent *c = &r->components[kind];
  g_autofree char *summary = component_summary (r, mof, kind);
  gboolean known = c->availability != MR_AVAILABILITY_UNKNOWN || c->verified;

  adw_action_row_set_subtitle (row->row, summary);
  gtk_label_set_text (row->review, c->verified ? _("Verified") : _("Provisional"));
  gtk_widget_set_visible (GTK_WIDGET (row->review), known);
  /* The word says it; the colour only helps the eye find the reviewed rows. */
  if (c->verified)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->review), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (row->review), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->review), "success");
      gtk_widget_add_css_class (GTK_WIDGET (row->review), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (row->link), c->link != NULL);
  if (c->link != NULL)
    {
      gtk_link_button_set_uri (row->link, c->link);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->link), c->link);
    }
}

static void
refresh (MrEvidenceGroup *self)
{
  MrMofResult mof;

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->record != NULL);
  if (self->record == NULL)
    return;

  mr_mof_classify (self->record, &mof);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    fill_row (&self->rows[i], self->record, &mof, i);
}

static void
on_edit_clicked (GtkButton       *button,
                 MrEvidenceGroup *self)
{
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mr-component-kind"));

  g_signal_emit (self, signals[EDIT_COMPONENT], 0, kind);
}

static void
build_row (MrEvidenceGroup *self,
           MrComponentKind  kind)
{
  ComponentRow *row = &self->rows[kind];
  g_autofree char *edit_label = NULL;

  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                 mr_component_kind_get_title (kind));

  row->review = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->review), "caption");
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->review));

  row->link = GTK_LINK_BUTTON (gtk_link_button_new (""));
  gtk_button_set_icon_name (GTK_BUTTON (row->link), "adw-external-link-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (row->link), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (row->link), "flat");
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->link));

  /* Translators: %s is an evidence component ("Data card") */
  edit_label = g_strdup_printf (_("Review “%s”"), mr_component_kind_get_title (kind));
  row->edit = GTK_BUTTON (gtk_button_new_from_icon_name ("document-edit-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->edit), edit_label);
  /* GTK 4.8 does not name an icon-only button after its tooltip. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_widget_set_valign (GTK_WIDGET (row->edit), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (row->edit), "flat");
  g_object_set_data (G_OBJECT (row->edit), "mr-component-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (row->edit, "clicked", G_CALLBACK (on_edit_clicked), self);
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->edit));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row->row));
}

static void
mr_evidence_group_dispose (GObject *object)
{
  MrEvidenceGroup *self = MR_EVIDENCE_GROUP (object);

  g_clear_pointer (&self->record, mr_model_record_unref);

  G_OBJECT_CLASS (mr_evidence_group_parent_class)->dispose (object);
}

static void
mr_evidence_group_class_init (MrEvidenceGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mr_evidence_group_dispose;

  /**
   * MrEvidenceGroup::edit-component:
   * @kind: the MrComponentKind whose row asked for review
   */
  signals[EDIT_COMPONENT] =
    g_signal_new ("edit-component", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_COMPONENT_KIND);
}

static void
mr_evidence_group_init (MrEvidenceGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Evidence"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The 17 components of the Model Openness Framework"));
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    build_row (self, i);
  refresh (self);
}

GtkWidget *
mr_evidence_group_new (void)
{
  return g_object_new (MR_TYPE_EVIDENCE_GROUP, NULL);
}

void
mr_evidence_group_set_record (MrEvidenceGroup *self,
                              MrModelRecord   *record)
{
  g_return_if_fail (MR_IS_EVIDENCE_GROUP (self));

  if (self->record == record)
    return;
  g_clear_pointer (&self->record, mr_model_record_unref);
  if (record != NULL)
    self->record = mr_model_record_ref (record);
  refresh (self);
}
