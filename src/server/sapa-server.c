/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server.c: the HTTP/JSON API of sapa-server */

#define G_LOG_DOMAIN "sapa-server"

#include "config.h"

#include <libsoup/soup.h>
#include <sodium.h>

#include "sapa-server.h"
#include "sapa-sync.h"

struct _SapaServer
{
  GObject       parent_instance;

  SoupServer   *soup;
  SapaServerDb *db;
  gsize         body_limit;
  guint         token_hours;
  char         *dummy_hash;    /* verified for unknown users, so timing tells nothing */
  guint         next_request;

  /* Sign-ins take turns from the limit check to the failure count: a
   * burst of wrong passwords cannot all pass the check before the first
   * failure is counted, and only one Argon2id hash (64 MiB) is worked
   * out at a time. */
  GMutex        sign_in_lock;
};

G_DEFINE_FINAL_TYPE (SapaServer, sapa_server, G_TYPE_OBJECT)

/* What a worker thread needs of a request: copied on the main thread,
 * because a SoupServerMessage may only be touched there. */
typedef struct {
  SapaServer        *server;
  SoupServerMessage *message;
  guint              id;
  char              *method;
  char              *path;
  char              *content_type;
  char              *authorization;
  char              *remote_host;
  char              *after;
  char              *limit;
  GBytes            *body;

  /* The answer, filled in by the worker. */
  guint              status;
  char              *response;
  guint              retry_after;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->message);
  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  g_free (request->authorization);
  g_free (request->remote_host);
  g_free (request->after);
  g_free (request->limit);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->response);
  g_free (request);
}

static void
sapa_server_finalize (GObject *object)
{
  SapaServer *self = SAPA_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->db, sapa_server_db_close);
  g_free (self->dummy_hash);
  g_mutex_clear (&self->sign_in_lock);

  G_OBJECT_CLASS (sapa_server_parent_class)->finalize (object);
}

static void
sapa_server_class_init (SapaServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sapa_server_finalize;
}

static void
sapa_server_init (SapaServer *self)
{
  g_mutex_init (&self->sign_in_lock);
}

/* Passwords and tokens */

char *
sapa_server_hash_password (const char  *password,
                           GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (sodium_init () < 0 ||
      crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_FAILED,
                   "Hashing the password ran out of memory");
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
sapa_server_verify_password (const char *hash,
                             const char *password)
{
  return sodium_init () >= 0 &&
         crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/* A token is 32 random bytes, given once in base64url; the database
 * keeps only its SHA-256, so a copy of it opens nothing. */
static char *
new_token (void)
{
  guchar bytes[32];
  g_autofree char *text = NULL;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  g_strdelimit (text, "=", '\0');
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* Answers */

static void
answer (Request    *request,
        guint       status,
        JsonObject *body)
{
  request->status = status;
  g_free (request->response);
  request->response = sapa_sync_object_to_string (body);
}

/* A JSON error: a stable code for programs and an English message for
 * whoever reads the log. */
static void
answer_error (Request    *request,
              guint       status,
              const char *code,
              const char *message)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "error", code);
  json_object_set_string_member (body, "message", message);
  answer (request, status, body);
  g_message ("Request %u %s %s from %s refused: %u %s: %s", request->id, request->method,
             request->path, request->remote_host, status, code, message);
}

static JsonObject *
read_body (Request *request)
{
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  gsize size = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &size) : NULL;

  if (g_strcmp0 (request->content_type, "application/json") != 0)
    {
      answer_error (request, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "The body must be application/json");
      return NULL;
    }

  if (data == NULL || size == 0 || !g_utf8_validate (data, size, NULL))
    {
      answer_error (request, SOUP_STATUS_BAD_REQUEST, "malformed", "The body is empty or not UTF-8");
      return NULL;
    }

  body = sapa_sync_parse_object (data, size, &error);
  if (body == NULL)
    answer_error (request, SOUP_STATUS_BAD_REQUEST, "malformed", "The body is not a JSON object");
  return body;
}

static const char *
body_string (JsonObject *body,
             const char *member,
             gsize       max_bytes)
{
  JsonNode *node = json_object_get_member (body, member);
  const char *value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return *value != '\0' && strlen (value) <= max_bytes ? value : NULL;
}

static SapaServerCaller *
authenticate (Request *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  SapaServerCaller *caller;

  if (request->authorization == NULL || !g_str_has_prefix (request->authorization, "Bearer ") ||
      strlen (request->authorization) > 200)
    {
      answer_error (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Sign in first");
      return NULL;
    }

  hash = hash_token (request->authorization + strlen ("Bearer "));
  caller = sapa_server_db_lookup_token (request->server->db, hash, g_get_real_time (), &error);
  if (caller == NULL)
    {
      if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED))
        answer_error (request, SOUP_STATUS_UNAUTHORIZED, "token_invalid", error->message);
      else
        answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
    }
  return caller;
}

/* Endpoints */

static void
handle_status (Request *request)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "api", SAPA_SYNC_API_VERSION);
  json_object_set_string_member (body, "version", PACKAGE_VERSION);
  json_object_set_int_member (body, "server_time", g_get_real_time ());
  answer (request, SOUP_STATUS_OK, body);
}

static JsonArray *strv_to_array (char **strv);

static void
handle_sign_in (Request *request)
{
  SapaServer *self = request->server;
  g_autoptr(JsonObject) body = read_body (request);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(SapaServerCaller) caller = NULL;
  const char *username, *password, *airport, *install_id;
  g_autofree char *name = NULL;
  const char *keys[3];
  gint64 number, expires_at, now = g_get_real_time ();
  guint retry_after = 0;
  JsonNode *node;

  if (body == NULL)
    return;

  username = body_string (body, "username", 64);
  password = body_string (body, "password", 1024);
  airport = body_string (body, "airport", 8);
  install_id = body_string (body, "install_id", 64);
  node = json_object_get_member (body, "workstation");
  number = node != NULL && json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
  if (password == NULL && body_string (body, "password", G_MAXINT) != NULL)
    {
      answer_error (request, SOUP_STATUS_BAD_REQUEST, "malformed", "The password is longer than 1024 bytes");
      return;
    }
  if (username == NULL || password == NULL || airport == NULL || install_id == NULL ||
      number < 1 || number > 99)
    {
      answer_error (request, SOUP_STATUS_BAD_REQUEST, "malformed",
                    "Sign-in needs username, password, airport, workstation (1 to 99) and install_id");
      return;
    }

  /* User names are stored in lower case. */
  name = g_ascii_strdown (username, -1);
  username = name;
  user_key = g_strconcat ("user:", username, NULL);
  address_key = g_strconcat ("address:", request->remote_host, NULL);
  keys[0] = user_key;
  keys[1] = address_key;
  keys[2] = NULL;

  g_mutex_lock (&self->sign_in_lock);
  if (!sapa_server_db_check_rate (self->db, keys, now, &retry_after, &error))
    {
      g_mutex_unlock (&self->sign_in_lock);
      request->retry_after = retry_after;
      answer_error (request, 429 /* Too Many Requests */, "rate_limited", error->message);
      return;
    }

  stored = sapa_server_db_get_password_hash (self->db, username, NULL);
  /* An unknown user costs the same time as a wrong password. */
  if (!sapa_server_verify_password (stored != NULL ? stored : self->dummy_hash, password) || stored == NULL)
    {
      sapa_server_db_note_failure (self->db, keys, now);
      g_mutex_unlock (&self->sign_in_lock);
      answer_error (request, SOUP_STATUS_UNAUTHORIZED, "bad_credentials",
                    "The user name or the password is wrong");
      return;
    }
  g_mutex_unlock (&self->sign_in_lock);

  token = new_token ();
  token_hash = hash_token (token);
  expires_at = now + (gint64) self->token_hours * 3600 * G_USEC_PER_SEC;
  if (!sapa_server_db_start_session (self->db, username, airport, number, install_id,
                                     token_hash, expires_at, &error))
    {
      if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_TAKEN))
        answer_error (request, SOUP_STATUS_CONFLICT, "workstation_taken", error->message);
      else if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND))
        answer_error (request, SOUP_STATUS_FORBIDDEN, "workstation_unregistered", error->message);
      else if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_DENIED))
        answer_error (request, SOUP_STATUS_FORBIDDEN, "airport_denied", error->message);
      else
        answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
      return;
    }

  sapa_server_db_clear_failures (self->db, user_key);
  g_message ("Request %u: %s signed in at %s-%02d", request->id, username, airport, (int) number);

  reply = json_object_new ();
  json_object_set_string_member (reply, "token", token);
  json_object_set_int_member (reply, "expires_at", expires_at);
  /* The desk hides what the roles do not allow; the server still checks. */
  caller = sapa_server_db_lookup_token (self->db, token_hash, now, NULL);
  if (caller != NULL)
    {
      json_object_set_array_member (reply, "roles", strv_to_array (caller->roles));
      json_object_set_array_member (reply, "airports", strv_to_array (caller->airports));
    }
  answer (request, SOUP_STATUS_OK, reply);
}

static void
handle_sign_out (Request *request)
{
  g_autoptr(SapaServerCaller) caller = authenticate (request);
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (caller == NULL)
    return;

  hash = hash_token (request->authorization + strlen ("Bearer "));
  if (!sapa_server_db_revoke_token (request->server->db, hash, NULL))
    {
      answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
      return;
    }
  g_message ("Request %u: %s signed out", request->id, caller->username);
  answer (request, SOUP_STATUS_OK, reply);
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (*strv[i] != '\0')
      json_array_add_string_element (array, strv[i]);
  return array;
}

static void
handle_me (Request *request)
{
  g_autoptr(SapaServerCaller) caller = authenticate (request);
  g_autoptr(JsonObject) reply = json_object_new ();

  if (caller == NULL)
    return;

  json_object_set_string_member (reply, "username", caller->username);
  json_object_set_array_member (reply, "roles", strv_to_array (caller->roles));
  json_object_set_array_member (reply, "airports", strv_to_array (caller->airports));
  json_object_set_string_member (reply, "workstation_airport", caller->workstation_airport);
  json_object_set_int_member (reply, "workstation", caller->workstation_number);
  answer (request, SOUP_STATUS_OK, reply);
}

static void
handle_push (Request *request)
{
  g_autoptr(SapaServerCaller) caller = authenticate (request);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (caller == NULL || (body = read_body (request)) == NULL)
    return;

  reply = sapa_server_db_push (request->server->db, caller, body, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_INVALID))
        answer_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid", error->message);
      else
        answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
      return;
    }
  answer (request, SOUP_STATUS_OK, reply);
}

static gboolean
parse_number (const char *text,
              gint64      min,
              gint64      max,
              gint64     *out_value)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, min, max, out_value, NULL);
}

static void
handle_pull (Request *request)
{
  g_autoptr(SapaServerCaller) caller = authenticate (request);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after = 0, limit = SAPA_SYNC_PULL_PAGE;

  if (caller == NULL)
    return;

  if ((request->after != NULL && !parse_number (request->after, 0, G_MAXINT64, &after)) ||
      (request->limit != NULL && !parse_number (request->limit, 1, SAPA_SYNC_PULL_PAGE, &limit)))
    {
      answer_error (request, SOUP_STATUS_BAD_REQUEST, "malformed",
                    "“after” is a sequence number and “limit” a number from 1 to 1000");
      return;
    }

  reply = sapa_server_db_pull (request->server->db, caller, after, limit, &error);
  if (reply == NULL)
    {
      answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
      return;
    }
  answer (request, SOUP_STATUS_OK, reply);
}

/* GET /v1/tickets/ID/activities: every activity of a ticket the caller
 * may read, for a desk that starts to see it after its earlier
 * activities went past its cursor. */
static void
handle_history (Request    *request,
                const char *ticket_id)
{
  g_autoptr(SapaServerCaller) caller = authenticate (request);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (caller == NULL)
    return;

  reply = sapa_server_db_history (request->server->db, caller, ticket_id, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, SAPA_SERVER_ERROR, SAPA_SERVER_ERROR_NOT_FOUND))
        answer_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "No such ticket");
      else
        answer_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The database failed");
      return;
    }
  answer (request, SOUP_STATUS_OK, reply);
}

typedef struct {
  const char *method;
  const char *path;
  void      (*handle) (Request *request);
} Route;

static const Route routes[] = {
  { "GET", "/v1/status", handle_status },
  { "POST", "/v1/auth/sign-in", handle_sign_in },
  { "POST", "/v1/auth/sign-out", handle_sign_out },
  { "GET", "/v1/me", handle_me },
  { "POST", "/v1/sync/push", handle_push },
  { "GET", "/v1/sync/pull", handle_pull },
};

static void
route (Request *request)
{
  gboolean path_known = FALSE;
  g_autoptr(GMatchInfo) match = NULL;
  static GRegex *history_path;

  if (g_once_init_enter (&history_path))
    g_once_init_leave (&history_path,
                       g_regex_new ("^/v1/tickets/([0-9a-f-]{36})/activities$", G_REGEX_OPTIMIZE, 0, NULL));

  if (g_regex_match (history_path, request->path, 0, &match))
    {
      g_autofree char *ticket_id = g_match_info_fetch (match, 1);

      if (g_str_equal (request->method, "GET"))
        handle_history (request, ticket_id);
      else
        answer_error (request, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Wrong method for this path");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!g_str_equal (routes[i].path, request->path))
        continue;
      path_known = TRUE;
      if (g_str_equal (routes[i].method, request->method))
        {
          routes[i].handle (request);
          return;
        }
    }

  if (path_known)
    answer_error (request, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Wrong method for this path");
  else if (g_regex_match_simple ("^/v[0-9]+/", request->path, 0, 0) && !g_str_has_prefix (request->path, "/v1/"))
    answer_error (request, SOUP_STATUS_NOT_FOUND, "unknown_version", "This server speaks API v1");
  else
    answer_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint");
}

static void
process_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  route (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  g_autofree char *id = g_strdup_printf ("%u", request->id);
  char *response;

  soup_server_message_set_status (request->message, request->status, NULL);
  soup_message_headers_replace (headers, "X-Request-Id", id);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (request->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", request->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  response = g_steal_pointer (&request->response);
  if (response == NULL)
    response = g_strdup ("{\"error\":\"internal\",\"message\":\"No answer\"}");
  soup_server_message_set_response (request->message, "application/json", SOUP_MEMORY_TAKE,
                                    response, strlen (response));
  soup_server_message_unpause (request->message);
}

static void
handle_request (SoupServer        *soup,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SapaServer *self = user_data;
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Request *request = g_new0 (Request, 1);

  request->server = self;
  request->message = g_object_ref (message);
  request->id = ++self->next_request;
  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->remote_host = g_strdup (soup_server_message_get_remote_host (message) ?: "unknown");
  if (query != NULL)
    {
      request->after = g_strdup (g_hash_table_lookup (query, "after"));
      request->limit = g_strdup (g_hash_table_lookup (query, "limit"));
    }
  request->body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  request->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  /* The limit also holds for a body that came without a length. */
  if (g_bytes_get_size (request->body) > self->body_limit)
    {
      answer_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", "The body is over the limit");
    }

  soup_server_message_pause (message);
  task = g_task_new (self, NULL, request_done, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (request->status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, process_in_thread);
}

/* Refuses a body over the limit from its headers, before reading it. */
static void
check_length (SoupServer        *soup,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SapaServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  goffset length = soup_message_headers_get_content_length (headers);

  /* A body sent in chunks would be read whole before its size is known,
   * so one without a length is refused before it is read. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED ||
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_EOF)
    {
      static const char body[] = "{\"error\":\"length_required\",\"message\":\"Send the body with a Content-Length\"}";

      g_message ("Refused a body without a length from %s", soup_server_message_get_remote_host (message));
      soup_server_message_set_status (message, SOUP_STATUS_LENGTH_REQUIRED, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      return;
    }

  if (length > (goffset) self->body_limit)
    {
      static const char body[] = "{\"error\":\"too_large\",\"message\":\"The body is over the limit\"}";

      g_message ("Refused a %" G_GOFFSET_FORMAT "-byte body from %s", length,
                 soup_server_message_get_remote_host (message));
      soup_server_message_set_status (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
}

SapaServer *
sapa_server_new (SapaServerDb *db,
                 gsize         body_limit,
                 guint         token_hours)
{
  SapaServer *self = g_object_new (SAPA_TYPE_SERVER, NULL);

  self->db = db;
  self->body_limit = body_limit;
  self->token_hours = token_hours;
  self->dummy_hash = sapa_server_hash_password ("not a password of anyone", NULL);
  return self;
}

gboolean
sapa_server_listen (SapaServer       *self,
                    const char       *address,
                    guint             port,
                    GTlsCertificate  *certificate,
                    guint            *out_port,
                    GError          **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "sapa-server", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  soup_server_add_early_handler (self->soup, NULL, check_length, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);

  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, socket_address,
                           certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL && out_port != NULL)
    *out_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}
