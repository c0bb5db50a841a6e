/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-charts.h: the sections of a report and the chart of each */
#pragma once

#include "sapa-chart.h"
#include "sapa-report.h"

G_BEGIN_DECLS

/* A report reads as sections: a heading, a chart, then tables. The
 * screen and the PDF show the same sections in the same order. */
typedef struct {
  const char         *heading;   /* N_() */
  const char * const *tables;    /* SAPA_REPORT_TABLE_* ids, NULL-terminated */
} SapaReportSection;

const SapaReportSection *sapa_report_get_sections   (guint                *n_sections);

/* Returns the chart of section @index, drawn from @data and labelled
 * with the first column of @tables (from
 * sapa_report_data_build_tables()), so that a chart names each bar as its
 * table names the row. */
SapaChart               *sapa_report_build_chart    (guint                 index,
                                                     const SapaReportData *data,
                                                     GPtrArray            *tables);

G_END_DECLS
