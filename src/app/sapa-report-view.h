/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-view.h: the widgets that show a computed report's sections */
#pragma once

#include <gtk/gtk.h>

#include "sapa-report.h"

G_BEGIN_DECLS

/* Returns a widget of section @index of sapa_report_get_sections(). It
 * shows the heading, the chart and a view of each of the section's
 * tables. The chart is a GtkDrawingArea whose accessible description is
 * the chart's data in words. Each table has a button that activates
 * "reports.save-table" with the table's id, and its column view is named
 * after that id, for tests. The widgets keep @tables alive. */
GtkWidget *sapa_report_view_new_section (guint                 index,
                                         const SapaReportData *data,
                                         GPtrArray            *tables);

G_END_DECLS
