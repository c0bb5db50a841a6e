/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sla.c: SLA targets, airport calendars, due instants and labels */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-sla.h"
#include "sapa-time.h"

#define MINUTE G_TIME_SPAN_MINUTE

/* Calendars of the tests. December 2026 starts on a Tuesday, so Friday
 * is the 4th, Monday the 7th, and Christmas Day a Friday. The whole
 * network closes at weekends and on 25 December and 1 January. Denpasar
 * opens on Saturday mornings, Soekarno–Hatta every day from 07:00 to
 * 22:00. Sentani stays open until midnight on Fridays and closes on 24
 * December as well. Juanda stays open until midnight on Fridays. */
static const char calendar_key_file[] =
  "[calendar]\n"
  "monday=08:00-17:00\n"
  "tuesday=08:00-17:00\n"
  "wednesday=08:00-17:00\n"
  "thursday=08:00-17:00\n"
  "friday=08:00-17:00\n"
  "saturday=closed\n"
  "sunday=closed\n"
  "holidays=2026-12-25;2027-01-01\n"
  "\n"
  "[calendar/DPS]\n"
  "saturday=09:00-13:00\n"
  "\n"
  "[calendar/CGK]\n"
  "monday=07:00-22:00\n"
  "tuesday=07:00-22:00\n"
  "wednesday=07:00-22:00\n"
  "thursday=07:00-22:00\n"
  "friday=07:00-22:00\n"
  "saturday=07:00-22:00\n"
  "sunday=07:00-22:00\n"
  "\n"
  "[calendar/DJJ]\n"
  "friday=08:00-24:00\n"
  "holidays=2026-12-24\n"
  "\n"
  "[calendar/SUB]\n"
  "friday=08:00-24:00\n";

/* Loads @text keeping keys such as "monday[id]", which GKeyFile would
 * otherwise drop or keep depending on the locale the test runs in. */
static GKeyFile *
key_file_from_text (const char *text)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&key_file);
}

static SapaSlaCalendar *
airport_calendar (const char *iata)
{
  g_autoptr(GKeyFile) key_file = key_file_from_text (calendar_key_file);
  g_autoptr(GError) error = NULL;
  SapaSlaCalendar *calendar = sapa_sla_calendar_new_for_airport (iata, key_file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (calendar);

  return calendar;
}

/* Returns the instant of the wall clock @text ("YYYY-MM-DD HH:MM") in
 * zone @iana. */
static gint64
local_us (const char *iana,
          const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (iana);
  g_autoptr(GDateTime) local = NULL;
  int year, month, day, hour, minute;

  g_assert_nonnull (zone);
  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute), ==, 5);

  local = g_date_time_new (zone, year, month, day, hour, minute, 0);
  g_assert_nonnull (local);

  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

static const char *
airport_zone (const char *iata)
{
  if (strcmp (iata, "CGK") == 0 || strcmp (iata, "SUB") == 0)
    return "Asia/Jakarta";
  if (strcmp (iata, "DJJ") == 0)
    return "Asia/Jayapura";
  return "Asia/Makassar";
}

/* ---- Machine zone ---- */

/* Meson runs this program with TZ=UTC and again with TZ=Asia/Jayapura.
 * This checks that GLib really took the machine's zone from TZ, so both
 * runs test what they claim to. */
static void
test_sla_machine_zone (void)
{
  const char *tz = g_getenv ("TZ");
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GTimeZone) expected = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_nonnull (tz);
  g_test_message ("machine zone: TZ=%s", tz);

  expected = g_time_zone_new_identifier (tz);
  g_assert_nonnull (expected);
  g_assert_cmpint (g_time_zone_get_offset (local, g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, now)),
                   ==,
                   g_time_zone_get_offset (expected, g_time_zone_find_interval (expected, G_TIME_TYPE_UNIVERSAL, now)));
}

/* ---- The two examples of the SLA rules ---- */

/* Sultan Hasanuddin (UPG) gives a first response within one business
 * hour, and is open Monday to Friday from 08:00 to 17:00 WITA. A ticket
 * made on Friday at 16:30 WITA has 30 minutes on Friday and 30 on
 * Monday. */
static void
test_sla_upg_friday_afternoon (void)
{
  g_autoptr(SapaSlaCalendar) calendar = airport_calendar ("UPG");
  g_autoptr(GDateTime) jakarta = NULL;
  g_autofree char *in_jakarta = NULL;
  g_autofree char *in_makassar = NULL;
  /* 2026-12-04T08:30:00Z and 2026-12-07T00:30:00Z, from `date -u -d ... +%s`. */
  gint64 created = G_GINT64_CONSTANT (1796373000) * G_USEC_PER_SEC;
  gint64 expected = G_GINT64_CONSTANT (1796603400) * G_USEC_PER_SEC;
  gint64 due = 0;

  g_assert_cmpint (created, ==, local_us ("Asia/Makassar", "2026-12-04 16:30"));
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (calendar), ==, "Asia/Makassar");

  g_assert_true (sapa_sla_compute_due (created, 60, calendar, NULL, 0, &due));
  g_assert_cmpint (due, ==, expected);

  in_makassar = sapa_time_format (due, "Asia/Makassar");
  g_assert_cmpstr (in_makassar, ==, "07/12/2026 08:30 WITA");

  /* A supervisor in Jakarta is shown Monday 07:30, labelled WIB. */
  in_jakarta = sapa_time_format (due, "Asia/Jakarta");
  g_assert_cmpstr (in_jakarta, ==, "07/12/2026 07:30 WIB");
  jakarta = sapa_time_to_zone (due, "Asia/Jakarta");
  g_assert_cmpint (g_date_time_get_day_of_week (jakarta), ==, G_DATE_MONDAY);

  g_assert_cmpint (sapa_sla_elapsed (created, due, calendar, NULL, 0), ==, 60 * MINUTE);
}

/* Sentani (DJJ, WIT) gets a ticket at 10:00 WIT with a 30-minute first
 * response counted around the clock. Viewers in Jakarta at 08:05 WIB and
 * in Denpasar at 09:05 WITA look at the same instant, and both see 25
 * minutes left. */
static void
test_sla_djj_viewers (void)
{
  g_autoptr(GKeyFile) key_file = key_file_from_text ("[sla/phone/*]\n"
                                                     "first-response-minutes=30\n"
                                                     "first-response-hours=24x7\n");
  g_autoptr(SapaSlaPolicy) policy = sapa_sla_policy_new ();
  g_autoptr(GError) error = NULL;
  /* Zone, the viewer's wall clock and the due instant shown to them. */
  const char *viewers[][3] = {
    { "Asia/Jakarta", "2026-12-04 08:05", "08:30 WIB" },
    { "Asia/Makassar", "2026-12-04 09:05", "09:30 WITA" },
    { "Asia/Jayapura", "2026-12-04 10:05", "10:30 WIT" },
  };
  /* 2026-12-04T01:00:00Z is 10:00 WIT. */
  gint64 created = G_GINT64_CONSTANT (1796346000) * G_USEC_PER_SEC;
  SapaSlaTarget target;

  g_assert_true (sapa_sla_policy_load_key_file (policy, key_file, &error));
  g_assert_no_error (error);
  sapa_sla_policy_lookup (policy, "phone", "information", &target);
  g_assert_cmpuint (target.first_response.minutes, ==, 30);
  g_assert_cmpint (target.first_response.hours, ==, SAPA_SLA_HOURS_24X7);
  g_assert_cmpint (created, ==, local_us ("Asia/Jayapura", "2026-12-04 10:00"));

  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    {
      gint64 now = local_us (viewers[i][0], viewers[i][1]);
      g_autofree char *label = NULL;
      g_autofree char *due_text = NULL;
      SapaSlaProgress progress;

      g_test_message ("viewer in %s at %s", viewers[i][0], viewers[i][1]);
      g_assert_cmpint (now, ==, created + 5 * MINUTE);

      sapa_sla_evaluate (created, target.first_response.minutes, NULL, NULL, 0, now, NULL, &progress);
      g_assert_cmpint (progress.state, ==, SAPA_SLA_STATE_ON_TIME);
      g_assert_true (progress.has_due);
      g_assert_cmpint (progress.due_us, ==, created + 30 * MINUTE);
      g_assert_cmpint (progress.remaining_us, ==, 25 * MINUTE);

      label = sapa_sla_format_progress (&progress);
      g_assert_cmpstr (label, ==, "25 min left");

      due_text = sapa_time_format_time (progress.due_us, viewers[i][0]);
      g_assert_cmpstr (due_text, ==, viewers[i][2]);
    }
}

/* ---- Due instants ---- */

typedef struct {
  const char *airport;
  const char *start;      /* wall clock of the airport */
  guint       minutes;
  gboolean    business;   /* FALSE for 24x7 */
  const char *expected;   /* due instant, as sapa_time_format() shows it there */
} DueCase;

static void
test_sla_due_table (void)
{
  static const DueCase cases[] = {
    /* UPG: Monday to Friday 08:00-17:00 WITA. Across the weekend. */
    { "UPG", "2026-12-04 16:30", 60, TRUE, "07/12/2026 08:30 WITA" },
    /* Due exactly at closing time stays on Friday. */
    { "UPG", "2026-12-04 16:30", 30, TRUE, "04/12/2026 17:00 WITA" },
    /* Before opening, after closing, at the weekend, on a holiday. */
    { "UPG", "2026-12-07 06:00", 60, TRUE, "07/12/2026 09:00 WITA" },
    { "UPG", "2026-12-07 18:00", 60, TRUE, "08/12/2026 09:00 WITA" },
    { "UPG", "2026-12-05 10:00", 60, TRUE, "07/12/2026 09:00 WITA" },
    { "UPG", "2026-12-25 10:00", 60, TRUE, "28/12/2026 09:00 WITA" },
    /* Just after midnight, and just before it. */
    { "UPG", "2026-12-08 00:01", 60, TRUE, "08/12/2026 09:00 WITA" },
    { "UPG", "2026-12-07 23:59", 60, TRUE, "08/12/2026 09:00 WITA" },
    /* Christmas Eve afternoon: an hour on Thursday, Christmas Day and
     * the weekend closed, the second hour on Monday. */
    { "UPG", "2026-12-24 16:00", 120, TRUE, "28/12/2026 09:00 WITA" },
    /* Three business days of 540 minutes, ending at closing time. */
    { "UPG", "2026-12-07 08:00", 1620, TRUE, "09/12/2026 17:00 WITA" },
    /* Two business days over New Year: 300 minutes on the 30th, 540 on
     * the 31st, New Year's Day and the weekend closed, 240 on the 4th. */
    { "UPG", "2026-12-30 12:00", 1080, TRUE, "04/01/2027 12:00 WITA" },
    /* Twenty-five business days: five weeks less the two holidays, so
     * the last one is Tuesday 12 January. */
    { "UPG", "2026-12-07 08:00", 25 * 540, TRUE, "12/01/2027 17:00 WITA" },

    /* DPS: as UPG, and Saturday 09:00-13:00 WITA. */
    { "DPS", "2026-12-04 16:30", 60, TRUE, "05/12/2026 09:30 WITA" },
    { "DPS", "2026-12-05 12:30", 60, TRUE, "07/12/2026 08:30 WITA" },

    /* CGK: every day 07:00-22:00 WIB. */
    { "CGK", "2026-12-05 21:30", 60, TRUE, "06/12/2026 07:30 WIB" },
    { "CGK", "2026-12-24 21:00", 120, TRUE, "26/12/2026 08:00 WIB" },
    { "CGK", "2026-12-06 23:30", 30, TRUE, "07/12/2026 07:30 WIB" },

    /* DJJ: as UPG in WIT, open until midnight on Fridays, closed on
     * 24 December as well. */
    { "DJJ", "2026-12-04 23:30", 60, TRUE, "07/12/2026 08:30 WIT" },
    { "DJJ", "2026-12-04 23:30", 30, TRUE, "05/12/2026 00:00 WIT" },
    { "DJJ", "2026-12-23 16:00", 120, TRUE, "28/12/2026 09:00 WIT" },
    { "DJJ", "2026-12-31 16:30", 60, TRUE, "04/01/2027 08:30 WIT" },

    /* SUB: as UPG in WIB, open until midnight on Fridays. At 22:30 WIB
     * it is already Saturday in WIT, so a start date taken in the
     * machine's zone would skip the rest of Friday. */
    { "SUB", "2026-12-04 22:30", 60, TRUE, "04/12/2026 23:30 WIB" },
    { "SUB", "2026-12-04 23:30", 60, TRUE, "07/12/2026 08:30 WIB" },

    /* Around the clock, calendars and holidays do not matter. */
    { "DJJ", "2026-12-04 23:45", 30, FALSE, "05/12/2026 00:15 WIT" },
    { "CGK", "2026-12-31 23:50", 20, FALSE, "01/01/2027 00:10 WIB" },
    { "UPG", "2026-12-04 16:30", 60, FALSE, "04/12/2026 17:30 WITA" },
    { "CGK", "2026-12-07 10:00", 3 * 24 * 60, FALSE, "10/12/2026 10:00 WIB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DueCase *c = &cases[i];
      const char *zone = airport_zone (c->airport);
      g_autoptr(SapaSlaCalendar) calendar = c->business ? airport_calendar (c->airport) : NULL;
      g_autofree char *due_text = NULL;
      gint64 start = local_us (zone, c->start);
      gint64 due = 0;

      g_test_message ("case %u: %s %s + %u min", i, c->airport, c->start, c->minutes);

      g_assert_true (sapa_sla_compute_due (start, c->minutes, calendar, NULL, 0, &due));
      due_text = sapa_time_format (due, zone);
      g_assert_cmpstr (due_text, ==, c->expected);

      /* Counting the time back from the due instant gives the target. */
      g_assert_cmpint (sapa_sla_elapsed (start, due, calendar, NULL, 0), ==, c->minutes * MINUTE);
    }
}

/* Seconds of the start carry over to the due instant. */
static void
test_sla_due_keeps_seconds (void)
{
  g_autoptr(SapaSlaCalendar) calendar = airport_calendar ("UPG");
  gint64 start = local_us ("Asia/Makassar", "2026-12-04 16:59") + 30 * G_USEC_PER_SEC + 7;
  gint64 due = 0;

  g_assert_true (sapa_sla_compute_due (start, 1, calendar, NULL, 0, &due));
  g_assert_cmpint (due, ==, local_us ("Asia/Makassar", "2026-12-07 08:00") + 30 * G_USEC_PER_SEC + 7);
}

/* The maximum target, counted in business hours, still ends inside
 * business hours and counts back to itself. */
static void
test_sla_due_max_target (void)
{
  g_autoptr(SapaSlaCalendar) calendar = airport_calendar ("UPG");
  g_autoptr(GDateTime) local = NULL;
  gint64 start = local_us ("Asia/Makassar", "2026-12-07 08:00");
  gint64 due = 0;

  g_assert_true (sapa_sla_compute_due (start, SAPA_SLA_MAX_MINUTES, calendar, NULL, 0, &due));
  g_assert_cmpint (sapa_sla_elapsed (start, due, calendar, NULL, 0), ==, SAPA_SLA_MAX_MINUTES * MINUTE);

  /* 129600 minutes are 240 days of 540 minutes, so the last one ends at
   * 17:00 on a weekday. */
  local = sapa_time_to_zone (due, "Asia/Makassar");
  g_assert_cmpint (g_date_time_get_hour (local), ==, 17);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
  g_assert_cmpint (g_date_time_get_day_of_week (local), <=, G_DATE_FRIDAY);
}

/* A calendar with no business hours never reaches a due instant. */
static void
test_sla_due_never_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) calendar = sapa_sla_calendar_new ("Asia/Jakarta", &error);
  gint64 start = local_us ("Asia/Jakarta", "2026-12-07 08:00");
  gint64 due = 42;

  g_assert_no_error (error);
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    sapa_sla_calendar_set_closed (calendar, day);

  g_assert_false (sapa_sla_calendar_has_hours (calendar));
  g_assert_false (sapa_sla_compute_due (start, 60, calendar, NULL, 0, &due));
  g_assert_cmpint (due, ==, 42);
  g_assert_cmpint (sapa_sla_elapsed (start, start + 7 * 24 * 60 * MINUTE, calendar, NULL, 0), ==, 0);
}

/* ---- Pauses ---- */

typedef struct {
  const char *start;
  const char *end;        /* NULL for a pause still open */
} PauseText;

typedef struct {
  const char *airport;
  const char *start;
  guint       minutes;
  gboolean    business;
  PauseText   pauses[3];  /* up to three, ended by a NULL start */
  const char *expected;   /* NULL when there is no due instant */
} PauseCase;

static void
test_sla_pause_table (void)
{
  static const PauseCase cases[] = {
    /* Inside business hours: 30 minutes more. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:20", "2026-12-07 09:50" } }, "07/12/2026 10:30 WITA" },
    /* Entirely outside business hours: no effect. */
    { "UPG", "2026-12-07 16:00", 120, TRUE,
      { { "2026-12-07 18:00", "2026-12-07 20:00" } }, "08/12/2026 09:00 WITA" },
    /* Across closing and opening: 30 minutes on Monday, the rest from
     * 08:30 on Tuesday. */
    { "UPG", "2026-12-07 16:00", 120, TRUE,
      { { "2026-12-07 16:30", "2026-12-08 08:30" } }, "08/12/2026 10:00 WITA" },
    /* Over the weekend only: no effect. */
    { "UPG", "2026-12-04 16:30", 60, TRUE,
      { { "2026-12-05 10:00", "2026-12-06 12:00" } }, "07/12/2026 08:30 WITA" },
    /* From Friday afternoon to Monday morning. */
    { "UPG", "2026-12-04 16:30", 60, TRUE,
      { { "2026-12-04 16:45", "2026-12-07 08:10" } }, "07/12/2026 08:55 WITA" },
    /* Overlapping and touching pauses count once: 09:10 to 09:45. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:10", "2026-12-07 09:30" },
        { "2026-12-07 09:20", "2026-12-07 09:40" },
        { "2026-12-07 09:40", "2026-12-07 09:45" } }, "07/12/2026 10:35 WITA" },
    /* In any order. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:40", "2026-12-07 09:45" },
        { "2026-12-07 09:10", "2026-12-07 09:30" } }, "07/12/2026 10:25 WITA" },
    /* One pause inside another. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:10", "2026-12-07 09:40" },
        { "2026-12-07 09:15", "2026-12-07 09:20" } }, "07/12/2026 10:30 WITA" },
    /* Begun before the ticket: the clock starts at 09:30. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 08:00", "2026-12-07 09:30" } }, "07/12/2026 10:30 WITA" },
    /* Ending before it starts: ignored. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:40", "2026-12-07 09:10" } }, "07/12/2026 10:00 WITA" },
    /* After the due instant: no effect. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 10:00", "2026-12-07 11:00" } }, "07/12/2026 10:00 WITA" },
    /* Still open: no due instant, in business hours or around the clock. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:30", NULL } }, NULL },
    { "CGK", "2026-12-07 09:00", 60, FALSE,
      { { "2026-12-07 09:30", NULL } }, NULL },
    /* Opened on Saturday, outside business hours: still no due instant. */
    { "UPG", "2026-12-04 16:30", 60, TRUE,
      { { "2026-12-05 10:00", NULL } }, NULL },
    /* Opened after the due instant: the due instant is kept. */
    { "UPG", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 10:30", NULL } }, "07/12/2026 10:00 WITA" },
    /* An ended pause and an open one after the due instant. */
    { "DJJ", "2026-12-07 09:00", 60, TRUE,
      { { "2026-12-07 09:10", "2026-12-07 09:20" },
        { "2026-12-07 11:00", NULL } }, "07/12/2026 10:10 WIT" },
    /* Around the clock, across midnight and New Year. */
    { "CGK", "2026-12-31 23:50", 20, FALSE,
      { { "2026-12-31 23:55", "2027-01-01 00:05" } }, "01/01/2027 00:20 WIB" },
    /* Around the clock, a pause over a weekend counts in full. */
    { "DJJ", "2026-12-04 16:30", 3 * 24 * 60, FALSE,
      { { "2026-12-05 10:00", "2026-12-06 12:00" } }, "08/12/2026 18:30 WIT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PauseCase *c = &cases[i];
      const char *zone = airport_zone (c->airport);
      g_autoptr(SapaSlaCalendar) calendar = c->business ? airport_calendar (c->airport) : NULL;
      SapaSlaPause pauses[3];
      guint n_pauses = 0;
      gint64 start = local_us (zone, c->start);
      gint64 due = 0;

      g_test_message ("case %u: %s %s + %u min", i, c->airport, c->start, c->minutes);

      for (; n_pauses < G_N_ELEMENTS (c->pauses) && c->pauses[n_pauses].start != NULL; n_pauses++)
        {
          pauses[n_pauses].start_us = local_us (zone, c->pauses[n_pauses].start);
          pauses[n_pauses].end_us = c->pauses[n_pauses].end != NULL
            ? local_us (zone, c->pauses[n_pauses].end)
            : SAPA_SLA_PAUSE_OPEN;
        }

      if (c->expected == NULL)
        {
          g_assert_false (sapa_sla_compute_due (start, c->minutes, calendar, pauses, n_pauses, &due));
        }
      else
        {
          g_autofree char *due_text = NULL;

          g_assert_true (sapa_sla_compute_due (start, c->minutes, calendar, pauses, n_pauses, &due));
          due_text = sapa_time_format (due, zone);
          g_assert_cmpstr (due_text, ==, c->expected);
          g_assert_cmpint (sapa_sla_elapsed (start, due, calendar, pauses, n_pauses), ==,
                           c->minutes * MINUTE);
        }
    }
}

static void
test_sla_pauses_from_history (void)
{
  const SapaSlaStatusChange changes[] = {
    { 1, SAPA_STATUS_OPEN },
    { 2, SAPA_STATUS_WAITING_CUSTOMER },
    { 5, SAPA_STATUS_IN_SERVICE },
    { 7, SAPA_STATUS_WAITING_CUSTOMER },
    { 8, SAPA_STATUS_WAITING_CUSTOMER },
    { 9, SAPA_STATUS_ESCALATED },
    { 12, SAPA_STATUS_WAITING_CUSTOMER },
  };
  g_autoptr(GArray) pauses = sapa_sla_pauses_from_history (changes, G_N_ELEMENTS (changes));
  g_autoptr(GArray) none = sapa_sla_pauses_from_history (changes, 1);
  g_autoptr(GArray) ended = sapa_sla_pauses_from_history (changes, 3);

  g_assert_cmpuint (pauses->len, ==, 3);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 0).start_us, ==, 2);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 0).end_us, ==, 5);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 1).start_us, ==, 7);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 1).end_us, ==, 9);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 2).start_us, ==, 12);
  g_assert_cmpint (g_array_index (pauses, SapaSlaPause, 2).end_us, ==, SAPA_SLA_PAUSE_OPEN);

  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (ended->len, ==, 1);
  g_assert_cmpint (g_array_index (ended, SapaSlaPause, 0).end_us, ==, 5);
}

/* ---- Elapsed time ---- */

typedef struct {
  const char *airport;
  const char *from;
  const char *to;
  gboolean    business;
  gint64      expected_minutes;
} ElapsedCase;

static void
test_sla_elapsed_table (void)
{
  static const ElapsedCase cases[] = {
    /* A first response on Monday at 08:30 to a ticket of Friday 16:30. */
    { "UPG", "2026-12-04 16:30", "2026-12-07 08:30", TRUE, 60 },
    { "UPG", "2026-12-04 16:30", "2026-12-07 08:30", FALSE, 2 * 24 * 60 + 16 * 60 },
    /* Wholly outside business hours. */
    { "UPG", "2026-12-05 09:00", "2026-12-06 18:00", TRUE, 0 },
    { "UPG", "2026-12-07 17:30", "2026-12-08 07:59", TRUE, 0 },
    /* A holiday between two working days. */
    { "UPG", "2026-12-24 12:00", "2026-12-28 12:00", TRUE, 300 + 240 },
    /* The same span seen by DJJ, whose own holiday is the 24th. */
    { "DJJ", "2026-12-24 12:00", "2026-12-28 12:00", TRUE, 240 },
    /* A whole week in CGK: seven days of 900 minutes less Christmas Day. */
    { "CGK", "2026-12-21 00:00", "2026-12-28 00:00", TRUE, 6 * 900 },
    /* Backwards or empty spans. */
    { "UPG", "2026-12-07 10:00", "2026-12-07 09:00", TRUE, 0 },
    { "UPG", "2026-12-07 10:00", "2026-12-07 10:00", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ElapsedCase *c = &cases[i];
      const char *zone = airport_zone (c->airport);
      g_autoptr(SapaSlaCalendar) calendar = c->business ? airport_calendar (c->airport) : NULL;

      g_test_message ("case %u: %s %s to %s", i, c->airport, c->from, c->to);
      g_assert_cmpint (sapa_sla_elapsed (local_us (zone, c->from), local_us (zone, c->to),
                                         calendar, NULL, 0),
                       ==, c->expected_minutes * MINUTE);
    }
}

static void
test_sla_elapsed_with_pauses (void)
{
  g_autoptr(SapaSlaCalendar) calendar = airport_calendar ("UPG");
  const SapaSlaPause pauses[] = {
    { local_us ("Asia/Makassar", "2026-12-07 09:00"), local_us ("Asia/Makassar", "2026-12-07 10:00") },
    { local_us ("Asia/Makassar", "2026-12-07 16:00"), SAPA_SLA_PAUSE_OPEN },
  };
  gint64 from = local_us ("Asia/Makassar", "2026-12-07 08:00");

  /* 08:00-09:00 and 10:00-16:00 count, nothing after the open pause. */
  g_assert_cmpint (sapa_sla_elapsed (from, local_us ("Asia/Makassar", "2026-12-07 09:30"),
                                     calendar, pauses, 2), ==, 60 * MINUTE);
  g_assert_cmpint (sapa_sla_elapsed (from, local_us ("Asia/Makassar", "2026-12-09 12:00"),
                                     calendar, pauses, 2), ==, 7 * 60 * MINUTE);
  g_assert_cmpint (sapa_sla_elapsed (from, local_us ("Asia/Makassar", "2026-12-09 12:00"),
                                     NULL, pauses, 2), ==, 7 * 60 * MINUTE);
}

/* ---- State and labels ---- */

static void
test_sla_format_duration (void)
{
  static const struct {
    gint64      span;
    const char *expected;
  } cases[] = {
    { 0, "0 min" },
    { 1, "1 min" },
    { 59 * G_USEC_PER_SEC, "1 min" },
    { 25 * MINUTE, "25 min" },
    { 25 * MINUTE + 1, "26 min" },
    { 60 * MINUTE, "1 h" },
    { 65 * MINUTE, "1 h 5 min" },
    { -65 * MINUTE, "1 h 5 min" },
    { 23 * 60 * MINUTE + 59 * MINUTE, "23 h 59 min" },
    { 24 * 60 * MINUTE, "1 day" },
    { 24 * 60 * MINUTE + 1, "1 day 1 h" },
    { (2 * 24 + 3) * 60 * MINUTE, "2 days 3 h" },
    { (2 * 24 + 2) * 60 * MINUTE + 30 * MINUTE, "2 days 3 h" },
    { 90 * 24 * 60 * MINUTE, "90 days" },
    { G_MININT64, "106751991 days 5 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sapa_sla_format_duration (cases[i].span);

      g_test_message ("case %u", i);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

typedef struct {
  gint64           remaining_minutes;
  gint64           extra_us;
  guint            target_minutes;
  SapaSlaThreshold threshold;
  SapaSlaState     expected_state;
  const char      *expected_label;
} StateCase;

static void
test_sla_state_table (void)
{
  static const StateCase cases[] = {
    /* The last 20 % of a 30-minute target are its last 6 minutes. */
    { 25, 0, 30, { 20, 0 }, SAPA_SLA_STATE_ON_TIME, "25 min left" },
    { 6, 1, 30, { 20, 0 }, SAPA_SLA_STATE_ON_TIME, "7 min left" },
    { 6, 0, 30, { 20, 0 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 6 min left" },
    { 1, 0, 30, { 20, 0 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 1 min left" },
    { 0, 0, 30, { 20, 0 }, SAPA_SLA_STATE_DUE_SOON, "Due now" },
    { 0, -1, 30, { 20, 0 }, SAPA_SLA_STATE_OVERDUE, "Overdue by 1 min" },
    { -65, 0, 30, { 20, 0 }, SAPA_SLA_STATE_OVERDUE, "Overdue by 1 h 5 min" },
    { -3 * 24 * 60, 0, 30, { 20, 0 }, SAPA_SLA_STATE_OVERDUE, "Overdue by 3 days" },
    /* A fixed number of minutes. */
    { 10, 0, 30, { 0, 10 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 10 min left" },
    { 11, 0, 30, { 0, 10 }, SAPA_SLA_STATE_ON_TIME, "11 min left" },
    /* Both: the longer one wins. 20 % of 120 minutes is 24. */
    { 24, 0, 120, { 20, 10 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 24 min left" },
    { 25, 0, 120, { 20, 10 }, SAPA_SLA_STATE_ON_TIME, "25 min left" },
    { 10, 0, 20, { 20, 10 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 10 min left" },
    /* No threshold at all: due soon only at the due instant. */
    { 1, 0, 30, { 0, 0 }, SAPA_SLA_STATE_ON_TIME, "1 min left" },
    /* A percentage past 100 counts as 100. */
    { 30, 0, 30, { 500, 0 }, SAPA_SLA_STATE_DUE_SOON, "Due soon, 30 min left" },
    { 31, 0, 30, { 500, 0 }, SAPA_SLA_STATE_ON_TIME, "31 min left" },
    /* Long targets. */
    { 25 * 60, 0, 3 * 24 * 60, { 20, 0 }, SAPA_SLA_STATE_ON_TIME, "1 day 1 h left" },
  };
  gint64 now = local_us ("Asia/Jakarta", "2026-12-07 10:00");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StateCase *c = &cases[i];
      gint64 due = now + c->remaining_minutes * MINUTE + c->extra_us;
      SapaSlaProgress progress;
      g_autofree char *label = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (sapa_sla_classify (due, now, c->target_minutes, &c->threshold), ==,
                       c->expected_state);

      progress.state = c->expected_state;
      progress.has_due = TRUE;
      progress.due_us = due;
      progress.remaining_us = due - now;
      label = sapa_sla_format_progress (&progress);
      g_assert_cmpstr (label, ==, c->expected_label);
    }

  /* NULL is the default threshold, the last 20 %. */
  g_assert_cmpint (sapa_sla_classify (now + 6 * MINUTE, now, 30, NULL), ==, SAPA_SLA_STATE_DUE_SOON);
  g_assert_cmpint (sapa_sla_classify (now + 7 * MINUTE, now, 30, NULL), ==, SAPA_SLA_STATE_ON_TIME);
}

static void
test_sla_evaluate_paused (void)
{
  g_autoptr(SapaSlaCalendar) calendar = airport_calendar ("UPG");
  gint64 start = local_us ("Asia/Makassar", "2026-12-07 09:00");
  SapaSlaPause pause = { local_us ("Asia/Makassar", "2026-12-07 09:20"), SAPA_SLA_PAUSE_OPEN };
  SapaSlaProgress progress;
  g_autofree char *paused_label = NULL;
  g_autofree char *overdue_label = NULL;
  g_autofree char *weekend_label = NULL;

  /* Waiting for the customer since 09:20: 40 minutes stay left. */
  sapa_sla_evaluate (start, 60, calendar, &pause, 1,
                     local_us ("Asia/Makassar", "2026-12-07 11:00"), NULL, &progress);
  g_assert_cmpint (progress.state, ==, SAPA_SLA_STATE_PAUSED);
  g_assert_false (progress.has_due);
  g_assert_cmpint (progress.remaining_us, ==, 40 * MINUTE);
  paused_label = sapa_sla_format_progress (&progress);
  g_assert_cmpstr (paused_label, ==, "Paused, 40 min left");

  /* Waiting only from 10:30, after the due instant at 10:00. */
  pause.start_us = local_us ("Asia/Makassar", "2026-12-07 10:30");
  sapa_sla_evaluate (start, 60, calendar, &pause, 1,
                     local_us ("Asia/Makassar", "2026-12-07 11:00"), NULL, &progress);
  g_assert_cmpint (progress.state, ==, SAPA_SLA_STATE_OVERDUE);
  g_assert_true (progress.has_due);
  g_assert_cmpint (progress.due_us, ==, local_us ("Asia/Makassar", "2026-12-07 10:00"));
  g_assert_cmpint (progress.remaining_us, ==, -60 * MINUTE);
  overdue_label = sapa_sla_format_progress (&progress);
  g_assert_cmpstr (overdue_label, ==, "Overdue by 1 h");

  /* On Saturday the Friday 16:30 ticket has 30 business minutes left,
   * but due is Monday 08:30: the label counts to the due instant. */
  start = local_us ("Asia/Makassar", "2026-12-04 16:30");
  sapa_sla_evaluate (start, 60, calendar, NULL, 0,
                     local_us ("Asia/Makassar", "2026-12-05 08:30"), NULL, &progress);
  g_assert_cmpint (progress.state, ==, SAPA_SLA_STATE_ON_TIME);
  g_assert_cmpint (progress.remaining_us, ==, 2 * 24 * 60 * MINUTE);
  weekend_label = sapa_sla_format_progress (&progress);
  g_assert_cmpstr (weekend_label, ==, "2 days left");
}

/* ---- Policies ---- */

static void
assert_limit (const SapaSlaLimit *limit,
              guint               minutes,
              SapaSlaHours        hours)
{
  g_assert_cmpuint (limit->minutes, ==, minutes);
  g_assert_cmpint (limit->hours, ==, hours);
}

static void
test_sla_policy_defaults (void)
{
  g_autoptr(SapaSlaPolicy) policy = sapa_sla_policy_new ();
  SapaSlaTarget target;

  /* The fallback row. */
  sapa_sla_policy_lookup (policy, "counter", "complaint", &target);
  assert_limit (&target.first_response, 60, SAPA_SLA_HOURS_BUSINESS);
  assert_limit (&target.resolution, 1620, SAPA_SLA_HOURS_BUSINESS);
  sapa_sla_policy_lookup (policy, NULL, NULL, &target);
  assert_limit (&target.first_response, 60, SAPA_SLA_HOURS_BUSINESS);

  /* A channel row. */
  sapa_sla_policy_lookup (policy, "phone", "complaint", &target);
  assert_limit (&target.first_response, 15, SAPA_SLA_HOURS_24X7);
  assert_limit (&target.resolution, 1440, SAPA_SLA_HOURS_24X7);

  /* A category row wins over a channel row. */
  sapa_sla_policy_lookup (policy, "phone", "security", &target);
  assert_limit (&target.first_response, 15, SAPA_SLA_HOURS_24X7);
  assert_limit (&target.resolution, 240, SAPA_SLA_HOURS_24X7);
  sapa_sla_policy_lookup (policy, "email", "security", &target);
  assert_limit (&target.resolution, 240, SAPA_SLA_HOURS_24X7);
}

static void
test_sla_policy_key_file (void)
{
  g_autoptr(GKeyFile) key_file = key_file_from_text ("[sla/*/*]\n"
                                                     "first-response-minutes=45\n"
                                                     "\n"
                                                     "[sla/x/complaint]\n"
                                                     "first-response-minutes=30\n"
                                                     "first-response-hours=24x7\n"
                                                     "\n"
                                                     "[sla/phone/*]\n"
                                                     "resolution-hours=business\n"
                                                     "\n"
                                                     "[sla/phone/lost_found]\n"
                                                     "resolution-minutes=129600\n"
                                                     "\n"
                                                     "[calendar]\n"
                                                     "monday=08:00-12:00\n");
  g_autoptr(SapaSlaPolicy) policy = sapa_sla_policy_new ();
  g_autoptr(GError) error = NULL;
  SapaSlaTarget target;

  g_assert_true (sapa_sla_policy_load_key_file (policy, key_file, &error));
  g_assert_no_error (error);

  sapa_sla_policy_lookup (policy, "counter", "information", &target);
  assert_limit (&target.first_response, 45, SAPA_SLA_HOURS_BUSINESS);
  assert_limit (&target.resolution, 1620, SAPA_SLA_HOURS_BUSINESS);

  /* A new row starts from the fallback as the group before changed it. */
  sapa_sla_policy_lookup (policy, "x", "complaint", &target);
  assert_limit (&target.first_response, 30, SAPA_SLA_HOURS_24X7);
  assert_limit (&target.resolution, 1620, SAPA_SLA_HOURS_BUSINESS);
  sapa_sla_policy_lookup (policy, "x", "parking", &target);
  assert_limit (&target.first_response, 45, SAPA_SLA_HOURS_BUSINESS);

  /* A changed row keeps the keys the group leaves out. */
  sapa_sla_policy_lookup (policy, "phone", "parking", &target);
  assert_limit (&target.first_response, 15, SAPA_SLA_HOURS_24X7);
  assert_limit (&target.resolution, 1440, SAPA_SLA_HOURS_BUSINESS);

  sapa_sla_policy_lookup (policy, "phone", "lost_found", &target);
  assert_limit (&target.first_response, 15, SAPA_SLA_HOURS_24X7);
  assert_limit (&target.resolution, SAPA_SLA_MAX_MINUTES, SAPA_SLA_HOURS_BUSINESS);
}

typedef struct {
  const char *text;
  const char *message_part;
} InvalidCase;

static void
test_sla_policy_rejects (void)
{
  static const InvalidCase cases[] = {
    { "[sla/*/*]\nfirst-response-minutes=-5\n", "“-5”" },
    { "[sla/*/*]\nfirst-response-minutes=0\n", "“0”" },
    { "[sla/*/*]\nfirst-response-minutes=129601\n", "from 1 to 129600" },
    { "[sla/*/*]\nresolution-minutes=99999999999999999999999\n", "“99999999999999999999999”" },
    { "[sla/*/*]\nresolution-minutes=18446744073709551617\n", "“18446744073709551617”" },
    { "[sla/*/*]\nfirst-response-minutes=12.5\n", "“12.5”" },
    { "[sla/*/*]\nfirst-response-minutes=1e3\n", "“1e3”" },
    { "[sla/*/*]\nfirst-response-minutes=0x10\n", "“0x10”" },
    { "[sla/*/*]\nfirst-response-minutes=+30\n", "“+30”" },
    { "[sla/*/*]\nfirst-response-minutes=thirty\n", "“thirty”" },
    { "[sla/*/*]\nfirst-response-minutes=\n", "key “first-response-minutes”" },
    { "[sla/*/*]\nfirst-response-hours=weekdays\n", "“24x7” or “business”" },
    { "[sla/*/*]\nresolution-hours=Business\n", "“Business”" },
    { "[sla/*/*]\nfirst-respons-minutes=30\n", "“first-respons-minutes”" },
    { "[sla/*/*]\nfirst-response-minutes[id]=30\n", "“first-response-minutes[id]”" },
    { "[sla/phone]\nfirst-response-minutes=30\n", "“sla/phone”" },
    { "[sla/Phone/*]\nfirst-response-minutes=30\n", "“sla/Phone/*”" },
    { "[sla/phone/*/extra]\nfirst-response-minutes=30\n", "“sla/phone/*/extra”" },
    { "[sla//complaint]\nfirst-response-minutes=30\n", "“sla//complaint”" },
    { "[sla/phone/]\nfirst-response-minutes=30\n", "“sla/phone/”" },
    { "[sla/live chat/*]\nfirst-response-minutes=30\n", "“sla/live chat/*”" },
    /* An error in a later group undoes the earlier groups too. */
    { "[sla/*/*]\nfirst-response-minutes=5\n[sla/phone/*]\nresolution-minutes=-1\n", "“-1”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GKeyFile) key_file = key_file_from_text (cases[i].text);
      g_autoptr(SapaSlaPolicy) policy = sapa_sla_policy_new ();
      g_autoptr(GError) error = NULL;
      SapaSlaTarget target;

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_false (sapa_sla_policy_load_key_file (policy, key_file, &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));

      /* The policy is as it was before. */
      sapa_sla_policy_lookup (policy, "counter", "complaint", &target);
      assert_limit (&target.first_response, 60, SAPA_SLA_HOURS_BUSINESS);
      assert_limit (&target.resolution, 1620, SAPA_SLA_HOURS_BUSINESS);
      sapa_sla_policy_lookup (policy, "phone", "complaint", &target);
      assert_limit (&target.resolution, 1440, SAPA_SLA_HOURS_24X7);
    }
}

/* ---- Calendars ---- */

static void
assert_hours (const SapaSlaCalendar *calendar,
              GDateWeekday           weekday,
              guint                  open_minute,
              guint                  close_minute)
{
  guint open = 0, close = 0;

  g_assert_true (sapa_sla_calendar_get_hours (calendar, weekday, &open, &close));
  g_assert_cmpuint (open, ==, open_minute);
  g_assert_cmpuint (close, ==, close_minute);
}

static gboolean
is_holiday (const SapaSlaCalendar *calendar,
            int                    year,
            int                    month,
            int                    day)
{
  g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

  return sapa_sla_calendar_is_holiday (calendar, date);
}

static void
test_sla_calendar_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) calendar = sapa_sla_calendar_new ("Asia/Makassar", &error);
  g_autoptr(SapaSlaCalendar) upg = sapa_sla_calendar_new_for_airport ("upg", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (calendar), ==, "Asia/Makassar");
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
    assert_hours (calendar, day, 8 * 60, 17 * 60);
  g_assert_false (sapa_sla_calendar_get_hours (calendar, G_DATE_SATURDAY, NULL, NULL));
  g_assert_false (sapa_sla_calendar_get_hours (calendar, G_DATE_SUNDAY, NULL, NULL));
  g_assert_false (is_holiday (calendar, 2026, 12, 25));

  /* The airport's zone, in any letter case of the code. */
  g_assert_nonnull (upg);
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (upg), ==, "Asia/Makassar");
  assert_hours (upg, G_DATE_MONDAY, 8 * 60, 17 * 60);
}

static void
test_sla_calendar_key_file (void)
{
  g_autoptr(SapaSlaCalendar) upg = airport_calendar ("UPG");
  g_autoptr(SapaSlaCalendar) dps = airport_calendar ("DPS");
  g_autoptr(SapaSlaCalendar) cgk = airport_calendar ("CGK");
  g_autoptr(SapaSlaCalendar) djj = airport_calendar ("DJJ");
  g_autoptr(SapaSlaCalendar) sub = airport_calendar ("SUB");

  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (upg), ==, "Asia/Makassar");
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (cgk), ==, "Asia/Jakarta");
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (djj), ==, "Asia/Jayapura");
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (sub), ==, "Asia/Jakarta");

  assert_hours (upg, G_DATE_FRIDAY, 8 * 60, 17 * 60);
  g_assert_false (sapa_sla_calendar_get_hours (upg, G_DATE_SATURDAY, NULL, NULL));
  assert_hours (dps, G_DATE_SATURDAY, 9 * 60, 13 * 60);
  g_assert_false (sapa_sla_calendar_get_hours (dps, G_DATE_SUNDAY, NULL, NULL));
  assert_hours (cgk, G_DATE_SUNDAY, 7 * 60, 22 * 60);
  assert_hours (djj, G_DATE_FRIDAY, 8 * 60, 24 * 60);
  assert_hours (djj, G_DATE_THURSDAY, 8 * 60, 17 * 60);

  /* The network's holidays apply everywhere. An airport's own add to
   * them and stay its own. */
  g_assert_true (is_holiday (upg, 2026, 12, 25));
  g_assert_true (is_holiday (sub, 2027, 1, 1));
  g_assert_true (is_holiday (djj, 2026, 12, 25));
  g_assert_true (is_holiday (djj, 2026, 12, 24));
  g_assert_false (is_holiday (upg, 2026, 12, 24));
  g_assert_false (is_holiday (upg, 2026, 12, 26));
}

static void
test_sla_calendar_programmatic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) calendar = sapa_sla_calendar_new ("Asia/Jayapura", &error);
  g_autoptr(GDate) holiday = g_date_new_dmy (7, G_DATE_DECEMBER, 2026);
  gint64 start = local_us ("Asia/Jayapura", "2026-12-05 10:00");
  gint64 due = 0;

  g_assert_no_error (error);
  sapa_sla_calendar_set_hours (calendar, G_DATE_SATURDAY, 0, 24 * 60);
  sapa_sla_calendar_set_closed (calendar, G_DATE_TUESDAY);
  sapa_sla_calendar_add_holiday (calendar, holiday);

  assert_hours (calendar, G_DATE_SATURDAY, 0, 24 * 60);
  g_assert_false (sapa_sla_calendar_get_hours (calendar, G_DATE_TUESDAY, NULL, NULL));
  g_assert_true (sapa_sla_calendar_is_holiday (calendar, holiday));

  /* Saturday 10:00 to midnight is 840 minutes. Sunday is closed, Monday
   * a holiday and Tuesday closed, so the last hour is on Wednesday. */
  g_assert_true (sapa_sla_compute_due (start, 900, calendar, NULL, 0, &due));
  g_assert_cmpint (due, ==, local_us ("Asia/Jayapura", "2026-12-09 09:00"));
}

static void
test_sla_calendar_rejects (void)
{
  static const InvalidCase cases[] = {
    { "[calendar/UPG]\nmonday=8:00-17:00\n", "“8:00-17:00”" },
    { "[calendar/UPG]\nmonday=08:00 - 17:00\n", "“08:00 - 17:00”" },
    { "[calendar/UPG]\nmonday=17:00-08:00\n", "“17:00-08:00”" },
    { "[calendar/UPG]\nmonday=08:00-08:00\n", "“08:00-08:00”" },
    { "[calendar/UPG]\nmonday=08:60-17:00\n", "“08:60-17:00”" },
    { "[calendar/UPG]\nmonday=08:00-24:01\n", "“08:00-24:01”" },
    { "[calendar/UPG]\nmonday=25:00-26:00\n", "“25:00-26:00”" },
    { "[calendar/UPG]\nmonday=-8:00-17:00\n", "“-8:00-17:00”" },
    { "[calendar/UPG]\nmonday=08:00-17:00;18:00-20:00\n", "“08:00-17:00;18:00-20:00”" },
    { "[calendar/UPG]\nmonday=open\n", "“open”" },
    { "[calendar/UPG]\nmonday=Closed\n", "“Closed”" },
    { "[calendar/UPG]\nmonday=\n", "key “monday”" },
    { "[calendar/UPG]\nholidays=2026-02-30\n", "“2026-02-30”" },
    { "[calendar/UPG]\nholidays=2026-1-5\n", "“2026-1-5”" },
    { "[calendar/UPG]\nholidays=20261225\n", "“20261225”" },
    { "[calendar/UPG]\nholidays=2026-12-25;tomorrow\n", "“tomorrow”" },
    { "[calendar/UPG]\nholidays=0000-01-01\n", "“0000-01-01”" },
    { "[calendar/UPG]\nholidays=2026-12-+5\n", "“2026-12-+5”" },
    { "[calendar/UPG]\nmon=08:00-17:00\n", "“mon”" },
    { "[calendar/UPG]\ntime-zone=Asia/Jakarta\n", "“time-zone”" },
    { "[calendar/UPG]\nmonday=closed\ntuesday=closed\nwednesday=closed\n"
      "thursday=closed\nfriday=closed\n", "every day" },
    /* The network group is checked as well. */
    { "[calendar]\nfriday=08:00-\n", "“08:00-”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GKeyFile) key_file = key_file_from_text (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(SapaSlaCalendar) calendar = NULL;
      g_autoptr(SapaSlaCalendar) loaded = NULL;

      g_test_message ("case %u: %s", i, cases[i].text);

      loaded = sapa_sla_calendar_new_for_airport ("UPG", key_file, &error);
      g_assert_null (loaded);
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_clear_error (&error);

      /* Loaded into an existing calendar, the group changes nothing. */
      calendar = sapa_sla_calendar_new ("Asia/Makassar", &error);
      g_assert_no_error (error);
      g_assert_false (sapa_sla_calendar_load_group (calendar, key_file, "calendar/UPG", &error) &&
                      sapa_sla_calendar_load_group (calendar, key_file, "calendar", &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
        assert_hours (calendar, day, 8 * 60, 17 * 60);
      g_assert_false (is_holiday (calendar, 2026, 12, 25));
    }
}

static void
test_sla_calendar_holiday_limit (void)
{
  g_autoptr(GString) text = g_string_new ("[calendar/UPG]\nholidays=");
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GKeyFile) empty = key_file_from_text ("[calendar/UPG]\nholidays=\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) calendar = sapa_sla_calendar_new ("Asia/Makassar", &error);
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2027);

  g_assert_no_error (error);

  /* An empty list is valid and adds nothing. */
  g_assert_true (sapa_sla_calendar_load_group (calendar, empty, "calendar/UPG", &error));
  g_assert_no_error (error);

  for (guint i = 0; i <= SAPA_SLA_MAX_HOLIDAYS; i++)
    {
      g_string_append_printf (text, "%04d-%02d-%02d;", g_date_get_year (date),
                              g_date_get_month (date), g_date_get_day (date));
      g_date_add_days (date, 1);
    }
  g_string_append_c (text, '\n');
  key_file = key_file_from_text (text->str);

  g_assert_false (sapa_sla_calendar_load_group (calendar, key_file, "calendar/UPG", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1001 holidays"));
  g_assert_false (is_holiday (calendar, 2027, 1, 1));
}

static void
test_sla_calendar_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) mars = sapa_sla_calendar_new ("Mars/Olympus_Mons", &error);
  g_autoptr(SapaSlaCalendar) nowhere = NULL;

  g_assert_null (mars);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Mars/Olympus_Mons”"));
  g_clear_error (&error);

  nowhere = sapa_sla_calendar_new_for_airport ("XXX", NULL, &error);
  g_assert_null (nowhere);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“XXX”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/sla/machine-zone", test_sla_machine_zone);
  g_test_add_func ("/sapa/sla/upg-friday-afternoon", test_sla_upg_friday_afternoon);
  g_test_add_func ("/sapa/sla/djj-viewers", test_sla_djj_viewers);
  g_test_add_func ("/sapa/sla/due/table", test_sla_due_table);
  g_test_add_func ("/sapa/sla/due/keeps-seconds", test_sla_due_keeps_seconds);
  g_test_add_func ("/sapa/sla/due/max-target", test_sla_due_max_target);
  g_test_add_func ("/sapa/sla/due/never-open", test_sla_due_never_open);
  g_test_add_func ("/sapa/sla/pause/table", test_sla_pause_table);
  g_test_add_func ("/sapa/sla/pause/from-history", test_sla_pauses_from_history);
  g_test_add_func ("/sapa/sla/elapsed/table", test_sla_elapsed_table);
  g_test_add_func ("/sapa/sla/elapsed/with-pauses", test_sla_elapsed_with_pauses);
  g_test_add_func ("/sapa/sla/label/duration", test_sla_format_duration);
  g_test_add_func ("/sapa/sla/label/state-table", test_sla_state_table);
  g_test_add_func ("/sapa/sla/label/evaluate-paused", test_sla_evaluate_paused);
  g_test_add_func ("/sapa/sla/policy/defaults", test_sla_policy_defaults);
  g_test_add_func ("/sapa/sla/policy/key-file", test_sla_policy_key_file);
  g_test_add_func ("/sapa/sla/policy/rejects", test_sla_policy_rejects);
  g_test_add_func ("/sapa/sla/calendar/defaults", test_sla_calendar_defaults);
  g_test_add_func ("/sapa/sla/calendar/key-file", test_sla_calendar_key_file);
  g_test_add_func ("/sapa/sla/calendar/programmatic", test_sla_calendar_programmatic);
  g_test_add_func ("/sapa/sla/calendar/rejects", test_sla_calendar_rejects);
  g_test_add_func ("/sapa/sla/calendar/holiday-limit", test_sla_calendar_holiday_limit);
  g_test_add_func ("/sapa/sla/calendar/unknown", test_sla_calendar_unknown);

  return g_test_run ();
}
