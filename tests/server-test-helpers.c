/* SPDX-License-Identifier: GPL-3.0-or-later */
/* server-test-helpers.c: a real sapa-server process for the tests */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "server-test-helpers.h"

static const char *
server_binary (void)
{
  const char *path = g_getenv ("SAPA_SERVER_BIN");

  g_assert_nonnull (path);
  return path;
}

/* PostgreSQL */

static const char *
postgres_conninfo (void)
{
  const char *conninfo = g_getenv ("SAPA_TEST_POSTGRES");

  return conninfo != NULL && *conninfo != '\0' ? conninfo : NULL;
}

gboolean
test_server_uses_postgres (TestServer *server)
{
  return server->pg_name != NULL;
}

static void
append_pair (GString    *conninfo,
             const char *keyword,
             const char *value)
{
  g_string_append_printf (conninfo, "%s%s='", conninfo->len > 0 ? " " : "", keyword);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *c);
    }
  g_string_append_c (conninfo, '\'');
}

/* $SAPA_TEST_POSTGRES as key=value pairs, with @dbname in place of its
 * database. */
static char *
conninfo_for (const char *dbname)
{
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (postgres_conninfo (), &parse_error);
  GString *conninfo = g_string_new (NULL);

  if (options == NULL)
    g_error ("SAPA_TEST_POSTGRES is not a libpq connection string: %s", parse_error);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && !g_str_equal (option->keyword, "dbname"))
      append_pair (conninfo, option->keyword, option->val);
  append_pair (conninfo, "dbname", dbname);
  PQconninfoFree (options);
  return g_string_free (conninfo, FALSE);
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
connect_postgres (const char *conninfo)
{
  PGconn *pg = PQconnectdb (conninfo);

  if (PQstatus (pg) != CONNECTION_OK)
    g_error ("Could not connect to the test PostgreSQL: %s", PQerrorMessage (pg));
  PQsetNoticeProcessor (pg, ignore_notice, NULL);
  return pg;
}

/* Runs @sql on @pg and returns its result, which must be a success. */
static PGresult *
run_postgres (PGconn     *pg,
              const char *sql)
{
  PGresult *result = PQexec (pg, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("PostgreSQL failed to run “%s”: %s", sql, PQerrorMessage (pg));
  return result;
}

void
test_postgres_exec_sql (const char *sql)
{
  PGconn *pg = connect_postgres (postgres_conninfo ());

  PQclear (run_postgres (pg, sql));
  PQfinish (pg);
}

static PGconn *
server_sql_connection (TestServer *server)
{
  if (server->sql == NULL)
    server->sql = connect_postgres (server->db_path);
  return server->sql;
}

/* Files */

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_remove_tree (child);
    }
  g_rmdir (path);
}

static void
run_admin (TestServer  *server,
           const char  *input,
           GPtrArray   *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_insert (args, 0, (gpointer) server_binary ());
  g_ptr_array_insert (args, 1, "--database");
  g_ptr_array_insert (args, 2, server->db_path);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("sapa-server %s failed: %s", (char *) args->pdata[3], err);
}

void
test_server_admin (TestServer *server,
                   const char *input,
                   ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);

  run_admin (server, input, args);
}

TestServer *
test_server_new (void)
{
  static const char *users[][3] = {
    { "cco_cgk", "cco", "CGK" },
    { "cso_cgk", "cso", "CGK" },
    { "sno_dps", "sno", "DPS" },
    { "pic_dps", "pic,cso", "DPS" },
    { "pic_djj", "pic", "DJJ" },
    { "supervisor", "supervisor", "*" },
    { "supervisor_dps", "supervisor", "DPS" },
    { "admin", "admin", "" },
  };
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;

  server->dir = g_dir_make_tmp ("sapa-server-XXXXXX", &error);
  g_assert_no_error (error);
  if (postgres_conninfo () != NULL)
    {
      static guint count;
      g_autofree char *create = NULL;

      server->pg_name = g_strdup_printf ("sapa_test_%d_%u", (int) getpid (), ++count);
      create = g_strdup_printf ("CREATE DATABASE %s", server->pg_name);
      test_postgres_exec_sql (create);
      server->db_path = conninfo_for (server->pg_name);
    }
  else
    server->db_path = g_build_filename (server->dir, "server.db", NULL);

  test_server_admin (server, NULL, "add-airport", "CGK", "DPS", "DJJ", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      if (*users[i][2] != '\0')
        test_server_admin (server, TEST_PASSWORD "\n", "add-user", users[i][0],
                           "--role", users[i][1], "--airport", users[i][2], NULL);
      else
        test_server_admin (server, TEST_PASSWORD "\n", "add-user", users[i][0],
                           "--role", users[i][1], NULL);
    }
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);

      test_server_admin (server, NULL, "register-workstation", "CGK", number, NULL);
      if (i <= 3)
        test_server_admin (server, NULL, "register-workstation", "DPS", number, NULL);
    }
  test_server_admin (server, NULL, "register-workstation", "DJJ", "1", NULL);
  return server;
}

TestServer *
test_server_new_sharing (TestServer *server)
{
  TestServer *other = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;

  other->dir = g_dir_make_tmp ("sapa-server-XXXXXX", &error);
  g_assert_no_error (error);
  other->db_path = g_strdup (server->db_path);
  return other;
}

/* Runs in the server's process before exec: a test that aborts never
 * reaches test_server_free (), so the kernel ends the server with it. */
static void
end_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
test_server_start (TestServer         *server,
                   const char * const *extra_args)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log_path = g_build_filename (server->dir, "server.log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *scheme = "http";
  gboolean tls = FALSE;

  g_assert_null (server->process);

  g_ptr_array_add (args, (gpointer) server_binary ());
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, server->db_path);
  g_ptr_array_add (args, "serve");
  g_ptr_array_add (args, "--address");
  g_ptr_array_add (args, "127.0.0.1");
  g_ptr_array_add (args, "--port");
  g_ptr_array_add (args, "0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    {
      g_ptr_array_add (args, (gpointer) extra_args[i]);
      tls |= g_str_equal (extra_args[i], "--tls-certificate");
    }
  if (!tls)
    g_ptr_array_add (args, "--insecure-http");
  else
    scheme = "https";
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, end_with_test, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));
  server->port = atoi (strrchr (line, ':') + 1);
  g_assert_cmpuint (server->port, >, 0);
  g_free (server->url);
  server->url = g_strdup_printf ("%s://127.0.0.1:%u", scheme, server->port);
}

static void
end_process (TestServer *server,
             int         signal_number)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, signal_number);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server->process);
}

void
test_server_stop (TestServer *server)
{
  end_process (server, SIGTERM);
}

void
test_server_kill (TestServer *server)
{
  end_process (server, SIGKILL);
}

void
test_server_free (TestServer *server)
{
  test_server_stop (server);
  if (server->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", server->pg_name);

      g_clear_pointer (&server->sql, PQfinish);
      test_postgres_exec_sql (drop);
      g_free (server->pg_name);
    }
  test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->url);
  g_free (server);
}

guint
test_server_request (TestServer  *server,
                     const char  *method,
                     const char  *path,
                     const char  *token,
                     const char  *content_type,
                     const char  *body,
                     gssize       length,
                     char       **out_body)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  response = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  return soup_message_get_status (message);
}

char *
test_server_sign_in (TestServer *server,
                     const char *username,
                     const char *airport,
                     guint       number,
                     const char *install_id,
                     guint      *out_status)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"" TEST_PASSWORD "\","
                                           "\"airport\":\"%s\",\"workstation\":%u,\"install_id\":\"%s\"}",
                                           username, airport, number, install_id);
  g_autofree char *answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;

  status = test_server_request (server, "POST", "/v1/auth/sign-in", NULL, "application/json",
                                body, -1, &answer);
  if (out_status != NULL)
    *out_status = status;
  if (status != 200)
    return NULL;

  g_assert_true (json_parser_load_from_data (parser, answer, -1, NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "token"));
}

void
test_server_exec_sql (TestServer *server,
                      const char *sql)
{
  sqlite3 *db = NULL;

  if (test_server_uses_postgres (server))
    {
      PQclear (run_postgres (server_sql_connection (server), sql));
      return;
    }

  g_assert_cmpint (sqlite3_open (server->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

gint64
test_server_query_int (TestServer *server,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (test_server_uses_postgres (server))
    {
      PGresult *result = run_postgres (server_sql_connection (server), sql);

      g_assert_cmpint (PQntuples (result), ==, 1);
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      return value;
    }

  g_assert_cmpint (sqlite3_open (server->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
