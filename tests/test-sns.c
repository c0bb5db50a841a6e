/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sns.c: special-needs arrival times, notice and service clocks */

#include "config.h"

#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-sns.h"
#include "sapa-store.h"
#include "sapa-ticket-action.h"
#include "sapa-time.h"

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
  gboolean    day_before;
  const char *zone;
  gint64      expected_eta;
} EtaCase;

static void
test_resolve_eta (void)
{
  const EtaCase cases[] = {
    /* 05:30 WITA on the flight's date is 21:30 UTC the day before. */
    { "2026-12-05", NULL, "05:30", FALSE, "Asia/Makassar", utc (2026, 12, 4, 21, 30) },
    /* An arrival at 00:40 for a 02:10 flight is on the flight's date. */
    { "2026-12-05", "02:10", "00:40", FALSE, "Asia/Jakarta", utc (2026, 12, 4, 17, 40) },
    /* An arrival at 23:30 for a 01:00 flight, confirmed as the evening
     * before. */
    { "2026-12-05", "01:00", "23:30", TRUE, "Asia/Jakarta", utc (2026, 12, 4, 16, 30) },
    /* An arrival at 00:30 for a flight at 00:55 of the same date. */
    { "2026-12-05", "00:55", "00:30", FALSE, "Asia/Jayapura", utc (2026, 12, 4, 15, 30) },
    /* The same wall clock in the three zones is an hour apart each. */
    { "2026-12-05", NULL, "08:00", FALSE, "Asia/Jakarta", utc (2026, 12, 5, 1, 0) },
    { "2026-12-05", NULL, "08:00", FALSE, "Asia/Makassar", utc (2026, 12, 5, 0, 0) },
    { "2026-12-05", NULL, "08:00", FALSE, "Asia/Jayapura", utc (2026, 12, 4, 23, 0) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 eta = 0, departure = -1;

      g_assert_true (sapa_sns_resolve_times (cases[i].flight_date, cases[i].departure, cases[i].eta,
                                             cases[i].day_before, cases[i].zone, &eta, &departure, &error));
      g_assert_no_error (error);
      g_assert_cmpint (eta, ==, cases[i].expected_eta);
      if (cases[i].departure == NULL)
        g_assert_cmpint (departure, ==, 0);
      else
        g_assert_cmpint (departure, >=, eta);
    }
}

/* An arrival later in the day than the departure stays on the flight's
 * date unless the day before is chosen: no silent move of almost a day. */
static void
test_resolve_eta_after_departure (void)
{
  g_autoptr(GError) error = NULL;
  gint64 eta = 0, departure = 0;

  g_assert_true (sapa_sns_resolve_times ("2026-12-05", "10:00", "10:15", FALSE, "Asia/Jakarta",
                                         &eta, &departure, &error));
  g_assert_no_error (error);
  g_assert_cmpint (eta, ==, utc (2026, 12, 5, 3, 15));
  g_assert_cmpint (departure, ==, utc (2026, 12, 5, 3, 0));
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

      g_assert_false (sapa_sns_resolve_times (bad[i][0], bad[i][1], bad[i][2], FALSE, bad[i][3],
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

/* The dashboard's test store: a CCO at CGK books passengers for UPG, and
 * the UPG counter serves them. */
typedef struct {
  char      *dir;
  SapaStore *store;
  gint64     clock;
} Board;

static void
board_set_up (Board         *board,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  board->dir = g_dir_make_tmp ("sapa-sns-XXXXXX", NULL);
  path = g_build_filename (board->dir, "sapa.db", NULL);
  board->store = sapa_store_open (path, &error);
  g_assert_no_error (error);
  /* 2026-12-04 10:00 WITA. */
  board->clock = utc (2026, 12, 4, 2, 0);
}

static void
board_tear_down (Board         *board,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (board->dir, 0, NULL);
  const char *name;

  g_clear_object (&board->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (board->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (board->dir);
  g_free (board->dir);
}

static void
take (Board      *board,
      SapaWizard *wizard,
      const char *branch)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  board->clock += MINUTE;
  g_assert_true (sapa_wizard_advance_at (wizard, branch, board->clock, &error));
  g_assert_no_error (error);
  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (board->store, wizard, activities, &error);
  g_assert_no_error (error);
}

/* Starts a booking at a CGK desk for a passenger flying from UPG and
 * fills its identity step, up to the officer's "next". */
static SapaWizard *
start_booking (Board      *board,
               const char *name,
               const char *ssr,
               const char *flight_date,
               const char *departure,
               const char *eta)
{
  SapaWizard *wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SNS_PREBOOK), "CGK", 3, "Rina");

  take (board, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Pesan kursi roda");
  take (board, wizard, "next");
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "phone", "0812 5555 6666");
  sapa_wizard_set_value (wizard, "flight", "GA 404");
  sapa_wizard_set_value (wizard, "flight_date", flight_date);
  sapa_wizard_set_value (wizard, "departure_time", departure);
  sapa_wizard_set_value (wizard, "eta", eta);
  sapa_wizard_set_value (wizard, "airport", "UPG");
  sapa_wizard_set_value (wizard, "ssr", ssr);
  sapa_wizard_set_value (wizard, "consent", "yes");
  return wizard;
}

/* Takes the rest of a booking whose identity step is filled in. */
static char *
finish_booking (Board      *board,
                SapaWizard *wizard)
{
  take (board, wizard, "next");
  take (board, wizard, "sesuai");
  take (board, wizard, "next");
  g_assert_true (sapa_wizard_is_finished (wizard));
  return g_strdup (sapa_wizard_get_ticket_id (wizard));
}

static char *
book (Board      *board,
      const char *name,
      const char *ssr,
      const char *flight_date,
      const char *departure,
      const char *eta)
{
  g_autoptr(SapaWizard) wizard = start_booking (board, name, ssr, flight_date, departure, eta);

  return finish_booking (board, wizard);
}

/* Asserts that the current step is rejected with SAPA_ERROR_INVALID on
 * @field_key, both when validated and when taken. */
static void
assert_step_rejected (Board      *board,
                      SapaWizard *wizard,
                      const char *branch,
                      const char *field_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) advance_error = NULL;
  g_autofree char *key = NULL;
  const char *step = sapa_wizard_get_step (wizard)->id;

  g_assert_false (sapa_wizard_validate_step_at (wizard, board->clock, &key, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_cmpstr (key, ==, field_key);
  g_assert_false (sapa_wizard_advance_at (wizard, branch, board->clock, &advance_error));
  g_assert_error (advance_error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, step);
}

static SapaSnsBoard *
load (Board      *board,
      const char *airport)
{
  g_autoptr(GError) error = NULL;
  SapaSnsBoard *result = sapa_store_load_sns_board (board->store, airport, board->clock, &error);

  g_assert_no_error (error);
  return result;
}

static SapaWizard *
arrive (Board      *board,
        const char *booking,
        const char *name,
        const char *ssr)
{
  SapaWizard *wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER), "UPG", 2, "Yusuf");

  if (booking != NULL)
    sapa_wizard_set_value (wizard, SAPA_SNS_BOOKING_KEY, booking);
  take (board, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Layanan kursi roda");
  take (board, wizard, "next");
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "ssr", ssr);
  sapa_wizard_set_value (wizard, "consent", "yes");
  take (board, wizard, "next");
  take (board, wizard, "sesuai");
  sapa_wizard_set_value (wizard, "equipment", "wheelchair,ambulift");
  sapa_wizard_set_value (wizard, "officer_assigned", "Andi");
  take (board, wizard, "next");
  return wizard;
}

static void
test_board_prebooked_journey (Board         *board,
                              gconstpointer  data)
{
  g_autofree char *booking = book (board, "Ibu Ratna", "WCHC", "2026-12-05", "07:10", "05:30");
  g_autoptr(SapaSnsBoard) at_upg = load (board, "UPG");
  g_autoptr(SapaSnsBoard) at_cgk = load (board, "CGK");
  g_autoptr(SapaSnsBoard) arrived = NULL;
  g_autoptr(SapaSnsBoard) holding = NULL;
  g_autoptr(SapaSnsBoard) handed = NULL;
  g_autoptr(SapaWizard) counter = NULL;
  g_autofree char *eta_text = NULL;
  SapaSnsEntry *entry;

  /* Booked at a CGK desk for UPG: only UPG expects her, at 05:30 WITA. */
  g_assert_cmpuint (at_cgk->groups[SAPA_SNS_EXPECTED]->len, ==, 0);
  g_assert_cmpuint (at_upg->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
  entry = g_ptr_array_index (at_upg->groups[SAPA_SNS_EXPECTED], 0);
  g_assert_cmpstr (entry->name, ==, "Ibu Ratna");
  g_assert_cmpstr (entry->ssr, ==, "WCHC");
  g_assert_cmpstr (entry->flight, ==, "GA 404");
  g_assert_true (entry->late);
  eta_text = sapa_time_format (entry->eta, entry->time_zone);
  g_assert_cmpstr (eta_text, ==, "05/12/2026 05:30 WITA");

  /* She arrives: served, then the holding room, then the airline. */
  board->clock = utc (2026, 12, 4, 21, 25);
  counter = arrive (board, booking, "Ibu Ratna", "WCHC");
  arrived = load (board, "UPG");
  g_assert_cmpuint (arrived->groups[SAPA_SNS_EXPECTED]->len, ==, 0);
  g_assert_cmpuint (arrived->groups[SAPA_SNS_IN_SERVICE]->len, ==, 1);
  entry = g_ptr_array_index (arrived->groups[SAPA_SNS_IN_SERVICE], 0);
  g_assert_true (entry->prebooked);
  g_assert_cmpstr (entry->officer, ==, "Andi");
  g_assert_cmpstr (entry->equipment, ==, "wheelchair,ambulift");

  take (board, counter, "start");
  take (board, counter, "holding_room");
  holding = load (board, "UPG");
  g_assert_cmpuint (holding->groups[SAPA_SNS_IN_SERVICE]->len, ==, 0);
  g_assert_cmpuint (holding->groups[SAPA_SNS_HOLDING]->len, ==, 1);
  entry = g_ptr_array_index (holding->groups[SAPA_SNS_HOLDING], 0);
  g_assert_cmpint (entry->service_started, >, entry->arrived);
  g_assert_cmpint (entry->holding_since, >, entry->service_started);

  sapa_wizard_set_value (counter, "airline", "Garuda Indonesia");
  take (board, counter, "handover");
  sapa_wizard_set_value (counter, "airline_staff", "Yoga");
  sapa_wizard_set_value (counter, "handover_time", "05:33");
  take (board, counter, "next");
  handed = load (board, "UPG");
  g_assert_cmpuint (handed->groups[SAPA_SNS_HOLDING]->len, ==, 0);
  g_assert_cmpuint (handed->groups[SAPA_SNS_HANDED_OVER]->len, ==, 1);
  entry = g_ptr_array_index (handed->groups[SAPA_SNS_HANDED_OVER], 0);
  g_assert_cmpstr (entry->airline_staff, ==, "Yoga");
  g_assert_cmpint (entry->handed_over, >, entry->holding_since);
}

static void
test_board_walk_in (Board         *board,
                    gconstpointer  data)
{
  g_autoptr(SapaWizard) counter = arrive (board, NULL, "Pak Joko", "BLND");
  g_autoptr(SapaSnsBoard) serving = load (board, "UPG");
  SapaSnsEntry *entry;

  g_assert_cmpuint (serving->groups[SAPA_SNS_IN_SERVICE]->len, ==, 1);
  entry = g_ptr_array_index (serving->groups[SAPA_SNS_IN_SERVICE], 0);
  g_assert_false (entry->prebooked);
  g_assert_cmpstr (entry->ssr, ==, "BLND");
}

static gint64
board_eta (Board      *board,
           const char *booking)
{
  g_autoptr(SapaSnsBoard) result = load (board, "UPG");

  for (guint i = 0; i < result->groups[SAPA_SNS_EXPECTED]->len; i++)
    {
      SapaSnsEntry *entry = g_ptr_array_index (result->groups[SAPA_SNS_EXPECTED], i);

      if (g_str_equal (entry->ticket_id, booking))
        return entry->eta;
    }
  g_assert_not_reached ();
}

/* An arrival after the departure is rejected until the officer corrects
 * it or confirms that the passenger comes the day before. */
static void
test_booking_eta_after_departure (Board         *board,
                                  gconstpointer  data)
{
  g_autoptr(SapaWizard) morning = start_booking (board, "Hj. Aminah", "WCHR,BLND,MAAS", "2026-12-05", "10:00", "10:15");
  g_autoptr(SapaWizard) midnight = start_booking (board, "Pak Made", "WCHR", "2026-12-05", "00:30", "23:45");
  g_autoptr(SapaWizard) same_time = start_booking (board, "Ibu Sari", "WCHR", "2026-12-05", "10:00", "10:00");
  g_autofree char *corrected = NULL;
  g_autofree char *evening = NULL;

  assert_step_rejected (board, morning, "next", "eta");
  assert_step_rejected (board, same_time, "next", "eta");
  sapa_wizard_set_value (morning, "eta", "08:15");
  corrected = finish_booking (board, morning);
  /* 08:15 WITA on 5 December is 00:15 UTC. */
  g_assert_cmpint (board_eta (board, corrected), ==, utc (2026, 12, 5, 0, 15));

  /* 23:45 for a 00:30 flight is the evening before, once confirmed. */
  assert_step_rejected (board, midnight, "next", "eta");
  sapa_wizard_set_value (midnight, "eta_day", "flight_day");
  assert_step_rejected (board, midnight, "next", "eta");
  sapa_wizard_set_value (midnight, "eta_day", "day_before");
  evening = finish_booking (board, midnight);
  /* 23:45 WITA on 4 December is 15:45 UTC. */
  g_assert_cmpint (board_eta (board, evening), ==, utc (2026, 12, 4, 15, 45));
}

/* A booking is for a coming flight, by the date at the airport of the
 * flight, not the desk's or UTC's. */
static void
test_booking_flight_in_past (Board         *board,
                             gconstpointer  data)
{
  g_autoptr(SapaWizard) last_week = NULL;
  g_autoptr(SapaWizard) yesterday = NULL;
  g_autoptr(SapaWizard) left = NULL;
  g_autofree char *today = NULL;

  /* 01:00 WITA on 5 December, still 4 December in UTC and at CGK. */
  board->clock = utc (2026, 12, 4, 17, 0);
  last_week = start_booking (board, "Hj. Aminah", "WCHR", "2026-12-01", "10:00", "08:15");
  yesterday = start_booking (board, "Pak Made", "WCHR", "2026-12-04", "", "20:00");
  left = start_booking (board, "Ibu Sari", "WCHR", "2026-12-05", "00:30", "00:10");

  assert_step_rejected (board, last_week, "next", "flight_date");
  assert_step_rejected (board, yesterday, "next", "flight_date");
  assert_step_rejected (board, left, "next", "departure_time");

  /* Today's flight that has not left is booked. */
  sapa_wizard_set_value (left, "departure_time", "10:00");
  sapa_wizard_set_value (left, "eta", "08:00");
  today = finish_booking (board, left);
  g_assert_cmpint (board_eta (board, today), ==, utc (2026, 12, 5, 0, 0));
}

/* The booking takes equipment by the rule of the counter: "No equipment"
 * goes alone. */
static void
test_booking_equipment (Board         *board,
                        gconstpointer  data)
{
  g_autoptr(SapaWizard) wizard = start_booking (board, "Hj. Aminah", "WCHR", "2026-12-05", "10:00", "08:15");
  g_autofree char *booking = NULL;
  g_autoptr(SapaSnsBoard) result = NULL;
  SapaSnsEntry *entry;

  sapa_wizard_set_value (wizard, "equipment", "wheelchair,none");
  assert_step_rejected (board, wizard, "next", "equipment");
  sapa_wizard_set_value (wizard, "equipment", "wheelchair");
  booking = finish_booking (board, wizard);

  result = load (board, "UPG");
  entry = g_ptr_array_index (result->groups[SAPA_SNS_EXPECTED], 0);
  g_assert_cmpstr (entry->equipment, ==, "wheelchair");
}

/* "Arrived" starts the counter service with every value of the booking
 * that the counter requests. */
static void
test_board_arrival_values (Board         *board,
                           gconstpointer  data)
{
  g_autoptr(SapaWizard) wizard = start_booking (board, "Hj. Aminah", "WCHR,BLND,MAAS", "2026-12-05", "10:00", "08:15");
  g_autofree char *booking = NULL;
  g_autoptr(SapaSnsBoard) result = NULL;
  GHashTable *values;
  SapaSnsEntry *entry;

  sapa_wizard_set_value (wizard, "equipment", "wheelchair");
  sapa_wizard_set_value (wizard, "companions", "Satu anggota keluarga");
  booking = finish_booking (board, wizard);
  result = load (board, "UPG");
  entry = g_ptr_array_index (result->groups[SAPA_SNS_EXPECTED], 0);
  values = entry->arrival_values;

  g_assert_cmpstr (g_hash_table_lookup (values, SAPA_SNS_BOOKING_KEY), ==, booking);
  g_assert_cmpstr (g_hash_table_lookup (values, "purpose"), ==, "Pesan kursi roda");
  g_assert_cmpstr (g_hash_table_lookup (values, "name"), ==, "Hj. Aminah");
  g_assert_cmpstr (g_hash_table_lookup (values, "phone"), ==, sapa_wizard_get_value (wizard, "phone"));
  g_assert_cmpstr (g_hash_table_lookup (values, "flight"), ==, "GA 404");
  g_assert_cmpstr (g_hash_table_lookup (values, "ssr"), ==, "WCHR,BLND,MAAS");
  g_assert_cmpstr (g_hash_table_lookup (values, "consent"), ==, "yes");
  g_assert_cmpstr (g_hash_table_lookup (values, "equipment"), ==, "wheelchair");
  /* Only what the counter requests: the booking's own fields stay with it. */
  g_assert_false (g_hash_table_contains (values, "flight_date"));
  g_assert_false (g_hash_table_contains (values, "companions"));
}

/* The 172 officer's case ends when the booking reaches the SNS team: the
 * ticket closes, and the dashboard expects the passenger. */
static void
test_booking_closes_when_sent (Board         *board,
                               gconstpointer  data)
{
  g_autofree char *booking = book (board, "Hj. Aminah", "WCHR", "2026-12-05", "10:00", "08:15");
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaSnsBoard) result = load (board, "UPG");
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_get_ticket (board->store, booking, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_CLOSED);
  g_assert_cmpuint (result->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
}

/* SNS counter tickets are distinguished from the CS counter's, in their
 * channel's name and in the ticket list's channel filter. */
static void
test_counter_channel (Board         *board,
                      gconstpointer  data)
{
  g_autoptr(SapaWizard) sns = arrive (board, NULL, "Pak Joko", "BLND");
  g_autoptr(SapaWizard) cs = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_COUNTER), "UPG", 1, "Dewi");
  SapaTicketQuery cs_only = { NULL, NULL, "counter" };
  SapaTicketQuery sns_only = { NULL, NULL, SAPA_CHANNEL_SNS_COUNTER };
  SapaTicketQuery all = { NULL, NULL, NULL };
  g_autoptr(GArray) cs_found = NULL;
  g_autoptr(GArray) sns_found = NULL;
  g_autoptr(GArray) all_found = NULL;
  g_autoptr(GError) error = NULL;

  take (board, cs, "next");
  g_assert_cmpstr (sapa_wizard_get_channel (sns), ==, "counter");

  g_assert_cmpstr (sapa_ticket_describe_channel (SAPA_FLOW_SNS_COUNTER, "counter"), ==, "SNS counter");
  g_assert_cmpstr (sapa_ticket_describe_channel (SAPA_FLOW_COUNTER, "counter"), ==, "CS counter");
  g_assert_cmpstr (sapa_ticket_describe_channel (SAPA_FLOW_SNS_PREBOOK, "phone"), ==, "Dial 172");

  cs_found = sapa_store_query (board->store, &cs_only, &error);
  g_assert_no_error (error);
  sns_found = sapa_store_query (board->store, &sns_only, &error);
  g_assert_no_error (error);
  all_found = sapa_store_query (board->store, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_found->len, ==, 1);
  g_assert_cmpuint (sns_found->len, ==, 1);
  g_assert_cmpuint (all_found->len, ==, 2);
}

/* A booking whose passenger has not come stays listed, marked overdue,
 * however long ago the ETA was, until it is marked arrived, no-show or
 * cancelled. */
static void
test_board_keeps_overdue (Board         *board,
                          gconstpointer  data)
{
  g_autofree char *booking = book (board, "Ibu Ratna", "WCHR", "2026-12-05", "07:10", "05:30");
  g_autoptr(SapaSnsBoard) before = load (board, "UPG");
  g_autoptr(SapaSnsBoard) after = NULL;
  g_autoptr(SapaSnsBoard) days_later = NULL;
  SapaSnsEntry *entry;

  g_assert_cmpuint (before->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
  entry = g_ptr_array_index (before->groups[SAPA_SNS_EXPECTED], 0);
  g_assert_false (entry->overdue);

  /* 20:00 WITA on 5 December, fourteen and a half hours after the ETA. */
  board->clock = utc (2026, 12, 5, 12, 0);
  after = load (board, "UPG");
  g_assert_cmpuint (after->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
  entry = g_ptr_array_index (after->groups[SAPA_SNS_EXPECTED], 0);
  g_assert_cmpstr (entry->ticket_id, ==, booking);
  g_assert_true (entry->overdue);

  board->clock = utc (2026, 12, 9, 12, 0);
  days_later = load (board, "UPG");
  g_assert_cmpuint (days_later->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
}

/* Holding room and handover times lie between the start of the service
 * and now, and the dashboard shows the handover time typed, with the
 * airline. */
static void
test_board_handover_times (Board         *board,
                           gconstpointer  data)
{
  g_autoptr(SapaWizard) counter = arrive (board, NULL, "Pak Joko", "BLND");
  g_autoptr(SapaSnsBoard) handed = NULL;
  g_autofree char *when = NULL;
  SapaSnsEntry *entry;

  /* The service starts at 10:06 WITA. */
  take (board, counter, "start");
  take (board, counter, "holding_room");

  sapa_wizard_set_value (counter, "holding_since", "23:00");
  assert_step_rejected (board, counter, "handover", "holding_since");
  sapa_wizard_set_value (counter, "holding_since", "09:00");
  assert_step_rejected (board, counter, "handover", "holding_since");
  sapa_wizard_set_value (counter, "holding_since", "10:07");
  take (board, counter, "handover");

  sapa_wizard_set_value (counter, "airline", "Lion Air");
  sapa_wizard_set_value (counter, "airline_staff", "Rudi");
  sapa_wizard_set_value (counter, "handover_time", "08:00");
  assert_step_rejected (board, counter, "next", "handover_time");
  sapa_wizard_set_value (counter, "handover_time", "10:30");
  assert_step_rejected (board, counter, "next", "handover_time");
  sapa_wizard_set_value (counter, "handover_time", "10:06");
  assert_step_rejected (board, counter, "next", "handover_time");
  sapa_wizard_set_value (counter, "handover_time", "10:07");

  /* Saved at 10:12, a few minutes after the handover. */
  board->clock += 3 * MINUTE;
  take (board, counter, "next");
  handed = load (board, "UPG");
  g_assert_cmpuint (handed->groups[SAPA_SNS_HANDED_OVER]->len, ==, 1);
  entry = g_ptr_array_index (handed->groups[SAPA_SNS_HANDED_OVER], 0);
  g_assert_cmpstr (entry->airline, ==, "Lion Air");
  g_assert_cmpstr (entry->airline_staff, ==, "Rudi");
  when = sapa_time_format_time (entry->handed_over, entry->time_zone);
  g_assert_cmpstr (when, ==, "10:07 WITA");
}

/* A service that runs past midnight takes handover times on either side
 * of it. */
static void
test_board_handover_midnight (Board         *board,
                              gconstpointer  data)
{
  g_autoptr(SapaWizard) counter = NULL;
  g_autoptr(SapaSnsBoard) handed = NULL;
  g_autofree char *when = NULL;
  SapaSnsEntry *entry;

  /* Arrival at 23:40 WITA on 4 December, service from 23:46. */
  board->clock = utc (2026, 12, 4, 15, 40);
  counter = arrive (board, NULL, "Pak Joko", "BLND");
  take (board, counter, "start");
  take (board, counter, "handover");
  sapa_wizard_set_value (counter, "airline", "Lion Air");
  sapa_wizard_set_value (counter, "airline_staff", "Rudi");

  /* 00:10 WITA on 5 December. */
  board->clock = utc (2026, 12, 4, 16, 10);
  sapa_wizard_set_value (counter, "handover_time", "00:20");
  assert_step_rejected (board, counter, "next", "handover_time");
  sapa_wizard_set_value (counter, "handover_time", "23:30");
  assert_step_rejected (board, counter, "next", "handover_time");
  sapa_wizard_set_value (counter, "handover_time", "23:55");
  take (board, counter, "next");

  handed = load (board, "UPG");
  entry = g_ptr_array_index (handed->groups[SAPA_SNS_HANDED_OVER], 0);
  g_assert_cmpint (entry->handed_over, ==, utc (2026, 12, 4, 15, 55));
  when = sapa_time_format (entry->handed_over, entry->time_zone);
  g_assert_cmpstr (when, ==, "04/12/2026 23:55 WITA");
}

/* An ETA of 00:40 for a 02:10 flight is listed for that night, and the
 * booking made two days ahead is not late. */
static void
test_board_after_midnight (Board         *board,
                           gconstpointer  data)
{
  g_autofree char *booking = book (board, "Bapak Hendra", "WCHR", "2026-12-07", "02:10", "00:40");
  g_autoptr(SapaSnsBoard) result = NULL;
  SapaSnsEntry *entry;

  board->clock = utc (2026, 12, 6, 12, 0);
  result = load (board, "UPG");
  g_assert_cmpuint (result->groups[SAPA_SNS_EXPECTED]->len, ==, 1);
  entry = g_ptr_array_index (result->groups[SAPA_SNS_EXPECTED], 0);
  /* 00:40 WITA on 7 December is 16:40 UTC on 6 December. */
  g_assert_cmpint (entry->eta, ==, utc (2026, 12, 6, 16, 40));
  g_assert_false (entry->late);
}

/* A no-show and a cancellation take bookings off the expected list, each
 * with its reason; neither applies to tickets of other flows. */
static void
test_board_no_show_and_cancel (Board         *board,
                               gconstpointer  data)
{
  g_autofree char *first = book (board, "Ibu Sari", "WCHR", "2026-12-05", "07:10", "05:30");
  g_autofree char *second = book (board, "Pak Made", "BLND", "2026-12-05", "09:00", "07:30");
  g_autoptr(SapaSnsBoard) before = load (board, "UPG");
  g_autoptr(SapaSnsBoard) after = NULL;
  const SapaTicketAction *no_show = sapa_ticket_action_lookup (SAPA_ACTION_NO_SHOW);
  const SapaTicketAction *cancel = sapa_ticket_action_lookup (SAPA_ACTION_CANCEL_BOOKING);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) first_activity = NULL;
  g_autoptr(SapaActivity) second_activity = NULL;
  g_autoptr(SapaTicket) first_ticket = NULL;
  g_autoptr(SapaTicket) second_ticket = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = NULL;

  g_assert_cmpuint (before->groups[SAPA_SNS_EXPECTED]->len, ==, 2);
  g_assert_false (sapa_ticket_action_applies (no_show, SAPA_FLOW_COUNTER, SAPA_STATUS_OPEN));
  g_assert_false (sapa_ticket_action_applies (no_show, SAPA_FLOW_COUNTER, SAPA_STATUS_CLOSED));
  /* Open: a booking sent before its case closed with the sending. */
  g_assert_true (sapa_ticket_action_applies (no_show, SAPA_FLOW_SNS_PREBOOK, SAPA_STATUS_OPEN));
  g_assert_true (sapa_ticket_action_applies (no_show, SAPA_FLOW_SNS_PREBOOK, SAPA_STATUS_CLOSED));
  g_assert_true (sapa_ticket_action_applies (cancel, SAPA_FLOW_SNS_PREBOOK, SAPA_STATUS_CLOSED));
  g_assert_false (sapa_ticket_action_applies (cancel, SAPA_FLOW_SNS_PREBOOK, SAPA_STATUS_CANCELLED));

  g_hash_table_insert (values, "no_show_note", "Ditelepon dua kali, tidak diangkat");
  first_activity = sapa_ticket_action_prepare (no_show, NULL, values, first, SAPA_STATUS_CLOSED,
                                               "Andi", "UPG", 2, board->clock + MINUTE, &status, NULL, &error);
  g_assert_no_error (error);
  first_ticket = sapa_store_apply_action (board->store, first_activity, status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_status (first_ticket), ==, SAPA_STATUS_CLOSED);

  g_hash_table_insert (values, "cancel_reason", "Penerbangan dibatalkan maskapai");
  second_activity = sapa_ticket_action_prepare (cancel, NULL, values, second, SAPA_STATUS_CLOSED,
                                                "Andi", "UPG", 2, board->clock + 2 * MINUTE, &status, NULL, &error);
  g_assert_no_error (error);
  second_ticket = sapa_store_apply_action (board->store, second_activity, status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_status (second_ticket), ==, SAPA_STATUS_CANCELLED);

  after = load (board, "UPG");
  g_assert_cmpuint (after->groups[SAPA_SNS_EXPECTED]->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/sns/resolve-eta", test_resolve_eta);
  g_test_add_func ("/sapa/sns/resolve-eta-after-departure", test_resolve_eta_after_departure);
  g_test_add_func ("/sapa/sns/resolve-rejects", test_resolve_rejects);
  g_test_add_func ("/sapa/sns/late-booking", test_late_booking);
  g_test_add_func ("/sapa/sns/clock-states", test_clock_states);
  g_test_add ("/sapa/sns/board/prebooked-journey", Board, NULL,
              board_set_up, test_board_prebooked_journey, board_tear_down);
  g_test_add ("/sapa/sns/board/walk-in", Board, NULL,
              board_set_up, test_board_walk_in, board_tear_down);
  g_test_add ("/sapa/sns/board/no-show-and-cancel", Board, NULL,
              board_set_up, test_board_no_show_and_cancel, board_tear_down);
  g_test_add ("/sapa/sns/board/after-midnight", Board, NULL,
              board_set_up, test_board_after_midnight, board_tear_down);
  g_test_add ("/sapa/sns/board/handover-times", Board, NULL,
              board_set_up, test_board_handover_times, board_tear_down);
  g_test_add ("/sapa/sns/board/handover-midnight", Board, NULL,
              board_set_up, test_board_handover_midnight, board_tear_down);
  g_test_add ("/sapa/sns/board/arrival-values", Board, NULL,
              board_set_up, test_board_arrival_values, board_tear_down);
  g_test_add ("/sapa/sns/counter-channel", Board, NULL,
              board_set_up, test_counter_channel, board_tear_down);
  g_test_add ("/sapa/sns/board/keeps-overdue", Board, NULL,
              board_set_up, test_board_keeps_overdue, board_tear_down);
  g_test_add ("/sapa/sns/booking/closes-when-sent", Board, NULL,
              board_set_up, test_booking_closes_when_sent, board_tear_down);
  g_test_add ("/sapa/sns/booking/equipment", Board, NULL,
              board_set_up, test_booking_equipment, board_tear_down);
  g_test_add ("/sapa/sns/booking/flight-in-past", Board, NULL,
              board_set_up, test_booking_flight_in_past, board_tear_down);
  g_test_add ("/sapa/sns/booking/eta-after-departure", Board, NULL,
              board_set_up, test_booking_eta_after_departure, board_tear_down);

  return g_test_run ();
}
