/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-view.c: the pages of one flow, step by step */

#define G_LOG_DOMAIN "sapa-wizard-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-field-row.h"
#include "sapa-text.h"
#include "sapa-ticket-action.h"
#include "sapa-wizard-view-private.h"

/* Typing is saved to the draft this long after the last key press. */
#define DRAFT_SAVE_DELAY_MS 400
/* Read-back values longer than this are cut on screen, never in the record. */
#define DISPLAY_MAX_CHARS 2000

G_DEFINE_FINAL_TYPE (SapaWizardView, sapa_wizard_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_WIZARD,
  N_PROPS
};

enum {
  SIGNAL_CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void render_step (SapaWizardView *self);
static void record_unsaved (SapaWizardView *self);

static const SapaField *
find_field (const SapaFlow *flow,
            const char     *key)
{
  for (const SapaStep *step = flow->steps; step->id != NULL; step++)
    {
      const SapaField *field = sapa_step_get_field (step, key);

      if (field != NULL)
        return field;
    }
  /* A resumed procedure shows the unit a reassignment named. */
  return sapa_step_get_field (&sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN)->step, key);
}

/* Returns the value of @key as the person should hear it read back:
 * cleaned when its step was validated, labels rather than choice ids. */
static char *
describe_value (SapaWizardView *self,
                JsonObject     *record,
                const char     *key)
{
  const SapaField *field = find_field (sapa_wizard_get_flow (self->wizard), key);
  const char *value = NULL;

  if (json_object_has_member (record, key))
    value = json_object_get_string_member_with_default (record, key, NULL);
  if (value == NULL)
    value = sapa_wizard_get_value (self->wizard, key);

  switch (field != NULL ? field->type : SAPA_FIELD_TEXT)
    {
    case SAPA_FIELD_CHOICE:
    case SAPA_FIELD_MULTI_CHOICE:
    case SAPA_FIELD_AIRPORT:
    case SAPA_FIELD_DATE:
      return sapa_field_describe (field, value);
    default:
      break;
    }

  return *value ? sapa_text_for_display (value, DISPLAY_MAX_CHARS) : g_strdup ("—");
}

/* Drafts */

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sapa_store_save_draft_finish (SAPA_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the draft: %s", error->message);
}

static gboolean
save_draft_timeout_cb (gpointer user_data)
{
  SapaWizardView *self = user_data;

  self->draft_timeout = 0;
  if (!sapa_wizard_is_finished (self->wizard))
    sapa_store_save_draft_async (sapa_context_get_store (self->context), self->wizard,
                                 self->cancellable, draft_saved_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_draft_save (SapaWizardView *self)
{
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_draft_timeout_cb, self);
}

static void
field_changed_cb (SapaWizardView *self,
                  SapaFieldRow   *row)
{
  g_autofree char *value = sapa_field_row_dup_value (row);

  sapa_wizard_set_value (self->wizard, sapa_field_row_get_field (row)->key, value);
  sapa_field_row_set_error (row, NULL);
  schedule_draft_save (self);

  switch (sapa_field_row_get_field (row)->type)
    {
    case SAPA_FIELD_PHONE:
    case SAPA_FIELD_EMAIL:
    case SAPA_FIELD_HANDLE:
      sapa_wizard_view_schedule_history_lookup (self);
      break;
    default:
      break;
    }
}

/* Rendering */

static void
update_header (SapaWizardView *self)
{
  const SapaFlow *flow = sapa_wizard_get_flow (self->wizard);
  const SapaStep *step = sapa_wizard_get_step (self->wizard);
  g_autofree char *progress = NULL;
  guint total = 0;
  guint index = sapa_wizard_get_progress (self->wizard, &total);

  gtk_label_set_text (self->flow_label, _(flow->title));

  if (sapa_wizard_is_finished (self->wizard))
    {
      gtk_label_set_text (self->progress_label, _("Finished"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
    }
  else
    {
      /* Translators: "Step 3 of 6 · Identity". */
      progress = g_strdup_printf (_("Step %u of %u · %s"), index + 1, total, _(step->title));
      gtk_label_set_text (self->progress_label, progress);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     total > 0 ? (double) index / total : 0.0);
    }

  if (self->report_number != NULL)
    {
      g_autofree char *number = g_strdup_printf (_("No. %s"), self->report_number);

      gtk_label_set_text (self->number_label, number);
      gtk_widget_set_visible (GTK_WIDGET (self->number_label), TRUE);
    }
}

static void
clear_step (SapaWizardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *child;

  /* The focus and the default are about to be removed with the step's
   * widgets; GTK 4.8 would otherwise keep pointers to them. */
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_focus (GTK_WINDOW (root), NULL);
      gtk_window_set_default_widget (GTK_WINDOW (root), NULL);
    }

  for (GList *l = self->readback_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->readback_group, l->data);
  g_clear_pointer (&self->readback_rows, g_list_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->branch_box))) != NULL)
    gtk_box_remove (self->branch_box, child);

  g_ptr_array_set_size (self->field_rows, 0);
  self->primary_button = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
add_readback_row (SapaWizardView *self,
                  const char     *key,
                  const char     *value,
                  const char     *label)
{
  GtkWidget *row = adw_action_row_new ();

  /* The value is what the officer reads out, so it gets the title's
   * larger type and the field's label goes below it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  gtk_widget_set_name (row, key);
  sapa_a11y_describe_row (ADW_ACTION_ROW (row));
  adw_preferences_group_add (self->readback_group, row);
  self->readback_rows = g_list_append (self->readback_rows, row);
}

/* Shows, read-only, the fields of a waiting step that another desk
 * recorded, such as the PIC's answer that arrived by sync. */
static void
add_arrived_rows (SapaWizardView *self,
                  JsonObject     *record,
                  const SapaStep *step)
{
  for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
    {
      g_autofree char *value = NULL;

      if (!sapa_wizard_value_is_from_log (self->wizard, field->key))
        continue;
      value = describe_value (self, record, field->key);
      add_readback_row (self, field->key, value, _(field->label));
      gtk_widget_set_visible (GTK_WIDGET (self->readback_group), TRUE);
    }
}

static void
build_readback (SapaWizardView *self,
                const SapaStep *step)
{
  g_autoptr(JsonObject) record = sapa_wizard_dup_record (self->wizard);
  const SapaFlow *flow = sapa_wizard_get_flow (self->wizard);

  gtk_widget_set_visible (GTK_WIDGET (self->readback_group),
                          step->readback != NULL && step->readback[0] != NULL);
  /* A read-back with words to say is read to the person; one without
   * (judging a PIC's answer) is for the officer to check. */
  if (step->kind == SAPA_STEP_WAIT)
    {
      adw_preferences_group_set_title (self->readback_group, _("Awaited"));
      adw_preferences_group_set_description (self->readback_group, NULL);
    }
  else if (step->script != NULL)
    {
      adw_preferences_group_set_title (self->readback_group, _("Read back to the person"));
      adw_preferences_group_set_description (self->readback_group,
                                             _("Ask whether everything is right. If anything is wrong, choose “Tidak sesuai” to correct it."));
    }
  else
    {
      adw_preferences_group_set_title (self->readback_group, _("Check"));
      adw_preferences_group_set_description (self->readback_group, NULL);
    }
  for (guint i = 0; step->readback != NULL && step->readback[i] != NULL; i++)
    {
      const SapaField *field = find_field (flow, step->readback[i]);
      g_autofree char *value = describe_value (self, record, step->readback[i]);

      if (step->kind == SAPA_STEP_WAIT && g_str_equal (value, "—"))
        continue;
      add_readback_row (self, step->readback[i], value, field ? _(field->label) : step->readback[i]);
    }

  if (step->kind == SAPA_STEP_WAIT)
    add_arrived_rows (self, record, step);
}

static void
build_fields (SapaWizardView *self,
              const SapaStep *step)
{
  if (step->fields == NULL)
    return;

  for (const SapaField *field = step->fields; field->key != NULL; field++)
    {
      SapaFieldRow *row;

      /* Another desk's entry is shown with the read-back, not edited. */
      if (!sapa_field_applies (field, sapa_wizard_get_channel (self->wizard)) ||
          sapa_wizard_value_is_from_log (self->wizard, field->key))
        continue;

      row = sapa_field_row_new (field, sapa_wizard_get_value (self->wizard, field->key));

      g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (self->fields_box, GTK_WIDGET (row));
      g_ptr_array_add (self->field_rows, row);
    }
}

static void
branch_clicked_cb (GtkButton      *button,
                   SapaWizardView *self)
{
  sapa_wizard_view_advance (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
build_branches (SapaWizardView *self,
                const SapaStep *step)
{
  guint n = sapa_step_get_n_branches (step);

  /* The first branch is the step's usual way on: it is the default, so
   * Enter in an entry (or Ctrl+Enter anywhere) takes it. It goes last so
   * it sits at the right edge. */
  for (guint i = n; i > 0; i--)
    {
      const SapaBranch *branch = &step->branches[i - 1];
      GtkWidget *button = gtk_button_new_with_label (_(branch->label));

      gtk_widget_set_name (button, branch->id);
      g_signal_connect (button, "clicked", G_CALLBACK (branch_clicked_cb), self);
      gtk_box_append (self->branch_box, button);

      if (i == 1)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          self->primary_button = button;
        }
    }
}

static void
set_saving (SapaWizardView *self,
            gboolean        saving)
{
  self->saving = saving;
  gtk_spinner_set_spinning (self->saving_spinner, saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->branch_box), !saving);
}

/* The last step is taken but not saved yet: the page says so, and
 * after a failure offers to try again, instead of claiming the service
 * is recorded without a report number. */
static void
show_unsaved (SapaWizardView *self)
{
  adw_status_page_set_icon_name (self->done_page,
                                 self->record_failed ? "dialog-warning-symbolic" : "document-save-symbolic");
  adw_status_page_set_title (self->done_page,
                             self->record_failed ? _("Service Not Saved Yet") : _("Saving the Service…"));
  gtk_label_set_text (self->done_number_label, "");
  gtk_label_set_text (self->done_summary_label,
                      self->record_failed
                        ? _("The last steps are kept on this screen but not in the database yet, so there is no report number to give. Try saving again; if it keeps failing, call technical support before closing Sapa.")
                        : _("The report number appears once the service is saved."));
  gtk_widget_set_visible (self->done_retry_button, self->record_failed);
  gtk_widget_set_visible (self->receipt_box, FALSE);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_widget_set_visible (self->park_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_box), FALSE);
  /* A new service would leave the unsaved one behind. */
  gtk_widget_set_visible (self->new_service_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_dropdown), FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "done");
  if (self->record_failed)
    gtk_widget_grab_focus (self->done_retry_button);
}

static void
retry_clicked_cb (SapaWizardView *self)
{
  record_unsaved (self);
}

static void
show_done (SapaWizardView *self)
{
  g_autofree char *summary = NULL;
  const char *status = sapa_wizard_get_status (self->wizard);

  if (self->ticket == NULL || self->unsaved->len > 0)
    {
      show_unsaved (self);
      return;
    }

  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Service Recorded"));
  gtk_widget_set_visible (self->done_retry_button, FALSE);
  update_header (self);
  gtk_label_set_text (self->done_number_label, self->report_number ? self->report_number : "");

  /* An anonymous suggestion form leaves nobody to give the number to. */
  if (g_strcmp0 (sapa_wizard_get_value (self->wizard, "notify_method"), "none") == 0)
    summary = g_strdup (g_strcmp0 (status, SAPA_STATUS_ESCALATED) == 0
                        ? _("The case was sent for follow-up. The form gives no contact, so the report number stays with the ticket.")
                        : _("The case is closed. The form gives no contact, so the report number stays with the ticket."));
  else if (g_strcmp0 (status, SAPA_STATUS_ESCALATED) == 0)
    summary = g_strdup (_("The case was sent for follow-up. Give the person this report number so they can ask about it at Contact Center 172."));
  else if (g_str_equal (sapa_wizard_get_flow (self->wizard)->id, SAPA_FLOW_SNS_PREBOOK))
    {
      g_autoptr(JsonObject) record = sapa_wizard_dup_record (self->wizard);

      summary = g_strdup_printf (_("The booking was sent to the special needs team at %s, and this case is closed. Give the person this report number in case they want to change or cancel the booking."),
                                 json_object_get_string_member_with_default (record, "airport", ""));
    }
  else
    summary = g_strdup (_("The case is closed. Give the person this report number in case they want to refer to it later."));

  gtk_label_set_text (self->done_summary_label, summary);
  sapa_wizard_view_show_handover (self);
  gtk_widget_set_visible (self->park_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_box), FALSE);
  gtk_widget_set_visible (self->new_service_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_dropdown), FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "done");
  gtk_widget_grab_focus (self->new_service_button);
}

static void
render_step (SapaWizardView *self)
{
  const SapaStep *step = sapa_wizard_get_step (self->wizard);
  GtkRoot *root;

  clear_step (self);

  if (sapa_wizard_is_finished (self->wizard))
    {
      show_done (self);
      return;
    }

  update_header (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_dropdown),
                            sapa_wizard_get_n_steps_taken (self->wizard) == 0);
  gtk_label_set_text (self->step_label, _(step->title));
  gtk_widget_set_visible (self->script_box, step->script != NULL);
  if (step->script != NULL)
    {
      const SapaAirport *airport = sapa_airport_lookup (sapa_wizard_get_airport (self->wizard));
      g_autofree char *script = sapa_flow_fill_script (_(step->script), g_get_real_time (),
                                                       airport ? airport->time_zone : "Asia/Jakarta");

      gtk_label_set_text (self->script_label, script);
    }

  build_readback (self, step);
  build_fields (self, step);
  build_branches (self, step);
  gtk_widget_set_visible (self->park_button, step->kind == SAPA_STEP_WAIT);
  sapa_wizard_view_clear_history (self);
  if (sapa_step_get_field (step, "phone") || sapa_step_get_field (step, "email") ||
      sapa_step_get_field (step, "handle"))
    sapa_wizard_view_schedule_history_lookup (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->step_scroller), 0);
  gtk_stack_set_visible_child_name (self->content_stack, "step");

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), self->primary_button);

  sapa_wizard_view_focus (self);
}

void
sapa_wizard_view_focus (SapaWizardView *self)
{
  GtkRoot *root;

  g_return_if_fail (SAPA_IS_WIZARD_VIEW (self));

  /* A view built before it joined the window (a resumed draft) sets the
   * default widget here, so Enter in an entry takes the step. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root) && self->primary_button != NULL)
    gtk_window_set_default_widget (GTK_WINDOW (root), self->primary_button);

  if (self->field_rows->len > 0)
    sapa_field_row_focus (g_ptr_array_index (self->field_rows, 0));
  else if (self->primary_button != NULL)
    gtk_widget_grab_focus (self->primary_button);
}

/* Advancing and recording */

static SapaFieldRow *
find_row (SapaWizardView *self,
          const char     *key)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      SapaFieldRow *row = g_ptr_array_index (self->field_rows, i);

      if (g_strcmp0 (sapa_field_row_get_field (row)->key, key) == 0)
        return row;
    }
  return NULL;
}

static void
show_step_error (SapaWizardView *self,
                 const char     *field_key,
                 const GError   *error)
{
  SapaFieldRow *row = field_key ? find_row (self, field_key) : NULL;

  if (row != NULL)
    {
      sapa_field_row_set_error (row, error->message);
      sapa_field_row_focus (row);
      return;
    }

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

void
sapa_wizard_view_advance (SapaWizardView *self,
                          const char     *branch_id)
{
  const SapaStep *step = sapa_wizard_get_step (self->wizard);
  const SapaBranch *branch = sapa_step_get_branch (step, branch_id);
  g_autoptr(GPtrArray) new_activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field_key = NULL;

  if (self->saving || branch == NULL)
    return;

  if (!branch->skip_validation &&
      !sapa_wizard_validate_step (self->wizard, &field_key, &error))
    {
      show_step_error (self, field_key, error);
      return;
    }

  if (!sapa_wizard_advance (self->wizard, branch_id, &error))
    {
      show_step_error (self, NULL, error);
      return;
    }

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  new_activities = sapa_wizard_take_activities (self->wizard);
  g_ptr_array_extend_and_steal (self->unsaved, g_steal_pointer (&new_activities));

  render_step (self);
  record_unsaved (self);
}

static void
retry_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SapaWizardView   *self)
{
  if (g_strcmp0 (response, "retry") == 0)
    record_unsaved (self);
}

static void
show_record_error (SapaWizardView *self,
                   const GError   *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("The Step Was Not Saved"),
                                                       error->message));
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Later"),
                                    "retry", _("_Try Again"),
                                    NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  g_signal_connect_object (dialog, "response", G_CALLBACK (retry_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_record_finish (SAPA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);

  if (ticket == NULL)
    {
      self->record_failed = TRUE;
      if (sapa_wizard_is_finished (self->wizard))
        show_unsaved (self);
      show_record_error (self, error);
      return;
    }

  self->record_failed = FALSE;
  /* Steps taken while this recording ran stay queued for the next one. */
  g_ptr_array_remove_range (self->unsaved, 0, MIN (self->n_sending, self->unsaved->len));
  g_free (self->report_number);
  self->report_number = g_strdup (sapa_ticket_get_report_number (ticket));
  g_set_object (&self->ticket, ticket);
  sapa_context_ticket_recorded (self->context, ticket);

  if (sapa_wizard_is_finished (self->wizard))
    show_done (self);
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      update_header (self);
      /* The buttons were insensitive while saving, which drops the focus
       * of a step without fields: give it back to the step. */
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        sapa_wizard_view_focus (self);
    }

  if (self->unsaved->len > 0)
    record_unsaved (self);
}

static void
record_unsaved (SapaWizardView *self)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (self->saving || self->unsaved->len == 0)
    return;

  batch = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->unsaved->len; i++)
    g_ptr_array_add (batch, g_object_ref (g_ptr_array_index (self->unsaved, i)));

  set_saving (self, TRUE);
  self->n_sending = batch->len;
  sapa_store_record_async (sapa_context_get_store (self->context), self->wizard, batch,
                           self->cancellable, recorded_cb, g_object_ref (self));
}

static void
channel_selected_cb (SapaWizardView *self)
{
  const SapaChoice *channels = sapa_wizard_get_flow (self->wizard)->channels;
  guint selected = gtk_drop_down_get_selected (self->channel_dropdown);
  g_autoptr(GError) error = NULL;

  if (channels == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (!sapa_wizard_set_channel (self->wizard, channels[selected].id, &error))
    {
      show_step_error (self, NULL, error);
      return;
    }
  schedule_draft_save (self);

  /* The step asks for the address of the new channel. */
  if (!sapa_wizard_is_finished (self->wizard) && !self->saving)
    render_step (self);
}

/* A flow reached through several channels (email or one of the social
 * networks) lets the officer say which one. */
static void
setup_channels (SapaWizardView *self)
{
  const SapaChoice *channels = sapa_wizard_get_flow (self->wizard)->channels;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  if (channels == NULL)
    return;

  for (guint i = 0; channels[i].id != NULL; i++)
    {
      gtk_string_list_append (labels, _(channels[i].label));
      if (g_strcmp0 (channels[i].id, sapa_wizard_get_channel (self->wizard)) == 0)
        selected = i;
    }

  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->channel_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_dropdown), TRUE);
  sapa_a11y_name_drop_down (self->channel_dropdown);
  g_signal_connect_object (self->channel_dropdown, "notify::selected",
                           G_CALLBACK (channel_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
new_service_clicked_cb (SapaWizardView *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

void
sapa_wizard_view_emit_closed (SapaWizardView *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

/* Shows the report number of a resumed draft, whose ticket exists. */
static void
resumed_ticket_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SapaWizardView) self = user_data;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_get_ticket_finish (SAPA_STORE (source), result, &error);
  if (ticket == NULL)
    return;

  if (self->report_number == NULL)
    self->report_number = g_strdup (sapa_ticket_get_report_number (ticket));
  if (self->ticket == NULL)
    self->ticket = g_object_ref (ticket);
  update_header (self);
}

gboolean
sapa_wizard_view_has_unsaved (SapaWizardView *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD_VIEW (self), FALSE);
  return self->unsaved->len > 0;
}

void
sapa_wizard_view_save_unsaved (SapaWizardView *self)
{
  g_return_if_fail (SAPA_IS_WIZARD_VIEW (self));
  record_unsaved (self);
}

/* Object */

static void
sapa_wizard_view_constructed (GObject *object)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (object);

  G_OBJECT_CLASS (sapa_wizard_view_parent_class)->constructed (object);

  setup_channels (self);
  render_step (self);

  /* A resumed draft may carry steps taken but never recorded. */
  g_ptr_array_extend_and_steal (self->unsaved, sapa_wizard_take_activities (self->wizard));
  if (self->unsaved->len > 0)
    record_unsaved (self);
  else if (sapa_wizard_get_n_steps_taken (self->wizard) > 0)
    sapa_store_get_ticket_async (sapa_context_get_store (self->context),
                                 sapa_wizard_get_ticket_id (self->wizard), self->cancellable,
                                 resumed_ticket_cb, g_object_ref (self));
}

static void
sapa_wizard_view_dispose (GObject *object)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (object);
  GtkWidget *child;

  /* A pending draft save is written now rather than lost. */
  if (self->draft_timeout != 0)
    {
      g_clear_handle_id (&self->draft_timeout, g_source_remove);
      if (self->wizard != NULL && !sapa_wizard_is_finished (self->wizard))
        sapa_store_save_draft_async (sapa_context_get_store (self->context), self->wizard,
                                     NULL, draft_saved_cb, NULL);
    }

  g_clear_handle_id (&self->history_timeout, g_source_remove);
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->readback_rows, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_WIZARD_VIEW);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->wizard);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_wizard_view_parent_class)->dispose (object);
}

static void
sapa_wizard_view_finalize (GObject *object)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (object);

  g_ptr_array_unref (self->unsaved);
  g_ptr_array_unref (self->field_rows);
  g_free (self->report_number);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (sapa_wizard_view_parent_class)->finalize (object);
}

static void
sapa_wizard_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SapaWizardView *self = SAPA_WIZARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_WIZARD:
      self->wizard = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_wizard_view_class_init (SapaWizardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sapa_wizard_view_constructed;
  object_class->dispose = sapa_wizard_view_dispose;
  object_class->finalize = sapa_wizard_view_finalize;
  object_class->set_property = sapa_wizard_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIZARD] =
    g_param_spec_object ("wizard", NULL, NULL, SAPA_TYPE_WIZARD,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-wizard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, flow_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, number_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, park_button);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, step_scroller);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, step_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, script_box);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, script_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, readback_group);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, history_group);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, history_list);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, done_number_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, done_summary_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, new_service_button);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, done_page);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, done_retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, receipt_box);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, message_box);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, message_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, branch_box);
  gtk_widget_class_bind_template_child (widget_class, SapaWizardView, saving_spinner);
  gtk_widget_class_bind_template_callback (widget_class, new_service_clicked_cb);

  sapa_wizard_view_class_install_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_wizard_view_init (SapaWizardView *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Ctrl+Enter takes the step from anywhere, a text area included: the
   * capture phase sees the key before the text view inserts a newline. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("wizard.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->cancellable = g_cancellable_new ();
  self->unsaved = g_ptr_array_new_with_free_func (g_object_unref);
  self->field_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

SapaWizardView *
sapa_wizard_view_new (SapaContext *context,
                      SapaWizard  *wizard)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SAPA_IS_WIZARD (wizard), NULL);

  return g_object_new (SAPA_TYPE_WIZARD_VIEW,
                       "context", context,
                       "wizard", wizard,
                       NULL);
}

SapaWizard *
sapa_wizard_view_get_wizard (SapaWizardView *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD_VIEW (self), NULL);
  return self->wizard;
}
