/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-builder.c: turns a period's tickets and activities into figures */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sapa-airport.h"
#include "sapa-flow.h"
#include "sapa-flow-private.h"
#include "sapa-report-builder-private.h"

/* Two UUIDv7 ids made less than this far apart share a range: scanning
 * the few index entries between them costs less than a new search. */
#define ID_RANGE_GAP_MS (5 * 60 * 1000)

static SapaReportSeries *
series_new (const char *key,
            guint       n_days)
{
  SapaReportSeries *series = g_new0 (SapaReportSeries, 1);

  series->key = g_strdup (key);
  series->per_day = g_new0 (guint, n_days);
  return series;
}

static guint
meaning_key_hash (gconstpointer data)
{
  const MeaningKey *key = data;

  return g_direct_hash (key->flow) ^ (g_str_hash (key->kind) * 31) ^
         (g_str_hash (key->step) * 17) ^ g_str_hash (key->branch);
}

static gboolean
meaning_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const MeaningKey *x = a, *y = b;

  return x->flow == y->flow && g_str_equal (x->kind, y->kind) &&
         g_str_equal (x->step, y->step) && g_str_equal (x->branch, y->branch);
}

static void
meaning_free (Meaning *meaning)
{
  g_free ((char *) meaning->key.kind);
  g_free ((char *) meaning->key.step);
  g_free ((char *) meaning->key.branch);
  g_free (meaning);
}

/* ---- Setting up ---- */

static gboolean
setup_sla (SapaReportBuilder  *self,
           GError            **error)
{
  const SapaReportQuery *query = self->query;
  gint64 from_us = G_MAXINT64, to_us = query->now;
  gint64 limit_us;

  self->policy = sapa_sla_policy_new ();
  if (query->sla_config != NULL &&
      !sapa_sla_policy_load_key_file (self->policy, query->sla_config, error))
    return FALSE;

  for (guint i = 0; i < self->n_airports; i++)
    {
      gint64 *bounds = self->bounds + i * (self->data->n_days + 1);

      from_us = MIN (from_us, bounds[0]);
      to_us = MAX (to_us, bounds[self->data->n_days]);
    }

  /* The precomputed span reaches the report's instant, for the tickets
   * still waiting, but stops a month past the longest period, so an old
   * period does not compute every day since. Times beyond it are
   * counted day by day. */
  limit_us = from_us + (gint64) (SAPA_REPORT_MAX_DAYS + 31) * 24 * 3600 * G_USEC_PER_SEC;
  to_us = MAX (MIN (to_us, limit_us), from_us);

  self->calendars = g_new0 (SapaSlaCalendar *, self->n_airports);
  self->clocks = g_new0 (SapaReportClock *, self->n_airports);
  for (guint i = 0; i < self->n_airports; i++)
    {
      self->calendars[i] = sapa_sla_calendar_new_for_airport (query->airports[i], query->sla_config, error);
      if (self->calendars[i] == NULL)
        return FALSE;
      self->clocks[i] = sapa_report_clock_new (self->calendars[i], from_us, to_us);
    }
  self->clock_24x7 = sapa_report_clock_new (NULL, from_us, to_us);
  return TRUE;
}

static void
setup_bounds (SapaReportBuilder *self)
{
  guint n_days = self->data->n_days;

  self->bounds = g_new (gint64, self->n_airports * (n_days + 1));
  for (guint i = 0; i < self->n_airports; i++)
    {
      const SapaAirport *airport = sapa_airport_lookup (self->query->airports[i]);
      GDate day = self->query->first_day;

      for (guint d = 0; d <= n_days; d++)
        {
          self->bounds[i * (n_days + 1) + d] = sapa_report_day_start (&day, airport->time_zone);
          g_date_add_days (&day, 1);
        }
    }
}

SapaReportBuilder *
sapa_report_builder_new (const SapaReportQuery  *query,
                         GError                **error)
{
  g_autoptr(SapaReportBuilder) self = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  if (!sapa_report_query_validate (query, error))
    return NULL;

  self = g_new0 (SapaReportBuilder, 1);
  self->data = sapa_report_data_new (query);
  self->query = self->data->query;
  self->n_airports = g_strv_length (self->query->airports);
  self->strings = g_string_chunk_new (64 * 1024);
  self->tickets = g_array_new (FALSE, FALSE, sizeof (Ticket));
  self->events = g_array_new (FALSE, FALSE, sizeof (Event));
  self->meanings = g_hash_table_new_full (meaning_key_hash, meaning_key_equal, (GDestroyNotify) meaning_free, NULL);
  self->targets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->channels = g_hash_table_new (NULL, NULL);
  self->categories = g_hash_table_new (NULL, NULL);
  self->sla_groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sapa_report_sla_group_free);
  self->sla_total = sapa_report_sla_group_new (NULL);
  self->escalation_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ssr_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->airlines = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < SAPA_REPORT_N_PASSENGER_KINDS; k++)
    {
      self->waits[k] = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->services[k] = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  setup_bounds (self);
  if (!setup_sla (self, error))
    return NULL;

  for (guint i = 0; i < self->n_airports; i++)
    g_ptr_array_add (self->data->by_airport, series_new (self->query->airports[i], self->data->n_days));

  return g_steal_pointer (&self);
}

void
sapa_report_builder_free (SapaReportBuilder *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; self->calendars != NULL && i < self->n_airports; i++)
    {
      sapa_sla_calendar_free (self->calendars[i]);
      sapa_report_clock_free (self->clocks[i]);
    }
  g_free (self->calendars);
  g_free (self->clocks);
  sapa_report_clock_free (self->clock_24x7);
  g_clear_pointer (&self->policy, sapa_sla_policy_free);
  g_free (self->bounds);
  g_string_chunk_free (self->strings);
  g_array_unref (self->tickets);
  g_free (self->by_id);
  g_array_unref (self->events);
  g_hash_table_unref (self->meanings);
  g_hash_table_unref (self->targets);
  g_hash_table_unref (self->channels);
  g_hash_table_unref (self->categories);
  g_hash_table_unref (self->sla_groups);
  g_clear_pointer (&self->sla_total, sapa_report_sla_group_free);
  g_hash_table_unref (self->escalation_rows);
  g_hash_table_unref (self->ssr_rows);
  g_hash_table_unref (self->airlines);
  for (guint k = 0; k < SAPA_REPORT_N_PASSENGER_KINDS; k++)
    {
      g_array_unref (self->waits[k]);
      g_array_unref (self->services[k]);
    }
  sapa_report_data_free (self->data);
  g_free (self);
}

void
sapa_report_builder_get_range (SapaReportBuilder *self,
                               guint              index,
                               gint64            *out_start,
                               gint64            *out_end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_airports);

  *out_start = self->bounds[index * (self->data->n_days + 1)];
  *out_end = self->bounds[index * (self->data->n_days + 1) + self->data->n_days];
}

/* ---- Tickets ---- */

/* Returns the one copy of @text that the builder keeps, so that equal
 * strings are equal pointers. */
static const char *
intern (SapaReportBuilder *self,
        const char        *text)
{
  return g_string_chunk_insert_const (self->strings, text != NULL ? text : "");
}

static const char *
intern_recent (SapaReportBuilder *self,
               RecentColumn       column,
               const char        *text)
{
  const char *recent = self->recent[column];

  if (recent == NULL || g_strcmp0 (recent, text != NULL ? text : "") != 0)
    self->recent[column] = recent = intern (self, text);
  return recent;
}

/* Returns the local day of @at_us at airport @airport, or -1 outside
 * the period. */
static int
find_day (SapaReportBuilder *self,
          guint              airport,
          gint64             at_us)
{
  const gint64 *bounds = self->bounds + airport * (self->data->n_days + 1);
  guint low = 0, high = self->data->n_days + 1;

  if (at_us < bounds[0] || at_us >= bounds[self->data->n_days])
    return -1;

  /* Finds the number of bounds at or before @at_us. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (bounds[middle] <= at_us)
        low = middle + 1;
      else
        high = middle;
    }
  return (int) low - 1;
}

static void
count_in (GHashTable *table,
          GPtrArray  *owner,
          const char *key,
          guint       n_days,
          int         day)
{
  SapaReportSeries *series = g_hash_table_lookup (table, key);

  if (series == NULL)
    {
      series = series_new (key, n_days);
      g_ptr_array_add (owner, series);
      g_hash_table_insert (table, (gpointer) key, series);
    }
  series->total++;
  series->per_day[day]++;
}

void
sapa_report_builder_add_ticket (SapaReportBuilder         *self,
                                guint                      index,
                                const SapaReportTicketRow *row)
{
  SapaReportData *data = self->data;
  SapaReportSeries *airport;
  Ticket ticket = { 0 };
  int day;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_airports);
  g_return_if_fail (row != NULL && row->id != NULL);

  day = find_day (self, index, row->created_at);
  g_return_if_fail (self->by_id == NULL);

  if (day < 0)
    return;

  ticket.id = g_string_chunk_insert (self->strings, row->id);
  ticket.flow = intern_recent (self, RECENT_FLOW, row->flow);
  ticket.channel = intern_recent (self, RECENT_CHANNEL, row->channel);
  ticket.category = intern_recent (self, RECENT_CATEGORY, row->category);
  ticket.status = intern_recent (self, RECENT_STATUS, row->status);
  ticket.ssr = row->ssr != NULL ? intern (self, row->ssr) : NULL;
  ticket.created_at = row->created_at;
  ticket.airport = index;
  ticket.booked = row->booked;
  g_array_append_val (self->tickets, ticket);

  data->total++;
  data->per_day[day]++;
  /* The SNS counter records the counter's channel, which the volume
   * tables tell apart as the list of tickets does. */
  count_in (self->channels, data->by_channel,
            g_strcmp0 (ticket.flow, SAPA_FLOW_SNS_COUNTER) == 0 && g_strcmp0 (ticket.channel, "counter") == 0
            ? SAPA_CHANNEL_SNS_COUNTER : ticket.channel,
            data->n_days, day);
  count_in (self->categories, data->by_category, ticket.category, data->n_days, day);
  airport = g_ptr_array_index (data->by_airport, index);
  airport->total++;
  airport->per_day[day]++;
}

/* Returns the 48-bit millisecond timestamp of a UUIDv7, or -1 when @id
 * is not one. */
static gint64
uuid_v7_time (const char *id)
{
  gint64 ms = 0;

  if (strlen (id) != 36 || id[8] != '-' || id[13] != '-' || id[14] != '7')
    return -1;

  for (guint i = 0; i < 13; i++)
    {
      int digit;

      if (i == 8)
        continue;
      digit = g_ascii_xdigit_value (id[i]);
      if (digit < 0)
        return -1;
      ms = ms * 16 + digit;
    }
  return ms;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  GArray *tickets = user_data;

  return strcmp (g_array_index (tickets, Ticket, *(const guint *) a).id,
                 g_array_index (tickets, Ticket, *(const guint *) b).id);
}

GPtrArray *
sapa_report_builder_get_id_ranges (SapaReportBuilder *self)
{
  GPtrArray *ranges = g_ptr_array_new_with_free_func (g_free);
  guint n = self->tickets->len;
  gint64 last_ms = -1;

  g_return_val_if_fail (self->by_id == NULL, ranges);

  self->by_id = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->by_id[i] = i;
  g_qsort_with_data (self->by_id, n, sizeof (guint), compare_ids, self->tickets);

  for (guint i = 0; i < n; i++)
    {
      const char *id = g_array_index (self->tickets, Ticket, self->by_id[i]).id;
      gint64 ms = uuid_v7_time (id);

      if (i > 0 && ms >= 0 && last_ms >= 0 && ms - last_ms <= ID_RANGE_GAP_MS)
        {
          g_free (g_ptr_array_index (ranges, ranges->len - 1));
          g_ptr_array_index (ranges, ranges->len - 1) = g_strdup (id);
        }
      else
        {
          g_ptr_array_add (ranges, g_strdup (id));
          g_ptr_array_add (ranges, g_strdup (id));
        }
      last_ms = ms;
    }

  return ranges;
}

/* ---- Activities and bookings ---- */

static const Meaning *
lookup_meaning (SapaReportBuilder *self,
                const char        *flow,
                const char        *kind,
                const char        *step,
                const char        *branch)
{
  MeaningKey key = { flow, kind ? kind : "", step ? step : "", branch ? branch : "" };
  Meaning *meaning = g_hash_table_lookup (self->meanings, &key);

  if (meaning == NULL)
    {
      meaning = g_new0 (Meaning, 1);
      meaning->key.flow = flow;
      meaning->key.kind = g_strdup (key.kind);
      meaning->key.step = g_strdup (key.step);
      meaning->key.branch = g_strdup (key.branch);
      meaning->roles = sapa_report_classify (flow, kind, step, branch, &meaning->status);
      g_hash_table_add (self->meanings, meaning);
    }
  return meaning;
}

/* Returns the index + 1 of the ticket @id, or 0 when it is not in the
 * report. Activities arrive in ticket id order, so the search moves
 * forward through the tickets sorted by id instead of hashing each id. */
static guint
find_ticket (SapaReportBuilder *self,
             const char        *id)
{
  guint n = self->tickets->len;

  while (self->next_by_id < n)
    {
      guint index = self->by_id[self->next_by_id];
      int order = strcmp (g_array_index (self->tickets, Ticket, index).id, id);

      if (order == 0)
        return index + 1;
      if (order > 0)
        return 0;
      self->next_by_id++;
    }
  return 0;
}

static const char *
intern_or_null (SapaReportBuilder *self,
                const char        *text)
{
  return text != NULL && *text != '\0' ? intern (self, text) : NULL;
}

void
sapa_report_builder_add_activity (SapaReportBuilder           *self,
                                  const SapaReportActivityRow *row)
{
  guint index;
  const Ticket *ticket;
  const Meaning *meaning;
  Event event = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (row != NULL && row->ticket_id != NULL);
  g_return_if_fail (self->by_id != NULL);

  index = find_ticket (self, row->ticket_id);
  if (index == 0)
    return;

  ticket = &g_array_index (self->tickets, Ticket, index - 1);
  meaning = lookup_meaning (self, ticket->flow, row->kind, row->step, row->branch);
  if (meaning->roles == 0 && meaning->status == NULL)
    return;

  event.ticket = index - 1;
  event.order = self->events->len;
  event.at = row->created_at;
  event.roles = meaning->roles;
  event.status = meaning->status;
  if (meaning->roles & SAPA_REPORT_ROLE_ESCALATION)
    {
      /* The email flow's escalation names only the PIC's airport. */
      event.unit = intern_or_null (self, row->unit);
      event.unit_airport = intern_or_null (self, row->unit_airport);
      if (event.unit == NULL && row->escalation_airport != NULL && *row->escalation_airport != '\0')
        {
          event.unit = SAPA_UNIT_BRANCH;
          event.unit_airport = intern (self, row->escalation_airport);
        }
    }
  if (meaning->roles & SAPA_REPORT_ROLE_HANDOVER)
    event.airline = intern_or_null (self, row->airline);
  g_array_append_val (self->events, event);
}

static SapaReportSsrRow *
ssr_row (SapaReportBuilder *self,
         const char        *code)
{
  SapaReportSsrRow *row = g_hash_table_lookup (self->ssr_rows, code);

  if (row == NULL)
    {
      row = g_new0 (SapaReportSsrRow, 1);
      row->code = g_strdup (code);
      g_ptr_array_add (self->data->ssr, row);
      g_hash_table_insert (self->ssr_rows, row->code, row);
    }
  return row;
}

void
sapa_report_builder_count_ssr (SapaReportBuilder *self,
           const char        *ssr,
           gboolean           booking)
{
  g_auto(GStrv) codes = g_strsplit (ssr != NULL ? ssr : "", ",", -1);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      SapaReportSsrRow *row;

      g_strstrip (codes[i]);
      if (codes[i][0] == '\0' || g_strv_contains ((const char * const *) codes + i + 1, codes[i]))
        continue;

      row = ssr_row (self, codes[i]);
      if (booking)
        row->bookings++;
      else
        row->walk_ins++;
    }
}

void
sapa_report_builder_add_booking (SapaReportBuilder          *self,
                                 const SapaReportBookingRow *row)
{
  SapaReportData *data = self->data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (row != NULL);

  if (g_strcmp0 (row->stage, "cancelled") == 0)
    {
      data->cancelled_bookings++;
      return;
    }

  data->bookings++;
  if (row->late)
    data->late_bookings++;
  if (g_strcmp0 (row->stage, "no_show") == 0)
    data->no_shows++;
  sapa_report_builder_count_ssr (self, row->ssr, TRUE);
}


/* ---- Finishing ---- */

/* Sorts the few events of one ticket by time, keeping the order of
 * arrival for equal times. */
static void
sort_by_time (Event *events,
              guint  n_events)
{
  for (guint i = 1; i < n_events; i++)
    {
      Event event = events[i];
      guint j = i;

      while (j > 0 && (events[j - 1].at > event.at ||
                       (events[j - 1].at == event.at && events[j - 1].order > event.order)))
        {
          events[j] = events[j - 1];
          j--;
        }
      events[j] = event;
    }
}

SapaReportData *
sapa_report_builder_finish (SapaReportBuilder *self)
{
  SapaReportData *data;
  Event *events;
  guint next = 0;

  g_return_val_if_fail (self != NULL, NULL);

  /* Events arrive grouped by ticket, since activities come in ticket id
   * order. */
  events = (Event *) (gpointer) self->events->data;
  while (next < self->events->len)
    {
      guint ticket = events[next].ticket;
      guint n = 1;

      while (next + n < self->events->len && events[next + n].ticket == ticket)
        n++;

      sort_by_time (events + next, n);
      g_array_index (self->tickets, Ticket, ticket).done = TRUE;
      sapa_report_builder_add_ticket_figures (self, &g_array_index (self->tickets, Ticket, ticket),
                                              events + next, n);
      next += n;
    }

  for (guint t = 0; t < self->tickets->len; t++)
    if (!g_array_index (self->tickets, Ticket, t).done)
      sapa_report_builder_add_ticket_figures (self, &g_array_index (self->tickets, Ticket, t), NULL, 0);

  sapa_report_builder_complete_figures (self);

  data = g_steal_pointer (&self->data);
  sapa_report_builder_free (self);
  return data;
}
