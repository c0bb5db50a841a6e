/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-detail.c: one ticket's details and activity log */

#define G_LOG_DOMAIN "sapa-ticket-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-action-dialog.h"
#include "sapa-airport.h"
#include "sapa-attachment.h"
#include "sapa-receipt.h"
#include "sapa-phone.h"
#include <string.h>
#include "sapa-ticket-action.h"
#include "sapa-ticket-detail.h"
#include "sapa-text.h"
#include "sapa-time.h"

struct _SapaTicketDetail
{
  GtkWidget            parent_instance;

  GCancellable        *cancellable;
  GList               *detail_rows;
  SapaContext         *context;
  SapaTicket          *ticket;
  char                *shown_id;          /* what is on screen, to skip */
  gint64               shown_updated_at;  /* rebuilding an unchanged ticket */

  GtkScrolledWindow   *scroller;
  GtkLabel            *number_label;
  GtkLabel            *status_label;
  GtkWidget           *actions_group;
  GtkFlowBox          *actions_box;
  AdwPreferencesGroup *details_group;
  GtkListBox          *timeline_list;
};

G_DEFINE_FINAL_TYPE (SapaTicketDetail, sapa_ticket_detail, GTK_TYPE_WIDGET)

static const SapaField *
find_field (const SapaFlow *flow,
            const char     *key)
{
  if (flow == NULL)
    return NULL;

  for (const SapaStep *step = flow->steps; step->id != NULL; step++)
    {
      const SapaField *field = sapa_step_get_field (step, key);

      if (field != NULL)
        return field;
    }
  return NULL;
}

static char *
describe_payload (const SapaFlow *flow,
                  JsonObject     *payload)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (payload);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const SapaField *field = find_field (flow, key);
      JsonNode *node = json_object_get_member (payload, key);
      const char *value;
      const char *label;

      if (field == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      value = json_node_get_string (node);
      if (*value == '\0')
        continue;

      label = field->type == SAPA_FIELD_CHOICE ? sapa_choice_get_label (field->choices, value) : NULL;
      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", _(field->label),
                              label ? label : value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_action (SapaActivity  *activity,
                 char         **out_details)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (sapa_activity_get_step (activity));
  const SapaBranch *branch;
  g_autoptr(GString) details = g_string_new (NULL);

  if (action == NULL)
    {
      *out_details = sapa_activity_dup_payload_json (activity);
      return g_strdup (sapa_activity_get_step (activity));
    }

  for (const SapaField *field = action->step.fields; field->key != NULL; field++)
    {
      const char *value = json_object_get_string_member_with_default (sapa_activity_get_payload (activity),
                                                                      field->key, "");
      const char *label = field->type == SAPA_FIELD_CHOICE ? sapa_choice_get_label (field->choices, value) : NULL;

      if (*value != '\0')
        g_string_append_printf (details, "%s%s: %s", details->len ? "\n" : "", _(field->label),
                                label ? label : value);
    }
  *out_details = g_string_free (g_steal_pointer (&details), FALSE);

  branch = sapa_step_get_branch (&action->step, sapa_activity_get_branch (activity));
  if (branch == NULL || sapa_step_get_n_branches (&action->step) == 1)
    return g_strdup (_(action->step.title));
  return g_strdup_printf (_("%s → %s"), _(action->step.title), _(branch->label));
}

char *
sapa_ticket_detail_describe_activity (const char    *flow_id,
                                      SapaActivity  *activity,
                                      char         **out_details)
{
  const SapaFlow *flow = sapa_flow_lookup (flow_id);
  const char *kind = sapa_activity_get_kind (activity);
  JsonObject *payload = sapa_activity_get_payload (activity);
  const SapaStep *step;
  const SapaBranch *branch;

  if (g_strcmp0 (kind, SAPA_ACTIVITY_ACTION) == 0)
    return describe_action (activity, out_details);

  if (g_strcmp0 (kind, SAPA_ACTIVITY_CONTACT_MERGED) == 0)
    {
      *out_details = g_strdup (_("This ticket now belongs to the same contact as the person's other tickets."));
      return g_strdup (_("Contact merged"));
    }

  if (g_strcmp0 (kind, SAPA_ACTIVITY_DISCARDED) == 0)
    {
      *out_details = g_strdup (json_object_get_string_member_with_default (payload, "reason", ""));
      return g_strdup (_("Service cancelled"));
    }

  step = flow ? sapa_flow_get_step (flow, sapa_activity_get_step (activity)) : NULL;
  if (step == NULL)
    {
      *out_details = sapa_activity_dup_payload_json (activity);
      return g_strdup_printf ("%s %s", kind, sapa_activity_get_step (activity) ?: "");
    }

  *out_details = describe_payload (flow, payload);
  branch = sapa_step_get_branch (step, sapa_activity_get_branch (activity));
  if (branch == NULL || sapa_step_get_n_branches (step) == 1)
    return g_strdup (_(step->title));

  /* Translators: a step of the procedure and the choice taken in it,
   * e.g. "Confirmation → Tidak sesuai". */
  return g_strdup_printf (_("%s → %s"), _(step->title), _(branch->label));
}

/* Long values are cut on screen so a pasted 10,000-character text cannot
 * stall the layout; the ticket keeps them whole. */
#define DISPLAY_MAX_CHARS 2000

static void
add_detail (SapaTicketDetail *self,
            const char       *title,
            const char       *value)
{
  g_autofree char *shown = NULL;
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  shown = sapa_text_for_display (value, DISPLAY_MAX_CHARS);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->details_group, row);
  self->detail_rows = g_list_prepend (self->detail_rows, row);
}

/* Empties @box; gtk_flow_box_remove_all() is newer than GTK 4.8. */
static void
remove_all_children (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
action_clicked_cb (GtkButton        *button,
                   SapaTicketDetail *self)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (gtk_widget_get_name (GTK_WIDGET (button)));
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
} MergeRequest;

static void
merge_request_free (MergeRequest *request)
{
  g_object_unref (request->detail);
  g_free (request->keep_id);
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
other_contact_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MergeRequest *request = user_data;
  SapaTicketDetail *self = request->detail;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaActivity) template = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
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
  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  template = sapa_activity_new (sapa_ticket_get_id (self->ticket), SAPA_ACTIVITY_CONTACT_MERGED,
                                NULL, NULL, NULL, officer, airport,
                                sapa_context_get_workstation (self->context), g_get_real_time ());
  sapa_store_merge_contacts_async (sapa_context_get_store (self->context), request->keep_id, other_id,
                                   template, NULL, merged_cb, request);
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
} AttachRequest;

static void
attach_request_free (AttachRequest *request)
{
  g_object_unref (request->detail);
  g_free (request->file_name);
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
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttachRequest *request = user_data;
  SapaTicketDetail *self = request->detail;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(SapaActivity) activity = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      attach_request_free (request);
      return;
    }

  data = g_bytes_new_take (g_steal_pointer (&contents), length);
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
attach_file_chosen_cb (GtkNativeDialog  *dialog,
                       int               response,
                       SapaTicketDetail *self)
{
  g_autoptr(GFile) file = NULL;
  AttachRequest *request;
  g_autoptr(GFileInfo) info = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      request = g_new0 (AttachRequest, 1);
      request->detail = g_object_ref (self);
      request->file_name = g_file_get_basename (file);
      /* A file over the limit is refused before it is read whole. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL && g_file_info_get_size (info) > SAPA_ATTACHMENT_MAX_BYTES)
        {
          g_autofree char *message = g_strdup_printf (_("The file “%s” is larger than %d MB and cannot be attached."),
                                                      request->file_name, SAPA_ATTACHMENT_MAX_BYTES / (1024 * 1024));

          gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
          attach_request_free (request);
        }
      else
        g_file_load_contents_async (file, NULL, file_loaded_cb, request);
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
  if (self->ticket != NULL)
    sapa_receipt_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->ticket);
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
static void
fill_actions (SapaTicketDetail *self,
              SapaTicket       *ticket)
{
  guint n_actions;
  const SapaTicketAction **actions = sapa_ticket_action_get_all (&n_actions);
  gboolean any = FALSE;

  for (guint i = 0; i < n_actions; i++)
    {
      GtkWidget *button;

      if (!sapa_ticket_action_allowed (actions[i], sapa_ticket_get_status (ticket)))
        continue;

      button = gtk_button_new_with_label (_(actions[i]->label));
      gtk_widget_set_name (button, actions[i]->step.id);
      gtk_widget_set_tooltip_text (button, _(actions[i]->step.title));
      g_signal_connect (button, "clicked", G_CALLBACK (action_clicked_cb), self);
      gtk_flow_box_append (self->actions_box, button);
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
attachments_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SapaTicketDetail) self = user_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = sapa_store_list_attachments_finish (SAPA_STORE (source), result, &error);
  if (infos == NULL)
    return;

  for (guint i = 0; i < infos->len; i++)
    {
      SapaAttachmentInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *size = g_format_size (info->size);
      /* Translators: an attached file and its size. */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), info->file_name, size);

      add_detail (self, _("Attachment"), text);
    }
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

static void
clear_details (SapaTicketDetail *self)
{
  GtkWidget *child;

  remove_all_children (self->actions_box);

  for (GList *l = self->detail_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->details_group, l->data);
  g_clear_pointer (&self->detail_rows, g_list_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);
}

/* Returns the follow-up as the officer reads it: unit names rather than
 * their ids, the PIC's airport, and what was asked of them. */
static char *
describe_followup (SapaTicket *ticket)
{
  g_auto(GStrv) parts = g_strsplit (sapa_ticket_get_followup (ticket), " / ", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *record = sapa_ticket_get_record (ticket);
  const char *note;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label = sapa_choice_get_label (sapa_flow_get_units (), parts[i]);
      const SapaAirport *airport = sapa_airport_lookup (parts[i]);

      if (*parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      if (label != NULL)
        g_string_append (text, label);
      else if (airport != NULL)
        g_string_append_printf (text, "%s (%s)", airport->name, airport->iata);
      else
        g_string_append (text, parts[i]);
    }

  note = json_object_get_string_member_with_default (record, "followup_note", "");
  if (*note == '\0')
    note = json_object_get_string_member_with_default (record, "escalation_note", "");
  if (*note != '\0')
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", note);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_details (SapaTicketDetail *self,
              SapaTicket       *ticket)
{
  g_autofree char *followup = describe_followup (ticket);
  const char *tz = sapa_ticket_get_time_zone (ticket);
  const SapaAirport *airport = sapa_airport_lookup (sapa_ticket_get_airport (ticket));
  g_autofree char *created = sapa_time_format (sapa_ticket_get_created_at (ticket), tz);
  g_autofree char *updated = sapa_time_format (sapa_ticket_get_updated_at (ticket), tz);
  g_autofree char *phone = NULL;
  g_autofree char *where = NULL;
  const char *category = sapa_choice_get_label (sapa_flow_get_categories (),
                                                sapa_ticket_get_category (ticket));

  if (sapa_ticket_get_phone_e164 (ticket) != NULL)
    {
      g_autofree char *formatted = sapa_phone_format (sapa_ticket_get_phone_e164 (ticket));

      /* Translators: a phone number as typed, then normalised. */
      phone = g_strdup_printf (_("%s (%s)"), sapa_ticket_get_phone (ticket), formatted);
    }

  /* Translators: airport code, airport name and workstation number. */
  where = g_strdup_printf (_("%s · %s, desk %02u"), sapa_ticket_get_airport (ticket),
                           airport ? airport->name : "", sapa_ticket_get_workstation (ticket));

  add_detail (self, _("Name"), sapa_ticket_get_name (ticket));
  add_detail (self, _("Phone"), phone);
  add_detail (self, _("Email"), sapa_ticket_get_email (ticket));
  add_detail (self, _("Channel"), sapa_ticket_channel_label (sapa_ticket_get_channel (ticket)));
  add_detail (self, _("Where"), where);
  add_detail (self, _("Officer"), sapa_ticket_get_officer (ticket));
  add_detail (self, _("Opened"), created);
  add_detail (self, _("Last activity"), updated);
  add_detail (self, _("Category"), category);
  add_detail (self, _("Purpose"), sapa_ticket_get_purpose (ticket));
  add_detail (self, _("Answer"), sapa_ticket_get_answer (ticket));
  add_detail (self, _("Follow-up"), followup);

  /* Rows were prepended; the group shows them in the order added. */
  self->detail_rows = g_list_reverse (self->detail_rows);
}

static GtkWidget *
create_activity_row (const char   *flow_id,
                     const char   *time_zone,
                     SapaActivity *activity)
{
  g_autofree char *details = NULL;
  g_autofree char *title = sapa_ticket_detail_describe_activity (flow_id, activity, &details);
  g_autofree char *when = sapa_time_format (sapa_activity_get_created_at (activity), time_zone);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: when an activity happened and which officer did it. */
  subtitle = g_strdup_printf (_("%s · %s"), when, sapa_activity_get_officer (activity) ?: "");
  if (details != NULL && *details != '\0')
    {
      g_autofree char *shown = sapa_text_for_display (details, DISPLAY_MAX_CHARS);
      g_autofree char *with_details = g_strdup_printf ("%s\n%s", subtitle, shown);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_details);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

typedef struct {
  SapaTicketDetail *detail;
  char             *flow_id;
  char             *time_zone;
} ActivitiesLoad;

static void
activities_load_free (ActivitiesLoad *load)
{
  g_object_unref (load->detail);
  g_free (load->flow_id);
  g_free (load->time_zone);
  g_free (load);
}

static void
activities_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ActivitiesLoad *load = user_data;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = sapa_store_list_activities_finish (SAPA_STORE (source), result, &error);
  if (activities == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (load->detail), "win.toast", "s", error->message);
      activities_load_free (load);
      return;
    }

  for (guint i = 0; i < activities->len; i++)
    gtk_list_box_append (load->detail->timeline_list,
                         create_activity_row (load->flow_id, load->time_zone,
                                              g_ptr_array_index (activities, i)));

  activities_load_free (load);
}

void
sapa_ticket_detail_show (SapaTicketDetail *self,
                         SapaContext      *context,
                         SapaTicket       *ticket)
{
  g_autofree char *status = NULL;
  ActivitiesLoad *load;

  g_return_if_fail (SAPA_IS_TICKET_DETAIL (self));
  g_return_if_fail (sapa_ticket_get_loaded (ticket));

  /* A reload of the list refreshes every ticket on screen; rebuilding an
   * unchanged one would only move the focus and the officer's place. */
  if (g_strcmp0 (self->shown_id, sapa_ticket_get_id (ticket)) == 0 &&
      self->shown_updated_at == sapa_ticket_get_updated_at (ticket) &&
      self->ticket == ticket)
    return;

  g_free (self->shown_id);
  self->shown_id = g_strdup (sapa_ticket_get_id (ticket));
  self->shown_updated_at = sapa_ticket_get_updated_at (ticket);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->context, context);
  g_set_object (&self->ticket, ticket);

  clear_details (self);
  gtk_label_set_text (self->number_label, sapa_ticket_get_report_number (ticket));
  /* Translators: the ticket's status, e.g. "Status: Escalated". */
  status = g_strdup_printf (_("Status: %s"), sapa_ticket_status_label (sapa_ticket_get_status (ticket)));
  gtk_label_set_text (self->status_label, status);
  fill_actions (self, ticket);
  sapa_store_get_draft_async (sapa_context_get_store (context), sapa_ticket_get_id (ticket),
                              self->cancellable, draft_checked_cb, g_object_ref (self));
  sapa_store_list_attachments_async (sapa_context_get_store (context), sapa_ticket_get_id (ticket),
                                     self->cancellable, attachments_listed_cb, g_object_ref (self));
  fill_details (self, ticket);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  load = g_new0 (ActivitiesLoad, 1);
  load->detail = g_object_ref (self);
  load->flow_id = g_strdup (sapa_ticket_get_flow (ticket));
  load->time_zone = g_strdup (sapa_ticket_get_time_zone (ticket));
  sapa_store_list_activities_async (sapa_context_get_store (context), sapa_ticket_get_id (ticket),
                                    self->cancellable,
                                    activities_loaded_cb, load);
}

static void
sapa_ticket_detail_dispose (GObject *object)
{
  SapaTicketDetail *self = SAPA_TICKET_DETAIL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->detail_rows, g_list_free);
  g_clear_object (&self->ticket);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_TICKET_DETAIL);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sapa_ticket_detail_parent_class)->dispose (object);
}

static void
sapa_ticket_detail_class_init (SapaTicketDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_ticket_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-ticket-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, number_label);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, actions_group);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketDetail, timeline_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_ticket_detail_init (SapaTicketDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
