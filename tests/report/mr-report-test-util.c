/* mr-report-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-report-test-util.h"

#include <glib/gstdio.h>

#include "mr-sqlite-store.h"

const char *
mr_report_test_long_name (void)
{
  static char name[301];

  if (name[0] == '\0')
    {
      for (guint i = 0; i < 300; i++)
        name[i] = "Long-Model-Name-0123456789"[i % 26];
      name[300] = '\0';
    }
  return name;
}

static void
add_model (MrStore             *store,
           const char          *name,
           const char          *license,
           const char * const  *uses,
           MrStatus             status)
{
  g_autoptr(MrModelRecord) record = mr_model_record_new ();
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(GError) error = NULL;

  mr_model_record_set_string (&record->name, name);
  mr_model_record_set_string (&record->provider, "Example Labs");
  mr_model_record_set_string (&record->license, license);
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strdupv ((char **) uses);
  record->status = status;
  record->source_kind = MR_SOURCE_KIND_MANUAL;
  saved = mr_store_save_model (store, record, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

MrStore *
mr_report_test_store_new (const char *folder,
                          guint       n_more)
{
  static const char * const no_uses[] = { NULL };
  static const char * const credit[] = { "credit-scoring", NULL };
  static const char * const everyday[] = { "spam-filtering", "translation", NULL };
  g_autofree char *path = g_build_filename (folder, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  MrStore *store;

  g_mkdir_with_parents (folder, 0700);
  store = mr_sqlite_store_open (path, &error);
  g_assert_no_error (error);

  add_model (store, mr_report_test_long_name (), "Apache-2.0", no_uses, MR_STATUS_DRAFT);
  add_model (store, MR_REPORT_TEST_HOSTILE_NAME, "MIT", everyday, MR_STATUS_SUBMITTED);
  add_model (store, MR_REPORT_TEST_BLOCKED_NAME, "CC-BY-NC-4.0", credit, MR_STATUS_APPROVED);
  for (guint i = 0; i < n_more; i++)
    {
      g_autofree char *name = g_strdup_printf ("Warned model %03u", i);

      add_model (store, name, "llama3.1", everyday, MR_STATUS_DRAFT);
    }
  return store;
}

void
mr_report_test_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

char *
mr_report_test_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}
