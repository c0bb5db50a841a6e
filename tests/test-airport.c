/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-airport.c: the airport table, lookups and zone abbreviations */

#include <string.h>

#include "sapa-airport.h"

static void
test_airport_table_sorted (void)
{
  guint n_airports = 0;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);

  g_assert_nonnull (airports);
  g_assert_cmpuint (n_airports, >=, 30);

  for (guint i = 1; i < n_airports; i++)
    g_assert_cmpstr (airports[i - 1].iata, <, airports[i].iata);
}

static void
test_airport_table_fields (void)
{
  guint n_airports = 0;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);

  for (guint i = 0; i < n_airports; i++)
    {
      const SapaAirport *airport = &airports[i];
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (airport->time_zone);

      g_test_message ("airport: %s", airport->iata);
      g_assert_cmpuint (strlen (airport->iata), ==, 3);
      for (guint j = 0; j < 3; j++)
        g_assert_true (g_ascii_isupper (airport->iata[j]));
      g_assert_cmpstr (airport->name, !=, "");
      g_assert_cmpstr (airport->city, !=, "");
      g_assert_nonnull (airport->province);
      g_assert_cmpstr (airport->province, !=, "");
      /* A served city is given only when it is not where the airport is. */
      g_assert_cmpstr (airport->served, !=, "");
      g_assert_cmpstr (airport->served, !=, airport->city);
      g_assert_nonnull (sapa_time_zone_abbreviation (airport->time_zone));
      g_assert_nonnull (zone);
      g_assert_true (sapa_airport_lookup (airport->iata) == airport);
    }
}

static void
test_airport_all_three_zones (void)
{
  guint n_airports = 0;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);
  guint wib = 0;
  guint wita = 0;
  guint wit = 0;

  for (guint i = 0; i < n_airports; i++)
    {
      const char *abbreviation = sapa_time_zone_abbreviation (airports[i].time_zone);

      if (g_strcmp0 (abbreviation, "WIB") == 0)
        wib++;
      else if (g_strcmp0 (abbreviation, "WITA") == 0)
        wita++;
      else if (g_strcmp0 (abbreviation, "WIT") == 0)
        wit++;
    }

  g_assert_cmpuint (wib, >, 0);
  g_assert_cmpuint (wita, >, 0);
  g_assert_cmpuint (wit, >, 0);
}

static void
test_airport_lookup (void)
{
  static const struct {
    const char *iata;
    const char *name;
    const char *city;
    const char *time_zone;
  } cases[] = {
    { "CGK", "Soekarno–Hatta", "Tangerang", "Asia/Jakarta" },
    { "HLP", "Halim Perdanakusuma", "Jakarta", "Asia/Jakarta" },
    { "KNO", "Kualanamu", "Deli Serdang", "Asia/Jakarta" },
    { "PNK", "Supadio", "Pontianak", "Asia/Pontianak" },
    { "PKY", "Tjilik Riwut", "Palangka Raya", "Asia/Pontianak" },
    { "YIA", "Yogyakarta International", "Kulon Progo", "Asia/Jakarta" },
    { "SUB", "Juanda", "Sidoarjo", "Asia/Jakarta" },
    { "DPS", "I Gusti Ngurah Rai", "Badung", "Asia/Makassar" },
    { "UPG", "Sultan Hasanuddin", "Maros", "Asia/Makassar" },
    { "BPN", "Sultan Aji Muhammad Sulaiman Sepinggan", "Balikpapan", "Asia/Makassar" },
    { "BDJ", "Syamsudin Noor", "Banjarbaru", "Asia/Makassar" },
    { "TRK", "Juwata", "Tarakan", "Asia/Makassar" },
    { "KOE", "El Tari", "Kupang", "Asia/Makassar" },
    { "AMQ", "Pattimura", "Ambon", "Asia/Jayapura" },
    { "TTE", "Sultan Babullah", "Ternate", "Asia/Jayapura" },
    { "DJJ", "Sentani", "Jayapura", "Asia/Jayapura" },
    { "MKQ", "Mopah", "Merauke", "Asia/Jayapura" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SapaAirport *airport = sapa_airport_lookup (cases[i].iata);

      g_test_message ("airport: %s", cases[i].iata);
      g_assert_nonnull (airport);
      g_assert_cmpstr (airport->iata, ==, cases[i].iata);
      g_assert_cmpstr (airport->name, ==, cases[i].name);
      g_assert_cmpstr (airport->city, ==, cases[i].city);
      g_assert_cmpstr (airport->time_zone, ==, cases[i].time_zone);
    }
}

static void
test_airport_lookup_case_and_unknown (void)
{
  const SapaAirport *cgk = sapa_airport_lookup ("CGK");

  g_assert_true (sapa_airport_lookup ("cgk") == cgk);
  g_assert_true (sapa_airport_lookup ("Cgk") == cgk);
  g_assert_null (sapa_airport_lookup ("XXX"));
  g_assert_null (sapa_airport_lookup ("SIN"));
  g_assert_null (sapa_airport_lookup (""));
  g_assert_null (sapa_airport_lookup ("CG"));
  g_assert_null (sapa_airport_lookup ("CGKX"));
  g_assert_null (sapa_airport_lookup ("ÇGK"));
}

static void
test_airport_match (void)
{
  static const struct {
    const char       *search;
    const char       *iata;
    SapaAirportMatch  expected;
  } cases[] = {
    { "dps", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "DPS", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "denpasar", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "bali", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "bali", "BPN", SAPA_AIRPORT_MATCH_PREFIX },
    { "Ngurah Rai", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "  ngurah   rai ", "DPS", SAPA_AIRPORT_MATCH_WORD },
    { "ngur", "DPS", SAPA_AIRPORT_MATCH_PREFIX },
    { "papan", "BPN", SAPA_AIRPORT_MATCH_PART },
    { "soekarno hatta", "CGK", SAPA_AIRPORT_MATCH_WORD },
    { "Soekarno–Hatta", "CGK", SAPA_AIRPORT_MATCH_WORD },
    { "jakarta", "CGK", SAPA_AIRPORT_MATCH_WORD },
    { "jakarta", "HLP", SAPA_AIRPORT_MATCH_WORD },
    { "SURABAYA", "SUB", SAPA_AIRPORT_MATCH_WORD },
    { "makassar", "UPG", SAPA_AIRPORT_MATCH_WORD },
    { "medan", "KNO", SAPA_AIRPORT_MATCH_WORD },
    { "papua", "DJJ", SAPA_AIRPORT_MATCH_WORD },
    { "hanandjoeddin", "TJQ", SAPA_AIRPORT_MATCH_WORD },
    { "bali", "CGK", SAPA_AIRPORT_MATCH_NONE },
    { "xyz", "DPS", SAPA_AIRPORT_MATCH_NONE },
    { "", "DPS", SAPA_AIRPORT_MATCH_NONE },
    { "  ", "DPS", SAPA_AIRPORT_MATCH_NONE },
    { "--", "DPS", SAPA_AIRPORT_MATCH_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SapaAirport *airport = sapa_airport_lookup (cases[i].iata);

      g_test_message ("search “%s” in %s", cases[i].search, cases[i].iata);
      g_assert_nonnull (airport);
      g_assert_cmpint (sapa_airport_match (airport, cases[i].search), ==, cases[i].expected);
    }
}

static void
test_airport_zone_abbreviation (void)
{
  g_assert_cmpstr (sapa_time_zone_abbreviation ("Asia/Jakarta"), ==, "WIB");
  g_assert_cmpstr (sapa_time_zone_abbreviation ("Asia/Pontianak"), ==, "WIB");
  g_assert_cmpstr (sapa_time_zone_abbreviation ("Asia/Makassar"), ==, "WITA");
  g_assert_cmpstr (sapa_time_zone_abbreviation ("Asia/Jayapura"), ==, "WIT");
  g_assert_null (sapa_time_zone_abbreviation ("Asia/Singapore"));
  g_assert_null (sapa_time_zone_abbreviation ("UTC"));
  g_assert_null (sapa_time_zone_abbreviation ("asia/jakarta"));
  g_assert_null (sapa_time_zone_abbreviation (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/airport/table-sorted", test_airport_table_sorted);
  g_test_add_func ("/sapa/airport/table-fields", test_airport_table_fields);
  g_test_add_func ("/sapa/airport/all-three-zones", test_airport_all_three_zones);
  g_test_add_func ("/sapa/airport/lookup", test_airport_lookup);
  g_test_add_func ("/sapa/airport/lookup-case-and-unknown", test_airport_lookup_case_and_unknown);
  g_test_add_func ("/sapa/airport/match", test_airport_match);
  g_test_add_func ("/sapa/airport/zone-abbreviation", test_airport_zone_abbreviation);

  return g_test_run ();
}
