/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-token-store.c: the sync token in the desktop keyring */

#define G_LOG_DOMAIN "sapa-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "sapa-token-store.h"

static const SecretSchema token_schema = {
  "id.sapa.Sapa.ServerToken", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "workstation", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static gboolean
keyring_disabled (GTask *task)
{
  if (g_getenv ("SAPA_NO_KEYRING") == NULL)
    return FALSE;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The keyring is turned off by SAPA_NO_KEYRING");
  return TRUE;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sapa_token_store_save_async (const char          *server_url,
                             const char          *workstation,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  if (keyring_disabled (task))
    {
      g_object_unref (task);
      return;
    }

  /* Translators: the label of the keyring entry; %s is the server address. */
  label = g_strdup_printf (_("Sapa sign-in at %s"), server_url);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         on_stored, task,
                         "server", server_url, "workstation", workstation, NULL);
}

gboolean
sapa_token_store_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
sapa_token_store_lookup_async (const char          *server_url,
                               const char          *workstation,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  if (keyring_disabled (task))
    {
      g_object_unref (task);
      return;
    }
  secret_password_lookup (&token_schema, cancellable, on_looked_up, task,
                          "server", server_url, "workstation", workstation, NULL);
}

char *
sapa_token_store_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *token = g_strdup (secret);

  /* libsecret's copy is wiped from memory when freed. */
  if (secret != NULL)
    secret_password_free (secret);
  return token;
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sapa_token_store_clear_async (const char          *server_url,
                              const char          *workstation,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  if (keyring_disabled (task))
    {
      g_object_unref (task);
      return;
    }
  secret_password_clear (&token_schema, cancellable, on_cleared, task,
                         "server", server_url, "workstation", workstation, NULL);
}

gboolean
sapa_token_store_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
