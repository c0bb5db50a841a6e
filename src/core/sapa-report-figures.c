/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-figures.c: a report's figures from each ticket's activities */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sapa-flow.h"
#include "sapa-report-builder-private.h"

/* The flows whose tickets have SLA targets. */
static const char * const sla_flows[] = {
  SAPA_FLOW_COUNTER, SAPA_FLOW_PHONE, SAPA_FLOW_EMAIL_SOCIAL,
  SAPA_FLOW_SUGGESTION_BOX, SAPA_FLOW_LIVE_CHAT, NULL
};

/* ---- Per ticket ---- */

SlaGroup *
sapa_report_sla_group_new (const char *channel)
{
  SlaGroup *group = g_new0 (SlaGroup, 1);

  group->channel = g_strdup (channel);
  group->response.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  group->resolution.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  return group;
}

void
sapa_report_sla_group_free (SlaGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->channel);
  g_array_unref (group->response.times);
  g_array_unref (group->resolution.times);
  g_free (group);
}

static const SapaSlaTarget *
lookup_target (SapaReportBuilder *self,
               const Ticket      *ticket)
{
  GHashTable *by_category = g_hash_table_lookup (self->targets, ticket->channel);
  SapaSlaTarget *target;

  if (by_category == NULL)
    {
      by_category = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_hash_table_insert (self->targets, (gpointer) ticket->channel, by_category);
    }

  target = g_hash_table_lookup (by_category, ticket->category);
  if (target == NULL)
    {
      target = g_new0 (SapaSlaTarget, 1);
      sapa_sla_policy_lookup (self->policy, ticket->channel,
                              *ticket->category != '\0' ? ticket->category : NULL, target);
      g_hash_table_insert (by_category, (gpointer) ticket->category, target);
    }
  return target;
}

/* Returns the pauses of a ticket that waited for the person's data,
 * from the statuses its activities set, or NULL when it never waited. */
static GArray *
find_pauses (const Event *events,
             guint        n_events)
{
  g_autoptr(GArray) changes = NULL;
  gboolean waited = FALSE;

  for (guint i = 0; i < n_events && !waited; i++)
    waited = g_strcmp0 (events[i].status, SAPA_STATUS_WAITING_CUSTOMER) == 0;
  if (!waited)
    return NULL;

  changes = g_array_new (FALSE, FALSE, sizeof (SapaSlaStatusChange));
  for (guint i = 0; i < n_events; i++)
    if (events[i].status != NULL)
      {
        SapaSlaStatusChange change = { events[i].at, events[i].status };

        g_array_append_val (changes, change);
      }

  return sapa_sla_pauses_from_history ((const SapaSlaStatusChange *) (gpointer) changes->data,
                                       changes->len);
}

/* Counts one target of one ticket: done at @done_us, or not yet when
 * @done_us is negative. */
static void
tally_target (SapaReportBuilder  *self,
              const Ticket       *ticket,
              const SapaSlaLimit *limit,
              gint64              done_us,
              GArray             *pauses,
              SlaTally           *group,
              SlaTally           *total)
{
  const SapaReportClock *clock = limit->hours == SAPA_SLA_HOURS_BUSINESS ? self->clocks[ticket->airport]
                                                                         : self->clock_24x7;
  const SapaSlaPause *pause_data = pauses != NULL ? (const SapaSlaPause *) (gpointer) pauses->data : NULL;
  guint n_pauses = pauses != NULL ? pauses->len : 0;
  gint64 target_us = (gint64) limit->minutes * G_TIME_SPAN_MINUTE;
  gint64 elapsed_us;

  if (done_us >= 0)
    {
      elapsed_us = sapa_report_clock_elapsed (clock, ticket->created_at, done_us, pause_data, n_pauses);
      g_array_append_val (group->times, elapsed_us);
      g_array_append_val (total->times, elapsed_us);
      if (elapsed_us <= target_us)
        group->met++, total->met++;
      else
        group->missed++, total->missed++;
      return;
    }

  elapsed_us = sapa_report_clock_elapsed (clock, ticket->created_at, self->query->now, pause_data, n_pauses);
  if (elapsed_us > target_us)
    group->missed++, total->missed++;
  else
    group->pending++, total->pending++;
}

static void
add_sla (SapaReportBuilder *self,
         const Ticket      *ticket,
         const Event       *events,
         guint              n_events)
{
  const SapaSlaTarget *target = lookup_target (self, ticket);
  g_autoptr(GArray) pauses = find_pauses (events, n_events);
  gint64 responded_us = -1, resolved_us = -1;
  SlaGroup *group;

  for (guint i = 0; i < n_events; i++)
    {
      if (responded_us < 0 && (events[i].roles & SAPA_REPORT_ROLE_RESPONSE))
        responded_us = events[i].at;
      if (events[i].roles & SAPA_REPORT_ROLE_CLOSE)
        resolved_us = events[i].at;
    }
  if (g_strcmp0 (ticket->status, SAPA_STATUS_CLOSED) != 0)
    resolved_us = -1;

  group = g_hash_table_lookup (self->sla_groups, ticket->channel);
  if (group == NULL)
    {
      group = sapa_report_sla_group_new (ticket->channel);
      g_hash_table_insert (self->sla_groups, (gpointer) ticket->channel, group);
    }
  group->tickets++;
  self->sla_total->tickets++;

  tally_target (self, ticket, &target->first_response, responded_us, pauses,
                &group->response, &self->sla_total->response);
  tally_target (self, ticket, &target->resolution, resolved_us, pauses,
                &group->resolution, &self->sla_total->resolution);
}

static SapaReportEscalationRow *
escalation_row (SapaReportBuilder *self,
                const char        *unit,
                const char        *airport)
{
  g_autofree char *key = g_strconcat (unit ? unit : "", "\x1f", airport ? airport : "", NULL);
  SapaReportEscalationRow *row = g_hash_table_lookup (self->escalation_rows, key);

  if (row == NULL)
    {
      row = g_new0 (SapaReportEscalationRow, 1);
      row->unit = g_strdup (unit ? unit : "");
      row->airport = g_strdup (airport ? airport : "");
      g_ptr_array_add (self->data->escalations, row);
      g_hash_table_insert (self->escalation_rows, g_steal_pointer (&key), row);
    }
  return row;
}

static SapaReportAge
age_of (gint64 age_us)
{
  const gint64 day_us = 24 * G_TIME_SPAN_HOUR;

  if (age_us < day_us)
    return SAPA_REPORT_AGE_UNDER_1_DAY;
  if (age_us < 3 * day_us)
    return SAPA_REPORT_AGE_1_TO_3_DAYS;
  if (age_us < 7 * day_us)
    return SAPA_REPORT_AGE_3_TO_7_DAYS;
  return SAPA_REPORT_AGE_7_DAYS_OR_MORE;
}

static void
add_escalations (SapaReportBuilder *self,
                 const Ticket      *ticket,
                 const Event       *events,
                 guint              n_events)
{
  SapaReportEscalationRow *total = &self->data->escalation_total;
  SapaReportEscalationRow *current = NULL;
  gboolean awaiting_answer = FALSE;
  gint64 sent_us = ticket->created_at;

  for (guint i = 0; i < n_events; i++)
    {
      guint roles = events[i].roles;

      if (roles & SAPA_REPORT_ROLE_ESCALATION)
        {
          current = escalation_row (self, events[i].unit, events[i].unit_airport);
          current->escalations++;
          total->escalations++;
          awaiting_answer = TRUE;
          sent_us = events[i].at;
        }
      if ((roles & SAPA_REPORT_ROLE_PIC_ANSWER) && awaiting_answer)
        {
          /* Only the first answer to an escalation makes it answered. */
          if (current != NULL)
            current->answered++;
          total->answered++;
          awaiting_answer = FALSE;
        }
      if (roles & SAPA_REPORT_ROLE_RETURN)
        {
          if (current != NULL)
            current->returned++;
          total->returned++;
          sent_us = events[i].at;
        }
    }

  if (g_strcmp0 (ticket->status, SAPA_STATUS_ESCALATED) != 0)
    return;

  if (current != NULL)
    current->open++;
  total->open++;
  self->data->open_by_age[age_of (self->query->now - sent_us)]++;
}

static void
add_satisfaction (SapaReportBuilder *self,
                  const Event       *events,
                  guint              n_events)
{
  const Event *first = NULL, *last = NULL;

  for (guint i = 0; i < n_events; i++)
    if (events[i].roles & SAPA_REPORT_ROLE_JUDGEMENT)
      {
        if (first == NULL)
          first = &events[i];
        last = &events[i];
      }

  if (first == NULL)
    return;

  self->data->first_answer.judged++;
  self->data->last_answer.judged++;
  if (first->roles & SAPA_REPORT_ROLE_SESUAI)
    self->data->first_answer.sesuai++;
  if (last->roles & SAPA_REPORT_ROLE_SESUAI)
    self->data->last_answer.sesuai++;
}

static void
count_handover (SapaReportBuilder *self,
                const char        *airline)
{
  g_autofree char *name = g_utf8_strup (airline, -1);
  SapaReportAirlineRow *row;

  g_strstrip (name);
  if (*name == '\0')
    return;

  row = g_hash_table_lookup (self->airlines, name);
  if (row == NULL)
    {
      row = g_new0 (SapaReportAirlineRow, 1);
      row->airline = g_steal_pointer (&name);
      g_ptr_array_add (self->data->handovers, row);
      g_hash_table_insert (self->airlines, row->airline, row);
    }
  row->handovers++;
}

static void
add_sns_service (SapaReportBuilder *self,
                 const Ticket      *ticket,
                 const Event       *events,
                 guint              n_events)
{
  SapaReportPassengerKind kind = ticket->booked ? SAPA_REPORT_PREBOOKED : SAPA_REPORT_WALK_IN;
  SapaReportSnsTimes *times = &self->data->sns_times[kind];
  const guint *limits = ticket->booked ? self->query->sns_targets.prebooked
                                       : self->query->sns_targets.walk_in;
  gint64 started_us = -1, ended_us = -1;
  gint64 wait_us;

  times->arrivals++;
  if (!ticket->booked)
    {
      self->data->walk_ins++;
      sapa_report_builder_count_ssr (self, ticket->ssr, FALSE);
    }

  for (guint i = 0; i < n_events; i++)
    {
      if (started_us < 0 && (events[i].roles & SAPA_REPORT_ROLE_SERVICE_START))
        started_us = events[i].at;
      else if (started_us >= 0 && ended_us < 0 && (events[i].roles & SAPA_REPORT_ROLE_CLOSE))
        ended_us = events[i].at;
      if ((events[i].roles & SAPA_REPORT_ROLE_HANDOVER) && events[i].airline != NULL)
        count_handover (self, events[i].airline);
    }

  if (started_us < 0)
    return;

  wait_us = MAX (started_us - ticket->created_at, 0);
  times->waited++;
  g_array_append_val (self->waits[kind], wait_us);
  for (guint l = 0; l < 3; l++)
    if (wait_us <= (gint64) limits[l] * G_TIME_SPAN_MINUTE)
      times->within[l]++;

  if (ended_us >= 0)
    {
      gint64 service_us = ended_us - started_us;

      times->served++;
      g_array_append_val (self->services[kind], service_us);
    }
}

void
sapa_report_builder_add_ticket_figures (SapaReportBuilder *self,
                    const Ticket      *ticket,
                    const Event       *events,
                    guint              n_events)
{
  gboolean cancelled = g_strcmp0 (ticket->status, SAPA_STATUS_CANCELLED) == 0;

  if (!cancelled && g_strv_contains (sla_flows, ticket->flow))
    add_sla (self, ticket, events, n_events);
  add_escalations (self, ticket, events, n_events);
  add_satisfaction (self, events, n_events);
  if (!cancelled && g_strcmp0 (ticket->flow, SAPA_FLOW_SNS_COUNTER) == 0)
    add_sns_service (self, ticket, events, n_events);
}

/* ---- Completing ---- */

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Returns the nearest-rank @percent percentile of @times, which must be
 * sorted, or -1 when there is none. */
static gint64
percentile (GArray *times,
            guint   percent)
{
  guint rank;

  if (times->len == 0)
    return -1;

  rank = (percent * times->len + 99) / 100;
  rank = CLAMP (rank, 1, times->len);
  return g_array_index (times, gint64, rank - 1);
}

static void
complete_sla_figures (SapaReportSlaFigures *figures,
                      SlaTally             *tally)
{
  figures->met = tally->met;
  figures->missed = tally->missed;
  figures->pending = tally->pending;
  figures->n_times = tally->times->len;
  qsort (tally->times->data, tally->times->len, sizeof (gint64), compare_times);
  figures->median_us = percentile (tally->times, 50);
  figures->p90_us = percentile (tally->times, 90);
}

static int
compare_sla_groups (gconstpointer a,
                    gconstpointer b)
{
  const SlaGroup *x = *(SlaGroup * const *) a, *y = *(SlaGroup * const *) b;

  if (x->tickets != y->tickets)
    return x->tickets > y->tickets ? -1 : 1;
  return g_strcmp0 (x->channel, y->channel);
}

static void
complete_sla (SapaReportBuilder *self)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, self->sla_groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    g_ptr_array_add (groups, group);
  g_ptr_array_sort (groups, compare_sla_groups);
  g_ptr_array_add (groups, self->sla_total);

  for (guint i = 0; i < groups->len; i++)
    {
      SlaGroup *tallies = g_ptr_array_index (groups, i);
      SapaReportSlaRow *row = g_new0 (SapaReportSlaRow, 1);

      row->channel = g_strdup (tallies->channel);
      complete_sla_figures (&row->first_response, &tallies->response);
      complete_sla_figures (&row->resolution, &tallies->resolution);
      g_ptr_array_add (self->data->sla, row);
    }
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const SapaReportSeries *x = *(SapaReportSeries * const *) a;
  const SapaReportSeries *y = *(SapaReportSeries * const *) b;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return strcmp (x->key, y->key);
}

static int
compare_escalations (gconstpointer a,
                     gconstpointer b)
{
  const SapaReportEscalationRow *x = *(SapaReportEscalationRow * const *) a;
  const SapaReportEscalationRow *y = *(SapaReportEscalationRow * const *) b;
  int by_unit;

  if (x->escalations != y->escalations)
    return x->escalations > y->escalations ? -1 : 1;
  by_unit = strcmp (x->unit, y->unit);
  return by_unit != 0 ? by_unit : strcmp (x->airport, y->airport);
}

static int
compare_airlines (gconstpointer a,
                  gconstpointer b)
{
  const SapaReportAirlineRow *x = *(SapaReportAirlineRow * const *) a;
  const SapaReportAirlineRow *y = *(SapaReportAirlineRow * const *) b;

  if (x->handovers != y->handovers)
    return x->handovers > y->handovers ? -1 : 1;
  return strcmp (x->airline, y->airline);
}

/* Returns the position of SSR @code in the flows' list of codes, or
 * G_MAXINT for a code that is not listed. */
static int
ssr_position (const char *code)
{
  const SapaStep *identity = sapa_flow_get_step (sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER), "identity");
  const SapaField *field = identity != NULL ? sapa_step_get_field (identity, "ssr") : NULL;

  for (int i = 0; field != NULL && field->choices[i].id != NULL; i++)
    if (g_strcmp0 (field->choices[i].id, code) == 0)
      return i;
  return G_MAXINT;
}

static int
compare_ssr (gconstpointer a,
             gconstpointer b)
{
  const SapaReportSsrRow *x = *(SapaReportSsrRow * const *) a;
  const SapaReportSsrRow *y = *(SapaReportSsrRow * const *) b;
  int position_x = ssr_position (x->code), position_y = ssr_position (y->code);

  if (position_x != position_y)
    return position_x < position_y ? -1 : 1;
  return strcmp (x->code, y->code);
}

void
sapa_report_builder_complete_figures (SapaReportBuilder *self)
{
  SapaReportData *data = self->data;

  g_ptr_array_sort (data->by_channel, compare_series);
  g_ptr_array_sort (data->by_category, compare_series);
  complete_sla (self);
  g_ptr_array_sort (data->escalations, compare_escalations);
  g_ptr_array_sort (data->ssr, compare_ssr);
  g_ptr_array_sort (data->handovers, compare_airlines);

  for (guint k = 0; k < SAPA_REPORT_N_PASSENGER_KINDS; k++)
    {
      qsort (self->waits[k]->data, self->waits[k]->len, sizeof (gint64), compare_times);
      qsort (self->services[k]->data, self->services[k]->len, sizeof (gint64), compare_times);
      data->sns_times[k].wait_median_us = percentile (self->waits[k], 50);
      data->sns_times[k].wait_p90_us = percentile (self->waits[k], 90);
      data->sns_times[k].service_median_us = percentile (self->services[k], 50);
      data->sns_times[k].service_p90_us = percentile (self->services[k], 90);
    }
}
