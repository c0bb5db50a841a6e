/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-postgres.c: the server's storage in PostgreSQL, through libpq */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include "sapa-server-db-postgres-private.h"

/* Each process opens at most this many connections, so a database that
 * several processes share needs max_connections of at least
 * processes × POOL_SIZE. A call waits up to POOL_WAIT_US for one. */
#define POOL_SIZE     8
#define POOL_WAIT_US  (30 * G_USEC_PER_SEC)

/* Keys of the transaction-level advisory locks (pg_advisory_xact_lock);
 * the values are arbitrary, "Sapa" in ASCII and the next number. */
#define PUSH_LOCK_KEY    "1398894689"
#define SCHEMA_LOCK_KEY  "1398894690"

/* Connections */

static PGconn *
connect_db (PgDb    *self,
            GError **error)
{
  /* The conninfo comes last, so its own settings win over these. */
  const char * const keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char * const values[] = { "10", "sapa-server", self->conninfo, NULL };
  PGconn *pg = PQconnectdbParams (keywords, values, TRUE);

  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_autofree char *message = clean_message (self, PQerrorMessage (pg));

      g_message ("Could not connect to the PostgreSQL database %s: %s", self->parent.name, message);
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_FAILED,
                   "Could not connect to the PostgreSQL database %s: %s", self->parent.name, message);
      PQfinish (pg);
      return NULL;
    }
  PQsetNoticeProcessor (pg, log_notice, NULL);
  return pg;
}

/* An idle connection has nothing to read. Anything there is the last
 * message of a server that closed it (a restart, an administrator), so
 * checking costs no round trip. */
static gboolean
was_closed (PGconn *pg)
{
  GPollFD fd = { PQsocket (pg), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };

  return PQstatus (pg) != CONNECTION_OK || fd.fd < 0 || g_poll (&fd, 1, 0) != 0;
}

static SapaServerDbConn *
pg_acquire (SapaServerDb  *db,
            GError       **error)
{
  PgDb *self = (PgDb *) db;
  gint64 deadline = g_get_monotonic_time () + POOL_WAIT_US;
  PgConn *conn;

  g_mutex_lock (&self->lock);
  while (self->idle.length == 0 && self->open >= POOL_SIZE)
    if (!g_cond_wait_until (&self->returned, &self->lock, deadline))
      {
        g_mutex_unlock (&self->lock);
        g_message ("No PostgreSQL connection was free within %d s", (int) (POOL_WAIT_US / G_USEC_PER_SEC));
        return sapa_server_db_failed (error, "lend a connection"), NULL;
      }
  conn = g_queue_pop_head (&self->idle);
  if (conn == NULL)
    self->open++;
  g_mutex_unlock (&self->lock);

  if (conn != NULL)
    {
      if (!was_closed (conn->pg))
        return &conn->parent;
      g_message ("The PostgreSQL server closed an idle connection; opening another");
      PQfinish (conn->pg);
    }
  else
    {
      conn = g_new0 (PgConn, 1);
      conn->parent.db = db;
    }

  conn->pg = connect_db (self, error);
  if (conn->pg != NULL)
    return &conn->parent;

  g_free (conn);
  g_mutex_lock (&self->lock);
  self->open--;
  g_cond_signal (&self->returned);
  g_mutex_unlock (&self->lock);
  return NULL;
}

static void
pg_release (SapaServerDbConn *base)
{
  PgConn *conn = (PgConn *) base;
  PgDb *self = (PgDb *) base->db;
  gboolean reusable;

  /* A call that failed leaves its transaction open: this rolls it back. */
  if (PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
  reusable = PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) == PQTRANS_IDLE;
  if (!reusable)
    {
      PQfinish (conn->pg);
      g_free (conn);
    }

  g_mutex_lock (&self->lock);
  if (reusable)
    g_queue_push_head (&self->idle, conn);
  else
    self->open--;
  g_cond_signal (&self->returned);
  g_mutex_unlock (&self->lock);
}

/* Only called when no call is running, so every connection is idle. */
static void
pg_close (SapaServerDb *db)
{
  PgDb *self = (PgDb *) db;
  PgConn *conn;

  while ((conn = g_queue_pop_head (&self->idle)) != NULL)
    {
      PQfinish (conn->pg);
      g_free (conn);
    }
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->returned);
  g_free (self->conninfo);
  g_free (self->password);
  g_free (self->parent.name);
  g_free (self);
}

/* Transactions */

static gboolean
pg_begin (SapaServerDbConn         *conn,
          SapaServerDbTransaction   kind,
          GError                  **error)
{
  switch (kind)
    {
    case SAPA_SERVER_DB_READ:
      /* The pull's newest number and its rows come from one snapshot. */
      return run (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", NULL, "begin", error) >= 0;

    case SAPA_SERVER_DB_WRITE:
      return run (conn, "BEGIN", NULL, "begin", error) >= 0;

    case SAPA_SERVER_DB_PUSH:
    default:
      /* The identity column hands out numbers in the order pushes
       * request them, but transactions commit in their own order.
       * Unchecked, push A could take 10 and push B take 11 and commit
       * first. A pull would then return 11 with "next" 11, and the
       * workstation's cursor would pass 10 for good.
       *
       * This lock is held to the commit, so the pushes of every process
       * take turns. A push takes its numbers only after every lower
       * number is committed or rolled back, so a snapshot that shows a
       * number shows all the lower ones too. PostgreSQL releases the
       * lock only after the commit is visible to new snapshots. The
       * lock also serialises the read-modify-write of each ticket. */
      return run (conn, "BEGIN", NULL, "begin", error) >= 0 &&
             run (conn, "SELECT pg_advisory_xact_lock (" PUSH_LOCK_KEY ")", NULL,
                  "wait for the push lock", error) >= 0;
    }
}

static gboolean
pg_commit (SapaServerDbConn  *conn,
           GError           **error)
{
  g_autoptr(PGresult) result = query (conn, "COMMIT", NULL, "commit", error);

  if (result == NULL)
    return FALSE;
  /* For COMMIT of a failed transaction, PostgreSQL reports ROLLBACK. */
  if (!g_str_equal (PQcmdStatus (result), "COMMIT"))
    {
      g_message ("PostgreSQL rolled back a transaction that had failed");
      return sapa_server_db_failed (error, "commit");
    }
  return TRUE;
}

/* Administration */

static gboolean
pg_add_airport (SapaServerDbConn  *conn,
                const char        *code,
                GError           **error)
{
  Params params = { 0 };

  add_text (&params, code);
  return run (conn, "INSERT INTO airports (code) VALUES ($1) ON CONFLICT DO NOTHING", &params,
              "add an airport", error) >= 0;
}

static gint64
pg_find_airport (SapaServerDbConn  *conn,
                 const char        *code,
                 GError           **error)
{
  Params params = { 0 };

  add_text (&params, code);
  return run (conn, "SELECT 1 FROM airports WHERE code = $1", &params, "find an airport", error);
}

static gint64
pg_add_user (SapaServerDbConn  *conn,
             const char        *username,
             const char        *password_hash,
             const char        *roles,
             const char        *airports,
             gint64             created_at,
             GError           **error)
{
  Params params = { 0 };

  add_text (&params, username);
  add_text (&params, password_hash);
  add_text (&params, roles);
  add_text (&params, airports);
  add_number (&params, created_at);
  return run (conn,
              "INSERT INTO users (username, password_hash, roles, airports, created_at)"
              " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING",
              &params, "add a user", error);
}

static gint64
pg_set_password (SapaServerDbConn  *conn,
                 const char        *username,
                 const char        *password_hash,
                 GError           **error)
{
  Params params = { 0 };
  gint64 changed;

  add_text (&params, username);
  add_text (&params, password_hash);
  changed = run (conn, "UPDATE users SET password_hash = $2 WHERE username = $1", &params,
                 "set a password", error);
  if (changed <= 0)
    return changed;

  params.count = 1;
  if (run (conn, "UPDATE tokens SET revoked = TRUE WHERE user_id = (SELECT id FROM users WHERE username = $1)",
           &params, "end a user's sessions", error) < 0)
    return -1;
  return changed;
}

static gint64
pg_set_disabled (SapaServerDbConn  *conn,
                 const char        *username,
                 gboolean           disabled,
                 GError           **error)
{
  Params params = { 0 };
  gint64 changed;

  add_text (&params, username);
  add_text (&params, disabled ? "true" : "false");
  changed = run (conn, "UPDATE users SET disabled = $2::boolean WHERE username = $1", &params,
                 "disable or enable a user", error);
  if (changed <= 0 || !disabled)
    return changed;

  params.count = 1;
  if (run (conn, "UPDATE tokens SET revoked = TRUE WHERE user_id = (SELECT id FROM users WHERE username = $1)",
           &params, "end a user's sessions", error) < 0)
    return -1;
  return changed;
}

static gint64
pg_add_workstation (SapaServerDbConn  *conn,
                    const char        *airport,
                    guint              number,
                    GError           **error)
{
  Params params = { 0 };

  add_text (&params, airport);
  add_number (&params, number);
  return run (conn,
              "INSERT INTO workstations (airport, number) VALUES ($1, $2)"
              " ON CONFLICT (airport, number) DO NOTHING",
              &params, "register a workstation", error);
}

static gint64
pg_revoke_workstation (SapaServerDbConn  *conn,
                       const char        *airport,
                       guint              number,
                       gboolean           release,
                       GError           **error)
{
  Params params = { 0 };
  gint64 changed;

  add_text (&params, airport);
  add_number (&params, number);
  changed = run (conn,
                 release
                   ? "UPDATE workstations SET revoked = FALSE, install_id = NULL WHERE airport = $1 AND number = $2"
                   : "UPDATE workstations SET revoked = TRUE WHERE airport = $1 AND number = $2",
                 &params, "revoke a workstation", error);
  if (changed <= 0)
    return changed;

  if (run (conn,
           "UPDATE tokens SET revoked = TRUE WHERE workstation_id ="
           " (SELECT id FROM workstations WHERE airport = $1 AND number = $2)",
           &params, "revoke a workstation's sessions", error) < 0)
    return -1;
  return changed;
}

static gboolean
pg_read_status (SapaServerDbConn    *conn,
                SapaServerDbStatus  *out_status,
                GError             **error)
{
  g_autoptr(PGresult) totals = NULL;
  g_autoptr(PGresult) stations = NULL;

  totals = query (conn,
                  "SELECT (SELECT count (*) FROM users), (SELECT count (*) FROM tickets),"
                  " (SELECT count (*) FROM activities), (SELECT count (*) FROM rejections),"
                  " (SELECT coalesce (max (seq), 0) FROM activities)",
                  NULL, "read the status", error);
  if (totals == NULL)
    return FALSE;
  stations = query (conn,
                    "SELECT airport, number, install_id IS NOT NULL, revoked,"
                    " coalesce (last_push, 0), coalesce (last_pull, 0), pulled_to"
                    " FROM workstations ORDER BY airport, number",
                    NULL, "read the workstations", error);
  if (stations == NULL)
    return FALSE;

  out_status->users = number_at (totals, 0, 0);
  out_status->tickets = number_at (totals, 0, 1);
  out_status->activities = number_at (totals, 0, 2);
  out_status->rejections = number_at (totals, 0, 3);
  out_status->latest_seq = number_at (totals, 0, 4);

  for (int row = 0; row < PQntuples (stations); row++)
    {
      SapaServerDbStation *station = g_new0 (SapaServerDbStation, 1);

      station->airport = text_at (stations, row, 0);
      station->number = number_at (stations, row, 1);
      station->bound = flag_at (stations, row, 2);
      station->revoked = flag_at (stations, row, 3);
      station->last_push = number_at (stations, row, 4);
      station->last_pull = number_at (stations, row, 5);
      station->pulled_to = number_at (stations, row, 6);
      g_ptr_array_add (out_status->stations, station);
    }
  return TRUE;
}

/* Signing in */

static gint64
pg_find_failures (SapaServerDbConn  *conn,
                  const char        *key,
                  gint64            *out_count,
                  gint64            *out_window_start,
                  GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, key);
  result = query (conn, "SELECT count, window_start FROM sign_in_failures WHERE key = $1", &params,
                  "read failed sign-ins", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_count = number_at (result, 0, 0);
  *out_window_start = number_at (result, 0, 1);
  return 1;
}

static gboolean
pg_note_failure (SapaServerDbConn  *conn,
                 const char        *key,
                 gint64             now,
                 gint64             window_us,
                 GError           **error)
{
  Params params = { 0 };

  add_text (&params, key);
  add_number (&params, now);
  add_number (&params, window_us);
  /* One statement, so processes that count the same key at once each
   * add one. A window that has passed starts again from one failure. */
  return run (conn,
              "INSERT INTO sign_in_failures AS f (key, count, window_start) VALUES ($1, 1, $2)"
              " ON CONFLICT (key) DO UPDATE SET"
              "  count = CASE WHEN $2 - f.window_start >= $3 THEN 1 ELSE f.count + 1 END,"
              "  window_start = CASE WHEN $2 - f.window_start >= $3 THEN $2 ELSE f.window_start END",
              &params, "count a failed sign-in", error) >= 0;
}

static gboolean
pg_clear_failures (SapaServerDbConn  *conn,
                   const char        *key,
                   GError           **error)
{
  Params params = { 0 };

  add_text (&params, key);
  return run (conn, "DELETE FROM sign_in_failures WHERE key = $1", &params,
              "clear failed sign-ins", error) >= 0;
}

static gint64
pg_find_user (SapaServerDbConn  *conn,
              const char        *username,
              gint64            *out_id,
              char             **out_password_hash,
              char             **out_airports,
              GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, username);
  result = query (conn, "SELECT id, password_hash, airports FROM users WHERE username = $1 AND NOT disabled",
                  &params, "find a user", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_id = number_at (result, 0, 0);
  *out_password_hash = text_at (result, 0, 1);
  *out_airports = text_at (result, 0, 2);
  return 1;
}

static gint64
pg_find_workstation (SapaServerDbConn  *conn,
                     const char        *airport,
                     guint              number,
                     gint64            *out_id,
                     char             **out_install_id,
                     gboolean          *out_revoked,
                     GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, airport);
  add_number (&params, number);
  /* FOR UPDATE: a second first sign-in waits here and then reads the
   * computer the first one bound. */
  result = query (conn,
                  "SELECT id, install_id, revoked FROM workstations WHERE airport = $1 AND number = $2"
                  " FOR UPDATE",
                  &params, "find a workstation", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_id = number_at (result, 0, 0);
  *out_install_id = text_at (result, 0, 1);
  *out_revoked = flag_at (result, 0, 2);
  return 1;
}

static gboolean
pg_bind_workstation (SapaServerDbConn  *conn,
                     gint64             workstation_id,
                     const char        *install_id,
                     GError           **error)
{
  Params params = { 0 };

  add_text (&params, install_id);
  add_number (&params, workstation_id);
  return run (conn, "UPDATE workstations SET install_id = $1 WHERE id = $2 AND install_id IS NULL", &params,
              "bind a workstation", error) >= 0;
}

static gboolean
pg_add_token (SapaServerDbConn  *conn,
              const char        *token_hash,
              gint64             user_id,
              gint64             workstation_id,
              gint64             created_at,
              gint64             expires_at,
              GError           **error)
{
  Params params = { 0 };

  add_text (&params, token_hash);
  add_number (&params, user_id);
  add_number (&params, workstation_id);
  add_number (&params, created_at);
  add_number (&params, expires_at);
  return run (conn,
              "INSERT INTO tokens (hash, user_id, workstation_id, created_at, expires_at)"
              " VALUES ($1, $2, $3, $4, $5)",
              &params, "start a session", error) >= 0;
}

static gint64
pg_find_token (SapaServerDbConn   *conn,
               const char         *token_hash,
               gint64              now,
               SapaServerCaller  **out_caller,
               GError            **error)
{
  g_autoptr(PGresult) result = NULL;
  Params params = { 0 };

  add_text (&params, token_hash);
  add_number (&params, now);
  result = query (conn,
                  "SELECT u.id, u.username, u.roles, u.airports, w.id, w.airport, w.number"
                  " FROM tokens t JOIN users u ON u.id = t.user_id"
                  " JOIN workstations w ON w.id = t.workstation_id"
                  " WHERE t.hash = $1 AND NOT t.revoked AND t.expires_at > $2"
                  " AND NOT u.disabled AND NOT w.revoked",
                  &params, "look up a token", error);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0)
    return 0;
  *out_caller = sapa_server_caller_new (number_at (result, 0, 0), PQgetvalue (result, 0, 1),
                                        PQgetvalue (result, 0, 2), PQgetvalue (result, 0, 3),
                                        number_at (result, 0, 4), PQgetvalue (result, 0, 5),
                                        number_at (result, 0, 6));
  return 1;
}

static gboolean
pg_revoke_token (SapaServerDbConn  *conn,
                 const char        *token_hash,
                 GError           **error)
{
  Params params = { 0 };

  add_text (&params, token_hash);
  return run (conn, "UPDATE tokens SET revoked = TRUE WHERE hash = $1", &params, "revoke a token", error) >= 0;
}

static const SapaServerDbBackend postgres_backend = {
  .close = pg_close,
  .acquire = pg_acquire,
  .release = pg_release,
  .begin = pg_begin,
  .commit = pg_commit,
  .add_airport = pg_add_airport,
  .find_airport = pg_find_airport,
  .add_user = pg_add_user,
  .set_password = pg_set_password,
  .set_disabled = pg_set_disabled,
  .add_workstation = pg_add_workstation,
  .revoke_workstation = pg_revoke_workstation,
  .read_status = pg_read_status,
  .find_failures = pg_find_failures,
  .note_failure = pg_note_failure,
  .clear_failures = pg_clear_failures,
  .find_user = pg_find_user,
  .find_workstation = pg_find_workstation,
  .bind_workstation = pg_bind_workstation,
  .add_token = pg_add_token,
  .find_token = pg_find_token,
  .revoke_token = pg_revoke_token,
  .sync = &sapa_server_postgres_sync,
};

/* Opening */

/* The location for messages: where the database is, never the password. */
static char *
describe_location (const PQconninfoOption *options)
{
  static const char * const shown[] = { "host", "hostaddr", "port", "dbname", "user", NULL };
  g_autoptr(GString) text = g_string_new (NULL);

  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && *option->val != '\0' && g_strv_contains (shown, option->keyword))
      g_string_append_printf (text, "%s%s=%s", text->len > 0 ? " " : "", option->keyword, option->val);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
find_password (const PQconninfoOption *options)
{
  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "password") && option->val != NULL)
      return g_strdup (option->val);
  return NULL;
}

/* Creates the tables once, however many processes open the database at
 * the same time: CREATE TABLE IF NOT EXISTS alone can fail when two run
 * together. */
static gboolean
create_schema (SapaServerDb  *db,
               GError       **error)
{
  g_autoptr(SapaServerDbConn) conn = sapa_server_db_acquire (db, error);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *schema = sapa_server_db_schema ("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                                                   "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

  if (conn == NULL || !pg_begin (conn, SAPA_SERVER_DB_WRITE, error) ||
      run (conn, "SELECT pg_advisory_xact_lock (" SCHEMA_LOCK_KEY ")", NULL, "wait for the schema lock",
           error) < 0)
    return FALSE;

  result = PQexec (((PgConn *) conn)->pg, schema);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return pg_failed ((PgConn *) conn, result, "create the tables", error);
  return pg_commit (conn, error);
}

SapaServerDb *
sapa_server_db_open_postgres (const char  *conninfo,
                              GError     **error)
{
  g_autoptr(SapaServerDb) db = NULL;
  PQconninfoOption *options;
  char *parse_error = NULL;
  PgDb *self;

  options = PQconninfoParse (conninfo, &parse_error);
  if (options == NULL)
    {
      /* libpq's message can quote the text around the error, password
       * included, so it is not shown. */
      PQfreemem (parse_error);
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "The PostgreSQL connection string is malformed; write it as postgresql://USER@HOST/DATABASE"
                   " or as key=value pairs such as “host=HOST dbname=DATABASE”");
      return NULL;
    }

  self = g_new0 (PgDb, 1);
  db = &self->parent;
  self->parent.backend = &postgres_backend;
  self->parent.name = describe_location (options);
  self->conninfo = g_strdup (conninfo);
  self->password = find_password (options);
  PQconninfoFree (options);
  g_mutex_init (&self->lock);
  g_cond_init (&self->returned);
  g_queue_init (&self->idle);

  if (!create_schema (db, error))
    return NULL;
  return g_steal_pointer (&db);
}
