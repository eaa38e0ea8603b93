/* mr-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-store"

#include "config.h"

#include "mr-policy-stamp.h"
#include "mr-store.h"

G_DEFINE_INTERFACE (MrStore, mr_store, G_TYPE_OBJECT)

/* Held on the instance so that every backend gets it without a field of
 * its own. */
static GQuark framework_quark;

static void
mr_store_default_init (MrStoreInterface *iface)
{
  framework_quark = g_quark_from_static_string ("mr-store-framework");
}

/* The record as it is to be stored: record itself when its policy columns
 * are already right (a caller that stamped its own fresh records, say),
 * else a copy carrying them.  Evaluating a shallow copy first keeps the
 * common import path free of a deep copy per row; the stamp writes only
 * the three policy fields, so the shallow copy never owns anything.
 * A snapshot saved with the record is the latest one once stored, so its
 * gating is what counts.  NULL when the stored inputs of an existing entry
 * cannot be read. */
static MrModelRecord *
stamp_record (MrStore           *self,
              MrModelRecord     *record,
              const MrSnapshot  *snapshot,
              GError           **error)
{
  MrModelRecord scratch = *record;
  MrModelRecord *stamped;
  MrPolicyInputs inputs;

  if (!mr_store_get_policy_inputs (self, record->id, &inputs, error))
    return NULL;
  if (snapshot != NULL)
    inputs.gated = mr_snapshot_gating_is_gated (snapshot->gating);
  mr_policy_stamp_record (&scratch, mr_store_get_framework (self), &inputs);
  if (scratch.openness == record->openness &&
      scratch.worst_flag == record->worst_flag &&
      scratch.n_flags == record->n_flags)
    return mr_model_record_ref (record);

  stamped = mr_model_record_copy (record);
  stamped->openness = scratch.openness;
  stamped->worst_flag = scratch.worst_flag;
  stamped->n_flags = scratch.n_flags;
  return stamped;
}

GPtrArray *
mr_store_list_models (MrStore      *self,
                      MrLoadDepth   depth,
                      GError      **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_models (self, depth, error);
}

MrModelRecord *
mr_store_get_model (MrStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->get_model (self, id, error);
}

MrModelRecord *
mr_store_save_model (MrStore        *self,
                     MrModelRecord  *record,
                     const char     *actor,
                     GError        **error)
{
  g_autoptr(MrModelRecord) stamped = NULL;

  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stamped = stamp_record (self, record, NULL, error);
  if (stamped == NULL)
    return NULL;
  return MR_STORE_GET_IFACE (self)->save_model (self, stamped, actor, error);
}

MrModelRecord *
mr_store_delete_model (MrStore     *self,
                       gint64       id,
                       const char  *actor,
                       GError     **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->delete_model (self, id, actor, error);
}

MrModelRecord *
mr_store_restore_model (MrStore        *self,
                        MrModelRecord  *record,
                        const char     *actor,
                        GError        **error)
{
  g_autoptr(MrModelRecord) stamped = NULL;

  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL && record->id > 0, NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stamped = stamp_record (self, record, NULL, error);
  if (stamped == NULL)
    return NULL;
  return MR_STORE_GET_IFACE (self)->restore_model (self, stamped, actor, error);
}

gboolean
mr_store_import_models (MrStore         *self,
                        GPtrArray       *records,
                        const char      *actor,
                        const char      *origin,
                        MrProgressFunc   progress,
                        gpointer         progress_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GPtrArray) stamped = NULL;

  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stamped = g_ptr_array_new_full (records->len, (GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < records->len; i++)
    {
      MrModelRecord *record = stamp_record (self, g_ptr_array_index (records, i), NULL,
                                               error);

      if (record == NULL)
        return FALSE;
      g_ptr_array_add (stamped, record);
    }
  return MR_STORE_GET_IFACE (self)->import_models (self, stamped, actor, origin,
                                                   progress, progress_data,
                                                   cancellable, error);
}

guint
mr_store_count_models (MrStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return MR_STORE_GET_IFACE (self)->count_models (self, error);
}

gboolean
mr_store_check_integrity (MrStore       *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->check_integrity (self, cancellable, error);
}

void
mr_store_set_framework (MrStore     *self,
                        MrFramework *framework)
{
  g_return_if_fail (MR_IS_STORE (self));
  g_return_if_fail (MR_IS_FRAMEWORK (framework));

  g_object_set_qdata_full (G_OBJECT (self), framework_quark,
                           g_object_ref (framework), g_object_unref);
}

MrFramework *
mr_store_get_framework (MrStore *self)
{
  MrFramework *framework;

  g_return_val_if_fail (MR_IS_STORE (self), NULL);

  framework = g_object_get_qdata (G_OBJECT (self), framework_quark);
  if (framework == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrFramework) fallback = mr_framework_new_default (&error);

      /* The default framework is compiled into the program and validated by
       * the core tests: failing to load it is a broken build. */
      if (fallback == NULL)
        g_error ("The built-in framework does not load: %s", error->message);
      mr_store_set_framework (self, fallback);
      framework = fallback;
    }
  return framework;
}

gboolean
mr_store_reevaluate_all (MrStore       *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->reevaluate_all (self, mr_store_get_framework (self),
                                                    cancellable, error);
}

MrModelRecord *
mr_store_save_with_snapshot (MrStore        *self,
                             MrModelRecord  *record,
                             MrSnapshot     *snapshot,
                             const char     *rereview_reason,
                             const char     *actor,
                             GError        **error)
{
  g_autoptr(MrModelRecord) stamped = NULL;

  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL && snapshot->fields_sha256 != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stamped = stamp_record (self, record, snapshot, error);
  if (stamped == NULL)
    return NULL;
  return MR_STORE_GET_IFACE (self)->save_with_snapshot (self, stamped, snapshot, rereview_reason,
                                                        actor, error);
}

gint64
mr_store_add_snapshot (MrStore     *self,
                       gint64       model_id,
                       MrSnapshot  *snapshot,
                       GError     **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), 0);
  g_return_val_if_fail (model_id > 0, 0);
  g_return_val_if_fail (snapshot != NULL && snapshot->fields_sha256 != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return MR_STORE_GET_IFACE (self)->add_snapshot (self, model_id, snapshot, error);
}

GPtrArray *
mr_store_list_snapshots (MrStore  *self,
                         gint64    model_id,
                         GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_snapshots (self, model_id, error);
}

gboolean
mr_store_get_latest_snapshot (MrStore     *self,
                              gint64       model_id,
                              MrSnapshot **out_snapshot,
                              GError     **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->get_latest_snapshot (self, model_id, out_snapshot, error);
}

MrModelRecord *
mr_store_act (MrStore                *self,
              gint64                  id,
              MrWorkflowAction        action,
              const MrWorkflowInput  *input,
              const char             *actor,
              GError                **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  /* An edit of an approved entry is a save, not an action of its own. */
  g_return_val_if_fail (action < MR_WORKFLOW_ACTION_EDIT_APPROVED, NULL);
  g_return_val_if_fail (input != NULL && actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->act (self, id, action, input, actor, error);
}

MrModelRecord *
mr_store_submit (MrStore                *self,
                 gint64                  id,
                 const MrWorkflowInput  *input,
                 const char             *actor,
                 GError                **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (input != NULL && actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mr_store_act (self, id, MR_WORKFLOW_ACTION_SUBMIT, input, actor, error);
}

MrModelRecord *
mr_store_decide (MrStore                *self,
                 gint64                  id,
                 MrWorkflowAction        action,
                 const MrWorkflowInput  *input,
                 const char             *actor,
                 GError                **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (action == MR_WORKFLOW_ACTION_APPROVE ||
                        action == MR_WORKFLOW_ACTION_APPROVE_WITH_CONDITIONS ||
                        action == MR_WORKFLOW_ACTION_REQUEST_CHANGES ||
                        action == MR_WORKFLOW_ACTION_REJECT, NULL);
  g_return_val_if_fail (input != NULL && actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mr_store_act (self, id, action, input, actor, error);
}

MrModelRecord *
mr_store_retire (MrStore     *self,
                 gint64       id,
                 const char  *reason,
                 const char  *actor,
                 GError     **error)
{
  MrWorkflowInput input = { .comment = reason };

  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mr_store_act (self, id, MR_WORKFLOW_ACTION_RETIRE, &input, actor, error);
}

MrModelRecord *
mr_store_require_rereview (MrStore     *self,
                           gint64       id,
                           const char  *reason_json,
                           const char  *actor,
                           GError     **error)
{
  MrWorkflowInput input = { .comment = reason_json };

  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (reason_json != NULL && actor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mr_store_act (self, id, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, &input, actor, error);
}

gboolean
mr_store_mark_overdue (MrStore  *self,
                       gint64    now,
                       guint    *out_n_marked,
                       GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->mark_overdue (self, now, out_n_marked, error);
}

GPtrArray *
mr_store_list_approvals (MrStore  *self,
                         gint64    model_id,
                         GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_approvals (self, model_id, error);
}

gboolean
mr_store_verify_audit (MrStore  *self,
                       guint    *out_n_entries,
                       gint64   *out_first_bad_seq,
                       GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MR_STORE_GET_IFACE (self)->verify_audit (self, out_n_entries, out_first_bad_seq,
                                                  error);
}

GPtrArray *
mr_store_list_audit (MrStore  *self,
                     gint64    model_id,
                     gint64    since,
                     gint64    until,
                     GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_audit (self, model_id, since, until, error);
}

gint64
mr_store_add_check (MrStore        *self,
                    gint64          model_id,
                    MrCheckKind     kind,
                    MrCheckStatus   status,
                    const char     *inputs_json,
                    const char     *result_json,
                    gint64          started_at,
                    gint64          finished_at,
                    const char     *actor,
                    const char     *error_message,
                    GError        **error)
{
  g_autoptr(MrCheckRecord) check = NULL;

  g_return_val_if_fail (MR_IS_STORE (self), 0);
  g_return_val_if_fail (model_id > 0, 0);
  g_return_val_if_fail (actor != NULL, 0);
  g_return_val_if_fail (status == MR_CHECK_STATUS_ERROR || result_json != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  check = mr_check_record_new ();
  check->model_id = model_id;
  check->kind = kind;
  check->status = status;
  check->started_at = started_at;
  check->finished_at = MAX (finished_at, started_at);
  check->inputs_json = g_strdup (inputs_json != NULL ? inputs_json : "{}");
  check->result_json = g_strdup (result_json);
  check->actor = g_strdup (actor);
  check->error = g_strdup (error_message);
  return MR_STORE_GET_IFACE (self)->add_check (self, check, error);
}

GPtrArray *
mr_store_list_checks (MrStore  *self,
                      gint64    model_id,
                      GError  **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MR_STORE_GET_IFACE (self)->list_checks (self, model_id, error);
}

gboolean
mr_store_get_policy_inputs (MrStore         *self,
                            gint64           model_id,
                            MrPolicyInputs  *out_inputs,
                            GError         **error)
{
  g_return_val_if_fail (MR_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_inputs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_inputs = (MrPolicyInputs) { .inference_check = MR_INFERENCE_CHECK_NOT_RUN };
  /* A new entry has nothing on record yet: no query per row of an import. */
  if (model_id == 0)
    return TRUE;
  return MR_STORE_GET_IFACE (self)->get_policy_inputs (self, model_id, out_inputs, error);
}
