/* mr-report-html.h — reports as one self-contained HTML5 file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file carries its own style sheet (screen and print) and no script, so
 * it can be mailed, archived or printed as it is.  Every string that came
 * from a user or a file is escaped.
 */
#pragma once

#include "mr-report-data.h"

G_BEGIN_DECLS

/* The governance report: cover, summary, flags, decisions, per-model sections. */
char *mr_report_html_governance     (const MrReportData *data);

/* The building blocks other HTML reports share. */
void  mr_report_html_begin          (GString            *out,
                                     const char         *title);
void  mr_report_html_end            (GString            *out);
/* @text may be NULL: nothing is appended. */
void  mr_report_html_append_escaped (GString            *out,
                                     const char         *text);
/* <tag>escaped text</tag> */
void  mr_report_html_append_element (GString            *out,
                                     const char         *tag,
                                     const char         *text);

G_END_DECLS
