/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalation.h: an escalated ticket as the escalation queue lists it */
#pragma once

#include "sapa-ticket-sla.h"

G_BEGIN_DECLS

#define SAPA_TYPE_ESCALATION (sapa_escalation_get_type ())
G_DECLARE_FINAL_TYPE (SapaEscalation, sapa_escalation, SAPA, ESCALATION, GObject)

/* An escalated ticket, whom it is escalated to and its SLA clock, as of
 * one instant. Everything is derived from the ticket's activity log. The
 * latest escalation (an "escalate" or "reassign" action, or a step of a
 * procedure that escalates) names the unit and the airport, and earlier
 * escalations and their requests stay in the log. */

/* How far an escalation has come, in the order it gets there. */
typedef enum {
  SAPA_ESCALATION_STAGE_ARRIVED,    /* escalated; its clock is on time or paused */
  SAPA_ESCALATION_STAGE_DUE_SOON,   /* within the due-soon threshold */
  SAPA_ESCALATION_STAGE_OVERDUE,    /* past its due instant */
} SapaEscalationStage;

/* Creates the escalation of @ticket from @activities (its whole log, in
 * recording order), with the clock evaluated by
 * sapa_ticket_sla_evaluate() as of @now_us. Returns NULL when the log
 * contains no escalation. */
SapaEscalation      *sapa_escalation_new_from_log         (SapaTicket          *ticket,
                                                           GPtrArray           *activities,
                                                           const SapaSlaConfig *config,
                                                           gint64               now_us);

SapaTicket          *sapa_escalation_get_ticket           (SapaEscalation *self);
/* The id of the activity of the latest escalation: a reassignment is a
 * new escalation with a new id. */
const char          *sapa_escalation_get_id               (SapaEscalation *self);
/* The IATA code of the airport escalated to: the one the latest
 * escalation names. One that names none stays at the airport of the
 * escalation before it, or the ticket's own airport, as on the server. */
const char          *sapa_escalation_get_airport          (SapaEscalation *self);
/* The unit id (see sapa_flow_get_units()), or "" when none was named. */
const char          *sapa_escalation_get_unit             (SapaEscalation *self);
const char          *sapa_escalation_get_note             (SapaEscalation *self);
/* When the latest escalation or reassignment was made. */
gint64               sapa_escalation_get_escalated_at     (SapaEscalation *self);
/* When the escalation was made that the latest reassignments passed on:
 * the instant its age is counted from. */
gint64               sapa_escalation_get_first_escalated_at (SapaEscalation *self);
/* Where the latest escalation was made. */
const char          *sapa_escalation_get_source_airport   (SapaEscalation *self);
guint                sapa_escalation_get_source_workstation (SapaEscalation *self);
/* How many escalations the log contains: 2 after one reassignment. */
guint                sapa_escalation_get_n_escalations    (SapaEscalation *self);
/* The instant the clock was evaluated at. */
gint64               sapa_escalation_get_now              (SapaEscalation *self);
const SapaTicketSla *sapa_escalation_get_sla              (SapaEscalation *self);

/* TRUE while the ticket waits for the PIC (SAPA_STATUS_ESCALATED), FALSE
 * once the PIC has answered and the officer judges the answer. */
gboolean             sapa_escalation_is_waiting_for_pic   (SapaEscalation *self);

SapaEscalationStage  sapa_escalation_get_stage            (SapaEscalation *self);

/* Returns the key under which @stage of this escalation is kept once
 * notified: "arrived", or the running clock and the stage, such as
 * "first_response/overdue", so that the resolution clock's stages are
 * events of their own. */
char                *sapa_escalation_dup_stage_key        (SapaEscalation      *self,
                                                           SapaEscalationStage  stage);

/* Returns the translated name of unit @unit_id, or @unit_id itself when
 * it is not a known unit. */
const char          *sapa_escalation_unit_label           (const char *unit_id);

/* "DJJ · Facilities and engineering": where the escalation went. */
char                *sapa_escalation_format_assignee      (SapaEscalation *self);

/* "First response: 25 min left", "Resolution: Overdue by 1 h": the
 * running clock in words, so that colour is never the only signal. */
char                *sapa_escalation_format_clock         (SapaEscalation *self);

/* "Escalated 10:00 WIT, 5 min ago": when, in the zone of the ticket's
 * airport (never the viewer's), and how long ago. The date is added when
 * the escalation was not on the same local day. After a reassignment the
 * age still counts from the first escalation, and the text adds when it
 * was reassigned: "Escalated 10:00 WIT, 2 h ago, reassigned 11:30 WIT". */
char                *sapa_escalation_format_age           (SapaEscalation *self);

/* Orders by the time left on the running clock, soonest first (overdue
 * ones first); paused clocks go last. For a GtkCustomSorter. */
int                  sapa_escalation_compare_time_left    (SapaEscalation *a,
                                                           SapaEscalation *b);
/* Orders by age, oldest first: by the instant of the first escalation,
 * as sapa_escalation_format_age() counts it, so a reassignment does not
 * make an escalation new. */
int                  sapa_escalation_compare_age          (SapaEscalation *a,
                                                           SapaEscalation *b);

/* Finds whom the latest escalation in @activities (a ticket's whole log,
 * in recording order) hands a ticket of flow @flow_id and airport
 * @ticket_airport to: @out_unit receives the unit id ("" when none is
 * named) and @out_airport the IATA code, as sapa_escalation_get_unit()
 * and sapa_escalation_get_airport() read them. The strings belong to
 * @activities or are @ticket_airport. Returns FALSE when the log contains
 * no escalation. */
gboolean             sapa_escalation_find_target          (const char   *flow_id,
                                                           const char   *ticket_airport,
                                                           GPtrArray    *activities,
                                                           const char  **out_unit,
                                                           const char  **out_airport);

/* The current state of a ticket's escalation, as its log records it. The
 * pointers belong to the activities read. */
typedef struct {
  SapaActivity *escalation;     /* the latest escalation or reassignment, or NULL */
  const char   *unit;           /* as sapa_escalation_get_unit() */
  const char   *airport;        /* as sapa_escalation_get_airport() */
  const char   *note;           /* the request of the latest escalation */
  const char   *return_reason;  /* why the latest answer went back, or NULL when
                                 * no answer went back since the escalation */
  SapaActivity *answer;         /* the answer recorded since the escalation and
                                 * since the latest return, or NULL */
  const char   *answer_text;
} SapaEscalationLog;

/* Reads the escalation of a ticket of flow @flow_id and airport
 * @ticket_airport from @activities, its whole log in recording order.
 * A return is a judgement "tidak_sesuai" (an action or the procedure's
 * step "return_to_pic"). An answer is a "pic_answer" action, or the
 * procedure's "await_pic" step when the officer typed the answer there.
 * Returns FALSE when the log contains no escalation. */
gboolean             sapa_escalation_read_log             (const char        *flow_id,
                                                           const char        *ticket_airport,
                                                           GPtrArray         *activities,
                                                           SapaEscalationLog *out_log);

/* TRUE when the answer to an escalation now with @unit at @airport must
 * come from a PIC: the unit is the branch PIC, the airport is not the
 * ticket's own @ticket_airport, or @unit is NULL because the log
 * contains no escalation. A unit of the ticket's own airport
 * answers through the officers who work the ticket, so any of them
 * records that answer. The workstation and the sync server both apply
 * this rule. */
gboolean             sapa_escalation_answer_needs_pic     (const char   *unit,
                                                           const char   *airport,
                                                           const char   *ticket_airport);

/* Checks that a reassignment with @values (its "followup_unit" and
 * "followup_airport") moves an escalation that is now with @unit at
 * @airport. A reassignment that names no airport stays at @airport, so
 * one naming the same unit and no other airport is rejected too.
 * SAPA_ERROR_INVALID otherwise, with a translated message. The app's
 * store and the sync server both apply this rule. */
gboolean             sapa_escalation_check_reassign       (const char   *unit,
                                                           const char   *airport,
                                                           JsonObject   *values,
                                                           GError      **error);

G_END_DECLS
