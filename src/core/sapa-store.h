/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store.h: the workstation's SQLite database, served by a worker */
#pragma once

#include <gio/gio.h>

#include "sapa-sns.h"
#include "sapa-ticket.h"
#include "sapa-wizard.h"

G_BEGIN_DECLS

#define SAPA_TYPE_STORE (sapa_store_get_type ())
G_DECLARE_FINAL_TYPE (SapaStore, sapa_store, SAPA, STORE, GObject)

/* One SQLite file per workstation (WAL, foreign keys on). Every call runs
 * on the store's single worker thread, in the order made, so the GTK
 * thread never waits for SQLite: use the _async/_finish pairs there. The
 * plain calls do the same work on the calling thread under the store's
 * lock, for tests, tools and benchmarks. Every recording call is one
 * transaction. */

typedef struct {
  const char *search;     /* report number, name, phone fragment or purpose words; NULL for all */
  const char *status;     /* SAPA_STATUS_*, or NULL for all */
  const char *channel;    /* channel id, or NULL for all */
} SapaTicketQuery;

/* Identifies a person the way the store does: any of the phone's E.164
 * form, the email address (any letter case) or the account on a social
 * network (with or without its '@'). Empty or NULL members are unused. */
typedef struct {
  const char *phone_e164;
  const char *email;
  const char *handle;
  const char *channel;       /* network of @handle: "instagram", "x", ... */
  const char *exclude_ticket_id;
} SapaContactQuery;

/* Opening creates the file if needed and runs the schema migrations
 * forward; a file from a newer Sapa is rejected with
 * SAPA_ERROR_SCHEMA_TOO_NEW and left untouched. */
void        sapa_store_open_async      (const char           *path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
SapaStore  *sapa_store_open_finish     (GAsyncResult         *result,
                                        GError              **error);
SapaStore  *sapa_store_open            (const char           *path,
                                        GError              **error);

const char *sapa_store_get_path        (SapaStore            *self);

/* Checks the file for damage (SQLite's quick_check) on a connection of
 * its own in a worker thread, so neither the window nor the store's
 * other work waits for the scan. Fails with SAPA_ERROR_STORE, naming the
 * file and the first problem found. */
void        sapa_store_check_async     (SapaStore            *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    sapa_store_check_finish    (SapaStore            *self,
                                        GAsyncResult         *result,
                                        GError              **error);
/* The schema version the file is at after opening. */
int         sapa_store_get_schema_version (SapaStore         *self);

/* Records @activities (SapaActivity, taken from @wizard) of the wizard's
 * ticket in one transaction. The first recording creates and numbers the
 * ticket. Each one appends the activities and updates the ticket's
 * derived fields, contact and search index. It also saves the wizard's
 * state as the draft, or deletes the draft once the flow is finished.
 * Returns the ticket as stored. An activity whose id is already stored is
 * not added twice. */
void        sapa_store_record_async    (SapaStore            *self,
                                        SapaWizard           *wizard,
                                        GPtrArray            *activities,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
SapaTicket *sapa_store_record_finish   (SapaStore            *self,
                                        GAsyncResult         *result,
                                        GError              **error);
SapaTicket *sapa_store_record          (SapaStore            *self,
                                        SapaWizard           *wizard,
                                        GPtrArray            *activities,
                                        GError              **error);

/* Saves the wizard's state (values typed so far) as its draft only. */
void        sapa_store_save_draft_async  (SapaStore          *self,
                                          SapaWizard         *wizard,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean    sapa_store_save_draft_finish (SapaStore          *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* Appends @activity, an entry that changes none of the ticket's fields
 * (SAPA_ACTIVITY_PARKED, SAPA_ACTIVITY_RESUMED, SAPA_ACTIVITY_RECEIPT), to
 * the log of its ticket, which must exist (SAPA_ERROR_NOT_FOUND). When
 * @wizard is not NULL its state is saved as the draft in the same
 * transaction, so a waiting step set aside is both logged and kept. An
 * activity whose id is already stored is not added twice. */
void        sapa_store_log_async       (SapaStore            *self,
                                        SapaActivity         *activity,
                                        SapaWizard           *wizard,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    sapa_store_log_finish      (SapaStore            *self,
                                        GAsyncResult         *result,
                                        GError              **error);
gboolean    sapa_store_log             (SapaStore            *self,
                                        SapaActivity         *activity,
                                        SapaWizard           *wizard,
                                        GError              **error);

/* Ends the wizard without finishing its flow and deletes its draft. When
 * its ticket exists, a "discarded" activity with @reason is appended and
 * the ticket is cancelled. */
void        sapa_store_discard_async   (SapaStore            *self,
                                        SapaWizard           *wizard,
                                        const char           *reason,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    sapa_store_discard_finish  (SapaStore            *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Records @activity, made by sapa_ticket_action_prepare(), in one
 * transaction: checks against the stored status that the action is still
 * allowed (SAPA_ERROR_STATE when another step changed the ticket
 * meanwhile), appends the activity, moves the ticket to @new_status (NULL
 * keeps it) and updates its answer and follow-up. Returns the ticket. */
void        sapa_store_apply_action_async  (SapaStore          *self,
                                            SapaActivity       *activity,
                                            const char         *new_status,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
SapaTicket *sapa_store_apply_action_finish (SapaStore          *self,
                                            GAsyncResult       *result,
                                            GError            **error);
SapaTicket *sapa_store_apply_action        (SapaStore          *self,
                                            SapaActivity       *activity,
                                            const char         *new_status,
                                            GError            **error);

/* Returns the saved drafts as wizards, newest first. A draft that cannot
 * be read back is skipped with a warning and left in place. */
void        sapa_store_list_drafts_async  (SapaStore         *self,
                                           GCancellable      *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer           user_data);
GPtrArray  *sapa_store_list_drafts_finish (SapaStore         *self,
                                           GAsyncResult      *result,
                                           GError           **error);
GPtrArray  *sapa_store_list_drafts        (SapaStore         *self,
                                           GError           **error);

/* Returns the draft of ticket @ticket_id as a wizard, or NULL (without an
 * error) when the ticket has none: its flow is finished or was never
 * started on this workstation. */
void        sapa_store_get_draft_async    (SapaStore         *self,
                                           const char        *ticket_id,
                                           GCancellable      *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer           user_data);
SapaWizard *sapa_store_get_draft_finish   (SapaStore         *self,
                                           GAsyncResult      *result,
                                           GError           **error);

/* Returns the tickets (SapaTicket, newest first, at most 50) of the
 * person @query identifies, leaving out query->exclude_ticket_id: what a
 * new ticket shows of the person's history. Empty when nobody matches. */
void        sapa_store_find_contact_tickets_async  (SapaStore              *self,
                                                    const SapaContactQuery *query,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
GPtrArray  *sapa_store_find_contact_tickets_finish (SapaStore              *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
GPtrArray  *sapa_store_find_contact_tickets        (SapaStore              *self,
                                                    const SapaContactQuery *query,
                                                    GError                **error);

/* Merges contact @merge_id into @keep_id in one transaction. The tickets
 * of @merge_id move to @keep_id, each with a "contact_merged" activity
 * made from @template (officer, airport, workstation, time). The
 * template's own ticket gets one too when it exists. From then on
 * @merge_id points at @keep_id, and both histories stay whole. */
gboolean    sapa_store_merge_contacts              (SapaStore              *self,
                                                    const char             *keep_id,
                                                    const char             *merge_id,
                                                    SapaActivity           *template,
                                                    GError                **error);
void        sapa_store_merge_contacts_async        (SapaStore              *self,
                                                    const char             *keep_id,
                                                    const char             *merge_id,
                                                    SapaActivity           *template,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean    sapa_store_merge_contacts_finish       (SapaStore              *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);

/* A file kept with a ticket; see sapa_store_list_attachments(). */
typedef struct {
  char   *id;
  char   *file_name;
  char   *mime_type;
  gsize   size;
  gint64  created_at;
} SapaAttachmentInfo;

void sapa_attachment_info_free (SapaAttachmentInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaAttachmentInfo, sapa_attachment_info_free)

/* Checks @data with sapa_attachment_check() and keeps it with the ticket
 * of @activity (an activity of kind SAPA_ACTIVITY_ATTACHED whose payload
 * names the file) in one transaction. Returns the attachment's id. */
void        sapa_store_attach_async        (SapaStore          *self,
                                            SapaActivity       *activity,
                                            const char         *file_name,
                                            GBytes             *data,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
char       *sapa_store_attach_finish       (SapaStore          *self,
                                            GAsyncResult       *result,
                                            GError            **error);
char       *sapa_store_attach              (SapaStore          *self,
                                            SapaActivity       *activity,
                                            const char         *file_name,
                                            GBytes             *data,
                                            GError            **error);

/* Returns the files of ticket @ticket_id (SapaAttachmentInfo), oldest
 * first, without their data. */
void        sapa_store_list_attachments_async  (SapaStore          *self,
                                                const char         *ticket_id,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray  *sapa_store_list_attachments_finish (SapaStore          *self,
                                                GAsyncResult       *result,
                                                GError            **error);

/* Returns the data of attachment @id. */
GBytes     *sapa_store_read_attachment     (SapaStore          *self,
                                            const char         *id,
                                            GError            **error);
void        sapa_store_read_attachment_async  (SapaStore          *self,
                                               const char         *id,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GBytes     *sapa_store_read_attachment_finish (SapaStore          *self,
                                               GAsyncResult       *result,
                                               GError            **error);

/* Returns the special-needs dashboard of @airport at @now (microseconds
 * since 1970, UTC). It lists bookings expected from 12 hours before @now
 * to 36 hours after it, by ETA, the passengers in service and in the
 * holding room, and those handed over since the airport's local midnight. */
void          sapa_store_load_sns_board_async  (SapaStore          *self,
                                                const char         *airport,
                                                gint64              now,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
SapaSnsBoard *sapa_store_load_sns_board_finish (SapaStore          *self,
                                                GAsyncResult       *result,
                                                GError            **error);
SapaSnsBoard *sapa_store_load_sns_board        (SapaStore          *self,
                                                const char         *airport,
                                                gint64              now,
                                                GError            **error);

/* Returns the row ids of the tickets matching @query, newest first, as a
 * GArray of gint64: the lazy list model's index. */
void        sapa_store_query_async     (SapaStore            *self,
                                        const SapaTicketQuery *query,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GArray     *sapa_store_query_finish    (SapaStore            *self,
                                        GAsyncResult         *result,
                                        GError              **error);
GArray     *sapa_store_query           (SapaStore            *self,
                                        const SapaTicketQuery *query,
                                        GError              **error);

/* Returns the first @limit (at least 1) tickets (SapaTicket) matching
 * @query, in the order of sapa_store_query(). Without a search it reads
 * only those rows, so a list can show them long before the ids of every
 * match are read. */
void        sapa_store_query_first_async  (SapaStore             *self,
                                           const SapaTicketQuery *query,
                                           guint                  limit,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
GPtrArray  *sapa_store_query_first_finish (SapaStore             *self,
                                           GAsyncResult          *result,
                                           GError               **error);
GPtrArray  *sapa_store_query_first        (SapaStore             *self,
                                           const SapaTicketQuery *query,
                                           guint                  limit,
                                           GError               **error);

/* Loads the tickets of @rowids (gint64), in that order; ids no longer
 * stored are left out. */
void        sapa_store_load_tickets_async  (SapaStore        *self,
                                            GArray           *rowids,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
GPtrArray  *sapa_store_load_tickets_finish (SapaStore        *self,
                                            GAsyncResult     *result,
                                            GError          **error);
GPtrArray  *sapa_store_load_tickets        (SapaStore        *self,
                                            GArray           *rowids,
                                            GError          **error);

/* Returns the ticket with UUID @id, or SAPA_ERROR_NOT_FOUND. */
SapaTicket *sapa_store_get_ticket      (SapaStore            *self,
                                        const char           *id,
                                        GError              **error);
void        sapa_store_get_ticket_async  (SapaStore          *self,
                                          const char         *id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
SapaTicket *sapa_store_get_ticket_finish (SapaStore          *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* Returns the ticket's activities (SapaActivity) in recording order. */
void        sapa_store_list_activities_async  (SapaStore     *self,
                                               const char    *ticket_id,
                                               GCancellable  *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer       user_data);
GPtrArray  *sapa_store_list_activities_finish (SapaStore     *self,
                                               GAsyncResult  *result,
                                               GError       **error);
GPtrArray  *sapa_store_list_activities        (SapaStore     *self,
                                               const char    *ticket_id,
                                               GError       **error);

G_END_DECLS
