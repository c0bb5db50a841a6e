/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sns.c: special-needs service: arrival times, notice and service clocks */

#define G_LOG_DOMAIN "sapa-sns"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-sns.h"
#include "sapa-time.h"

void
sapa_sns_targets_init_default (SapaSnsTargets *targets)
{
  static const SapaSnsTargets defaults = { { 10, 20, 30 }, { 25, 35, 45 } };

  g_return_if_fail (targets != NULL);
  *targets = defaults;
}

SapaSnsClockState
sapa_sns_clock_state (const SapaSnsTargets *targets,
                      gboolean              prebooked,
                      gint64                elapsed_us)
{
  const guint *limits;

  g_return_val_if_fail (targets != NULL, SAPA_SNS_CLOCK_OK);

  limits = prebooked ? targets->prebooked : targets->walk_in;
  if (elapsed_us <= (gint64) limits[0] * G_USEC_PER_SEC * 60)
    return SAPA_SNS_CLOCK_OK;
  if (elapsed_us <= (gint64) limits[2] * G_USEC_PER_SEC * 60)
    return SAPA_SNS_CLOCK_AMBER;
  return SAPA_SNS_CLOCK_RED;
}

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", year, month, day) != 3)
    return FALSE;
  return g_date_valid_dmy (*day, *month, *year);
}

static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute)
{
  if (text == NULL || sscanf (text, "%2d:%2d", hour, minute) != 2)
    return FALSE;
  return *hour >= 0 && *hour < 24 && *minute >= 0 && *minute < 60;
}

static gboolean
invalid (GError    **error,
         const char *value)
{
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("“%s” is not a valid date or time of the booking."), value ? value : "");
  return FALSE;
}

gboolean
sapa_sns_resolve_times (const char  *flight_date,
                        const char  *departure,
                        const char  *eta,
                        gboolean     day_before,
                        const char  *iana,
                        gint64      *out_eta_us,
                        gint64      *out_departure_us,
                        GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) eta_time = NULL;
  int year, month, day, hour, minute;
  gint64 departure_us = 0;

  g_return_val_if_fail (out_eta_us != NULL, FALSE);

  zone = iana ? g_time_zone_new_identifier (iana) : NULL;
  if (zone == NULL)
    return invalid (error, iana);
  if (!parse_date (flight_date, &year, &month, &day))
    return invalid (error, flight_date);
  if (!parse_clock (eta, &hour, &minute))
    return invalid (error, eta);

  eta_time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (day_before)
    {
      GDateTime *previous = g_date_time_add_days (eta_time, -1);

      g_date_time_unref (eta_time);
      eta_time = previous;
    }

  if (departure != NULL && *departure != '\0')
    {
      g_autoptr(GDateTime) departure_time = NULL;
      int departure_hour, departure_minute;

      if (!parse_clock (departure, &departure_hour, &departure_minute))
        return invalid (error, departure);

      departure_time = g_date_time_new (zone, year, month, day, departure_hour, departure_minute, 0);
      departure_us = g_date_time_to_unix (departure_time) * G_USEC_PER_SEC;
    }

  *out_eta_us = g_date_time_to_unix (eta_time) * G_USEC_PER_SEC;
  if (out_departure_us != NULL)
    *out_departure_us = departure_us;
  return TRUE;
}

gboolean
sapa_sns_resolve_clock (const char *clock,
                        gint64      before_us,
                        const char *iana,
                        gint64     *out_us)
{
  g_autoptr(GTimeZone) zone = iana ? g_time_zone_new_identifier (iana) : NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) candidate = NULL;
  int hour, minute;

  g_return_val_if_fail (out_us != NULL, FALSE);

  if (zone == NULL || !parse_clock (clock, &hour, &minute))
    return FALSE;

  before = sapa_time_to_zone (before_us, iana);
  candidate = g_date_time_new (zone, g_date_time_get_year (before), g_date_time_get_month (before),
                               g_date_time_get_day_of_month (before), hour, minute, 0);
  if (g_date_time_to_unix (candidate) * G_USEC_PER_SEC > before_us)
    {
      GDateTime *previous = g_date_time_add_days (candidate, -1);

      g_date_time_unref (candidate);
      candidate = previous;
    }

  *out_us = g_date_time_to_unix (candidate) * G_USEC_PER_SEC;
  return TRUE;
}

gboolean
sapa_sns_is_late_booking (gint64 booked_at_us,
                          gint64 flight_us)
{
  return flight_us - booked_at_us < (gint64) SAPA_SNS_NOTICE_HOURS * 3600 * G_USEC_PER_SEC;
}

void
sapa_sns_entry_free (SapaSnsEntry *entry)
{
  g_free (entry->ticket_id);
  g_free (entry->report_number);
  g_free (entry->name);
  g_free (entry->flight);
  g_free (entry->ssr);
  g_free (entry->equipment);
  g_free (entry->officer);
  g_free (entry->airline);
  g_free (entry->airline_staff);
  g_free (entry->handover_time);
  g_clear_pointer (&entry->arrival_values, g_hash_table_unref);
  g_free (entry->time_zone);
  g_free (entry);
}

SapaSnsBoard *
sapa_sns_board_new (void)
{
  SapaSnsBoard *board = g_new0 (SapaSnsBoard, 1);

  for (guint i = 0; i < SAPA_SNS_N_GROUPS; i++)
    board->groups[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_sns_entry_free);
  return board;
}

void
sapa_sns_board_free (SapaSnsBoard *board)
{
  for (guint i = 0; i < SAPA_SNS_N_GROUPS; i++)
    g_ptr_array_unref (board->groups[i]);
  g_free (board);
}
