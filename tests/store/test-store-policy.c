/* test-store-policy.c — the policy columns every stored record carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "mr-policy-stamp.h"
#include "mr-sqlite-store.h"
#include "mr-store-test-util.h"

#define ACTOR "tester"

static MrStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MrStore *store = mr_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Llama 3.1 binds its users to Meta's acceptable-use policy, which the
 * default framework refuses for high-risk uses such as credit scoring. */
static MrModelRecord *
llama_record_new (void)
{
  MrModelRecord *record = mr_store_test_record_new (1);

  mr_model_record_set_string (&record->license, "llama3.1");
  g_strfreev (record->intended_uses);
  record->intended_uses = g_strsplit ("credit-scoring", ";", -1);
  /* What the caller says is ignored. */
  record->worst_flag = MR_FLAG_SEVERITY_NONE;
  record->n_flags = 0;
  return record;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
test_save_stamps (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) record = llama_record_new ();
  g_autoptr(MrModelRecord) saved = NULL;
  g_autoptr(MrModelRecord) deleted = NULL;
  g_autoptr(MrModelRecord) undo = NULL;
  g_autoptr(MrModelRecord) restored = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  saved = mr_store_save_model (store, record, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);
  g_assert_cmpuint (saved->n_flags, >, 0);
  /* The caller's record is not touched. */
  g_assert_cmpint (record->worst_flag, ==, MR_FLAG_SEVERITY_NONE);
  stored = query_text (path, "SELECT worst_flag FROM models");
  g_assert_cmpstr (stored, ==, "blocking");

  deleted = mr_store_delete_model (store, saved->id, ACTOR, &error);
  g_assert_no_error (error);
  undo = mr_model_record_copy (deleted);
  undo->worst_flag = MR_FLAG_SEVERITY_NONE;
  restored = mr_store_restore_model (store, undo, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored->worst_flag, ==, MR_FLAG_SEVERITY_BLOCKING);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  g_ptr_array_add (records, llama_record_new ());
  g_assert_true (mr_store_import_models (store, records, ACTOR, "models.csv",
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listed = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (((MrModelRecord *) g_ptr_array_index (listed, 1))->worst_flag, ==,
                   MR_FLAG_SEVERITY_BLOCKING);
}

static void
test_framework_default (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrFramework) lenient = mr_store_test_lenient_framework_new ();

  g_assert_cmpstr (mr_framework_get_name (mr_store_get_framework (store)), ==,
                   "Default governance framework");
  mr_store_set_framework (store, lenient);
  g_assert_true (mr_store_get_framework (store) == lenient);
}

static void
test_reevaluate_all (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrFramework) lenient = mr_store_test_lenient_framework_new ();
  /* More than one slice of the re-evaluation. */
  g_autoptr(GPtrArray) records = mr_store_test_records_new (2100);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *changed = NULL;
  guint n_changed = 0;

  g_assert_true (mr_store_import_models (store, records, ACTOR, "setup", NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  before = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);

  mr_store_set_framework (store, lenient);
  g_assert_true (mr_store_reevaluate_all (store, NULL, &error));
  g_assert_no_error (error);
  after = mr_store_list_models (store, MR_LOAD_FULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      MrModelRecord *old = g_ptr_array_index (before, i);
      MrModelRecord *new = g_ptr_array_index (after, i);
      g_autoptr(MrModelRecord) expected = mr_model_record_copy (old);

      mr_policy_stamp_record (expected, lenient, NULL);
      g_assert_true (mr_model_record_same_content (expected, new));
      /* Derived columns are not an edit of the entry. */
      g_assert_cmpuint (new->revision, ==, old->revision);
      g_assert_cmpint (new->updated_at, ==, old->updated_at);
      if (!mr_model_record_same_content (old, new))
        n_changed++;
    }
  /* Half the test entries have high-risk uses, flagged only by the default. */
  g_assert_cmpuint (n_changed, >, 0);
  g_assert_cmpuint (n_changed, <, after->len);

  audit = query_text (path, "SELECT after_json FROM audit_entries"
                            " WHERE action = 'reevaluate' ORDER BY seq DESC");
  g_assert_nonnull (strstr (audit, "\"framework\":\"Lenient test framework\""));
  g_assert_nonnull (strstr (audit, "\"evaluated\":2100"));
  changed = g_strdup_printf ("\"changed\":%u", n_changed);
  g_assert_nonnull (strstr (audit, changed));

  /* Nothing left to change the second time. */
  g_clear_pointer (&audit, g_free);
  g_assert_true (mr_store_reevaluate_all (store, NULL, &error));
  g_assert_no_error (error);
  audit = query_text (path, "SELECT after_json FROM audit_entries"
                            " WHERE action = 'reevaluate' ORDER BY seq DESC");
  g_assert_nonnull (strstr (audit, "\"changed\":0"));
}

/* Apache-2.0 weights on record: open weights unless access is gated. */
static MrModelRecord *
apache_weights_record_new (void)
{
  MrModelRecord *record = mr_store_test_record_new (2);
  MrComponent *weights = &record->components[MR_COMPONENT_FINAL_PARAMETERS];

  mr_store_test_clear_components (record);
  mr_model_record_set_string (&record->license, "Apache-2.0");
  weights->availability = MR_AVAILABILITY_PRESENT;
  weights->license = g_strdup ("Apache-2.0");
  return record;
}

static MrModelRecord *
save_with_gating (MrStore    *store,
                  const char *gating)
{
  g_autoptr(MrModelRecord) record = apache_weights_record_new ();
  g_autoptr(MrSnapshot) snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  g_autoptr(GError) error = NULL;
  MrModelRecord *saved;

  snapshot->gating = g_strdup (gating);
  mr_snapshot_seal (snapshot);
  saved = mr_store_save_with_snapshot (store, record, snapshot, NULL, ACTOR, &error);
  g_assert_no_error (error);
  return saved;
}

static void
test_gating_stamps (void)
{
  g_autofree char *path = mr_store_test_register_path ("register.db");
  g_autoptr(MrStore) store = open_store (path);
  g_autoptr(MrModelRecord) open = save_with_gating (store, "none");
  g_autoptr(MrModelRecord) gated = save_with_gating (store, "manual");
  g_autoptr(MrModelRecord) resaved = NULL;
  g_autoptr(MrModelRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  MrPolicyInputs inputs;

  g_assert_cmpint (open->openness, ==, MR_OPENNESS_OPEN_WEIGHTS);
  g_assert_cmpint (gated->openness, ==, MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED);
  stored = query_text (path, "SELECT openness FROM models ORDER BY id DESC");
  g_assert_cmpstr (stored, ==, "open-weights-restricted");

  g_assert_true (mr_store_get_policy_inputs (store, gated->id, &inputs, &error));
  g_assert_no_error (error);
  g_assert_true (inputs.gated);
  g_assert_true (mr_store_get_policy_inputs (store, open->id, &inputs, &error));
  g_assert_false (inputs.gated);

  /* A later edit (no snapshot) and a re-evaluation read the stored gating. */
  resaved = mr_store_save_model (store, gated, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resaved->openness, ==, MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED);
  g_assert_true (mr_store_reevaluate_all (store, NULL, &error));
  g_assert_no_error (error);
  loaded = mr_store_get_model (store, gated->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->openness, ==, MR_OPENNESS_OPEN_WEIGHTS_RESTRICTED);
  g_clear_pointer (&loaded, mr_model_record_unref);
  loaded = mr_store_get_model (store, open->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->openness, ==, MR_OPENNESS_OPEN_WEIGHTS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-policy/save-stamps", test_save_stamps);
  g_test_add_func ("/store-policy/framework-default", test_framework_default);
  g_test_add_func ("/store-policy/reevaluate-all", test_reevaluate_all);
  g_test_add_func ("/store-policy/gating-stamps", test_gating_stamps);

  return g_test_run ();
}
