/* SPDX-License-Identifier: GPL-3.0-or-later */
/* server-test-helpers.h: a real sapa-server process for the tests */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every test user has this password. */
#define TEST_PASSWORD "rahasia-123"

typedef struct {
  char        *dir;
  char        *db_path;     /* the --database argument: a file, or a libpq connection string */
  char        *pg_name;     /* the PostgreSQL database's name; NULL on SQLite */
  gpointer     sql;         /* the PGconn of test_server_exec_sql () on PostgreSQL */
  GSubprocess *process;
  guint        port;
  char        *url;
} TestServer;

/* A database in a new temporary folder with airports CGK, DPS and DJJ,
 * workstations CGK 1 to 4 and DPS 1 to 3, and the users
 *   cco_cgk (cco at CGK), cso_cgk (cso at CGK), sno_dps (sno at DPS),
 *   pic_dps (pic and cso at DPS), pic_djj (pic at DJJ),
 *   supervisor (every airport), supervisor_dps (DPS only), admin (admin).
 * When the environment variable SAPA_TEST_POSTGRES contains a libpq
 * connection string, the database is a new one in that cluster instead
 * of a SQLite file in the folder, and test_server_free () drops it. */
TestServer *test_server_new          (void);
/* Another server on the database of @server, with a folder of its own;
 * freeing it leaves the database to @server. */
TestServer *test_server_new_sharing  (TestServer  *server);
void        test_server_free         (TestServer  *server);

/* Runs `sapa-server --database DB ARGS...` with @input on its standard
 * input and asserts that it succeeds. */
void        test_server_admin        (TestServer  *server,
                                      const char  *input,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Starts `serve` on 127.0.0.1 with a free port (plain HTTP unless
 * @extra_args name the TLS files); waits until it listens. */
void        test_server_start        (TestServer         *server,
                                      const char * const *extra_args);
void        test_server_stop         (TestServer  *server);
/* SIGKILL: the server gets no chance to finish anything. */
void        test_server_kill         (TestServer  *server);

/* A blocking request to the server; returns the HTTP status and the
 * body in @out_body (may be NULL). */
guint       test_server_request      (TestServer  *server,
                                      const char  *method,
                                      const char  *path,
                                      const char  *token,
                                      const char  *content_type,
                                      const char  *body,
                                      gssize       length,
                                      char       **out_body);
/* Signs @username in at @airport workstation @number; returns the token
 * or NULL when refused, with the status in @out_status. */
char       *test_server_sign_in      (TestServer  *server,
                                      const char  *username,
                                      const char  *airport,
                                      guint        number,
                                      const char  *install_id,
                                      guint       *out_status);
/* Runs @sql on the server's database (test setup only). */
void        test_server_exec_sql     (TestServer  *server,
                                      const char  *sql);
gint64      test_server_query_int    (TestServer  *server,
                                      const char  *sql);
gboolean    test_server_uses_postgres (TestServer *server);
/* Runs @sql in the database that $SAPA_TEST_POSTGRES names, for
 * statements on a server's database as a whole. */
void        test_postgres_exec_sql   (const char  *sql);

void        test_remove_tree         (const char  *path);

G_END_DECLS
