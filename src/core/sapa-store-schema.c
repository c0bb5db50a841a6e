/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-schema.c: the store's schema, versioned and migrated forward */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-phone.h"
#include "sapa-store-private.h"
#include "sapa-text.h"

/* Version 1: the records. Times are microseconds since 1970 UTC; every id
 * is a UUIDv7 made where the record was created. */
static const char schema_v1[] =
  "CREATE TABLE contacts ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  phone_e164 TEXT,"
  "  email TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX contacts_by_phone ON contacts (phone_e164) WHERE phone_e164 IS NOT NULL;"
  "CREATE INDEX contacts_by_email ON contacts (email) WHERE email IS NOT NULL;"
  "CREATE TABLE tickets ("
  "  id TEXT PRIMARY KEY,"
  "  report_number TEXT NOT NULL UNIQUE,"
  "  flow TEXT NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  airport TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  workstation INTEGER NOT NULL,"
  "  officer TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL,"
  "  contact_id TEXT REFERENCES contacts (id),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  phone_e164 TEXT,"
  "  email TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT '',"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  answer TEXT NOT NULL DEFAULT '',"
  "  followup TEXT NOT NULL DEFAULT '',"
  "  record TEXT NOT NULL DEFAULT '{}',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX tickets_by_created ON tickets (created_at);"
  "CREATE INDEX tickets_by_status ON tickets (status, created_at);"
  "CREATE INDEX tickets_by_channel ON tickets (channel, created_at);"
  "CREATE TABLE activities ("
  "  id TEXT PRIMARY KEY,"
  "  ticket_id TEXT NOT NULL REFERENCES tickets (id),"
  "  kind TEXT NOT NULL,"
  "  step TEXT,"
  "  branch TEXT,"
  "  payload TEXT NOT NULL DEFAULT '{}',"
  "  officer TEXT,"
  "  airport TEXT,"
  "  workstation INTEGER,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX activities_by_ticket ON activities (ticket_id);"
  /* The log is append-only: nothing an officer did may be rewritten. */
  "CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities"
  "  BEGIN SELECT RAISE (ABORT, 'activities are append-only'); END;"
  "CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities"
  "  BEGIN SELECT RAISE (ABORT, 'activities are append-only'); END;"
  "CREATE TABLE counters ("
  "  name TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL);"
  "CREATE TABLE drafts ("
  "  ticket_id TEXT PRIMARY KEY,"
  "  flow TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL);";

/* Version 2: search. Names and purposes are indexed folded (no case,
 * diacritics or apostrophes) so "ma'ruf" finds "Ma’ruf"; phone digits go
 * to a trigram index for substring search. Row ids follow tickets.rowid. */
static const char schema_v2[] =
  "CREATE VIRTUAL TABLE ticket_search USING fts5 ("
  "  report_number, name, purpose,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE ticket_phone USING fts5 ("
  "  digits, tokenize = 'trigram');";

/* Version 3: contacts found again by a social media account, and merged
 * when two turn out to be one person. A merged contact keeps its row and
 * points at the one it was merged into, so no history is lost. */
static const char schema_v3[] =
  "ALTER TABLE contacts ADD COLUMN handle TEXT;"
  "ALTER TABLE contacts ADD COLUMN merged_into TEXT REFERENCES contacts (id);"
  "CREATE INDEX contacts_by_handle ON contacts (handle) WHERE handle IS NOT NULL;"
  "CREATE INDEX tickets_by_contact ON tickets (contact_id, created_at);";

/* Version 4: photos and scans of forms kept with their ticket. The file
 * itself is stored in the database so that a backup or, later, a sync of
 * the file carries it. */
static const char schema_v4[] =
  "CREATE TABLE attachments ("
  "  id TEXT PRIMARY KEY,"
  "  ticket_id TEXT NOT NULL REFERENCES tickets (id),"
  "  file_name TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX attachments_by_ticket ON attachments (ticket_id, created_at);";

/* Version 5: the search index also holds email addresses and social
 * media accounts, so every ticket is indexed again. */
static const char schema_v5[] =
  "DELETE FROM ticket_search;"
  "DELETE FROM ticket_phone;";

/* Version 6: where each ticket stands in its procedure, and the
 * special-needs bookings that the SNS dashboard lists by arrival time. */
static const char schema_v6[] =
  "ALTER TABLE tickets ADD COLUMN step TEXT;"
  "CREATE TABLE sns_bookings ("
  "  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),"
  "  airport TEXT NOT NULL,"
  "  eta INTEGER NOT NULL,"
  "  departure INTEGER,"
  "  late INTEGER NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  arrival_ticket_id TEXT REFERENCES tickets (id),"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX sns_bookings_by_airport ON sns_bookings (airport, stage, eta);"
  "CREATE INDEX tickets_by_flow ON tickets (flow, airport, status);";

/* Version 7: sync with the server. Every activity written here gets an
 * outbox row, by trigger so that no path that appends to the log can
 * forget it; the ones the workstation had before are all unsent. Pulled
 * activities are marked accepted in the transaction that applies them.
 * A ticket remembers the server's version of it that it last took. */
static const char schema_v7[] =
  "ALTER TABLE tickets ADD COLUMN server_version INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE sync_outbox ("
  "  activity_id TEXT NOT NULL UNIQUE REFERENCES activities (id),"
  "  ticket_id TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  seq INTEGER,"
  "  reason TEXT,"
  "  detail TEXT,"
  "  updated_at INTEGER);"
  "CREATE INDEX sync_outbox_by_state ON sync_outbox (state);"
  "CREATE INDEX sync_outbox_by_ticket ON sync_outbox (ticket_id, state);"
  "INSERT INTO sync_outbox (activity_id, ticket_id)"
  "  SELECT id, ticket_id FROM activities ORDER BY rowid;"
  "CREATE TRIGGER activities_outbox AFTER INSERT ON activities BEGIN"
  "  INSERT INTO sync_outbox (activity_id, ticket_id) VALUES (new.id, new.ticket_id);"
  "  END;"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL);";

/* Version 8: the escalation events this desk has been notified of, so a
 * notification is shown once per escalation and stage even after a
 * restart or a sync brings the same ticket again. */
static const char schema_v8[] =
  "CREATE TABLE escalation_notices ("
  "  ticket_id TEXT NOT NULL REFERENCES tickets (id),"
  "  escalation_id TEXT NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  notified_at INTEGER NOT NULL,"
  "  PRIMARY KEY (ticket_id, escalation_id, stage));";

/* Version 9: indexes for the supervisors' reports, which read every
 * ticket of a period and the activities that matter to its figures.
 * The tickets index covers the columns a report reads, per airport and
 * time. The activities index holds only the steps and actions with a
 * meaning for a report (a status change, a response, an escalation, a
 * judgement, a special-needs service step), by ticket id, with the
 * payload values a report counts by: an escalation's target and a
 * handover's airline. So a report reads one short run of index entries
 * per period and no activity row. The report query repeats this exact
 * list: a changed list needs a new migration that recreates the index. */
static const char schema_v9[] =
  "CREATE INDEX tickets_for_reports ON tickets"
  "  (airport, created_at, flow, channel, category, status, id);"
  "CREATE INDEX activities_for_reports ON activities"
  "  (ticket_id, step, branch, kind, created_at,"
  "   json_extract (payload, '$.followup_unit'), json_extract (payload, '$.followup_airport'),"
  "   json_extract (payload, '$.escalation_airport'), json_extract (payload, '$.airline'))"
  "  WHERE step IN ('answer', 'follow_up', 'escalate', 'request_data', 'await_data',"
  "    'await_pic', 'judge_pic', 'deliver', 'notify', 'service', 'holding', 'handover',"
  "    'reply', 'data_received', 'pic_answer', 'judge_answer', 'verdict', 'close',"
  "    'reopen', 'no_show', 'cancel_booking', 'reassign');"
  "CREATE INDEX sns_bookings_by_eta ON sns_bookings (airport, eta);"
  "CREATE INDEX sns_bookings_by_arrival ON sns_bookings (arrival_ticket_id)"
  "  WHERE arrival_ticket_id IS NOT NULL;";

/* Version 10: the search indexes no longer merge their segments inside
 * the transaction that writes them. FTS5's automatic merges made about
 * 1 % of registrations take over 20 ms on a 1,000,000-ticket store. The
 * store now merges when its worker is idle (merge_search_index() in
 * sapa-store.c). The setting is kept in each index's config table. */
static const char schema_v10[] =
  "INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0);"
  "INSERT INTO ticket_phone (ticket_phone, rank) VALUES ('automerge', 0);";

static gboolean backfill_search (sqlite3 *db, GError **error);

typedef struct {
  const char *sql;
  gboolean  (*after) (sqlite3 *db, GError **error);
} Migration;

static const Migration migrations[] = {
  { schema_v1, NULL },
  { schema_v2, backfill_search },
  { schema_v3, NULL },
  { schema_v4, NULL },
  { schema_v5, backfill_search },
  { schema_v6, NULL },
  { schema_v7, NULL },
  { schema_v8, NULL },
  { schema_v9, NULL },
  { schema_v10, NULL },
};

int
sapa_store_schema_get_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

void
sapa_store_set_error (GError    **error,
                      sqlite3    *db,
                      const char *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : "";

  /* A failed statement is a runtime error reported to the caller, not a
   * programming error, so it is logged as a message, not a warning. */
  g_message ("SQLite failed to %s: %s", what, detail);
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_STORE,
               _("The local database failed (%s: %s). The data already saved is unchanged; try again, and call technical support if it keeps failing."),
               what, detail);
}

gboolean
sapa_store_exec (sqlite3    *db,
                 const char *sql,
                 GError    **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "run a statement");
      return FALSE;
    }
  return TRUE;
}

gboolean
sapa_store_index_ticket_row (sqlite3_stmt *insert_text,
                             sqlite3_stmt *insert_phone,
                             sqlite3_stmt *row)
{
  gint64 rowid = sqlite3_column_int64 (row, 0);
  /* The person is found by name, email address or social media account,
   * all folded into the name column: "dewi.lestari@example.co.id" gives
   * the words dewi, lestari, example, co and id. */
  g_autofree char *people = g_strjoin (" ",
                                       (const char *) sqlite3_column_text (row, 2) ?: "",
                                       (const char *) sqlite3_column_text (row, 5) ?: "",
                                       (const char *) sqlite3_column_text (row, 6) ?: "",
                                       NULL);
  g_autofree char *name = sapa_text_fold (people);
  g_autofree char *purpose = sapa_text_fold ((const char *) sqlite3_column_text (row, 3));
  const char *e164 = (const char *) sqlite3_column_text (row, 4);

  sqlite3_reset (insert_text);
  sqlite3_bind_int64 (insert_text, 1, rowid);
  sqlite3_bind_text (insert_text, 2, (const char *) sqlite3_column_text (row, 1), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_text, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_text, 4, purpose, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (insert_text) != SQLITE_DONE)
    return FALSE;

  if (e164 != NULL)
    {
      g_autofree char *digits = sapa_phone_index_digits (e164);

      sqlite3_reset (insert_phone);
      sqlite3_bind_int64 (insert_phone, 1, rowid);
      sqlite3_bind_text (insert_phone, 2, digits, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert_phone) != SQLITE_DONE)
        return FALSE;
    }

  return TRUE;
}

/* Indexes the tickets a version-1 file already has. */
static gboolean
backfill_search (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(SapaStatement) rows = NULL;
  g_autoptr(SapaStatement) insert_text = NULL;
  g_autoptr(SapaStatement) insert_phone = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " SAPA_STORE_INDEX_COLUMNS " FROM tickets",
                          -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO ticket_search (rowid, report_number, name, purpose) VALUES (?, ?, ?, ?)",
                          -1, &insert_text, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO ticket_phone (rowid, digits) VALUES (?, ?)",
                          -1, &insert_phone, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare the search backfill");
      return FALSE;
    }

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      if (!sapa_store_index_ticket_row (insert_text, insert_phone, rows))
        {
          sapa_store_set_error (error, db, "index a ticket");
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "read tickets to index");
      return FALSE;
    }

  return TRUE;
}

static int
read_user_version (sqlite3 *db)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  return version;
}

static gboolean
apply_migration (sqlite3  *db,
                 int       version,
                 GError  **error)
{
  const Migration *migration = &migrations[version - 1];
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another connection to the file may have migrated it between our
   * reading the version and taking the write lock. */
  if (read_user_version (db) >= version)
    return sapa_store_exec (db, "COMMIT", error);

  if (!sapa_store_exec (db, migration->sql, error) ||
      (migration->after != NULL && !migration->after (db, error)) ||
      !sapa_store_exec (db, set_version, error) ||
      !sapa_store_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  g_info ("Migrated the store to schema version %d", version);
  return TRUE;
}

gboolean
sapa_store_schema_check (sqlite3  *db,
                         GError  **error)
{
  int latest = sapa_store_schema_get_latest ();
  int version = read_user_version (db);

  if (version < 0)
    {
      sapa_store_set_error (error, db, "read the schema version");
      return FALSE;
    }

  if (version > latest)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_SCHEMA_TOO_NEW,
                   _("The local database was written by a newer version of Sapa (schema %d; this version knows up to %d). Update Sapa; the file was left unchanged."),
                   version, latest);
      return FALSE;
    }

  return TRUE;
}

gboolean
sapa_store_schema_migrate (sqlite3  *db,
                           int       target,
                           GError  **error)
{
  int latest = sapa_store_schema_get_latest ();
  int version;

  if (target < 0)
    target = latest;
  g_return_val_if_fail (target <= latest, FALSE);

  if (!sapa_store_schema_check (db, error))
    return FALSE;

  version = read_user_version (db);
  for (int next = version + 1; next <= target; next++)
    if (!apply_migration (db, next, error))
      return FALSE;

  return TRUE;
}
