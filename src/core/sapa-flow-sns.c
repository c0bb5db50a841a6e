/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow-sns.c: the cross-field checks of the two special-needs flows */

#define G_LOG_DOMAIN "sapa-flow"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-flow-private.h"

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
         check_eta_before_departure (values, out_field_key, error);
}
