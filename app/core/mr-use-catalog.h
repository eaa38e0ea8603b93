/* mr-use-catalog.h — the intended uses a model can be registered for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each use carries its EU AI Act tier and legal reference (Art. 5
 * prohibited practices, Annex III high-risk areas with their point numbers,
 * Art. 50 transparency cases, minimal).  The catalogue ships in the core
 * library's resources (data/uses/uses.json), is loaded once and is
 * immutable, so every thread may share it.  Labels, descriptions and
 * references are in the user's language; ids are not, and are what
 * records store and machine-readable output should write.
 */
#pragma once

#include <glib-object.h>

#include "mr-types.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;          /* stable: stored in records ("credit-scoring") */
  const char *label;       /* translated: "Credit scoring" */
  const char *description; /* translated */
  const char *reference;   /* translated: "EU AI Act Annex III 5(b)" */
  MrRiskTier  tier;
  guint       position;    /* index in the catalogue, for per-use tables */
} MrIntendedUse;

/* Translated ("high-risk"). */
const char *mr_risk_tier_get_title (MrRiskTier tier);

#define MR_TYPE_USE_CATALOG (mr_use_catalog_get_type ())

G_DECLARE_FINAL_TYPE (MrUseCatalog, mr_use_catalog, MR, USE_CATALOG, GObject)

/* Thread-safe; loaded on first use.  Transfer none. */
MrUseCatalog        *mr_use_catalog_get_default (void);

guint                mr_use_catalog_get_n_uses  (MrUseCatalog *self);
const MrIntendedUse *mr_use_catalog_get_use     (MrUseCatalog *self,
                                                 guint         position);
/* NULL when @id is not in the catalogue. */
const MrIntendedUse *mr_use_catalog_lookup      (MrUseCatalog *self,
                                                 const char   *id);

G_END_DECLS
