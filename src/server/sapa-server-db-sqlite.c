/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-sqlite.c: the server's storage in a SQLite file */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-server-db-sqlite-private.h"

/* One connection, lent to one call at a time. Several processes may share
 * the file: SQLite runs one writer at a time across all of them. */
typedef struct {
  SapaServerDb  parent;
  SqliteConn    conn;
  GMutex        lock;
} SqliteDb;

/* The statement cache */

/* Statements of other SQL than this many are not kept: some are made
 * with values in their text and would fill the cache. */
#define STATEMENT_CACHE_SIZE 64

static GMutex caches_lock;
static GHashTable *caches;   /* sqlite3 * -> GHashTable of SQL text -> idle Statement */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

Statement *
sapa_server_sqlite_take_statement (sqlite3    *db,
                                   const char *sql)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&caches_lock);
  GHashTable *idle = caches != NULL ? g_hash_table_lookup (caches, db) : NULL;
  Statement *stmt = idle != NULL ? g_hash_table_lookup (idle, sql) : NULL;

  if (stmt != NULL)
    g_hash_table_steal (idle, sql);
  return stmt;
}

void
sapa_server_sqlite_give_back (Statement *stmt)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&caches_lock);
  sqlite3 *db = sqlite3_db_handle (stmt);
  GHashTable *idle;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (caches == NULL)
    caches = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  idle = g_hash_table_lookup (caches, db);
  if (idle == NULL)
    {
      idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
      g_hash_table_insert (caches, db, idle);
    }

  if (g_hash_table_contains (idle, sqlite3_sql (stmt)) || g_hash_table_size (idle) >= STATEMENT_CACHE_SIZE)
    sqlite3_finalize (stmt);
  else
    g_hash_table_insert (idle, g_strdup (sqlite3_sql (stmt)), stmt);
}

void
sapa_server_sqlite_drop_statements (sqlite3 *db)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&caches_lock);

  if (caches != NULL)
    g_hash_table_remove (caches, db);
}

/* Connections and transactions */

static void
sqlite_close (SapaServerDb *db)
{
  SqliteDb *self = (SqliteDb *) db;

  sapa_server_sqlite_drop_statements (self->conn.db);
  sqlite3_close (self->conn.db);
  g_mutex_clear (&self->lock);
  g_free (self->parent.name);
  g_free (self);
}

static SapaServerDbConn *
sqlite_acquire (SapaServerDb  *db,
                GError       **error)
{
  SqliteDb *self = (SqliteDb *) db;

  g_mutex_lock (&self->lock);
  return &self->conn.parent;
}

static void
sqlite_release (SapaServerDbConn *conn)
{
  SqliteDb *self = (SqliteDb *) conn->db;

  if (!sqlite3_get_autocommit (db_of (conn)))
    sqlite3_exec (db_of (conn), "ROLLBACK", NULL, NULL, NULL);
  g_mutex_unlock (&self->lock);
}

static gboolean
sqlite_begin (SapaServerDbConn         *conn,
              SapaServerDbTransaction   kind,
              GError                  **error)
{
  /* A writer takes the file's write lock at once, so pushes commit one
   * at a time in the order of their sequence numbers. */
  return exec (db_of (conn), kind == SAPA_SERVER_DB_READ ? "BEGIN" : "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (SapaServerDbConn  *conn,
               GError           **error)
{
  return exec (db_of (conn), "COMMIT", error);
}

/* Administration */

static gboolean
sqlite_add_airport (SapaServerDbConn  *conn,
                    const char        *code,
                    GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "INSERT INTO airports (code) VALUES (?) ON CONFLICT DO NOTHING",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return run (conn, stmt, "add an airport", error) >= 0;
}

static gint64
sqlite_find_airport (SapaServerDbConn  *conn,
                     const char        *code,
                     GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "SELECT 1 FROM airports WHERE code = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return step_row (conn, stmt, "find an airport", error);
}

static gint64
sqlite_add_user (SapaServerDbConn  *conn,
                 const char        *username,
                 const char        *password_hash,
                 const char        *roles,
                 const char        *airports,
                 gint64             created_at,
                 GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "INSERT INTO users (username, password_hash, roles, airports, created_at)"
                                       " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, roles, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, airports, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, created_at);
  return run (conn, stmt, "add a user", error);
}

static gint64
sqlite_set_password (SapaServerDbConn  *conn,
                     const char        *username,
                     const char        *password_hash,
                     GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "UPDATE users SET password_hash = ? WHERE username = ?", error);
  g_autoptr(Statement) revoke = prepare (conn,
                                         "UPDATE tokens SET revoked = 1"
                                         " WHERE user_id = (SELECT id FROM users WHERE username = ?)", error);
  gint64 changed;

  if (stmt == NULL || revoke == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_STATIC);
  changed = run (conn, stmt, "set a password", error);
  if (changed <= 0)
    return changed;

  sqlite3_bind_text (revoke, 1, username, -1, SQLITE_STATIC);
  return run (conn, revoke, "end a user's sessions", error) < 0 ? -1 : changed;
}

static gint64
sqlite_set_disabled (SapaServerDbConn  *conn,
                     const char        *username,
                     gboolean           disabled,
                     GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "UPDATE users SET disabled = ? WHERE username = ?", error);
  g_autoptr(Statement) revoke = prepare (conn,
                                         "UPDATE tokens SET revoked = 1"
                                         " WHERE user_id = (SELECT id FROM users WHERE username = ?)", error);
  gint64 changed;

  if (stmt == NULL || revoke == NULL)
    return -1;

  sqlite3_bind_int (stmt, 1, disabled ? 1 : 0);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_STATIC);
  changed = run (conn, stmt, "disable or enable a user", error);
  if (changed <= 0 || !disabled)
    return changed;

  sqlite3_bind_text (revoke, 1, username, -1, SQLITE_STATIC);
  return run (conn, revoke, "end a user's sessions", error) < 0 ? -1 : changed;
}

static gint64
sqlite_add_workstation (SapaServerDbConn  *conn,
                        const char        *airport,
                        guint              number,
                        GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "INSERT INTO workstations (airport, number) VALUES (?, ?)"
                                       " ON CONFLICT (airport, number) DO NOTHING", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, number);
  return run (conn, stmt, "register a workstation", error);
}

static gint64
sqlite_revoke_workstation (SapaServerDbConn  *conn,
                           const char        *airport,
                           guint              number,
                           gboolean           release,
                           GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       release
                                         ? "UPDATE workstations SET revoked = 0, install_id = NULL"
                                           " WHERE airport = ? AND number = ?"
                                         : "UPDATE workstations SET revoked = 1 WHERE airport = ? AND number = ?",
                                       error);
  g_autoptr(Statement) tokens = prepare (conn,
                                         "UPDATE tokens SET revoked = 1 WHERE workstation_id ="
                                         " (SELECT id FROM workstations WHERE airport = ? AND number = ?)", error);
  gint64 changed;

  if (stmt == NULL || tokens == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, number);
  changed = run (conn, stmt, "revoke a workstation", error);
  if (changed <= 0)
    return changed;

  sqlite3_bind_text (tokens, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (tokens, 2, number);
  return run (conn, tokens, "revoke a workstation's sessions", error) < 0 ? -1 : changed;
}

static gboolean
sqlite_read_status (SapaServerDbConn    *conn,
                    SapaServerDbStatus  *out_status,
                    GError             **error)
{
  g_autoptr(Statement) totals = NULL;
  g_autoptr(Statement) stations = NULL;
  gint64 found;

  totals = prepare (conn,
                    "SELECT (SELECT count (*) FROM users), (SELECT count (*) FROM tickets),"
                    " (SELECT count (*) FROM activities), (SELECT count (*) FROM rejections),"
                    " (SELECT coalesce (max (seq), 0) FROM activities)", error);
  stations = prepare (conn,
                      "SELECT airport, number, install_id IS NOT NULL, revoked,"
                      " coalesce (last_push, 0), coalesce (last_pull, 0), pulled_to"
                      " FROM workstations ORDER BY airport, number", error);
  if (totals == NULL || stations == NULL || step_row (conn, totals, "read the status", error) <= 0)
    return FALSE;

  out_status->users = sqlite3_column_int64 (totals, 0);
  out_status->tickets = sqlite3_column_int64 (totals, 1);
  out_status->activities = sqlite3_column_int64 (totals, 2);
  out_status->rejections = sqlite3_column_int64 (totals, 3);
  out_status->latest_seq = sqlite3_column_int64 (totals, 4);

  while ((found = step_row (conn, stations, "read the workstations", error)) > 0)
    {
      SapaServerDbStation *station = g_new0 (SapaServerDbStation, 1);

      station->airport = column_text (stations, 0);
      station->number = sqlite3_column_int (stations, 1);
      station->bound = sqlite3_column_int (stations, 2);
      station->revoked = sqlite3_column_int (stations, 3);
      station->last_push = sqlite3_column_int64 (stations, 4);
      station->last_pull = sqlite3_column_int64 (stations, 5);
      station->pulled_to = sqlite3_column_int64 (stations, 6);
      g_ptr_array_add (out_status->stations, station);
    }
  return found == 0;
}

/* Signing in */

static gint64
sqlite_find_failures (SapaServerDbConn  *conn,
                      const char        *key,
                      gint64            *out_count,
                      gint64            *out_window_start,
                      GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "SELECT count, window_start FROM sign_in_failures WHERE key = ?",
                                       error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  found = step_row (conn, stmt, "read failed sign-ins", error);
  if (found > 0)
    {
      *out_count = sqlite3_column_int64 (stmt, 0);
      *out_window_start = sqlite3_column_int64 (stmt, 1);
    }
  return found;
}

static gboolean
sqlite_note_failure (SapaServerDbConn  *conn,
                     const char        *key,
                     gint64             now,
                     gint64             window_us,
                     GError           **error)
{
  g_autoptr(Statement) stmt = NULL;

  /* A window that has passed starts again from one failure. */
  stmt = prepare (conn,
                  "INSERT INTO sign_in_failures (key, count, window_start) VALUES (?1, 1, ?2)"
                  " ON CONFLICT (key) DO UPDATE SET"
                  "  count = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE count + 1 END,"
                  "  window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, window_us);
  return run (conn, stmt, "count a failed sign-in", error) >= 0;
}

static gboolean
sqlite_clear_failures (SapaServerDbConn  *conn,
                       const char        *key,
                       GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "DELETE FROM sign_in_failures WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return run (conn, stmt, "clear failed sign-ins", error) >= 0;
}

static gint64
sqlite_find_user (SapaServerDbConn  *conn,
                  const char        *username,
                  gint64            *out_id,
                  char             **out_password_hash,
                  char             **out_airports,
                  GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "SELECT id, password_hash, airports FROM users"
                                       " WHERE username = ? AND NOT disabled", error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  found = step_row (conn, stmt, "find a user", error);
  if (found > 0)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_password_hash = column_text (stmt, 1);
      *out_airports = column_text (stmt, 2);
    }
  return found;
}

static gint64
sqlite_find_workstation (SapaServerDbConn  *conn,
                         const char        *airport,
                         guint              number,
                         gint64            *out_id,
                         char             **out_install_id,
                         gboolean          *out_revoked,
                         GError           **error)
{
  /* BEGIN IMMEDIATE already holds the write lock: no row lock needed. */
  g_autoptr(Statement) stmt = prepare (conn,
                                       "SELECT id, install_id, revoked FROM workstations"
                                       " WHERE airport = ? AND number = ?", error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, number);
  found = step_row (conn, stmt, "find a workstation", error);
  if (found > 0)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_install_id = column_text (stmt, 1);
      *out_revoked = sqlite3_column_int (stmt, 2);
    }
  return found;
}

static gboolean
sqlite_bind_workstation (SapaServerDbConn  *conn,
                         gint64             workstation_id,
                         const char        *install_id,
                         GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "UPDATE workstations SET install_id = ? WHERE id = ? AND install_id IS NULL",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, install_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, workstation_id);
  return run (conn, stmt, "bind a workstation", error) >= 0;
}

static gboolean
sqlite_add_token (SapaServerDbConn  *conn,
                  const char        *token_hash,
                  gint64             user_id,
                  gint64             workstation_id,
                  gint64             created_at,
                  gint64             expires_at,
                  GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn,
                                       "INSERT INTO tokens (hash, user_id, workstation_id, created_at, expires_at)"
                                       " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, workstation_id);
  sqlite3_bind_int64 (stmt, 4, created_at);
  sqlite3_bind_int64 (stmt, 5, expires_at);
  return run (conn, stmt, "start a session", error) >= 0;
}

static gint64
sqlite_find_token (SapaServerDbConn   *conn,
                   const char         *token_hash,
                   gint64              now,
                   SapaServerCaller  **out_caller,
                   GError            **error)
{
  g_autoptr(Statement) stmt = NULL;
  gint64 found;

  stmt = prepare (conn,
                  "SELECT u.id, u.username, u.roles, u.airports, w.id, w.airport, w.number"
                  " FROM tokens t JOIN users u ON u.id = t.user_id"
                  " JOIN workstations w ON w.id = t.workstation_id"
                  " WHERE t.hash = ? AND NOT t.revoked AND t.expires_at > ?"
                  " AND NOT u.disabled AND NOT w.revoked", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  found = step_row (conn, stmt, "look up a token", error);
  if (found > 0)
    *out_caller = sapa_server_caller_new (sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          sqlite3_column_int64 (stmt, 4),
                                          (const char *) sqlite3_column_text (stmt, 5),
                                          sqlite3_column_int (stmt, 6));
  return found;
}

static gboolean
sqlite_revoke_token (SapaServerDbConn  *conn,
                     const char        *token_hash,
                     GError           **error)
{
  g_autoptr(Statement) stmt = prepare (conn, "UPDATE tokens SET revoked = 1 WHERE hash = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  return run (conn, stmt, "revoke a token", error) >= 0;
}

static const SapaServerDbBackend sqlite_backend = {
  .close = sqlite_close,
  .acquire = sqlite_acquire,
  .release = sqlite_release,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .add_airport = sqlite_add_airport,
  .find_airport = sqlite_find_airport,
  .add_user = sqlite_add_user,
  .set_password = sqlite_set_password,
  .set_disabled = sqlite_set_disabled,
  .add_workstation = sqlite_add_workstation,
  .revoke_workstation = sqlite_revoke_workstation,
  .read_status = sqlite_read_status,
  .find_failures = sqlite_find_failures,
  .note_failure = sqlite_note_failure,
  .clear_failures = sqlite_clear_failures,
  .find_user = sqlite_find_user,
  .find_workstation = sqlite_find_workstation,
  .bind_workstation = sqlite_bind_workstation,
  .add_token = sqlite_add_token,
  .find_token = sqlite_find_token,
  .revoke_token = sqlite_revoke_token,
  .sync = &sapa_server_sqlite_sync,
};

SapaServerDb *
sapa_server_db_open_sqlite (const char  *path,
                            GError     **error)
{
  SqliteDb *self = g_new0 (SqliteDb, 1);
  g_autoptr(SapaServerDb) db = &self->parent;
  /* AUTOINCREMENT: a number stays used even after its row is deleted. */
  g_autofree char *schema = sapa_server_db_schema ("INTEGER PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT");
  sqlite3 *handle;

  self->parent.backend = &sqlite_backend;
  self->parent.name = g_strdup (path);
  self->conn.parent.db = db;
  g_mutex_init (&self->lock);

  if (sqlite3_open_v2 (path, &self->conn.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      db_failed (error, self->conn.db, "open the database");
      return NULL;
    }
  handle = self->conn.db;

  if (!exec (handle,
             "PRAGMA busy_timeout = 10000;"
             "PRAGMA foreign_keys = ON;"
             "PRAGMA journal_mode = WAL;"
             "PRAGMA synchronous = FULL;", error) ||
      !exec (handle, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!exec (handle, schema, error) || !exec (handle, "COMMIT", error))
    {
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&db);
}
