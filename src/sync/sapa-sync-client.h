/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync-client.h: a workstation's connection to sapa-server */
#pragma once

#include <gio/gio.h>

#include "sapa-store-sync.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SYNC_CLIENT (sapa_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (SapaSyncClient, sapa_sync_client, SAPA, SYNC_CLIENT, GObject)

/* Pushes the store's unsent activities and pulls what others did, over
 * HTTP with libsoup; the store's worker does the database side, so
 * nothing here blocks the thread it runs on. Once started it syncs
 * every "interval" seconds, soon after sapa_sync_client_request_sync(),
 * and as soon as the network returns; failures back off exponentially
 * with jitter, and a server's Retry-After is honoured.
 *
 * Properties: "store", "server-url" (for example https://sapa.example:8443),
 * "token" (NULL until signed in), "install-id" (this computer, for the
 * server to bind a workstation number to), "ca-file" (a PEM file of
 * certificate authorities to trust besides the system's, or NULL), and
 * read-only "online", "syncing", "pending", "rejected", "last-sync"
 * (UTC microseconds) and "last-error" (translated text or NULL).
 *
 * Signals: "synced" (guint activities pulled) after each complete sync;
 * "sign-in-required" when the server no longer takes the token. Unsent
 * work stays in the store until the next sign-in. */

SapaSyncClient *sapa_sync_client_new            (SapaStore      *store,
                                                 const char     *server_url,
                                                 const char     *install_id);

const char     *sapa_sync_client_get_server_url (SapaSyncClient *self);
void            sapa_sync_client_set_server_url (SapaSyncClient *self,
                                                 const char     *server_url);
const char     *sapa_sync_client_get_token      (SapaSyncClient *self);
void            sapa_sync_client_set_token      (SapaSyncClient *self,
                                                 const char     *token);
void            sapa_sync_client_set_ca_file    (SapaSyncClient *self,
                                                 const char     *ca_file);
gboolean        sapa_sync_client_get_online     (SapaSyncClient *self);
gboolean        sapa_sync_client_get_syncing    (SapaSyncClient *self);
guint           sapa_sync_client_get_pending    (SapaSyncClient *self);
guint           sapa_sync_client_get_rejected   (SapaSyncClient *self);
gint64          sapa_sync_client_get_last_sync  (SapaSyncClient *self);
const char     *sapa_sync_client_get_last_error (SapaSyncClient *self);

/* Signs in as @username at workstation @number of @airport; on success
 * the client holds the token, which the caller may keep in a keyring. */
void            sapa_sync_client_sign_in_async  (SapaSyncClient      *self,
                                                 const char          *username,
                                                 const char          *password,
                                                 const char          *airport,
                                                 guint                number,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        sapa_sync_client_sign_in_finish (SapaSyncClient      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The roles and airports of the user of the last sign-in in this
 * session, as the server gave them, or NULL before one. */
const char * const *sapa_sync_client_get_roles    (SapaSyncClient *self);
const char * const *sapa_sync_client_get_airports (SapaSyncClient *self);

/* Ends the session on the server (best effort) and forgets the token. */
void            sapa_sync_client_sign_out_async  (SapaSyncClient      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        sapa_sync_client_sign_out_finish (SapaSyncClient      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* One complete sync: push until nothing is unsent, then pull until the
 * server has nothing more. */
void            sapa_sync_client_sync_async     (SapaSyncClient      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        sapa_sync_client_sync_finish    (SapaSyncClient      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Syncs every @interval_seconds from now on, and when the network comes
 * back. */
void            sapa_sync_client_start          (SapaSyncClient *self,
                                                 guint           interval_seconds);
void            sapa_sync_client_stop           (SapaSyncClient *self);
/* Asks for a sync soon, for example after an officer recorded a step. */
void            sapa_sync_client_request_sync   (SapaSyncClient *self);
/* Reads the counts from the store again and notifies. */
void            sapa_sync_client_refresh_status (SapaSyncClient *self);

/* The delay before retry number @attempt (from 1): exponential from
 * @base_ms up to @max_ms, with up to a fifth of jitter either way. */
guint           sapa_sync_backoff_delay_ms      (guint attempt,
                                                 guint base_ms,
                                                 guint max_ms);

G_END_DECLS
