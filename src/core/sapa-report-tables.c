/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-tables.c: a report's figures as tables of formatted cells */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-flow.h"
#include "sapa-flow-private.h"
#include "sapa-report.h"
#include "sapa-ticket.h"

/* Shown in a cell whose figure has no data, such as the median of no
 * times. */
#define NO_DATA "—"

void
sapa_report_table_free (SapaReportTable *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->title);
  g_ptr_array_unref (self->headers);
  g_array_unref (self->kinds);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

static SapaReportTable *
table_new (const char *id,
           const char *title)
{
  SapaReportTable *self = g_new0 (SapaReportTable, 1);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (SapaReportCellKind));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

static void
add_column (SapaReportTable    *self,
            const char         *header,
            SapaReportCellKind  kind)
{
  g_ptr_array_add (self->headers, g_strdup (header));
  g_array_append_val (self->kinds, kind);
}

/* Adds a row of cells, taking them: NULL-terminated, one per column. */
static void
add_row (SapaReportTable *self,
         char            *first,
         ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (char *cell = first; cell != NULL; cell = va_arg (args, char *))
    g_ptr_array_add (cells, cell);
  va_end (args);

  g_return_if_fail (cells->len == self->headers->len);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (self->rows, g_ptr_array_free (cells, FALSE));
}

SapaReportTable *
sapa_report_tables_lookup (GPtrArray  *tables,
                           const char *id)
{
  g_return_val_if_fail (tables != NULL, NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      SapaReportTable *table = g_ptr_array_index (tables, i);

      if (g_strcmp0 (table->id, id) == 0)
        return table;
    }
  return NULL;
}

/* ---- Cells ---- */

static char *
cell_count (guint count)
{
  return g_strdup_printf ("%u", count);
}

static char *
cell_decimal (double value)
{
  if (isnan (value))
    return g_strdup (NO_DATA);
  /* printf writes the decimal separator of LC_NUMERIC: a comma in
   * Indonesian, which the spreadsheets of an Indonesian desk expect. */
  return g_strdup_printf ("%.1f", value);
}

static char *
cell_percent (guint part,
              guint whole)
{
  return cell_decimal (sapa_report_percent (part, whole));
}

static char *
cell_minutes (gint64 span_us)
{
  return cell_decimal (span_us < 0 ? NAN : (double) span_us / G_TIME_SPAN_MINUTE);
}

static char *
cell_hours (gint64 span_us)
{
  return cell_decimal (span_us < 0 ? NAN : (double) span_us / G_TIME_SPAN_HOUR);
}

static const char *
category_label (const char *id)
{
  const char *label = *id != '\0' ? sapa_choice_get_label (sapa_flow_get_categories (), id) : NULL;

  if (*id == '\0')
    return _("No category");
  return label != NULL ? label : id;
}

static char *
airport_label (const char *iata)
{
  const SapaAirport *airport = sapa_airport_lookup (iata);

  if (airport == NULL)
    return g_strdup (iata);
  return g_strdup_printf ("%s (%s)", airport->iata, airport->name);
}

static char *
target_label (const SapaReportEscalationRow *row)
{
  const char *unit = *row->unit != '\0' ? sapa_choice_get_label (sapa_flow_get_units (), row->unit) : NULL;

  if (*row->unit == '\0')
    return g_strdup (_("Unknown"));
  if (unit == NULL)
    unit = row->unit;
  if (*row->airport != '\0')
    return g_strdup_printf ("%s (%s)", unit, row->airport);
  return g_strdup (unit);
}

/* "DEAF/BLND": the code as airlines write it. */
static char *
ssr_label (const char *code)
{
  if (g_strcmp0 (code, "DEAF_BLND") == 0)
    return g_strdup ("DEAF/BLND");
  return g_strdup (code);
}

/* ---- Tables ---- */

static SapaReportTable *
build_volume_days (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_VOLUME_DAY, _("Tickets per day"));
  GDate day = data->query->first_day;

  add_column (table, _("Date"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("All channels"), SAPA_REPORT_CELL_NUMBER);
  for (guint c = 0; c < data->by_channel->len; c++)
    {
      const SapaReportSeries *series = g_ptr_array_index (data->by_channel, c);

      add_column (table, sapa_ticket_channel_label (series->key), SAPA_REPORT_CELL_NUMBER);
    }

  for (guint d = 0; d < data->n_days; d++, g_date_add_days (&day, 1))
    {
      GPtrArray *cells = g_ptr_array_new ();
      char date[32];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      g_ptr_array_add (cells, g_strdup (date));
      g_ptr_array_add (cells, cell_count (data->per_day[d]));
      for (guint c = 0; c < data->by_channel->len; c++)
        {
          const SapaReportSeries *series = g_ptr_array_index (data->by_channel, c);

          g_ptr_array_add (cells, cell_count (series->per_day[d]));
        }
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (table->rows, g_ptr_array_free (cells, FALSE));
    }

  return table;
}

typedef char *(*LabelFunc) (const char *key);

static char *
channel_label_dup (const char *key)
{
  return g_strdup (sapa_ticket_channel_label (key));
}

static char *
category_label_dup (const char *key)
{
  return g_strdup (category_label (key));
}

static SapaReportTable *
build_volume_totals (const SapaReportData *data,
                     const char           *id,
                     const char           *title,
                     const char           *key_header,
                     GPtrArray            *series_list,
                     LabelFunc             label)
{
  SapaReportTable *table = table_new (id, title);

  add_column (table, key_header, SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Tickets"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Share (%)"), SAPA_REPORT_CELL_NUMBER);

  for (guint i = 0; i < series_list->len; i++)
    {
      const SapaReportSeries *series = g_ptr_array_index (series_list, i);

      add_row (table, label (series->key), cell_count (series->total),
               cell_percent (series->total, data->total), NULL);
    }
  add_row (table, g_strdup (_("Total")), cell_count (data->total),
           cell_percent (data->total, data->total), NULL);
  return table;
}

static SapaReportTable *
build_sla (const SapaReportData *data,
           gboolean              resolution)
{
  SapaReportTable *table = resolution
    ? table_new (SAPA_REPORT_TABLE_SLA_RESOLUTION, _("Resolution against the SLA"))
    : table_new (SAPA_REPORT_TABLE_SLA_RESPONSE, _("First response against the SLA"));
  char *(*cell_time) (gint64) = resolution ? cell_hours : cell_minutes;

  add_column (table, _("Channel"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Within target"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Missed"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Pending"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Within target (%)"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, resolution ? _("Median (hours)") : _("Median (minutes)"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, resolution ? _("90th percentile (hours)") : _("90th percentile (minutes)"),
              SAPA_REPORT_CELL_NUMBER);

  for (guint i = 0; i < data->sla->len; i++)
    {
      const SapaReportSlaRow *row = g_ptr_array_index (data->sla, i);
      const SapaReportSlaFigures *figures = resolution ? &row->resolution : &row->first_response;

      add_row (table,
               g_strdup (row->channel != NULL ? sapa_ticket_channel_label (row->channel) : _("All channels")),
               cell_count (figures->met), cell_count (figures->missed), cell_count (figures->pending),
               cell_percent (figures->met, figures->met + figures->missed),
               cell_time (figures->median_us), cell_time (figures->p90_us), NULL);
    }
  return table;
}

static SapaReportTable *
build_escalations (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_ESCALATIONS, _("Escalations by target"));
  const SapaReportEscalationRow *total = &data->escalation_total;

  add_column (table, _("Escalated to"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Escalations"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Answered by the PIC"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Returned to the PIC"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Still open"), SAPA_REPORT_CELL_NUMBER);

  for (guint i = 0; i < data->escalations->len; i++)
    {
      const SapaReportEscalationRow *row = g_ptr_array_index (data->escalations, i);

      add_row (table, target_label (row), cell_count (row->escalations), cell_count (row->answered),
               cell_count (row->returned), cell_count (row->open), NULL);
    }
  add_row (table, g_strdup (_("Total")), cell_count (total->escalations), cell_count (total->answered),
           cell_count (total->returned), cell_count (total->open), NULL);
  return table;
}

static SapaReportTable *
build_escalation_ages (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_ESCALATION_AGES, _("Open escalations by age"));
  const char *ages[SAPA_REPORT_N_AGES] = {
    _("Under 1 day"), _("1 to 3 days"), _("3 to 7 days"), _("7 days or more"),
  };

  add_column (table, _("Age"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Open escalations"), SAPA_REPORT_CELL_NUMBER);
  for (guint a = 0; a < SAPA_REPORT_N_AGES; a++)
    add_row (table, g_strdup (ages[a]), cell_count (data->open_by_age[a]), NULL);
  return table;
}

static SapaReportTable *
build_satisfaction (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_SATISFACTION,
                                      _("Sesuai at the first answer and at the end"));

  add_column (table, _("Judgement"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Tickets judged"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Sesuai"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Sesuai (%)"), SAPA_REPORT_CELL_NUMBER);

  add_row (table, g_strdup (_("At the first answer")), cell_count (data->first_answer.judged),
           cell_count (data->first_answer.sesuai),
           cell_percent (data->first_answer.sesuai, data->first_answer.judged), NULL);
  add_row (table, g_strdup (_("At the end (verdict)")), cell_count (data->last_answer.judged),
           cell_count (data->last_answer.sesuai),
           cell_percent (data->last_answer.sesuai, data->last_answer.judged), NULL);
  return table;
}

static SapaReportTable *
build_sns_summary (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_SNS_SUMMARY, _("Special needs: bookings and walk-ins"));

  add_column (table, _("Figure"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Passengers"), SAPA_REPORT_CELL_NUMBER);

  add_row (table, g_strdup (_("Bookings expected in the period")), cell_count (data->bookings), NULL);
  add_row (table, g_strdup (_("Late bookings")), cell_count (data->late_bookings), NULL);
  add_row (table, g_strdup (_("No-shows")), cell_count (data->no_shows), NULL);
  add_row (table, g_strdup (_("Cancelled bookings")), cell_count (data->cancelled_bookings), NULL);
  add_row (table, g_strdup (_("Booked passengers served at the counter")),
           cell_count (data->sns_times[SAPA_REPORT_PREBOOKED].arrivals), NULL);
  add_row (table, g_strdup (_("Walk-ins served at the counter")), cell_count (data->walk_ins), NULL);
  return table;
}

static SapaReportTable *
build_sns_ssr (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_SNS_SSR, _("Special needs by SSR code"));

  add_column (table, _("SSR code"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Bookings"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Walk-ins"), SAPA_REPORT_CELL_NUMBER);

  for (guint i = 0; i < data->ssr->len; i++)
    {
      const SapaReportSsrRow *row = g_ptr_array_index (data->ssr, i);

      add_row (table, ssr_label (row->code), cell_count (row->bookings), cell_count (row->walk_ins), NULL);
    }
  return table;
}

static void
add_times_row (SapaReportTable          *table,
               const char               *label,
               const SapaReportSnsTimes *times,
               char                   *(*cell) (const SapaReportSnsTimes *times,
                                                const guint              *limits,
                                                guint                     index),
               const SapaSnsTargets     *targets,
               guint                     index)
{
  add_row (table, g_strdup (label),
           cell (&times[SAPA_REPORT_PREBOOKED], targets->prebooked, index),
           cell (&times[SAPA_REPORT_WALK_IN], targets->walk_in, index), NULL);
}

static char *
cell_arrivals (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_count (times->arrivals);
}

static char *
cell_waited (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_count (times->waited);
}

static char *
cell_limit (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_count (limits[index]);
}

static char *
cell_within (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_percent (times->within[index], times->waited);
}

static char *
cell_wait_median (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_minutes (times->wait_median_us);
}

static char *
cell_wait_p90 (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_minutes (times->wait_p90_us);
}

static char *
cell_served (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_count (times->served);
}

static char *
cell_service_median (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_minutes (times->service_median_us);
}

static char *
cell_service_p90 (const SapaReportSnsTimes *times, const guint *limits, guint index)
{
  return cell_minutes (times->service_p90_us);
}

static SapaReportTable *
build_sns_times (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_SNS_TIMES,
                                      _("Special needs: waiting and service times"));
  const SapaSnsTargets *targets = &data->query->sns_targets;
  const SapaReportSnsTimes *times = data->sns_times;
  /* The shares of passengers that the three SNS targets are about. */
  static const guint shares[3] = { 80, 90, 100 };

  add_column (table, _("Measure"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Pre-booked"), SAPA_REPORT_CELL_NUMBER);
  add_column (table, _("Walk-in"), SAPA_REPORT_CELL_NUMBER);

  add_times_row (table, _("Arrivals at the counter"), times, cell_arrivals, targets, 0);
  add_times_row (table, _("Services started"), times, cell_waited, targets, 0);
  for (guint i = 0; i < 3; i++)
    {
      /* Translators: a row of the SNS times table, for 80, 90 and 100:
       * the minutes within which that share of passengers is served. */
      g_autofree char *limit = g_strdup_printf (_("Target for %u %% (minutes)"), shares[i]);
      /* Translators: the share of passengers served within that target. */
      g_autofree char *within = g_strdup_printf (_("Waited within the %u %% target (%%)"), shares[i]);

      add_times_row (table, limit, times, cell_limit, targets, i);
      add_times_row (table, within, times, cell_within, targets, i);
    }
  add_times_row (table, _("Median wait (minutes)"), times, cell_wait_median, targets, 0);
  add_times_row (table, _("90th percentile of the wait (minutes)"), times, cell_wait_p90, targets, 0);
  add_times_row (table, _("Services ended"), times, cell_served, targets, 0);
  add_times_row (table, _("Median service time (minutes)"), times, cell_service_median, targets, 0);
  add_times_row (table, _("90th percentile of the service time (minutes)"), times, cell_service_p90, targets, 0);
  return table;
}

static SapaReportTable *
build_sns_handovers (const SapaReportData *data)
{
  SapaReportTable *table = table_new (SAPA_REPORT_TABLE_SNS_HANDOVERS, _("Handovers by airline"));

  add_column (table, _("Airline"), SAPA_REPORT_CELL_TEXT);
  add_column (table, _("Handovers"), SAPA_REPORT_CELL_NUMBER);

  for (guint i = 0; i < data->handovers->len; i++)
    {
      const SapaReportAirlineRow *row = g_ptr_array_index (data->handovers, i);

      add_row (table, g_strdup (row->airline), cell_count (row->handovers), NULL);
    }
  return table;
}

GPtrArray *
sapa_report_data_build_tables (const SapaReportData *self)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_report_table_free);

  g_return_val_if_fail (self != NULL, tables);

  g_ptr_array_add (tables, build_volume_days (self));
  g_ptr_array_add (tables, build_volume_totals (self, SAPA_REPORT_TABLE_VOLUME_CHANNEL, _("Tickets by channel"),
                                                _("Channel"), self->by_channel, channel_label_dup));
  g_ptr_array_add (tables, build_volume_totals (self, SAPA_REPORT_TABLE_VOLUME_CATEGORY, _("Tickets by category"),
                                                _("Category"), self->by_category, category_label_dup));
  g_ptr_array_add (tables, build_volume_totals (self, SAPA_REPORT_TABLE_VOLUME_AIRPORT, _("Tickets by airport"),
                                                _("Airport"), self->by_airport, airport_label));
  g_ptr_array_add (tables, build_sla (self, FALSE));
  g_ptr_array_add (tables, build_sla (self, TRUE));
  g_ptr_array_add (tables, build_escalations (self));
  g_ptr_array_add (tables, build_escalation_ages (self));
  g_ptr_array_add (tables, build_satisfaction (self));
  g_ptr_array_add (tables, build_sns_summary (self));
  g_ptr_array_add (tables, build_sns_ssr (self));
  g_ptr_array_add (tables, build_sns_times (self));
  g_ptr_array_add (tables, build_sns_handovers (self));
  return tables;
}

gboolean
sapa_report_table_write_csv (const SapaReportTable  *self,
                             GOutputStream          *stream,
                             char                    delimiter,
                             SapaCsvFlags            flags,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(SapaCsvWriter) writer = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffered = g_buffered_output_stream_new (stream);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  writer = sapa_csv_writer_new (buffered, delimiter, flags);

  for (guint c = 0; c < self->headers->len; c++)
    sapa_csv_writer_add_cell (writer, g_ptr_array_index (self->headers, c), SAPA_CSV_CELL_GENERAL);
  if (!sapa_csv_writer_end_row (writer, cancellable, error))
    return FALSE;

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->headers->len; c++)
        sapa_csv_writer_add_cell (writer, cells[c],
                                  g_array_index (self->kinds, SapaReportCellKind, c) == SAPA_REPORT_CELL_NUMBER
                                  ? SAPA_CSV_CELL_NUMBER : SAPA_CSV_CELL_GENERAL);
      if (!sapa_csv_writer_end_row (writer, cancellable, error))
        return FALSE;
    }

  return g_output_stream_flush (buffered, cancellable, error);
}
