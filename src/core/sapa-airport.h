/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-airport.h: the airports of the network and their time zones */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *iata;        /* "CGK" */
  const char *name;        /* "Soekarno–Hatta" (proper name, not translated) */
  const char *city;        /* "Tangerang", where the airport is */
  const char *served;      /* "Jakarta", the city it serves when not @city, or NULL */
  const char *province;    /* "Banten" */
  const char *time_zone;   /* IANA name: "Asia/Jakarta" */
} SapaAirport;

/* How well an airport matches a search, best first. */
typedef enum {
  SAPA_AIRPORT_MATCH_NONE,
  SAPA_AIRPORT_MATCH_PART,    /* inside a word: "papan" */
  SAPA_AIRPORT_MATCH_PREFIX,  /* the start of a word: "bali" in "Balikpapan" */
  SAPA_AIRPORT_MATCH_WORD,    /* a whole word or name: "bali", "ngurah rai", "dps" */
} SapaAirportMatch;

/* Returns the airport with IATA code @iata (any letter case), or NULL. */
const SapaAirport *sapa_airport_lookup       (const char *iata);

/* Returns the static table of airports, sorted by IATA code. */
const SapaAirport *sapa_airport_get_all      (guint      *n_airports);

/* Returns how well @search matches @airport's code, name, city, served
 * city or province, ignoring letter case, diacritics and apostrophes.
 * An empty search matches nothing. */
SapaAirportMatch   sapa_airport_match        (const SapaAirport *airport,
                                              const char        *search);

/* Returns "WIB", "WITA" or "WIT" for Asia/Jakarta, Asia/Pontianak,
 * Asia/Makassar and Asia/Jayapura, or NULL for any other zone. */
const char        *sapa_time_zone_abbreviation (const char *iana);

G_END_DECLS
