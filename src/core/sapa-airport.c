/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-airport.c: the airports of the network and their time zones */

#define G_LOG_DOMAIN "sapa-airport"

#include <stdlib.h>
#include <string.h>

#include "sapa-airport.h"

/* Airports of the network, sorted by IATA code for bsearch. The city is
 * where the airport is, which for some is the regency next to the city it
 * serves (Soekarno–Hatta is in Tangerang and serves Jakarta). Zones follow the provinces: Sumatra, Java,
 * West and Central Kalimantan keep WIB (UTC+7, Asia/Jakarta or
 * Asia/Pontianak); Bali, Nusa Tenggara, South, East and North Kalimantan
 * and Sulawesi keep WITA (UTC+8, Asia/Makassar); Maluku, North Maluku and
 * Papua keep WIT (UTC+9, Asia/Jayapura). */
static const SapaAirport airports[] = {
  { "AAP", "Aji Pangeran Tumenggung Pranoto", "Samarinda", "Asia/Makassar" },
  { "AMQ", "Pattimura", "Ambon", "Asia/Jayapura" },
  { "BDJ", "Syamsudin Noor", "Banjarbaru", "Asia/Makassar" },
  { "BDO", "Husein Sastranegara", "Bandung", "Asia/Jakarta" },
  { "BEJ", "Kalimarau", "Berau", "Asia/Makassar" },
  { "BIK", "Frans Kaisiepo", "Biak", "Asia/Jayapura" },
  { "BKS", "Fatmawati Soekarno", "Bengkulu", "Asia/Jakarta" },
  { "BMU", "Sultan Muhammad Salahuddin", "Bima", "Asia/Makassar" },
  { "BPN", "Sultan Aji Muhammad Sulaiman Sepinggan", "Balikpapan", "Asia/Makassar" },
  { "BTH", "Hang Nadim", "Batam", "Asia/Jakarta" },
  { "BTJ", "Sultan Iskandar Muda", "Aceh Besar", "Asia/Jakarta" },
  { "BWX", "Banyuwangi", "Banyuwangi", "Asia/Jakarta" },
  { "CGK", "Soekarno–Hatta", "Tangerang", "Asia/Jakarta" },
  { "DJB", "Sultan Thaha", "Jambi", "Asia/Jakarta" },
  { "DJJ", "Sentani", "Jayapura", "Asia/Jayapura" },
  { "DPS", "I Gusti Ngurah Rai", "Badung", "Asia/Makassar" },
  { "GTO", "Djalaluddin", "Gorontalo", "Asia/Makassar" },
  { "HLP", "Halim Perdanakusuma", "Jakarta", "Asia/Jakarta" },
  { "JOG", "Adisutjipto", "Sleman", "Asia/Jakarta" },
  { "KDI", "Haluoleo", "Kendari", "Asia/Makassar" },
  { "KJT", "Kertajati", "Majalengka", "Asia/Jakarta" },
  { "KNO", "Kualanamu", "Deli Serdang", "Asia/Jakarta" },
  { "KOE", "El Tari", "Kupang", "Asia/Makassar" },
  { "LBJ", "Komodo", "Labuan Bajo", "Asia/Makassar" },
  { "LOP", "Lombok", "Praya", "Asia/Makassar" },
  { "MDC", "Sam Ratulangi", "Manado", "Asia/Makassar" },
  { "MKQ", "Mopah", "Merauke", "Asia/Jayapura" },
  { "MKW", "Rendani", "Manokwari", "Asia/Jayapura" },
  { "MLG", "Abdul Rachman Saleh", "Malang", "Asia/Jakarta" },
  { "PDG", "Minangkabau", "Padang Pariaman", "Asia/Jakarta" },
  { "PGK", "Depati Amir", "Pangkalpinang", "Asia/Jakarta" },
  { "PKU", "Sultan Syarif Kasim II", "Pekanbaru", "Asia/Jakarta" },
  { "PKY", "Tjilik Riwut", "Palangka Raya", "Asia/Pontianak" },
  { "PLM", "Sultan Mahmud Badaruddin II", "Palembang", "Asia/Jakarta" },
  { "PLW", "Mutiara SIS Al-Jufrie", "Palu", "Asia/Makassar" },
  { "PNK", "Supadio", "Pontianak", "Asia/Pontianak" },
  { "SOC", "Adi Soemarmo", "Boyolali", "Asia/Jakarta" },
  { "SOQ", "Domine Eduard Osok", "Sorong", "Asia/Jayapura" },
  { "SRG", "Jenderal Ahmad Yani", "Semarang", "Asia/Jakarta" },
  { "SUB", "Juanda", "Sidoarjo", "Asia/Jakarta" },
  { "TIM", "Mozes Kilangin", "Timika", "Asia/Jayapura" },
  { "TJQ", "H.A.S. Hanandjoeddin", "Belitung", "Asia/Jakarta" },
  { "TKG", "Radin Inten II", "Lampung Selatan", "Asia/Jakarta" },
  { "TNJ", "Raja Haji Fisabilillah", "Tanjung Pinang", "Asia/Jakarta" },
  { "TRK", "Juwata", "Tarakan", "Asia/Makassar" },
  { "TTE", "Sultan Babullah", "Ternate", "Asia/Jayapura" },
  { "UPG", "Sultan Hasanuddin", "Maros", "Asia/Makassar" },
  { "YIA", "Yogyakarta International", "Kulon Progo", "Asia/Jakarta" },
};

static int
compare_code_to_airport (const void *key,
                         const void *element)
{
  const SapaAirport *airport = element;

  return strcmp (key, airport->iata);
}

const SapaAirport *
sapa_airport_lookup (const char *iata)
{
  char code[4];

  g_return_val_if_fail (iata != NULL, NULL);

  if (strlen (iata) != 3)
    return NULL;

  for (guint i = 0; i < 3; i++)
    code[i] = g_ascii_toupper (iata[i]);
  code[3] = '\0';

  return bsearch (code, airports, G_N_ELEMENTS (airports), sizeof airports[0],
                  compare_code_to_airport);
}

const SapaAirport *
sapa_airport_get_all (guint *n_airports)
{
  g_return_val_if_fail (n_airports != NULL, NULL);

  *n_airports = G_N_ELEMENTS (airports);
  return airports;
}

const char *
sapa_time_zone_abbreviation (const char *iana)
{
  g_return_val_if_fail (iana != NULL, NULL);

  if (strcmp (iana, "Asia/Jakarta") == 0 || strcmp (iana, "Asia/Pontianak") == 0)
    return "WIB";

  if (strcmp (iana, "Asia/Makassar") == 0)
    return "WITA";

  if (strcmp (iana, "Asia/Jayapura") == 0)
    return "WIT";

  return NULL;
}
