/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: report figures on a store of known tickets at CGK, DPS and DJJ */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-report-private.h"
#include "sapa-store-report.h"
#include "sapa-ticket-action.h"
#include "sapa-time.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR_US (60 * MINUTE_US)
#define DAY_US (24 * HOUR_US)

#define WIB "Asia/Jakarta"
#define WITA "Asia/Makassar"
#define WIT "Asia/Jayapura"

/* The data set: tickets of November 2026 (1 November is a Sunday) at
 * CGK (WIB), DPS (WITA) and DJJ (WIT), some just before or after local
 * midnight, and a few outside the report. The report covers 1 to 30
 * November at those three airports, as of 30 November 12:00 UTC. */
typedef struct {
  char           *dir;
  SapaStore      *store;
  SapaReportData *data;
  GPtrArray      *tables;
} DataSet;

static DataSet data_set;

/* Returns the instant of a local wall-clock time in @iana. */
static gint64
local_us (const char *iana,
          int         month,
          int         day,
          int         hour,
          int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (iana);
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static gint64
report_now (void)
{
  return local_us ("UTC", 11, 30, 12, 0);
}

static void
take (SapaWizard *wizard,
      const char *branch,
      gint64      at)
{
  g_autoptr(GError) error = NULL;

  sapa_wizard_advance_at (wizard, branch, at, &error);
  g_assert_no_error (error);
}

static void
set_values (SapaWizard *wizard,
            ...)
{
  va_list args;
  const char *key;

  va_start (args, wizard);
  while ((key = va_arg (args, const char *)) != NULL)
    sapa_wizard_set_value (wizard, key, va_arg (args, const char *));
  va_end (args);
}

/* Records the steps taken so far and returns the ticket's id. */
static char *
record (SapaWizard *wizard)
{
  g_autoptr(GPtrArray) activities = sapa_wizard_take_activities (wizard);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_record (data_set.store, wizard, activities, &error);
  g_assert_no_error (error);
  return g_strdup (sapa_ticket_get_id (ticket));
}

/* Takes action @action_id with @branch (NULL for its only one) on
 * ticket @ticket_id at @at; the rest are key and value pairs. */
static void
act (const char *ticket_id,
     const char *action_id,
     const char *branch,
     gint64      at,
     ...)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (action_id);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaTicket) changed = NULL;
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = NULL;
  const char *key;
  va_list args;

  va_start (args, at);
  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (values, (gpointer) key, va_arg (args, char *));
  va_end (args);

  ticket = sapa_store_get_ticket (data_set.store, ticket_id, &error);
  g_assert_no_error (error);
  activity = sapa_ticket_action_prepare (action, branch, values, ticket_id, sapa_ticket_get_status (ticket),
                                         "Rina", sapa_ticket_get_airport (ticket), 3, at,
                                         &status, NULL, &error);
  g_assert_no_error (error);
  changed = sapa_store_apply_action (data_set.store, activity, status, &error);
  g_assert_no_error (error);
}

static void
discarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_store_discard_finish (SAPA_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Ends @wizard unfinished, which cancels its ticket. */
static void
discard (SapaWizard *wizard)
{
  gboolean done = FALSE;

  sapa_store_discard_async (data_set.store, wizard, "Penelepon menutup", NULL, discarded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A counter (or Dial 172, or live chat) feedback up to the identify
 * step: greeting at @start, one minute a step. */
static SapaWizard *
begin_feedback (const char *flow_id,
                const char *airport,
                gint64      start,
                const char *category)
{
  SapaWizard *wizard = sapa_wizard_new (sapa_flow_lookup (flow_id), airport, 3, "Rina");
  gint64 at = start;

  if (g_strcmp0 (flow_id, SAPA_FLOW_LIVE_CHAT) == 0)
    {
      set_values (wizard, "name", "Siti Aminah", "email", "siti@example.co.id",
                  "phone", "0812-1111-2222", NULL);
      take (wizard, "next", at);
      at += MINUTE_US;
    }
  take (wizard, "next", at);
  set_values (wizard, "purpose", "Menanyakan sesuatu", NULL);
  take (wizard, "next", at + MINUTE_US);
  if (g_strcmp0 (flow_id, SAPA_FLOW_LIVE_CHAT) != 0)
    {
      set_values (wizard, "name", "Budi Santoso", "phone", "0812-3333-4444", NULL);
      take (wizard, "next", at + 2 * MINUTE_US);
    }
  take (wizard, "sesuai", at + 3 * MINUTE_US);
  set_values (wizard, "category", category, NULL);
  return wizard;
}

/* A feedback answered at @answered_at, which the person accepts. */
static char *
answered_feedback (const char *flow_id,
                   const char *airport,
                   gint64      start,
                   gint64      answered_at,
                   const char *category)
{
  g_autoptr(SapaWizard) wizard = begin_feedback (flow_id, airport, start, category);

  take (wizard, "answer_now", start + 4 * MINUTE_US);
  set_values (wizard, "answer", "Sudah dijawab", NULL);
  take (wizard, "sesuai", answered_at);
  return record (wizard);
}

/* A feedback sent for follow-up to @unit at @escalated_at. */
static char *
escalated_feedback (const char *flow_id,
                    const char *airport,
                    gint64      start,
                    gint64      escalated_at,
                    const char *category,
                    const char *unit)
{
  g_autoptr(SapaWizard) wizard = begin_feedback (flow_id, airport, start, category);

  take (wizard, "follow_up", start + 4 * MINUTE_US);
  set_values (wizard, "followup_unit", unit, "followup_note", "Mohon ditindaklanjuti", NULL);
  take (wizard, "next", escalated_at);
  return record (wizard);
}

/* A special-needs booking made at a CGK desk at @booked_at. */
static char *
booking (gint64      booked_at,
         const char *airport,
         const char *flight_date,
         const char *departure,
         const char *eta,
         const char *ssr)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SNS_PREBOOK), "CGK", 3, "Rina");

  take (wizard, "next", booked_at);
  set_values (wizard, "purpose", "Memesan layanan khusus", NULL);
  take (wizard, "next", booked_at + MINUTE_US);
  set_values (wizard, "name", "Ibu Ratna", "phone", "0812-5555-6666", "flight", "GA 652",
              "flight_date", flight_date, "departure_time", departure, "eta", eta,
              "airport", airport, "ssr", ssr, "consent", "yes", NULL);
  take (wizard, "next", booked_at + 2 * MINUTE_US);
  take (wizard, "sesuai", booked_at + 3 * MINUTE_US);
  take (wizard, "next", booked_at + 4 * MINUTE_US);
  return record (wizard);
}

/* An SNS counter service at DJJ: arrival at @arrived, service start at
 * @started, and then either a handover to @airline or the holding room
 * and the end of the service, at @ended. */
static void
sns_service (const char *booking_id,
             gint64      arrived,
             const char *ssr,
             gint64      started,
             const char *airline,
             gint64      ended)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER), "DJJ", 1, "Yakob");
  g_autofree char *id = NULL;

  if (booking_id != NULL)
    sapa_wizard_set_value (wizard, SAPA_SNS_BOOKING_KEY, booking_id);
  take (wizard, "next", arrived);
  set_values (wizard, "purpose", "Bantuan ke pesawat", NULL);
  take (wizard, "next", arrived + MINUTE_US);
  set_values (wizard, "name", "Pak Yohanes", "ssr", ssr, "consent", "yes", NULL);
  take (wizard, "next", arrived + 2 * MINUTE_US);
  take (wizard, "sesuai", arrived + 3 * MINUTE_US);
  set_values (wizard, "equipment", "wheelchair", "officer_assigned", "Markus", NULL);
  take (wizard, "next", arrived + 4 * MINUTE_US);
  take (wizard, "start", started);
  if (airline != NULL)
    {
      take (wizard, "handover", started + MINUTE_US);
      set_values (wizard, "airline", airline, "airline_staff", "Yoga", "handover_time", "09:40", NULL);
      take (wizard, "next", ended);
    }
  else
    {
      take (wizard, "holding_room", started + MINUTE_US);
      take (wizard, "end", ended);
    }
  id = record (wizard);
}

static void
add_email_with_data_request (void)
{
  /* T7: Tue 3 Nov 10:00 WITA; asks for data at 10:30, which comes a day
   * later; answered and closed at 11:00 on 4 Nov. */
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_EMAIL_SOCIAL), "DPS", 3, "Rina");
  gint64 start = local_us (WITA, 11, 3, 10, 0);
  g_autofree char *id = NULL;

  set_values (wizard, "email", "wayan@example.co.id", "name", "Wayan Sudarsana",
              "message", "Koper saya tertinggal", NULL);
  take (wizard, "next", start);
  set_values (wizard, "category", "lost_found", NULL);
  take (wizard, "need_data", start + 10 * MINUTE_US);
  set_values (wizard, "data_request", "Mohon kirim foto tiket bagasi", NULL);
  take (wizard, "next", start + 30 * MINUTE_US);
  set_values (wizard, "data_received", "Foto diterima", NULL);
  take (wizard, "next", start + DAY_US + 30 * MINUTE_US);
  take (wizard, "answer_now", start + DAY_US + 40 * MINUTE_US);
  set_values (wizard, "answer", "Koper ada di kantor lost and found", NULL);
  take (wizard, "next", start + DAY_US + 60 * MINUTE_US);
  id = record (wizard);
}

static void
add_suggestion_to_branch (void)
{
  /* T8: Wed 4 Nov 08:00 WITA, escalated to the PIC at CGK at 08:20. */
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SUGGESTION_BOX), "DPS", 3, "Rina");
  gint64 start = local_us (WITA, 11, 4, 8, 0);
  g_autofree char *id = NULL;

  set_values (wizard, "form_text", "Toilet kotor", "box_location", "Terminal domestik", NULL);
  take (wizard, "next", start);
  set_values (wizard, "category", "complaint", NULL);
  take (wizard, "escalate", start + 10 * MINUTE_US);
  set_values (wizard, "followup_unit", "branch", "followup_airport", "CGK",
              "followup_note", "Mohon dicek", NULL);
  take (wizard, "next", start + 20 * MINUTE_US);
  set_values (wizard, "notify_method", "printed", NULL);
  take (wizard, "next", start + 30 * MINUTE_US);
  id = record (wizard);
}

static void
add_counter_tickets (void)
{
  g_autofree char *t1 = NULL, *t2 = NULL, *t10 = NULL, *t15 = NULL;
  g_autofree char *before = NULL, *after = NULL, *djj_after = NULL, *upg = NULL;
  g_autoptr(SapaWizard) t2_wizard = NULL;
  g_autoptr(SapaWizard) t6_wizard = NULL;
  g_autofree char *t6 = NULL;
  gint64 start;

  /* T1: Mon 2 Nov 09:00 WIB, answered at 09:20. */
  t1 = answered_feedback (SAPA_FLOW_COUNTER, "CGK", local_us (WIB, 11, 2, 9, 0),
                          local_us (WIB, 11, 2, 9, 20), "complaint");

  /* T2: Mon 2 Nov 16:30 WIB; the first answer at 16:50 does not fit, the
   * second at 08:30 the next morning does. */
  start = local_us (WIB, 11, 2, 16, 30);
  t2_wizard = begin_feedback (SAPA_FLOW_COUNTER, "CGK", start, "information");
  take (t2_wizard, "answer_now", start + 4 * MINUTE_US);
  set_values (t2_wizard, "answer", "Jawaban pertama", NULL);
  take (t2_wizard, "tidak_sesuai", start + 20 * MINUTE_US);
  take (t2_wizard, "answer_now", local_us (WIB, 11, 3, 8, 20));
  set_values (t2_wizard, "answer", "Jawaban kedua", NULL);
  take (t2_wizard, "sesuai", local_us (WIB, 11, 3, 8, 30));
  t2 = record (t2_wizard);

  /* T6: Thu 5 Nov 10:00 WIB, discarded after the greeting. */
  t6_wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_COUNTER), "CGK", 3, "Rina");
  take (t6_wizard, "next", local_us (WIB, 11, 5, 10, 0));
  t6 = record (t6_wizard);
  discard (t6_wizard);

  /* T10: Mon 2 Nov 00:05 WIT at DJJ (Sunday 22:05 in WIB), answered at
   * 08:10 WIT, ten minutes into business hours. */
  t10 = answered_feedback (SAPA_FLOW_COUNTER, "DJJ", local_us (WIT, 11, 2, 0, 5),
                           local_us (WIT, 11, 2, 8, 10), "information");

  /* T15: Sun 1 Nov 00:30 WIT at DJJ (31 October in WIB), answered at
   * 00:40 on a closed day. */
  t15 = answered_feedback (SAPA_FLOW_COUNTER, "DJJ", local_us (WIT, 11, 1, 0, 30),
                           local_us (WIT, 11, 1, 0, 40), "information");

  /* Outside the report: the minute before and after the period at CGK,
   * 1 December 00:30 WIT at DJJ (30 November 22:30 in WIB), and UPG. */
  before = answered_feedback (SAPA_FLOW_COUNTER, "CGK", local_us (WIB, 10, 31, 23, 55),
                              local_us (WIB, 11, 1, 0, 10), "complaint");
  after = answered_feedback (SAPA_FLOW_COUNTER, "CGK", local_us (WIB, 12, 1, 0, 1),
                             local_us (WIB, 12, 1, 0, 20), "complaint");
  djj_after = answered_feedback (SAPA_FLOW_COUNTER, "DJJ", local_us (WIT, 12, 1, 0, 30),
                                 local_us (WIT, 12, 1, 0, 40), "complaint");
  upg = answered_feedback (SAPA_FLOW_COUNTER, "UPG", local_us (WITA, 11, 10, 9, 0),
                           local_us (WITA, 11, 10, 9, 5), "complaint");
}

static void
add_phone_tickets (void)
{
  g_autofree char *t3 = NULL, *t4 = NULL, *t17 = NULL, *t9 = NULL;

  /* T3: Sun 1 Nov 23:50 WIB, sent to security at 00:20; answered,
   * returned, answered again, delivered, and accepted on 4 Nov 12:00. */
  t3 = escalated_feedback (SAPA_FLOW_PHONE, "CGK", local_us (WIB, 11, 1, 23, 50),
                           local_us (WIB, 11, 2, 0, 20), "complaint", "security");
  act (t3, SAPA_ACTION_PIC_ANSWER, NULL, local_us (WIB, 11, 3, 10, 0), "pic_answer", "Sudah dicek", NULL);
  act (t3, SAPA_ACTION_JUDGE_ANSWER, "tidak_sesuai", local_us (WIB, 11, 3, 11, 0),
       "return_reason", "Kurang lengkap", NULL);
  act (t3, SAPA_ACTION_PIC_ANSWER, NULL, local_us (WIB, 11, 4, 9, 0), "pic_answer", "Lengkap", NULL);
  act (t3, SAPA_ACTION_JUDGE_ANSWER, "sesuai", local_us (WIB, 11, 4, 10, 0), NULL);
  act (t3, SAPA_ACTION_DELIVER, NULL, local_us (WIB, 11, 4, 11, 0), "delivered_answer", "Jawaban", NULL);
  act (t3, SAPA_ACTION_VERDICT, "sesuai", local_us (WIB, 11, 4, 12, 0), NULL);

  /* T4: Mon 2 Nov 00:10 WIB, sent to facilities at 00:20, reassigned to
   * terminal operations exactly three days before the report. */
  t4 = escalated_feedback (SAPA_FLOW_PHONE, "CGK", local_us (WIB, 11, 2, 0, 10),
                           local_us (WIB, 11, 2, 0, 20), "facilities", "facilities");
  act (t4, SAPA_ACTION_REASSIGN, NULL, report_now () - 3 * DAY_US,
       "followup_unit", "terminal_operations", "followup_note", "Dialihkan", NULL);

  /* T17: Mon 30 Nov 18:00 WIB, sent to lost and found at 18:05, an hour
   * before the report. */
  t17 = escalated_feedback (SAPA_FLOW_PHONE, "CGK", local_us (WIB, 11, 30, 18, 0),
                            local_us (WIB, 11, 30, 18, 5), "parking", "lost_found");

  /* T9: live chat, Sat 7 Nov 10:00 WITA, answered at 10:05. */
  t9 = answered_feedback (SAPA_FLOW_LIVE_CHAT, "DPS", local_us (WITA, 11, 7, 10, 0),
                          local_us (WITA, 11, 7, 10, 5), "information");
}

static void
add_special_needs (void)
{
  g_autofree char *t12 = NULL, *t13 = NULL, *t14 = NULL;

  /* T11: a walk-in at DJJ on 10 Nov: 12 minutes' wait, handed over to
   * Garuda 30 minutes after the start. */
  sns_service (NULL, local_us (WIT, 11, 10, 9, 0), "WCHR,BLND", local_us (WIT, 11, 10, 9, 12),
               "garuda indonesia ", local_us (WIT, 11, 10, 9, 42));

  /* T12: booked on 11 Nov 08:00 WIB for an arrival at DJJ at 07:00 WIT
   * the next day (late), served after 25 minutes, ended at 08:00. */
  t12 = booking (local_us (WIB, 11, 11, 8, 0), "DJJ", "2026-11-12", "08:30", "07:00", "WCHC");
  sns_service (t12, local_us (WIT, 11, 12, 6, 55), "WCHC", local_us (WIT, 11, 12, 7, 20),
               NULL, local_us (WIT, 11, 12, 8, 0));

  /* T13: booked on 1 Nov for DJJ on 20 Nov, then cancelled. */
  t13 = booking (local_us (WIB, 11, 1, 10, 0), "DJJ", "2026-11-20", "09:00", "07:00", "MAAS");
  act (t13, SAPA_ACTION_CANCEL_BOOKING, NULL, local_us (WIB, 11, 2, 9, 0),
       "cancel_reason", "Batal terbang", NULL);

  /* T14: booked on 2 Nov for DPS on 15 Nov; the passenger never came. */
  t14 = booking (local_us (WIB, 11, 2, 10, 0), "DPS", "2026-11-15", "09:00", "07:00", "WCHR");
  act (t14, SAPA_ACTION_NO_SHOW, NULL, local_us (WITA, 11, 15, 9, 0),
       "no_show_note", "Tidak datang", NULL);
}

static void
build_data_set (void)
{
  const char *airports[] = { "CGK", "DPS", "DJJ", NULL };
  g_autoptr(SapaReportQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate first, last;

  data_set.dir = g_dir_make_tmp ("sapa-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (data_set.dir, "sapa.db", NULL);
  data_set.store = sapa_store_open (path, &error);
  g_assert_no_error (error);

  add_counter_tickets ();
  add_phone_tickets ();
  add_email_with_data_request ();
  add_suggestion_to_branch ();
  add_special_needs ();

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_NOVEMBER, 2026);
  g_date_set_dmy (&last, 30, G_DATE_NOVEMBER, 2026);
  query = sapa_report_query_new (&first, &last, airports, report_now ());
  data_set.data = sapa_store_compute_report (data_set.store, query, &error);
  g_assert_no_error (error);
  data_set.tables = sapa_report_data_build_tables (data_set.data);
}

static void
free_data_set (void)
{
  g_autoptr(GDir) dir = g_dir_open (data_set.dir, 0, NULL);
  const char *name;

  g_clear_pointer (&data_set.tables, g_ptr_array_unref);
  g_clear_pointer (&data_set.data, sapa_report_data_free);
  g_clear_object (&data_set.store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (data_set.dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (data_set.dir);
  g_free (data_set.dir);
}

/* ---- Volume ---- */

static const SapaReportSeries *
series (GPtrArray *list,
        guint      index)
{
  g_assert_cmpuint (index, <, list->len);
  return g_ptr_array_index (list, index);
}

static void
test_volume_days (void)
{
  /* 1 Nov: T3 (23:50 WIB), T13, T15 (00:30 WIT); 2 Nov: T1, T2, T4
   * (00:10 WIB), T14, T10 (00:05 WIT); then one a day. */
  static const guint expected[30] = {
    3, 5, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  };
  const SapaReportData *data = data_set.data;

  g_assert_cmpuint (data->n_days, ==, 30);
  g_assert_cmpuint (data->total, ==, 16);
  for (guint d = 0; d < 30; d++)
    g_assert_cmpuint (data->per_day[d], ==, expected[d]);
}

static void
test_volume_channels (void)
{
  const SapaReportData *data = data_set.data;
  /* The two SNS services record the counter's channel, and count as the
   * SNS counter, as the list of tickets shows them. */
  static const struct { const char *key; guint total; } expected[] = {
    { "phone", 6 }, { "counter", 5 }, { "sns_counter", 2 },
    { "email", 1 }, { "live_chat", 1 }, { "suggestion_box", 1 },
  };

  g_assert_cmpuint (data->by_channel->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (series (data->by_channel, i)->key, ==, expected[i].key);
      g_assert_cmpuint (series (data->by_channel, i)->total, ==, expected[i].total);
    }

  /* The counter's days: T15 on 1 Nov; T1, T2 and T10 on 2 Nov; T6 on
   * 5 Nov. The SNS counter's: 10 and 12 Nov. */
  g_assert_cmpuint (series (data->by_channel, 1)->per_day[0], ==, 1);
  g_assert_cmpuint (series (data->by_channel, 1)->per_day[1], ==, 3);
  g_assert_cmpuint (series (data->by_channel, 1)->per_day[4], ==, 1);
  g_assert_cmpuint (series (data->by_channel, 1)->per_day[9], ==, 0);
  g_assert_cmpuint (series (data->by_channel, 2)->per_day[9], ==, 1);
  g_assert_cmpuint (series (data->by_channel, 2)->per_day[11], ==, 1);
}

static void
test_volume_categories (void)
{
  const SapaReportData *data = data_set.data;
  static const struct { const char *key; guint total; } expected[] = {
    { "", 6 }, { "information", 4 }, { "complaint", 3 },
    { "facilities", 1 }, { "lost_found", 1 }, { "parking", 1 },
  };

  g_assert_cmpuint (data->by_category->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (series (data->by_category, i)->key, ==, expected[i].key);
      g_assert_cmpuint (series (data->by_category, i)->total, ==, expected[i].total);
    }
}

static void
test_volume_airports (void)
{
  const SapaReportData *data = data_set.data;

  g_assert_cmpuint (data->by_airport->len, ==, 3);
  g_assert_cmpstr (series (data->by_airport, 0)->key, ==, "CGK");
  g_assert_cmpuint (series (data->by_airport, 0)->total, ==, 9);
  g_assert_cmpstr (series (data->by_airport, 1)->key, ==, "DPS");
  g_assert_cmpuint (series (data->by_airport, 1)->total, ==, 3);
  g_assert_cmpstr (series (data->by_airport, 2)->key, ==, "DJJ");
  g_assert_cmpuint (series (data->by_airport, 2)->total, ==, 4);

  /* DJJ counts in WIT: T15 at 00:30 on 1 Nov and T10 at 00:05 on 2 Nov. */
  g_assert_cmpuint (series (data->by_airport, 2)->per_day[0], ==, 1);
  g_assert_cmpuint (series (data->by_airport, 2)->per_day[1], ==, 1);
  /* CGK counts in WIB: T3 at 23:50 on 1 Nov and T4 at 00:10 on 2 Nov. */
  g_assert_cmpuint (series (data->by_airport, 0)->per_day[0], ==, 2);
  g_assert_cmpuint (series (data->by_airport, 0)->per_day[1], ==, 4);
}

/* ---- SLA ---- */

static const SapaReportSlaRow *
sla_row (const char *channel)
{
  GPtrArray *rows = data_set.data->sla;

  for (guint i = 0; i < rows->len; i++)
    {
      const SapaReportSlaRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->channel, channel) == 0)
        return row;
    }
  g_assert_not_reached ();
}

static void
assert_figures (const SapaReportSlaFigures *figures,
                guint                       met,
                guint                       missed,
                guint                       pending,
                guint                       n_times,
                gint64                      median_us,
                gint64                      p90_us)
{
  g_assert_cmpuint (figures->met, ==, met);
  g_assert_cmpuint (figures->missed, ==, missed);
  g_assert_cmpuint (figures->pending, ==, pending);
  g_assert_cmpuint (figures->n_times, ==, n_times);
  g_assert_cmpint (figures->median_us, ==, median_us);
  g_assert_cmpint (figures->p90_us, ==, p90_us);
}

static void
test_sla_rows (void)
{
  GPtrArray *rows = data_set.data->sla;

  /* Counter (T1, T2, T10, T15) and phone (T3, T4, T17) first, then one
   * ticket each by channel id, then all. The discarded T6 is left out. */
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpstr (((SapaReportSlaRow *) g_ptr_array_index (rows, 0))->channel, ==, "counter");
  g_assert_cmpstr (((SapaReportSlaRow *) g_ptr_array_index (rows, 1))->channel, ==, "phone");
  g_assert_cmpstr (((SapaReportSlaRow *) g_ptr_array_index (rows, 2))->channel, ==, "email");
  g_assert_cmpstr (((SapaReportSlaRow *) g_ptr_array_index (rows, 3))->channel, ==, "live_chat");
  g_assert_cmpstr (((SapaReportSlaRow *) g_ptr_array_index (rows, 4))->channel, ==, "suggestion_box");
  g_assert_null (((SapaReportSlaRow *) g_ptr_array_index (rows, 5))->channel);
}

static void
test_sla_first_response (void)
{
  /* Business minutes at the counter: T1 20, T2 20, T10 10 (from 08:00
   * WIT), T15 0 (a Sunday). Dial 172 counts around the clock: T3 30
   * (missed, the target is 15), T4 10, T17 5. T7 asked for data after 30,
   * T9 answered after 5, T8 escalated after 20 business minutes. */
  assert_figures (&sla_row ("counter")->first_response, 4, 0, 0, 4, 10 * MINUTE_US, 20 * MINUTE_US);
  assert_figures (&sla_row ("phone")->first_response, 2, 1, 0, 3, 10 * MINUTE_US, 30 * MINUTE_US);
  assert_figures (&sla_row ("email")->first_response, 1, 0, 0, 1, 30 * MINUTE_US, 30 * MINUTE_US);
  assert_figures (&sla_row ("live_chat")->first_response, 1, 0, 0, 1, 5 * MINUTE_US, 5 * MINUTE_US);
  assert_figures (&sla_row ("suggestion_box")->first_response, 1, 0, 0, 1, 20 * MINUTE_US, 20 * MINUTE_US);
  /* All ten: 0 5 5 10 10 20 20 20 30 30 minutes. */
  assert_figures (&sla_row (NULL)->first_response, 9, 1, 0, 10, 10 * MINUTE_US, 30 * MINUTE_US);
}

static void
test_sla_resolution (void)
{
  /* T2 took 30 business minutes on Monday and 30 on Tuesday. T3 took
   * 3610 minutes against 1440; T4 is still open past its target and T17
   * not yet. T7 waited a day for the person's data, which does not
   * count: 60 minutes. T8 is still escalated, long past 1620 business
   * minutes. */
  assert_figures (&sla_row ("counter")->resolution, 4, 0, 0, 4, 10 * MINUTE_US, 60 * MINUTE_US);
  assert_figures (&sla_row ("phone")->resolution, 0, 2, 1, 1, 3610 * MINUTE_US, 3610 * MINUTE_US);
  assert_figures (&sla_row ("email")->resolution, 1, 0, 0, 1, 60 * MINUTE_US, 60 * MINUTE_US);
  assert_figures (&sla_row ("live_chat")->resolution, 1, 0, 0, 1, 5 * MINUTE_US, 5 * MINUTE_US);
  assert_figures (&sla_row ("suggestion_box")->resolution, 0, 1, 0, 0, -1, -1);
  /* All seven resolved: 0 5 10 20 60 60 3610 minutes. */
  assert_figures (&sla_row (NULL)->resolution, 6, 3, 1, 7, 20 * MINUTE_US, 3610 * MINUTE_US);
}

/* ---- Escalations and satisfaction ---- */

static void
assert_escalation (guint       index,
                   const char *unit,
                   const char *airport,
                   guint       escalations,
                   guint       answered,
                   guint       returned,
                   guint       open)
{
  const SapaReportEscalationRow *row;

  g_assert_cmpuint (index, <, data_set.data->escalations->len);
  row = g_ptr_array_index (data_set.data->escalations, index);
  g_assert_cmpstr (row->unit, ==, unit);
  g_assert_cmpstr (row->airport, ==, airport);
  g_assert_cmpuint (row->escalations, ==, escalations);
  g_assert_cmpuint (row->answered, ==, answered);
  g_assert_cmpuint (row->returned, ==, returned);
  g_assert_cmpuint (row->open, ==, open);
}

static void
test_escalations (void)
{
  const SapaReportData *data = data_set.data;

  g_assert_cmpuint (data->escalations->len, ==, 5);
  assert_escalation (0, "branch", "CGK", 1, 0, 0, 1);
  assert_escalation (1, "facilities", "", 1, 0, 0, 0);
  assert_escalation (2, "lost_found", "", 1, 0, 0, 1);
  assert_escalation (3, "security", "", 1, 1, 1, 0);
  assert_escalation (4, "terminal_operations", "", 1, 0, 0, 1);

  g_assert_cmpuint (data->escalation_total.escalations, ==, 5);
  g_assert_cmpuint (data->escalation_total.answered, ==, 1);
  g_assert_cmpuint (data->escalation_total.returned, ==, 1);
  g_assert_cmpuint (data->escalation_total.open, ==, 3);
}

static void
test_escalation_ages (void)
{
  const SapaReportData *data = data_set.data;

  /* T17 an hour old; T4 reassigned exactly 3 days ago; T8 26 days. */
  g_assert_cmpuint (data->open_by_age[SAPA_REPORT_AGE_UNDER_1_DAY], ==, 1);
  g_assert_cmpuint (data->open_by_age[SAPA_REPORT_AGE_1_TO_3_DAYS], ==, 0);
  g_assert_cmpuint (data->open_by_age[SAPA_REPORT_AGE_3_TO_7_DAYS], ==, 1);
  g_assert_cmpuint (data->open_by_age[SAPA_REPORT_AGE_7_DAYS_OR_MORE], ==, 1);
}

static void
test_satisfaction (void)
{
  const SapaReportData *data = data_set.data;

  /* T1, T9, T10, T15 sesuai; T2 first tidak sesuai, then sesuai; T3's
   * verdict sesuai. T7's emailed answer asks for no judgement. */
  g_assert_cmpuint (data->first_answer.judged, ==, 6);
  g_assert_cmpuint (data->first_answer.sesuai, ==, 5);
  g_assert_cmpuint (data->last_answer.judged, ==, 6);
  g_assert_cmpuint (data->last_answer.sesuai, ==, 6);
}

/* ---- Special needs ---- */

static void
test_sns_bookings (void)
{
  const SapaReportData *data = data_set.data;
  const SapaReportSsrRow *row;

  g_assert_cmpuint (data->bookings, ==, 2);
  g_assert_cmpuint (data->late_bookings, ==, 1);
  g_assert_cmpuint (data->no_shows, ==, 1);
  g_assert_cmpuint (data->cancelled_bookings, ==, 1);
  g_assert_cmpuint (data->walk_ins, ==, 1);

  /* In the order of the SSR list; the cancelled MAAS booking is left out. */
  g_assert_cmpuint (data->ssr->len, ==, 3);
  row = g_ptr_array_index (data->ssr, 0);
  g_assert_cmpstr (row->code, ==, "WCHR");
  g_assert_cmpuint (row->bookings, ==, 1);
  g_assert_cmpuint (row->walk_ins, ==, 1);
  row = g_ptr_array_index (data->ssr, 1);
  g_assert_cmpstr (row->code, ==, "WCHC");
  g_assert_cmpuint (row->bookings, ==, 1);
  g_assert_cmpuint (row->walk_ins, ==, 0);
  row = g_ptr_array_index (data->ssr, 2);
  g_assert_cmpstr (row->code, ==, "BLND");
  g_assert_cmpuint (row->bookings, ==, 0);
  g_assert_cmpuint (row->walk_ins, ==, 1);
}

static void
test_sns_times (void)
{
  const SapaReportSnsTimes *booked = &data_set.data->sns_times[SAPA_REPORT_PREBOOKED];
  const SapaReportSnsTimes *walk_in = &data_set.data->sns_times[SAPA_REPORT_WALK_IN];
  const SapaReportAirlineRow *airline;

  /* The booked passenger waited 25 minutes: past 10 and 20, within 30. */
  g_assert_cmpuint (booked->arrivals, ==, 1);
  g_assert_cmpuint (booked->waited, ==, 1);
  g_assert_cmpuint (booked->within[0], ==, 0);
  g_assert_cmpuint (booked->within[1], ==, 0);
  g_assert_cmpuint (booked->within[2], ==, 1);
  g_assert_cmpint (booked->wait_median_us, ==, 25 * MINUTE_US);
  g_assert_cmpint (booked->wait_p90_us, ==, 25 * MINUTE_US);
  g_assert_cmpuint (booked->served, ==, 1);
  g_assert_cmpint (booked->service_median_us, ==, 40 * MINUTE_US);

  /* The walk-in waited 12 minutes, within 25, 35 and 45. */
  g_assert_cmpuint (walk_in->arrivals, ==, 1);
  g_assert_cmpuint (walk_in->waited, ==, 1);
  g_assert_cmpuint (walk_in->within[0], ==, 1);
  g_assert_cmpuint (walk_in->within[1], ==, 1);
  g_assert_cmpuint (walk_in->within[2], ==, 1);
  g_assert_cmpint (walk_in->wait_median_us, ==, 12 * MINUTE_US);
  g_assert_cmpuint (walk_in->served, ==, 1);
  g_assert_cmpint (walk_in->service_median_us, ==, 30 * MINUTE_US);
  g_assert_cmpint (walk_in->service_p90_us, ==, 30 * MINUTE_US);

  g_assert_cmpuint (data_set.data->handovers->len, ==, 1);
  airline = g_ptr_array_index (data_set.data->handovers, 0);
  g_assert_cmpstr (airline->airline, ==, "GARUDA INDONESIA");
  g_assert_cmpuint (airline->handovers, ==, 1);
}

/* ---- Tables and CSV ---- */

static const char *
cell (const char *table_id,
      guint       row,
      guint       column)
{
  SapaReportTable *table = sapa_report_tables_lookup (data_set.tables, table_id);
  char **cells;

  g_assert_nonnull (table);
  g_assert_cmpuint (row, <, table->rows->len);
  cells = g_ptr_array_index (table->rows, row);
  g_assert_cmpuint (column, <, g_strv_length (cells));
  return cells[column];
}

static void
test_tables (void)
{
  g_autofree char *share = g_strdup_printf ("%.1f", 600.0 / 16);
  g_autofree char *within = g_strdup_printf ("%.1f", 90.0);
  g_autofree char *p90_hours = g_strdup_printf ("%.1f", 3610.0 / 60);

  g_assert_cmpuint (data_set.tables->len, ==, 13);

  /* The day table has a column per channel after the total, the
   * busiest first: phone, then the counter. */
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_DAY, 0, 0), ==, "2026-11-01");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_DAY, 1, 1), ==, "5");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_DAY, 1, 2), ==, "2");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_DAY, 1, 3), ==, "3");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_DAY, 29, 0), ==, "2026-11-30");

  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_CHANNEL, 0, 1), ==, "6");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_CHANNEL, 0, 2), ==, share);
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_CHANNEL, 2, 0), ==, "SNS counter");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_CHANNEL, 2, 1), ==, "2");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_VOLUME_AIRPORT, 2, 0), ==, "DJJ (Sentani)");

  /* The row of all channels: 9 of 10 within target. */
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SLA_RESPONSE, 5, 1), ==, "9");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SLA_RESPONSE, 5, 4), ==, within);
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SLA_RESOLUTION, 5, 6), ==, p90_hours);
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SLA_RESOLUTION, 4, 5), ==, "—");

  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_ESCALATIONS, 5, 1), ==, "5");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SNS_SSR, 2, 0), ==, "BLND");
  g_assert_cmpstr (cell (SAPA_REPORT_TABLE_SNS_HANDOVERS, 0, 0), ==, "GARUDA INDONESIA");
}

static void
test_table_csv (void)
{
  SapaReportTable *table = sapa_report_tables_lookup (data_set.tables, SAPA_REPORT_TABLE_VOLUME_AIRPORT);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_assert_true (sapa_report_table_write_csv (table, stream, ';', SAPA_CSV_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  /* Every cell as the table has it: numbers as number cells, which a
   * decimal comma makes quoted. */
  for (guint c = 0; c < table->headers->len; c++)
    {
      if (c > 0)
        g_string_append_c (expected, ';');
      sapa_csv_append_cell (expected, g_ptr_array_index (table->headers, c), SAPA_CSV_CELL_GENERAL, ';');
    }
  g_string_append (expected, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (expected, ';');
          sapa_csv_append_cell (expected, cells[c],
                                c == 0 ? SAPA_CSV_CELL_GENERAL : SAPA_CSV_CELL_NUMBER, ';');
        }
      g_string_append (expected, "\r\n");
    }
  g_assert_nonnull (strstr (expected->str, "\r\nDJJ (Sentani);4;"));

  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_cmpstr (text, ==, expected->str);
}

/* ---- Parts ---- */

static void
test_presets (void)
{
  /* 30 November 16:30 UTC: 23:30 in WIB, already 1 December in WIT. */
  gint64 now = local_us ("UTC", 11, 30, 16, 30);
  GDate first, last;
  char text[2][16];

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_TODAY, now, WIB, &first, &last);
  g_date_strftime (text[0], 16, "%Y-%m-%d", &first);
  g_date_strftime (text[1], 16, "%Y-%m-%d", &last);
  g_assert_cmpstr (text[0], ==, "2026-11-30");
  g_assert_cmpstr (text[1], ==, "2026-11-30");

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_TODAY, now, WIT, &first, &last);
  g_date_strftime (text[0], 16, "%Y-%m-%d", &first);
  g_assert_cmpstr (text[0], ==, "2026-12-01");

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_7_DAYS, now, WIB, &first, &last);
  g_date_strftime (text[0], 16, "%Y-%m-%d", &first);
  g_assert_cmpstr (text[0], ==, "2026-11-24");

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_30_DAYS, now, WIB, &first, &last);
  g_date_strftime (text[0], 16, "%Y-%m-%d", &first);
  g_assert_cmpstr (text[0], ==, "2026-11-01");

  sapa_report_preset_get_days (SAPA_REPORT_PRESET_THIS_MONTH, now, WIT, &first, &last);
  g_date_strftime (text[0], 16, "%Y-%m-%d", &first);
  g_date_strftime (text[1], 16, "%Y-%m-%d", &last);
  g_assert_cmpstr (text[0], ==, "2026-12-01");
  g_assert_cmpstr (text[1], ==, "2026-12-01");
}

static void
test_query_validation (void)
{
  const char *airports[] = { "CGK", NULL };
  const char *unknown[] = { "XXX", NULL };
  const char *none[] = { NULL };
  GDate first, last, far;
  struct {
    const GDate        *first;
    const GDate        *last;
    const char * const *airports;
    int                 code;
  } cases[] = {
    { &last, &first, airports, SAPA_ERROR_INVALID },
    { &first, &far, airports, SAPA_ERROR_INVALID },
    { &first, &last, none, SAPA_ERROR_INVALID },
    { &first, &last, unknown, SAPA_ERROR_NOT_FOUND },
  };
  g_autoptr(SapaReportQuery) good = NULL;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_clear (&far, 1);
  g_date_set_dmy (&first, 1, 1, 2026);
  g_date_set_dmy (&last, 31, 12, 2026);
  g_date_set_dmy (&far, 2, 1, 2027);

  good = sapa_report_query_new (&first, &last, airports, 0);
  g_assert_true (sapa_report_query_validate (good, NULL));
  g_assert_cmpuint (sapa_report_query_get_n_days (good), ==, 365);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SapaReportQuery) query = sapa_report_query_new (cases[i].first, cases[i].last,
                                                                cases[i].airports, 0);
      g_autoptr(SapaReportData) data = NULL;
      g_autoptr(GError) error = NULL;

      data = sapa_store_compute_report (data_set.store, query, &error);
      g_assert_null (data);
      g_assert_error (error, SAPA_ERROR, cases[i].code);
    }
}

static void
report_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  SapaReportData *data = sapa_store_compute_report_finish (SAPA_STORE (source), result, error);

  g_assert_null (data);
}

static void
test_cancelled (void)
{
  const char *airports[] = { "CGK", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SapaReportQuery) query = NULL;
  GError *error = NULL;
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, 11, 2026);
  g_date_set_dmy (&last, 30, 11, 2026);
  query = sapa_report_query_new (&first, &last, airports, report_now ());

  g_cancellable_cancel (cancellable);
  sapa_store_compute_report_async (data_set.store, query, cancellable, report_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

/* The fast clock gives what sapa_sla_elapsed() gives, over weekends,
 * holidays and the edges of its span. */
static void
test_clock_matches_sla (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaSlaCalendar) calendar = sapa_sla_calendar_new_for_airport ("DJJ", NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  gint64 from = local_us (WIT, 11, 1, 0, 0);
  gint64 to = local_us (WIT, 12, 1, 0, 0);
  g_autoptr(SapaReportClock) business = NULL;
  g_autoptr(SapaReportClock) around = sapa_report_clock_new (NULL, from, to);
  GDate holiday;

  g_assert_no_error (error);
  g_date_clear (&holiday, 1);
  g_date_set_dmy (&holiday, 17, 11, 2026);
  sapa_sla_calendar_add_holiday (calendar, &holiday);
  business = sapa_report_clock_new (calendar, from, to);

  for (guint i = 0; i < 2000; i++)
    {
      /* Some instants fall outside the span, to exercise the fallback. */
      gint64 a = from - DAY_US + g_rand_int_range (rand, 0, 32 * 24 * 60) * MINUTE_US;
      gint64 b = a + g_rand_int_range (rand, 0, 6 * 24 * 60) * MINUTE_US;

      g_assert_cmpint (sapa_report_clock_elapsed (business, a, b, NULL, 0), ==,
                       sapa_sla_elapsed (a, b, calendar, NULL, 0));
      g_assert_cmpint (sapa_report_clock_elapsed (around, a, b, NULL, 0), ==,
                       sapa_sla_elapsed (a, b, NULL, NULL, 0));
    }
}

/* Every step or action that sets a status or has a role is one the
 * store's query reads, or a report would miss it. */
static void
test_classified_steps_are_read (void)
{
  const char * const *steps = sapa_report_get_steps ();
  guint n_flows, n_actions;
  const SapaFlow **flows = sapa_flow_get_all (&n_flows);
  const SapaTicketAction **actions = sapa_ticket_action_get_all (&n_actions);

  for (guint f = 0; f < n_flows; f++)
    for (const SapaStep *step = flows[f]->steps; step->id != NULL; step++)
      for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
        {
          const char *status = NULL;
          guint roles = sapa_report_classify (flows[f]->id, "step", step->id, branch->id, &status);

          if (roles != 0 || status != NULL)
            g_assert_true (g_strv_contains (steps, step->id));
        }

  for (guint a = 0; a < n_actions; a++)
    for (const SapaBranch *branch = actions[a]->step.branches; branch->id != NULL; branch++)
      {
        const char *status = NULL;
        guint roles = sapa_report_classify (SAPA_FLOW_COUNTER, "action", actions[a]->step.id,
                                            branch->id, &status);

        if (roles != 0 || status != NULL)
          g_assert_true (g_strv_contains (steps, actions[a]->step.id));
      }

  /* The booking's last step sends it to the SNS team: no escalation. */
  g_assert_cmpuint (sapa_report_classify (SAPA_FLOW_SNS_PREBOOK, "step", "follow_up", "next", NULL)
                    & SAPA_REPORT_ROLE_ESCALATION, ==, 0);
  g_assert_cmpuint (sapa_report_classify (SAPA_FLOW_PHONE, "step", "follow_up", "next", NULL)
                    & SAPA_REPORT_ROLE_ESCALATION, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  build_data_set ();

  g_test_add_func ("/sapa/report/volume/days", test_volume_days);
  g_test_add_func ("/sapa/report/volume/channels", test_volume_channels);
  g_test_add_func ("/sapa/report/volume/categories", test_volume_categories);
  g_test_add_func ("/sapa/report/volume/airports", test_volume_airports);
  g_test_add_func ("/sapa/report/sla/rows", test_sla_rows);
  g_test_add_func ("/sapa/report/sla/first-response", test_sla_first_response);
  g_test_add_func ("/sapa/report/sla/resolution", test_sla_resolution);
  g_test_add_func ("/sapa/report/escalations/targets", test_escalations);
  g_test_add_func ("/sapa/report/escalations/ages", test_escalation_ages);
  g_test_add_func ("/sapa/report/satisfaction", test_satisfaction);
  g_test_add_func ("/sapa/report/sns/bookings", test_sns_bookings);
  g_test_add_func ("/sapa/report/sns/times", test_sns_times);
  g_test_add_func ("/sapa/report/tables/cells", test_tables);
  g_test_add_func ("/sapa/report/tables/csv", test_table_csv);
  g_test_add_func ("/sapa/report/presets", test_presets);
  g_test_add_func ("/sapa/report/query-validation", test_query_validation);
  g_test_add_func ("/sapa/report/cancelled", test_cancelled);
  g_test_add_func ("/sapa/report/clock-matches-sla", test_clock_matches_sla);
  g_test_add_func ("/sapa/report/classified-steps-are-read", test_classified_steps_are_read);

  result = g_test_run ();
  free_data_set ();
  return result;
}
