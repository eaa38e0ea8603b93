/* mr-model-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-model-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-display.h"
#include "mr-enums.h"
#include "mr-error-presenter.h"
#include "mr-model-editor.h"
#include "mr-use-picker.h"
#include "mr-validate.h"

struct _MrModelEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *source_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *provider_row;
  AdwEntryRow         *version_row;
  AdwEntryRow         *owner_row;
  AdwEntryRow         *license_row;
  AdwEntryRow         *vendor_agreement_row;
  AdwEntryRow         *tags_row;
  AdwComboRow         *source_kind_row;
  AdwEntryRow         *source_ref_row;
  AdwComboRow         *deployment_row;
  AdwComboRow         *sensitivity_row;
  MrUsePicker         *use_picker;
  GtkTextView         *description_view;
  GtkTextView         *notes_view;

  /* Owned */
  MrRepository        *repository;
  MrModelRecord       *original;     /* what was opened; a blank record when adding */
  MrSnapshot          *snapshot;     /* the source's answer a draft came from, or NULL */
  GCancellable        *cancellable;
  gboolean             can_save;
  gboolean             saving;
  gboolean             loading;
  gboolean             show_errors;  /* not before the user has typed in a blank form */
  gboolean             discard_confirmed;
};

G_DEFINE_FINAL_TYPE (MrModelEditor, mr_model_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAN_SAVE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
source_kind_title (gpointer unused,
                   int      value)
{
  return g_strdup (mr_source_kind_get_title (value));
}

static char *
deployment_title (gpointer unused,
                  int      value)
{
  return g_strdup (mr_deployment_get_title (value));
}

static char *
sensitivity_title (gpointer unused,
                   int      value)
{
  return g_strdup (mr_data_sensitivity_get_title (value));
}

static const char *
source_ref_title (MrSourceKind kind)
{
  switch (kind)
    {
    case MR_SOURCE_KIND_HUGGING_FACE:
      return _("Repository id (owner/name)");
    case MR_SOURCE_KIND_OLLAMA:
      return _("Ollama tag (name:tag)");
    case MR_SOURCE_KIND_LOCAL_FILE:
      return _("Path of the model file");
    case MR_SOURCE_KIND_VENDOR_API:
      return _("API documentation address (https://…)");
    case MR_SOURCE_KIND_MANUAL:
    default:
      return _("Reference (optional)");
    }
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GStrv
split_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* The record as the form describes it, on top of what was opened so that
 * fields the form does not show (components, status) are kept. */
static MrModelRecord *
build_record (MrModelEditor *self)
{
  MrModelRecord *r = mr_model_record_copy (self->original);
  g_autofree char *description = view_text (self->description_view);
  g_autofree char *notes = view_text (self->notes_view);
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));

  mr_model_record_set_string (&r->name, name);
  mr_model_record_set_string (&r->provider, row_text (self->provider_row));
  mr_model_record_set_string (&r->version, row_text (self->version_row));
  mr_model_record_set_string (&r->owner, row_text (self->owner_row));
  mr_model_record_set_string (&r->license, row_text (self->license_row));
  mr_model_record_set_string (&r->vendor_agreement, row_text (self->vendor_agreement_row));
  g_strfreev (r->tags);
  r->tags = split_tags (row_text (self->tags_row));
  r->source_kind = adw_combo_row_get_selected (self->source_kind_row);
  mr_model_record_set_string (&r->source_ref, row_text (self->source_ref_row));
  r->deployment = adw_combo_row_get_selected (self->deployment_row);
  r->data_sensitivity = adw_combo_row_get_selected (self->sensitivity_row);
  g_strfreev (r->intended_uses);
  r->intended_uses = mr_use_picker_dup_uses (self->use_picker);
  mr_model_record_set_string (&r->description, description);
  mr_model_record_set_string (&r->notes, notes);
  return r;
}

/* Marks row and collects its message for the group description. */
static gboolean
check_field (MrModelEditor *self,
             GtkWidget     *row,
             gboolean       valid,
             GError        *error,
             GString       *messages)
{
  if (valid || !self->show_errors)
    {
      gtk_widget_remove_css_class (row, "error");
      return valid;
    }
  gtk_widget_add_css_class (row, "error");
  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, error->message);
  return FALSE;
}

static gboolean
validate_identity (MrModelEditor       *self,
                   const MrModelRecord *r)
{
  const struct { AdwEntryRow *row; const char *field; const char *value; } texts[] = {
    { self->provider_row, _("Provider"), r->provider },
    { self->version_row, _("Version"), r->version },
    { self->owner_row, _("Owner"), r->owner },
    { self->license_row, _("Licence"), r->license },
    { self->vendor_agreement_row, _("Vendor agreement"), r->vendor_agreement },
  };
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) name_error = NULL;
  g_autofree char *escaped = NULL;
  gboolean valid = TRUE;
  gboolean ok;
  gboolean tags_valid = TRUE;
  g_autoptr(GError) tags_error = NULL;

  /* Each validator runs before check_field() reads the error it set. */
  ok = mr_validate_required (_("Name"), r->name, &name_error) &&
       mr_validate_length (_("Name"), r->name, &name_error);
  valid &= check_field (self, GTK_WIDGET (self->name_row), ok, name_error, messages);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      ok = mr_validate_length (texts[i].field, texts[i].value, &error);
      valid &= check_field (self, GTK_WIDGET (texts[i].row), ok, error, messages);
    }
  for (guint i = 0; tags_valid && r->tags[i] != NULL; i++)
    tags_valid = mr_validate_length (_("Tag"), r->tags[i], &tags_error);
  valid &= check_field (self, GTK_WIDGET (self->tags_row), tags_valid, tags_error, messages);

  /* The description is markup and the messages quote what was typed. */
  escaped = g_markup_escape_text (messages->str, -1);
  adw_preferences_group_set_description (self->identity_group, messages->len > 0 ? escaped : NULL);
  return valid;
}

static gboolean
validate_source (MrModelEditor       *self,
                 const MrModelRecord *r)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  gboolean valid;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_ref_row),
                                 source_ref_title (r->source_kind));
  valid = mr_validate_source (r->source_kind, r->source_ref, &error);
  valid = check_field (self, GTK_WIDGET (self->source_ref_row), valid, error, messages);
  escaped = g_markup_escape_text (messages->str, -1);
  adw_preferences_group_set_description (self->source_group, messages->len > 0 ? escaped : NULL);
  return valid;
}

static gboolean
is_dirty (MrModelEditor *self)
{
  g_autoptr(MrModelRecord) record = build_record (self);

  return !mr_model_record_same_content (record, self->original);
}

static void
on_field_changed (MrModelEditor *self)
{
  g_autoptr(MrModelRecord) record = NULL;
  gboolean valid;
  gboolean can_save;

  /* The combo rows notify while the template is still being built. */
  if (self->original == NULL)
    return;
  record = build_record (self);
  if (!self->loading)
    self->show_errors = TRUE;
  /* Both run so that every invalid field is marked, not just the first. */
  valid = validate_identity (self, record);
  valid &= validate_source (self, record);
  can_save = valid && !self->saving &&
             (self->original->id == 0 || !mr_model_record_same_content (record, self->original));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);
  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
    }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrModelEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autofree char *summary = NULL;

  if (self->snapshot != NULL)
    stored = mr_repository_save_with_snapshot_finish (MR_REPOSITORY (source), result, &error);
  else
    stored = mr_repository_save_finish (MR_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  if (stored == NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));

      /* Translators: %s is a model name */
      summary = g_strdup_printf (_("Could not save “%s”"), name);
      mr_error_presenter_present (GTK_WIDGET (self), summary, error);
      on_field_changed (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, stored);
  self->discard_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrModelEditor *self = MR_MODEL_EDITOR (widget);
  g_autoptr(MrModelRecord) record = NULL;

  on_field_changed (self);
  if (!self->can_save)
    return;

  record = build_record (self);
  self->saving = TRUE;
  on_field_changed (self);
  if (self->snapshot != NULL)
    mr_repository_save_with_snapshot_async (self->repository, record, self->snapshot,
                                            self->cancellable, on_saved, g_object_ref (self));
  else
    mr_repository_save_async (self->repository, record, self->cancellable,
                              on_saved, g_object_ref (self));
}

static void
on_discard_response (MrModelEditor *self,
                     const char    *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discard_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
confirm_discard (MrModelEditor *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Changes?"),
                                                       _("The changes you made to this model "
                                                         "will be lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
mr_model_editor_close_request (GtkWindow *window)
{
  MrModelEditor *self = MR_MODEL_EDITOR (window);

  if (!self->discard_confirmed && is_dirty (self))
    {
      confirm_discard (self);
      return TRUE;
    }
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (mr_model_editor_parent_class)->close_request (window);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
mr_model_editor_dispose (GObject *object)
{
  MrModelEditor *self = MR_MODEL_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->original, mr_model_record_unref);
  g_clear_pointer (&self->snapshot, mr_snapshot_unref);

  G_OBJECT_CLASS (mr_model_editor_parent_class)->dispose (object);
}

static void
mr_model_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MrModelEditor *self = MR_MODEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_model_editor_class_init (MrModelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mr_model_editor_dispose;
  object_class->get_property = mr_model_editor_get_property;
  window_class->close_request = mr_model_editor_close_request;

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrModelEditor::saved:
   * @record: the record as stored (with its id and revision)
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_MODEL_RECORD);

  g_type_ensure (MR_TYPE_SOURCE_KIND);
  g_type_ensure (MR_TYPE_DEPLOYMENT);
  g_type_ensure (MR_TYPE_DATA_SENSITIVITY);
  g_type_ensure (MR_TYPE_USE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mr-model-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, source_group);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, provider_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, version_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, license_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, vendor_agreement_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, source_kind_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, source_ref_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, deployment_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, use_picker);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, MrModelEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, source_kind_title);
  gtk_widget_class_bind_template_callback (widget_class, deployment_title);
  gtk_widget_class_bind_template_callback (widget_class, sensitivity_title);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
mr_model_editor_init (MrModelEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
load_record (MrModelEditor       *self,
             const MrModelRecord *r)
{
  g_autofree char *tags = g_strjoinv (", ", r->tags);

  set_row_text (self->name_row, r->name);
  set_row_text (self->provider_row, r->provider);
  set_row_text (self->version_row, r->version);
  set_row_text (self->owner_row, r->owner);
  set_row_text (self->license_row, r->license);
  set_row_text (self->vendor_agreement_row, r->vendor_agreement);
  set_row_text (self->tags_row, tags);
  adw_combo_row_set_selected (self->source_kind_row, r->source_kind);
  set_row_text (self->source_ref_row, r->source_ref);
  adw_combo_row_set_selected (self->deployment_row, r->deployment);
  adw_combo_row_set_selected (self->sensitivity_row, r->data_sensitivity);
  mr_use_picker_set_uses (self->use_picker, (const char * const *) r->intended_uses);
  set_view_text (self->description_view, r->description);
  set_view_text (self->notes_view, r->notes);
}

MrModelEditor *
mr_model_editor_new (GtkWindow     *parent,
                     MrRepository  *repository,
                     MrModelRecord *record)
{
  MrModelEditor *self;
  gboolean adding = record == NULL || record->id == 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MR_IS_REPOSITORY (repository), NULL);

  self = g_object_new (MR_TYPE_MODEL_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->original = record == NULL ? mr_model_record_new () : mr_model_record_ref (record);

  gtk_window_set_title (GTK_WINDOW (self), adding ? _("Add Model") : _("Edit Model"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  if (!adding)
    adw_window_title_set_subtitle (self->window_title, record->name);

  self->loading = TRUE;
  /* A pre-filled draft shows at once what the user still has to complete. */
  self->show_errors = record != NULL;
  load_record (self, self->original);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  on_field_changed (self);
  self->loading = FALSE;
  return self;
}

gboolean
mr_model_editor_get_can_save (MrModelEditor *self)
{
  g_return_val_if_fail (MR_IS_MODEL_EDITOR (self), FALSE);

  return self->can_save;
}

MrModelEditor *
mr_model_editor_new_with_snapshot (GtkWindow     *parent,
                                   MrRepository  *repository,
                                   MrModelRecord *draft,
                                   MrSnapshot    *snapshot)
{
  MrModelEditor *self;

  g_return_val_if_fail (draft != NULL && draft->id == 0, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  self = mr_model_editor_new (parent, repository, draft);
  self->snapshot = mr_snapshot_ref (snapshot);
  return self;
}
