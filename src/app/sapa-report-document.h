/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-document.h: a computed report as a PDF, a print job or CSV files */
#pragma once

#include <gtk/gtk.h>

#include "sapa-report.h"
#include "sapa-report-pdf.h"

G_BEGIN_DECLS

/* Returns the printable report of @data. It starts with the title, the
 * airports, the period and the time it was computed in zone @desk_iana
 * (the desk's, labelled "WIB", "WITA" or "WIT"). Then come the sections
 * of sapa_report_get_sections(), each with its chart and the cells of
 * @tables. */
SapaReport *sapa_report_document_new          (const SapaReportData *data,
                                               GPtrArray            *tables,
                                               const char           *desk_iana);

/* Writes @report as a PDF to @file in a thread, replacing the file, and
 * deletes a partly written file on error. Takes @report. */
void        sapa_report_document_save_async   (SapaReport           *report,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    sapa_report_document_save_finish  (GAsyncResult         *result,
                                               GError              **error);

/* Writes table @table_id of @tables (referenced) as CSV, with ';' and a
 * byte order mark for Excel in Indonesian, to @file in a thread,
 * replacing the file. */
void        sapa_report_table_save_async      (GPtrArray            *tables,
                                               const char           *table_id,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    sapa_report_table_save_finish     (GAsyncResult         *result,
                                               GError              **error);

/* Prints @report through the print dialog over @parent, A4 pages laid out
 * as in the PDF. Takes @report. Errors go to the window's toast. */
void        sapa_report_document_print        (SapaReport           *report,
                                               GtkWindow            *parent);

/* Returns a file name for a save dialog: "laporan-2026-11-01_2026-11-30"
 * with @suffix before the period (such as the table's title) and
 * @extension (".pdf", ".csv"), in lower case without spaces. */
char       *sapa_report_document_file_name    (const SapaReportData *data,
                                               const char           *suffix,
                                               const char           *extension);

G_END_DECLS
