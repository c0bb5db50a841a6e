/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-context.c: what every window and page of the app shares */

#define G_LOG_DOMAIN "sapa-context"
#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>

#include "sapa-airport.h"
#include "sapa-context.h"
#include "sapa-report-number.h"
#include "sapa-sla-config.h"
#include "sapa-token-store.h"
#include "sapa-uuid.h"

struct _SapaContext
{
  GObject         parent_instance;

  SapaStore      *store;
  GSettings      *settings;
  SapaSyncClient *sync;
  GCancellable   *cancellable;
  gboolean        announcing_pull;   /* "ticket-recorded" for pulled data needs no sync */
  guint           status_idle;       /* the first read of the sync status, not yet queued */
};

G_DEFINE_FINAL_TYPE (SapaContext, sapa_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  SIGNAL_TICKET_RECORDED,
  SIGNAL_NOTIFICATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sapa_context_dispose (GObject *object)
{
  SapaContext *self = SAPA_CONTEXT (object);

  g_clear_handle_id (&self->status_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sync != NULL)
    sapa_sync_client_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sapa_context_parent_class)->dispose (object);
}

static void
sapa_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SapaContext *self = SAPA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SapaContext *self = SAPA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sync */

static void
start_syncing (SapaContext *self)
{
  if (sapa_sync_client_get_token (self->sync) == NULL ||
      sapa_sync_client_get_server_url (self->sync) == NULL ||
      *sapa_sync_client_get_server_url (self->sync) == '\0')
    return;
  sapa_sync_client_start (self->sync, g_settings_get_uint (self->settings, "sync-interval"));
}

static void
token_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SapaContext) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sapa_token_store_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot read the sync token from the keyring: %s", error->message);
      return;
    }
  if (self->sync == NULL || token == NULL)
    return;

  sapa_sync_client_set_token (self->sync, token);
  start_syncing (self);
}

static void
look_up_token (SapaContext *self)
{
  g_autofree char *key = sapa_context_dup_workstation_key (self);
  const char *url = sapa_sync_client_get_server_url (self->sync);

  if (url == NULL || *url == '\0')
    return;
  sapa_token_store_lookup_async (url, key, self->cancellable, token_found_cb, g_object_ref (self));
}

static void
token_ignored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sapa_token_store_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_message ("Cannot remove the sync token from the keyring: %s", error->message);
}

static void
forget_token (SapaContext *self,
              const char  *url)
{
  g_autofree char *key = sapa_context_dup_workstation_key (self);

  if (url == NULL || *url == '\0')
    return;
  sapa_token_store_clear_async (url, key, NULL, token_ignored_cb, NULL);
}

/* A new address or desk needs its own sign-in. */
static void
server_changed_cb (SapaContext *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *previous = g_strdup (sapa_sync_client_get_server_url (self->sync));

  if (g_strcmp0 (previous, url) == 0)
    return;
  sapa_sync_client_stop (self->sync);
  sapa_sync_client_set_token (self->sync, NULL);
  sapa_sync_client_set_server_url (self->sync, url);
  look_up_token (self);
}

static void
interval_changed_cb (SapaContext *self)
{
  if (sapa_sync_client_get_token (self->sync) != NULL)
    start_syncing (self);
}

static void
sign_in_required_cb (SapaContext *self)
{
  sapa_sync_client_stop (self->sync);
  forget_token (self, sapa_sync_client_get_server_url (self->sync));
}

/* The token is bound to the desk it was given to. */
static void
desk_changed_cb (SapaContext *self)
{
  sapa_sync_client_stop (self->sync);
  sapa_sync_client_set_token (self->sync, NULL);
}

static void
synced_cb (SapaContext *self,
           guint        pulled)
{
  if (pulled == 0)
    return;

  /* Lists reload as after a recording, without asking for another sync. */
  self->announcing_pull = TRUE;
  g_signal_emit (self, signals[SIGNAL_TICKET_RECORDED], 0, NULL);
  self->announcing_pull = FALSE;
}

static void
ticket_recorded_cb (SapaContext *self)
{
  if (!self->announcing_pull)
    sapa_sync_client_request_sync (self->sync);
}

static gboolean
refresh_status_cb (gpointer user_data)
{
  SapaContext *self = user_data;

  self->status_idle = 0;
  sapa_sync_client_refresh_status (self->sync);
  return G_SOURCE_REMOVE;
}

static void
sapa_context_constructed (GObject *object)
{
  SapaContext *self = SAPA_CONTEXT (object);
  g_autofree char *install_id = g_settings_get_string (self->settings, "install-id");
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");

  G_OBJECT_CLASS (sapa_context_parent_class)->constructed (object);

  if (*install_id == '\0')
    {
      g_free (install_id);
      install_id = sapa_uuid_v7_new ();
      g_settings_set_string (self->settings, "install-id", install_id);
    }

  self->cancellable = g_cancellable_new ();
  self->sync = sapa_sync_client_new (self->store, url, install_id);
  g_signal_connect_object (self->sync, "synced", G_CALLBACK (synced_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "sign-in-required", G_CALLBACK (sign_in_required_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "ticket-recorded", G_CALLBACK (ticket_recorded_cb), NULL);
  g_signal_connect_object (self->settings, "changed::server-url", G_CALLBACK (server_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::airport", G_CALLBACK (desk_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::workstation", G_CALLBACK (desk_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-interval", G_CALLBACK (interval_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* Counting the unsent activities reads every pending row of the
   * outbox (0.23 to 0.3 s with the 6,089,976 of bench-ticket-list), and
   * the store runs one job at a time. Queued from an idle callback, the
   * count comes after the reads that a window made in the same main loop
   * iteration queues, such as the first page of the ticket list. */
  self->status_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_status_cb, self, NULL);
  look_up_token (self);
}

static void
sapa_context_class_init (SapaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sapa_context_constructed;
  object_class->dispose = sapa_context_dispose;
  object_class->get_property = sapa_context_get_property;
  object_class->set_property = sapa_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SAPA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_TICKET_RECORDED] =
    g_signal_new ("ticket-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SAPA_TYPE_TICKET);
  signals[SIGNAL_NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_NOTIFICATION);
}

static void
sapa_context_init (SapaContext *self)
{
}

SapaContext *
sapa_context_new (SapaStore *store,
                  GSettings *settings)
{
  g_return_val_if_fail (SAPA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SAPA_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

SapaStore *
sapa_context_get_store (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return self->store;
}

GSettings *
sapa_context_get_settings (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return self->settings;
}

char *
sapa_context_dup_airport (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return g_settings_get_string (self->settings, "airport");
}

guint
sapa_context_get_workstation (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), 0);
  return g_settings_get_uint (self->settings, "workstation");
}

char *
sapa_context_dup_officer (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return g_settings_get_string (self->settings, "officer");
}

gboolean
sapa_context_is_configured (SapaContext *self)
{
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  guint workstation;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), FALSE);

  airport = sapa_context_dup_airport (self);
  officer = sapa_context_dup_officer (self);
  workstation = sapa_context_get_workstation (self);

  return sapa_airport_lookup (airport) != NULL &&
         workstation >= SAPA_WORKSTATION_MIN && workstation <= SAPA_WORKSTATION_MAX &&
         *officer != '\0';
}

void
sapa_context_ticket_recorded (SapaContext *self,
                              SapaTicket  *ticket)
{
  g_return_if_fail (SAPA_IS_CONTEXT (self));
  g_signal_emit (self, signals[SIGNAL_TICKET_RECORDED], 0, ticket);
}

SapaSyncClient *
sapa_context_get_sync (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return self->sync;
}

char *
sapa_context_dup_workstation_key (SapaContext *self)
{
  g_autofree char *airport = NULL;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  airport = sapa_context_dup_airport (self);
  return g_strdup_printf ("%s-%02u", airport, sapa_context_get_workstation (self));
}

static void
token_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sapa_token_store_save_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_message ("Cannot keep the sync token in the keyring; the next start asks to sign in again: %s",
               error->message);
}

void
sapa_context_signed_in (SapaContext *self)
{
  g_autofree char *key = NULL;
  const char *token;

  g_return_if_fail (SAPA_IS_CONTEXT (self));

  token = sapa_sync_client_get_token (self->sync);
  g_return_if_fail (token != NULL);

  key = sapa_context_dup_workstation_key (self);
  sapa_token_store_save_async (sapa_sync_client_get_server_url (self->sync), key, token,
                               NULL, token_saved_cb, NULL);
  if (sapa_sync_client_get_roles (self->sync) != NULL)
    {
      g_settings_set_strv (self->settings, "sync-roles", sapa_sync_client_get_roles (self->sync));
      g_settings_set_strv (self->settings, "sync-airports", sapa_sync_client_get_airports (self->sync));
    }
  start_syncing (self);
  sapa_sync_client_request_sync (self->sync);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  sapa_sync_client_sign_out_finish (SAPA_SYNC_CLIENT (source), result, NULL);
}

void
sapa_context_sign_out (SapaContext *self)
{
  g_return_if_fail (SAPA_IS_CONTEXT (self));

  sapa_sync_client_stop (self->sync);
  forget_token (self, sapa_sync_client_get_server_url (self->sync));
  sapa_sync_client_sign_out_async (self->sync, NULL, signed_out_cb, NULL);
  g_settings_reset (self->settings, "sync-roles");
  g_settings_reset (self->settings, "sync-airports");
}

static gboolean
has_role (GStrv       roles,
          const char *role)
{
  return g_strv_contains ((const char * const *) roles, role);
}

static gboolean
has_airport (GStrv       airports,
             const char *airport)
{
  return airport != NULL && *airport != '\0' &&
         (g_strv_contains ((const char * const *) airports, "*") ||
          g_strv_contains ((const char * const *) airports, airport));
}

/* The same rule as the server's: an officer works the tickets of their
 * airports (a booking counts for the airport it is for), a CCO those of
 * the contact centre. */
static gboolean
works_as_officer (GStrv       roles,
                  GStrv       airports,
                  SapaTicket *ticket)
{
  static const char * const cco_channels[] = {
    "phone", "email", "facebook", "x", "instagram", "other_social", "social", "live_chat", NULL
  };
  const char *booking_airport = json_object_get_string_member_with_default (sapa_ticket_get_record (ticket),
                                                                            "airport", NULL);

  if ((has_role (roles, "cso") || has_role (roles, "sno")) &&
      (has_airport (airports, sapa_ticket_get_airport (ticket)) ||
       (g_strcmp0 (sapa_ticket_get_flow (ticket), "sns_prebook") == 0 && has_airport (airports, booking_airport))))
    return TRUE;

  return has_role (roles, "cco") &&
         (g_strv_contains (cco_channels, sapa_ticket_get_channel (ticket)) ||
          g_strcmp0 (sapa_ticket_get_flow (ticket), "sns_prebook") == 0);
}

gboolean
sapa_context_may_take_action (SapaContext *self,
                              const char  *action_id,
                              SapaTicket  *ticket)
{
  g_auto(GStrv) roles = NULL;
  g_auto(GStrv) airports = NULL;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), FALSE);

  roles = g_settings_get_strv (self->settings, "sync-roles");
  if (roles[0] == NULL)
    return TRUE;
  airports = g_settings_get_strv (self->settings, "sync-airports");

  if (g_str_equal (action_id, "pic_answer"))
    return sapa_context_may_answer (self, ticket, TRUE);
  if ((g_str_equal (action_id, "note") || g_str_equal (action_id, "reassign")) &&
      (has_role (roles, "pic") || has_role (roles, "supervisor")))
    return TRUE;
  return works_as_officer (roles, airports, ticket);
}

gboolean
sapa_context_may_answer (SapaContext *self,
                         SapaTicket  *ticket,
                         gboolean     needs_pic)
{
  g_auto(GStrv) roles = NULL;
  g_auto(GStrv) airports = NULL;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), FALSE);

  roles = g_settings_get_strv (self->settings, "sync-roles");
  if (roles[0] == NULL || has_role (roles, "pic"))
    return TRUE;
  if (needs_pic)
    return FALSE;
  airports = g_settings_get_strv (self->settings, "sync-airports");
  return works_as_officer (roles, airports, ticket);
}

gboolean
sapa_context_records_procedures (SapaContext *self)
{
  g_auto(GStrv) roles = NULL;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), FALSE);

  roles = g_settings_get_strv (self->settings, "sync-roles");
  return roles[0] == NULL || has_role (roles, "cso") || has_role (roles, "sno") || has_role (roles, "cco");
}

void
sapa_context_send_notification (SapaContext   *self,
                                const char    *id,
                                GNotification *notification)
{
  g_return_if_fail (SAPA_IS_CONTEXT (self));
  g_return_if_fail (G_IS_NOTIFICATION (notification));
  g_signal_emit (self, signals[SIGNAL_NOTIFICATION], 0, id, notification);
}

char *
sapa_context_dup_data_dir (void)
{
  const char *dir = g_getenv ("SAPA_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "sapa", NULL);
}

char *
sapa_context_dup_sla_config_path (void)
{
  g_autofree char *dir = sapa_context_dup_data_dir ();

  return g_build_filename (dir, SAPA_SLA_CONFIG_FILE_NAME, NULL);
}

GSettings *
sapa_context_create_settings (void)
{
  const char *dir = g_getenv ("SAPA_DATA_DIR");
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return g_settings_new (APPLICATION_ID);

  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "settings.ini", NULL);
  backend = g_keyfile_settings_backend_new (path, "/id/sapa/Sapa/", "sapa");
  return g_settings_new_with_backend (APPLICATION_ID, backend);
}
