/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-sync.h: the workstation's side of sync, in its store */
#pragma once

#include <json-glib/json-glib.h>

#include "sapa-store.h"

G_BEGIN_DECLS

typedef struct {
  guint  pending;     /* activities the server has not accepted yet */
  guint  rejected;    /* activities the server refused; they stay in the log */
  gint64 cursor;      /* the server sequence number pulled up to */
  gint64 last_sync;   /* UTC microseconds of the last complete sync, or 0 */
} SapaSyncStatus;

typedef struct {
  char   *activity_id;
  char   *ticket_id;
  char   *report_number;   /* "" when the ticket is not in this store */
  char   *kind;
  char   *step;
  char   *reason;          /* SAPA_SYNC_REASON_* */
  char   *detail;
  gint64  created_at;
  gboolean follows_rejected; /* an earlier activity of the same ticket was rejected */
} SapaSyncRejection;

/* Returns the translated text that explains @rejection to an officer. A
 * step rejected for the ticket's status after an earlier step of the same
 * ticket was rejected names that earlier step as the cause, because the
 * later steps were taken from the status it would have set. */
char    *sapa_sync_rejection_describe (const SapaSyncRejection *rejection);

void     sapa_sync_rejection_free (SapaSyncRejection *rejection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSyncRejection, sapa_sync_rejection_free)

/* Returns the body of the next push (JSON: the oldest unsent activities,
 * at most @limit, with their tickets), or NULL without an error when
 * nothing is waiting. */
GBytes    *sapa_store_sync_take_batch          (SapaStore           *self,
                                                guint                limit,
                                                GError             **error);
void       sapa_store_sync_take_batch_async    (SapaStore           *self,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GBytes    *sapa_store_sync_take_batch_finish   (SapaStore           *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Records the server's answer to a push: each activity accepted (with
 * its sequence number) or rejected (with the reason), and the server's
 * view of each ticket whose activity it rejected. A malformed answer
 * changes nothing. */
gboolean   sapa_store_sync_apply_push          (SapaStore           *self,
                                                GBytes              *response,
                                                GError             **error);
void       sapa_store_sync_apply_push_async    (SapaStore           *self,
                                                GBytes              *response,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   sapa_store_sync_apply_push_finish   (SapaStore           *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Applies one pull page, parsed from the server's response to a request
 * for the activities after @after: its tickets and activities and the
 * new cursor, in one transaction, so a crash leaves either all of it or
 * none. The page is rejected with SAPA_ERROR_STATE, and nothing written,
 * unless the store's cursor is @after: a page fetched ahead of the one
 * before it is applied only once that one is.
 * @out_more is TRUE when the server has more after this page;
 * @out_applied counts the activities this store did not have;
 * @out_history lists the tickets new here whose earlier activities went
 * past the cursor before this store could see them (ask the server for
 * each with GET /v1/tickets/ID/activities). */
gboolean   sapa_store_sync_apply_pull          (SapaStore           *self,
                                                JsonObject          *page,
                                                gint64               after,
                                                gboolean            *out_more,
                                                guint               *out_applied,
                                                GStrv               *out_history,
                                                GError             **error);
void       sapa_store_sync_apply_pull_async    (SapaStore           *self,
                                                JsonObject          *page,
                                                gint64               after,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns the number of activities applied, or -1 with @error set. */
gint64     sapa_store_sync_apply_pull_finish   (SapaStore           *self,
                                                GAsyncResult        *result,
                                                gboolean            *out_more,
                                                GStrv               *out_history,
                                                GError             **error);

/* Saves a ticket's whole log as the server sent it, without moving the
 * cursor; returns the number of activities this store lacked, or -1. */
gint64     sapa_store_sync_apply_history        (SapaStore           *self,
                                                 GBytes              *history,
                                                 GError             **error);
void       sapa_store_sync_apply_history_async  (SapaStore           *self,
                                                 GBytes              *history,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gint64     sapa_store_sync_apply_history_finish (SapaStore           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Records @now as the time of the last complete sync. */
gboolean   sapa_store_sync_mark_synced         (SapaStore           *self,
                                                gint64               now,
                                                GError             **error);

gboolean   sapa_store_sync_get_status          (SapaStore           *self,
                                                SapaSyncStatus      *out_status,
                                                GError             **error);
void       sapa_store_sync_get_status_async    (SapaStore           *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   sapa_store_sync_get_status_finish   (SapaStore           *self,
                                                GAsyncResult        *result,
                                                SapaSyncStatus      *out_status,
                                                GError             **error);

/* The activities the server rejected, newest first, as
 * SapaSyncRejection. */
GPtrArray *sapa_store_sync_list_rejected        (SapaStore           *self,
                                                 GError             **error);
void       sapa_store_sync_list_rejected_async  (SapaStore           *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray *sapa_store_sync_list_rejected_finish (SapaStore           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* TRUE when activity @activity_id is in the store, and its outbox state
 * (SAPA_SYNC_*) in @out_state. For tests and diagnostics. */
gboolean   sapa_store_sync_get_activity_state  (SapaStore           *self,
                                                const char          *activity_id,
                                                char               **out_state,
                                                GError             **error);

G_END_DECLS
