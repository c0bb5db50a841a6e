/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-time.c: instants shown and dated in an airport's zone, whatever TZ is */

#include "sapa-time.h"

/* Instants in seconds since 1970, from `date -u -d 2026-12-04T07:05:00Z +%s`. */
#define DEC_4_0705_UTC G_GINT64_CONSTANT (1796367900)
#define DEC_4_1530_UTC G_GINT64_CONSTANT (1796398200)
#define DEC_4_1630_UTC G_GINT64_CONSTANT (1796401800)
#define DEC_4_1730_UTC G_GINT64_CONSTANT (1796405400)

static void
check_format (void)
{
  static const struct {
    const char *iana;
    const char *full;
    const char *sortable;
    const char *time;
  } cases[] = {
    { "Asia/Jakarta", "04/12/2026 14:05 WIB", "2026-12-04 14:05 WIB", "14:05 WIB" },
    { "Asia/Pontianak", "04/12/2026 14:05 WIB", "2026-12-04 14:05 WIB", "14:05 WIB" },
    { "Asia/Makassar", "04/12/2026 15:05 WITA", "2026-12-04 15:05 WITA", "15:05 WITA" },
    { "Asia/Jayapura", "04/12/2026 16:05 WIT", "2026-12-04 16:05 WIT", "16:05 WIT" },
    { "Australia/Brisbane", "04/12/2026 17:05 UTC+10", "2026-12-04 17:05 UTC+10", "17:05 UTC+10" },
    { "Asia/Kolkata", "04/12/2026 12:35 UTC+5:30", "2026-12-04 12:35 UTC+5:30", "12:35 UTC+5:30" },
    { "Asia/Kathmandu", "04/12/2026 12:50 UTC+5:45", "2026-12-04 12:50 UTC+5:45", "12:50 UTC+5:45" },
    { "America/New_York", "04/12/2026 02:05 UTC-5", "2026-12-04 02:05 UTC-5", "02:05 UTC-5" },
    { "America/St_Johns", "04/12/2026 03:35 UTC-3:30", "2026-12-04 03:35 UTC-3:30", "03:35 UTC-3:30" },
    { "UTC", "04/12/2026 07:05 UTC", "2026-12-04 07:05 UTC", "07:05 UTC" },
  };
  gint64 utc_us = DEC_4_0705_UTC * G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = sapa_time_format (utc_us, cases[i].iana);
      g_autofree char *sortable = sapa_time_format_sortable (utc_us, cases[i].iana);
      g_autofree char *time = sapa_time_format_time (utc_us, cases[i].iana);

      g_test_message ("zone: %s", cases[i].iana);
      g_assert_cmpstr (full, ==, cases[i].full);
      g_assert_cmpstr (sortable, ==, cases[i].sortable);
      g_assert_cmpstr (time, ==, cases[i].time);
    }
}

static void
check_one_hour_apart (void)
{
  const char *zones[] = { "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura" };
  gint64 utc_us = DEC_4_0705_UTC * G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GDateTime) local = sapa_time_to_zone (utc_us, zones[i]);

      g_assert_nonnull (local);
      g_assert_cmpint (g_date_time_to_unix (local), ==, DEC_4_0705_UTC);
      g_assert_cmpint (g_date_time_get_utc_offset (local), ==, (7 + i) * G_TIME_SPAN_HOUR);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 14 + i);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 5);
    }
}

static void
check_date_code_midnight (void)
{
  static const struct {
    gint64      utc_seconds;
    const char *iana;
    const char *code;
  } cases[] = {
    /* 15:30Z is 22:30 WIB and 23:30 WITA on the 4th, 00:30 WIT on the 5th. */
    { DEC_4_1530_UTC, "Asia/Jakarta", "261204" },
    { DEC_4_1530_UTC, "Asia/Makassar", "261204" },
    { DEC_4_1530_UTC, "Asia/Jayapura", "261205" },
    /* 16:30Z is 23:30 WIB on the 4th, 00:30 WITA and 01:30 WIT on the 5th. */
    { DEC_4_1630_UTC, "Asia/Jakarta", "261204" },
    { DEC_4_1630_UTC, "Asia/Makassar", "261205" },
    { DEC_4_1630_UTC, "Asia/Jayapura", "261205" },
    /* 17:30Z is past midnight everywhere in Indonesia. */
    { DEC_4_1730_UTC, "Asia/Jakarta", "261205" },
    { DEC_4_1730_UTC, "Asia/Pontianak", "261205" },
    { DEC_4_1730_UTC, "Asia/Makassar", "261205" },
    { DEC_4_1730_UTC, "Asia/Jayapura", "261205" },
    { DEC_4_1730_UTC, "UTC", "261204" },
    /* One second before 1970 is 06:59:59 WIB on 1 January 1970. */
    { -1, "Asia/Jakarta", "700101" },
    { -1, "UTC", "691231" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = sapa_time_date_code (cases[i].utc_seconds * G_USEC_PER_SEC,
                                                   cases[i].iana);

      g_test_message ("case %u: %s", i, cases[i].iana);
      g_assert_cmpstr (code, ==, cases[i].code);
    }
}

static void
check_minute_not_rounded (void)
{
  gint64 utc_us = (DEC_4_0705_UTC + 59) * G_USEC_PER_SEC + 999999;
  g_autofree char *time = sapa_time_format_time (utc_us, "Asia/Jakarta");

  g_assert_cmpstr (time, ==, "14:05 WIB");
}

static void
check_all (void)
{
  check_format ();
  check_one_hour_apart ();
  check_date_code_midnight ();
  check_minute_not_rounded ();
}

static void
test_time_in_test_environment (void)
{
  check_all ();
}

static gint32
offset_at (GTimeZone *zone,
           gint64     unix_seconds)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_seconds);

  return g_time_zone_get_offset (zone, interval);
}

/* Runs every check again with the machine's zone (TZ) set to zones on
 * both sides of Indonesia, so a result that used the machine's zone
 * would change. */
static void
test_time_ignores_machine_zone (void)
{
  const char *machine_zones[] = { "UTC", "Asia/Jayapura", "America/Los_Angeles" };
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint i = 0; i < G_N_ELEMENTS (machine_zones); i++)
    {
      g_autoptr(GTimeZone) expected = g_time_zone_new_identifier (machine_zones[i]);
      g_autoptr(GTimeZone) local = NULL;

      g_test_message ("TZ=%s", machine_zones[i]);
      g_assert_true (g_setenv ("TZ", machine_zones[i], TRUE));

      /* GLib reads TZ again when it changes, so this shows that the
       * machine's zone really is the one just set. */
      local = g_time_zone_new_local ();
      g_assert_cmpint (offset_at (local, DEC_4_0705_UTC), ==,
                       offset_at (expected, DEC_4_0705_UTC));

      check_all ();
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_time_unknown_zone (void)
{
  g_autofree char *full = NULL;

  g_test_expect_message ("sapa-time", G_LOG_LEVEL_WARNING, "*Mars/Olympus_Mons*");
  full = sapa_time_format (DEC_4_0705_UTC * G_USEC_PER_SEC, "Mars/Olympus_Mons");
  g_test_assert_expected_messages ();

  g_assert_cmpstr (full, ==, "04/12/2026 07:05 UTC");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/time/in-test-environment", test_time_in_test_environment);
  g_test_add_func ("/sapa/time/ignores-machine-zone", test_time_ignores_machine_zone);
  g_test_add_func ("/sapa/time/unknown-zone", test_time_unknown_zone);

  return g_test_run ();
}
