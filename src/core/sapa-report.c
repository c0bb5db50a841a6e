/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report.c: a report's period, airports and figures */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-report-private.h"
#include "sapa-sla.h"
#include "sapa-time.h"

static void
local_date (gint64      at_us,
            const char *iana,
            GDate      *out_date)
{
  g_autoptr(GDateTime) local = sapa_time_to_zone (at_us, iana);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

void
sapa_report_preset_get_days (SapaReportPreset  preset,
                             gint64            now,
                             const char       *iana,
                             GDate            *out_first_day,
                             GDate            *out_last_day)
{
  g_return_if_fail (iana != NULL);
  g_return_if_fail (out_first_day != NULL && out_last_day != NULL);

  local_date (now, iana, out_last_day);
  *out_first_day = *out_last_day;

  switch (preset)
    {
    case SAPA_REPORT_PRESET_TODAY:
      break;
    case SAPA_REPORT_PRESET_7_DAYS:
      g_date_subtract_days (out_first_day, 6);
      break;
    case SAPA_REPORT_PRESET_30_DAYS:
      g_date_subtract_days (out_first_day, 29);
      break;
    case SAPA_REPORT_PRESET_THIS_MONTH:
      g_date_set_day (out_first_day, 1);
      break;
    default:
      g_return_if_reached ();
    }
}

gint64
sapa_report_day_start (const GDate *day,
                       const char  *iana)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  g_return_val_if_fail (day != NULL && g_date_valid (day), 0);
  g_return_val_if_fail (iana != NULL, 0);

  zone = g_time_zone_new_identifier (iana);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  midnight = g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day), 0, 0, 0);
  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

/* ---- Query ---- */

SapaReportQuery *
sapa_report_query_new (const GDate        *first_day,
                       const GDate        *last_day,
                       const char * const *airports,
                       gint64              now)
{
  SapaReportQuery *self = g_new0 (SapaReportQuery, 1);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (first_day != NULL && last_day != NULL, self);

  self->first_day = *first_day;
  self->last_day = *last_day;
  self->now = now;
  sapa_sns_targets_init_default (&self->sns_targets);

  for (guint i = 0; airports != NULL && airports[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) airports[i]))
      g_strv_builder_add (codes, airports[i]);
  self->airports = g_strv_builder_end (codes);

  return self;
}

SapaReportQuery *
sapa_report_query_copy (const SapaReportQuery *self)
{
  SapaReportQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->airports = g_strdupv (self->airports);
  if (self->sla_config != NULL)
    copy->sla_config = g_key_file_ref (self->sla_config);
  return copy;
}

void
sapa_report_query_free (SapaReportQuery *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->airports);
  g_clear_pointer (&self->sla_config, g_key_file_unref);
  g_free (self);
}

guint
sapa_report_query_get_n_days (const SapaReportQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (g_date_valid (&self->first_day) && g_date_valid (&self->last_day), 0);

  return g_date_days_between (&self->first_day, &self->last_day) + 1;
}

gboolean
sapa_report_query_validate (const SapaReportQuery  *self,
                            GError                **error)
{
  g_autoptr(SapaSlaPolicy) policy = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_date_valid (&self->first_day) || !g_date_valid (&self->last_day))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The period of the report has an invalid date. Choose the dates again."));
      return FALSE;
    }

  if (g_date_compare (&self->first_day, &self->last_day) > 0)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The first day of the report is after its last day. Swap the two dates."));
      return FALSE;
    }

  if (sapa_report_query_get_n_days (self) > SAPA_REPORT_MAX_DAYS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The report covers %u days; a report can cover at most %u days. Choose a shorter period."),
                   sapa_report_query_get_n_days (self), SAPA_REPORT_MAX_DAYS);
      return FALSE;
    }

  if (self->airports == NULL || self->airports[0] == NULL)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The report has no airport. Choose at least one airport."));
      return FALSE;
    }

  for (guint i = 0; self->airports[i] != NULL; i++)
    if (sapa_airport_lookup (self->airports[i]) == NULL)
      {
        g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                     _("The airport “%s” is not in the airport list."), self->airports[i]);
        return FALSE;
      }

  if (self->sla_config != NULL)
    {
      policy = sapa_sla_policy_new ();
      if (!sapa_sla_policy_load_key_file (policy, self->sla_config, error))
        return FALSE;

      for (guint i = 0; self->airports[i] != NULL; i++)
        {
          g_autoptr(SapaSlaCalendar) calendar =
            sapa_sla_calendar_new_for_airport (self->airports[i], self->sla_config, error);

          if (calendar == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

/* ---- Figures ---- */

static void
series_free (SapaReportSeries *series)
{
  g_free (series->key);
  g_free (series->per_day);
  g_free (series);
}

static void
sla_row_free (SapaReportSlaRow *row)
{
  g_free (row->channel);
  g_free (row);
}

static void
escalation_row_free (SapaReportEscalationRow *row)
{
  g_free (row->unit);
  g_free (row->airport);
  g_free (row);
}

static void
ssr_row_free (SapaReportSsrRow *row)
{
  g_free (row->code);
  g_free (row);
}

static void
airline_row_free (SapaReportAirlineRow *row)
{
  g_free (row->airline);
  g_free (row);
}

void
sapa_report_data_free (SapaReportData *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->query, sapa_report_query_free);
  g_free (self->per_day);
  g_clear_pointer (&self->by_channel, g_ptr_array_unref);
  g_clear_pointer (&self->by_category, g_ptr_array_unref);
  g_clear_pointer (&self->by_airport, g_ptr_array_unref);
  g_clear_pointer (&self->sla, g_ptr_array_unref);
  g_clear_pointer (&self->escalations, g_ptr_array_unref);
  g_free (self->escalation_total.unit);
  g_free (self->escalation_total.airport);
  g_clear_pointer (&self->ssr, g_ptr_array_unref);
  g_clear_pointer (&self->handovers, g_ptr_array_unref);
  g_free (self);
}

SapaReportData *
sapa_report_data_new (const SapaReportQuery *query)
{
  SapaReportData *self = g_new0 (SapaReportData, 1);

  self->query = sapa_report_query_copy (query);
  self->n_days = sapa_report_query_get_n_days (query);
  self->per_day = g_new0 (guint, self->n_days);
  self->by_channel = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->by_category = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->by_airport = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->sla = g_ptr_array_new_with_free_func ((GDestroyNotify) sla_row_free);
  self->escalations = g_ptr_array_new_with_free_func ((GDestroyNotify) escalation_row_free);
  self->escalation_total.unit = g_strdup ("");
  self->escalation_total.airport = g_strdup ("");
  self->ssr = g_ptr_array_new_with_free_func ((GDestroyNotify) ssr_row_free);
  self->handovers = g_ptr_array_new_with_free_func ((GDestroyNotify) airline_row_free);
  return self;
}

double
sapa_report_percent (guint part,
                     guint whole)
{
  if (whole == 0)
    return NAN;
  return 100.0 * part / whole;
}
