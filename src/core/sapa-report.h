/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report.h: supervisors' report figures over a period and airports */
#pragma once

#include <gio/gio.h>

#include "sapa-csv.h"
#include "sapa-sns.h"

G_BEGIN_DECLS

/* A report covers the tickets created at one or more airports on a range
 * of local dates, each airport's dates counted in its own zone: "4 Dec"
 * is 00:00 to 24:00 WIB at CGK and 00:00 to 24:00 WIT at DJJ. The store
 * computes it from the tickets and their activity logs alone, so a
 * workstation that never synced reports on what it holds.
 *
 * Definitions, all over the tickets created in the period unless stated:
 *
 * Volume: every ticket, cancelled ones included, by channel, category,
 * airport and local day.
 *
 * SLA: tickets of the five feedback flows (counter, Dial 172, email and
 * social media, suggestion box, live chat) that are not cancelled, each
 * against the target that sapa_sla_policy_lookup() gives for its channel
 * and category, counted in 24x7 or business time as the target specifies.
 *  - First response: the first activity that answers the person (the
 *    "answer" step), replies, asks the person for data, escalates or
 *    forwards for follow-up ("follow_up", "escalate"), delivers an answer
 *    or closes the ticket.
 *  - Resolution: the last activity that closed the ticket (a branch or
 *    action that sets the status to closed), counted only while the
 *    ticket is closed now, so a reopened ticket is unresolved again.
 *  - A target is met when its counted time is at most the target, missed
 *    when it is longer or when nothing happened yet and the target has
 *    passed at the report's instant, and pending otherwise. Time spent
 *    waiting for the person's data does not count.
 *  - Median and 90th percentile (nearest rank) are of the counted times
 *    of the tickets that had a first response, or a resolution.
 *
 * Escalations: each escalation or reassignment ("follow_up" or
 * "escalate" step, "escalate" action) counts for its target, the unit
 * and, for the PIC of another airport, that airport. It is answered when
 * the PIC's answer is recorded before the next escalation of the ticket.
 * A return is the officer judging the PIC's answer "tidak sesuai" (it
 * goes back to the PIC). An open escalation is a ticket whose status is
 * escalated at the report's instant; its age runs from its latest
 * escalation or return.
 *
 * Satisfaction: the person's judgement "sesuai" or "tidak sesuai" of an
 * answer at the counter, by phone or by live chat, or their verdict on a
 * delivered answer. The first one and the last one of each ticket are
 * counted apart.
 *
 * Special needs: bookings are counted by their expected arrival (ETA) at
 * the booked airport within the period, cancelled ones apart. Walk-ins
 * are SNS counter services started without a booking. Cancelled counter
 * services are left out of these figures. The waiting time
 * runs from the arrival at the counter (the counter ticket's creation)
 * to the start of the service, and the service time from there to the
 * handover or the end of the service. A passenger with several SSR codes
 * counts once under each. */

/* Maximum length of a report's period, in days. */
#define SAPA_REPORT_MAX_DAYS 366

typedef enum {
  SAPA_REPORT_PRESET_TODAY,
  SAPA_REPORT_PRESET_7_DAYS,    /* today and the 6 days before */
  SAPA_REPORT_PRESET_30_DAYS,   /* today and the 29 days before */
  SAPA_REPORT_PRESET_THIS_MONTH /* the first of this month to today */
} SapaReportPreset;

/* Stores the first and last local dates of @preset at @now (UTC
 * microseconds) in zone @iana, the desk's. */
void     sapa_report_preset_get_days (SapaReportPreset  preset,
                                      gint64            now,
                                      const char       *iana,
                                      GDate            *out_first_day,
                                      GDate            *out_last_day);

/* Returns the instant (UTC microseconds) of local midnight at the start
 * of @day in zone @iana. */
gint64   sapa_report_day_start       (const GDate      *day,
                                      const char       *iana);

/* ---- What to report on ---- */

typedef struct {
  GDate          first_day;     /* local dates, both included */
  GDate          last_day;
  GStrv          airports;      /* IATA codes, without repeats */
  gint64         now;           /* the report's instant: open items are aged to it */
  SapaSnsTargets sns_targets;
  GKeyFile      *sla_config;    /* "sla/..." and "calendar..." groups, or NULL */
} SapaReportQuery;

/* Creates a query with the default SNS targets and SLA rules. Repeated
 * airports are kept once. */
SapaReportQuery *sapa_report_query_new      (const GDate           *first_day,
                                             const GDate           *last_day,
                                             const char * const    *airports,
                                             gint64                 now);
SapaReportQuery *sapa_report_query_copy     (const SapaReportQuery *self);
void             sapa_report_query_free     (SapaReportQuery       *self);

/* Sets @error (SAPA_ERROR_INVALID, or SAPA_ERROR_NOT_FOUND for an
 * unknown airport) when the dates are invalid or reversed, the period is
 * longer than SAPA_REPORT_MAX_DAYS, no airport is given, or the SLA
 * configuration is malformed. */
gboolean         sapa_report_query_validate (const SapaReportQuery *self,
                                             GError               **error);
guint            sapa_report_query_get_n_days (const SapaReportQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReportQuery, sapa_report_query_free)

/* ---- The figures ---- */

/* A count with one value a day of the period. */
typedef struct {
  char  *key;        /* channel id, category id or IATA code */
  guint  total;
  guint *per_day;
} SapaReportSeries;

typedef struct {
  guint  met;
  guint  missed;
  guint  pending;
  guint  n_times;    /* tickets whose counted time is known */
  gint64 median_us;  /* -1 when n_times is 0 */
  gint64 p90_us;
} SapaReportSlaFigures;

typedef struct {
  char                *channel;   /* NULL in the row of all channels */
  SapaReportSlaFigures first_response;
  SapaReportSlaFigures resolution;
} SapaReportSlaRow;

typedef struct {
  char  *unit;         /* a unit id of sapa_flow_get_units() */
  char  *airport;      /* the PIC's airport, or "" */
  guint  escalations;
  guint  answered;
  guint  returned;
  guint  open;
} SapaReportEscalationRow;

typedef enum {
  SAPA_REPORT_AGE_UNDER_1_DAY,
  SAPA_REPORT_AGE_1_TO_3_DAYS,
  SAPA_REPORT_AGE_3_TO_7_DAYS,
  SAPA_REPORT_AGE_7_DAYS_OR_MORE,
  SAPA_REPORT_N_AGES
} SapaReportAge;

typedef struct {
  guint judged;
  guint sesuai;
} SapaReportShare;

typedef struct {
  char  *code;         /* SSR code as stored: "WCHR", "DEAF_BLND" */
  guint  bookings;
  guint  walk_ins;
} SapaReportSsrRow;

typedef struct {
  char  *airline;      /* as typed, trimmed and in upper case */
  guint  handovers;
} SapaReportAirlineRow;

/* Waiting and service times of one kind of passenger. */
typedef struct {
  guint  arrivals;     /* counter services started in the period */
  guint  waited;       /* of them, with a service start */
  guint  within[3];    /* waited at most each of the three target limits */
  gint64 wait_median_us;
  gint64 wait_p90_us;
  guint  served;       /* with a handover or an end of service */
  gint64 service_median_us;
  gint64 service_p90_us;
} SapaReportSnsTimes;

typedef enum {
  SAPA_REPORT_PREBOOKED,
  SAPA_REPORT_WALK_IN,
  SAPA_REPORT_N_PASSENGER_KINDS
} SapaReportPassengerKind;

typedef struct {
  SapaReportQuery     *query;
  guint                n_days;

  /* Volume */
  guint                total;
  guint               *per_day;
  GPtrArray           *by_channel;    /* SapaReportSeries, most tickets first */
  GPtrArray           *by_category;   /* SapaReportSeries */
  GPtrArray           *by_airport;    /* SapaReportSeries, in the query's order */

  /* SLA: one row per channel with SLA tickets, then the row of all */
  GPtrArray           *sla;           /* SapaReportSlaRow */

  /* Escalations */
  GPtrArray           *escalations;   /* SapaReportEscalationRow, most first */
  SapaReportEscalationRow escalation_total;
  guint                open_by_age[SAPA_REPORT_N_AGES];

  /* Satisfaction */
  SapaReportShare      first_answer;
  SapaReportShare      last_answer;

  /* Special needs */
  guint                bookings;
  guint                late_bookings;
  guint                no_shows;
  guint                cancelled_bookings;
  guint                walk_ins;
  GPtrArray           *ssr;           /* SapaReportSsrRow, in SSR code order */
  SapaReportSnsTimes   sns_times[SAPA_REPORT_N_PASSENGER_KINDS];
  GPtrArray           *handovers;     /* SapaReportAirlineRow, most first */
} SapaReportData;

void sapa_report_data_free (SapaReportData *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReportData, sapa_report_data_free)

/* Returns the share @part / @whole in percent, or NAN when @whole is 0. */
double sapa_report_percent (guint part,
                            guint whole);

/* ---- Tables: what the screen, the CSV files and the PDF show ---- */

/* Table ids, stable across languages. */
#define SAPA_REPORT_TABLE_VOLUME_DAY       "volume-day"
#define SAPA_REPORT_TABLE_VOLUME_CHANNEL   "volume-channel"
#define SAPA_REPORT_TABLE_VOLUME_CATEGORY  "volume-category"
#define SAPA_REPORT_TABLE_VOLUME_AIRPORT   "volume-airport"
#define SAPA_REPORT_TABLE_SLA_RESPONSE     "sla-first-response"
#define SAPA_REPORT_TABLE_SLA_RESOLUTION   "sla-resolution"
#define SAPA_REPORT_TABLE_ESCALATIONS      "escalations"
#define SAPA_REPORT_TABLE_ESCALATION_AGES  "escalation-ages"
#define SAPA_REPORT_TABLE_SATISFACTION     "satisfaction"
#define SAPA_REPORT_TABLE_SNS_SUMMARY      "sns-summary"
#define SAPA_REPORT_TABLE_SNS_SSR          "sns-ssr"
#define SAPA_REPORT_TABLE_SNS_TIMES        "sns-times"
#define SAPA_REPORT_TABLE_SNS_HANDOVERS    "sns-handovers"

typedef enum {
  SAPA_REPORT_CELL_TEXT,
  SAPA_REPORT_CELL_NUMBER,   /* a count, or a decimal in the locale's notation */
} SapaReportCellKind;

/* One table of formatted cells. Every view of a report renders these
 * same strings, so the screen, the CSV and the PDF show equal numbers. */
typedef struct {
  char      *id;        /* SAPA_REPORT_TABLE_* */
  char      *title;     /* translated */
  GPtrArray *headers;   /* translated column headers (char *) */
  GArray    *kinds;     /* SapaReportCellKind, one per column */
  GPtrArray *rows;      /* GStrv of one cell per column */
} SapaReportTable;

void              sapa_report_table_free      (SapaReportTable       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaReportTable, sapa_report_table_free)

/* Returns the report's tables (SapaReportTable) in reading order:
 * counts as whole numbers, shares in percent and times in minutes or
 * hours with one decimal, in the notation of the current locale, and
 * "—" where a figure has no data. Labels are translated. */
GPtrArray        *sapa_report_data_build_tables (const SapaReportData *self);

/* Returns the table with @id of @tables, or NULL. */
SapaReportTable  *sapa_report_tables_lookup   (GPtrArray             *tables,
                                               const char            *id);

/* Writes @self as CSV to @stream (header row first, numbers as number
 * cells) and flushes it. Blocks. The stream is left open. */
gboolean          sapa_report_table_write_csv (const SapaReportTable *self,
                                               GOutputStream         *stream,
                                               char                   delimiter,
                                               SapaCsvFlags           flags,
                                               GCancellable          *cancellable,
                                               GError               **error);

G_END_DECLS
