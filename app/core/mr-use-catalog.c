/* mr-use-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-use-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-policy-data.h"
#include "mr-use-catalog.h"

struct _MrUseCatalog
{
  GObject       parent_instance;

  MrIntendedUse *uses;
  guint          n_uses;
  GStringChunk  *strings;
  GHashTable    *by_id;     /* id → MrIntendedUse* */
};

G_DEFINE_FINAL_TYPE (MrUseCatalog, mr_use_catalog, G_TYPE_OBJECT)

const char *
mr_risk_tier_get_title (MrRiskTier tier)
{
  switch (tier)
    {
    case MR_RISK_TIER_MINIMAL:
      return _("minimal risk");
    case MR_RISK_TIER_LIMITED:
      return _("limited risk, transparency duties");
    case MR_RISK_TIER_HIGH:
      return _("high-risk");
    case MR_RISK_TIER_PROHIBITED:
      return _("prohibited");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
mr_use_catalog_finalize (GObject *object)
{
  MrUseCatalog *self = MR_USE_CATALOG (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->uses, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (mr_use_catalog_parent_class)->finalize (object);
}

static void
mr_use_catalog_class_init (MrUseCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_use_catalog_finalize;
}

static void
mr_use_catalog_init (MrUseCatalog *self)
{
  self->strings = g_string_chunk_new (16 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static const char *
member_string (MrUseCatalog *self,
               JsonObject   *entry,
               const char   *member)
{
  return g_string_chunk_insert_const (self->strings,
                                      json_object_get_string_member (entry, member));
}

/* The texts are marked for xgettext in po/data-strings.c, which
 * build-aux/extract-data-strings.py generates with these contexts.  The
 * translation is looked up once, as the catalogue is built after main ()
 * has set the locale and bound the text domain. */
static const char *
member_text (MrUseCatalog *self,
             JsonObject   *entry,
             const char   *member,
             const char   *context)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, context, member_string (self, entry, member));
}

static MrUseCatalog *
mr_use_catalog_new_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = mr_policy_data_get_json ("uses/uses.json", &error);
  MrUseCatalog *self;
  JsonArray *uses;

  if (root == NULL)
    g_error ("Built-in intended-use catalogue is broken: %s", error->message);

  self = g_object_new (MR_TYPE_USE_CATALOG, NULL);
  uses = json_object_get_array_member (json_node_get_object (root), "uses");
  self->n_uses = json_array_get_length (uses);
  self->uses = g_new0 (MrIntendedUse, self->n_uses);
  for (guint i = 0; i < self->n_uses; i++)
    {
      JsonObject *entry = json_array_get_object_element (uses, i);
      MrIntendedUse *use = &self->uses[i];
      const char *tier = json_object_get_string_member (entry, "tier");
      int tier_value;

      if (!mr_enum_from_nick (MR_TYPE_RISK_TIER, tier, &tier_value))
        g_error ("uses/uses.json: unknown tier “%s”", tier);
      use->id = member_string (self, entry, "id");
      use->label = member_text (self, entry, "label", "intended use");
      use->description = member_text (self, entry, "description", "intended use description");
      use->reference = member_text (self, entry, "reference", "legal reference");
      use->tier = tier_value;
      use->position = i;
      g_hash_table_insert (self->by_id, (char *) use->id, use);
    }
  return self;
}

MrUseCatalog *
mr_use_catalog_get_default (void)
{
  static MrUseCatalog *catalog;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, mr_use_catalog_new_builtin ());
  return catalog;
}

guint
mr_use_catalog_get_n_uses (MrUseCatalog *self)
{
  g_return_val_if_fail (MR_IS_USE_CATALOG (self), 0);
  return self->n_uses;
}

const MrIntendedUse *
mr_use_catalog_get_use (MrUseCatalog *self,
                        guint         position)
{
  g_return_val_if_fail (MR_IS_USE_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->n_uses, NULL);
  return &self->uses[position];
}

const MrIntendedUse *
mr_use_catalog_lookup (MrUseCatalog *self,
                       const char   *id)
{
  g_return_val_if_fail (MR_IS_USE_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}
