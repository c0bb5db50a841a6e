/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync.h: the sync wire format and the rules both ends apply */
#pragma once

#include <json-glib/json-glib.h>

#include "sapa-activity.h"

G_BEGIN_DECLS

/* The activity log is the unit of sync. A workstation pushes its unsent
 * activities in batches, each with the ticket's current content, to
 * POST /v1/sync/push; the server gives every activity it accepts a
 * number in its own order and returns the first outcome again for a
 * repeated id. The workstation then pulls GET /v1/sync/pull?after=CURSOR
 * page by page: every visible activity after the cursor, with the
 * server's current view of its ticket.
 *
 * A ticket's status is derived from its activities by
 * sapa_sync_next_status(), never taken from a workstation, so every
 * workstation converges on the server's order whatever their clocks. */

#define SAPA_SYNC_API_VERSION  "v1"
#define SAPA_SYNC_PUSH_BATCH   200    /* activities a push carries at most */
#define SAPA_SYNC_PULL_PAGE    1000   /* activities a pull page carries at most */

/* The state of a workstation's activity in its outbox. */
#define SAPA_SYNC_PENDING   "pending"
#define SAPA_SYNC_ACCEPTED  "accepted"
#define SAPA_SYNC_REJECTED  "rejected"

/* Why the server rejected an activity: a code, so the workstation shows
 * the reason in the officer's language. */
#define SAPA_SYNC_REASON_STATE      "state"      /* the ticket moved on; detail is its status */
#define SAPA_SYNC_REASON_FORBIDDEN  "forbidden"  /* the officer's role or airports do not allow it */
#define SAPA_SYNC_REASON_INVALID    "invalid"    /* the activity or its ticket is malformed */
/* A reassignment names the unit and airport that already have the
 * escalation; detail is "unit / AIRPORT". */
#define SAPA_SYNC_REASON_UNCHANGED  "unchanged"

/* Members of a ticket on the wire: the ticket row's columns plus
 * "record" (an object), "booking" (an object or null) and "version" (the
 * server's sequence number of the last activity applied to it). */

JsonObject   *sapa_sync_activity_to_json   (SapaActivity *activity);

/* Reads an activity, checking every member's type and size; @error is
 * SAPA_ERROR_INVALID naming the member at fault. */
SapaActivity *sapa_sync_activity_from_json (JsonObject   *object,
                                            GError      **error);

/* Checks an activity as sapa_sync_activity_from_json() does, without
 * making one; @out_payload (may be NULL) receives its payload as
 * compact JSON text. */
gboolean      sapa_sync_activity_check     (JsonObject   *object,
                                            char        **out_payload,
                                            GError      **error);

/* Checks the members of a ticket as a workstation sends it. */
gboolean      sapa_sync_ticket_validate    (JsonObject   *ticket,
                                            GError      **error);

/* The status a ticket of @flow_id at @current (NULL before its first
 * activity) moves to with @activity, in @out_status (an interned
 * string). Sets SAPA_ERROR_STATE when @activity is an action that
 * @current does not allow, SAPA_ERROR_INVALID when it names a step or
 * branch the flow does not have. */
gboolean      sapa_sync_next_status        (const char   *flow_id,
                                            SapaActivity *activity,
                                            const char   *current,
                                            const char  **out_status,
                                            GError      **error);

/* The airport an escalation in @values ("followup_airport" or
 * "escalation_airport") goes to, or NULL when none is named. */
const char   *sapa_sync_escalation_airport (JsonObject   *values);

/* Returns the translated text that explains rejection @reason with
 * @detail to an officer. */
char         *sapa_sync_describe_rejection (const char   *reason,
                                            const char   *detail);

/* Reads a JSON object from @data of @length bytes; NULL with
 * SAPA_ERROR_INVALID when it is not one. */
JsonObject   *sapa_sync_parse_object       (const char   *data,
                                            gssize        length,
                                            GError      **error);

/* Serialises @object as compact JSON text. */
char         *sapa_sync_object_to_string   (JsonObject   *object);

G_END_DECLS
