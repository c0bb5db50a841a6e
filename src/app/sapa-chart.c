/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-chart.c: a chart's categories, series and text description */

#define G_LOG_DOMAIN "sapa-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sapa-chart-private.h"

G_DEFINE_FINAL_TYPE (SapaChart, sapa_chart, G_TYPE_OBJECT)

static void
series_free (SapaChartSeries *series)
{
  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

static void
sapa_chart_finalize (GObject *object)
{
  SapaChart *self = SAPA_CHART (object);

  g_free (self->title);
  g_strfreev (self->categories);
  g_ptr_array_unref (self->series);

  G_OBJECT_CLASS (sapa_chart_parent_class)->finalize (object);
}

static void
sapa_chart_class_init (SapaChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sapa_chart_finalize;
}

static void
sapa_chart_init (SapaChart *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->categories = g_new0 (char *, 1);
}

SapaChart *
sapa_chart_new (SapaChartKind  kind,
                const char    *title)
{
  SapaChart *self = g_object_new (SAPA_TYPE_CHART, NULL);

  self->kind = kind;
  self->title = g_utf8_make_valid (title ? title : "", -1);
  return self;
}

SapaChartKind
sapa_chart_get_kind (SapaChart *self)
{
  g_return_val_if_fail (SAPA_IS_CHART (self), SAPA_CHART_BAR);

  return self->kind;
}

const char *
sapa_chart_get_title (SapaChart *self)
{
  g_return_val_if_fail (SAPA_IS_CHART (self), NULL);

  return self->title;
}

void
sapa_chart_set_categories (SapaChart          *self,
                           const char * const *labels)
{
  g_return_if_fail (SAPA_IS_CHART (self));
  g_return_if_fail (labels != NULL);

  g_strfreev (self->categories);
  self->n_categories = g_strv_length ((char **) labels);
  self->categories = g_new0 (char *, self->n_categories + 1);
  /* pango_layout_set_text() warns about invalid UTF-8: repair it here. */
  for (guint i = 0; i < self->n_categories; i++)
    self->categories[i] = g_utf8_make_valid (labels[i], -1);
  g_ptr_array_set_size (self->series, 0);
}

void
sapa_chart_add_series (SapaChart    *self,
                       const char   *name,
                       const double *values,
                       guint         n_values)
{
  SapaChartSeries *series;

  g_return_if_fail (SAPA_IS_CHART (self));
  g_return_if_fail (n_values == self->n_categories);
  g_return_if_fail (values != NULL || n_values == 0);

  series = g_new0 (SapaChartSeries, 1);
  series->name = g_utf8_make_valid (name ? name : "", -1);
  series->values = g_memdup2 (values, n_values * sizeof (double));
  g_ptr_array_add (self->series, series);
}

void
sapa_chart_set_value_digits (SapaChart *self,
                             guint      digits)
{
  g_return_if_fail (SAPA_IS_CHART (self));

  self->value_digits = MIN (digits, 6);
}

double
sapa_chart_get_value (SapaChart *self,
                      guint      series,
                      guint      category)
{
  const SapaChartSeries *s = g_ptr_array_index (self->series, series);

  return s->values[category];
}

gboolean
sapa_chart_has_values (SapaChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->n_categories; c++)
      if (!isnan (sapa_chart_get_value (self, s, c)))
        return TRUE;
  return FALSE;
}

char *
sapa_chart_format_value (double value,
                         guint  digits)
{
  /* printf would write -0 for a negative zero. */
  if (value == 0)
    value = 0;
  return g_strdup_printf ("%.*f", (int) digits, value);
}

/* Returns "CS counter: 120, Dial 172: 80" for one series. */
static char *
describe_values (SapaChart *self,
                 guint      series)
{
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < self->n_categories; c++)
    {
      double value = sapa_chart_get_value (self, series, c);
      g_autofree char *number = isnan (value) ? g_strdup (_("no data"))
                                              : sapa_chart_format_value (value, self->value_digits);

      if (c > 0)
        g_string_append (text, ", ");
      /* Translators: one value in the description of a chart for screen
       * readers: a category, then its value ("Dial 172: 80"). */
      g_string_append_printf (text, C_("chart value", "%s: %s"), self->categories[c], number);
    }

  return g_string_free (text, FALSE);
}

char *
sapa_chart_describe (SapaChart *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SAPA_IS_CHART (self), NULL);

  switch (self->kind)
    {
    case SAPA_CHART_BAR:
      /* Translators: the start of a chart's description for screen
       * readers. %s is the chart's title. */
      g_string_append_printf (text, _("Bar chart: %s."), self->title);
      break;
    case SAPA_CHART_STACKED_BAR:
      g_string_append_printf (text, _("Stacked bar chart: %s."), self->title);
      break;
    case SAPA_CHART_LINE:
      g_string_append_printf (text, _("Line chart: %s."), self->title);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!sapa_chart_has_values (self))
    {
      g_string_append_printf (text, " %s.", _("No data for this period"));
      return g_string_free (text, FALSE);
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      const SapaChartSeries *series = g_ptr_array_index (self->series, s);
      g_autofree char *values = describe_values (self, s);

      g_string_append_c (text, ' ');
      if (self->series->len == 1)
        g_string_append_printf (text, "%s.", values);
      else
        /* Translators: a series in the description of a chart for screen
         * readers, then its values ("Closed — CS counter: 12, Dial 172: 3."). */
        g_string_append_printf (text, _("%s — %s."), series->name, values);
    }

  return g_string_free (text, FALSE);
}
