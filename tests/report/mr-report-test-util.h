/* mr-report-test-util.h — a small register with the cases reports must survive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mr-store.h"

G_BEGIN_DECLS

/* Markup, an ampersand, both quotes and an emoji. */
#define MR_REPORT_TEST_HOSTILE_NAME "<script>alert(\"x\")</script> & 'Quoted' model 🚀"
/* A model blocked for credit scoring by its licence and openness. */
#define MR_REPORT_TEST_BLOCKED_NAME "Blocked-Credit-Model"

/* 300 characters without a space, so only WORD_CHAR wrapping can break it. */
const char *mr_report_test_long_name       (void);

/* A register in @folder: the long-named, hostile and blocked models, then
 * @n_more models with warnings (ids 4…).  The store uses the default
 * framework. */
MrStore    *mr_report_test_store_new       (const char  *folder,
                                            guint        n_more);
/* Removes a folder of plain files, such as one from g_dir_make_tmp(). */
void        mr_report_test_remove_folder   (const char  *folder);

/* Runs a program and returns its standard output; fails the test on error. */
char       *mr_report_test_run             (const char * const *argv);

G_END_DECLS
