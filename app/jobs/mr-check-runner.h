/* mr-check-runner.h — run the inference-check helper for one model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs model-register-check in its own process (see app/check/) with an
 * argument vector, a timeout, a memory guard and cancellation, and turns
 * whatever happens to it into an MrCheckResult or an MR_CHECK_ERROR.
 */
#pragma once

#include <gio/gio.h>

#include "mr-check-result.h"

G_BEGIN_DECLS

#define MR_TYPE_CHECK_RUNNER (mr_check_runner_get_type ())

G_DECLARE_FINAL_TYPE (MrCheckRunner, mr_check_runner, MR, CHECK_RUNNER, GObject)

#define MR_CHECK_RUNNER_DEFAULT_TOKENS 16
#define MR_CHECK_RUNNER_DEFAULT_TIMEOUT_MS (120 * 1000)

/* The helper is $MODEL_REGISTER_CHECK_HELPER when set (tests, uninstalled
 * runs), else the installed one. */
MrCheckRunner *mr_check_runner_new              (void);

void           mr_check_runner_set_tokens       (MrCheckRunner       *self,
                                                 guint                tokens);
/* 0: the helper's default. */
void           mr_check_runner_set_threads      (MrCheckRunner       *self,
                                                 guint                threads);
void           mr_check_runner_set_timeout_ms   (MrCheckRunner       *self,
                                                 guint                timeout_ms);
/* Where llama.cpp's log goes; NULL (the default) discards it. */
void           mr_check_runner_set_log_path     (MrCheckRunner       *self,
                                                 const char          *log_path);
/* The file with a "MemAvailable:" line; /proc/meminfo unless a test
 * needs a machine with less memory. */
void           mr_check_runner_set_meminfo_path (MrCheckRunner       *self,
                                                 const char          *meminfo_path);
void           mr_check_runner_set_helper_path  (MrCheckRunner       *self,
                                                 const char          *helper_path);
const char    *mr_check_runner_get_helper_path  (MrCheckRunner       *self);

/* FALSE with MR_CHECK_ERROR_NO_RUNTIME, saying how to install one, when
 * the helper is missing: a UI asks before offering the check. */
gboolean       mr_check_runner_has_runtime      (MrCheckRunner       *self,
                                                 GError             **error);
/* Cancelling kills the helper; the task completes once it has exited. */
void           mr_check_runner_run_async        (MrCheckRunner       *self,
                                                 const char          *model_path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
MrCheckResult *mr_check_runner_run_finish       (MrCheckRunner       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
