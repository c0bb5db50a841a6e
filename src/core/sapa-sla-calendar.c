/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla-calendar.c: business hours and holidays of one airport */

#define G_LOG_DOMAIN "sapa-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-sla.h"
#include "sapa-sla-private.h"

#define MINUTES_PER_DAY (24 * 60)

typedef struct {
  guint open_minute;
  guint close_minute;   /* equal to open_minute on a closed day */
} DayHours;

struct _SapaSlaCalendar {
  char       *iana;
  DayHours    days[7];    /* indexed by GDateWeekday - 1, Monday first */
  GHashTable *holidays;   /* Julian day numbers of GDate, as pointers */
};

/* Key names of the weekdays, in GDateWeekday order from Monday. */
static const char * const weekday_keys[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

SapaSlaCalendar *
sapa_sla_calendar_new (const char  *iana,
                       GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  SapaSlaCalendar *self;

  g_return_val_if_fail (iana != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked here so that every later step can rely on the zone. */
  zone = g_time_zone_new_identifier (iana);
  if (zone == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The time zone “%s” is not known."), iana);
      return NULL;
    }

  self = g_new0 (SapaSlaCalendar, 1);
  self->iana = g_strdup (iana);
  self->holidays = g_hash_table_new (NULL, NULL);

  /* NOTE: these default hours are a starting point for an airport that
   * has not configured its own. They come from no published schedule. */
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
    sapa_sla_calendar_set_hours (self, day, 8 * 60, 17 * 60);

  return self;
}

SapaSlaCalendar *
sapa_sla_calendar_new_for_airport (const char  *iata,
                                   GKeyFile    *key_file,
                                   GError     **error)
{
  g_autoptr(SapaSlaCalendar) self = NULL;
  g_autofree char *airport_group = NULL;
  const SapaAirport *airport;

  g_return_val_if_fail (iata != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  airport = sapa_airport_lookup (iata);
  if (airport == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                   _("The airport “%s” is not in the airport table."), iata);
      return NULL;
    }

  self = sapa_sla_calendar_new (airport->time_zone, error);
  if (self == NULL)
    return NULL;

  if (key_file == NULL)
    return g_steal_pointer (&self);

  airport_group = g_strconcat ("calendar/", airport->iata, NULL);
  if (!sapa_sla_calendar_load_group (self, key_file, "calendar", error) ||
      !sapa_sla_calendar_load_group (self, key_file, airport_group, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
sapa_sla_calendar_free (SapaSlaCalendar *self)
{
  if (self == NULL)
    return;

  g_free (self->iana);
  g_hash_table_unref (self->holidays);
  g_free (self);
}

const char *
sapa_sla_calendar_get_time_zone (const SapaSlaCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->iana;
}

void
sapa_sla_calendar_set_hours (SapaSlaCalendar *self,
                             GDateWeekday     weekday,
                             guint            open_minute,
                             guint            close_minute)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_weekday (weekday));
  g_return_if_fail (open_minute < close_minute);
  g_return_if_fail (close_minute <= MINUTES_PER_DAY);

  self->days[weekday - 1].open_minute = open_minute;
  self->days[weekday - 1].close_minute = close_minute;
}

void
sapa_sla_calendar_set_closed (SapaSlaCalendar *self,
                              GDateWeekday     weekday)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_weekday (weekday));

  self->days[weekday - 1].open_minute = 0;
  self->days[weekday - 1].close_minute = 0;
}

gboolean
sapa_sla_calendar_get_hours (const SapaSlaCalendar *self,
                             GDateWeekday           weekday,
                             guint                 *out_open_minute,
                             guint                 *out_close_minute)
{
  const DayHours *day;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_date_valid_weekday (weekday), FALSE);

  day = &self->days[weekday - 1];
  if (day->open_minute >= day->close_minute)
    return FALSE;

  if (out_open_minute != NULL)
    *out_open_minute = day->open_minute;
  if (out_close_minute != NULL)
    *out_close_minute = day->close_minute;
  return TRUE;
}

gboolean
sapa_sla_calendar_has_hours (const SapaSlaCalendar *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (sapa_sla_calendar_get_hours (self, day, NULL, NULL))
      return TRUE;
  return FALSE;
}

void
sapa_sla_calendar_add_holiday (SapaSlaCalendar *self,
                               const GDate     *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_hash_table_add (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

gboolean
sapa_sla_calendar_is_holiday (const SapaSlaCalendar *self,
                              const GDate           *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return g_hash_table_contains (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

/* ---- Key file ---- */

gboolean
sapa_sla_check_keys (GKeyFile           *key_file,
                     const char         *group,
                     const char * const *known,
                     GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (key_file, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (g_strv_contains (known, keys[i]))
        continue;

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The key “%s” in group “%s” is not known."), keys[i], group);
      return FALSE;
    }

  return TRUE;
}

/* Parses exactly two digits at @text. */
static gboolean
parse_two_digits (const char *text,
                  guint      *out_value)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]))
    return FALSE;

  *out_value = (text[0] - '0') * 10 + (text[1] - '0');
  return TRUE;
}

/* Parses "HH:MM" at @text into minutes from midnight, 00:00 to 24:00. */
static gboolean
parse_clock_time (const char *text,
                  guint      *out_minute)
{
  guint hour, minute;

  if (!parse_two_digits (text, &hour) || text[2] != ':' || !parse_two_digits (text + 3, &minute))
    return FALSE;
  if (minute >= 60 || hour * 60 + minute > MINUTES_PER_DAY)
    return FALSE;

  *out_minute = hour * 60 + minute;
  return TRUE;
}

/* Parses "HH:MM-HH:MM", opening before closing, or "closed" into
 * @out_day. */
static gboolean
parse_day_hours (const char *text,
                 DayHours   *out_day)
{
  guint open_minute, close_minute;

  if (strcmp (text, "closed") == 0)
    {
      out_day->open_minute = 0;
      out_day->close_minute = 0;
      return TRUE;
    }

  if (strlen (text) != 11 || text[5] != '-')
    return FALSE;
  if (!parse_clock_time (text, &open_minute) || !parse_clock_time (text + 6, &close_minute))
    return FALSE;
  if (open_minute >= close_minute)
    return FALSE;

  out_day->open_minute = open_minute;
  out_day->close_minute = close_minute;
  return TRUE;
}

/* Parses "YYYY-MM-DD", a real calendar date, into @out_date. */
static gboolean
parse_date (const char *text,
            GDate      *out_date)
{
  guint64 year, month, day;
  g_auto(GStrv) parts = NULL;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  parts = g_strsplit (text, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL))
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

static gboolean
load_weekdays (DayHours    days[7],
               GKeyFile   *key_file,
               const char *group,
               GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (weekday_keys); i++)
    {
      g_autofree char *value = g_key_file_get_value (key_file, group, weekday_keys[i], NULL);

      if (value == NULL)
        continue;

      if (!parse_day_hours (value, &days[i]))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("The value “%s” of key “%s” in group “%s” is not valid business "
                         "hours. Write HH:MM-HH:MM with the opening before the closing, "
                         "or “closed”."),
                       value, weekday_keys[i], group);
          return FALSE;
        }
    }

  return TRUE;
}

/* Appends the holidays of @group to @out_julian_days. */
static gboolean
load_holidays (GArray     *out_julian_days,
               GKeyFile   *key_file,
               const char *group,
               GError    **error)
{
  g_auto(GStrv) dates = NULL;
  gsize n_dates = 0;

  if (!g_key_file_has_key (key_file, group, "holidays", NULL))
    return TRUE;

  dates = g_key_file_get_string_list (key_file, group, "holidays", &n_dates, NULL);
  if (dates == NULL)
    {
      g_autofree char *value = g_key_file_get_value (key_file, group, "holidays", NULL);

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The holiday “%s” in group “%s” is not a valid date. Write "
                     "YYYY-MM-DD."),
                   value ? value : "", group);
      return FALSE;
    }

  if (n_dates > SAPA_SLA_MAX_HOLIDAYS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("Group “%s” lists %u holidays, more than the maximum of %u."),
                   group, (guint) MIN (n_dates, G_MAXUINT), SAPA_SLA_MAX_HOLIDAYS);
      return FALSE;
    }

  for (gsize i = 0; i < n_dates; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (dates[i]));
      GDate date;
      guint32 julian;

      if (!parse_date (text, &date))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("The holiday “%s” in group “%s” is not a valid date. Write "
                         "YYYY-MM-DD."),
                       text, group);
          return FALSE;
        }

      julian = g_date_get_julian (&date);
      g_array_append_val (out_julian_days, julian);
    }

  return TRUE;
}

gboolean
sapa_sla_calendar_load_group (SapaSlaCalendar  *self,
                              GKeyFile         *key_file,
                              const char       *group,
                              GError          **error)
{
  static const char * const known_keys[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "holidays", NULL
  };
  g_autoptr(GArray) holidays = NULL;
  DayHours days[7];
  gboolean open_some_day = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);
  g_return_val_if_fail (group != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_key_file_has_group (key_file, group))
    return TRUE;

  /* Everything is parsed into copies first, so an error changes nothing. */
  memcpy (days, self->days, sizeof days);
  holidays = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!sapa_sla_check_keys (key_file, group, known_keys, error) ||
      !load_weekdays (days, key_file, group, error) ||
      !load_holidays (holidays, key_file, group, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    open_some_day |= days[i].open_minute < days[i].close_minute;

  /* No due instant could ever be reached on such a calendar. */
  if (!open_some_day)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("Group “%s” closes every day of the week. Give business hours "
                     "for at least one day."),
                   group);
      return FALSE;
    }

  memcpy (self->days, days, sizeof days);
  for (guint i = 0; i < holidays->len; i++)
    g_hash_table_add (self->holidays,
                      GUINT_TO_POINTER (g_array_index (holidays, guint32, i)));

  return TRUE;
}
