/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-detail.c: one ticket's details and activity log */

#define G_LOG_DOMAIN "sapa-ticket-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-phone.h"
#include "sapa-receipt.h"
#include "sapa-ticket-action.h"
#include "sapa-ticket-detail-private.h"
#include "sapa-text.h"
#include "sapa-time.h"

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

static char *
describe_receipt (JsonObject  *payload,
                  char       **out_details)
{
  const char *output = json_object_get_string_member_with_default (payload, "output", "");
  gint64 copies = json_object_get_int_member_with_default (payload, "copies", 1);

  if (g_str_equal (output, SAPA_RECEIPT_OUTPUT_PDF))
    {
      *out_details = g_strdup (json_object_get_string_member_with_default (payload, "file_name", ""));
      return g_strdup (_("Receipt saved as PDF"));
    }

  copies = CLAMP (copies, 1, G_MAXINT);
  *out_details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies", copies), (int) copies);
  return g_strdup (_("Receipt printed"));
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

  if (g_strcmp0 (kind, SAPA_ACTIVITY_ATTACHED) == 0)
    {
      JsonObject *attached = sapa_activity_get_payload (activity);
      g_autofree char *size = g_format_size (json_object_get_int_member_with_default (attached, "size", 0));

      /* Translators: an attached file and its size. */
      *out_details = g_strdup_printf (_("%s (%s)"),
                                      json_object_get_string_member_with_default (attached, "file_name", ""),
                                      size);
      return g_strdup (_("File attached"));
    }

  if (g_strcmp0 (kind, SAPA_ACTIVITY_RECEIPT) == 0)
    return describe_receipt (payload, out_details);

  step = flow != NULL && sapa_activity_get_step (activity) != NULL
         ? sapa_flow_get_step (flow, sapa_activity_get_step (activity)) : NULL;

  if (g_strcmp0 (kind, SAPA_ACTIVITY_PARKED) == 0 || g_strcmp0 (kind, SAPA_ACTIVITY_RESUMED) == 0)
    {
      /* Translators: the step of the procedure at which it waited. */
      *out_details = step != NULL ? g_strdup_printf (_("At the step “%s”"), _(step->title)) : g_strdup ("");
      return g_strdup (g_str_equal (kind, SAPA_ACTIVITY_PARKED) ? _("Set aside to wait")
                                                                : _("Procedure continued"));
    }

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
  sapa_a11y_describe_row (ADW_ACTION_ROW (row));
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
open_clicked_cb (GtkButton        *button,
                 SapaTicketDetail *self)
{
  SapaAttachmentInfo *info = g_object_get_data (G_OBJECT (button), "sapa-attachment");

  sapa_ticket_detail_open_attachment (self, info);
}

static SapaAttachmentInfo *
copy_info (const SapaAttachmentInfo *info)
{
  SapaAttachmentInfo *copy = g_new0 (SapaAttachmentInfo, 1);

  copy->id = g_strdup (info->id);
  copy->file_name = g_strdup (info->file_name);
  copy->mime_type = g_strdup (info->mime_type);
  copy->size = info->size;
  copy->created_at = info->created_at;
  return copy;
}

/* A file kept with the ticket, with a button that opens it. */
static void
add_attachment (SapaTicketDetail         *self,
                const SapaAttachmentInfo *info)
{
  g_autofree char *size = g_format_size (info->size);
  /* Translators: an attached file and its size. */
  g_autofree char *text = g_strdup_printf (_("%s (%s)"), info->file_name, size);
  g_autofree char *shown = sapa_text_for_display (text, DISPLAY_MAX_CHARS);
  g_autofree char *label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Attachment"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  gtk_widget_add_css_class (row, "property");

  /* Translators: the accessible name of the button; %s is a file name. */
  label = g_strdup_printf (_("Open %s"), info->file_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "sapa-attachment", copy_info (info),
                          (GDestroyNotify) sapa_attachment_info_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  adw_preferences_group_add (self->details_group, row);
  self->detail_rows = g_list_prepend (self->detail_rows, row);
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
    add_attachment (self, g_ptr_array_index (infos, i));
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
  g_auto(GStrv) lines = g_strsplit (sapa_ticket_get_followup (ticket), "\n", 2);
  g_auto(GStrv) parts = g_strsplit (lines[0] ? lines[0] : "", " / ", -1);
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

  /* A reassignment keeps its own request after the first line; the
   * wizard's follow-up keeps it in the record. */
  note = lines[0] != NULL && lines[1] != NULL ? lines[1] : "";
  if (*note == '\0')
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
  const char *handle = json_object_get_string_member_with_default (sapa_ticket_get_record (ticket), "handle", "");
  g_autofree char *account = *handle ? g_strconcat ("@", handle, NULL) : NULL;
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
  add_detail (self, _("Social media account"), account);
  add_detail (self, _("Channel"), sapa_ticket_describe_channel (sapa_ticket_get_flow (ticket), sapa_ticket_get_channel (ticket)));
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
  sapa_a11y_describe_row (ADW_ACTION_ROW (row));
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
  sapa_ticket_detail_show_answer_action (load->detail, activities);

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
  /* A sync that brings the server's view back (after a rejection, say)
   * may change the status alone. */
  if (g_strcmp0 (self->shown_id, sapa_ticket_get_id (ticket)) == 0 &&
      self->shown_updated_at == sapa_ticket_get_updated_at (ticket) &&
      g_strcmp0 (self->shown_status, sapa_ticket_get_status (ticket)) == 0 &&
      self->ticket == ticket)
    return;

  g_free (self->shown_id);
  self->shown_id = g_strdup (sapa_ticket_get_id (ticket));
  self->shown_updated_at = sapa_ticket_get_updated_at (ticket);
  g_free (self->shown_status);
  self->shown_status = g_strdup (sapa_ticket_get_status (ticket));
  g_clear_pointer (&self->activities, g_ptr_array_unref);

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
  sapa_ticket_detail_fill_actions (self, ticket);
  sapa_ticket_detail_check_draft (self);
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
  g_clear_pointer (&self->shown_status, g_free);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
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
