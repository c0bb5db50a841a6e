/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-action.h: what an officer can do to a ticket after intake */
#pragma once

#include "sapa-activity.h"
#include "sapa-flow.h"

G_BEGIN_DECLS

/* Follow-up on a ticket outside a wizard: notes, replies, data requests,
 * escalations and reassignments, the PIC's answer and its judgement,
 * delivery, the customer's verdict, closing and reopening. Each action is a step (its
 * fields, a check, and one branch per outcome with the status it sets)
 * that may be taken only from the statuses listed in @from, so a closed
 * ticket is only reopened, never edited. An action is recorded as one
 * activity of kind SAPA_ACTIVITY_ACTION whose step is the action's id. */

#define SAPA_ACTIVITY_ACTION "action"

typedef struct {
  SapaStep            step;    /* id, title, fields, branches, check */
  const char         *label;   /* N_() button label in the ticket view */
  const char * const *from;    /* statuses it may be taken from */
  const char * const *flows;   /* flows whose tickets it applies to, or NULL for all */
} SapaTicketAction;

/* Action ids. */
#define SAPA_ACTION_NOTE           "note"
#define SAPA_ACTION_REPLY          "reply"
#define SAPA_ACTION_REQUEST_DATA   "request_data"
#define SAPA_ACTION_DATA_RECEIVED  "data_received"
#define SAPA_ACTION_ESCALATE       "escalate"
#define SAPA_ACTION_REASSIGN       "reassign"
#define SAPA_ACTION_PIC_ANSWER     "pic_answer"
#define SAPA_ACTION_JUDGE_ANSWER   "judge_answer"
#define SAPA_ACTION_DELIVER        "deliver"
#define SAPA_ACTION_VERDICT        "verdict"
#define SAPA_ACTION_CLOSE          "close"
#define SAPA_ACTION_REOPEN         "reopen"
#define SAPA_ACTION_NO_SHOW        "no_show"
#define SAPA_ACTION_CANCEL_BOOKING "cancel_booking"

const SapaTicketAction  *sapa_ticket_action_lookup    (const char             *id);
/* The PIC's answer action as offered when a unit of the ticket's own
 * airport follows it up (see sapa_escalation_answer_needs_pic()): the
 * same id and fields, with a title and labels that name the unit, since
 * no PIC is involved. */
const SapaTicketAction  *sapa_ticket_action_get_unit_answer (void);
/* The judgement of that answer, with the same id, fields and branches,
 * worded for the unit. */
const SapaTicketAction  *sapa_ticket_action_get_unit_judge  (void);
/* All actions, in the order the ticket view offers them. */
const SapaTicketAction **sapa_ticket_action_get_all   (guint                  *n_actions);
gboolean                 sapa_ticket_action_allowed   (const SapaTicketAction *action,
                                                       const char             *status);
/* TRUE when @action may be taken on a ticket of flow @flow_id that is at
 * @status. */
gboolean                 sapa_ticket_action_applies   (const SapaTicketAction *action,
                                                       const char             *flow_id,
                                                       const char             *status);

/* Validates @values (field key -> text as typed) for @action and
 * @branch_id (NULL when the action has one branch), and returns the
 * activity to record for @ticket_id, stamped @now_us; @out_status
 * receives the status the ticket moves to, or NULL to keep it. Checks
 * that @current_status allows the action; SAPA_ERROR_STATE otherwise. On
 * a field error @out_field_key receives the field's key. */
SapaActivity *sapa_ticket_action_prepare (const SapaTicketAction *action,
                                          const char             *branch_id,
                                          GHashTable             *values,
                                          const char             *ticket_id,
                                          const char             *current_status,
                                          const char             *officer,
                                          const char             *airport,
                                          guint                   workstation,
                                          gint64                  now_us,
                                          const char            **out_status,
                                          char                  **out_field_key,
                                          GError                **error);

G_END_DECLS
