/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-list-model.h: a lazy list of tickets over the store */
#pragma once

#include <gio/gio.h>

#include "sapa-store.h"

G_BEGIN_DECLS

#define SAPA_TYPE_TICKET_LIST_MODEL (sapa_ticket_list_model_get_type ())
G_DECLARE_FINAL_TYPE (SapaTicketListModel, sapa_ticket_list_model, SAPA, TICKET_LIST_MODEL, GObject)

/* A GListModel of SapaTicket that holds only the matching row ids (8 bytes
 * a ticket) and loads tickets a page at a time when the view asks for
 * them: get_item() returns a placeholder at once and fills it when its
 * page arrives from the store's worker. Properties: "loading" (TRUE while
 * a query runs or tickets already handed out are being refreshed after
 * one), "n-items", "complete" (FALSE while only the first page of a
 * query is listed). Errors go to the "error" signal. */
SapaTicketListModel *sapa_ticket_list_model_new       (SapaStore             *store);

/* Runs @query (copied) in two steps. The first page of tickets arrives
 * first and is listed. When it is full, the ids of every match follow,
 * and items-changed reports the rows after it. Each step reports only
 * the range that differs, and tickets already handed out are reloaded
 * in place. A reload keeps the listed ids after the first page until
 * the whole result replaces them. A query made while another runs
 * cancels both steps of the older one. */
void                 sapa_ticket_list_model_set_query (SapaTicketListModel   *self,
                                                       const SapaTicketQuery *query);
/* Runs the current query again, e.g. after a ticket was recorded. */
void                 sapa_ticket_list_model_reload    (SapaTicketListModel   *self);
gboolean             sapa_ticket_list_model_get_loading (SapaTicketListModel *self);
gboolean             sapa_ticket_list_model_get_complete (SapaTicketListModel *self);

G_END_DECLS
