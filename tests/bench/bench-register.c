/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-register.c: durable registration through the store vs bare SQLite */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-data.h"
#include "sapa-phone.h"
#include "sapa-report-number.h"
#include "sapa-store.h"
#include "sapa-store-private.h"
#include "sapa-text.h"
#include "sapa-time.h"
#include "sapa-uuid.h"

/* Each registration is one whole counter (or Dial 172) feedback recorded
 * in one sapa_store_record_async() call, so one transaction. The raw limit
 * writes the same final rows on a second connection to the same file, in
 * one transaction with the same durability (WAL, synchronous=FULL):
 * counter, contact, ticket, activities and both search index rows, with
 * statements prepared once and every string computed before the clock
 * starts. The two take turns in blocks (see BLOCK_SIZE), so both see the
 * same disk and nearly the same file size. The raw side does not merge
 * the search indexes, which the store's worker does between jobs. */

/* Workstations no generated ticket uses, one for each side, so their
 * report counters never collide. */
#define STORE_WORKSTATION 97
#define BARE_WORKSTATION 98

/* The two sides take turns in blocks of this many registrations. When
 * they alternated ticket by ticket, the side that wrote second had
 * nearly all the slow commits of both (p99 above 20 ms against under
 * 5 ms, whichever side it was). In blocks, each side pays for its own.
 * Those slow commits were FTS5's automatic merges of the search index
 * segments that the other side's writes had added. */
#define BLOCK_SIZE 100

typedef struct {
  SapaWizard *wizard;
  GPtrArray  *activities;
} Registration;

static void
registration_clear (Registration *registration)
{
  g_clear_object (&registration->wizard);
  g_clear_pointer (&registration->activities, g_ptr_array_unref);
}

static void
build_registrations (Registration *registrations,
                     guint         n,
                     guint         workstation,
                     guint32       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n; i++)
    {
      BenchCaller caller = { 0 };

      bench_caller_draw (rand, &caller);
      registrations[i].wizard = bench_walk_ticket (rand, bench_airport (i % BENCH_N_AIRPORTS),
                                                   workstation, &caller,
                                                   now + i * G_USEC_PER_SEC);
      registrations[i].activities = sapa_wizard_take_activities (registrations[i].wizard);
      bench_caller_clear (&caller);
    }
}

/* The bare writer */

typedef struct {
  sqlite3      *db;
  sqlite3_stmt *begin;
  sqlite3_stmt *commit;
  sqlite3_stmt *counter;
  sqlite3_stmt *contact;
  sqlite3_stmt *ticket;
  sqlite3_stmt *activity;
  sqlite3_stmt *search;
  sqlite3_stmt *phone;
} Bare;

/* Everything the bare writer binds, computed before timing. */
typedef struct {
  char   *ticket_id;
  char   *contact_id;
  char   *counter_key;
  char   *date_code;
  char   *record_json;
  char   *name_folded;
  char   *purpose_folded;
  char   *phone_digits;
  char  **payloads;
  JsonObject *record;
} BareRow;

static void
bare_check (Bare       *bare,
            int         rc,
            int         expected,
            const char *what)
{
  if (rc != expected)
    g_error ("Bare SQLite failed to %s: %s", what, sqlite3_errmsg (bare->db));
}

static sqlite3_stmt *
bare_prepare (Bare       *bare,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  bare_check (bare, sqlite3_prepare_v3 (bare->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL),
              SQLITE_OK, sql);
  return stmt;
}

static void
bare_open (Bare       *bare,
           const char *path)
{
  bare_check (bare, sqlite3_open_v2 (path, &bare->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL),
              SQLITE_OK, "open the store file");
  /* The store's own connection settings. */
  bare_check (bare, sqlite3_exec (bare->db,
                                  "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;"
                                  "PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL;",
                                  NULL, NULL, NULL),
              SQLITE_OK, "configure the connection");

  bare->begin = bare_prepare (bare, "BEGIN IMMEDIATE");
  bare->commit = bare_prepare (bare, "COMMIT");
  bare->counter = bare_prepare (bare,
    "INSERT INTO counters (name, value) VALUES (?, 1)"
    " ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value");
  bare->contact = bare_prepare (bare,
    "INSERT INTO contacts (id, name, phone, phone_e164, email, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?5)");
  bare->ticket = bare_prepare (bare,
    "INSERT INTO tickets (id, report_number, flow, channel, airport, time_zone, workstation,"
    " officer, status, contact_id, name, phone, phone_e164, email, category, purpose, answer,"
    " followup, record, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)");
  bare->activity = bare_prepare (bare,
    "INSERT INTO activities (id, ticket_id, kind, step, branch, payload, officer, airport,"
    " workstation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bare->search = bare_prepare (bare,
    "INSERT INTO ticket_search (rowid, report_number, name, purpose) VALUES (?, ?, ?, ?)");
  bare->phone = bare_prepare (bare, "INSERT INTO ticket_phone (rowid, digits) VALUES (?, ?)");
}

static void
bare_close (Bare *bare)
{
  sqlite3_stmt **statements[] = {
    &bare->begin, &bare->commit, &bare->counter, &bare->contact, &bare->ticket,
    &bare->activity, &bare->search, &bare->phone,
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    g_clear_pointer (statements[i], sqlite3_finalize);
  g_clear_pointer (&bare->db, sqlite3_close);
}

static const char *
record_string (JsonObject *record,
               const char *key)
{
  JsonNode *node = json_object_get_member (record, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

static void
bare_row_init (BareRow      *row,
               Registration *registration)
{
  SapaWizard *wizard = registration->wizard;
  const SapaAirport *airport = sapa_airport_lookup (sapa_wizard_get_airport (wizard));
  gint64 created_at = sapa_activity_get_created_at (g_ptr_array_index (registration->activities, 0));
  g_autoptr(JsonNode) node = NULL;

  row->record = sapa_wizard_dup_record (wizard);
  node = json_node_init_object (json_node_alloc (), row->record);
  row->ticket_id = g_strdup (sapa_wizard_get_ticket_id (wizard));
  row->contact_id = sapa_uuid_v7_new ();
  row->date_code = sapa_time_date_code (created_at, airport->time_zone);
  row->counter_key = sapa_report_number_counter_key (airport->iata, sapa_wizard_get_workstation (wizard),
                                                     row->date_code);
  row->record_json = json_to_string (node, FALSE);
  row->name_folded = sapa_text_fold (record_string (row->record, "name"));
  row->purpose_folded = sapa_text_fold (record_string (row->record, "purpose"));
  row->phone_digits = sapa_phone_index_digits (record_string (row->record, "phone_e164"));
  row->payloads = g_new0 (char *, registration->activities->len + 1);
  for (guint i = 0; i < registration->activities->len; i++)
    row->payloads[i] = sapa_activity_dup_payload_json (g_ptr_array_index (registration->activities, i));
}

static void
bare_row_clear (BareRow *row)
{
  g_free (row->ticket_id);
  g_free (row->contact_id);
  g_free (row->counter_key);
  g_free (row->date_code);
  g_free (row->record_json);
  g_free (row->name_folded);
  g_free (row->purpose_folded);
  g_free (row->phone_digits);
  g_strfreev (row->payloads);
  json_object_unref (row->record);
}

static void
step_done (Bare         *bare,
           sqlite3_stmt *stmt,
           const char   *what)
{
  bare_check (bare, sqlite3_step (stmt), SQLITE_DONE, what);
  sqlite3_reset (stmt);
}

/* Writes one registration's rows in one durable transaction. */
static void
bare_register (Bare         *bare,
               Registration *registration,
               BareRow      *row)
{
  SapaWizard *wizard = registration->wizard;
  GPtrArray *activities = registration->activities;
  const SapaAirport *airport = sapa_airport_lookup (sapa_wizard_get_airport (wizard));
  gint64 created_at = sapa_activity_get_created_at (g_ptr_array_index (activities, 0));
  gint64 updated_at = sapa_activity_get_created_at (g_ptr_array_index (activities, activities->len - 1));
  g_autofree char *number = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid;

  step_done (bare, bare->begin, "begin");

  sqlite3_bind_text (bare->counter, 1, row->counter_key, -1, SQLITE_STATIC);
  bare_check (bare, sqlite3_step (bare->counter), SQLITE_ROW, "take a counter");
  number = sapa_report_number_format (airport->iata, sapa_wizard_get_workstation (wizard),
                                      row->date_code, sqlite3_column_int64 (bare->counter, 0));
  sqlite3_reset (bare->counter);

  stmt = bare->contact;
  sqlite3_bind_text (stmt, 1, row->contact_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_string (row->record, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record_string (row->record, "phone"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record_string (row->record, "phone_e164"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, updated_at);
  step_done (bare, stmt, "insert a contact");

  stmt = bare->ticket;
  sqlite3_bind_text (stmt, 1, row->ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sapa_wizard_get_flow (wizard)->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sapa_wizard_get_channel (wizard), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, airport->iata, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, airport->time_zone, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, sapa_wizard_get_workstation (wizard));
  sqlite3_bind_text (stmt, 8, sapa_wizard_get_officer (wizard), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, sapa_wizard_get_status (wizard), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, row->contact_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, record_string (row->record, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, record_string (row->record, "phone"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, record_string (row->record, "phone_e164"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, record_string (row->record, "category"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, record_string (row->record, "purpose"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, record_string (row->record, "answer"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, record_string (row->record, "followup_unit"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, row->record_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 19, created_at);
  sqlite3_bind_int64 (stmt, 20, updated_at);
  step_done (bare, stmt, "insert a ticket");
  rowid = sqlite3_last_insert_rowid (bare->db);

  stmt = bare->activity;
  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      sqlite3_bind_text (stmt, 1, sapa_activity_get_id (activity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->ticket_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, sapa_activity_get_kind (activity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, sapa_activity_get_step (activity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, sapa_activity_get_branch (activity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, row->payloads[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, sapa_activity_get_officer (activity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, sapa_activity_get_airport (activity), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, sapa_activity_get_workstation (activity));
      sqlite3_bind_int64 (stmt, 10, sapa_activity_get_created_at (activity));
      step_done (bare, stmt, "insert an activity");
    }

  stmt = bare->search;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->name_folded, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->purpose_folded, -1, SQLITE_STATIC);
  step_done (bare, stmt, "index the ticket");

  stmt = bare->phone;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, row->phone_digits, -1, SQLITE_STATIC);
  step_done (bare, stmt, "index the phone");

  step_done (bare, bare->commit, "commit");
}

/* Running */

static void
record_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Through the asynchronous call that the window uses, so that the worker
 * merges the search indexes between registrations as it does in the
 * app. Registrations follow each other at once, so one may wait for the
 * end of a merge step. */
static gint64
store_register (SapaStore    *store,
                Registration *registration)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  sapa_store_record_async (store, registration->wizard, registration->activities, NULL,
                           record_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ticket = sapa_store_record_finish (store, result, &error);
  if (ticket == NULL)
    g_error ("sapa_store_record_async() failed: %s", error->message);
  return g_get_monotonic_time () - start;
}

static void
register_store_block (SapaStore    *store,
                      Registration *set,
                      gint          first,
                      gint          last,
                      BenchSamples *samples)
{
  for (gint i = first; i < last; i++)
    bench_samples_add (samples, store_register (store, &set[i]));
}

static void
register_bare_block (Bare         *bare,
                     Registration *set,
                     BareRow      *rows,
                     gint          first,
                     gint          last,
                     BenchSamples *samples)
{
  for (gint i = first; i < last; i++)
    {
      gint64 start = g_get_monotonic_time ();

      bare_register (bare, &set[i], &rows[i]);
      bench_samples_add (samples, g_get_monotonic_time () - start);
    }
}

static char *
format_ms (gint64 us)
{
  return g_strdup_printf ("%.3f ms", us / 1000.0);
}

static void
print_results (BenchSamples *store,
               BenchSamples *bare,
               gboolean      judge)
{
  guint n = store->values->len;
  double store_rate = n / (bench_samples_sum (store) / 1e6);
  double bare_rate = n / (bench_samples_sum (bare) / 1e6);
  gint64 store_p50 = bench_samples_percentile (store, 50);
  gint64 bare_p50 = bench_samples_percentile (bare, 50);
  gint64 store_p99 = bench_samples_percentile (store, 99);
  gint64 bare_p99 = bench_samples_percentile (bare, 99);
  g_autofree char *store_rate_text = g_strdup_printf ("%.0f /s", store_rate);
  g_autofree char *bare_rate_text = g_strdup_printf ("%.0f /s", bare_rate);
  g_autofree char *store_p50_text = format_ms (store_p50);
  g_autofree char *bare_p50_text = format_ms (bare_p50);
  g_autofree char *store_p99_text = format_ms (store_p99);
  g_autofree char *bare_p99_text = format_ms (bare_p99);
  g_autofree char *name = g_strdup_printf ("register a ticket (%u)", n);

  bench_print_row (name, "rate", store_rate_text, bare_rate_text, store_rate / bare_rate,
                   "≥ 0.50 of bare", bench_verdict (judge, store_rate >= 0.5 * bare_rate));
  bench_print_row (name, "p50", store_p50_text, bare_p50_text, (double) store_p50 / bare_p50,
                   "-", "-");
  bench_print_row (name, "p99", store_p99_text, bare_p99_text, (double) store_p99 / bare_p99,
                   "< 10 ms", bench_verdict (judge, store_p99 < 10000));
}

int
main (int    argc,
      char **argv)
{
  gint n = 2000;
  gint64 seed = 20261204;
  gboolean no_targets = FALSE;
  gint wal_autocheckpoint = -1;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &path, "Store file to register into (it grows)", "PATH" },
    { "registrations", 'n', 0, G_OPTION_ARG_INT, &n, "Registrations on each side (default 2000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the random generator", "SEED" },
    { "no-targets", 0, 0, G_OPTION_ARG_NONE, &no_targets, "Print no met or missed marks", NULL },
    { "wal-autocheckpoint", 0, 0, G_OPTION_ARG_INT, &wal_autocheckpoint,
      "Set PRAGMA wal_autocheckpoint on both connections (0 turns it off)", "PAGES" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time ticket registration");
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = NULL;
  Registration *store_set, *bare_set;
  BareRow *bare_rows;
  BenchSamples store_samples, bare_samples;
  Bare bare = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || n <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--store is required and -n must be positive");
      return 2;
    }

  /* The same people and purposes on both sides; only the ids differ. */
  store_set = g_new0 (Registration, n);
  bare_set = g_new0 (Registration, n);
  bare_rows = g_new0 (BareRow, n);
  build_registrations (store_set, n, STORE_WORKSTATION, seed + 1);
  build_registrations (bare_set, n, BARE_WORKSTATION, seed + 1);
  for (gint i = 0; i < n; i++)
    bare_row_init (&bare_rows[i], &bare_set[i]);

  store = sapa_store_open (path, &error);
  if (store == NULL)
    g_error ("Opening %s failed: %s", path, error->message);
  bare_open (&bare, path);

  /* Only to test whether checkpoints make the slow commits: with 0, no
   * commit copies the WAL back into the file, and the WAL only grows. */
  if (wal_autocheckpoint >= 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA wal_autocheckpoint = %d;", wal_autocheckpoint);

      bare_check (&bare, sqlite3_exec (bare.db, sql, NULL, NULL, NULL), SQLITE_OK, sql);
      if (sqlite3_exec (sapa_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
        g_error ("The store's connection rejected %s", sql);
    }

  bench_samples_init (&store_samples);
  bench_samples_init (&bare_samples);
  for (gint block = 0; block * BLOCK_SIZE < n; block++)
    {
      gint first = block * BLOCK_SIZE;
      gint last = MIN (first + BLOCK_SIZE, n);

      /* Alternating which side goes first spreads what a block leaves
       * behind (a WAL near its checkpoint) evenly over both. */
      if (block % 2 == 0)
        {
          register_store_block (store, store_set, first, last, &store_samples);
          register_bare_block (&bare, bare_set, bare_rows, first, last, &bare_samples);
        }
      else
        {
          register_bare_block (&bare, bare_set, bare_rows, first, last, &bare_samples);
          register_store_block (store, store_set, first, last, &store_samples);
        }
    }

  print_results (&store_samples, &bare_samples, !no_targets);

  bench_samples_clear (&store_samples);
  bench_samples_clear (&bare_samples);
  bare_close (&bare);
  for (gint i = 0; i < n; i++)
    {
      registration_clear (&store_set[i]);
      registration_clear (&bare_set[i]);
      bare_row_clear (&bare_rows[i]);
    }
  g_free (store_set);
  g_free (bare_set);
  g_free (bare_rows);
  return 0;
}
