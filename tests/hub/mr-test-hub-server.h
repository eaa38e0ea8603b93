/* mr-test-hub-server.h — a loopback Hub/Ollama server for tests and benches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves tests/data/hub/ as index.json routes it (status, headers, body
 * file, auth condition), on 127.0.0.1 with a free port.  Tokens the routes'
 * auth conditions recognise: MR_TEST_TOKEN_WITH_ACCESS, MR_TEST_TOKEN_INVALID;
 * any other token is "a token without access".  A revision in a tree or
 * resolve path that has no route of its own is served the recorded one.
 * Faults can be injected per URL path.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MR_TEST_TOKEN_WITH_ACCESS "hf_test_with_access"
#define MR_TEST_TOKEN_INVALID     "hf_test_invalid"
#define MR_TEST_TOKEN_NO_ACCESS   "hf_test_without_access"

typedef enum {
  MR_TEST_FAULT_DELAY,           /* answer after 2 s */
  MR_TEST_FAULT_SERVER_ERROR,    /* 500 */
  MR_TEST_FAULT_RATE_LIMIT,      /* 429, RateLimit r=0;t=1 and Retry-After: 1 */
  MR_TEST_FAULT_RATE_LIMIT_LONG, /* 429, RateLimit r=0;t=3600 */
  MR_TEST_FAULT_TRUNCATED,       /* the first half of the real body */
  MR_TEST_FAULT_NOT_JSON,        /* 200 with an HTML page */
  MR_TEST_FAULT_HUGE,            /* 50 MiB of JSON-ish bytes, chunked */
  MR_TEST_FAULT_REDIRECT_LOOP,   /* 307 to path?hop, which 307s back */
  MR_TEST_FAULT_BODY,            /* 200 with the text given */
} MrTestFault;

#define MR_TEST_HUGE_BODY (50 * 1024 * 1024)

typedef struct _MrTestHubServer MrTestHubServer;

/* Call before anything uses GIO networking: loopback tests must not go
 * through the desktop's proxy settings (nor need their schemas). */
void             mr_test_hub_server_prepare_environment (void);

MrTestHubServer *mr_test_hub_server_new          (void);
void             mr_test_hub_server_free         (MrTestHubServer *self);
/* "http://127.0.0.1:PORT" */
const char      *mr_test_hub_server_get_base     (MrTestHubServer *self);
/* Requests seen for a URL path (whatever the answer). */
guint            mr_test_hub_server_get_hits     (MrTestHubServer *self,
                                                  const char      *path);
/* times: how many requests get the fault (0: all).  text: the body of
 * MR_TEST_FAULT_BODY, else NULL. */
void             mr_test_hub_server_add_fault    (MrTestHubServer *self,
                                                  const char      *path,
                                                  MrTestFault      fault,
                                                  guint            times,
                                                  const char      *text);
/* Bytes of the HUGE body handed to the connection so far. */
gsize            mr_test_hub_server_get_streamed (MrTestHubServer *self);
/* Serves any repo id starting with prefix as the recorded model like,
 * with like's id replaced by the requested one in every body. */
void             mr_test_hub_server_set_template (MrTestHubServer *self,
                                                  const char      *prefix,
                                                  const char      *like);

/* A GAsyncReadyCallback storing a reference to the result in
 * *(GAsyncResult **) user_data, and the loop that waits for it. */
void             mr_test_store_result            (GObject         *source,
                                                  GAsyncResult    *result,
                                                  gpointer         user_data);
GAsyncResult    *mr_test_wait_result             (GAsyncResult   **slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrTestHubServer, mr_test_hub_server_free)

G_END_DECLS
