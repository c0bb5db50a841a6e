/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sns.c: special-needs arrival times, notice and service clocks */

#include "config.h"

#include "sapa-error.h"
#include "sapa-sns.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

typedef struct {
  const char *flight_date;
  const char *departure;
  const char *eta;
  const char *zone;
  gint64      expected_eta;
} EtaCase;

static void
test_resolve_eta (void)
{
  const EtaCase cases[] = {
    /* 05:30 WITA on the flight's date is 21:30 UTC the day before. */
    { "2026-12-05", NULL, "05:30", "Asia/Makassar", utc (2026, 12, 4, 21, 30) },
    /* An arrival at 00:40 for a 02:10 flight is on the flight's date. */
    { "2026-12-05", "02:10", "00:40", "Asia/Jakarta", utc (2026, 12, 4, 17, 40) },
    /* An arrival at 23:30 for a 01:00 flight is the evening before. */
    { "2026-12-05", "01:00", "23:30", "Asia/Jakarta", utc (2026, 12, 4, 16, 30) },
    /* An arrival at 00:30 for a flight dated the day before the ETA's
     * date: the flight leaves at 00:55 of its own date. */
    { "2026-12-05", "00:55", "00:30", "Asia/Jayapura", utc (2026, 12, 4, 15, 30) },
    /* The same wall clock in the three zones is an hour apart each. */
    { "2026-12-05", NULL, "08:00", "Asia/Jakarta", utc (2026, 12, 5, 1, 0) },
    { "2026-12-05", NULL, "08:00", "Asia/Makassar", utc (2026, 12, 5, 0, 0) },
    { "2026-12-05", NULL, "08:00", "Asia/Jayapura", utc (2026, 12, 4, 23, 0) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 eta = 0, departure = -1;

      g_assert_true (sapa_sns_resolve_times (cases[i].flight_date, cases[i].departure, cases[i].eta,
                                             cases[i].zone, &eta, &departure, &error));
      g_assert_no_error (error);
      g_assert_cmpint (eta, ==, cases[i].expected_eta);
      if (cases[i].departure == NULL)
        g_assert_cmpint (departure, ==, 0);
      else
        g_assert_cmpint (departure, >=, eta);
    }
}

static void
test_resolve_rejects (void)
{
  static const char * const bad[][4] = {
    { "2026-02-30", NULL, "05:30", "Asia/Jakarta" },
    { "2026-12-05", NULL, "24:00", "Asia/Jakarta" },
    { "2026-12-05", "7pm", "05:30", "Asia/Jakarta" },
    { "kemarin", NULL, "05:30", "Asia/Jakarta" },
    { "2026-12-05", NULL, "05:30", "Mars/Olympus" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 eta = 0;

      g_assert_false (sapa_sns_resolve_times (bad[i][0], bad[i][1], bad[i][2], bad[i][3],
                                              &eta, NULL, &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
    }
}

static void
test_late_booking (void)
{
  gint64 flight = utc (2026, 12, 6, 0, 0);

  g_assert_false (sapa_sns_is_late_booking (flight - 49 * 60 * MINUTE, flight));
  g_assert_false (sapa_sns_is_late_booking (flight - 48 * 60 * MINUTE, flight));
  g_assert_true (sapa_sns_is_late_booking (flight - 48 * 60 * MINUTE + 1, flight));
  g_assert_true (sapa_sns_is_late_booking (flight - 2 * 60 * MINUTE, flight));
}

static void
test_clock_states (void)
{
  SapaSnsTargets targets;

  sapa_sns_targets_init_default (&targets);
  g_assert_cmpuint (targets.prebooked[0], ==, 10);
  g_assert_cmpuint (targets.prebooked[2], ==, 30);
  g_assert_cmpuint (targets.walk_in[0], ==, 25);
  g_assert_cmpuint (targets.walk_in[2], ==, 45);

  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 9 * MINUTE), ==, SAPA_SNS_CLOCK_OK);
  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 10 * MINUTE), ==, SAPA_SNS_CLOCK_OK);
  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 11 * MINUTE), ==, SAPA_SNS_CLOCK_AMBER);
  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 30 * MINUTE), ==, SAPA_SNS_CLOCK_AMBER);
  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 31 * MINUTE), ==, SAPA_SNS_CLOCK_RED);

  /* A walk-in passenger has longer targets. */
  g_assert_cmpint (sapa_sns_clock_state (&targets, FALSE, 20 * MINUTE), ==, SAPA_SNS_CLOCK_OK);
  g_assert_cmpint (sapa_sns_clock_state (&targets, FALSE, 40 * MINUTE), ==, SAPA_SNS_CLOCK_AMBER);
  g_assert_cmpint (sapa_sns_clock_state (&targets, FALSE, 46 * MINUTE), ==, SAPA_SNS_CLOCK_RED);

  /* Configured targets replace the defaults. */
  targets.prebooked[0] = 5;
  g_assert_cmpint (sapa_sns_clock_state (&targets, TRUE, 6 * MINUTE), ==, SAPA_SNS_CLOCK_AMBER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/sns/resolve-eta", test_resolve_eta);
  g_test_add_func ("/sapa/sns/resolve-rejects", test_resolve_rejects);
  g_test_add_func ("/sapa/sns/late-booking", test_late_booking);
  g_test_add_func ("/sapa/sns/clock-states", test_clock_states);

  return g_test_run ();
}
