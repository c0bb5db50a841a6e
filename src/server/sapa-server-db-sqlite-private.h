/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-sqlite-private.h: what the SQLite backend's files share */
#pragma once

#include <sqlite3.h>

#include "sapa-server-db-private.h"

G_BEGIN_DECLS

typedef struct {
  SapaServerDbConn  parent;
  sqlite3          *db;
} SqliteConn;

typedef sqlite3_stmt Statement;

/* Prepared statements are kept per connection and lent out: preparing
 * the same few statements for every activity of a push cost more than
 * running them. A statement goes back, reset, when its g_autoptr ends.
 * Lending takes it out of the cache, so a statement in use is never lent
 * twice. In sapa-server-db-sqlite.c. */
Statement *sapa_server_sqlite_take_statement (sqlite3    *db,
                                              const char *sql);
void       sapa_server_sqlite_give_back      (Statement  *stmt);
void       sapa_server_sqlite_drop_statements (sqlite3   *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Statement, sapa_server_sqlite_give_back)

static inline sqlite3 *
db_of (SapaServerDbConn *conn)
{
  return ((SqliteConn *) conn)->db;
}

static inline gboolean
db_failed (GError     **error,
           sqlite3     *db,
           const char  *what)
{
  g_message ("SQLite failed to %s: %s", what, sqlite3_errmsg (db));
  return sapa_server_db_failed (error, what);
}

static inline gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_failed (error, db, "run a statement");
  return TRUE;
}

static inline Statement *
prepare (SapaServerDbConn  *conn,
         const char        *sql,
         GError           **error)
{
  Statement *stmt = sapa_server_sqlite_take_statement (db_of (conn), sql);

  if (stmt == NULL && sqlite3_prepare_v3 (db_of (conn), sql, -1, SQLITE_PREPARE_PERSISTENT,
                                          &stmt, NULL) != SQLITE_OK)
    {
      db_failed (error, db_of (conn), "prepare a statement");
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps @stmt to its end; returns the rows it changed, or -1. */
static inline gint64
run (SapaServerDbConn  *conn,
     Statement         *stmt,
     const char        *what,
     GError           **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_failed (error, db_of (conn), what), -1;
  return sqlite3_changes (db_of (conn));
}

/* Steps @stmt once; returns 1 for a row, 0 for none, -1 on failure. */
static inline gint64
step_row (SapaServerDbConn  *conn,
          Statement         *stmt,
          const char        *what,
          GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  return db_failed (error, db_of (conn), what), -1;
}

static inline char *
column_text (Statement *stmt,
             int        column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The sync primitives, in sapa-server-db-sqlite-sync.c */
extern const SapaServerDbSyncPrimitives sapa_server_sqlite_sync;

G_END_DECLS
