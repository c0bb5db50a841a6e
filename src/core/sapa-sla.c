/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla.c: due instants, counted time and the state of SLA targets */

#define G_LOG_DOMAIN "sapa-sla"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-flow.h"
#include "sapa-sla.h"
#include "sapa-time.h"

#define MINUTES_PER_DAY (24 * 60)

/* GDateTime, which turns local dates into instants, ends with year 9999. */
#define LAST_YEAR 9999

/* ---- Pauses ---- */

GArray *
sapa_sla_pauses_from_history (const SapaSlaStatusChange *changes,
                              guint                      n_changes)
{
  GArray *pauses = g_array_new (FALSE, FALSE, sizeof (SapaSlaPause));
  SapaSlaPause pause = { 0, SAPA_SLA_PAUSE_OPEN };
  gboolean waiting = FALSE;

  g_return_val_if_fail (changes != NULL || n_changes == 0, pauses);

  for (guint i = 0; i < n_changes; i++)
    {
      gboolean now_waiting = g_strcmp0 (changes[i].status, SAPA_STATUS_WAITING_CUSTOMER) == 0;

      if (now_waiting && !waiting)
        pause.start_us = changes[i].at_us;
      else if (!now_waiting && waiting)
        {
          pause.end_us = changes[i].at_us;
          g_array_append_val (pauses, pause);
        }

      waiting = now_waiting;
    }

  if (waiting)
    {
      pause.end_us = SAPA_SLA_PAUSE_OPEN;
      g_array_append_val (pauses, pause);
    }

  return pauses;
}

static int
compare_pause_start (gconstpointer a,
                     gconstpointer b)
{
  const SapaSlaPause *pause_a = a;
  const SapaSlaPause *pause_b = b;

  return (pause_a->start_us > pause_b->start_us) - (pause_a->start_us < pause_b->start_us);
}

/* Returns a copy of @pauses sorted by start, without empty or reversed
 * pauses. Overlaps stay, because counter_next() skips every pause that
 * ends before its position. */
static GArray *
sort_pauses (const SapaSlaPause *pauses,
             guint               n_pauses)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (SapaSlaPause), n_pauses);

  for (guint i = 0; i < n_pauses; i++)
    if (pauses[i].end_us > pauses[i].start_us)
      g_array_append_val (sorted, pauses[i]);

  g_array_sort (sorted, compare_pause_start);
  return sorted;
}

/* ---- Open hours: the business intervals of a calendar, day by day ---- */

typedef struct {
  const SapaSlaCalendar *calendar;   /* NULL for 24x7 */
  GTimeZone             *zone;
  GDate                  date;       /* next local date to look at */
  gint64                 from_us;
  gboolean               finished;
} OpenHours;

static void
open_hours_init (OpenHours             *self,
                 const SapaSlaCalendar *calendar,
                 gint64                 from_us)
{
  g_autoptr(GDateTime) local = NULL;
  const char *iana;

  self->calendar = calendar;
  self->zone = NULL;
  self->from_us = from_us;
  self->finished = FALSE;
  g_date_clear (&self->date, 1);

  if (calendar == NULL)
    return;

  /* The calendar has checked its zone, so this is never UTC by accident. */
  iana = sapa_sla_calendar_get_time_zone (calendar);
  self->zone = g_time_zone_new_identifier (iana);
  local = sapa_time_to_zone (from_us, iana);
  g_date_set_dmy (&self->date,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));

  /* Without an open weekday the loop in open_hours_next() would never
   * find an interval. */
  if (!sapa_sla_calendar_has_hours (calendar))
    self->finished = TRUE;
}

static void
open_hours_clear (OpenHours *self)
{
  g_clear_pointer (&self->zone, g_time_zone_unref);
}

/* Returns the instant of @minute minutes after midnight on @date in
 * @zone, where 1440 is the next midnight. */
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
  g_return_val_if_fail (local != NULL, G_MAXINT64);

  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

/* Stores the next business interval that ends after @from_us. Each call
 * steps over whole days, so a target weeks long takes a few dozen steps.
 * The loop ends because a calendar with an open weekday has only a
 * finite set of holidays to skip. */
static gboolean
open_hours_next (OpenHours *self,
                 gint64    *out_start_us,
                 gint64    *out_end_us)
{
  if (self->finished)
    return FALSE;

  if (self->calendar == NULL)
    {
      *out_start_us = self->from_us;
      *out_end_us = G_MAXINT64;
      self->finished = TRUE;
      return TRUE;
    }

  while (g_date_get_year (&self->date) < LAST_YEAR)
    {
      GDate day = self->date;
      guint open_minute, close_minute;
      gint64 start_us, end_us;

      g_date_add_days (&self->date, 1);

      if (sapa_sla_calendar_is_holiday (self->calendar, &day) ||
          !sapa_sla_calendar_get_hours (self->calendar, g_date_get_weekday (&day),
                                        &open_minute, &close_minute))
        continue;

      start_us = MAX (local_instant (self->zone, &day, open_minute), self->from_us);
      end_us = local_instant (self->zone, &day, close_minute);
      if (end_us <= start_us)
        continue;

      *out_start_us = start_us;
      *out_end_us = end_us;
      return TRUE;
    }

  self->finished = TRUE;
  return FALSE;
}

/* ---- Counted time: open hours minus pauses ---- */

typedef struct {
  OpenHours  hours;
  GArray    *pauses;        /* from sort_pauses() */
  guint      next_pause;    /* pauses before it end before the position */
  gboolean   in_interval;
  gint64     start_us;      /* rest of the current open interval */
  gint64     end_us;
} Counter;

static void
counter_init (Counter               *self,
              const SapaSlaCalendar *calendar,
              const SapaSlaPause    *pauses,
              guint                  n_pauses,
              gint64                 from_us)
{
  open_hours_init (&self->hours, calendar, from_us);
  self->pauses = sort_pauses (pauses, n_pauses);
  self->next_pause = 0;
  self->in_interval = FALSE;
}

static void
counter_clear (Counter *self)
{
  open_hours_clear (&self->hours);
  g_clear_pointer (&self->pauses, g_array_unref);
}

/* Stores the next piece of time that counts, in order. Returns FALSE
 * when no time counts any more: the calendar has no hours ahead, or an
 * open pause has begun. The end of a 24x7 piece may be G_MAXINT64. */
static gboolean
counter_next (Counter *self,
              gint64  *out_start_us,
              gint64  *out_end_us)
{
  for (;;)
    {
      const SapaSlaPause *pause = NULL;

      if (!self->in_interval)
        {
          if (!open_hours_next (&self->hours, &self->start_us, &self->end_us))
            return FALSE;
          self->in_interval = TRUE;
        }

      /* A pause that ends before the position no longer matters. The
       * position only moves forward, so neither does next_pause. */
      while (self->next_pause < self->pauses->len &&
             g_array_index (self->pauses, SapaSlaPause, self->next_pause).end_us <= self->start_us)
        self->next_pause++;

      if (self->next_pause < self->pauses->len)
        pause = &g_array_index (self->pauses, SapaSlaPause, self->next_pause);

      /* The interval starts inside a pause: skip to the pause's end. An
       * open pause stops the clock for good, which also spares a walk
       * through every later day up to LAST_YEAR. */
      if (pause != NULL && pause->start_us <= self->start_us)
        {
          if (pause->end_us == SAPA_SLA_PAUSE_OPEN)
            return FALSE;

          self->start_us = pause->end_us;
          self->in_interval = self->start_us < self->end_us;
          continue;
        }

      *out_start_us = self->start_us;
      *out_end_us = self->end_us;
      if (pause != NULL && pause->start_us < self->end_us)
        *out_end_us = pause->start_us;

      self->start_us = *out_end_us;
      self->in_interval = self->start_us < self->end_us;
      return TRUE;
    }
}

gboolean
sapa_sla_compute_due (gint64                 start_us,
                      guint                  minutes,
                      const SapaSlaCalendar *calendar,
                      const SapaSlaPause    *pauses,
                      guint                  n_pauses,
                      gint64                *out_due_us)
{
  Counter counter;
  gint64 left_us = (gint64) minutes * G_TIME_SPAN_MINUTE;
  gint64 piece_start_us, piece_end_us;
  gboolean found = FALSE;

  g_return_val_if_fail (pauses != NULL || n_pauses == 0, FALSE);
  g_return_val_if_fail (out_due_us != NULL, FALSE);

  counter_init (&counter, calendar, pauses, n_pauses, start_us);

  while (counter_next (&counter, &piece_start_us, &piece_end_us))
    {
      /* An endless piece is tested apart, because end minus start could
       * overflow. */
      if (piece_end_us == G_MAXINT64 || left_us <= piece_end_us - piece_start_us)
        {
          found = piece_start_us <= G_MAXINT64 - left_us;
          if (found)
            *out_due_us = piece_start_us + left_us;
          break;
        }

      left_us -= piece_end_us - piece_start_us;
    }

  counter_clear (&counter);
  return found;
}

gint64
sapa_sla_elapsed (gint64                 from_us,
                  gint64                 to_us,
                  const SapaSlaCalendar *calendar,
                  const SapaSlaPause    *pauses,
                  guint                  n_pauses)
{
  Counter counter;
  gint64 piece_start_us, piece_end_us;
  gint64 total_us = 0;

  g_return_val_if_fail (pauses != NULL || n_pauses == 0, 0);

  if (to_us <= from_us)
    return 0;

  counter_init (&counter, calendar, pauses, n_pauses, from_us);

  while (counter_next (&counter, &piece_start_us, &piece_end_us) && piece_start_us < to_us)
    total_us += MIN (piece_end_us, to_us) - piece_start_us;

  counter_clear (&counter);
  return total_us;
}

/* ---- State and labels ---- */

SapaSlaState
sapa_sla_classify (gint64                  due_us,
                   gint64                  now_us,
                   guint                   minutes,
                   const SapaSlaThreshold *threshold)
{
  const SapaSlaThreshold default_threshold = SAPA_SLA_THRESHOLD_DEFAULT;
  gint64 remaining_us = due_us - now_us;
  gint64 target_us = (gint64) minutes * G_TIME_SPAN_MINUTE;
  gint64 by_percent_us, by_minutes_us;

  if (threshold == NULL)
    threshold = &default_threshold;

  if (remaining_us < 0)
    return SAPA_SLA_STATE_OVERDUE;

  /* Divided first so that the product cannot overflow. A percentage over
   * 100 counts as 100. */
  by_percent_us = target_us / 100 * MIN (threshold->percent, 100);
  by_minutes_us = (gint64) threshold->minutes * G_TIME_SPAN_MINUTE;

  if (remaining_us <= MAX (by_percent_us, by_minutes_us))
    return SAPA_SLA_STATE_DUE_SOON;

  return SAPA_SLA_STATE_ON_TIME;
}

void
sapa_sla_evaluate (gint64                  start_us,
                   guint                   minutes,
                   const SapaSlaCalendar  *calendar,
                   const SapaSlaPause     *pauses,
                   guint                   n_pauses,
                   gint64                  now_us,
                   const SapaSlaThreshold *threshold,
                   SapaSlaProgress        *out_progress)
{
  gint64 due_us;
  gint64 elapsed_us;

  g_return_if_fail (pauses != NULL || n_pauses == 0);
  g_return_if_fail (out_progress != NULL);

  if (sapa_sla_compute_due (start_us, minutes, calendar, pauses, n_pauses, &due_us))
    {
      out_progress->state = sapa_sla_classify (due_us, now_us, minutes, threshold);
      out_progress->has_due = TRUE;
      out_progress->due_us = due_us;
      out_progress->remaining_us = due_us - now_us;
      return;
    }

  elapsed_us = sapa_sla_elapsed (start_us, now_us, calendar, pauses, n_pauses);
  out_progress->state = SAPA_SLA_STATE_PAUSED;
  out_progress->has_due = FALSE;
  out_progress->due_us = 0;
  out_progress->remaining_us = MAX ((gint64) minutes * G_TIME_SPAN_MINUTE - elapsed_us, 0);
}

char *
sapa_sla_format_duration (gint64 span_us)
{
  guint64 size_us = span_us < 0 ? -(guint64) span_us : (guint64) span_us;
  guint64 minutes = (size_us + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;
  guint64 hours = (minutes + 59) / 60;
  g_autofree char *days_text = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *minutes_text = NULL;

  /* Past a day, minutes would be noise: round up to the hour instead. */
  if (minutes >= MINUTES_PER_DAY)
    {
      guint days = hours / 24;
      guint rest = hours % 24;

      /* Translators: a number of days, as in "2 days 3 h". */
      days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
      if (rest == 0)
        return g_steal_pointer (&days_text);

      /* Translators: "h" abbreviates hours. */
      hours_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u h", "%u h", rest), rest);
      return g_strdup_printf ("%s %s", days_text, hours_text);
    }

  /* Translators: "min" abbreviates minutes. */
  minutes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", minutes % 60),
                                  (guint) (minutes % 60));
  if (minutes < 60)
    return g_steal_pointer (&minutes_text);

  hours_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u h", "%u h", minutes / 60),
                                (guint) (minutes / 60));
  if (minutes % 60 == 0)
    return g_steal_pointer (&hours_text);

  return g_strdup_printf ("%s %s", hours_text, minutes_text);
}

char *
sapa_sla_format_progress (const SapaSlaProgress *progress)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (progress != NULL, NULL);

  duration = sapa_sla_format_duration (progress->remaining_us);

  switch (progress->state)
    {
    case SAPA_SLA_STATE_PAUSED:
      /* Translators: the SLA clock is stopped while the ticket waits
       * for the customer. %s is a duration such as "25 min". */
      return g_strdup_printf (_("Paused, %s left"), duration);

    case SAPA_SLA_STATE_OVERDUE:
      /* Translators: %s is a duration such as "1 h 5 min". */
      return g_strdup_printf (_("Overdue by %s"), duration);

    case SAPA_SLA_STATE_DUE_SOON:
      if (progress->remaining_us == 0)
        return g_strdup (_("Due now"));

      /* Translators: %s is a duration such as "5 min". */
      return g_strdup_printf (_("Due soon, %s left"), duration);

    case SAPA_SLA_STATE_ON_TIME:
    default:
      /* Translators: %s is a duration such as "25 min". */
      return g_strdup_printf (_("%s left"), duration);
    }
}
