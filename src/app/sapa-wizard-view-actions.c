/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-view-actions.c: the wizard.* actions and the done page's handover */

#define G_LOG_DOMAIN "sapa-wizard-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-message.h"
#include "sapa-receipt.h"
#include "sapa-wizard-view-private.h"

/* A person at the counter or a suggestion-box form gets a paper receipt;
 * one who wrote by email, social media or chat gets a ready message. */
void
sapa_wizard_view_show_handover (SapaWizardView *self)
{
  const char *flow = sapa_wizard_get_flow (self->wizard)->id;
  gboolean paper = g_str_equal (flow, SAPA_FLOW_COUNTER) || g_str_equal (flow, SAPA_FLOW_SUGGESTION_BOX);
  gboolean message = g_str_equal (flow, SAPA_FLOW_EMAIL_SOCIAL) || g_str_equal (flow, SAPA_FLOW_LIVE_CHAT);

  if (self->ticket == NULL)
    return;

  gtk_widget_set_visible (self->receipt_box, paper);
  gtk_widget_set_visible (self->message_box, message);
  if (message)
    {
      g_autofree char *text = sapa_message_compose_report_number (self->ticket);

      gtk_label_set_text (self->message_label, text);
    }
}

static void
print_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);

  g_autoptr(SapaTicket) ticket = NULL;
  guint copies;

  if (self->ticket == NULL)
    return;

  /* The print dialog runs a main loop, in which the view may change. */
  ticket = g_object_ref (self->ticket);
  copies = sapa_receipt_print (GTK_WINDOW (gtk_widget_get_root (widget)), ticket,
                               sapa_context_get_settings (self->context));
  if (copies > 0)
    sapa_receipt_log (self->context, ticket, SAPA_RECEIPT_OUTPUT_PRINTER, copies, NULL, widget);
}

static void
receipt_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!sapa_receipt_save_finish (result, &name, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Receipt saved."));
  if (self->ticket != NULL)
    sapa_receipt_log (self->context, self->ticket, SAPA_RECEIPT_OUTPUT_PDF, 0, name, GTK_WIDGET (self));
}

static void
receipt_file_chosen_cb (GtkNativeDialog *dialog,
                        int              response,
                        SapaWizardView  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->ticket != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      sapa_receipt_save_async (self->ticket, file, NULL, receipt_saved_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_receipt_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->ticket == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Receipt"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", self->report_number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (receipt_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gtk_label_get_text (self->message_label));
  gtk_widget_activate_action (widget, "win.toast", "s", _("Message copied. Paste it into the reply."));
}

/* Cancelling */

static void
discarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_store_discard_finish (SAPA_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  sapa_context_ticket_recorded (self->context, NULL);
  sapa_wizard_view_emit_closed (self);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SapaWizardView   *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    {
      sapa_wizard_view_focus (self);
      return;
    }

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  sapa_store_discard_async (sapa_context_get_store (self->context), self->wizard,
                            _("Cancelled by the officer"), self->cancellable,
                            discarded_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (sapa_wizard_is_finished (self->wizard))
    {
      sapa_wizard_view_emit_closed (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("Cancel This Service?"),
                                                       _("The steps already recorded stay in the ticket's log and the ticket is marked as cancelled.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Serving"),
                                    "discard", _("_Cancel Service"),
                                    NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
take_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);

  if (self->primary_button != NULL)
    sapa_wizard_view_advance (self, gtk_widget_get_name (self->primary_button));
}

static void
parked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_store_log_finish (SAPA_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  if (sapa_wizard_get_step (self->wizard) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                sapa_step_describe_wait (sapa_wizard_get_step (self->wizard)));
  if (self->ticket != NULL)
    sapa_context_ticket_recorded (self->context, self->ticket);
  sapa_wizard_view_emit_closed (self);
}

/* Leaves a waiting step for later: what is typed is saved as the draft,
 * which the ticket view offers to continue, and the log says when the
 * ticket was set aside. */
static void
park_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (widget);
  g_autoptr(SapaActivity) activity = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;

  if (self->saving || sapa_wizard_get_step (self->wizard)->kind != SAPA_STEP_WAIT)
    return;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  activity = sapa_activity_new (sapa_wizard_get_ticket_id (self->wizard), SAPA_ACTIVITY_PARKED,
                                sapa_wizard_get_step (self->wizard)->id, NULL, NULL, officer, airport,
                                sapa_context_get_workstation (self->context), g_get_real_time ());
  sapa_store_log_async (sapa_context_get_store (self->context), activity, self->wizard,
                        self->cancellable, parked_cb, g_object_ref (self));
}

void
sapa_wizard_view_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, take_default_action);
  gtk_widget_class_install_action (widget_class, "wizard.park", NULL, park_action);
  gtk_widget_class_install_action (widget_class, "wizard.print-receipt", NULL, print_receipt_action);
  gtk_widget_class_install_action (widget_class, "wizard.save-receipt", NULL, save_receipt_action);
  gtk_widget_class_install_action (widget_class, "wizard.copy-message", NULL, copy_message_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
}
