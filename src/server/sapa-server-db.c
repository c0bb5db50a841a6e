/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db.c: the server's storage: backend choice, administration, signing in */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-airport.h"
#include "sapa-server-db-private.h"

/* Failed sign-ins counted per user and per address within this window;
 * past the limit, sign-in waits for the window to end. */
#define FAILURE_WINDOW_US  (15 * 60 * G_USEC_PER_SEC)
#define FAILURE_LIMIT      5
/* Every desk of an airport may sign in from one address behind its
 * router, so an address gets more tries than a user before it waits. */
#define ADDRESS_FAILURE_LIMIT 50

G_DEFINE_QUARK (sapa-server-error-quark, sapa_server_error)

gboolean
sapa_server_db_failed (GError     **error,
                       const char  *what)
{
  g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_FAILED,
               "The database failed to %s", what);
  return FALSE;
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

SapaServerCaller *
sapa_server_caller_new (gint64      user_id,
                        const char *username,
                        const char *roles,
                        const char *airports,
                        gint64      workstation_id,
                        const char *workstation_airport,
                        guint       workstation_number)
{
  SapaServerCaller *caller = g_new0 (SapaServerCaller, 1);

  caller->user_id = user_id;
  caller->username = g_strdup (username);
  caller->roles = g_strsplit (roles, ",", -1);
  caller->airports = g_strsplit (airports, ",", -1);
  caller->workstation_id = workstation_id;
  caller->workstation_airport = g_strdup (workstation_airport);
  caller->workstation_number = workstation_number;
  return caller;
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

/* Backends */

/* The tables, in SQL that SQLite and PostgreSQL both run. Activities
 * are stored once, in the server's order (seq). A rejected
 * activity is kept apart with its reason, so a repeat gets the same
 * answer. A ticket holds the server's view of it (body, as sent on the
 * wire) and the columns that decide who sees it. Times are µs since the
 * epoch. */
static const char schema_template[] =
  "CREATE TABLE IF NOT EXISTS airports ("
  "  code TEXT PRIMARY KEY);"
  "CREATE TABLE IF NOT EXISTS users ("
  "  id @SERIAL@,"
  "  username TEXT NOT NULL UNIQUE,"
  "  password_hash TEXT NOT NULL,"
  "  roles TEXT NOT NULL,"
  "  airports TEXT NOT NULL,"
  "  disabled BOOLEAN NOT NULL DEFAULT FALSE,"
  "  created_at BIGINT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS workstations ("
  "  id @SERIAL@,"
  "  airport TEXT NOT NULL REFERENCES airports (code),"
  "  number INTEGER NOT NULL,"
  "  install_id TEXT,"
  "  revoked BOOLEAN NOT NULL DEFAULT FALSE,"
  "  last_push BIGINT,"
  "  last_pull BIGINT,"
  "  pulled_to BIGINT NOT NULL DEFAULT 0,"
  "  UNIQUE (airport, number));"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  hash TEXT PRIMARY KEY,"
  "  user_id BIGINT NOT NULL REFERENCES users (id),"
  "  workstation_id BIGINT NOT NULL REFERENCES workstations (id),"
  "  created_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL,"
  "  revoked BOOLEAN NOT NULL DEFAULT FALSE);"
  "CREATE TABLE IF NOT EXISTS sign_in_failures ("
  "  key TEXT PRIMARY KEY,"
  "  count INTEGER NOT NULL,"
  "  window_start BIGINT NOT NULL);"
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
  "  version BIGINT NOT NULL,"
  "  body TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS activities ("
  "  seq @SEQUENCE@,"
  "  id TEXT NOT NULL UNIQUE,"
  "  ticket_id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  user_id BIGINT NOT NULL,"
  "  workstation_id BIGINT NOT NULL,"
  "  received_at BIGINT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS activities_by_ticket ON activities (ticket_id, seq);"
  "CREATE TABLE IF NOT EXISTS rejections ("
  "  id TEXT PRIMARY KEY,"
  "  ticket_id TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  detail TEXT,"
  "  user_id BIGINT NOT NULL,"
  "  workstation_id BIGINT NOT NULL,"
  "  received_at BIGINT NOT NULL);";

char *
sapa_server_db_schema (const char *serial,
                       const char *sequence)
{
  GString *sql = g_string_new (schema_template);

  g_string_replace (sql, "@SERIAL@", serial, 0);
  g_string_replace (sql, "@SEQUENCE@", sequence, 0);
  return g_string_free (sql, FALSE);
}

/* A libpq URI, or libpq key=value pairs such as "host=db dbname=sapa". */
static gboolean
is_postgres_location (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://") ||
         g_regex_match_simple ("^\\s*[a-z_]+\\s*=", location, 0, 0);
}

SapaServerDb *
sapa_server_db_open (const char  *location,
                     GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (is_postgres_location (location))
    return sapa_server_db_open_postgres (location, error);
  return sapa_server_db_open_sqlite (location, error);
}

void
sapa_server_db_close (SapaServerDb *self)
{
  if (self == NULL)
    return;
  self->backend->close (self);
}

const char *
sapa_server_db_get_name (SapaServerDb *self)
{
  return self->name;
}

SapaServerDbConn *
sapa_server_db_acquire (SapaServerDb  *self,
                        GError       **error)
{
  return self->backend->acquire (self, error);
}

void
sapa_server_db_release (SapaServerDbConn *conn)
{
  conn->db->backend->release (conn);
}

static gboolean
begin (SapaServerDbConn         *conn,
       SapaServerDbTransaction   kind,
       GError                  **error)
{
  return conn->db->backend->begin (conn, kind, error);
}

static gboolean
commit (SapaServerDbConn  *conn,
        GError           **error)
{
  return conn->db->backend->commit (conn, error);
}

/* Administration */

gboolean
sapa_server_db_add_airport (SapaServerDb  *self,
                            const char    *code,
                            GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = NULL;

  if (sapa_airport_lookup (code) == NULL)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "“%s” is not an airport Sapa knows", code);
      return FALSE;
    }

  conn = sapa_server_db_acquire (self, error);
  return conn != NULL && self->backend->add_airport (conn, sapa_airport_lookup (code)->iata, error);
}

static const char * const known_roles[] = {
  SAPA_ROLE_CSO, SAPA_ROLE_SNO, SAPA_ROLE_CCO, SAPA_ROLE_PIC, SAPA_ROLE_SUPERVISOR, SAPA_ROLE_ADMIN, NULL
};

/* Sets NOT_FOUND when @code has not been added. */
static gboolean
check_airport_added (SapaServerDbConn  *conn,
                     const char        *code,
                     GError           **error)
{
  gint64 found = conn->db->backend->find_airport (conn, code, error);

  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "The airport “%s” has not been added; add it first", code);
      return FALSE;
    }
  return TRUE;
}

gboolean
sapa_server_db_add_user (SapaServerDb        *self,
                         const char          *username,
                         const char          *password_hash,
                         const char * const  *roles,
                         const char * const  *airports,
                         GError             **error)
{
  g_autoptr(SapaServerDbConn) conn = NULL;
  g_autofree char *roles_text = NULL;
  g_autofree char *airports_text = NULL;
  g_autofree char *name = NULL;
  gint64 added;

  /* A user name is typed at every sign-in and shows in every log line:
   * letters, digits and . _ - @ only. */
  if (username == NULL || *username == '\0' || strlen (username) > 64 ||
      strspn (username, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") != strlen (username))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A user name is 1 to 64 letters, digits and . _ - @");
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

  /* Everyone but an administrator works for some airport. */
  if ((airports == NULL || airports[0] == NULL || *airports[0] == '\0') &&
      !(g_strv_length ((char **) roles) == 1 && g_str_equal (roles[0], SAPA_ROLE_ADMIN)))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "Give the user's airports with --airport (* for every airport)");
      return FALSE;
    }

  conn = sapa_server_db_acquire (self, error);
  if (conn == NULL)
    return FALSE;

  for (guint i = 0; airports != NULL && airports[i] != NULL; i++)
    if (!g_str_equal (airports[i], SAPA_ALL_AIRPORTS) && !check_airport_added (conn, airports[i], error))
      return FALSE;

  roles_text = g_strjoinv (",", (char **) roles);
  airports_text = airports != NULL ? g_strjoinv (",", (char **) airports) : g_strdup ("");

  /* Names are kept in lower case, so "Ani" and "ani" are one user. */
  name = g_ascii_strdown (username, -1);
  added = self->backend->add_user (conn, name, password_hash, roles_text, airports_text,
                                   g_get_real_time (), error);
  if (added == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_EXISTS,
                 "The user “%s” exists already", name);
  return added > 0;
}

gboolean
sapa_server_db_set_password (SapaServerDb  *self,
                             const char    *username,
                             const char    *password_hash,
                             GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  g_autofree char *name = g_ascii_strdown (username, -1);
  gint64 changed;

  /* A new password ends the sessions the old one opened, in the same
   * transaction. */
  if (conn == NULL || !begin (conn, SAPA_SERVER_DB_WRITE, error))
    return FALSE;
  changed = self->backend->set_password (conn, name, password_hash, error);
  if (changed == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                 "There is no user “%s”", name);
  return changed > 0 && commit (conn, error);
}

gboolean
sapa_server_db_set_disabled (SapaServerDb  *self,
                             const char    *username,
                             gboolean       disabled,
                             GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  g_autofree char *name = g_ascii_strdown (username, -1);
  gint64 changed;

  if (conn == NULL || !begin (conn, SAPA_SERVER_DB_WRITE, error))
    return FALSE;
  changed = self->backend->set_disabled (conn, name, disabled, error);
  if (changed == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                 "There is no user “%s”", name);
  return changed > 0 && commit (conn, error);
}

gboolean
sapa_server_db_register_workstation (SapaServerDb  *self,
                                     const char    *airport,
                                     guint          number,
                                     GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = NULL;
  gint64 added;

  if (number < 1 || number > 99)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A workstation number is from 1 to 99");
      return FALSE;
    }

  conn = sapa_server_db_acquire (self, error);
  if (conn == NULL || !check_airport_added (conn, airport, error))
    return FALSE;

  added = self->backend->add_workstation (conn, airport, number, error);
  if (added == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_EXISTS,
                 "Workstation %02u of %s is registered already", number, airport);
  return added > 0;
}

gboolean
sapa_server_db_revoke_workstation (SapaServerDb  *self,
                                   const char    *airport,
                                   guint          number,
                                   gboolean       release,
                                   GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  gint64 changed;

  if (conn == NULL || !begin (conn, SAPA_SERVER_DB_WRITE, error))
    return FALSE;
  changed = self->backend->revoke_workstation (conn, airport, number, release, error);
  if (changed == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                 "Workstation %02u of %s is not registered", number, airport);
  return changed > 0 && commit (conn, error);
}

void
sapa_server_db_station_free (SapaServerDbStation *station)
{
  g_free (station->airport);
  g_free (station);
}

static char *
format_instant (gint64 us)
{
  g_autoptr(GDateTime) time = us > 0 ? g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC) : NULL;

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("never");
}

char *
sapa_server_db_describe_status (SapaServerDb  *self,
                                GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_server_db_station_free);
  g_autoptr(GString) text = g_string_new (NULL);
  SapaServerDbStatus status = { .stations = stations };

  if (conn == NULL || !begin (conn, SAPA_SERVER_DB_READ, error) ||
      !self->backend->read_status (conn, &status, error))
    return NULL;

  g_string_append_printf (text,
                          "users: %" G_GINT64_FORMAT "\ntickets: %" G_GINT64_FORMAT "\n"
                          "activities: %" G_GINT64_FORMAT " (latest %" G_GINT64_FORMAT ")\n"
                          "rejected: %" G_GINT64_FORMAT "\n",
                          status.users, status.tickets, status.activities, status.latest_seq,
                          status.rejections);
  g_string_append (text, "workstations:\n");
  for (guint i = 0; i < stations->len; i++)
    {
      SapaServerDbStation *station = g_ptr_array_index (stations, i);
      g_autofree char *push_text = format_instant (station->last_push);
      g_autofree char *pull_text = format_instant (station->last_pull);

      g_string_append_printf (text, "  %s-%02u %s%s last push %s, last pull %s (to %" G_GINT64_FORMAT ")\n",
                              station->airport, station->number,
                              station->bound ? "bound" : "unbound",
                              station->revoked ? ", revoked," : "",
                              push_text, pull_text, station->pulled_to);
    }
  commit (conn, NULL);
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
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);

  if (conn == NULL)
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gint64 count = 0, window_start = 0;
      gint64 found = self->backend->find_failures (conn, keys[i], &count, &window_start, error);

      if (found < 0)
        return FALSE;
      gint64 limit = g_str_has_prefix (keys[i], "address:") ? ADDRESS_FAILURE_LIMIT : FAILURE_LIMIT;

      if (found > 0 && count >= limit && now - window_start < FAILURE_WINDOW_US)
        {
          gint64 left = FAILURE_WINDOW_US - (now - window_start);

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
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, NULL);

  if (conn == NULL)
    return;
  for (guint i = 0; keys[i] != NULL; i++)
    self->backend->note_failure (conn, keys[i], now, FAILURE_WINDOW_US, NULL);
}

void
sapa_server_db_clear_failures (SapaServerDb *self,
                               const char   *key)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, NULL);

  if (conn != NULL)
    self->backend->clear_failures (conn, key, NULL);
}

char *
sapa_server_db_get_password_hash (SapaServerDb  *self,
                                  const char    *username,
                                  GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  g_autofree char *airports = NULL;
  char *hash = NULL;
  gint64 user_id;

  if (conn == NULL)
    return NULL;
  self->backend->find_user (conn, username, &user_id, &hash, &airports, error);
  return hash;
}

/* Checks, in the open transaction of @conn, that @username may start a
 * session at the workstation @airport/@number from @install_id; returns
 * the ids of both. */
static gboolean
check_session (SapaServerDbConn  *conn,
               const char        *username,
               const char        *airport,
               guint              number,
               const char        *install_id,
               gint64            *out_user_id,
               gint64            *out_station_id,
               GError           **error)
{
  const SapaServerDbBackend *backend = conn->db->backend;
  g_autofree char *bound_to = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *airports_text = NULL;
  g_auto(GStrv) airports = NULL;
  gboolean revoked = FALSE;
  gint64 found;

  found = backend->find_workstation (conn, airport, number, out_station_id, &bound_to, &revoked, error);
  if (found < 0)
    return FALSE;
  if (found == 0 || revoked)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND,
                   "Workstation %02u of %s is not registered", number, airport);
      return FALSE;
    }
  if (bound_to != NULL && g_strcmp0 (bound_to, install_id) != 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_TAKEN,
                   "Workstation %02u of %s belongs to another computer", number, airport);
      return FALSE;
    }

  found = backend->find_user (conn, username, out_user_id, &password_hash, &airports_text, error);
  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED, "Unknown user");
      return FALSE;
    }
  airports = g_strsplit (airports_text, ",", -1);
  if (!g_strv_contains ((const char * const *) airports, SAPA_ALL_AIRPORTS) &&
      !g_strv_contains ((const char * const *) airports, airport))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED,
                   "The user does not work at %s", airport);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  gint64 user_id, station_id;

  /* The workstation stays locked from the check to the commit, so two
   * computers cannot both bind an unbound number. */
  return conn != NULL &&
         begin (conn, SAPA_SERVER_DB_WRITE, error) &&
         check_session (conn, username, airport, number, install_id, &user_id, &station_id, error) &&
         self->backend->bind_workstation (conn, station_id, install_id, error) &&
         self->backend->add_token (conn, token_hash, user_id, station_id, g_get_real_time (),
                                   expires_at, error) &&
         commit (conn, error);
}

SapaServerCaller *
sapa_server_db_lookup_token (SapaServerDb  *self,
                             const char    *token_hash,
                             gint64         now,
                             GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);
  SapaServerCaller *caller = NULL;
  gint64 found;

  if (conn == NULL)
    return NULL;
  found = self->backend->find_token (conn, token_hash, now, &caller, error);
  if (found == 0)
    g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED,
                 "The token is unknown, expired or revoked");
  return caller;
}

gboolean
sapa_server_db_revoke_token (SapaServerDb  *self,
                             const char    *token_hash,
                             GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (self, error);

  return conn != NULL && self->backend->revoke_token (conn, token_hash, error);
}
