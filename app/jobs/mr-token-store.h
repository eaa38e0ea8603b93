/* mr-token-store.h — the Hugging Face token, from the environment or the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A token kept in the desktop keyring (the Secret Service, through
 * libsecret), one per Hub endpoint, under the schema
 * "io.github.modelregister.ModelRegister.HubToken".  HF_TOKEN, when set,
 * wins, as it does for Hugging Face's own tools.  The token is never
 * logged.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long the CLI waits for a keyring before it goes on without one. */
#define MR_TOKEN_STORE_TIMEOUT_MS 2000

/* The keyring's token for @endpoint; finish gives NULL without an error
 * when none is stored, and an error when no keyring answered. */
void      mr_token_store_lookup_async  (const char          *endpoint,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *mr_token_store_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

/* Stores @token for @endpoint, replacing the one kept before. */
void      mr_token_store_store_async   (const char          *endpoint,
                                        const char          *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  mr_token_store_store_finish  (GAsyncResult        *result,
                                        GError             **error);

/* Removes the token of @endpoint; TRUE also when none was stored. */
void      mr_token_store_clear_async   (const char          *endpoint,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  mr_token_store_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

/* The token to use for @endpoint: HF_TOKEN when set, else the keyring's
 * when a Secret Service answers within @timeout_ms, else NULL.  Blocks at
 * most that long, iterating a main context of its own: for the CLI. */
char     *mr_token_store_resolve       (const char          *endpoint,
                                        guint                timeout_ms);

G_END_DECLS
