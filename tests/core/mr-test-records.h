/* mr-test-records.h — records and assertions shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* How many variants it takes for every hostile string (markup, quotes,
 * emoji, bidi controls, line breaks, formulas, 300 characters) to have
 * been in every text field. */
#define MR_TEST_N_VARIANTS 7

/* An empty array that owns its records. */
GPtrArray     *mr_test_record_array_new  (void);

/* Every field set, with hostile text chosen by variant. */
MrModelRecord *mr_test_record_new_full   (guint                variant);

/* same_content plus id, revision and the three timestamps. */
void           mr_test_assert_same_record (const MrModelRecord *expected,
                                           const MrModelRecord *actual);

/* Asserts domain and code, and that the message contains each of the
 * NULL-terminated fragments (the file, line, column or field it names). */
void           mr_test_assert_error      (const GError        *error,
                                          GQuark               domain,
                                          int                  code,
                                          ...) G_GNUC_NULL_TERMINATED;

/* Writes a file in the test's isolated cache directory; returns its path. */
char          *mr_test_write_file        (const char          *basename,
                                          const char          *contents,
                                          gssize               length);

/* A file under the test data directory (tests/data/…). */
char          *mr_test_data_path         (const char          *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
