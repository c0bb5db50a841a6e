/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store-draft.c: reading back the wizards saved as drafts */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include "sapa-error.h"
#include "sapa-store-private.h"

/* Reads a draft's saved state back into a wizard; NULL with a warning
 * when the state cannot be read, which leaves the row for inspection. */
static SapaWizard *
wizard_from_state (const char *ticket_id,
                   const char *state)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  SapaWizard *wizard = NULL;

  /* Empty text parses without error but gives no root node. */
  if (json_parser_load_from_data (parser, state, -1, &parse_error) &&
      json_parser_get_root (parser) != NULL)
    wizard = sapa_wizard_new_from_json (json_parser_get_root (parser), &parse_error);

  if (wizard == NULL)
    g_warning ("Skipped unreadable draft of ticket %s: %s", ticket_id,
               parse_error != NULL ? parse_error->message : "the state is empty");
  return wizard;
}

/* Brings @wizard up to date with its ticket, which other desks may have
 * changed while the procedure waited. A draft whose first step was never
 * recorded has no ticket yet. */
static gboolean
catch_up (sqlite3     *db,
          SapaWizard  *wizard,
          GError     **error)
{
  const char *ticket_id = sapa_wizard_get_ticket_id (wizard);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  GError *local_error = NULL;

  ticket = sapa_store_db_get_ticket (db, ticket_id, &local_error);
  if (ticket == NULL)
    {
      if (g_error_matches (local_error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  activities = sapa_store_db_list_activities (db, ticket_id, error);
  if (activities == NULL)
    return FALSE;
  sapa_wizard_catch_up (wizard, sapa_ticket_get_status (ticket), activities);
  return TRUE;
}

SapaWizard *
sapa_store_db_get_draft (sqlite3     *db,
                         const char  *ticket_id,
                         GError     **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT state FROM drafts WHERE ticket_id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "read a draft");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(SapaWizard) wizard = wizard_from_state (ticket_id, (const char *) sqlite3_column_text (stmt, 0));

      if (wizard == NULL || !catch_up (db, wizard, error))
        return NULL;
      return g_steal_pointer (&wizard);
    }
  if (rc != SQLITE_DONE)
    sapa_store_set_error (error, db, "read a draft");
  return NULL;
}

GPtrArray *
sapa_store_db_list_drafts (sqlite3  *db,
                           GError  **error)
{
  g_autoptr(SapaStatement) stmt = NULL;
  g_autoptr(GPtrArray) wizards = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT ticket_id, state FROM drafts ORDER BY updated_at DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "read the drafts");
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SapaWizard *wizard = wizard_from_state ((const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1));

      if (wizard == NULL)
        continue;
      g_ptr_array_add (wizards, wizard);
      if (!catch_up (db, wizard, error))
        return NULL;
    }

  if (rc != SQLITE_DONE)
    {
      sapa_store_set_error (error, db, "read the drafts");
      return NULL;
    }

  return g_steal_pointer (&wizards);
}
