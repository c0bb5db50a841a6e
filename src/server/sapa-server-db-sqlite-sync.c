/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-sqlite-sync.c: the SQLite backend's sync primitives */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-server-db-sqlite-private.h"

static gint64
sqlite_find_outcome (SapaServerDbConn  *conn,
                     const char        *id,
                     gint64            *out_seq,
                     char             **out_reason,
                     char             **out_detail,
                     GError           **error)
{
  g_autoptr(Statement) accepted = prepare (conn, "SELECT seq FROM activities WHERE id = ?", error);
  g_autoptr(Statement) rejected = prepare (conn, "SELECT reason, detail FROM rejections WHERE id = ?", error);
  gint64 found;

  if (accepted == NULL || rejected == NULL)
    return -1;

  sqlite3_bind_text (accepted, 1, id, -1, SQLITE_STATIC);
  found = step_row (conn, accepted, "find an activity", error);
  if (found != 0)
    {
      if (found > 0)
        *out_seq = sqlite3_column_int64 (accepted, 0);
      return found;
    }

  sqlite3_bind_text (rejected, 1, id, -1, SQLITE_STATIC);
  found = step_row (conn, rejected, "find a rejection", error);
  if (found > 0)
    {
      *out_seq = 0;
      *out_reason = column_text (rejected, 0);
      *out_detail = column_text (rejected, 1);
    }
  return found;
}

static gint64
sqlite_add_rejection (SapaServerDbConn        *conn,
                      const SapaServerCaller  *caller,
                      const char              *id,
                      const char              *ticket_id,
                      const char              *reason,
                      const char              *detail,
                      gint64                   received_at,
                      GError                 **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "INSERT INTO rejections (id, ticket_id, reason, detail, user_id,"
                                       " workstation_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                       " ON CONFLICT (id) DO NOTHING", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, caller->user_id);
  sqlite3_bind_int64 (stmt, 6, caller->workstation_id);
  sqlite3_bind_int64 (stmt, 7, received_at);
  return run (conn, stmt, "store a rejection", error);
}

static gint64
sqlite_add_activity (SapaServerDbConn        *conn,
                     const SapaServerCaller  *caller,
                     const char              *id,
                     const char              *ticket_id,
                     const char              *body,
                     gint64                   received_at,
                     GError                 **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "INSERT INTO activities (id, ticket_id, body, user_id,"
                                       " workstation_id, received_at) VALUES (?, ?, ?, ?, ?, ?)"
                                       " ON CONFLICT (id) DO NOTHING RETURNING seq", error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, caller->user_id);
  sqlite3_bind_int64 (stmt, 5, caller->workstation_id);
  sqlite3_bind_int64 (stmt, 6, received_at);
  found = step_row (conn, stmt, "store an activity", error);
  if (found <= 0)
    return found;
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
sqlite_find_ticket (SapaServerDbConn     *conn,
                    const char           *id,
                    SapaServerDbTicket  **out_ticket,
                    GError              **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "SELECT flow, channel, airport, workstation, status,"
                                       " booking_airport, escalated_to, body FROM tickets WHERE id = ?",
                                       error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = step_row (conn, stmt, "load a ticket", error);
  if (found > 0)
    *out_ticket = sapa_server_db_ticket_new (id, (const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             sqlite3_column_int (stmt, 3),
                                             (const char *) sqlite3_column_text (stmt, 4),
                                             (const char *) sqlite3_column_text (stmt, 5),
                                             (const char *) sqlite3_column_text (stmt, 6),
                                             (const char *) sqlite3_column_text (stmt, 7));
  return found;
}

static gboolean
sqlite_save_ticket (SapaServerDbConn          *conn,
                    const SapaServerDbTicket  *ticket,
                    const char                *report_number,
                    const char                *channel,
                    gint64                     version,
                    const char                *body,
                    GError                   **error)
{
  g_autoptr(Statement) stmt = NULL;

  stmt = prepare (conn,
                  "INSERT INTO tickets (id, report_number, flow, channel, airport, workstation,"
                  "  booking_airport, escalated_to, status, version, body)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                  " ON CONFLICT (id) DO UPDATE SET channel = ?4, booking_airport = ?7,"
                  "  escalated_to = ?8, status = ?9, version = ?10, body = ?11", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ticket->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ticket->flow, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, ticket->airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, ticket->workstation);
  sqlite3_bind_text (stmt, 7, ticket->booking_airport, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, ticket->escalated_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, ticket->status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, version);
  sqlite3_bind_text (stmt, 11, body, -1, SQLITE_STATIC);
  return run (conn, stmt, "save a ticket", error) >= 0;
}

static gboolean
sqlite_note_station (SapaServerDbConn  *conn,
                     gint64             workstation_id,
                     const char        *column,
                     gint64             now,
                     gint64             pulled_to,
                     GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE workstations SET %s = ?1,"
                                          " pulled_to = max (pulled_to, ?2) WHERE id = ?3", column);
  g_autoptr(Statement) stmt = prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, pulled_to);
  sqlite3_bind_int64 (stmt, 3, workstation_id);
  return run (conn, stmt, "note a workstation's sync", error) >= 0;
}

static gint64
sqlite_query_number (SapaServerDbConn  *conn,
                     const char        *sql,
                     GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, sql, error);

  if (stmt == NULL || step_row (conn, stmt, "read a number", error) <= 0)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Binds the parameter "$N" of @stmt, as the shared page query names them. */
static int
parameter (Statement *stmt,
           int        n)
{
  char name[8];

  g_snprintf (name, sizeof name, "$%d", n);
  return sqlite3_bind_parameter_index (stmt, name);
}

static GPtrArray *
sqlite_read_page (SapaServerDbConn        *conn,
                  const SapaServerDbPage  *page,
                  GError                 **error)
{
  g_autoptr(Statement) stmt = prepare (conn, sapa_server_db_page_sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_server_db_row_free);
  gint64 found;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, parameter (stmt, 1), page->after);
  sqlite3_bind_int64 (stmt, parameter (stmt, 2), page->until);
  sqlite3_bind_int (stmt, parameter (stmt, 3), page->all_airports);
  sqlite3_bind_int (stmt, parameter (stmt, 4), page->supervisor);
  sqlite3_bind_text (stmt, parameter (stmt, 5), page->airports, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, parameter (stmt, 6), page->officer);
  sqlite3_bind_int (stmt, parameter (stmt, 7), page->pic);
  sqlite3_bind_int (stmt, parameter (stmt, 8), page->cco);
  sqlite3_bind_int (stmt, parameter (stmt, 9), page->limit);
  sqlite3_bind_text (stmt, parameter (stmt, 10), page->ticket_id, -1, SQLITE_STATIC);

  while ((found = step_row (conn, stmt, "read activities", error)) > 0)
    {
      SapaServerDbRow *row = g_new0 (SapaServerDbRow, 1);

      row->seq = sqlite3_column_int64 (stmt, 0);
      row->body = column_text (stmt, 1);
      row->ticket_id = column_text (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  return found == 0 ? g_steal_pointer (&rows) : NULL;
}

const SapaServerDbSyncPrimitives sapa_server_sqlite_sync = {
  .find_outcome = sqlite_find_outcome,
  .add_rejection = sqlite_add_rejection,
  .add_activity = sqlite_add_activity,
  .find_ticket = sqlite_find_ticket,
  .save_ticket = sqlite_save_ticket,
  .note_station = sqlite_note_station,
  .query_number = sqlite_query_number,
  .read_page = sqlite_read_page,
};
