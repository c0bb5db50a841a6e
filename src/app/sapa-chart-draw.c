/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart-draw.c: draws a chart's axes, bars, lines and labels with cairo */

#define G_LOG_DOMAIN "sapa-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sapa-chart-draw-private.h"

typedef struct {
  double red;
  double green;
  double blue;
} Color;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* The GNOME palette, as libadwaita names it, in the darker shades, so
 * that every series is distinct on white. */
static const Color series_colors[] = {
  RGB (0x3584e4),  /* blue 3 */
  RGB (0x26a269),  /* green 5 */
  RGB (0xe66100),  /* orange 4 */
  RGB (0x9141ac),  /* purple 3 */
  RGB (0xe01b24),  /* red 3 */
  RGB (0x986a44),  /* brown 3 */
  RGB (0xe5a50a),  /* yellow 5 */
};
static const Color background_color = RGB (0xffffff);  /* light 1 */
static const Color text_color = RGB (0x241f31);        /* dark 4 */
static const Color secondary_color = RGB (0x5e5c64);   /* dark 2 */
static const Color grid_color = RGB (0xdeddda);        /* light 3 */
static const Color axis_color = RGB (0x9a9996);        /* light 5 */

static void
set_color (cairo_t     *cr,
           const Color *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static const Color *
get_series_color (guint series)
{
  return &series_colors[series % G_N_ELEMENTS (series_colors)];
}

PangoLayout *
sapa_chart_create_text (cairo_t    *cr,
                        const char *text,
                        double      size,
                        gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  pango_font_description_free (font);
  return layout;
}

void
sapa_chart_get_text_size (PangoLayout *layout,
                          double      *width,
                          double      *height)
{
  int text_width;
  int text_height;

  pango_layout_get_size (layout, &text_width, &text_height);
  if (width != NULL)
    *width = (double) text_width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) text_height / PANGO_SCALE;
}

void
sapa_chart_show_text (cairo_t     *cr,
                      PangoLayout *layout,
                      double       x,
                      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  /* Drop the current point, or the next arc would start with a line
   * from here. */
  cairo_new_path (cr);
}

/* Draws the title, wrapped to two lines at most, and returns the y below
 * it. */
static double
draw_title (SapaChart *self,
            cairo_t   *cr,
            double     width,
            double     top)
{
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (*self->title == '\0')
    return top;

  layout = sapa_chart_create_text (cr, self->title, TITLE_SIZE, TRUE);
  pango_layout_set_width (layout, (int) (MAX (width - 2 * PADDING, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  sapa_chart_get_text_size (layout, NULL, &height);

  set_color (cr, &text_color);
  sapa_chart_show_text (cr, layout, PADDING, top);
  return top + height + 6;
}

/* Draws a swatch and the name of each series, in rows as wide as the
 * chart, and returns the y below the legend. */
static double
draw_legend (SapaChart *self,
             cairo_t   *cr,
             double     width,
             double     top)
{
  double x = PADDING;
  double row_height = 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      const SapaChartSeries *series = g_ptr_array_index (self->series, s);
      g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, series->name, LABEL_SIZE, FALSE);
      double text_width;
      double text_height;
      double item_width;

      sapa_chart_get_text_size (layout, &text_width, &text_height);
      item_width = SWATCH_SIZE + 4 + text_width;
      row_height = MAX (row_height, text_height);
      if (x > PADDING && x + item_width > width - PADDING)
        {
          x = PADDING;
          top += row_height + 2;
        }

      set_color (cr, get_series_color (s));
      if (self->kind == SAPA_CHART_LINE)
        cairo_rectangle (cr, x, top + text_height / 2 - 1.5, SWATCH_SIZE, 3);
      else
        cairo_rectangle (cr, x, top + (text_height - SWATCH_SIZE) / 2, SWATCH_SIZE, SWATCH_SIZE);
      cairo_fill (cr);

      set_color (cr, &text_color);
      sapa_chart_show_text (cr, layout, x + SWATCH_SIZE + 4, top);
      x += item_width + 14;
    }

  return top + row_height + 6;
}

static void
get_value_range (SapaChart *self,
                 double    *out_min,
                 double    *out_max)
{
  double min = 0;
  double max = 0;

  for (guint c = 0; c < self->n_categories; c++)
    {
      double above = 0;
      double below = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = sapa_chart_get_value (self, s, c);

          if (isnan (value))
            continue;
          if (self->kind != SAPA_CHART_STACKED_BAR)
            {
              min = MIN (min, value);
              max = MAX (max, value);
            }
          else if (value >= 0)
            above += value;
          else
            below += value;
        }
      min = MIN (min, below);
      max = MAX (max, above);
    }

  *out_min = min;
  *out_max = max;
}

/* Returns an axis from @min to @max with about @n_ticks steps of 1, 2 or 5
 * times a power of ten, never finer than @digits decimals can show. */
static Axis
make_axis (double min,
           double max,
           guint  n_ticks,
           guint  digits)
{
  Axis axis;
  double range = max - min;
  double raw_step;
  double magnitude;
  double fraction;

  if (range <= 0)
    range = 1;

  raw_step = range / n_ticks;
  magnitude = pow (10, floor (log10 (raw_step)));
  fraction = raw_step / magnitude;
  if (fraction <= 1)
    axis.step = magnitude;
  else if (fraction <= 2)
    axis.step = 2 * magnitude;
  else if (fraction <= 5)
    axis.step = 5 * magnitude;
  else
    axis.step = 10 * magnitude;
  axis.step = MAX (axis.step, pow (10, -(double) digits));

  axis.min = floor (min / axis.step) * axis.step;
  axis.max = ceil (max / axis.step) * axis.step;
  if (axis.max <= axis.min)
    axis.max = axis.min + axis.step;
  return axis;
}

static guint
count_ticks (const Axis *axis)
{
  return (guint) lround ((axis->max - axis->min) / axis->step) + 1;
}

static double
value_to_y (const Plot *plot,
            double      value)
{
  return plot->y + plot->height * (plot->axis.max - value) / (plot->axis.max - plot->axis.min);
}

double
sapa_chart_column_width (SapaChart  *self,
                         const Plot *plot)
{
  return plot->width / self->n_categories;
}

double
sapa_chart_column_center (SapaChart  *self,
                          const Plot *plot,
                          guint       category)
{
  return plot->x + (category + 0.5) * sapa_chart_column_width (self, plot);
}

/* Sets the plot's height, axis and left edge for @label_height below it. */
static void
fit_plot (SapaChart *self,
          cairo_t   *cr,
          double     width,
          double     height,
          double     top,
          double     label_height,
          Plot      *plot)
{
  double label_width = 0;
  double min;
  double max;
  guint n_ticks;

  plot->height = MAX (height - top - plot->line_height - label_height - 4 - PADDING, 1);
  n_ticks = CLAMP ((guint) (plot->height / TICK_SPACING), MIN_TICKS, MAX_TICKS);

  get_value_range (self, &min, &max);
  plot->axis = make_axis (min, max, n_ticks, self->value_digits);

  for (guint i = 0; i < count_ticks (&plot->axis); i++)
    {
      g_autofree char *text = sapa_chart_format_value (plot->axis.min + i * plot->axis.step, self->value_digits);
      g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, text, LABEL_SIZE, FALSE);
      double text_width;

      sapa_chart_get_text_size (layout, &text_width, NULL);
      label_width = MAX (label_width, text_width);
    }

  plot->x = PADDING + label_width + TICK_GAP;
  plot->y = top + plot->line_height;
  plot->width = MAX (width - plot->x - PADDING, 1);
}

/* Places the plot below @top, leaving room on the left for the tick
 * labels, above for value labels and below for the category labels. The
 * room the labels need depends on the column width, which depends on the
 * tick labels, so the plan is made twice. */
static void
layout_plot (SapaChart *self,
             cairo_t   *cr,
             double     width,
             double     height,
             double     top,
             Plot      *plot)
{
  double max_turned = MAX_TURNED_SHARE * height;

  plot->line_height = sapa_chart_measure_line_height (cr, LABEL_SIZE);
  fit_plot (self, cr, width, height, top, 2 * plot->line_height, plot);
  sapa_chart_plan_category_labels (self, cr, sapa_chart_column_width (self, plot), max_turned, &plot->categories);
  fit_plot (self, cr, width, height, top, plot->categories.height, plot);
  sapa_chart_plan_category_labels (self, cr, sapa_chart_column_width (self, plot), max_turned, &plot->categories);
}

static void
draw_grid (SapaChart  *self,
           cairo_t    *cr,
           const Plot *plot)
{
  cairo_set_line_width (cr, 1);

  for (guint i = 0; i < count_ticks (&plot->axis); i++)
    {
      double value = plot->axis.min + i * plot->axis.step;
      /* Half a unit off the grid, so a one-pixel line is sharp on screen. */
      double y = round (value_to_y (plot, value)) + 0.5;
      g_autofree char *text = sapa_chart_format_value (value, self->value_digits);
      g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, text, LABEL_SIZE, FALSE);
      double text_width;
      double text_height;

      set_color (cr, fabs (value) < plot->axis.step / 2 ? &axis_color : &grid_color);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      cairo_stroke (cr);

      sapa_chart_get_text_size (layout, &text_width, &text_height);
      set_color (cr, &secondary_color);
      sapa_chart_show_text (cr, layout, plot->x - TICK_GAP - text_width, y - text_height / 2);
    }
}

static gboolean
boxes_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Draws @value centred on @x with its bottom at @y (@above) or its top at
 * @y, unless it is wider than @max_width or would cover a value label
 * already drawn, because a missing label is better than an unreadable one. */
static void
draw_value_label (SapaChart   *self,
                  cairo_t     *cr,
                  Plot        *plot,
                  double       value,
                  double       x,
                  double       y,
                  gboolean     above,
                  double       max_width,
                  const Color *color)
{
  g_autofree char *text = sapa_chart_format_value (value, self->value_digits);
  g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, text, VALUE_SIZE, FALSE);
  cairo_rectangle_t box;

  sapa_chart_get_text_size (layout, &box.width, &box.height);
  if (box.width > max_width)
    return;

  box.x = x - box.width / 2;
  box.y = above ? y - box.height - 1 : y + 1;
  for (guint i = 0; i < plot->label_boxes->len; i++)
    if (boxes_overlap (&box, &g_array_index (plot->label_boxes, cairo_rectangle_t, i)))
      return;

  g_array_append_val (plot->label_boxes, box);
  /* Dark labels get a light backing, so a line passing under them does
   * not cross out the digits. */
  if (color == &text_color)
    {
      cairo_set_source_rgba (cr, background_color.red, background_color.green, background_color.blue, 0.8);
      cairo_rectangle (cr, box.x - 1, box.y, box.width + 2, box.height);
      cairo_fill (cr);
    }
  set_color (cr, color);
  sapa_chart_show_text (cr, layout, box.x, box.y);
}

/* Adds a bar from @y_base to @y_end to the path, its far end rounded. */
static void
add_bar_path (cairo_t *cr,
              double   x,
              double   width,
              double   y_base,
              double   y_end)
{
  double radius = MIN (MIN (3.0, width / 2), fabs (y_end - y_base));

  if (y_end <= y_base)
    {
      cairo_move_to (cr, x, y_base);
      cairo_arc (cr, x + radius, y_end + radius, radius, G_PI, 1.5 * G_PI);
      cairo_arc (cr, x + width - radius, y_end + radius, radius, 1.5 * G_PI, 2 * G_PI);
      cairo_line_to (cr, x + width, y_base);
    }
  else
    {
      cairo_move_to (cr, x, y_base);
      cairo_arc_negative (cr, x + radius, y_end - radius, radius, G_PI, 0.5 * G_PI);
      cairo_arc_negative (cr, x + width - radius, y_end - radius, radius, 0.5 * G_PI, 0);
      cairo_line_to (cr, x + width, y_base);
    }
  cairo_close_path (cr);
}

static void
draw_grouped_bars (SapaChart *self,
                   cairo_t   *cr,
                   Plot      *plot)
{
  double group_width = sapa_chart_column_width (self, plot) * 0.72;
  double slot_width = group_width / self->series->len;
  double bar_width = MAX (slot_width - MIN (2.0, slot_width / 4), 0.5);
  double y_base = value_to_y (plot, 0);

  for (guint c = 0; c < self->n_categories; c++)
    for (guint s = 0; s < self->series->len; s++)
      {
        double value = sapa_chart_get_value (self, s, c);
        double x = sapa_chart_column_center (self, plot, c) - group_width / 2 + s * slot_width;
        double y_end;

        if (isnan (value))
          continue;

        y_end = value_to_y (plot, value);
        set_color (cr, get_series_color (s));
        add_bar_path (cr, x, bar_width, y_base, y_end);
        cairo_fill (cr);

        draw_value_label (self, cr, plot, value, x + bar_width / 2, y_end, value >= 0,
                          self->series->len == 1 ? sapa_chart_column_width (self, plot) : slot_width + 4,
                          &text_color);
      }
}

static void
draw_stacked_bars (SapaChart *self,
                   cairo_t   *cr,
                   Plot      *plot)
{
  double bar_width = sapa_chart_column_width (self, plot) * 0.6;

  for (guint c = 0; c < self->n_categories; c++)
    {
      double x = sapa_chart_column_center (self, plot, c) - bar_width / 2;
      double above = 0;
      double below = 0;
      guint n_segments = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = sapa_chart_get_value (self, s, c);

          if (!isnan (value) && value != 0)
            n_segments++;
        }

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = sapa_chart_get_value (self, s, c);
          double start;
          double end;
          double y_start;
          double y_end;

          if (isnan (value) || value == 0)
            continue;

          start = value > 0 ? above : below;
          end = start + value;
          if (value > 0)
            above = end;
          else
            below = end;

          y_start = value_to_y (plot, start);
          y_end = value_to_y (plot, end);
          set_color (cr, get_series_color (s));
          cairo_rectangle (cr, x, MIN (y_start, y_end), bar_width, fabs (y_end - y_start));
          cairo_fill (cr);

          /* The segment's own value goes inside it, when it fits. A
           * bar of one segment has its value once, above the bar. */
          if (n_segments > 1 && fabs (y_end - y_start) >= plot->line_height + 2)
            draw_value_label (self, cr, plot, value, x + bar_width / 2,
                              (y_start + y_end) / 2 + plot->line_height / 2, TRUE,
                              bar_width - 2, &background_color);
        }

      if (n_segments > 0)
        draw_value_label (self, cr, plot, above + below, x + bar_width / 2,
                          value_to_y (plot, above), TRUE, sapa_chart_column_width (self, plot), &text_color);
    }
}

/* Returns whether the widest value label of a line chart leaves a gap
 * to the next point's label. On a denser chart, such as the days of a
 * long period, labels would cover each other and the line, so none is
 * drawn: the table beside the chart gives the numbers. */
static gboolean
line_labels_fit (SapaChart  *self,
                 cairo_t    *cr,
                 const Plot *plot)
{
  double widest = 0;

  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->n_categories; c++)
      {
        double value = sapa_chart_get_value (self, s, c);
        g_autofree char *text = NULL;
        g_autoptr(PangoLayout) layout = NULL;
        double text_width;

        if (isnan (value))
          continue;
        text = sapa_chart_format_value (value, self->value_digits);
        layout = sapa_chart_create_text (cr, text, VALUE_SIZE, FALSE);
        sapa_chart_get_text_size (layout, &text_width, NULL);
        widest = MAX (widest, text_width);
      }

  return widest + 4 <= sapa_chart_column_width (self, plot);
}

static void
draw_lines (SapaChart *self,
            cairo_t   *cr,
            Plot      *plot)
{
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint s = 0; s < self->series->len; s++)
    {
      gboolean drawing = FALSE;

      cairo_new_path (cr);
      for (guint c = 0; c < self->n_categories; c++)
        {
          double value = sapa_chart_get_value (self, s, c);

          if (isnan (value))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, sapa_chart_column_center (self, plot, c), value_to_y (plot, value));
          else
            cairo_move_to (cr, sapa_chart_column_center (self, plot, c), value_to_y (plot, value));
          drawing = TRUE;
        }
      set_color (cr, get_series_color (s));
      cairo_stroke (cr);
    }

  /* Markers after every line, so that no line crosses them, and labels
   * after every marker, so that no marker covers them. */
  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->n_categories; c++)
      {
        double value = sapa_chart_get_value (self, s, c);

        if (isnan (value))
          continue;

        cairo_arc (cr, sapa_chart_column_center (self, plot, c), value_to_y (plot, value), 3.5, 0, 2 * G_PI);
        set_color (cr, &background_color);
        cairo_fill_preserve (cr);
        set_color (cr, get_series_color (s));
        cairo_stroke (cr);
      }

  if (!line_labels_fit (self, cr, plot))
    return;

  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->n_categories; c++)
      {
        double value = sapa_chart_get_value (self, s, c);

        if (!isnan (value))
          draw_value_label (self, cr, plot, value, sapa_chart_column_center (self, plot, c),
                            value_to_y (plot, value) - 4, TRUE,
                            sapa_chart_column_width (self, plot) + 4, &text_color);
      }
}

static void
draw_no_data (cairo_t *cr,
              double   width,
              double   height,
              double   top)
{
  g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, _("No data for this period"), LABEL_SIZE, FALSE);
  double text_width;
  double text_height;

  sapa_chart_get_text_size (layout, &text_width, &text_height);
  set_color (cr, &secondary_color);
  sapa_chart_show_text (cr, layout, (width - text_width) / 2, top + (height - top - text_height) / 2);
}

void
sapa_chart_draw (SapaChart *self,
                 cairo_t   *cr,
                 double     width,
                 double     height)
{
  Plot plot = { 0 };
  double top;

  g_return_if_fail (SAPA_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (cr, &background_color);
  cairo_paint (cr);

  top = draw_title (self, cr, width, PADDING);
  if (!sapa_chart_has_values (self))
    {
      draw_no_data (cr, width, height, top);
      cairo_restore (cr);
      return;
    }
  if (self->series->len > 1)
    top = draw_legend (self, cr, width, top);

  layout_plot (self, cr, width, height, top, &plot);
  plot.label_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  draw_grid (self, cr, &plot);

  switch (self->kind)
    {
    case SAPA_CHART_BAR:
      draw_grouped_bars (self, cr, &plot);
      break;
    case SAPA_CHART_STACKED_BAR:
      draw_stacked_bars (self, cr, &plot);
      break;
    case SAPA_CHART_LINE:
      draw_lines (self, cr, &plot);
      break;
    default:
      g_assert_not_reached ();
    }

  set_color (cr, &secondary_color);
  sapa_chart_draw_category_labels (self, cr, &plot);
  g_array_unref (plot.label_boxes);
  cairo_restore (cr);
}

