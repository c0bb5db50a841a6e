/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-pdf.h: supervisors' reports as A4 PDF pages of charts and tables */
#pragma once

#include <gio/gio.h>

#include "sapa-chart.h"

G_BEGIN_DECLS

/* A4 portrait, 210 × 297 mm, in points (1/72 inch). */
#define SAPA_REPORT_PAGE_WIDTH_PT  595.276
#define SAPA_REPORT_PAGE_HEIGHT_PT 841.890
#define SAPA_REPORT_CHART_HEIGHT_PT 220.0
#define SAPA_REPORT_CELL_MAX_LINES  8

typedef enum {
  SAPA_REPORT_COLUMN_TEXT,    /* left-aligned, wrapped to the column */
  SAPA_REPORT_COLUMN_NUMBER,  /* right-aligned, as wide as its widest cell */
} SapaReportColumnKind;

/* The content of a report: a title, the airports, the period and the
 * time it was generated (all text the caller has formatted), then
 * sections, each with a heading, an optional chart and an optional
 * table. */
typedef struct _SapaReport SapaReport;

SapaReport *sapa_report_new              (const char           *title);
void        sapa_report_free             (SapaReport           *self);

void        sapa_report_set_airports     (SapaReport           *self,
                                          const char           *airports);
void        sapa_report_set_period       (SapaReport           *self,
                                          const char           *period);
void        sapa_report_set_generated_at (SapaReport           *self,
                                          const char           *generated_at);

/* Starts a section. The calls below fill the section added last. */
void        sapa_report_add_section      (SapaReport           *self,
                                          const char           *heading);
/* Draws @chart (referenced) under the heading, the full width of the
 * text and SAPA_REPORT_CHART_HEIGHT_PT high. */
void        sapa_report_set_chart        (SapaReport           *self,
                                          SapaChart            *chart);
void        sapa_report_add_column       (SapaReport           *self,
                                          const char           *header,
                                          SapaReportColumnKind  kind);
/* Adds a table row of one cell per column (copied). A cell over
 * SAPA_REPORT_CELL_MAX_LINES lines once wrapped is cut with "…", so that
 * every row fits on a page. */
void        sapa_report_add_row          (SapaReport           *self,
                                          const char * const   *cells);

/* Writes the report to @stream as an A4 PDF, "Page N of M" at the foot of
 * each page. A table that runs past a page goes on with its header row
 * repeated. Blocks while it lays out and draws. On error, including
 * G_IO_ERROR_CANCELLED, part of a PDF may have been written: delete the
 * file. The stream is left open. */
gboolean    sapa_report_write_pdf        (SapaReport           *self,
                                          GOutputStream        *stream,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* Draws the pages that sapa_report_write_pdf() writes, each on a cairo
 * recording surface of A4 in points, for printing. Returns a GPtrArray
 * of cairo_surface_t, or NULL with G_IO_ERROR_CANCELLED. */
GPtrArray  *sapa_report_record_pages     (SapaReport           *self,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReport, sapa_report_free)

G_END_DECLS
