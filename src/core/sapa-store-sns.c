/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-sns.c: special-needs bookings and the SNS dashboard */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include "sapa-airport.h"
#include "sapa-flow.h"
#include "sapa-store-private.h"
#include "sapa-time.h"

/* The dashboard lists the bookings due up to this long after now, so
 * that tomorrow morning's arrivals can be prepared. Every earlier booking
 * whose passenger has not come stays listed, however late, until it is
 * marked arrived, no-show or cancelled. */
#define EXPECTED_AFTER_HOURS 36

static const char *
record_string (JsonObject *record,
               const char *key)
{
  return json_object_get_string_member_with_default (record, key, "");
}

static gint64
ticket_created_at (sqlite3    *db,
                   const char *ticket_id)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT created_at FROM tickets WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A finished pre-booking becomes an expected arrival at the airport the
 * passenger flies from. Times that cannot be resolved leave no booking
 * rather than a wrong one; the ticket itself keeps every value. */
static gboolean
save_booking (sqlite3        *db,
              SapaRecordJob  *job,
              GError        **error)
{
  const char *airport_code = record_string (job->record, "airport");
  const SapaAirport *airport = sapa_airport_lookup (airport_code);
  g_autoptr(SapaStatement) stmt = NULL;
  gint64 eta = 0, departure = 0;
  gint64 booked_at;

  if (airport == NULL ||
      !sapa_sns_resolve_times (record_string (job->record, "flight_date"),
                               record_string (job->record, "departure_time"),
                               record_string (job->record, "eta"),
                               g_str_equal (record_string (job->record, "eta_day"), "day_before"),
                               airport->time_zone, &eta, &departure, NULL))
    {
      g_message ("Booking %s has no resolvable arrival time; it is not listed", job->ticket_id);
      return TRUE;
    }

  booked_at = ticket_created_at (db, job->ticket_id);
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO sns_bookings (ticket_id, airport, eta, departure, late, stage, updated_at)"
                          " VALUES (?1, ?2, ?3, NULLIF (?4, 0), ?5, 'expected', ?6)"
                          " ON CONFLICT (ticket_id) DO UPDATE SET airport = ?2, eta = ?3,"
                          " departure = NULLIF (?4, 0), late = ?5, updated_at = ?6",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, job->ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, airport->iata, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, eta);
  sqlite3_bind_int64 (stmt, 4, departure);
  sqlite3_bind_int (stmt, 5, sapa_sns_is_late_booking (booked_at, departure ? departure : eta));
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "save the booking");
  return FALSE;
}

/* The passenger of a booking arrived at the counter: the booking leaves
 * the expected list, and its arrival is this counter ticket. */
static gboolean
mark_arrived (sqlite3        *db,
              SapaRecordJob  *job,
              GError        **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "UPDATE sns_bookings SET stage = 'arrived', arrival_ticket_id = ?1, updated_at = ?2"
                          " WHERE ticket_id = ?3 AND stage = 'expected'",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, job->ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_text (stmt, 3, job->booking, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "update the booking");
  return FALSE;
}

gboolean
sapa_store_db_update_sns (sqlite3        *db,
                          SapaRecordJob  *job,
                          gint64          created_at,
                          GError        **error)
{
  if (g_strcmp0 (job->flow, SAPA_FLOW_SNS_PREBOOK) == 0 && job->finished)
    return save_booking (db, job, error);

  if (g_strcmp0 (job->flow, SAPA_FLOW_SNS_COUNTER) == 0 && job->booking != NULL)
    return mark_arrived (db, job, error);

  return TRUE;
}

static JsonObject *
parse_record (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

/* Returns when @ticket_id took @step (and @branch, unless NULL), or 0. */
static gint64
step_time (sqlite3    *db,
           const char *ticket_id,
           const char *step,
           const char *branch)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT created_at FROM activities WHERE ticket_id = ? AND step = ?"
                          " AND (?3 IS NULL OR branch = ?3) ORDER BY rowid LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, branch, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static SapaSnsEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  SapaSnsEntry *entry = g_new0 (SapaSnsEntry, 1);
  g_autoptr(JsonObject) record = parse_record ((const char *) sqlite3_column_text (stmt, 3));

  entry->ticket_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  entry->report_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->time_zone = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->flight = g_strdup (record_string (record, "flight"));
  entry->ssr = g_strdup (record_string (record, "ssr"));
  entry->equipment = g_strdup (record_string (record, "equipment"));
  entry->officer = g_strdup (record_string (record, "officer_assigned"));
  entry->airline = g_strdup (record_string (record, "airline"));
  entry->airline_staff = g_strdup (record_string (record, "airline_staff"));
  entry->handover_time = g_strdup (record_string (record, "handover_time"));
  return entry;
}

/* Returns the values that start the counter service of a booked
 * passenger: the booking's id and every value of @record that a field of
 * the counter flow requests, so no booked value is requested again. */
static GHashTable *
dup_arrival_values (const char *booking_id,
                    JsonObject *record)
{
  const SapaFlow *counter = sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (values, (gpointer) SAPA_SNS_BOOKING_KEY, g_strdup (booking_id));
  for (const SapaStep *step = counter->steps; step->id != NULL; step++)
    for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
      {
        const char *value = record_string (record, field->key);

        if (*value != '\0')
          g_hash_table_insert (values, (gpointer) field->key, g_strdup (value));
      }

  return values;
}

static gboolean
load_expected (sqlite3       *db,
               const char    *airport,
               gint64         now,
               SapaSnsBoard  *board,
               GError       **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  const SapaAirport *info = sapa_airport_lookup (airport);
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT t.id, t.report_number, t.name, t.record, t.time_zone, b.eta, b.departure, b.late"
                          " FROM sns_bookings b JOIN tickets t ON t.id = b.ticket_id"
                          " WHERE b.airport = ?1 AND b.stage = 'expected' AND b.eta <= ?2"
                          " ORDER BY b.eta",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now + (gint64) EXPECTED_AFTER_HOURS * 3600 * G_USEC_PER_SEC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaSnsEntry *entry = entry_from_row (stmt);

      /* Times are shown in the zone of the airport the passenger comes
       * to, not of the desk that took the booking. */
      if (info != NULL)
        {
          g_free (entry->time_zone);
          entry->time_zone = g_strdup (info->time_zone);
        }
      g_autoptr(JsonObject) record = parse_record ((const char *) sqlite3_column_text (stmt, 3));

      entry->arrival_values = dup_arrival_values (entry->ticket_id, record);
      entry->prebooked = TRUE;
      entry->eta = sqlite3_column_int64 (stmt, 5);
      entry->departure = sqlite3_column_int64 (stmt, 6);
      entry->late = sqlite3_column_int (stmt, 7);
      entry->overdue = now - entry->eta > (gint64) SAPA_SNS_OVERDUE_MINUTES * 60 * G_USEC_PER_SEC;
      g_ptr_array_add (board->groups[SAPA_SNS_EXPECTED], entry);
    }
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "list the expected passengers");
  return FALSE;
}

static gint64
local_midnight (gint64      now,
                const char *iana)
{
  g_autoptr(GDateTime) local = sapa_time_to_zone (now, iana);
  g_autoptr(GDateTime) midnight = g_date_time_add_full (local, 0, 0, 0,
                                                        -g_date_time_get_hour (local),
                                                        -g_date_time_get_minute (local),
                                                        -g_date_time_get_seconds (local));

  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

static void
place_counter_entry (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     gint64         since_midnight,
                     SapaSnsBoard  *board)
{
  const char *status = (const char *) sqlite3_column_text (stmt, 5);
  const char *step = (const char *) sqlite3_column_text (stmt, 6);
  gint64 updated_at = sqlite3_column_int64 (stmt, 8);
  SapaSnsEntry *entry;
  SapaSnsGroup group;

  if (g_strcmp0 (status, SAPA_STATUS_CLOSED) == 0)
    {
      if (updated_at < since_midnight)
        return;
      group = SAPA_SNS_HANDED_OVER;
    }
  else
    group = g_strcmp0 (step, "holding") == 0 ? SAPA_SNS_HOLDING : SAPA_SNS_IN_SERVICE;

  entry = entry_from_row (stmt);
  if (group == SAPA_SNS_HANDED_OVER && *entry->airline_staff == '\0')
    {
      /* Closed without a handover: the service ended at the counter. */
      sapa_sns_entry_free (entry);
      return;
    }

  entry->arrived = sqlite3_column_int64 (stmt, 7);
  entry->prebooked = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  entry->service_started = step_time (db, entry->ticket_id, "service", NULL);
  entry->holding_since = step_time (db, entry->ticket_id, "destination", "holding_room");
  entry->handed_over = step_time (db, entry->ticket_id, "handover", NULL);

  /* The officer types the handover time, which may be minutes before it
   * was saved: the latest such time up to the save is the handover. */
  if (entry->handed_over != 0 && *entry->handover_time != '\0')
    sapa_sns_resolve_clock (entry->handover_time, entry->handed_over, entry->time_zone, &entry->handed_over);
  g_ptr_array_add (board->groups[group], entry);
}

static gboolean
load_counter (sqlite3       *db,
              const char    *airport,
              gint64         now,
              SapaSnsBoard  *board,
              GError       **error)
{
  const SapaAirport *info = sapa_airport_lookup (airport);
  gint64 since_midnight = local_midnight (now, info ? info->time_zone : "Asia/Jakarta");
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT t.id, t.report_number, t.name, t.record, t.time_zone, t.status, t.step,"
                          " t.created_at, t.updated_at,"
                          " (SELECT b.ticket_id FROM sns_bookings b WHERE b.arrival_ticket_id = t.id)"
                          " FROM tickets t WHERE t.flow = ? AND t.airport = ?"
                          " AND (t.status IN ('open', 'in_service') OR (t.status = 'closed' AND t.updated_at >= ?))"
                          " ORDER BY t.created_at",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, SAPA_FLOW_SNS_COUNTER, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, since_midnight);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    place_counter_entry (db, stmt, since_midnight, board);
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "list the passengers at the counter");
  return FALSE;
}

SapaSnsBoard *
sapa_store_db_load_sns_board (sqlite3     *db,
                              const char  *airport,
                              gint64       now,
                              GError     **error)
{
  g_autoptr(SapaSnsBoard) board = sapa_sns_board_new ();

  if (!load_expected (db, airport, now, board, error) ||
      !load_counter (db, airport, now, board, error))
    return NULL;

  return g_steal_pointer (&board);
}
