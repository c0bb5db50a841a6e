/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-action.c: what an officer can do to a ticket after intake */

#define G_LOG_DOMAIN "sapa-ticket-action"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-flow-private.h"
#include "sapa-ticket-action.h"
#include "sapa-ticket.h"

/* Statuses in which a ticket is still being handled. */
#define ACTIVE_STATUSES \
  SAPA_STATUS_OPEN, SAPA_STATUS_WAITING_CUSTOMER, SAPA_STATUS_ESCALATED, \
  SAPA_STATUS_ANSWERED, SAPA_STATUS_DELIVERED, SAPA_STATUS_IN_SERVICE

static const char * const from_active[] = { ACTIVE_STATUSES, NULL };
static const char * const from_open[] = { SAPA_STATUS_OPEN, SAPA_STATUS_DELIVERED, NULL };
static const char * const from_waiting[] = { SAPA_STATUS_WAITING_CUSTOMER, NULL };
/* An escalated ticket moves on with "reassign" instead, because that
 * action records that the escalation changes hands. */
static const char * const from_escalatable[] = {
  SAPA_STATUS_OPEN, SAPA_STATUS_WAITING_CUSTOMER, SAPA_STATUS_ANSWERED, NULL
};
static const char * const from_escalated[] = { SAPA_STATUS_ESCALATED, NULL };
static const char * const from_answered[] = { SAPA_STATUS_ANSWERED, NULL };
static const char * const from_deliverable[] = { SAPA_STATUS_OPEN, SAPA_STATUS_ANSWERED, NULL };
static const char * const from_delivered[] = { SAPA_STATUS_DELIVERED, NULL };
static const char * const from_ended[] = { SAPA_STATUS_CLOSED, SAPA_STATUS_CANCELLED, NULL };
/* A booking's ticket closes when the booking is sent. Open is the status
 * of bookings sent by versions of Sapa that left the ticket open. */
static const char * const from_booked[] = { SAPA_STATUS_OPEN, SAPA_STATUS_CLOSED, NULL };
static const char * const bookings[] = { SAPA_FLOW_SNS_PREBOOK, NULL };

static const SapaField note_fields[] = {
  { "note", SAPA_FIELD_MULTILINE, N_("Internal note"),
    N_("Seen by officers only, never sent to the person"), TRUE, NULL },
  { NULL }
};

static const SapaField reply_fields[] = {
  { "reply", SAPA_FIELD_MULTILINE, N_("Reply sent to the person"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField request_data_fields[] = {
  { "data_request", SAPA_FIELD_MULTILINE, N_("Data requested from the person"),
    N_("For example the flight number or a photo of the boarding pass"), TRUE, NULL },
  { NULL }
};

static const SapaField data_received_fields[] = {
  { "data_received", SAPA_FIELD_MULTILINE, N_("Data received"), NULL, TRUE, NULL },
  { NULL }
};


/* The keys are those of an escalation, so the server and the escalation
 * queue read the new unit and airport the same way from both actions. */
static const SapaField reassign_fields[] = {
  { "followup_unit", SAPA_FIELD_CHOICE, N_("New unit that follows up"), NULL, TRUE, sapa_flow_unit_choices },
  { "followup_airport", SAPA_FIELD_AIRPORT, N_("Airport of the new PIC"),
    N_("IATA code, required when the PIC of another airport follows up"), FALSE, NULL, TRUE },
  { "followup_note", SAPA_FIELD_MULTILINE, N_("Reason and request"),
    N_("Why the ticket moves and what the new unit must do"), TRUE, NULL },
  { NULL }
};

static const SapaField pic_answer_fields[] = {
  { "pic_answer", SAPA_FIELD_MULTILINE, N_("Answer from the PIC"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField unit_answer_fields[] = {
  { "pic_answer", SAPA_FIELD_MULTILINE, N_("Answer from the unit"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField judge_fields[] = {
  { "return_reason", SAPA_FIELD_MULTILINE, N_("Why the answer goes back to the PIC"),
    N_("Required when the answer does not fit"), FALSE, NULL, TRUE },
  { NULL }
};

static const SapaField unit_judge_fields[] = {
  { "return_reason", SAPA_FIELD_MULTILINE, N_("Why the answer goes back to the unit"),
    N_("Required when the answer does not fit"), FALSE, NULL, TRUE },
  { NULL }
};

static const SapaField deliver_fields[] = {
  { "delivered_answer", SAPA_FIELD_MULTILINE, N_("Answer delivered to the person"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField verdict_fields[] = {
  { "verdict_note", SAPA_FIELD_MULTILINE, N_("What the person said"), NULL, FALSE, NULL },
  { NULL }
};

static const SapaField close_fields[] = {
  { "close_note", SAPA_FIELD_MULTILINE, N_("Closing note"), NULL, FALSE, NULL },
  { NULL }
};

static const SapaField no_show_fields[] = {
  { "no_show_note", SAPA_FIELD_MULTILINE, N_("What was tried"),
    N_("For example: called the passenger twice, no answer"), TRUE, NULL },
  { NULL }
};

static const SapaField cancel_booking_fields[] = {
  { "cancel_reason", SAPA_FIELD_MULTILINE, N_("Reason for cancelling"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField reopen_fields[] = {
  { "reopen_reason", SAPA_FIELD_MULTILINE, N_("Reason for reopening"), NULL, TRUE, NULL },
  { NULL }
};

#define SAVE(status) { { "save", N_("Save"), NULL, status, FALSE }, { NULL } }

static const SapaBranch save_keep[] = SAVE (NULL);
static const SapaBranch save_waiting[] = SAVE (SAPA_STATUS_WAITING_CUSTOMER);
static const SapaBranch save_open[] = SAVE (SAPA_STATUS_OPEN);
static const SapaBranch save_escalated[] = SAVE (SAPA_STATUS_ESCALATED);
static const SapaBranch save_answered[] = SAVE (SAPA_STATUS_ANSWERED);
static const SapaBranch save_delivered[] = SAVE (SAPA_STATUS_DELIVERED);
static const SapaBranch save_closed[] = SAVE (SAPA_STATUS_CLOSED);
static const SapaBranch save_cancelled[] = SAVE (SAPA_STATUS_CANCELLED);

/* The officer judges the PIC's answer: one that fits goes on to be
 * delivered; one that does not goes back to the PIC with a reason. */
static const SapaBranch judge_branches[] = {
  { "sesuai", N_("Sesuai, deliver it"), NULL, SAPA_STATUS_OPEN, FALSE },
  { "tidak_sesuai", N_("Tidak sesuai, back to the PIC"), NULL, SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

static const SapaBranch unit_judge_branches[] = {
  { "sesuai", N_("Sesuai, deliver it"), NULL, SAPA_STATUS_OPEN, FALSE },
  { "tidak_sesuai", N_("Tidak sesuai, back to the unit"), NULL, SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

static const SapaBranch verdict_branches[] = {
  { "sesuai", N_("Sesuai, close the ticket"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { "tidak_sesuai", N_("Tidak sesuai, keep handling it"), NULL, SAPA_STATUS_OPEN, FALSE },
  { NULL }
};

static gboolean check_escalate (const SapaStep *step, GHashTable *values,
                                char **out_field_key, GError **error);
static gboolean check_judge (const SapaStep *step, GHashTable *values,
                             char **out_field_key, GError **error);

#define STEP(id, title, fields, branches, check) \
  { id, SAPA_STEP_FORM, title, NULL, fields, branches, NULL, check }

static const SapaTicketAction actions[] = {
  { STEP (SAPA_ACTION_NOTE, N_("Add an internal note"), note_fields, save_keep, NULL),
    N_("Note"), from_active },
  { STEP (SAPA_ACTION_REPLY, N_("Record a reply to the person"), reply_fields, save_keep, NULL),
    N_("Reply"), from_active },
  { STEP (SAPA_ACTION_REQUEST_DATA, N_("Request more data"), request_data_fields, save_waiting, NULL),
    N_("Request data"), from_open },
  { STEP (SAPA_ACTION_DATA_RECEIVED, N_("Record the data received"), data_received_fields, save_open, NULL),
    N_("Data received"), from_waiting },
  { STEP (SAPA_ACTION_ESCALATE, N_("Escalate to a unit or airport"), sapa_flow_follow_up_fields, save_escalated, check_escalate),
    N_("Escalate"), from_escalatable },
  { STEP (SAPA_ACTION_REASSIGN, N_("Reassign to another unit or airport"), reassign_fields, save_escalated, check_escalate),
    N_("Reassign"), from_escalated },
  { STEP (SAPA_ACTION_PIC_ANSWER, N_("Record the PIC's answer"), pic_answer_fields, save_answered, NULL),
    N_("PIC's answer"), from_escalated },
  { STEP (SAPA_ACTION_JUDGE_ANSWER, N_("Judge the PIC's answer"), judge_fields, judge_branches, check_judge),
    N_("Judge the answer"), from_answered },
  { STEP (SAPA_ACTION_DELIVER, N_("Deliver the answer to the person"), deliver_fields, save_delivered, NULL),
    N_("Deliver"), from_deliverable },
  { STEP (SAPA_ACTION_VERDICT, N_("Record the person's verdict"), verdict_fields, verdict_branches, NULL),
    N_("Verdict"), from_delivered },
  { STEP (SAPA_ACTION_CLOSE, N_("Close the ticket"), close_fields, save_closed, NULL),
    N_("Close"), from_active },
  { STEP (SAPA_ACTION_REOPEN, N_("Reopen the ticket"), reopen_fields, save_open, NULL),
    N_("Reopen"), from_ended },
  { STEP (SAPA_ACTION_NO_SHOW, N_("Mark the passenger as a no-show"), no_show_fields, save_closed, NULL),
    N_("No-show"), from_booked, bookings },
  { STEP (SAPA_ACTION_CANCEL_BOOKING, N_("Cancel the booking"), cancel_booking_fields, save_cancelled, NULL),
    N_("Cancel booking"), from_booked, bookings },
};

static const SapaTicketAction unit_answer =
  { STEP (SAPA_ACTION_PIC_ANSWER, N_("Record the unit's answer"), unit_answer_fields, save_answered, NULL),
    N_("Unit's answer"), from_escalated };

static const SapaTicketAction unit_judge =
  { STEP (SAPA_ACTION_JUDGE_ANSWER, N_("Judge the unit's answer"), unit_judge_fields, unit_judge_branches, check_judge),
    N_("Judge the answer"), from_answered };

static gboolean
check_escalate (const SapaStep  *step,
                GHashTable      *values,
                char           **out_field_key,
                GError         **error)
{
  return sapa_flow_check_follow_up (step, values, out_field_key, error);
}

static gboolean
check_judge (const SapaStep  *step,
             GHashTable      *values,
             char           **out_field_key,
             GError         **error)
{
  const char *branch = g_hash_table_lookup (values, "branch");
  const char *reason = g_hash_table_lookup (values, "return_reason");

  if (g_strcmp0 (branch, "tidak_sesuai") == 0 && (reason == NULL || *reason == '\0'))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                           _("Say why the answer goes back to the PIC."));
      if (out_field_key != NULL)
        *out_field_key = g_strdup ("return_reason");
      return FALSE;
    }
  return TRUE;
}

const SapaTicketAction *
sapa_ticket_action_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].step.id, id) == 0)
      return &actions[i];
  return NULL;
}

const SapaTicketAction *
sapa_ticket_action_get_unit_answer (void)
{
  return &unit_answer;
}

const SapaTicketAction *
sapa_ticket_action_get_unit_judge (void)
{
  return &unit_judge;
}

const SapaTicketAction **
sapa_ticket_action_get_all (guint *n_actions)
{
  static const SapaTicketAction *all[G_N_ELEMENTS (actions) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    all[i] = &actions[i];
  if (n_actions != NULL)
    *n_actions = G_N_ELEMENTS (actions);
  return all;
}

gboolean
sapa_ticket_action_allowed (const SapaTicketAction *action,
                            const char             *status)
{
  g_return_val_if_fail (action != NULL, FALSE);

  return status != NULL && g_strv_contains (action->from, status);
}

gboolean
sapa_ticket_action_applies (const SapaTicketAction *action,
                            const char             *flow_id,
                            const char             *status)
{
  g_return_val_if_fail (action != NULL, FALSE);

  if (action->flows != NULL && (flow_id == NULL || !g_strv_contains (action->flows, flow_id)))
    return FALSE;
  return sapa_ticket_action_allowed (action, status);
}

/* Validates each field of @action as typed in @values into @clean; the
 * phone's E.164 form is added as "<key>_e164". */
static gboolean
validate_fields (const SapaTicketAction  *action,
                 GHashTable              *values,
                 JsonObject              *clean,
                 char                   **out_field_key,
                 GError                 **error)
{
  for (const SapaField *field = action->step.fields; field->key != NULL; field++)
    {
      const char *typed = g_hash_table_lookup (values, field->key);
      g_autofree char *value = NULL;
      g_autofree char *extra = NULL;

      if (!sapa_field_validate (field, typed ? typed : "", &value, &extra, error))
        {
          if (out_field_key != NULL)
            *out_field_key = g_strdup (field->key);
          return FALSE;
        }

      json_object_set_string_member (clean, field->key, value);
    }

  return TRUE;
}

static gboolean
run_check (const SapaTicketAction  *action,
           const SapaBranch        *branch,
           JsonObject              *clean,
           char                   **out_field_key,
           GError                 **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (action->step.check == NULL)
    return TRUE;

  json_object_iter_init (&iter, clean);
  while (json_object_iter_next (&iter, &name, &node))
    g_hash_table_insert (table, (gpointer) name, (gpointer) json_node_get_string (node));
  g_hash_table_insert (table, (gpointer) "branch", (gpointer) branch->id);

  return action->step.check (&action->step, table, out_field_key, error);
}

SapaActivity *
sapa_ticket_action_prepare (const SapaTicketAction  *action,
                            const char              *branch_id,
                            GHashTable              *values,
                            const char              *ticket_id,
                            const char              *current_status,
                            const char              *officer,
                            const char              *airport,
                            guint                    workstation,
                            gint64                   now_us,
                            const char             **out_status,
                            char                   **out_field_key,
                            GError                 **error)
{
  g_autoptr(JsonObject) clean = json_object_new ();
  const SapaBranch *branch;

  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  if (out_field_key != NULL)
    *out_field_key = NULL;

  if (!sapa_ticket_action_allowed (action, current_status))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_STATE,
                   _("“%s” is not possible while the ticket is “%s”."),
                   _(action->step.title), sapa_ticket_status_label (current_status));
      return NULL;
    }

  branch = branch_id != NULL ? sapa_step_get_branch (&action->step, branch_id)
                             : (sapa_step_get_n_branches (&action->step) == 1 ? &action->step.branches[0] : NULL);
  if (branch == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                   _("Choose one of the outcomes of “%s”."), _(action->step.title));
      return NULL;
    }

  if (!validate_fields (action, values, clean, out_field_key, error) ||
      !run_check (action, branch, clean, out_field_key, error))
    return NULL;

  if (out_status != NULL)
    *out_status = branch->status;

  return sapa_activity_new (ticket_id, SAPA_ACTIVITY_ACTION, action->step.id, branch->id,
                            clean, officer, airport, workstation, now_us);
}
