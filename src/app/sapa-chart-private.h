/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart-private.h: the data of a chart, shared with its drawing */
#pragma once

#include "sapa-chart.h"

G_BEGIN_DECLS

typedef struct {
  char   *name;
  double *values;   /* one a category, NAN where missing */
} SapaChartSeries;

struct _SapaChart
{
  GObject        parent_instance;

  SapaChartKind  kind;
  char          *title;
  GStrv          categories;
  guint          n_categories;
  GPtrArray     *series;        /* SapaChartSeries */
  guint          value_digits;
};

/* Returns value @category of series @series, or NAN where it is missing. */
double    sapa_chart_get_value    (SapaChart *self,
                                   guint      series,
                                   guint      category);
/* Returns whether any value of any series is not NAN. */
gboolean  sapa_chart_has_values   (SapaChart *self);
/* Formats @value with @digits decimals in the locale's notation. */
char     *sapa_chart_format_value (double     value,
                                   guint      digits);

G_END_DECLS
