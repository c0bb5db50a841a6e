/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sign-in-dialog.c: signing in to the sync server */

#define G_LOG_DOMAIN "sapa-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-sign-in-dialog.h"

struct _SapaSignInDialog
{
  AdwWindow     parent_instance;

  SapaContext  *context;
  GCancellable *cancellable;

  AdwEntryRow  *server_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *password_row;
  GtkButton    *sign_in_button;
  GtkSpinner   *spinner;
  GtkLabel     *station_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (SapaSignInDialog, sapa_sign_in_dialog, ADW_TYPE_WINDOW)

static void
set_busy (SapaSignInDialog *self,
          gboolean          busy)
{
  /* An entry that turns insensitive while focused never gets its
   * focus-out in GTK 4.8, so the focus leaves it first. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
}

static void
show_error (SapaSignInDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text == '\0';
}

static void
entry_changed_cb (SapaSignInDialog *self)
{
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            !is_blank (self->server_row) && !is_blank (self->user_row) &&
                            *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0');
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SapaSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_sync_client_sign_in_finish (SAPA_SYNC_CLIENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      /* Emptying the password clears the message, so it goes first. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  sapa_context_signed_in (self->context);
  /* GTK 4.8 warns when a focused entry is destroyed with its window. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_in_clicked_cb (SapaSignInDialog *self)
{
  GSettings *settings = sapa_context_get_settings (self->context);
  SapaSyncClient *sync = sapa_context_get_sync (self->context);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  g_autofree char *airport = sapa_context_dup_airport (self->context);
  g_autoptr(GUri) uri = NULL;

  if (gtk_spinner_get_spinning (self->spinner) || *url == '\0' || *user == '\0' ||
      *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    return;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      show_error (self, _("Write the server address in full, for example https://sapa.example.co.id:8443."));
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  /* Saving the address points the sync client at it. */
  g_settings_set_string (settings, "server-url", url);
  g_settings_set_string (settings, "sync-user", user);

  set_busy (self, TRUE);
  show_error (self, NULL);
  sapa_sync_client_sign_in_async (sync, user, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                  airport, sapa_context_get_workstation (self->context),
                                  self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
sapa_sign_in_dialog_dispose (GObject *object)
{
  SapaSignInDialog *self = SAPA_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_sign_in_dialog_parent_class)->dispose (object);
}

static void
sapa_sign_in_dialog_class_init (SapaSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_sign_in_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, station_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSignInDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
sapa_sign_in_dialog_init (SapaSignInDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

SapaSignInDialog *
sapa_sign_in_dialog_new (SapaContext *context)
{
  SapaSignInDialog *self = g_object_new (SAPA_TYPE_SIGN_IN_DIALOG, NULL);
  GSettings *settings = sapa_context_get_settings (context);
  g_autofree char *url = g_settings_get_string (settings, "server-url");
  g_autofree char *user = g_settings_get_string (settings, "sync-user");
  g_autofree char *key = sapa_context_dup_workstation_key (context);
  g_autofree char *station = NULL;

  self->context = g_object_ref (context);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  /* Translators: %s is the airport and desk, such as CGK-01. */
  station = g_strdup_printf (_("Signing in at workstation %s. The server must have this workstation registered."), key);
  gtk_label_set_text (self->station_label, station);
  entry_changed_cb (self);

  if (*url == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*user == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  return self;
}
