/* mr-cli-list.c — the commands that read: list and show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-cli-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mr-cli-private.h"
#include "mr-cli-table.h"
#include "mr-enum-util.h"
#include "mr-enums.h"
#include "mr-time-util.h"

/* Long enough for most model names; the JSON output has them whole. */
#define NAME_MAX_WIDTH     40
#define PROVIDER_MAX_WIDTH 24
#define SOURCE_MAX_WIDTH   40

typedef struct {
  char       *search;   /* case-folded, or NULL */
  gboolean    has_status;
  MrStatus    status;
  gboolean    has_openness;
  MrOpenness  openness;
  gboolean    flagged;
} ListFilter;

static void
list_filter_clear (ListFilter *filter)
{
  g_clear_pointer (&filter->search, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListFilter, list_filter_clear)

static gboolean
list_filter_init (ListFilter  *filter,
                  const char  *search,
                  const char  *status,
                  const char  *openness,
                  gboolean     flagged,
                  GError     **error)
{
  g_autofree char *query = g_strstrip (g_strdup (search != NULL ? search : ""));
  int value;

  /* Matched as the search entry of the window matches. */
  filter->flagged = flagged;
  if (*query != '\0')
    filter->search = mr_model_record_fold_search_text (query);
  if (status != NULL)
    {
      if (!mr_cli_parse_nick (MR_TYPE_STATUS, "--status", status, &value, error))
        return FALSE;
      filter->has_status = TRUE;
      filter->status = value;
    }
  if (openness != NULL)
    {
      if (!mr_cli_parse_nick (MR_TYPE_OPENNESS, "--openness", openness, &value, error))
        return FALSE;
      filter->has_openness = TRUE;
      filter->openness = value;
    }
  return TRUE;
}

static gboolean
list_filter_matches (const ListFilter    *filter,
                     const MrModelRecord *record)
{
  if (filter->has_status && record->status != filter->status)
    return FALSE;
  if (filter->has_openness && record->openness != filter->openness)
    return FALSE;
  if (filter->flagged && record->n_flags == 0)
    return FALSE;
  if (filter->search != NULL &&
      strstr (mr_model_record_get_search_text (record), filter->search) == NULL)
    return FALSE;
  return TRUE;
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
print_list_table (GPtrArray *records)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (6);
  g_autoptr(GString) out = g_string_new (NULL);

  mr_cli_table_set_max_width (table, 1, NAME_MAX_WIDTH);
  mr_cli_table_set_max_width (table, 2, PROVIDER_MAX_WIDTH);
  mr_cli_table_set_max_width (table, 3, SOURCE_MAX_WIDTH);
  mr_cli_table_add_row (table, (const char *[]) {
    _("ID"), _("Name"), _("Provider"), _("Source"), _("Status"), _("Openness") });

  for (guint i = 0; i < records->len; i++)
    {
      const MrModelRecord *record = g_ptr_array_index (records, i);
      g_autofree char *id = format_id (record->id);

      mr_cli_table_add_row (table, (const char *[]) {
        id, record->name, record->provider, record->source_ref,
        mr_enum_to_nick (MR_TYPE_STATUS, record->status),
        mr_enum_to_nick (MR_TYPE_OPENNESS, record->openness) });
    }

  mr_cli_table_render (table, "", out);
  mr_cli_print_text (out->str);
}

gboolean
mr_cli_run_list (MrCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autofree char *search = NULL;
  g_autofree char *status = NULL;
  g_autofree char *openness = NULL;
  gboolean flagged = FALSE;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only models whose name, provider, licence, tags or source contain TEXT"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only models with this status (draft, submitted, approved, …)"), N_("STATUS") },
    { "openness", 0, 0, G_OPTION_ARG_STRING, &openness,
      N_("Only models at this openness level (closed, open-weights, …)"), N_("LEVEL") },
    { "flagged", 0, 0, G_OPTION_ARG_NONE, &flagged,
      N_("Only models with policy flags"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(ListFilter) filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  MrStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !list_filter_init (&filter, search, status, openness, flagged, error))
    return FALSE;

  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  /* The table needs the list columns only; the data formats carry every field. */
  records = mr_store_list_models (store,
                                  cli->format == MR_CLI_FORMAT_TEXT ? MR_LOAD_SUMMARY : MR_LOAD_FULL,
                                  error);
  if (records == NULL)
    return FALSE;

  matching = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < records->len; i++)
    {
      MrModelRecord *record = g_ptr_array_index (records, i);

      if (list_filter_matches (&filter, record))
        g_ptr_array_add (matching, mr_model_record_ref (record));
    }

  if (cli->format == MR_CLI_FORMAT_TEXT)
    print_list_table (matching);
  else
    mr_cli_print_data (cli, matching, FALSE);
  return TRUE;
}

static char *
format_time (gint64 unix_utc)
{
  return unix_utc != 0 ? mr_time_to_iso8601 (unix_utc) : NULL;
}

static char *
format_flags (const MrModelRecord *record)
{
  if (record->n_flags == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%u (%s)", record->n_flags,
                          mr_enum_to_nick (MR_TYPE_FLAG_SEVERITY, record->worst_flag));
}

/* "Label:  value", values aligned; a value's further lines are indented
 * to its column, so a multi-line description stays readable. */
static void
append_fields (GString            *out,
               const char * const *fields,
               guint               n_fields)
{
  guint label_width = 0;

  for (guint i = 0; i < n_fields; i++)
    label_width = MAX (label_width, mr_cli_text_width (fields[2 * i]));

  for (guint i = 0; i < n_fields; i++)
    {
      const char *label = fields[2 * i];
      g_autofree char *value = mr_cli_text_sanitize (fields[2 * i + 1] != NULL ? fields[2 * i + 1] : "", TRUE);
      g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
      guint pad = label_width - mr_cli_text_width (label) + 2;

      g_string_append_printf (out, "%s:", label);
      for (guint line = 0; lines[line] != NULL; line++)
        {
          if (line > 0)
            g_string_append_c (out, '\n');
          if (*lines[line] != '\0')
            g_string_append_printf (out, "%*s%s", (int) pad, "", lines[line]);
          pad = label_width + 3;
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_components (GString             *out,
                   const MrModelRecord *record)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (6);

  /* Translators: headers of a model's component table; "Evidence" is
   * where the evidence came from, "Checked" whether a reviewer verified it */
  mr_cli_table_add_row (table, (const char *[]) {
    _("Component"), _("Availability"), _("Licence"), _("Evidence"), _("Checked"), _("Link") });
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    {
      const MrComponent *component = &record->components[i];

      mr_cli_table_add_row (table, (const char *[]) {
        mr_component_kind_get_title (component->kind),
        mr_enum_to_nick (MR_TYPE_AVAILABILITY, component->availability),
        component->license != NULL ? component->license : "—",
        mr_enum_to_nick (MR_TYPE_EVIDENCE_SOURCE, component->source),
        component->verified ? _("verified") : _("provisional"),
        component->link });
    }
  g_string_append_printf (out, "\n%s\n", _("Components:"));
  mr_cli_table_render (table, "  ", out);
}

static void
print_record_text (const MrModelRecord *record)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *id = format_id (record->id);
  g_autofree char *revision = g_strdup_printf ("%u", record->revision);
  g_autofree char *tags = g_strjoinv (", ", record->tags);
  g_autofree char *uses = g_strjoinv (", ", record->intended_uses);
  g_autofree char *flags = format_flags (record);
  g_autofree char *created = format_time (record->created_at);
  g_autofree char *updated = format_time (record->updated_at);
  g_autofree char *checked = format_time (record->last_checked_at);
  const char * const fields[] = {
    _("ID"), id,
    _("Name"), record->name,
    _("Provider"), record->provider,
    _("Version"), record->version,
    _("Source kind"), mr_enum_to_nick (MR_TYPE_SOURCE_KIND, record->source_kind),
    _("Source"), record->source_ref,
    _("Source revision"), record->source_revision,
    _("Owner"), record->owner,
    _("Licence"), record->license,
    _("Vendor agreement"), record->vendor_agreement,
    _("Code licence"), record->license_code,
    _("Data licence"), record->license_data,
    _("Documentation licence"), record->license_document,
    _("Tags"), tags,
    _("Intended uses"), uses,
    _("Deployment"), mr_enum_to_nick (MR_TYPE_DEPLOYMENT, record->deployment),
    _("Data sensitivity"), mr_enum_to_nick (MR_TYPE_DATA_SENSITIVITY, record->data_sensitivity),
    _("Status"), mr_enum_to_nick (MR_TYPE_STATUS, record->status),
    _("Openness"), mr_enum_to_nick (MR_TYPE_OPENNESS, record->openness),
    _("Flags"), flags,
    _("Description"), record->description,
    _("Notes"), record->notes,
    _("Created"), created,
    _("Updated"), updated,
    _("Last checked"), checked != NULL ? checked : _("never"),
    _("Revision"), revision,
  };

  append_fields (out, fields, G_N_ELEMENTS (fields) / 2);
  append_components (out, record);
  mr_cli_print_text (out->str);
}

gboolean
mr_cli_run_show (MrCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  g_autoptr(GOptionContext) context = mr_cli_context_new (cli);
  g_autoptr(MrModelRecord) record = NULL;
  g_autoptr(GPtrArray) records = NULL;
  MrStore *store;
  gint64 id;

  if (!mr_cli_parse (cli, context, &argc, &argv, error) ||
      !mr_cli_parse_id (argv[1], &id, error))
    return FALSE;

  store = mr_cli_open_store (cli, error);
  if (store == NULL)
    return FALSE;
  record = mr_store_get_model (store, id, error);
  if (record == NULL)
    return FALSE;

  if (cli->format == MR_CLI_FORMAT_TEXT)
    {
      print_record_text (record);
      return TRUE;
    }
  records = g_ptr_array_new ();
  g_ptr_array_add (records, record);
  mr_cli_print_data (cli, records, TRUE);
  return TRUE;
}
