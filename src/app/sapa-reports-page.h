/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-reports-page.h: the Reports section: a period's figures, charts and exports */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"
#include "sapa-report.h"

G_BEGIN_DECLS

#define SAPA_TYPE_REPORTS_PAGE (sapa_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (SapaReportsPage, sapa_reports_page, SAPA, REPORTS_PAGE, GtkWidget)

/* The page computes its report on the store's worker whenever it is
 * shown after a change: of the period, the airports, or the tickets. A
 * change while a computation runs cancels it. The "computing" property
 * is TRUE meanwhile. */
SapaReportsPage      *sapa_reports_page_new              (SapaContext      *context);

/* The report shown, or NULL before the first one. */
const SapaReportData *sapa_reports_page_get_data         (SapaReportsPage  *self);
gboolean              sapa_reports_page_get_computing    (SapaReportsPage  *self);

/* Saves the report shown as a PDF, or one of its tables (by
 * SAPA_REPORT_TABLE_* id) as CSV, to @file, as the page's buttons do
 * after their file dialog. */
void                  sapa_reports_page_save_pdf_async   (SapaReportsPage  *self,
                                                          GFile            *file,
                                                          GCancellable     *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer          user_data);
gboolean              sapa_reports_page_save_pdf_finish  (SapaReportsPage  *self,
                                                          GAsyncResult     *result,
                                                          GError          **error);
void                  sapa_reports_page_save_table_async (SapaReportsPage  *self,
                                                          const char       *table_id,
                                                          GFile            *file,
                                                          GCancellable     *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer          user_data);
gboolean              sapa_reports_page_save_table_finish (SapaReportsPage *self,
                                                           GAsyncResult    *result,
                                                           GError         **error);

G_END_DECLS
