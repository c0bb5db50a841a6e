/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-sla.c: a ticket's SLA clocks, derived from its activity log */

#define G_LOG_DOMAIN "sapa-sla"

#include "config.h"

#include <string.h>

#include "sapa-flow.h"
#include "sapa-sync.h"
#include "sapa-ticket-action.h"
#include "sapa-ticket-sla.h"

gboolean
sapa_ticket_sla_is_response (SapaActivity *activity)
{
  static const char * const response_actions[] = {
    SAPA_ACTION_REPLY, SAPA_ACTION_PIC_ANSWER, SAPA_ACTION_DELIVER, NULL
  };
  /* The steps of the procedures in sapa-flow.c where the officer gives
   * the answer, records the PIC's answer or sends the result. */
  static const char * const response_steps[] = { "answer", "await_pic", "deliver", NULL };
  const char *kind;
  const char *step;

  g_return_val_if_fail (SAPA_IS_ACTIVITY (activity), FALSE);

  kind = sapa_activity_get_kind (activity);
  step = sapa_activity_get_step (activity);
  if (step == NULL)
    return FALSE;

  if (g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    return g_strv_contains (response_actions, step);
  if (g_str_equal (kind, SAPA_ACTIVITY_STEP))
    return g_strv_contains (response_steps, step);
  return FALSE;
}

GArray *
sapa_ticket_sla_status_history (const char *flow_id,
                                GPtrArray  *activities)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (SapaSlaStatusChange));
  const char *status = NULL;

  g_return_val_if_fail (activities != NULL, changes);

  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);
      SapaSlaStatusChange change;
      const char *next = NULL;

      if (!sapa_sync_next_status (flow_id, activity, status, &next, NULL))
        continue;

      status = next;
      change.at_us = sapa_activity_get_created_at (activity);
      change.status = status;
      g_array_append_val (changes, change);
    }

  return changes;
}

static gboolean
is_ended (const char *status)
{
  return g_strcmp0 (status, SAPA_STATUS_CLOSED) == 0 || g_strcmp0 (status, SAPA_STATUS_CANCELLED) == 0;
}

/* Returns when the ticket ended for the last time, or 0 when the latest
 * status is not an ended one (it was reopened, or never closed). */
static gint64
find_resolved_at (GArray *history)
{
  gint64 resolved_at = 0;

  for (guint i = history->len; i > 0; i--)
    {
      const SapaSlaStatusChange *change = &g_array_index (history, SapaSlaStatusChange, i - 1);

      if (!is_ended (change->status))
        break;
      resolved_at = change->at_us;
    }

  return resolved_at;
}

static gint64
find_first_response (GPtrArray *activities)
{
  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      if (sapa_ticket_sla_is_response (activity))
        return sapa_activity_get_created_at (activity);
    }
  return 0;
}

void
sapa_ticket_sla_evaluate (const SapaSlaConfig *config,
                          SapaTicket          *ticket,
                          GPtrArray           *activities,
                          gint64               now_us,
                          SapaTicketSla       *out_sla)
{
  g_autoptr(GArray) history = NULL;
  g_autoptr(GArray) pauses = NULL;
  const SapaSlaCalendar *airport_calendar;
  const SapaSlaLimit *limit;
  const char *category;
  gint64 created_at;

  g_return_if_fail (config != NULL);
  g_return_if_fail (SAPA_IS_TICKET (ticket));
  g_return_if_fail (activities != NULL);
  g_return_if_fail (out_sla != NULL);

  memset (out_sla, 0, sizeof *out_sla);

  history = sapa_ticket_sla_status_history (sapa_ticket_get_flow (ticket), activities);
  pauses = sapa_sla_pauses_from_history ((const SapaSlaStatusChange *) (gpointer) history->data,
                                         history->len);
  airport_calendar = sapa_sla_config_get_calendar (config, sapa_ticket_get_airport (ticket));
  created_at = sapa_ticket_get_created_at (ticket);
  category = sapa_ticket_get_category (ticket);

  sapa_sla_policy_lookup (sapa_sla_config_get_policy (config), sapa_ticket_get_channel (ticket),
                          category != NULL && *category != '\0' ? category : NULL, &out_sla->target);

  out_sla->first_response_at = find_first_response (activities);
  if (out_sla->first_response_at != 0)
    {
      const SapaSlaLimit *first = &out_sla->target.first_response;

      out_sla->first_response_us = sapa_sla_elapsed (created_at, out_sla->first_response_at,
                                                     first->hours == SAPA_SLA_HOURS_BUSINESS ? airport_calendar : NULL,
                                                     (const SapaSlaPause *) (gpointer) pauses->data, pauses->len);
    }

  out_sla->resolved_at = find_resolved_at (history);
  if (out_sla->resolved_at != 0)
    {
      out_sla->clock = SAPA_SLA_CLOCK_STOPPED;
      return;
    }

  if (out_sla->first_response_at == 0)
    {
      out_sla->clock = SAPA_SLA_CLOCK_FIRST_RESPONSE;
      limit = &out_sla->target.first_response;
    }
  else
    {
      out_sla->clock = SAPA_SLA_CLOCK_RESOLUTION;
      limit = &out_sla->target.resolution;
    }

  out_sla->minutes = limit->minutes;
  sapa_sla_evaluate (created_at, limit->minutes,
                     limit->hours == SAPA_SLA_HOURS_BUSINESS ? airport_calendar : NULL,
                     (const SapaSlaPause *) (gpointer) pauses->data, pauses->len,
                     now_us, sapa_sla_config_get_threshold (config), &out_sla->progress);
}
