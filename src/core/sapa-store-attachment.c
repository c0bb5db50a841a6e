/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-attachment.c: photos and scans kept with a ticket */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-attachment.h"
#include "sapa-error.h"
#include "sapa-store-private.h"
#include "sapa-uuid.h"

void
sapa_attachment_info_free (SapaAttachmentInfo *info)
{
  g_free (info->id);
  g_free (info->file_name);
  g_free (info->mime_type);
  g_free (info);
}

static gboolean
insert_attachment (sqlite3       *db,
                   const char    *id,
                   SapaActivity  *activity,
                   const char    *file_name,
                   const char    *mime_type,
                   GBytes        *data,
                   GError       **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  gsize size;
  const void *bytes = g_bytes_get_data (data, &size);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO attachments (id, ticket_id, file_name, mime_type, size, data, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "prepare an attachment");
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sapa_activity_get_ticket_id (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, size);
  sqlite3_bind_blob64 (stmt, 6, bytes, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, sapa_activity_get_created_at (activity));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "save an attachment");
      return FALSE;
    }
  return TRUE;
}

/* Moves the ticket's last-activity time, so views that follow the ticket
 * see that something happened to it. */
static gboolean
touch_ticket (sqlite3       *db,
              SapaActivity  *activity,
              GError       **error)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "UPDATE tickets SET updated_at = MAX (updated_at, ?) WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "update the ticket");
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, sapa_activity_get_created_at (activity));
  sqlite3_bind_text (stmt, 2, sapa_activity_get_ticket_id (activity), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "update the ticket");
      return FALSE;
    }
  return TRUE;
}

/* Stores the file and the activity that records it, naming the file in
 * the activity's payload so the log shows what was attached. */
static gboolean
attach_in_transaction (sqlite3       *db,
                       const char    *id,
                       SapaActivity  *activity,
                       const char    *file_name,
                       const char    *mime_type,
                       GBytes        *data,
                       GError       **error)
{
  JsonObject *payload = sapa_activity_get_payload (activity);
  g_autoptr(GPtrArray) activities = g_ptr_array_new ();

  json_object_set_string_member (payload, "attachment_id", id);
  json_object_set_string_member (payload, "file_name", file_name);
  json_object_set_string_member (payload, "mime_type", mime_type);
  json_object_set_int_member (payload, "size", g_bytes_get_size (data));
  g_ptr_array_add (activities, activity);

  return insert_attachment (db, id, activity, file_name, mime_type, data, error) &&
         sapa_store_db_insert_activities (db, activities, sapa_activity_get_ticket_id (activity), error) &&
         touch_ticket (db, activity, error);
}

char *
sapa_store_db_attach (sqlite3       *db,
                      SapaActivity  *activity,
                      const char    *file_name,
                      GBytes        *data,
                      GError       **error)
{
  g_autofree char *id = sapa_uuid_v7_new_at (sapa_activity_get_created_at (activity) / 1000);
  GError *local_error = NULL;
  const char *mime_type;

  /* The check repeats here so that no caller can store an unchecked file. */
  mime_type = sapa_attachment_check (data, file_name, error);
  if (mime_type == NULL)
    return NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!attach_in_transaction (db, id, activity, file_name, mime_type, data, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_info ("Attached %s (%" G_GSIZE_FORMAT " bytes) to ticket %s", id,
          g_bytes_get_size (data), sapa_activity_get_ticket_id (activity));
  return g_steal_pointer (&id);
}

GPtrArray *
sapa_store_db_list_attachments (sqlite3     *db,
                                const char  *ticket_id,
                                GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_attachment_info_free);
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, file_name, mime_type, size, created_at FROM attachments"
                          " WHERE ticket_id = ? ORDER BY created_at, rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "list the attachments");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaAttachmentInfo *info = g_new0 (SapaAttachmentInfo, 1);

      info->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->size = sqlite3_column_int64 (stmt, 3);
      info->created_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (infos, info);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "list the attachments");
      return NULL;
    }
  return g_steal_pointer (&infos);
}

GBytes *
sapa_store_db_read_attachment (sqlite3     *db,
                               const char  *id,
                               GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT data FROM attachments WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "read an attachment");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                 _("The attachment was not found in the local database."));
  else
    sapa_store_set_error (error, db, "read an attachment");
  return NULL;
}
