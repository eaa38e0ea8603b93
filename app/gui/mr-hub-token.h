/* mr-hub-token.h — the Hugging Face token for the GUI, looked up once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HF_TOKEN when set, else the keyring's token for the endpoint, asked for
 * asynchronously (a locked keyring may prompt) and kept for the rest of the
 * session.  Main thread only.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The endpoint the token is kept under: the hub-endpoint setting, else the
 * default (HF_ENDPOINT or huggingface.co). */
char *mr_hub_token_dup_endpoint (GSettings           *settings);

/* finish gives NULL for anonymous access; no keyring is not an error. */
void  mr_hub_token_lookup_async (const char          *endpoint,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
char *mr_hub_token_lookup_finish (GAsyncResult       *result,
                                  GError            **error);

/* Replaces the session's copy after the keyring was changed; NULL: none. */
void  mr_hub_token_remember     (const char          *endpoint,
                                 const char          *token);

G_END_DECLS
