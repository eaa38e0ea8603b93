/* mr-mot-yaml.h — the Model Openness Tool's model file (YAML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import keeps licences exactly as written (licence resolution belongs to
 * the MOF classifier): release.license.{distribution,code,data,document}
 * become license / license_code / license_data / license_document, each
 * listed component becomes present with its own licence (NULL when the file
 * omits it, so it inherits), and components the file does not list are
 * absent.  Errors name the file, line and field.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* Also: release.name → name (required), release.version → version,
 * release.producer → provider, a component's component_path (else its
 * license_path) → link; every component's source is MOT import and
 * unverified.  release.huggingface naming a repository
 * ("https://huggingface.co/owner/name") makes the source that Hugging Face
 * repo; otherwise the source is manual.  Other MOT keys are ignored.
 *
 * Errors: malformed YAML is MR_PARSE_ERROR_SYNTAX with libyaml's problem
 * and line, text that is not UTF-8 MR_PARSE_ERROR_ENCODING; a value of the
 * wrong kind, a component name that is not one of MOF's 17 (exact
 * spelling) or one listed twice is MR_PARSE_ERROR_INVALID_VALUE, naming the
 * line and the field ("release.components.name").  Hostile input is
 * refused with MR_PARSE_ERROR_INVALID_VALUE: more than 10,000 nodes,
 * nesting deeper than 64, or any alias. */
MrModelRecord *mr_mot_yaml_parse (const char          *data,
                                  gsize                length,
                                  const char          *filename,
                                  GError             **error);
typedef enum {
  MR_MOT_YAML_PARSE_NONE                     = 0,
  /* A listed component without a name, or whose name is not one of MOF's
   * 17, is skipped and reported in the warnings instead of failing the
   * whole file (for classifying third-party files as MOT does). */
  MR_MOT_YAML_PARSE_SKIP_UNKNOWN_COMPONENTS  = 1 << 0,
} MrMotYamlParseFlags;

/* mr_mot_yaml_parse() with @flags; each warning is appended to @warnings
 * (may be NULL) as an owned string naming the file, line and field. */
MrModelRecord *mr_mot_yaml_parse_full (const char          *data,
                                       gsize                length,
                                       const char          *filename,
                                       MrMotYamlParseFlags  flags,
                                       GPtrArray           *warnings,
                                       GError             **error);
/* A MOT model file (MOF 1.0) listing the present components; values are
 * quoted by libyaml's emitter, so any string survives a round trip.
 * release.date is the record's last update (else creation) date. */
char          *mr_mot_yaml_write (const MrModelRecord *record);

G_END_DECLS
