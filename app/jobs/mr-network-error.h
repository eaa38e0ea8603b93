/* mr-network-error.h — failures of the metadata clients (Hub, Ollama)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every message names the model (or listing) and the URL path that failed,
 * never the access token.  Cancellation is not a code of this domain: it is
 * reported as G_IO_ERROR_CANCELLED, like everywhere else in GIO.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MR_NETWORK_ERROR (mr_network_error_quark ())

typedef enum {
  MR_NETWORK_ERROR_FAILED,             /* another HTTP error (e.g. 400) */
  MR_NETWORK_ERROR_NOT_FOUND,          /* 401/404: missing, or private and not visible */
  MR_NETWORK_ERROR_GATED,              /* files need an accepted access request */
  MR_NETWORK_ERROR_REVISION_NOT_FOUND,
  MR_NETWORK_ERROR_DISABLED,           /* 403: the repository was disabled */
  MR_NETWORK_ERROR_RATE_LIMITED,       /* 429 whose wait is too long to sit out */
  MR_NETWORK_ERROR_SERVER,             /* 5xx after every retry */
  MR_NETWORK_ERROR_TIMED_OUT,
  MR_NETWORK_ERROR_TOO_LARGE,          /* body past the size cap */
  MR_NETWORK_ERROR_MALFORMED,          /* not the JSON/YAML shape expected */
  MR_NETWORK_ERROR_UNAUTHORIZED,       /* the token was refused */
  MR_NETWORK_ERROR_REDIRECT_LOOP,      /* a loop, or too many redirects */
  MR_NETWORK_ERROR_CONNECTION,         /* DNS, refused, reset, TLS */
} MrNetworkError;

GQuark mr_network_error_quark (void);

G_END_DECLS
