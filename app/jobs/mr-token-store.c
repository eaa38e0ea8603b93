/* mr-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsecret's own async calls are wrapped in GTasks so that callers free
 * the token with g_free() and errors stay in one place; the copies
 * libsecret hands over are wiped with secret_password_free().
 */
#define G_LOG_DOMAIN "mr-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "mr-token-store.h"

static const SecretSchema hub_token_schema = {
  "io.github.modelregister.ModelRegister.HubToken",
  SECRET_SCHEMA_NONE,
  {
    { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup (secret), g_free);
  secret_password_free (secret);
}

void
mr_token_store_lookup_async (const char          *endpoint,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_token_store_lookup_async);
  secret_password_lookup (&hub_token_schema, cancellable, on_lookup, task,
                          "endpoint", endpoint, NULL);
}

char *
mr_token_store_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mr_token_store_store_async (const char          *endpoint,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (token != NULL && *token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_token_store_store_async);
  /* Translators: how the keyring lists the item; %s is the Hub address */
  label = g_strdup_printf (_("Hugging Face token for %s"), endpoint);
  secret_password_store (&hub_token_schema, SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, on_stored, task, "endpoint", endpoint, NULL);
}

gboolean
mr_token_store_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mr_token_store_clear_async (const char          *endpoint,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_token_store_clear_async);
  secret_password_clear (&hub_token_schema, cancellable, on_cleared, task,
                         "endpoint", endpoint, NULL);
}

gboolean
mr_token_store_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
cancel_lookup (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

char *
mr_token_store_resolve (const char *endpoint,
                        guint       timeout_ms)
{
  const char *variable = g_getenv ("HF_TOKEN");
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  g_return_val_if_fail (endpoint != NULL, NULL);

  if (variable != NULL && *variable != '\0')
    return g_strdup (variable);

  /* A context of its own, so that nothing else runs while it waits; a
   * keyring that does not answer (a locked one prompting on another
   * screen, a bus with no Secret Service) is given up on. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  cancellable = g_cancellable_new ();
  timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (timeout, cancel_lookup, cancellable, NULL);
  g_source_attach (timeout, context);
  mr_token_store_lookup_async (endpoint, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  token = mr_token_store_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("No token from the keyring for %s: %s", endpoint, error->message);
  return token;
}
