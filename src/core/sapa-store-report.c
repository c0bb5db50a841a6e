/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-report.c: reading a report's tickets and activities on the worker */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include "sapa-flow.h"
#include "sapa-report-private.h"
#include "sapa-store-private.h"
#include "sapa-store-report.h"

/* The tickets of one airport in a UTC range, from the covering index
 * tickets_for_reports. The record is read only for special-needs
 * tickets, whose SSR codes a report counts. */
#define TICKETS_SQL \
  "SELECT t.id, t.flow, t.channel, t.category, t.status, t.created_at," \
  " t.flow = '" SAPA_FLOW_SNS_COUNTER "' AND EXISTS (SELECT 1 FROM sns_bookings b" \
  "   WHERE b.arrival_ticket_id = t.id)," \
  " CASE WHEN t.flow IN ('" SAPA_FLOW_SNS_COUNTER "', '" SAPA_FLOW_SNS_PREBOOK "')" \
  "   THEN json_extract (t.record, '$.ssr') END" \
  " FROM tickets t INDEXED BY tickets_for_reports" \
  " WHERE t.airport = ?1 AND t.created_at >= ?2 AND t.created_at < ?3"

/* The activities of a range of ticket ids that matter to a report, from
 * the partial index activities_for_reports. The index also contains the
 * target of an escalation and the airline of a handover from the
 * payload, so no activity row is read. %s is the list of steps, which must be the
 * index's own list for SQLite to use it. */
#define ACTIVITIES_SQL \
  "SELECT a.ticket_id, a.kind, a.step, a.branch, a.created_at," \
  " json_extract (a.payload, '$.followup_unit'), json_extract (a.payload, '$.followup_airport')," \
  " json_extract (a.payload, '$.escalation_airport'), json_extract (a.payload, '$.airline')" \
  " FROM activities a INDEXED BY activities_for_reports" \
  " WHERE a.ticket_id BETWEEN ?1 AND ?2 AND a.step IN (%s)" \
  " ORDER BY a.ticket_id"

#define BOOKINGS_SQL \
  "SELECT b.stage, b.late, json_extract (t.record, '$.ssr')" \
  " FROM sns_bookings b INDEXED BY sns_bookings_by_eta JOIN tickets t ON t.id = b.ticket_id" \
  " WHERE b.airport = ?1 AND b.eta >= ?2 AND b.eta < ?3"

typedef struct {
  SapaReportQuery *query;
  GCancellable    *cancellable;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  sapa_report_query_free (job->query);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static char *
build_activities_sql (void)
{
  const char * const *steps = sapa_report_get_steps ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; steps[i] != NULL; i++)
    g_string_append_printf (list, "%s'%s'", i > 0 ? ", " : "", steps[i]);
  return g_strdup_printf (ACTIVITIES_SQL, list->str);
}

static gboolean
read_tickets (sqlite3            *db,
              SapaReportBuilder  *builder,
              const char         *airport,
              guint               index,
              GError            **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  gint64 start, end;
  int rc;

  if (sqlite3_prepare_v2 (db, TICKETS_SQL, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sapa_report_builder_get_range (builder, index, &start, &end);
  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaReportTicketRow row = {
        .id = (const char *) sqlite3_column_text (stmt, 0),
        .flow = (const char *) sqlite3_column_text (stmt, 1),
        .channel = (const char *) sqlite3_column_text (stmt, 2),
        .category = (const char *) sqlite3_column_text (stmt, 3),
        .status = (const char *) sqlite3_column_text (stmt, 4),
        .created_at = sqlite3_column_int64 (stmt, 5),
        .booked = sqlite3_column_int (stmt, 6),
        .ssr = (const char *) sqlite3_column_text (stmt, 7),
      };

      sapa_report_builder_add_ticket (builder, index, &row);
    }
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "read the tickets of a report");
  return FALSE;
}

static gboolean
read_activities (sqlite3            *db,
                 SapaReportBuilder  *builder,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GPtrArray) ranges = sapa_report_builder_get_id_ranges (builder);
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *sql = build_activities_sql ();
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  for (guint i = 0; i + 1 < ranges->len && rc == SQLITE_DONE; i += 2)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ranges, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (ranges, i + 1), -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          SapaReportActivityRow row = {
            .ticket_id = (const char *) sqlite3_column_text (stmt, 0),
            .kind = (const char *) sqlite3_column_text (stmt, 1),
            .step = (const char *) sqlite3_column_text (stmt, 2),
            .branch = (const char *) sqlite3_column_text (stmt, 3),
            .created_at = sqlite3_column_int64 (stmt, 4),
            .unit = (const char *) sqlite3_column_text (stmt, 5),
            .unit_airport = (const char *) sqlite3_column_text (stmt, 6),
            .escalation_airport = (const char *) sqlite3_column_text (stmt, 7),
            .airline = (const char *) sqlite3_column_text (stmt, 8),
          };

          sapa_report_builder_add_activity (builder, &row);
        }
    }
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "read the activities of a report");
  return FALSE;
}

static gboolean
read_bookings (sqlite3            *db,
               SapaReportBuilder  *builder,
               const char         *airport,
               guint               index,
               GError            **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  gint64 start, end;
  int rc;

  if (sqlite3_prepare_v2 (db, BOOKINGS_SQL, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sapa_report_builder_get_range (builder, index, &start, &end);
  sqlite3_bind_text (stmt, 1, airport, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaReportBookingRow row = {
        .stage = (const char *) sqlite3_column_text (stmt, 0),
        .late = sqlite3_column_int (stmt, 1),
        .ssr = (const char *) sqlite3_column_text (stmt, 2),
      };

      sapa_report_builder_add_booking (builder, &row);
    }
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  sapa_store_set_error (error, db, "read the bookings of a report");
  return FALSE;
}

static gboolean
read_all (sqlite3            *db,
          SapaReportBuilder  *builder,
          ReportJob          *job,
          GError            **error)
{
  GStrv airports = job->query->airports;

  for (guint i = 0; airports[i] != NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
          !read_tickets (db, builder, airports[i], i, error) ||
          !read_bookings (db, builder, airports[i], i, error))
        return FALSE;
    }
  return read_activities (db, builder, job->cancellable, error);
}

static gpointer
compute_report_func (SapaStore  *self,
                     gpointer    args,
                     GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  ReportJob *job = args;
  g_autoptr(SapaReportBuilder) builder = NULL;
  gboolean ok;

  builder = sapa_report_builder_new (job->query, error);
  if (builder == NULL)
    return NULL;

  /* One read transaction, so every figure comes from the same state of
   * the file even when another connection writes meanwhile. */
  if (!sapa_store_exec (db, "BEGIN", error))
    return NULL;
  ok = read_all (db, builder, job, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  return sapa_report_builder_finish (g_steal_pointer (&builder));
}

void
sapa_store_compute_report_async (SapaStore             *self,
                                 const SapaReportQuery *query,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  ReportJob *job;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (query != NULL);

  job = g_new0 (ReportJob, 1);
  job->query = sapa_report_query_copy (query);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  sapa_store_queue_job (self, sapa_store_compute_report_async, compute_report_func, job,
                        (GDestroyNotify) report_job_free, (GDestroyNotify) sapa_report_data_free,
                        cancellable, callback, user_data);
}

SapaReportData *
sapa_store_compute_report_finish (SapaStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_compute_report_async, error);
}

SapaReportData *
sapa_store_compute_report (SapaStore              *self,
                           const SapaReportQuery  *query,
                           GError                **error)
{
  ReportJob job = { (SapaReportQuery *) query, NULL };

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return sapa_store_run_job (self, compute_report_func, &job, error);
}
