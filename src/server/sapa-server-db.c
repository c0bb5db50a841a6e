/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db.c: the server's storage in a SQLite file */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include <sqlite3.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-server-db.h"
#include "sapa-sync.h"
#include "sapa-ticket-action.h"
#include "sapa-uuid.h"

/* Failed sign-ins counted per user and per address within this window;
 * past the limit, sign-in waits for the window to end. */
#define FAILURE_WINDOW_US  (15 * 60 * G_USEC_PER_SEC)
#define FAILURE_LIMIT      5

struct _SapaServerDb
{
  sqlite3 *db;
  GMutex   lock;
};

typedef sqlite3_stmt Statement;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Statement, sqlite3_finalize)

G_DEFINE_QUARK (sapa-server-error-quark, sapa_server_error)

/* Activities are stored once, in the server's order (seq). A rejected
 * activity is kept apart with its reason, so a repeat gets the same
 * answer. A ticket holds the server's view of it (body, as sent on the
 * wire) and the columns that decide who sees it. */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS airports ("
  "  code TEXT PRIMARY KEY);"
  "CREATE TABLE IF NOT EXISTS users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL UNIQUE,"
  "  password_hash TEXT NOT NULL,"
  "  roles TEXT NOT NULL,"
  "  airports TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS workstations ("
  "  id INTEGER PRIMARY KEY,"
  "  airport TEXT NOT NULL REFERENCES airports (code),"
  "  number INTEGER NOT NULL,"
  "  install_id TEXT,"
  "  revoked INTEGER NOT NULL DEFAULT 0,"
  "  last_push INTEGER,"
  "  last_pull INTEGER,"
  "  pulled_to INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (airport, number));"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  workstation_id INTEGER NOT NULL REFERENCES workstations (id),"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS sign_in_failures ("
  "  key TEXT PRIMARY KEY,"
  "  count INTEGER NOT NULL,"
  "  window_start INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS tickets ("
  "  id TEXT PRIMARY KEY,"
  "  report_number TEXT NOT NULL UNIQUE,"
  "  flow TEXT NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  airport TEXT NOT NULL,"
  "  workstation INTEGER NOT NULL,"
  "  booking_airport TEXT,"
  "  escalated_to TEXT,"
  "  status TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  body TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS activities ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id TEXT NOT NULL UNIQUE,"
  "  ticket_id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  user_id INTEGER NOT NULL,"
  "  workstation_id INTEGER NOT NULL,"
  "  received_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS activities_by_ticket ON activities (ticket_id, seq);"
  "CREATE TABLE IF NOT EXISTS rejections ("
  "  id TEXT PRIMARY KEY,"
  "  ticket_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  detail TEXT,"
  "  user_id INTEGER NOT NULL,"
  "  workstation_id INTEGER NOT NULL,"
  "  received_at INTEGER NOT NULL);";

/* Contact-centre channels: a CCO works on these tickets at any airport. */
static const char cco_channels[] =
  "('phone', 'email', 'facebook', 'x', 'instagram', 'other_social', 'social', 'live_chat')";

static gboolean
db_failed (GError     **error,
           sqlite3     *db,
           const char  *what)
{
  g_message ("SQLite failed to %s: %s", what, sqlite3_errmsg (db));
  g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_FAILED,
               "The database failed to %s", what);
  return FALSE;
}

static gboolean
exec (SapaServerDb  *self,
      const char    *sql,
      GError       **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_failed (error, self->db, "run a statement");
  return TRUE;
}

static Statement *
prepare (SapaServerDb  *self,
         const char    *sql,
         GError       **error)
{
  Statement *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_failed (error, self->db, "prepare a statement");
      return NULL;
    }
  return stmt;
}

void
sapa_server_caller_free (SapaServerCaller *caller)
{
  if (caller == NULL)
    return;
  g_free (caller->username);
  g_strfreev (caller->roles);
  g_strfreev (caller->airports);
  g_free (caller->workstation_airport);
  g_free (caller);
}

gboolean
sapa_server_caller_has_role (const SapaServerCaller *caller,
                             const char             *role)
{
  return g_strv_contains ((const char * const *) caller->roles, role);
}

gboolean
sapa_server_caller_has_airport (const SapaServerCaller *caller,
                                const char             *airport)
{
  return airport != NULL &&
         (g_strv_contains ((const char * const *) caller->airports, SAPA_ALL_AIRPORTS) ||
          g_strv_contains ((const char * const *) caller->airports, airport));
}

SapaServerDb *
sapa_server_db_open (const char  *path,
                     GError     **error)
{
  g_autoptr(SapaServerDb) self = g_new0 (SapaServerDb, 1);

  g_mutex_init (&self->lock);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      db_failed (error, self->db, "open the database");
      return NULL;
    }

  if (!exec (self,
             "PRAGMA busy_timeout = 10000;"
             "PRAGMA foreign_keys = ON;"
             "PRAGMA journal_mode = WAL;"
             "PRAGMA synchronous = FULL;", error) ||
      !exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!exec (self, schema, error) || !exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
sapa_server_db_close (SapaServerDb *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Administration */

gboolean
sapa_server_db_add_airport (SapaServerDb  *self,
                            const char    *code,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;

  if (sapa_airport_lookup (code) == NULL)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "“%s” is not an airport Sapa knows", code);
      return FALSE;
    }

  stmt = prepare (self, "INSERT INTO airports (code) VALUES (?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sapa_airport_lookup (code)->iata, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "add an airport");
  return TRUE;
}

static const char * const known_roles[] = {
  SAPA_ROLE_CSO, SAPA_ROLE_SNO, SAPA_ROLE_CCO, SAPA_ROLE_PIC, SAPA_ROLE_SUPERVISOR, SAPA_ROLE_ADMIN, NULL
};

static gboolean
airport_exists (SapaServerDb *self,
                const char   *code)
{
  g_autoptr(Statement) stmt = prepare (self, "SELECT 1 FROM airports WHERE code = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
sapa_server_db_add_user (SapaServerDb        *self,
                         const char          *username,
                         const char          *password_hash,
                         const char * const  *roles,
                         const char * const  *airports,
                         GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;
  g_autofree char *roles_text = NULL;
  g_autofree char *airports_text = NULL;

  if (username == NULL || *username == '\0' || strlen (username) > 64 ||
      !g_utf8_validate (username, -1, NULL) || strpbrk (username, " \t\r\n") != NULL)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A user name is 1 to 64 bytes without spaces");
      return FALSE;
    }

  if (roles == NULL || roles[0] == NULL)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID, "A user needs at least one role");
      return FALSE;
    }

  for (guint i = 0; roles[i] != NULL; i++)
    if (!g_strv_contains (known_roles, roles[i]))
      {
        g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                     "Unknown role “%s”; the roles are cso, sno, cco, pic, supervisor and admin", roles[i]);
        return FALSE;
      }

  for (guint i = 0; airports != NULL && airports[i] != NULL; i++)
    if (!g_str_equal (airports[i], SAPA_ALL_AIRPORTS) && !airport_exists (self, airports[i]))
      {
        g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                     "The airport “%s” has not been added; add it first", airports[i]);
        return FALSE;
      }

  roles_text = g_strjoinv (",", (char **) roles);
  airports_text = airports != NULL ? g_strjoinv (",", (char **) airports) : g_strdup ("");

  stmt = prepare (self,
                  "INSERT INTO users (username, password_hash, roles, airports, created_at)"
                  " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, roles_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, airports_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  if (sqlite3_step (stmt) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_EXISTS,
                   "The user “%s” exists already", username);
      return FALSE;
    }
  if (sqlite3_errcode (self->db) != SQLITE_DONE && sqlite3_errcode (self->db) != SQLITE_OK)
    return db_failed (error, self->db, "add a user");
  return TRUE;
}

gboolean
sapa_server_db_set_password (SapaServerDb  *self,
                             const char    *username,
                             const char    *password_hash,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;
  g_autoptr(Statement) revoke = NULL;

  stmt = prepare (self, "UPDATE users SET password_hash = ? WHERE username = ?", error);
  revoke = prepare (self,
                    "UPDATE tokens SET revoked = 1"
                    " WHERE user_id = (SELECT id FROM users WHERE username = ?)", error);
  if (stmt == NULL || revoke == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "set a password");
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "There is no user “%s”", username);
      return FALSE;
    }

  /* A new password ends the sessions the old one opened. */
  sqlite3_bind_text (revoke, 1, username, -1, SQLITE_STATIC);
  if (sqlite3_step (revoke) != SQLITE_DONE)
    return db_failed (error, self->db, "end a user's sessions");
  return TRUE;
}

gboolean
sapa_server_db_register_workstation (SapaServerDb  *self,
                                     const char    *airport,
                                     guint          number,
                                     GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;

  if (number < 1 || number > 99)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A workstation number is from 1 to 99");
      return FALSE;
    }
  if (!airport_exists (self, airport))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "The airport “%s” has not been added; add it first", airport);
      return FALSE;
    }

  stmt = prepare (self, "INSERT INTO workstations (airport, number) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, number);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_errcode (self->db) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_EXISTS,
                   "Workstation %02u of %s is registered already", number, airport);
      return FALSE;
    }
  return db_failed (error, self->db, "register a workstation");
}

gboolean
sapa_server_db_revoke_workstation (SapaServerDb  *self,
                                   const char    *airport,
                                   guint          number,
                                   GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;
  g_autoptr(Statement) tokens = NULL;

  stmt = prepare (self, "UPDATE workstations SET revoked = 1 WHERE airport = ? AND number = ?", error);
  tokens = prepare (self,
                    "UPDATE tokens SET revoked = 1 WHERE workstation_id ="
                    " (SELECT id FROM workstations WHERE airport = ? AND number = ?)", error);
  if (stmt == NULL || tokens == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, number);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "revoke a workstation");
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "Workstation %02u of %s is not registered", number, airport);
      return FALSE;
    }

  sqlite3_bind_text (tokens, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (tokens, 2, number);
  if (sqlite3_step (tokens) != SQLITE_DONE)
    return db_failed (error, self->db, "revoke a workstation's sessions");
  return TRUE;
}

char *
sapa_server_db_describe_status (SapaServerDb  *self,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) totals = NULL;
  g_autoptr(Statement) stations = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  totals = prepare (self,
                    "SELECT (SELECT count (*) FROM users), (SELECT count (*) FROM tickets),"
                    " (SELECT count (*) FROM activities), (SELECT count (*) FROM rejections),"
                    " (SELECT coalesce (max (seq), 0) FROM activities)", error);
  stations = prepare (self,
                      "SELECT airport, number, install_id IS NOT NULL, revoked,"
                      " coalesce (last_push, 0), coalesce (last_pull, 0), pulled_to"
                      " FROM workstations ORDER BY airport, number", error);
  if (totals == NULL || stations == NULL || sqlite3_step (totals) != SQLITE_ROW)
    return db_failed (error, self->db, "read the status"), NULL;

  g_string_append_printf (text,
                          "users: %d\ntickets: %d\nactivities: %d (latest %" G_GINT64_FORMAT ")\nrejected: %d\n",
                          sqlite3_column_int (totals, 0), sqlite3_column_int (totals, 1),
                          sqlite3_column_int (totals, 2), (gint64) sqlite3_column_int64 (totals, 4),
                          sqlite3_column_int (totals, 3));
  g_string_append (text, "workstations:\n");
  while (sqlite3_step (stations) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) push = NULL;
      g_autoptr(GDateTime) pull = NULL;
      g_autofree char *push_text = NULL;
      g_autofree char *pull_text = NULL;
      gint64 push_us = sqlite3_column_int64 (stations, 4);
      gint64 pull_us = sqlite3_column_int64 (stations, 5);

      push = push_us > 0 ? g_date_time_new_from_unix_utc (push_us / G_USEC_PER_SEC) : NULL;
      pull = pull_us > 0 ? g_date_time_new_from_unix_utc (pull_us / G_USEC_PER_SEC) : NULL;
      push_text = push != NULL ? g_date_time_format_iso8601 (push) : g_strdup ("never");
      pull_text = pull != NULL ? g_date_time_format_iso8601 (pull) : g_strdup ("never");
      g_string_append_printf (text, "  %s-%02d %s%s last push %s, last pull %s (to %" G_GINT64_FORMAT ")\n",
                              sqlite3_column_text (stations, 0), sqlite3_column_int (stations, 1),
                              sqlite3_column_int (stations, 2) ? "bound" : "unbound",
                              sqlite3_column_int (stations, 3) ? ", revoked," : "",
                              push_text, pull_text, (gint64) sqlite3_column_int64 (stations, 6));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Signing in */

gboolean
sapa_server_db_check_rate (SapaServerDb       *self,
                           const char * const *keys,
                           gint64              now,
                           guint              *out_retry_after,
                           GError            **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = prepare (self,
                                       "SELECT count, window_start FROM sign_in_failures WHERE key = ?",
                                       error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          sqlite3_column_int (stmt, 0) >= FAILURE_LIMIT &&
          now - sqlite3_column_int64 (stmt, 1) < FAILURE_WINDOW_US)
        {
          gint64 left = FAILURE_WINDOW_US - (now - sqlite3_column_int64 (stmt, 1));

          *out_retry_after = (guint) (left / G_USEC_PER_SEC) + 1;
          g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_LIMITED,
                       "Too many failed sign-ins; retry in %u s", *out_retry_after);
          return FALSE;
        }
    }
  return TRUE;
}

void
sapa_server_db_note_failure (SapaServerDb       *self,
                             const char * const *keys,
                             gint64              now)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;

  /* A window that has passed starts again from one failure. */
  stmt = prepare (self,
                  "INSERT INTO sign_in_failures (key, count, window_start) VALUES (?1, 1, ?2)"
                  " ON CONFLICT (key) DO UPDATE SET"
                  "  count = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE count + 1 END,"
                  "  window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END",
                  NULL);
  if (stmt == NULL)
    return;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, FAILURE_WINDOW_US);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        db_failed (NULL, self->db, "count a failed sign-in");
    }
}

void
sapa_server_db_clear_failures (SapaServerDb *self,
                               const char   *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = prepare (self, "DELETE FROM sign_in_failures WHERE key = ?", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
}

char *
sapa_server_db_get_password_hash (SapaServerDb  *self,
                                  const char    *username,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = prepare (self,
                                       "SELECT password_hash FROM users WHERE username = ? AND NOT disabled",
                                       error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
sapa_server_db_start_session (SapaServerDb  *self,
                              const char    *username,
                              const char    *airport,
                              guint          number,
                              const char    *install_id,
                              const char    *token_hash,
                              gint64         expires_at,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) station = NULL;
  g_autoptr(Statement) user = NULL;
  g_autoptr(Statement) claim = NULL;
  g_autoptr(Statement) token = NULL;
  g_auto(GStrv) airports = NULL;
  gint64 station_id, user_id;
  const char *bound_to;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  station = prepare (self, "SELECT id, install_id, revoked FROM workstations WHERE airport = ? AND number = ?", error);
  user = prepare (self, "SELECT id, airports FROM users WHERE username = ? AND NOT disabled", error);
  claim = prepare (self, "UPDATE workstations SET install_id = ? WHERE id = ? AND install_id IS NULL", error);
  token = prepare (self,
                   "INSERT INTO tokens (hash, user_id, workstation_id, created_at, expires_at)"
                   " VALUES (?, ?, ?, ?, ?)", error);
  if (station == NULL || user == NULL || claim == NULL || token == NULL)
    goto rollback;

  sqlite3_bind_text (station, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (station, 2, number);
  if (sqlite3_step (station) != SQLITE_ROW || sqlite3_column_int (station, 2))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "Workstation %02u of %s is not registered", number, airport);
      goto rollback;
    }
  station_id = sqlite3_column_int64 (station, 0);
  bound_to = (const char *) sqlite3_column_text (station, 1);
  if (bound_to != NULL && g_strcmp0 (bound_to, install_id) != 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_TAKEN,
                   "Workstation %02u of %s belongs to another computer", number, airport);
      goto rollback;
    }

  sqlite3_bind_text (user, 1, username, -1, SQLITE_STATIC);
  if (sqlite3_step (user) != SQLITE_ROW)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED, "Unknown user");
      goto rollback;
    }
  user_id = sqlite3_column_int64 (user, 0);
  airports = g_strsplit ((const char *) sqlite3_column_text (user, 1), ",", -1);
  if (!g_strv_contains ((const char * const *) airports, SAPA_ALL_AIRPORTS) &&
      !g_strv_contains ((const char * const *) airports, airport))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED,
                   "The user does not work at %s", airport);
      goto rollback;
    }

  sqlite3_bind_text (claim, 1, install_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (claim, 2, station_id);
  sqlite3_bind_text (token, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (token, 2, user_id);
  sqlite3_bind_int64 (token, 3, station_id);
  sqlite3_bind_int64 (token, 4, g_get_real_time ());
  sqlite3_bind_int64 (token, 5, expires_at);
  if (sqlite3_step (claim) != SQLITE_DONE || sqlite3_step (token) != SQLITE_DONE)
    {
      db_failed (error, self->db, "start a session");
      goto rollback;
    }

  return exec (self, "COMMIT", error);

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

SapaServerCaller *
sapa_server_db_lookup_token (SapaServerDb  *self,
                             const char    *token_hash,
                             gint64         now,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = NULL;
  SapaServerCaller *caller;

  stmt = prepare (self,
                  "SELECT u.id, u.username, u.roles, u.airports, w.id, w.airport, w.number"
                  " FROM tokens t JOIN users u ON u.id = t.user_id"
                  " JOIN workstations w ON w.id = t.workstation_id"
                  " WHERE t.hash = ? AND NOT t.revoked AND t.expires_at > ?"
                  " AND NOT u.disabled AND NOT w.revoked", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED,
                   "The token is unknown, expired or revoked");
      return NULL;
    }

  caller = g_new0 (SapaServerCaller, 1);
  caller->user_id = sqlite3_column_int64 (stmt, 0);
  caller->username = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  caller->roles = g_strsplit ((const char *) sqlite3_column_text (stmt, 2), ",", -1);
  caller->airports = g_strsplit ((const char *) sqlite3_column_text (stmt, 3), ",", -1);
  caller->workstation_id = sqlite3_column_int64 (stmt, 4);
  caller->workstation_airport = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  caller->workstation_number = sqlite3_column_int (stmt, 6);
  return caller;
}

gboolean
sapa_server_db_revoke_token (SapaServerDb  *self,
                             const char    *token_hash,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = prepare (self, "UPDATE tokens SET revoked = 1 WHERE hash = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "revoke a token");
  return TRUE;
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

typedef struct {
  char       *id;
  char       *flow;
  char       *channel;
  char       *airport;
  guint       workstation;
  char       *status;
  char       *booking_airport;
  char       *escalated_to;
  JsonObject *body;
  gboolean    exists;
} Ticket;

static void
ticket_free (Ticket *ticket)
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ticket, ticket_free)

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

/* Returns NULL when @caller may take @activity on @ticket, or why not. */
static const char *
check_write (const SapaServerCaller *caller,
             const Ticket           *ticket,
             SapaActivity           *activity)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *action = sapa_activity_get_step (activity);
  gboolean own_station = g_strcmp0 (ticket->airport, caller->workstation_airport) == 0 &&
                         ticket->workstation == caller->workstation_number;

  /* What an activity says of where it was done must be true. */
  if (g_strcmp0 (sapa_activity_get_airport (activity), caller->workstation_airport) != 0 ||
      sapa_activity_get_workstation (activity) != caller->workstation_number)
    return "the activity names another workstation";

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

  if (g_strcmp0 (action, SAPA_ACTION_PIC_ANSWER) == 0)
    return sapa_server_caller_has_role (caller, SAPA_ROLE_PIC) ? NULL : "only a PIC answers an escalation";

  /* A PIC passes on an escalation that belongs to another unit or
   * airport, and a supervisor may move one, besides the officers. */
  if ((g_strcmp0 (action, SAPA_ACTION_NOTE) == 0 || g_strcmp0 (action, SAPA_ACTION_REASSIGN) == 0) &&
      (sapa_server_caller_has_role (caller, SAPA_ROLE_PIC) ||
       sapa_server_caller_has_role (caller, SAPA_ROLE_SUPERVISOR)))
    return NULL;

  return is_officer (caller) ? NULL : "this role may not take that action";
}

/* Sync: tickets */

static Ticket *
load_ticket (SapaServerDb  *self,
             const char    *id,
             GError       **error)
{
  g_autoptr(Statement) stmt = prepare (self,
                                       "SELECT flow, channel, airport, workstation, status,"
                                       " booking_airport, escalated_to, body FROM tickets WHERE id = ?",
                                       error);
  Ticket *ticket;

  if (stmt == NULL)
    return NULL;

  ticket = g_new0 (Ticket, 1);
  ticket->id = g_strdup (id);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return ticket;

  ticket->exists = TRUE;
  ticket->flow = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  ticket->channel = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  ticket->airport = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  ticket->workstation = sqlite3_column_int (stmt, 3);
  ticket->status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  ticket->booking_airport = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  ticket->escalated_to = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  ticket->body = sapa_sync_parse_object ((const char *) sqlite3_column_text (stmt, 7), -1, NULL);
  if (ticket->body == NULL)
    ticket->body = json_object_new ();
  return ticket;
}

/* The request's objects are shared by every activity of a batch, so the
 * server's view is always a copy. */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autofree char *text = sapa_sync_object_to_string (object);

  return sapa_sync_parse_object (text, -1, NULL);
}

/* Makes @ticket the one a workstation sent, before its first activity. */
static void
adopt_sent (Ticket     *ticket,
            JsonObject *sent)
{
  ticket->flow = g_strdup (json_object_get_string_member (sent, "flow"));
  ticket->channel = g_strdup (json_object_get_string_member (sent, "channel"));
  ticket->airport = g_strdup (sapa_airport_lookup (json_object_get_string_member (sent, "airport"))->iata);
  ticket->workstation = json_object_get_int_member (sent, "workstation");
  ticket->status = NULL;
  ticket->body = copy_object (sent);
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
apply_activity (Ticket       *ticket,
                SapaActivity *activity,
                JsonObject   *sent,
                const char   *status,
                gint64        seq)
{
  const char *action = sapa_activity_get_step (activity);
  JsonObject *payload = sapa_activity_get_payload (activity);
  const char *escalated_to = NULL;

  if (!g_str_equal (sapa_activity_get_kind (activity), SAPA_ACTIVITY_ACTION))
    {
      if (sent != NULL)
        {
          g_clear_pointer (&ticket->body, json_object_unref);
          ticket->body = copy_object (sent);
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

  json_object_set_string_member (ticket->body, "status", status);
  json_object_set_int_member (ticket->body, "updated_at",
                              MAX (json_object_get_int_member_with_default (ticket->body, "updated_at", 0),
                                   sapa_activity_get_created_at (activity)));
  json_object_set_int_member (ticket->body, "version", seq);
}

static gboolean
save_ticket (SapaServerDb  *self,
             Ticket        *ticket,
             gint64         version,
             GError       **error)
{
  g_autoptr(Statement) stmt = NULL;
  g_autofree char *body = sapa_sync_object_to_string (ticket->body);

  stmt = prepare (self,
                  "INSERT INTO tickets (id, report_number, flow, channel, airport, workstation,"
                  "  booking_airport, escalated_to, status, version, body)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                  " ON CONFLICT (id) DO UPDATE SET channel = ?4, booking_airport = ?7,"
                  "  escalated_to = ?8, status = ?9, version = ?10, body = ?11", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ticket->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (ticket->body, "report_number"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ticket->flow, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (ticket->body, "channel", ticket->channel),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, ticket->airport, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, ticket->workstation);
  sqlite3_bind_text (stmt, 7, ticket->booking_airport, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, ticket->escalated_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, ticket->status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, version);
  sqlite3_bind_text (stmt, 11, body, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    {
      ticket->exists = TRUE;
      return TRUE;
    }
  return db_failed (error, self->db, "save a ticket");
}

/* A counter service that started from a booking marks that booking's
 * passenger as arrived, wherever the booking was made. */
static gboolean
mark_booking_arrived (SapaServerDb  *self,
                      Ticket        *arrival,
                      gint64         seq,
                      GError       **error)
{
  JsonObject *record = body_record (arrival->body);
  const char *booking_id;
  g_autoptr(Ticket) booking = NULL;
  JsonNode *node;

  if (g_strcmp0 (arrival->flow, SAPA_FLOW_SNS_COUNTER) != 0 || record == NULL)
    return TRUE;
  booking_id = json_object_get_string_member_with_default (record, "booking_ticket_id", NULL);
  if (booking_id == NULL || g_str_equal (booking_id, arrival->id))
    return TRUE;

  booking = load_ticket (self, booking_id, error);
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
  return save_ticket (self, booking, seq, error);
}

/* Sync: push */

static gboolean
find_outcome (SapaServerDb  *self,
              const char    *id,
              JsonObject    *result)
{
  g_autoptr(Statement) accepted = prepare (self, "SELECT seq FROM activities WHERE id = ?", NULL);
  g_autoptr(Statement) rejected = prepare (self, "SELECT reason, detail FROM rejections WHERE id = ?", NULL);

  if (accepted == NULL || rejected == NULL)
    return FALSE;

  sqlite3_bind_text (accepted, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (accepted) == SQLITE_ROW)
    {
      json_object_set_string_member (result, "outcome", SAPA_SYNC_ACCEPTED);
      json_object_set_int_member (result, "seq", sqlite3_column_int64 (accepted, 0));
      return TRUE;
    }

  sqlite3_bind_text (rejected, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (rejected) == SQLITE_ROW)
    {
      json_object_set_string_member (result, "outcome", SAPA_SYNC_REJECTED);
      json_object_set_string_member (result, "reason", (const char *) sqlite3_column_text (rejected, 0));
      json_object_set_string_member (result, "detail", (const char *) sqlite3_column_text (rejected, 1));
      return TRUE;
    }
  return FALSE;
}

static gboolean
store_rejection (SapaServerDb           *self,
                 const SapaServerCaller *caller,
                 const char             *id,
                 const char             *ticket_id,
                 const char             *reason,
                 const char             *detail,
                 JsonObject             *result,
                 GError                **error)
{
  g_autoptr(Statement) stmt = prepare (self,
                                       "INSERT INTO rejections (id, ticket_id, reason, detail, user_id,"
                                       " workstation_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ticket_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, caller->user_id);
  sqlite3_bind_int64 (stmt, 6, caller->workstation_id);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "store a rejection");

  g_message ("Rejected activity %s of ticket %s from %s-%02u (%s): %s: %s",
             id, ticket_id, caller->workstation_airport, caller->workstation_number,
             caller->username, reason, detail);
  json_object_set_string_member (result, "outcome", SAPA_SYNC_REJECTED);
  json_object_set_string_member (result, "reason", reason);
  json_object_set_string_member (result, "detail", detail);
  return TRUE;
}

static gint64
insert_activity (SapaServerDb           *self,
                 const SapaServerCaller *caller,
                 JsonObject             *activity,
                 GError                **error)
{
  g_autoptr(Statement) stmt = prepare (self,
                                       "INSERT INTO activities (id, ticket_id, body, user_id,"
                                       " workstation_id, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                                       error);
  g_autofree char *body = sapa_sync_object_to_string (activity);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (activity, "id"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (activity, "ticket_id"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, caller->user_id);
  sqlite3_bind_int64 (stmt, 5, caller->workstation_id);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, self->db, "store an activity"), -1;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
push_one (SapaServerDb           *self,
          const SapaServerCaller *caller,
          JsonObject             *activity_json,
          GHashTable             *sent_tickets,
          JsonObject             *result,
          GHashTable             *rejected_tickets,
          GError                **error)
{
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(Ticket) ticket = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id = json_object_get_string_member_with_default (activity_json, "id", "");
  const char *ticket_id = json_object_get_string_member_with_default (activity_json, "ticket_id", "");
  const char *status;
  const char *refusal;
  JsonObject *sent;
  gint64 seq;

  json_object_set_string_member (result, "id", id);
  /* A repeat gets the first answer, whatever it carries now. */
  if (find_outcome (self, id, result))
    return TRUE;

  activity = sapa_sync_activity_from_json (activity_json, &local_error);
  if (activity == NULL)
    {
      if (!sapa_uuid_is_v7 (id))
        {
          /* Without a valid id there is nothing to answer a repeat with. */
          json_object_set_string_member (result, "outcome", SAPA_SYNC_REJECTED);
          json_object_set_string_member (result, "reason", SAPA_SYNC_REASON_INVALID);
          json_object_set_string_member (result, "detail", local_error->message);
          return TRUE;
        }
      return store_rejection (self, caller, id, ticket_id, SAPA_SYNC_REASON_INVALID,
                              local_error->message, result, error);
    }

  ticket = load_ticket (self, ticket_id, error);
  if (ticket == NULL)
    return FALSE;

  sent = g_hash_table_lookup (sent_tickets, ticket_id);
  if (!ticket->exists)
    {
      if (sent == NULL)
        return store_rejection (self, caller, id, ticket_id, SAPA_SYNC_REASON_INVALID,
                                "the ticket was not sent with its first activity", result, error);
      adopt_sent (ticket, sent);
    }

  refusal = check_write (caller, ticket, activity);
  if (refusal != NULL)
    {
      g_hash_table_add (rejected_tickets, g_strdup (ticket_id));
      return store_rejection (self, caller, id, ticket_id, SAPA_SYNC_REASON_FORBIDDEN, refusal, result, error);
    }

  if (!sapa_sync_next_status (ticket->flow, activity, ticket->status, &status, &local_error))
    {
      gboolean moved = g_error_matches (local_error, SAPA_ERROR, SAPA_ERROR_STATE);

      g_hash_table_add (rejected_tickets, g_strdup (ticket_id));
      return store_rejection (self, caller, id, ticket_id,
                              moved ? SAPA_SYNC_REASON_STATE : SAPA_SYNC_REASON_INVALID,
                              moved ? ticket->status : local_error->message, result, error);
    }

  seq = insert_activity (self, caller, activity_json, error);
  if (seq < 0)
    return FALSE;
  apply_activity (ticket, activity, sent, status, seq);
  if (!save_ticket (self, ticket, seq, error) ||
      !mark_booking_arrived (self, ticket, seq, error))
    return FALSE;

  json_object_set_string_member (result, "outcome", SAPA_SYNC_ACCEPTED);
  json_object_set_int_member (result, "seq", seq);
  return TRUE;
}

static JsonObject *
ticket_for_wire (SapaServerDb *self,
                 const char   *id)
{
  g_autoptr(Ticket) ticket = load_ticket (self, id, NULL);

  if (ticket == NULL || !ticket->exists)
    return NULL;
  return json_object_ref (ticket->body);
}

static gboolean
note_station (SapaServerDb           *self,
              const SapaServerCaller *caller,
              const char             *column,
              gint64                  pulled_to)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE workstations SET %s = ?1,"
                                          " pulled_to = max (pulled_to, ?2) WHERE id = ?3", column);
  g_autoptr(Statement) stmt = prepare (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, pulled_to);
  sqlite3_bind_int64 (stmt, 3, caller->workstation_id);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

JsonObject *
sapa_server_db_push (SapaServerDb           *self,
                     const SapaServerCaller *caller,
                     JsonObject             *body,
                     GError                **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GHashTable) sent_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_autoptr(GHashTable) rejected_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *results = json_array_new ();
  JsonArray *tickets = json_array_new ();
  JsonNode *node;
  JsonArray *activities;
  GHashTableIter iter;
  gpointer key;

  json_object_set_array_member (answer, "results", results);
  json_object_set_array_member (answer, "tickets", tickets);

  node = json_object_get_member (body, "activities");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > SAPA_SYNC_PUSH_BATCH)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "“activities” must be an array of at most %d activities", SAPA_SYNC_PUSH_BATCH);
      return NULL;
    }
  activities = json_node_get_array (node);

  /* Tickets sent with the batch; a malformed one makes the whole push
   * malformed, so nothing of it is applied. */
  node = json_object_get_member (body, "tickets");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *sent;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID, "“tickets” must be an array");
          return NULL;
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
              return NULL;
            }
          g_hash_table_insert (sent_tickets,
                               (gpointer) json_object_get_string_member (json_node_get_object (element), "id"),
                               json_node_get_object (element));
        }
    }

  for (guint i = 0; i < json_array_get_length (activities); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (activities, i)))
      {
        g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID, "activity %u is not an object", i);
        return NULL;
      }

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *result = json_object_new ();

      json_array_add_object_element (results, result);
      if (!push_one (self, caller, json_array_get_object_element (activities, i),
                     sent_tickets, result, rejected_tickets, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
    }

  g_hash_table_iter_init (&iter, rejected_tickets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(Ticket) ticket = load_ticket (self, key, NULL);

      if (ticket != NULL && ticket->exists && may_read (caller, ticket))
        json_array_add_object_element (tickets, json_object_ref (ticket->body));
    }

  note_station (self, caller, "last_push", 0);
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

/* Sync: pull */

JsonObject *
sapa_server_db_pull (SapaServerDb           *self,
                     const SapaServerCaller *caller,
                     gint64                  after,
                     guint                   limit,
                     GError                **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) latest = NULL;
  g_autoptr(Statement) rows = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *airports = NULL;
  JsonArray *items = json_array_new ();
  JsonArray *tickets = json_array_new ();
  gboolean all = g_strv_contains ((const char * const *) caller->airports, SAPA_ALL_AIRPORTS);
  gint64 max_seq, next = after;
  guint count = 0;
  int rc;

  json_object_set_array_member (answer, "items", items);
  json_object_set_array_member (answer, "tickets", tickets);

  /* The airports as a JSON array for json_each (). */
  {
    g_autoptr(JsonArray) list = json_array_new ();
    g_autoptr(JsonNode) list_node = NULL;

    for (guint i = 0; caller->airports[i] != NULL; i++)
      json_array_add_string_element (list, caller->airports[i]);
    list_node = json_node_init_array (json_node_alloc (), list);
    airports = json_to_string (list_node, FALSE);
  }

  /* The same rule as may_read (). */
  sql = g_strdup_printf ("SELECT a.seq, a.body, a.ticket_id FROM activities a"
                         " JOIN tickets t ON t.id = a.ticket_id"
                         " WHERE a.seq > ?1 AND a.seq <= ?2 AND ("
                         "  (?4 AND (?3 OR t.airport IN (SELECT value FROM json_each (?5))"
                         "    OR t.booking_airport IN (SELECT value FROM json_each (?5))"
                         "    OR t.escalated_to IN (SELECT value FROM json_each (?5))))"
                         "  OR (?6 AND (?3 OR t.airport IN (SELECT value FROM json_each (?5))"
                         "    OR t.booking_airport IN (SELECT value FROM json_each (?5))))"
                         "  OR (?7 AND (?3 OR t.escalated_to IN (SELECT value FROM json_each (?5))))"
                         "  OR (?8 AND (t.channel IN %s OR t.flow = 'sns_prebook')))"
                         " ORDER BY a.seq LIMIT ?9", cco_channels);

  /* One read transaction: the newest number and the rows below it are
   * one snapshot, and SQLite commits writers one at a time in sequence
   * order, so no earlier number can appear after a reader passed it. */
  if (!exec (self, "BEGIN", error))
    return NULL;

  latest = prepare (self, "SELECT coalesce (max (seq), 0) FROM activities", error);
  rows = prepare (self, sql, error);
  if (latest == NULL || rows == NULL || sqlite3_step (latest) != SQLITE_ROW)
    goto failed;
  max_seq = sqlite3_column_int64 (latest, 0);

  sqlite3_bind_int64 (rows, 1, after);
  sqlite3_bind_int64 (rows, 2, max_seq);
  sqlite3_bind_int (rows, 3, all);
  sqlite3_bind_int (rows, 4, sapa_server_caller_has_role (caller, SAPA_ROLE_SUPERVISOR));
  sqlite3_bind_text (rows, 5, airports, -1, SQLITE_STATIC);
  sqlite3_bind_int (rows, 6, sapa_server_caller_has_role (caller, SAPA_ROLE_CSO) ||
                             sapa_server_caller_has_role (caller, SAPA_ROLE_SNO));
  sqlite3_bind_int (rows, 7, sapa_server_caller_has_role (caller, SAPA_ROLE_PIC));
  sqlite3_bind_int (rows, 8, sapa_server_caller_has_role (caller, SAPA_ROLE_CCO));
  sqlite3_bind_int (rows, 9, limit);

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      JsonObject *activity = sapa_sync_parse_object ((const char *) sqlite3_column_text (rows, 1), -1, NULL);
      const char *ticket_id = (const char *) sqlite3_column_text (rows, 2);

      next = sqlite3_column_int64 (rows, 0);
      json_object_set_int_member (item, "seq", next);
      json_object_set_object_member (item, "activity", activity ?: json_object_new ());
      json_array_add_object_element (items, item);
      count++;

      if (!g_hash_table_contains (seen, ticket_id))
        {
          JsonObject *ticket = ticket_for_wire (self, ticket_id);

          g_hash_table_add (seen, g_strdup (ticket_id));
          if (ticket != NULL)
            json_array_add_object_element (tickets, ticket);
        }
    }
  if (rc != SQLITE_DONE)
    goto failed;

  /* A short page covers everything up to the newest number, visible or
   * not; a full one stops at its last row. */
  if (count < limit)
    next = MAX (after, max_seq);
  json_object_set_int_member (answer, "next", next);
  json_object_set_boolean_member (answer, "more", count == limit && next < max_seq);

  exec (self, "COMMIT", NULL);
  note_station (self, caller, "last_pull", next);
  return g_steal_pointer (&answer);

failed:
  db_failed (error, self->db, "read activities");
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

gint64
sapa_server_db_count_activities (SapaServerDb *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(Statement) stmt = prepare (self, "SELECT count (*) FROM activities", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}
