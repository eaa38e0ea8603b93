/* mr-mof.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-mof"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-license-catalog.h"
#include "mr-mof.h"

/* MOT writes the licence of a listed component without one this way. */
#define UNLICENSED "unlicensed"

#define COMPONENT_BIT(kind) (1u << (kind))

static const char * const class_labels[] = {
  "Unclassified",
  "Class I - Open Science Model",
  "Class II - Open Tooling Model",
  "Class III - Open Model",
};

static const char * const class_titles[] = {
  N_("Unclassified"),
  N_("Class I — Open Science"),
  N_("Class II — Open Tooling"),
  N_("Class III — Open Model"),
};

static const char * const status_nicks[] = {
  [MR_MOF_STATUS_MISSING] = "missing",
  [MR_MOF_STATUS_INCLUDED] = "included",
  [MR_MOF_STATUS_INVALID_LICENSE] = "invalid-license",
  [MR_MOF_STATUS_UNLICENSED] = "unlicensed",
};

static const char * const content_type_names[] = {
  [MR_CONTENT_TYPE_CODE] = "code",
  [MR_CONTENT_TYPE_DATA] = "data",
  [MR_CONTENT_TYPE_DOCUMENT] = "document",
};

gboolean
mr_mof_component_is_required (MrComponentKind kind)
{
  return kind != MR_COMPONENT_SAMPLE_OUTPUTS &&
         kind != MR_COMPONENT_SUPPORTING_LIBRARIES &&
         kind != MR_COMPONENT_MODEL_METADATA;
}

const char *
mr_mof_class_get_label (guint mof_class)
{
  g_return_val_if_fail (mof_class < G_N_ELEMENTS (class_labels), NULL);
  return class_labels[mof_class];
}

const char *
mr_mof_class_get_title (guint mof_class)
{
  g_return_val_if_fail (mof_class < G_N_ELEMENTS (class_titles), NULL);
  return _(class_titles[mof_class]);
}

const char *
mr_mof_status_get_nick (MrMofStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_nicks), NULL);
  return status_nicks[status];
}

const char *
mr_mof_resolve_license (const MrModelRecord *record,
                        MrComponentKind      kind)
{
  const char *type_global = NULL;

  if (record->components[kind].license != NULL)
    return record->components[kind].license;

  switch (mr_component_kind_get_content_type (kind))
    {
    case MR_CONTENT_TYPE_CODE:
      type_global = record->license_code;
      break;
    case MR_CONTENT_TYPE_DATA:
      type_global = record->license_data;
      break;
    case MR_CONTENT_TYPE_DOCUMENT:
      type_global = record->license_document;
      break;
    default:
      g_assert_not_reached ();
    }
  return type_global != NULL ? type_global : record->license;
}

gboolean
mr_mof_is_unlicensed (const char *license)
{
  return license == NULL || g_str_equal (license, UNLICENSED);
}

static void
classify_component (MrLicenseCatalog    *catalog,
                    const MrModelRecord *record,
                    MrComponentKind      kind,
                    MrMofResult         *result)
{
  const char *license_id;
  const MrLicense *license;

  if (record->components[kind].availability != MR_AVAILABILITY_PRESENT)
    {
      result->status[kind] = MR_MOF_STATUS_MISSING;
      return;
    }

  license_id = mr_mof_resolve_license (record, kind);
  if (mr_mof_is_unlicensed (license_id))
    {
      result->status[kind] = MR_MOF_STATUS_UNLICENSED;
      return;
    }

  result->license[kind] = license_id;
  license = mr_license_catalog_lookup (catalog, license_id);
  if (license == NULL || !mr_license_is_open (license))
    {
      result->status[kind] = MR_MOF_STATUS_INVALID_LICENSE;
      return;
    }

  result->status[kind] = MR_MOF_STATUS_INCLUDED;
  if (!mr_license_is_type_appropriate (license, mr_component_kind_get_content_type (kind)))
    result->not_type_appropriate |= COMPONENT_BIT (kind);
}

/* MOT's progress walk: class c shows progress only when every class below
 * it (III before II before I) has all its required components included. */
static double
class_progress (const MrMofResult *result,
                const guint        included[4],
                const guint        required[4],
                guint              mof_class)
{
  guint total = 0;
  guint counted = 0;

  for (guint c = 3; c >= mof_class; c--)
    {
      total = required[c];
      counted = included[c];
      if (counted < total)
        {
          if (c > mof_class)
            return 0.0;
          break;
        }
    }

  /* At class I both report and paper are required; a paper that stands in
   * for a report that is not included lowers the bar by one. */
  if (mof_class == 1 &&
      result->status[MR_COMPONENT_TECHNICAL_REPORT] != MR_MOF_STATUS_INCLUDED &&
      result->status[MR_COMPONENT_RESEARCH_PAPER] == MR_MOF_STATUS_INCLUDED)
    total--;

  return MIN (100.0, (double) counted / total * 100.0);
}

void
mr_mof_classify (const MrModelRecord *record,
                 MrMofResult         *result)
{
  MrLicenseCatalog *catalog = mr_license_catalog_get_default ();
  guint included[4] = { 0 };
  guint required[4] = { 0 };

  g_return_if_fail (record != NULL);
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);

  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      guint component_class = mr_component_kind_get_mof_class (kind);

      classify_component (catalog, record, kind, result);
      if (!mr_mof_component_is_required (kind))
        continue;

      /* Cumulative: a class-III component counts towards II and I too. */
      for (guint c = 1; c <= component_class; c++)
        {
          required[c]++;
          if (result->status[kind] == MR_MOF_STATUS_INCLUDED)
            included[c]++;
        }
    }

  result->paper_replaces_report =
    result->status[MR_COMPONENT_TECHNICAL_REPORT] != MR_MOF_STATUS_INCLUDED &&
    result->status[MR_COMPONENT_RESEARCH_PAPER] != MR_MOF_STATUS_MISSING;
  if (result->paper_replaces_report &&
      result->status[MR_COMPONENT_RESEARCH_PAPER] == MR_MOF_STATUS_INCLUDED)
    {
      included[3]++;
      included[2]++;
    }

  for (guint c = 3; c >= 1; c--)
    {
      result->progress[c] = class_progress (result, included, required, c);
      if (result->progress[c] == 100.0)
        result->mof_class = c;
    }
}

static void
add_component_json (const MrMofResult *result,
                    MrComponentKind    kind,
                    JsonBuilder       *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mr_component_kind_get_mof_name (kind));
  json_builder_set_member_name (builder, "component");
  json_builder_add_string_value (builder, mr_component_kind_get_nick (kind));
  json_builder_set_member_name (builder, "class");
  json_builder_add_int_value (builder, mr_component_kind_get_mof_class (kind));
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, mr_mof_component_is_required (kind));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, mr_mof_status_get_nick (result->status[kind]));
  json_builder_set_member_name (builder, "license");
  if (result->license[kind] != NULL)
    json_builder_add_string_value (builder, result->license[kind]);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_warnings_json (const MrMofResult *result,
                   JsonBuilder       *builder)
{
  json_builder_begin_array (builder);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    {
      g_autofree char *warning = NULL;

      if ((result->not_type_appropriate & COMPONENT_BIT (kind)) == 0)
        continue;
      /* English, like the rest of MOT's output this object mirrors. */
      warning = g_strdup_printf ("%s: %s is an open licence but not a type-appropriate one "
                                 "for %s components",
                                 mr_component_kind_get_mof_name (kind),
                                 result->license[kind],
                                 content_type_names[mr_component_kind_get_content_type (kind)]);
      json_builder_add_string_value (builder, warning);
    }
  json_builder_end_array (builder);
}

void
mr_mof_result_add_json_members (const MrMofResult *result,
                                JsonBuilder       *builder)
{
  static const char * const class_keys[] = { NULL, "1", "2", "3" };

  json_builder_set_member_name (builder, "class");
  json_builder_add_int_value (builder, result->mof_class);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, mr_mof_class_get_label (result->mof_class));

  json_builder_set_member_name (builder, "progress");
  json_builder_begin_object (builder);
  for (guint c = 1; c <= 3; c++)
    {
      json_builder_set_member_name (builder, class_keys[c]);
      json_builder_add_double_value (builder, result->progress[c]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (guint kind = 0; kind < MR_N_COMPONENTS; kind++)
    add_component_json (result, kind, builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  add_warnings_json (result, builder);
}

char *
mr_mof_result_to_json (const MrMofResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  mr_mof_result_add_json_members (result, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
