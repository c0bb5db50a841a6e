/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync-client.c: a workstation's connection to sapa-server */

#define G_LOG_DOMAIN "sapa-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sapa-error.h"
#include "sapa-sync.h"
#include "sapa-sync-client.h"

#define REQUEST_TIMEOUT_S   30
#define BACKOFF_BASE_MS     2000
/* Short enough that a workstation is back within half a minute of the
 * server, long enough that dozens of them do not hammer it. */
#define BACKOFF_MAX_MS      (30 * 1000)
#define REQUESTED_DELAY_MS  500

struct _SapaSyncClient
{
  GObject          parent_instance;

  SapaStore       *store;
  SoupSession     *session;
  GNetworkMonitor *monitor;
  char            *server_url;
  char            *token;
  char            *install_id;

  gboolean         online;
  gboolean         syncing;
  guint            pending;
  guint            rejected;
  gint64           last_sync;
  char            *last_error;
  GStrv            roles;      /* of the signed-in user, as the server gave them */
  GStrv            airports;

  /* Scheduling */
  guint            interval_s;
  guint            timer_id;
  guint            attempt;
  guint            retry_after_s;
  gboolean         again;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (SapaSyncClient, sapa_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_TOKEN,
  PROP_INSTALL_ID,
  PROP_CA_FILE,
  PROP_ONLINE,
  PROP_SYNCING,
  PROP_PENDING,
  PROP_REJECTED,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SYNCED,
  SIGNAL_SIGN_IN_REQUIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (SapaSyncClient *self, guint delay_ms);

static void
sapa_sync_client_dispose (GObject *object)
{
  SapaSyncClient *self = SAPA_SYNC_CLIENT (object);

  sapa_sync_client_stop (self);
  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sapa_sync_client_parent_class)->dispose (object);
}

static void
sapa_sync_client_finalize (GObject *object)
{
  SapaSyncClient *self = SAPA_SYNC_CLIENT (object);

  g_clear_object (&self->cancellable);
  g_free (self->server_url);
  g_free (self->token);
  g_free (self->install_id);
  g_free (self->last_error);
  g_strfreev (self->roles);
  g_strfreev (self->airports);

  G_OBJECT_CLASS (sapa_sync_client_parent_class)->finalize (object);
}

static void
sapa_sync_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SapaSyncClient *self = SAPA_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_INSTALL_ID:
      g_value_set_string (value, self->install_id);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_REJECTED:
      g_value_set_uint (value, self->rejected);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_sync_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SapaSyncClient *self = SAPA_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      sapa_sync_client_set_server_url (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      sapa_sync_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_INSTALL_ID:
      self->install_id = g_value_dup_string (value);
      break;
    case PROP_CA_FILE:
      sapa_sync_client_set_ca_file (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_sync_client_class_init (SapaSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sapa_sync_client_dispose;
  object_class->finalize = sapa_sync_client_finalize;
  object_class->get_property = sapa_sync_client_get_property;
  object_class->set_property = sapa_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SAPA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTALL_ID] =
    g_param_spec_string ("install-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED] =
    g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_SIGN_IN_REQUIRED] =
    g_signal_new ("sign-in-required", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    SapaSyncClient  *self)
{
  if (available && self->interval_s > 0 && self->token != NULL)
    {
      g_debug ("The network is back; syncing");
      self->attempt = 0;
      schedule (self, REQUESTED_DELAY_MS);
    }
}

static void
sapa_sync_client_init (SapaSyncClient *self)
{
  self->cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_S,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Sapa/" PACKAGE_VERSION,
                                                 NULL);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
}

SapaSyncClient *
sapa_sync_client_new (SapaStore  *store,
                      const char *server_url,
                      const char *install_id)
{
  return g_object_new (SAPA_TYPE_SYNC_CLIENT,
                       "store", store,
                       "server-url", server_url,
                       "install-id", install_id,
                       NULL);
}

const char *
sapa_sync_client_get_server_url (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

void
sapa_sync_client_set_server_url (SapaSyncClient *self,
                                 const char     *server_url)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  trimmed = g_strdup (server_url);
  if (trimmed != NULL)
    {
      g_strstrip (trimmed);
      while (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
    }
  if (g_strcmp0 (self->server_url, trimmed) == 0)
    return;
  g_free (self->server_url);
  self->server_url = g_steal_pointer (&trimmed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

const char *
sapa_sync_client_get_token (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), NULL);
  return self->token;
}

void
sapa_sync_client_set_token (SapaSyncClient *self,
                            const char     *token)
{
  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

void
sapa_sync_client_set_ca_file (SapaSyncClient *self,
                              const char     *ca_file)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  if (ca_file == NULL || *ca_file == '\0')
    {
      soup_session_set_tls_database (self->session, NULL);
      return;
    }

  database = g_tls_file_database_new (ca_file, &error);
  if (database == NULL)
    {
      g_message ("Cannot read the certificate authorities in %s: %s", ca_file, error->message);
      return;
    }
  soup_session_set_tls_database (self->session, database);
}

gboolean
sapa_sync_client_get_online (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), FALSE);
  return self->online;
}

gboolean
sapa_sync_client_get_syncing (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), FALSE);
  return self->syncing;
}

guint
sapa_sync_client_get_pending (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), 0);
  return self->pending;
}

guint
sapa_sync_client_get_rejected (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), 0);
  return self->rejected;
}

gint64
sapa_sync_client_get_last_sync (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), 0);
  return self->last_sync;
}

const char *
sapa_sync_client_get_last_error (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), NULL);
  return self->last_error;
}

static void
set_online (SapaSyncClient *self,
            gboolean        online)
{
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static void
set_syncing (SapaSyncClient *self,
             gboolean        syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_last_error (SapaSyncClient *self,
                const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
apply_status (SapaSyncClient       *self,
              const SapaSyncStatus *status)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->pending != status->pending)
    {
      self->pending = status->pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->rejected != status->rejected)
    {
      self->rejected = status->rejected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTED]);
    }
  if (self->last_sync != status->last_sync)
    {
      self->last_sync = status->last_sync;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_status_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SapaSyncClient) self = user_data;
  SapaSyncStatus status;

  if (sapa_store_sync_get_status_finish (SAPA_STORE (source), result, &status, NULL))
    apply_status (self, &status);
}

void
sapa_sync_client_refresh_status (SapaSyncClient *self)
{
  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));
  sapa_store_sync_get_status_async (self->store, self->cancellable, on_status_read, g_object_ref (self));
}

/* HTTP */

typedef struct {
  guint   status;
  GBytes *body;
  guint   retry_after;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static SoupMessage *
new_message (SapaSyncClient *self,
             const char     *method,
             const char     *path,
             GBytes         *body,
             GError        **error)
{
  g_autofree char *url = NULL;
  SoupMessage *message;

  if (self->server_url == NULL || *self->server_url == '\0')
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("No server address is set. Enter it in Preferences."));
      return NULL;
    }

  url = g_strconcat (self->server_url, path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The server address “%s” is not a valid address. Correct it in Preferences."),
                   self->server_url);
      return NULL;
    }

  if (self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  GBytes *body;
  Response *response;
  const char *retry_after;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error->domain == G_TLS_ERROR)
        {
          g_message ("The server's certificate is not trusted: %s", error->message);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                                   _("The server's certificate is not trusted (%s), so nothing was sent. Work goes on here; ask technical support to check the server address and its certificate."),
                                   error->message);
        }
      else
        {
          g_message ("Cannot reach the server: %s", error->message);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                                   _("The server cannot be reached (%s). Work goes on here and is sent when the connection is back."),
                                   error->message);
        }
      return;
    }

  response = g_new0 (Response, 1);
  response->status = soup_message_get_status (message);
  response->body = body;
  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (retry_after != NULL)
    {
      guint64 seconds;

      if (g_ascii_string_to_unsigned (retry_after, 10, 0, 24 * 3600, &seconds, NULL))
        response->retry_after = seconds;
    }
  g_task_return_pointer (task, response, (GDestroyNotify) response_free);
}

static void
send_request (SapaSyncClient      *self,
              const char          *method,
              const char          *path,
              GBytes              *body,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  message = new_message (self, method, path, body, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable, on_sent, task);
}

static const char *
error_code (Response *response)
{
  g_autoptr(JsonObject) body = NULL;
  gsize size;
  const char *data = g_bytes_get_data (response->body, &size);
  static const char * const codes[] = {
    "bad_credentials", "rate_limited", "workstation_taken", "workstation_unregistered",
    "airport_denied", "token_invalid", "unauthorized", "too_large", "invalid", "malformed", NULL
  };

  body = sapa_sync_parse_object (data, size, NULL);
  if (body == NULL)
    return "";
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (body, "error", ""), codes[i]) == 0)
      return codes[i];
  return "";
}

/* Turns a refusal into a message for the officer and reacts to it: an
 * unusable token is forgotten and a new sign-in asked for. */
static GError *
response_error (SapaSyncClient *self,
                Response       *response)
{
  const char *code = error_code (response);

  if (response->status == SOUP_STATUS_UNAUTHORIZED)
    {
      sapa_sync_client_set_token (self, NULL);
      g_signal_emit (self, signals[SIGNAL_SIGN_IN_REQUIRED], 0);
      return g_error_new (SAPA_ERROR, SAPA_ERROR_STATE,
                          _("The sign-in has expired or was ended. Sign in again; the work not yet sent stays on this workstation."));
    }
  if (response->status == 429 || response->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      self->retry_after_s = response->retry_after;
      return g_error_new (SAPA_ERROR, SAPA_ERROR_STATE,
                          _("The server is busy. Sapa tries again by itself."));
    }
  if (g_str_equal (code, "too_large"))
    return g_error_new (SAPA_ERROR, SAPA_ERROR_INVALID,
                        _("The server refused data that is too large. Call technical support."));
  return g_error_new (SAPA_ERROR, SAPA_ERROR_STATE,
                      _("The server answered with an error (HTTP %u). Sapa tries again by itself; call technical support if it keeps happening."),
                      response->status);
}

/* Signing in and out */

/* Reads string array @member of @object; members of another type are
 * left out. */
static GStrv
read_strings (JsonObject *object,
              const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

const char * const *
sapa_sync_client_get_roles (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), NULL);
  return (const char * const *) self->roles;
}

const char * const *
sapa_sync_client_get_airports (SapaSyncClient *self)
{
  g_return_val_if_fail (SAPA_IS_SYNC_CLIENT (self), NULL);
  return (const char * const *) self->airports;
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  Response *response = g_task_propagate_pointer (G_TASK (result), &error);
  const char *code;
  gsize size;
  const char *data;

  if (response == NULL)
    {
      set_online (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_online (self, TRUE);
  code = error_code (response);
  if (response->status != SOUP_STATUS_OK)
    {
      if (g_str_equal (code, "bad_credentials"))
        g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_INVALID,
                                 _("The user name or the password is wrong."));
      else if (g_str_equal (code, "rate_limited"))
        g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STATE,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "Too many failed sign-ins. Try again in %u minute.",
                                              "Too many failed sign-ins. Try again in %u minutes.",
                                              (response->retry_after + 59) / 60),
                                 (response->retry_after + 59) / 60);
      else if (g_str_equal (code, "workstation_taken"))
        g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STATE,
                                 _("This workstation number is already used by another computer at this airport. Choose this computer's own number in Preferences, or ask the administrator."));
      else if (g_str_equal (code, "workstation_unregistered"))
        g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STATE,
                                 _("This workstation number is not registered on the server for this airport. Ask the administrator to register it."));
      else if (g_str_equal (code, "airport_denied"))
        g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STATE,
                                 _("Your account does not work at this workstation's airport."));
      else
        g_task_return_error (task, response_error (self, response));
      response_free (response);
      return;
    }

  data = g_bytes_get_data (response->body, &size);
  body = sapa_sync_parse_object (data, size, NULL);
  response_free (response);
  if (body == NULL || json_object_get_string_member_with_default (body, "token", NULL) == NULL)
    {
      g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_INVALID, _("The server's answer is malformed."));
      return;
    }

  g_strfreev (self->roles);
  g_strfreev (self->airports);
  self->roles = read_strings (body, "roles");
  self->airports = read_strings (body, "airports");
  sapa_sync_client_set_token (self, json_object_get_string_member (body, "token"));
  set_last_error (self, NULL);
  g_task_return_boolean (task, TRUE);
}

void
sapa_sync_client_sign_in_async (SapaSyncClient      *self,
                                const char          *username,
                                const char          *password,
                                const char          *airport,
                                guint                number,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GTask *task;

  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_sync_client_sign_in_async);

  json_object_set_string_member (body, "username", username);
  json_object_set_string_member (body, "password", password);
  json_object_set_string_member (body, "airport", airport);
  json_object_set_int_member (body, "workstation", number);
  json_object_set_string_member (body, "install_id", self->install_id);
  text = sapa_sync_object_to_string (body);
  bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));

  /* A stale token must not go along with a new sign-in. */
  sapa_sync_client_set_token (self, NULL);
  send_request (self, "POST", "/v1/auth/sign-in", bytes, cancellable, on_signed_in, task);
}

gboolean
sapa_sync_client_sign_in_finish (SapaSyncClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_signed_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Response *response = g_task_propagate_pointer (G_TASK (result), NULL);

  /* The token is forgotten here whatever the server responded. */
  if (response != NULL)
    response_free (response);
  g_task_return_boolean (task, TRUE);
}

void
sapa_sync_client_sign_out_async (SapaSyncClient      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("{}", 2);
  GTask *task;

  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  if (self->token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  send_request (self, "POST", "/v1/auth/sign-out", empty, cancellable, on_signed_out, task);
  sapa_sync_client_set_token (self, NULL);
}

gboolean
sapa_sync_client_sign_out_finish (SapaSyncClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One sync: push, then pull */

/* The most tickets whose whole log one sync requests; the rest wait for
 * the next sync. */
#define HISTORY_PER_SYNC 100

/* The next pull page is requested only while the store has at most this
 * many pages to apply, so at most two parsed pages wait in memory. */
#define MAX_PAGES_QUEUED 1

typedef struct {
  guint      pulled;
  gboolean   started;   /* FALSE when refused before it began */
  GPtrArray *history;   /* ticket ids whose earlier activities are missing */

  /* The pull: the next page is requested and parsed while the store
   * applies the one before, and the store applies pages in order. */
  gboolean   fetching;      /* a page is being requested or parsed */
  gint64     fetch_after;   /* the cursor that page was requested after */
  gint64     next_after;    /* the cursor of a page still to request, or -1 */
  guint      queued;        /* pages handed to the store and not yet applied */
  gboolean   failed;        /* the run has returned its error */
  gboolean   restarted;     /* the server sent the cursor back to its start */
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->history, g_ptr_array_unref);
  g_free (run);
}

static void push_next (GTask *task);
static void pull_next (GTask *task);

static void
fail_run (GTask  *task,
          GError *error)
{
  SapaSyncClient *self = g_task_get_source_object (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    set_online (self, FALSE);
  g_task_return_error (task, error);
}

static void
on_push_applied (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!sapa_store_sync_apply_push_finish (SAPA_STORE (source), result, &error))
    {
      fail_run (task, error);
      return;
    }
  push_next (g_steal_pointer (&task));
}

/* Returns the body of a successful response, or NULL after failing the
 * run with the reason. */
static GBytes *
take_answer (GTask        *task,
             GAsyncResult *result)
{
  SapaSyncClient *self = g_task_get_source_object (task);
  Response *response;
  GError *error = NULL;
  GBytes *body;

  response = g_task_propagate_pointer (G_TASK (result), &error);
  if (response == NULL)
    {
      fail_run (task, error);
      return NULL;
    }

  set_online (self, TRUE);
  if (response->status != SOUP_STATUS_OK)
    {
      fail_run (task, response_error (self, response));
      response_free (response);
      return NULL;
    }

  body = g_bytes_ref (response->body);
  response_free (response);
  return body;
}

static void
on_push_answered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GBytes) body = take_answer (task, result);

  if (body != NULL)
    sapa_store_sync_apply_push_async (self->store, body, cancellable,
                                      on_push_applied, g_steal_pointer (&task));
}

static void
on_batch_taken (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GBytes) batch = NULL;
  GError *error = NULL;

  batch = sapa_store_sync_take_batch_finish (SAPA_STORE (source), result, &error);
  if (error != NULL)
    {
      fail_run (task, error);
      return;
    }

  if (batch == NULL)
    {
      pull_next (g_steal_pointer (&task));
      return;
    }

  send_request (self, "POST", "/v1/sync/push", batch, cancellable,
                on_push_answered, g_steal_pointer (&task));
}

static void
push_next (GTask *task)
{
  SapaSyncClient *self = g_task_get_source_object (task);

  sapa_store_sync_take_batch_async (self->store, SAPA_SYNC_PUSH_BATCH, g_task_get_cancellable (task),
                                    on_batch_taken, task);
}

static void
finish_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SapaSyncClient *self = source_object;
  SapaSyncStatus *status = g_new0 (SapaSyncStatus, 1);
  GError *error = NULL;

  if (!sapa_store_sync_mark_synced (self->store, g_get_real_time (), &error) ||
      !sapa_store_sync_get_status (self->store, status, &error))
    {
      g_free (status);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, status, g_free);
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree SapaSyncStatus *status = NULL;
  GError *error = NULL;

  status = g_task_propagate_pointer (G_TASK (result), &error);
  if (status == NULL)
    {
      fail_run (task, error);
      return;
    }

  apply_status (self, status);
  g_signal_emit (self, signals[SIGNAL_SYNCED], 0, run->pulled);
  g_task_return_boolean (task, TRUE);
}

static void
finish_run (GTask *task)
{
  SapaSyncClient *self = g_task_get_source_object (task);
  GTask *finish = g_task_new (self, g_task_get_cancellable (task), on_finished, task);

  g_task_run_in_thread (finish, finish_in_thread);
  g_object_unref (finish);
}

static void history_next (GTask *task);

static void
on_history_applied (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 applied = sapa_store_sync_apply_history_finish (SAPA_STORE (source), result, &error);

  if (applied < 0)
    g_message ("Cannot save a ticket's earlier activities: %s", error->message);
  else
    run->pulled += applied;
  history_next (task);
}

static void
on_history_answered (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  Response *response = g_task_propagate_pointer (G_TASK (result), &error);

  /* A ticket's earlier activities only complete its log, so the sync
   * succeeds without them and the next one requests them again. */
  if (response == NULL || response->status != SOUP_STATUS_OK)
    {
      g_message ("Cannot read a ticket's earlier activities: %s",
                 response != NULL ? "the server refused" : error->message);
      if (response != NULL)
        response_free (response);
      history_next (task);
      return;
    }

  sapa_store_sync_apply_history_async (self->store, response->body, g_task_get_cancellable (task),
                                       on_history_applied, task);
  response_free (response);
}

/* Asks for the earlier activities of the tickets this sync started to
 * see, one at a time, then ends the run. Owns @task. */
static void
history_next (GTask *task)
{
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *ticket_id = NULL;
  g_autofree char *path = NULL;

  if (run->history->len == 0 || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish_run (task);
      return;
    }

  ticket_id = g_ptr_array_steal_index (run->history, run->history->len - 1);
  path = g_strdup_printf ("/v1/tickets/%s/activities", ticket_id);
  send_request (self, "GET", path, NULL, g_task_get_cancellable (task), on_history_answered, task);
}

/* Ends the run with @error unless a page in flight ended it already:
 * a failed pull can have a request and a store job still under way. */
static void
fail_pull (GTask  *task,
           GError *error)
{
  Run *run = g_task_get_task_data (task);

  if (run->failed)
    {
      g_error_free (error);
      return;
    }
  run->failed = TRUE;
  fail_run (task, error);
}

static void fetch_page (GTask *task, gint64 after);

/* Requests the next page when one is due and the store has few enough
 * to apply. Once the store has applied every page, goes on to the
 * tickets whose earlier activities are missing. */
static void
pull_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  gint64 after = run->next_after;

  if (run->fetching)
    return;
  if (after >= 0 && run->queued <= MAX_PAGES_QUEUED)
    {
      run->next_after = -1;
      fetch_page (task, after);
      return;
    }
  if (after < 0 && run->queued == 0)
    history_next (g_object_ref (task));
}

static void
on_pull_applied (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_auto(GStrv) history = NULL;
  GError *error = NULL;
  gint64 applied;

  run->queued--;
  applied = sapa_store_sync_apply_pull_finish (SAPA_STORE (source), result, NULL, &history, &error);
  if (applied < 0)
    {
      fail_pull (task, error);
      return;
    }
  if (run->failed)
    return;

  run->pulled += applied;
  for (guint i = 0; history[i] != NULL && run->history->len < HISTORY_PER_SYNC; i++)
    g_ptr_array_add (run->history, g_strdup (history[i]));
  pull_more (task);
}

static void
parse_page_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GBytes *body = task_data;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  GError *error = NULL;
  JsonObject *page = sapa_sync_parse_object (data, size, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) json_object_unref);
}

/* Hands a parsed page to the store and, when the server has more,
 * requests the next one at once. The page's "next" is the cursor the
 * store will have after applying this page. */
static void
on_page_parsed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) page = NULL;
  GError *error = NULL;
  gint64 next;

  run->fetching = FALSE;
  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      fail_pull (task, error);
      return;
    }
  if (run->failed)
    return;

  /* A page that does not move the cursor forward ends the pull, so a
   * server that returns "more" with nothing new cannot make it loop. The
   * one exception is a cursor sent back to its start, once a run, when
   * the server's database is older than this store's cursor. */
  next = json_object_get_int_member_with_default (page, "next", -1);
  if (json_object_get_boolean_member_with_default (page, "more", FALSE))
    {
      if (next > run->fetch_after)
        run->next_after = next;
      else if (next >= 0 && next < run->fetch_after && !run->restarted)
        {
          run->restarted = TRUE;
          run->next_after = next;
        }
    }

  run->queued++;
  sapa_store_sync_apply_pull_async (self->store, page, run->fetch_after, g_task_get_cancellable (task),
                                    on_pull_applied, g_object_ref (task));
  pull_more (task);
}

static void
on_pull_answered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) parse = NULL;

  if (run->failed)
    {
      /* Take the response only to free it. */
      g_autoptr(GError) error = NULL;
      Response *response = g_task_propagate_pointer (G_TASK (result), &error);

      g_clear_pointer (&response, response_free);
      return;
    }

  body = take_answer (task, result);
  if (body == NULL)
    {
      run->failed = TRUE;
      return;
    }

  /* Parsed off the main loop and off the store's worker, which may be
   * applying the page before. */
  parse = g_task_new (self, cancellable, on_page_parsed, g_steal_pointer (&task));
  g_task_set_task_data (parse, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse, parse_page_in_thread);
}

static void
fetch_page (GTask  *task,
            gint64  after)
{
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/v1/sync/pull?after=%" G_GINT64_FORMAT "&limit=%d",
                                           after, SAPA_SYNC_PULL_PAGE);

  run->fetching = TRUE;
  run->fetch_after = after;
  send_request (self, "GET", path, NULL, g_task_get_cancellable (task),
                on_pull_answered, g_object_ref (task));
}

static void
on_cursor_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SapaSyncStatus status;
  GError *error = NULL;

  if (!sapa_store_sync_get_status_finish (SAPA_STORE (source), result, &status, &error))
    {
      fail_pull (task, error);
      return;
    }
  fetch_page (task, status.cursor);
}

/* Starts the pull from the cursor the store has. Owns @task. */
static void
pull_next (GTask *task)
{
  SapaSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  run->next_after = -1;
  sapa_store_sync_get_status_async (self->store, g_task_get_cancellable (task), on_cursor_read, task);
}

void
sapa_sync_client_sync_async (SapaSyncClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_sync_client_sync_async);
  {
    Run *run = g_new0 (Run, 1);

    run->history = g_ptr_array_new_with_free_func (g_free);
    g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  }

  if (self->token == NULL)
    {
      g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STATE,
                               _("Not signed in to the server. Sign in to send and receive tickets."));
      g_object_unref (task);
      return;
    }
  if (self->syncing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "A sync is already running");
      g_object_unref (task);
      return;
    }

  ((Run *) g_task_get_task_data (task))->started = TRUE;
  set_syncing (self, TRUE);
  self->retry_after_s = 0;
  push_next (task);
}

gboolean
sapa_sync_client_sync_finish (SapaSyncClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  GError *local_error = NULL;
  gboolean ok;
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (!run->started)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  set_syncing (self, FALSE);
  set_last_error (self, local_error != NULL ? local_error->message : NULL);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  sapa_sync_client_refresh_status (self);
  return ok;
}

/* Scheduling */

guint
sapa_sync_backoff_delay_ms (guint attempt,
                            guint base_ms,
                            guint max_ms)
{
  guint64 delay = base_ms;
  gint32 jitter;

  for (guint i = 1; i < attempt && delay < max_ms; i++)
    delay *= 2;
  delay = MIN (delay, max_ms);

  /* Workstations that lost the network together must not all come
   * back in the same second. */
  jitter = (gint32) (delay / 5);
  if (jitter > 0)
    delay += g_random_int_range (-jitter, jitter + 1);
  return (guint) delay;
}

static void
on_scheduled_sync_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SapaSyncClient *self = SAPA_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;

  if (sapa_sync_client_sync_finish (self, result, &error))
    self->attempt = 0;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    self->attempt++;

  if (self->interval_s == 0 || self->token == NULL)
    return;

  if (self->again)
    {
      self->again = FALSE;
      schedule (self, REQUESTED_DELAY_MS);
    }
  else if (self->attempt > 0)
    schedule (self, self->retry_after_s > 0 ? self->retry_after_s * 1000
                                            : sapa_sync_backoff_delay_ms (self->attempt, BACKOFF_BASE_MS, BACKOFF_MAX_MS));
  else
    schedule (self, self->interval_s * 1000);
}

static gboolean
on_timer (gpointer user_data)
{
  SapaSyncClient *self = user_data;

  self->timer_id = 0;
  if (self->token == NULL)
    return G_SOURCE_REMOVE;
  sapa_sync_client_sync_async (self, self->cancellable, on_scheduled_sync_done, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule (SapaSyncClient *self,
          guint           delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (delay_ms, on_timer, self);
}

void
sapa_sync_client_start (SapaSyncClient *self,
                        guint           interval_seconds)
{
  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));
  g_return_if_fail (interval_seconds > 0);

  self->interval_s = interval_seconds;
  self->attempt = 0;
  if (!self->syncing)
    schedule (self, REQUESTED_DELAY_MS);
}

void
sapa_sync_client_stop (SapaSyncClient *self)
{
  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  self->interval_s = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

void
sapa_sync_client_request_sync (SapaSyncClient *self)
{
  g_return_if_fail (SAPA_IS_SYNC_CLIENT (self));

  /* Signed out or stopped, nothing is sent, yet the count of what waits
   * must follow what was just recorded. */
  if (self->interval_s == 0 || self->token == NULL)
    {
      sapa_sync_client_refresh_status (self);
      return;
    }
  if (self->syncing)
    self->again = TRUE;
  else
    {
      self->attempt = 0;
      schedule (self, REQUESTED_DELAY_MS);
    }
}
