/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-record.c: recording wizard steps, drafts and discards */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-phone.h"
#include "sapa-report-number.h"
#include "sapa-store-private.h"
#include "sapa-sync.h"
#include "sapa-text.h"
#include "sapa-time.h"
#include "sapa-uuid.h"

SapaRecordJob *
sapa_record_job_new (SapaWizard *wizard,
                     GPtrArray  *activities)
{
  SapaRecordJob *job = g_new0 (SapaRecordJob, 1);
  g_autoptr(JsonNode) state = sapa_wizard_to_json (wizard);

  job->ticket_id = g_strdup (sapa_wizard_get_ticket_id (wizard));
  job->flow = g_strdup (sapa_wizard_get_flow (wizard)->id);
  job->channel = g_strdup (sapa_wizard_get_channel (wizard));
  job->airport = g_strdup (sapa_wizard_get_airport (wizard));
  job->officer = g_strdup (sapa_wizard_get_officer (wizard));
  job->status = g_strdup (sapa_wizard_get_status (wizard));
  job->workstation = sapa_wizard_get_workstation (wizard);
  job->finished = sapa_wizard_is_finished (wizard);
  job->step = job->finished ? NULL : g_strdup (sapa_wizard_get_step (wizard)->id);
  if (*sapa_wizard_get_value (wizard, SAPA_SNS_BOOKING_KEY) != '\0')
    job->booking = g_strdup (sapa_wizard_get_value (wizard, SAPA_SNS_BOOKING_KEY));
  job->record = sapa_wizard_dup_record (wizard);
  job->draft_json = json_to_string (state, FALSE);
  job->activities = activities != NULL ? g_ptr_array_ref (activities) : NULL;

  return job;
}

void
sapa_record_job_free (SapaRecordJob *job)
{
  g_free (job->ticket_id);
  g_free (job->flow);
  g_free (job->channel);
  g_free (job->airport);
  g_free (job->officer);
  g_free (job->status);
  g_clear_pointer (&job->record, json_object_unref);
  g_free (job->draft_json);
  g_clear_pointer (&job->activities, g_ptr_array_unref);
  g_free (job->reason);
  g_free (job->step);
  g_free (job->booking);
  g_free (job);
}

static const char *
record_string (JsonObject *record,
               const char *key)
{
  JsonNode *node = json_object_get_member (record, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

/* Returns the first non-empty value of @keys in @record. */
static const char *
record_first (JsonObject         *record,
              const char * const *keys)
{
  for (; *keys != NULL; keys++)
    {
      const char *value = record_string (record, *keys);

      if (*value != '\0')
        return value;
    }
  return "";
}

static char *
describe_followup (JsonObject *record)
{
  static const char * const keys[] = {
    "followup_unit", "followup_airport", "escalation_airport", NULL
  };
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    if (*record_string (record, keys[i]) != '\0')
      g_strv_builder_add (parts, record_string (record, keys[i]));

  strv = g_strv_builder_end (parts);
  return g_strjoinv (" / ", strv);
}

static gint64
job_first_time (SapaRecordJob *job)
{
  if (job->activities != NULL && job->activities->len > 0)
    return sapa_activity_get_created_at (g_ptr_array_index (job->activities, 0));
  return g_get_real_time ();
}

static gint64
job_last_time (SapaRecordJob *job)
{
  if (job->activities != NULL && job->activities->len > 0)
    return sapa_activity_get_created_at (g_ptr_array_index (job->activities,
                                                            job->activities->len - 1));
  return g_get_real_time ();
}

/* Returns the ticket's rowid, or 0 when it does not exist yet. */
static gint64
find_ticket_rowid (sqlite3    *db,
                   const char *ticket_id,
                   GError    **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM tickets WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "look up a ticket");
      return -1;
    }

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  sapa_store_set_error (error, db, "look up a ticket");
  return -1;
}

/* Takes the next value of the workstation's counter for @key, inside the
 * caller's transaction, so a rolled-back ticket gives its number back. */
static gint64
take_counter (sqlite3    *db,
              const char *key,
              GError    **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO counters (name, value) VALUES (?, 1) "
                          "ON CONFLICT (name) DO UPDATE SET value = value + 1 "
                          "RETURNING value",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare the report counter");
      return 0;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sapa_store_set_error (error, db, "take the next report number");
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
number_taken (sqlite3    *db,
              const char *number)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM tickets WHERE report_number = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gint64
insert_ticket (sqlite3        *db,
               SapaRecordJob  *job,
               GError        **error)
{
  const SapaAirport *airport = sapa_airport_lookup (job->airport);
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *date_code = NULL;
  g_autofree char *key = NULL;
  g_autofree char *number = NULL;
  gint64 created_at = job_first_time (job);
  gint64 counter;

  if (airport == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The workstation's airport “%s” is not in the airport list. Choose the airport again in Preferences."),
                   job->airport);
      return -1;
    }

  date_code = sapa_time_date_code (created_at, airport->time_zone);
  key = sapa_report_number_counter_key (airport->iata, job->workstation, date_code);

  /* A number may be taken already although the counter never gave it:
   * a workstation whose database was lost starts counting again, and
   * sync brings back the tickets it numbered before. Those are skipped. */
  do
    {
      counter = take_counter (db, key, error);
      if (counter <= 0)
        return -1;
      g_free (number);
      number = sapa_report_number_format (airport->iata, job->workstation, date_code, counter);
    }
  while (number_taken (db, number));

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO tickets (id, report_number, flow, channel, airport,"
                          " time_zone, workstation, officer, status, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare a new ticket");
      return -1;
    }

  sqlite3_bind_text (stmt, 1, job->ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, job->flow, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, job->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, airport->iata, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, airport->time_zone, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, job->workstation);
  sqlite3_bind_text (stmt, 8, job->officer ? job->officer : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, job->status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, created_at);
  sqlite3_bind_int64 (stmt, 11, created_at);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "save a new ticket");
      return -1;
    }

  return sqlite3_last_insert_rowid (db);
}

static gboolean
insert_activity (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 SapaActivity  *activity,
                 GError       **error)
{
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

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "append an activity");
      return FALSE;
    }
  return TRUE;
}

gboolean
sapa_store_db_insert_activities (sqlite3    *db,
                   GPtrArray  *activities,
                   const char *ticket_id,
                   GError    **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (activities == NULL)
    return TRUE;

  /* A retried recording carries the same UUIDs: keep the first copy. */
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO activities (id, ticket_id, kind, step, branch, payload,"
                          " officer, airport, workstation, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (id) DO NOTHING",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare an activity");
      return FALSE;
    }

  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      g_return_val_if_fail (g_strcmp0 (sapa_activity_get_ticket_id (activity), ticket_id) == 0, FALSE);
      if (!insert_activity (db, stmt, activity, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
update_ticket (sqlite3        *db,
               SapaRecordJob  *job,
               const char     *contact_id,
               gint64          now,
               GError        **error)
{
  static const char * const purpose_keys[] = { "purpose", "message", "form_text", NULL };
  static const char * const answer_keys[] = { "delivered_answer", "answer", NULL };
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), job->record);
  g_autofree char *record_json = json_to_string (node, FALSE);
  g_autofree char *followup = describe_followup (job->record);
  const char *e164 = record_string (job->record, "phone_e164");

  if (sqlite3_prepare_v2 (db,
                          "UPDATE tickets SET status = ?, channel = ?, contact_id = ?, name = ?,"
                          " phone = ?, phone_e164 = NULLIF (?, ''), email = ?, category = ?,"
                          " purpose = ?, answer = ?, followup = ?, record = ?,"
                          " updated_at = MAX (updated_at, ?), step = ? WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare the ticket update");
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, job->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, job->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, contact_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record_string (job->record, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record_string (job->record, "phone"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, e164, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record_string (job->record, "email"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, record_string (job->record, "category"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, record_first (job->record, purpose_keys), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, record_first (job->record, answer_keys), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, followup, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, record_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, now);
  sqlite3_bind_text (stmt, 14, job->step, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, job->ticket_id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "update the ticket");
      return FALSE;
    }
  return TRUE;
}

static gboolean
reindex_ticket (sqlite3  *db,
                gint64    rowid,
                GError  **error)
{
  g_autoptr(SapaStatement) row = NULL;
  g_autoptr(SapaStatement) insert_text = NULL;
  g_autoptr(SapaStatement) insert_phone = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("DELETE FROM ticket_search WHERE rowid = %" G_GINT64_FORMAT ";"
                         "DELETE FROM ticket_phone WHERE rowid = %" G_GINT64_FORMAT ";",
                         rowid, rowid);
  if (!sapa_store_exec (db, sql, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT " SAPA_STORE_INDEX_COLUMNS " FROM tickets WHERE rowid = ?",
                          -1, &row, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO ticket_search (rowid, report_number, name, purpose) VALUES (?, ?, ?, ?)",
                          -1, &insert_text, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO ticket_phone (rowid, digits) VALUES (?, ?)",
                          -1, &insert_phone, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_int64 (row, 1, rowid);
  if (sqlite3_step (row) != SQLITE_ROW ||
      !sapa_store_index_ticket_row (insert_text, insert_phone, row))
    goto failed;

  return TRUE;

failed:
  sapa_store_set_error (error, db, "index the ticket for search");
  return FALSE;
}

static gboolean
write_draft (sqlite3        *db,
             SapaRecordJob  *job,
             gint64          now,
             GError        **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (job->finished)
    {
      if (sqlite3_prepare_v2 (db, "DELETE FROM drafts WHERE ticket_id = ?", -1, &stmt, NULL) != SQLITE_OK)
        goto failed;
      sqlite3_bind_text (stmt, 1, job->ticket_id, -1, SQLITE_STATIC);
    }
  else
    {
      if (sqlite3_prepare_v2 (db,
                              "INSERT INTO drafts (ticket_id, flow, state, updated_at) VALUES (?, ?, ?, ?)"
                              " ON CONFLICT (ticket_id) DO UPDATE SET state = excluded.state,"
                              " updated_at = excluded.updated_at",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto failed;
      sqlite3_bind_text (stmt, 1, job->ticket_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->flow, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, job->draft_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
    }

  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "save the draft");
  return FALSE;
}

/* Sets @status to the status the stored ticket moves to with the job's
 * activities that are not in the log yet, by the rule the server
 * applies. The wizard's own status would miss what other desks recorded
 * on the ticket while its procedure waited, such as the PIC's answer. */
static gboolean
derive_status (sqlite3        *db,
               SapaRecordJob  *job,
               char          **status,
               GError        **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (job->activities == NULL)
    return TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM activities WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "look up an activity");
      return FALSE;
    }

  for (guint i = 0; i < job->activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (job->activities, i);
      const char *next = NULL;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, sapa_activity_get_id (activity), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          sapa_store_set_error (error, db, "look up an activity");
          return FALSE;
        }
      /* A retried recording carries activities already applied. */
      if (rc == SQLITE_ROW)
        continue;

      if (sapa_sync_next_status (job->flow, activity, *status, &next, NULL))
        {
          g_free (*status);
          *status = g_strdup (next);
        }
    }
  return TRUE;
}

static gboolean
record_in_transaction (sqlite3        *db,
                       SapaRecordJob  *job,
                       gint64         *out_rowid,
                       GError        **error)
{
  gint64 now = job_last_time (job);
  g_autofree char *contact_id = NULL;
  g_autofree char *status = NULL;
  gint64 rowid;

  rowid = find_ticket_rowid (db, job->ticket_id, error);
  if (rowid < 0)
    return FALSE;

  /* A new ticket starts from no status, as on the server. */
  if (rowid > 0 && (status = sapa_store_db_read_status (db, job->ticket_id, NULL, error)) == NULL)
    return FALSE;
  if (!derive_status (db, job, &status, error))
    return FALSE;
  if (status != NULL)
    {
      g_free (job->status);
      job->status = g_steal_pointer (&status);
    }

  if (rowid == 0)
    rowid = insert_ticket (db, job, error);
  if (rowid < 0)
    return FALSE;

  if (!sapa_store_db_insert_activities (db, job->activities, job->ticket_id, error))
    return FALSE;

  contact_id = sapa_store_db_upsert_contact (db, job->record, job->channel, now, error);
  if (contact_id == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (!update_ticket (db, job, contact_id, now, error) ||
      !reindex_ticket (db, rowid, error) ||
      !sapa_store_db_update_sns (db, job, job_first_time (job), error) ||
      !write_draft (db, job, now, error))
    return FALSE;

  *out_rowid = rowid;
  return TRUE;
}

SapaTicket *
sapa_store_db_record (sqlite3        *db,
                      SapaRecordJob  *job,
                      GError        **error)
{
  GError *local_error = NULL;
  gint64 rowid = 0;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!record_in_transaction (db, job, &rowid, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return sapa_store_db_get_ticket (db, job->ticket_id, error);
}

gboolean
sapa_store_db_save_draft (sqlite3        *db,
                          SapaRecordJob  *job,
                          GError        **error)
{
  return write_draft (db, job, g_get_real_time (), error);
}

static gboolean
discard_in_transaction (sqlite3        *db,
                        SapaRecordJob  *job,
                        GError        **error)
{
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(SapaStatement) stmt = NULL;
  gint64 now = g_get_real_time ();
  gint64 rowid;

  rowid = find_ticket_rowid (db, job->ticket_id, error);
  if (rowid < 0)
    return FALSE;

  if (rowid > 0)
    {
      json_object_set_string_member (payload, "reason", job->reason ? job->reason : "");
      activity = sapa_activity_new (job->ticket_id, SAPA_ACTIVITY_DISCARDED, NULL, NULL,
                                    payload, job->officer, job->airport, job->workstation, now);
      activities = g_ptr_array_new ();
      g_ptr_array_add (activities, activity);
      if (!sapa_store_db_insert_activities (db, activities, job->ticket_id, error))
        return FALSE;

      if (sqlite3_prepare_v2 (db, "UPDATE tickets SET status = 'cancelled', updated_at = ? WHERE id = ?",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, job->ticket_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto failed;
    }

  job->finished = TRUE;
  return write_draft (db, job, now, error);

failed:
  sapa_store_set_error (error, db, "cancel the ticket");
  return FALSE;
}

gboolean
sapa_store_db_discard (sqlite3        *db,
                       SapaRecordJob  *job,
                       GError        **error)
{
  GError *local_error = NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!discard_in_transaction (db, job, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
log_in_transaction (sqlite3        *db,
                    SapaActivity   *activity,
                    SapaRecordJob  *job,
                    GError        **error)
{
  const char *ticket_id = sapa_activity_get_ticket_id (activity);
  g_autoptr(GPtrArray) activities = g_ptr_array_new ();
  gint64 rowid;

  rowid = find_ticket_rowid (db, ticket_id, error);
  if (rowid < 0)
    return FALSE;
  if (rowid == 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                   _("The ticket was not found in the local database."));
      return FALSE;
    }

  g_ptr_array_add (activities, activity);
  if (!sapa_store_db_insert_activities (db, activities, ticket_id, error))
    return FALSE;

  return job == NULL || write_draft (db, job, sapa_activity_get_created_at (activity), error);
}

gboolean
sapa_store_db_log (sqlite3        *db,
                   SapaActivity   *activity,
                   SapaRecordJob  *job,
                   GError        **error)
{
  GError *local_error = NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!log_in_transaction (db, activity, job, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
