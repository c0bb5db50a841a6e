/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-db.h: the server's storage */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Everything a server process needs is stored here, never in the process, so
 * several processes can serve one database. The database is a SQLite
 * file, or a PostgreSQL database that processes on several machines can
 * share. The writes of one push run in one transaction. */

typedef struct _SapaServerDb SapaServerDb;

#define SAPA_SERVER_ERROR (sapa_server_error_quark ())

typedef enum {
  SAPA_SERVER_ERROR_FAILED,       /* the database failed */
  SAPA_SERVER_ERROR_INVALID,      /* an argument is malformed */
  SAPA_SERVER_ERROR_NOT_FOUND,    /* no such user, airport or workstation */
  SAPA_SERVER_ERROR_EXISTS,       /* it is there already */
  SAPA_SERVER_ERROR_DENIED,       /* the credentials or the token do not allow it */
  SAPA_SERVER_ERROR_TAKEN,        /* the workstation number belongs to another computer */
  SAPA_SERVER_ERROR_LIMITED,      /* too many failed sign-ins; retry later */
} SapaServerError;

GQuark sapa_server_error_quark (void);

/* Roles, as stored and as sent. */
#define SAPA_ROLE_CSO         "cso"
#define SAPA_ROLE_SNO         "sno"
#define SAPA_ROLE_CCO         "cco"
#define SAPA_ROLE_PIC         "pic"
#define SAPA_ROLE_SUPERVISOR  "supervisor"
#define SAPA_ROLE_ADMIN       "admin"

/* "*" in a user's airports stands for every airport. */
#define SAPA_ALL_AIRPORTS "*"

/* Who sent a request: the user behind a valid token and the workstation
 * it is bound to. */
typedef struct {
  gint64  user_id;
  char   *username;
  char  **roles;
  char  **airports;
  gint64  workstation_id;
  char   *workstation_airport;
  guint   workstation_number;
} SapaServerCaller;

void     sapa_server_caller_free      (SapaServerCaller *caller);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaServerCaller, sapa_server_caller_free)
gboolean sapa_server_caller_has_role  (const SapaServerCaller *caller,
                                       const char             *role);
gboolean sapa_server_caller_has_airport (const SapaServerCaller *caller,
                                         const char             *airport);

/* Opens the database at @location and creates its tables if missing.
 * A libpq connection string (postgresql://..., postgres://... or
 * key=value pairs such as "host=db dbname=sapa") selects PostgreSQL;
 * anything else is the path of a SQLite file. */
SapaServerDb *sapa_server_db_open          (const char    *location,
                                            GError       **error);
void          sapa_server_db_close         (SapaServerDb  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaServerDb, sapa_server_db_close)
/* The location for messages, without any password. */
const char   *sapa_server_db_get_name      (SapaServerDb  *self);

/* Administration */
gboolean      sapa_server_db_add_airport   (SapaServerDb  *self,
                                            const char    *code,
                                            GError       **error);
/* @password_hash is an Argon2id string from sapa_server_hash_password(). */
gboolean      sapa_server_db_add_user      (SapaServerDb  *self,
                                            const char    *username,
                                            const char    *password_hash,
                                            const char * const *roles,
                                            const char * const *airports,
                                            GError       **error);
gboolean      sapa_server_db_set_password  (SapaServerDb  *self,
                                            const char    *username,
                                            const char    *password_hash,
                                            GError       **error);
/* Disables a user (and ends the user's sessions) or enables one again. */
gboolean      sapa_server_db_set_disabled  (SapaServerDb  *self,
                                            const char    *username,
                                            gboolean       disabled,
                                            GError       **error);
gboolean      sapa_server_db_register_workstation (SapaServerDb *self,
                                                   const char   *airport,
                                                   guint         number,
                                                   GError      **error);
/* Revokes the workstation and every token bound to it; with @release,
 * unbinds it from its computer instead and enables it again, so a
 * replacement computer can take the number at its first sign-in. */
gboolean      sapa_server_db_revoke_workstation   (SapaServerDb *self,
                                                   const char   *airport,
                                                   guint         number,
                                                   gboolean      release,
                                                   GError      **error);
/* A human-readable summary: users, workstations with their last push
 * and pull, activities and rejections. */
char         *sapa_server_db_describe_status (SapaServerDb *self,
                                              GError      **error);

/* Signing in */

/* Checks the failed sign-ins of @keys within the window; sets
 * SAPA_SERVER_ERROR_LIMITED with the seconds to wait in @out_retry_after. */
gboolean      sapa_server_db_check_rate    (SapaServerDb       *self,
                                            const char * const *keys,
                                            gint64              now,
                                            guint              *out_retry_after,
                                            GError            **error);
void          sapa_server_db_note_failure  (SapaServerDb       *self,
                                            const char * const *keys,
                                            gint64              now);
void          sapa_server_db_clear_failures (SapaServerDb      *self,
                                             const char        *key);
/* The stored hash of @username, or NULL when there is no such user (or
 * the user is disabled). */
char         *sapa_server_db_get_password_hash (SapaServerDb *self,
                                                const char   *username,
                                                GError      **error);
/* Binds the workstation @airport/@number to the computer @install_id on
 * its first sign-in and stores a token (its hash) for @username there. */
gboolean      sapa_server_db_start_session (SapaServerDb  *self,
                                            const char    *username,
                                            const char    *airport,
                                            guint          number,
                                            const char    *install_id,
                                            const char    *token_hash,
                                            gint64         expires_at,
                                            GError       **error);
/* The caller behind @token_hash, or NULL with SAPA_SERVER_ERROR_DENIED
 * when the token is unknown, expired or revoked. */
SapaServerCaller *sapa_server_db_lookup_token (SapaServerDb *self,
                                               const char   *token_hash,
                                               gint64        now,
                                               GError      **error);
gboolean      sapa_server_db_revoke_token  (SapaServerDb  *self,
                                            const char    *token_hash,
                                            GError       **error);

/* Sync */

/* Applies the push @body (activities and their tickets) for @caller and
 * returns the answer: one result per activity and the server's view of
 * each ticket whose activity it rejected. */
JsonObject   *sapa_server_db_push          (SapaServerDb           *self,
                                            const SapaServerCaller *caller,
                                            JsonObject             *body,
                                            GError                **error);
/* Returns the page after @after of at most @limit activities @caller
 * may see, with their tickets, "next" and "more". */
JsonObject   *sapa_server_db_pull          (SapaServerDb           *self,
                                            const SapaServerCaller *caller,
                                            gint64                  after,
                                            guint                   limit,
                                            GError                **error);
/* Returns every activity of ticket @ticket_id, as a pull page without a
 * cursor, or NULL with SAPA_SERVER_ERROR_NOT_FOUND when @caller may not
 * read the ticket or there is none. */
JsonObject   *sapa_server_db_history       (SapaServerDb           *self,
                                            const SapaServerCaller *caller,
                                            const char             *ticket_id,
                                            GError                **error);
/* The number of activities stored; for tests and the status. */
gint64        sapa_server_db_count_activities (SapaServerDb *self);

G_END_DECLS
