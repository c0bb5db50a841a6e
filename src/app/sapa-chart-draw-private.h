/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart-draw-private.h: the layout of a chart's drawing, shared by its parts */
#pragma once

#include <pango/pangocairo.h>

#include "sapa-chart-private.h"

G_BEGIN_DECLS

/* Sizes are in the user units of the cairo_t: points on paper, pixels on
 * screen. */
#define PADDING       8.0
#define TITLE_SIZE   13.0
#define LABEL_SIZE    9.0
/* Category labels shrink down to this size before they are turned. */
#define MIN_LABEL_SIZE 7.0
#define VALUE_SIZE    8.5
#define SWATCH_SIZE   9.0
#define TICK_GAP      6.0
/* Aim for a horizontal grid line every this many units of plot height,
 * with 3 to 6 steps on the axis. */
#define TICK_SPACING 40.0
#define MIN_TICKS     3
#define MAX_TICKS     6
/* Turned category labels take at most this share of the chart's height.
 * Longer ones end in "…", and the table beside the chart names them in
 * full. */
#define MAX_TURNED_SHARE 0.3

/* The value axis: grid lines at min, min + step, ... max. */
typedef struct {
  double min;
  double max;
  double step;
} Axis;

/* How the category labels are drawn: straight and wrapped to two lines,
 * or turned to read upwards, at @size. Only when even turned labels of
 * MIN_LABEL_SIZE are taller than a column, as with the days of a long
 * period, is every @step-th label drawn. */
typedef struct {
  double   size;
  gboolean turned;
  guint    step;
  double   height;        /* below the plot */
} CategoryLabels;

/* The rectangle the values are drawn in, and its axis. */
typedef struct {
  double x;
  double y;
  double width;
  double height;
  Axis   axis;
  double line_height;     /* of a label line */
  CategoryLabels categories;
  GArray *label_boxes;    /* cairo_rectangle_t of the value labels drawn */
} Plot;

PangoLayout *sapa_chart_create_text          (cairo_t     *cr,
                                             const char  *text,
                                             double       size,
                                             gboolean     bold);
void         sapa_chart_get_text_size       (PangoLayout *layout,
                                             double      *width,
                                             double      *height);
/* Draws @layout with its top left corner at (@x, @y). */
void         sapa_chart_show_text           (cairo_t     *cr,
                                             PangoLayout *layout,
                                             double       x,
                                             double       y);
double       sapa_chart_measure_line_height (cairo_t     *cr,
                                             double       size);
double       sapa_chart_column_width        (SapaChart   *self,
                                             const Plot  *plot);
double       sapa_chart_column_center       (SapaChart   *self,
                                             const Plot  *plot,
                                             guint        category);

/* Chooses how to draw every category label under columns @width wide
 * into @labels. */
void         sapa_chart_plan_category_labels (SapaChart      *self,
                                              cairo_t        *cr,
                                              double          width,
                                              double          max_turned,
                                              CategoryLabels *labels);
/* Draws the category labels under @plot in the current source colour. */
void         sapa_chart_draw_category_labels (SapaChart  *self,
                                              cairo_t    *cr,
                                              const Plot *plot);

G_END_DECLS
