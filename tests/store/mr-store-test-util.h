/* mr-store-test-util.h — model records and registers for the store and jobs tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-store.h"

G_BEGIN_DECLS

/* "Lenient test framework": high-risk uses need nothing, so an entry the
 * default framework blocks for one raises no flag. */
MrFramework   *mr_store_test_lenient_framework_new (void);
/* Sets the policy columns the way the store does with its default
 * framework, so that a record edited by a test compares equal to what the
 * store gives back. */
void           mr_store_test_stamp               (MrModelRecord *record);
/* A valid record whose every field depends on n, so two records differ;
 * stamped. */
MrModelRecord *mr_store_test_record_new          (guint      n);
/* Sets all 17 components to the default (as a CSV row, which has no room
 * for them, is read) and restamps the record. */
void           mr_store_test_clear_components    (MrModelRecord *record);
/* n records in a GPtrArray that owns them. */
GPtrArray     *mr_store_test_records_new         (guint      n_records);

/* A fresh path for a register inside the test's private data folder. */
char          *mr_store_test_register_path       (const char *name);

void           mr_store_test_assert_same_records (GPtrArray  *expected,
                                                  GPtrArray  *actual);

/* The file's bytes, for comparing before and after. */
GBytes        *mr_store_test_read_file           (const char *path);

G_END_DECLS
