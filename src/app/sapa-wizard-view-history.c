/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-view-history.c: the person's earlier tickets, looked up as the officer types */

#define G_LOG_DOMAIN "sapa-wizard-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sapa-a11y.h"
#include "sapa-phone.h"
#include "sapa-text.h"
#include "sapa-time.h"
#include "sapa-wizard-view-private.h"

/* The person's earlier tickets are looked up this long after typing stops. */
#define HISTORY_DELAY_MS 600
#define HISTORY_SHOWN 5

/* The person's history */

void
sapa_wizard_view_clear_history (SapaWizardView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
}

static GtkWidget *
create_history_row (SapaTicket *ticket)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = sapa_time_format (sapa_ticket_get_created_at (ticket),
                                            sapa_ticket_get_time_zone (ticket));
  g_autofree char *subtitle = NULL;
  g_autofree char *purpose = sapa_text_for_display (sapa_ticket_get_purpose (ticket), 200);

  g_strdelimit (purpose, "\r\n\t", ' ');
  /* Translators: an earlier ticket of the person: when, channel, status
   * and what it was about. */
  subtitle = g_strdup_printf (_("%s · %s · %s\n%s"), when,
                              sapa_ticket_describe_channel (sapa_ticket_get_flow (ticket), sapa_ticket_get_channel (ticket)),
                              sapa_ticket_status_label (sapa_ticket_get_status (ticket)), purpose);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sapa_ticket_get_report_number (ticket));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  sapa_a11y_describe_row (ADW_ACTION_ROW (row));
  return row;
}

static void
history_found_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  SapaTicket *latest;

  tickets = sapa_store_find_contact_tickets_finish (SAPA_STORE (source), result, &error);
  if (tickets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look up the person's tickets: %s", error->message);
      return;
    }

  sapa_wizard_view_clear_history (self);
  if (tickets->len == 0)
    return;

  latest = g_ptr_array_index (tickets, 0);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s has %u earlier ticket. The new ticket joins the same contact.",
                                              "%s has %u earlier tickets. The new ticket joins the same contact.",
                                              tickets->len),
                                 *sapa_ticket_get_name (latest) ? sapa_ticket_get_name (latest) : _("This person"),
                                 tickets->len);
  adw_preferences_group_set_description (self->history_group, description);
  for (guint i = 0; i < MIN (tickets->len, HISTORY_SHOWN); i++)
    gtk_list_box_append (self->history_list, create_history_row (g_ptr_array_index (tickets, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);
}

/* Looks the person up by the phone, email or account typed so far, so
 * the officer sees that the caller is known and what they asked before. */
static gboolean
history_timeout_cb (gpointer user_data)
{
  SapaWizardView *self = user_data;
  g_autofree char *e164 = NULL;
  SapaContactQuery query = { 0 };

  self->history_timeout = 0;
  sapa_phone_normalize (sapa_wizard_get_value (self->wizard, "phone"), &e164, NULL);
  query.phone_e164 = e164;
  query.email = strchr (sapa_wizard_get_value (self->wizard, "email"), '@') ? sapa_wizard_get_value (self->wizard, "email") : NULL;
  query.handle = sapa_wizard_get_value (self->wizard, "handle");
  query.channel = sapa_wizard_get_channel (self->wizard);
  query.exclude_ticket_id = sapa_wizard_get_ticket_id (self->wizard);

  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (query.phone_e164 == NULL && query.email == NULL && *query.handle == '\0')
    {
      sapa_wizard_view_clear_history (self);
      return G_SOURCE_REMOVE;
    }

  self->history_cancellable = g_cancellable_new ();
  sapa_store_find_contact_tickets_async (sapa_context_get_store (self->context), &query,
                                         self->history_cancellable, history_found_cb,
                                         g_object_ref (self));
  return G_SOURCE_REMOVE;
}

void
sapa_wizard_view_schedule_history_lookup (SapaWizardView *self)
{
  g_clear_handle_id (&self->history_timeout, g_source_remove);
  self->history_timeout = g_timeout_add (HISTORY_DELAY_MS, history_timeout_cb, self);
}
