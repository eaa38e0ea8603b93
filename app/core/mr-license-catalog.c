/* mr-license-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-license-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mr-error.h"
#include "mr-license-catalog.h"
#include "mr-policy-data.h"

/* Longest text worth normalising; no licence name is longer. */
#define MAX_KEY_LENGTH 128

struct _MrLicenseCatalog
{
  GObject       parent_instance;

  GPtrArray    *licenses;      /* MrLicense*, owned; strings in @strings */
  GStringChunk *strings;
  GHashTable   *by_id;         /* exact id → MrLicense* */
  GHashTable   *by_folded_id;  /* folded id → MrLicense* */
  GHashTable   *by_alias;      /* folded alias → MrLicense* */
};

G_DEFINE_FINAL_TYPE (MrLicenseCatalog, mr_license_catalog, G_TYPE_OBJECT)

static const struct {
  MrLicenseRestrictions  restriction;
  const char            *nick;
  const char            *title;
} restriction_info[MR_LICENSE_N_RESTRICTIONS] = {
  { MR_LICENSE_RESTRICTION_NON_COMMERCIAL, "non-commercial", N_("non-commercial use only") },
  { MR_LICENSE_RESTRICTION_ACCEPTABLE_USE, "acceptable-use", N_("acceptable-use policy") },
  { MR_LICENSE_RESTRICTION_USER_THRESHOLD, "user-threshold", N_("user-count threshold") },
  { MR_LICENSE_RESTRICTION_FIELD_OF_USE, "field-of-use", N_("field-of-use restrictions") },
  { MR_LICENSE_RESTRICTION_ATTRIBUTION, "attribution", N_("attribution or naming requirements") },
};

gboolean
mr_license_is_open (const MrLicense *license)
{
  return license->osi_approved || license->fsf_libre ||
         license->open_data || license->open_mdw;
}

gboolean
mr_license_is_type_appropriate (const MrLicense *license,
                                MrContentType    content_type)
{
  return (license->content_types & (1u << content_type)) != 0;
}

gboolean
mr_license_has_use_restrictions (const MrLicense *license)
{
  return (license->restrictions & MR_LICENSE_USE_RESTRICTIONS) != 0;
}

const char *
mr_license_restriction_get_nick (MrLicenseRestrictions restriction)
{
  for (guint i = 0; i < G_N_ELEMENTS (restriction_info); i++)
    if (restriction_info[i].restriction == restriction)
      return restriction_info[i].nick;
  g_return_val_if_reached (NULL);
}

const char *
mr_license_restriction_get_title (MrLicenseRestrictions restriction)
{
  for (guint i = 0; i < G_N_ELEMENTS (restriction_info); i++)
    if (restriction_info[i].restriction == restriction)
      return _(restriction_info[i].title);
  g_return_val_if_reached (NULL);
}

char *
mr_license_restrictions_to_string (MrLicenseRestrictions restrictions)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (restriction_info); i++)
    {
      if ((restrictions & restriction_info[i].restriction & MR_LICENSE_USE_RESTRICTIONS) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _(restriction_info[i].title));
    }
  return g_string_free (text, FALSE);
}

static gboolean
restriction_from_nick (const char            *nick,
                       MrLicenseRestrictions *out_restriction)
{
  for (guint i = 0; i < G_N_ELEMENTS (restriction_info); i++)
    {
      if (g_strcmp0 (nick, restriction_info[i].nick) == 0)
        {
          *out_restriction = restriction_info[i].restriction;
          return TRUE;
        }
    }
  return FALSE;
}

/* Lower-case ASCII, trimmed, inner white space collapsed to one space: the
 * form ids and aliases are compared in.  FALSE when @text does not fit. */
static gboolean
fold_key (const char *text,
          char        buffer[MAX_KEY_LENGTH])
{
  gsize length = 0;
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = length > 0;
          continue;
        }
      if (length + (pending_space ? 2 : 1) >= MAX_KEY_LENGTH)
        return FALSE;
      if (pending_space)
        buffer[length++] = ' ';
      pending_space = FALSE;
      buffer[length++] = g_ascii_tolower (*p);
    }
  buffer[length] = '\0';
  return length > 0;
}

static void
mr_license_catalog_finalize (GObject *object)
{
  MrLicenseCatalog *self = MR_LICENSE_CATALOG (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_folded_id, g_hash_table_unref);
  g_clear_pointer (&self->by_alias, g_hash_table_unref);
  g_clear_pointer (&self->licenses, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (mr_license_catalog_parent_class)->finalize (object);
}

static void
mr_license_catalog_class_init (MrLicenseCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_license_catalog_finalize;
}

static void
mr_license_catalog_init (MrLicenseCatalog *self)
{
  self->licenses = g_ptr_array_new_with_free_func (g_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_folded_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_alias = g_hash_table_new (g_str_hash, g_str_equal);
}

static const char *
intern (MrLicenseCatalog *self,
        const char       *text)
{
  return g_string_chunk_insert_const (self->strings, text != NULL ? text : "");
}

static void
add_folded (MrLicenseCatalog *self,
            GHashTable       *table,
            const char       *text,
            MrLicense        *license)
{
  char key[MAX_KEY_LENGTH];

  if (!fold_key (text, key))
    {
      g_critical ("Licence key “%s” is empty or too long", text);
      return;
    }
  g_hash_table_insert (table, (char *) intern (self, key), license);
}

static MrLicense *
add_license (MrLicenseCatalog *self,
             const char       *id,
             const char       *name,
             const char       *url,
             gboolean          custom)
{
  MrLicense *license = g_new0 (MrLicense, 1);

  license->id = intern (self, id);
  license->name = intern (self, name);
  license->url = intern (self, url);
  license->custom = custom;
  g_ptr_array_add (self->licenses, license);
  g_hash_table_insert (self->by_id, (char *) license->id, license);
  add_folded (self, self->by_folded_id, id, license);
  return license;
}

static MrLicense *
find_or_add (MrLicenseCatalog *self,
             const char       *id)
{
  MrLicense *license = g_hash_table_lookup (self->by_id, id);

  return license != NULL ? license : add_license (self, id, id, "", TRUE);
}

static void
load_spdx (MrLicenseCatalog *self,
           JsonObject       *root)
{
  JsonArray *licenses = json_object_get_array_member (root, "licenses");

  for (guint i = 0; i < json_array_get_length (licenses); i++)
    {
      JsonObject *entry = json_array_get_object_element (licenses, i);
      const char *id = json_object_get_string_member (entry, "id");
      g_autofree char *url = g_strdup_printf ("https://spdx.org/licenses/%s.html", id);
      MrLicense *license;

      license = add_license (self, id, json_object_get_string_member (entry, "name"), url, FALSE);
      license->osi_approved = json_object_get_boolean_member_with_default (entry, "osi", FALSE);
      license->fsf_libre = json_object_get_boolean_member_with_default (entry, "fsf", FALSE);
      license->deprecated = json_object_get_boolean_member_with_default (entry, "deprecated", FALSE);
    }
}

static gboolean
content_type_from_name (const char    *name,
                        MrContentType *out_type)
{
  static const char * const names[] = { "code", "data", "document" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (name, names[i]) == 0)
        {
          *out_type = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
load_content_types (JsonObject *types,
                    const char *id,
                    JsonNode   *value,
                    gpointer    user_data)
{
  MrLicense *license = find_or_add (user_data, id);
  JsonArray *names = json_node_get_array (value);

  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      MrContentType type;

      if (!content_type_from_name (name, &type))
        g_critical ("licenses/mof.json: unknown content type “%s” for %s", name, id);
      else
        license->content_types |= 1u << type;
    }
}

static void
load_mof (MrLicenseCatalog *self,
          JsonObject       *root)
{
  JsonArray *open_data = json_object_get_array_member (root, "openData");
  JsonArray *open_licenses = json_object_get_array_member (root, "openLicenses");

  for (guint i = 0; i < json_array_get_length (open_data); i++)
    find_or_add (self, json_array_get_string_element (open_data, i))->open_data = TRUE;

  for (guint i = 0; i < json_array_get_length (open_licenses); i++)
    {
      JsonObject *entry = json_array_get_object_element (open_licenses, i);
      const char *id = json_object_get_string_member (entry, "id");
      MrLicense *license = g_hash_table_lookup (self->by_id, id);

      /* Not in the SPDX list MOT uses; a later list may have it. */
      if (license == NULL)
        license = add_license (self, id,
                               json_object_get_string_member (entry, "name"),
                               json_object_get_string_member (entry, "url"),
                               TRUE);
      license->open_mdw = TRUE;
    }

  json_object_foreach_member (json_object_get_object_member (root, "contentTypes"),
                              load_content_types, self);
}

static void
load_custom_entry (MrLicenseCatalog *self,
                   JsonObject       *entry)
{
  const char *id = json_object_get_string_member (entry, "id");
  JsonArray *restrictions = json_object_get_array_member (entry, "restrictions");
  MrLicense *license = g_hash_table_lookup (self->by_id, id);

  /* An SPDX id here adds restriction data to the SPDX entry. */
  if (license == NULL)
    license = add_license (self, id,
                           json_object_get_string_member (entry, "name"),
                           json_object_get_string_member (entry, "url"),
                           TRUE);

  license->summary = intern (self, json_object_get_string_member (entry, "summary"));
  license->user_threshold = json_object_get_int_member_with_default (entry, "userThreshold", 0);
  for (guint i = 0; i < json_array_get_length (restrictions); i++)
    {
      const char *nick = json_array_get_string_element (restrictions, i);
      MrLicenseRestrictions restriction;

      if (!restriction_from_nick (nick, &restriction))
        g_critical ("licenses/custom.json: unknown restriction “%s” for %s", nick, id);
      else
        license->restrictions |= restriction;
    }

  if (json_object_has_member (entry, "aliases"))
    {
      JsonArray *aliases = json_object_get_array_member (entry, "aliases");

      for (guint i = 0; i < json_array_get_length (aliases); i++)
        add_folded (self, self->by_alias, json_array_get_string_element (aliases, i), license);
    }
}

static void
load_custom (MrLicenseCatalog *self,
             JsonObject       *root)
{
  JsonArray *licenses = json_object_get_array_member (root, "licenses");

  for (guint i = 0; i < json_array_get_length (licenses); i++)
    load_custom_entry (self, json_array_get_object_element (licenses, i));
}

static void
load_alias (JsonObject *aliases,
            const char *alias,
            JsonNode   *value,
            gpointer    user_data)
{
  MrLicenseCatalog *self = user_data;
  const char *id = json_node_get_string (value);
  MrLicense *license = g_hash_table_lookup (self->by_id, id);

  if (license == NULL)
    g_critical ("licenses/aliases.json: “%s” names unknown licence %s", alias, id);
  else
    add_folded (self, self->by_alias, alias, license);
}

static void
load_aliases (MrLicenseCatalog *self,
              JsonObject       *root)
{
  json_object_foreach_member (json_object_get_object_member (root, "aliases"),
                              load_alias, self);
}

static MrLicenseCatalog *
mr_license_catalog_new_builtin (void)
{
  static const struct {
    const char *name;
    void      (*load) (MrLicenseCatalog *self, JsonObject *root);
  } files[] = {
    /* Order matters: later files add to the entries of earlier ones. */
    { "licenses/spdx.json", load_spdx },
    { "licenses/mof.json", load_mof },
    { "licenses/custom.json", load_custom },
    { "licenses/aliases.json", load_aliases },
  };
  MrLicenseCatalog *self = g_object_new (MR_TYPE_LICENSE_CATALOG, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = mr_policy_data_get_json (files[i].name, &error);

      if (root == NULL)
        g_error ("Built-in licence data is broken: %s", error->message);
      files[i].load (self, json_node_get_object (root));
    }
  return self;
}

MrLicenseCatalog *
mr_license_catalog_get_default (void)
{
  static MrLicenseCatalog *catalog;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, mr_license_catalog_new_builtin ());
  return catalog;
}

guint
mr_license_catalog_get_n_licenses (MrLicenseCatalog *self)
{
  g_return_val_if_fail (MR_IS_LICENSE_CATALOG (self), 0);
  return self->licenses->len;
}

const MrLicense *
mr_license_catalog_get_license (MrLicenseCatalog *self,
                                guint             position)
{
  g_return_val_if_fail (MR_IS_LICENSE_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->licenses->len, NULL);
  return g_ptr_array_index (self->licenses, position);
}

const MrLicense *
mr_license_catalog_lookup (MrLicenseCatalog *self,
                           const char       *id)
{
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

static const MrLicense *
normalize_one (MrLicenseCatalog *self,
               const char       *text,
               MrLicenseMatch   *out_match)
{
  char key[MAX_KEY_LENGTH];
  const MrLicense *license;

  if ((license = g_hash_table_lookup (self->by_id, text)) != NULL)
    *out_match = MR_LICENSE_MATCH_EXACT;
  else if (!fold_key (text, key))
    *out_match = MR_LICENSE_MATCH_NONE;
  else if ((license = g_hash_table_lookup (self->by_folded_id, key)) != NULL)
    *out_match = MR_LICENSE_MATCH_CASE;
  else if ((license = g_hash_table_lookup (self->by_alias, key)) != NULL)
    *out_match = MR_LICENSE_MATCH_ALIAS;
  else
    *out_match = MR_LICENSE_MATCH_NONE;
  return license;
}

const MrLicense *
mr_license_catalog_normalize (MrLicenseCatalog *self,
                              const char       *text,
                              const char       *hf_license_name,
                              MrLicenseMatch   *out_match)
{
  MrLicenseMatch match = MR_LICENSE_MATCH_NONE;
  const MrLicense *license = NULL;

  g_return_val_if_fail (MR_IS_LICENSE_CATALOG (self), NULL);

  if (text != NULL)
    license = normalize_one (self, text, &match);

  /* Hugging Face writes custom licences as "other" plus a license_name;
   * an unrecognised name leaves the generic "other" entry. */
  if (license != NULL && g_str_equal (license->id, "other") &&
      hf_license_name != NULL)
    {
      MrLicenseMatch name_match;
      const MrLicense *named = normalize_one (self, hf_license_name, &name_match);

      if (named != NULL)
        {
          license = named;
          match = MR_LICENSE_MATCH_ALIAS;
        }
    }

  if (out_match != NULL)
    *out_match = match;
  return license;
}
