/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-postgres-sync.c: the PostgreSQL backend's sync primitives */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-server-db-postgres-private.h"

static gint64
pg_find_outcome (SapaServerDbConn  *conn,
                 const char        *id,
                 gint64            *out_seq,
                 char             **out_reason,
                 char             **out_detail,
                 GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, id);
  result = query (conn,
                  "SELECT seq, NULL, NULL FROM activities WHERE id = $1"
                  " UNION ALL SELECT 0, reason, detail FROM rejections WHERE id = $1 LIMIT 1",
                  &params, "find an outcome", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_seq = number_at (result, 0, 0);
  if (*out_seq == 0)
    {
      *out_reason = text_at (result, 0, 1);
      *out_detail = text_at (result, 0, 2);
    }
  return 1;
}

static gint64
pg_add_rejection (SapaServerDbConn        *conn,
                  const SapaServerCaller  *caller,
                  const char              *id,
                  const char              *ticket_id,
                  const char              *reason,
                  const char              *detail,
                  gint64                   received_at,
                  GError                 **error)
{
  Params params = { 0 };

  add_text (&params, id);
  add_text (&params, ticket_id);
  add_text (&params, reason);
  add_text (&params, detail);
  add_number (&params, caller->user_id);
  add_number (&params, caller->workstation_id);
  add_number (&params, received_at);
  return run (conn,
              "INSERT INTO rejections (id, ticket_id, reason, detail, user_id, workstation_id, received_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
              &params, "store a rejection", error);
}

static gint64
pg_add_activity (SapaServerDbConn        *conn,
                 const SapaServerCaller  *caller,
                 const char              *id,
                 const char              *ticket_id,
                 const char              *body,
                 gint64                   received_at,
                 GError                 **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, id);
  add_text (&params, ticket_id);
  add_text (&params, body);
  add_number (&params, caller->user_id);
  add_number (&params, caller->workstation_id);
  add_number (&params, received_at);
  result = query (conn,
                  "INSERT INTO activities (id, ticket_id, body, user_id, workstation_id, received_at)"
                  " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING seq",
                  &params, "store an activity", error);
  if (result == NULL)
    return -1;
  return PQntuples (result) > 0 ? number_at (result, 0, 0) : 0;
}

static gint64
pg_find_ticket (SapaServerDbConn     *conn,
                const char           *id,
                SapaServerDbTicket  **out_ticket,
                GError              **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, id);
  result = query (conn,
                  "SELECT flow, channel, airport, workstation, status, booking_airport, escalated_to, body"
                  " FROM tickets WHERE id = $1",
                  &params, "load a ticket", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_ticket = sapa_server_db_ticket_new (id, text_or_null (result, 0, 0), text_or_null (result, 0, 1),
                                           text_or_null (result, 0, 2), number_at (result, 0, 3),
                                           text_or_null (result, 0, 4), text_or_null (result, 0, 5),
                                           text_or_null (result, 0, 6), text_or_null (result, 0, 7));
  return 1;
}

static gboolean
pg_save_ticket (SapaServerDbConn          *conn,
                const SapaServerDbTicket  *ticket,
                const char                *report_number,
                const char                *channel,
                gint64                     version,
                const char                *body,
                GError                   **error)
{
  Params params = { 0 };

  add_text (&params, ticket->id);
  add_text (&params, report_number);
  add_text (&params, ticket->flow);
  add_text (&params, channel);
  add_text (&params, ticket->airport);
  add_number (&params, ticket->workstation);
  add_text (&params, ticket->booking_airport);
  add_text (&params, ticket->escalated_to);
  add_text (&params, ticket->status);
  add_number (&params, version);
  add_text (&params, body);
  return run (conn,
              "INSERT INTO tickets (id, report_number, flow, channel, airport, workstation,"
              "  booking_airport, escalated_to, status, version, body)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
              " ON CONFLICT (id) DO UPDATE SET channel = $4, booking_airport = $7,"
              "  escalated_to = $8, status = $9, version = $10, body = $11",
              &params, "save a ticket", error) >= 0;
}

static gboolean
pg_note_station (SapaServerDbConn  *conn,
                 gint64             workstation_id,
                 const char        *column,
                 gint64             now,
                 gint64             pulled_to,
                 GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE workstations SET %s = $1,"
                                          " pulled_to = GREATEST (pulled_to, $2) WHERE id = $3", column);
  Params params = { 0 };

  add_number (&params, now);
  add_number (&params, pulled_to);
  add_number (&params, workstation_id);
  return run (conn, sql, &params, "note a workstation's sync", error) >= 0;
}

static gint64
pg_query_number (SapaServerDbConn  *conn,
                 const char        *sql,
                 GError           **error)
{
  g_autoptr(PGresult) result = query (conn, sql, NULL, "read a number", error);

  return result != NULL && PQntuples (result) == 1 ? number_at (result, 0, 0) : -1;
}

static GPtrArray *
pg_read_page (SapaServerDbConn        *conn,
              const SapaServerDbPage  *page,
              GError                 **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *rows;
  Params params = { 0 };

  add_number (&params, page->after);
  add_number (&params, page->until);
  add_number (&params, page->all_airports);
  add_number (&params, page->supervisor);
  add_text (&params, page->airports);
  add_number (&params, page->officer);
  add_number (&params, page->pic);
  add_number (&params, page->cco);
  add_number (&params, page->limit);
  add_text (&params, page->ticket_id);
  result = query (conn, sapa_server_db_page_sql, &params, "read activities", error);
  if (result == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_server_db_row_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      SapaServerDbRow *row = g_new0 (SapaServerDbRow, 1);

      row->seq = number_at (result, i, 0);
      row->body = text_at (result, i, 1);
      row->ticket_id = text_at (result, i, 2);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

const SapaServerDbSyncPrimitives sapa_server_postgres_sync = {
  .find_outcome = pg_find_outcome,
  .add_rejection = pg_add_rejection,
  .add_activity = pg_add_activity,
  .find_ticket = pg_find_ticket,
  .save_ticket = pg_save_ticket,
  .note_station = pg_note_station,
  .query_number = pg_query_number,
  .read_page = pg_read_page,
};
