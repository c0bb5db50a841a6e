/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-sla.h: a ticket's SLA clocks, derived from its activity log */
#pragma once

#include "sapa-activity.h"
#include "sapa-sla-config.h"
#include "sapa-ticket.h"

G_BEGIN_DECLS

/* A ticket's deadlines are computed when they are read, from the ticket
 * (created_at, channel, category, airport) and its activity log, and are
 * never stored. Their inputs change outside the transactions that append
 * activities: an administrator edits the SLA file (targets, business
 * hours, holidays), and activities pulled from other workstations arrive
 * in the server's order. A stored deadline would have to be recomputed on
 * each of those paths, and one missed path would show a wrong time, while
 * the log gives every workstation the same UTC due instant from the same
 * facts. The cost is one pass over the log of each ticket read. */

typedef enum {
  SAPA_SLA_CLOCK_FIRST_RESPONSE,  /* runs until the first response */
  SAPA_SLA_CLOCK_RESOLUTION,      /* runs from then until the ticket is closed */
  SAPA_SLA_CLOCK_STOPPED,         /* the ticket is closed or cancelled */
} SapaSlaClock;

typedef struct {
  SapaSlaTarget   target;             /* the policy's row for the ticket */
  gint64          first_response_at;  /* 0 until the first response */
  gint64          first_response_us;  /* counted time it took, 0 until then */
  gint64          resolved_at;        /* 0 while the ticket is handled */
  SapaSlaClock    clock;              /* the target that runs now */
  guint           minutes;            /* that target, in minutes; 0 when stopped */
  SapaSlaProgress progress;           /* of @clock; zeroed when stopped */
} SapaTicketSla;

/* TRUE when @activity gives the person or the escalating officer an
 * answer: a reply, the PIC's answer or a delivered answer, as an action
 * or as a step of a procedure ("answer", "await_pic", "deliver"). An
 * escalation alone is no response. */
gboolean  sapa_ticket_sla_is_response    (SapaActivity        *activity);

/* Returns the status after each activity of @activities (in recording
 * order) of a ticket of flow @flow_id, as a GArray of
 * SapaSlaStatusChange with interned status strings. The status follows
 * sapa_sync_next_status(), as on the server; an activity that the status
 * did not allow leaves the status as it was, because the server rejected
 * it. */
GArray   *sapa_ticket_sla_status_history (const char          *flow_id,
                                          GPtrArray           *activities);

/* Evaluates the clocks of @ticket with @activities (its whole log, in
 * recording order) as of @now_us. The target comes from @config's policy
 * for the ticket's channel and category. Business hours come from the
 * calendar of the ticket's airport, and an airport outside the table
 * counts 24x7. Time spent in SAPA_STATUS_WAITING_CUSTOMER does not
 * count. */
void      sapa_ticket_sla_evaluate       (const SapaSlaConfig *config,
                                          SapaTicket          *ticket,
                                          GPtrArray           *activities,
                                          gint64               now_us,
                                          SapaTicketSla       *out_sla);

G_END_DECLS
