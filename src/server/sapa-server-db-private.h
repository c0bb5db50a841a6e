/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db-private.h: the storage primitives behind sapa-server-db.h */
#pragma once

#include "sapa-server-db.h"

G_BEGIN_DECLS

/* The rules live in sapa-server-db.c (administration, signing in) and
 * sapa-server-db-sync.c (who may read and write a ticket, how an
 * activity changes it, what a push and a pull return). A backend only
 * stores and reads: it fills in a SapaServerDbBackend, and each rule
 * runs over those primitives whichever database is behind them.
 *
 * A call borrows one connection (acquire), opens at most one transaction
 * on it (begin, commit) and gives it back (release, which rolls back a
 * transaction still open). Unless its comment states otherwise, a
 * primitive returns FALSE, NULL or -1 with @error set when the database
 * failed. A primitive that returns a count returns how many rows it
 * found or changed. */

typedef struct _SapaServerDbBackend SapaServerDbBackend;
typedef struct _SapaServerDbConn    SapaServerDbConn;

/* A backend's database struct starts with this. */
struct _SapaServerDb
{
  const SapaServerDbBackend *backend;
  char                      *name;    /* the location, without any password */
};

/* A backend's connection struct starts with this. */
struct _SapaServerDbConn
{
  SapaServerDb *db;
};

typedef enum {
  SAPA_SERVER_DB_READ,   /* one snapshot for several reads, no writes */
  SAPA_SERVER_DB_WRITE,  /* writes that store no activity */
  SAPA_SERVER_DB_PUSH,   /* writes that store activities and so take sequence numbers */
} SapaServerDbTransaction;

/* The server's view of a ticket: the columns that decide who sees it and
 * the body as sent on the wire. */
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
} SapaServerDbTicket;

void sapa_server_db_ticket_free (SapaServerDbTicket *ticket);
/* A ticket read from its columns; a @body that does not parse becomes {}. */
SapaServerDbTicket *sapa_server_db_ticket_new (const char *id,
                                               const char *flow,
                                               const char *channel,
                                               const char *airport,
                                               guint       workstation,
                                               const char *status,
                                               const char *booking_airport,
                                               const char *escalated_to,
                                               const char *body);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaServerDbTicket, sapa_server_db_ticket_free)

/* One workstation in the status summary; times are µs since the epoch,
 * 0 for never. */
typedef struct {
  char     *airport;
  guint     number;
  gboolean  bound;
  gboolean  revoked;
  gint64    last_push;
  gint64    last_pull;
  gint64    pulled_to;
} SapaServerDbStation;

typedef struct {
  gint64     users;
  gint64     tickets;
  gint64     activities;
  gint64     rejections;
  gint64     latest_seq;
  GPtrArray *stations;   /* of SapaServerDbStation */
} SapaServerDbStatus;

void sapa_server_db_station_free (SapaServerDbStation *station);

/* The request for one pull page. The flags and @airports come from the
 * caller's roles, as may_read() in sapa-server-db-sync.c reads them. */
typedef struct {
  gint64      after;
  gint64      until;          /* the newest sequence number of the snapshot */
  guint       limit;
  gboolean    all_airports;
  gboolean    supervisor;
  gboolean    officer;        /* CSO or SNO */
  gboolean    pic;
  gboolean    cco;
  const char *airports;       /* the caller's airports, comma-separated */
  const char *ticket_id;      /* only this ticket's activities, or NULL for all */
} SapaServerDbPage;

/* The query of a pull page, with parameters $1 after, $2 until,
 * $3 all_airports, $4 supervisor, $5 airports, $6 officer, $7 pic,
 * $8 cco (flags as 1 or 0), $9 limit and $10 ticket_id (or NULL). It reads seq, body and ticket_id
 * and is written in the SQL that SQLite and PostgreSQL share. */
extern const char sapa_server_db_page_sql[];

typedef struct {
  gint64  seq;
  char   *body;
  char   *ticket_id;
} SapaServerDbRow;

void sapa_server_db_row_free (SapaServerDbRow *row);

/* The primitives of the sync rules; each backend's -sync.c file
 * provides them. */
typedef struct {
  /* Finds the stored outcome of activity @id: accepted with @out_seq, or
   * rejected with @out_reason and @out_detail (and @out_seq 0). */
  gint64   (*find_outcome)    (SapaServerDbConn *conn, const char *id, gint64 *out_seq,
                               char **out_reason, char **out_detail, GError **error);
  /* Returns 0 when @id has an outcome already, because the first outcome is kept. */
  gint64   (*add_rejection)   (SapaServerDbConn *conn, const SapaServerCaller *caller, const char *id,
                               const char *ticket_id, const char *reason, const char *detail,
                               gint64 received_at, GError **error);
  /* Returns the new sequence number, or 0 when @id is stored already. */
  gint64   (*add_activity)    (SapaServerDbConn *conn, const SapaServerCaller *caller, const char *id,
                               const char *ticket_id, const char *body, gint64 received_at, GError **error);
  gint64   (*find_ticket)     (SapaServerDbConn *conn, const char *id, SapaServerDbTicket **out_ticket,
                               GError **error);
  /* Inserts or updates @ticket; @body is its body as text. */
  gboolean (*save_ticket)     (SapaServerDbConn *conn, const SapaServerDbTicket *ticket,
                               const char *report_number, const char *channel, gint64 version,
                               const char *body, GError **error);
  /* Sets @column (last_push or last_pull) to @now and raises pulled_to to @pulled_to. */
  gboolean (*note_station)    (SapaServerDbConn *conn, gint64 workstation_id, const char *column,
                               gint64 now, gint64 pulled_to, GError **error);
  /* Runs @sql, which takes no parameters and returns one number. */
  gint64   (*query_number)    (SapaServerDbConn *conn, const char *sql, GError **error);
  /* Runs sapa_server_db_page_sql; returns its rows (SapaServerDbRow). */
  GPtrArray *(*read_page)     (SapaServerDbConn *conn, const SapaServerDbPage *page, GError **error);
} SapaServerDbSyncPrimitives;

struct _SapaServerDbBackend
{
  void               (*close)   (SapaServerDb *db);
  SapaServerDbConn  *(*acquire) (SapaServerDb *db,
                                 GError      **error);
  void               (*release) (SapaServerDbConn *conn);
  gboolean           (*begin)   (SapaServerDbConn        *conn,
                                 SapaServerDbTransaction  kind,
                                 GError                 **error);
  gboolean           (*commit)  (SapaServerDbConn  *conn,
                                 GError           **error);

  /* Administration */
  gboolean (*add_airport)     (SapaServerDbConn *conn, const char *code, GError **error);
  gint64   (*find_airport)    (SapaServerDbConn *conn, const char *code, GError **error);
  /* Returns 0 when the user name is taken. */
  gint64   (*add_user)        (SapaServerDbConn *conn, const char *username, const char *password_hash,
                               const char *roles, const char *airports, gint64 created_at, GError **error);
  /* Also revokes the user's tokens; returns 0 when there is no such user. */
  gint64   (*set_password)    (SapaServerDbConn *conn, const char *username, const char *password_hash,
                               GError **error);
  /* Disables or enables a user; disabling also revokes the user's
   * tokens. Returns 0 when there is no such user. */
  gint64   (*set_disabled)    (SapaServerDbConn *conn, const char *username, gboolean disabled,
                               GError **error);
  /* Returns 0 when the number is registered already. */
  gint64   (*add_workstation) (SapaServerDbConn *conn, const char *airport, guint number, GError **error);
  /* Revokes the workstation, or with @release unbinds it from its
   * computer and enables it again; both revoke the tokens bound to it.
   * Returns 0 when it is not registered. */
  gint64   (*revoke_workstation) (SapaServerDbConn *conn, const char *airport, guint number,
                                  gboolean release, GError **error);
  gboolean (*read_status)     (SapaServerDbConn *conn, SapaServerDbStatus *out_status, GError **error);

  /* Signing in */
  gint64   (*find_failures)   (SapaServerDbConn *conn, const char *key, gint64 *out_count,
                               gint64 *out_window_start, GError **error);
  /* Counts one failure of @key; a window of @window_us that has passed
   * starts again from one. */
  gboolean (*note_failure)    (SapaServerDbConn *conn, const char *key, gint64 now, gint64 window_us,
                               GError **error);
  gboolean (*clear_failures)  (SapaServerDbConn *conn, const char *key, GError **error);
  /* Finds an enabled user. */
  gint64   (*find_user)       (SapaServerDbConn *conn, const char *username, gint64 *out_id,
                               char **out_password_hash, char **out_airports, GError **error);
  /* Finds a workstation and locks it until the transaction ends; @out_install_id is NULL while unbound. */
  gint64   (*find_workstation) (SapaServerDbConn *conn, const char *airport, guint number, gint64 *out_id,
                                char **out_install_id, gboolean *out_revoked, GError **error);
  gboolean (*bind_workstation) (SapaServerDbConn *conn, gint64 workstation_id, const char *install_id,
                                GError **error);
  gboolean (*add_token)       (SapaServerDbConn *conn, const char *token_hash, gint64 user_id,
                               gint64 workstation_id, gint64 created_at, gint64 expires_at, GError **error);
  /* Finds the caller behind a token that is valid at @now. */
  gint64   (*find_token)      (SapaServerDbConn *conn, const char *token_hash, gint64 now,
                               SapaServerCaller **out_caller, GError **error);
  gboolean (*revoke_token)    (SapaServerDbConn *conn, const char *token_hash, GError **error);

  const SapaServerDbSyncPrimitives *sync;
};

/* Returns the tables' SQL, which both backends run, with @serial as the
 * type of a key the database numbers itself and @sequence as that of the
 * activities' seq. */
char             *sapa_server_db_schema        (const char  *serial,
                                                const char  *sequence);

SapaServerDb     *sapa_server_db_open_sqlite   (const char  *path,
                                                GError     **error);
SapaServerDb     *sapa_server_db_open_postgres (const char  *conninfo,
                                                GError     **error);

/* Borrows a connection of @self; g_autoptr gives it back. */
SapaServerDbConn *sapa_server_db_acquire       (SapaServerDb      *self,
                                                GError           **error);
void              sapa_server_db_release       (SapaServerDbConn  *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaServerDbConn, sapa_server_db_release)

/* The caller of a token row: @roles and @airports are comma-separated. */
SapaServerCaller *sapa_server_caller_new       (gint64       user_id,
                                                const char  *username,
                                                const char  *roles,
                                                const char  *airports,
                                                gint64       workstation_id,
                                                const char  *workstation_airport,
                                                guint        workstation_number);

/* Sets @error to SAPA_SERVER_ERROR_FAILED for a failure to @what. */
gboolean          sapa_server_db_failed        (GError     **error,
                                                const char  *what);

G_END_DECLS
