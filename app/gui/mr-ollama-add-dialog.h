/* mr-ollama-add-dialog.h — "Add from Ollama": pick a local model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the models of the local Ollama server (GET /api/tags) and, once
 * one is picked, asks for its details and emits "draft-ready" with the
 * record they map to and a snapshot of them, then closes.  When Ollama
 * does not answer, the dialog says so and where it looked.
 */
#pragma once

#include <adwaita.h>

#include "mr-ollama-client.h"

G_BEGIN_DECLS

#define MR_TYPE_OLLAMA_ADD_DIALOG (mr_ollama_add_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrOllamaAddDialog, mr_ollama_add_dialog, MR, OLLAMA_ADD_DIALOG, AdwWindow)

/* Starts listing the models at once. */
MrOllamaAddDialog *mr_ollama_add_dialog_new (GtkWindow      *parent,
                                             MrOllamaClient *ollama);

G_END_DECLS
