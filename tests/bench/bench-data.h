/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-data.h: seeded, realistic tickets for the benchmarks */
#pragma once

#include "sapa-airport.h"
#include "sapa-wizard.h"

G_BEGIN_DECLS

/* The 12 airports the data sets spread over: five in WIB (one of them in
 * Asia/Pontianak), five in WITA and two in WIT. */
#define BENCH_N_AIRPORTS 12
/* Desks per airport; a ticket's desk is drawn from 1 to this. */
#define BENCH_N_WORKSTATIONS 8

/* The airport table entries of the bench airports, in a fixed order. */
const SapaAirport *bench_airport (guint index);

/* The person a ticket is for: a cleaned name and a phone number as an
 * officer would type it. The strings are owned by the caller. */
typedef struct {
  char *name;
  char *phone;
} BenchCaller;

void  bench_caller_clear  (BenchCaller *caller);

/* Draws a realistic Indonesian name (diacritics, apostrophes, several
 * words) and a phone number in one of the writings officers use. */
void  bench_caller_draw   (GRand       *rand,
                           BenchCaller *caller);

/* Returns about @target_chars characters of Indonesian words, without
 * line breaks. */
char *bench_purpose_draw  (GRand       *rand,
                           guint        target_chars);

/* Returns one word of the purpose word list, for searches. */
const char *bench_purpose_word (GRand  *rand);

/* Walks a counter (or, for a quarter of the tickets, a Dial 172) feedback
 * from its greeting to its end, one to three minutes a step, starting at
 * @start_us: 85 % are answered and closed (3 % of all after one
 * correction at the read-back) and 15 % are escalated to a unit. The flow is always
 * finished, so no draft remains. @caller is the person. The activities
 * are left in the wizard for sapa_wizard_take_activities(). Aborts when
 * a generated value does not validate, since that is a bug of this file. */
SapaWizard *bench_walk_ticket (GRand             *rand,
                               const SapaAirport *airport,
                               guint              workstation,
                               const BenchCaller *caller,
                               gint64             start_us);

/* Latency samples in microseconds. */
typedef struct {
  GArray *values;   /* gint64 */
} BenchSamples;

void    bench_samples_init       (BenchSamples *samples);
void    bench_samples_clear      (BenchSamples *samples);
void    bench_samples_add        (BenchSamples *samples,
                                  gint64        value_us);
/* The nearest-rank percentile @p (0 to 100) of the samples, in µs. */
gint64  bench_samples_percentile (BenchSamples *samples,
                                  double        p);
gint64  bench_samples_sum        (BenchSamples *samples);

/* Prints one row of the results table:
 * | benchmark | metric | Sapa | raw limit | ratio | target | met |.
 * @met is "met", "missed" or "-" when the row has no target. */
void    bench_print_row          (const char *benchmark,
                                  const char *metric,
                                  const char *sapa,
                                  const char *raw,
                                  double      ratio,
                                  const char *target,
                                  const char *met);

/* Returns "-" when @judge is FALSE (tiny runs), else "met" or "missed". */
const char *bench_verdict        (gboolean    judge,
                                  gboolean    met);

G_END_DECLS
