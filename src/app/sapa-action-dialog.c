/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-action-dialog.c: the form of one follow-up action on a ticket */

#define G_LOG_DOMAIN "sapa-action-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-action-dialog.h"
#include "sapa-field-row.h"
#include "sapa-text.h"

struct _SapaActionDialog
{
  AdwWindow               parent_instance;

  SapaContext            *context;
  SapaTicket             *ticket;
  const SapaTicketAction *action;
  GCancellable           *cancellable;
  GPtrArray              *rows;
  char                   *judged_answer;  /* the answer a judgement shows */
  const char             *branch_id;      /* the outcome being recorded */

  AdwWindowTitle         *window_title;
  GtkBox                 *branch_box;
  GtkBox                 *fields_box;
  GtkLabel               *error_label;
  GtkLabel               *context_label;
};

G_DEFINE_FINAL_TYPE (SapaActionDialog, sapa_action_dialog, ADW_TYPE_WINDOW)

static void
show_error (SapaActionDialog *self,
            const char       *field_key,
            const GError     *error)
{
  for (guint i = 0; field_key != NULL && i < self->rows->len; i++)
    {
      SapaFieldRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (sapa_field_row_get_field (row)->key, field_key) == 0)
        {
          sapa_field_row_set_error (row, error->message);
          sapa_field_row_focus (row);
          return;
        }
    }

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
open_delivery (SapaActionDialog *self,
               SapaTicket       *ticket)
{
  const SapaTicketAction *deliver = sapa_ticket_action_lookup (SAPA_ACTION_DELIVER);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  SapaActionDialog *dialog;

  if (!sapa_ticket_action_applies (deliver, sapa_ticket_get_flow (ticket), sapa_ticket_get_status (ticket)))
    return;

  if (self->judged_answer != NULL)
    g_hash_table_insert (values, (gpointer) "delivered_answer", self->judged_answer);
  dialog = sapa_action_dialog_new_with_values (self->context, ticket, deliver, values);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), gtk_window_get_transient_for (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SapaActionDialog) self = user_data;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_apply_action_finish (SAPA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->branch_box), TRUE);
  if (ticket == NULL)
    {
      show_error (self, NULL, error);
      return;
    }

  sapa_context_ticket_recorded (self->context, ticket);

  /* An answer judged fitting is delivered next, so the delivery opens
   * with that answer in it. */
  if (g_strcmp0 (self->action->step.id, SAPA_ACTION_JUDGE_ANSWER) == 0 &&
      g_strcmp0 (self->branch_id, "sesuai") == 0)
    open_delivery (self, ticket);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GHashTable *
collect_values (SapaActionDialog *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < self->rows->len; i++)
    {
      SapaFieldRow *row = g_ptr_array_index (self->rows, i);

      sapa_field_row_set_error (row, NULL);
      g_hash_table_insert (values, (gpointer) sapa_field_row_get_field (row)->key,
                           sapa_field_row_dup_value (row));
    }
  return values;
}

static void
branch_clicked_cb (GtkButton        *button,
                   SapaActionDialog *self)
{
  g_autoptr(GHashTable) values = collect_values (self);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field_key = NULL;
  g_autofree char *airport = sapa_context_dup_airport (self->context);
  g_autofree char *officer = sapa_context_dup_officer (self->context);
  const char *new_status = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  activity = sapa_ticket_action_prepare (self->action, gtk_widget_get_name (GTK_WIDGET (button)),
                                         values, sapa_ticket_get_id (self->ticket),
                                         sapa_ticket_get_status (self->ticket), officer, airport,
                                         sapa_context_get_workstation (self->context),
                                         g_get_real_time (), &new_status, &field_key, &error);
  if (activity == NULL)
    {
      show_error (self, field_key, error);
      return;
    }

  /* The table's own string, which outlives the activity. */
  self->branch_id = sapa_step_get_branch (&self->action->step, sapa_activity_get_branch (activity))->id;
  gtk_widget_set_sensitive (GTK_WIDGET (self->branch_box), FALSE);
  sapa_store_apply_action_async (sapa_context_get_store (self->context), activity, new_status,
                                 self->cancellable, applied_cb, g_object_ref (self));
}

static void
build_form (SapaActionDialog *self,
            GHashTable       *values)
{
  const SapaStep *step = &self->action->step;
  guint n = sapa_step_get_n_branches (step);

  adw_window_title_set_title (self->window_title, _(step->title));
  adw_window_title_set_subtitle (self->window_title, sapa_ticket_get_report_number (self->ticket));

  for (const SapaField *field = step->fields; field->key != NULL; field++)
    {
      const char *initial = values != NULL ? g_hash_table_lookup (values, field->key) : NULL;
      SapaFieldRow *row = sapa_field_row_new (field, initial != NULL ? initial : "");

      gtk_box_append (self->fields_box, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }

  /* The first outcome is the usual one: it goes last, at the edge. */
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
          gtk_window_set_default_widget (GTK_WINDOW (self), button);
        }
    }
}

static void
sapa_action_dialog_dispose (GObject *object)
{
  SapaActionDialog *self = SAPA_ACTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_ACTION_DIALOG);
  g_clear_object (&self->ticket);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->judged_answer, g_free);

  G_OBJECT_CLASS (sapa_action_dialog_parent_class)->dispose (object);
}

static void
take_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (widget));

  if (button != NULL && gtk_widget_is_sensitive (button))
    gtk_widget_activate (button);
}

static void
sapa_action_dialog_class_init (SapaActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_action_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-action-dialog.ui");
  gtk_widget_class_install_action (widget_class, "action.default", NULL, take_default_action);
  gtk_widget_class_bind_template_child (widget_class, SapaActionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SapaActionDialog, branch_box);
  gtk_widget_class_bind_template_child (widget_class, SapaActionDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SapaActionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SapaActionDialog, context_label);
}

static void
sapa_action_dialog_init (SapaActionDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Ctrl+Enter saves from a text area too, as in the wizard. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("action.default")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

static void
activities_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SapaActionDialog) self = user_data;
  g_autoptr(GPtrArray) activities = NULL;
  const char *answer = NULL;

  activities = sapa_store_list_activities_finish (SAPA_STORE (source), result, NULL);
  if (activities == NULL)
    return;

  /* The latest answer of the PIC, from an action or from the flow. */
  for (guint i = 0; i < activities->len; i++)
    {
      JsonObject *payload = sapa_activity_get_payload (g_ptr_array_index (activities, i));

      if (json_object_has_member (payload, "pic_answer"))
        answer = json_object_get_string_member_with_default (payload, "pic_answer", answer);
    }

  if (answer != NULL && *answer != '\0')
    {
      g_free (self->judged_answer);
      self->judged_answer = g_strdup (answer);
      g_autofree char *answer_text = sapa_text_for_display (answer, 2000);
      /* Translators: the answer being judged, shown above the verdict. */
      g_autofree char *text = g_strdup_printf (_("The PIC's answer: %s"), answer_text);

      gtk_label_set_text (self->context_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->context_label), TRUE);
    }
}

SapaActionDialog *
sapa_action_dialog_new (SapaContext            *context,
                        SapaTicket             *ticket,
                        const SapaTicketAction *action)
{
  return sapa_action_dialog_new_with_values (context, ticket, action, NULL);
}

SapaActionDialog *
sapa_action_dialog_new_with_values (SapaContext            *context,
                                    SapaTicket             *ticket,
                                    const SapaTicketAction *action,
                                    GHashTable             *values)
{
  SapaActionDialog *self;

  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SAPA_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (SAPA_TYPE_ACTION_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->ticket = g_object_ref (ticket);
  self->action = action;
  build_form (self, values);

  /* Judging an answer needs the answer in view. */
  if (g_strcmp0 (action->step.id, SAPA_ACTION_JUDGE_ANSWER) == 0)
    sapa_store_list_activities_async (sapa_context_get_store (context), sapa_ticket_get_id (ticket),
                                      self->cancellable, activities_loaded_cb, g_object_ref (self));

  if (self->rows->len > 0)
    sapa_field_row_focus (g_ptr_array_index (self->rows, 0));
  return self;
}
