/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-server.h: the HTTP/JSON API of sapa-server */
#pragma once

#include <gio/gio.h>

#include "sapa-server-db.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SERVER (sapa_server_get_type ())
G_DECLARE_FINAL_TYPE (SapaServer, sapa_server, SAPA, SERVER, GObject)

/* Request bodies above this size are refused with 413. */
#define SAPA_SERVER_DEFAULT_BODY_LIMIT  (8 * 1024 * 1024)
#define SAPA_SERVER_DEFAULT_TOKEN_HOURS 12

/* Serves @db (the server takes it). Every request is handled on a worker
 * thread, so a slow hash or a large push never holds up the others. */
SapaServer *sapa_server_new         (SapaServerDb     *db,
                                     gsize             body_limit,
                                     guint             token_hours);

/* Listens on @address:@port (0 picks a free port, returned in
 * @out_port), with TLS when @certificate is not NULL. */
gboolean    sapa_server_listen      (SapaServer       *self,
                                     const char       *address,
                                     guint             port,
                                     GTlsCertificate  *certificate,
                                     guint            *out_port,
                                     GError          **error);

/* Argon2id, as libsodium's crypto_pwhash_str() writes it. Slow on
 * purpose: call it off the main loop. */
char       *sapa_server_hash_password   (const char   *password,
                                         GError      **error);
gboolean    sapa_server_verify_password (const char   *hash,
                                         const char   *password);

G_END_DECLS
