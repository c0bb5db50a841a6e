/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-escalation.h: the escalation queue and its notifications, in the store */
#pragma once

#include "sapa-escalation.h"
#include "sapa-store.h"

G_BEGIN_DECLS

/* The maximum number of escalations one listing returns, taking the
 * oldest tickets first. */
#define SAPA_STORE_MAX_ESCALATIONS 2000

/* Returns the escalations (SapaEscalation) of the tickets that wait for a
 * PIC or whose PIC's answer waits to be judged (SAPA_STATUS_ESCALATED
 * and SAPA_STATUS_ANSWERED), escalated to airport @to_airport or, when
 * it is NULL, to any airport. Their clocks are evaluated with @config as
 * of @now_us. The list is in no particular order. */
GPtrArray *sapa_store_list_escalations          (SapaStore           *self,
                                                 const char          *to_airport,
                                                 SapaSlaConfig       *config,
                                                 gint64               now_us,
                                                 GError             **error);
void       sapa_store_list_escalations_async    (SapaStore           *self,
                                                 const char          *to_airport,
                                                 SapaSlaConfig       *config,
                                                 gint64               now_us,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray *sapa_store_list_escalations_finish   (SapaStore           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* One event of an escalation that the desk is notified of once. */
typedef struct {
  char *ticket_id;
  char *escalation_id;   /* sapa_escalation_get_id() */
  char *stage;           /* sapa_escalation_dup_stage_key() */
} SapaEscalationNotice;

SapaEscalationNotice *sapa_escalation_notice_new  (const char           *ticket_id,
                                                   const char           *escalation_id,
                                                   const char           *stage);
void                  sapa_escalation_notice_free (SapaEscalationNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaEscalationNotice, sapa_escalation_notice_free)

/* Records @notices (SapaEscalationNotice) as notified at @now_us, in one
 * transaction, and returns copies of those that were not recorded before,
 * in the order given. A notice is kept by ticket, escalation and stage,
 * so it is returned once per database file, across restarts and syncs. */
GPtrArray *sapa_store_claim_notices             (SapaStore           *self,
                                                 GPtrArray           *notices,
                                                 gint64               now_us,
                                                 GError             **error);
void       sapa_store_claim_notices_async       (SapaStore           *self,
                                                 GPtrArray           *notices,
                                                 gint64               now_us,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray *sapa_store_claim_notices_finish      (SapaStore           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
