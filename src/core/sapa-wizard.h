/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard.h: the state of one officer walking one flow */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sapa-activity.h"
#include "sapa-flow.h"

G_BEGIN_DECLS

#define SAPA_TYPE_WIZARD (sapa_wizard_get_type ())
G_DECLARE_FINAL_TYPE (SapaWizard, sapa_wizard, SAPA, WIZARD, GObject)

/* Starts @flow at its first step for a new ticket, whose UUIDv7 is made
 * here. @airport is an IATA code of the airport table. Properties:
 * "step-id" (string, notifies on every move), "status", "finished". The
 * "value-changed" signal (detail: the key) fires when set_value() changes
 * a value. */
SapaWizard      *sapa_wizard_new            (const SapaFlow *flow,
                                             const char     *airport,
                                             guint           workstation,
                                             const char     *officer);

const SapaFlow  *sapa_wizard_get_flow       (SapaWizard *self);
const SapaStep  *sapa_wizard_get_step       (SapaWizard *self);
const char      *sapa_wizard_get_ticket_id  (SapaWizard *self);
const char      *sapa_wizard_get_airport    (SapaWizard *self);
guint            sapa_wizard_get_workstation (SapaWizard *self);
const char      *sapa_wizard_get_officer    (SapaWizard *self);
/* The flow's channel unless the officer picked another of flow->channels. */
const char      *sapa_wizard_get_channel    (SapaWizard *self);
gboolean         sapa_wizard_set_channel    (SapaWizard *self,
                                             const char *channel,
                                             GError    **error);
/* SAPA_STATUS_*: "open" until a branch sets another. */
const char      *sapa_wizard_get_status     (SapaWizard *self);
gboolean         sapa_wizard_is_finished    (SapaWizard *self);
/* Number of steps taken so far (activities appended), for "has anything
 * been recorded yet". */
guint            sapa_wizard_get_n_steps_taken (SapaWizard *self);

/* Values as typed by the officer, "" when never set. Values persist across
 * steps, so going back to correct shows what was entered. */
const char      *sapa_wizard_get_value      (SapaWizard *self,
                                             const char *key);
void             sapa_wizard_set_value      (SapaWizard *self,
                                             const char *key,
                                             const char *value);
/* Brings a wizard read back from its draft up to date with its ticket,
 * whose procedure may have waited while other desks worked on it: the
 * status becomes the ticket's @status, and while the wizard waits for
 * the PIC's answer (a step with the field "pic_answer"), the values of
 * that step come from @activities, the ticket's log in recording order.
 * The airport, unit and request are those of the latest escalation or
 * reassignment, the return reason that of a return since then, and the
 * answer that of a PIC's answer since both. Such an answer is not
 * recorded again when the wizard moves on. */
void             sapa_wizard_catch_up       (SapaWizard *self,
                                             const char *status,
                                             GPtrArray  *activities);
/* TRUE when the value of @key came from the ticket's log, recorded by
 * another desk, rather than from the officer; see
 * sapa_wizard_catch_up(). */
gboolean         sapa_wizard_value_is_from_log (SapaWizard *self,
                                                const char *key);
/* Cleaned values of every step validated so far, plus "<key>_e164" for
 * phone fields: what the ticket record shows. Transfer full. */
JsonObject      *sapa_wizard_dup_record     (SapaWizard *self);

/* Validates the fields of the current step, then its cross-field check,
 * which compares times with @now_us (microseconds since 1970, UTC) in
 * sapa_wizard_validate_step_at() and with the real time in
 * sapa_wizard_validate_step(). On failure @out_field_key (if not NULL)
 * receives the key of the first invalid field, or NULL when the error
 * concerns the whole step. */
gboolean         sapa_wizard_validate_step  (SapaWizard *self,
                                             char      **out_field_key,
                                             GError    **error);
gboolean         sapa_wizard_validate_step_at (SapaWizard *self,
                                               gint64      now_us,
                                               char      **out_field_key,
                                               GError    **error);

/* Takes @branch_id of the current step (NULL when the step has a single
 * branch): validates unless the branch skips validation, appends one
 * "step" activity whose payload holds the step's cleaned values, applies
 * the branch's status and moves to its target, or finishes the flow. On
 * error nothing changes. sapa_wizard_advance_at() stamps the activity
 * with @now_us (microseconds since 1970, UTC); sapa_wizard_advance() with
 * the real time. */
gboolean         sapa_wizard_advance        (SapaWizard *self,
                                             const char *branch_id,
                                             GError    **error);
gboolean         sapa_wizard_advance_at     (SapaWizard *self,
                                             const char *branch_id,
                                             gint64      now_us,
                                             GError    **error);

/* Returns the activities appended since the last call, oldest first, and
 * forgets them. Transfer full: a GPtrArray of SapaActivity. */
GPtrArray       *sapa_wizard_take_activities (SapaWizard *self);

/* Position of the current step in flow->progress, for the indicator:
 * returns the index of the current step, or of the last progress step
 * passed when the current one is not listed; @out_total receives the
 * length of flow->progress. */
guint            sapa_wizard_get_progress   (SapaWizard *self,
                                             guint      *out_total);

/* The whole state (flow, step, values, history, status, ticket id,
 * activities not yet taken) as JSON, and back, for drafts that survive a
 * crash. new_from_json() validates what it reads (unknown flow or step,
 * wrong types) and sets @error instead of trusting the text. */
JsonNode        *sapa_wizard_to_json        (SapaWizard *self);
SapaWizard      *sapa_wizard_new_from_json  (JsonNode   *node,
                                             GError    **error);

G_END_DECLS
