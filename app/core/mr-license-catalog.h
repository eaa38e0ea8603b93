/* mr-license-catalog.h — the licences the policy module knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SPDX licence list with its OSI-approved and FSF-libre flags, the Model
 * Openness Tool's open-data list, OpenMDW and content-type overlay, and the
 * custom AI licences met in practice (Llama, Gemma, RAIL, DeepSeek, Qwen,
 * Falcon, CC-BY-NC…) with their use restrictions.  The data ships in the
 * core library's resources and is loaded once; the catalogue and every
 * MrLicense in it are immutable and shared by all threads.
 */
#pragma once

#include <glib-object.h>

#include "mr-types.h"

G_BEGIN_DECLS

typedef enum {
  MR_LICENSE_RESTRICTION_NONE           = 0,
  MR_LICENSE_RESTRICTION_NON_COMMERCIAL = 1 << 0,
  MR_LICENSE_RESTRICTION_ACCEPTABLE_USE = 1 << 1, /* a vendor's use policy binds the user */
  MR_LICENSE_RESTRICTION_USER_THRESHOLD = 1 << 2, /* separate licence above N monthly users */
  MR_LICENSE_RESTRICTION_FIELD_OF_USE   = 1 << 3, /* some fields, places or uses excluded */
  MR_LICENSE_RESTRICTION_ATTRIBUTION    = 1 << 4, /* credit or naming requirements */
} MrLicenseRestrictions;

#define MR_LICENSE_N_RESTRICTIONS 5

/* The restrictions that limit what the model may be used for; attribution
 * alone does not (CC-BY is open). */
#define MR_LICENSE_USE_RESTRICTIONS (MR_LICENSE_RESTRICTION_NON_COMMERCIAL | \
                                     MR_LICENSE_RESTRICTION_ACCEPTABLE_USE | \
                                     MR_LICENSE_RESTRICTION_USER_THRESHOLD | \
                                     MR_LICENSE_RESTRICTION_FIELD_OF_USE)

typedef struct {
  const char            *id;            /* SPDX id, or a custom id such as "llama3.1" */
  const char            *name;
  const char            *url;           /* "" when none is known */
  const char            *summary;       /* one plain-language line, or NULL */
  guint                  osi_approved : 1;
  guint                  fsf_libre : 1;
  guint                  open_data : 1; /* on MOT's open-data list */
  guint                  open_mdw : 1;  /* on MOT's open licence list (OpenMDW) */
  guint                  deprecated : 1;
  guint                  custom : 1;    /* not an SPDX licence */
  guint                  content_types; /* 1 << MrContentType, from MOT's overlay */
  MrLicenseRestrictions  restrictions;
  guint64                user_threshold; /* monthly active users; 0 = none */
} MrLicense;

typedef enum {
  MR_LICENSE_MATCH_NONE,   /* not recognised: stays unknown */
  MR_LICENSE_MATCH_EXACT,  /* exactly a catalogue id */
  MR_LICENSE_MATCH_CASE,   /* a catalogue id in another case ("apache-2.0") */
  MR_LICENSE_MATCH_ALIAS,  /* a known spelling ("Apache License 2.0", "qwen") */
} MrLicenseMatch;

/* MOT's open test: OSI ∨ FSF ∨ open-data list ∨ OpenMDW. */
gboolean     mr_license_is_open                (const MrLicense *license);
gboolean     mr_license_is_type_appropriate    (const MrLicense *license,
                                                MrContentType    content_type);
gboolean     mr_license_has_use_restrictions   (const MrLicense *license);

/* Stable nick ("non-commercial") and translated title of one restriction. */
const char  *mr_license_restriction_get_nick   (MrLicenseRestrictions restriction);
const char  *mr_license_restriction_get_title  (MrLicenseRestrictions restriction);
/* Translated, comma-separated titles of every use restriction set. */
char        *mr_license_restrictions_to_string (MrLicenseRestrictions restrictions);

#define MR_TYPE_LICENSE_CATALOG (mr_license_catalog_get_type ())

G_DECLARE_FINAL_TYPE (MrLicenseCatalog, mr_license_catalog, MR, LICENSE_CATALOG, GObject)

/* Thread-safe; loaded on first use.  Transfer none. */
MrLicenseCatalog *mr_license_catalog_get_default   (void);

guint             mr_license_catalog_get_n_licenses (MrLicenseCatalog *self);
const MrLicense  *mr_license_catalog_get_license    (MrLicenseCatalog *self,
                                                     guint             position);

/* Case-sensitive exact id, as MOT matches licences; NULL when unknown. */
const MrLicense  *mr_license_catalog_lookup         (MrLicenseCatalog *self,
                                                     const char       *id);

/* Maps what a model card, hub or spreadsheet states to a catalogue licence:
 * an exact id, an id in another case (Hugging Face tags), or a known
 * spelling.  Hugging Face's "other" with a license_name resolves the name.
 * Returns NULL and MR_LICENSE_MATCH_NONE when it is not recognised; nothing
 * is guessed.  No allocation. */
const MrLicense  *mr_license_catalog_normalize      (MrLicenseCatalog *self,
                                                     const char       *text,
                                                     const char       *hf_license_name,
                                                     MrLicenseMatch   *out_match);

G_END_DECLS
