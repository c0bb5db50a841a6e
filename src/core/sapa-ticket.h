/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket.h: a ticket's current state as the store derives it */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SAPA_TYPE_TICKET (sapa_ticket_get_type ())
G_DECLARE_FINAL_TYPE (SapaTicket, sapa_ticket, SAPA, TICKET, GObject)

/* The current state of a ticket, read from the store. The activity log is
 * the record; these fields are derived from it in the same transaction.
 *
 * A ticket made by the lazy list model starts as a placeholder that only
 * knows its row id; "loaded" turns TRUE (and notifies) once the store has
 * filled it in, so list cells bind to that one property. */

typedef struct {
  gint64      rowid;
  const char *id;
  const char *report_number;
  const char *flow;
  const char *channel;
  const char *airport;
  const char *time_zone;
  guint       workstation;
  const char *officer;
  const char *status;
  const char *contact_id;
  const char *name;
  const char *phone;
  const char *phone_e164;
  const char *email;
  const char *category;
  const char *purpose;
  const char *answer;
  const char *followup;
  const char *record_json;
  gint64      created_at;
  gint64      updated_at;
} SapaTicketFields;

SapaTicket *sapa_ticket_new_placeholder (gint64                  rowid);
SapaTicket *sapa_ticket_new             (const SapaTicketFields *fields);
/* Copies every field of @source into @self and sets "loaded". The
 * strings that @self's getters returned before are freed: copy any that
 * must outlive a refresh. */
void        sapa_ticket_fill            (SapaTicket             *self,
                                         SapaTicket             *source);

gboolean    sapa_ticket_get_loaded        (SapaTicket *self);
gint64      sapa_ticket_get_rowid         (SapaTicket *self);
const char *sapa_ticket_get_id            (SapaTicket *self);
const char *sapa_ticket_get_report_number (SapaTicket *self);
const char *sapa_ticket_get_flow          (SapaTicket *self);
const char *sapa_ticket_get_channel       (SapaTicket *self);
const char *sapa_ticket_get_airport       (SapaTicket *self);
const char *sapa_ticket_get_time_zone     (SapaTicket *self);
guint       sapa_ticket_get_workstation   (SapaTicket *self);
const char *sapa_ticket_get_officer       (SapaTicket *self);
const char *sapa_ticket_get_status        (SapaTicket *self);
const char *sapa_ticket_get_contact_id    (SapaTicket *self);
const char *sapa_ticket_get_name          (SapaTicket *self);
const char *sapa_ticket_get_phone         (SapaTicket *self);
const char *sapa_ticket_get_phone_e164    (SapaTicket *self);
const char *sapa_ticket_get_email         (SapaTicket *self);
const char *sapa_ticket_get_category      (SapaTicket *self);
const char *sapa_ticket_get_purpose       (SapaTicket *self);
const char *sapa_ticket_get_answer        (SapaTicket *self);
const char *sapa_ticket_get_followup      (SapaTicket *self);
/* Every cleaned value the flow collected, as a JSON object. */
JsonObject *sapa_ticket_get_record        (SapaTicket *self);
gint64      sapa_ticket_get_created_at    (SapaTicket *self);
gint64      sapa_ticket_get_updated_at    (SapaTicket *self);

/* Translated, human-readable names of a status and a channel id. */
const char *sapa_ticket_status_label      (const char *status);
const char *sapa_ticket_channel_label     (const char *channel);

/* The channel filter id of the SNS counter's tickets. Their stored
 * channel is "counter", as the CS counter's, so the filter goes by flow. */
#define SAPA_CHANNEL_SNS_COUNTER "sns_counter"

/* Returns the translated name of @channel for a ticket of @flow: "SNS
 * counter" for the SNS counter flow's "counter", else the channel's label. */
const char *sapa_ticket_describe_channel  (const char *flow,
                                           const char *channel);

G_END_DECLS
