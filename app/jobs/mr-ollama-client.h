/* mr-ollama-client.h — the local Ollama server's model list and details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/tags and POST /api/show (hub-api.md §4) over MrHttpClient, so the
 * same timeouts, size cap and MR_NETWORK_ERROR messages apply.
 */
#pragma once

#include <gio/gio.h>

#include "mr-http-client.h"
#include "mr-ollama-model.h"

G_BEGIN_DECLS

#define MR_OLLAMA_CLIENT_DEFAULT_PORT 11434

#define MR_TYPE_OLLAMA_CLIENT (mr_ollama_client_get_type ())

G_DECLARE_FINAL_TYPE (MrOllamaClient, mr_ollama_client, MR, OLLAMA_CLIENT, GObject)

/* The base URL an OLLAMA_HOST value means, read as the Ollama CLI does:
 * "host", "host:port", ":port", "scheme://host[:port]"; NULL or empty gives
 * http://127.0.0.1:11434. */
char           *mr_ollama_client_base_url_for_host (const char *ollama_host);
/* mr_ollama_client_base_url_for_host ($OLLAMA_HOST). */
char           *mr_ollama_client_default_base_url  (void);

/* base_url: NULL for mr_ollama_client_default_base_url(). */
MrOllamaClient *mr_ollama_client_new               (const char   *base_url);
MrOllamaClient *mr_ollama_client_new_with_http     (const char   *base_url,
                                                    MrHttpClient *http);
const char     *mr_ollama_client_get_base_url      (MrOllamaClient *self);

/* A GPtrArray of MrOllamaModel. */
void            mr_ollama_client_list_models_async  (MrOllamaClient      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray      *mr_ollama_client_list_models_finish (MrOllamaClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

void            mr_ollama_client_show_async         (MrOllamaClient      *self,
                                                     const char          *name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MrOllamaModel  *mr_ollama_client_show_finish        (MrOllamaClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
