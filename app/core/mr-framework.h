/* mr-framework.h — the organisation's governance framework
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A YAML file (format documented in data/frameworks/default.yml) that says,
 * per EU AI Act tier and per specific intended use, what a model must show.
 * Loading validates every field; an error names the file, the line and the
 * field.  A framework is immutable once loaded, so a failed load never
 * touches the one in force and any thread may evaluate against it.
 */
#pragma once

#include <gio/gio.h>

#include "mr-use-catalog.h"

G_BEGIN_DECLS

typedef struct {
  gboolean        blocked;                        /* never allowed */
  MrOpenness      minimum_openness;
  guint32         required_components;            /* 1 << MrComponentKind */
  gboolean        forbid_non_commercial_license;
  gboolean        forbid_acceptable_use_license;
  gboolean        inference_check_required;
  gboolean        vendor_agreement_required;      /* for closed models */
  MrFlagSeverity  severity;                       /* of a shortfall */
  guint           review_interval_days;
} MrFrameworkRule;

#define MR_TYPE_FRAMEWORK (mr_framework_get_type ())

G_DECLARE_FINAL_TYPE (MrFramework, mr_framework, MR, FRAMEWORK, GObject)

/* The framework shipped in the core library's resources. */
MrFramework           *mr_framework_new_default     (GError         **error);
/* @filename names the source in error messages. */
MrFramework           *mr_framework_new_from_data   (const char      *data,
                                                     gsize            length,
                                                     const char      *filename,
                                                     GError         **error);
/* Reads the file (blocking I/O: call it from a worker). */
MrFramework           *mr_framework_new_from_file   (GFile           *file,
                                                     GCancellable    *cancellable,
                                                     GError         **error);

/* The name as the file gives it: what the audit trail records. */
const char            *mr_framework_get_name        (MrFramework     *self);
/* The name to show: the shipped framework's in the user's language. */
const char            *mr_framework_get_display_name (MrFramework    *self);
/* The organisation's own version label of its policy, or NULL. */
const char            *mr_framework_get_version     (MrFramework     *self);
/* "name version", what a decision records as the framework it was made under. */
char                  *mr_framework_dup_label       (MrFramework     *self);
const MrFrameworkRule *mr_framework_get_tier_rule   (MrFramework     *self,
                                                     MrRiskTier       tier);
/* The rule in force for @use: its own fields over its tier's. */
const MrFrameworkRule *mr_framework_get_rule        (MrFramework     *self,
                                                     const MrIntendedUse *use);

G_END_DECLS
