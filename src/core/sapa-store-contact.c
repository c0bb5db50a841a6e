/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-contact.c: one contact per person, whatever the channel */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-store-private.h"
#include "sapa-uuid.h"

/* Contacts merged into another point at it. A chain is followed this far
 * at most, so a cycle left by a bad merge cannot loop forever. */
#define MAX_MERGE_HOPS 16

/* Returns the key a social media account is stored under: the network
 * and the account in lower case without its '@', because "@Budi" and
 * "budi" on Instagram are the same account but not the same as "budi"
 * on X. NULL when there is no account. */
static char *
handle_key (const char *handle,
            const char *channel)
{
  g_autofree char *lower = NULL;

  if (handle == NULL || *handle == '\0')
    return NULL;
  while (*handle == '@')
    handle++;
  if (*handle == '\0')
    return NULL;

  lower = g_utf8_strdown (handle, -1);
  return g_strdup_printf ("%s:%s", channel ? channel : "", lower);
}

static char *
email_key (const char *email)
{
  return email != NULL && *email != '\0' ? g_utf8_strdown (email, -1) : NULL;
}

/* Follows merges from contact @id to the contact that stands for the
 * person now. */
static char *
resolve_merges (sqlite3    *db,
                const char *id)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *current = g_strdup (id);

  if (sqlite3_prepare_v2 (db, "SELECT merged_into FROM contacts WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&current);

  for (int hop = 0; hop < MAX_MERGE_HOPS; hop++)
    {
      const char *next;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, current, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        break;
      next = (const char *) sqlite3_column_text (stmt, 0);
      if (next == NULL)
        break;
      g_free (current);
      current = g_strdup (next);
    }

  return g_steal_pointer (&current);
}

static char *
find_by (sqlite3    *db,
         const char *column,
         const char *value)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *sql = NULL;

  if (value == NULL || *value == '\0')
    return NULL;

  sql = g_strdup_printf ("SELECT id FROM contacts WHERE %s = ? ORDER BY created_at LIMIT 1", column);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return resolve_merges (db, (const char *) sqlite3_column_text (stmt, 0));
}

/* Finds the person by phone, else email, else social media account. */
static char *
find_contact (sqlite3    *db,
              const char *e164,
              const char *email,
              const char *handle)
{
  char *id = find_by (db, "phone_e164", e164);

  if (id == NULL)
    id = find_by (db, "email", email);
  if (id == NULL)
    id = find_by (db, "handle", handle);
  return id;
}

static const char *
record_string (JsonObject *record,
               const char *key)
{
  JsonNode *node = json_object_get_member (record, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

char *
sapa_store_db_upsert_contact (sqlite3     *db,
                              JsonObject  *record,
                              const char  *channel,
                              gint64       now,
                              GError     **error)
{
  const char *name = record_string (record, "name");
  const char *phone = record_string (record, "phone");
  const char *e164 = record_string (record, "phone_e164");
  g_autofree char *email = email_key (record_string (record, "email"));
  g_autofree char *handle = handle_key (record_string (record, "handle"), channel);
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *id = find_contact (db, e164, email, handle);

  if (id == NULL && *name == '\0' && *e164 == '\0' && email == NULL && handle == NULL)
    return NULL;

  if (id == NULL)
    {
      id = sapa_uuid_v7_new_at (now / 1000);
      if (sqlite3_prepare_v2 (db,
                              "INSERT INTO contacts (id, name, phone, phone_e164, email, handle, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, NULLIF (?4, ''), ?5, ?6, ?7, ?7)",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto failed;
    }
  else if (sqlite3_prepare_v2 (db,
                               "UPDATE contacts SET"
                               " name = CASE WHEN ?2 = '' THEN name ELSE ?2 END,"
                               " phone = CASE WHEN ?3 = '' THEN phone ELSE ?3 END,"
                               " phone_e164 = COALESCE (NULLIF (?4, ''), phone_e164),"
                               " email = COALESCE (?5, email),"
                               " handle = COALESCE (?6, handle),"
                               " updated_at = ?7 WHERE id = ?1",
                               -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, e164, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, handle, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&id);

failed:
  sapa_store_set_error (error, db, "save the contact");
  return NULL;
}

GPtrArray *
sapa_store_db_find_contact_tickets (sqlite3                 *db,
                                    const SapaContactQuery  *query,
                                    GError                 **error)
{
  g_autofree char *email = email_key (query->email);
  g_autofree char *handle = handle_key (query->handle, query->channel);
  g_autofree char *id = find_contact (db, query->phone_e164, email, handle);
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (id == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* Tickets of contacts merged into this one were moved to it. */
  if (sqlite3_prepare_v2 (db,
                          "SELECT rowid FROM tickets WHERE contact_id = ? AND id IS NOT ?"
                          " ORDER BY created_at DESC LIMIT 50",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "look up the person's tickets");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->exclude_ticket_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "look up the person's tickets");
      return NULL;
    }

  return sapa_store_db_load_tickets (db, rowids, error);
}

static GPtrArray *
list_ticket_ids (sqlite3     *db,
                 const char  *contact_id,
                 GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM tickets WHERE contact_id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "list the contact's tickets");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, contact_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "list the contact's tickets");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
ticket_exists (sqlite3    *db,
               const char *ticket_id)
{
  g_autoptr(SapaStatement) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM tickets WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
merge_in_transaction (sqlite3       *db,
                      const char    *keep_id,
                      const char    *merge_id,
                      SapaActivity  *template,
                      GError       **error)
{
  g_autoptr(GPtrArray) ticket_ids = NULL;
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *merge_target = resolve_merges (db, merge_id);

  if (g_strcmp0 (merge_target, keep_id) == 0 || g_strcmp0 (keep_id, merge_id) == 0)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_STATE,
                           _("These two contacts are already one person."));
      return FALSE;
    }

  ticket_ids = list_ticket_ids (db, merge_id, error);
  if (ticket_ids == NULL)
    return FALSE;

  for (guint i = 0; i < ticket_ids->len; i++)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
      const char *ticket_id = g_ptr_array_index (ticket_ids, i);

      json_object_set_string_member (payload, "from_contact", merge_id);
      json_object_set_string_member (payload, "to_contact", keep_id);
      g_ptr_array_add (one, sapa_activity_new (ticket_id, SAPA_ACTIVITY_CONTACT_MERGED, NULL, NULL, payload,
                                               sapa_activity_get_officer (template),
                                               sapa_activity_get_airport (template),
                                               sapa_activity_get_workstation (template),
                                               sapa_activity_get_created_at (template)));
      if (!sapa_store_db_insert_activities (db, one, ticket_id, error))
        return FALSE;
    }

  /* The ticket the officer merged from records the merge too, so both
   * sides of it are in a log. */
  if (!g_ptr_array_find_with_equal_func (ticket_ids, sapa_activity_get_ticket_id (template), g_str_equal, NULL) &&
      ticket_exists (db, sapa_activity_get_ticket_id (template)))
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

      json_object_set_string_member (payload, "from_contact", merge_id);
      json_object_set_string_member (payload, "to_contact", keep_id);
      g_ptr_array_add (one, sapa_activity_new (sapa_activity_get_ticket_id (template),
                                               SAPA_ACTIVITY_CONTACT_MERGED, NULL, NULL, payload,
                                               sapa_activity_get_officer (template),
                                               sapa_activity_get_airport (template),
                                               sapa_activity_get_workstation (template),
                                               sapa_activity_get_created_at (template)));
      if (!sapa_store_db_insert_activities (db, one, sapa_activity_get_ticket_id (template), error))
        return FALSE;
    }

  if (sqlite3_prepare_v2 (db,
                          "UPDATE tickets SET contact_id = ?1 WHERE contact_id = ?2;",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, keep_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, merge_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "UPDATE contacts SET merged_into = ?1 WHERE id = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, keep_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, merge_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (db) != 1)
    goto failed;

  return TRUE;

failed:
  if (error != NULL && *error == NULL)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                 _("The contact to merge was not found in the local database."));
  return FALSE;
}

gboolean
sapa_store_db_merge_contacts (sqlite3       *db,
                              const char    *keep_id,
                              const char    *merge_id,
                              SapaActivity  *template,
                              GError       **error)
{
  GError *local_error = NULL;

  if (!sapa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!merge_in_transaction (db, keep_id, merge_id, template, &local_error) ||
      !sapa_store_exec (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_info ("Merged contact %s into %s", merge_id, keep_id);
  return TRUE;
}
