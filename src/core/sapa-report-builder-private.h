/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-builder-private.h: the builder's state, shared by its two halves */
#pragma once

#include "sapa-report-private.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  const char *flow;
  const char *channel;
  const char *category;
  const char *status;
  const char *ssr;
  gint64      created_at;
  guint       airport;      /* index into the query's airports */
  gboolean    booked;
  gboolean    done;         /* its figures are computed */
} Ticket;

/* An activity that matters to the report. */
typedef struct {
  guint       ticket;
  guint       order;        /* arrival order, which breaks ties of time */
  gint64      at;
  guint       roles;        /* SapaReportRole */
  const char *status;       /* the status it sets, or NULL */
  const char *unit;         /* escalations: the target */
  const char *unit_airport;
  const char *airline;      /* handovers */
} Event;

/* The key of a cached meaning: @flow is interned, the rest is owned
 * by the cache, or borrowed while looking up. */
typedef struct {
  const char *flow;
  const char *kind;
  const char *step;
  const char *branch;
} MeaningKey;

typedef struct {
  MeaningKey  key;
  guint       roles;
  const char *status;
} Meaning;

/* Text columns whose last interned value is kept, because consecutive
 * rows often repeat it. */
typedef enum {
  RECENT_FLOW,
  RECENT_CHANNEL,
  RECENT_CATEGORY,
  RECENT_STATUS,
  N_RECENT
} RecentColumn;

typedef struct {
  guint   met;
  guint   missed;
  guint   pending;
  GArray *times;            /* gint64 counted times */
} SlaTally;

typedef struct {
  char     *channel;        /* NULL for all channels */
  guint     tickets;
  SlaTally  response;
  SlaTally  resolution;
} SlaGroup;

struct _SapaReportBuilder {
  SapaReportData   *data;
  const SapaReportQuery *query;   /* data->query */
  guint             n_airports;
  gint64           *bounds;         /* per airport: n_days + 1 local midnights */

  SapaSlaPolicy    *policy;
  SapaSlaCalendar **calendars;      /* per airport */
  SapaReportClock **clocks;         /* per airport, in business time */
  SapaReportClock  *clock_24x7;
  GHashTable       *targets;        /* interned channel -> (interned category -> SapaSlaTarget) */

  GStringChunk     *strings;
  GArray           *tickets;        /* Ticket */
  guint            *by_id;          /* ticket indices sorted by id, once ranges are taken */
  guint             next_by_id;     /* position in by_id of the next activity's ticket */
  GArray           *events;         /* Event */
  GHashTable       *meanings;       /* MeaningKey -> Meaning (the same pointer) */
  const char       *recent[N_RECENT];

  GHashTable       *channels;       /* interned id -> SapaReportSeries, owned by data */
  GHashTable       *categories;
  GHashTable       *sla_groups;     /* interned channel -> SlaGroup */
  SlaGroup         *sla_total;
  GHashTable       *escalation_rows;  /* "unit\x1f" "airport" -> row, owned by data */
  GHashTable       *ssr_rows;       /* code -> SapaReportSsrRow, owned by data */
  GHashTable       *airlines;       /* airline -> SapaReportAirlineRow, owned by data */
  GArray           *waits[SAPA_REPORT_N_PASSENGER_KINDS];
  GArray           *services[SAPA_REPORT_N_PASSENGER_KINDS];
};

SlaGroup *sapa_report_sla_group_new  (const char *channel);
void      sapa_report_sla_group_free (SlaGroup   *group);

/* Computes the figures of one ticket from its activities that matter,
 * sorted by time. */
void sapa_report_builder_add_ticket_figures (SapaReportBuilder *self,
                                             const Ticket      *ticket,
                                             const Event       *events,
                                             guint              n_events);

/* Counts each distinct code of @ssr once, as a booking or a walk-in. */
void sapa_report_builder_count_ssr          (SapaReportBuilder *self,
                                             const char        *ssr,
                                             gboolean           booking);

/* Sorts the rows and computes the medians once every ticket is in. */
void sapa_report_builder_complete_figures   (SapaReportBuilder *self);

G_END_DECLS
