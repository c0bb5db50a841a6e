/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-charts.c: the sections of a report and the chart of each */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sapa-report-charts.h"
#include "sapa-ticket.h"

/* A chart of days draws bars up to this many days, and a line after. */
#define MAX_DAY_BARS 62
/* A chart of escalation targets shows this many, the most escalated. */
#define MAX_TARGETS 8

enum {
  SECTION_VOLUME,
  SECTION_SLA,
  SECTION_ESCALATIONS,
  SECTION_SATISFACTION,
  SECTION_SPECIAL_NEEDS,
  N_SECTIONS
};

/* The day table comes last: a month of rows beside the chart would leave
 * a gap under it. */
static const char * const volume_tables[] = {
  SAPA_REPORT_TABLE_VOLUME_CHANNEL, SAPA_REPORT_TABLE_VOLUME_CATEGORY,
  SAPA_REPORT_TABLE_VOLUME_AIRPORT, SAPA_REPORT_TABLE_VOLUME_DAY, NULL
};
static const char * const sla_tables[] = {
  SAPA_REPORT_TABLE_SLA_RESPONSE, SAPA_REPORT_TABLE_SLA_RESOLUTION, NULL
};
static const char * const escalation_tables[] = {
  SAPA_REPORT_TABLE_ESCALATIONS, SAPA_REPORT_TABLE_ESCALATION_AGES, NULL
};
static const char * const satisfaction_tables[] = { SAPA_REPORT_TABLE_SATISFACTION, NULL };
static const char * const special_needs_tables[] = {
  SAPA_REPORT_TABLE_SNS_SUMMARY, SAPA_REPORT_TABLE_SNS_SSR,
  SAPA_REPORT_TABLE_SNS_TIMES, SAPA_REPORT_TABLE_SNS_HANDOVERS, NULL
};

static const SapaReportSection sections[N_SECTIONS] = {
  { N_("Ticket volume"), volume_tables },
  { N_("SLA"), sla_tables },
  { N_("Escalations"), escalation_tables },
  { N_("Satisfaction"), satisfaction_tables },
  { N_("Special needs"), special_needs_tables },
};

const SapaReportSection *
sapa_report_get_sections (guint *n_sections)
{
  if (n_sections != NULL)
    *n_sections = N_SECTIONS;
  return sections;
}

/* Returns the first cell of row @row of table @id. */
static const char *
row_label (GPtrArray  *tables,
           const char *id,
           guint       row)
{
  SapaReportTable *table = sapa_report_tables_lookup (tables, id);
  char **cells;

  g_return_val_if_fail (table != NULL && row < table->rows->len, "");
  cells = g_ptr_array_index (table->rows, row);
  return cells[0];
}

static SapaChart *
build_volume (const SapaReportData *data)
{
  gboolean bars = data->n_days <= MAX_DAY_BARS;
  /* A line per channel over a long period would be unreadable, so the
   * line chart has one line of all tickets, and its title names it. */
  SapaChart *chart = bars ? sapa_chart_new (SAPA_CHART_STACKED_BAR, _("Tickets per day by channel"))
                          : sapa_chart_new (SAPA_CHART_LINE, _("Tickets per day, all channels"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new (double, data->n_days);
  GDate day = data->query->first_day;

  for (guint d = 0; d < data->n_days; d++, g_date_add_days (&day, 1))
    {
      char label[16];

      g_date_strftime (label, sizeof label, "%d/%m", &day);
      g_ptr_array_add (labels, g_strdup (label));
    }
  g_ptr_array_add (labels, NULL);
  sapa_chart_set_categories (chart, (const char * const *) labels->pdata);

  if (!bars)
    {
      for (guint d = 0; d < data->n_days; d++)
        values[d] = data->per_day[d];
      sapa_chart_add_series (chart, _("All channels"), values, data->n_days);
      return chart;
    }

  for (guint c = 0; c < data->by_channel->len; c++)
    {
      const SapaReportSeries *series = g_ptr_array_index (data->by_channel, c);

      for (guint d = 0; d < data->n_days; d++)
        values[d] = series->per_day[d];
      sapa_chart_add_series (chart, sapa_ticket_channel_label (series->key), values, data->n_days);
    }
  return chart;
}

static SapaChart *
build_sla (const SapaReportData *data,
           GPtrArray            *tables)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_BAR, _("Share within the SLA target (%)"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *response = g_new (double, data->sla->len);
  g_autofree double *resolution = g_new (double, data->sla->len);

  for (guint i = 0; i < data->sla->len; i++)
    {
      const SapaReportSlaRow *row = g_ptr_array_index (data->sla, i);

      g_ptr_array_add (labels, (gpointer) row_label (tables, SAPA_REPORT_TABLE_SLA_RESPONSE, i));
      response[i] = sapa_report_percent (row->first_response.met,
                                         row->first_response.met + row->first_response.missed);
      resolution[i] = sapa_report_percent (row->resolution.met,
                                           row->resolution.met + row->resolution.missed);
    }
  g_ptr_array_add (labels, NULL);

  sapa_chart_set_categories (chart, (const char * const *) labels->pdata);
  sapa_chart_add_series (chart, _("First response"), response, data->sla->len);
  sapa_chart_add_series (chart, _("Resolution"), resolution, data->sla->len);
  sapa_chart_set_value_digits (chart, 1);
  return chart;
}

static SapaChart *
build_escalations (const SapaReportData *data,
                   GPtrArray            *tables)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_BAR, _("Escalations by target"));
  guint n = MIN (data->escalations->len, MAX_TARGETS);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *sent = g_new (double, MAX (n, 1));
  g_autofree double *answered = g_new (double, MAX (n, 1));
  g_autofree double *returned = g_new (double, MAX (n, 1));
  g_autofree double *open = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const SapaReportEscalationRow *row = g_ptr_array_index (data->escalations, i);

      g_ptr_array_add (labels, (gpointer) row_label (tables, SAPA_REPORT_TABLE_ESCALATIONS, i));
      sent[i] = row->escalations;
      answered[i] = row->answered;
      returned[i] = row->returned;
      open[i] = row->open;
    }
  g_ptr_array_add (labels, NULL);

  sapa_chart_set_categories (chart, (const char * const *) labels->pdata);
  sapa_chart_add_series (chart, _("Escalations"), sent, n);
  sapa_chart_add_series (chart, _("Answered by the PIC"), answered, n);
  sapa_chart_add_series (chart, _("Returned to the PIC"), returned, n);
  sapa_chart_add_series (chart, _("Still open"), open, n);
  return chart;
}

static SapaChart *
build_satisfaction (const SapaReportData *data,
                    GPtrArray            *tables)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_BAR, _("Sesuai (%)"));
  const char *labels[] = {
    row_label (tables, SAPA_REPORT_TABLE_SATISFACTION, 0),
    row_label (tables, SAPA_REPORT_TABLE_SATISFACTION, 1),
    NULL
  };
  double values[] = {
    sapa_report_percent (data->first_answer.sesuai, data->first_answer.judged),
    sapa_report_percent (data->last_answer.sesuai, data->last_answer.judged),
  };

  sapa_chart_set_categories (chart, labels);
  sapa_chart_add_series (chart, _("Sesuai (%)"), values, G_N_ELEMENTS (values));
  sapa_chart_set_value_digits (chart, 1);
  return chart;
}

static SapaChart *
build_special_needs (const SapaReportData *data,
                     GPtrArray            *tables)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_BAR, _("Special needs by SSR code"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *bookings = g_new (double, MAX (data->ssr->len, 1));
  g_autofree double *walk_ins = g_new (double, MAX (data->ssr->len, 1));

  for (guint i = 0; i < data->ssr->len; i++)
    {
      const SapaReportSsrRow *row = g_ptr_array_index (data->ssr, i);

      g_ptr_array_add (labels, (gpointer) row_label (tables, SAPA_REPORT_TABLE_SNS_SSR, i));
      bookings[i] = row->bookings;
      walk_ins[i] = row->walk_ins;
    }
  g_ptr_array_add (labels, NULL);

  sapa_chart_set_categories (chart, (const char * const *) labels->pdata);
  sapa_chart_add_series (chart, _("Bookings"), bookings, data->ssr->len);
  sapa_chart_add_series (chart, _("Walk-ins"), walk_ins, data->ssr->len);
  return chart;
}

SapaChart *
sapa_report_build_chart (guint                 index,
                         const SapaReportData *data,
                         GPtrArray            *tables)
{
  g_return_val_if_fail (index < N_SECTIONS, NULL);
  g_return_val_if_fail (data != NULL && tables != NULL, NULL);

  switch (index)
    {
    case SECTION_VOLUME:
      return build_volume (data);
    case SECTION_SLA:
      return build_sla (data, tables);
    case SECTION_ESCALATIONS:
      return build_escalations (data, tables);
    case SECTION_SATISFACTION:
      return build_satisfaction (data, tables);
    case SECTION_SPECIAL_NEEDS:
      return build_special_needs (data, tables);
    default:
      g_assert_not_reached ();
    }
}
