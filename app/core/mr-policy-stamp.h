/* mr-policy-stamp.h — the policy outcome a stored record caches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register's list shows, sorts and filters by openness level and by
 * flags without evaluating 100,000 entries each time: the store keeps the
 * outcome in its own columns, stamped on each record as it is saved or
 * imported.  A record stamped under one framework is stale under another;
 * whoever replaces the framework re-stamps every entry.
 */
#pragma once

#include "mr-framework.h"
#include "mr-policy.h"

G_BEGIN_DECLS

/* Sets record->openness, ->worst_flag and ->n_flags from the evaluation of
 * every intended use against @framework, and writes nothing else (so a
 * shallow struct copy may be stamped to see whether anything changes).
 * @record must not be shared yet (a fresh record or a copy); @inputs may
 * be NULL.  Pure: no I/O, no allocation, safe on any thread. */
void mr_policy_stamp_record (MrModelRecord        *record,
                             MrFramework          *framework,
                             const MrPolicyInputs *inputs);

G_END_DECLS
