/* mr-report-inventory.h — the whole register with its evaluation, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For spreadsheets and scripts: enums are written as their stable nicks,
 * flags with their reasons, one line or object per model.
 */
#pragma once

#include "mr-report-data.h"

G_BEGIN_DECLS

char *mr_report_inventory_to_csv  (const MrReportData *data);
/* A JSON array: each entry's own fields plus an "evaluation" object. */
char *mr_report_inventory_to_json (const MrReportData *data);

G_END_DECLS
