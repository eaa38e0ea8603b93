/* mr-policy-test-util.h — records for the policy tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* A record named @name with distribution licence @license (may be NULL)
 * and no component listed. */
MrModelRecord *mr_policy_test_record_new  (const char      *name,
                                           const char      *license);

/* Marks @kind present, verified, with its own @license (NULL: inherit). */
void           mr_policy_test_set_present (MrModelRecord   *record,
                                           MrComponentKind  kind,
                                           const char      *license);

G_END_DECLS
