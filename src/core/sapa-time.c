/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-time.c: UTC instants shown and counted in an airport's own zone */

#define G_LOG_DOMAIN "sapa-time"

#include "sapa-airport.h"
#include "sapa-time.h"

GDateTime *
sapa_time_to_zone (gint64      utc_us,
                   const char *iana)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) epoch = NULL;
  g_autoptr(GDateTime) utc = NULL;

  /* g_time_zone_new_identifier (NULL) would give the machine's zone. */
  g_return_val_if_fail (iana != NULL, NULL);

  zone = g_time_zone_new_identifier (iana);
  if (zone == NULL)
    {
      /* NOTE: a zone missing from the system's tzdata shows as UTC. Its
       * label then reads "UTC", so the time shown is still true. */
      g_warning ("Unknown time zone “%s”, showing times in UTC", iana);
      zone = g_time_zone_new_utc ();
    }

  epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  utc = g_date_time_add (epoch, utc_us);
  g_return_val_if_fail (utc != NULL, NULL);

  return g_date_time_to_timezone (utc, zone);
}

/* Returns the Indonesian abbreviation of @iana, or the UTC offset of
 * @local ("UTC+10", "UTC+5:30", "UTC-3", "UTC"). */
static char *
zone_label (GDateTime  *local,
            const char *iana)
{
  const char *abbreviation = sapa_time_zone_abbreviation (iana);
  GTimeSpan offset = g_date_time_get_utc_offset (local);
  gint64 minutes = ABS (offset) / G_TIME_SPAN_MINUTE;
  char sign = offset < 0 ? '-' : '+';

  if (abbreviation != NULL)
    return g_strdup (abbreviation);

  if (offset == 0)
    return g_strdup ("UTC");

  if (minutes % 60 == 0)
    return g_strdup_printf ("UTC%c%" G_GINT64_FORMAT, sign, minutes / 60);

  return g_strdup_printf ("UTC%c%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                          sign, minutes / 60, minutes % 60);
}

/* Formats the instant in @iana with the numeric g_date_time_format() codes
 * in @format (no month or day names, so no locale), then the zone label. */
static char *
format_labelled (gint64      utc_us,
                 const char *iana,
                 const char *format)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (iana != NULL, NULL);

  local = sapa_time_to_zone (utc_us, iana);
  if (local == NULL)
    return NULL;

  text = g_date_time_format (local, format);
  label = zone_label (local, iana);

  return g_strdup_printf ("%s %s", text, label);
}

char *
sapa_time_format (gint64      utc_us,
                  const char *iana)
{
  return format_labelled (utc_us, iana, "%d/%m/%Y %H:%M");
}

char *
sapa_time_format_sortable (gint64      utc_us,
                           const char *iana)
{
  return format_labelled (utc_us, iana, "%Y-%m-%d %H:%M");
}

char *
sapa_time_format_time (gint64      utc_us,
                       const char *iana)
{
  return format_labelled (utc_us, iana, "%H:%M");
}

char *
sapa_time_date_code (gint64      utc_us,
                     const char *iana)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (iana != NULL, NULL);

  local = sapa_time_to_zone (utc_us, iana);
  if (local == NULL)
    return NULL;

  return g_date_time_format (local, "%y%m%d");
}
