/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-clock.c: counted SLA time over a report's span, computed once */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include "sapa-report-private.h"

#define MINUTES_PER_DAY (24 * 60)

struct _SapaReportClock {
  const SapaSlaCalendar *calendar;  /* NULL for 24x7 */
  gint64                 from_us;
  gint64                 to_us;
  GArray                *starts;    /* gint64: business intervals, in order */
  GArray                *ends;
  GArray                *before;    /* gint64: counted time before interval i */
};

/* Returns the instant of @minute minutes after midnight on @date in
 * @zone, where 1440 is the next midnight, as the SLA calendar counts it. */
static gint64
local_instant (GTimeZone   *zone,
               const GDate *date,
               guint        minute)
{
  g_autoptr(GDateTime) local = NULL;
  GDate day = *date;

  if (minute == MINUTES_PER_DAY)
    {
      g_date_add_days (&day, 1);
      minute = 0;
    }

  local = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day),
                           g_date_get_day (&day), minute / 60, minute % 60, 0);
  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

static void
add_interval (SapaReportClock *self,
              gint64           start_us,
              gint64           end_us)
{
  gint64 before = 0;
  guint n = self->starts->len;

  if (n > 0)
    before = g_array_index (self->before, gint64, n - 1) +
             g_array_index (self->ends, gint64, n - 1) - g_array_index (self->starts, gint64, n - 1);

  g_array_append_val (self->starts, start_us);
  g_array_append_val (self->ends, end_us);
  g_array_append_val (self->before, before);
}

/* Lists the business intervals of every local date from the day before
 * @from_us to the day after @to_us, the same days that sapa_sla_elapsed()
 * would step through. */
static void
build_intervals (SapaReportClock *self)
{
  const char *iana = sapa_sla_calendar_get_time_zone (self->calendar);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (iana);
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (self->from_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (self->to_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) first_local = g_date_time_to_timezone (first, zone);
  g_autoptr(GDateTime) last_local = g_date_time_to_timezone (last, zone);
  GDate day, end_day;

  g_date_clear (&day, 1);
  g_date_clear (&end_day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (first_local),
                  g_date_time_get_month (first_local), g_date_time_get_year (first_local));
  g_date_set_dmy (&end_day, g_date_time_get_day_of_month (last_local),
                  g_date_time_get_month (last_local), g_date_time_get_year (last_local));
  g_date_subtract_days (&day, 1);
  g_date_add_days (&end_day, 1);

  for (; g_date_compare (&day, &end_day) <= 0; g_date_add_days (&day, 1))
    {
      guint open_minute, close_minute;
      gint64 start_us, end_us;

      if (sapa_sla_calendar_is_holiday (self->calendar, &day) ||
          !sapa_sla_calendar_get_hours (self->calendar, g_date_get_weekday (&day),
                                        &open_minute, &close_minute))
        continue;

      start_us = local_instant (zone, &day, open_minute);
      end_us = local_instant (zone, &day, close_minute);
      if (end_us > start_us)
        add_interval (self, start_us, end_us);
    }
}

SapaReportClock *
sapa_report_clock_new (const SapaSlaCalendar *calendar,
                       gint64                 from_us,
                       gint64                 to_us)
{
  SapaReportClock *self = g_new0 (SapaReportClock, 1);

  g_return_val_if_fail (from_us <= to_us, self);

  self->calendar = calendar;
  self->from_us = from_us;
  self->to_us = to_us;
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->before = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (calendar != NULL)
    build_intervals (self);

  return self;
}

void
sapa_report_clock_free (SapaReportClock *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->starts);
  g_array_unref (self->ends);
  g_array_unref (self->before);
  g_free (self);
}

/* Returns the counted time from the start of the first interval to
 * @at_us. */
static gint64
counted_until (const SapaReportClock *self,
               gint64                 at_us)
{
  guint low = 0, high = self->starts->len;
  gint64 start_us, end_us;

  /* Finds the number of intervals that start at or before @at_us. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->starts, gint64, middle) <= at_us)
        low = middle + 1;
      else
        high = middle;
    }

  if (low == 0)
    return 0;

  start_us = g_array_index (self->starts, gint64, low - 1);
  end_us = g_array_index (self->ends, gint64, low - 1);
  return g_array_index (self->before, gint64, low - 1) + MIN (at_us, end_us) - start_us;
}

gint64
sapa_report_clock_elapsed (const SapaReportClock *self,
                           gint64                 from_us,
                           gint64                 to_us,
                           const SapaSlaPause    *pauses,
                           guint                  n_pauses)
{
  g_return_val_if_fail (self != NULL, 0);

  if (to_us <= from_us)
    return 0;

  if (n_pauses > 0 || from_us < self->from_us || to_us > self->to_us)
    return sapa_sla_elapsed (from_us, to_us, self->calendar, pauses, n_pauses);

  if (self->calendar == NULL)
    return to_us - from_us;

  return counted_until (self, to_us) - counted_until (self, from_us);
}
