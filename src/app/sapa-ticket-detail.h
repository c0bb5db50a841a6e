/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-detail.h: one ticket's details and activity log */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_TICKET_DETAIL (sapa_ticket_detail_get_type ())
G_DECLARE_FINAL_TYPE (SapaTicketDetail, sapa_ticket_detail, SAPA, TICKET_DETAIL, GtkWidget)

/* Shows @ticket (loaded), the follow-up actions its status allows, and
 * loads its activity log from the context's store. */
void sapa_ticket_detail_show (SapaTicketDetail *self,
                              SapaContext      *context,
                              SapaTicket       *ticket);

/* Returns a one-line description of @activity of a ticket of @flow_id,
 * in the officer's language, and in @out_details its data. */
char *sapa_ticket_detail_describe_activity (const char    *flow_id,
                                            SapaActivity  *activity,
                                            char         **out_details);

G_END_DECLS
