/* mr-check-probe.h — load a GGUF with libllama and generate greedily
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _MrCheckProbe MrCheckProbe;

typedef struct {
  GString *output;          /* raw bytes: byte tokens may split UTF-8 */
  guint    tokens_generated;
  double   first_token_ms;  /* prompt evaluation plus the first token */
  double   tokens_per_second;
} MrCheckRun;

/* Sends llama.cpp's log to log_file (NULL: discard it) and loads the CPU
 * backends; call once, before anything else. */
void          mr_check_probe_init_runtime  (FILE          *log_file);
/* The ggml CPU library the runtime picked for this machine, or NULL. */
char         *mr_check_probe_cpu_variant   (void);

MrCheckProbe *mr_check_probe_load          (const char    *path,
                                            double        *load_ms,
                                            GError       **error);
/* A fresh context every time, so that runs cannot influence each other. */
gboolean      mr_check_probe_run           (MrCheckProbe  *probe,
                                            const char    *prompt,
                                            guint          n_tokens,
                                            guint          n_threads,
                                            MrCheckRun    *run,
                                            GError       **error);
void          mr_check_probe_free          (MrCheckProbe  *probe);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCheckProbe, mr_check_probe_free)

G_END_DECLS
