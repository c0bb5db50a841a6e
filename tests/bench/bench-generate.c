/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-generate.c: writes a seeded store file of N tickets for the benchmarks */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "bench-data.h"
#include "sapa-phone.h"
#include "sapa-report-number.h"
#include "sapa-store.h"
#include "sapa-store-private.h"
#include "sapa-time.h"
#include "sapa-uuid.h"

/* Going through sapa_store_record() costs one transaction per ticket, and
 * at 1,000,000 tickets that is far more than the few minutes a benchmark
 * run can spend. So this program:
 *  - builds every ticket with the real wizard (validation, cleaned record,
 *    activities and their payloads, exactly as the counter flow makes
 *    them);
 *  - creates the schema with the store's own migrations up to version 1
 *    and writes the rows the store's record code would leave after the
 *    last step (ticket, activities, contact, report counter), 10,000
 *    tickets a transaction;
 *  - then lets the store's migration to version 2 build the search index
 *    from those rows, with the store's own folding.
 * --check records the first tickets through sapa_store_record() into a
 * second file as well and compares every column of the two. */

#define BATCH_SIZE 10000
#define CHECK_TICKETS 200
/* Share of tickets from a caller seen before, who reuses a contact. */
#define REPEAT_CALLER_PERCENT 10
#define RECENT_CALLERS 5000

typedef struct {
  sqlite3       *db;
  sqlite3_stmt  *insert_contact;
  sqlite3_stmt  *update_contact;
  sqlite3_stmt  *insert_ticket;
  sqlite3_stmt  *insert_activity;
  GHashTable    *contacts;        /* phone_e164 -> contact id */
  GHashTable    *counters;        /* counter key -> last value (guint64 *) */
} Writer;

static void
check_sqlite (sqlite3    *db,
              int         rc,
              int         expected,
              const char *what)
{
  if (rc != expected)
    g_error ("SQLite failed to %s: %s", what, sqlite3_errmsg (db));
}

static void
exec_or_abort (sqlite3    *db,
               const char *sql)
{
  check_sqlite (db, sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK, sql);
}

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static sqlite3_stmt *
prepare_or_abort (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check_sqlite (db, sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL),
                SQLITE_OK, sql);
  return stmt;
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

/* Mirrors the store's choice of the purpose, answer and follow-up
 * columns for the counter and Dial 172 flows: "purpose", "answer" and
 * the follow-up unit (these flows have no follow-up airport unless the
 * unit is another airport's PIC, which the generator never picks). */
static void
bind_ticket (Writer        *writer,
             SapaWizard    *wizard,
             JsonObject    *record,
             const char    *report_number,
             const char    *contact_id,
             gint64         created_at,
             gint64         updated_at)
{
  const SapaAirport *airport = sapa_airport_lookup (sapa_wizard_get_airport (wizard));
  sqlite3_stmt *stmt = writer->insert_ticket;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autofree char *record_json = json_to_string (node, FALSE);

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, sapa_wizard_get_ticket_id (wizard), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, report_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sapa_wizard_get_flow (wizard)->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sapa_wizard_get_channel (wizard), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, airport->iata, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, airport->time_zone, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, sapa_wizard_get_workstation (wizard));
  sqlite3_bind_text (stmt, 8, sapa_wizard_get_officer (wizard), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, sapa_wizard_get_status (wizard), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, contact_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, record_string (record, "name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, record_string (record, "phone"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, record_string (record, "phone_e164"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, record_string (record, "email"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, record_string (record, "category"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, record_string (record, "purpose"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, record_string (record, "answer"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, record_string (record, "followup_unit"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 19, record_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 20, created_at);
  sqlite3_bind_int64 (stmt, 21, updated_at);
  check_sqlite (writer->db, sqlite3_step (stmt), SQLITE_DONE, "insert a ticket");
}

static void
write_activity (Writer       *writer,
                SapaActivity *activity)
{
  sqlite3_stmt *stmt = writer->insert_activity;
  g_autofree char *payload = sapa_activity_dup_payload_json (activity);

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, sapa_activity_get_id (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sapa_activity_get_ticket_id (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sapa_activity_get_kind (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sapa_activity_get_step (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sapa_activity_get_branch (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, sapa_activity_get_officer (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, sapa_activity_get_airport (activity), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, sapa_activity_get_workstation (activity));
  sqlite3_bind_int64 (stmt, 10, sapa_activity_get_created_at (activity));
  check_sqlite (writer->db, sqlite3_step (stmt), SQLITE_DONE, "insert an activity");
}

/* Creates the contact of @record, or updates the one with the same
 * normalised phone, as the store's upsert does. Returns its id. */
static const char *
write_contact (Writer     *writer,
               JsonObject *record,
               gint64      now)
{
  const char *e164 = record_string (record, "phone_e164");
  const char *id = g_hash_table_lookup (writer->contacts, e164);
  sqlite3_stmt *stmt;

  if (id == NULL)
    {
      char *new_id = sapa_uuid_v7_new_at (now / 1000);

      g_hash_table_insert (writer->contacts, g_strdup (e164), new_id);
      id = new_id;
      stmt = writer->insert_contact;
    }
  else
    stmt = writer->update_contact;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_string (record, "name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_string (record, "phone"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, e164, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now);
  check_sqlite (writer->db, sqlite3_step (stmt), SQLITE_DONE, "write a contact");
  return id;
}

static char *
take_report_number (Writer     *writer,
                    SapaWizard *wizard,
                    gint64      created_at)
{
  const SapaAirport *airport = sapa_airport_lookup (sapa_wizard_get_airport (wizard));
  guint workstation = sapa_wizard_get_workstation (wizard);
  g_autofree char *date_code = sapa_time_date_code (created_at, airport->time_zone);
  char *key = sapa_report_number_counter_key (airport->iata, workstation, date_code);
  guint64 *counter = g_hash_table_lookup (writer->counters, key);

  if (counter == NULL)
    {
      counter = g_new0 (guint64, 1);
      g_hash_table_insert (writer->counters, key, counter);
    }
  else
    g_free (key);

  *counter += 1;
  return sapa_report_number_format (airport->iata, workstation, date_code, *counter);
}

/* Writes the rows the store leaves after recording @activities of the
 * finished @wizard in one go. */
static void
write_ticket (Writer     *writer,
              SapaWizard *wizard,
              GPtrArray  *activities)
{
  gint64 created_at = sapa_activity_get_created_at (g_ptr_array_index (activities, 0));
  gint64 updated_at = sapa_activity_get_created_at (g_ptr_array_index (activities, activities->len - 1));
  g_autoptr(JsonObject) record = sapa_wizard_dup_record (wizard);
  g_autofree char *report_number = take_report_number (writer, wizard, created_at);
  const char *contact_id = write_contact (writer, record, updated_at);

  bind_ticket (writer, wizard, record, report_number, contact_id, created_at, updated_at);
  for (guint i = 0; i < activities->len; i++)
    write_activity (writer, g_ptr_array_index (activities, i));
}

static void
write_counters (Writer *writer)
{
  g_autoptr(SapaStatement) stmt = prepare_or_abort (writer->db,
                                                    "INSERT INTO counters (name, value) VALUES (?, ?)");
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, writer->counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, *(guint64 *) value);
      check_sqlite (writer->db, sqlite3_step (stmt), SQLITE_DONE, "insert a counter");
    }
}

static void
writer_open (Writer     *writer,
             const char *path)
{
  g_autoptr(GError) error = NULL;

  check_sqlite (NULL, sqlite3_open (path, &writer->db), SQLITE_OK, "open the output");
  /* Unsafe settings, for generation only: a crash leaves only the
   * temporary file, which the next run deletes. */
  exec_or_abort (writer->db,
                 "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                 "PRAGMA cache_size = -262144; PRAGMA foreign_keys = ON;");
  if (!sapa_store_schema_migrate (writer->db, 1, &error))
    g_error ("Creating the version 1 schema failed: %s", error->message);

  writer->insert_contact = prepare_or_abort (writer->db,
    "INSERT INTO contacts (id, name, phone, phone_e164, email, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, NULLIF (?4, ''), NULL, ?5, ?5)");
  writer->update_contact = prepare_or_abort (writer->db,
    "UPDATE contacts SET name = CASE WHEN ?2 = '' THEN name ELSE ?2 END,"
    " phone = CASE WHEN ?3 = '' THEN phone ELSE ?3 END,"
    " phone_e164 = COALESCE (NULLIF (?4, ''), phone_e164), updated_at = ?5 WHERE id = ?1");
  writer->insert_ticket = prepare_or_abort (writer->db,
    "INSERT INTO tickets (id, report_number, flow, channel, airport, time_zone, workstation,"
    " officer, status, contact_id, name, phone, phone_e164, email, category, purpose, answer,"
    " followup, record, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF (?, ''), ?, ?, ?, ?, ?, ?, ?, ?)");
  writer->insert_activity = prepare_or_abort (writer->db,
    "INSERT INTO activities (id, ticket_id, kind, step, branch, payload, officer, airport,"
    " workstation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  writer->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  writer->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
writer_close (Writer *writer)
{
  g_clear_pointer (&writer->insert_contact, sqlite3_finalize);
  g_clear_pointer (&writer->update_contact, sqlite3_finalize);
  g_clear_pointer (&writer->insert_ticket, sqlite3_finalize);
  g_clear_pointer (&writer->insert_activity, sqlite3_finalize);
  g_clear_pointer (&writer->contacts, g_hash_table_unref);
  g_clear_pointer (&writer->counters, g_hash_table_unref);
  g_clear_pointer (&writer->db, sqlite3_close);
}

/* Airports get tickets in proportion to their traffic, roughly: CGK the
 * most, the two WIT airports the least. */
static const SapaAirport *
draw_airport (GRand *rand)
{
  static const guint weights[BENCH_N_AIRPORTS] = { 30, 14, 8, 6, 4, 12, 7, 5, 4, 4, 3, 3 };
  guint total = 0, pick;

  for (guint i = 0; i < BENCH_N_AIRPORTS; i++)
    total += weights[i];

  pick = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < BENCH_N_AIRPORTS; i++)
    {
      if (pick < weights[i])
        return bench_airport (i);
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

/* Comparison with the store's own writing */

/* Aborts when @sql returns a row, that is, a row of the scratch store
 * (main) that the generated file (gen) lacks. */
static void
compare_rows (sqlite3    *db,
              const char *what,
              const char *sql)
{
  g_autoptr(SapaStatement) stmt = prepare_or_abort (db, sql);
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    g_error ("The generated %s differ from what sapa_store_record() wrote, first at %s",
             what, sqlite3_column_text (stmt, 0));
  check_sqlite (db, rc, SQLITE_DONE, what);
  fprintf (stderr, "check: %s match the store's own writing\n", what);
}

static void
compare_with_store (const char *scratch_path,
                    const char *generated_path)
{
  sqlite3 *db = NULL;
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS gen", generated_path);

  check_sqlite (NULL, sqlite3_open (scratch_path, &db), SQLITE_OK, "open the scratch store");
  exec_or_abort (db, attach);

  compare_rows (db, "schemas",
                "SELECT name FROM (SELECT type, name, sql FROM main.sqlite_schema"
                " EXCEPT SELECT type, name, sql FROM gen.sqlite_schema)");
  compare_rows (db, "tickets",
                "SELECT id FROM (SELECT id, report_number, flow, channel, airport, time_zone,"
                " workstation, officer, status, name, phone, phone_e164, email, category, purpose,"
                " answer, followup, record, created_at, updated_at FROM main.tickets"
                " EXCEPT SELECT id, report_number, flow, channel, airport, time_zone, workstation,"
                " officer, status, name, phone, phone_e164, email, category, purpose, answer,"
                " followup, record, created_at, updated_at FROM gen.tickets)");
  compare_rows (db, "activities",
                "SELECT id FROM (SELECT * FROM main.activities EXCEPT SELECT * FROM gen.activities)");
  /* A caller who comes back after the checked tickets has a contact
   * updated since, so only contacts untouched since are compared. */
  compare_rows (db, "contacts",
                "SELECT id FROM (SELECT t.id, c.name, c.phone, c.phone_e164, c.email, c.created_at,"
                " c.updated_at FROM main.tickets t JOIN main.contacts c ON c.id = t.contact_id"
                " EXCEPT SELECT t.id, c.name, c.phone, c.phone_e164, c.email, c.created_at,"
                " c.updated_at FROM gen.tickets t JOIN gen.contacts c ON c.id = t.contact_id)"
                " WHERE id IN (SELECT t.id FROM gen.tickets t JOIN gen.contacts c ON c.id = t.contact_id"
                " WHERE c.updated_at <= (SELECT MAX (updated_at) FROM main.tickets))");
  compare_rows (db, "name and purpose index rows",
                "SELECT id FROM (SELECT t.id, s.report_number, s.name, s.purpose"
                " FROM main.ticket_search s JOIN main.tickets t ON t.rowid = s.rowid"
                " EXCEPT SELECT t.id, s.report_number, s.name, s.purpose FROM gen.tickets t"
                " JOIN gen.ticket_search s ON s.rowid = t.rowid"
                " WHERE t.id IN (SELECT id FROM main.tickets))");
  compare_rows (db, "phone index rows",
                "SELECT id FROM (SELECT t.id, p.digits FROM main.ticket_phone p"
                " JOIN main.tickets t ON t.rowid = p.rowid"
                " EXCEPT SELECT t.id, p.digits FROM gen.tickets t"
                " JOIN gen.ticket_phone p ON p.rowid = t.rowid"
                " WHERE t.id IN (SELECT id FROM main.tickets))");
  compare_rows (db, "drafts", "SELECT ticket_id FROM main.drafts");

  sqlite3_close (db);
}

/* Opens the finished file through the store and searches it. */
static void
verify_with_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = sapa_store_open (path, &error);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) all_head = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  SapaTicketQuery query = { 0 };
  SapaTicket *first;

  if (store == NULL)
    g_error ("The store cannot open the generated file: %s", error->message);

  all = sapa_store_query (store, &query, &error);
  g_assert_no_error (error);
  all_head = g_array_copy (all);
  g_array_set_size (all_head, MIN (all->len, 10));
  tickets = sapa_store_load_tickets (store, all_head, &error);
  g_assert_no_error (error);
  g_assert (tickets->len > 0);
  first = g_ptr_array_index (tickets, 0);

  query.search = sapa_ticket_get_report_number (first);
  found = sapa_store_query (store, &query, &error);
  g_assert_no_error (error);
  if (found->len < 1 || g_array_index (found, gint64, 0) != sapa_ticket_get_rowid (first))
    g_error ("Searching the generated file for %s did not find it", query.search);

  fprintf (stderr, "check: the store opens the file, lists %u tickets and finds %s\n",
           all->len, query.search);
}

typedef struct {
  guint       n_tickets;
  guint32     seed;
  const char *output;
  gboolean    check;
} Options;

static void
generate (const Options *options,
          SapaStore     *scratch)
{
  /* A fixed two-year span, so a seed always gives the same data. */
  const gint64 end_us = (gint64) 1767225600 * G_USEC_PER_SEC;   /* 2026-01-01T00:00Z */
  const gint64 span_us = (gint64) 730 * 24 * 3600 * G_USEC_PER_SEC;
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);
  g_autofree char *tmp_path = g_strconcat (options->output, ".tmp", NULL);
  g_autoptr(GPtrArray) recent = g_ptr_array_new ();
  BenchCaller *callers = g_new0 (BenchCaller, RECENT_CALLERS);
  gint64 started = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  Writer writer = { 0 };
  guint n_recent = 0;

  remove_store_files (tmp_path);
  writer_open (&writer, tmp_path);
  exec_or_abort (writer.db, "BEGIN");

  for (guint i = 0; i < options->n_tickets; i++)
    {
      gint64 start_us = end_us - span_us + span_us / options->n_tickets * i;
      const SapaAirport *airport = draw_airport (rand);
      guint workstation = g_rand_int_range (rand, 1, BENCH_N_WORKSTATIONS + 1);
      g_autoptr(SapaWizard) wizard = NULL;
      g_autoptr(GPtrArray) activities = NULL;
      BenchCaller *caller;

      if (n_recent > 0 && g_rand_int_range (rand, 0, 100) < REPEAT_CALLER_PERCENT)
        caller = &callers[g_rand_int_range (rand, 0, MIN (n_recent, RECENT_CALLERS))];
      else
        {
          caller = &callers[n_recent % RECENT_CALLERS];
          bench_caller_clear (caller);
          bench_caller_draw (rand, caller);
          n_recent++;
        }

      wizard = bench_walk_ticket (rand, airport, workstation, caller, start_us);
      activities = sapa_wizard_take_activities (wizard);
      write_ticket (&writer, wizard, activities);

      if (scratch != NULL && i < CHECK_TICKETS)
        {
          g_autoptr(SapaTicket) ticket = sapa_store_record (scratch, wizard, activities, &error);

          if (ticket == NULL)
            g_error ("sapa_store_record() failed on ticket %u: %s", i, error->message);
        }

      if ((i + 1) % BATCH_SIZE == 0)
        {
          exec_or_abort (writer.db, "COMMIT; BEGIN");
          if ((i + 1) % (BATCH_SIZE * 10) == 0)
            fprintf (stderr, "generate: %u tickets, %.0f s\n", i + 1,
                     (g_get_monotonic_time () - started) / 1e6);
        }
    }

  write_counters (&writer);
  exec_or_abort (writer.db, "COMMIT");
  fprintf (stderr, "generate: %u tickets written in %.1f s; indexing for search\n",
           options->n_tickets, (g_get_monotonic_time () - started) / 1e6);

  if (!sapa_store_schema_migrate (writer.db, -1, &error))
    g_error ("Indexing the generated tickets failed: %s", error->message);
  exec_or_abort (writer.db, "PRAGMA journal_mode = WAL");
  writer_close (&writer);

  for (guint i = 0; i < RECENT_CALLERS; i++)
    bench_caller_clear (&callers[i]);
  g_free (callers);

  /* A -wal file left by an older file of that name would be replayed
   * into this one. */
  remove_store_files (options->output);
  if (g_rename (tmp_path, options->output) != 0)
    g_error ("Renaming %s to %s failed: %s", tmp_path, options->output, g_strerror (errno));
  fprintf (stderr, "generate: %s done in %.1f s\n", options->output,
           (g_get_monotonic_time () - started) / 1e6);
}

int
main (int    argc,
      char **argv)
{
  Options options = { 1000000, 20261204, NULL, FALSE };
  gint tickets = options.n_tickets;
  gint64 seed = options.seed;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "tickets", 'n', 0, G_OPTION_ARG_INT, &tickets, "Number of tickets to write (default 1000000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the random generator (default 20261204)", "SEED" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Store file to write; replaced if it exists", "PATH" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options.check,
      "Also record the first tickets through the store and compare the two files", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a benchmark store file");
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) scratch = NULL;
  g_autofree char *scratch_dir = NULL;
  g_autofree char *scratch_path = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (output == NULL || tickets <= 0 || seed < 0 || seed > G_MAXUINT32)
    {
      fprintf (stderr, "--output is required, --tickets must be positive and --seed within 0 to %u\n",
               G_MAXUINT32);
      return 2;
    }
  options.n_tickets = tickets;
  options.seed = seed;
  options.output = output;

  if (options.check)
    {
      scratch_dir = g_dir_make_tmp ("sapa-bench-check-XXXXXX", &error);
      g_assert_no_error (error);
      scratch_path = g_build_filename (scratch_dir, "store.db", NULL);
      scratch = sapa_store_open (scratch_path, &error);
      g_assert_no_error (error);
    }

  generate (&options, scratch);
  verify_with_store (options.output);

  if (options.check)
    {
      g_clear_object (&scratch);
      compare_with_store (scratch_path, options.output);
      remove_store_files (scratch_path);
      g_rmdir (scratch_dir);
    }

  return 0;
}
