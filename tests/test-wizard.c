/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-wizard.c: every branch of the seven flows, driven without GTK */

#include <stdarg.h>

#include "sapa-error.h"
#include "sapa-uuid.h"
#include "sapa-wizard.h"

/* 2026-01-01 00:00:00 UTC; each advance in a test is one minute later. */
#define START_US G_GINT64_CONSTANT (1767225600000000)
#define MINUTE_US G_GINT64_CONSTANT (60000000)

static gint64 clock_us;

static SapaWizard *
start (const char *flow_id)
{
  const SapaFlow *flow = sapa_flow_lookup (flow_id);
  SapaWizard *wizard;

  g_assert_nonnull (flow);
  clock_us = START_US;
  wizard = sapa_wizard_new (flow, "cgk", 3, "officer-7");

  g_assert_cmpstr (sapa_wizard_get_airport (wizard), ==, "CGK");
  g_assert_true (sapa_uuid_is_v7 (sapa_wizard_get_ticket_id (wizard)));
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, flow->first_step);
  g_assert_cmpstr (sapa_wizard_get_status (wizard), ==, SAPA_STATUS_OPEN);
  g_assert_cmpstr (sapa_wizard_get_channel (wizard), ==, flow->channel);
  g_assert_false (sapa_wizard_is_finished (wizard));
  g_assert_cmpuint (sapa_wizard_get_n_steps_taken (wizard), ==, 0);

  return wizard;
}

static void
set (SapaWizard *wizard,
     const char *key,
     const char *value)
{
  sapa_wizard_set_value (wizard, key, value);
  g_assert_cmpstr (sapa_wizard_get_value (wizard, key), ==, value);
}

static void
advance (SapaWizard *wizard,
         const char *branch_id)
{
  g_autoptr(GError) error = NULL;
  guint n_taken = sapa_wizard_get_n_steps_taken (wizard);

  g_assert_true (sapa_wizard_advance_at (wizard, branch_id, clock_us, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sapa_wizard_get_n_steps_taken (wizard), ==, n_taken + 1);
  clock_us += MINUTE_US;
}

static void
assert_at (SapaWizard *wizard,
           const char *step_id,
           const char *status)
{
  const SapaStep *step = sapa_wizard_get_step (wizard);

  if (step_id == NULL)
    {
      g_assert_null (step);
      g_assert_true (sapa_wizard_is_finished (wizard));
    }
  else
    {
      g_assert_nonnull (step);
      g_assert_cmpstr (step->id, ==, step_id);
      g_assert_false (sapa_wizard_is_finished (wizard));
    }

  g_assert_cmpstr (sapa_wizard_get_status (wizard), ==, status);
}

static char *
dup_json_text (SapaWizard *wizard)
{
  g_autoptr(JsonNode) node = sapa_wizard_to_json (wizard);

  return json_to_string (node, FALSE);
}

/* Asserts that @branch_id fails with @code on @field_key (NULL for an
 * error about the whole step or the branch) and that nothing changed. */
static void
assert_rejected (SapaWizard *wizard,
                 const char *branch_id,
                 int         code,
                 const char *field_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) step_error = NULL;
  g_autofree char *before = dup_json_text (wizard);
  g_autofree char *after = NULL;
  g_autofree char *key = NULL;

  g_assert_false (sapa_wizard_advance_at (wizard, branch_id, clock_us, &error));
  g_assert_error (error, SAPA_ERROR, code);

  after = dup_json_text (wizard);
  g_assert_cmpstr (after, ==, before);

  /* A field error must also show in validate_step(), with the same key. */
  if (field_key != NULL)
    {
      g_assert_false (sapa_wizard_validate_step_at (wizard, clock_us, &key, &step_error));
      g_assert_error (step_error, SAPA_ERROR, code);
      g_assert_cmpstr (key, ==, field_key);
    }
}

/* Takes the activities appended since the last call and asserts their
 * step and branch ids, given as pairs ending with NULL. */
static GPtrArray *
assert_log (SapaWizard *wizard,
            ...)
{
  GPtrArray *log = sapa_wizard_take_activities (wizard);
  const char *step_id;
  guint i = 0;
  gint64 previous = 0;
  va_list args;

  va_start (args, wizard);
  while ((step_id = va_arg (args, const char *)) != NULL)
    {
      const char *branch_id = va_arg (args, const char *);
      SapaActivity *activity;

      g_assert_cmpuint (i, <, log->len);
      activity = g_ptr_array_index (log, i++);
      g_assert_cmpstr (sapa_activity_get_step (activity), ==, step_id);
      g_assert_cmpstr (sapa_activity_get_branch (activity), ==, branch_id);
      g_assert_cmpstr (sapa_activity_get_kind (activity), ==, SAPA_ACTIVITY_STEP);
      g_assert_cmpstr (sapa_activity_get_ticket_id (activity), ==, sapa_wizard_get_ticket_id (wizard));
      g_assert_cmpstr (sapa_activity_get_officer (activity), ==, "officer-7");
      g_assert_cmpstr (sapa_activity_get_airport (activity), ==, "CGK");
      g_assert_cmpuint (sapa_activity_get_workstation (activity), ==, 3);
      g_assert_cmpint (sapa_activity_get_created_at (activity), >=, START_US);
      g_assert_cmpint (sapa_activity_get_created_at (activity), >, previous);
      previous = sapa_activity_get_created_at (activity);
    }
  va_end (args);

  g_assert_cmpuint (log->len, ==, i);
  return log;
}

static void
assert_payload (GPtrArray  *log,
                guint       index,
                const char *key,
                const char *value)
{
  JsonObject *payload = sapa_activity_get_payload (g_ptr_array_index (log, index));

  g_assert_true (json_object_has_member (payload, key));
  g_assert_cmpstr (json_object_get_string_member (payload, key), ==, value);
}

static void
assert_no_payload (GPtrArray  *log,
                   guint       index,
                   const char *key)
{
  JsonObject *payload = sapa_activity_get_payload (g_ptr_array_index (log, index));

  g_assert_false (json_object_has_member (payload, key));
}

/* ---- Flows 1 and 2: counter and Dial 172 ---- */

/* Walks greet, purpose, identity and the confirmation loop once each way:
 * the first read-back does not match, the corrected one does. */
static void
walk_feedback_intro (SapaWizard *wizard)
{
  g_autoptr(GPtrArray) log = NULL;

  advance (wizard, NULL);
  assert_at (wizard, "purpose", SAPA_STATUS_OPEN);

  assert_rejected (wizard, "next", SAPA_ERROR_REQUIRED, "purpose");
  set (wizard, "purpose", "Lost a bag at gate 5");
  advance (wizard, "next");
  assert_at (wizard, "identity", SAPA_STATUS_OPEN);

  set (wizard, "name", "  Siti  Rahayu ");
  set (wizard, "phone", "0812-ABC");
  assert_rejected (wizard, "next", SAPA_ERROR_INVALID, "phone");
  set (wizard, "phone", "0812-3456-7890");
  advance (wizard, NULL);
  assert_at (wizard, "confirm", SAPA_STATUS_OPEN);

  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "purpose", SAPA_STATUS_OPEN);
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "purpose"), ==, "Lost a bag at gate 5");
  set (wizard, "purpose", "Lost a black bag at gate 7");
  advance (wizard, "next");
  advance (wizard, "next");
  assert_at (wizard, "confirm", SAPA_STATUS_OPEN);
  advance (wizard, "sesuai");
  assert_at (wizard, "identify", SAPA_STATUS_OPEN);

  log = assert_log (wizard,
                    "greet", "next",
                    "purpose", "next",
                    "identity", "next",
                    "confirm", "tidak_sesuai",
                    "purpose", "next",
                    "identity", "next",
                    "confirm", "sesuai",
                    NULL);
  assert_payload (log, 1, "purpose", "Lost a bag at gate 5");
  assert_payload (log, 2, "name", "Siti Rahayu");
  assert_payload (log, 2, "phone_e164", "+6281234567890");
  assert_payload (log, 3, "purpose", "Lost a bag at gate 5");
  assert_payload (log, 3, "phone_e164", "+6281234567890");
  assert_payload (log, 4, "purpose", "Lost a black bag at gate 7");
  assert_payload (log, 6, "purpose", "Lost a black bag at gate 7");
  assert_payload (log, 6, "name", "Siti Rahayu");
}

static void
test_feedback_answered (gconstpointer data)
{
  g_autoptr(SapaWizard) wizard = start (data);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(JsonObject) record = NULL;

  walk_feedback_intro (wizard);

  set (wizard, "category", "baggage");
  assert_rejected (wizard, "answer_now", SAPA_ERROR_INVALID, "category");
  set (wizard, "category", "lost_found");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, NULL);
  assert_rejected (wizard, "close", SAPA_ERROR_NOT_FOUND, NULL);
  advance (wizard, "answer_now");
  assert_at (wizard, "answer", SAPA_STATUS_OPEN);

  set (wizard, "answer", "Ask at gate 7");
  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "identify", SAPA_STATUS_OPEN);
  advance (wizard, "answer_now");
  set (wizard, "answer", "The bag is at the lost and found office, Terminal 3");
  advance (wizard, "sesuai");
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard,
                    "identify", "answer_now",
                    "answer", "tidak_sesuai",
                    "identify", "answer_now",
                    "answer", "sesuai",
                    NULL);
  assert_payload (log, 0, "category", "lost_found");
  assert_payload (log, 1, "answer", "Ask at gate 7");
  assert_payload (log, 3, "answer", "The bag is at the lost and found office, Terminal 3");

  record = sapa_wizard_dup_record (wizard);
  g_assert_cmpstr (json_object_get_string_member (record, "purpose"), ==, "Lost a black bag at gate 7");
  g_assert_cmpstr (json_object_get_string_member (record, "phone_e164"), ==, "+6281234567890");
  g_assert_cmpstr (json_object_get_string_member (record, "answer"), ==,
                   "The bag is at the lost and found office, Terminal 3");
  g_assert_cmpuint (sapa_wizard_get_n_steps_taken (wizard), ==, 11);
}

static void
test_feedback_follow_up (gconstpointer data)
{
  g_autoptr(SapaWizard) wizard = start (data);
  g_autoptr(GPtrArray) log = NULL;

  walk_feedback_intro (wizard);

  set (wizard, "category", "complaint");
  advance (wizard, "answer_now");
  set (wizard, "answer", "Please wait at the counter");
  advance (wizard, "tidak_sesuai");
  advance (wizard, "follow_up");
  assert_at (wizard, "follow_up", SAPA_STATUS_OPEN);

  set (wizard, "followup_unit", "branch");
  set (wizard, "followup_note", "The bag was left at Denpasar, please check");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "followup_airport");
  set (wizard, "followup_airport", "QQQ");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "followup_airport");
  set (wizard, "followup_airport", "dps");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_ESCALATED);

  log = assert_log (wizard,
                    "identify", "answer_now",
                    "answer", "tidak_sesuai",
                    "identify", "follow_up",
                    "follow_up", "next",
                    NULL);
  assert_payload (log, 2, "category", "complaint");
  assert_payload (log, 3, "followup_unit", "branch");
  assert_payload (log, 3, "followup_airport", "DPS");
  assert_payload (log, 3, "followup_note", "The bag was left at Denpasar, please check");
}

/* ---- Flow 3: email and social media ---- */

static void
test_email_answered (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(GPtrArray) log = NULL;

  set (wizard, "message", "Is there a prayer room in Terminal 2?");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "email");
  set (wizard, "email", "budi@Example.com");
  advance (wizard, NULL);
  assert_at (wizard, "identify", SAPA_STATUS_OPEN);

  set (wizard, "category", "information");
  advance (wizard, "answer_now");
  set (wizard, "answer", "Yes, next to gate D3");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard,
                    "intake", "next",
                    "identify", "answer_now",
                    "answer", "next",
                    NULL);
  assert_payload (log, 0, "email", "budi@example.com");
  /* The account field belongs to the social channels: not recorded here. */
  g_assert_false (json_object_has_member (sapa_activity_get_payload (g_ptr_array_index (log, 0)), "handle"));
  assert_payload (log, 0, "name", "");
  assert_payload (log, 0, "phone_e164", "");
  assert_payload (log, 2, "answer", "Yes, next to gate D3");
}

static void
test_email_more_data (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;

  g_assert_true (sapa_wizard_set_channel (wizard, "instagram", &error));
  g_assert_no_error (error);
  set (wizard, "message", "My pram was damaged");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "handle");
  set (wizard, "handle", "@traveller.id");
  advance (wizard, NULL);

  set (wizard, "category", "complaint");
  for (guint round = 0; round < 2; round++)
    {
      advance (wizard, "need_data");
      assert_at (wizard, "request_data", SAPA_STATUS_OPEN);
      set (wizard, "data_request", round == 0 ? "Flight number?" : "Photo of the pram?");
      advance (wizard, NULL);
      assert_at (wizard, "await_data", SAPA_STATUS_WAITING_CUSTOMER);
      assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "data_received");
      set (wizard, "data_received", round == 0 ? "GA 404" : "photo.jpg");
      advance (wizard, NULL);
      assert_at (wizard, "identify", SAPA_STATUS_OPEN);
      set (wizard, "data_received", "");
    }

  advance (wizard, "answer_now");
  set (wizard, "answer", "The airline will contact you");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);
  g_assert_cmpstr (sapa_wizard_get_channel (wizard), ==, "instagram");

  log = assert_log (wizard,
                    "intake", "next",
                    "identify", "need_data",
                    "request_data", "next",
                    "await_data", "next",
                    "identify", "need_data",
                    "request_data", "next",
                    "await_data", "next",
                    "identify", "answer_now",
                    "answer", "next",
                    NULL);
  assert_payload (log, 0, "handle", "traveller.id");
  assert_payload (log, 2, "data_request", "Flight number?");
  assert_payload (log, 3, "data_received", "GA 404");
  assert_payload (log, 5, "data_request", "Photo of the pram?");
  assert_payload (log, 6, "data_received", "photo.jpg");
}

static void
test_email_escalated (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;

  g_assert_true (sapa_wizard_set_channel (wizard, "other_social", &error));
  set (wizard, "message", "Long queue at security in Makassar");
  set (wizard, "handle", "@warga");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "channel_network");
  set (wizard, "channel_network", "TikTok");
  advance (wizard, NULL);

  set (wizard, "category", "security");
  advance (wizard, "escalate");
  assert_at (wizard, "escalate", SAPA_STATUS_OPEN);
  set (wizard, "escalation_note", "Please explain the queue on Monday morning");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "escalation_airport");
  set (wizard, "escalation_airport", "upg");
  advance (wizard, NULL);
  assert_at (wizard, "await_pic", SAPA_STATUS_ESCALATED);

  /* The statuses are those of the ticket actions that do the same. */
  set (wizard, "pic_answer", "Noted");
  advance (wizard, NULL);
  assert_at (wizard, "judge_pic", SAPA_STATUS_ANSWERED);
  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "return_to_pic", SAPA_STATUS_ESCALATED);
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "return_reason");
  set (wizard, "return_reason", "The answer does not explain the cause");
  advance (wizard, NULL);
  assert_at (wizard, "await_pic", SAPA_STATUS_ESCALATED);
  /* The returned answer does not come back as the next one. */
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "pic_answer"), ==, "");

  set (wizard, "pic_answer", "Two X-ray machines were down; a third lane opens in March");
  advance (wizard, NULL);
  advance (wizard, "sesuai");
  assert_at (wizard, "deliver", SAPA_STATUS_OPEN);
  set (wizard, "delivered_answer", "Two machines were down; a third lane opens in March");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard,
                    "intake", "next",
                    "identify", "escalate",
                    "escalate", "next",
                    "await_pic", "next",
                    "judge_pic", "tidak_sesuai",
                    "return_to_pic", "next",
                    "await_pic", "next",
                    "judge_pic", "sesuai",
                    "deliver", "next",
                    NULL);
  assert_payload (log, 0, "channel_network", "TikTok");
  assert_payload (log, 2, "escalation_airport", "UPG");
  assert_payload (log, 4, "pic_answer", "Noted");
  assert_payload (log, 5, "return_reason", "The answer does not explain the cause");
  assert_payload (log, 7, "pic_answer", "Two X-ray machines were down; a third lane opens in March");
}

static void
test_channel (void)
{
  g_autoptr(SapaWizard) email = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(SapaWizard) counter = start (SAPA_FLOW_COUNTER);
  g_autoptr(GError) error = NULL;

  g_assert_false (sapa_wizard_set_channel (email, "phone", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (sapa_wizard_get_channel (email), ==, "email");

  g_assert_false (sapa_wizard_set_channel (counter, "email", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sapa_wizard_set_channel (counter, "counter", &error));
  g_assert_no_error (error);

  /* Once the message is recorded, its channel stays. */
  g_assert_true (sapa_wizard_set_channel (email, "instagram", &error));
  g_assert_no_error (error);
  set (email, "message", "Antrean taksi panjang");
  set (email, "handle", "@penumpang");
  advance (email, NULL);
  g_assert_false (sapa_wizard_set_channel (email, "email", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_clear_error (&error);
  g_assert_cmpstr (sapa_wizard_get_channel (email), ==, "instagram");
  g_assert_true (sapa_wizard_set_channel (email, "instagram", &error));
  g_assert_no_error (error);
}

/* ---- Flow 4: suggestion box ---- */

static void
test_suggestion_anonymous (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SUGGESTION_BOX);
  g_autoptr(GPtrArray) log = NULL;

  set (wizard, "form_text", "More benches near gate 3, please");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "box_location");
  set (wizard, "box_location", "Terminal 1A, departure hall");
  advance (wizard, NULL);
  assert_at (wizard, "decide", SAPA_STATUS_OPEN);

  set (wizard, "category", "suggestion");
  advance (wizard, "no_escalation");
  assert_at (wizard, "notify", SAPA_STATUS_OPEN);

  set (wizard, "notify_method", "phone");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "notify_method");
  set (wizard, "notify_method", "email");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "notify_method");
  set (wizard, "notify_method", "none");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard,
                    "receive_form", "next",
                    "decide", "no_escalation",
                    "notify", "next",
                    NULL);
  assert_payload (log, 0, "name", "");
  assert_payload (log, 0, "phone", "");
  assert_payload (log, 0, "email", "");
  assert_payload (log, 0, "box_location", "Terminal 1A, departure hall");
  assert_payload (log, 2, "notify_method", "none");
}

static void
test_suggestion_escalated (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SUGGESTION_BOX);
  g_autoptr(GPtrArray) log = NULL;

  set (wizard, "form_text", "The toilet near gate 9 has been dirty all week");
  set (wizard, "box_location", "Terminal 2, gate 9");
  set (wizard, "name", "Andi");
  set (wizard, "phone", "+62 811 222 3333");
  advance (wizard, NULL);

  set (wizard, "category", "facilities");
  advance (wizard, "escalate");
  assert_at (wizard, "escalate", SAPA_STATUS_OPEN);
  set (wizard, "followup_unit", "cleaning");
  set (wizard, "followup_note", "Clean the toilet near gate 9 and check the schedule");
  advance (wizard, NULL);
  assert_at (wizard, "notify_escalated", SAPA_STATUS_ESCALATED);

  set (wizard, "notify_method", "email");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "notify_method");
  set (wizard, "notify_method", "phone");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_ESCALATED);

  log = assert_log (wizard,
                    "receive_form", "next",
                    "decide", "escalate",
                    "escalate", "next",
                    "notify_escalated", "next",
                    NULL);
  assert_payload (log, 0, "name", "Andi");
  assert_payload (log, 0, "phone_e164", "+628112223333");
  assert_payload (log, 2, "followup_unit", "cleaning");
  assert_payload (log, 2, "followup_airport", "");
  assert_payload (log, 3, "notify_method", "phone");
}

/* ---- Flow 5: special needs pre-booking ---- */

static void
fill_prebook_identity (SapaWizard *wizard)
{
  set (wizard, "name", "Ibu Ratna");
  set (wizard, "phone", "081298765432");
  set (wizard, "flight", "ga0404");
  set (wizard, "flight_date", "2026-01-15");
  set (wizard, "eta", "5.30");
  set (wizard, "airport", "cgk");
  set (wizard, "ssr", "MAAS,WCHR");
  set (wizard, "consent", "yes");
}

static void
test_prebook_booked (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_PREBOOK);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;

  g_assert_true (sapa_wizard_set_channel (wizard, "live_chat", &error));
  g_assert_no_error (error);
  advance (wizard, NULL);
  set (wizard, "purpose", "Wheelchair for my mother");
  advance (wizard, NULL);
  assert_at (wizard, "identity", SAPA_STATUS_OPEN);

  fill_prebook_identity (wizard);
  set (wizard, "flight", "GA 12345");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "flight");
  set (wizard, "flight", "ga0404");
  set (wizard, "eta", "24:00");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "eta");
  set (wizard, "eta", "5.30");
  advance (wizard, NULL);
  assert_at (wizard, "confirm", SAPA_STATUS_OPEN);

  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "identity", SAPA_STATUS_OPEN);
  set (wizard, "eta", "06:15");
  advance (wizard, NULL);
  advance (wizard, "sesuai");
  assert_at (wizard, "follow_up", SAPA_STATUS_OPEN);
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard,
                    "greet", "next",
                    "purpose", "next",
                    "identity", "next",
                    "confirm", "tidak_sesuai",
                    "identity", "next",
                    "confirm", "sesuai",
                    "follow_up", "next",
                    NULL);
  assert_payload (log, 2, "flight", "GA 404");
  assert_payload (log, 2, "eta", "05:30");
  assert_payload (log, 2, "airport", "CGK");
  assert_payload (log, 2, "ssr", "WCHR,MAAS");
  assert_payload (log, 2, "consent", "yes");
  assert_payload (log, 3, "eta", "05:30");
  assert_payload (log, 3, "purpose", "Wheelchair for my mother");
  assert_payload (log, 3, "phone_e164", "+6281298765432");
  assert_payload (log, 5, "eta", "06:15");
  assert_payload (log, 5, "flight_date", "2026-01-15");
  assert_payload (log, 6, "booking_note", "");
  g_assert_cmpstr (sapa_wizard_get_channel (wizard), ==, "live_chat");
}

static void
test_prebook_no_consent (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_PREBOOK);
  g_autoptr(GPtrArray) log = NULL;

  advance (wizard, NULL);
  set (wizard, "purpose", "Assistance for an elderly passenger");
  advance (wizard, NULL);

  fill_prebook_identity (wizard);
  set (wizard, "ssr", "WCHC");
  set (wizard, "consent", "no");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "consent");
  set (wizard, "ssr", "DEAF_BLND,MAAS");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "consent");
  set (wizard, "ssr", "CHILD");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "consent");
  set (wizard, "consent", "");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "consent");

  /* Codes that reveal neither health nor a child need no consent. */
  set (wizard, "consent", "no");
  set (wizard, "ssr", "ELDERLY,MAAS");
  advance (wizard, NULL);
  assert_at (wizard, "confirm", SAPA_STATUS_OPEN);

  log = assert_log (wizard, "greet", "next", "purpose", "next", "identity", "next", NULL);
  assert_payload (log, 2, "ssr", "MAAS,ELDERLY");
  assert_payload (log, 2, "consent", "no");
}

/* ---- Flow 6: live chat ---- */

static void
walk_live_chat_intro (SapaWizard *wizard)
{
  g_autoptr(GPtrArray) log = NULL;

  set (wizard, "name", "Dewi");
  set (wizard, "phone", "0813 1111 2222");
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "email");
  set (wizard, "email", "dewi@example.id");
  advance (wizard, NULL);
  assert_at (wizard, "greet", SAPA_STATUS_OPEN);
  advance (wizard, NULL);
  set (wizard, "purpose", "Parking rates");
  advance (wizard, NULL);
  assert_at (wizard, "confirm", SAPA_STATUS_OPEN);
  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "purpose", SAPA_STATUS_OPEN);
  set (wizard, "purpose", "Overnight parking rates");
  advance (wizard, NULL);
  advance (wizard, "sesuai");
  assert_at (wizard, "identify", SAPA_STATUS_OPEN);

  log = assert_log (wizard,
                    "prechat", "next",
                    "greet", "next",
                    "purpose", "next",
                    "confirm", "tidak_sesuai",
                    "purpose", "next",
                    "confirm", "sesuai",
                    NULL);
  assert_payload (log, 0, "email", "dewi@example.id");
  assert_payload (log, 0, "phone_e164", "+6281311112222");
  assert_payload (log, 3, "purpose", "Parking rates");
  assert_no_payload (log, 3, "name");
  assert_payload (log, 5, "purpose", "Overnight parking rates");
}

static void
test_live_chat_answered (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_LIVE_CHAT);
  g_autoptr(GPtrArray) log = NULL;

  walk_live_chat_intro (wizard);
  set (wizard, "category", "parking");
  advance (wizard, "answer_now");
  set (wizard, "answer", "IDR 100,000 a night");
  set (wizard, "transcript", "Dewi: how much?\nCCO: IDR 100,000 a night");
  advance (wizard, "sesuai");
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard, "identify", "answer_now", "answer", "sesuai", NULL);
  assert_payload (log, 1, "transcript", "Dewi: how much?\nCCO: IDR 100,000 a night");
}

static void
test_live_chat_follow_up (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_LIVE_CHAT);
  g_autoptr(GPtrArray) log = NULL;

  walk_live_chat_intro (wizard);
  set (wizard, "category", "parking");
  advance (wizard, "answer_now");
  set (wizard, "answer", "IDR 100,000 a night");
  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "identify", SAPA_STATUS_OPEN);
  advance (wizard, "follow_up");
  set (wizard, "followup_unit", "parking");
  set (wizard, "followup_note", "Confirm the weekly rate");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_ESCALATED);

  log = assert_log (wizard,
                    "identify", "answer_now",
                    "answer", "tidak_sesuai",
                    "identify", "follow_up",
                    "follow_up", "next",
                    NULL);
  assert_payload (log, 1, "transcript", "");
  assert_payload (log, 3, "followup_unit", "parking");
  assert_payload (log, 3, "transcript", "");
}

/* ---- Flow 7: special needs at the SNS counter ---- */

static void
walk_sns_counter_intro (SapaWizard *wizard)
{
  g_autoptr(GPtrArray) log = NULL;

  advance (wizard, NULL);
  set (wizard, "purpose", "Special needs service to the aircraft");
  advance (wizard, NULL);
  set (wizard, "name", "Pak Harun");
  set (wizard, "ssr", "WCHS");
  set (wizard, "consent", "no");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "consent");
  set (wizard, "consent", "yes");
  advance (wizard, NULL);
  assert_at (wizard, "confirm_identify", SAPA_STATUS_OPEN);

  advance (wizard, "tidak_sesuai");
  assert_at (wizard, "identity", SAPA_STATUS_OPEN);
  set (wizard, "flight", "id 6177");
  advance (wizard, NULL);
  advance (wizard, "sesuai");
  assert_at (wizard, "prepare", SAPA_STATUS_OPEN);

  set (wizard, "equipment", "none,wheelchair");
  set (wizard, "officer_assigned", "Rudi (SNO)");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "equipment");
  set (wizard, "equipment", "wheelchair,buggy");
  advance (wizard, NULL);
  assert_at (wizard, "service", SAPA_STATUS_OPEN);
  advance (wizard, "start");
  assert_at (wizard, "destination", SAPA_STATUS_IN_SERVICE);

  log = assert_log (wizard,
                    "greet", "next",
                    "purpose", "next",
                    "identity", "next",
                    "confirm_identify", "tidak_sesuai",
                    "identity", "next",
                    "confirm_identify", "sesuai",
                    "prepare", "next",
                    "service", "start",
                    NULL);
  assert_payload (log, 3, "flight", "");
  assert_payload (log, 3, "ssr", "WCHS");
  assert_payload (log, 5, "flight", "ID 6177");
  assert_payload (log, 6, "equipment", "wheelchair,buggy");
}

static void
fill_handover (SapaWizard *wizard)
{
  set (wizard, "airline", "Batik Air");
  set (wizard, "airline_staff", "Sari");
  set (wizard, "handover_time", "7:09");
}

static void
test_sns_counter_holding (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autoptr(GPtrArray) log = NULL;

  walk_sns_counter_intro (wizard);
  advance (wizard, "holding_room");
  assert_at (wizard, "holding", SAPA_STATUS_IN_SERVICE);
  set (wizard, "holding_since", "7.08");
  advance (wizard, "handover");
  assert_at (wizard, "handover", SAPA_STATUS_IN_SERVICE);
  assert_rejected (wizard, NULL, SAPA_ERROR_REQUIRED, "airline");
  fill_handover (wizard);
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard, "destination", "holding_room", "holding", "handover", "handover", "next", NULL);
  assert_payload (log, 1, "holding_since", "07:08");
  assert_payload (log, 2, "airline", "Batik Air");
  assert_payload (log, 2, "handover_time", "07:09");
  assert_payload (log, 2, "remarks", "");
}

static void
test_sns_counter_holding_end (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autoptr(GPtrArray) log = NULL;

  walk_sns_counter_intro (wizard);
  advance (wizard, "holding_room");
  advance (wizard, "end");
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard, "destination", "holding_room", "holding", "end", NULL);
  assert_payload (log, 1, "holding_since", "");
}

static void
test_sns_counter_handover (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autoptr(GPtrArray) log = NULL;

  walk_sns_counter_intro (wizard);
  advance (wizard, "handover");
  fill_handover (wizard);
  set (wizard, "handover_time", "25:00");
  assert_rejected (wizard, NULL, SAPA_ERROR_INVALID, "handover_time");
  set (wizard, "handover_time", "07:09");
  advance (wizard, NULL);
  assert_at (wizard, NULL, SAPA_STATUS_CLOSED);

  log = assert_log (wizard, "destination", "handover", "handover", "next", NULL);
  assert_payload (log, 1, "airline_staff", "Sari");
}

/* ---- Engine behaviour ---- */

static void
test_finished_rejects (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *key = NULL;

  walk_sns_counter_intro (wizard);
  advance (wizard, "holding_room");
  advance (wizard, "end");

  assert_rejected (wizard, NULL, SAPA_ERROR_STATE, NULL);
  g_assert_false (sapa_wizard_validate_step (wizard, &key, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_assert_null (key);
  g_clear_error (&error);
  g_assert_false (sapa_wizard_set_channel (wizard, "counter", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);

  log = sapa_wizard_take_activities (wizard);
  g_assert_cmpuint (log->len, ==, 2);
  g_ptr_array_unref (log);
  log = sapa_wizard_take_activities (wizard);
  g_assert_cmpuint (log->len, ==, 0);
}

typedef struct {
  guint step_id;
  guint status;
  guint finished;
  guint phone_changed;
  guint any_changed;
} Counts;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counts     *counts)
{
  if (g_str_equal (pspec->name, "step-id"))
    counts->step_id++;
  else if (g_str_equal (pspec->name, "status"))
    counts->status++;
  else if (g_str_equal (pspec->name, "finished"))
    counts->finished++;
}

static void
on_phone_changed (SapaWizard *wizard,
                  const char *key,
                  Counts     *counts)
{
  g_assert_cmpstr (key, ==, "phone");
  counts->phone_changed++;
}

static void
on_any_changed (SapaWizard *wizard,
                const char *key,
                Counts     *counts)
{
  counts->any_changed++;
}

static void
test_signals (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autofree char *step_id = NULL;
  Counts counts = { 0 };
  gboolean finished = TRUE;

  g_signal_connect (wizard, "notify", G_CALLBACK (on_notify), &counts);
  g_signal_connect (wizard, "value-changed::phone", G_CALLBACK (on_phone_changed), &counts);
  g_signal_connect (wizard, "value-changed", G_CALLBACK (on_any_changed), &counts);

  g_object_get (wizard, "step-id", &step_id, "finished", &finished, NULL);
  g_assert_cmpstr (step_id, ==, "greet");
  g_assert_false (finished);

  set (wizard, "phone", "0812-3456-7890");
  set (wizard, "phone", "0812-3456-7890");
  set (wizard, "name", "A");
  g_assert_cmpuint (counts.phone_changed, ==, 1);
  g_assert_cmpuint (counts.any_changed, ==, 2);
  g_assert_cmpuint (counts.step_id, ==, 0);

  walk_sns_counter_intro (wizard);
  g_assert_cmpuint (counts.step_id, ==, 8);
  g_assert_cmpuint (counts.status, ==, 1);
  g_assert_cmpuint (counts.finished, ==, 0);
  advance (wizard, "handover");
  fill_handover (wizard);
  advance (wizard, NULL);
  g_assert_cmpuint (counts.status, ==, 2);
  g_assert_cmpuint (counts.finished, ==, 1);
  g_assert_cmpuint (counts.step_id, ==, sapa_wizard_get_n_steps_taken (wizard));

  g_clear_pointer (&step_id, g_free);
  g_object_get (wizard, "step-id", &step_id, "finished", &finished, NULL);
  g_assert_null (step_id);
  g_assert_true (finished);
}

static void
test_progress (void)
{
  g_autoptr(SapaWizard) counter = start (SAPA_FLOW_COUNTER);
  g_autoptr(SapaWizard) email = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(SapaWizard) box = start (SAPA_FLOW_SUGGESTION_BOX);
  guint total = 0;

  g_assert_cmpuint (sapa_wizard_get_progress (counter, &total), ==, 0);
  g_assert_cmpuint (total, ==, 7);
  walk_feedback_intro (counter);
  g_assert_cmpuint (sapa_wizard_get_progress (counter, NULL), ==, 4);

  /* request_data is not listed: it shows as identify, the step just left. */
  set (email, "message", "Hello");
  set (email, "email", "a@example.com");
  advance (email, NULL);
  set (email, "category", "other");
  advance (email, "need_data");
  g_assert_cmpuint (sapa_wizard_get_progress (email, &total), ==, 1);
  g_assert_cmpuint (total, ==, 6);

  set (box, "form_text", "Hi");
  set (box, "box_location", "T1");
  advance (box, NULL);
  set (box, "category", "other");
  advance (box, "escalate");
  set (box, "followup_unit", "information");
  set (box, "followup_note", "Reply");
  advance (box, NULL);
  g_assert_cmpstr (sapa_wizard_get_step (box)->id, ==, "notify_escalated");
  g_assert_cmpuint (sapa_wizard_get_progress (box, &total), ==, 2);
  g_assert_cmpuint (total, ==, 4);
}

/* ---- JSON drafts ---- */

static SapaWizard *
reload (SapaWizard *wizard)
{
  g_autoptr(JsonNode) node = sapa_wizard_to_json (wizard);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  SapaWizard *copy;

  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  copy = sapa_wizard_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  return copy;
}

static void
assert_same_activities (GPtrArray *a,
                        GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      SapaActivity *x = g_ptr_array_index (a, i);
      SapaActivity *y = g_ptr_array_index (b, i);
      g_autofree char *x_payload = sapa_activity_dup_payload_json (x);
      g_autofree char *y_payload = sapa_activity_dup_payload_json (y);

      g_assert_cmpstr (sapa_activity_get_step (x), ==, sapa_activity_get_step (y));
      g_assert_cmpstr (sapa_activity_get_branch (x), ==, sapa_activity_get_branch (y));
      g_assert_cmpstr (sapa_activity_get_ticket_id (x), ==, sapa_activity_get_ticket_id (y));
      g_assert_cmpint (sapa_activity_get_created_at (x), ==, sapa_activity_get_created_at (y));
      g_assert_cmpstr (x_payload, ==, y_payload);
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_EMAIL_SOCIAL);
  g_autoptr(SapaWizard) copy = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  gint64 resume_us;

  g_assert_true (sapa_wizard_set_channel (wizard, "x", &error));
  set (wizard, "message", "Delayed baggage");
  set (wizard, "handle", "@penumpang");
  set (wizard, "phone", "0812 3456 7890");
  advance (wizard, NULL);
  set (wizard, "category", "complaint");
  advance (wizard, "escalate");
  set (wizard, "escalation_airport", "KNO");
  set (wizard, "escalation_note", "Where is the bag?");
  advance (wizard, NULL);
  set (wizard, "pic_answer", "draft typed but not sent");

  /* Saved at the WAIT step with three activities not yet taken. */
  copy = reload (wizard);
  text = dup_json_text (wizard);
  copy_text = dup_json_text (copy);
  g_assert_cmpstr (copy_text, ==, text);
  g_assert_cmpstr (sapa_wizard_get_ticket_id (copy), ==, sapa_wizard_get_ticket_id (wizard));
  g_assert_cmpstr (sapa_wizard_get_step (copy)->id, ==, "await_pic");
  g_assert_cmpstr (sapa_wizard_get_status (copy), ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpstr (sapa_wizard_get_channel (copy), ==, "x");
  g_assert_cmpstr (sapa_wizard_get_value (copy, "pic_answer"), ==, "draft typed but not sent");
  g_assert_cmpuint (sapa_wizard_get_n_steps_taken (copy), ==, 3);
  g_assert_cmpuint (sapa_wizard_get_workstation (copy), ==, 3);
  g_assert_cmpstr (sapa_wizard_get_officer (copy), ==, "officer-7");

  first = sapa_wizard_take_activities (wizard);
  second = sapa_wizard_take_activities (copy);
  assert_same_activities (first, second);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (sapa_activity_get_id (g_ptr_array_index (first, i)), ==,
                     sapa_activity_get_id (g_ptr_array_index (second, i)));
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);

  /* Both go on the same way. */
  resume_us = clock_us;
  advance (wizard, NULL);
  advance (wizard, "sesuai");
  set (wizard, "delivered_answer", "The bag arrives tonight");
  advance (wizard, NULL);
  clock_us = resume_us;
  advance (copy, NULL);
  advance (copy, "sesuai");
  set (copy, "delivered_answer", "The bag arrives tonight");
  advance (copy, NULL);

  assert_at (copy, NULL, SAPA_STATUS_CLOSED);
  first = sapa_wizard_take_activities (wizard);
  second = sapa_wizard_take_activities (copy);
  assert_same_activities (first, second);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&copy_text, g_free);
  text = dup_json_text (wizard);
  copy_text = dup_json_text (copy);
  g_assert_cmpstr (copy_text, ==, text);
}

static void
test_json_finished (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_SNS_COUNTER);
  g_autoptr(SapaWizard) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;

  walk_sns_counter_intro (wizard);
  advance (wizard, "holding_room");
  advance (wizard, "end");

  copy = reload (wizard);
  text = dup_json_text (wizard);
  copy_text = dup_json_text (copy);
  g_assert_cmpstr (copy_text, ==, text);
  assert_at (copy, NULL, SAPA_STATUS_CLOSED);
}

typedef void (*Mutation) (JsonObject *root);

static void mutate_root_format_string (JsonObject *root) { json_object_set_string_member (root, "format", "1"); }
static void mutate_format_2 (JsonObject *root) { json_object_set_int_member (root, "format", 2); }
static void mutate_flow_unknown (JsonObject *root) { json_object_set_string_member (root, "flow", "kiosk"); }
static void mutate_flow_missing (JsonObject *root) { json_object_remove_member (root, "flow"); }
static void mutate_ticket_id (JsonObject *root) { json_object_set_string_member (root, "ticket_id", "SPA-001"); }
static void mutate_airport (JsonObject *root) { json_object_set_string_member (root, "airport", "XXX"); }
static void mutate_workstation_string (JsonObject *root) { json_object_set_string_member (root, "workstation", "3"); }
static void mutate_workstation_negative (JsonObject *root) { json_object_set_int_member (root, "workstation", -1); }
static void mutate_officer_null (JsonObject *root) { json_object_set_null_member (root, "officer"); }
static void mutate_channel (JsonObject *root) { json_object_set_string_member (root, "channel", "fax"); }
static void mutate_status (JsonObject *root) { json_object_set_string_member (root, "status", "lost"); }
static void mutate_step_unknown (JsonObject *root) { json_object_set_string_member (root, "step", "dance"); }
static void mutate_step_number (JsonObject *root) { json_object_set_int_member (root, "step", 4); }
static void mutate_step_missing (JsonObject *root) { json_object_remove_member (root, "step"); }
static void mutate_history_string (JsonObject *root) { json_object_set_string_member (root, "history", "greet"); }
static void mutate_values_number (JsonObject *root) { json_object_set_int_member (json_object_get_object_member (root, "values"), "name", 5); }
static void mutate_record_array (JsonObject *root) { json_object_set_array_member (root, "record", json_array_new ()); }
static void mutate_activities_missing (JsonObject *root) { json_object_remove_member (root, "activities"); }

/* The step after "identity" is "confirm": skipping it is not a path. */
static void
mutate_history_skip (JsonObject *root)
{
  JsonArray *history = json_object_get_array_member (root, "history");

  json_array_remove_element (history, json_array_get_length (history) - 1);
}

static void
mutate_history_unknown (JsonObject *root)
{
  json_array_add_string_element (json_object_get_array_member (root, "history"), "dance");
}

static JsonObject *
first_activity (JsonObject *root)
{
  return json_array_get_object_element (json_object_get_array_member (root, "activities"), 0);
}

static void mutate_activity_branch (JsonObject *root) { json_object_set_string_member (first_activity (root), "branch", "jump"); }
static void mutate_activity_step (JsonObject *root) { json_object_set_string_member (first_activity (root), "step", "dance"); }
static void mutate_activity_ticket (JsonObject *root) { json_object_set_string_member (first_activity (root), "ticket_id", "0190f0a0-0000-7000-8000-000000000000"); }
static void mutate_activity_time (JsonObject *root) { json_object_set_double_member (first_activity (root), "created_at", 1.5); }
static void mutate_activity_payload (JsonObject *root) { json_object_set_boolean_member (json_object_get_object_member (first_activity (root), "payload"), "name", TRUE); }
static void mutate_activity_kind (JsonObject *root) { json_object_set_string_member (first_activity (root), "kind", "discarded"); }

static void
test_json_hostile (void)
{
  static const Mutation mutations[] = {
    mutate_root_format_string, mutate_format_2, mutate_flow_unknown, mutate_flow_missing,
    mutate_ticket_id, mutate_airport, mutate_workstation_string, mutate_workstation_negative,
    mutate_officer_null, mutate_channel, mutate_status, mutate_step_unknown,
    mutate_step_number, mutate_step_missing, mutate_history_string, mutate_values_number,
    mutate_record_array, mutate_activities_missing, mutate_history_skip, mutate_history_unknown,
    mutate_activity_branch, mutate_activity_step, mutate_activity_ticket, mutate_activity_time,
    mutate_activity_payload, mutate_activity_kind,
  };
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_COUNTER);
  g_autofree char *text = NULL;

  advance (wizard, NULL);
  set (wizard, "purpose", "Question");
  advance (wizard, NULL);
  set (wizard, "name", "Siti");
  set (wizard, "phone", "081234567890");
  advance (wizard, NULL);
  text = dup_json_text (wizard);

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      g_autoptr(SapaWizard) copy = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("mutation %u", i);
      mutations[i] (json_node_get_object (node));
      copy = sapa_wizard_new_from_json (node, &error);
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      g_assert_null (copy);
    }
}

static void
test_json_truncated (void)
{
  g_autoptr(SapaWizard) wizard = start (SAPA_FLOW_COUNTER);
  g_autofree char *text = dup_json_text (wizard);
  g_autoptr(JsonNode) array = json_from_string ("[1, 2]", NULL);
  g_autoptr(JsonNode) empty = json_from_string ("{}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaWizard) from_array = NULL;
  g_autoptr(SapaWizard) from_empty = NULL;

  /* Cut text does not parse, so it never reaches the wizard. */
  for (gsize len = 1; len < strlen (text); len += 7)
    {
      g_autofree char *cut = g_strndup (text, len);
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cut, &parse_error);

      g_assert_null (node);
      g_assert_nonnull (parse_error);
    }

  from_array = sapa_wizard_new_from_json (array, &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (from_array);
  g_clear_error (&error);

  from_empty = sapa_wizard_new_from_json (empty, &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (from_empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/sapa/wizard/counter/answered", SAPA_FLOW_COUNTER, test_feedback_answered);
  g_test_add_data_func ("/sapa/wizard/counter/follow-up", SAPA_FLOW_COUNTER, test_feedback_follow_up);
  g_test_add_data_func ("/sapa/wizard/phone/answered", SAPA_FLOW_PHONE, test_feedback_answered);
  g_test_add_data_func ("/sapa/wizard/phone/follow-up", SAPA_FLOW_PHONE, test_feedback_follow_up);
  g_test_add_func ("/sapa/wizard/email-social/answered", test_email_answered);
  g_test_add_func ("/sapa/wizard/email-social/more-data", test_email_more_data);
  g_test_add_func ("/sapa/wizard/email-social/escalated", test_email_escalated);
  g_test_add_func ("/sapa/wizard/email-social/channel", test_channel);
  g_test_add_func ("/sapa/wizard/suggestion-box/anonymous", test_suggestion_anonymous);
  g_test_add_func ("/sapa/wizard/suggestion-box/escalated", test_suggestion_escalated);
  g_test_add_func ("/sapa/wizard/sns-prebook/booked", test_prebook_booked);
  g_test_add_func ("/sapa/wizard/sns-prebook/no-consent", test_prebook_no_consent);
  g_test_add_func ("/sapa/wizard/live-chat/answered", test_live_chat_answered);
  g_test_add_func ("/sapa/wizard/live-chat/follow-up", test_live_chat_follow_up);
  g_test_add_func ("/sapa/wizard/sns-counter/holding", test_sns_counter_holding);
  g_test_add_func ("/sapa/wizard/sns-counter/holding-end", test_sns_counter_holding_end);
  g_test_add_func ("/sapa/wizard/sns-counter/handover", test_sns_counter_handover);
  g_test_add_func ("/sapa/wizard/finished", test_finished_rejects);
  g_test_add_func ("/sapa/wizard/signals", test_signals);
  g_test_add_func ("/sapa/wizard/progress", test_progress);
  g_test_add_func ("/sapa/wizard/json/round-trip", test_json_round_trip);
  g_test_add_func ("/sapa/wizard/json/finished", test_json_finished);
  g_test_add_func ("/sapa/wizard/json/hostile", test_json_hostile);
  g_test_add_func ("/sapa/wizard/json/truncated", test_json_truncated);

  return g_test_run ();
}
