/* mr-cli-edit.c — the commands that change entries: add, edit, remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-cli-private.h"
#include "mr-cli-refresh.h"
#include "mr-cli-table.h"
#include "mr-cli-verify.h"
#include "mr-enums.h"
#include "mr-error.h"
#include "mr-model-json.h"

/* The field options of add and edit, as given; NULL when absent.  An empty
 * value clears the field. */
typedef struct {
  char  *name;
  char  *provider;
  char  *version;
  char  *source_kind;
  char  *source;
  char  *owner;
  char  *license;
  char **tags;
  char **uses;
  char  *deployment;
  char  *data_sensitivity;
  char  *description;
  char  *notes;
  char  *vendor_agreement;
} FieldOptions;

static void
field_options_clear (FieldOptions *fields)
{
  g_free (fields->name);
  g_free (fields->provider);
  g_free (fields->version);
  g_free (fields->source_kind);
  g_free (fields->source);
  g_free (fields->owner);
  g_free (fields->license);
  g_strfreev (fields->tags);
  g_strfreev (fields->uses);
  g_free (fields->deployment);
  g_free (fields->data_sensitivity);
  g_free (fields->description);
  g_free (fields->notes);
  g_free (fields->vendor_agreement);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

static void
field_options_add_entries (FieldOptions   *fields,
                           GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &fields->name, N_("The model's name"), N_("NAME") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &fields->provider,
      N_("Who publishes the model"), N_("PROVIDER") },
    { "version", 0, 0, G_OPTION_ARG_STRING, &fields->version, N_("The model's version"), N_("VERSION") },
    { "source-kind", 0, 0, G_OPTION_ARG_STRING, &fields->source_kind,
      N_("Where the model comes from: manual, hugging-face, ollama, local-file or vendor-api"),
      N_("KIND") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &fields->source,
      N_("The Hugging Face repo id, Ollama tag, file path or vendor URL"), N_("REF") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &fields->owner,
      N_("Who answers for the model in the organisation"), N_("OWNER") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &fields->license,
      N_("The distribution licence as stated"), N_("LICENCE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fields->tags,
      N_("A tag; repeat for several (replaces the tags)"), N_("TAG") },
    { "use", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fields->uses,
      N_("An intended use id; repeat for several (replaces the uses)"), N_("USE") },
    { "deployment", 0, 0, G_OPTION_ARG_STRING, &fields->deployment,
      N_("unspecified, self-hosted or vendor-api"), N_("DEPLOYMENT") },
    { "data-sensitivity", 0, 0, G_OPTION_ARG_STRING, &fields->data_sensitivity,
      N_("unspecified, public, internal, confidential, personal or special-category"),
      N_("SENSITIVITY") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &fields->description,
      N_("What the model is"), N_("TEXT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &fields->notes, N_("Free-form notes"), N_("TEXT") },
    { "vendor-agreement", 0, 0, G_OPTION_ARG_STRING, &fields->vendor_agreement,
      N_("The agreement that covers using a closed model (reference and date)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static gboolean
field_options_any (const FieldOptions *fields)
{
  return fields->name != NULL || fields->provider != NULL || fields->version != NULL ||
         fields->source_kind != NULL || fields->source != NULL || fields->owner != NULL ||
         fields->license != NULL || fields->tags != NULL || fields->uses != NULL ||
         fields->deployment != NULL || fields->data_sensitivity != NULL ||
         fields->description != NULL || fields->notes != NULL ||
         fields->vendor_agreement != NULL;
}

/* Leaves *inout_value alone when the option was not given. */
static gboolean
parse_optional_nick (GType        enum_type,
                     const char  *option,
                     const char  *nick,
                     int         *inout_value,
                     GError     **error)
{
  return nick == NULL || mr_cli_parse_nick (enum_type, option, nick, inout_value, error);
}

/* Blank values are dropped, so a single empty --tag "" clears the list. */
static void
set_list (GStrv  *field,
          char  **values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (values[i]));

      if (*value != '\0')
        g_strv_builder_add (builder, value);
    }
  g_strfreev (*field);
  *field = g_strv_builder_end (builder);
}

static gboolean
field_options_apply (const FieldOptions  *fields,
                     MrModelRecord       *record,
                     GError             **error)
{
  const struct { const char *value; char **field; } texts[] = {
    { fields->name, &record->name },
    { fields->provider, &record->provider },
    { fields->version, &record->version },
    { fields->source, &record->source_ref },
    { fields->owner, &record->owner },
    { fields->license, &record->license },
    { fields->description, &record->description },
    { fields->notes, &record->notes },
    { fields->vendor_agreement, &record->vendor_agreement },
  };
  int source_kind = record->source_kind;
  int deployment = record->deployment;
  int sensitivity = record->data_sensitivity;

  if (!parse_optional_nick (MR_TYPE_SOURCE_KIND, "--source-kind", fields->source_kind,
                            &source_kind, error) ||
      !parse_optional_nick (MR_TYPE_DEPLOYMENT, "--deployment", fields->deployment,
                            &deployment, error) ||
      !parse_optional_nick (MR_TYPE_DATA_SENSITIVITY, "--data-sensitivity",
                            fields->data_sensitivity, &sensitivity, error))
    return FALSE;
  record->source_kind = source_kind;
  record->deployment = deployment;
  record->data_sensitivity = sensitivity;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      mr_model_record_set_string (texts[i].field, texts[i].value);
  if (fields->tags != NULL)
    set_list (&record->tags, fields->tags);
  if (fields->uses != NULL)
    set_list (&record->intended_uses, fields->uses);
  return TRUE;
}

static MrModelRecord *
read_json_record (const char  *path,
                  GError     **error)
{
  g_autofree char *display_path = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) records = NULL;
  MrModelRecord *record;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  records = mr_model_records_from_json (data, length, display_path, error);
  if (records == NULL)
    return NULL;
  if (records->len != 1)
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_FAILED,
                   _("%s must hold exactly one model; “import” adds several"), display_path);
      return NULL;
    }

  record = mr_model_record_copy (g_ptr_array_index (records, 0));
  /* The file may come from another register: its id and revision mean
   * nothing here, the entry is new. */
  record->id = 0;
  record->revision = 0;
  return record;
}

static void
print_saved (MrCli         *cli,
             MrModelRecord *record,
             const char    *message)
{
  g_autoptr(GPtrArray) records = NULL;

  if (cli->format == MR_CLI_FORMAT_TEXT)
    {
      mr_cli_print_text (message);
      return;
    }
  records = g_ptr_array_new ();
  g_ptr_array_add (records, record);
  mr_cli_print_data (cli, records, TRUE);
}

/* The id and the name made safe for a terminal, for messages. */
static void
record_label (const MrModelRecord  *record,
              char                **out_id,
              char                **out_name)
{
  *out_id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  *out_name = mr_cli_text_sanitize (record->name != NULL ? record->name : "", FALSE);
}

gboolean
mr_cli_run_add (MrCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_auto(FieldOptions) fields = { 0 };
  g_autofree char *from_json = NULL;
  g_autofree char *hf = NULL;
  g_autofree char *hf_endpoint = NULL;
  g_autofree char *file = NULL;
  const GOptionEntry entries[] = {
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &from_json,
      N_("Take the fields from a JSON object such as “show --format json” prints; "
         "field options override them"), N_("FILE") },
    { "hf", 0, 0, G_OPTION_ARG_STRING, &hf,
      N_("Take the fields from a Hugging Face model; field options override them"),
      N_("OWNER/NAME") },
    { "hf-endpoint", 0, 0, G_OPTION_ARG_STRING, &hf_endpoint,
      N_("The Hugging Face Hub to ask (default: $HF_ENDPOINT, else https://huggingface.co)"),
      N_("URL") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Take the fields from the headers of a GGUF file or safetensors folder, and "
         "store its verification; field options override them"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(MrSnapshot) snapshot = NULL;
  g_autoptr(MrVerifyResult) verification = NULL;
  gint64 verified_at = 0;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autofree char *id = NULL;
  MrStore *store;

  field_options_add_entries (&fields, context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error))
    return FALSE;
  if ((from_json != NULL) + (hf != NULL) + (file != NULL) > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--from-json, --hf and --file exclude each other"));
      return FALSE;
    }
  if (from_json == NULL && hf == NULL && file == NULL && fields.name == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--name is required (or --from-json, --hf or --file)"));
      return FALSE;
    }

  if (hf != NULL)
    record = mr_cli_fetch_hub_draft (hf, hf_endpoint, &snapshot, error);
  else if (file != NULL)
    record = mr_cli_verify_draft (file, &verification, &verified_at, error);
  else
    record = from_json != NULL ? read_json_record (from_json, error) : mr_model_record_new ();
  if (record == NULL ||
      !field_options_apply (&fields, record, error) ||
      !mr_model_record_validate (record, error))
    return FALSE;

  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (snapshot != NULL)
    stored = mr_store_save_with_snapshot (store, record, snapshot, NULL, mr_cli_actor (),
                                          error);
  else
    stored = mr_store_save_model (store, record, mr_cli_actor (), error);
  if (stored == NULL)
    return FALSE;
  if (verification != NULL &&
      !mr_cli_verify_store_check (cli, stored->id, verification->path, verified_at, verification,
                                  NULL, error))
    return FALSE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT "\n", stored->id);
  print_saved (cli, stored, id);
  return TRUE;
}

gboolean
mr_cli_run_edit (MrCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_auto(FieldOptions) fields = { 0 };
  g_autoptr(MrModelRecord) current = NULL;
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(MrModelRecord) stored = NULL;
  g_autofree char *message = NULL;
  g_autofree char *label_id = NULL;
  g_autofree char *label_name = NULL;
  MrStore *store;
  gint64 id;

  field_options_add_entries (&fields, context);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !mr_cli_parse_id (argv[1], &id, error))
    return FALSE;
  if (!field_options_any (&fields))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("nothing to change: give at least one field option"));
      return FALSE;
    }

  /* The revision read here is the one the save expects: if another
   * program saves in between, the store refuses with a conflict. */
  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  current = mr_store_get_model (store, id, error);
  if (current == NULL)
    return FALSE;
  record = mr_model_record_copy (current);
  if (!field_options_apply (&fields, record, error))
    return FALSE;

  if (mr_model_record_same_content (record, current))
    {
      /* Saving would only add a revision and an audit entry. */
      record_label (current, &label_id, &label_name);
      message = g_strdup_printf (_("Model %s “%s” is unchanged\n"), label_id, label_name);
      print_saved (cli, current, message);
      return TRUE;
    }

  if (!mr_model_record_validate (record, error))
    return FALSE;
  stored = mr_store_save_model (store, record, mr_cli_actor (), error);
  if (stored == NULL)
    return FALSE;

  record_label (stored, &label_id, &label_name);
  message = g_strdup_printf (_("Updated model %s “%s”\n"), label_id, label_name);
  print_saved (cli, stored, message);
  return TRUE;
}

static gboolean
parse_ids (int       argc,
           char    **argv,
           GArray   *ids,
           GError  **error)
{
  for (int i = 1; i < argc; i++)
    {
      gboolean seen = FALSE;
      gint64 id;

      if (!mr_cli_parse_id (argv[i], &id, error))
        return FALSE;
      for (guint j = 0; j < ids->len && !seen; j++)
        seen = g_array_index (ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return TRUE;
}

static void
print_removed (MrCli     *cli,
               GPtrArray *removed)
{
  g_autoptr(GString) out = NULL;

  if (cli->format != MR_CLI_FORMAT_TEXT)
    {
      mr_cli_print_data (cli, removed, FALSE);
      return;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < removed->len; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;

      record_label (g_ptr_array_index (removed, i), &id, &name);
      g_string_append_printf (out, _("Removed model %s “%s”\n"), id, name);
    }
  mr_cli_print_text (out->str);
}

gboolean
mr_cli_run_remove (MrCli   *cli,
                   int      argc,
                   char   **argv,
                   GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  gboolean ok = TRUE;
  MrStore *store;

  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !parse_ids (argc, argv, ids, error))
    return FALSE;
  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;

  /* A mistyped id stops the command before anything is removed. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MrModelRecord) record = mr_store_get_model (store, g_array_index (ids, gint64, i),
                                                            error);

      if (record == NULL)
        return FALSE;
    }

  for (guint i = 0; i < ids->len && ok; i++)
    {
      MrModelRecord *record = mr_store_delete_model (store, g_array_index (ids, gint64, i),
                                                     mr_cli_actor (), error);

      if (record != NULL)
        g_ptr_array_add (removed, record);
      ok = record != NULL;
    }

  /* Report what was removed even when a later removal failed. */
  print_removed (cli, removed);
  return ok;
}
