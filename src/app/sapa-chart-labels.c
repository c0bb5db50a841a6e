/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart-labels.c: fits and draws the category labels under a chart */

#define G_LOG_DOMAIN "sapa-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sapa-chart-draw-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
sapa_chart_measure_line_height (cairo_t *cr,
                                double   size)
{
  g_autoptr(PangoLayout) probe = sapa_chart_create_text (cr, "0", size, FALSE);
  double height;

  sapa_chart_get_text_size (probe, NULL, &height);
  return height;
}

/* Returns whether each word of @text is at most @width wide at @size and
 * the whole wraps to two lines at most, and the height of those lines. */
static gboolean
straight_label_fits (cairo_t    *cr,
                     const char *text,
                     double      size,
                     double      width,
                     double     *out_height)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, text, size, FALSE);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) word = sapa_chart_create_text (cr, words[i], size, FALSE);
      double word_width;

      sapa_chart_get_text_size (word, &word_width, NULL);
      if (word_width > width)
        return FALSE;
    }

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  if (pango_layout_get_line_count (layout) > 2)
    return FALSE;
  sapa_chart_get_text_size (layout, NULL, out_height);
  return TRUE;
}

static double
median_label_width (SapaChart *self,
                    cairo_t   *cr,
                    double     size)
{
  g_autofree double *widths = g_new0 (double, self->n_categories);

  for (guint c = 0; c < self->n_categories; c++)
    {
      g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, self->categories[c], size, FALSE);

      sapa_chart_get_text_size (layout, &widths[c], NULL);
    }
  qsort (widths, self->n_categories, sizeof (double), compare_doubles);
  return widths[self->n_categories / 2];
}

/* Chooses how to draw every category label under columns @width wide:
 * straight, shrunk down to MIN_LABEL_SIZE if need be, then turned to read
 * upwards and at most @max_turned long. Labels are skipped only when
 * even a turned line is taller than a column. */
void
sapa_chart_plan_category_labels (SapaChart      *self,
                                 cairo_t        *cr,
                                 double          width,
                                 double          max_turned,
                                 CategoryLabels *labels)
{
  double longest = 0;

  for (double size = LABEL_SIZE; size >= MIN_LABEL_SIZE; size -= 1)
    {
      gboolean fits = TRUE;
      double height = 0;

      for (guint c = 0; c < self->n_categories && fits; c++)
        {
          double label_height = 0;

          fits = straight_label_fits (cr, self->categories[c], size, width - 4, &label_height);
          height = MAX (height, label_height);
        }
      if (fits)
        {
          *labels = (CategoryLabels) { size, FALSE, 1, height };
          return;
        }
    }

  for (double size = LABEL_SIZE; size >= MIN_LABEL_SIZE; size -= 1)
    {
      if (sapa_chart_measure_line_height (cr, size) + 2 > width)
        continue;

      for (guint c = 0; c < self->n_categories; c++)
        {
          g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, self->categories[c], size, FALSE);
          double label_width;

          sapa_chart_get_text_size (layout, &label_width, NULL);
          longest = MAX (longest, label_width);
        }
      *labels = (CategoryLabels) { size, TRUE, 1, MIN (longest, max_turned) };
      return;
    }

  labels->size = LABEL_SIZE;
  labels->turned = FALSE;
  labels->step = (guint) ceil ((median_label_width (self, cr, LABEL_SIZE) + 8) / width);
  labels->height = 2 * sapa_chart_measure_line_height (cr, LABEL_SIZE);
}

/* Draws the category labels under the plot as planned by
 * sapa_chart_plan_category_labels(). */
void
sapa_chart_draw_category_labels (SapaChart  *self,
                                 cairo_t    *cr,
                                 const Plot *plot)
{
  const CategoryLabels *labels = &plot->categories;
  double width = sapa_chart_column_width (self, plot);
  double top = plot->y + plot->height + 4;

  for (guint c = 0; c < self->n_categories; c += labels->step)
    {
      g_autoptr(PangoLayout) layout = sapa_chart_create_text (cr, self->categories[c], labels->size, FALSE);
      double text_width;
      double text_height;

      if (!labels->turned)
        {
          double label_width = MAX (labels->step * width - 4, 1);

          pango_layout_set_width (layout, (int) (label_width * PANGO_SCALE));
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -2);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          sapa_chart_show_text (cr, layout, sapa_chart_column_center (self, plot, c) - label_width / 2, top);
          continue;
        }

      /* Turned a quarter anticlockwise, the label ends just under its
       * column and reads upwards. */
      sapa_chart_get_text_size (layout, &text_width, NULL);
      if (text_width > labels->height)
        {
          pango_layout_set_width (layout, (int) (labels->height * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
      sapa_chart_get_text_size (layout, &text_width, &text_height);

      cairo_save (cr);
      cairo_translate (cr, sapa_chart_column_center (self, plot, c) - text_height / 2, top);
      cairo_rotate (cr, -G_PI / 2);
      pango_cairo_update_layout (cr, layout);
      sapa_chart_show_text (cr, layout, -text_width, 0);
      cairo_restore (cr);
    }
}
