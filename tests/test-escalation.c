/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-escalation.c: escalations, their derived SLA clocks and notices */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-escalation.h"
#include "sapa-store-escalation.h"
#include "sapa-ticket-action.h"

#define MINUTE G_TIME_SPAN_MINUTE

/* Thirty minutes to the first response for Dial 172, counted in the
 * airport's business hours, and sixty around the clock for email. */
static const char policy_key_file[] =
  "[sla/phone/*]\n"
  "first-response-minutes=30\n"
  "first-response-hours=business\n"
  "resolution-minutes=240\n"
  "resolution-hours=business\n"
  "\n"
  "[sla/email/*]\n"
  "first-response-minutes=60\n"
  "first-response-hours=24x7\n";

static SapaSlaConfig *
config_from_text (const char *text)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  SapaSlaConfig *config;

  g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  config = sapa_sla_config_new_from_key_file (key_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

/* The instant of a local time in @iana. */
static gint64
local_instant (const char *iana,
               int         year,
               int         month,
               int         day,
               int         hour,
               int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (iana);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (zone);
  local = g_date_time_new (zone, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

static JsonObject *
object_from_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_dup_object (json_parser_get_root (parser));
}

static SapaActivity *
activity_at (const char *ticket_id,
             const char *kind,
             const char *step,
             const char *branch,
             const char *payload_json,
             gint64      at_us)
{
  g_autoptr(JsonObject) payload = object_from_text (payload_json ? payload_json : "{}");

  return sapa_activity_new (ticket_id, kind, step, branch, payload, "Petugas", "CGK", 3, at_us);
}

/* A Dial 172 complaint taken at DJJ at @created_at and escalated at once
 * to DJJ's facilities unit, as the store would read it back. */
static SapaTicket *
djj_ticket (gint64      created_at,
            const char *status,
            GPtrArray  *activities)
{
  const char *id = "01900000-0000-7000-8000-000000000001";
  SapaTicketFields fields = {
    .rowid = 1,
    .id = id,
    .report_number = "DJJ-03-261204-0001",
    .flow = SAPA_FLOW_PHONE,
    .channel = "phone",
    .airport = "DJJ",
    .time_zone = "Asia/Jayapura",
    .workstation = 3,
    .officer = "Petugas",
    .status = status,
    .name = "Yohanes Wenda",
    .phone = "",
    .email = "",
    .category = "complaint",
    .purpose = "AC ruang tunggu mati",
    .answer = "",
    .followup = "",
    .record_json = "{}",
    .created_at = created_at,
    .updated_at = created_at,
  };

  g_ptr_array_add (activities, activity_at (id, SAPA_ACTIVITY_STEP, "greet", "next", NULL, created_at));
  g_ptr_array_add (activities,
                   activity_at (id, SAPA_ACTIVITY_STEP, "follow_up", "next",
                                "{\"followup_unit\":\"facilities\",\"followup_airport\":\"DJJ\","
                                "\"followup_note\":\"Mohon perbaiki AC gerbang 2\"}",
                                created_at));
  return sapa_ticket_new (&fields);
}

/* The DJJ ticket created 10:00 WIT with a 30-minute first-response
 * target shows 25 minutes left to a viewer in Jakarta at 08:05 WIB and
 * to one in Denpasar at 09:05 WITA. Both are the same instant, so both
 * get the same words, with the time in the ticket's zone. The suite runs
 * on a machine in UTC and again in WIT. */
static void
test_djj_example (void)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 created_at = local_instant ("Asia/Jayapura", 2026, 12, 4, 10, 0);
  g_autoptr(SapaTicket) ticket = djj_ticket (created_at, SAPA_STATUS_ESCALATED, activities);
  const struct {
    const char *viewer_zone;
    int         hour;
  } viewers[] = {
    { "Asia/Jakarta", 8 },
    { "Asia/Makassar", 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    {
      gint64 now = local_instant (viewers[i].viewer_zone, 2026, 12, 4, viewers[i].hour, 5);
      g_autoptr(SapaEscalation) escalation = sapa_escalation_new_from_log (ticket, activities, config, now);
      g_autofree char *clock = NULL;
      g_autofree char *age = NULL;
      g_autofree char *assignee = NULL;
      const SapaTicketSla *sla;

      g_assert_nonnull (escalation);
      sla = sapa_escalation_get_sla (escalation);
      g_assert_cmpint (sla->clock, ==, SAPA_SLA_CLOCK_FIRST_RESPONSE);
      g_assert_cmpuint (sla->minutes, ==, 30);
      g_assert_true (sla->progress.has_due);
      g_assert_cmpint (sla->progress.due_us, ==, created_at + 30 * MINUTE);
      g_assert_cmpint (sla->progress.remaining_us, ==, 25 * MINUTE);
      g_assert_cmpint (sapa_escalation_get_stage (escalation), ==, SAPA_ESCALATION_STAGE_ARRIVED);

      clock = sapa_escalation_format_clock (escalation);
      g_assert_cmpstr (clock, ==, "First response: 25 min left");
      age = sapa_escalation_format_age (escalation);
      g_assert_cmpstr (age, ==, "Escalated 10:00 WIT, 5 min ago");
      assignee = sapa_escalation_format_assignee (escalation);
      g_assert_cmpstr (assignee, ==, "DJJ · Facilities and engineering");
      g_assert_cmpstr (sapa_escalation_get_airport (escalation), ==, "DJJ");
      g_assert_cmpstr (sapa_escalation_get_note (escalation), ==, "Mohon perbaiki AC gerbang 2");
    }
}

/* Due soon within the last 20 % of the target, then overdue; the PIC's
 * answer is the first response, after which the resolution clock runs
 * and its stages are new events. */
static void
test_stages_and_clocks (void)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 created_at = local_instant ("Asia/Jayapura", 2026, 12, 4, 10, 0);
  g_autoptr(SapaTicket) ticket = djj_ticket (created_at, SAPA_STATUS_ESCALATED, activities);
  g_autoptr(SapaEscalation) due_soon = NULL;
  g_autoptr(SapaEscalation) overdue = NULL;
  g_autoptr(SapaEscalation) answered = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  due_soon = sapa_escalation_new_from_log (ticket, activities, config, created_at + 25 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_stage (due_soon), ==, SAPA_ESCALATION_STAGE_DUE_SOON);
  text = sapa_escalation_format_clock (due_soon);
  g_assert_cmpstr (text, ==, "First response: Due soon, 5 min left");
  key = sapa_escalation_dup_stage_key (due_soon, SAPA_ESCALATION_STAGE_DUE_SOON);
  g_assert_cmpstr (key, ==, "first_response/due_soon");
  g_clear_pointer (&key, g_free);
  key = sapa_escalation_dup_stage_key (due_soon, SAPA_ESCALATION_STAGE_ARRIVED);
  g_assert_cmpstr (key, ==, "arrived");
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&text, g_free);

  overdue = sapa_escalation_new_from_log (ticket, activities, config, created_at + 95 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_stage (overdue), ==, SAPA_ESCALATION_STAGE_OVERDUE);
  text = sapa_escalation_format_clock (overdue);
  g_assert_cmpstr (text, ==, "First response: Overdue by 1 h 5 min");
  key = sapa_escalation_dup_stage_key (overdue, SAPA_ESCALATION_STAGE_OVERDUE);
  g_assert_cmpstr (key, ==, "first_response/overdue");
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&text, g_free);

  g_ptr_array_add (activities,
                   activity_at (sapa_ticket_get_id (ticket), SAPA_ACTIVITY_ACTION, SAPA_ACTION_PIC_ANSWER,
                                "save", "{\"pic_answer\":\"Teknisi menuju gerbang 2\"}",
                                created_at + 20 * MINUTE));
  answered = sapa_escalation_new_from_log (ticket, activities, config, created_at + 95 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_sla (answered)->clock, ==, SAPA_SLA_CLOCK_RESOLUTION);
  g_assert_cmpint (sapa_escalation_get_sla (answered)->first_response_at, ==, created_at + 20 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_sla (answered)->first_response_us, ==, 20 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_stage (answered), ==, SAPA_ESCALATION_STAGE_ARRIVED);
  text = sapa_escalation_format_clock (answered);
  g_assert_cmpstr (text, ==, "Resolution: 2 h 25 min left");
  key = sapa_escalation_dup_stage_key (answered, SAPA_ESCALATION_STAGE_OVERDUE);
  g_assert_cmpstr (key, ==, "resolution/overdue");
}

/* The ticket due first sorts first by time left; by age the oldest
 * escalation comes first. */
static void
test_sort_order (void)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(GPtrArray) early_log = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) late_log = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 nine = local_instant ("Asia/Jayapura", 2026, 12, 4, 9, 0);
  gint64 ten = local_instant ("Asia/Jayapura", 2026, 12, 4, 10, 0);
  g_autoptr(SapaTicket) early = djj_ticket (nine, SAPA_STATUS_ESCALATED, early_log);
  g_autoptr(SapaTicket) late = djj_ticket (ten, SAPA_STATUS_ESCALATED, late_log);
  g_autoptr(SapaEscalation) overdue = sapa_escalation_new_from_log (early, early_log, config, ten + 5 * MINUTE);
  g_autoptr(SapaEscalation) on_time = sapa_escalation_new_from_log (late, late_log, config, ten + 5 * MINUTE);

  g_assert_cmpint (sapa_escalation_get_stage (overdue), ==, SAPA_ESCALATION_STAGE_OVERDUE);
  g_assert_cmpint (sapa_escalation_compare_time_left (overdue, on_time), <, 0);
  g_assert_cmpint (sapa_escalation_compare_time_left (on_time, overdue), >, 0);
  g_assert_cmpint (sapa_escalation_compare_age (overdue, on_time), <, 0);
  g_assert_cmpint (sapa_escalation_compare_time_left (on_time, on_time), ==, 0);
}

/* A target in business hours does not run overnight: a DJJ ticket at
 * 16:50 WIT on Friday has 20 of its 30 minutes left on Monday at 08:00
 * WIT, whatever zone the machine is in. */
static void
test_business_hours_in_airport_zone (void)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 created_at = local_instant ("Asia/Jayapura", 2026, 12, 4, 16, 50);
  g_autoptr(SapaTicket) ticket = djj_ticket (created_at, SAPA_STATUS_ESCALATED, activities);
  gint64 monday = local_instant ("Asia/Jayapura", 2026, 12, 7, 8, 0);
  g_autoptr(SapaEscalation) escalation = sapa_escalation_new_from_log (ticket, activities, config, monday);
  g_autofree char *age = NULL;

  g_assert_cmpint (sapa_escalation_get_sla (escalation)->progress.due_us, ==, monday + 20 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_sla (escalation)->progress.remaining_us, ==, 20 * MINUTE);
  /* Another day: the date comes with the time. */
  age = sapa_escalation_format_age (escalation);
  g_assert_cmpstr (age, ==, "Escalated 04/12/2026 16:50 WIT, 2 days 16 h ago");
}

/* ---- In the store ---- */

typedef struct {
  char      *dir;
  char      *path;
  SapaStore *store;
  gint64     clock;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sapa-escalation-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "sapa.db", NULL);
  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* Friday 4 December 2026, 09:00 WIB. */
  fixture->clock = local_instant ("Asia/Jakarta", 2026, 12, 4, 9, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
take_at (SapaWizard *wizard,
         const char *branch,
         gint64      at_us)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_wizard_advance_at (wizard, branch, at_us, &error));
  g_assert_no_error (error);
}

static SapaTicket *
record (Fixture    *fixture,
        SapaWizard *wizard)
{
  g_autoptr(GPtrArray) activities = sapa_wizard_take_activities (wizard);
  g_autoptr(GError) error = NULL;
  SapaTicket *ticket;

  ticket = sapa_store_record (fixture->store, wizard, activities, &error);
  g_assert_no_error (error);
  return ticket;
}

/* An email at CGK whose sender was asked for data at +2 min; the data
 * came at +12 min. With @escalate, the CCO then escalated it to DPS at
 * +13 min. */
static SapaTicket *
record_email (Fixture  *fixture,
              gboolean  data_arrived)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_EMAIL_SOCIAL), "CGK", 3, "Rina");
  gint64 start = fixture->clock;

  g_assert_true (sapa_wizard_set_channel (wizard, "email", NULL));
  sapa_wizard_set_value (wizard, "email", "wayan@example.co.id");
  sapa_wizard_set_value (wizard, "message", "Koper saya rusak di bagasi");
  take_at (wizard, "next", start);
  sapa_wizard_set_value (wizard, "category", "complaint");
  take_at (wizard, "need_data", start + 1 * MINUTE);
  sapa_wizard_set_value (wizard, "data_request", "Mohon foto label bagasi");
  take_at (wizard, "next", start + 2 * MINUTE);
  if (data_arrived)
    {
      sapa_wizard_set_value (wizard, "data_received", "Foto label diterima");
      take_at (wizard, "next", start + 12 * MINUTE);
      take_at (wizard, "escalate", start + 13 * MINUTE);
      sapa_wizard_set_value (wizard, "escalation_airport", "DPS");
      sapa_wizard_set_value (wizard, "escalation_note", "Mohon cek bagasi penerbangan GA 404");
      take_at (wizard, "next", start + 13 * MINUTE);
    }

  return record (fixture, wizard);
}

static GPtrArray *
list_escalations (Fixture       *fixture,
                  const char    *to_airport,
                  SapaSlaConfig *config,
                  gint64         now)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *escalations = sapa_store_list_escalations (fixture->store, to_airport, config, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (escalations);
  return escalations;
}

/* The ten minutes spent waiting for the sender's data do not count, so
 * the 60-minute first response falls due at +70 min. */
static void
test_derived_deadline_pause_resume (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(SapaTicket) ticket = record_email (fixture, TRUE);
  g_autoptr(GPtrArray) to_dps = NULL;
  g_autoptr(GPtrArray) to_cgk = NULL;
  g_autoptr(GPtrArray) all = NULL;
  SapaEscalation *escalation;
  const SapaTicketSla *sla;

  g_assert_cmpstr (sapa_ticket_get_status (ticket), ==, SAPA_STATUS_ESCALATED);

  to_dps = list_escalations (fixture, "DPS", config, fixture->clock + 30 * MINUTE);
  g_assert_cmpuint (to_dps->len, ==, 1);
  escalation = g_ptr_array_index (to_dps, 0);
  sla = sapa_escalation_get_sla (escalation);
  g_assert_cmpint (sla->clock, ==, SAPA_SLA_CLOCK_FIRST_RESPONSE);
  g_assert_cmpint (sla->progress.due_us, ==, fixture->clock + 70 * MINUTE);
  g_assert_cmpint (sla->progress.remaining_us, ==, 40 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_escalated_at (escalation), ==, fixture->clock + 13 * MINUTE);
  g_assert_cmpstr (sapa_escalation_get_unit (escalation), ==, "branch");
  g_assert_cmpstr (sapa_escalation_get_note (escalation), ==, "Mohon cek bagasi penerbangan GA 404");

  to_cgk = list_escalations (fixture, "CGK", config, fixture->clock + 30 * MINUTE);
  g_assert_cmpuint (to_cgk->len, ==, 0);
  all = list_escalations (fixture, NULL, config, fixture->clock + 30 * MINUTE);
  g_assert_cmpuint (all->len, ==, 1);
}

/* While the data is still awaited the clock stops: the ticket is paused
 * with the counted time left, and resumes from there. */
static void
test_derived_deadline_open_pause (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(SapaTicket) waiting = record_email (fixture, FALSE);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaActivity) received = NULL;
  g_autoptr(SapaTicket) resumed = NULL;
  g_autoptr(GError) error = NULL;
  SapaTicketSla sla;

  g_assert_cmpstr (sapa_ticket_get_status (waiting), ==, SAPA_STATUS_WAITING_CUSTOMER);
  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (waiting), &error);
  g_assert_no_error (error);

  sapa_ticket_sla_evaluate (config, waiting, activities, fixture->clock + 5 * 60 * MINUTE, &sla);
  g_assert_cmpint (sla.progress.state, ==, SAPA_SLA_STATE_PAUSED);
  g_assert_false (sla.progress.has_due);
  g_assert_cmpint (sla.progress.remaining_us, ==, 58 * MINUTE);

  /* The data arrives five hours later: 58 minutes are left from then. */
  received = activity_at (sapa_ticket_get_id (waiting), SAPA_ACTIVITY_ACTION, SAPA_ACTION_DATA_RECEIVED,
                          "save", "{\"data_received\":\"Foto label\"}", fixture->clock + 5 * 60 * MINUTE);
  resumed = sapa_store_apply_action (fixture->store, received, SAPA_STATUS_OPEN, &error);
  g_assert_no_error (error);
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (waiting), &error);
  g_assert_no_error (error);

  sapa_ticket_sla_evaluate (config, resumed, activities, fixture->clock + 5 * 60 * MINUTE, &sla);
  g_assert_cmpint (sla.progress.state, ==, SAPA_SLA_STATE_ON_TIME);
  g_assert_cmpint (sla.progress.due_us, ==, fixture->clock + (5 * 60 + 58) * MINUTE);
}

static SapaTicket *
record_escalated_counter (Fixture    *fixture,
                          const char *to_airport)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_COUNTER), "CGK", 7, "Dewi");
  gint64 at = fixture->clock;

  take_at (wizard, "next", at);
  sapa_wizard_set_value (wizard, "purpose", "Kursi roda tidak siap di gerbang B5");
  take_at (wizard, "next", at);
  sapa_wizard_set_value (wizard, "name", "Dewi Lestari");
  sapa_wizard_set_value (wizard, "phone", "0812 1111 2222");
  take_at (wizard, "next", at);
  take_at (wizard, "sesuai", at);
  sapa_wizard_set_value (wizard, "category", "complaint");
  take_at (wizard, "follow_up", at);
  sapa_wizard_set_value (wizard, "followup_unit", "branch");
  sapa_wizard_set_value (wizard, "followup_airport", to_airport);
  sapa_wizard_set_value (wizard, "followup_note", "Mohon penjelasan");
  take_at (wizard, "next", at + MINUTE);
  return record (fixture, wizard);
}

static GPtrArray *
notices_of (SapaEscalation *escalation,
            SapaEscalationStage up_to)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_escalation_notice_free);

  for (SapaEscalationStage stage = SAPA_ESCALATION_STAGE_ARRIVED; stage <= up_to; stage++)
    {
      g_autofree char *key = sapa_escalation_dup_stage_key (escalation, stage);

      g_ptr_array_add (notices, sapa_escalation_notice_new (sapa_ticket_get_id (sapa_escalation_get_ticket (escalation)),
                                                           sapa_escalation_get_id (escalation), key));
    }
  return notices;
}

static guint
claim (Fixture   *fixture,
       GPtrArray *notices)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = sapa_store_claim_notices (fixture->store, notices, fixture->clock, &error);

  g_assert_no_error (error);
  return claimed->len;
}

/* Each stage of an escalation is claimed once, also after the store is
 * closed and opened again; a reassignment is a new escalation. */
static void
test_notice_once_across_reopen (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SapaSlaConfig) config = sapa_sla_config_new ();
  g_autoptr(SapaTicket) ticket = record_escalated_counter (fixture, "DPS");
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) overdue_list = NULL;
  g_autoptr(GPtrArray) reassigned_list = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) after_reassign = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(SapaTicket) moved = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_status = NULL;

  listed = list_escalations (fixture, "DPS", config, fixture->clock + 2 * MINUTE);
  g_assert_cmpuint (listed->len, ==, 1);
  first = notices_of (g_ptr_array_index (listed, 0), SAPA_ESCALATION_STAGE_ARRIVED);
  g_assert_cmpuint (claim (fixture, first), ==, 1);
  g_assert_cmpuint (claim (fixture, first), ==, 0);

  /* A restart, or a sync that brings the same ticket again. */
  g_clear_object (&fixture->store);
  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claim (fixture, first), ==, 0);

  /* Days later it is overdue: only the two new stages are claimed. */
  overdue_list = list_escalations (fixture, "DPS", config, fixture->clock + 7 * 24 * 60 * MINUTE);
  g_assert_cmpint (sapa_escalation_get_stage (g_ptr_array_index (overdue_list, 0)), ==,
                   SAPA_ESCALATION_STAGE_OVERDUE);
  overdue = notices_of (g_ptr_array_index (overdue_list, 0), SAPA_ESCALATION_STAGE_OVERDUE);
  g_assert_cmpuint (overdue->len, ==, 3);
  g_assert_cmpuint (claim (fixture, overdue), ==, 2);
  g_assert_cmpuint (claim (fixture, overdue), ==, 0);

  /* DPS passes it to UPG, where it is a new arrival to notify. */
  g_hash_table_insert (values, "followup_unit", "branch");
  g_hash_table_insert (values, "followup_airport", "UPG");
  g_hash_table_insert (values, "followup_note", "Penerbangan dari UPG");
  activity = sapa_ticket_action_prepare (sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN), NULL, values,
                                         sapa_ticket_get_id (ticket), SAPA_STATUS_ESCALATED, "Made", "DPS", 2,
                                         fixture->clock + 8 * 24 * 60 * MINUTE, &new_status, NULL, &error);
  g_assert_no_error (error);
  moved = sapa_store_apply_action (fixture->store, activity, new_status, &error);
  g_assert_no_error (error);

  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = list_escalations (fixture, "DPS", config, fixture->clock + 8 * 24 * 60 * MINUTE);
  g_assert_cmpuint (listed->len, ==, 0);
  reassigned_list = list_escalations (fixture, "UPG", config, fixture->clock + 8 * 24 * 60 * MINUTE);
  g_assert_cmpuint (reassigned_list->len, ==, 1);
  g_assert_cmpuint (sapa_escalation_get_n_escalations (g_ptr_array_index (reassigned_list, 0)), ==, 2);
  g_assert_cmpstr (sapa_escalation_get_id (g_ptr_array_index (reassigned_list, 0)), ==,
                   sapa_activity_get_id (activity));
  after_reassign = notices_of (g_ptr_array_index (reassigned_list, 0), SAPA_ESCALATION_STAGE_ARRIVED);
  g_assert_cmpuint (claim (fixture, after_reassign), ==, 1);
}

/* A reassignment to another unit that names no airport keeps the
 * airport it was escalated to. */
static void
test_reassign_keeps_airport (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SapaSlaConfig) config = sapa_sla_config_new ();
  g_autoptr(SapaTicket) ticket = record_escalated_counter (fixture, "DPS");
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(SapaTicket) moved = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *age = NULL;
  const char *new_status = NULL;

  g_hash_table_insert (values, "followup_unit", "facilities");
  g_hash_table_insert (values, "followup_note", "Urusan teknik");
  activity = sapa_ticket_action_prepare (sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN), NULL, values,
                                         sapa_ticket_get_id (ticket), SAPA_STATUS_ESCALATED, "Made", "DPS", 2,
                                         fixture->clock + 10 * MINUTE, &new_status, NULL, &error);
  g_assert_no_error (error);
  moved = sapa_store_apply_action (fixture->store, activity, new_status, &error);
  g_assert_no_error (error);

  listed = list_escalations (fixture, "DPS", config, fixture->clock + 15 * MINUTE);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (sapa_escalation_get_unit (g_ptr_array_index (listed, 0)), ==, "facilities");
  g_assert_cmpstr (sapa_escalation_get_source_airport (g_ptr_array_index (listed, 0)), ==, "DPS");
  age = sapa_escalation_format_age (g_ptr_array_index (listed, 0));
  g_assert_cmpstr (age, ==, "Escalated 09:01 WIB, 14 min ago, reassigned 09:10 WIB");
}

/* Prepares a reassignment of @ticket to @unit (at @airport, or NULL) at
 * @at_us and applies it in the store. Returns the ticket, or NULL with
 * @error set. */
static SapaTicket *
reassign (Fixture     *fixture,
          SapaTicket  *ticket,
          const char  *unit,
          const char  *airport,
          gint64       at_us,
          GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(GError) prepare_error = NULL;
  const char *new_status = NULL;

  g_hash_table_insert (values, "followup_unit", (gpointer) unit);
  if (airport != NULL)
    g_hash_table_insert (values, "followup_airport", (gpointer) airport);
  g_hash_table_insert (values, "followup_note", "Mohon ditangani");
  activity = sapa_ticket_action_prepare (sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN), NULL, values,
                                         sapa_ticket_get_id (ticket), SAPA_STATUS_ESCALATED, "Made", "DPS", 2,
                                         at_us, &new_status, NULL, &prepare_error);
  g_assert_no_error (prepare_error);
  return sapa_store_apply_action (fixture->store, activity, new_status, error);
}

/* The store rejects a reassignment to the unit and airport that already
 * have the escalation, also when it names no airport, and keeps the log
 * as it was. */
static void
test_reassign_same_target_rejected (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(SapaSlaConfig) config = sapa_sla_config_new ();
  g_autoptr(SapaTicket) ticket = record_escalated_counter (fixture, "DPS");
  g_autoptr(SapaTicket) same = NULL;
  g_autoptr(SapaTicket) same_unit_only = NULL;
  g_autoptr(SapaTicket) moved = NULL;
  g_autoptr(SapaTicket) moved_back = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  same = reassign (fixture, ticket, "branch", "DPS", fixture->clock + 10 * MINUTE, &error);
  g_assert_null (same);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The escalation is already with DPS · Branch PIC. Choose another unit or airport.");
  g_clear_error (&error);

  listed = list_escalations (fixture, "DPS", config, fixture->clock + 15 * MINUTE);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (sapa_escalation_get_n_escalations (g_ptr_array_index (listed, 0)), ==, 1);

  /* Another unit at the same airport is a real move. */
  moved = reassign (fixture, ticket, "facilities", NULL, fixture->clock + 20 * MINUTE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);

  /* That unit again, naming no airport, stays where it is. */
  same_unit_only = reassign (fixture, ticket, "facilities", NULL, fixture->clock + 25 * MINUTE, &error);
  g_assert_null (same_unit_only);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_clear_error (&error);

  /* Back to the first unit is a move too. */
  moved_back = reassign (fixture, ticket, "branch", "DPS", fixture->clock + 30 * MINUTE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved_back);
}

/* The rule itself: the new unit and airport against the current ones. */
static void
test_check_reassign (void)
{
  static const struct {
    const char *values;
    gboolean    allowed;
  } cases[] = {
    { "{\"followup_unit\":\"cleaning\",\"followup_airport\":\"CGK\"}", FALSE },
    { "{\"followup_unit\":\"cleaning\"}", FALSE },
    { "{\"followup_unit\":\"cleaning\",\"followup_airport\":\"cgk\"}", FALSE },
    { "{\"followup_unit\":\"facilities\"}", TRUE },
    { "{\"followup_unit\":\"cleaning\",\"followup_airport\":\"DPS\"}", TRUE },
    { "{\"followup_unit\":\"branch\",\"followup_airport\":\"DPS\"}", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) values = object_from_text (cases[i].values);
      g_autoptr(GError) error = NULL;
      gboolean allowed = sapa_escalation_check_reassign ("cleaning", "CGK", values, &error);

      g_test_message ("%s", cases[i].values);
      g_assert_cmpint (allowed, ==, cases[i].allowed);
      if (cases[i].allowed)
        g_assert_no_error (error);
      else
        g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
    }
}

/* An escalation reassigned later is still as old as its first
 * escalation: oldest first lists it before one escalated in between. */
static void
test_reassigned_age_order (void)
{
  g_autoptr(SapaSlaConfig) config = config_from_text (policy_key_file);
  g_autoptr(GPtrArray) reassigned_log = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) between_log = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 nine = local_instant ("Asia/Jayapura", 2026, 12, 4, 9, 0);
  gint64 ten = local_instant ("Asia/Jayapura", 2026, 12, 4, 10, 0);
  g_autoptr(SapaTicket) reassigned = djj_ticket (nine, SAPA_STATUS_ESCALATED, reassigned_log);
  g_autoptr(SapaTicket) between = djj_ticket (nine + 30 * MINUTE, SAPA_STATUS_ESCALATED, between_log);
  g_autoptr(SapaEscalation) old = NULL;
  g_autoptr(SapaEscalation) newer = NULL;
  g_autofree char *age = NULL;

  g_ptr_array_add (reassigned_log,
                   activity_at (sapa_ticket_get_id (reassigned), SAPA_ACTIVITY_ACTION, SAPA_ACTION_REASSIGN, "save",
                                "{\"followup_unit\":\"cleaning\",\"followup_note\":\"Bukan urusan teknik\"}",
                                ten));
  old = sapa_escalation_new_from_log (reassigned, reassigned_log, config, ten + 5 * MINUTE);
  newer = sapa_escalation_new_from_log (between, between_log, config, ten + 5 * MINUTE);

  g_assert_cmpint (sapa_escalation_get_escalated_at (old), ==, ten);
  g_assert_cmpint (sapa_escalation_get_first_escalated_at (old), ==, nine);
  g_assert_cmpint (sapa_escalation_compare_age (old, newer), <, 0);
  g_assert_cmpint (sapa_escalation_compare_age (newer, old), >, 0);
  age = sapa_escalation_format_age (old);
  g_assert_cmpstr (age, ==, "Escalated 09:00 WIT, 1 h 5 min ago, reassigned 10:00 WIT");
}

/* ---- The SLA file ---- */

static char *
write_file (const char *dir,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, SAPA_SLA_CONFIG_FILE_NAME, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_default_phone_target (SapaSlaConfig *config)
{
  SapaSlaTarget target;

  sapa_sla_policy_lookup (sapa_sla_config_get_policy (config), "phone", "complaint", &target);
  g_assert_cmpuint (target.first_response.minutes, ==, 15);
  g_assert_cmpint (target.first_response.hours, ==, SAPA_SLA_HOURS_24X7);
}

static void
test_config_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sapa-sla-conf-XXXXXX", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.conf", NULL);
  static const struct {
    const char *text;
    const char *names;
  } invalid[] = {
    { "[sla/phone/*]\nfirst-response-minutes=soon\n", "first-response-minutes" },
    { "[sla-phone]\nfirst-response-minutes=10\n", "sla-phone" },
    { "[calendar/djj]\nmonday=08:00-17:00\n", "calendar/djj" },
    { "[calendar/XYZ]\nmonday=08:00-17:00\n", "calendar/XYZ" },
    { "[due-soon]\npercent=120\n", "percent" },
    { "[due-soon]\nhours=2\n", "hours" },
    { "not a key file", NULL },
  };
  g_autoptr(SapaSlaConfig) missing = sapa_sla_config_load (missing_path);
  g_autoptr(SapaSlaConfig) valid = NULL;
  g_autofree char *valid_path = NULL;
  SapaSlaTarget target;

  g_assert_null (sapa_sla_config_get_problem (missing));
  assert_default_phone_target (missing);
  g_assert_cmpuint (sapa_sla_config_get_threshold (missing)->percent, ==, 20);
  g_assert_nonnull (sapa_sla_config_get_calendar (missing, "djj"));
  g_assert_cmpstr (sapa_sla_calendar_get_time_zone (sapa_sla_config_get_calendar (missing, "DJJ")), ==,
                   "Asia/Jayapura");
  g_assert_null (sapa_sla_config_get_calendar (missing, "XYZ"));

  valid_path = write_file (dir, "[sla/phone/*]\nfirst-response-minutes=30\n\n"
                                "[due-soon]\npercent=0\nminutes=10\n\n"
                                "[calendar/DJJ]\nsaturday=08:00-12:00\n");
  valid = sapa_sla_config_load (valid_path);
  g_assert_null (sapa_sla_config_get_problem (valid));
  sapa_sla_policy_lookup (sapa_sla_config_get_policy (valid), "phone", "complaint", &target);
  g_assert_cmpuint (target.first_response.minutes, ==, 30);
  g_assert_cmpuint (sapa_sla_config_get_threshold (valid)->percent, ==, 0);
  g_assert_cmpuint (sapa_sla_config_get_threshold (valid)->minutes, ==, 10);
  g_assert_true (sapa_sla_calendar_get_hours (sapa_sla_config_get_calendar (valid, "DJJ"), G_DATE_SATURDAY,
                                              &(guint) { 0 }, &(guint) { 0 }));
  g_assert_false (sapa_sla_calendar_get_hours (sapa_sla_config_get_calendar (valid, "CGK"), G_DATE_SATURDAY,
                                               &(guint) { 0 }, &(guint) { 0 }));

  /* A bad file falls back whole to the built-in values and reports why. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *path = write_file (dir, invalid[i].text);
      g_autoptr(SapaSlaConfig) config = sapa_sla_config_load (path);
      const char *problem = sapa_sla_config_get_problem (config);

      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (problem, path));
      if (invalid[i].names != NULL)
        g_assert_nonnull (strstr (problem, invalid[i].names));
      assert_default_phone_target (config);
      g_assert_cmpuint (sapa_sla_config_get_threshold (config)->percent, ==, 20);
      g_unlink (path);
    }

  g_unlink (valid_path);
  g_rmdir (dir);
}

/* Who records the answer: a PIC for the branch PIC or another airport,
 * the desk for a unit of the ticket's own airport. */
static void
test_answer_needs_pic (void)
{
  static const struct {
    const char *unit;
    const char *airport;
    gboolean    needs_pic;
  } cases[] = {
    { "branch", "DPS", TRUE },
    { "branch", "CGK", TRUE },
    { "facilities", "DPS", TRUE },
    { "lost_found", "CGK", FALSE },
    { "parking", NULL, FALSE },
    { NULL, NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s at %s", cases[i].unit, cases[i].airport);
      g_assert_cmpint (sapa_escalation_answer_needs_pic (cases[i].unit, cases[i].airport, "CGK"), ==,
                       cases[i].needs_pic);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/escalation/djj-example", test_djj_example);
  g_test_add_func ("/sapa/escalation/stages-and-clocks", test_stages_and_clocks);
  g_test_add_func ("/sapa/escalation/sort-order", test_sort_order);
  g_test_add_func ("/sapa/escalation/business-hours-zone", test_business_hours_in_airport_zone);
  g_test_add ("/sapa/escalation/pause-resume", Fixture, NULL,
              fixture_set_up, test_derived_deadline_pause_resume, fixture_tear_down);
  g_test_add ("/sapa/escalation/open-pause", Fixture, NULL,
              fixture_set_up, test_derived_deadline_open_pause, fixture_tear_down);
  g_test_add ("/sapa/escalation/notice-once-across-reopen", Fixture, NULL,
              fixture_set_up, test_notice_once_across_reopen, fixture_tear_down);
  g_test_add ("/sapa/escalation/reassign-keeps-airport", Fixture, NULL,
              fixture_set_up, test_reassign_keeps_airport, fixture_tear_down);
  g_test_add ("/sapa/escalation/reassign-same-target", Fixture, NULL,
              fixture_set_up, test_reassign_same_target_rejected, fixture_tear_down);
  g_test_add_func ("/sapa/escalation/check-reassign", test_check_reassign);
  g_test_add_func ("/sapa/escalation/reassigned-age-order", test_reassigned_age_order);
  g_test_add_func ("/sapa/escalation/config-file", test_config_file);
  g_test_add_func ("/sapa/escalation/answer-needs-pic", test_answer_needs_pic);

  return g_test_run ();
}
