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

MrModelRecord *mr_mot_yaml_parse (const char          *data,
                                  gsize                length,
                                  const char          *filename,
                                  GError             **error);
char          *mr_mot_yaml_write (const MrModelRecord *record);

G_END_DECLS
