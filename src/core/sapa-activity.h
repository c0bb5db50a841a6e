/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-activity.h: one entry of a ticket's append-only activity log */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SAPA_TYPE_ACTIVITY (sapa_activity_get_type ())
G_DECLARE_FINAL_TYPE (SapaActivity, sapa_activity, SAPA, ACTIVITY, GObject)

/* Activity kinds. A flow step is recorded as "step" with the step id and
 * the branch taken; the others are actions outside a wizard's steps. */
#define SAPA_ACTIVITY_STEP       "step"
#define SAPA_ACTIVITY_CREATED    "created"
#define SAPA_ACTIVITY_DISCARDED  "discarded"
#define SAPA_ACTIVITY_CONTACT_MERGED "contact_merged"
#define SAPA_ACTIVITY_ATTACHED   "attached"
/* Entries that change none of the ticket's fields but say what an officer
 * did: a waiting step set aside (its step id in "step"), the procedure
 * taken up again from the ticket, a receipt printed or saved. */
#define SAPA_ACTIVITY_PARKED     "parked"
#define SAPA_ACTIVITY_RESUMED    "resumed"
#define SAPA_ACTIVITY_RECEIPT    "receipt"

/* Creates an activity with a new UUIDv7, stamped with @created_at
 * (microseconds since 1970, UTC). @payload may be NULL; it is copied. */
SapaActivity *sapa_activity_new (const char *ticket_id,
                                 const char *kind,
                                 const char *step,
                                 const char *branch,
                                 JsonObject *payload,
                                 const char *officer,
                                 const char *airport,
                                 guint       workstation,
                                 gint64      created_at);

/* Creates an activity from stored values, keeping @id. */
SapaActivity *sapa_activity_new_full (const char *id,
                                      const char *ticket_id,
                                      const char *kind,
                                      const char *step,
                                      const char *branch,
                                      JsonObject *payload,
                                      const char *officer,
                                      const char *airport,
                                      guint       workstation,
                                      gint64      created_at);

const char *sapa_activity_get_id          (SapaActivity *self);
const char *sapa_activity_get_ticket_id   (SapaActivity *self);
const char *sapa_activity_get_kind        (SapaActivity *self);
const char *sapa_activity_get_step        (SapaActivity *self);
const char *sapa_activity_get_branch      (SapaActivity *self);
/* The step's data as entered; never NULL (an empty object when none). */
JsonObject *sapa_activity_get_payload     (SapaActivity *self);
const char *sapa_activity_get_officer     (SapaActivity *self);
const char *sapa_activity_get_airport     (SapaActivity *self);
guint       sapa_activity_get_workstation (SapaActivity *self);
gint64      sapa_activity_get_created_at  (SapaActivity *self);

/* Returns the payload serialised as compact JSON text. */
char       *sapa_activity_dup_payload_json (SapaActivity *self);

G_END_DECLS
