/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla.h: SLA targets, business-hour calendars and due instants */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Instants are gint64 microseconds since 1970-01-01 UTC, as in
 * sapa-time.h. Durations are gint64 microseconds, and targets are whole
 * minutes. */

/* Maximum target that a policy accepts, in minutes: 90 days. */
#define SAPA_SLA_MAX_MINUTES (90 * 24 * 60)

/* ---- Policies: targets per channel and category ---- */

typedef enum {
  SAPA_SLA_HOURS_24X7,       /* every minute counts */
  SAPA_SLA_HOURS_BUSINESS,   /* only the business hours of the airport's calendar count */
} SapaSlaHours;

typedef struct {
  guint        minutes;
  SapaSlaHours hours;
} SapaSlaLimit;

/* The two limits of one ticket, each counted from the ticket's creation. */
typedef struct {
  SapaSlaLimit first_response;
  SapaSlaLimit resolution;
} SapaSlaTarget;

typedef struct _SapaSlaPolicy SapaSlaPolicy;

/* Creates a policy with the built-in table of targets. */
SapaSlaPolicy *sapa_sla_policy_new           (void);
void           sapa_sla_policy_free          (SapaSlaPolicy  *self);

/* Fills @out_target with the target of a ticket on @channel in
 * @category. The most specific row wins: channel and category, then any
 * channel with that category, then that channel with any category, then
 * the fallback row. A category row comes first because it states how
 * urgent the matter is, while a channel row states how the channel is
 * staffed. */
void           sapa_sla_policy_lookup        (const SapaSlaPolicy *self,
                                              const char          *channel,
                                              const char          *category,
                                              SapaSlaTarget       *out_target);

/* Overrides rows from groups named "sla/CHANNEL/CATEGORY" of @key_file,
 * where CHANNEL or CATEGORY may be "*" for any. Other groups are left for
 * other readers. The keys are first-response-minutes,
 * first-response-hours ("24x7" or "business"), resolution-minutes and
 * resolution-hours. Groups apply in file order, and a missing key takes
 * its value from the row that matched the group's channel and category
 * before. On a malformed group, key or value, sets @error
 * (SAPA_ERROR_INVALID) and leaves @self unchanged. */
gboolean       sapa_sla_policy_load_key_file (SapaSlaPolicy  *self,
                                              GKeyFile       *key_file,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSlaPolicy, sapa_sla_policy_free)

/* ---- Calendars: business hours and holidays of one airport ---- */

/* Maximum number of holidays that one key file group may list. */
#define SAPA_SLA_MAX_HOLIDAYS 1000

typedef struct _SapaSlaCalendar SapaSlaCalendar;

/* Creates a calendar in the zone @iana, open Monday to Friday from
 * 08:00 to 17:00 local time, with no holidays. Sets @error
 * (SAPA_ERROR_INVALID) when the zone is not known. */
SapaSlaCalendar *sapa_sla_calendar_new            (const char       *iana,
                                                   GError          **error);

/* Creates the calendar of airport @iata in the airport's own zone: the
 * defaults of sapa_sla_calendar_new(), then group "calendar" of
 * @key_file (the whole network), then group "calendar/IATA" (this
 * airport). @key_file may be NULL. Sets @error (SAPA_ERROR_NOT_FOUND) for
 * an unknown airport, or an error of sapa_sla_calendar_load_group(). */
SapaSlaCalendar *sapa_sla_calendar_new_for_airport (const char      *iata,
                                                    GKeyFile        *key_file,
                                                    GError         **error);

void             sapa_sla_calendar_free           (SapaSlaCalendar  *self);

/* Returns the IANA name of the calendar's zone. */
const char      *sapa_sla_calendar_get_time_zone  (const SapaSlaCalendar *self);

/* Sets the hours of @weekday to [@open_minute, @close_minute), counted
 * in minutes from local midnight, with @open_minute < @close_minute <=
 * 1440. */
void             sapa_sla_calendar_set_hours      (SapaSlaCalendar  *self,
                                                   GDateWeekday      weekday,
                                                   guint             open_minute,
                                                   guint             close_minute);
void             sapa_sla_calendar_set_closed     (SapaSlaCalendar  *self,
                                                   GDateWeekday      weekday);

/* Returns FALSE when @weekday is closed. Otherwise stores its hours. */
gboolean         sapa_sla_calendar_get_hours      (const SapaSlaCalendar *self,
                                                   GDateWeekday           weekday,
                                                   guint                 *out_open_minute,
                                                   guint                 *out_close_minute);

/* TRUE when the calendar is open on at least one weekday. */
gboolean         sapa_sla_calendar_has_hours      (const SapaSlaCalendar *self);

/* Holidays are local dates of the calendar's zone, closed all day. */
void             sapa_sla_calendar_add_holiday    (SapaSlaCalendar  *self,
                                                   const GDate      *date);
gboolean         sapa_sla_calendar_is_holiday     (const SapaSlaCalendar *self,
                                                   const GDate           *date);

/* Applies group @group of @key_file, when the group exists. The keys are
 * the English weekday names in lower case ("monday"), each set to
 * "HH:MM-HH:MM" ("24:00" may close a day) or "closed", and "holidays", a
 * list of "YYYY-MM-DD" dates that adds to the holidays already set. On a
 * malformed key or value, or when every weekday would be closed, sets
 * @error (SAPA_ERROR_INVALID) and leaves @self unchanged. */
gboolean         sapa_sla_calendar_load_group     (SapaSlaCalendar  *self,
                                                   GKeyFile         *key_file,
                                                   const char       *group,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSlaCalendar, sapa_sla_calendar_free)

/* ---- Clocks: due instants, elapsed time and state ---- */

/* End of a pause that has not ended yet. */
#define SAPA_SLA_PAUSE_OPEN G_MAXINT64

/* A span in which the clock is stopped, such as the time a ticket
 * waits for the customer's data. Pauses may overlap and come in any
 * order. A pause with @end_us before @start_us is ignored. */
typedef struct {
  gint64 start_us;
  gint64 end_us;     /* SAPA_SLA_PAUSE_OPEN while the pause goes on */
} SapaSlaPause;

/* One change of a ticket's status, for sapa_sla_pauses_from_history(). */
typedef struct {
  gint64      at_us;
  const char *status;
} SapaSlaStatusChange;

/* Returns the pauses of a status history sorted by @at_us: each stay in
 * SAPA_STATUS_WAITING_CUSTOMER, until the next change to another status
 * or still open. The array contains SapaSlaPause. */
GArray   *sapa_sla_pauses_from_history (const SapaSlaStatusChange *changes,
                                        guint                      n_changes);

/* Computes the instant at which @minutes of counted time have passed
 * since @start_us. Counted time is every instant when @calendar is NULL
 * (24x7), or the calendar's business hours otherwise, minus @pauses.
 * The work takes one step per day or pause, not per minute. Returns
 * FALSE when that instant never comes, because a pause that is still
 * open begins first or the calendar has no business hours ahead. */
gboolean  sapa_sla_compute_due         (gint64                 start_us,
                                        guint                  minutes,
                                        const SapaSlaCalendar *calendar,
                                        const SapaSlaPause    *pauses,
                                        guint                  n_pauses,
                                        gint64                *out_due_us);

/* Returns the counted time between @from_us and @to_us in microseconds,
 * as sapa_sla_compute_due() counts it: the business time taken by a
 * first response, for example. Returns 0 when @to_us <= @from_us. */
gint64    sapa_sla_elapsed             (gint64                 from_us,
                                        gint64                 to_us,
                                        const SapaSlaCalendar *calendar,
                                        const SapaSlaPause    *pauses,
                                        guint                  n_pauses);

typedef enum {
  SAPA_SLA_STATE_ON_TIME,
  SAPA_SLA_STATE_DUE_SOON,   /* within the threshold of the due instant */
  SAPA_SLA_STATE_OVERDUE,    /* past the due instant */
  SAPA_SLA_STATE_PAUSED,     /* no due instant while the clock is stopped */
} SapaSlaState;

/* When a target turns due soon: once the time left to the due instant is
 * at most @percent of the target or @minutes, whichever is longer. A
 * zero leaves that part out. */
typedef struct {
  guint percent;
  guint minutes;
} SapaSlaThreshold;

/* The default threshold: the last 20 % of the target. */
#define SAPA_SLA_THRESHOLD_DEFAULT ((SapaSlaThreshold) { 20, 0 })

typedef struct {
  SapaSlaState state;
  gboolean     has_due;
  gint64       due_us;        /* valid when @has_due */
  gint64       remaining_us;  /* due minus now, negative when overdue,
                               * or the counted time left while paused */
} SapaSlaProgress;

/* Evaluates a target of @minutes that started at @start_us, as of
 * @now_us. The time left is the same for every viewer, whatever their
 * zone. A target is paused only when it has no due instant, so a pause
 * opened after the due instant leaves it overdue. @threshold may be NULL
 * for SAPA_SLA_THRESHOLD_DEFAULT. */
void      sapa_sla_evaluate            (gint64                  start_us,
                                        guint                   minutes,
                                        const SapaSlaCalendar  *calendar,
                                        const SapaSlaPause     *pauses,
                                        guint                   n_pauses,
                                        gint64                  now_us,
                                        const SapaSlaThreshold *threshold,
                                        SapaSlaProgress        *out_progress);

/* Returns the state of a target of @minutes due at @due_us, as of
 * @now_us. Never SAPA_SLA_STATE_PAUSED. */
SapaSlaState sapa_sla_classify         (gint64                  due_us,
                                        gint64                  now_us,
                                        guint                   minutes,
                                        const SapaSlaThreshold *threshold);

/* Formats a duration rounded up to the minute: "25 min", "1 h 5 min",
 * "2 days 3 h". Negative durations are formatted by their size. */
char     *sapa_sla_format_duration     (gint64                 span_us);

/* Formats the progress as a translated label that states the state in
 * words, so that colour is never the only signal: "25 min left",
 * "Due soon, 5 min left", "Due now", "Overdue by 1 h 5 min",
 * "Paused, 25 min left". */
char     *sapa_sla_format_progress     (const SapaSlaProgress *progress);

G_END_DECLS
