/* mr-framework.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-framework"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <yaml.h>

#include "mr-component.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-framework.h"
#include "mr-policy-data.h"

#define FORMAT_VERSION 1
#define MAX_REVIEW_INTERVAL_DAYS 3650
#define DEFAULT_REVIEW_INTERVAL_DAYS 365
#define N_TIERS (MR_RISK_TIER_PROHIBITED + 1)

struct _MrFramework
{
  GObject          parent_instance;

  char            *name;
  char            *version;
  gboolean         builtin;       /* shipped with the app: its name is translated */
  MrFrameworkRule  tier_rules[N_TIERS];
  MrFrameworkRule *use_rules;     /* by MrIntendedUse.position */
  guint            n_use_rules;
};

G_DEFINE_FINAL_TYPE (MrFramework, mr_framework, G_TYPE_OBJECT)

typedef enum {
  FIELD_BOOLEAN,
  FIELD_OPENNESS,
  FIELD_COMPONENTS,
  FIELD_SEVERITY,
  FIELD_DAYS,
} FieldType;

#define RULE_FIELD(key, type, member) \
  { key, type, G_STRUCT_OFFSET (MrFrameworkRule, member), sizeof (((MrFrameworkRule *) NULL)->member) }

static const struct {
  const char *key;
  FieldType   type;
  gsize       offset;
  gsize       size;
} rule_fields[] = {
  RULE_FIELD ("blocked", FIELD_BOOLEAN, blocked),
  RULE_FIELD ("minimum_openness", FIELD_OPENNESS, minimum_openness),
  RULE_FIELD ("required_components", FIELD_COMPONENTS, required_components),
  RULE_FIELD ("forbid_non_commercial_licence", FIELD_BOOLEAN, forbid_non_commercial_license),
  RULE_FIELD ("forbid_acceptable_use_licence", FIELD_BOOLEAN, forbid_acceptable_use_license),
  RULE_FIELD ("inference_check_required", FIELD_BOOLEAN, inference_check_required),
  RULE_FIELD ("vendor_agreement_required", FIELD_BOOLEAN, vendor_agreement_required),
  RULE_FIELD ("severity", FIELD_SEVERITY, severity),
  RULE_FIELD ("review_interval_days", FIELD_DAYS, review_interval_days),
};

#define FIELD_POINTER(rule, i) ((gpointer) ((guint8 *) (rule) + rule_fields[i].offset))

/* A rule as read, with the fields the file set (a use's rule only
 * overrides those). */
typedef struct {
  MrFrameworkRule rule;
  guint32         set;      /* 1 << index in rule_fields */
} ParsedRule;

typedef struct {
  const char      *filename;
  yaml_document_t *document;
  MrUseCatalog    *uses;
  ParsedRule       tiers[N_TIERS];
  gboolean         tier_seen[N_TIERS];
  ParsedRule      *use_rules;
  yaml_node_t     *tiers_node;
  gboolean         format_seen;
  char            *name;
  char            *version;
} Parser;

static void
mr_framework_finalize (GObject *object)
{
  MrFramework *self = MR_FRAMEWORK (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->use_rules, g_free);

  G_OBJECT_CLASS (mr_framework_parent_class)->finalize (object);
}

static void
mr_framework_class_init (MrFrameworkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_framework_finalize;
}

static void
mr_framework_init (MrFramework *self)
{
}

G_GNUC_PRINTF (5, 6)
static gboolean
fail (Parser      *parser,
      yaml_node_t *node,
      const char  *field,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "<file>:<line>: <field>: <what is wrong>" */
  g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE, _("%s:%lu: %s: %s"),
               parser->filename, (gulong) node->start_mark.line + 1, field, message);
  return FALSE;
}

static yaml_node_t *
get_node (Parser           *parser,
          yaml_node_item_t  item)
{
  return yaml_document_get_node (parser->document, item);
}

static gboolean
expect_type (Parser           *parser,
             yaml_node_t      *node,
             yaml_node_type_t  type,
             const char       *field,
             GError          **error)
{
  static const char * const names[] = {
    [YAML_SCALAR_NODE] = N_("a single value"),
    [YAML_SEQUENCE_NODE] = N_("a list"),
    [YAML_MAPPING_NODE] = N_("a mapping of fields"),
  };

  if (node->type == type)
    return TRUE;
  return fail (parser, node, field, error, _("expected %s"), _(names[type]));
}

static const char *
scalar (yaml_node_t *node)
{
  return (const char *) node->data.scalar.value;
}

static gboolean
parse_boolean (Parser      *parser,
               yaml_node_t *node,
               const char  *field,
               gboolean    *out_value,
               GError     **error)
{
  if (!expect_type (parser, node, YAML_SCALAR_NODE, field, error))
    return FALSE;
  if (g_str_equal (scalar (node), "true"))
    *out_value = TRUE;
  else if (g_str_equal (scalar (node), "false"))
    *out_value = FALSE;
  else
    return fail (parser, node, field, error, _("“%s” is not true or false"), scalar (node));
  return TRUE;
}

static gboolean
parse_openness (Parser      *parser,
                yaml_node_t *node,
                const char  *field,
                MrOpenness  *out_value,
                GError     **error)
{
  int value;

  if (!expect_type (parser, node, YAML_SCALAR_NODE, field, error))
    return FALSE;
  if (!mr_enum_from_nick (MR_TYPE_OPENNESS, scalar (node), &value) ||
      value == MR_OPENNESS_UNKNOWN)
    return fail (parser, node, field, error,
                 _("unknown openness level “%s”; expected closed, open-weights-restricted, "
                   "open-weights, open-source-ai or open-science"), scalar (node));
  *out_value = value;
  return TRUE;
}

static gboolean
parse_severity (Parser         *parser,
                yaml_node_t    *node,
                const char     *field,
                MrFlagSeverity *out_value,
                GError        **error)
{
  if (!expect_type (parser, node, YAML_SCALAR_NODE, field, error))
    return FALSE;
  if (g_str_equal (scalar (node), "blocking"))
    *out_value = MR_FLAG_SEVERITY_BLOCKING;
  else if (g_str_equal (scalar (node), "warning"))
    *out_value = MR_FLAG_SEVERITY_WARNING;
  else
    return fail (parser, node, field, error,
                 _("unknown severity “%s”; expected blocking or warning"), scalar (node));
  return TRUE;
}

static gboolean
parse_days (Parser      *parser,
            yaml_node_t *node,
            const char  *field,
            guint       *out_value,
            GError     **error)
{
  guint64 value;

  if (!expect_type (parser, node, YAML_SCALAR_NODE, field, error))
    return FALSE;
  if (!g_ascii_string_to_unsigned (scalar (node), 10, 1, MAX_REVIEW_INTERVAL_DAYS, &value, NULL))
    return fail (parser, node, field, error,
                 _("“%s” is not a number of days from 1 to %u"), scalar (node),
                 MAX_REVIEW_INTERVAL_DAYS);
  *out_value = value;
  return TRUE;
}

static gboolean
parse_components (Parser      *parser,
                  yaml_node_t *node,
                  const char  *field,
                  guint32     *out_value,
                  GError     **error)
{
  guint32 components = 0;

  if (!expect_type (parser, node, YAML_SEQUENCE_NODE, field, error))
    return FALSE;
  for (yaml_node_item_t *item = node->data.sequence.items.start;
       item < node->data.sequence.items.top; item++)
    {
      yaml_node_t *element = get_node (parser, *item);
      MrComponentKind kind;

      if (!expect_type (parser, element, YAML_SCALAR_NODE, field, error))
        return FALSE;
      if (!mr_component_kind_from_nick (scalar (element), &kind))
        return fail (parser, element, field, error,
                     _("unknown component “%s”; expected a MOF component such as data-card, "
                       "training-code or evaluation-results"), scalar (element));
      components |= 1u << kind;
    }
  *out_value = components;
  return TRUE;
}

static gboolean
parse_field (Parser      *parser,
             guint        index,
             yaml_node_t *value,
             const char  *field,
             ParsedRule  *parsed,
             GError     **error)
{
  gpointer target = FIELD_POINTER (&parsed->rule, index);

  switch (rule_fields[index].type)
    {
    case FIELD_BOOLEAN:
      return parse_boolean (parser, value, field, target, error);
    case FIELD_OPENNESS:
      return parse_openness (parser, value, field, target, error);
    case FIELD_COMPONENTS:
      return parse_components (parser, value, field, target, error);
    case FIELD_SEVERITY:
      return parse_severity (parser, value, field, target, error);
    case FIELD_DAYS:
      return parse_days (parser, value, field, target, error);
    default:
      g_assert_not_reached ();
    }
}

/* Calls @func for each key/value pair of a mapping, refusing keys that are
 * not plain values and keys given twice. */
typedef gboolean (*MemberFunc) (Parser      *parser,
                                const char  *key,
                                yaml_node_t *key_node,
                                yaml_node_t *value,
                                const char  *path,
                                gpointer     user_data,
                                GError     **error);

static gboolean
foreach_member (Parser      *parser,
                yaml_node_t *mapping,
                const char  *path,
                MemberFunc   func,
                gpointer     user_data,
                GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!expect_type (parser, mapping, YAML_MAPPING_NODE, path, error))
    return FALSE;
  for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
       pair < mapping->data.mapping.pairs.top; pair++)
    {
      yaml_node_t *key_node = get_node (parser, pair->key);
      yaml_node_t *value = get_node (parser, pair->value);
      g_autofree char *field = NULL;

      if (!expect_type (parser, key_node, YAML_SCALAR_NODE, path, error))
        return FALSE;
      field = *path != '\0' ? g_strconcat (path, ".", scalar (key_node), NULL)
                            : g_strdup (scalar (key_node));
      if (!g_hash_table_add (seen, (gpointer) scalar (key_node)))
        return fail (parser, key_node, field, error, _("the field is given twice"));
      if (!func (parser, scalar (key_node), key_node, value, field, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_rule_member (Parser      *parser,
                   const char  *key,
                   yaml_node_t *key_node,
                   yaml_node_t *value,
                   const char  *path,
                   gpointer     user_data,
                   GError     **error)
{
  ParsedRule *parsed = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (rule_fields); i++)
    {
      if (!g_str_equal (key, rule_fields[i].key))
        continue;
      parsed->set |= 1u << i;
      return parse_field (parser, i, value, path, parsed, error);
    }
  return fail (parser, key_node, path, error, _("unknown field"));
}

static gboolean
parse_tier (Parser      *parser,
            const char  *key,
            yaml_node_t *key_node,
            yaml_node_t *value,
            const char  *path,
            gpointer     user_data,
            GError     **error)
{
  int tier;

  if (!mr_enum_from_nick (MR_TYPE_RISK_TIER, key, &tier))
    return fail (parser, key_node, path, error,
                 _("unknown tier; expected prohibited, high, limited or minimal"));
  parser->tier_seen[tier] = TRUE;
  return foreach_member (parser, value, path, parse_rule_member, &parser->tiers[tier], error);
}

static gboolean
parse_use (Parser      *parser,
           const char  *key,
           yaml_node_t *key_node,
           yaml_node_t *value,
           const char  *path,
           gpointer     user_data,
           GError     **error)
{
  const MrIntendedUse *use = mr_use_catalog_lookup (parser->uses, key);

  if (use == NULL)
    return fail (parser, key_node, path, error, _("not an intended use in the catalogue"));
  return foreach_member (parser, value, path, parse_rule_member,
                         &parser->use_rules[use->position], error);
}

static gboolean
parse_top_member (Parser      *parser,
                  const char  *key,
                  yaml_node_t *key_node,
                  yaml_node_t *value,
                  const char  *path,
                  gpointer     user_data,
                  GError     **error)
{
  if (g_str_equal (key, "format"))
    {
      if (!expect_type (parser, value, YAML_SCALAR_NODE, path, error))
        return FALSE;
      if (!g_str_equal (scalar (value), G_STRINGIFY (FORMAT_VERSION)))
        return fail (parser, value, path, error,
                     _("format “%s” is not supported; this version reads format %d"),
                     scalar (value), FORMAT_VERSION);
      parser->format_seen = TRUE;
      return TRUE;
    }
  if (g_str_equal (key, "name") || g_str_equal (key, "version"))
    {
      char **field = g_str_equal (key, "name") ? &parser->name : &parser->version;

      if (!expect_type (parser, value, YAML_SCALAR_NODE, path, error))
        return FALSE;
      g_free (*field);
      *field = g_strstrip (g_strdup (scalar (value)));
      return TRUE;
    }
  if (g_str_equal (key, "tiers"))
    {
      parser->tiers_node = key_node;
      return foreach_member (parser, value, path, parse_tier, NULL, error);
    }
  if (g_str_equal (key, "uses"))
    return foreach_member (parser, value, path, parse_use, NULL, error);
  return fail (parser, key_node, path, error, _("unknown field"));
}

static gboolean
check_required (Parser      *parser,
                yaml_node_t *root,
                GError     **error)
{
  if (!parser->format_seen)
    return fail (parser, root, "format", error, _("missing; write “format: %d”"), FORMAT_VERSION);
  if (parser->name == NULL || *parser->name == '\0')
    return fail (parser, root, "name", error, _("missing or empty"));
  for (guint tier = 0; tier < N_TIERS; tier++)
    if (!parser->tier_seen[tier])
      return fail (parser, parser->tiers_node != NULL ? parser->tiers_node : root, "tiers",
                   error, _("the tier “%s” is missing"),
                   mr_enum_to_nick (MR_TYPE_RISK_TIER, tier));
  return TRUE;
}

static void
apply_defaults (MrFrameworkRule *rule)
{
  rule->minimum_openness = MR_OPENNESS_UNKNOWN;
  rule->severity = MR_FLAG_SEVERITY_BLOCKING;
  rule->review_interval_days = DEFAULT_REVIEW_INTERVAL_DAYS;
}

static gboolean
load_document (Parser  *parser,
               GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (parser->document);
  yaml_node_t empty = { 0 };

  if (root == NULL)
    return fail (parser, &empty, _("(document)"), error, _("the file is empty"));
  if (!expect_type (parser, root, YAML_MAPPING_NODE, _("(document)"), error))
    return FALSE;
  if (!foreach_member (parser, root, "", parse_top_member, NULL, error))
    return FALSE;
  return check_required (parser, root, error);
}

static MrFramework *
build_framework (Parser *parser)
{
  MrFramework *self = g_object_new (MR_TYPE_FRAMEWORK, NULL);
  guint n_uses = mr_use_catalog_get_n_uses (parser->uses);

  self->name = g_steal_pointer (&parser->name);
  if (parser->version != NULL && *parser->version != '\0')
    self->version = g_steal_pointer (&parser->version);
  for (guint tier = 0; tier < N_TIERS; tier++)
    self->tier_rules[tier] = parser->tiers[tier].rule;

  self->n_use_rules = n_uses;
  self->use_rules = g_new0 (MrFrameworkRule, n_uses);
  for (guint i = 0; i < n_uses; i++)
    {
      const MrIntendedUse *use = mr_use_catalog_get_use (parser->uses, i);
      const ParsedRule *own = &parser->use_rules[i];
      MrFrameworkRule *rule = &self->use_rules[i];

      *rule = self->tier_rules[use->tier];
      for (guint f = 0; f < G_N_ELEMENTS (rule_fields); f++)
        if (own->set & (1u << f))
          memcpy (FIELD_POINTER (rule, f), FIELD_POINTER (&own->rule, f), rule_fields[f].size);
    }
  return self;
}

MrFramework *
mr_framework_new_from_data (const char  *data,
                            gsize        length,
                            const char  *filename,
                            GError     **error)
{
  yaml_parser_t yaml;
  yaml_document_t document;
  Parser parser = { 0 };
  MrFramework *self = NULL;
  guint n_uses;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                   _("%s: the file is not UTF-8 text"), filename);
      return NULL;
    }

  yaml_parser_initialize (&yaml);
  yaml_parser_set_input_string (&yaml, (const unsigned char *) data, length);
  if (!yaml_parser_load (&yaml, &document))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX, _("%s:%lu: %s"),
                   filename, (gulong) yaml.problem_mark.line + 1,
                   yaml.problem != NULL ? yaml.problem : _("not valid YAML"));
      yaml_parser_delete (&yaml);
      return NULL;
    }

  parser.filename = filename;
  parser.document = &document;
  parser.uses = mr_use_catalog_get_default ();
  n_uses = mr_use_catalog_get_n_uses (parser.uses);
  parser.use_rules = g_new0 (ParsedRule, n_uses);
  for (guint tier = 0; tier < N_TIERS; tier++)
    apply_defaults (&parser.tiers[tier].rule);

  if (load_document (&parser, error))
    self = build_framework (&parser);

  g_free (parser.use_rules);
  g_free (parser.name);
  g_free (parser.version);
  yaml_document_delete (&document);
  yaml_parser_delete (&yaml);
  return self;
}

MrFramework *
mr_framework_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = mr_policy_data_get_bytes ("frameworks/default.yml");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  MrFramework *self = mr_framework_new_from_data (data, length, "default.yml", error);

  if (self != NULL)
    self->builtin = TRUE;
  return self;
}

MrFramework *
mr_framework_new_from_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  name = g_file_get_parse_name (file);
  return mr_framework_new_from_data (contents, length, name, error);
}

const char *
mr_framework_get_name (MrFramework *self)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  return self->name;
}

const char *
mr_framework_get_display_name (MrFramework *self)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  /* Marked in po/data-strings.c.  An organisation's own framework keeps the
   * name its file gives, in whatever language that is. */
  if (self->builtin)
    return g_dpgettext2 (GETTEXT_PACKAGE, "governance framework", self->name);
  return self->name;
}

const char *
mr_framework_get_version (MrFramework *self)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  return self->version;
}

char *
mr_framework_dup_label (MrFramework *self)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  /* Decisions store it: the name as written, the same in every language. */
  if (self->version == NULL)
    return g_strdup (self->name);
  return g_strdup_printf ("%s %s", self->name, self->version);
}

const MrFrameworkRule *
mr_framework_get_tier_rule (MrFramework *self,
                            MrRiskTier   tier)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (tier < N_TIERS, NULL);
  return &self->tier_rules[tier];
}

const MrFrameworkRule *
mr_framework_get_rule (MrFramework         *self,
                       const MrIntendedUse *use)
{
  g_return_val_if_fail (MR_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (use != NULL, NULL);
  g_return_val_if_fail (use->position < self->n_use_rules, NULL);
  return &self->use_rules[use->position];
}
