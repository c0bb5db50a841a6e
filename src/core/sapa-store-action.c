/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-action.c: recording follow-up actions on a ticket */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-escalation.h"
#include "sapa-store-private.h"
#include "sapa-ticket-action.h"
#include "sapa-flow.h"

char *
sapa_store_db_read_status (sqlite3     *db,
                           const char  *ticket_id,
                           char       **out_flow,
                           GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT status, flow FROM tickets WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "read a ticket's status");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_flow != NULL)
        *out_flow = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  if (rc == SQLITE_DONE)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                 _("The ticket was not found in the local database."));
  else
    sapa_store_set_error (error, db, "read a ticket's status");
  return NULL;
}

/* A booking that ends without its passenger leaves the expected list. */
static gboolean
end_booking (sqlite3       *db,
             SapaActivity  *activity,
             GError       **error)
{
  const char *action = sapa_activity_get_step (activity);
  const char *stage;
  g_autoptr(SapaStatement) stmt = NULL;

  if (g_strcmp0 (action, SAPA_ACTION_NO_SHOW) == 0)
    stage = "no_show";
  else if (g_strcmp0 (action, SAPA_ACTION_CANCEL_BOOKING) == 0)
    stage = "cancelled";
  else
    return TRUE;

  if (sqlite3_prepare_v2 (db, "UPDATE sns_bookings SET stage = ?, updated_at = ? WHERE ticket_id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, sapa_activity_get_created_at (activity));
  sqlite3_bind_text (stmt, 3, sapa_activity_get_ticket_id (activity), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "end the booking");
  return FALSE;
}

static const char *
payload_string (SapaActivity *activity,
                const char   *key)
{
  return json_object_get_string_member_with_default (sapa_activity_get_payload (activity), key, "");
}

/* "unit / AIRPORT", then the request on the next line, so that the
 * ticket shows the request that goes with the latest assignment. */
static char *
describe_followup (SapaActivity *activity)
{
  const char *unit = payload_string (activity, "followup_unit");
  const char *airport = payload_string (activity, "followup_airport");
  const char *note = payload_string (activity, "followup_note");

  if (*airport != '\0')
    return g_strdup_printf ("%s / %s\n%s", unit, airport, note);
  return g_strdup_printf ("%s\n%s", unit, note);
}

static gboolean
update_ticket (sqlite3       *db,
               SapaActivity  *activity,
               const char    *new_status,
               GError       **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  const char *action = sapa_activity_get_step (activity);
  g_autofree char *followup = NULL;
  const char *answer = NULL;

  /* A reassignment replaces only this summary; the earlier escalation
   * and its request stay in the activity log. */
  if (g_strcmp0 (action, SAPA_ACTION_ESCALATE) == 0 || g_strcmp0 (action, SAPA_ACTION_REASSIGN) == 0)
    followup = describe_followup (activity);
  if (g_strcmp0 (action, SAPA_ACTION_DELIVER) == 0)
    answer = payload_string (activity, "delivered_answer");

  if (sqlite3_prepare_v2 (db,
                          "UPDATE tickets SET status = COALESCE (?1, status),"
                          " answer = COALESCE (?2, answer), followup = COALESCE (?3, followup),"
                          " updated_at = MAX (updated_at, ?4) WHERE id = ?5",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare the ticket update");
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, new_status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, answer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, followup, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, sapa_activity_get_created_at (activity));
  sqlite3_bind_text (stmt, 5, sapa_activity_get_ticket_id (activity), -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "update the ticket");
      return FALSE;
    }
  return TRUE;
}

/* Rejects a reassignment to the unit and airport that already have the
 * escalation, whoever prepared it. */
static gboolean
check_reassignment (sqlite3       *db,
                    SapaActivity  *activity,
                    GError       **error)
{
  const char *ticket_id = sapa_activity_get_ticket_id (activity);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GPtrArray) log = NULL;
  const char *unit;
  const char *airport;

  if (g_strcmp0 (sapa_activity_get_step (activity), SAPA_ACTION_REASSIGN) != 0)
    return TRUE;

  ticket = sapa_store_db_get_ticket (db, ticket_id, error);
  if (ticket == NULL)
    return FALSE;
  log = sapa_store_db_list_activities (db, ticket_id, error);
  if (log == NULL)
    return FALSE;

  if (!sapa_escalation_find_target (sapa_ticket_get_flow (ticket), sapa_ticket_get_airport (ticket), log,
                                    &unit, &airport))
    return TRUE;
  return sapa_escalation_check_reassign (unit, airport, sapa_activity_get_payload (activity), error);
}

static gboolean
apply_in_transaction (sqlite3       *db,
                      SapaActivity  *activity,
                      const char    *new_status,
                      GError       **error)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (sapa_activity_get_step (activity));
  const char *ticket_id = sapa_activity_get_ticket_id (activity);
  g_autoptr(GPtrArray) activities = g_ptr_array_new ();
  g_autofree char *status = NULL;
  g_autofree char *flow = NULL;

  if (action == NULL || g_strcmp0 (sapa_activity_get_kind (activity), SAPA_ACTIVITY_ACTION) != 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                   _("“%s” is not a ticket action."), sapa_activity_get_step (activity));
      return FALSE;
    }

  status = sapa_store_db_read_status (db, ticket_id, &flow, error);
  if (status == NULL)
    return FALSE;

  /* The status may have moved since the officer opened the action, from
   * another window or, later, from another workstation. */
  if (!sapa_ticket_action_applies (action, flow, status))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_STATE,
                   _("The ticket changed to “%s” in the meantime, so “%s” is no longer possible. Look at the ticket again."),
                   sapa_ticket_status_label (status), _(action->step.title));
      return FALSE;
    }

  if (!check_reassignment (db, activity, error))
    return FALSE;

  g_ptr_array_add (activities, activity);
  return sapa_store_db_insert_activities (db, activities, ticket_id, error) &&
         update_ticket (db, activity, new_status, error) &&
         end_booking (db, activity, error);
}

SapaTicket *
sapa_store_db_apply_action (sqlite3       *db,
                            SapaActivity  *activity,
                            const char    *new_status,
                            GError       **error)
{
  GError *local_error = NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!apply_in_transaction (db, activity, new_status, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_info ("Recorded action %s on ticket %s", sapa_activity_get_step (activity),
          sapa_activity_get_ticket_id (activity));
  return sapa_store_db_get_ticket (db, sapa_activity_get_ticket_id (activity), error);
}
