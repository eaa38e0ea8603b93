/* mr-hub-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-hub-token"

#include "config.h"

#include "mr-hub-client.h"
#include "mr-hub-token.h"
#include "mr-token-store.h"

/* endpoint → token, "" for a lookup that found none, so that a missing
 * keyring is asked once and not before every refresh. */
static GHashTable *session_tokens;

static GHashTable *
get_session_tokens (void)
{
  if (session_tokens == NULL)
    session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return session_tokens;
}

char *
mr_hub_token_dup_endpoint (GSettings *settings)
{
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  endpoint = g_settings_get_string (settings, "hub-endpoint");
  if (*endpoint != '\0')
    return g_steal_pointer (&endpoint);
  return g_strdup (mr_hub_client_default_endpoint ());
}

void
mr_hub_token_remember (const char *endpoint,
                       const char *token)
{
  g_return_if_fail (endpoint != NULL);

  g_hash_table_replace (get_session_tokens (), g_strdup (endpoint),
                        g_strdup (token != NULL ? token : ""));
}

static void
on_keyring_lookup (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = mr_token_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Without a keyring the Hub is still open to anonymous reads. */
  if (error != NULL)
    g_debug ("No keyring for the Hub token: %s", error->message);
  mr_hub_token_remember (g_task_get_task_data (task), token);
  g_task_return_pointer (task, g_steal_pointer (&token), g_free);
}

void
mr_hub_token_lookup_async (const char          *endpoint,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *variable = g_getenv ("HF_TOKEN");
  const char *cached;

  g_return_if_fail (endpoint != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_hub_token_lookup_async);
  if (variable != NULL && *variable != '\0')
    {
      g_task_return_pointer (task, g_strdup (variable), g_free);
      return;
    }
  cached = g_hash_table_lookup (get_session_tokens (), endpoint);
  if (cached != NULL)
    {
      g_task_return_pointer (task, *cached != '\0' ? g_strdup (cached) : NULL, g_free);
      return;
    }
  g_task_set_task_data (task, g_strdup (endpoint), g_free);
  mr_token_store_lookup_async (endpoint, cancellable, on_keyring_lookup, g_steal_pointer (&task));
}

char *
mr_hub_token_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
