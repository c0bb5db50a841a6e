/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-application.c: the application: start-up, store, windows */

#define G_LOG_DOMAIN "sapa-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-application.h"
#include "sapa-context.h"
#include "sapa-preferences-window.h"
#include "sapa-station-dialog.h"
#include "sapa-window.h"

struct _SapaApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SapaContext    *context;
  gboolean        opening;
  gboolean        activate_pending;
};

G_DEFINE_FINAL_TYPE (SapaApplication, sapa_application, ADW_TYPE_APPLICATION)

/* Returns the main window, not whichever window (the first-run setup, a
 * dialog) happens to be active. */
static GtkWindow *
find_main_window (SapaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SAPA_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
present_main_window (SapaApplication *self)
{
  GtkWindow *window = find_main_window (self);

  if (window == NULL)
    {
      window = GTK_WINDOW (sapa_window_new (GTK_APPLICATION (self), self->context));
      gtk_window_present (window);
      sapa_window_offer_drafts (SAPA_WINDOW (window));
      sapa_window_check_store (SAPA_WINDOW (window), 20);
      return;
    }

  gtk_window_present (window);
}

static void
setup_saved_cb (SapaApplication *self)
{
  present_main_window (self);
}

static void
setup_destroyed_cb (SapaApplication *self)
{
  /* Without an airport and a desk number no report number can be made,
   * so closing the first-run setup ends the application. */
  if (!sapa_context_is_configured (self->context))
    g_application_quit (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

static void
show_main_or_setup (SapaApplication *self)
{
  SapaStationDialog *dialog;

  if (sapa_context_is_configured (self->context))
    {
      present_main_window (self);
      return;
    }

  dialog = sapa_station_dialog_new (self->settings, TRUE);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (setup_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (setup_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_fatal_error (SapaApplication *self,
                  const char      *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Sapa Cannot Start"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
send_notification_cb (SapaApplication *self,
                      const char      *id,
                      GNotification   *notification)
{
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SapaApplication) self = user_data;
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  self->opening = FALSE;
  store = sapa_store_open_finish (result, &error);
  if (store == NULL)
    {
      g_warning ("Could not open the store: %s", error->message);
      show_fatal_error (self, error->message);
      g_application_release (G_APPLICATION (self));
      return;
    }

  self->context = sapa_context_new (store, self->settings);
  g_signal_connect_object (self->context, "notification",
                           G_CALLBACK (send_notification_cb), self, G_CONNECT_SWAPPED);
  if (self->activate_pending)
    show_main_or_setup (self);
  g_application_release (G_APPLICATION (self));
}

static void
sapa_application_startup (GApplication *application)
{
  SapaApplication *self = SAPA_APPLICATION (application);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  /* AdwApplication loads style.css from the resource base path itself. */
  G_APPLICATION_CLASS (sapa_application_parent_class)->startup (application);

  self->settings = sapa_context_create_settings ();

  /* The store opens on its worker thread, and the window appears once it is ready. */
  dir = sapa_context_dup_data_dir ();
  path = g_build_filename (dir, "sapa.db", NULL);
  self->opening = TRUE;
  g_application_hold (application);
  sapa_store_open_async (path, NULL, store_opened_cb, g_object_ref (self));
}

static void
sapa_application_activate (GApplication *application)
{
  SapaApplication *self = SAPA_APPLICATION (application);

  if (self->context == NULL)
    {
      self->activate_pending = TRUE;
      return;
    }

  show_main_or_setup (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SapaApplication *self = user_data;
  SapaPreferencesWindow *window;

  if (self->settings == NULL)
    return;

  window = sapa_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (window), find_main_window (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SapaApplication *self = user_data;
  static const char *developers[] = { "Sapa developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Sapa",
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Serve airport passengers and record every case"),
                         "developer-name", "Sapa developers",
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the windows saves their state (size, drafts) first. The
   * application ends with its last window, so a window that asks first
   * (steps not saved) keeps it running until the officer answers. */
  windows = g_list_copy_deep (windows, ref_window, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
sapa_application_dispose (GObject *object)
{
  SapaApplication *self = SAPA_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sapa_application_parent_class)->dispose (object);
}

static void
sapa_application_class_init (SapaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sapa_application_dispose;
  app_class->startup = sapa_application_startup;
  app_class->activate = sapa_application_activate;
}

static void
sapa_application_init (SapaApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

SapaApplication *
sapa_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  /* Each data folder is a desk of its own: a second desk on the same
   * machine must start its own process, not hand over to the first. */
  if (g_getenv ("SAPA_DATA_DIR") != NULL && *g_getenv ("SAPA_DATA_DIR") != '\0')
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (SAPA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/id/sapa/Sapa",
                       NULL);
}
