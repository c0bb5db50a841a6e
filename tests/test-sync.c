/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: workstation stores syncing through a real sapa-server */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-store-escalation.h"
#include "sapa-store.h"
#include "sapa-store-sync.h"
#include "sapa-sync.h"
#include "sapa-sync-client.h"
#include "sapa-ticket-action.h"
#include "sapa-wizard.h"
#include "server-test-helpers.h"

#define MINUTE_US (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define HOUR_US   (60 * MINUTE_US)

/* ---- Workstations ---- */

typedef struct {
  char           *airport;
  guint           number;
  char           *officer;
  char           *dir;
  SapaStore      *store;
  SapaSyncClient *client;
  gint64          clock_offset;   /* how wrong this workstation's clock is */
  gint64          clock;
} Station;

static Station *
station_new (TestServer *server,
             const char *username,
             const char *airport,
             guint       number)
{
  Station *station = g_new0 (Station, 1);
  g_autofree char *path = NULL;
  g_autofree char *install_id = g_strdup_printf ("%s-%02u-computer", airport, number);
  g_autoptr(GError) error = NULL;

  station->airport = g_strdup (airport);
  station->number = number;
  station->officer = g_strdup (username);
  station->dir = g_dir_make_tmp ("sapa-station-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (station->dir, "sapa.db", NULL);
  station->store = sapa_store_open (path, &error);
  g_assert_no_error (error);
  station->client = sapa_sync_client_new (station->store, server->url, install_id);
  station->clock = g_get_real_time () - HOUR_US;
  return station;
}

static void
station_free (Station *station)
{
  g_clear_object (&station->client);
  g_clear_object (&station->store);
  test_remove_tree (station->dir);
  g_free (station->dir);
  g_free (station->airport);
  g_free (station->officer);
  g_free (station);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Station, station_free)

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
sign_in (Station *station)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sapa_sync_client_sign_in_async (station->client, station->officer, TEST_PASSWORD,
                                  station->airport, station->number, NULL, store_result, &result);
  g_assert_true (sapa_sync_client_sign_in_finish (station->client, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_nonnull (sapa_sync_client_get_token (station->client));
}

/* Runs one complete sync; returns the error, or NULL on success. */
static GError *
try_sync (Station *station)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  sapa_sync_client_sync_async (station->client, NULL, store_result, &result);
  sapa_sync_client_sync_finish (station->client, wait_for (&result), &error);
  return error;
}

static void
sync_ok (Station *station)
{
  g_autoptr(GError) error = try_sync (station);

  g_assert_no_error (error);
  g_assert_cmpuint (sapa_sync_client_get_pending (station->client), ==, 0);
}

static SapaSyncStatus
status_of (Station *station)
{
  SapaSyncStatus status;
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_store_sync_get_status (station->store, &status, &error));
  g_assert_no_error (error);
  return status;
}

/* ---- Recording ---- */

static void
take (Station    *station,
      SapaWizard *wizard,
      const char *branch)
{
  g_autoptr(GError) error = NULL;

  station->clock += MINUTE_US;
  sapa_wizard_advance_at (wizard, branch, station->clock + station->clock_offset, &error);
  g_assert_no_error (error);
}

static char *
record (Station    *station,
        SapaWizard *wizard)
{
  g_autoptr(GPtrArray) activities = sapa_wizard_take_activities (wizard);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_record (station->store, wizard, activities, &error);
  g_assert_no_error (error);
  return g_strdup (sapa_ticket_get_id (ticket));
}

typedef enum {
  FEEDBACK_CLOSED,
  FEEDBACK_ESCALATED,
} Ending;

/* A counter (or Dial 172) feedback: five steps, then closed or sent to
 * @escalate_to's PIC. */
static char *
record_feedback (Station    *station,
                 const char *flow,
                 const char *name,
                 Ending      ending,
                 const char *escalate_to)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (flow), station->airport,
                                                  station->number, station->officer);

  take (station, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Koper tertinggal di pesawat");
  take (station, wizard, "next");
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "phone", "0812-3456-7890");
  take (station, wizard, "next");
  take (station, wizard, "sesuai");
  if (ending == FEEDBACK_CLOSED)
    {
      sapa_wizard_set_value (wizard, "category", "information");
      take (station, wizard, "answer_now");
      sapa_wizard_set_value (wizard, "answer", "Silakan ke bagian lost and found");
      take (station, wizard, "sesuai");
    }
  else
    {
      sapa_wizard_set_value (wizard, "category", "complaint");
      take (station, wizard, "follow_up");
      sapa_wizard_set_value (wizard, "followup_unit", escalate_to != NULL ? "branch" : "lost_found");
      if (escalate_to != NULL)
        sapa_wizard_set_value (wizard, "followup_airport", escalate_to);
      sapa_wizard_set_value (wizard, "followup_note", "Mohon dicek ke maskapai");
      take (station, wizard, "next");
    }
  g_assert_true (sapa_wizard_is_finished (wizard));
  return record (station, wizard);
}

static GError *
act (Station    *station,
     const char *ticket_id,
     const char *action_id,
     const char *branch,
     const char *key,
     const char *value,
     ...)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (action_id);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaTicket) ticket = NULL;
  va_list more;
  g_autoptr(SapaTicket) changed = NULL;
  g_autoptr(SapaActivity) activity = NULL;
  const char *new_status = NULL;
  GError *error = NULL;

  ticket = sapa_store_get_ticket (station->store, ticket_id, &error);
  g_assert_no_error (error);
  /* Further key and value pairs follow @value, up to a NULL key. */
  va_start (more, value);
  while (key != NULL)
    {
      g_hash_table_insert (values, (gpointer) key, (gpointer) value);
      key = va_arg (more, const char *);
      value = key != NULL ? va_arg (more, const char *) : NULL;
    }
  va_end (more);

  station->clock += MINUTE_US;
  activity = sapa_ticket_action_prepare (action, branch, values, ticket_id, sapa_ticket_get_status (ticket),
                                         station->officer, station->airport, station->number,
                                         station->clock + station->clock_offset,
                                         &new_status, NULL, &error);
  if (activity == NULL)
    return error;
  changed = sapa_store_apply_action (station->store, activity, new_status, &error);
  return error;
}

static char *
status_at (Station    *station,
           const char *ticket_id)
{
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_get_ticket (station->store, ticket_id, &error);
  if (ticket == NULL)
    {
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
      return NULL;
    }
  return g_strdup (sapa_ticket_get_status (ticket));
}

static gboolean
has_ticket (Station    *station,
            const char *ticket_id)
{
  g_autofree char *status = status_at (station, ticket_id);

  return status != NULL;
}

static guint
count_activities (Station    *station,
                  const char *ticket_id)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = sapa_store_list_activities (station->store, ticket_id, &error);
  g_assert_no_error (error);
  return activities->len;
}

/* Logs an entry of @kind that changes none of the ticket's fields. */
static void
log_entry (Station    *station,
           const char *ticket_id,
           const char *kind)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (kind, SAPA_ACTIVITY_RECEIPT))
    json_object_set_int_member (payload, "copies", 2);
  station->clock += MINUTE_US;
  activity = sapa_activity_new (ticket_id, kind, NULL, NULL, payload, station->officer, station->airport,
                                station->number, station->clock + station->clock_offset);
  g_assert_true (sapa_store_log (station->store, activity, NULL, &error));
  g_assert_no_error (error);
}

static SapaActivity *
last_activity (Station    *station,
               const char *ticket_id)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = sapa_store_list_activities (station->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >, 0);
  return g_object_ref (g_ptr_array_index (activities, activities->len - 1));
}

/* ---- Fixture ---- */

typedef struct {
  TestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = test_server_new ();
  test_server_start (fixture->server, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_server_free (fixture->server);
}

/* An email to 172 that the CCO escalates to the PIC at @airport; the
 * procedure waits at "await_pic" as a draft. */
static char *
record_email_escalation (Station    *station,
                         const char *airport)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_EMAIL_SOCIAL), station->airport,
                                                  station->number, station->officer);

  sapa_wizard_set_value (wizard, "email", "made.sari@example.com");
  sapa_wizard_set_value (wizard, "name", "Ibu Made Sari");
  sapa_wizard_set_value (wizard, "message", "Koper rusak saat tiba di Denpasar");
  take (station, wizard, "next");
  sapa_wizard_set_value (wizard, "category", "complaint");
  take (station, wizard, "escalate");
  sapa_wizard_set_value (wizard, "escalation_airport", airport);
  sapa_wizard_set_value (wizard, "escalation_note", "Mohon cek bagasi di Denpasar");
  take (station, wizard, "next");
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, "await_pic");
  return record (station, wizard);
}

/* Returns the draft of @ticket_id as the store reads it back to resume. */
static SapaWizard *
draft_of (Station    *station,
          const char *ticket_id)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = sapa_store_list_drafts (station->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < drafts->len; i++)
    if (g_str_equal (sapa_wizard_get_ticket_id (g_ptr_array_index (drafts, i)), ticket_id))
      return g_object_ref (g_ptr_array_index (drafts, i));
  g_assert_not_reached ();
}

/* Returns the latest activity of @ticket_id that is step @step. */
static SapaActivity *
last_step (Station    *station,
           const char *ticket_id,
           const char *step)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = sapa_store_list_activities (station->store, ticket_id, &error);
  g_assert_no_error (error);
  for (guint i = activities->len; i > 0; i--)
    if (g_strcmp0 (sapa_activity_get_step (g_ptr_array_index (activities, i - 1)), step) == 0)
      return g_object_ref (g_ptr_array_index (activities, i - 1));
  g_assert_not_reached ();
}

static SapaEscalation *
escalation_at (Station    *station,
               const char *ticket_id)
{
  g_autoptr(SapaSlaConfig) config = sapa_sla_config_new ();
  g_autoptr(GPtrArray) escalations = NULL;
  g_autoptr(GError) error = NULL;

  escalations = sapa_store_list_escalations (station->store, NULL, config, g_get_real_time (), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < escalations->len; i++)
    {
      SapaEscalation *escalation = g_ptr_array_index (escalations, i);

      if (g_str_equal (sapa_ticket_get_id (sapa_escalation_get_ticket (escalation)), ticket_id))
        return g_object_ref (escalation);
    }
  return NULL;
}

static gint64
server_status_is (Fixture    *fixture,
                  const char *ticket_id,
                  const char *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM tickets WHERE id = '%s' AND status = '%s'",
                                          ticket_id, status);

  return test_server_query_int (fixture->server, sql);
}

/* ---- Tests ---- */


static void
test_escalation_across_airports (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(Station) cco = station_new (fixture->server, "cco_cgk", "CGK", 3);
  g_autoptr(Station) cso_cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) dps = station_new (fixture->server, "pic_dps", "DPS", 2);
  g_autoptr(Station) supervisor = station_new (fixture->server, "supervisor", "CGK", 4);
  g_autofree char *escalated = NULL, *cgk_only = NULL, *dps_only = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (cco);
  sign_in (cso_cgk);
  sign_in (dps);
  sign_in (supervisor);

  escalated = record_feedback (cco, "phone", "Bapak Hendra Ma’ruf", FEEDBACK_ESCALATED, "DPS");
  cgk_only = record_feedback (cso_cgk, "counter", "Ibu Siti", FEEDBACK_CLOSED, NULL);
  dps_only = record_feedback (dps, "counter", "Ni Luh Putu", FEEDBACK_CLOSED, NULL);
  g_assert_cmpuint (status_of (cco).pending, ==, count_activities (cco, escalated));

  sync_ok (cco);
  sync_ok (cso_cgk);
  sync_ok (dps);

  /* The escalation reached Denpasar; the CGK-only ticket did not. */
  status = status_at (dps, escalated);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpuint (count_activities (dps, escalated), ==, count_activities (cco, escalated));
  g_assert_false (has_ticket (dps, cgk_only));
  /* ... and the CGK officer cannot read the DPS-only ticket. */
  g_assert_false (has_ticket (cso_cgk, dps_only));
  g_assert_false (has_ticket (cco, cgk_only));

  /* The PIC answers at Denpasar; the answer comes back to the CCO. */
  error = act (dps, escalated, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Koper sudah ditemukan di DPS", NULL);
  g_assert_no_error (error);
  sync_ok (dps);
  sync_ok (cco);
  g_clear_pointer (&status, g_free);
  status = status_at (cco, escalated);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ANSWERED);
  g_assert_cmpuint (count_activities (cco, escalated), ==, count_activities (dps, escalated));

  /* The supervisor sees every airport. */
  sync_ok (supervisor);
  g_assert_true (has_ticket (supervisor, escalated));
  g_assert_true (has_ticket (supervisor, cgk_only));
  g_assert_true (has_ticket (supervisor, dps_only));
  g_clear_pointer (&status, g_free);
  status = status_at (supervisor, escalated);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ANSWERED);

  /* Found by search on the other workstation too. */
  {
    SapaTicketQuery query = { .search = "ma'ruf" };
    g_autoptr(GArray) rowids = sapa_store_query (supervisor->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, 1);
  }

  /* A second sync changes nothing. */
  sync_ok (cco);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==,
                   count_activities (supervisor, escalated) + count_activities (supervisor, cgk_only) +
                   count_activities (supervisor, dps_only));
}

/* The PIC's desk pulled past the ticket's first steps before the ticket
 * was sent its way; it then asks for them, so its log is whole. */
static void
test_late_escalation_brings_history (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(Station) cco = station_new (fixture->server, "cco_cgk", "CGK", 3);
  g_autoptr(Station) dps = station_new (fixture->server, "pic_dps", "DPS", 2);
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup ("phone"), "CGK", 3, "cco_cgk");
  g_autofree char *ticket = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (cco);
  sign_in (dps);

  take (cco, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Bagasi rusak di penerbangan ke Denpasar");
  take (cco, wizard, "next");
  sapa_wizard_set_value (wizard, "name", "Ibu Made Sari");
  sapa_wizard_set_value (wizard, "phone", "0812-7777-8888");
  take (cco, wizard, "next");
  take (cco, wizard, "sesuai");
  ticket = record (cco, wizard);
  sync_ok (cco);

  /* Denpasar syncs: the ticket is not its own yet, and its cursor moves
   * past the first four steps. */
  sync_ok (dps);
  g_assert_false (has_ticket (dps, ticket));
  g_assert_cmpint (status_of (dps).cursor, >=, 4);

  error = act (cco, ticket, SAPA_ACTION_ESCALATE, NULL, "followup_unit", "branch",
               "followup_airport", "DPS", "followup_note", "Mohon dicek di Denpasar", NULL);
  g_assert_no_error (error);
  sync_ok (cco);
  g_assert_cmpuint (status_of (cco).rejected, ==, 0);
  status = status_at (cco, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);

  sync_ok (dps);
  g_assert_true (has_ticket (dps, ticket));
  g_assert_cmpuint (count_activities (dps, ticket), ==, count_activities (cco, ticket));
}

/* What an officer did without changing the ticket reaches the other
 * desks too: the CGK desk set the case aside and took it up again, and
 * the DPS desk printed a receipt for it. */
static void
test_log_entries_travel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) dps = station_new (fixture->server, "pic_dps", "DPS", 2);
  g_autoptr(SapaActivity) receipt = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autofree char *ticket_id = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (cgk);
  sign_in (dps);
  ticket_id = record_feedback (cgk, "counter", "Ibu Wati", FEEDBACK_ESCALATED, "DPS");
  log_entry (cgk, ticket_id, SAPA_ACTIVITY_PARKED);
  log_entry (cgk, ticket_id, SAPA_ACTIVITY_RESUMED);
  sync_ok (cgk);
  sync_ok (dps);
  g_assert_cmpuint (count_activities (dps, ticket_id), ==, count_activities (cgk, ticket_id));

  log_entry (dps, ticket_id, SAPA_ACTIVITY_RECEIPT);
  sync_ok (dps);
  g_assert_cmpuint (status_of (dps).rejected, ==, 0);
  sync_ok (cgk);
  g_assert_cmpuint (count_activities (cgk, ticket_id), ==, count_activities (dps, ticket_id));

  receipt = last_activity (cgk, ticket_id);
  g_assert_cmpstr (sapa_activity_get_kind (receipt), ==, SAPA_ACTIVITY_RECEIPT);
  g_assert_cmpstr (sapa_activity_get_airport (receipt), ==, "DPS");
  g_assert_cmpuint (sapa_activity_get_workstation (receipt), ==, 2);
  g_assert_cmpint (json_object_get_int_member (sapa_activity_get_payload (receipt), "copies"), ==, 2);

  /* The ticket stays the CGK desk's, as it was. */
  ticket = sapa_store_get_ticket (cgk->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_name (ticket), ==, "Ibu Wati");
  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpstr (sapa_ticket_get_airport (ticket), ==, "CGK");
  g_assert_cmpuint (sapa_ticket_get_workstation (ticket), ==, 1);
}

/* A desk whose cursor is past the server's newest number (the server's
 * database was restored from an older copy) pulls everything again and
 * misses nothing recorded since. */
static void
test_cursor_past_server_restarts (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(Station) first = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) second = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;

  sign_in (first);
  sign_in (second);
  before = record_feedback (first, "counter", "Ibu Wati", FEEDBACK_CLOSED, NULL);
  sync_ok (first);
  sync_ok (second);
  g_assert_true (has_ticket (second, before));

  path = g_build_filename (second->dir, "sapa.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sync_state SET value = 1000000 WHERE key = 'pull_cursor'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  after = record_feedback (first, "counter", "Bapak Joko", FEEDBACK_CLOSED, NULL);
  sync_ok (first);
  sync_ok (second);
  g_assert_true (has_ticket (second, after));
  g_assert_cmpuint (count_activities (second, before), ==, count_activities (first, before));
  g_assert_cmpint (status_of (second).cursor, ==,
                   test_server_query_int (fixture->server, "SELECT max (seq) FROM activities"));
}

static gboolean
give_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Signed out, nothing is sent, yet the count of what waits follows what
 * the desk records. */
static void
test_pending_counted_signed_out (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autofree char *ticket = NULL;
  gboolean timed_out = FALSE;
  guint timeout;

  sapa_sync_client_start (cgk->client, 60);
  ticket = record_feedback (cgk, "counter", "Ibu Wati", FEEDBACK_CLOSED, NULL);
  sapa_sync_client_request_sync (cgk->client);

  timeout = g_timeout_add_seconds (10, give_up, &timed_out);
  while (sapa_sync_client_get_pending (cgk->client) != count_activities (cgk, ticket) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (sapa_sync_client_get_pending (cgk->client), ==, 6);
  sapa_sync_client_stop (cgk->client);
}

static void
test_booking_reaches_airport (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(Station) cco = station_new (fixture->server, "cco_cgk", "CGK", 3);
  g_autoptr(Station) sno = station_new (fixture->server, "sno_dps", "DPS", 1);
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SNS_PREBOOK), "CGK", 3, "cco_cgk");
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (g_date_time_new_now_utc (), 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(SapaSnsBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *booking = NULL;
  SapaSnsEntry *entry;

  sign_in (cco);
  sign_in (sno);

  take (cco, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Pesan kursi roda");
  take (cco, wizard, "next");
  sapa_wizard_set_value (wizard, "name", "Ibu Ratna");
  sapa_wizard_set_value (wizard, "phone", "0812 5555 6666");
  sapa_wizard_set_value (wizard, "flight", "GA 404");
  sapa_wizard_set_value (wizard, "flight_date", date);
  sapa_wizard_set_value (wizard, "departure_time", "10:10");
  sapa_wizard_set_value (wizard, "eta", "08:30");
  sapa_wizard_set_value (wizard, "airport", "DPS");
  sapa_wizard_set_value (wizard, "ssr", "WCHC");
  sapa_wizard_set_value (wizard, "consent", "yes");
  take (cco, wizard, "next");
  take (cco, wizard, "sesuai");
  take (cco, wizard, "next");
  g_assert_true (sapa_wizard_is_finished (wizard));
  booking = record (cco, wizard);

  sync_ok (cco);
  sync_ok (sno);

  board = sapa_store_load_sns_board (sno->store, "DPS", g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (board->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
  entry = g_ptr_array_index (board->groups[SAPA_SNS_EXPECTED], 0);
  g_assert_cmpstr (entry->ticket_id, ==, booking);
  g_assert_cmpstr (entry->name, ==, "Ibu Ratna");
  g_assert_cmpstr (entry->ssr, ==, "WCHC");
}

static void
test_lost_answer_retried (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(GBytes) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *token;
  guint n;

  sign_in (cgk);
  for (guint i = 0; i < 3; i++)
    g_free (record_feedback (cgk, "counter", "Budi", FEEDBACK_CLOSED, NULL));
  n = status_of (cgk).pending;
  g_assert_cmpuint (n, ==, 3 * 6);

  batch = sapa_store_sync_take_batch (cgk->store, SAPA_SYNC_PUSH_BATCH, &error);
  g_assert_no_error (error);
  token = sapa_sync_client_get_token (cgk->client);

  /* The first answer is lost on the way back; the workstation sends the
   * same batch again and gets the same answer, and one copy is kept. */
  g_assert_cmpuint (test_server_request (fixture->server, "POST", "/v1/sync/push", token, "application/json",
                                         g_bytes_get_data (batch, NULL), g_bytes_get_size (batch), &first),
                    ==, 200);
  g_assert_cmpuint (test_server_request (fixture->server, "POST", "/v1/sync/push", token, "application/json",
                                         g_bytes_get_data (batch, NULL), g_bytes_get_size (batch), &second),
                    ==, 200);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, n);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM tickets"), ==, 3);

  sync_ok (cgk);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, n);
}

/* Kills the server once it has stored some of the push. */
static void
test_server_killed_mid_push (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) reader = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint total;
  gint64 stored_at_kill;

  sign_in (cgk);
  sign_in (reader);
  for (guint i = 0; i < 400; i++)
    g_free (record_feedback (cgk, "counter", "Penumpang", i % 2 ? FEEDBACK_CLOSED : FEEDBACK_ESCALATED, NULL));
  total = status_of (cgk).pending;
  g_assert_cmpuint (total, >, 2000);

  sapa_sync_client_sync_async (cgk->client, NULL, store_result, &result);
  while (test_server_query_int (fixture->server, "SELECT count (*) FROM activities") == 0)
    g_main_context_iteration (NULL, FALSE);
  test_server_kill (fixture->server);
  stored_at_kill = test_server_query_int (fixture->server, "SELECT count (*) FROM activities");
  g_assert_false (sapa_sync_client_sync_finish (cgk->client, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (sapa_sync_client_get_online (cgk->client));
  g_test_message ("%" G_GINT64_FORMAT " of %u activities were stored when the server died",
                  stored_at_kill, total);
  g_assert_cmpint (stored_at_kill, <, total);

  test_server_start (fixture->server, NULL);
  sapa_sync_client_set_server_url (cgk->client, fixture->server->url);
  sapa_sync_client_set_server_url (reader->client, fixture->server->url);
  sync_ok (cgk);
  g_assert_true (sapa_sync_client_get_online (cgk->client));

  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, total);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (DISTINCT id) FROM activities"), ==, total);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM rejections"), ==, 0);

  sync_ok (reader);
  g_assert_cmpint (status_of (reader).cursor, ==,
                   test_server_query_int (fixture->server, "SELECT max (seq) FROM activities"));
  {
    SapaTicketQuery query = { 0 };
    g_autoptr(GArray) rowids = sapa_store_query (reader->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, 400);
  }
}

/* Kills the server once the reader applied its first pull page, while
 * the next pages are on their way. The next sync goes on from the saved
 * cursor and the reader ends with every activity once. */
static void
test_server_killed_mid_pull (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) reader = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autoptr(GPtrArray) ticket_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint total;
  guint pulled = 0;
  gint64 cursor_at_kill;

  sign_in (cgk);
  sign_in (reader);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (ticket_ids, record_feedback (cgk, "counter", "Penumpang", FEEDBACK_CLOSED, NULL));
  total = status_of (cgk).pending;
  g_assert_cmpuint (total, >, 5 * SAPA_SYNC_PULL_PAGE);
  sync_ok (cgk);

  sapa_sync_client_sync_async (reader->client, NULL, store_result, &result);
  while (status_of (reader).cursor == 0)
    g_main_context_iteration (NULL, FALSE);
  test_server_kill (fixture->server);
  cursor_at_kill = status_of (reader).cursor;
  g_assert_false (sapa_sync_client_sync_finish (reader->client, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
  g_clear_error (&error);
  g_test_message ("The reader's cursor was at %" G_GINT64_FORMAT " of %u when the server died",
                  cursor_at_kill, total);
  g_assert_cmpint (status_of (reader).cursor, <, total);

  test_server_start (fixture->server, NULL);
  sapa_sync_client_set_server_url (reader->client, fixture->server->url);
  sync_ok (reader);
  g_assert_cmpint (status_of (reader).cursor, ==, total);
  g_assert_cmpuint (status_of (reader).pending, ==, 0);
  for (guint i = 0; i < ticket_ids->len; i++)
    pulled += count_activities (reader, g_ptr_array_index (ticket_ids, i));
  g_assert_cmpuint (pulled, ==, total);
}

static void
test_offline_catch_up (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) late = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autoptr(GError) error = NULL;
  const guint n_tickets = 10000 / 6 + 1;
  guint total;

  sign_in (cgk);
  sign_in (late);
  test_server_stop (fixture->server);

  /* Each name has a word of its own, so a search finds one ticket. */
  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *name = g_strdup_printf ("Penumpang Ke%05u", i);

      g_free (record_feedback (cgk, "counter", name, FEEDBACK_CLOSED, NULL));
    }
  total = status_of (cgk).pending;
  g_assert_cmpuint (total, >=, 10000);

  error = try_sync (cgk);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (status_of (cgk).pending, ==, total);
  /* The client reads the count back from the store after a failure too. */
  while (sapa_sync_client_get_pending (cgk->client) != total)
    g_main_context_iteration (NULL, TRUE);

  test_server_start (fixture->server, NULL);
  sapa_sync_client_set_server_url (cgk->client, fixture->server->url);
  sapa_sync_client_set_server_url (late->client, fixture->server->url);
  sync_ok (cgk);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, total);

  /* A second workstation that saw none of it catches up page by page. */
  sync_ok (late);
  g_assert_cmpint (status_of (late).cursor, ==, total);
  {
    SapaTicketQuery query = { 0 };
    g_autoptr(GArray) rowids = sapa_store_query (late->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, n_tickets);
  }

  /* The pulled tickets are in the search index: the first, one from a
   * middle page and the last, by name, and all of them by purpose word
   * and phone digits. */
  {
    const guint picks[] = { 0, n_tickets / 2, n_tickets - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
      {
        g_autofree char *name = g_strdup_printf ("Penumpang Ke%05u", picks[i]);
        g_autofree char *word = g_strdup_printf ("ke%05u", picks[i]);
        SapaTicketQuery query = { .search = word };
        g_autoptr(GArray) rowids = sapa_store_query (late->store, &query, &error);
        g_autoptr(GPtrArray) tickets = NULL;

        g_assert_no_error (error);
        g_assert_cmpuint (rowids->len, ==, 1);
        tickets = sapa_store_load_tickets (late->store, rowids, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (tickets->len, ==, 1);
        g_assert_cmpstr (sapa_ticket_get_name (g_ptr_array_index (tickets, 0)), ==, name);
      }
  }
  {
    SapaTicketQuery query = { .search = "tertinggal" };
    g_autoptr(GArray) rowids = sapa_store_query (late->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, n_tickets);
  }
  {
    SapaTicketQuery query = { .search = "3456789" };
    g_autoptr(GArray) rowids = sapa_store_query (late->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, n_tickets);
  }
}

/* Two workstations push at the same time while a third pulls over and
 * over. A server that let a later sequence number become visible before
 * an earlier one would move the reader's cursor past the earlier
 * activity, and the reader would never get it. */
static void
test_concurrent_pushes_pulled_whole (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(Station) first = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) second = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autoptr(Station) reader = station_new (fixture->server, "cso_cgk", "CGK", 3);
  g_autoptr(GPtrArray) first_tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second_tickets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GError) error = NULL;
  guint total, pulls = 0;

  sign_in (first);
  sign_in (second);
  sign_in (reader);
  for (guint i = 0; i < 150; i++)
    {
      g_ptr_array_add (first_tickets, record_feedback (first, "counter", "Penumpang", FEEDBACK_CLOSED, NULL));
      g_ptr_array_add (second_tickets, record_feedback (second, "counter", "Penumpang", FEEDBACK_CLOSED, NULL));
    }
  total = status_of (first).pending + status_of (second).pending;
  g_assert_cmpuint (total, >, 4 * SAPA_SYNC_PUSH_BATCH);

  sapa_sync_client_sync_async (first->client, NULL, store_result, &first_result);
  sapa_sync_client_sync_async (second->client, NULL, store_result, &second_result);
  while (first_result == NULL || second_result == NULL)
    {
      g_autoptr(GError) pull_error = try_sync (reader);

      g_assert_no_error (pull_error);
      pulls++;
    }
  g_assert_true (sapa_sync_client_sync_finish (first->client, first_result, &error));
  g_assert_no_error (error);
  g_assert_true (sapa_sync_client_sync_finish (second->client, second_result, &error));
  g_assert_no_error (error);
  g_test_message ("The reader pulled %u times while %u activities were pushed", pulls, total);

  sync_ok (reader);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, total);
  g_assert_cmpint (status_of (reader).cursor, ==,
                   test_server_query_int (fixture->server, "SELECT max (seq) FROM activities"));
  for (guint i = 0; i < first_tickets->len; i++)
    {
      const char *ticket = g_ptr_array_index (first_tickets, i);

      g_assert_cmpuint (count_activities (reader, ticket), ==, count_activities (first, ticket));
    }
  for (guint i = 0; i < second_tickets->len; i++)
    {
      const char *ticket = g_ptr_array_index (second_tickets, i);

      g_assert_cmpuint (count_activities (reader, ticket), ==, count_activities (second, ticket));
    }
}

static void
test_wrong_clocks_converge (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(Station) cco = station_new (fixture->server, "cco_cgk", "CGK", 3);
  g_autoptr(Station) dps = station_new (fixture->server, "pic_dps", "DPS", 2);
  g_autofree char *ticket = NULL;
  g_autofree char *at_cco = NULL;
  g_autofree char *at_dps = NULL;
  g_autoptr(GError) error = NULL;

  /* The contact centre runs two hours fast, Denpasar two hours slow: the
   * answer carries a time before the question it answers. */
  cco->clock_offset = 2 * HOUR_US;
  dps->clock_offset = -2 * HOUR_US;
  sign_in (cco);
  sign_in (dps);

  ticket = record_feedback (cco, "phone", "Pak Yoga", FEEDBACK_ESCALATED, "DPS");
  sync_ok (cco);
  sync_ok (dps);
  error = act (dps, ticket, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Sudah diperbaiki", NULL);
  g_assert_no_error (error);
  sync_ok (dps);
  sync_ok (cco);

  error = act (cco, ticket, SAPA_ACTION_JUDGE_ANSWER, "sesuai", NULL, NULL, NULL);
  g_assert_no_error (error);
  error = act (cco, ticket, SAPA_ACTION_DELIVER, NULL, "delivered_answer", "Sudah diperbaiki, Pak", NULL);
  g_assert_no_error (error);
  sync_ok (cco);
  sync_ok (dps);

  at_cco = status_at (cco, ticket);
  at_dps = status_at (dps, ticket);
  g_assert_cmpstr (at_cco, ==, SAPA_STATUS_DELIVERED);
  g_assert_cmpstr (at_dps, ==, at_cco);
  g_assert_cmpuint (status_of (cco).rejected, ==, 0);
  g_assert_cmpuint (status_of (dps).rejected, ==, 0);
  g_assert_cmpuint (count_activities (cco, ticket), ==, count_activities (dps, ticket));
}

static void
test_conflict_rejected_and_shown (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(Station) first = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) second = station_new (fixture->server, "cso_cgk", "CGK", 2);
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *status = NULL;
  SapaSyncRejection *rejection;

  sign_in (first);
  sign_in (second);
  ticket = record_feedback (first, "counter", "Ibu Wati", FEEDBACK_ESCALATED, NULL);
  sync_ok (first);
  sync_ok (second);

  /* Both close the ticket while offline from each other. */
  error = act (first, ticket, SAPA_ACTION_CLOSE, NULL, "close_note", "Selesai di loket 1", NULL);
  g_assert_no_error (error);
  error = act (second, ticket, SAPA_ACTION_CLOSE, NULL, "close_note", "Selesai di loket 2", NULL);
  g_assert_no_error (error);
  sync_ok (first);
  sync_ok (second);

  g_assert_cmpuint (status_of (second).rejected, ==, 1);
  rejected = sapa_store_sync_list_rejected (second->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  rejection = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (rejection->ticket_id, ==, ticket);
  g_assert_cmpstr (rejection->step, ==, SAPA_ACTION_CLOSE);
  g_assert_cmpstr (rejection->reason, ==, SAPA_SYNC_REASON_STATE);
  g_assert_cmpstr (rejection->detail, ==, SAPA_STATUS_CLOSED);

  /* The rejected step stays in the log; the ticket follows the server. */
  g_assert_cmpuint (count_activities (second, ticket), ==, count_activities (first, ticket) + 1);
  status = status_at (second, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_CLOSED);
}

/* An action this workstation allowed but the server refuses leaves the
 * ticket as the server has it, although the server's view has not
 * changed since the last pull. */
static void
test_rejected_action_undone (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *status = NULL;

  g_autoptr(GPtrArray) rejected = NULL;
  g_autofree char *first_reason = NULL;
  g_autofree char *second_reason = NULL;
  SapaSyncRejection *first, *second;

  sign_in (cgk);
  ticket = record_feedback (cgk, "counter", "Ibu Wati", FEEDBACK_ESCALATED, "DPS");
  sync_ok (cgk);

  /* A CSO is not the PIC of Denpasar, so the server rejects the answer
   * taken here and the judgement that followed it. */
  error = act (cgk, ticket, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Dijawab sendiri", NULL);
  g_assert_no_error (error);
  status = status_at (cgk, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ANSWERED);
  g_clear_pointer (&status, g_free);
  error = act (cgk, ticket, SAPA_ACTION_JUDGE_ANSWER, "sesuai", NULL, NULL);
  g_assert_no_error (error);

  sync_ok (cgk);
  g_assert_cmpuint (status_of (cgk).rejected, ==, 2);
  status = status_at (cgk, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);

  /* The judgement was rejected because the answer was, not because
   * another workstation moved the ticket. The list is newest first. */
  rejected = sapa_store_sync_list_rejected (cgk->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 2);
  second = g_ptr_array_index (rejected, 0);
  first = g_ptr_array_index (rejected, 1);
  g_assert_cmpstr (first->reason, ==, SAPA_SYNC_REASON_FORBIDDEN);
  g_assert_false (first->follows_rejected);
  g_assert_cmpstr (second->step, ==, SAPA_ACTION_JUDGE_ANSWER);
  g_assert_cmpstr (second->reason, ==, SAPA_SYNC_REASON_STATE);
  g_assert_true (second->follows_rejected);
  first_reason = sapa_sync_rejection_describe (first);
  second_reason = sapa_sync_rejection_describe (second);
  {
    g_autofree char *moved_reason = sapa_sync_describe_rejection (second->reason, second->detail);

    g_assert_cmpstr (second_reason, !=, moved_reason);
    g_assert_nonnull (strstr (second_reason, sapa_ticket_status_label (SAPA_STATUS_ESCALATED)));
    g_assert_cmpstr (first_reason, !=, second_reason);
  }
}

/* The CCO takes up the waiting procedure after the PIC passed the case
 * on and answered: the wizard shows that answer and the new request,
 * records no answer of its own, and returning the answer from the
 * wizard escalates the ticket again on every desk. */
static void
test_wizard_return_escalates (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(Station) cco = station_new (fixture->server, "cco_cgk", "CGK", 3);
  g_autoptr(Station) dps = station_new (fixture->server, "pic_dps", "DPS", 2);
  g_autoptr(SapaWizard) wizard = NULL;
  g_autoptr(SapaActivity) waited = NULL;
  g_autoptr(SapaEscalation) escalation = NULL;
  g_autoptr(JsonObject) record_values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *status = NULL;

  sign_in (cco);
  sign_in (dps);
  ticket = record_email_escalation (cco, "DPS");
  sync_ok (cco);
  sync_ok (dps);

  error = act (dps, ticket, SAPA_ACTION_REASSIGN, NULL, "followup_unit", "facilities",
               "followup_note", "Teknik DPS, mohon cek troli bagasi", NULL);
  g_assert_no_error (error);
  error = act (dps, ticket, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Troli diperbaiki, koper diganti maskapai", NULL);
  g_assert_no_error (error);
  sync_ok (dps);
  sync_ok (cco);

  /* Resumed, the wizard shows what arrived, not what it had saved. */
  wizard = draft_of (cco, ticket);
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, "await_pic");
  g_assert_cmpstr (sapa_wizard_get_status (wizard), ==, SAPA_STATUS_ANSWERED);
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "pic_answer"), ==, "Troli diperbaiki, koper diganti maskapai");
  g_assert_true (sapa_wizard_value_is_from_log (wizard, "pic_answer"));
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "escalation_note"), ==, "Teknik DPS, mohon cek troli bagasi");
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "escalation_airport"), ==, "DPS");
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "followup_unit"), ==, "facilities");

  /* Going on records no second answer under the CCO's name, and the
   * judgement reads back the PIC's own answer. */
  take (cco, wizard, "next");
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, "judge_pic");
  record_values = sapa_wizard_dup_record (wizard);
  g_assert_cmpstr (json_object_get_string_member_with_default (record_values, "pic_answer", ""), ==,
                   "Troli diperbaiki, koper diganti maskapai");
  take (cco, wizard, "tidak_sesuai");
  sapa_wizard_set_value (wizard, "return_reason", "Belum ada nomor klaim bagasi");
  take (cco, wizard, "next");
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, "await_pic");
  g_free (record (cco, wizard));

  waited = last_step (cco, ticket, "await_pic");
  g_assert_false (json_object_has_member (sapa_activity_get_payload (waited), "pic_answer"));
  status = status_at (cco, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);
  g_clear_pointer (&status, g_free);

  /* The server and the PIC's desk agree. */
  sync_ok (cco);
  g_assert_cmpuint (status_of (cco).rejected, ==, 0);
  g_assert_cmpint (server_status_is (fixture, ticket, SAPA_STATUS_ESCALATED), ==, 1);
  status = status_at (cco, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);
  g_clear_pointer (&status, g_free);
  sync_ok (dps);
  status = status_at (dps, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_ESCALATED);

  /* It waits for the PIC again, still with the unit it was passed to. */
  escalation = escalation_at (dps, ticket);
  g_assert_nonnull (escalation);
  g_assert_true (sapa_escalation_is_waiting_for_pic (escalation));
  g_assert_cmpstr (sapa_escalation_get_unit (escalation), ==, "facilities");
  g_assert_cmpstr (sapa_escalation_get_airport (escalation), ==, "DPS");
  error = act (dps, ticket, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Nomor klaim DPS-0042", NULL);
  g_assert_no_error (error);

  /* The answer that arrived is shown only until the next return. */
  g_clear_object (&wizard);
  wizard = draft_of (cco, ticket);
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "pic_answer"), ==, "");
  g_assert_false (sapa_wizard_value_is_from_log (wizard, "pic_answer"));
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "return_reason"), ==, "Belum ada nomor klaim bagasi");
}

/* A follow-up to a unit of the desk's own airport is answered at the
 * desk, so what a desk recorded before its first sign-in is accepted. */
static void
test_local_unit_answered_at_desk (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *status = NULL;

  ticket = record_feedback (cgk, "counter", "Ibu Wati", FEEDBACK_ESCALATED, NULL);
  error = act (cgk, ticket, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Dompet ada di bagian barang temuan", NULL);
  g_assert_no_error (error);
  error = act (cgk, ticket, SAPA_ACTION_JUDGE_ANSWER, "sesuai", NULL, NULL);
  g_assert_no_error (error);
  error = act (cgk, ticket, SAPA_ACTION_DELIVER, NULL, "delivered_answer", "Dompet dapat diambil di lantai 1", NULL);
  g_assert_no_error (error);
  error = act (cgk, ticket, SAPA_ACTION_VERDICT, "sesuai", NULL, NULL);
  g_assert_no_error (error);

  sign_in (cgk);
  sync_ok (cgk);
  g_assert_cmpuint (status_of (cgk).rejected, ==, 0);
  g_assert_cmpint (server_status_is (fixture, ticket, SAPA_STATUS_CLOSED), ==, 1);
  status = status_at (cgk, ticket);
  g_assert_cmpstr (status, ==, SAPA_STATUS_CLOSED);
}

static void
on_sign_in_required (SapaSyncClient *client,
                     gboolean       *asked)
{
  *asked = TRUE;
}

static void
test_expired_token_keeps_work (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(Station) cgk = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  gboolean asked = FALSE;

  g_signal_connect (cgk->client, "sign-in-required", G_CALLBACK (on_sign_in_required), &asked);
  sign_in (cgk);
  ticket = record_feedback (cgk, "counter", "Pak Anto", FEEDBACK_CLOSED, NULL);
  test_server_exec_sql (fixture->server, "UPDATE tokens SET expires_at = 1");

  error = try_sync (cgk);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_assert_true (asked);
  g_assert_null (sapa_sync_client_get_token (cgk->client));
  g_assert_cmpuint (status_of (cgk).pending, ==, 6);

  sign_in (cgk);
  sync_ok (cgk);
  g_assert_cmpint (test_server_query_int (fixture->server, "SELECT count (*) FROM activities"), ==, 6);
}

static void
test_workstation_number_is_bound (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(Station) first = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(Station) impostor = station_new (fixture->server, "cso_cgk", "CGK", 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (first);
  g_object_set (impostor->client, "server-url", fixture->server->url, NULL);
  /* Same number, another computer: the server refuses the second. */
  {
    g_autofree char *path = g_build_filename (impostor->dir, "other.db", NULL);
    g_autoptr(SapaStore) store = sapa_store_open (path, &error);
    g_autoptr(SapaSyncClient) client = sapa_sync_client_new (store, fixture->server->url, "another-computer");

    g_assert_no_error (error);
    sapa_sync_client_sign_in_async (client, "cso_cgk", TEST_PASSWORD, "CGK", 1, NULL, store_result, &result);
    g_assert_false (sapa_sync_client_sign_in_finish (client, wait_for (&result), &error));
    g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
    g_assert_nonnull (strstr (error->message, "komputer lain"));
  }
}

/* Over TLS with a self-signed certificate, as a server in service runs:
 * a desk that trusts the certificate syncs, one that does not is
 * refused before anything is sent. */
static void
test_tls_with_own_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  TestServer *server;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(Station) trusting = NULL;
  g_autoptr(Station) doubting = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *tls_args[5];
  int status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed to make a certificate");
      return;
    }

  server = test_server_new ();
  cert = g_build_filename (server->dir, "cert.pem", NULL);
  key = g_build_filename (server->dir, "key.pem", NULL);
  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
      "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }

  tls_args[0] = "--tls-certificate";
  tls_args[1] = cert;
  tls_args[2] = "--tls-key";
  tls_args[3] = key;
  tls_args[4] = NULL;
  test_server_start (server, tls_args);
  g_assert_true (g_str_has_prefix (server->url, "https://"));

  trusting = station_new (server, "cso_cgk", "CGK", 1);
  sapa_sync_client_set_ca_file (trusting->client, cert);
  sign_in (trusting);
  g_free (record_feedback (trusting, "counter", "Ibu Ani", FEEDBACK_CLOSED, NULL));
  sync_ok (trusting);
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM activities"), ==, 6);

  doubting = station_new (server, "cso_cgk", "CGK", 2);
  sapa_sync_client_sign_in_async (doubting->client, "cso_cgk", TEST_PASSWORD, "CGK", 2, NULL,
                                  store_result, &result);
  g_assert_false (sapa_sync_client_sign_in_finish (doubting->client, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "Sertifikat server tidak dipercaya"));
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM tokens"), ==, 1);

  g_clear_pointer (&trusting, station_free);
  g_clear_pointer (&doubting, station_free);
  test_server_free (server);
}

static void
apply_empty_page (SapaStore  *store,
                  gint64      after,
                  gint64      next,
                  GError    **error)
{
  g_autofree char *text = g_strdup_printf ("{\"items\": [], \"tickets\": [], \"next\": %" G_GINT64_FORMAT ","
                                           " \"more\": true}", next);
  g_autoptr(JsonObject) page = sapa_sync_parse_object (text, -1, NULL);

  g_assert_nonnull (page);
  sapa_store_sync_apply_pull (store, page, after, NULL, NULL, NULL, error);
}

/* A page fetched ahead is applied only from the cursor it was requested
 * after, so a page whose predecessor failed cannot skip activities. */
static void
test_page_needs_its_cursor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sapa-station-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(SapaStore) store = NULL;
  SapaSyncStatus status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "sapa.db", NULL);
  store = sapa_store_open (path, &error);
  g_assert_no_error (error);

  apply_empty_page (store, 0, 40, &error);
  g_assert_no_error (error);

  /* The page after 80 arrives, but the one from 40 to 80 never did. */
  apply_empty_page (store, 80, 120, &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (sapa_store_sync_get_status (store, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.cursor, ==, 40);

  apply_empty_page (store, 40, 80, &error);
  g_assert_no_error (error);
  g_assert_true (sapa_store_sync_get_status (store, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.cursor, ==, 80);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_backoff_grows_with_jitter (void)
{
  guint previous_max = 0;

  for (guint attempt = 1; attempt <= 12; attempt++)
    {
      guint low = G_MAXUINT, high = 0;

      for (guint i = 0; i < 200; i++)
        {
          guint delay = sapa_sync_backoff_delay_ms (attempt, 2000, 300000);

          low = MIN (low, delay);
          high = MAX (high, delay);
        }
      g_assert_cmpuint (high, <=, 360000);
      g_assert_cmpuint (low, >=, 1600);
      if (attempt == 1)
        {
          g_assert_cmpuint (low, >=, 1600);
          g_assert_cmpuint (high, <=, 2400);
        }
      /* Spread, so stations do not retry in step. */
      g_assert_cmpuint (high - low, >, 0);
      g_assert_cmpuint (high, >=, previous_max / 2);
      previous_max = high;
    }
  g_assert_cmpuint (previous_max, >=, 240000);
}

int
main (int    argc,
      char **argv)
{
  /* The messages are checked in the language the environment names
   * (Indonesian under meson test). */
  setlocale (LC_ALL, "");
  if (g_getenv ("SAPA_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SAPA_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/backoff", test_backoff_grows_with_jitter);
  g_test_add_func ("/sync/page-needs-its-cursor", test_page_needs_its_cursor);
  g_test_add_func ("/sync/tls-own-certificate", test_tls_with_own_certificate);
  g_test_add ("/sync/escalation-across-airports", Fixture, NULL, fixture_set_up,
              test_escalation_across_airports, fixture_tear_down);
  g_test_add ("/sync/late-escalation-history", Fixture, NULL, fixture_set_up,
              test_late_escalation_brings_history, fixture_tear_down);
  g_test_add ("/sync/log-entries-travel", Fixture, NULL, fixture_set_up,
              test_log_entries_travel, fixture_tear_down);
  g_test_add ("/sync/cursor-past-server", Fixture, NULL, fixture_set_up,
              test_cursor_past_server_restarts, fixture_tear_down);
  g_test_add ("/sync/pending-counted-signed-out", Fixture, NULL, fixture_set_up,
              test_pending_counted_signed_out, fixture_tear_down);
  g_test_add ("/sync/booking-reaches-airport", Fixture, NULL, fixture_set_up,
              test_booking_reaches_airport, fixture_tear_down);
  g_test_add ("/sync/lost-answer-retried", Fixture, NULL, fixture_set_up,
              test_lost_answer_retried, fixture_tear_down);
  g_test_add ("/sync/server-killed-mid-push", Fixture, NULL, fixture_set_up,
              test_server_killed_mid_push, fixture_tear_down);
  g_test_add ("/sync/server-killed-mid-pull", Fixture, NULL, fixture_set_up,
              test_server_killed_mid_pull, fixture_tear_down);
  g_test_add ("/sync/offline-catch-up", Fixture, NULL, fixture_set_up,
              test_offline_catch_up, fixture_tear_down);
  g_test_add ("/sync/concurrent-pushes", Fixture, NULL, fixture_set_up,
              test_concurrent_pushes_pulled_whole, fixture_tear_down);
  g_test_add ("/sync/wrong-clocks", Fixture, NULL, fixture_set_up,
              test_wrong_clocks_converge, fixture_tear_down);
  g_test_add ("/sync/conflict-rejected", Fixture, NULL, fixture_set_up,
              test_conflict_rejected_and_shown, fixture_tear_down);
  g_test_add ("/sync/wizard-return-escalates", Fixture, NULL, fixture_set_up,
              test_wizard_return_escalates, fixture_tear_down);
  g_test_add ("/sync/local-unit-answered-at-desk", Fixture, NULL, fixture_set_up,
              test_local_unit_answered_at_desk, fixture_tear_down);
  g_test_add ("/sync/rejected-action-undone", Fixture, NULL, fixture_set_up,
              test_rejected_action_undone, fixture_tear_down);
  g_test_add ("/sync/expired-token", Fixture, NULL, fixture_set_up,
              test_expired_token_keeps_work, fixture_tear_down);
  g_test_add ("/sync/workstation-bound", Fixture, NULL, fixture_set_up,
              test_workstation_number_is_bound, fixture_tear_down);

  return g_test_run ();
}
