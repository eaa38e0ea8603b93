/* mr-factsheet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-factsheet"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mr-factsheet.h"
#include "mr-license-catalog.h"
#include "mr-mof.h"
#include "mr-openness.h"
#include "mr-report-data.h"
#include "mr-titles.h"
#include "mr-report-html.h"

/* Hugging Face pipeline tags → input and output modality.  A tag is the
 * only place the register records what a model takes and gives. */
static const struct {
  const char *tag;
  const char *modality;
} modalities[] = {
  { "text-generation", N_("Text in, text out") },
  { "text2text-generation", N_("Text in, text out") },
  { "conversational", N_("Text in, text out") },
  { "summarization", N_("Text in, text out") },
  { "translation", N_("Text in, text out") },
  { "fill-mask", N_("Text in, text out") },
  { "question-answering", N_("Text in, text out") },
  { "text-classification", N_("Text in, labels out") },
  { "token-classification", N_("Text in, labels out") },
  { "feature-extraction", N_("Text in, embeddings out") },
  { "sentence-similarity", N_("Text in, embeddings out") },
  { "image-classification", N_("Images in, labels out") },
  { "object-detection", N_("Images in, labels and boxes out") },
  { "image-to-text", N_("Images in, text out") },
  { "image-text-to-text", N_("Images and text in, text out") },
  { "text-to-image", N_("Text in, images out") },
  { "automatic-speech-recognition", N_("Audio in, text out") },
  { "text-to-speech", N_("Text in, audio out") },
};

static char *
dup_modality (const MrModelRecord *record)
{
  for (guint i = 0; record->tags[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (modalities); j++)
      if (g_str_equal (record->tags[i], modalities[j].tag))
        return g_strdup (_(modalities[j].modality));
  return NULL;
}

/* What the register knows of one component, or NULL when nothing. */
static char *
dup_component (const MrModelRecord *record,
               MrComponentKind      kind)
{
  const MrComponent *component = &record->components[kind];
  const char *license = mr_mof_resolve_license (record, kind);
  GString *text;

  if (component->availability == MR_AVAILABILITY_UNKNOWN)
    return NULL;
  if (component->availability == MR_AVAILABILITY_ABSENT)
    return g_strdup (_("Not available"));

  text = g_string_new (mr_availability_get_title (component->availability));
  if (component->link != NULL)
    g_string_append_printf (text, ": %s", component->link);
  if (license != NULL)
    /* Translators: the licence of a component */
    g_string_append_printf (text, _(" (licence %s)"), license);
  return g_string_free (text, FALSE);
}

/* Several components answer one field (training data: the data card and the
 * datasets); the answer lists those the register knows about. */
static char *
dup_components (const MrModelRecord   *record,
                const MrComponentKind *kinds,
                guint                  n_kinds)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *value = dup_component (record, kinds[i]);

      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s — %s", mr_component_kind_get_title (kinds[i]), value);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const MrLicense *
find_license (const MrModelRecord *record)
{
  return mr_license_catalog_normalize (mr_license_catalog_get_default (), record->license,
                                      NULL, NULL);
}

static char *
dup_license (const MrModelRecord *record)
{
  const MrLicense *license = find_license (record);

  if (record->license == NULL)
    return NULL;
  if (license == NULL)
    /* Translators: a licence as stated that the catalogue does not know */
    return g_strdup_printf (_("%s (not recognised)"), record->license);
  return g_strdup_printf ("%s (%s)", license->id, license->name);
}

static char *
dup_acceptable_use (const MrModelRecord *record)
{
  const MrLicense *license = find_license (record);

  if (license == NULL)
    return NULL;
  if ((license->restrictions & MR_LICENSE_USE_RESTRICTIONS) == 0)
    return g_strdup (_("None in the licence"));
  return mr_license_restrictions_to_string (license->restrictions & MR_LICENSE_USE_RESTRICTIONS);
}

static char *
dup_distribution (const MrModelRecord *record)
{
  if (record->source_ref == NULL)
    return NULL;
  if (record->source_revision == NULL)
    return g_strdup (record->source_ref);
  return g_strdup_printf (_("%s at %s"), record->source_ref, record->source_revision);
}

/* The level the store stamped: only it knows whether the weights are gated
 * and how the checks went, which the record alone does not say. */
static char *
dup_openness (const MrModelRecord *record)
{
  MrMofResult mof;

  mr_mof_classify (record, &mof);
  /* Translators: the openness level, then the MOF class */
  return g_strdup_printf (_("%s; MOF %s"), mr_openness_get_title (record->openness),
                          mr_mof_class_get_title (mof.mof_class));
}

static void
add_field (GArray     *fields,
           const char *key,
           const char *label,
           const char *reference,
           char       *value)
{
  MrFactsheetField field = { key, label, reference, value };

  g_array_append_val (fields, field);
}

static void
clear_field (gpointer data)
{
  g_free (((MrFactsheetField *) data)->value);
}

static GArray *
build_fields (const MrModelRecord *r)
{
  static const MrComponentKind architecture[] = { MR_COMPONENT_MODEL_ARCHITECTURE };
  static const MrComponentKind methodology[] = { MR_COMPONENT_TECHNICAL_REPORT,
                                                 MR_COMPONENT_RESEARCH_PAPER,
                                                 MR_COMPONENT_TRAINING_CODE };
  static const MrComponentKind training_data[] = { MR_COMPONENT_DATA_CARD,
                                                   MR_COMPONENT_DATASETS,
                                                   MR_COMPONENT_PREPROCESSING_CODE };
  static const MrComponentKind evaluation[] = { MR_COMPONENT_EVALUATION_RESULTS,
                                                MR_COMPONENT_EVALUATION_DATA,
                                                MR_COMPONENT_EVALUATION_CODE };
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (MrFactsheetField));

  g_array_set_clear_func (fields, clear_field);
  add_field (fields, "provider", _("Provider"),
             NC_("legal reference", "Annex XI §1"),
             g_strdup (r->provider));
  add_field (fields, "version", _("Version"),
             NC_("legal reference", "Annex XII"),
             g_strdup (r->version));
  add_field (fields, "intended-uses", _("Intended uses"),
             NC_("legal reference", "Annex XI §1(a), XII"),
             mr_report_dup_uses (r));
  add_field (fields, "acceptable-use-policy", _("Acceptable-use restrictions"),
             NC_("legal reference", "Annex XI §1(b), XII"),
             dup_acceptable_use (r));
  add_field (fields, "distribution", _("Release and distribution"),
             NC_("legal reference", "Annex XI §1(c), XII"),
             dup_distribution (r));
  add_field (fields, "architecture", _("Architecture"),
             NC_("legal reference", "Annex XI §1(d), XII"),
             dup_components (r, architecture, G_N_ELEMENTS (architecture)));
  /* The register has no parameter count field: a weights check reports it
   * but does not store it on the entry. */
  add_field (fields, "parameter-count", _("Number of parameters"),
             NC_("legal reference", "Annex XI §1(d), XII"),
             NULL);
  add_field (fields, "modality", _("Input and output modality"),
             NC_("legal reference", "Annex XI §1(e), XII"),
             dup_modality (r));
  add_field (fields, "license", _("Licence"),
             NC_("legal reference", "Annex XI §1(f), XII"),
             dup_license (r));
  add_field (fields, "training-methodology", _("Design and training methodology"),
             NC_("legal reference", "Annex XI §2(b)"),
             dup_components (r, methodology, G_N_ELEMENTS (methodology)));
  add_field (fields, "training-data", _("Training data"),
             NC_("legal reference", "Annex XI §2(c), XII"),
             dup_components (r, training_data, G_N_ELEMENTS (training_data)));
  add_field (fields, "evaluation-results", _("Evaluation results"),
             NC_("legal reference", "Annex XI §2"),
             dup_components (r, evaluation, G_N_ELEMENTS (evaluation)));
  add_field (fields, "training-compute", _("Training compute"),
             NC_("legal reference", "Annex XI §2(d)"),
             NULL);
  add_field (fields, "energy-consumption", _("Energy consumption"),
             NC_("legal reference", "Annex XI §2(e)"),
             NULL);
  add_field (fields, "openness", _("Openness"),
             NC_("legal reference", "MOF"),
             dup_openness (r));
  return fields;
}

MrFactsheet *
mr_factsheet_new (MrModelRecord *record,
                  const char    *organisation,
                  gint64         generated_at)
{
  MrFactsheet *factsheet;

  g_return_val_if_fail (record != NULL, NULL);

  factsheet = g_new0 (MrFactsheet, 1);
  factsheet->record = mr_model_record_ref (record);
  factsheet->organisation = g_strdup (organisation);
  factsheet->generated_at = generated_at != 0 ? generated_at
                                              : g_get_real_time () / G_USEC_PER_SEC;
  factsheet->fields = build_fields (record);
  return factsheet;
}

void
mr_factsheet_free (MrFactsheet *factsheet)
{
  if (factsheet == NULL)
    return;
  mr_model_record_unref (factsheet->record);
  g_free (factsheet->organisation);
  g_array_unref (factsheet->fields);
  g_free (factsheet);
}

const char *
mr_factsheet_field_get_display_value (const MrFactsheetField *field)
{
  return field->value != NULL ? field->value : _("Not known");
}

/* Fields keep their references as the Act writes them, for JSON. */
const char *
mr_factsheet_field_get_display_reference (const MrFactsheetField *field)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "legal reference", field->reference);
}

char *
mr_factsheet_to_json (const MrFactsheet *factsheet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *generated = mr_report_format_date (factsheet->generated_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, factsheet->record->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, factsheet->record->name);
  json_builder_set_member_name (builder, "organisation");
  if (factsheet->organisation != NULL)
    json_builder_add_string_value (builder, factsheet->organisation);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "generated");
  json_builder_add_string_value (builder, generated);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < factsheet->fields->len; i++)
    {
      const MrFactsheetField *field = &g_array_index (factsheet->fields, MrFactsheetField, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, field->key);
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, field->reference);
      json_builder_set_member_name (builder, "known");
      json_builder_add_boolean_value (builder, field->value != NULL);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, field->value != NULL ? field->value
                                                                   : MR_FACTSHEET_NOT_KNOWN);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
mr_factsheet_to_html (const MrFactsheet *factsheet)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *generated = mr_report_format_date (factsheet->generated_at);

  mr_report_html_begin (out, factsheet->record->name);
  g_string_append (out, "<header class=\"cover\">\n");
  mr_report_html_append_element (out, "h1", factsheet->record->name);
  mr_report_html_append_element (out, "p", _("Model factsheet (EU AI Act Annexes XI and XII)"));
  if (factsheet->organisation != NULL)
    mr_report_html_append_element (out, "p", factsheet->organisation);
  mr_report_html_append_element (out, "p", generated);
  g_string_append (out, "</header>\n<main>\n<table>\n<thead><tr>");
  mr_report_html_append_element (out, "th", _("Field"));
  mr_report_html_append_element (out, "th", _("Value"));
  mr_report_html_append_element (out, "th", _("Reference"));
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < factsheet->fields->len; i++)
    {
      const MrFactsheetField *field = &g_array_index (factsheet->fields, MrFactsheetField, i);

      g_string_append (out, "<tr>");
      mr_report_html_append_element (out, "td", field->label);
      g_string_append (out, field->value != NULL ? "<td>" : "<td class=\"empty\">");
      mr_report_html_append_escaped (out, mr_factsheet_field_get_display_value (field));
      g_string_append (out, "</td>");
      mr_report_html_append_element (out, "td", mr_factsheet_field_get_display_reference (field));
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</main>\n");
  mr_report_html_end (out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
