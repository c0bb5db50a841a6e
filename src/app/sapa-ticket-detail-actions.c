/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-detail-actions.c: a ticket's follow-up buttons and their dialogs */

#define G_LOG_DOMAIN "sapa-ticket-detail"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sapa-a11y.h"
#include "sapa-action-dialog.h"
#include "sapa-attachment.h"
#include "sapa-phone.h"
#include "sapa-receipt.h"
#include "sapa-escalation.h"
#include "sapa-ticket-action.h"
#include "sapa-ticket-detail-private.h"

/* TRUE when the answer to the shown ticket's escalation must come from
 * a PIC, as its log names the unit; TRUE until the log is read. */
static gboolean
answer_needs_pic (SapaTicketDetail *self)
{
  const char *unit = NULL;
  const char *airport = NULL;

  if (self->activities == NULL || self->ticket == NULL)
    return TRUE;
  sapa_escalation_find_target (sapa_ticket_get_flow (self->ticket), sapa_ticket_get_airport (self->ticket),
                               self->activities, &unit, &airport);
  return sapa_escalation_answer_needs_pic (unit, airport, sapa_ticket_get_airport (self->ticket));
}

static const SapaTicketAction *
action_for_button (SapaTicketDetail *self,
                   GtkWidget        *button)
{
  const char *id = gtk_widget_get_name (button);

  if (g_strcmp0 (id, SAPA_ACTION_PIC_ANSWER) == 0 && !answer_needs_pic (self))
    return sapa_ticket_action_get_unit_answer ();
  if (g_strcmp0 (id, SAPA_ACTION_JUDGE_ANSWER) == 0 && !answer_needs_pic (self))
    return sapa_ticket_action_get_unit_judge ();
  return sapa_ticket_action_lookup (id);
}

void
sapa_ticket_detail_show_answer_action (SapaTicketDetail *self,
                                       GPtrArray        *activities)
{
  const SapaTicketAction *action;
  gboolean needs_pic;

  g_clear_pointer (&self->activities, g_ptr_array_unref);
  self->activities = g_ptr_array_ref (activities);
  if (self->answer_button == NULL || self->ticket == NULL)
    return;

  needs_pic = answer_needs_pic (self);
  action = action_for_button (self, self->answer_button);
  gtk_button_set_label (GTK_BUTTON (self->answer_button), _(action->label));
  gtk_widget_set_tooltip_text (self->answer_button, _(action->step.title));
  /* The flow box wraps each button in a child of its own. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->answer_button),
                          sapa_context_may_answer (self->context, self->ticket, needs_pic));
}

static void
action_clicked_cb (GtkButton        *button,
                   SapaTicketDetail *self)
{
  const SapaTicketAction *action = action_for_button (self, GTK_WIDGET (button));
  SapaActionDialog *dialog;

  if (action == NULL || self->ticket == NULL)
    return;

  dialog = sapa_action_dialog_new (self->context, self->ticket, action);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Merging two contacts of one person */

typedef struct {
  SapaTicketDetail *detail;
  char             *keep_id;
  char             *merge_id;
} MergeRequest;

static void
merge_request_free (MergeRequest *request)
{
  g_object_unref (request->detail);
  g_free (request->keep_id);
  g_free (request->merge_id);
  g_free (request);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MergeRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_store_merge_contacts_finish (SAPA_STORE (source), result, &error))
    gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s", error->message);
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s",
                                  _("The contacts were merged; both histories are kept."));
      sapa_context_ticket_recorded (request->detail->context, request->detail->ticket);
    }
  merge_request_free (request);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MergeRequest     *request)
{
  SapaTicketDetail *self = request->detail;
  g_autoptr(SapaActivity) template = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;

  if (g_strcmp0 (response, "merge") != 0 || self->ticket == NULL)
    {
      merge_request_free (request);
      return;
    }

  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  template = sapa_activity_new (sapa_ticket_get_id (self->ticket), SAPA_ACTIVITY_CONTACT_MERGED,
                                NULL, NULL, NULL, officer, airport,
                                sapa_context_get_workstation (self->context), g_get_real_time ());
  sapa_store_merge_contacts_async (sapa_context_get_store (self->context), request->keep_id,
                                   request->merge_id, template, NULL, merged_cb, request);
}

/* A merge cannot be undone, so the officer sees whose contact was found
 * before anything moves. */
static void
confirm_merge (MergeRequest *request,
               SapaTicket   *latest,
               guint         n_tickets)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  const char *name = *sapa_ticket_get_name (latest) ? sapa_ticket_get_name (latest) : _("This person");

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, with %u ticket (the latest %s), will be joined to this contact. This cannot be undone.",
                                       "%s, with %u tickets (the latest %s), will be joined to this contact. This cannot be undone.",
                                       n_tickets),
                          name, n_tickets, sapa_ticket_get_report_number (latest));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (request->detail))),
                                                       _("Merge These Contacts?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
other_contact_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MergeRequest *request = user_data;
  SapaTicketDetail *self = request->detail;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  const char *other_id;

  tickets = sapa_store_find_contact_tickets_finish (SAPA_STORE (source), result, &error);
  if (tickets == NULL || tickets->len == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  error ? error->message : _("No contact with that phone number or email address was found."));
      merge_request_free (request);
      return;
    }

  other_id = sapa_ticket_get_contact_id (g_ptr_array_index (tickets, 0));
  request->merge_id = g_strdup (other_id);
  confirm_merge (request, g_ptr_array_index (tickets, 0), tickets->len);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SapaTicketDetail *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *e164 = NULL;
  SapaContactQuery query = { 0 };
  MergeRequest *request;

  if (g_strcmp0 (response, "merge") != 0 || self->ticket == NULL ||
      sapa_ticket_get_contact_id (self->ticket) == NULL)
    return;

  if (strchr (text, '@') != NULL)
    query.email = text;
  else if (sapa_phone_normalize (text, &e164, NULL))
    query.phone_e164 = e164;
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  _("Type the other contact's phone number or email address."));
      return;
    }
  query.exclude_ticket_id = sapa_ticket_get_id (self->ticket);

  request = g_new0 (MergeRequest, 1);
  request->detail = g_object_ref (self);
  request->keep_id = g_strdup (sapa_ticket_get_contact_id (self->ticket));
  sapa_store_find_contact_tickets_async (sapa_context_get_store (self->context), &query, NULL,
                                         other_contact_found_cb, request);
}

static void
merge_clicked_cb (GtkButton        *button,
                  SapaTicketDetail *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Merge With Another Contact?"),
                                                       _("If this person was recorded before under another phone number or email address, type it here. The tickets of both contacts are kept together under this one.")));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, "merge_with");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Phone number or email address of the other contact"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Attaching a photo or scan */

typedef struct {
  SapaTicketDetail *detail;
  char             *file_name;
  GInputStream     *stream;
  guint8           *buffer;
} AttachRequest;

static void
attach_request_free (AttachRequest *request)
{
  g_object_unref (request->detail);
  g_free (request->file_name);
  g_clear_object (&request->stream);
  g_free (request->buffer);
  g_free (request);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttachRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sapa_store_attach_finish (SAPA_STORE (source), result, &error);

  if (id == NULL)
    gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s", error->message);
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s",
                                  _("The file is attached to the ticket."));
      sapa_context_ticket_recorded (request->detail->context, request->detail->ticket);
    }
  attach_request_free (request);
}

static void
reject_too_large (AttachRequest *request)
{
  g_autofree char *message = g_strdup_printf (_("The file “%s” is larger than %d MB and cannot be attached."),
                                              request->file_name, SAPA_ATTACHMENT_MAX_BYTES / (1024 * 1024));

  gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s", message);
}

static void
file_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttachRequest *request = user_data;
  SapaTicketDetail *self = request->detail;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(SapaActivity) activity = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  gsize length = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &length, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      attach_request_free (request);
      return;
    }

  /* One byte more than the limit was asked for: getting it means the
   * file is too large, whatever its size claimed to be. */
  if (length > SAPA_ATTACHMENT_MAX_BYTES)
    {
      reject_too_large (request);
      attach_request_free (request);
      return;
    }

  data = g_bytes_new_take (g_steal_pointer (&request->buffer), length);
  if (sapa_attachment_check (data, request->file_name, &error) == NULL || self->ticket == NULL)
    {
      if (error != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      attach_request_free (request);
      return;
    }

  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  activity = sapa_activity_new (sapa_ticket_get_id (self->ticket), SAPA_ACTIVITY_ATTACHED, NULL, NULL,
                                NULL, officer, airport, sapa_context_get_workstation (self->context),
                                g_get_real_time ());
  sapa_store_attach_async (sapa_context_get_store (self->context), activity, request->file_name,
                           data, NULL, attached_cb, request);
}

static void
file_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttachRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  request->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), result, &error));
  if (request->stream == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s", error->message);
      attach_request_free (request);
      return;
    }

  /* The read stops one byte past the limit, so a pipe, a device or a file
   * that grows after it was chosen cannot fill the memory. */
  request->buffer = g_malloc (SAPA_ATTACHMENT_MAX_BYTES + 1);
  g_input_stream_read_all_async (request->stream, request->buffer, SAPA_ATTACHMENT_MAX_BYTES + 1,
                                 G_PRIORITY_DEFAULT, NULL, file_read_cb, request);
}

static void
attach_file_chosen_cb (GtkNativeDialog  *dialog,
                       int               response,
                       SapaTicketDetail *self)
{
  g_autoptr(GFile) file = NULL;
  AttachRequest *request;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      request = g_new0 (AttachRequest, 1);
      request->detail = g_object_ref (self);
      request->file_name = g_file_get_basename (file);
      g_file_read_async (file, G_PRIORITY_DEFAULT, NULL, file_opened_cb, request);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
attach_clicked_cb (GtkButton        *button,
                   SapaTicketDetail *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Attach a Photo or Scan of the Form"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Photos and PDF scans"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect_object (dialog, "response", G_CALLBACK (attach_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_clicked_cb (GtkButton        *button,
                  SapaTicketDetail *self)
{
  g_autoptr(SapaTicket) ticket = NULL;
  guint copies;

  if (self->ticket == NULL)
    return;

  /* The print dialog runs a main loop, in which the view may change. */
  ticket = g_object_ref (self->ticket);
  copies = sapa_receipt_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), ticket,
                               sapa_context_get_settings (self->context));
  if (copies > 0)
    sapa_receipt_log (self->context, ticket, SAPA_RECEIPT_OUTPUT_PRINTER, copies, NULL, GTK_WIDGET (self));
}

static void
add_tool_button (SapaTicketDetail *self,
                 const char       *name,
                 const char       *label,
                 const char       *tooltip,
                 GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "clicked", callback, self);
  gtk_flow_box_append (self->actions_box, button);
}

/* Offers the actions the ticket's status allows: a closed ticket only
 * gets "Reopen". */
void
sapa_ticket_detail_fill_actions (SapaTicketDetail *self,
                                 SapaTicket       *ticket)
{
  guint n_actions;
  const SapaTicketAction **actions = sapa_ticket_action_get_all (&n_actions);
  gboolean any = FALSE;

  self->answer_button = NULL;
  for (guint i = 0; i < n_actions; i++)
    {
      gboolean is_answer = g_str_equal (actions[i]->step.id, SAPA_ACTION_PIC_ANSWER);
      GtkWidget *button;

      /* Who records the answer depends on the unit, which the log
       * names: its button waits for the log. */
      if (!sapa_ticket_action_applies (actions[i], sapa_ticket_get_flow (ticket),
                                       sapa_ticket_get_status (ticket)) ||
          (!is_answer && !sapa_context_may_take_action (self->context, actions[i]->step.id, ticket)))
        continue;

      button = gtk_button_new_with_label (_(actions[i]->label));
      gtk_widget_set_name (button, actions[i]->step.id);
      gtk_widget_set_tooltip_text (button, _(actions[i]->step.title));
      g_signal_connect (button, "clicked", G_CALLBACK (action_clicked_cb), self);
      gtk_flow_box_append (self->actions_box, button);
      if (is_answer)
        {
          self->answer_button = button;
          gtk_widget_set_visible (gtk_widget_get_parent (button), FALSE);
          if (self->activities != NULL)
            sapa_ticket_detail_show_answer_action (self, self->activities);
          continue;
        }
      any = TRUE;
    }

  if (sapa_ticket_get_contact_id (ticket) != NULL)
    add_tool_button (self, "merge_contact", _("Merge Contact"),
                     _("Join another contact of the same person to this one"),
                     G_CALLBACK (merge_clicked_cb));
  add_tool_button (self, "attach", _("Attach File"),
                   _("Keep a photo or scan of the feedback form with the ticket"),
                   G_CALLBACK (attach_clicked_cb));
  add_tool_button (self, "print_receipt", _("Print Receipt"),
                   _("Print the receipt with the report number"),
                   G_CALLBACK (print_clicked_cb));
  any = TRUE;

  gtk_widget_set_visible (self->actions_group, any);
}

static void
draft_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaTicketDetail) self = user_data;
  g_autoptr(SapaWizard) wizard = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  wizard = sapa_store_get_draft_finish (SAPA_STORE (source), result, &error);
  if (wizard == NULL || self->ticket == NULL ||
      g_strcmp0 (sapa_wizard_get_ticket_id (wizard), sapa_ticket_get_id (self->ticket)) != 0)
    return;

  /* The procedure waits at one of its steps: continuing it comes first. */
  button = gtk_button_new_with_label (_("Continue the Procedure"));
  gtk_widget_set_name (button, "resume");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.resume-draft");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", sapa_ticket_get_id (self->ticket));
  gtk_flow_box_insert (self->actions_box, button, 0);
  gtk_widget_set_visible (self->actions_group, TRUE);
}

void
sapa_ticket_detail_check_draft (SapaTicketDetail *self)
{
  sapa_store_get_draft_async (sapa_context_get_store (self->context), sapa_ticket_get_id (self->ticket),
                              self->cancellable, draft_checked_cb, g_object_ref (self));
}

/* Opening an attachment */

typedef struct {
  SapaTicketDetail *detail;
  char             *path;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->detail);
  g_free (request->path);
  g_free (request);
}

static void
attachment_shown_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SapaTicketDetail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (source != NULL ? GTK_WINDOW (source) : NULL, result, &error))
    {
      g_message ("Cannot show an attachment: %s", error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  _("No application on this computer opens this kind of file."));
    }
}

static void
attachment_copied_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  OpenRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_message ("Cannot copy an attachment to %s: %s", request->path, error->message);
      gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s",
                                  _("The file could not be opened."));
    }
  else
    {
      g_autofree char *uri = g_file_get_uri (G_FILE (source));
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (request->detail));

      gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                         NULL, attachment_shown_cb, g_object_ref (request->detail));
    }
  open_request_free (request);
}

static void
attachment_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OpenRequest *request = user_data;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;

  data = sapa_store_read_attachment_finish (SAPA_STORE (source), result, &error);
  if (data == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (request->detail), "win.toast", "s", error->message);
      open_request_free (request);
      return;
    }

  dir = g_path_get_dirname (request->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_message ("Cannot create %s: %s", dir, g_strerror (errno));
  file = g_file_new_for_path (request->path);
  g_file_replace_contents_bytes_async (file, data, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       NULL, attachment_copied_cb, request);
}

/* The copy is named by the attachment's id and its checked type, never by
 * the name it came with, which may hold anything. */
static const char *
extension_for (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return ".png";
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return ".pdf";
  return ".jpg";
}

void
sapa_ticket_detail_open_attachment (SapaTicketDetail         *self,
                                    const SapaAttachmentInfo *info)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);
  g_autofree char *name = g_strconcat (info->id, extension_for (info->mime_type), NULL);

  request->detail = g_object_ref (self);
  request->path = g_build_filename (g_get_user_cache_dir (), "sapa", "attachments", name, NULL);
  sapa_store_read_attachment_async (sapa_context_get_store (self->context), info->id, self->cancellable,
                                    attachment_read_cb, request);
}
