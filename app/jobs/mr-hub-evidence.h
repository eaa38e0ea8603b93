/* mr-hub-evidence.h — Hub metadata → provisional openness evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure mapping from one MrHubSnapshot to a model record; the table of
 * what maps to what is docs/hub-evidence-mapping.md.  Only a complete
 * snapshot can be mapped, so a failed fetch never yields a partial record.
 */
#pragma once

#include "mr-hub-client.h"
#include "mr-license-catalog.h"
#include "mr-model-record.h"

G_BEGIN_DECLS

typedef struct {
  MrModelRecord *record;          /* new, or an updated copy of existing */
  /* MrModelRecord has no field for these (yet): */
  MrHubGating    gating;
  char          *license;         /* as the Hub states it, or NULL; also in record */
  char          *weights_summary; /* "safetensors (4 files), 16.1 GB", or NULL */
  gint64         weights_bytes;   /* -1 when no sizes were given */
  gint64         parameters;      /* -1 when unknown */
} MrHubEvidence;

/* endpoint: the Hub base URL the links point to.  existing: the stored
 * record to update (not modified), or NULL for a new one. */
MrHubEvidence *mr_hub_evidence_new  (const MrHubSnapshot *snapshot,
                                     const char          *endpoint,
                                     const MrModelRecord *existing);
void           mr_hub_evidence_free (MrHubEvidence       *self);

/* The licence as the Hub states it (what a snapshot keeps): the Hub tag
 * ("apache-2.0", "llama3.1"), "other:<license_name>" for `license: other`,
 * and several joined with " OR ".  NULL when the model declares none. */
char          *mr_hub_evidence_license        (const MrHubModelInfo  *info,
                                               const MrModelCard     *readme_card);
/* The same as the record states it: each tag the licence catalogue
 * recognises as its id ("Apache-2.0"), the others as written.  With
 * @out_license (may be NULL), the catalogue licence when exactly one is
 * declared and recognised, else NULL. */
char          *mr_hub_evidence_record_license (const MrHubModelInfo  *info,
                                               const MrModelCard     *readme_card,
                                               const MrLicense      **out_license);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrHubEvidence, mr_hub_evidence_free)

G_END_DECLS
