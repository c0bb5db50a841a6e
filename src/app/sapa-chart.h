/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart.h: bar and line charts drawn with cairo for screens and reports */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define SAPA_TYPE_CHART (sapa_chart_get_type ())
G_DECLARE_FINAL_TYPE (SapaChart, sapa_chart, SAPA, CHART, GObject)

typedef enum {
  SAPA_CHART_BAR,          /* one bar per series, side by side in each category */
  SAPA_CHART_STACKED_BAR,  /* the series stacked into one bar per category */
  SAPA_CHART_LINE,         /* one line per series across the categories */
} SapaChartKind;

/* A chart of one or more series of values over the same categories (the
 * channels, or the days of a period). The value axis always includes 0,
 * so bar lengths compare truly. */
SapaChart    *sapa_chart_new              (SapaChartKind       kind,
                                           const char         *title);

SapaChartKind sapa_chart_get_kind         (SapaChart          *self);
const char   *sapa_chart_get_title        (SapaChart          *self);

/* Sets the category labels (NULL-terminated, copied). Series added before
 * are dropped, because their values no longer match. */
void          sapa_chart_set_categories   (SapaChart          *self,
                                           const char * const *labels);

/* Adds a series called @name with one value per category: @n_values must
 * be the number of categories. A NAN value is missing, so it leaves a gap
 * in a line and no bar. */
void          sapa_chart_add_series       (SapaChart          *self,
                                           const char         *name,
                                           const double       *values,
                                           guint               n_values);

/* Sets the digits after the decimal separator in value labels, tick
 * labels and the description: 0 (the default, for counts) to 6. */
void          sapa_chart_set_value_digits (SapaChart          *self,
                                           guint               digits);

/* Draws the chart on @cr in the rectangle (0, 0, @width, @height) of its
 * user space, in the same units: pixels in a GtkDrawingArea, points on a
 * PDF page. The chart fills its rectangle with white and draws in dark
 * text and the GNOME palette, so it reads the same in a dark theme and
 * on paper. The state of @cr is restored afterwards. */
void          sapa_chart_draw             (SapaChart          *self,
                                           cairo_t            *cr,
                                           double              width,
                                           double              height);

/* Returns a text description for screen readers and as a fallback to the
 * drawing, such as "Bar chart: Tickets by channel. CS counter: 120, Dial
 * 172: 80." With several series, each series is named before its values.
 * Translated. */
char         *sapa_chart_describe         (SapaChart          *self);

G_END_DECLS
