/* mr-component.h — the 17 MOF evidence components and their catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-types.h"

G_BEGIN_DECLS

/* One piece of openness evidence for one model entry. */
typedef struct {
  MrComponentKind  kind;
  MrAvailability   availability;
  char            *license;      /* SPDX id, known custom id, or NULL when unknown */
  char            *link;         /* URL or path, or NULL */
  MrEvidenceSource source;
  gboolean         verified;     /* FALSE: provisional (collected automatically) */
} MrComponent;

void           mr_component_clear          (MrComponent       *component);
void           mr_component_copy_into      (MrComponent       *dest,
                                            const MrComponent *src);
gboolean       mr_component_equal          (const MrComponent *a,
                                            const MrComponent *b);

/* MOF's own English name, as MOT writes it ("Model parameters (Final)"). */
const char    *mr_component_kind_get_mof_name     (MrComponentKind kind);
/* Translated, for display. */
const char    *mr_component_kind_get_title        (MrComponentKind kind);
/* Stable identifier used in JSON/CSV ("final-parameters"): the GEnum nick. */
const char    *mr_component_kind_get_nick         (MrComponentKind kind);
guint          mr_component_kind_get_mot_id       (MrComponentKind kind);
guint          mr_component_kind_get_mof_class    (MrComponentKind kind);
MrContentType  mr_component_kind_get_content_type (MrComponentKind kind);
/* Exact MOT name → kind; FALSE when the name is not one of the 17. */
gboolean       mr_component_kind_from_mof_name    (const char      *name,
                                                   MrComponentKind *out_kind);
gboolean       mr_component_kind_from_nick        (const char      *nick,
                                                   MrComponentKind *out_kind);

G_END_DECLS
