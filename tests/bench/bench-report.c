/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c: the supervisors' report through the store vs reading its rows bare */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bench-data.h"
#include "sapa-report-private.h"
#include "sapa-store-private.h"
#include "sapa-store-report.h"
#include "sapa-time.h"

/* Each round times sapa_store_compute_report() over a period that ends
 * on the last local day of the data set (WIB). Its raw limit reads the
 * same rows on a second connection and does nothing with them. It reads
 * the tickets of each airport from the index tickets_for_reports, then
 * the activities that matter from activities_for_reports over one range
 * of ticket ids, from the smallest to the largest id read. So the ratio
 * is the cost of the computation and of the API around SQLite. */

#define TARGET_MS 100

static const char tickets_sql[] =
  "SELECT id, flow, channel, category, status, created_at FROM tickets INDEXED BY tickets_for_reports"
  " WHERE airport = ?1 AND created_at >= ?2 AND created_at < ?3";

typedef struct {
  const char *label;
  guint       days;
  gboolean    all_airports;
} Case;

static const Case cases[] = {
  { "30 days, CGK", 30, FALSE },
  { "30 days, 12 airports", 30, TRUE },
  { "7 days, CGK", 7, FALSE },
  { "365 days, 12 airports", 365, TRUE },
};

static sqlite3_stmt *
prepare_or_abort (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Preparing %s failed: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static SapaReportQuery *
build_query (sqlite3    *db,
             const Case *c)
{
  g_autoptr(SapaStatement) last = prepare_or_abort (db, "SELECT MAX (created_at) FROM tickets");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) airports = NULL;
  GDate first_day, last_day;
  gint64 last_us;

  if (sqlite3_step (last) != SQLITE_ROW)
    g_error ("The data set has no tickets");
  last_us = sqlite3_column_int64 (last, 0);

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_TODAY, last_us, "Asia/Jakarta", &first_day, &last_day);
  g_date_subtract_days (&first_day, c->days - 1);

  for (guint i = 0; i < (c->all_airports ? BENCH_N_AIRPORTS : 1); i++)
    g_strv_builder_add (builder, bench_airport (i)->iata);
  airports = g_strv_builder_end (builder);

  return sapa_report_query_new (&first_day, &last_day, (const char * const *) airports, last_us);
}

/* Reads what the report reads, bare, and returns the number of tickets. */
static guint
read_bare (sqlite3               *db,
           sqlite3_stmt          *tickets,
           sqlite3_stmt          *activities,
           const SapaReportQuery *query)
{
  g_autofree char *min_id = NULL;
  g_autofree char *max_id = NULL;
  volatile gint64 sum = 0;
  guint n_tickets = 0;

  for (guint i = 0; query->airports[i] != NULL; i++)
    {
      const SapaAirport *airport = sapa_airport_lookup (query->airports[i]);
      GDate end_day = query->last_day;

      g_date_add_days (&end_day, 1);
      sqlite3_reset (tickets);
      sqlite3_bind_text (tickets, 1, airport->iata, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (tickets, 2, sapa_report_day_start (&query->first_day, airport->time_zone));
      sqlite3_bind_int64 (tickets, 3, sapa_report_day_start (&end_day, airport->time_zone));
      while (sqlite3_step (tickets) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (tickets, 0);

          if (min_id == NULL || g_strcmp0 (id, min_id) < 0)
            {
              g_free (min_id);
              min_id = g_strdup (id);
            }
          if (max_id == NULL || g_strcmp0 (id, max_id) > 0)
            {
              g_free (max_id);
              max_id = g_strdup (id);
            }
          sum += sqlite3_column_bytes (tickets, 1) + sqlite3_column_bytes (tickets, 2) +
                 sqlite3_column_bytes (tickets, 3) + sqlite3_column_bytes (tickets, 4) +
                 sqlite3_column_int64 (tickets, 5);
          n_tickets++;
        }
    }

  if (min_id == NULL)
    return 0;

  sqlite3_reset (activities);
  sqlite3_bind_text (activities, 1, min_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (activities, 2, max_id, -1, SQLITE_STATIC);
  while (sqlite3_step (activities) == SQLITE_ROW)
    sum += sqlite3_column_bytes (activities, 0) + sqlite3_column_bytes (activities, 1) +
           sqlite3_column_bytes (activities, 2) + sqlite3_column_bytes (activities, 3) +
           sqlite3_column_int64 (activities, 4);

  return n_tickets;
}

static char *
activities_sql (void)
{
  const char * const *steps = sapa_report_get_steps ();
  g_autoptr(GString) sql = g_string_new ("SELECT ticket_id, kind, step, branch, created_at"
                                         " FROM activities INDEXED BY activities_for_reports"
                                         " WHERE ticket_id BETWEEN ?1 AND ?2 AND step IN (");

  for (guint i = 0; steps[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s'", i > 0 ? ", " : "", steps[i]);
  g_string_append_c (sql, ')');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
format_ms (gint64 us)
{
  return g_strdup_printf ("%.1f ms", us / 1000.0);
}

static void
run_case (SapaStore  *store,
          sqlite3    *db,
          const Case *c,
          guint       rounds,
          gboolean    judge)
{
  g_autoptr(SapaReportQuery) query = build_query (db, c);
  g_autoptr(SapaStatement) tickets = prepare_or_abort (db, tickets_sql);
  g_autofree char *sql = activities_sql ();
  g_autoptr(SapaStatement) activities = prepare_or_abort (db, sql);
  BenchSamples sapa, bare;
  guint n_tickets = 0;
  g_autofree char *name = NULL;
  g_autofree char *sapa_p50 = NULL, *bare_p50 = NULL, *sapa_p95 = NULL, *bare_p95 = NULL;
  gint64 p50, p95, raw50, raw95;

  bench_samples_init (&sapa);
  bench_samples_init (&bare);

  /* Round 0 only warms the caches. */
  for (guint round = 0; round <= rounds; round++)
    {
      g_autoptr(SapaReportData) data = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 sapa_us, bare_us;

      data = sapa_store_compute_report (store, query, &error);
      if (data == NULL)
        g_error ("Computing the report failed: %s", error->message);
      sapa_us = g_get_monotonic_time () - start;

      start = g_get_monotonic_time ();
      n_tickets = read_bare (db, tickets, activities, query);
      bare_us = g_get_monotonic_time () - start;

      if (data->total != n_tickets)
        g_error ("The report counts %u tickets, the bare query %u", data->total, n_tickets);
      if (round == 0)
        continue;
      bench_samples_add (&sapa, sapa_us);
      bench_samples_add (&bare, bare_us);
    }

  p50 = bench_samples_percentile (&sapa, 50);
  p95 = bench_samples_percentile (&sapa, 95);
  raw50 = bench_samples_percentile (&bare, 50);
  raw95 = bench_samples_percentile (&bare, 95);
  name = g_strdup_printf ("report: %s (%u rounds, %u tickets)", c->label, rounds, n_tickets);
  sapa_p50 = format_ms (p50);
  bare_p50 = format_ms (raw50);
  sapa_p95 = format_ms (p95);
  bare_p95 = format_ms (raw95);

  bench_print_row (name, "p50", sapa_p50, bare_p50, (double) p50 / MAX (raw50, 1), "-", "-");
  bench_print_row (name, "p95", sapa_p95, bare_p95, (double) p95 / MAX (raw95, 1),
                   c->days <= 30 ? "≤ 100 ms" : "-",
                   c->days <= 30 ? bench_verdict (judge, p95 <= TARGET_MS * 1000) : "-");

  bench_samples_clear (&sapa);
  bench_samples_clear (&bare);
}

int
main (int    argc,
      char **argv)
{
  gint rounds = 20;
  gboolean no_targets = FALSE;
  g_autofree char *path = NULL;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &path, "Store file to report on (only read)", "PATH" },
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Timed reports of each kind (default 20)", "N" },
    { "no-targets", 0, 0, G_OPTION_ARG_NONE, &no_targets, "Print no met or missed marks", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run only the cases whose label contains TEXT", "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the supervisors' report");
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = NULL;
  sqlite3 *db = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || rounds <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--store is required and -n must be positive");
      return 2;
    }

  store = sapa_store_open (path, &error);
  if (store == NULL)
    g_error ("Opening %s failed: %s", path, error->message);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_error ("Opening %s read-only failed: %s", path, sqlite3_errmsg (db));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A year takes long enough that a few rounds suffice. */
      guint n = cases[i].days > 30 ? MIN ((guint) rounds, 5) : (guint) rounds;

      if (only != NULL && strstr (cases[i].label, only) == NULL)
        continue;
      run_case (store, db, &cases[i], n, !no_targets);
    }

  sqlite3_close (db);
  return 0;
}
