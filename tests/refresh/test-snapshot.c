/* test-snapshot.c — metadata snapshots: JSON and the diff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mr-error.h"
#include "mr-snapshot.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static MrSnapshot *
snapshot_new (const char *commit,
              const char *license,
              const char *gating,
              const char *weights)
{
  MrSnapshot *snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  const char * const datasets[] = { "openwebtext", NULL };

  snapshot->fetched_at = 1764072000;
  snapshot->commit = g_strdup (commit);
  snapshot->license = g_strdup (license);
  snapshot->gating = g_strdup (gating);
  snapshot->card_license = g_strdup (license);
  g_strfreev (snapshot->datasets);
  snapshot->datasets = g_strdupv ((char **) datasets);
  snapshot->weights = g_strdup (weights);
  snapshot->weights_bytes = weights != NULL ? 548118077 : -1;
  snapshot->parameters = 124439808;
  mr_snapshot_add_file (snapshot, "config.json", 665, NULL);
  if (weights != NULL)
    mr_snapshot_add_file (snapshot, "model.safetensors", 548118077,
                          "248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707");
  mr_snapshot_add_file (snapshot, "README.md", 8092, NULL);
  mr_snapshot_seal (snapshot);
  return snapshot;
}

static MrSnapshotChange *
find_change (GPtrArray            *changes,
             MrSnapshotChangeKind  kind)
{
  for (guint i = 0; i < changes->len; i++)
    {
      MrSnapshotChange *change = g_ptr_array_index (changes, i);

      if (change->kind == kind)
        return change;
    }
  return NULL;
}

static void
test_json_round_trip (void)
{
  g_autoptr(MrSnapshot) snapshot = snapshot_new (SHA_A, "mit", "none", "safetensors, 548 MB");
  g_autoptr(MrSnapshot) copy = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  g_autofree char *json = mr_snapshot_fields_to_json (snapshot);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  /* Sealing sorted the files, so the JSON does not depend on their order. */
  g_assert_cmpstr (((MrSnapshotFile *) g_ptr_array_index (snapshot->files, 0))->path, ==,
                   "README.md");
  g_assert_true (mr_snapshot_set_fields_from_json (copy, json, "test", &error));
  g_assert_no_error (error);
  copy->commit = g_strdup (SHA_A);
  mr_snapshot_seal (copy);
  again = mr_snapshot_fields_to_json (copy);
  g_assert_cmpstr (json, ==, again);
  g_assert_cmpstr (copy->fields_sha256, ==, snapshot->fields_sha256);
  g_assert_true (mr_snapshot_same_content (snapshot, copy));
  g_assert_cmpint (copy->weights_bytes, ==, 548118077);
  g_assert_cmpstr (copy->datasets[0], ==, "openwebtext");
}

static void
test_json_errors (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *words;
  } cases[] = {
    { "{", MR_PARSE_ERROR_SYNTAX, "snap 3" },
    { "[]", MR_PARSE_ERROR_SYNTAX, "JSON object" },
    { "{\"license\": 3, \"datasets\": [], \"files\": []}", MR_PARSE_ERROR_INVALID_VALUE, "“license”" },
    { "{\"datasets\": [], \"files\": [{\"size\": 3}]}", MR_PARSE_ERROR_MISSING_FIELD, "file 1" },
    { "{\"datasets\": [], \"files\": [{\"path\": \"a\", \"size\": -4}]}",
      MR_PARSE_ERROR_INVALID_VALUE, "“size”" },
    { "{\"datasets\": [7], \"files\": []}", MR_PARSE_ERROR_INVALID_VALUE, "item 1" },
    { "{\"datasets\": []}", MR_PARSE_ERROR_INVALID_VALUE, "“files”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MrSnapshot) snapshot = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
      g_autoptr(GError) error = NULL;

      g_assert_false (mr_snapshot_set_fields_from_json (snapshot, cases[i].json, "snap 3", &error));
      g_assert_error (error, MR_PARSE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "snap 3"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_diff_none (void)
{
  g_autoptr(MrSnapshot) a = snapshot_new (SHA_A, "mit", "none", "safetensors, 548 MB");
  g_autoptr(MrSnapshot) b = snapshot_new (SHA_A, "mit", "none", "safetensors, 548 MB");
  g_autoptr(GPtrArray) first = mr_snapshot_diff (NULL, a);
  g_autoptr(GPtrArray) same = mr_snapshot_diff (a, b);

  g_assert_cmpuint (first->len, ==, 0);
  g_assert_cmpuint (same->len, ==, 0);
  g_assert_false (mr_snapshot_changes_need_rereview (same));
}

static void
test_diff_license_and_commit (void)
{
  g_autoptr(MrSnapshot) a = snapshot_new (SHA_A, "mit", "none", "safetensors, 548 MB");
  g_autoptr(MrSnapshot) b = snapshot_new (SHA_B, "apache-2.0", "none", "safetensors, 548 MB");
  g_autoptr(GPtrArray) changes = mr_snapshot_diff (a, b);
  g_autoptr(JsonNode) json = mr_snapshot_changes_to_json_node (changes);
  g_autofree char *text = json_to_string (json, FALSE);
  MrSnapshotChange *license = find_change (changes, MR_SNAPSHOT_CHANGE_LICENSE);
  MrSnapshotChange *commit = find_change (changes, MR_SNAPSHOT_CHANGE_NEW_COMMIT);

  g_assert_nonnull (license);
  g_assert_cmpstr (license->before, ==, "mit");
  g_assert_cmpstr (license->after, ==, "apache-2.0");
  g_assert_nonnull (strstr (license->text, "“mit”"));
  g_assert_nonnull (strstr (license->text, "“apache-2.0”"));
  g_assert_true (mr_snapshot_change_needs_rereview (license));
  g_assert_nonnull (commit);
  g_assert_nonnull (strstr (commit->text, SHA_B));
  g_assert_true (mr_snapshot_change_needs_rereview (commit));
  g_assert_nonnull (find_change (changes, MR_SNAPSHOT_CHANGE_CARD_LICENSE));
  /* Most important first. */
  g_assert_true (g_ptr_array_index (changes, 0) == license);
  g_assert_nonnull (strstr (text, "\"change\":\"license\""));
}

static void
test_diff_gating (void)
{
  g_autoptr(MrSnapshot) open = snapshot_new (SHA_A, "mit", "none", "safetensors");
  g_autoptr(MrSnapshot) manual = snapshot_new (SHA_A, "mit", "manual", "safetensors");
  g_autoptr(MrSnapshot) automatic = snapshot_new (SHA_A, "mit", "auto", "safetensors");
  g_autoptr(GPtrArray) added = mr_snapshot_diff (open, manual);
  g_autoptr(GPtrArray) removed = mr_snapshot_diff (manual, open);
  g_autoptr(GPtrArray) changed = mr_snapshot_diff (manual, automatic);

  g_assert_nonnull (find_change (added, MR_SNAPSHOT_CHANGE_GATING_ADDED));
  g_assert_true (mr_snapshot_changes_need_rereview (added));
  g_assert_nonnull (find_change (removed, MR_SNAPSHOT_CHANGE_GATING_REMOVED));
  g_assert_true (mr_snapshot_changes_need_rereview (removed));
  g_assert_nonnull (find_change (changed, MR_SNAPSHOT_CHANGE_GATING_CHANGED));
  g_assert_false (mr_snapshot_changes_need_rereview (changed));
}

static void
test_diff_weights_and_files (void)
{
  g_autoptr(MrSnapshot) with = snapshot_new (SHA_A, "mit", "none", "safetensors, 548 MB");
  g_autoptr(MrSnapshot) without = snapshot_new (SHA_A, "mit", "none", NULL);
  g_autoptr(GPtrArray) removed = mr_snapshot_diff (with, without);
  g_autoptr(GPtrArray) added = mr_snapshot_diff (without, with);
  MrSnapshotChange *files = find_change (removed, MR_SNAPSHOT_CHANGE_FILES);

  g_assert_nonnull (find_change (removed, MR_SNAPSHOT_CHANGE_WEIGHTS_REMOVED));
  g_assert_true (mr_snapshot_changes_need_rereview (removed));
  g_assert_nonnull (files);
  g_assert_nonnull (strstr (files->text, "removed model.safetensors"));
  g_assert_nonnull (find_change (added, MR_SNAPSHOT_CHANGE_WEIGHTS_ADDED));
  g_assert_false (mr_snapshot_changes_need_rereview (added));
}

static void
test_diff_many_files (void)
{
  g_autoptr(MrSnapshot) a = snapshot_new (SHA_A, "mit", "none", "gguf");
  g_autoptr(MrSnapshot) b = mr_snapshot_new (MR_EVIDENCE_SOURCE_HUB);
  g_autoptr(GPtrArray) changes = NULL;
  MrSnapshotChange *files;

  b->commit = g_strdup (SHA_A);
  b->license = g_strdup ("mit");
  b->gating = g_strdup ("none");
  b->card_license = g_strdup ("mit");
  g_strfreev (b->datasets);
  b->datasets = g_strdupv (a->datasets);
  b->weights = g_strdup ("gguf");
  for (guint i = 0; i < a->files->len; i++)
    {
      MrSnapshotFile *file = g_ptr_array_index (a->files, i);

      /* The README changes size; the others stay. */
      mr_snapshot_add_file (b, file->path, g_str_equal (file->path, "README.md") ? 9000 : file->size,
                            file->sha256);
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("shard-%02u.gguf", i);

      mr_snapshot_add_file (b, path, 1000, NULL);
    }
  mr_snapshot_seal (b);
  changes = mr_snapshot_diff (a, b);
  g_assert_cmpuint (changes->len, ==, 1);
  files = g_ptr_array_index (changes, 0);
  g_assert_cmpint (files->kind, ==, MR_SNAPSHOT_CHANGE_FILES);
  g_assert_nonnull (strstr (files->text, "added shard-00.gguf"));
  g_assert_nonnull (strstr (files->text, "and 7 more"));
  g_assert_nonnull (strstr (files->text, "changed README.md"));
  g_assert_null (strstr (files->text, "shard-05"));
  g_assert_false (mr_snapshot_changes_need_rereview (changes));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/json-round-trip", test_json_round_trip);
  g_test_add_func ("/snapshot/json-errors", test_json_errors);
  g_test_add_func ("/snapshot/diff-none", test_diff_none);
  g_test_add_func ("/snapshot/diff-license-commit", test_diff_license_and_commit);
  g_test_add_func ("/snapshot/diff-gating", test_diff_gating);
  g_test_add_func ("/snapshot/diff-weights-files", test_diff_weights_and_files);
  g_test_add_func ("/snapshot/diff-many-files", test_diff_many_files);

  return g_test_run ();
}
