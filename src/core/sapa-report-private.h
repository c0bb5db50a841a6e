/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-private.h: the report's accumulator, fed by the store's queries */
#pragma once

#include "sapa-report.h"
#include "sapa-sla.h"

G_BEGIN_DECLS

/* What an activity means to a report, from its flow, kind, step and
 * branch. */
typedef enum {
  SAPA_REPORT_ROLE_RESPONSE      = 1 << 0,  /* a first response, see sapa-report.h */
  SAPA_REPORT_ROLE_CLOSE         = 1 << 1,  /* sets the status to closed */
  SAPA_REPORT_ROLE_ESCALATION    = 1 << 2,
  SAPA_REPORT_ROLE_PIC_ANSWER    = 1 << 3,
  SAPA_REPORT_ROLE_RETURN        = 1 << 4,  /* the PIC's answer goes back to the PIC */
  SAPA_REPORT_ROLE_JUDGEMENT     = 1 << 5,  /* the person's sesuai / tidak sesuai */
  SAPA_REPORT_ROLE_SESUAI        = 1 << 6,  /* with JUDGEMENT: it was sesuai */
  SAPA_REPORT_ROLE_SERVICE_START = 1 << 7,  /* an SNS counter service starts */
  SAPA_REPORT_ROLE_HANDOVER      = 1 << 8,  /* an SNS passenger is handed over */
} SapaReportRole;

/* Returns the roles of an activity of a ticket of flow @flow_id, and
 * stores in @out_status the status it sets (a SAPA_STATUS_* constant) or
 * NULL when it keeps the status. @out_status may be NULL. */
guint               sapa_report_classify            (const char  *flow_id,
                                                     const char  *kind,
                                                     const char  *step,
                                                     const char  *branch,
                                                     const char **out_status);

/* The step and action ids whose activities a report reads: every one
 * that has a role or sets a status in some flow. NULL-terminated. The
 * index activities_for_reports of schema version 9 lists the same ids in
 * the same order. */
const char * const *sapa_report_get_steps           (void);

/* Returns an empty report of @query, whose arrays the builder fills. */
SapaReportData     *sapa_report_data_new            (const SapaReportQuery *query);

typedef struct _SapaReportBuilder SapaReportBuilder;

/* Prepares the calendars, SLA targets and day boundaries of @query,
 * which must be valid. */
SapaReportBuilder  *sapa_report_builder_new         (const SapaReportQuery *query,
                                                     GError               **error);
void                sapa_report_builder_free        (SapaReportBuilder     *self);

/* Stores the UTC range [start, end) of the period at the query's airport
 * @index, in its own zone. */
void                sapa_report_builder_get_range   (SapaReportBuilder     *self,
                                                     guint                  index,
                                                     gint64                *out_start,
                                                     gint64                *out_end);

typedef struct {
  const char *id;
  const char *flow;
  const char *channel;
  const char *category;
  const char *status;
  gint64      created_at;
  gboolean    booked;      /* an SNS counter service of a booking */
  const char *ssr;         /* SNS flows: the comma-separated SSR codes */
} SapaReportTicketRow;

/* Adds a ticket of the query's airport @index created within its range,
 * before the id ranges are taken. Each ticket must be added once.
 * Strings are copied. */
void                sapa_report_builder_add_ticket  (SapaReportBuilder         *self,
                                                     guint                      index,
                                                     const SapaReportTicketRow *row);

/* Returns the ranges of ticket ids that hold every ticket added, as
 * pairs of first and last id (char *, alternating), sorted. Ids that are
 * UUIDv7 and made close in time share a range, so one range scan of an
 * index by ticket id reads the activities of many tickets. Call it once,
 * after the last ticket and before the first activity. */
GPtrArray          *sapa_report_builder_get_id_ranges (SapaReportBuilder   *self);

typedef struct {
  const char *ticket_id;
  const char *kind;
  const char *step;
  const char *branch;
  gint64      created_at;
  /* From the payload, or NULL: the escalation's target and the airline
   * of a handover. */
  const char *unit;
  const char *unit_airport;
  const char *escalation_airport;
  const char *airline;
} SapaReportActivityRow;

/* Adds an activity. Activities must come in ticket id order, as the
 * ranges are. One of a ticket that was not added is ignored, so the
 * caller may pass every activity of a range of ticket ids. */
void                sapa_report_builder_add_activity (SapaReportBuilder           *self,
                                                      const SapaReportActivityRow *row);

typedef struct {
  const char *stage;    /* sns_bookings.stage */
  gboolean    late;
  const char *ssr;
} SapaReportBookingRow;

/* Adds a booking expected at one of the query's airports in its range. */
void                sapa_report_builder_add_booking (SapaReportBuilder          *self,
                                                     const SapaReportBookingRow *row);

/* Computes the figures and frees @self. */
SapaReportData     *sapa_report_builder_finish      (SapaReportBuilder     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReportBuilder, sapa_report_builder_free)

/* ---- Counted time over a fixed span, fast ---- */

/* Counted time of one calendar (or 24x7) over [from_us, to_us), with the
 * business intervals computed once, so that each elapsed time costs a
 * binary search instead of a walk through days. It gives what
 * sapa_sla_elapsed() gives, and falls back to it outside the span or
 * with pauses. */
typedef struct _SapaReportClock SapaReportClock;

SapaReportClock    *sapa_report_clock_new           (const SapaSlaCalendar *calendar,
                                                     gint64                 from_us,
                                                     gint64                 to_us);
void                sapa_report_clock_free          (SapaReportClock       *self);
gint64              sapa_report_clock_elapsed       (const SapaReportClock *self,
                                                     gint64                 from_us,
                                                     gint64                 to_us,
                                                     const SapaSlaPause    *pauses,
                                                     guint                  n_pauses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReportClock, sapa_report_clock_free)

G_END_DECLS
