/* mr-ai-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-ai-model"

#include "config.h"

#include "mr-ai-model.h"
#include "mr-display.h"
#include "mr-enums.h"

struct _MrAiModel
{
  GObject        parent_instance;

  MrModelRecord *record;
  MrAiModelKey   key;        /* key.search_text is NULL until first asked for */
  int            risk_tier;  /* RISK_TIER_UNKNOWN until first asked for */
};

/* mr_display_risk_tier() is -1 for "none". */
#define RISK_TIER_UNKNOWN (-2)

G_DEFINE_FINAL_TYPE (MrAiModel, mr_ai_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_ID,
  PROP_NAME,
  PROP_PROVIDER,
  PROP_SOURCE_LABEL,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_STATUS_ICON,
  PROP_OPENNESS,
  PROP_OPENNESS_LABEL,
  PROP_OPENNESS_ICON,
  PROP_WORST_FLAG,
  PROP_N_FLAGS,
  PROP_FLAGS_LABEL,
  PROP_FLAGS_ICON,
  PROP_INTENDED_USES_LABEL,
  PROP_LAST_CHECKED,
  PROP_LAST_CHECKED_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Labels are built on demand: only the visible rows and the active sorter
 * ask for them, so 100,000 entries cost no string per entry up front. */
static void
mr_ai_model_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MrAiModel *self = MR_AI_MODEL (object);
  const MrModelRecord *r = self->record;

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_boxed (value, r);
      break;
    case PROP_ID:
      g_value_set_int64 (value, r->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, r->name);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, r->provider);
      break;
    case PROP_SOURCE_LABEL:
      g_value_take_string (value, mr_display_source_label (r));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, r->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, mr_status_get_title (r->status));
      break;
    case PROP_STATUS_ICON:
      g_value_set_string (value, mr_display_status_icon (r->status));
      break;
    case PROP_OPENNESS:
      g_value_set_enum (value, r->openness);
      break;
    case PROP_OPENNESS_LABEL:
      g_value_set_string (value, mr_openness_get_title (r->openness));
      break;
    case PROP_OPENNESS_ICON:
      g_value_set_string (value, mr_display_openness_icon (r->openness));
      break;
    case PROP_WORST_FLAG:
      g_value_set_enum (value, r->worst_flag);
      break;
    case PROP_N_FLAGS:
      g_value_set_uint (value, r->n_flags);
      break;
    case PROP_FLAGS_LABEL:
      g_value_take_string (value, mr_display_flags_label (r->worst_flag, r->n_flags));
      break;
    case PROP_FLAGS_ICON:
      g_value_set_string (value, mr_display_flags_icon (r->worst_flag, r->n_flags));
      break;
    case PROP_INTENDED_USES_LABEL:
      g_value_take_string (value, mr_display_uses_label (r));
      break;
    case PROP_LAST_CHECKED:
      g_value_set_int64 (value, r->last_checked_at);
      break;
    case PROP_LAST_CHECKED_LABEL:
      g_value_take_string (value, mr_display_date (r->last_checked_at));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_ai_model_finalize (GObject *object)
{
  MrAiModel *self = MR_AI_MODEL (object);

  g_clear_pointer (&self->record, mr_model_record_unref);

  G_OBJECT_CLASS (mr_ai_model_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
enum_property (const char *name,
               GType       type)
{
  return g_param_spec_enum (name, NULL, NULL, type, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
mr_ai_model_class_init (MrAiModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mr_ai_model_get_property;
  object_class->finalize = mr_ai_model_finalize;

  properties[PROP_RECORD] =
    g_param_spec_boxed ("record", NULL, NULL, MR_TYPE_MODEL_RECORD,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ID] = int64_property ("id");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_PROVIDER] = string_property ("provider");
  properties[PROP_SOURCE_LABEL] = string_property ("source-label");
  properties[PROP_STATUS] = enum_property ("status", MR_TYPE_STATUS);
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  properties[PROP_STATUS_ICON] = string_property ("status-icon");
  properties[PROP_OPENNESS] = enum_property ("openness", MR_TYPE_OPENNESS);
  properties[PROP_OPENNESS_LABEL] = string_property ("openness-label");
  properties[PROP_OPENNESS_ICON] = string_property ("openness-icon");
  properties[PROP_WORST_FLAG] = enum_property ("worst-flag", MR_TYPE_FLAG_SEVERITY);
  properties[PROP_N_FLAGS] =
    g_param_spec_uint ("n-flags", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FLAGS_LABEL] = string_property ("flags-label");
  properties[PROP_FLAGS_ICON] = string_property ("flags-icon");
  properties[PROP_INTENDED_USES_LABEL] = string_property ("intended-uses-label");
  properties[PROP_LAST_CHECKED] = int64_property ("last-checked");
  properties[PROP_LAST_CHECKED_LABEL] = string_property ("last-checked-label");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_ai_model_init (MrAiModel *self)
{
  self->risk_tier = RISK_TIER_UNKNOWN;
}

MrAiModel *
mr_ai_model_new (MrModelRecord *record)
{
  MrAiModel *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (MR_TYPE_AI_MODEL, NULL);
  self->record = mr_model_record_ref (record);
  return self;
}

MrModelRecord *
mr_ai_model_get_record (MrAiModel *self)
{
  g_return_val_if_fail (MR_IS_AI_MODEL (self), NULL);

  return self->record;
}

gint64
mr_ai_model_get_id (MrAiModel *self)
{
  g_return_val_if_fail (MR_IS_AI_MODEL (self), 0);

  return self->record->id;
}

const MrAiModelKey *
mr_ai_model_get_key (MrAiModel *self)
{
  const MrModelRecord *r;

  g_return_val_if_fail (MR_IS_AI_MODEL (self), NULL);

  if (G_LIKELY (self->key.search_text != NULL))
    return &self->key;
  r = self->record;
  self->key.search_text = mr_model_record_get_search_text (r);
  self->key.status = r->status;
  self->key.openness = r->openness;
  self->key.n_flags = r->n_flags;
  return &self->key;
}

int
mr_ai_model_get_risk_tier (MrAiModel *self)
{
  g_return_val_if_fail (MR_IS_AI_MODEL (self), -1);

  if (self->risk_tier == RISK_TIER_UNKNOWN)
    self->risk_tier = mr_display_risk_tier (self->record);
  return self->risk_tier;
}

static void
notify_if (MrAiModel *self,
           gboolean   changed,
           guint      first_prop,
           ...)
{
  va_list args;

  if (!changed)
    return;
  va_start (args, first_prop);
  for (guint prop = first_prop; prop != PROP_0; prop = va_arg (args, guint))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  va_end (args);
}

void
mr_ai_model_set_record (MrAiModel     *self,
                        MrModelRecord *record)
{
  g_autoptr(MrModelRecord) old = NULL;

  g_return_if_fail (MR_IS_AI_MODEL (self));
  g_return_if_fail (record != NULL);

  if (record == self->record)
    return;

  old = g_steal_pointer (&self->record);
  self->record = mr_model_record_ref (record);
  /* The search text belongs to the old record: let go of it with it. */
  self->key.search_text = NULL;
  self->risk_tier = RISK_TIER_UNKNOWN;

  g_object_freeze_notify (G_OBJECT (self));
  notify_if (self, TRUE, PROP_RECORD, PROP_0);
  notify_if (self, old->id != record->id, PROP_ID, PROP_0);
  notify_if (self, g_strcmp0 (old->name, record->name) != 0, PROP_NAME, PROP_0);
  notify_if (self, g_strcmp0 (old->provider, record->provider) != 0, PROP_PROVIDER, PROP_0);
  notify_if (self,
             old->source_kind != record->source_kind ||
             g_strcmp0 (old->source_ref, record->source_ref) != 0,
             PROP_SOURCE_LABEL, PROP_0);
  notify_if (self, old->status != record->status,
             PROP_STATUS, PROP_STATUS_LABEL, PROP_STATUS_ICON, PROP_0);
  notify_if (self, old->openness != record->openness,
             PROP_OPENNESS, PROP_OPENNESS_LABEL, PROP_OPENNESS_ICON, PROP_0);
  notify_if (self, old->worst_flag != record->worst_flag || old->n_flags != record->n_flags,
             PROP_WORST_FLAG, PROP_N_FLAGS, PROP_FLAGS_LABEL, PROP_FLAGS_ICON, PROP_0);
  notify_if (self,
             !g_strv_equal ((const char * const *) old->intended_uses,
                            (const char * const *) record->intended_uses),
             PROP_INTENDED_USES_LABEL, PROP_0);
  notify_if (self, old->last_checked_at != record->last_checked_at,
             PROP_LAST_CHECKED, PROP_LAST_CHECKED_LABEL, PROP_0);
  g_object_thaw_notify (G_OBJECT (self));
}
