/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-export.h: the ticket list of a search and filter as a CSV file */
#pragma once

#include "sapa-csv.h"
#include "sapa-store.h"

G_BEGIN_DECLS

/* Writes the ticket export (see sapa-csv.h) of every ticket that @query
 * finds, newest first as the Tickets page lists them, to @stream, and
 * flushes it. The tickets are loaded a few hundred at a time, so a list
 * of a million tickets needs neither a million objects nor the store for
 * long: recordings go on between two loads. Blocks: call it from a
 * thread, or use the _async form. Stores the number of tickets written
 * in @out_count. The stream is left open. */
gboolean  sapa_ticket_export_write        (SapaStore             *store,
                                           const SapaTicketQuery *query,
                                           GOutputStream         *stream,
                                           char                   delimiter,
                                           SapaCsvFlags           flags,
                                           guint                 *out_count,
                                           GCancellable          *cancellable,
                                           GError               **error);

/* Replaces @file with the export in a thread. A file that fails halfway
 * is deleted. */
void      sapa_ticket_export_save_async   (SapaStore             *store,
                                           const SapaTicketQuery *query,
                                           GFile                 *file,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
/* Returns the number of tickets written, or -1 with @error set. */
gint64    sapa_ticket_export_save_finish  (GAsyncResult          *result,
                                           GError               **error);

G_END_DECLS
