/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow-sns.c: the cross-field checks of the two special-needs flows */

#define G_LOG_DOMAIN "sapa-flow"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-flow-private.h"
#include "sapa-sns.h"
#include "sapa-time.h"

static const char *
value_of (GHashTable *values,
          const char *key)
{
  const char *value = g_hash_table_lookup (values, key);

  return value != NULL ? value : "";
}

static gboolean
fail_on (char      **out_field_key,
         const char *key)
{
  if (out_field_key != NULL)
    *out_field_key = g_strdup (key);
  return FALSE;
}

static gint64
now_of (GHashTable *values)
{
  return g_ascii_strtoll (value_of (values, SAPA_FLOW_KEY_NOW), NULL, 10);
}

/* A booking is for a coming flight: its date is not before today, and a
 * flight today has not left yet, both by the clock of the airport the
 * passenger flies from. Cleaned dates and times compare as text. */
static gboolean
check_coming_flight (GHashTable  *values,
                     char       **out_field_key,
                     GError     **error)
{
  const SapaAirport *airport = sapa_airport_lookup (value_of (values, "airport"));
  const char *flight_date = value_of (values, "flight_date");
  const char *departure = value_of (values, "departure_time");
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;
  g_autofree char *clock = NULL;

  if (airport == NULL)
    return TRUE;

  local = sapa_time_to_zone (now_of (values), airport->time_zone);
  today = g_date_time_format (local, "%Y-%m-%d");
  clock = g_date_time_format (local, "%H:%M");

  if (strcmp (flight_date, today) < 0)
    {
      g_autofree char *shown_date = sapa_flow_format_date (flight_date);
      g_autofree char *shown_today = sapa_flow_format_date (today);

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The date of the flight, %s, is before today, %s at %s. A booking is for a coming flight, so check the date with the person."),
                   shown_date, shown_today, airport->iata);
      return fail_on (out_field_key, "flight_date");
    }

  if (g_str_equal (flight_date, today) && *departure != '\0' && strcmp (departure, clock) <= 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The departure at %s today has passed, because it is %s at %s now. A booking is for a coming flight, so check the date and the departure time with the person."),
                   departure, clock, airport->iata);
      return fail_on (out_field_key, "departure_time");
    }

  return TRUE;
}

/* A passenger must be at the airport before the flight leaves. Both times
 * are cleaned "HH:MM" on the flight's date, so comparing the text compares
 * the times, unless the officer chose the day before for the arrival. */
static gboolean
check_eta_before_departure (GHashTable  *values,
                            char       **out_field_key,
                            GError     **error)
{
  const char *departure = value_of (values, "departure_time");
  const char *eta = value_of (values, "eta");

  if (*departure == '\0' || g_str_equal (value_of (values, "eta_day"), "day_before") ||
      strcmp (eta, departure) < 0)
    return TRUE;

  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The arrival at the airport, %s, is not before the departure at %s on the date of the flight. Correct the time, or choose “On the day before the flight” when the passenger arrives the evening before."),
               eta, departure);
  return fail_on (out_field_key, "eta");
}

gboolean
sapa_flow_check_booking (const SapaStep *step,
                         GHashTable     *values,
                         char          **out_field_key,
                         GError        **error)
{
  return sapa_flow_check_ssr_consent (step, values, out_field_key, error) &&
         sapa_flow_check_equipment (step, values, out_field_key, error) &&
         check_coming_flight (values, out_field_key, error) &&
         check_eta_before_departure (values, out_field_key, error);
}

/* Checks that the time typed in @key, resolved to its latest instant up
 * to now, lies between @since_us and now, in the zone of the desk's
 * airport. @since_us is the start of the service, or the arrival in the
 * holding room when @since_holding. A @since_us of 0 (a service started
 * before Sapa stamped its start) only keeps the time from being later than
 * now on today's date. */
static gboolean
check_time_since (const SapaStep *step,
                  GHashTable     *values,
                  const char     *key,
                  gint64          since_us,
                  gboolean        since_holding,
                  char          **out_field_key,
                  GError        **error)
{
  const SapaAirport *airport = sapa_airport_lookup (value_of (values, SAPA_FLOW_KEY_DESK_AIRPORT));
  const char *label = _(sapa_step_get_field (step, key)->label);
  const char *typed = value_of (values, key);
  gint64 now = now_of (values);
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *shown_now = NULL;
  g_autofree char *shown_since = NULL;
  gint64 when;

  if (*typed == '\0' || airport == NULL ||
      !sapa_sns_resolve_clock (typed, now, airport->time_zone, &when))
    return TRUE;

  local_now = sapa_time_to_zone (now, airport->time_zone);
  shown_now = g_date_time_format (local_now, "%H:%M");

  if (since_us == 0)
    {
      if (strcmp (typed, shown_now) <= 0)
        return TRUE;

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("%s, %s, is later than now, %s. Enter the time it happened."),
                   label, typed, shown_now);
      return fail_on (out_field_key, key);
    }

  /* Typed times have whole minutes, so the minute of @since_us counts. */
  if (when >= since_us - since_us % (60 * G_USEC_PER_SEC))
    return TRUE;

  shown_since = sapa_time_format_time (since_us, airport->time_zone);
  if (since_holding)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                 _("%s, %s, must be between the arrival in the holding room at %s and now, %s."),
                 label, typed, shown_since, shown_now);
  else
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                 _("%s, %s, must be between the start of the service at %s and now, %s."),
                 label, typed, shown_since, shown_now);
  return fail_on (out_field_key, key);
}

static gint64
service_started (GHashTable *values)
{
  return g_ascii_strtoll (value_of (values, SAPA_SNS_SERVICE_STARTED_KEY), NULL, 10);
}

/* The passenger entered the holding room after the service started, and
 * not later than now. */
gboolean
sapa_flow_check_holding (const SapaStep *step,
                         GHashTable     *values,
                         char          **out_field_key,
                         GError        **error)
{
  return check_time_since (step, values, "holding_since", service_started (values), FALSE,
                           out_field_key, error);
}

/* The handover follows the start of the service and the arrival in the
 * holding room, and is not later than now. */
gboolean
sapa_flow_check_handover (const SapaStep *step,
                          GHashTable     *values,
                          char          **out_field_key,
                          GError        **error)
{
  const SapaAirport *airport = sapa_airport_lookup (value_of (values, SAPA_FLOW_KEY_DESK_AIRPORT));
  const char *holding = value_of (values, "holding_since");
  gint64 started = service_started (values);
  gint64 holding_since = 0;

  if (started != 0 && *holding != '\0' && airport != NULL &&
      sapa_sns_resolve_clock (holding, now_of (values), airport->time_zone, &holding_since) &&
      holding_since > started)
    return check_time_since (step, values, "handover_time", holding_since, TRUE, out_field_key, error);

  return check_time_since (step, values, "handover_time", started, FALSE, out_field_key, error);
}
