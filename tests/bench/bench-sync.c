/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync.c: sapa-server's ingest vs a bare server, and a workstation's catch-up */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-data.h"
#include "sapa-store.h"
#include "sapa-store-sync.h"
#include "sapa-sync.h"
#include "sapa-sync-client.h"

/* Ingest: the same push bodies (batches of the outbox of one workstation)
 * are sent one after the other to sapa-server and to a bare server: a
 * SoupServer in this process that parses each body with json-glib and
 * inserts every activity into SQLite in one transaction, with the same
 * durability (WAL, synchronous=FULL) and nothing else. Both are measured
 * from the client, over the same loopback HTTP.
 *
 * Catch-up: a second workstation of the same airport, that never synced,
 * pulls everything through SapaSyncClient into its own store. */

#define PASSWORD "bench-password"

static const char *server_binary;
static char *work_dir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* ---- sapa-server ---- */

static void
admin (const char *input,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = g_build_filename (work_dir, "server.db", NULL);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) server_binary);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, database);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error) ||
      !g_subprocess_get_successful (process))
    g_error ("sapa-server %s failed: %s", (char *) args->pdata[3], error ? error->message : "see its output");
}

static GSubprocess *
start_server (guint *out_port)
{
  g_autofree char *database = g_build_filename (work_dir, "server.db", NULL);
  g_autofree char *log = g_build_filename (work_dir, "server.log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  process = g_subprocess_launcher_spawn (launcher, &error, server_binary, "--database", database, "serve",
                                         "--address", "127.0.0.1", "--port", "0", "--insecure-http", NULL);
  if (process == NULL)
    g_error ("Cannot start sapa-server: %s", error->message);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  if (line == NULL || strrchr (line, ':') == NULL)
    g_error ("sapa-server did not start; see %s", log);
  *out_port = atoi (strrchr (line, ':') + 1);
  return process;
}

static GBytes *
post (SoupSession *session,
      const char  *url,
      const char  *token,
      GBytes      *body,
      guint       *out_status)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  if (answer == NULL)
    g_error ("POST %s failed: %s", url, error->message);
  *out_status = soup_message_get_status (message);
  return answer;
}

static char *
sign_in (SoupSession *session,
         guint        port,
         const char  *user,
         guint        workstation)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v1/auth/sign-in", port);
  g_autofree char *text = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"" PASSWORD "\","
                                           "\"airport\":\"CGK\",\"workstation\":%u,"
                                           "\"install_id\":\"bench-%u\"}", user, workstation, workstation);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status;

  answer = post (session, url, NULL, body, &status);
  object = sapa_sync_parse_object (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL);
  if (status != 200 || object == NULL)
    g_error ("Sign-in as %s failed with HTTP %u", user, status);
  return g_strdup (json_object_get_string_member (object, "token"));
}

/* ---- The bare server ---- */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  sqlite3      *db;
  sqlite3_stmt *insert;
  guint         port;
  GMutex        lock;
  GCond         ready;
  gboolean      started;
} Bare;

static void
bare_handle (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Bare *bare = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(JsonObject) object = sapa_sync_parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  JsonArray *activities;
  static const char answer[] = "{\"results\":[]}";

  if (object == NULL || !json_object_has_member (object, "activities"))
    {
      soup_server_message_set_status (message, 400, NULL);
      return;
    }

  activities = json_object_get_array_member (object, "activities");
  sqlite3_exec (bare->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonNode *node = json_array_get_element (activities, i);
      g_autofree char *text = json_to_string (node, FALSE);

      sqlite3_reset (bare->insert);
      sqlite3_bind_text (bare->insert, 1, json_object_get_string_member (json_node_get_object (node), "id"),
                         -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (bare->insert, 2, text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (bare->insert) != SQLITE_DONE)
        g_error ("The bare insert failed: %s", sqlite3_errmsg (bare->db));
    }
  sqlite3_exec (bare->db, "COMMIT", NULL, NULL, NULL);

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, answer, strlen (answer));
}

static gpointer
bare_thread (gpointer data)
{
  Bare *bare = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (work_dir, "bare.db", NULL);
  GSList *uris;

  g_main_context_push_thread_default (bare->context);
  if (sqlite3_open (path, &bare->db) != SQLITE_OK ||
      sqlite3_exec (bare->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE activities (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (bare->db, "INSERT INTO activities (id, body) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          -1, &bare->insert, NULL) != SQLITE_OK)
    g_error ("Cannot set up the bare server's database: %s", sqlite3_errmsg (bare->db));

  bare->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (bare->server, NULL, bare_handle, bare, NULL);
  if (!soup_server_listen_local (bare->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot start the bare server: %s", error->message);
  uris = soup_server_get_uris (bare->server);
  bare->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&bare->lock);
  bare->started = TRUE;
  g_cond_signal (&bare->ready);
  g_mutex_unlock (&bare->lock);

  g_main_loop_run (bare->loop);

  soup_server_disconnect (bare->server);
  g_clear_object (&bare->server);
  sqlite3_finalize (bare->insert);
  sqlite3_close (bare->db);
  g_main_context_pop_thread_default (bare->context);
  return NULL;
}

/* ---- Data ---- */

/* Records @n_tickets finished feedbacks at CGK desk 1 and returns the
 * store. */
static SapaStore *
record_tickets (guint   n_tickets,
                guint32 seed)
{
  g_autofree char *path = g_build_filename (work_dir, "desk-1.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  const SapaAirport *airport = sapa_airport_lookup ("CGK");
  gint64 start = g_get_real_time () - (gint64) n_tickets * 10 * G_USEC_PER_SEC;
  SapaStore *store = sapa_store_open (path, &error);

  if (store == NULL)
    g_error ("Cannot open the desk's store: %s", error->message);

  for (guint i = 0; i < n_tickets; i++)
    {
      BenchCaller caller = { 0 };
      g_autoptr(SapaWizard) wizard = NULL;
      g_autoptr(GPtrArray) activities = NULL;
      g_autoptr(SapaTicket) ticket = NULL;

      bench_caller_draw (rand, &caller);
      wizard = bench_walk_ticket (rand, airport, 1, &caller, start + (gint64) i * 10 * G_USEC_PER_SEC);
      activities = sapa_wizard_take_activities (wizard);
      ticket = sapa_store_record (store, wizard, activities, &error);
      if (ticket == NULL)
        g_error ("Recording ticket %u failed: %s", i, error->message);
      bench_caller_clear (&caller);
    }
  return store;
}

/* Takes every push body out of @store, marking each batch accepted as a
 * server response would, so the next batch follows. */
static GPtrArray *
take_bodies (SapaStore *store,
             guint     *out_activities)
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  GBytes *batch;

  *out_activities = 0;
  while ((batch = sapa_store_sync_take_batch (store, SAPA_SYNC_PUSH_BATCH, &error)) != NULL)
    {
      g_autoptr(JsonObject) body = sapa_sync_parse_object (g_bytes_get_data (batch, NULL),
                                                           g_bytes_get_size (batch), NULL);
      g_autoptr(JsonObject) answer = json_object_new ();
      JsonArray *activities = json_object_get_array_member (body, "activities");
      JsonArray *results = json_array_new ();
      g_autofree char *text = NULL;
      g_autoptr(GBytes) answer_bytes = NULL;

      for (guint i = 0; i < json_array_get_length (activities); i++)
        {
          JsonObject *result = json_object_new ();

          json_object_set_string_member (result, "id",
                                         json_object_get_string_member (json_array_get_object_element (activities, i), "id"));
          json_object_set_string_member (result, "outcome", SAPA_SYNC_ACCEPTED);
          json_object_set_int_member (result, "seq", ++*out_activities);
          json_array_add_object_element (results, result);
        }
      json_object_set_array_member (answer, "results", results);
      text = sapa_sync_object_to_string (answer);
      answer_bytes = g_bytes_new (text, strlen (text));
      if (!sapa_store_sync_apply_push (store, answer_bytes, &error))
        g_error ("Marking a batch failed: %s", error->message);
      g_ptr_array_add (bodies, batch);
    }
  if (error != NULL)
    g_error ("Taking a batch failed: %s", error->message);
  return bodies;
}

static double
send_all (SoupSession *session,
          const char  *url,
          const char  *token,
          GPtrArray   *bodies)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(GBytes) answer = NULL;
      guint status;

      answer = post (session, url, token, g_ptr_array_index (bodies, i), &status);
      if (status != 200)
        g_error ("Push %u to %s failed with HTTP %u", i, url, status);
    }
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* ---- Catch-up ---- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
catch_up (guint       port,
          const char *token,
          gint64     *out_cursor)
{
  g_autofree char *path = g_build_filename (work_dir, "desk-2.db", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = sapa_store_open (path, &error);
  g_autoptr(SapaSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SapaSyncStatus status;
  gint64 start;

  if (store == NULL)
    g_error ("Cannot open the second desk's store: %s", error->message);
  client = sapa_sync_client_new (store, url, "bench-2");
  sapa_sync_client_set_token (client, token);

  start = g_get_monotonic_time ();
  sapa_sync_client_sync_async (client, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!sapa_sync_client_sync_finish (client, result, &error))
    g_error ("The catch-up failed: %s", error->message);

  if (!sapa_store_sync_get_status (store, &status, &error))
    g_error ("Cannot read the second desk's status: %s", error->message);
  *out_cursor = status.cursor;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  int activities_target = 100000;
  int seed = 20261204;
  gboolean no_targets = FALSE;
  g_autofree char *server = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &server, "The sapa-server program", "FILE" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &activities_target, "Activities to push and pull", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the data", "N" },
    { "no-targets", 0, 0, G_OPTION_ARG_NONE, &no_targets, "Mark no target met or missed", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- sync benchmarks");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *token = NULL;
  g_autofree char *reader = NULL;
  g_autofree char *sapa_url = NULL;
  g_autofree char *bare_url = NULL;
  g_autofree char *sapa_text = NULL, *bare_text = NULL, *catch_text = NULL, *metric = NULL;
  Bare bare = { 0 };
  GThread *thread;
  guint port, n_activities, n_tickets;
  double sapa_seconds, bare_seconds, catch_seconds, sapa_rate, bare_rate;
  gint64 cursor;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || server == NULL || activities_target < 10)
    {
      g_printerr ("bench-sync: %s\n", error ? error->message : "give --server and at least 10 activities");
      return 2;
    }
  server_binary = server;
  work_dir = g_dir_make_tmp ("sapa-bench-sync-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("Cannot make a work folder: %s", error->message);

  admin (NULL, "add-airport", "CGK", NULL);
  admin (PASSWORD "\n", "add-user", "desk", "--role", "cso", "--airport", "CGK", NULL);
  admin (PASSWORD "\n", "add-user", "reader", "--role", "cso", "--airport", "CGK", NULL);
  admin (NULL, "register-workstation", "CGK", "1", NULL);
  admin (NULL, "register-workstation", "CGK", "2", NULL);
  process = start_server (&port);

  /* A walked feedback has six activities on average, a little more with
   * corrections. */
  n_tickets = MAX (1, activities_target / 6);
  store = record_tickets (n_tickets, seed);
  bodies = take_bodies (store, &n_activities);

  token = sign_in (session, port, "desk", 1);
  sapa_url = g_strdup_printf ("http://127.0.0.1:%u/v1/sync/push", port);
  sapa_seconds = send_all (session, sapa_url, token, bodies);

  bare.context = g_main_context_new ();
  bare.loop = g_main_loop_new (bare.context, FALSE);
  g_mutex_init (&bare.lock);
  g_cond_init (&bare.ready);
  thread = g_thread_new ("bare-server", bare_thread, &bare);
  g_mutex_lock (&bare.lock);
  while (!bare.started)
    g_cond_wait (&bare.ready, &bare.lock);
  g_mutex_unlock (&bare.lock);
  bare_url = g_strdup_printf ("http://127.0.0.1:%u/push", bare.port);
  bare_seconds = send_all (session, bare_url, NULL, bodies);
  g_main_loop_quit (bare.loop);
  g_thread_join (thread);

  reader = sign_in (session, port, "reader", 2);
  catch_seconds = catch_up (port, reader, &cursor);
  if (cursor != n_activities)
    g_error ("The catch-up reached %" G_GINT64_FORMAT " of %u activities", cursor, n_activities);

  sapa_rate = n_activities / sapa_seconds;
  bare_rate = n_activities / bare_seconds;
  sapa_text = g_strdup_printf ("%.0f/s", sapa_rate);
  bare_text = g_strdup_printf ("%.0f/s", bare_rate);
  metric = g_strdup_printf ("activities/s, %u in batches of %d", n_activities, SAPA_SYNC_PUSH_BATCH);
  bench_print_row ("server ingest", metric, sapa_text, bare_text, sapa_rate / bare_rate,
                   "≥ 50 %", bench_verdict (!no_targets, sapa_rate >= 0.5 * bare_rate));

  g_free (metric);
  metric = g_strdup_printf ("%u activities, from nothing", n_activities);
  catch_text = g_strdup_printf ("%.2f s", catch_seconds);
  /* The target is for 100,000 activities; smaller runs scale it. */
  bench_print_row ("catch-up of a workstation", metric, catch_text, "-", 0,
                   "≤ 10 s per 100,000",
                   bench_verdict (!no_targets, catch_seconds <= 10.0 * n_activities / 100000.0));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_clear_object (&store);
  remove_tree (work_dir);
  g_main_loop_unref (bare.loop);
  g_main_context_unref (bare.context);
  return 0;
}
