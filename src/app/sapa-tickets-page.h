/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-tickets-page.h: the Tickets section: search, filter, details */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_TICKETS_PAGE (sapa_tickets_page_get_type ())
G_DECLARE_FINAL_TYPE (SapaTicketsPage, sapa_tickets_page, SAPA, TICKETS_PAGE, GtkWidget)

SapaTicketsPage *sapa_tickets_page_new        (SapaContext     *context);
/* Moves the keyboard focus to the search entry. */
void             sapa_tickets_page_focus_search (SapaTicketsPage *self);
/* Writes the tickets that the search and filters find, as the list
 * shows them, to @file as CSV in a thread, as "Export CSV" does after
 * its file dialog. Returns the number of tickets written, or -1. */
void             sapa_tickets_page_export_csv_async  (SapaTicketsPage     *self,
                                                      GFile               *file,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gint64           sapa_tickets_page_export_csv_finish (SapaTicketsPage     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* The list the column view shows, for tests. */
GListModel      *sapa_tickets_page_get_model  (SapaTicketsPage *self);

G_END_DECLS
