/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-airport.c: the airports of the network and their time zones */

#define G_LOG_DOMAIN "sapa-airport"

#include <stdlib.h>
#include <string.h>

#include "sapa-airport.h"
#include "sapa-text.h"

/* Airports of the network, sorted by IATA code for bsearch. The city is
 * where the airport is, which for some is the regency next to the city it
 * serves (Soekarno–Hatta is in Tangerang and serves Jakarta); the served
 * city is then given too, since officers search by it. Zones follow the provinces: Sumatra, Java,
 * West and Central Kalimantan keep WIB (UTC+7, Asia/Jakarta or
 * Asia/Pontianak); Bali, Nusa Tenggara, South, East and North Kalimantan
 * and Sulawesi keep WITA (UTC+8, Asia/Makassar); Maluku, North Maluku and
 * Papua keep WIT (UTC+9, Asia/Jayapura). */
static const SapaAirport airports[] = {
  { "AAP", "Aji Pangeran Tumenggung Pranoto", "Samarinda", NULL, "Kalimantan Timur", "Asia/Makassar" },
  { "AMQ", "Pattimura", "Ambon", NULL, "Maluku", "Asia/Jayapura" },
  { "BDJ", "Syamsudin Noor", "Banjarbaru", "Banjarmasin", "Kalimantan Selatan", "Asia/Makassar" },
  { "BDO", "Husein Sastranegara", "Bandung", NULL, "Jawa Barat", "Asia/Jakarta" },
  { "BEJ", "Kalimarau", "Berau", NULL, "Kalimantan Timur", "Asia/Makassar" },
  { "BIK", "Frans Kaisiepo", "Biak", NULL, "Papua", "Asia/Jayapura" },
  { "BKS", "Fatmawati Soekarno", "Bengkulu", NULL, "Bengkulu", "Asia/Jakarta" },
  { "BMU", "Sultan Muhammad Salahuddin", "Bima", NULL, "Nusa Tenggara Barat", "Asia/Makassar" },
  { "BPN", "Sultan Aji Muhammad Sulaiman Sepinggan", "Balikpapan", NULL, "Kalimantan Timur", "Asia/Makassar" },
  { "BTH", "Hang Nadim", "Batam", NULL, "Kepulauan Riau", "Asia/Jakarta" },
  { "BTJ", "Sultan Iskandar Muda", "Aceh Besar", "Banda Aceh", "Aceh", "Asia/Jakarta" },
  { "BWX", "Banyuwangi", "Banyuwangi", NULL, "Jawa Timur", "Asia/Jakarta" },
  { "CGK", "Soekarno–Hatta", "Tangerang", "Jakarta", "Banten", "Asia/Jakarta" },
  { "DJB", "Sultan Thaha", "Jambi", NULL, "Jambi", "Asia/Jakarta" },
  { "DJJ", "Sentani", "Jayapura", NULL, "Papua", "Asia/Jayapura" },
  { "DPS", "I Gusti Ngurah Rai", "Badung", "Denpasar", "Bali", "Asia/Makassar" },
  { "GTO", "Djalaluddin", "Gorontalo", NULL, "Gorontalo", "Asia/Makassar" },
  { "HLP", "Halim Perdanakusuma", "Jakarta", NULL, "DKI Jakarta", "Asia/Jakarta" },
  { "JOG", "Adisutjipto", "Sleman", "Yogyakarta", "DI Yogyakarta", "Asia/Jakarta" },
  { "KDI", "Haluoleo", "Kendari", NULL, "Sulawesi Tenggara", "Asia/Makassar" },
  { "KJT", "Kertajati", "Majalengka", NULL, "Jawa Barat", "Asia/Jakarta" },
  { "KNO", "Kualanamu", "Deli Serdang", "Medan", "Sumatera Utara", "Asia/Jakarta" },
  { "KOE", "El Tari", "Kupang", NULL, "Nusa Tenggara Timur", "Asia/Makassar" },
  { "LBJ", "Komodo", "Labuan Bajo", NULL, "Nusa Tenggara Timur", "Asia/Makassar" },
  { "LOP", "Lombok", "Praya", "Mataram", "Nusa Tenggara Barat", "Asia/Makassar" },
  { "MDC", "Sam Ratulangi", "Manado", NULL, "Sulawesi Utara", "Asia/Makassar" },
  { "MKQ", "Mopah", "Merauke", NULL, "Papua Selatan", "Asia/Jayapura" },
  { "MKW", "Rendani", "Manokwari", NULL, "Papua Barat", "Asia/Jayapura" },
  { "MLG", "Abdul Rachman Saleh", "Malang", NULL, "Jawa Timur", "Asia/Jakarta" },
  { "PDG", "Minangkabau", "Padang Pariaman", "Padang", "Sumatera Barat", "Asia/Jakarta" },
  { "PGK", "Depati Amir", "Pangkalpinang", NULL, "Kepulauan Bangka Belitung", "Asia/Jakarta" },
  { "PKU", "Sultan Syarif Kasim II", "Pekanbaru", NULL, "Riau", "Asia/Jakarta" },
  { "PKY", "Tjilik Riwut", "Palangka Raya", NULL, "Kalimantan Tengah", "Asia/Pontianak" },
  { "PLM", "Sultan Mahmud Badaruddin II", "Palembang", NULL, "Sumatera Selatan", "Asia/Jakarta" },
  { "PLW", "Mutiara SIS Al-Jufrie", "Palu", NULL, "Sulawesi Tengah", "Asia/Makassar" },
  { "PNK", "Supadio", "Pontianak", NULL, "Kalimantan Barat", "Asia/Pontianak" },
  { "SOC", "Adi Soemarmo", "Boyolali", "Surakarta", "Jawa Tengah", "Asia/Jakarta" },
  { "SOQ", "Domine Eduard Osok", "Sorong", NULL, "Papua Barat Daya", "Asia/Jayapura" },
  { "SRG", "Jenderal Ahmad Yani", "Semarang", NULL, "Jawa Tengah", "Asia/Jakarta" },
  { "SUB", "Juanda", "Sidoarjo", "Surabaya", "Jawa Timur", "Asia/Jakarta" },
  { "TIM", "Mozes Kilangin", "Timika", NULL, "Papua Tengah", "Asia/Jayapura" },
  { "TJQ", "H.A.S. Hanandjoeddin", "Belitung", NULL, "Kepulauan Bangka Belitung", "Asia/Jakarta" },
  { "TKG", "Radin Inten II", "Lampung Selatan", "Bandar Lampung", "Lampung", "Asia/Jakarta" },
  { "TNJ", "Raja Haji Fisabilillah", "Tanjung Pinang", NULL, "Kepulauan Riau", "Asia/Jakarta" },
  { "TRK", "Juwata", "Tarakan", NULL, "Kalimantan Utara", "Asia/Makassar" },
  { "TTE", "Sultan Babullah", "Ternate", NULL, "Maluku Utara", "Asia/Jayapura" },
  { "UPG", "Sultan Hasanuddin", "Maros", "Makassar", "Sulawesi Selatan", "Asia/Makassar" },
  { "YIA", "Yogyakarta International", "Kulon Progo", "Yogyakarta", "DI Yogyakarta", "Asia/Jakarta" },
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

/* Folds @text as sapa_text_fold() does and turns every run of other
 * characters than letters and digits into one space, so "Soekarno–Hatta"
 * and "soekarno hatta" compare equal. */
static char *
fold_words (const char *text)
{
  g_autofree char *folded = sapa_text_fold (text);
  GString *words = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          gap = TRUE;
          continue;
        }
      if (gap && words->len > 0)
        g_string_append_c (words, ' ');
      gap = FALSE;
      g_string_append_unichar (words, c);
    }

  return g_string_free (words, FALSE);
}

/* Returns how well @needle, folded, matches @text at its best place. */
static SapaAirportMatch
match_text (const char *text,
            const char *needle)
{
  g_autofree char *haystack = NULL;
  SapaAirportMatch best = SAPA_AIRPORT_MATCH_NONE;
  size_t length = strlen (needle);

  if (text == NULL)
    return SAPA_AIRPORT_MATCH_NONE;

  haystack = fold_words (text);
  for (const char *found = strstr (haystack, needle); found != NULL; found = strstr (found + 1, needle))
    {
      gboolean starts_word = found == haystack || found[-1] == ' ';
      gboolean ends_word = found[length] == '\0' || found[length] == ' ';

      if (starts_word && ends_word)
        return SAPA_AIRPORT_MATCH_WORD;
      best = MAX (best, starts_word ? SAPA_AIRPORT_MATCH_PREFIX : SAPA_AIRPORT_MATCH_PART);
    }

  return best;
}

SapaAirportMatch
sapa_airport_match (const SapaAirport *airport,
                    const char        *search)
{
  g_autofree char *needle = NULL;
  const char *fields[5];
  SapaAirportMatch best = SAPA_AIRPORT_MATCH_NONE;

  g_return_val_if_fail (airport != NULL, SAPA_AIRPORT_MATCH_NONE);
  g_return_val_if_fail (search != NULL, SAPA_AIRPORT_MATCH_NONE);

  needle = fold_words (search);
  if (*needle == '\0')
    return SAPA_AIRPORT_MATCH_NONE;

  fields[0] = airport->iata;
  fields[1] = airport->name;
  fields[2] = airport->city;
  fields[3] = airport->served;
  fields[4] = airport->province;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    best = MAX (best, match_text (fields[i], needle));

  return best;
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
