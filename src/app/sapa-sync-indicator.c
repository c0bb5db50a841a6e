/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync-indicator.c: the header bar's sync status and menu */

#define G_LOG_DOMAIN "sapa-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-rejections-dialog.h"
#include "sapa-sign-in-dialog.h"
#include "sapa-sync-indicator.h"
#include "sapa-time.h"

struct _SapaSyncIndicator
{
  GtkWidget       parent_instance;

  SapaContext    *context;
  SapaSyncClient *sync;

  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkLabel       *count_label;
  GtkLabel       *state_label;
  GtkLabel       *pending_label;
  GtkLabel       *last_sync_label;
  GtkLabel       *error_label;
  GtkButton      *sync_button;
  GtkButton      *sign_in_button;
  GtkButton      *sign_out_button;
  GtkButton      *rejected_button;
};

G_DEFINE_FINAL_TYPE (SapaSyncIndicator, sapa_sync_indicator, GTK_TYPE_WIDGET)

typedef enum {
  STATE_NO_SERVER,
  STATE_SIGNED_OUT,
  STATE_SYNCING,
  STATE_OFFLINE,
  STATE_FAILED,
  STATE_ONLINE,
} State;

static State
current_state (SapaSyncIndicator *self)
{
  const char *url = sapa_sync_client_get_server_url (self->sync);

  if (url == NULL || *url == '\0')
    return STATE_NO_SERVER;
  if (sapa_sync_client_get_token (self->sync) == NULL)
    return STATE_SIGNED_OUT;
  if (sapa_sync_client_get_syncing (self->sync))
    return STATE_SYNCING;
  if (sapa_sync_client_get_last_error (self->sync) != NULL)
    return sapa_sync_client_get_online (self->sync) ? STATE_FAILED : STATE_OFFLINE;
  return STATE_ONLINE;
}

static const char *
state_text (State state)
{
  switch (state)
    {
    case STATE_NO_SERVER:
      return _("Not connected to a server");
    case STATE_SIGNED_OUT:
      return _("Not signed in to the server");
    case STATE_SYNCING:
      return _("Syncing…");
    case STATE_OFFLINE:
      return _("Server unreachable, working offline");
    case STATE_FAILED:
      return _("The last sync failed");
    case STATE_ONLINE:
    default:
      return _("Connected to the server");
    }
}

static const char *
state_icon (State state)
{
  switch (state)
    {
    case STATE_NO_SERVER:
      return "network-server-symbolic";
    case STATE_SIGNED_OUT:
      return "avatar-default-symbolic";
    case STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case STATE_OFFLINE:
      return "network-offline-symbolic";
    case STATE_FAILED:
      return "dialog-warning-symbolic";
    case STATE_ONLINE:
    default:
      return "emblem-ok-symbolic";
    }
}

static char *
format_last_sync (SapaSyncIndicator *self)
{
  gint64 last = sapa_sync_client_get_last_sync (self->sync);
  g_autofree char *airport = sapa_context_dup_airport (self->context);
  const SapaAirport *where = sapa_airport_lookup (airport);
  g_autofree char *when = NULL;

  if (last == 0)
    return g_strdup (_("Never synced"));
  when = sapa_time_format (last, where != NULL ? where->time_zone : "Asia/Jakarta");
  /* Translators: %s is a date and time with its zone, such as 04/12/2026 14:05 WIB. */
  return g_strdup_printf (_("Last sync: %s"), when);
}

static char *
format_pending (guint pending)
{
  if (pending == 0)
    return g_strdup (_("Everything is sent"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity not sent yet",
                                       "%u activities not sent yet", pending), pending);
}

char *
sapa_sync_indicator_describe (SapaSyncIndicator *self)
{
  g_autofree char *pending = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (SAPA_IS_SYNC_INDICATOR (self), NULL);

  pending = format_pending (sapa_sync_client_get_pending (self->sync));
  last = format_last_sync (self);
  return g_strdup_printf ("%s. %s. %s.", state_text (current_state (self)), pending, last);
}

static void
update (SapaSyncIndicator *self)
{
  State state = current_state (self);
  guint pending = sapa_sync_client_get_pending (self->sync);
  guint rejected = sapa_sync_client_get_rejected (self->sync);
  const char *error = sapa_sync_client_get_last_error (self->sync);
  g_autofree char *description = sapa_sync_indicator_describe (self);
  g_autofree char *pending_text = format_pending (pending);
  g_autofree char *last_text = format_last_sync (self);
  g_autofree char *count = pending > 0 ? g_strdup_printf ("%u", pending) : NULL;
  g_autofree char *rejected_text = NULL;
  gboolean signed_in = state != STATE_NO_SERVER && state != STATE_SIGNED_OUT;

  gtk_image_set_from_icon_name (self->icon, state_icon (state));
  gtk_label_set_text (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  if (state == STATE_OFFLINE || state == STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");

  gtk_label_set_text (self->state_label, state_text (state));
  gtk_label_set_text (self->pending_label, pending_text);
  gtk_label_set_text (self->last_sync_label, last_text);
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && signed_in);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), signed_in && state != STATE_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), signed_in);

  rejected_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Rejected Activity",
                                                "%u Rejected Activities", rejected), rejected);
  gtk_button_set_label (self->rejected_button, rejected_text);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self->rejected_button));
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_button), rejected > 0);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The indicator shows the outcome through the client's properties. */
  sapa_sync_client_sync_finish (SAPA_SYNC_CLIENT (source), result, &error);
}

static void
sync_clicked_cb (SapaSyncIndicator *self)
{
  gtk_menu_button_popdown (self->button);
  sapa_sync_client_sync_async (self->sync, NULL, sync_done_cb, NULL);
}

static GtkWindow *
toplevel (SapaSyncIndicator *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
sign_in_clicked_cb (SapaSyncIndicator *self)
{
  SapaSignInDialog *dialog = sapa_sign_in_dialog_new (self->context);

  gtk_menu_button_popdown (self->button);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), toplevel (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_out_clicked_cb (SapaSyncIndicator *self)
{
  gtk_menu_button_popdown (self->button);
  sapa_context_sign_out (self->context);
}

static void
rejected_clicked_cb (SapaSyncIndicator *self)
{
  SapaRejectionsDialog *dialog = sapa_rejections_dialog_new (self->context);

  gtk_menu_button_popdown (self->button);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), toplevel (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sapa_sync_indicator_dispose (GObject *object)
{
  SapaSyncIndicator *self = SAPA_SYNC_INDICATOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->sync);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_sync_indicator_parent_class)->dispose (object);
}

static void
sapa_sync_indicator_class_init (SapaSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_sync_indicator_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, count_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, error_label);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, sync_button);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, SapaSyncIndicator, rejected_button);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rejected_clicked_cb);
}

static void
sapa_sync_indicator_init (SapaSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SapaSyncIndicator *
sapa_sync_indicator_new (SapaContext *context)
{
  SapaSyncIndicator *self = g_object_new (SAPA_TYPE_SYNC_INDICATOR, NULL);
  static const char * const watched[] = {
    "notify::server-url", "notify::token", "notify::online", "notify::syncing",
    "notify::pending", "notify::rejected", "notify::last-sync", "notify::last-error",
  };

  self->context = g_object_ref (context);
  self->sync = g_object_ref (sapa_context_get_sync (context));
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (self->sync, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return self;
}
