/* mr-openai-probe.h — the inference check against an OpenAI-compatible server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same probe as model-register-check (fixed prompt, greedy, N tokens,
 * twice) sent to POST /v1/completions of llama-server, vLLM or Ollama.
 * A server has no load time or time to first token to report: those
 * fields of the result are "not measured", and tokens_per_second includes
 * the prompt and the network.
 */
#pragma once

#include <gio/gio.h>

#include "mr-check-result.h"

G_BEGIN_DECLS

#define MR_TYPE_OPENAI_PROBE (mr_openai_probe_get_type ())

G_DECLARE_FINAL_TYPE (MrOpenaiProbe, mr_openai_probe, MR, OPENAI_PROBE, GObject)

/* base_url: e.g. "http://localhost:8080" or ".../v1"; api_key may be NULL. */
MrOpenaiProbe *mr_openai_probe_new            (const char           *base_url,
                                               const char           *api_key);
void           mr_openai_probe_set_tokens     (MrOpenaiProbe        *self,
                                               guint                 tokens);
void           mr_openai_probe_set_timeout_ms (MrOpenaiProbe        *self,
                                               guint                 timeout_ms);
/* The URL the probe posts to. */
const char    *mr_openai_probe_get_url        (MrOpenaiProbe        *self);

/* model: the name the server knows the model by. */
void           mr_openai_probe_run_async      (MrOpenaiProbe        *self,
                                               const char           *model,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
MrCheckResult *mr_openai_probe_run_finish     (MrOpenaiProbe        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
