/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-sync.c: the server's sync rules: who may see and do what, push and pull */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-escalation.h"
#include "sapa-flow.h"
#include "sapa-server-db-private.h"
#include "sapa-sync.h"
#include "sapa-ticket-action.h"
#include "sapa-uuid.h"

typedef SapaServerDbTicket Ticket;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ticket, sapa_server_db_ticket_free)

static const SapaServerDbSyncPrimitives *
primitives_of (SapaServerDbConn *conn)
{
  return conn->db->backend->sync;
}

/* Sync: who may see and do what */

static gboolean
is_officer (const SapaServerCaller *caller)
{
  return sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) ||
         sapa_server_caller_has_role (caller, SAPA_ROLE_SNO) ||
         sapa_server_caller_has_role (caller, SAPA_ROLE_CCO);
}

static gboolean
is_cco_ticket (const char *channel,
               const char *flow)
{
  static const char * const channels[] = {
    "phone", "email", "facebook", "x", "instagram", "other_social", "social", "live_chat", NULL
  };

  return g_strv_contains (channels, channel) || g_strcmp0 (flow, SAPA_FLOW_SNS_PREBOOK) == 0;
}

void
sapa_server_db_ticket_free (SapaServerDbTicket *ticket)
{
  g_free (ticket->id);
  g_free (ticket->flow);
  g_free (ticket->channel);
  g_free (ticket->airport);
  g_free (ticket->status);
  g_free (ticket->booking_airport);
  g_free (ticket->escalated_to);
  g_clear_pointer (&ticket->body, json_object_unref);
  g_free (ticket);
}

SapaServerDbTicket *
sapa_server_db_ticket_new (const char *id,
                           const char *flow,
                           const char *channel,
                           const char *airport,
                           guint       workstation,
                           const char *status,
                           const char *booking_airport,
                           const char *escalated_to,
                           const char *body)
{
  SapaServerDbTicket *ticket = g_new0 (SapaServerDbTicket, 1);

  ticket->id = g_strdup (id);
  ticket->exists = TRUE;
  ticket->flow = g_strdup (flow);
  ticket->channel = g_strdup (channel);
  ticket->airport = g_strdup (airport);
  ticket->workstation = workstation;
  ticket->status = g_strdup (status);
  ticket->booking_airport = g_strdup (booking_airport);
  ticket->escalated_to = g_strdup (escalated_to);
  ticket->body = sapa_sync_parse_object (body, -1, NULL);
  if (ticket->body == NULL)
    ticket->body = json_object_new ();
  return ticket;
}

/* The same rule as the pull query's WHERE clause below. */
static gboolean
may_read (const SapaServerCaller *caller,
          const Ticket           *ticket)
{
  if (sapa_server_caller_has_role (caller, SAPA_ROLE_SUPERVISOR) &&
      (sapa_server_caller_has_airport (caller, ticket->airport) ||
       sapa_server_caller_has_airport (caller, ticket->booking_airport) ||
       sapa_server_caller_has_airport (caller, ticket->escalated_to)))
    return TRUE;

  if ((sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) ||
       sapa_server_caller_has_role (caller, SAPA_ROLE_SNO)) &&
      (sapa_server_caller_has_airport (caller, ticket->airport) ||
       sapa_server_caller_has_airport (caller, ticket->booking_airport)))
    return TRUE;

  if (sapa_server_caller_has_role (caller, SAPA_ROLE_PIC) &&
      sapa_server_caller_has_airport (caller, ticket->escalated_to))
    return TRUE;

  return sapa_server_caller_has_role (caller, SAPA_ROLE_CCO) &&
         is_cco_ticket (ticket->channel, ticket->flow);
}

/* TRUE when @caller works @ticket as an officer: of their airport, a
 * booking for it, or, for a CCO, a contact-centre ticket. Seeing it as a
 * PIC because it was escalated to them is not enough to reply, close or
 * reopen it. */
static gboolean
officer_works (const SapaServerCaller *caller,
               const Ticket           *ticket)
{
  if ((sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) ||
       sapa_server_caller_has_role (caller, SAPA_ROLE_SNO)) &&
      (sapa_server_caller_has_airport (caller, ticket->airport) ||
       sapa_server_caller_has_airport (caller, ticket->booking_airport)))
    return TRUE;

  return sapa_server_caller_has_role (caller, SAPA_ROLE_CCO) &&
         is_cco_ticket (ticket->channel, ticket->flow);
}

/* Returns NULL when @caller may take @activity on @ticket, or why not.
 * @answer_needs_pic is sapa_escalation_answer_needs_pic() for the
 * ticket's escalation, read only for the PIC's answer. */
static const char *
check_write (const SapaServerCaller *caller,
             const Ticket           *ticket,
             SapaActivity           *activity,
             gboolean                answer_needs_pic)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *action = sapa_activity_get_step (activity);
  gboolean own_station = g_strcmp0 (ticket->airport, caller->workstation_airport) == 0 &&
                         ticket->workstation == caller->workstation_number;

  /* What an activity says of where it was done must be true. */
  if (g_strcmp0 (sapa_activity_get_airport (activity), caller->workstation_airport) != 0 ||
      sapa_activity_get_workstation (activity) != caller->workstation_number)
    return "the activity names another workstation";

  /* A receipt is printed wherever the person asks for one. */
  if (g_str_equal (kind, SAPA_ACTIVITY_RECEIPT))
    return may_read (caller, ticket) ? NULL : "the ticket is not visible to this user";

  if (!g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    {
      /* Only the workstation that runs a ticket's procedure records its
       * steps; its report number carries that workstation. */
      if (!own_station)
        return "the ticket's steps belong to the workstation that created it";
      if (!is_officer (caller))
        return "only an officer records a procedure";
      if (sapa_server_caller_has_role (caller, SAPA_ROLE_CCO) &&
          !sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) &&
          !sapa_server_caller_has_role (caller, SAPA_ROLE_SNO))
        return is_cco_ticket (ticket->channel, ticket->flow) ? NULL : "a CCO records contact-centre procedures only";
      return sapa_server_caller_has_airport (caller, ticket->airport) ? NULL : "the ticket is of another airport";
    }

  if (!may_read (caller, ticket))
    return "the ticket is not visible to this user";

  /* A unit of the ticket's own airport answers through the desk that
   * works the ticket; a PIC there may record it too. */
  if (g_strcmp0 (action, SAPA_ACTION_PIC_ANSWER) == 0)
    {
      if (sapa_server_caller_has_role (caller, SAPA_ROLE_PIC))
        return NULL;
      if (answer_needs_pic)
        return "only a PIC answers an escalation to a branch airport";
      return officer_works (caller, ticket) ? NULL : "this role may not take that action on this ticket";
    }

  /* A PIC passes on an escalation that belongs to another unit or
   * airport, and a supervisor may move one, besides the officers. */
  if ((g_strcmp0 (action, SAPA_ACTION_NOTE) == 0 || g_strcmp0 (action, SAPA_ACTION_REASSIGN) == 0) &&
      (sapa_server_caller_has_role (caller, SAPA_ROLE_PIC) ||
       sapa_server_caller_has_role (caller, SAPA_ROLE_SUPERVISOR)))
    return NULL;

  return officer_works (caller, ticket) ? NULL : "this role may not take that action on this ticket";
}

/* Sync: tickets */

/* Returns the ticket @id, one whose @exists is FALSE when there is none,
 * or NULL when the database failed. */
static Ticket *
load_ticket (SapaServerDbConn  *conn,
             const char        *id,
             GError           **error)
{
  Ticket *ticket = NULL;
  gint64 found = primitives_of (conn)->find_ticket (conn, id, &ticket, error);

  if (found < 0)
    return NULL;
  if (found == 0)
    {
      ticket = g_new0 (Ticket, 1);
      ticket->id = g_strdup (id);
    }
  return ticket;
}

/* The tickets one push reads and changes, kept until its end. A batch
 * holds several activities of most tickets, so each ticket is read,
 * copied from what the workstation sent, and written once per push
 * rather than once per activity. */
typedef struct {
  GHashTable *tickets;    /* id -> Ticket, owned */
  GHashTable *versions;   /* id -> the sequence number of its last change, as a pointer-sized int */
  GHashTable *adopted;    /* id -> the sent object its body is a copy of */
  GHashTable *numbers;    /* report numbers of the tickets this push creates */
  GHashTable *new_logs;   /* id -> GPtrArray of the SapaActivity accepted so far,
                           * for each ticket this push creates */
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->tickets, g_hash_table_unref);
  g_clear_pointer (&batch->versions, g_hash_table_unref);
  g_clear_pointer (&batch->adopted, g_hash_table_unref);
  g_clear_pointer (&batch->numbers, g_hash_table_unref);
  g_clear_pointer (&batch->new_logs, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

static void
batch_init (Batch *batch)
{
  batch->tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) sapa_server_db_ticket_free);
  batch->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->adopted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->new_logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
}

/* Returns the push's copy of ticket @id (owned by @batch), or NULL when
 * the database failed. */
static Ticket *
batch_ticket (SapaServerDbConn  *conn,
              Batch             *batch,
              const char        *id,
              GError           **error)
{
  Ticket *ticket = g_hash_table_lookup (batch->tickets, id);

  if (ticket == NULL)
    {
      ticket = load_ticket (conn, id, error);
      if (ticket != NULL)
        g_hash_table_insert (batch->tickets, g_strdup (id), ticket);
    }
  return ticket;
}

static void
batch_changed (Batch  *batch,
               Ticket *ticket,
               gint64  seq)
{
  ticket->exists = TRUE;
  g_hash_table_insert (batch->versions, g_strdup (ticket->id), GSIZE_TO_POINTER ((gsize) seq));
}

static JsonObject *copy_object (JsonObject *object);

static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, copy_object (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copied = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copied, copy_node (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, copied);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* The request's objects are shared by every activity of a batch, so the
 * server's view is always a copy, down to the nested objects and arrays
 * that apply_activity () changes, with the members in the same order. */
static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, copy_node (node));
  return copy;
}

/* Makes @ticket the one a workstation sent, before its first activity,
 * @first. */
static void
adopt_sent (Batch        *batch,
            Ticket       *ticket,
            JsonObject   *sent,
            SapaActivity *first)
{
  ticket->flow = g_strdup (json_object_get_string_member (sent, "flow"));
  ticket->channel = g_strdup (json_object_get_string_member (sent, "channel"));
  ticket->airport = g_strdup (sapa_airport_lookup (json_object_get_string_member (sent, "airport"))->iata);
  ticket->workstation = json_object_get_int_member (sent, "workstation");
  ticket->status = NULL;
  ticket->body = copy_object (sent);
  /* A step would replace the body with a copy of @sent again. This copy
   * is the same, so it is recorded as that copy for apply_activity (). */
  if (!g_str_equal (sapa_activity_get_kind (first), SAPA_ACTIVITY_ACTION))
    g_hash_table_insert (batch->adopted, g_strdup (ticket->id), sent);
}

static const char *
booking_airport_of (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "booking");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), "airport", NULL);
}

static JsonObject *
body_record (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "record");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Checks what decides who sees a new ticket and what its number means,
 * since the workstation sent them: the report number is of the ticket's
 * airport and workstation and not another ticket's, the zone is the
 * airport's, the channel is one of the flow's, and only a pre-booking
 * carries a booking, for the airport its record names. Returns why not,
 * or NULL. */
static const char *
check_new_ticket (SapaServerDbConn  *conn,
                  JsonObject        *sent,
                  GError           **error)
{
  const char *id = json_object_get_string_member (sent, "id");
  const char *number = json_object_get_string_member (sent, "report_number");
  const char *channel = json_object_get_string_member (sent, "channel");
  const SapaFlow *flow = sapa_flow_lookup (json_object_get_string_member (sent, "flow"));
  const SapaAirport *airport = sapa_airport_lookup (json_object_get_string_member (sent, "airport"));
  guint workstation = json_object_get_int_member (sent, "workstation");
  const char *booking_airport = booking_airport_of (sent);
  g_autofree char *prefix = g_strdup_printf ("%s-%02u-", airport->iata, workstation);
  g_autofree char *taken_sql = NULL;
  gboolean channel_known = g_strcmp0 (flow->channel, channel) == 0;
  gint64 taken;

  if (!g_str_has_prefix (number, prefix) ||
      !g_regex_match_simple ("^[A-Z]{3}-[0-9]{2}-[0-9]{6}-[0-9]{4,9}$", number, 0, 0))
    return "the report number is not of the ticket's airport and workstation";

  if (g_strcmp0 (json_object_get_string_member (sent, "time_zone"), airport->time_zone) != 0)
    return "the time zone is not the airport's";

  for (guint i = 0; flow->channels != NULL && flow->channels[i].id != NULL; i++)
    channel_known |= g_strcmp0 (flow->channels[i].id, channel) == 0;
  if (!channel_known)
    return "the channel is not one of the flow's";

  if (booking_airport != NULL &&
      (!g_str_equal (flow->id, SAPA_FLOW_SNS_PREBOOK) ||
       g_strcmp0 (booking_airport,
                  json_object_get_string_member_with_default (body_record (sent), "airport", "")) != 0))
    return "only a pre-booking has a booking, for the airport it names";

  /* Both values passed the patterns above, so they are safe in the text. */
  taken_sql = g_strdup_printf ("SELECT count (*) FROM tickets WHERE report_number = '%s' AND id <> '%s'",
                               number, id);
  taken = primitives_of (conn)->query_number (conn, taken_sql, error);
  if (taken < 0)
    return NULL;
  return taken > 0 ? "the report number belongs to another ticket" : NULL;
}

static void
set_booking_stage (JsonObject *body,
                   const char *stage)
{
  JsonNode *node = json_object_get_member (body, "booking");

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_string_member (json_node_get_object (node), "stage", stage);
}

/* Folds @activity into the server's view of @ticket. A step of the
 * procedure brings the content its workstation sent (@sent); an action
 * brings only what the action changes. The status comes from the
 * activities alone. */
static void
apply_activity (Batch        *batch,
                Ticket       *ticket,
                SapaActivity *activity,
                JsonObject   *sent,
                const char   *status,
                gint64        seq)
{
  const char *action = sapa_activity_get_step (activity);
  JsonObject *payload = sapa_activity_get_payload (activity);
  const char *kind = sapa_activity_get_kind (activity);
  const char *escalated_to = NULL;

  /* A receipt may come from another workstation, whose copy of the
   * ticket is not the one the procedure's workstation keeps. */
  if (g_str_equal (kind, SAPA_ACTIVITY_RECEIPT))
    ;
  else if (!g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    {
      /* The body already copied from this very object is that copy. */
      if (sent != NULL && g_hash_table_lookup (batch->adopted, ticket->id) != sent)
        {
          gint64 first_seq = ticket->body != NULL
                               ? json_object_get_int_member_with_default (ticket->body, "first_seq", 0) : 0;

          g_clear_pointer (&ticket->body, json_object_unref);
          ticket->body = copy_object (sent);
          if (first_seq > 0)
            json_object_set_int_member (ticket->body, "first_seq", first_seq);
          g_hash_table_insert (batch->adopted, g_strdup (ticket->id), sent);
        }
      escalated_to = sapa_sync_escalation_airport (body_record (ticket->body));
    }
  else if (g_strcmp0 (action, SAPA_ACTION_ESCALATE) == 0 || g_strcmp0 (action, SAPA_ACTION_REASSIGN) == 0)
    {
      const char *unit = json_object_get_string_member_with_default (payload, "followup_unit", "");
      const char *note = json_object_get_string_member_with_default (payload, "followup_note", "");
      g_autofree char *followup = NULL;

      escalated_to = sapa_sync_escalation_airport (payload);
      followup = escalated_to != NULL ? g_strdup_printf ("%s / %s\n%s", unit, escalated_to, note)
                                      : g_strdup_printf ("%s\n%s", unit, note);
      json_object_set_string_member (ticket->body, "followup", followup);
    }
  else if (g_strcmp0 (action, SAPA_ACTION_DELIVER) == 0)
    json_object_set_string_member (ticket->body, "answer",
                                   json_object_get_string_member_with_default (payload, "delivered_answer", ""));
  else if (g_strcmp0 (action, SAPA_ACTION_NO_SHOW) == 0)
    set_booking_stage (ticket->body, "no_show");
  else if (g_strcmp0 (action, SAPA_ACTION_CANCEL_BOOKING) == 0)
    set_booking_stage (ticket->body, "cancelled");

  if (escalated_to == NULL && g_strcmp0 (status, SAPA_STATUS_ESCALATED) == 0 && ticket->escalated_to == NULL)
    escalated_to = ticket->airport;
  if (escalated_to != NULL)
    {
      g_free (ticket->escalated_to);
      ticket->escalated_to = g_strdup (escalated_to);
    }

  g_free (ticket->status);
  ticket->status = g_strdup (status);
  g_free (ticket->booking_airport);
  ticket->booking_airport = g_strdup (booking_airport_of (ticket->body));

  /* A desk that can read the ticket only later requests its history
   * when this number is before its cursor. */
  if (!json_object_has_member (ticket->body, "first_seq"))
    json_object_set_int_member (ticket->body, "first_seq", seq);
  json_object_set_string_member (ticket->body, "status", status);
  json_object_set_int_member (ticket->body, "updated_at",
                              MAX (json_object_get_int_member_with_default (ticket->body, "updated_at", 0),
                                   sapa_activity_get_created_at (activity)));
  json_object_set_int_member (ticket->body, "version", seq);
}

static gboolean
save_ticket (SapaServerDbConn  *conn,
             Ticket            *ticket,
             gint64             version,
             GError           **error)
{
  g_autofree char *body = sapa_sync_object_to_string (ticket->body);

  if (!primitives_of (conn)->save_ticket (conn, ticket,
                                       json_object_get_string_member (ticket->body, "report_number"),
                                       json_object_get_string_member_with_default (ticket->body, "channel",
                                                                                   ticket->channel),
                                       version, body, error))
    return FALSE;
  ticket->exists = TRUE;
  return TRUE;
}

/* A counter service that started from a booking marks that booking's
 * passenger as arrived, wherever the booking was made. */
static gboolean
mark_booking_arrived (SapaServerDbConn  *conn,
                      Batch             *batch,
                      Ticket            *arrival,
                      gint64             seq,
                      GError           **error)
{
  JsonObject *record = body_record (arrival->body);
  const char *booking_id;
  Ticket *booking;
  JsonNode *node;

  if (g_strcmp0 (arrival->flow, SAPA_FLOW_SNS_COUNTER) != 0 || record == NULL)
    return TRUE;
  booking_id = json_object_get_string_member_with_default (record, "booking_ticket_id", NULL);
  if (booking_id == NULL || g_str_equal (booking_id, arrival->id))
    return TRUE;

  booking = batch_ticket (conn, batch, booking_id, error);
  if (booking == NULL)
    return FALSE;
  node = booking->exists ? json_object_get_member (booking->body, "booking") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "stage", ""),
                 "expected") != 0)
    return TRUE;

  json_object_set_string_member (json_node_get_object (node), "stage", "arrived");
  json_object_set_string_member (json_node_get_object (node), "arrival_ticket_id", arrival->id);
  json_object_set_int_member (booking->body, "version", seq);
  batch_changed (batch, booking, seq);
  return TRUE;
}

/* Sync: push */

static void
set_rejected (JsonObject *result,
              const char *reason,
              const char *detail)
{
  json_object_set_string_member (result, "outcome", SAPA_SYNC_REJECTED);
  json_object_set_string_member (result, "reason", reason);
  json_object_set_string_member (result, "detail", detail);
}

/* Sets @result to the stored outcome of activity @id; returns 1 when
 * there is one, 0 when not, -1 when the database failed. */
static gint64
find_outcome (SapaServerDbConn  *conn,
              const char        *id,
              JsonObject        *result,
              GError           **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *detail = NULL;
  gint64 seq = 0;
  gint64 found = primitives_of (conn)->find_outcome (conn, id, &seq, &reason, &detail, error);

  if (found <= 0)
    return found;
  if (seq > 0)
    {
      json_object_set_string_member (result, "outcome", SAPA_SYNC_ACCEPTED);
      json_object_set_int_member (result, "seq", seq);
    }
  else
    set_rejected (result, reason, detail);
  return found;
}

/* Sets @result to the outcome an earlier push stored for @id. It is
 * called when an insert found @id taken. */
static gboolean
answer_stored_outcome (SapaServerDbConn  *conn,
                       const char        *id,
                       JsonObject        *result,
                       GError           **error)
{
  gint64 found = find_outcome (conn, id, result, error);

  if (found == 0)
    return sapa_server_db_failed (error, "find the outcome of a repeated activity");
  return found > 0;
}

static gboolean
store_rejection (SapaServerDbConn        *conn,
                 const SapaServerCaller  *caller,
                 const char              *id,
                 const char              *ticket_id,
                 const char              *reason,
                 const char              *detail,
                 JsonObject              *result,
                 GError                 **error)
{
  gint64 added = primitives_of (conn)->add_rejection (conn, caller, id, ticket_id, reason, detail,
                                                   g_get_real_time (), error);

  if (added < 0)
    return FALSE;
  if (added == 0)
    return answer_stored_outcome (conn, id, result, error);

  g_message ("Rejected activity %s of ticket %s from %s-%02u (%s): %s: %s",
             id, ticket_id, caller->workstation_airport, caller->workstation_number,
             caller->username, reason, detail);
  set_rejected (result, reason, detail);
  return TRUE;
}

/* A ticket's log is read, and sent in a history, up to this many
 * activities; no procedure comes near it. */
#define HISTORY_MAX_ACTIVITIES 10000

static const char latest_seq_sql[] = "SELECT coalesce (max (seq), 0) FROM activities";

/* Reads the accepted activities of @ticket, in sequence order, within
 * the push's transaction, so the earlier activities of the same push are
 * included. */
static GPtrArray *
read_ticket_log (SapaServerDbConn  *conn,
                 Ticket            *ticket,
                 GError           **error)
{
  SapaServerDbPage page = {
    .limit = HISTORY_MAX_ACTIVITIES,
    .all_airports = TRUE,
    .supervisor = TRUE,
    .airports = "",
    .ticket_id = ticket->id,
  };
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *log = g_ptr_array_new_with_free_func (g_object_unref);

  page.until = primitives_of (conn)->query_number (conn, latest_seq_sql, error);
  if (page.until < 0 || (rows = primitives_of (conn)->read_page (conn, &page, error)) == NULL)
    {
      g_ptr_array_unref (log);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SapaServerDbRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JsonObject) object = sapa_sync_parse_object (row->body, -1, NULL);
      SapaActivity *activity = object != NULL ? sapa_sync_activity_from_json (object, NULL) : NULL;

      if (activity != NULL)
        g_ptr_array_add (log, activity);
    }
  return log;
}

/* Returns the accepted activities of @ticket in sequence order. The
 * page query joins the tickets table, where a ticket first sent in this
 * push is written only at its end, so the log of such a ticket is the
 * one @batch keeps. */
static GPtrArray *
ticket_log (SapaServerDbConn  *conn,
            Batch             *batch,
            Ticket            *ticket,
            GError           **error)
{
  GPtrArray *log = g_hash_table_lookup (batch->new_logs, ticket->id);

  return log != NULL ? g_ptr_array_ref (log) : read_ticket_log (conn, ticket, error);
}

/* Sets @out_needs_pic to whether the answer to @ticket's escalation must
 * come from a PIC, by the rule the workstation applies too. */
static gboolean
read_answer_needs_pic (SapaServerDbConn  *conn,
                       Batch             *batch,
                       Ticket            *ticket,
                       gboolean          *out_needs_pic,
                       GError           **error)
{
  g_autoptr(GPtrArray) log = ticket_log (conn, batch, ticket, error);
  const char *unit = NULL;
  const char *airport = NULL;

  if (log == NULL)
    return FALSE;
  sapa_escalation_find_target (ticket->flow, ticket->airport, log, &unit, &airport);
  *out_needs_pic = sapa_escalation_answer_needs_pic (unit, airport, ticket->airport);
  return TRUE;
}

/* Returns why a reassignment @activity of @ticket is rejected, as
 * "unit / AIRPORT" of where the escalation already is, or NULL when it
 * moves the escalation (or when @error is set). The rule is the one the
 * workstation's store applies, sapa_escalation_check_reassign(), on the
 * target the same log gives there. */
static char *
check_reassignment (SapaServerDbConn  *conn,
                    Batch             *batch,
                    Ticket            *ticket,
                    SapaActivity      *activity,
                    GError           **error)
{
  g_autoptr(GPtrArray) log = NULL;
  const char *unit;
  const char *airport;

  if (!g_str_equal (sapa_activity_get_kind (activity), SAPA_ACTIVITY_ACTION) ||
      g_strcmp0 (sapa_activity_get_step (activity), SAPA_ACTION_REASSIGN) != 0)
    return NULL;

  log = ticket_log (conn, batch, ticket, error);
  if (log == NULL)
    return NULL;

  if (!sapa_escalation_find_target (ticket->flow, ticket->airport, log, &unit, &airport) ||
      sapa_escalation_check_reassign (unit, airport, sapa_activity_get_payload (activity), NULL))
    return NULL;
  return g_strdup_printf ("%s / %s", unit, airport);
}

static gboolean
push_one (SapaServerDbConn        *conn,
          Batch                   *batch,
          const SapaServerCaller  *caller,
          JsonObject              *activity_json,
          GHashTable              *sent_tickets,
          JsonObject              *result,
          GHashTable              *rejected_tickets,
          GError                 **error)
{
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *unchanged = NULL;
  Ticket *ticket;
  const char *id = json_object_get_string_member_with_default (activity_json, "id", "");
  const char *ticket_id = json_object_get_string_member_with_default (activity_json, "ticket_id", "");
  const char *status;
  const char *refusal;
  gboolean answer_needs_pic = TRUE;
  JsonObject *sent;
  gint64 seq, found;

  json_object_set_string_member (result, "id", id);
  /* A repeat gets the first answer, whatever it carries now. */
  found = find_outcome (conn, id, result, error);
  if (found != 0)
    return found > 0;

  activity = sapa_sync_activity_from_json (activity_json, &local_error);
  if (activity == NULL)
    {
      if (!sapa_uuid_is_v7 (id))
        {
          /* Without a valid id there is nothing to answer a repeat with. */
          set_rejected (result, SAPA_SYNC_REASON_INVALID, local_error->message);
          return TRUE;
        }
      return store_rejection (conn, caller, id, ticket_id, SAPA_SYNC_REASON_INVALID,
                              local_error->message, result, error);
    }

  ticket = batch_ticket (conn, batch, ticket_id, error);
  if (ticket == NULL)
    return FALSE;

  sent = g_hash_table_lookup (sent_tickets, ticket_id);
  if (!ticket->exists)
    {
      if (sent == NULL)
        return store_rejection (conn, caller, id, ticket_id, SAPA_SYNC_REASON_INVALID,
                                "the ticket was not sent with its first activity", result, error);
      refusal = check_new_ticket (conn, sent, error);
      if (refusal == NULL && error != NULL && *error != NULL)
        return FALSE;
      /* Two new tickets of one push are not in the database yet. */
      if (refusal == NULL &&
          g_hash_table_contains (batch->numbers, json_object_get_string_member (sent, "report_number")))
        refusal = "the report number belongs to another ticket";
      if (refusal != NULL)
        return store_rejection (conn, caller, id, ticket_id, SAPA_SYNC_REASON_INVALID, refusal, result, error);
      adopt_sent (batch, ticket, sent, activity);
      g_hash_table_add (batch->numbers, g_strdup (json_object_get_string_member (sent, "report_number")));
      if (!g_hash_table_contains (batch->new_logs, ticket_id))
        g_hash_table_insert (batch->new_logs, g_strdup (ticket_id),
                             g_ptr_array_new_with_free_func (g_object_unref));
    }

  if (g_str_equal (sapa_activity_get_kind (activity), SAPA_ACTIVITY_ACTION) &&
      g_strcmp0 (sapa_activity_get_step (activity), SAPA_ACTION_PIC_ANSWER) == 0 &&
      !read_answer_needs_pic (conn, batch, ticket, &answer_needs_pic, error))
    return FALSE;

  refusal = check_write (caller, ticket, activity, answer_needs_pic);
  if (refusal != NULL)
    {
      g_hash_table_add (rejected_tickets, g_strdup (ticket_id));
      return store_rejection (conn, caller, id, ticket_id, SAPA_SYNC_REASON_FORBIDDEN, refusal, result, error);
    }

  if (!sapa_sync_next_status (ticket->flow, activity, ticket->status, &status, &local_error))
    {
      gboolean moved = g_error_matches (local_error, SAPA_ERROR, SAPA_ERROR_STATE);

      g_hash_table_add (rejected_tickets, g_strdup (ticket_id));
      return store_rejection (conn, caller, id, ticket_id,
                              moved ? SAPA_SYNC_REASON_STATE : SAPA_SYNC_REASON_INVALID,
                              moved ? ticket->status : local_error->message, result, error);
    }

  unchanged = check_reassignment (conn, batch, ticket, activity, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (unchanged != NULL)
    {
      g_hash_table_add (rejected_tickets, g_strdup (ticket_id));
      return store_rejection (conn, caller, id, ticket_id, SAPA_SYNC_REASON_UNCHANGED, unchanged, result, error);
    }

  body = sapa_sync_object_to_string (activity_json);
  seq = primitives_of (conn)->add_activity (conn, caller, id, ticket_id, body, g_get_real_time (), error);
  if (seq < 0)
    return FALSE;
  if (seq == 0)
    return answer_stored_outcome (conn, id, result, error);

  apply_activity (batch, ticket, activity, sent, status, seq);
  batch_changed (batch, ticket, seq);
  if (g_hash_table_contains (batch->new_logs, ticket_id))
    g_ptr_array_add (g_hash_table_lookup (batch->new_logs, ticket_id), g_object_ref (activity));
  if (!mark_booking_arrived (conn, batch, ticket, seq, error))
    return FALSE;

  json_object_set_string_member (result, "outcome", SAPA_SYNC_ACCEPTED);
  json_object_set_int_member (result, "seq", seq);
  return TRUE;
}

/* Reads the tickets sent with a push into @sent_tickets (id → object).
 * A malformed ticket makes the whole push malformed, so nothing of it is
 * applied. */
static gboolean
read_sent_tickets (JsonObject  *body,
                   GHashTable  *sent_tickets,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (body, "tickets");
  JsonArray *sent;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID, "“tickets” must be an array");
      return FALSE;
    }
  sent = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (sent); i++)
    {
      JsonNode *element = json_array_get_element (sent, i);
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !sapa_sync_ticket_validate (json_node_get_object (element), &local_error))
        {
          g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                       "ticket %u: %s", i, local_error != NULL ? local_error->message : "not an object");
          return FALSE;
        }
      g_hash_table_insert (sent_tickets,
                           (gpointer) json_object_get_string_member (json_node_get_object (element), "id"),
                           json_node_get_object (element));
    }
  return TRUE;
}

static JsonArray *
read_activities (JsonObject  *body,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (body, "activities");
  JsonArray *activities;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > SAPA_SYNC_PUSH_BATCH)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "“activities” must be an array of at most %d activities", SAPA_SYNC_PUSH_BATCH);
      return NULL;
    }
  activities = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (activities); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (activities, i)))
      {
        g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID, "activity %u is not an object", i);
        return NULL;
      }
  return activities;
}

JsonObject *
sapa_server_db_push (SapaServerDb           *self,
                     const SapaServerCaller *caller,
                     JsonObject             *body,
                     GError                **error)
{
  g_autoptr(SapaServerDbConn) conn = NULL;
  g_autoptr(GHashTable) sent_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_autoptr(GHashTable) rejected_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) answer = json_object_new ();
  g_auto(Batch) batch = { NULL };
  JsonArray *results = json_array_new ();
  JsonArray *tickets = json_array_new ();
  JsonArray *activities;
  GHashTableIter iter;
  gpointer key, value;

  json_object_set_array_member (answer, "results", results);
  json_object_set_array_member (answer, "tickets", tickets);

  activities = read_activities (body, error);
  if (activities == NULL || !read_sent_tickets (body, sent_tickets, error))
    return NULL;

  /* The whole batch is one transaction; giving the connection back
   * without a commit rolls it back. */
  batch_init (&batch);
  conn = sapa_server_db_acquire (self, error);
  if (conn == NULL || !self->backend->begin (conn, SAPA_SERVER_DB_PUSH, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *result = json_object_new ();

      json_array_add_object_element (results, result);
      if (!push_one (conn, &batch, caller, json_array_get_object_element (activities, i),
                     sent_tickets, result, rejected_tickets, error))
        return NULL;
    }

  /* Each changed ticket is written once, at its last version. */
  g_hash_table_iter_init (&iter, batch.versions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!save_ticket (conn, g_hash_table_lookup (batch.tickets, key), (gint64) GPOINTER_TO_SIZE (value), error))
      return NULL;

  g_hash_table_iter_init (&iter, rejected_tickets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Ticket *ticket = batch_ticket (conn, &batch, key, error);

      if (ticket == NULL)
        return NULL;
      if (ticket->exists && may_read (caller, ticket))
        json_array_add_object_element (tickets, json_object_ref (ticket->body));
    }

  if (!primitives_of (conn)->note_station (conn, caller->workstation_id, "last_push", g_get_real_time (), 0, error) ||
      !self->backend->commit (conn, error))
    return NULL;

  {
    guint accepted = 0;

    for (guint i = 0; i < json_array_get_length (results); i++)
      accepted += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (results, i), "outcome"),
                             SAPA_SYNC_ACCEPTED) == 0;
    g_message ("Push from %s-%02u (%s): %u accepted, %u rejected", caller->workstation_airport,
               caller->workstation_number, caller->username, accepted, json_array_get_length (results) - accepted);
  }
  return g_steal_pointer (&answer);
}

/* Sync: pull */

/* The same rule as may_read () above. An airport is in the caller's list
 * when ",CODE," occurs in ",LIST,"; the codes are IATA letters, so LIKE
 * finds no other match. */
const char sapa_server_db_page_sql[] =
  "SELECT a.seq, a.body, a.ticket_id FROM activities a"
  " JOIN tickets t ON t.id = a.ticket_id"
  " WHERE a.seq > $1 AND a.seq <= $2 AND ("
  "  ($4 <> 0 AND ($3 <> 0 OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.airport || ',%')"
  "    OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.booking_airport || ',%')"
  "    OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.escalated_to || ',%')))"
  "  OR ($6 <> 0 AND ($3 <> 0 OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.airport || ',%')"
  "    OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.booking_airport || ',%')))"
  "  OR ($7 <> 0 AND ($3 <> 0 OR (',' || CAST ($5 AS TEXT) || ',') LIKE ('%,' || t.escalated_to || ',%')))"
  "  OR ($8 <> 0 AND (t.channel IN ('phone', 'email', 'facebook', 'x', 'instagram', 'other_social',"
  "    'social', 'live_chat') OR t.flow = 'sns_prebook')))"
  " AND (CAST ($10 AS TEXT) IS NULL OR a.ticket_id = CAST ($10 AS TEXT))"
  " ORDER BY a.seq LIMIT $9";

/* A pull page stops growing past about this many bytes of JSON. */
#define PULL_PAGE_MAX_BYTES (4 * 1024 * 1024)

void
sapa_server_db_row_free (SapaServerDbRow *row)
{
  g_free (row->body);
  g_free (row->ticket_id);
  g_free (row);
}

/* Sets the items of @answer from @rows and its tickets to the current
 * view of each ticket they name. */
static gboolean
add_page (SapaServerDbConn  *conn,
          GPtrArray         *rows,
          JsonObject        *answer,
          guint             *out_included,
          GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items = json_array_new ();
  JsonArray *tickets = json_array_new ();
  gsize bytes = 0;

  json_object_set_array_member (answer, "items", items);
  json_object_set_array_member (answer, "tickets", tickets);

  *out_included = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      SapaServerDbRow *row = g_ptr_array_index (rows, i);
      JsonObject *item;
      JsonObject *activity;

      /* Large records make a page large: it ends early, at least one
       * activity in, and the next page goes on from there. */
      if (i > 0 && bytes > PULL_PAGE_MAX_BYTES)
        break;
      bytes += strlen (row->body);

      item = json_object_new ();
      activity = sapa_sync_parse_object (row->body, -1, NULL);

      json_object_set_int_member (item, "seq", row->seq);
      json_object_set_object_member (item, "activity", activity ?: json_object_new ());
      json_array_add_object_element (items, item);

      if (!g_hash_table_contains (seen, row->ticket_id))
        {
          g_autoptr(Ticket) ticket = load_ticket (conn, row->ticket_id, error);

          if (ticket == NULL)
            return FALSE;
          g_hash_table_add (seen, row->ticket_id);
          if (ticket->exists)
            {
              g_autofree char *text = sapa_sync_object_to_string (ticket->body);

              bytes += strlen (text);
              json_array_add_object_element (tickets, json_object_ref (ticket->body));
            }
        }
      (*out_included)++;
    }
  return TRUE;
}

static JsonObject *
read_pull (SapaServerDb           *self,
           const SapaServerCaller *caller,
           gint64                  after,
           guint                   limit,
           const char             *ticket_id,
           GError                **error)
{
  g_autoptr(SapaServerDbConn) conn = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *airports = g_strjoinv (",", caller->airports);
  SapaServerDbPage page = {
    .after = after,
    .limit = limit,
    .all_airports = g_strv_contains ((const char * const *) caller->airports, SAPA_ALL_AIRPORTS),
    .supervisor = sapa_server_caller_has_role (caller, SAPA_ROLE_SUPERVISOR),
    .officer = sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) ||
               sapa_server_caller_has_role (caller, SAPA_ROLE_SNO),
    .pic = sapa_server_caller_has_role (caller, SAPA_ROLE_PIC),
    .cco = sapa_server_caller_has_role (caller, SAPA_ROLE_CCO),
    .airports = airports,
    .ticket_id = ticket_id,
  };
  gint64 next = after;
  guint included = 0;

  /* One read transaction: the newest number and the rows below it are
   * one snapshot, and each backend commits pushes in sequence order, so
   * no earlier number can appear after a reader passed it. */
  conn = sapa_server_db_acquire (self, error);
  if (conn == NULL || !self->backend->begin (conn, SAPA_SERVER_DB_READ, error))
    return NULL;

  page.until = primitives_of (conn)->query_number (conn, latest_seq_sql, error);
  if (page.until < 0)
    return NULL;
  rows = primitives_of (conn)->read_page (conn, &page, error);
  if (rows == NULL || !add_page (conn, rows, answer, &included, error))
    return NULL;

  /* A short page covers everything up to the newest number, visible or
   * not. A full page, or one cut for its size, stops at its last row. A
   * cursor past the newest number means the database was restored from
   * an older copy, whose numbers the workstation cannot trust: it starts
   * again from 0, and activities it already has are skipped by their id. */
  if (after > page.until)
    next = 0;
  else if (rows->len < limit && included == rows->len)
    next = page.until;
  else if (included > 0)
    next = ((SapaServerDbRow *) g_ptr_array_index (rows, included - 1))->seq;
  json_object_set_int_member (answer, "next", next);
  json_object_set_boolean_member (answer, "more",
                                  after > page.until ||
                                  (next < page.until && (rows->len == limit || included < rows->len)));

  self->backend->commit (conn, NULL);
  primitives_of (conn)->note_station (conn, caller->workstation_id, "last_pull", g_get_real_time (), next, NULL);
  return g_steal_pointer (&answer);
}

JsonObject *
sapa_server_db_pull (SapaServerDb           *self,
                     const SapaServerCaller *caller,
                     gint64                  after,
                     guint                   limit,
                     GError                **error)
{
  return read_pull (self, caller, after, limit, NULL, error);
}

JsonObject *
sapa_server_db_history (SapaServerDb           *self,
                        const SapaServerCaller *caller,
                        const char             *ticket_id,
                        GError                **error)
{
  JsonObject *answer;

  if (!sapa_uuid_is_v7 (ticket_id))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND, "No such ticket");
      return NULL;
    }

  /* The page query applies the caller's reading rule, so a ticket the
   * caller may not read has no activities here. */
  answer = read_pull (self, caller, 0, HISTORY_MAX_ACTIVITIES, ticket_id, error);
  if (answer != NULL && json_array_get_length (json_object_get_array_member (answer, "items")) == 0)
    {
      json_object_unref (answer);
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND, "No such ticket");
      return NULL;
    }
  return answer;
}

gint64
sapa_server_db_count_activities (SapaServerDb *self)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, NULL);

  if (conn == NULL)
    return -1;
  return primitives_of (conn)->query_number (conn, "SELECT count (*) FROM activities", NULL);
}
