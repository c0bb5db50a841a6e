/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow-private.h: cross-field checks shared by the flow tables and the wizard */
#pragma once

#include "sapa-flow.h"

G_BEGIN_DECLS

/* Key under which the wizard passes the ticket's channel id to a step
 * check, next to the cleaned values of the steps validated so far. No
 * field uses this key. */
#define SAPA_FLOW_KEY_CHANNEL "channel"

/* Keys of the IATA code of the desk's airport, and of the time the step
 * is checked against: decimal microseconds since 1970, UTC. No field uses
 * these keys. */
#define SAPA_FLOW_KEY_DESK_AIRPORT "desk_airport"
#define SAPA_FLOW_KEY_NOW "now_us"

/* The units a ticket can be sent to for follow-up; see
 * sapa_flow_get_units(). */
extern const SapaChoice sapa_flow_unit_choices[];

/* The fields of a follow-up: unit, the PIC's airport and the request. */
extern const SapaField sapa_flow_follow_up_fields[];

/* Unit id of a follow-up by the PIC of another airport. */
#define SAPA_UNIT_BRANCH "branch"

gboolean sapa_flow_check_follow_up   (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_intake      (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_notify      (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_ssr_consent (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_equipment   (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
/* The special-needs checks are in sapa-flow-sns.c. */
/* Returns a cleaned "2026-12-05" as "05/12/2026", as the app shows
 * dates, or a copy of @iso_date when it is not such a date. */
char    *sapa_flow_format_date       (const char     *iso_date);
gboolean sapa_flow_check_booking     (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_holding     (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);
gboolean sapa_flow_check_handover    (const SapaStep *step,
                                      GHashTable     *values,
                                      char          **out_field_key,
                                      GError        **error);

G_END_DECLS
