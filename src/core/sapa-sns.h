/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sns.h: special-needs service: arrival times, notice and service clocks */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A booking made less than this long before the flight is accepted but
 * marked late, which tells the SNS team it had short notice. */
#define SAPA_SNS_NOTICE_HOURS 48

/* Service targets in minutes: the share of passengers served within each
 * limit, 80 %, 90 % and 100 %. The defaults are the ECAC Doc 30 quality
 * standards for departing passengers with reduced mobility, as the
 * operator adopted them: 10, 20 and 30 minutes when pre-booked, 25, 35 and
 * 45 minutes when not. Configurable, because an airport may set its own. */
typedef struct {
  guint prebooked[3];
  guint walk_in[3];
} SapaSnsTargets;

void sapa_sns_targets_init_default (SapaSnsTargets *targets);

typedef enum {
  SAPA_SNS_CLOCK_OK,      /* within the 80 % target */
  SAPA_SNS_CLOCK_AMBER,   /* past the 80 % target, within the 100 % limit */
  SAPA_SNS_CLOCK_RED,     /* past the 100 % limit */
} SapaSnsClockState;

/* Returns the state of a clock that has run @elapsed_us microseconds for
 * a passenger who was (@prebooked) or was not pre-booked. */
SapaSnsClockState sapa_sns_clock_state (const SapaSnsTargets *targets,
                                        gboolean              prebooked,
                                        gint64                elapsed_us);

/* Resolves a booking's times, given as the airport's local wall clock,
 * into UTC instants (microseconds since 1970):
 * - the departure: @flight_date ("YYYY-MM-DD") at @departure ("HH:MM"),
 *   when the departure time is known;
 * - the estimated time of arrival at the airport, @eta ("HH:MM"), on the
 *   flight's date, or on the day before when @day_before is TRUE (an
 *   arrival at 23:30 for a flight at 01:00). An ETA later in the day than
 *   the departure is not moved: the booking form rejects it unless the
 *   day before is chosen.
 * Sets @error (SAPA_ERROR_INVALID) on a malformed date or time, or an
 * unknown zone. @out_departure_us receives 0 when @departure is NULL or
 * empty. */
gboolean sapa_sns_resolve_times (const char *flight_date,
                                 const char *departure,
                                 const char *eta,
                                 gboolean    day_before,
                                 const char *iana,
                                 gint64     *out_eta_us,
                                 gint64     *out_departure_us,
                                 GError    **error);

/* TRUE when a booking made at @booked_at_us gives less than
 * SAPA_SNS_NOTICE_HOURS before @flight_us (the departure, or the ETA when
 * the departure is unknown). */
gboolean sapa_sns_is_late_booking (gint64 booked_at_us,
                                   gint64 flight_us);

/* The wizard value that the SNS counter flow stamps with the start of the
 * service, in decimal microseconds since 1970, UTC. */
#define SAPA_SNS_SERVICE_STARTED_KEY "service_started_us"

/* Resolves @clock ("HH:MM", local time in @iana) to the latest instant at
 * or before @before_us with that wall clock, in @out_us: a time typed at
 * 00:10 as "23:55" is the evening before. Returns FALSE when @clock is
 * malformed or the zone unknown. */
gboolean sapa_sns_resolve_clock (const char *clock,
                                 gint64      before_us,
                                 const char *iana,
                                 gint64     *out_us);

/* An expected passenger this long past the ETA is marked overdue. */
#define SAPA_SNS_OVERDUE_MINUTES 15

/* The wizard value of a counter service started from a booking: the
 * booking ticket's id. */
#define SAPA_SNS_BOOKING_KEY "booking_ticket_id"

/* The four lists of the SNS dashboard. */
typedef enum {
  SAPA_SNS_EXPECTED,      /* booked, not arrived yet, by ETA */
  SAPA_SNS_IN_SERVICE,    /* being served at the counter */
  SAPA_SNS_HOLDING,       /* waiting in the holding room */
  SAPA_SNS_HANDED_OVER,   /* handed over to the airline today */
  SAPA_SNS_N_GROUPS
} SapaSnsGroup;

/* One passenger on the dashboard. Times are microseconds since 1970, UTC,
 * 0 when not known (yet). */
typedef struct {
  char    *ticket_id;
  char    *report_number;
  char    *name;
  char    *flight;
  char    *ssr;             /* comma-separated SSR codes */
  char    *equipment;       /* comma-separated equipment ids */
  char    *officer;
  char    *airline;
  char    *airline_staff;
  char    *handover_time;   /* "HH:MM" as typed at the handover, or "" */
  char    *time_zone;
  gboolean prebooked;
  gboolean late;            /* booked with less than SAPA_SNS_NOTICE_HOURS' notice */
  gboolean overdue;         /* expected, and SAPA_SNS_OVERDUE_MINUTES past the ETA */
  gint64   eta;
  gint64   departure;
  gint64   arrived;         /* at the SNS counter */
  gint64   service_started;
  gint64   holding_since;
  gint64   handed_over;     /* the handover time recorded, else when it was saved */
  GHashTable *arrival_values; /* expected: the wizard values that start the
                               * counter service, key to value; else NULL */
} SapaSnsEntry;

void sapa_sns_entry_free (SapaSnsEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSnsEntry, sapa_sns_entry_free)

/* The dashboard of one airport: groups[SapaSnsGroup] are GPtrArrays of
 * SapaSnsEntry. */
typedef struct {
  GPtrArray *groups[SAPA_SNS_N_GROUPS];
} SapaSnsBoard;

SapaSnsBoard *sapa_sns_board_new  (void);
void          sapa_sns_board_free (SapaSnsBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSnsBoard, sapa_sns_board_free)

G_END_DECLS
