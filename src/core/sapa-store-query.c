/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-query.c: searching and reading tickets and their activities */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-phone.h"
#include "sapa-report-number.h"
#include "sapa-store-private.h"
#include "sapa-text.h"

#define TICKET_COLUMNS \
  "rowid, id, report_number, flow, channel, airport, time_zone, workstation," \
  " officer, status, contact_id, name, phone, phone_e164, email, category," \
  " purpose, answer, followup, record, created_at, updated_at"

static SapaTicket *
ticket_from_row (sqlite3_stmt *stmt)
{
#define TEXT(i) ((const char *) sqlite3_column_text (stmt, (i)))
  SapaTicketFields fields = {
    .rowid = sqlite3_column_int64 (stmt, 0),
    .id = TEXT (1),
    .report_number = TEXT (2),
    .flow = TEXT (3),
    .channel = TEXT (4),
    .airport = TEXT (5),
    .time_zone = TEXT (6),
    .workstation = sqlite3_column_int (stmt, 7),
    .officer = TEXT (8),
    .status = TEXT (9),
    .contact_id = TEXT (10),
    .name = TEXT (11),
    .phone = TEXT (12),
    .phone_e164 = TEXT (13),
    .email = TEXT (14),
    .category = TEXT (15),
    .purpose = TEXT (16),
    .answer = TEXT (17),
    .followup = TEXT (18),
    .record_json = TEXT (19),
    .created_at = sqlite3_column_int64 (stmt, 20),
    .updated_at = sqlite3_column_int64 (stmt, 21),
  };
#undef TEXT

  return sapa_ticket_new (&fields);
}

/* Builds an FTS5 expression that matches every word of @search as a
 * prefix, after the same folding the index applies. Returns NULL when the
 * search has no word. Words keep only letters and digits, so no FTS5
 * syntax from the officer's input reaches the query. */
static char *
build_match_expression (const char *search)
{
  g_autofree char *folded = sapa_text_fold (search);
  g_autoptr(GString) expression = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        g_string_append_printf (expression, "%s\"%s\"*", expression->len ? " " : "", word->str);
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }

  return expression->len > 0 ? g_string_free (g_steal_pointer (&expression), FALSE) : NULL;
}

/* Returns the row ids of the tickets matching @query, newest first: all
 * of them, or the first @limit when @limit is not 0. */
GArray *
sapa_store_db_query (sqlite3                *db,
                     const SapaTicketQuery  *query,
                     guint                   limit,
                     GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT rowid FROM tickets WHERE 1");
  g_autoptr(SapaCachedStatement) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *phone_match = NULL;
  g_autofree char *number = NULL;
  gboolean searching = FALSE;
  int rc;

  if (query->search != NULL && *query->search != '\0')
    {
      number = sapa_report_number_normalize (query->search, NULL);
      if (number == NULL)
        digits = sapa_phone_query_digits (query->search);
      searching = TRUE;

      /* A whole report number names one ticket: the unique index answers
       * at once, where a word search for "cgk"* would read most of the
       * airport's tickets. */
      if (number != NULL)
        ;
      else if (digits != NULL)
        {
          /* Only digits: a phone fragment, part of a report number such
           * as its counter, or a number in the purpose (a flight, a gate).
           * Names contain no digits, so they are not searched. */
          phone_match = g_strdup_printf ("\"%s\"", digits);
          match = g_strdup_printf ("{report_number purpose} : \"%s\"*", digits);
        }
      else
        match = build_match_expression (query->search);
    }

  if (query->status != NULL)
    g_string_append (sql, " AND status = :status");
  /* The SNS counter's tickets have the CS counter's channel, so the two
   * filters tell them apart by flow. */
  if (g_strcmp0 (query->channel, SAPA_CHANNEL_SNS_COUNTER) == 0)
    g_string_append (sql, " AND flow = '" SAPA_FLOW_SNS_COUNTER "'");
  else if (query->channel != NULL)
    g_string_append (sql, " AND channel = :channel AND flow <> '" SAPA_FLOW_SNS_COUNTER "'");
  if (searching && number != NULL)
    g_string_append (sql, " AND report_number = :number");
  else if (searching)
    g_string_append (sql,
                     " AND (rowid IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH :match)"
                     " OR rowid IN (SELECT rowid FROM ticket_phone WHERE ticket_phone MATCH :phone))");
  g_string_append (sql, " ORDER BY created_at DESC, rowid DESC");
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  /* The statement comes in a few shapes only (filters, kind of search,
   * limit), so it is kept prepared: preparing it took most of the time
   * of a search by report number, which reads one index entry. */
  stmt = sapa_store_prepare_cached (db, sql->str);
  if (stmt == NULL)
    {
      sapa_store_set_error (error, db, "prepare the ticket search");
      return NULL;
    }

  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":status"), query->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":channel"), query->channel, -1, SQLITE_STATIC);
  /* An empty MATCH is an FTS5 syntax error, so a missing part binds a
   * phrase that matches nothing. */
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match ? match : "\"\"", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":phone"), phone_match ? phone_match : "\"\"", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":number"), number, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "search the tickets");
      return NULL;
    }

  return g_steal_pointer (&rowids);
}

GPtrArray *
sapa_store_db_load_tickets (sqlite3  *db,
                            GArray   *rowids,
                            GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " TICKET_COLUMNS " FROM tickets WHERE rowid IN (");
  g_autoptr(GHashTable) by_rowid = NULL;
  g_autoptr(SapaStatement) stmt = NULL;
  GPtrArray *tickets;
  int rc;

  tickets = g_ptr_array_new_with_free_func (g_object_unref);
  if (rowids->len == 0)
    return tickets;

  for (guint i = 0; i < rowids->len; i++)
    g_string_append (sql, i == 0 ? "?" : ",?");
  g_string_append (sql, ")");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare loading tickets");
      g_ptr_array_unref (tickets);
      return NULL;
    }

  for (guint i = 0; i < rowids->len; i++)
    sqlite3_bind_int64 (stmt, i + 1, g_array_index (rowids, gint64, i));

  by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaTicket *ticket = ticket_from_row (stmt);
      gint64 *key = g_new (gint64, 1);

      *key = sapa_ticket_get_rowid (ticket);
      g_hash_table_insert (by_rowid, key, ticket);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "load tickets");
      g_ptr_array_unref (tickets);
      return NULL;
    }

  for (guint i = 0; i < rowids->len; i++)
    {
      SapaTicket *ticket = g_hash_table_lookup (by_rowid, &g_array_index (rowids, gint64, i));

      if (ticket != NULL)
        g_ptr_array_add (tickets, g_object_ref (ticket));
    }

  return tickets;
}

GPtrArray *
sapa_store_db_query_first (sqlite3                *db,
                           const SapaTicketQuery  *query,
                           guint                   limit,
                           GError                **error)
{
  g_autoptr(GArray) rowids = NULL;

  g_return_val_if_fail (limit > 0, NULL);

  rowids = sapa_store_db_query (db, query, limit, error);
  if (rowids == NULL)
    return NULL;

  return sapa_store_db_load_tickets (db, rowids, error);
}

SapaTicket *
sapa_store_db_get_ticket (sqlite3     *db,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " TICKET_COLUMNS " FROM tickets WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare reading a ticket");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return ticket_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                 _("The ticket was not found in the local database."));
  else
    sapa_store_set_error (error, db, "read a ticket");
  return NULL;
}

static JsonObject *
parse_payload (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

GPtrArray *
sapa_store_db_list_activities (sqlite3     *db,
                               const char  *ticket_id,
                               GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, ticket_id, kind, step, branch, payload, officer, airport,"
                          " workstation, created_at FROM activities WHERE ticket_id = ?"
                          " ORDER BY rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare reading the activity log");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define TEXT(i) ((const char *) sqlite3_column_text (stmt, (i)))
      g_autoptr(JsonObject) payload = parse_payload (TEXT (5));

      g_ptr_array_add (activities,
                       sapa_activity_new_full (TEXT (0), TEXT (1), TEXT (2), TEXT (3), TEXT (4),
                                               payload, TEXT (6), TEXT (7),
                                               sqlite3_column_int (stmt, 8),
                                               sqlite3_column_int64 (stmt, 9)));
#undef TEXT
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "read the activity log");
      return NULL;
    }

  return g_steal_pointer (&activities);
}
