/* mr-factsheet.h — one model's EU AI Act documentation, as far as it is known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields of Annex XI (technical documentation) and Annex XII
 * (information for downstream providers) that a register entry can answer.
 * A field the register cannot answer is "Not known", never guessed.
 */
#pragma once

#include "mr-model-record.h"

G_BEGIN_DECLS

/* Untranslated in JSON, translated in HTML and PDF. */
#define MR_FACTSHEET_NOT_KNOWN "Not known"

typedef struct {
  const char *key;        /* stable, in JSON: "parameter-count" */
  const char *label;      /* translated */
  const char *reference;  /* "Annex XI §1(d), XII" */
  char       *value;      /* NULL: not known */
} MrFactsheetField;

typedef struct {
  MrModelRecord *record;        /* owned reference */
  char          *organisation;  /* NULL: none given */
  gint64         generated_at;  /* Unix time, UTC */
  GArray        *fields;        /* MrFactsheetField, in the annexes' order */
} MrFactsheet;

/* @record as the store gave it: its stamped openness is shown as is.
 * @generated_at: 0 for now. */
MrFactsheet *mr_factsheet_new     (MrModelRecord     *record,
                                   const char        *organisation,
                                   gint64             generated_at);
void         mr_factsheet_free    (MrFactsheet       *factsheet);

/* The value, or the translated "Not known". */
const char  *mr_factsheet_field_get_display_value (const MrFactsheetField *field);
/* The legal reference in the user's language. */
const char  *mr_factsheet_field_get_display_reference (const MrFactsheetField *field);

char        *mr_factsheet_to_json (const MrFactsheet *factsheet);
char        *mr_factsheet_to_html (const MrFactsheet *factsheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrFactsheet, mr_factsheet_free)

G_END_DECLS
