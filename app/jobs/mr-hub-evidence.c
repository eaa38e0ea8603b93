/* mr-hub-evidence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-hub-evidence"

#include "config.h"

#include "mr-evidence.h"
#include "mr-hub-evidence.h"
#include "mr-license-catalog.h"

/* File name endings of model weights, each a format of the summary. */
static const char *const weight_formats[] = {
  "safetensors", "gguf", "bin", "pt", "pth", "ckpt", "h5", "msgpack", "onnx", "tflite",
};

/* `.bin` files that are not weights. */
static const char *const not_weights[] = {
  "training_args.bin", "optimizer.bin", "scheduler.bin",
};

static const char *
weight_format (const char *path)
{
  const char *base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  const char *dot = strrchr (base, '.');

  if (dot == NULL || g_strv_contains ((const char *const *) not_weights, base))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (weight_formats); i++)
    if (g_str_equal (dot + 1, weight_formats[i]))
      return weight_formats[i];
  return NULL;
}

static gboolean
is_inference_code (const char *base)
{
  static const char *const prefixes[] = { "inference", "infer", "generate", "run_", "chat", "handler" };

  if (!g_str_has_suffix (base, ".py"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (base, prefixes[i]))
      return TRUE;
  return FALSE;
}

void
mr_hub_evidence_free (MrHubEvidence *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->record, mr_model_record_unref);
  g_free (self->license);
  g_free (self->weights_summary);
  g_free (self);
}

/* "other" with a license_name names it; with normalize, a tag the
 * catalogue recognises ("apache-2.0") becomes its id ("Apache-2.0"), since
 * MOF matches ids exactly and the tag is the Hub's, not a licence text. */
static char *
spell_license (const char        *tag,
               const MrModelCard *card,
               gboolean           normalize,
               const MrLicense  **out_license)
{
  const char *name = card != NULL ? card->license_name : NULL;
  const MrLicense *license = NULL;

  if (normalize)
    license = mr_license_catalog_normalize (mr_license_catalog_get_default (), tag, name, NULL);
  /* The catalogue's generic "other" says no more than the tag. */
  if (license != NULL && g_str_equal (license->id, "other"))
    license = NULL;
  if (out_license != NULL)
    *out_license = license;
  if (license != NULL)
    return g_strdup (license->id);
  if (g_str_equal (tag, "other") && name != NULL)
    return g_strconcat ("other:", name, NULL);
  return g_strdup (tag);
}

/* Several licences are joined with " OR "; *out_single is the catalogue
 * licence when exactly one is declared and recognised. */
static char *
join_licenses (const MrHubModelInfo  *info,
               const MrModelCard     *readme_card,
               gboolean               normalize,
               const MrLicense      **out_single)
{
  const MrModelCard *card = readme_card != NULL ? readme_card : info->card_data;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GStrv source = card != NULL && card->licenses[0] != NULL ? card->licenses : info->license_tags;
  const MrLicense *license = NULL;

  for (guint i = 0; source[i] != NULL; i++)
    {
      g_autofree char *spelled = spell_license (source[i], card, normalize, &license);

      if (!g_ptr_array_find_with_equal_func (ids, spelled, g_str_equal, NULL))
        g_ptr_array_add (ids, g_steal_pointer (&spelled));
    }
  if (out_single != NULL)
    *out_single = ids->len == 1 ? license : NULL;
  if (ids->len == 0)
    return NULL;
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" OR ", (char **) ids->pdata);
}

char *
mr_hub_evidence_license (const MrHubModelInfo *info,
                         const MrModelCard    *readme_card)
{
  return join_licenses (info, readme_card, FALSE, NULL);
}

char *
mr_hub_evidence_record_license (const MrHubModelInfo  *info,
                                const MrModelCard     *readme_card,
                                const MrLicense      **out_license)
{
  return join_licenses (info, readme_card, TRUE, out_license);
}

/* ---- mapping ----------------------------------------------------------- */

typedef struct {
  const MrHubSnapshot *snap;
  const MrHubModelInfo *info;
  const MrModelCard    *card;      /* README card, else cardData */
  const char           *endpoint;
  const MrLicense      *weights_license;  /* the one licence declared, if recognised */
  MrHubEvidence        *out;
} Mapping;

static char *
blob_link (Mapping    *m,
           const char *path)
{
  return g_strdup_printf ("%s/%s/blob/%s/%s", m->endpoint, m->info->id, m->info->sha, path);
}

static void
map_weights (Mapping   *m,
             GPtrArray *files)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint counts[G_N_ELEMENTS (weight_formats)] = { 0 };
  gint64 bytes = 0;
  gboolean sized = FALSE;
  guint total = 0;
  g_autofree char *link = g_strdup_printf ("%s/%s/tree/%s", m->endpoint,
                                           m->info->id, m->info->sha);
  MrComponent *weights = &m->out->record->components[MR_COMPONENT_FINAL_PARAMETERS];

  for (guint i = 0; i < files->len; i++)
    {
      const MrHubFile *file = g_ptr_array_index (files, i);
      const char *format = weight_format (file->path);

      if (format == NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (weight_formats); f++)
        counts[f] += weight_formats[f] == format;
      total++;
      if (file->size >= 0)
        {
          bytes += file->size;
          sized = TRUE;
        }
    }
  m->out->weights_bytes = sized ? bytes : -1;
  if (total == 0 || m->info->disabled)
    {
      mr_evidence_apply (m->out->record, MR_COMPONENT_FINAL_PARAMETERS,
                         MR_AVAILABILITY_ABSENT, NULL, MR_EVIDENCE_SOURCE_HUB);
      return;
    }
  for (guint f = 0; f < G_N_ELEMENTS (weight_formats); f++)
    if (counts[f] > 0)
      g_string_append_printf (summary, summary->len > 0 ? ", %s (%u)" : "%s (%u)",
                              weight_formats[f], counts[f]);
  if (sized)
    {
      g_autofree char *size = g_format_size (bytes);
      g_string_append_printf (summary, ", %s", size);
    }
  m->out->weights_summary = g_string_free (g_steal_pointer (&summary), FALSE);
  /* The repository's licence covers the weights it hosts. */
  if (mr_evidence_apply (m->out->record, MR_COMPONENT_FINAL_PARAMETERS,
                         MR_AVAILABILITY_PRESENT, link, MR_EVIDENCE_SOURCE_HUB) &&
      m->weights_license != NULL)
    mr_model_record_set_string (&weights->license, m->weights_license->id);
}

static void
map_files (Mapping   *m,
           GPtrArray *files)
{
  MrModelRecord *r = m->out->record;
  const char *metadata = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      const MrHubFile *file = g_ptr_array_index (files, i);
      const char *base = strrchr (file->path, '/') != NULL ? strrchr (file->path, '/') + 1
                                                           : file->path;
      g_autofree char *link = blob_link (m, file->path);

      if (g_str_equal (file->path, "README.md"))
        mr_evidence_apply (r, MR_COMPONENT_MODEL_CARD, MR_AVAILABILITY_PRESENT, link,
                           MR_EVIDENCE_SOURCE_HUB);
      else if (g_str_equal (file->path, "config.json")
               || (metadata == NULL && g_str_equal (base, "params.json")))
        {
          metadata = file->path;
          mr_evidence_apply (r, MR_COMPONENT_MODEL_METADATA, MR_AVAILABILITY_PRESENT, link,
                             MR_EVIDENCE_SOURCE_HUB);
        }
      else if (g_str_has_prefix (base, "modeling_") && g_str_has_suffix (base, ".py"))
        mr_evidence_apply (r, MR_COMPONENT_MODEL_ARCHITECTURE, MR_AVAILABILITY_PRESENT, link,
                           MR_EVIDENCE_SOURCE_HUB);
      else if (is_inference_code (base))
        mr_evidence_apply (r, MR_COMPONENT_INFERENCE_CODE, MR_AVAILABILITY_PRESENT, link,
                           MR_EVIDENCE_SOURCE_HUB);
    }
}

static gboolean
has_tag (const MrHubModelInfo *info,
         const char           *tag)
{
  return g_strv_contains ((const char *const *) info->tags, tag);
}

static void
map_card (Mapping *m)
{
  MrModelRecord *r = m->out->record;
  const MrModelCard *readme = m->snap->readme_card;
  g_autofree char *card_link = blob_link (m, "README.md");
  g_autofree char *dataset_link = NULL;
  g_autofree char *paper_link = NULL;
  const char *dataset = NULL;

  if (m->info->has_model_index || (m->card != NULL && m->card->has_model_index)
      || has_tag (m->info, "model-index") || has_tag (m->info, "eval-results"))
    mr_evidence_apply (r, MR_COMPONENT_EVALUATION_RESULTS, MR_AVAILABILITY_PRESENT, card_link,
                       MR_EVIDENCE_SOURCE_HUB);

  if (m->card != NULL && m->card->datasets[0] != NULL)
    dataset = m->card->datasets[0];
  for (guint i = 0; dataset == NULL && m->info->tags[i] != NULL; i++)
    if (g_str_has_prefix (m->info->tags[i], "dataset:"))
      dataset = m->info->tags[i] + strlen ("dataset:");
  if (dataset != NULL)
    {
      dataset_link = g_strdup_printf ("%s/datasets/%s", m->endpoint, dataset);
      mr_evidence_apply (r, MR_COMPONENT_DATASETS, MR_AVAILABILITY_MENTIONED, dataset_link,
                         MR_EVIDENCE_SOURCE_HUB);
    }

  for (guint i = 0; paper_link == NULL && m->info->tags[i] != NULL; i++)
    if (g_str_has_prefix (m->info->tags[i], "arxiv:"))
      paper_link = g_strconcat ("https://arxiv.org/abs/", m->info->tags[i] + strlen ("arxiv:"), NULL);
  if (paper_link == NULL && readme != NULL && readme->paper_links[0] != NULL)
    paper_link = g_strdup (readme->paper_links[0]);
  if (paper_link != NULL)
    mr_evidence_apply (r, MR_COMPONENT_RESEARCH_PAPER, MR_AVAILABILITY_MENTIONED, paper_link,
                       MR_EVIDENCE_SOURCE_HUB);

  if (readme != NULL && readme->training_code_links[0] != NULL)
    mr_evidence_apply (r, MR_COMPONENT_TRAINING_CODE, MR_AVAILABILITY_MENTIONED,
                       readme->training_code_links[0], MR_EVIDENCE_SOURCE_HUB);
}

static MrModelRecord *
start_record (const MrHubModelInfo *info,
              const MrModelRecord  *existing)
{
  MrModelRecord *r = existing != NULL ? mr_model_record_copy (existing) : mr_model_record_new ();
  const char *slash = strchr (info->id, '/');

  if (existing == NULL)
    {
      mr_model_record_set_string (&r->name, slash != NULL ? slash + 1 : info->id);
      r->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
    }
  if (r->provider == NULL)
    mr_model_record_set_string (&r->provider, info->author);
  /* The canonical id: a renamed repository answers under its new name. */
  mr_model_record_set_string (&r->source_ref, info->id);
  mr_model_record_set_string (&r->source_revision, info->sha);
  mr_evidence_forget (r, MR_EVIDENCE_SOURCE_HUB);
  return r;
}

MrHubEvidence *
mr_hub_evidence_new (const MrHubSnapshot *snapshot,
                     const char          *endpoint,
                     const MrModelRecord *existing)
{
  MrHubEvidence *out;
  g_autofree char *record_license = NULL;
  const MrLicense *weights_license = NULL;
  Mapping m;
  GPtrArray *files;

  g_return_val_if_fail (snapshot != NULL && snapshot->info != NULL, NULL);
  g_return_val_if_fail (snapshot->info->sha != NULL && endpoint != NULL, NULL);

  out = g_new0 (MrHubEvidence, 1);
  out->record = start_record (snapshot->info, existing);
  out->gating = snapshot->info->gating;
  out->parameters = snapshot->info->parameters;
  out->license = mr_hub_evidence_license (snapshot->info, snapshot->readme_card);
  record_license = mr_hub_evidence_record_license (snapshot->info, snapshot->readme_card,
                                                   &weights_license);
  /* What the Hub states replaces the stated licence; silence keeps it. */
  if (record_license != NULL)
    mr_model_record_set_string (&out->record->license, record_license);

  m = (Mapping) {
    .snap = snapshot,
    .info = snapshot->info,
    .card = snapshot->readme_card != NULL ? snapshot->readme_card : snapshot->info->card_data,
    .endpoint = endpoint,
    .weights_license = weights_license,
    .out = out,
  };
  files = snapshot->files != NULL ? snapshot->files : snapshot->info->siblings;
  map_weights (&m, files);
  map_files (&m, files);
  map_card (&m);
  return out;
}
