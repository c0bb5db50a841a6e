/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-postgres-private.h: what the PostgreSQL backend's files share */
#pragma once

#include <libpq-fe.h>

#include "sapa-server-db-private.h"

G_BEGIN_DECLS

typedef struct {
  SapaServerDb  parent;
  char         *conninfo;   /* may contain a password: never log it */
  char         *password;   /* removed from libpq's messages; NULL without one */
  GMutex        lock;
  GCond         returned;
  GQueue        idle;       /* of PgConn */
  guint         open;       /* connections open or being opened, lent or idle */
} PgDb;

typedef struct {
  SapaServerDbConn  parent;
  PGconn           *pg;
} PgConn;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Messages and failures */

/* @message on one line, with the password replaced. */
static inline char *
clean_message (PgDb       *self,
               const char *message)
{
  GString *text = g_string_new (message);

  if (self->password != NULL && *self->password != '\0')
    g_string_replace (text, self->password, "********", 0);
  g_strdelimit (text->str, "\r\n\t", ' ');
  return g_strstrip (g_string_free (text, FALSE));
}

static inline gboolean
pg_failed (PgConn          *conn,
           const PGresult  *result,
           const char      *what,
           GError         **error)
{
  PgDb *self = (PgDb *) conn->parent.db;
  const char *detail = result != NULL ? PQresultErrorMessage (result) : "";
  g_autofree char *message = clean_message (self, *detail != '\0' ? detail : PQerrorMessage (conn->pg));

  if (PQstatus (conn->pg) == CONNECTION_BAD)
    g_message ("PostgreSQL failed to %s: the connection was lost, so the next call opens another: %s",
               what, message);
  else
    g_message ("PostgreSQL failed to %s: %s", what, message);
  return sapa_server_db_failed (error, what);
}

static inline void
log_notice (void       *data,
            const char *message)
{
  g_debug ("PostgreSQL notice: %s", message);
}

/* Statements */

/* Parameters in libpq's text format. */
typedef struct {
  const char *values[12];
  char        numbers[12][24];
  int         count;
} Params;

static inline void
add_text (Params     *params,
          const char *text)
{
  g_assert (params->count < (int) G_N_ELEMENTS (params->values));
  params->values[params->count++] = text;
}

static inline void
add_number (Params *params,
            gint64  number)
{
  g_assert (params->count < (int) G_N_ELEMENTS (params->values));
  g_snprintf (params->numbers[params->count], sizeof params->numbers[0], "%" G_GINT64_FORMAT, number);
  add_text (params, params->numbers[params->count]);
}

static inline PGresult *
query (SapaServerDbConn  *conn,
       const char        *sql,
       const Params      *params,
       const char        *what,
       GError           **error)
{
  PgConn *pg_conn = (PgConn *) conn;
  PGresult *result = PQexecParams (pg_conn->pg, sql, params != NULL ? params->count : 0, NULL,
                                   params != NULL ? params->values : NULL, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  pg_failed (pg_conn, result, what, error);
  PQclear (result);
  return NULL;
}

/* Runs @sql; returns the rows it changed or returned, or -1. */
static inline gint64
run (SapaServerDbConn  *conn,
     const char        *sql,
     const Params      *params,
     const char        *what,
     GError           **error)
{
  g_autoptr(PGresult) result = query (conn, sql, params, what, error);

  if (result == NULL)
    return -1;
  return g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
}

static inline gint64
number_at (const PGresult *result,
           int             row,
           int             column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

/* The value at @row, @column, or NULL for SQL NULL; valid while @result is. */
static inline const char *
text_or_null (const PGresult *result,
              int             row,
              int             column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

static inline char *
text_at (const PGresult *result,
         int             row,
         int             column)
{
  return PQgetisnull (result, row, column) ? NULL : g_strdup (PQgetvalue (result, row, column));
}

static inline gboolean
flag_at (const PGresult *result,
         int             row,
         int             column)
{
  return g_str_equal (PQgetvalue (result, row, column), "t");
}

/* The sync primitives, in sapa-server-db-postgres-sync.c */
extern const SapaServerDbSyncPrimitives sapa_server_postgres_sync;

G_END_DECLS
