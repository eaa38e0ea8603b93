/* mr-ollama-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-ollama-model"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-evidence.h"
#include "mr-json-util.h"
#include "mr-license-catalog.h"
#include "mr-network-error.h"
#include "mr-ollama-model.h"

/* A header line longer than this is prose, not a title. */
#define MAX_HEADER_LINE 100

G_DEFINE_BOXED_TYPE (MrOllamaModel, mr_ollama_model, mr_ollama_model_ref, mr_ollama_model_unref)

MrOllamaModel *
mr_ollama_model_ref (MrOllamaModel *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_ollama_model_unref (MrOllamaModel *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->digest);
  g_free (self->format);
  g_free (self->family);
  g_free (self->parameter_size);
  g_free (self->quantization_level);
  g_free (self->architecture);
  g_free (self->license_text);
  g_free (self->parameters);
  g_free (self);
}

static gboolean
type_error (GError    **error,
            const char *context,
            const char *member)
{
  g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
               _("%s: malformed answer: “%s” has the wrong type"), context, member);
  return FALSE;
}

/* Absent or null members leave *out alone, an empty string counts as
 * no value, and a wrong type is an error. */
static gboolean
take_string (JsonObject  *object,
             const char  *member,
             char       **out,
             const char  *context,
             GError     **error)
{
  if (!mr_json_read_string (object, member, out))
    return type_error (error, context, member);
  if (*out != NULL && **out == '\0')
    g_clear_pointer (out, g_free);
  return TRUE;
}

static gboolean
take_int (JsonObject  *object,
          const char  *member,
          gint64      *out,
          const char  *context,
          GError     **error)
{
  return mr_json_read_int (object, member, out) || type_error (error, context, member);
}

static gboolean
take_object (JsonObject  *object,
             const char  *member,
             JsonObject **out,
             const char  *context,
             GError     **error)
{
  *out = NULL;
  return mr_json_read_object (object, member, out) || type_error (error, context, member);
}

static gboolean
parse_model (JsonObject    *object,
             MrOllamaModel *model,
             const char    *context,
             GError       **error)
{
  JsonObject *details, *info;

  if (!take_string (object, "name", &model->name, context, error)
      || !take_string (object, "digest", &model->digest, context, error)
      || !take_int (object, "size", &model->size, context, error)
      || !take_string (object, "license", &model->license_text, context, error)
      || !take_string (object, "parameters", &model->parameters, context, error)
      || !take_object (object, "details", &details, context, error)
      || !take_object (object, "model_info", &info, context, error))
    return FALSE;
  if (details != NULL
      && (!take_string (details, "format", &model->format, context, error)
          || !take_string (details, "family", &model->family, context, error)
          || !take_string (details, "parameter_size", &model->parameter_size, context, error)
          || !take_string (details, "quantization_level", &model->quantization_level,
                           context, error)))
    return FALSE;
  if (info != NULL
      && (!take_int (info, "general.parameter_count", &model->parameter_count, context, error)
          || !take_string (info, "general.architecture", &model->architecture, context, error)))
    return FALSE;
  if (model->name == NULL)
    return type_error (error, context, "name");
  return TRUE;
}

MrOllamaModel *
mr_ollama_model_new_from_json (JsonNode    *node,
                               const char  *name,
                               const char  *context,
                               GError     **error)
{
  g_autoptr(MrOllamaModel) model = g_new0 (MrOllamaModel, 1);

  g_return_val_if_fail (node != NULL && context != NULL, NULL);

  g_atomic_ref_count_init (&model->ref_count);
  model->size = model->parameter_count = -1;
  model->name = g_strdup (name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MR_NETWORK_ERROR, MR_NETWORK_ERROR_MALFORMED,
                   _("%s: malformed answer: not a JSON object"), context);
      return NULL;
    }
  if (!parse_model (json_node_get_object (node), model, context, error))
    return NULL;
  return g_steal_pointer (&model);
}

const char *
mr_ollama_license_recognize (const char *license_text)
{
  /* Most specific first: "llama 3.1 …" must not be taken for "llama 3 …". */
  static const struct { const char *header; const char *id; } known[] = {
    { "apache license", "apache-2.0" },
    { "mit license", "mit" },
    { "llama 3.2 community license", "llama3.2" },
    { "llama 3.1 community license", "llama3.1" },
    { "llama 3 community license", "llama3" },
    { "llama 2 community license", "llama2" },
    { "gemma terms of use", "gemma" },
  };
  const char *line = license_text;
  const char *eol;
  g_autofree char *header = NULL;

  if (license_text == NULL)
    return NULL;
  while (*line == '\n' || *line == '\r' || *line == ' ' || *line == '\t')
    line++;
  eol = strchr (line, '\n');
  header = g_ascii_strdown (line, eol != NULL ? eol - line : -1);
  if (strlen (header) > MAX_HEADER_LINE)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strstr (header, known[i].header) != NULL)
      return known[i].id;
  return NULL;
}

/* Records hold the catalogue's ids ("Apache-2.0"), which MOF matches
 * exactly, not the Hub-style tags that recognising a header gives; a tag
 * the catalogue does not know, or knows only as "other", stays unknown. */
static const MrLicense *
catalog_license (const char *tag)
{
  const MrLicense *license;

  if (tag == NULL)
    return NULL;
  license = mr_license_catalog_normalize (mr_license_catalog_get_default (), tag, NULL, NULL);
  if (license == NULL || g_str_equal (license->id, "other"))
    return NULL;
  return license;
}

MrModelRecord *
mr_ollama_model_to_record (const MrOllamaModel *model,
                           const MrModelRecord *existing)
{
  MrModelRecord *r;
  const MrLicense *license;

  g_return_val_if_fail (model != NULL, NULL);

  r = existing != NULL ? mr_model_record_copy (existing) : mr_model_record_new ();
  if (existing == NULL)
    {
      mr_model_record_set_string (&r->name, model->name);
      r->source_kind = MR_SOURCE_KIND_OLLAMA;
      r->deployment = MR_DEPLOYMENT_SELF_HOSTED;
    }
  mr_model_record_set_string (&r->source_ref, model->name);
  if (model->digest != NULL)
    mr_model_record_set_string (&r->source_revision, model->digest);
  license = catalog_license (mr_ollama_license_recognize (model->license_text));
  if (license != NULL)
    mr_model_record_set_string (&r->license, license->id);
  mr_evidence_forget (r, MR_EVIDENCE_SOURCE_OLLAMA);
  mr_evidence_apply (r, MR_COMPONENT_FINAL_PARAMETERS, MR_AVAILABILITY_PRESENT, NULL,
                     MR_EVIDENCE_SOURCE_OLLAMA);
  return r;
}
