/* mr-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-validate"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-error.h"
#include "mr-model-record.h"
#include "mr-validate.h"

#define REPO_NAME_MAX 96

gboolean
mr_validate_required (const char  *field,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (*stripped != '\0')
    return TRUE;
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_REQUIRED,
               /* Translators: %s is a field name such as "Name" */
               _("%s is required"), _(field));
  return FALSE;
}

gboolean
mr_validate_length (const char  *field,
                    const char  *value,
                    GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_VALUE,
                   _("%s is not valid UTF-8 text"), _(field));
      return FALSE;
    }
  /* A character is at least one byte: short strings need no counting, which
   * matters when a 100,000-row import validates every field. */
  if (strlen (value) <= MR_MODEL_RECORD_MAX_TEXT ||
      g_utf8_strlen (value, -1) <= MR_MODEL_RECORD_MAX_TEXT)
    return TRUE;
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_TOO_LONG,
               _("%s is longer than %d characters"), _(field), MR_MODEL_RECORD_MAX_TEXT);
  return FALSE;
}

static gboolean
is_repo_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

static gboolean
repo_part_valid (const char *part,
                 gsize       len)
{
  if (len == 0 || len > REPO_NAME_MAX)
    return FALSE;
  if (part[0] == '-' || part[0] == '.' || part[len - 1] == '-' || part[len - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!is_repo_char (part[i]))
        return FALSE;
      if (i > 0 && (part[i] == '-' || part[i] == '.') && part[i] == part[i - 1])
        return FALSE;
    }
  return TRUE;
}

gboolean
mr_validate_repo_id (const char  *value,
                     GError     **error)
{
  const char *slash;

  if (!mr_validate_required (N_("Repository id"), value, error))
    return FALSE;
  slash = strchr (value, '/');
  if (slash != NULL &&
      repo_part_valid (value, slash - value) &&
      repo_part_valid (slash + 1, strlen (slash + 1)))
    return TRUE;
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_REPO_ID,
               _("“%s” is not a Hugging Face repository id of the form owner/name"), value);
  return FALSE;
}

gboolean
mr_validate_url (const char  *field,
                 const char  *value,
                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (!mr_validate_required (field, value, error))
    return FALSE;
  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri != NULL &&
      (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
      g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    return TRUE;
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_INVALID_URL,
               /* Translators: first %s is a field name, second the text typed */
               _("%s: “%s” is not an http or https address"), _(field), value);
  return FALSE;
}

gboolean
mr_validate_local_path (const char  *value,
                        GError     **error)
{
  if (!mr_validate_required (N_("File"), value, error))
    return FALSE;
  if (g_file_test (value, G_FILE_TEST_IS_REGULAR) || g_file_test (value, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_set_error (error, MR_VALIDATION_ERROR, MR_VALIDATION_ERROR_NO_SUCH_FILE,
               _("File “%s” does not exist"), value);
  return FALSE;
}

gboolean
mr_validate_source (MrSourceKind  kind,
                    const char   *value,
                    GError      **error)
{
  switch (kind)
    {
    case MR_SOURCE_KIND_HUGGING_FACE:
      return mr_validate_repo_id (value, error);
    case MR_SOURCE_KIND_VENDOR_API:
      return mr_validate_url (N_("Source URL"), value, error);
    case MR_SOURCE_KIND_LOCAL_FILE:
      return mr_validate_local_path (value, error);
    case MR_SOURCE_KIND_OLLAMA:
      return mr_validate_required (N_("Ollama tag"), value, error);
    case MR_SOURCE_KIND_MANUAL:
    default:
      return mr_validate_length (N_("Source"), value, error);
    }
}
