/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-data.c: seeded, realistic tickets for the benchmarks */

#include "bench-data.h"

#include <stdio.h>

#include "sapa-flow.h"

/* Five WIB airports (PNK is in Asia/Pontianak), five WITA, two WIT. */
static const char * const airport_codes[BENCH_N_AIRPORTS] = {
  "CGK", "SUB", "KNO", "YIA", "PNK",
  "DPS", "UPG", "BPN", "LOP", "MDC",
  "DJJ", "TIM",
};

const SapaAirport *
bench_airport (guint index)
{
  const SapaAirport *airport;

  g_return_val_if_fail (index < BENCH_N_AIRPORTS, NULL);

  airport = sapa_airport_lookup (airport_codes[index]);
  g_assert (airport != NULL);
  return airport;
}

/* Names as passengers give them: Arabic names in Indonesian spelling with
 * curly or straight apostrophes, a few in scholarly transliteration,
 * Balinese birth-order names, Batak, Minahasan and Papuan family names,
 * and foreign travellers. */
static const char * const given_names[] = {
  "Ma’ruf", "Nur’aini", "Ṣāliḥ", "Syafi’i", "Mu’min", "Sa’adah", "Ni’mah",
  "Ja’far", "Mas’ud", "Rif’at", "Ma'ruf", "Nur'aini", "Fu’ad", "Zulkarnaen",
  "Siti", "Dewi", "Agus", "Budi", "Sri", "Wahyu", "Eko", "Dwi", "Tri",
  "Ahmad", "Muhammad", "Abdul", "Fatimah", "Aisyah", "Khadijah", "Rizky",
  "Putri", "Indah", "Ayu", "Bayu", "Rina", "Yusuf", "Ibrahim", "Hasan",
  "Fransiskus", "Yohanes", "Maria", "Theresia", "Ignatius", "Agustinus",
  "Made", "Wayan", "Nyoman", "Ketut", "Komang", "Kadek", "Gede", "Putu",
  "Andreas", "Yosef", "Markus", "Lukas", "Stefanus", "Kristina", "Debora",
  "Cahya", "Galih", "Lestari", "Wulan", "Bintang", "Citra", "Gilang",
  "Zoë", "José", "Søren", "Nguyễn Văn", "Đức", "Chloé", "Renée", "Björn",
  "Ḥusayn", "ʿAlī", "Fāṭimah", "Hamzah", "Zainab", "Ruqayyah", "Ummu",
};

static const char * const family_names[] = {
  "Nasution", "Siregar", "Simanjuntak", "Sinaga", "Manurung", "Tanjung",
  "Lubis", "Harahap", "Hutapea", "Pardede", "Lumban Tobing", "Panjaitan",
  "Wijaya", "Halim", "Gunawan", "Santoso", "Kusuma", "Pratama", "Saputra",
  "Hidayat", "Rahman", "Hasibuan", "Daulay", "Pohan", "Setiawan", "Susanto",
  "Wenda", "Kogoya", "Wonda", "Tabuni", "Rumbiak", "Mandacan", "Kaisiepo",
  "Wanggai", "Pangaribuan", "Rumengan", "Lumentut", "Sumampouw", "Pangemanan",
  "Ma’arif", "Al-Jufri", "bin ‘Abdullah", "binti Sa’id", "Ba’asyir",
  "Assegaf", "Al-Habsyi", "Syahab", "Sitompul", "Purba", "Ginting",
  "Tarigan", "Sembiring", "Karo-Karo", "Rangkuti", "Batubara", "Matondang",
  "Sukmawati", "Kartika", "Prasetyo", "Nugroho", "Hartono", "Suharto",
  "O’Brien", "Müller", "Dubois", "García", "Nakamura", "Nguyễn", "Ødegård",
};

static const char * const balinese_prefixes[] = {
  "I Gusti Ayu", "I Gusti Ngurah", "Ni Luh Putu", "Ni Made", "I Wayan",
  "Ida Bagus", "Anak Agung", "Ni Komang", "I Ketut", "Cokorda",
};

static const char * const purpose_words[] = {
  "tas", "koper", "hitam", "biru", "tertinggal", "hilang", "di", "gate",
  "terminal", "kedatangan", "keberangkatan", "penerbangan", "tertunda",
  "dibatalkan", "jadwal", "bagasi", "rusak", "robek", "roda", "kursi",
  "ibu", "bapak", "anak", "saya", "kami", "mohon", "bantuan", "informasi",
  "tentang", "lokasi", "mushola", "toilet", "kotor", "antrean", "panjang",
  "petugas", "keamanan", "pemeriksaan", "parkir", "tarif", "taksi", "bus",
  "kereta", "bandara", "menuju", "kota", "boarding", "pass", "tiket",
  "maskapai", "check-in", "konter", "tutup", "terlambat", "transit",
  "dompet", "ponsel", "paspor", "KTP", "tertukar", "mencari", "keluarga",
  "penjemputan", "lansia", "hamil", "disabilitas", "pendamping", "medis",
  "obat", "ruang", "tunggu", "dingin", "panas", "AC", "mati", "listrik",
  "wifi", "tidak", "bisa", "tersambung", "pengumuman", "terdengar", "jelas",
  "makanan", "minuman", "mahal", "kembalian", "kurang", "struk", "pajak",
  "layanan", "ramah", "cepat", "lambat", "keluhan", "saran", "pujian",
  "terima", "kasih", "atas", "bagaimana", "cara", "mengurus", "klaim",
  "asuransi", "barang", "berharga", "laptop", "kamera", "jam", "tangan",
  "sejak", "pagi", "siang", "sore", "malam", "kemarin", "tadi", "sekitar",
  "pukul", "lantai", "dua", "tiga", "sebelah", "dekat", "eskalator", "lift",
  "troli", "habis", "rusak", "lampu", "padam", "tangga", "licin", "basah",
  "hujan", "bocor", "atap", "rombongan", "umrah", "haji", "pulang", "mudik",
  "lebaran", "natal", "libur", "sekolah", "Ma’ruf", "Nur’aini", "ṣalāt",
};

static const char * const mobile_prefixes[] = {
  "811", "812", "813", "821", "822", "823", "852", "853", "857", "858",
  "877", "878", "881", "882", "895", "896", "897", "899",
};

/* Area codes and the length of their subscriber numbers. */
static const struct {
  const char *code;
  guint       digits;
} area_codes[] = {
  { "21", 8 }, { "31", 7 }, { "61", 7 }, { "274", 6 }, { "561", 6 },
  { "361", 6 }, { "411", 6 }, { "542", 6 }, { "370", 6 }, { "431", 6 },
  { "967", 6 }, { "901", 6 },
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

void
bench_caller_clear (BenchCaller *caller)
{
  g_clear_pointer (&caller->name, g_free);
  g_clear_pointer (&caller->phone, g_free);
}

static char *
draw_name (GRand *rand)
{
  int shape = g_rand_int_range (rand, 0, 100);

  if (shape < 10)
    return g_strdup_printf ("%s %s", PICK (rand, balinese_prefixes), PICK (rand, given_names));
  if (shape < 25)
    /* A single name, as many Javanese have. */
    return g_strdup (PICK (rand, given_names));
  if (shape < 45)
    return g_strdup_printf ("%s %s %s", PICK (rand, given_names), PICK (rand, given_names),
                            PICK (rand, family_names));
  return g_strdup_printf ("%s %s", PICK (rand, given_names), PICK (rand, family_names));
}

static void
append_random_digits (GRand   *rand,
                      GString *digits,
                      guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (digits, '0' + g_rand_int_range (rand, 0, 10));
}

/* Returns @ascii with each digit d written as U+0660 + d (Arabic-Indic),
 * as a phone number typed on an Arabic keyboard. */
static char *
to_arabic_indic (const char *ascii)
{
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (out, 0x0660 + (*p - '0'));
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Writes a mobile national significant number ("8123456789") in one of
 * the writings of the store's phone tests. */
static char *
write_mobile (GRand      *rand,
              const char *nsn)
{
  int len = strlen (nsn);
  int writing = g_rand_int_range (rand, 0, 100);

  if (writing < 30)
    return g_strdup_printf ("0%.3s-%.4s-%s", nsn, nsn + 3, nsn + 7);
  if (writing < 50)
    return g_strdup_printf ("0%s", nsn);
  if (writing < 65)
    return g_strdup_printf ("+62 %.3s %.4s %s", nsn, nsn + 3, nsn + 7);
  if (writing < 75)
    return g_strdup_printf ("+62%s", nsn);
  if (writing < 85)
    return g_strdup_printf ("62%.3s %.*s %s", nsn, 4, nsn + 3, nsn + 7);
  if (writing < 93)
    return g_strdup_printf ("0%.3s.%.4s.%s", nsn, nsn + 3, nsn + 7);
  if (writing < 97)
    {
      g_autofree char *ascii = g_strdup_printf ("0%.3s %s", nsn, nsn + 3);
      return to_arabic_indic (ascii);
    }
  /* An en dash, which a word processor makes of a hyphen. */
  return g_strdup_printf ("0%.*s–%s", 3, nsn, nsn + MIN (3, len));
}

static char *
draw_phone (GRand *rand)
{
  int kind = g_rand_int_range (rand, 0, 100);
  g_autoptr(GString) nsn = g_string_new (NULL);

  if (kind < 80)
    {
      g_string_append (nsn, PICK (rand, mobile_prefixes));
      append_random_digits (rand, nsn, g_rand_int_range (rand, 7, 9));
      return write_mobile (rand, nsn->str);
    }

  if (kind < 95)
    {
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (area_codes));

      append_random_digits (rand, nsn, area_codes[i].digits);
      if (g_rand_boolean (rand))
        return g_strdup_printf ("(0%s) %s", area_codes[i].code, nsn->str);
      return g_strdup_printf ("+62 %s %s", area_codes[i].code, nsn->str);
    }

  /* Foreign travellers: Singapore, Malaysia and Australia mobiles. */
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      append_random_digits (rand, nsn, 7);
      return g_strdup_printf ("+65 9%.3s %s", nsn->str, nsn->str + 3);
    case 1:
      append_random_digits (rand, nsn, 7);
      return g_strdup_printf ("+60 12-%.3s %s", nsn->str, nsn->str + 3);
    default:
      append_random_digits (rand, nsn, 8);
      return g_strdup_printf ("+61 4%.2s %.3s %s", nsn->str, nsn->str + 2, nsn->str + 5);
    }
}

void
bench_caller_draw (GRand       *rand,
                   BenchCaller *caller)
{
  caller->name = draw_name (rand);
  caller->phone = draw_phone (rand);
}

const char *
bench_purpose_word (GRand *rand)
{
  return PICK (rand, purpose_words);
}

char *
bench_purpose_draw (GRand *rand,
                    guint  target_chars)
{
  GString *text = g_string_new (NULL);

  while (g_utf8_strlen (text->str, -1) < (glong) target_chars)
    {
      const char *word = PICK (rand, purpose_words);

      if (text->len == 0)
        {
          g_autofree char *first = g_utf8_strup (word, 1);

          /* Capitalises only the first letter. */
          g_string_append (text, first);
          g_string_append (text, g_utf8_next_char (word));
          continue;
        }

      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? ',' : ' ');
      if (text->str[text->len - 1] == ',')
        g_string_append_c (text, ' ');
      g_string_append (text, word);
    }

  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static void
advance_or_abort (SapaWizard *wizard,
                  const char *branch_id,
                  gint64     *clock_us,
                  GRand      *rand)
{
  g_autoptr(GError) error = NULL;

  if (!sapa_wizard_advance_at (wizard, branch_id, *clock_us, &error))
    g_error ("The generated ticket failed at step %s, branch %s: %s",
             sapa_wizard_get_step (wizard)->id, branch_id, error->message);

  *clock_us += g_rand_int_range (rand, 60, 180) * G_USEC_PER_SEC;
}

SapaWizard *
bench_walk_ticket (GRand             *rand,
                   const SapaAirport *airport,
                   guint              workstation,
                   const BenchCaller *caller,
                   gint64             start_us)
{
  static const char * const answers[] = {
    "Silakan ke kantor lost and found di Terminal 3 lantai dasar.",
    "Jadwal bus DAMRI ke kota setiap 30 menit dari pintu 1.",
    "Mushola ada di lantai 2 dekat gate 5.",
    "Keluhan sudah kami sampaikan ke maskapai; mohon tunggu kabar.",
  };
  static const char * const units[] = {
    "lost_found", "cleaning", "security", "parking", "facilities", "terminal_operations",
  };
  static const char * const categories[] = {
    "information", "complaint", "suggestion", "compliment", "lost_found", "facilities",
  };
  const SapaFlow *flow = sapa_flow_lookup (g_rand_int_range (rand, 0, 4) == 0 ? SAPA_FLOW_PHONE
                                                                              : SAPA_FLOW_COUNTER);
  SapaWizard *wizard = sapa_wizard_new (flow, airport->iata, workstation, "Dewi Sartika");
  g_autofree char *purpose = bench_purpose_draw (rand, g_rand_int_range (rand, 170, 230));
  int ending = g_rand_int_range (rand, 0, 100);
  gint64 clock_us = start_us;

  advance_or_abort (wizard, "next", &clock_us, rand);
  sapa_wizard_set_value (wizard, "purpose", purpose);
  advance_or_abort (wizard, "next", &clock_us, rand);
  sapa_wizard_set_value (wizard, "name", caller->name);
  sapa_wizard_set_value (wizard, "phone", caller->phone);
  advance_or_abort (wizard, "next", &clock_us, rand);

  if (ending >= 97)
    {
      /* Read back wrong: the officer goes back to the purpose and on. */
      advance_or_abort (wizard, "tidak_sesuai", &clock_us, rand);
      advance_or_abort (wizard, "next", &clock_us, rand);
      advance_or_abort (wizard, "next", &clock_us, rand);
    }
  advance_or_abort (wizard, "sesuai", &clock_us, rand);

  sapa_wizard_set_value (wizard, "category", PICK (rand, categories));
  if (ending < 15)
    {
      sapa_wizard_set_value (wizard, "followup_unit", PICK (rand, units));
      sapa_wizard_set_value (wizard, "followup_note", "Mohon ditindaklanjuti dan kabari pelapor.");
      advance_or_abort (wizard, "follow_up", &clock_us, rand);
      advance_or_abort (wizard, "next", &clock_us, rand);
    }
  else
    {
      advance_or_abort (wizard, "answer_now", &clock_us, rand);
      sapa_wizard_set_value (wizard, "answer", PICK (rand, answers));
      advance_or_abort (wizard, "sesuai", &clock_us, rand);
    }

  g_assert (sapa_wizard_is_finished (wizard));
  return wizard;
}

/* Samples */

void
bench_samples_init (BenchSamples *samples)
{
  samples->values = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
bench_samples_clear (BenchSamples *samples)
{
  g_clear_pointer (&samples->values, g_array_unref);
}

void
bench_samples_add (BenchSamples *samples,
                   gint64        value_us)
{
  g_array_append_val (samples->values, value_us);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gint64
bench_samples_percentile (BenchSamples *samples,
                          double        p)
{
  guint n = samples->values->len;
  guint rank;

  if (n == 0)
    return 0;

  g_array_sort (samples->values, compare_int64);
  rank = (guint) (p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return g_array_index (samples->values, gint64, rank - 1);
}

gint64
bench_samples_sum (BenchSamples *samples)
{
  gint64 sum = 0;

  for (guint i = 0; i < samples->values->len; i++)
    sum += g_array_index (samples->values, gint64, i);
  return sum;
}

void
bench_print_row (const char *benchmark,
                 const char *metric,
                 const char *sapa,
                 const char *raw,
                 double      ratio,
                 const char *target,
                 const char *met)
{
  g_autofree char *ratio_text = ratio > 0 ? g_strdup_printf ("%.2f", ratio) : g_strdup ("-");

  printf ("| %s | %s | %s | %s | %s | %s | %s |\n",
          benchmark, metric, sapa, raw, ratio_text, target, met);
  fflush (stdout);
}

const char *
bench_verdict (gboolean judge,
               gboolean met)
{
  if (!judge)
    return "-";
  return met ? "met" : "missed";
}
