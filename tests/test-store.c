/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the SQLite store on real files: schema, recording, search, numbering */

#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-phone.h"
#include "sapa-store.h"
#include "sapa-store-private.h"
#include "sapa-wizard.h"

#define SECOND_US G_GINT64_CONSTANT (1000000)
#define MINUTE_US (60 * SECOND_US)
#define HOUR_US (60 * MINUTE_US)

/* ---- Helpers ---- */

typedef struct {
  char      *dir;
  char      *path;
  SapaStore *store;
} Fixture;

static gint64
utc_us (int year,
        int month,
        int day,
        int hour,
        int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * SECOND_US;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_assert_no_errno (g_remove (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sapa-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sapa.db", NULL);
}

static void
fixture_set_up_open (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* A second connection to the file, as another process would open it. */
static sqlite3 *
open_side_connection (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_busy_timeout (db, 10000), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *text_param)
{
  g_autoptr(SapaStatement) stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text_param != NULL)
    sqlite3_bind_text (stmt, 1, text_param, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(SapaStatement) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
count_drafts (const char *path,
              const char *ticket_id)
{
  sqlite3 *db = open_side_connection (path);
  gint64 n = query_int (db, "SELECT count(*) FROM drafts WHERE ticket_id = ?", ticket_id);

  sqlite3_close (db);
  return n;
}

static SapaWizard *
new_wizard (const char *flow_id,
            guint       workstation)
{
  const SapaFlow *flow = sapa_flow_lookup (flow_id);

  g_assert_nonnull (flow);
  return sapa_wizard_new (flow, "CGK", workstation, "Dewi");
}

static void
advance (SapaWizard *wizard,
         const char *branch_id,
         gint64     *clock_us)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_wizard_advance_at (wizard, branch_id, *clock_us, &error));
  g_assert_no_error (error);
  *clock_us += MINUTE_US;
}

static SapaTicket *
record (SapaStore  *store,
        SapaWizard *wizard)
{
  g_autoptr(GPtrArray) activities = sapa_wizard_take_activities (wizard);
  g_autoptr(GError) error = NULL;
  SapaTicket *ticket;

  g_assert_cmpuint (activities->len, >, 0);
  ticket = sapa_store_record (store, wizard, activities, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ticket);
  g_assert_cmpstr (sapa_ticket_get_id (ticket), ==, sapa_wizard_get_ticket_id (wizard));
  g_assert_true (sapa_ticket_get_loaded (ticket));

  return ticket;
}

/* Records one ticket with only its greeting step at @at_us. */
static SapaTicket *
record_greeting (SapaStore  *store,
                 const char *flow_id,
                 guint       workstation,
                 gint64      at_us)
{
  g_autoptr(SapaWizard) wizard = new_wizard (flow_id, workstation);

  advance (wizard, "next", &at_us);
  return record (store, wizard);
}

typedef enum {
  ENDING_OPEN,        /* stops after the read-back */
  ENDING_CLOSED,      /* answered and accepted */
  ENDING_ESCALATED,   /* sent to a unit for follow-up */
} Ending;

typedef struct {
  const char *flow;
  const char *name;
  const char *phone;
  const char *purpose;
  Ending      ending;
} Caller;

/* Walks a counter or Dial 172 feedback for @caller from @start_us, one
 * minute a step, and records it in one go. */
static SapaTicket *
record_feedback (SapaStore    *store,
                 const Caller *caller,
                 gint64        start_us)
{
  g_autoptr(SapaWizard) wizard = new_wizard (caller->flow, 7);
  gint64 clock_us = start_us;

  advance (wizard, "next", &clock_us);
  sapa_wizard_set_value (wizard, "purpose", caller->purpose);
  advance (wizard, "next", &clock_us);
  sapa_wizard_set_value (wizard, "name", caller->name);
  sapa_wizard_set_value (wizard, "phone", caller->phone);
  advance (wizard, "next", &clock_us);
  advance (wizard, "sesuai", &clock_us);

  switch (caller->ending)
    {
    case ENDING_OPEN:
      break;

    case ENDING_CLOSED:
      sapa_wizard_set_value (wizard, "category", "information");
      advance (wizard, "answer_now", &clock_us);
      sapa_wizard_set_value (wizard, "answer", "Silakan ke kantor lost and found Terminal 3");
      advance (wizard, "sesuai", &clock_us);
      break;

    case ENDING_ESCALATED:
      sapa_wizard_set_value (wizard, "category", "complaint");
      advance (wizard, "follow_up", &clock_us);
      sapa_wizard_set_value (wizard, "followup_unit", "cleaning");
      sapa_wizard_set_value (wizard, "followup_note", "Mohon dicek dan dibersihkan");
      advance (wizard, "next", &clock_us);
      break;
    }

  return record (store, wizard);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static guint64
report_counter (const char *report_number)
{
  const char *dash = strrchr (report_number, '-');

  g_assert_nonnull (dash);
  return g_ascii_strtoull (dash + 1, NULL, 10);
}

/* ---- Opening and schema ---- */

static void
test_open_creates_wal_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->dir, "data", "sapa", "sapa.db", NULL);
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3 *db;

  store = sapa_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (sapa_store_get_path (store), ==, nested);
  g_assert_cmpint (sapa_store_get_schema_version (store), ==, sapa_store_schema_get_latest ());

  db = open_side_connection (nested);
  journal_mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA user_version", NULL), ==, sapa_store_schema_get_latest ());

  /* The schema declares the references that foreign_keys enforces. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_list ('activities')"
                                  " WHERE \"table\" = 'tickets'", NULL), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_list ('tickets')"
                                  " WHERE \"table\" = 'contacts'", NULL), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO activities (id, ticket_id, kind, created_at)"
                                 " VALUES ('a', 'no-such-ticket', 'step', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  sapa_store_open_async (fixture->path, NULL, store_result_cb, &result);
  store = sapa_store_open_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (SAPA_IS_STORE (store));
  g_assert_cmpint (sapa_store_get_schema_version (store), ==, sapa_store_schema_get_latest ());
}

static void
test_open_reopens_existing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SapaTicket) first = NULL;
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GError) error = NULL;

  first = record_greeting (fixture->store, "counter", 7, utc_us (2026, 3, 10, 1, 0));
  g_clear_object (&fixture->store);

  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  found = sapa_store_get_ticket (fixture->store, sapa_ticket_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_report_number (found), ==, sapa_ticket_get_report_number (first));
}

static void
test_migrate_from_v1 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  static const char * const searches[] = {
    "ratna", "Ratna Sari", "kursi roda", "11112222", "0813-1111", "cgk 07 250101 0001",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sapa_store_schema_get_latest (), >=, 2);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (sapa_store_schema_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version", NULL), ==, 1);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO tickets (id, report_number, flow, channel, airport,"
                                 " time_zone, workstation, officer, status, name, phone, phone_e164,"
                                 " purpose, created_at, updated_at) VALUES"
                                 " ('01944a8e-0000-7000-8000-000000000001', 'CGK-07-250101-0001',"
                                 " 'counter', 'counter', 'CGK', 'Asia/Jakarta', 7, 'Dewi', 'open',"
                                 " 'Ratna Sari', '+62 813-1111-2222', '+6281311112222',"
                                 " 'Kursi roda untuk ibu saya', 1735693200000000, 1735693200000000)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sapa_store_get_schema_version (store), ==, sapa_store_schema_get_latest ());

  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version", NULL), ==, sapa_store_schema_get_latest ());
  sqlite3_close (db);

  /* The v2 migration indexed the ticket that was there before it. */
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      SapaTicketQuery query = { searches[i], NULL, NULL };

      g_test_message ("search: “%s”", searches[i]);
      g_clear_pointer (&rowids, g_array_unref);
      g_clear_pointer (&tickets, g_ptr_array_unref);
      rowids = sapa_store_query (store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rowids->len, ==, 1);

      tickets = sapa_store_load_tickets (store, rowids, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tickets->len, ==, 1);
      g_assert_cmpstr (sapa_ticket_get_report_number (g_ptr_array_index (tickets, 0)), ==,
                       "CGK-07-250101-0001");
    }
}

static void
test_open_rejects_newer_schema (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE future (id INTEGER PRIMARY KEY, data TEXT);"
                                 "INSERT INTO future (data) VALUES ('written by Sapa 99');"
                                 "PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(SapaStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = sapa_store_open (fixture->path, &error);
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_SCHEMA_TOO_NEW);
      g_assert_null (store);
    }

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
}

/* ---- Recording ---- */

static void
assert_ticket_matches (SapaTicket *ticket,
                       SapaTicket *stored)
{
  g_assert_cmpint (sapa_ticket_get_rowid (stored), ==, sapa_ticket_get_rowid (ticket));
  g_assert_cmpstr (sapa_ticket_get_report_number (stored), ==, sapa_ticket_get_report_number (ticket));
  g_assert_cmpstr (sapa_ticket_get_status (stored), ==, sapa_ticket_get_status (ticket));
  g_assert_cmpstr (sapa_ticket_get_name (stored), ==, sapa_ticket_get_name (ticket));
  g_assert_cmpstr (sapa_ticket_get_purpose (stored), ==, sapa_ticket_get_purpose (ticket));
  g_assert_cmpint (sapa_ticket_get_updated_at (stored), ==, sapa_ticket_get_updated_at (ticket));
}

static void
test_record_counter_flow (Fixture       *fixture,
                          gconstpointer  data)
{
  /* 17:30 UTC on 4 December is 00:30 WIB on 5 December at CGK. */
  gint64 start_us = utc_us (2026, 12, 4, 17, 30);
  gint64 clock_us = start_us;
  g_autoptr(SapaWizard) wizard = new_wizard ("counter", 7);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaTicket) stored = NULL;
  g_autoptr(SapaTicket) second = NULL;
  g_autoptr(SapaTicket) day_before = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);
  static const char * const steps[] = { "greet", "purpose", "identity", "confirm", "identify", "answer" };

  advance (wizard, "next", &clock_us);
  ticket = record (fixture->store, wizard);
  g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, "CGK-07-261205-0001");
  g_assert_cmpstr (sapa_ticket_get_flow (ticket), ==, "counter");
  g_assert_cmpstr (sapa_ticket_get_channel (ticket), ==, "counter");
  g_assert_cmpstr (sapa_ticket_get_airport (ticket), ==, "CGK");
  g_assert_cmpstr (sapa_ticket_get_time_zone (ticket), ==, "Asia/Jakarta");
  g_assert_cmpuint (sapa_ticket_get_workstation (ticket), ==, 7);
  g_assert_cmpstr (sapa_ticket_get_officer (ticket), ==, "Dewi");
  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_OPEN);
  g_assert_cmpstr (sapa_ticket_get_name (ticket), ==, "");
  g_assert_cmpstr (sapa_ticket_get_purpose (ticket), ==, "");
  g_assert_null (sapa_ticket_get_phone_e164 (ticket));
  g_assert_null (sapa_ticket_get_contact_id (ticket));
  g_assert_cmpint (sapa_ticket_get_created_at (ticket), ==, start_us);
  g_assert_cmpint (sapa_ticket_get_updated_at (ticket), ==, start_us);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 1);

  sapa_wizard_set_value (wizard, "purpose", "Tas hitam tertinggal di gate 7");
  advance (wizard, "next", &clock_us);
  g_clear_object (&ticket);
  ticket = record (fixture->store, wizard);
  g_assert_cmpstr (sapa_ticket_get_purpose (ticket), ==, "Tas hitam tertinggal di gate 7");
  g_assert_cmpstr (sapa_ticket_get_name (ticket), ==, "");
  g_assert_cmpint (sapa_ticket_get_updated_at (ticket), ==, start_us + MINUTE_US);

  sapa_wizard_set_value (wizard, "name", "Andreas Ma’ruf");
  sapa_wizard_set_value (wizard, "phone", "0811-1234-567");
  advance (wizard, "next", &clock_us);
  g_clear_object (&ticket);
  ticket = record (fixture->store, wizard);
  g_assert_cmpstr (sapa_ticket_get_name (ticket), ==, "Andreas Ma’ruf");
  g_assert_cmpstr (sapa_ticket_get_phone_e164 (ticket), ==, "+628111234567");
  /* The phone is kept as typed, beside its E.164 form. */
  g_assert_cmpstr (sapa_ticket_get_phone (ticket), ==, "0811-1234-567");
  g_assert_nonnull (sapa_ticket_get_contact_id (ticket));

  /* Two steps in one recording. */
  advance (wizard, "sesuai", &clock_us);
  sapa_wizard_set_value (wizard, "category", "lost_found");
  advance (wizard, "answer_now", &clock_us);
  g_clear_object (&ticket);
  ticket = record (fixture->store, wizard);
  g_assert_cmpstr (sapa_ticket_get_category (ticket), ==, "lost_found");
  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_OPEN);
  g_assert_cmpstr (sapa_ticket_get_answer (ticket), ==, "");
  g_assert_cmpint (sapa_ticket_get_updated_at (ticket), ==, start_us + 4 * MINUTE_US);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 1);

  sapa_wizard_set_value (wizard, "answer", "Tas ada di kantor lost and found Terminal 3");
  advance (wizard, "sesuai", &clock_us);
  g_assert_true (sapa_wizard_is_finished (wizard));
  g_clear_object (&ticket);
  ticket = record (fixture->store, wizard);
  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_CLOSED);
  g_assert_cmpstr (sapa_ticket_get_answer (ticket), ==, "Tas ada di kantor lost and found Terminal 3");
  g_assert_cmpstr (sapa_ticket_get_purpose (ticket), ==, "Tas hitam tertinggal di gate 7");
  g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, "CGK-07-261205-0001");
  g_assert_cmpint (sapa_ticket_get_created_at (ticket), ==, start_us);
  g_assert_cmpint (sapa_ticket_get_updated_at (ticket), ==, start_us + 5 * MINUTE_US);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 0);

  stored = sapa_store_get_ticket (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  assert_ticket_matches (ticket, stored);

  activities = sapa_store_list_activities (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, G_N_ELEMENTS (steps));
  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      g_assert_cmpstr (sapa_activity_get_step (activity), ==, steps[i]);
      g_assert_cmpstr (sapa_activity_get_kind (activity), ==, SAPA_ACTIVITY_STEP);
      g_assert_cmpint (sapa_activity_get_created_at (activity), ==, start_us + i * MINUTE_US);
    }

  /* The next ticket of that local date gets the next counter. The local
   * date before midnight WIB starts its own counter. */
  second = record_greeting (fixture->store, "counter", 7, start_us + HOUR_US);
  g_assert_cmpstr (sapa_ticket_get_report_number (second), ==, "CGK-07-261205-0002");
  day_before = record_greeting (fixture->store, "counter", 7, utc_us (2026, 12, 4, 16, 59));
  g_assert_cmpstr (sapa_ticket_get_report_number (day_before), ==, "CGK-07-261204-0001");
}

static void
test_record_async (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaWizard) wizard = new_wizard ("phone", 7);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  advance (wizard, "next", &clock_us);
  activities = sapa_wizard_take_activities (wizard);
  sapa_store_record_async (fixture->store, wizard, activities, NULL, store_result_cb, &result);
  ticket = sapa_store_record_finish (fixture->store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, "CGK-07-260310-0001");
  g_assert_cmpstr (sapa_ticket_get_channel (ticket), ==, "phone");
}

static void
test_record_retry_stores_once (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaWizard) wizard = new_wizard ("counter", 7);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) both = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaTicket) again = NULL;
  g_autoptr(SapaTicket) next = NULL;
  g_autoptr(GError) error = NULL;
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);

  advance (wizard, "next", &clock_us);
  first = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (fixture->store, wizard, first, &error);
  g_assert_no_error (error);

  /* The same call again, as after a lost reply. */
  again = sapa_store_record (fixture->store, wizard, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_report_number (again), ==, sapa_ticket_get_report_number (ticket));
  g_assert_cmpint (sapa_ticket_get_rowid (again), ==, sapa_ticket_get_rowid (ticket));

  /* A retry that carries the old step with a new one adds only the new. */
  sapa_wizard_set_value (wizard, "purpose", "Informasi jadwal shuttle bus");
  advance (wizard, "next", &clock_us);
  second = sapa_wizard_take_activities (wizard);
  g_ptr_array_add (both, g_object_ref (g_ptr_array_index (first, 0)));
  g_ptr_array_add (both, g_object_ref (g_ptr_array_index (second, 0)));
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_clear_object (&again);
      again = sapa_store_record (fixture->store, wizard, both, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sapa_ticket_get_purpose (again), ==, "Informasi jadwal shuttle bus");
    }

  stored = sapa_store_list_activities (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (sapa_activity_get_id (g_ptr_array_index (stored, 0)), ==,
                   sapa_activity_get_id (g_ptr_array_index (first, 0)));
  g_assert_cmpstr (sapa_activity_get_id (g_ptr_array_index (stored, 1)), ==,
                   sapa_activity_get_id (g_ptr_array_index (second, 0)));

  /* Retries took no report number. */
  next = record_greeting (fixture->store, "counter", 7, clock_us);
  g_assert_cmpstr (sapa_ticket_get_report_number (next), ==, "CGK-07-260310-0002");
}

static void
test_activities_append_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SapaTicket) ticket = NULL;
  const char *ticket_id;
  sqlite3 *db;

  ticket = record_greeting (fixture->store, "counter", 7, utc_us (2026, 3, 10, 1, 0));
  ticket_id = sapa_ticket_get_id (ticket);

  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM activities WHERE ticket_id = ?", ticket_id), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE activities SET kind = 'edited'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE activities SET payload = '{}', created_at = 0",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM activities", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM activities WHERE ticket_id = ?", ticket_id), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM activities WHERE kind = 'step'", NULL), ==, 1);
  sqlite3_close (db);
}

static void
test_get_ticket_not_found (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_get_ticket (fixture->store, "01944a8e-0000-7000-8000-00000000dead", &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
  g_assert_null (ticket);
}

/* ---- Drafts and discards ---- */

static void
assert_same_wizard (SapaWizard *actual,
                    SapaWizard *expected)
{
  static const char * const keys[] = { "purpose", "name", "phone", "category", "answer", NULL };

  g_assert_cmpstr (sapa_wizard_get_ticket_id (actual), ==, sapa_wizard_get_ticket_id (expected));
  g_assert_true (sapa_wizard_get_flow (actual) == sapa_wizard_get_flow (expected));
  g_assert_cmpstr (sapa_wizard_get_step (actual)->id, ==, sapa_wizard_get_step (expected)->id);
  g_assert_cmpstr (sapa_wizard_get_status (actual), ==, sapa_wizard_get_status (expected));
  g_assert_cmpstr (sapa_wizard_get_airport (actual), ==, sapa_wizard_get_airport (expected));
  g_assert_cmpuint (sapa_wizard_get_workstation (actual), ==, sapa_wizard_get_workstation (expected));
  g_assert_cmpstr (sapa_wizard_get_officer (actual), ==, sapa_wizard_get_officer (expected));
  g_assert_cmpuint (sapa_wizard_get_n_steps_taken (actual), ==, sapa_wizard_get_n_steps_taken (expected));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpstr (sapa_wizard_get_value (actual, keys[i]), ==, sapa_wizard_get_value (expected, keys[i]));
}

static void
test_drafts_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 older_us = utc_us (2026, 3, 10, 1, 0);
  /* save_draft() stamps the draft with the real time and record() with
   * the last step's time, so the newer draft's step is in the future. */
  gint64 newer_us = g_get_real_time () + HOUR_US;
  g_autoptr(SapaWizard) older = new_wizard ("counter", 7);
  g_autoptr(SapaWizard) newer = new_wizard ("phone", 7);
  g_autoptr(SapaTicket) older_ticket = NULL;
  g_autoptr(SapaTicket) newer_ticket = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  advance (older, "next", &older_us);
  sapa_wizard_set_value (older, "purpose", "Kursi roda untuk ayah saya");
  advance (older, "next", &older_us);
  older_ticket = record (fixture->store, older);
  /* Typed but not yet taken: the draft keeps it. */
  sapa_wizard_set_value (older, "name", "Nguyễn Văn An");
  sapa_wizard_set_value (older, "phone", "0812 98");
  sapa_store_save_draft_async (fixture->store, older, NULL, store_result_cb, &result);
  g_assert_true (sapa_store_save_draft_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  advance (newer, "next", &newer_us);
  newer_ticket = record (fixture->store, newer);
  sapa_wizard_set_value (newer, "purpose", "Penerbangan tertunda");

  sapa_store_list_drafts_async (fixture->store, NULL, store_result_cb, &result);
  drafts = sapa_store_list_drafts_finish (fixture->store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);

  g_assert_cmpstr (sapa_wizard_get_ticket_id (g_ptr_array_index (drafts, 1)), ==,
                   sapa_wizard_get_ticket_id (older));
  assert_same_wizard (g_ptr_array_index (drafts, 1), older);
  g_assert_cmpstr (sapa_wizard_get_value (g_ptr_array_index (drafts, 1), "name"), ==, "Nguyễn Văn An");
  g_assert_cmpstr (sapa_wizard_get_value (g_ptr_array_index (drafts, 1), "phone"), ==, "0812 98");
  g_assert_cmpstr (sapa_wizard_get_step (g_ptr_array_index (drafts, 1))->id, ==, "identity");

  /* The newer draft contains what was recorded, not what was typed later. */
  g_assert_cmpstr (sapa_wizard_get_value (g_ptr_array_index (drafts, 0), "purpose"), ==, "");
  sapa_wizard_set_value (newer, "purpose", "");
  assert_same_wizard (g_ptr_array_index (drafts, 0), newer);
}

/* Setting a step aside writes the entry and the draft together; an
 * entry for a ticket that was never recorded writes neither; a retried
 * entry is kept once. */
static void
test_log_entry_with_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaWizard) wizard = new_wizard ("counter", 7);
  g_autoptr(SapaWizard) unrecorded = new_wizard ("counter", 7);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaActivity) parked = NULL;
  g_autoptr(SapaActivity) orphan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaWizard) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);

  advance (wizard, "next", &clock_us);
  ticket = record (fixture->store, wizard);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 1);
  sapa_wizard_set_value (wizard, "purpose", "Menunggu nomor penerbangan");

  parked = sapa_activity_new (ticket_id, SAPA_ACTIVITY_PARKED, "purpose", NULL, NULL,
                              "Dewi", "CGK", 7, clock_us);
  sapa_store_log_async (fixture->store, parked, wizard, NULL, store_result_cb, &result);
  g_assert_true (sapa_store_log_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (sapa_store_log (fixture->store, parked, wizard, &error));
  g_assert_no_error (error);

  activities = sapa_store_list_activities (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 2);
  g_assert_cmpstr (sapa_activity_get_kind (g_ptr_array_index (activities, 1)), ==, SAPA_ACTIVITY_PARKED);
  g_assert_cmpstr (sapa_activity_get_step (g_ptr_array_index (activities, 1)), ==, "purpose");
  sapa_store_get_draft_async (fixture->store, ticket_id, NULL, store_result_cb, &result);
  draft = sapa_store_get_draft_finish (fixture->store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (sapa_wizard_get_value (draft, "purpose"), ==, "Menunggu nomor penerbangan");

  orphan = sapa_activity_new (sapa_wizard_get_ticket_id (unrecorded), SAPA_ACTIVITY_PARKED, "greet", NULL,
                              NULL, "Dewi", "CGK", 7, clock_us);
  g_assert_false (sapa_store_log (fixture->store, orphan, unrecorded, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
  g_assert_cmpint (count_drafts (fixture->path, sapa_wizard_get_ticket_id (unrecorded)), ==, 0);
}

/* Damage in the middle of the file, which opening does not read, is
 * found by the check, which names the file. A sound file passes. */
static void
test_check_finds_damage (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int page_size;

  for (guint i = 0; i < 300; i++)
    g_object_unref (record_greeting (fixture->store, "counter", 7, clock_us + i * MINUTE_US));

  sapa_store_check_async (fixture->store, NULL, store_result_cb, &result);
  g_assert_true (sapa_store_check_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  {
    sqlite3 *db = open_side_connection (fixture->path);

    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    page_size = (int) query_int (db, "PRAGMA page_size", NULL);
    sqlite3_close (db);
  }
  g_clear_object (&fixture->store);

  /* Every seventh page after the first few gets 256 bytes of noise. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length / page_size, >, 20);
  for (gsize page = 8; page < length / page_size; page += 7)
    memset (contents + page * page_size + 100, 0x5a, 256);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  g_assert_no_error (error);

  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  sapa_store_check_async (fixture->store, NULL, store_result_cb, &result);
  g_assert_false (sapa_store_check_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

static void
test_drafts_skip_corrupt (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaWizard) good = new_wizard ("counter", 7);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const corrupt[] = {
    "{not json",
    "",
    "null",
    "[]",
    "{\"flow\": \"no-such-flow\"}",
    "{\"flow\": 42, \"step\": [1, 2]}",
  };
  sqlite3 *db;

  advance (good, "next", &clock_us);
  ticket = record (fixture->store, good);

  db = open_side_connection (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    {
      g_autoptr(SapaStatement) stmt = NULL;
      g_autofree char *ticket_id = g_strdup_printf ("corrupt-%u", i);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO drafts (ticket_id, flow, state, updated_at)"
                                               " VALUES (?, 'counter', ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, corrupt[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, clock_us + (i + 1) * MINUTE_US);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_close (db);

  /* Each unreadable draft is logged and skipped. */
  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    g_test_expect_message ("sapa-store", G_LOG_LEVEL_WARNING, "*");
  drafts = sapa_store_list_drafts (fixture->store, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  assert_same_wizard (g_ptr_array_index (drafts, 0), good);

  /* They are left in place for someone to look at. */
  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM drafts", NULL), ==, G_N_ELEMENTS (corrupt) + 1);
  sqlite3_close (db);
}

static void
test_discard_recorded_ticket (Fixture       *fixture,
                              gconstpointer  data)
{
  gint64 clock_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaWizard) wizard = new_wizard ("counter", 7);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaTicket) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);
  SapaActivity *discarded;

  advance (wizard, "next", &clock_us);
  sapa_wizard_set_value (wizard, "purpose", "Bertanya lokasi musala");
  advance (wizard, "next", &clock_us);
  ticket = record (fixture->store, wizard);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 1);

  sapa_store_discard_async (fixture->store, wizard, "Penumpang pergi", NULL, store_result_cb, &result);
  g_assert_true (sapa_store_discard_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);

  cancelled = sapa_store_get_ticket (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_status (cancelled), ==, SAPA_STATUS_CANCELLED);
  g_assert_cmpstr (sapa_ticket_get_report_number (cancelled), ==, sapa_ticket_get_report_number (ticket));
  g_assert_cmpstr (sapa_ticket_get_purpose (cancelled), ==, "Bertanya lokasi musala");

  activities = sapa_store_list_activities (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 3);
  discarded = g_ptr_array_index (activities, 2);
  g_assert_cmpstr (sapa_activity_get_kind (discarded), ==, SAPA_ACTIVITY_DISCARDED);
  g_assert_cmpstr (sapa_activity_get_ticket_id (discarded), ==, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (discarded), "reason"), ==,
                   "Penumpang pergi");
  g_assert_cmpstr (sapa_activity_get_officer (discarded), ==, "Dewi");

  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 0);
  drafts = sapa_store_list_drafts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_discard_unrecorded_draft (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SapaWizard) wizard = new_wizard ("counter", 7);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);

  sapa_wizard_set_value (wizard, "purpose", "Belum selesai");
  sapa_store_save_draft_async (fixture->store, wizard, NULL, store_result_cb, &result);
  g_assert_true (sapa_store_save_draft_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 1);

  sapa_store_discard_async (fixture->store, wizard, NULL, NULL, store_result_cb, &result);
  g_assert_true (sapa_store_discard_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_drafts (fixture->path, ticket_id), ==, 0);

  /* No ticket was made for it. */
  ticket = sapa_store_get_ticket (fixture->store, ticket_id, &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
}

/* ---- Search ---- */

/* Five tickets, one hour apart on 10 March 2026 (WIB), oldest first. */
static const Caller search_callers[] = {
  { "counter", "Andreas Ma’ruf", "0811-1234-567", "Tas hitam tertinggal di gate 7", ENDING_CLOSED },
  { "counter", "Nguyễn Văn An", "+62 812 9876 5432", "Mencari ruang laktasi di terminal 3", ENDING_OPEN },
  { "phone", "Siti Rahayu", "0813 5555 0000", "Penerbangan tertunda, minta informasi bagasi", ENDING_ESCALATED },
  { "phone", "Andi Wijaya", "+65 6123 4567", "Kehilangan dompet di gate 7", ENDING_CLOSED },
  { "counter", "Budi Santoso", "(021) 5550 1234", "Toilet terminal 2 kotor", ENDING_ESCALATED },
};

static void
fixture_set_up_search (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);

  fixture_set_up_open (fixture, data);
  for (guint i = 0; i < G_N_ELEMENTS (search_callers); i++)
    {
      g_autoptr(SapaTicket) ticket = record_feedback (fixture->store, &search_callers[i],
                                                      start_us + i * HOUR_US);
      g_autofree char *expected = g_strdup_printf ("CGK-07-260310-%04u", i + 1);

      g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, expected);
    }
}

/* Asserts that the search finds the tickets of the named callers, given
 * newest first and ending with NULL. */
static void
assert_search (SapaStore  *store,
               const char *search,
               const char *status,
               const char *channel,
               ...)
{
  SapaTicketQuery query = { search, status, channel };
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint i = 0;
  va_list args;

  g_test_message ("search “%s”, status %s, channel %s", search, status, channel);
  rowids = sapa_store_query (store, &query, &error);
  g_assert_no_error (error);
  tickets = sapa_store_load_tickets (store, rowids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, rowids->len);

  va_start (args, channel);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, tickets->len);
      g_assert_cmpstr (sapa_ticket_get_name (g_ptr_array_index (tickets, i)), ==, name);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (tickets->len, ==, i);
}

static void
test_search_all_newest_first (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_search (fixture->store, NULL, NULL, NULL,
                 "Budi Santoso", "Andi Wijaya", "Siti Rahayu", "Nguyễn Văn An", "Andreas Ma’ruf", NULL);
  assert_search (fixture->store, "", NULL, NULL,
                 "Budi Santoso", "Andi Wijaya", "Siti Rahayu", "Nguyễn Văn An", "Andreas Ma’ruf", NULL);
}

static void
test_search_report_number (Fixture       *fixture,
                           gconstpointer  data)
{
  SapaStore *store = fixture->store;

  assert_search (store, "CGK-07-260310-0001", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "cgk-07-260310-0001", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "cgk 07 260310 0001", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, " CGK.07.260310.0003 ", NULL, NULL, "Siti Rahayu", NULL);
  assert_search (store, "cgk072603100004", NULL, NULL, "Andi Wijaya", NULL);
  assert_search (store, "CGK-07-260310-0009", NULL, NULL, NULL);
  assert_search (store, "CGK-08-260310-0001", NULL, NULL, NULL);
}

static void
test_search_name (Fixture       *fixture,
                  gconstpointer  data)
{
  SapaStore *store = fixture->store;

  assert_search (store, "Andreas", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "andr", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "and", NULL, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (store, "ANDI", NULL, NULL, "Andi Wijaya", NULL);
  assert_search (store, "siti rah", NULL, NULL, "Siti Rahayu", NULL);
  assert_search (store, "rahayu siti", NULL, NULL, "Siti Rahayu", NULL);

  /* Straight, curly and no apostrophe all find "Ma’ruf". */
  assert_search (store, "ma'ruf", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "Ma’ruf", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "maruf", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "andreas ma`ruf", NULL, NULL, "Andreas Ma’ruf", NULL);

  /* Diacritics fold both ways. */
  assert_search (store, "nguyen", NULL, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, "NGUYEN VAN", NULL, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, "nguyễn", NULL, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, "Nguyên", NULL, NULL, "Nguyễn Văn An", NULL);

  assert_search (store, "santosa", NULL, NULL, NULL);
}

static void
test_search_phone (Fixture       *fixture,
                   gconstpointer  data)
{
  SapaStore *store = fixture->store;

  /* +628111234567 and +6561234567 both contain these digits. */
  assert_search (store, "1234567", NULL, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (store, "0811-1234", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "0811 1234 567", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "+62 811", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "628111", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "+628111234567", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "(0812) 9876", NULL, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, "5555 0000", NULL, NULL, "Siti Rahayu", NULL);
  assert_search (store, "+65 6123", NULL, NULL, "Andi Wijaya", NULL);
  assert_search (store, "021 5550", NULL, NULL, "Budi Santoso", NULL);
  assert_search (store, "0899 0000 1111", NULL, NULL, NULL);
}

static void
test_search_purpose (Fixture       *fixture,
                     gconstpointer  data)
{
  SapaStore *store = fixture->store;

  assert_search (store, "gate", NULL, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (store, "dompet", NULL, NULL, "Andi Wijaya", NULL);
  assert_search (store, "tas gate", NULL, NULL, "Andreas Ma’ruf", NULL);
  assert_search (store, "LAKTASI", NULL, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, "bagasi tertunda", NULL, NULL, "Siti Rahayu", NULL);
  assert_search (store, "terminal", NULL, NULL, "Budi Santoso", "Nguyễn Văn An", NULL);
  assert_search (store, "toilet bagasi", NULL, NULL, NULL);
}

static void
test_search_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  SapaStore *store = fixture->store;

  assert_search (store, NULL, SAPA_STATUS_CLOSED, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (store, NULL, SAPA_STATUS_ESCALATED, NULL, "Budi Santoso", "Siti Rahayu", NULL);
  assert_search (store, NULL, SAPA_STATUS_OPEN, NULL, "Nguyễn Văn An", NULL);
  assert_search (store, NULL, SAPA_STATUS_CANCELLED, NULL, NULL);
  assert_search (store, NULL, NULL, "phone", "Andi Wijaya", "Siti Rahayu", NULL);
  assert_search (store, NULL, NULL, "counter", "Budi Santoso", "Nguyễn Văn An", "Andreas Ma’ruf", NULL);
  assert_search (store, NULL, NULL, "email", NULL);
  assert_search (store, NULL, SAPA_STATUS_CLOSED, "phone", "Andi Wijaya", NULL);
  assert_search (store, "gate", SAPA_STATUS_CLOSED, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (store, "gate", NULL, "counter", "Andreas Ma’ruf", NULL);
  assert_search (store, "andi", NULL, "counter", NULL);
  assert_search (store, "terminal", SAPA_STATUS_ESCALATED, "counter", "Budi Santoso", NULL);
  assert_search (store, "CGK-07-260310-0001", SAPA_STATUS_OPEN, NULL, NULL);
}

/* Asserts that sapa_store_query_first() with each limit returns the
 * first tickets of sapa_store_query() for the same query. */
static void
assert_first_matches_query (SapaStore  *store,
                            const char *search,
                            const char *status,
                            const char *channel)
{
  SapaTicketQuery query = { search, status, channel };
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;

  rowids = sapa_store_query (store, &query, &error);
  g_assert_no_error (error);

  for (guint limit = 1; limit <= rowids->len + 1; limit++)
    {
      g_autoptr(GPtrArray) tickets = sapa_store_query_first (store, &query, limit, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (tickets->len, ==, MIN (limit, rowids->len));
      for (guint i = 0; i < tickets->len; i++)
        {
          SapaTicket *ticket = g_ptr_array_index (tickets, i);

          g_assert_true (sapa_ticket_get_loaded (ticket));
          g_assert_cmpint (sapa_ticket_get_rowid (ticket), ==, g_array_index (rowids, gint64, i));
        }
    }
}

static void
test_search_first_tickets (Fixture       *fixture,
                           gconstpointer  data)
{
  SapaStore *store = fixture->store;

  assert_first_matches_query (store, NULL, NULL, NULL);
  assert_first_matches_query (store, NULL, SAPA_STATUS_CLOSED, NULL);
  assert_first_matches_query (store, NULL, NULL, "counter");
  assert_first_matches_query (store, "gate", NULL, NULL);
  assert_first_matches_query (store, "CGK-07-260310-0003", NULL, NULL);
  /* No match: an empty array, not an error. */
  assert_first_matches_query (store, NULL, SAPA_STATUS_CANCELLED, NULL);
}

/* Each ticket recorded adds segments to the search indexes, which FTS5
 * no longer merges inside the next write. The store merges them after a
 * job once its queue is empty. */
static void
test_search_index_merged_when_idle (Fixture       *fixture,
                                    gconstpointer  data)
{
  SapaTicketQuery query = { "cgk", NULL, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *side = open_side_connection (fixture->path);
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);
  gint64 deadline, unmerged, merged;

  g_assert_cmpint (query_int (side, "SELECT v FROM ticket_search_config WHERE k = 'automerge'", NULL), ==, 0);
  g_assert_cmpint (query_int (side, "SELECT v FROM ticket_phone_config WHERE k = 'automerge'", NULL), ==, 0);

  /* The plain calls leave the merge for after the next queued job. Fewer
   * than 16 segments, where FTS5 would merge a level in the write. */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(SapaTicket) ticket = record_greeting (fixture->store, "counter", 7, start_us + i * MINUTE_US);
    }
  unmerged = query_int (side, "SELECT count(*) FROM ticket_search_data", NULL);
  g_assert_cmpint (unmerged, >=, 12);

  sapa_store_query_async (fixture->store, &query, NULL, store_result_cb, &result);
  rowids = sapa_store_query_finish (fixture->store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 12);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_usleep (10 * 1000);
      merged = query_int (side, "SELECT count(*) FROM ticket_search_data", NULL);
    }
  while (merged > unmerged / 2 && g_get_monotonic_time () < deadline);
  g_assert_cmpint (merged, <=, unmerged / 2);

  /* Merging changes where the entries are, not what a search finds. */
  g_clear_pointer (&rowids, g_array_unref);
  rowids = sapa_store_query (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 12);
  g_assert_cmpint (sqlite3_exec (side, "INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  sqlite3_close (side);
}

static void
test_search_hostile_input (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *long_letters = g_strnfill (10000, 'a');
  g_autofree char *long_digits = g_strnfill (10000, '7');
  g_autofree char *long_quotes = g_strnfill (10000, '"');
  g_autoptr(GString) long_words = g_string_new (NULL);
  const char *inputs[] = {
    "\"", "\"\"", "*", "**", "\"*\"", "AND OR NOT", "and", "NOT", "NEAR(", "NEAR(a b, 2)",
    "')--", "'; DROP TABLE tickets; --", "a:b", "name:andi", "^andi", "{name}: x", "(", ")",
    "-", "+", "a OR", "%", "_", "\\", "\x7f", "\t\n", "😀", "🧳 bagasi", "👨‍👩‍👧",
    "ﷺ", "\u200b", "̀", "١٢٣٤٥٦٧", "ｇａｔｅ", "ß", "İstanbul",
    NULL, NULL, NULL, NULL,
  };
  guint n = G_N_ELEMENTS (inputs) - 4;

  while (long_words->len < 10000)
    g_string_append (long_words, "gate AND ");

  inputs[n++] = long_letters;
  inputs[n++] = long_digits;
  inputs[n++] = long_quotes;
  inputs[n++] = long_words->str;

  for (guint i = 0; i < n; i++)
    {
      const char *statuses[] = { NULL, SAPA_STATUS_CLOSED };

      for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
        {
          SapaTicketQuery query = { inputs[i], statuses[j], NULL };
          g_autoptr(GArray) rowids = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *input_preview = g_utf8_substring (inputs[i], 0, MIN (g_utf8_strlen (inputs[i], -1), 40));

          g_test_message ("input %u: %s", i, input_preview);
          rowids = sapa_store_query (fixture->store, &query, &error);
          g_assert_no_error (error);
          g_assert_nonnull (rowids);
          g_assert_cmpuint (rowids->len, <=, G_N_ELEMENTS (search_callers));
        }
    }

  /* Words inside the noise still match; the store is intact afterwards. */
  assert_search (fixture->store, "🧳 bagasi", NULL, NULL, "Siti Rahayu", NULL);
  assert_search (fixture->store, "ｇａｔｅ", NULL, NULL, "Andi Wijaya", "Andreas Ma’ruf", NULL);
  assert_search (fixture->store, NULL, NULL, NULL,
                 "Budi Santoso", "Andi Wijaya", "Siti Rahayu", "Nguyễn Văn An", "Andreas Ma’ruf", NULL);
}

/* ---- Contacts ---- */

static void
test_contacts_same_phone (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);
  const Caller first = { "counter", "Rina Kusuma", "0812-3456-7890", "Tanya bagasi", ENDING_OPEN };
  const Caller again = { "phone", "Rina K.", "+62 812 3456 7890", "Tanya lagi", ENDING_CLOSED };
  const Caller other = { "counter", "Rina Kusuma", "0812-3456-7891", "Orang lain", ENDING_OPEN };
  g_autoptr(SapaTicket) first_ticket = record_feedback (fixture->store, &first, start_us);
  g_autoptr(SapaTicket) again_ticket = record_feedback (fixture->store, &again, start_us + HOUR_US);
  g_autoptr(SapaTicket) other_ticket = record_feedback (fixture->store, &other, start_us + 2 * HOUR_US);
  sqlite3 *db;

  g_assert_nonnull (sapa_ticket_get_contact_id (first_ticket));
  g_assert_cmpstr (sapa_ticket_get_phone_e164 (first_ticket), ==, "+6281234567890");
  g_assert_cmpstr (sapa_ticket_get_phone_e164 (again_ticket), ==, "+6281234567890");
  g_assert_cmpstr (sapa_ticket_get_contact_id (again_ticket), ==, sapa_ticket_get_contact_id (first_ticket));
  g_assert_cmpstr (sapa_ticket_get_contact_id (other_ticket), !=, sapa_ticket_get_contact_id (first_ticket));

  /* The contact carries the latest name given. */
  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts", NULL), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts WHERE id = ? AND name = 'Rina K.'",
                              sapa_ticket_get_contact_id (first_ticket)), ==, 1);
  sqlite3_close (db);
}

/* ---- Report numbers under concurrency ---- */

typedef struct {
  SapaStore *store;
  guint      workstation;
  gint64     start_us;
  guint      n_tickets;
  GPtrArray *numbers;
} RecordThread;

static gpointer
record_many (gpointer data)
{
  RecordThread *thread = data;

  for (guint i = 0; i < thread->n_tickets; i++)
    {
      g_autoptr(SapaTicket) ticket = record_greeting (thread->store, "counter", thread->workstation,
                                                      thread->start_us + i * SECOND_US);

      g_ptr_array_add (thread->numbers, g_strdup (sapa_ticket_get_report_number (ticket)));
    }

  return NULL;
}

/* Runs one recording thread per entry of @threads and waits for all. */
static void
run_record_threads (RecordThread *threads,
                    guint         n_threads)
{
  GThread *handles[8];

  g_assert_cmpuint (n_threads, <=, G_N_ELEMENTS (handles));
  for (guint i = 0; i < n_threads; i++)
    {
      threads[i].numbers = g_ptr_array_new_with_free_func (g_free);
      handles[i] = g_thread_new ("record", record_many, &threads[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (handles[i]);
}

/* Asserts that the threads' numbers are exactly counters 1..total of
 * @prefix, and that each thread got them in increasing order. */
static void
assert_sequential_numbers (RecordThread *threads,
                           guint         n_threads,
                           const char   *prefix)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *used = NULL;
  guint total = 0;

  for (guint i = 0; i < n_threads; i++)
    total += threads[i].n_tickets;
  used = g_new0 (gboolean, total + 1);

  for (guint i = 0; i < n_threads; i++)
    {
      guint64 previous = 0;

      g_assert_cmpuint (threads[i].numbers->len, ==, threads[i].n_tickets);
      for (guint j = 0; j < threads[i].numbers->len; j++)
        {
          const char *number = g_ptr_array_index (threads[i].numbers, j);
          guint64 counter = report_counter (number);

          g_assert_true (g_str_has_prefix (number, prefix));
          g_assert_false (g_hash_table_contains (seen, number));
          g_hash_table_add (seen, (gpointer) number);
          g_assert_cmpuint (counter, >=, 1);
          g_assert_cmpuint (counter, <=, total);
          g_assert_false (used[counter]);
          used[counter] = TRUE;
          g_assert_cmpuint (counter, >, previous);
          previous = counter;
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, total);
}

static void
clear_record_threads (RecordThread *threads,
                      guint         n_threads)
{
  for (guint i = 0; i < n_threads; i++)
    g_clear_pointer (&threads[i].numbers, g_ptr_array_unref);
}

static void
test_numbers_two_threads_one_store (Fixture       *fixture,
                                    gconstpointer  data)
{
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);
  RecordThread threads[] = {
    { fixture->store, 7, start_us, 200, NULL },
    { fixture->store, 7, start_us + HOUR_US, 200, NULL },
  };
  sqlite3 *db;

  run_record_threads (threads, G_N_ELEMENTS (threads));
  assert_sequential_numbers (threads, G_N_ELEMENTS (threads), "CGK-07-260310-");

  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets", NULL), ==, 400);
  sqlite3_close (db);
  clear_record_threads (threads, G_N_ELEMENTS (threads));
}

static void
test_numbers_two_stores_one_file (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);
  g_autoptr(SapaStore) second = NULL;
  g_autoptr(GError) error = NULL;
  RecordThread threads[] = {
    { fixture->store, 7, start_us, 200, NULL },
    { NULL, 7, start_us + HOUR_US, 200, NULL },
  };
  sqlite3 *db;

  second = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  threads[1].store = second;

  run_record_threads (threads, G_N_ELEMENTS (threads));
  assert_sequential_numbers (threads, G_N_ELEMENTS (threads), "CGK-07-260310-");

  db = open_side_connection (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets", NULL), ==, 400);
  g_assert_cmpint (query_int (db, "SELECT value FROM counters WHERE name = 'report/CGK/07/260310'", NULL), ==, 400);
  sqlite3_close (db);
  clear_record_threads (threads, G_N_ELEMENTS (threads));
}

static void
test_numbers_two_stores_open_at_once (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(SapaStore) first = NULL;
  g_autoptr(SapaStore) second = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) second_error = NULL;

  /* Two workers create and migrate the same new file concurrently. */
  sapa_store_open_async (fixture->path, NULL, store_result_cb, &first_result);
  sapa_store_open_async (fixture->path, NULL, store_result_cb, &second_result);
  first = sapa_store_open_finish (wait_for_result (&first_result), &first_error);
  second = sapa_store_open_finish (wait_for_result (&second_result), &second_error);
  g_assert_no_error (first_error);
  g_assert_no_error (second_error);
  g_assert_cmpint (sapa_store_get_schema_version (first), ==, sapa_store_schema_get_latest ());
  g_assert_cmpint (sapa_store_get_schema_version (second), ==, sapa_store_schema_get_latest ());
}

static void
test_numbers_two_workstations (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 start_us = utc_us (2026, 3, 10, 1, 0);
  g_autofree char *other_path = g_build_filename (fixture->dir, "workstation-8.db", NULL);
  g_autoptr(SapaStore) other = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  other = sapa_store_open (other_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(SapaTicket) seven = record_greeting (fixture->store, "counter", 7, start_us + i * SECOND_US);
      g_autoptr(SapaTicket) eight = record_greeting (other, "counter", 8, start_us + i * SECOND_US);
      const char *seven_number = sapa_ticket_get_report_number (seven);
      const char *eight_number = sapa_ticket_get_report_number (eight);

      /* Both files count from 1, so only the workstation part differs. */
      g_assert_cmpuint (report_counter (seven_number), ==, i + 1);
      g_assert_cmpuint (report_counter (eight_number), ==, i + 1);
      g_assert_true (g_str_has_prefix (seven_number, "CGK-07-"));
      g_assert_true (g_str_has_prefix (eight_number, "CGK-08-"));
      g_assert_false (g_hash_table_contains (seen, seven_number));
      g_hash_table_add (seen, g_strdup (seven_number));
      g_assert_false (g_hash_table_contains (seen, eight_number));
      g_hash_table_add (seen, g_strdup (eight_number));
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 100);
}

/* A desk whose counters were lost (a new database that sync filled with
 * its earlier tickets) does not hand out a number it gave before. */
static void
test_record_skips_taken_number (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 at = utc_us (2026, 12, 4, 3, 0);
  g_autoptr(SapaTicket) first = record_greeting (fixture->store, "counter", 7, at);
  g_autoptr(SapaTicket) second = record_greeting (fixture->store, "counter", 7, at + MINUTE_US);
  g_autoptr(SapaTicket) third = NULL;
  sqlite3 *db = open_side_connection (fixture->path);

  g_assert_cmpuint (report_counter (sapa_ticket_get_report_number (second)), ==, 2);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM counters", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  third = record_greeting (fixture->store, "counter", 7, at + 2 * MINUTE_US);
  g_assert_cmpuint (report_counter (sapa_ticket_get_report_number (third)), ==, 3);
  g_assert_cmpstr (sapa_ticket_get_report_number (first), !=, sapa_ticket_get_report_number (third));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, set_up, func) \
  g_test_add ("/sapa/store/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("open/creates-wal-file", fixture_set_up, test_open_creates_wal_file);
  ADD ("open/async", fixture_set_up, test_open_async);
  ADD ("open/reopens-existing", fixture_set_up_open, test_open_reopens_existing);
  ADD ("open/migrates-from-v1", fixture_set_up, test_migrate_from_v1);
  ADD ("open/rejects-newer-schema", fixture_set_up, test_open_rejects_newer_schema);

  ADD ("record/counter-flow", fixture_set_up_open, test_record_counter_flow);
  ADD ("record/async", fixture_set_up_open, test_record_async);
  ADD ("record/retry-stores-once", fixture_set_up_open, test_record_retry_stores_once);
  ADD ("record/skips-taken-number", fixture_set_up_open, test_record_skips_taken_number);
  ADD ("record/activities-append-only", fixture_set_up_open, test_activities_append_only);
  ADD ("record/get-ticket-not-found", fixture_set_up_open, test_get_ticket_not_found);

  ADD ("drafts/round-trip", fixture_set_up_open, test_drafts_round_trip);
  ADD ("drafts/skip-corrupt", fixture_set_up_open, test_drafts_skip_corrupt);
  ADD ("drafts/log-entry", fixture_set_up_open, test_log_entry_with_draft);
  ADD ("open/check-finds-damage", fixture_set_up_open, test_check_finds_damage);
  ADD ("discard/recorded-ticket", fixture_set_up_open, test_discard_recorded_ticket);
  ADD ("discard/unrecorded-draft", fixture_set_up_open, test_discard_unrecorded_draft);

  ADD ("search/all-newest-first", fixture_set_up_search, test_search_all_newest_first);
  ADD ("search/report-number", fixture_set_up_search, test_search_report_number);
  ADD ("search/name", fixture_set_up_search, test_search_name);
  ADD ("search/phone", fixture_set_up_search, test_search_phone);
  ADD ("search/purpose", fixture_set_up_search, test_search_purpose);
  ADD ("search/filters", fixture_set_up_search, test_search_filters);
  ADD ("search/first-tickets", fixture_set_up_search, test_search_first_tickets);
  ADD ("search/hostile-input", fixture_set_up_search, test_search_hostile_input);
  ADD ("search/index-merged-when-idle", fixture_set_up_open, test_search_index_merged_when_idle);

  ADD ("contacts/same-phone", fixture_set_up_open, test_contacts_same_phone);

  ADD ("report-number/two-threads-one-store", fixture_set_up_open, test_numbers_two_threads_one_store);
  ADD ("report-number/two-stores-one-file", fixture_set_up_open, test_numbers_two_stores_one_file);
  ADD ("report-number/two-stores-open-at-once", fixture_set_up, test_numbers_two_stores_open_at_once);
  ADD ("report-number/two-workstations", fixture_set_up_open, test_numbers_two_workstations);

#undef ADD

  return g_test_run ();
}
