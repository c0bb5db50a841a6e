/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server-main.c: the sapa-server command and its subcommands */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <locale.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "sapa-airport.h"
#include "sapa-server.h"

static const char usage[] =
  "Usage: sapa-server [--database FILE|URI] COMMAND [ARGUMENTS]\n"
  "\n"
  "Commands:\n"
  "  init                                   create the database\n"
  "  add-airport CODE...                    add airports by IATA code\n"
  "  add-user NAME --role R[,R] --airport A[,A]\n"
  "                                         add a user; the password is read from\n"
  "                                         standard input (first line)\n"
  "  reset-password NAME                    set a new password (standard input) and\n"
  "                                         end the user's sessions\n"
  "  disable-user NAME                      stop a user from signing in and end the\n"
  "                                         user's sessions\n"
  "  enable-user NAME                       let a disabled user sign in again\n"
  "  register-workstation AIRPORT NUMBER    allow a workstation number at an airport\n"
  "  revoke-workstation AIRPORT NUMBER      end a workstation's access\n"
  "  release-workstation AIRPORT NUMBER     free a number for another computer (or\n"
  "                                         after a revoke) and end its sessions\n"
  "  status                                 show users, workstations and sync\n"
  "  serve [--address IP] [--port N] (--tls-certificate FILE --tls-key FILE |\n"
  "        --insecure-http) [--token-hours N] [--body-limit BYTES]\n"
  "\n"
  "Roles: cso, sno, cco, pic, supervisor, admin. The airport * means every airport.\n"
  "The database is --database, else $SAPA_SERVER_DATABASE, else ./sapa-server.db.\n"
  "It is a SQLite file, or a PostgreSQL database given as a libpq connection\n"
  "string: postgresql://USER@HOST/DATABASE or \"host=HOST dbname=DATABASE\".\n"
  "Several serve processes may share one PostgreSQL database.\n";

static const char * const commands[] = {
  "init", "add-airport", "add-user", "reset-password", "disable-user", "enable-user", "register-workstation",
  "revoke-workstation", "release-workstation", "status", "serve", NULL
};

static int
fail (GError *error)
{
  g_printerr ("sapa-server: %s\n", error->message);
  g_error_free (error);
  return 1;
}

/* Reads one line from standard input; at a terminal, asks for it and
 * keeps the typed characters off the screen. */
static char *
read_line_quietly (char   *line,
                   size_t  size)
{
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *read;

  if (terminal)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      g_printerr ("Password: ");
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }

  read = fgets (line, size, stdin);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }
  return read;
}

static char *
read_password (GError **error)
{
  char line[1100];
  char *end;
  char *password;

  if (read_line_quietly (line, sizeof line) == NULL)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "Give the password on standard input");
      return NULL;
    }
  end = strpbrk (line, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (strlen (line) < 8 || strlen (line) > 1024)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A password is 8 to 1024 bytes");
      return NULL;
    }
  if (strspn (line, " \t") == strlen (line))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "A password of spaces only is not a password");
      return NULL;
    }
  password = g_strdup (line);
  sodium_memzero (line, sizeof line);
  return password;
}

static gboolean
parse_station (char    **args,
               char    **out_airport,
               guint    *out_number,
               GError  **error)
{
  guint64 number;

  if (g_strv_length (args) != 2 ||
      !g_ascii_string_to_unsigned (args[1], 10, 1, 99, &number, NULL))
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID,
                   "Give an airport code and a workstation number from 1 to 99");
      return FALSE;
    }
  *out_airport = g_ascii_strup (args[0], -1);
  *out_number = number;
  return TRUE;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The TLS pair check below: one end of a socket pair, handshaking. */
typedef struct {
  GIOStream *stream;
  GError    *error;
} HandshakeEnd;

static gpointer
handshake_in_thread (gpointer data)
{
  HandshakeEnd *end = data;

  g_tls_connection_handshake (G_TLS_CONNECTION (end->stream), NULL, &end->error);
  /* A failed end closes, so the other one stops waiting for it. */
  if (end->error != NULL)
    g_io_stream_close (end->stream, NULL, NULL);
  return NULL;
}

static gboolean
accept_any_certificate (GTlsConnection       *connection,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

static GIOStream *
stream_for_fd (int      fd,
               GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, error);

  if (socket == NULL)
    {
      close (fd);
      return NULL;
    }
  g_socket_set_timeout (socket, 10);
  return G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
}

/* Checks that the key of @certificate matches it: GLib loads a pair that
 * does not, and every handshake would then fail. A handshake between
 * two ends of a socket pair in this process signs with the key and
 * verifies with the certificate. */
static gboolean
check_tls_pair (GTlsCertificate  *certificate,
                GError          **error)
{
  g_autoptr(GIOStream) server_socket = NULL;
  g_autoptr(GIOStream) client_socket = NULL;
  g_autoptr(GIOStream) server_tls = NULL;
  g_autoptr(GIOStream) client_tls = NULL;
  HandshakeEnd server_end = { 0 }, client_end = { 0 };
  GThread *thread;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM, 0, fds) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "could not check the TLS certificate: %s", g_strerror (errno));
      return FALSE;
    }
  server_socket = stream_for_fd (fds[0], error);
  if (server_socket == NULL)
    {
      close (fds[1]);
      return FALSE;
    }
  client_socket = stream_for_fd (fds[1], error);
  if (client_socket == NULL)
    return FALSE;

  server_tls = g_tls_server_connection_new (server_socket, certificate, error);
  if (server_tls == NULL)
    return FALSE;
  client_tls = g_tls_client_connection_new (client_socket, NULL, error);
  if (client_tls == NULL)
    return FALSE;
  g_signal_connect (client_tls, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);

  server_end.stream = server_tls;
  client_end.stream = client_tls;
  thread = g_thread_new ("tls-check", handshake_in_thread, &server_end);
  handshake_in_thread (&client_end);
  g_thread_join (thread);

  if (client_end.error == NULL && server_end.error == NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "the TLS key does not match the certificate, or the pair cannot be used (%s)",
               (client_end.error != NULL ? client_end.error : server_end.error)->message);
  g_clear_error (&client_end.error);
  g_clear_error (&server_end.error);
  return FALSE;
}

static int
serve (SapaServerDb  *db,
       int            argc,
       char         **argv)
{
  g_autofree char *address = g_strdup ("127.0.0.1");
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  gboolean insecure = FALSE;
  int port = 8443, token_hours = SAPA_SERVER_DEFAULT_TOKEN_HOURS;
  gint64 body_limit = SAPA_SERVER_DEFAULT_BODY_LIMIT;
  GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Address to listen on", "IP" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port (0 picks a free one)", "N" },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &certificate_file, "PEM certificate", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, "PEM private key", "FILE" },
    { "insecure-http", 0, 0, G_OPTION_ARG_NONE, &insecure, "Plain HTTP, for local development only", NULL },
    { "token-hours", 0, 0, G_OPTION_ARG_INT, &token_hours, "Hours a sign-in lasts", "N" },
    { "body-limit", 0, 0, G_OPTION_ARG_INT64, &body_limit, "Largest request body in bytes", "BYTES" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("serve");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SapaServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GError *error = NULL;
  guint bound_port = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);

  if (argc > 1)
    {
      g_printerr ("sapa-server: unexpected argument “%s” after serve\n", argv[1]);
      return 1;
    }
  if (insecure && (certificate_file != NULL || key_file != NULL))
    {
      g_printerr ("sapa-server: give either --insecure-http or the TLS files, not both\n");
      return 1;
    }

  if (port < 0 || port > 65535 || token_hours < 1 || token_hours > 24 * 90 ||
      body_limit < 1024 || body_limit > 512 * 1024 * 1024)
    {
      g_printerr ("sapa-server: the port, token hours or body limit is out of range\n");
      return 1;
    }

  if (certificate_file != NULL || key_file != NULL)
    {
      if (certificate_file == NULL || key_file == NULL)
        {
          g_printerr ("sapa-server: give both --tls-certificate and --tls-key\n");
          return 1;
        }
      certificate = g_tls_certificate_new_from_files (certificate_file, key_file, &error);
      if (certificate == NULL || !check_tls_pair (certificate, &error))
        return fail (error);
    }
  else if (!insecure)
    {
      g_printerr ("sapa-server: give --tls-certificate and --tls-key, or --insecure-http for local development\n");
      return 1;
    }

  server = sapa_server_new (db, body_limit, token_hours);
  if (!sapa_server_listen (server, address, port, certificate, &bound_port, &error))
    return fail (error);

  g_message ("Started, listening on %s:%u%s, database %s", address, bound_port,
             certificate ? " with TLS" : " over plain HTTP", sapa_server_db_get_name (db));
  /* Tests and scripts read the address from the first line. */
  g_print ("Listening on %s://%s:%u/\n", certificate ? "https" : "http", address, bound_port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  g_unix_signal_add (SIGINT, on_stop_signal, loop);
  g_main_loop_run (loop);
  g_message ("Stopped");
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) roles = NULL;
  g_auto(GStrv) airports = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *airport_text = NULL;
  g_autoptr(SapaServerDb) db = NULL;
  const char *command;
  GError *error = NULL;
  int first = 1;

  /* Messages quote with “ and ”, which the C locale prints as ?. */
  setlocale (LC_ALL, "");

  if (argc > 2 && g_str_equal (argv[1], "--database"))
    {
      database = g_strdup (argv[2]);
      first = 3;
    }
  else if (g_getenv ("SAPA_SERVER_DATABASE") != NULL)
    database = g_strdup (g_getenv ("SAPA_SERVER_DATABASE"));
  else
    database = g_strdup ("sapa-server.db");

  if (argc <= first || g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h") ||
      g_str_equal (argv[first], "help"))
    {
      g_print ("%s", usage);
      return argc <= first ? 1 : 0;
    }
  command = argv[first];

  /* Nothing is created for a command that does not exist. */
  if (!g_strv_contains (commands, command))
    {
      g_printerr ("sapa-server: unknown command “%s”\n\n%s", command, usage);
      return 1;
    }
  if (*database == '\0')
    {
      g_printerr ("sapa-server: the database is empty; give a file or a postgresql:// address\n");
      return 1;
    }

  db = sapa_server_db_open (database, &error);
  if (db == NULL)
    return fail (error);

  if (g_str_equal (command, "init"))
    {
      g_print ("Database ready at %s\n", sapa_server_db_get_name (db));
      return 0;
    }

  if (g_str_equal (command, "serve"))
    return serve (g_steal_pointer (&db), argc - first, argv + first);

  if (g_str_equal (command, "add-airport") && argc > first + 1)
    {
      /* All codes are checked before any is added. */
      for (int i = first + 1; i < argc; i++)
        if (sapa_airport_lookup (argv[i]) == NULL)
          {
            g_printerr ("sapa-server: “%s” is not an airport Sapa knows; nothing was added\n", argv[i]);
            return 1;
          }
      for (int i = first + 1; i < argc; i++)
        {
          g_autofree char *code = g_ascii_strup (argv[i], -1);

          if (!sapa_server_db_add_airport (db, code, &error))
            return fail (error);
        }
      return 0;
    }

  if (g_str_equal (command, "add-user") && argc > first + 1)
    {
      g_auto(GStrv) role_args = NULL;
      g_auto(GStrv) airport_args = NULL;
      GOptionEntry entries[] = {
        { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &role_args, "Roles, separated by commas", "R[,R]" },
        { "airport", 0, 0, G_OPTION_ARG_STRING_ARRAY, &airport_args, "Airports, separated by commas", "A[,A]" },
        { NULL }
      };
      g_autoptr(GOptionContext) context = g_option_context_new ("add-user NAME");
      g_autofree char *password = NULL;
      g_autofree char *hash = NULL;
      int sub_argc = argc - first;
      char **sub_argv = argv + first;

      g_option_context_add_main_entries (context, entries, NULL);
      if (!g_option_context_parse (context, &sub_argc, &sub_argv, &error))
        return fail (error);
      if (sub_argc != 2 || role_args == NULL)
        {
          g_printerr ("sapa-server: add-user NAME --role R[,R] --airport A[,A]\n");
          return 1;
        }

      /* --role and --airport may be given more than once. */
      role_text = g_strjoinv (",", role_args);
      airport_text = airport_args != NULL ? g_strjoinv (",", airport_args) : NULL;

      roles = g_strsplit (role_text, ",", -1);
      airports = airport_text != NULL ? g_strsplit (airport_text, ",", -1) : g_new0 (char *, 1);
      for (guint i = 0; airports[i] != NULL; i++)
        {
          char *upper = g_ascii_strup (airports[i], -1);

          g_free (airports[i]);
          airports[i] = upper;
        }

      if ((password = read_password (&error)) == NULL ||
          (hash = sapa_server_hash_password (password, &error)) == NULL ||
          !sapa_server_db_add_user (db, sub_argv[1], hash, (const char * const *) roles,
                                    (const char * const *) airports, &error))
        return fail (error);
      g_print ("Added %s\n", sub_argv[1]);
      return 0;
    }

  if (g_str_equal (command, "reset-password") && argc == first + 2)
    {
      g_autofree char *password = NULL;
      g_autofree char *hash = NULL;

      if ((password = read_password (&error)) == NULL ||
          (hash = sapa_server_hash_password (password, &error)) == NULL ||
          !sapa_server_db_set_password (db, argv[first + 1], hash, &error))
        return fail (error);
      g_print ("Password set; the user's sessions ended\n");
      return 0;
    }

  if ((g_str_equal (command, "disable-user") || g_str_equal (command, "enable-user")) && argc == first + 2)
    {
      gboolean disable = g_str_equal (command, "disable-user");

      if (!sapa_server_db_set_disabled (db, argv[first + 1], disable, &error))
        return fail (error);
      g_print (disable ? "Disabled; the user's sessions ended\n" : "Enabled\n");
      return 0;
    }

  if (g_str_equal (command, "register-workstation") || g_str_equal (command, "revoke-workstation") ||
      g_str_equal (command, "release-workstation"))
    {
      g_autofree char *airport = NULL;
      guint number;
      gboolean ok;

      if (!parse_station (argv + first + 1, &airport, &number, &error))
        return fail (error);
      if (g_str_equal (command, "register-workstation"))
        ok = sapa_server_db_register_workstation (db, airport, number, &error);
      else
        ok = sapa_server_db_revoke_workstation (db, airport, number,
                                                g_str_equal (command, "release-workstation"), &error);
      if (!ok)
        return fail (error);
      return 0;
    }

  if (g_str_equal (command, "status"))
    {
      g_autofree char *status = sapa_server_db_describe_status (db, &error);

      if (status == NULL)
        return fail (error);
      g_print ("%s", status);
      return 0;
    }

  g_printerr ("%s", usage);
  return 1;
}
