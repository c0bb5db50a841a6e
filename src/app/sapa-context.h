/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-context.h: what every window and page of the app shares */
#pragma once

#include <gio/gio.h>

#include "sapa-store.h"
#include "sapa-sync-client.h"

G_BEGIN_DECLS

#define SAPA_TYPE_CONTEXT (sapa_context_get_type ())
G_DECLARE_FINAL_TYPE (SapaContext, sapa_context, SAPA, CONTEXT, GObject)

/* Owns the store and the settings and is handed to each window and page
 * as a construct-only property, so nothing reaches for a global. The
 * "ticket-recorded" signal (SapaTicket) fires after every recording, so
 * lists can reload. */
SapaContext *sapa_context_new              (SapaStore   *store,
                                            GSettings   *settings);
SapaStore   *sapa_context_get_store        (SapaContext *self);
GSettings   *sapa_context_get_settings     (SapaContext *self);

/* TRUE once the airport, the workstation number and the officer's name
 * are set. */
gboolean     sapa_context_is_configured    (SapaContext *self);
/* Caller owns the returned string. */
char        *sapa_context_dup_airport      (SapaContext *self);
guint        sapa_context_get_workstation  (SapaContext *self);
char        *sapa_context_dup_officer      (SapaContext *self);

void         sapa_context_ticket_recorded  (SapaContext *self,
                                            SapaTicket  *ticket);

/* The connection to the sync server. It starts syncing once a token is
 * known: from the keyring at start, or after a sign-in. */
SapaSyncClient *sapa_context_get_sync      (SapaContext *self);
/* "CGK-01": the workstation a token is filed under. */
char        *sapa_context_dup_workstation_key (SapaContext *self);
/* Keeps the token the sync client just received and starts syncing. */
void         sapa_context_signed_in        (SapaContext *self);
/* Ends the session on the server and forgets the token; unsent work
 * stays in the store. */
void         sapa_context_sign_out         (SapaContext *self);
/* Emits "notification" (id, GNotification). The application connects
 * to it and sends @notification to the desktop; a test without a
 * desktop leaves it unconnected. */
void         sapa_context_send_notification (SapaContext   *self,
                                             const char    *id,
                                             GNotification *notification);

/* TRUE when the signed-in user's roles let them take @action_id on
 * @ticket, as the server will check it; everything is allowed on a desk
 * that never signed in. */
gboolean     sapa_context_may_take_action  (SapaContext *self,
                                            const char  *action_id,
                                            SapaTicket  *ticket);
/* TRUE when the signed-in user may record the answer to @ticket's
 * escalation: a PIC always, an officer who works the ticket only when
 * @needs_pic (sapa_escalation_answer_needs_pic()) is FALSE, as the
 * server checks it. */
gboolean     sapa_context_may_answer       (SapaContext *self,
                                            SapaTicket  *ticket,
                                            gboolean     needs_pic);
/* TRUE when the signed-in user records procedures (CSO, SNO or CCO). */
gboolean     sapa_context_records_procedures (SapaContext *self);

/* The folder of the workstation's data: $SAPA_DATA_DIR when set (tests,
 * several instances on one machine), else the user data folder. */
char        *sapa_context_dup_data_dir     (void);

/* The administrator's SLA file: sla.conf in the data folder. */
char        *sapa_context_dup_sla_config_path (void);

/* Settings from a key file in $SAPA_DATA_DIR when that is set, else from
 * the desktop's settings backend. */
GSettings   *sapa_context_create_settings  (void);

G_END_DECLS
