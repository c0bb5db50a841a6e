/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-token-store.h: the sync token in the desktop keyring */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The server's token is kept with libsecret: in the desktop keyring, or
 * through the Secret portal inside Flatpak. It is filed under the server
 * address and the workstation, so changing either asks for a new
 * sign-in. Without a keyring (SAPA_NO_KEYRING set, as in the tests, or
 * no Secret Service) the token lives only as long as the app, and the
 * calls fail with an error the caller may ignore. */

void      sapa_token_store_save_async    (const char          *server_url,
                                          const char          *workstation,
                                          const char          *token,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  sapa_token_store_save_finish   (GAsyncResult        *result,
                                          GError             **error);

/* Returns the token, or NULL without an error when none is stored. */
void      sapa_token_store_lookup_async  (const char          *server_url,
                                          const char          *workstation,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *sapa_token_store_lookup_finish (GAsyncResult        *result,
                                          GError             **error);

void      sapa_token_store_clear_async   (const char          *server_url,
                                          const char          *workstation,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  sapa_token_store_clear_finish  (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
