/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-report.h: supervisors' reports computed on the store */
#pragma once

#include "sapa-report.h"
#include "sapa-store.h"

G_BEGIN_DECLS

/* Computes the report of @query (see sapa-report.h for what each figure
 * counts) from this store's tickets and activities, in one read
 * transaction on the worker. Sets SAPA_ERROR_INVALID or
 * SAPA_ERROR_NOT_FOUND for a query that sapa_report_query_validate()
 * rejects, and G_IO_ERROR_CANCELLED when @cancellable is cancelled
 * before or while it runs. */
void            sapa_store_compute_report_async  (SapaStore             *self,
                                                  const SapaReportQuery *query,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
SapaReportData *sapa_store_compute_report_finish (SapaStore             *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);
SapaReportData *sapa_store_compute_report        (SapaStore             *self,
                                                  const SapaReportQuery *query,
                                                  GError               **error);

G_END_DECLS
