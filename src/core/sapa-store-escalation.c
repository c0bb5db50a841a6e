/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-escalation.c: the escalation queue and its notifications, in the store */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include "sapa-flow.h"
#include "sapa-store-escalation.h"
#include "sapa-store-private.h"

/* Listing */

typedef struct {
  char          *to_airport;
  SapaSlaConfig *config;
  gint64         now_us;
} ListArgs;

static void
list_args_free (ListArgs *args)
{
  g_free (args->to_airport);
  sapa_sla_config_unref (args->config);
  g_free (args);
}

static GArray *
query_escalated_rowids (sqlite3  *db,
                        GError  **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT rowid FROM tickets WHERE status IN (?1, ?2)"
                          " ORDER BY created_at, rowid LIMIT ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare listing escalated tickets");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, SAPA_STATUS_ESCALATED, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, SAPA_STATUS_ANSWERED, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, SAPA_STORE_MAX_ESCALATIONS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "list escalated tickets");
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

static gpointer
list_escalations_func (SapaStore  *self,
                       gpointer    data,
                       GError    **error)
{
  ListArgs *args = data;
  sqlite3 *db = sapa_store_get_db (self);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GPtrArray) escalations = g_ptr_array_new_with_free_func (g_object_unref);

  rowids = query_escalated_rowids (db, error);
  if (rowids == NULL)
    return NULL;
  tickets = sapa_store_db_load_tickets (db, rowids, error);
  if (tickets == NULL)
    return NULL;

  /* Whom a ticket is escalated to is read from its log, so the airport
   * filter applies after the log is read. */
  for (guint i = 0; i < tickets->len; i++)
    {
      SapaTicket *ticket = g_ptr_array_index (tickets, i);
      g_autoptr(GPtrArray) activities = NULL;
      g_autoptr(SapaEscalation) escalation = NULL;

      activities = sapa_store_db_list_activities (db, sapa_ticket_get_id (ticket), error);
      if (activities == NULL)
        return NULL;

      escalation = sapa_escalation_new_from_log (ticket, activities, args->config, args->now_us);
      if (escalation == NULL)
        continue;
      if (args->to_airport != NULL &&
          g_strcmp0 (sapa_escalation_get_airport (escalation), args->to_airport) != 0)
        continue;

      g_ptr_array_add (escalations, g_steal_pointer (&escalation));
    }

  return g_steal_pointer (&escalations);
}

static ListArgs *
list_args_new (const char    *to_airport,
               SapaSlaConfig *config,
               gint64         now_us)
{
  ListArgs *args = g_new0 (ListArgs, 1);

  args->to_airport = g_strdup (to_airport);
  args->config = sapa_sla_config_ref (config);
  args->now_us = now_us;
  return args;
}

GPtrArray *
sapa_store_list_escalations (SapaStore      *self,
                             const char     *to_airport,
                             SapaSlaConfig  *config,
                             gint64          now_us,
                             GError        **error)
{
  g_autoptr(GPtrArray) escalations = NULL;
  ListArgs *args;

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  args = list_args_new (to_airport, config, now_us);
  escalations = sapa_store_run_job (self, list_escalations_func, args, error);
  list_args_free (args);
  return g_steal_pointer (&escalations);
}

void
sapa_store_list_escalations_async (SapaStore           *self,
                                   const char          *to_airport,
                                   SapaSlaConfig       *config,
                                   gint64               now_us,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (config != NULL);

  sapa_store_queue_job (self, sapa_store_list_escalations_async, list_escalations_func,
                        list_args_new (to_airport, config, now_us), (GDestroyNotify) list_args_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
sapa_store_list_escalations_finish (SapaStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_list_escalations_async, error);
}

/* Notices */

SapaEscalationNotice *
sapa_escalation_notice_new (const char *ticket_id,
                            const char *escalation_id,
                            const char *stage)
{
  SapaEscalationNotice *notice = g_new0 (SapaEscalationNotice, 1);

  notice->ticket_id = g_strdup (ticket_id);
  notice->escalation_id = g_strdup (escalation_id);
  notice->stage = g_strdup (stage);
  return notice;
}

void
sapa_escalation_notice_free (SapaEscalationNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->ticket_id);
  g_free (notice->escalation_id);
  g_free (notice->stage);
  g_free (notice);
}

static gpointer
notice_copy (gconstpointer source,
             gpointer      user_data)
{
  const SapaEscalationNotice *notice = source;

  return sapa_escalation_notice_new (notice->ticket_id, notice->escalation_id, notice->stage);
}

typedef struct {
  GPtrArray *notices;
  gint64     now_us;
} ClaimArgs;

static void
claim_args_free (ClaimArgs *args)
{
  g_ptr_array_unref (args->notices);
  g_free (args);
}

static gboolean
insert_notices (sqlite3    *db,
                ClaimArgs  *args,
                GPtrArray  *claimed,
                GError    **error)
{
  g_autoptr(SapaStatement) insert = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO escalation_notices (ticket_id, escalation_id, stage, notified_at)"
                          " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          -1, &insert, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare recording notifications");
      return FALSE;
    }

  for (guint i = 0; i < args->notices->len; i++)
    {
      SapaEscalationNotice *notice = g_ptr_array_index (args->notices, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, notice->ticket_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, notice->escalation_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, notice->stage, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 4, args->now_us);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          sapa_store_set_error (error, db, "record a notification");
          return FALSE;
        }

      if (sqlite3_changes (db) == 1)
        g_ptr_array_add (claimed, notice_copy (notice, NULL));
    }

  return TRUE;
}

static gpointer
claim_notices_func (SapaStore  *self,
                    gpointer    data,
                    GError    **error)
{
  sqlite3 *db = sapa_store_get_db (self);
  g_autoptr(GPtrArray) claimed = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_escalation_notice_free);
  GError *local_error = NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!insert_notices (db, data, claimed, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&claimed);
}

static ClaimArgs *
claim_args_new (GPtrArray *notices,
                gint64     now_us)
{
  ClaimArgs *args = g_new0 (ClaimArgs, 1);

  /* A copy, so the caller may change its array while the worker runs. */
  args->notices = g_ptr_array_copy (notices, notice_copy, NULL);
  g_ptr_array_set_free_func (args->notices, (GDestroyNotify) sapa_escalation_notice_free);
  args->now_us = now_us;
  return args;
}

GPtrArray *
sapa_store_claim_notices (SapaStore  *self,
                          GPtrArray  *notices,
                          gint64      now_us,
                          GError    **error)
{
  GPtrArray *claimed;
  ClaimArgs *args;

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (notices != NULL, NULL);

  args = claim_args_new (notices, now_us);
  claimed = sapa_store_run_job (self, claim_notices_func, args, error);
  claim_args_free (args);
  return claimed;
}

void
sapa_store_claim_notices_async (SapaStore           *self,
                                GPtrArray           *notices,
                                gint64               now_us,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (notices != NULL);

  sapa_store_queue_job (self, sapa_store_claim_notices_async, claim_notices_func,
                        claim_args_new (notices, now_us), (GDestroyNotify) claim_args_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
sapa_store_claim_notices_finish (SapaStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_claim_notices_async, error);
}
