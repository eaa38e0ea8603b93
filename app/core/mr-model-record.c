/* mr-model-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-model-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-error.h"
#include "mr-model-record.h"
#include "mr-validate.h"

G_DEFINE_BOXED_TYPE (MrModelRecord, mr_model_record,
                     mr_model_record_ref, mr_model_record_unref)

static const char * const empty_strv[] = { NULL };

/* Every component unknown, as mr_model_record_new() leaves them.  const,
 * so that writing to a summary's components faults at once. */
static const MrComponent unknown_components[MR_N_COMPONENTS] = {
#define UNKNOWN(k) [k] = { .kind = k }
  UNKNOWN (0), UNKNOWN (1), UNKNOWN (2), UNKNOWN (3), UNKNOWN (4), UNKNOWN (5),
  UNKNOWN (6), UNKNOWN (7), UNKNOWN (8), UNKNOWN (9), UNKNOWN (10), UNKNOWN (11),
  UNKNOWN (12), UNKNOWN (13), UNKNOWN (14), UNKNOWN (15), UNKNOWN (16),
#undef UNKNOWN
};

G_STATIC_ASSERT (MR_N_COMPONENTS == 17);

static MrComponent *
new_components (void)
{
  return g_memdup2 (unknown_components, sizeof unknown_components);
}

MrModelRecord *
mr_model_record_new (void)
{
  MrModelRecord *self = g_new0 (MrModelRecord, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tags = g_strdupv ((char **) empty_strv);
  self->intended_uses = g_strdupv ((char **) empty_strv);
  self->components = new_components ();
  return self;
}

MrModelRecord *
mr_model_record_new_summary (gpointer block,
                             gpointer room)
{
  MrModelRecord *self = room;

  g_return_val_if_fail (block != NULL, NULL);
  g_return_val_if_fail (room != NULL, NULL);

  memset (self, 0, sizeof *self);
  g_atomic_ref_count_init (&self->ref_count);
  self->block = g_atomic_rc_box_acquire (block);
  self->tags = (char **) empty_strv;
  self->intended_uses = (char **) empty_strv;
  self->components = (MrComponent *) unknown_components;
  return self;
}

MrModelRecord *
mr_model_record_copy (const MrModelRecord *self)
{
  MrModelRecord *copy = g_new0 (MrModelRecord, 1);

  *copy = *self;
  g_atomic_ref_count_init (&copy->ref_count);
  copy->search_text = NULL;
  copy->block = NULL;
  copy->name = g_strdup (self->name);
  copy->provider = g_strdup (self->provider);
  copy->version = g_strdup (self->version);
  copy->source_ref = g_strdup (self->source_ref);
  copy->source_revision = g_strdup (self->source_revision);
  copy->owner = g_strdup (self->owner);
  copy->description = g_strdup (self->description);
  copy->license = g_strdup (self->license);
  copy->license_code = g_strdup (self->license_code);
  copy->license_data = g_strdup (self->license_data);
  copy->license_document = g_strdup (self->license_document);
  copy->tags = g_strdupv (self->tags);
  copy->intended_uses = g_strdupv (self->intended_uses);
  copy->notes = g_strdup (self->notes);
  copy->vendor_agreement = g_strdup (self->vendor_agreement);
  copy->components = g_new0 (MrComponent, MR_N_COMPONENTS);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    mr_component_copy_into (&copy->components[i], &self->components[i]);
  return copy;
}

MrModelRecord *
mr_model_record_ref (MrModelRecord *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/* The fields mr_model_record_set_string() and g_strdupv() made. */
static void
free_strings (MrModelRecord *self)
{
  g_free (self->name);
  g_free (self->provider);
  g_free (self->version);
  g_free (self->source_ref);
  g_free (self->source_revision);
  g_free (self->owner);
  g_free (self->description);
  g_free (self->license);
  g_free (self->license_code);
  g_free (self->license_data);
  g_free (self->license_document);
  g_strfreev (self->tags);
  g_strfreev (self->intended_uses);
  g_free (self->notes);
  g_free (self->vendor_agreement);
}

static void
mr_model_record_free (MrModelRecord *self)
{
  g_free (self->search_text);
  /* A summary is in its block, and its components are shared. */
  if (self->block != NULL)
    {
      g_atomic_rc_box_release (self->block);
      return;
    }
  free_strings (self);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    mr_component_clear (&self->components[i]);
  g_free (self->components);
  g_free (self);
}

void
mr_model_record_unref (MrModelRecord *self)
{
  if (g_atomic_ref_count_dec (&self->ref_count))
    mr_model_record_free (self);
}

char *
mr_model_record_fold_search_text (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : NULL;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;
  /* ASCII normalises to itself and case-folds to its lower case: most
   * texts are, and a register of 100,000 entries is spared two Unicode
   * conversions per text. */
  if (is_ascii (text))
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, g_ascii_tolower (*p));
      return;
    }
  folded = mr_model_record_fold_search_text (text);
  if (folded == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, folded);
}

const char *
mr_model_record_get_search_text (const MrModelRecord *self)
{
  MrModelRecord *mutable_self = (MrModelRecord *) self;
  GString *text;
  char *built;

  if (g_atomic_pointer_get (&mutable_self->search_text) != NULL)
    return mutable_self->search_text;

  text = g_string_new (NULL);
  append_folded (text, self->name);
  append_folded (text, self->provider);
  append_folded (text, self->license);
  append_folded (text, self->source_ref);
  for (guint i = 0; self->tags[i] != NULL; i++)
    append_folded (text, self->tags[i]);
  built = g_string_free (text, FALSE);

  /* Two threads may race to build it; the loser frees its copy. */
  if (!g_atomic_pointer_compare_and_exchange (&mutable_self->search_text, NULL, built))
    g_free (built);
  return self->search_text;
}

static gboolean
validate_texts (const MrModelRecord *self,
                const char         **out_key,
                GError             **error)
{
  const struct { const char *key; const char *field; const char *value; } texts[] = {
    { "provider", N_("Provider"), self->provider },
    { "version", N_("Version"), self->version },
    { "owner", N_("Owner"), self->owner },
    { "license", N_("Licence"), self->license },
    { "vendor_agreement", N_("Vendor agreement"), self->vendor_agreement },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!mr_validate_length (texts[i].field, texts[i].value, error))
        {
          *out_key = texts[i].key;
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mr_model_record_validate_with_key (const MrModelRecord *self,
                                   const char         **out_key,
                                   GError             **error)
{
  const char *key = "name";

  if (mr_validate_required (N_("Name"), self->name, error) &&
      mr_validate_length (N_("Name"), self->name, error) &&
      validate_texts (self, &key, error))
    {
      key = "source_ref";
      if (mr_validate_source (self->source_kind, self->source_ref, error))
        return TRUE;
    }
  if (out_key != NULL)
    *out_key = key;
  return FALSE;
}

gboolean
mr_model_record_validate (const MrModelRecord *self,
                          GError             **error)
{
  return mr_model_record_validate_with_key (self, NULL, error);
}

static gboolean
strv_equal (GStrv a,
            GStrv b)
{
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
mr_model_record_same_content (const MrModelRecord *a,
                              const MrModelRecord *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->provider, b->provider) != 0 ||
      g_strcmp0 (a->version, b->version) != 0 ||
      a->source_kind != b->source_kind ||
      g_strcmp0 (a->source_ref, b->source_ref) != 0 ||
      g_strcmp0 (a->source_revision, b->source_revision) != 0 ||
      g_strcmp0 (a->owner, b->owner) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      g_strcmp0 (a->license, b->license) != 0 ||
      g_strcmp0 (a->license_code, b->license_code) != 0 ||
      g_strcmp0 (a->license_data, b->license_data) != 0 ||
      g_strcmp0 (a->license_document, b->license_document) != 0 ||
      !strv_equal (a->tags, b->tags) ||
      !strv_equal (a->intended_uses, b->intended_uses) ||
      a->deployment != b->deployment ||
      a->data_sensitivity != b->data_sensitivity ||
      a->status != b->status ||
      a->openness != b->openness ||
      a->worst_flag != b->worst_flag ||
      a->n_flags != b->n_flags ||
      g_strcmp0 (a->notes, b->notes) != 0 ||
      g_strcmp0 (a->vendor_agreement, b->vendor_agreement) != 0)
    return FALSE;

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    if (!mr_component_equal (&a->components[i], &b->components[i]))
      return FALSE;
  return TRUE;
}

void
mr_model_record_set_string (char       **field,
                            const char  *value)
{
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}
