/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-private.h: schema and SQLite helpers shared inside the store */
#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "sapa-store.h"

G_BEGIN_DECLS

/* The schema version a new file is created at. */
int       sapa_store_schema_get_latest (void);

/* Reads the schema version without writing to the file, and sets
 * SAPA_ERROR_SCHEMA_TOO_NEW when it is past the latest. */
gboolean  sapa_store_schema_check      (sqlite3    *db,
                                        GError    **error);

/* Migrates @db forward to @target (or to the latest when @target < 0), one
 * transaction per version, and records each in PRAGMA user_version. A
 * version that another connection applied meanwhile is skipped. */
gboolean  sapa_store_schema_migrate    (sqlite3    *db,
                                        int         target,
                                        GError    **error);

/* The columns of a tickets row that sapa_store_index_ticket_row() reads,
 * in this order. */
#define SAPA_STORE_INDEX_COLUMNS \
  "rowid, report_number, name, purpose, phone_e164, email, json_extract (record, '$.handle')"

/* Indexes one ticket for search: @row holds SAPA_STORE_INDEX_COLUMNS;
 * @insert_text and @insert_phone insert into the two search tables. */
gboolean  sapa_store_index_ticket_row  (sqlite3_stmt *insert_text,
                                        sqlite3_stmt *insert_phone,
                                        sqlite3_stmt *row);

gboolean  sapa_store_exec              (sqlite3    *db,
                                        const char *sql,
                                        GError    **error);

/* Sets @error to SAPA_ERROR_STORE with a translated message naming @what
 * and SQLite's own text, and logs it. */
void      sapa_store_set_error         (GError    **error,
                                        sqlite3    *db,
                                        const char *what);

/* Owns a prepared statement for g_autoptr(). */
typedef sqlite3_stmt SapaStatement;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaStatement, sqlite3_finalize)

/* A statement lent from a cache of @db's prepared statements, for code
 * that runs the same statement for every row of a large sync page; its
 * g_autoptr() gives it back reset. NULL with SQLite's error on @db when
 * @sql does not prepare. */
typedef sqlite3_stmt SapaCachedStatement;
SapaCachedStatement *sapa_store_prepare_cached   (sqlite3             *db,
                                                  const char          *sql);
void                 sapa_store_give_back        (SapaCachedStatement *stmt);
/* Finalizes the cached statements of @db, before it is closed. */
void                 sapa_store_drop_cached      (sqlite3             *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaCachedStatement, sapa_store_give_back)

/* A unit of work for the store's worker: it runs with the store's lock
 * held and returns a result owned by the task (NULL with @error set on
 * failure). */
typedef gpointer (*SapaStoreJobFunc) (SapaStore *self,
                                      gpointer   args,
                                      GError   **error);

/* Queues @func on the worker; the task's result is its return value,
 * freed with @free_result when nobody takes it. */
void      sapa_store_queue_job  (SapaStore          *self,
                                 gpointer            source_tag,
                                 SapaStoreJobFunc    func,
                                 gpointer            args,
                                 GDestroyNotify      free_args,
                                 GDestroyNotify      free_result,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
/* Runs @func on the calling thread, with the lock held. */
gpointer  sapa_store_run_job    (SapaStore          *self,
                                 SapaStoreJobFunc    func,
                                 gpointer            args,
                                 GError            **error);
gpointer  sapa_store_finish_job (SapaStore          *self,
                                 GAsyncResult       *result,
                                 gpointer            source_tag,
                                 GError            **error);
/* The connection; only for job functions, which hold the lock. */
sqlite3  *sapa_store_get_db     (SapaStore          *self);

G_END_DECLS

#include <json-glib/json-glib.h>

#include "sapa-sns.h"
#include "sapa-store.h"

G_BEGIN_DECLS

/* What the store needs of a wizard, copied on the caller's thread so the
 * worker never touches the wizard itself. */
typedef struct {
  char       *ticket_id;
  char       *flow;
  char       *channel;
  char       *airport;
  char       *officer;
  char       *status;
  guint       workstation;
  gboolean    finished;
  char       *step;         /* the wizard's current step, NULL once finished */
  char       *booking;      /* SNS counter: the booking it serves, or NULL */
  JsonObject *record;
  char       *draft_json;
  GPtrArray  *activities;
  char       *reason;
} SapaRecordJob;

SapaRecordJob *sapa_record_job_new  (SapaWizard    *wizard,
                                     GPtrArray     *activities);
void           sapa_record_job_free (SapaRecordJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaRecordJob, sapa_record_job_free)

/* Appends @activities of ticket @ticket_id; an id already stored is
 * skipped, so a retried recording adds nothing twice. */
gboolean    sapa_store_db_insert_activities (sqlite3             *db,
                                             GPtrArray           *activities,
                                             const char          *ticket_id,
                                             GError             **error);

/* Finds the person of @record (cleaned flow values: "name", "phone",
 * "phone_e164", "email", "handle") by phone, email or account on
 * @channel, following merges, and creates the contact when none matches.
 * Returns its id, or NULL without an error for an anonymous ticket. */
char       *sapa_store_db_upsert_contact  (sqlite3               *db,
                                           JsonObject            *record,
                                           const char            *channel,
                                           gint64                 now,
                                           GError               **error);

/* Keeps the special-needs booking of a recorded ticket current: a
 * finished pre-booking becomes an expected arrival, and a counter service
 * started from a booking moves that booking along. Runs inside the
 * recording's transaction. */
gboolean    sapa_store_db_update_sns      (sqlite3               *db,
                                           SapaRecordJob         *job,
                                           gint64                 created_at,
                                           GError               **error);

/* The worker-side operations; each runs with the store's lock held. */
SapaTicket *sapa_store_db_record          (sqlite3               *db,
                                           SapaRecordJob         *job,
                                           GError               **error);
gboolean    sapa_store_db_save_draft      (sqlite3               *db,
                                           SapaRecordJob         *job,
                                           GError               **error);
gboolean    sapa_store_db_discard         (sqlite3               *db,
                                           SapaRecordJob         *job,
                                           GError               **error);
gboolean    sapa_store_db_log             (sqlite3               *db,
                                           SapaActivity          *activity,
                                           SapaRecordJob         *job,
                                           GError               **error);
SapaTicket *sapa_store_db_apply_action    (sqlite3               *db,
                                           SapaActivity          *activity,
                                           const char            *new_status,
                                           GError               **error);
SapaWizard *sapa_store_db_get_draft       (sqlite3               *db,
                                           const char            *ticket_id,
                                           GError               **error);
GPtrArray  *sapa_store_db_find_contact_tickets (sqlite3          *db,
                                                const SapaContactQuery *query,
                                                GError           **error);
gboolean    sapa_store_db_merge_contacts  (sqlite3               *db,
                                           const char            *keep_id,
                                           const char            *merge_id,
                                           SapaActivity          *template,
                                           GError               **error);
char       *sapa_store_db_attach          (sqlite3               *db,
                                           SapaActivity          *activity,
                                           const char            *file_name,
                                           GBytes                *data,
                                           GError               **error);
GPtrArray  *sapa_store_db_list_attachments (sqlite3              *db,
                                            const char           *ticket_id,
                                            GError              **error);
GBytes     *sapa_store_db_read_attachment (sqlite3               *db,
                                           const char            *id,
                                           GError               **error);
SapaSnsBoard *sapa_store_db_load_sns_board (sqlite3             *db,
                                            const char          *airport,
                                            gint64               now,
                                            GError             **error);
GPtrArray  *sapa_store_db_list_drafts     (sqlite3               *db,
                                           GError               **error);
GArray     *sapa_store_db_query           (sqlite3               *db,
                                           const SapaTicketQuery *query,
                                           guint                  limit,
                                           GError               **error);
GPtrArray  *sapa_store_db_query_first     (sqlite3               *db,
                                           const SapaTicketQuery *query,
                                           guint                  limit,
                                           GError               **error);
GPtrArray  *sapa_store_db_load_tickets    (sqlite3               *db,
                                           GArray                *rowids,
                                           GError               **error);
/* Returns the stored status of ticket @ticket_id, and its flow in
 * @out_flow unless that is NULL; sets SAPA_ERROR_NOT_FOUND when no
 * such ticket is stored. */
char       *sapa_store_db_read_status     (sqlite3               *db,
                                           const char            *ticket_id,
                                           char                 **out_flow,
                                           GError               **error);
SapaTicket *sapa_store_db_get_ticket      (sqlite3               *db,
                                           const char            *id,
                                           GError               **error);
GPtrArray  *sapa_store_db_list_activities (sqlite3               *db,
                                           const char            *ticket_id,
                                           GError               **error);

G_END_DECLS
