/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-sync.c: the workstation's side of sync, in its store */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-store-private.h"
#include "sapa-store-sync.h"
#include "sapa-sync.h"
#include "sapa-ticket.h"

#define CURSOR_KEY     "pull_cursor"
#define LAST_SYNC_KEY  "last_sync"

/* A ticket as it goes on the wire, built by SQLite itself so that the
 * record and the booking stay nested objects. */
#define TICKET_JSON_SQL \
  "SELECT json_object ('id', t.id, 'report_number', t.report_number, 'flow', t.flow," \
  " 'channel', t.channel, 'airport', t.airport, 'time_zone', t.time_zone," \
  " 'workstation', t.workstation, 'officer', t.officer, 'status', t.status," \
  " 'name', t.name, 'phone', t.phone, 'phone_e164', t.phone_e164, 'email', t.email," \
  " 'category', t.category, 'purpose', t.purpose, 'answer', t.answer," \
  " 'followup', t.followup, 'record', json (t.record), 'step', t.step," \
  " 'created_at', t.created_at, 'updated_at', t.updated_at," \
  " 'booking', json ((SELECT json_object ('airport', b.airport, 'eta', b.eta," \
  "   'departure', b.departure, 'late', b.late, 'stage', b.stage," \
  "   'arrival_ticket_id', b.arrival_ticket_id) FROM sns_bookings b WHERE b.ticket_id = t.id)))" \
  " FROM tickets t WHERE t.id = ?"

void
sapa_sync_rejection_free (SapaSyncRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->activity_id);
  g_free (rejection->ticket_id);
  g_free (rejection->report_number);
  g_free (rejection->kind);
  g_free (rejection->step);
  g_free (rejection->reason);
  g_free (rejection->detail);
  g_free (rejection);
}

static gboolean
begin (sqlite3  *db,
       GError  **error)
{
  return sapa_store_exec (db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit_or_rollback (sqlite3   *db,
                    gboolean   ok,
                    GError   **error)
{
  if (ok && sapa_store_exec (db, "COMMIT", error))
    return TRUE;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gint64
read_state (sqlite3    *db,
            const char *key)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM sync_state WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
write_state (sqlite3     *db,
             const char  *key,
             gint64       value,
             GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                          " ON CONFLICT (key) DO UPDATE SET value = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "save the sync state");
  return FALSE;
}

/* Taking a batch */

static JsonObject *
read_ticket_json (sqlite3_stmt *stmt,
                  const char   *ticket_id)
{
  JsonObject *ticket = NULL;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ticket = sapa_sync_parse_object ((const char *) sqlite3_column_text (stmt, 0), -1, NULL);
  return ticket;
}

/* An activity whose ticket was never recorded (a discarded draft) has
 * nothing to sync; it stays here only. */
static gboolean
mark_local (sqlite3     *db,
            const char  *activity_id,
            GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "UPDATE sync_outbox SET state = 'local' WHERE activity_id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "mark an activity as local");
  return FALSE;
}

static gpointer
take_batch_func (SapaStore  *self,
                 gpointer    args,
                 GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  guint limit = GPOINTER_TO_UINT (args);
  g_autoptr(SapaStatement) rows = NULL;
  g_autoptr(SapaStatement) ticket_stmt = NULL;
  g_autoptr(JsonArray) activities = json_array_new ();
  g_autoptr(JsonArray) tickets = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *text = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT a.id, a.ticket_id, a.kind, a.step, a.branch, a.payload,"
                          " a.officer, a.airport, a.workstation, a.created_at"
                          " FROM sync_outbox o JOIN activities a ON a.id = o.activity_id"
                          " WHERE o.state = 'pending' ORDER BY o.rowid LIMIT ?",
                          -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, TICKET_JSON_SQL, -1, &ticket_stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare reading unsent activities");
      return NULL;
    }

  sqlite3_bind_int (rows, 1, limit);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *activity_id = (const char *) sqlite3_column_text (rows, 0);
      const char *ticket_id = (const char *) sqlite3_column_text (rows, 1);
      JsonObject *activity;
      JsonObject *payload;

      if (!g_hash_table_contains (seen, ticket_id))
        {
          JsonObject *ticket = read_ticket_json (ticket_stmt, ticket_id);

          if (ticket == NULL)
            {
              if (!mark_local (db, activity_id, error))
                return NULL;
              continue;
            }
          json_array_add_object_element (tickets, ticket);
          g_hash_table_add (seen, g_strdup (ticket_id));
        }

      activity = json_object_new ();
      json_object_set_string_member (activity, "id", activity_id);
      json_object_set_string_member (activity, "ticket_id", ticket_id);
      json_object_set_string_member (activity, "kind", (const char *) sqlite3_column_text (rows, 2));
      json_object_set_string_member (activity, "step", (const char *) sqlite3_column_text (rows, 3));
      json_object_set_string_member (activity, "branch", (const char *) sqlite3_column_text (rows, 4));
      payload = sapa_sync_parse_object ((const char *) sqlite3_column_text (rows, 5), -1, NULL);
      json_object_set_object_member (activity, "payload", payload ?: json_object_new ());
      json_object_set_string_member (activity, "officer", (const char *) sqlite3_column_text (rows, 6));
      json_object_set_string_member (activity, "airport", (const char *) sqlite3_column_text (rows, 7));
      json_object_set_int_member (activity, "workstation", sqlite3_column_int (rows, 8));
      json_object_set_int_member (activity, "created_at", sqlite3_column_int64 (rows, 9));
      json_array_add_object_element (activities, activity);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "read unsent activities");
      return NULL;
    }

  if (json_array_get_length (activities) == 0)
    return NULL;

  body = json_object_new ();
  json_object_set_array_member (body, "activities", g_steal_pointer (&activities));
  json_object_set_array_member (body, "tickets", g_steal_pointer (&tickets));
  text = sapa_sync_object_to_string (body);
  return g_bytes_new_take (g_steal_pointer (&text), strlen (text));
}

/* Applying the server's view of a ticket */

static gboolean
has_pending (sqlite3    *db,
             const char *ticket_id)
{
  g_autoptr(SapaCachedStatement) stmt =
    sapa_store_prepare_cached (db, "SELECT 1 FROM sync_outbox WHERE state = 'pending' AND ticket_id = ? LIMIT 1");

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 left = *(const gint64 *) a;
  gint64 right = *(const gint64 *) b;

  return (left > right) - (left < right);
}

/* Rewrites the search rows of the tickets in @ticket_ids, once each and
 * in rowid order. FTS5 (SQLite 3.40) keeps new rows in memory until the
 * commit. It writes them out early, as a new segment, when a later
 * statement opens a statement savepoint (an upsert, an insert that fires
 * a trigger) or when a row id is lower than the one before. So run this
 * after the other writes of a transaction: a page then adds one segment
 * to each search table instead of one per ticket. */
static gboolean
reindex_tickets (sqlite3     *db,
                 GHashTable  *ticket_ids,
                 GError     **error)
{
  g_autoptr(SapaCachedStatement) find =
    sapa_store_prepare_cached (db, "SELECT rowid FROM tickets WHERE id = ?");
  g_autoptr(SapaCachedStatement) row =
    sapa_store_prepare_cached (db, "SELECT " SAPA_STORE_INDEX_COLUMNS " FROM tickets WHERE rowid = ?");
  g_autoptr(SapaCachedStatement) drop_text =
    sapa_store_prepare_cached (db, "DELETE FROM ticket_search WHERE rowid = ?");
  g_autoptr(SapaCachedStatement) drop_phone =
    sapa_store_prepare_cached (db, "DELETE FROM ticket_phone WHERE rowid = ?");
  g_autoptr(SapaCachedStatement) insert_text =
    sapa_store_prepare_cached (db, "INSERT INTO ticket_search (rowid, report_number, name, purpose) VALUES (?, ?, ?, ?)");
  g_autoptr(SapaCachedStatement) insert_phone =
    sapa_store_prepare_cached (db, "INSERT INTO ticket_phone (rowid, digits) VALUES (?, ?)");
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (ticket_ids));
  GHashTableIter iter;
  const char *ticket_id;

  if (find == NULL || row == NULL || drop_text == NULL || drop_phone == NULL ||
      insert_text == NULL || insert_phone == NULL)
    goto failed;

  g_hash_table_iter_init (&iter, ticket_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &ticket_id, NULL))
    {
      gint64 rowid;

      sqlite3_reset (find);
      sqlite3_bind_text (find, 1, ticket_id, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        goto failed;
      rowid = sqlite3_column_int64 (find, 0);
      g_array_append_val (rowids, rowid);
    }
  g_array_sort (rowids, compare_rowids);

  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);

      sqlite3_reset (row);
      sqlite3_reset (drop_text);
      sqlite3_reset (drop_phone);
      sqlite3_bind_int64 (row, 1, rowid);
      sqlite3_bind_int64 (drop_text, 1, rowid);
      sqlite3_bind_int64 (drop_phone, 1, rowid);
      if (sqlite3_step (row) != SQLITE_ROW ||
          sqlite3_step (drop_text) != SQLITE_DONE ||
          sqlite3_step (drop_phone) != SQLITE_DONE ||
          !sapa_store_index_ticket_row (insert_text, insert_phone, row))
        goto failed;
    }
  return TRUE;

failed:
  sapa_store_set_error (error, db, "index a synced ticket");
  return FALSE;
}

static gboolean
save_booking (sqlite3     *db,
              const char  *ticket_json,
              GError     **error)
{
  g_autoptr(SapaCachedStatement) stmt = NULL;

  /* The arrival ticket may live only at the airport that served it. */
  if ((stmt = sapa_store_prepare_cached (db,
                          "INSERT INTO sns_bookings (ticket_id, airport, eta, departure, late, stage,"
                          "  arrival_ticket_id, updated_at)"
                          " SELECT json_extract (?1, '$.id'), json_extract (?1, '$.booking.airport'),"
                          "  json_extract (?1, '$.booking.eta'), json_extract (?1, '$.booking.departure'),"
                          "  coalesce (json_extract (?1, '$.booking.late'), 0),"
                          "  json_extract (?1, '$.booking.stage'),"
                          "  (SELECT id FROM tickets WHERE id = json_extract (?1, '$.booking.arrival_ticket_id')),"
                          "  ?2"
                          " WHERE json_type (?1, '$.booking') = 'object'"
                          " ON CONFLICT (ticket_id) DO UPDATE SET airport = excluded.airport,"
                          "  eta = excluded.eta, departure = excluded.departure, late = excluded.late,"
                          "  stage = excluded.stage,"
                          "  arrival_ticket_id = coalesce (excluded.arrival_ticket_id, arrival_ticket_id),"
                          "  updated_at = excluded.updated_at")) == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, ticket_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "save a synced booking");
  return FALSE;
}

/* Takes the server's view of a ticket unless this store already has a
 * later one or still has unsent activities of it: those would be undone
 * until their push, and the server sends the ticket again with them.
 * With @undo_local, the same version is taken too: the server rejected
 * an activity applied here, and its view has not moved since the last
 * pull, but this store's copy has. */
static gboolean
apply_ticket (sqlite3     *db,
              JsonObject  *ticket,
              gboolean     undo_local,
              gint64       covered_from,
              GPtrArray   *history,
              GHashTable  *changed,
              GError     **error)
{
  g_autoptr(SapaCachedStatement) stmt = NULL;
  g_autoptr(SapaCachedStatement) known = NULL;
  g_autofree char *text = NULL;
  const char *ticket_id;
  gint64 first_seq;

  if (!sapa_sync_ticket_validate (ticket, error))
    return FALSE;

  ticket_id = json_object_get_string_member (ticket, "id");
  if (has_pending (db, ticket_id))
    return TRUE;

  /* A ticket new here whose first activity went past this store's cursor
   * before it could see it (an escalation to its airport, say) lacks its
   * earlier activities: the caller asks the server for them. */
  first_seq = json_object_get_int_member_with_default (ticket, "first_seq", 0);
  if (history != NULL && first_seq > 0 && first_seq <= covered_from &&
      (known = sapa_store_prepare_cached (db, "SELECT 1 FROM tickets WHERE id = ?")) != NULL)
    {
      sqlite3_bind_text (known, 1, ticket_id, -1, SQLITE_STATIC);
      if (sqlite3_step (known) == SQLITE_DONE)
        g_ptr_array_add (history, g_strdup (ticket_id));
    }

  text = sapa_sync_object_to_string (ticket);
  if ((stmt = sapa_store_prepare_cached (db,
                          "INSERT INTO tickets (id, report_number, flow, channel, airport, time_zone,"
                          "  workstation, officer, status, name, phone, phone_e164, email, category,"
                          "  purpose, answer, followup, record, step, created_at, updated_at, server_version)"
                          " SELECT json_extract (?1, '$.id'), json_extract (?1, '$.report_number'),"
                          "  json_extract (?1, '$.flow'), json_extract (?1, '$.channel'),"
                          "  json_extract (?1, '$.airport'), json_extract (?1, '$.time_zone'),"
                          "  json_extract (?1, '$.workstation'), coalesce (json_extract (?1, '$.officer'), ''),"
                          "  json_extract (?1, '$.status'), coalesce (json_extract (?1, '$.name'), ''),"
                          "  coalesce (json_extract (?1, '$.phone'), ''), json_extract (?1, '$.phone_e164'),"
                          "  coalesce (json_extract (?1, '$.email'), ''), coalesce (json_extract (?1, '$.category'), ''),"
                          "  coalesce (json_extract (?1, '$.purpose'), ''), coalesce (json_extract (?1, '$.answer'), ''),"
                          "  coalesce (json_extract (?1, '$.followup'), ''), json_extract (?1, '$.record'),"
                          "  json_extract (?1, '$.step'), json_extract (?1, '$.created_at'),"
                          "  coalesce (json_extract (?1, '$.updated_at'), json_extract (?1, '$.created_at')),"
                          "  json_extract (?1, '$.version')"
                          " WHERE true"
                          " ON CONFLICT (id) DO UPDATE SET channel = excluded.channel,"
                          "  officer = excluded.officer, status = excluded.status, name = excluded.name,"
                          "  phone = excluded.phone, phone_e164 = excluded.phone_e164,"
                          "  email = excluded.email, category = excluded.category,"
                          "  purpose = excluded.purpose, answer = excluded.answer,"
                          "  followup = excluded.followup, record = excluded.record, step = excluded.step,"
                          "  updated_at = max (updated_at, excluded.updated_at),"
                          "  server_version = excluded.server_version"
                          " WHERE excluded.server_version > server_version"
                          "  OR (?2 AND excluded.server_version = server_version)")) == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, undo_local);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;

  if (sqlite3_changes (db) == 0)
    return TRUE;

  g_hash_table_add (changed, g_strdup (ticket_id));
  return save_booking (db, text, error);

failed:
  sapa_store_set_error (error, db, "save a synced ticket");
  return FALSE;
}

static gboolean
apply_tickets (sqlite3     *db,
               JsonObject  *body,
               gboolean     undo_local,
               gint64       covered_from,
               GPtrArray   *history,
               GHashTable  *changed,
               GError     **error)
{
  JsonNode *node = json_object_get_member (body, "tickets");
  JsonArray *tickets;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
      return FALSE;
    }

  tickets = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonNode *element = json_array_get_element (tickets, i);

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !apply_ticket (db, json_node_get_object (element), undo_local, covered_from, history, changed, error))
        {
          g_prefix_error (error, "%s ", _("The server's answer is malformed."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Applying a push answer */

static gboolean
apply_results (sqlite3     *db,
               JsonObject  *body,
               GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  JsonNode *node = json_object_get_member (body, "results");
  JsonArray *results;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto malformed;

  if (sqlite3_prepare_v2 (db,
                          "UPDATE sync_outbox SET state = ?2, seq = ?3, reason = ?4, detail = ?5,"
                          " updated_at = ?6 WHERE activity_id = ?1 AND state = 'pending'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare recording the push");
      return FALSE;
    }

  results = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      JsonObject *result;
      const char *id, *outcome;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto malformed;
      result = json_node_get_object (element);
      id = json_object_get_string_member_with_default (result, "id", NULL);
      outcome = json_object_get_string_member_with_default (result, "outcome", "");
      if (id == NULL ||
          (!g_str_equal (outcome, SAPA_SYNC_ACCEPTED) && !g_str_equal (outcome, SAPA_SYNC_REJECTED)))
        goto malformed;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, outcome, -1, SQLITE_STATIC);
      if (json_object_has_member (result, "seq"))
        sqlite3_bind_int64 (stmt, 3, json_object_get_int_member_with_default (result, "seq", 0));
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (result, "reason", NULL),
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, json_object_get_string_member_with_default (result, "detail", NULL),
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sapa_store_set_error (error, db, "record the push");
          return FALSE;
        }
    }
  return TRUE;

malformed:
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
  return FALSE;
}

static gpointer
apply_push_func (SapaStore  *self,
                 gpointer    args,
                 GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  GBytes *response = args;
  g_autoptr(JsonObject) body = NULL;
  gsize size;
  const char *data = g_bytes_get_data (response, &size);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok;

  body = sapa_sync_parse_object (data, size, error);
  if (body == NULL || !begin (db, error))
    return NULL;

  ok = apply_results (db, body, error) &&
       apply_tickets (db, body, TRUE, -1, NULL, changed, error) &&
       reindex_tickets (db, changed, error);
  if (!commit_or_rollback (db, ok, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* Applying a pull page */

static gboolean
insert_pulled (sqlite3_stmt  *insert,
               sqlite3_stmt  *accept,
               JsonObject    *item,
               guint         *applied,
               GError       **error)
{
  sqlite3 *db = sqlite3_db_handle (insert);
  JsonNode *node = json_object_get_member (item, "activity");
  g_autofree char *payload = NULL;
  gint64 seq = json_object_get_int_member_with_default (item, "seq", 0);
  JsonObject *object;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || seq <= 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
      return FALSE;
    }

  object = json_node_get_object (node);
  if (!sapa_sync_activity_check (object, &payload, error))
    return FALSE;

  id = json_object_get_string_member (object, "id");
  sqlite3_reset (insert);
  sqlite3_bind_text (insert, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, json_object_get_string_member (object, "ticket_id"), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, json_object_get_string_member (object, "kind"), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, json_object_get_string_member_with_default (object, "step", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, json_object_get_string_member_with_default (object, "branch", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, json_object_get_string_member_with_default (object, "officer", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, json_object_get_string_member_with_default (object, "airport", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 9, json_object_get_int_member (object, "workstation"));
  sqlite3_bind_int64 (insert, 10, json_object_get_int_member (object, "created_at"));
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "save a synced activity");
      return FALSE;
    }
  *applied += sqlite3_changes (db);

  /* The trigger queued it as if made here; the server already has it. */
  sqlite3_reset (accept);
  sqlite3_bind_text (accept, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (accept, 2, seq);
  if (sqlite3_step (accept) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "mark a synced activity");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  guint      applied;
  gboolean   more;
  GPtrArray *history;   /* ids of tickets whose earlier activities are missing */
} PullResult;

static void
pull_result_free (PullResult *result)
{
  g_clear_pointer (&result->history, g_ptr_array_unref);
  g_free (result);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PullResult, pull_result_free)

/* Saves the activities of @body's "items" that this store lacks, as
 * accepted by the server. */
static gboolean
apply_items (sqlite3     *db,
             JsonObject  *body,
             guint       *applied,
             GError     **error)
{
  g_autoptr(SapaStatement) insert = NULL;
  g_autoptr(SapaStatement) accept = NULL;
  JsonNode *items_node = json_object_get_member (body, "items");
  JsonArray *items;

  if (items_node == NULL || !JSON_NODE_HOLDS_ARRAY (items_node))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO activities (id, ticket_id, kind, step, branch, payload,"
                          " officer, airport, workstation, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (id) DO NOTHING",
                          -1, &insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "UPDATE sync_outbox SET state = 'accepted', seq = ?2 WHERE activity_id = ?1",
                          -1, &accept, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare saving synced activities");
      return FALSE;
    }

  items = json_node_get_array (items_node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
          return FALSE;
        }
      if (!insert_pulled (insert, accept, json_node_get_object (element), applied, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_page (sqlite3     *db,
            JsonObject  *body,
            gint64       after,
            PullResult  *result,
            GError     **error)
{
  gint64 next = json_object_get_int_member_with_default (body, "next", -1);
  gint64 cursor = read_state (db, CURSOR_KEY);
  JsonNode *items = json_object_get_member (body, "items");
  gboolean has_items = items != NULL && JSON_NODE_HOLDS_ARRAY (items) &&
                       json_array_get_length (json_node_get_array (items)) > 0;
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (cursor != after)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_STATE,
                   _("The received page does not continue from the last one saved. Sync again."));
      return FALSE;
    }

  /* The server moves a cursor back, with nothing to apply, only when its
   * database is older than this store's cursor, as after a restore. */
  if (next < 0 || (next < cursor && has_items))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
      return FALSE;
    }
  if (next < cursor)
    g_message ("The server's newest activity is %" G_GINT64_FORMAT ", before this store's cursor %"
               G_GINT64_FORMAT "; pulling again from there", next, cursor);

  if (!apply_tickets (db, body, FALSE, cursor, result->history, changed, error) ||
      !apply_items (db, body, &result->applied, error))
    return FALSE;

  result->more = json_object_get_boolean_member_with_default (body, "more", FALSE);
  /* The cursor moves in the transaction that applied what it covers.
   * The search rows are written last, as reindex_tickets () explains. */
  return write_state (db, CURSOR_KEY, next, error) && reindex_tickets (db, changed, error);
}

/* A ticket's whole log, asked for after a pull: no cursor moves. */
static gpointer
apply_history_func (SapaStore  *self,
                    gpointer    args,
                    GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  GBytes *history = args;
  g_autoptr(JsonObject) body = NULL;
  gsize size;
  const char *data = g_bytes_get_data (history, &size);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint applied = 0;
  gboolean ok;

  body = sapa_sync_parse_object (data, size, error);
  if (body == NULL || !begin (db, error))
    return NULL;

  ok = apply_tickets (db, body, FALSE, -1, NULL, changed, error) &&
       apply_items (db, body, &applied, error) &&
       reindex_tickets (db, changed, error);
  if (!commit_or_rollback (db, ok, error))
    return NULL;
  return GUINT_TO_POINTER (applied + 1);
}

typedef struct {
  JsonObject *page;
  gint64      after;   /* the cursor the page was requested after */
} PullArgs;

static void
pull_args_free (PullArgs *args)
{
  json_object_unref (args->page);
  g_free (args);
}

static gpointer
apply_pull_func (SapaStore  *self,
                 gpointer    args,
                 GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  PullArgs *pull = args;
  g_autoptr(PullResult) result = g_new0 (PullResult, 1);
  gboolean ok;

  result->history = g_ptr_array_new_with_free_func (g_free);
  if (!begin (db, error))
    return NULL;

  ok = apply_page (db, pull->page, pull->after, result, error);
  if (!commit_or_rollback (db, ok, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* Status */

static gpointer
get_status_func (SapaStore  *self,
                 gpointer    args,
                 GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  g_autoptr(SapaStatement) stmt = NULL;
  SapaSyncStatus *status = g_new0 (SapaSyncStatus, 1);

  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT count (*) FROM sync_outbox WHERE state = 'pending'),"
                          " (SELECT count (*) FROM sync_outbox WHERE state = 'rejected')",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      sapa_store_set_error (error, db, "count unsent activities");
      g_free (status);
      return NULL;
    }

  status->pending = sqlite3_column_int (stmt, 0);
  status->rejected = sqlite3_column_int (stmt, 1);
  status->cursor = read_state (db, CURSOR_KEY);
  status->last_sync = read_state (db, LAST_SYNC_KEY);
  return status;
}

static gpointer
mark_synced_func (SapaStore  *self,
                  gpointer    args,
                  GError    **error)
{
  gint64 *now = args;

  return write_state (sapa_store_get_db (self), LAST_SYNC_KEY, *now, error) ? self : NULL;
}

char *
sapa_sync_rejection_describe (const SapaSyncRejection *rejection)
{
  g_return_val_if_fail (rejection != NULL, NULL);

  if (rejection->follows_rejected && g_strcmp0 (rejection->reason, SAPA_SYNC_REASON_STATE) == 0)
    return g_strdup_printf (_("An earlier step of this ticket was rejected, so this step, which followed it, could not be applied either. On the server the ticket is “%s”. Look at the ticket again."),
                            sapa_ticket_status_label (rejection->detail));
  return sapa_sync_describe_rejection (rejection->reason, rejection->detail);
}

static gpointer
list_rejected_func (SapaStore  *self,
                    gpointer    args,
                    GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GPtrArray) rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_sync_rejection_free);
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT o.activity_id, a.ticket_id, coalesce (t.report_number, ''), a.kind,"
                          " coalesce (a.step, ''), coalesce (o.reason, ''), coalesce (o.detail, ''),"
                          " a.created_at,"
                          " EXISTS (SELECT 1 FROM sync_outbox e JOIN activities b ON b.id = e.activity_id"
                          "   WHERE e.state = 'rejected' AND e.rowid < o.rowid AND b.ticket_id = a.ticket_id)"
                          " FROM sync_outbox o JOIN activities a ON a.id = o.activity_id"
                          " LEFT JOIN tickets t ON t.id = a.ticket_id"
                          " WHERE o.state = 'rejected' ORDER BY o.rowid DESC LIMIT 1000",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare listing rejected activities");
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaSyncRejection *rejection = g_new0 (SapaSyncRejection, 1);

      rejection->activity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rejection->ticket_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rejection->report_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rejection->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      rejection->step = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      rejection->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      rejection->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      rejection->created_at = sqlite3_column_int64 (stmt, 7);
      rejection->follows_rejected = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (rejections, rejection);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "list rejected activities");
      return NULL;
    }
  return g_steal_pointer (&rejections);
}

/* Public API */

GBytes *
sapa_store_sync_take_batch (SapaStore  *self,
                            guint       limit,
                            GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  return sapa_store_run_job (self, take_batch_func, GUINT_TO_POINTER (limit), error);
}

void
sapa_store_sync_take_batch_async (SapaStore           *self,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (limit > 0);
  sapa_store_queue_job (self, sapa_store_sync_take_batch_async, take_batch_func,
                        GUINT_TO_POINTER (limit), NULL, (GDestroyNotify) g_bytes_unref,
                        cancellable, callback, user_data);
}

GBytes *
sapa_store_sync_take_batch_finish (SapaStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_sync_take_batch_async, error);
}

gboolean
sapa_store_sync_apply_push (SapaStore  *self,
                            GBytes     *response,
                            GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  return sapa_store_run_job (self, apply_push_func, response, error) != NULL;
}

void
sapa_store_sync_apply_push_async (SapaStore           *self,
                                  GBytes              *response,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  sapa_store_queue_job (self, sapa_store_sync_apply_push_async, apply_push_func,
                        g_bytes_ref (response), (GDestroyNotify) g_bytes_unref, NULL,
                        cancellable, callback, user_data);
}

gboolean
sapa_store_sync_apply_push_finish (SapaStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_sync_apply_push_async, error) != NULL;
}

static GStrv
take_history (PullResult *result)
{
  g_ptr_array_add (result->history, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&result->history), FALSE);
}

gboolean
sapa_store_sync_apply_pull (SapaStore   *self,
                            JsonObject  *page,
                            gint64       after,
                            gboolean    *out_more,
                            guint       *out_applied,
                            GStrv       *out_history,
                            GError     **error)
{
  PullArgs args = { page, after };
  g_autoptr(PullResult) result = NULL;

  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  result = sapa_store_run_job (self, apply_pull_func, &args, error);
  if (result == NULL)
    return FALSE;
  if (out_more != NULL)
    *out_more = result->more;
  if (out_applied != NULL)
    *out_applied = result->applied;
  if (out_history != NULL)
    *out_history = take_history (result);
  return TRUE;
}

void
sapa_store_sync_apply_pull_async (SapaStore           *self,
                                  JsonObject          *page,
                                  gint64               after,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PullArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (page != NULL);

  args = g_new0 (PullArgs, 1);
  args->page = json_object_ref (page);
  args->after = after;
  sapa_store_queue_job (self, sapa_store_sync_apply_pull_async, apply_pull_func,
                        args, (GDestroyNotify) pull_args_free, (GDestroyNotify) pull_result_free,
                        cancellable, callback, user_data);
}

gint64
sapa_store_sync_apply_pull_finish (SapaStore     *self,
                                   GAsyncResult  *result,
                                   gboolean      *out_more,
                                   GStrv         *out_history,
                                   GError       **error)
{
  g_autoptr(PullResult) pulled = sapa_store_finish_job (self, result, sapa_store_sync_apply_pull_async, error);

  if (pulled == NULL)
    return -1;
  if (out_more != NULL)
    *out_more = pulled->more;
  if (out_history != NULL)
    *out_history = take_history (pulled);
  return pulled->applied;
}

gint64
sapa_store_sync_apply_history (SapaStore  *self,
                               GBytes     *history,
                               GError    **error)
{
  gpointer applied;

  g_return_val_if_fail (SAPA_IS_STORE (self), -1);
  applied = sapa_store_run_job (self, apply_history_func, history, error);
  return applied != NULL ? (gint64) GPOINTER_TO_UINT (applied) - 1 : -1;
}

void
sapa_store_sync_apply_history_async (SapaStore           *self,
                                     GBytes              *history,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  sapa_store_queue_job (self, sapa_store_sync_apply_history_async, apply_history_func,
                        g_bytes_ref (history), (GDestroyNotify) g_bytes_unref, NULL,
                        cancellable, callback, user_data);
}

gint64
sapa_store_sync_apply_history_finish (SapaStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  gpointer applied = sapa_store_finish_job (self, result, sapa_store_sync_apply_history_async, error);

  return applied != NULL ? (gint64) GPOINTER_TO_UINT (applied) - 1 : -1;
}

gboolean
sapa_store_sync_mark_synced (SapaStore  *self,
                             gint64      now,
                             GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  return sapa_store_run_job (self, mark_synced_func, &now, error) != NULL;
}

gboolean
sapa_store_sync_get_status (SapaStore       *self,
                            SapaSyncStatus  *out_status,
                            GError         **error)
{
  g_autofree SapaSyncStatus *status = NULL;

  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  status = sapa_store_run_job (self, get_status_func, NULL, error);
  if (status == NULL)
    return FALSE;
  *out_status = *status;
  return TRUE;
}

void
sapa_store_sync_get_status_async (SapaStore           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  sapa_store_queue_job (self, sapa_store_sync_get_status_async, get_status_func,
                        NULL, NULL, g_free, cancellable, callback, user_data);
}

gboolean
sapa_store_sync_get_status_finish (SapaStore       *self,
                                   GAsyncResult    *result,
                                   SapaSyncStatus  *out_status,
                                   GError         **error)
{
  g_autofree SapaSyncStatus *status = sapa_store_finish_job (self, result, sapa_store_sync_get_status_async, error);

  if (status == NULL)
    return FALSE;
  *out_status = *status;
  return TRUE;
}

GPtrArray *
sapa_store_sync_list_rejected (SapaStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  return sapa_store_run_job (self, list_rejected_func, NULL, error);
}

void
sapa_store_sync_list_rejected_async (SapaStore           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  sapa_store_queue_job (self, sapa_store_sync_list_rejected_async, list_rejected_func,
                        NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        cancellable, callback, user_data);
}

GPtrArray *
sapa_store_sync_list_rejected_finish (SapaStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_sync_list_rejected_async, error);
}

typedef struct {
  const char *activity_id;
  char       *state;
} StateArgs;

static gpointer
activity_state_func (SapaStore  *self,
                     gpointer    args,
                     GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  StateArgs *state = args;
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT state FROM sync_outbox WHERE activity_id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "read an activity's sync state");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, state->activity_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  state->state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return self;
}

gboolean
sapa_store_sync_get_activity_state (SapaStore   *self,
                                    const char  *activity_id,
                                    char       **out_state,
                                    GError     **error)
{
  StateArgs args = { activity_id, NULL };

  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  if (sapa_store_run_job (self, activity_state_func, &args, error) == NULL)
    return FALSE;
  *out_state = args.state;
  return TRUE;
}
