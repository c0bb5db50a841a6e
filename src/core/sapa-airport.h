/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-airport.h: the airports of the network and their time zones */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *iata;        /* "CGK" */
  const char *name;        /* "Soekarno–Hatta" (proper name, not translated) */
  const char *city;        /* "Tangerang" */
  const char *time_zone;   /* IANA name: "Asia/Jakarta" */
} SapaAirport;

/* Returns the airport with IATA code @iata (any letter case), or NULL. */
const SapaAirport *sapa_airport_lookup       (const char *iata);

/* Returns the static table of airports, sorted by IATA code. */
const SapaAirport *sapa_airport_get_all      (guint      *n_airports);

/* Returns "WIB", "WITA" or "WIT" for Asia/Jakarta, Asia/Pontianak,
 * Asia/Makassar and Asia/Jayapura, or NULL for any other zone. */
const char        *sapa_time_zone_abbreviation (const char *iana);

G_END_DECLS
