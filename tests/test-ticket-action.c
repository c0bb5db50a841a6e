/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ticket-action.c: follow-up actions on a stored ticket */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-store.h"
#include "sapa-ticket-action.h"

typedef struct {
  char       *dir;
  SapaStore  *store;
  SapaTicket *ticket;
  gint64      clock_us;
} Fixture;

static void
take (SapaWizard *wizard,
      const char *branch,
      gint64     *clock_us)
{
  g_autoptr(GError) error = NULL;

  *clock_us += G_USEC_PER_SEC;
  g_assert_true (sapa_wizard_advance_at (wizard, branch, *clock_us, &error));
  g_assert_no_error (error);
}

/* Records a counter ticket that went to follow-up with the PIC of DPS. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_COUNTER), "CGK", 7, "Dewi");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sapa-action-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "sapa.db", NULL);
  fixture->store = sapa_store_open (path, &error);
  g_assert_no_error (error);
  fixture->clock_us = G_GINT64_CONSTANT (1796400000) * G_USEC_PER_SEC;

  take (wizard, "next", &fixture->clock_us);
  sapa_wizard_set_value (wizard, "purpose", "Kursi roda tidak siap di gerbang B5");
  take (wizard, "next", &fixture->clock_us);
  sapa_wizard_set_value (wizard, "name", "Dewi Lestari");
  sapa_wizard_set_value (wizard, "phone", "0812 1111 2222");
  take (wizard, "next", &fixture->clock_us);
  take (wizard, "sesuai", &fixture->clock_us);
  sapa_wizard_set_value (wizard, "category", "complaint");
  take (wizard, "follow_up", &fixture->clock_us);
  sapa_wizard_set_value (wizard, "followup_unit", "branch");
  sapa_wizard_set_value (wizard, "followup_airport", "DPS");
  sapa_wizard_set_value (wizard, "followup_note", "Mohon penjelasan");
  take (wizard, "next", &fixture->clock_us);

  activities = sapa_wizard_take_activities (wizard);
  fixture->ticket = sapa_store_record (fixture->store, wizard, activities, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ESCALATED);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->ticket);
  g_clear_object (&fixture->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Prepares and applies @action_id with @branch and the key/value pairs
 * that follow (NULL-terminated); returns the error, or NULL. */
static GError *
apply (Fixture    *fixture,
       const char *action_id,
       const char *branch,
       ...)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (action_id);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autofree char *field_key = NULL;
  const char *new_status = NULL;
  GError *error = NULL;
  const char *key;
  va_list args;

  g_assert_nonnull (action);

  va_start (args, branch);
  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (values, (gpointer) key, va_arg (args, char *));
  va_end (args);

  fixture->clock_us += G_USEC_PER_SEC;
  activity = sapa_ticket_action_prepare (action, branch, values,
                                         sapa_ticket_get_id (fixture->ticket),
                                         sapa_ticket_get_status (fixture->ticket),
                                         "Rina", "CGK", 7, fixture->clock_us,
                                         &new_status, &field_key, &error);
  if (activity == NULL)
    return error;

  ticket = sapa_store_apply_action (fixture->store, activity, new_status, &error);
  if (ticket == NULL)
    return error;

  g_set_object (&fixture->ticket, ticket);
  return NULL;
}

static void
assert_applied (GError *error)
{
  g_assert_no_error (error);
}

static void
test_escalation_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[][2] = {
    { SAPA_ACTION_PIC_ANSWER, "save" },
    { SAPA_ACTION_JUDGE_ANSWER, "tidak_sesuai" },
    { SAPA_ACTION_PIC_ANSWER, "save" },
    { SAPA_ACTION_JUDGE_ANSWER, "sesuai" },
    { SAPA_ACTION_DELIVER, "save" },
    { SAPA_ACTION_VERDICT, "sesuai" },
  };
  guint offset;

  assert_applied (apply (fixture, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Sedang dicek", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ANSWERED);

  /* Returning the answer needs a reason. */
  error = apply (fixture, SAPA_ACTION_JUDGE_ANSWER, "tidak_sesuai", NULL);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ANSWERED);

  assert_applied (apply (fixture, SAPA_ACTION_JUDGE_ANSWER, "tidak_sesuai",
                         "return_reason", "Jawaban belum menyebut penyebabnya", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ESCALATED);

  assert_applied (apply (fixture, SAPA_ACTION_PIC_ANSWER, NULL,
                         "pic_answer", "Petugas kursi roda terlambat karena pergantian sif", NULL));
  assert_applied (apply (fixture, SAPA_ACTION_JUDGE_ANSWER, "sesuai", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_OPEN);

  assert_applied (apply (fixture, SAPA_ACTION_DELIVER, NULL,
                         "delivered_answer", "Mohon maaf, petugas terlambat karena pergantian sif", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_DELIVERED);
  g_assert_cmpstr (sapa_ticket_get_answer (fixture->ticket), ==,
                   "Mohon maaf, petugas terlambat karena pergantian sif");

  assert_applied (apply (fixture, SAPA_ACTION_VERDICT, "sesuai", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_CLOSED);

  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (fixture->ticket), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >=, G_N_ELEMENTS (expected));
  offset = activities->len - G_N_ELEMENTS (expected);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, offset + i);

      g_assert_cmpstr (sapa_activity_get_kind (activity), ==, SAPA_ACTIVITY_ACTION);
      g_assert_cmpstr (sapa_activity_get_step (activity), ==, expected[i][0]);
      g_assert_cmpstr (sapa_activity_get_branch (activity), ==, expected[i][1]);
    }
}

static void
test_closed_only_reopens (Fixture       *fixture,
                          gconstpointer  data)
{
  GError *error;

  assert_applied (apply (fixture, SAPA_ACTION_CLOSE, NULL, NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_CLOSED);

  error = apply (fixture, SAPA_ACTION_NOTE, NULL, "note", "Catatan", NULL);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_clear_error (&error);

  error = apply (fixture, SAPA_ACTION_REOPEN, NULL, NULL);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED);
  g_clear_error (&error);

  assert_applied (apply (fixture, SAPA_ACTION_REOPEN, NULL, "reopen_reason", "Penumpang menelepon lagi", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_OPEN);
  assert_applied (apply (fixture, SAPA_ACTION_NOTE, NULL, "note", "Dihubungi ulang", NULL));
}

static void
test_data_request_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_applied (apply (fixture, SAPA_ACTION_CLOSE, NULL, NULL));
  assert_applied (apply (fixture, SAPA_ACTION_REOPEN, NULL, "reopen_reason", "Data kurang", NULL));

  for (int i = 0; i < 2; i++)
    {
      assert_applied (apply (fixture, SAPA_ACTION_REQUEST_DATA, NULL, "data_request", "Nomor penerbangan?", NULL));
      g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_WAITING_CUSTOMER);
      assert_applied (apply (fixture, SAPA_ACTION_DATA_RECEIVED, NULL, "data_received", "GA 404", NULL));
      g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_OPEN);
    }
}

static void
test_reassign_keeps_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  SapaActivity *reassigned;
  GError *failed;

  /* An escalated ticket is reassigned, not escalated again. */
  failed = apply (fixture, SAPA_ACTION_ESCALATE, NULL,
                  "followup_unit", "branch", "followup_airport", "UPG", "followup_note", "Lagi", NULL);
  g_assert_error (failed, SAPA_ERROR, SAPA_ERROR_STATE);
  g_clear_error (&failed);

  failed = apply (fixture, SAPA_ACTION_REASSIGN, NULL,
                  "followup_unit", "branch", "followup_note", "Tanpa bandara", NULL);
  g_assert_error (failed, SAPA_ERROR, SAPA_ERROR_REQUIRED);
  g_clear_error (&failed);

  assert_applied (apply (fixture, SAPA_ACTION_REASSIGN, NULL,
                         "followup_unit", "branch", "followup_airport", "upg",
                         "followup_note", "Dialihkan ke UPG", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpstr (sapa_ticket_get_followup (fixture->ticket), ==, "branch / UPG\nDialihkan ke UPG");

  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (fixture->ticket), &error);
  g_assert_no_error (error);
  /* The wizard's follow-up step to DPS is still in the log, with its
   * request, and the reassignment is a new activity after it. */
  g_assert_cmpuint (activities->len, ==, 7);
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (g_ptr_array_index (activities, 5)),
                                                  "followup_airport"), ==, "DPS");
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (g_ptr_array_index (activities, 5)),
                                                  "followup_note"), ==, "Mohon penjelasan");
  reassigned = g_ptr_array_index (activities, 6);
  g_assert_cmpstr (sapa_activity_get_kind (reassigned), ==, SAPA_ACTIVITY_ACTION);
  g_assert_cmpstr (sapa_activity_get_step (reassigned), ==, SAPA_ACTION_REASSIGN);
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (reassigned), "followup_airport"),
                   ==, "UPG");

  /* The new PIC answers as after any escalation. */
  assert_applied (apply (fixture, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Ditangani UPG", NULL));
  g_assert_cmpstr (sapa_ticket_get_status (fixture->ticket), ==, SAPA_STATUS_ANSWERED);
}

/* Only an escalated ticket is reassigned. */
static void
test_reassign_only_escalated (Fixture       *fixture,
                              gconstpointer  data)
{
  const SapaTicketAction *reassign = sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN);
  GError *failed;

  g_assert_nonnull (reassign);
  g_assert_true (sapa_ticket_action_allowed (reassign, SAPA_STATUS_ESCALATED));
  g_assert_false (sapa_ticket_action_allowed (reassign, SAPA_STATUS_OPEN));
  g_assert_false (sapa_ticket_action_allowed (reassign, SAPA_STATUS_ANSWERED));
  g_assert_false (sapa_ticket_action_allowed (reassign, SAPA_STATUS_CLOSED));

  assert_applied (apply (fixture, SAPA_ACTION_PIC_ANSWER, NULL, "pic_answer", "Sudah dicek", NULL));
  failed = apply (fixture, SAPA_ACTION_REASSIGN, NULL,
                  "followup_unit", "cleaning", "followup_note", "Bukan unit kami", NULL);
  g_assert_error (failed, SAPA_ERROR, SAPA_ERROR_STATE);
  g_clear_error (&failed);

  /* Returned to the PIC, it is escalated again and may move on. */
  assert_applied (apply (fixture, SAPA_ACTION_JUDGE_ANSWER, "tidak_sesuai",
                         "return_reason", "Belum lengkap", NULL));
  assert_applied (apply (fixture, SAPA_ACTION_REASSIGN, NULL,
                         "followup_unit", "cleaning", "followup_note", "Bukan unit kami", NULL));
  g_assert_cmpstr (sapa_ticket_get_followup (fixture->ticket), ==, "cleaning\nBukan unit kami");
}

/* Two windows open the same ticket; the second action was prepared
 * against a status the first has already changed. */
static void
test_stale_status_rejected (Fixture       *fixture,
                            gconstpointer  data)
{
  const SapaTicketAction *answer = sapa_ticket_action_lookup (SAPA_ACTION_PIC_ANSWER);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SapaActivity) first = NULL;
  g_autoptr(SapaActivity) second = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(SapaTicket) not_applied = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = NULL;

  g_hash_table_insert (values, "pic_answer", "Jawaban");
  first = sapa_ticket_action_prepare (answer, NULL, values, sapa_ticket_get_id (fixture->ticket),
                                      SAPA_STATUS_ESCALATED, "A", "CGK", 7, fixture->clock_us + 1, &status, NULL, &error);
  g_assert_no_error (error);
  second = sapa_ticket_action_prepare (answer, NULL, values, sapa_ticket_get_id (fixture->ticket),
                                       SAPA_STATUS_ESCALATED, "B", "CGK", 7, fixture->clock_us + 2, &status, NULL, &error);
  g_assert_no_error (error);

  ticket = sapa_store_apply_action (fixture->store, first, status, &error);
  g_assert_no_error (error);
  not_applied = sapa_store_apply_action (fixture->store, second, status, &error);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
  g_assert_null (not_applied);
}

static void
test_every_action_listed (void)
{
  guint n = 0;
  const SapaTicketAction **all = sapa_ticket_action_get_all (&n);

  g_assert_cmpuint (n, ==, 14);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (sapa_ticket_action_lookup (all[i]->step.id) == all[i]);
      g_assert_nonnull (all[i]->from[0]);
      g_assert_cmpuint (sapa_step_get_n_branches (&all[i]->step), >=, 1);
    }

  g_assert_false (sapa_ticket_action_allowed (sapa_ticket_action_lookup (SAPA_ACTION_NOTE),
                                              SAPA_STATUS_CANCELLED));
  g_assert_true (sapa_ticket_action_allowed (sapa_ticket_action_lookup (SAPA_ACTION_REOPEN),
                                             SAPA_STATUS_CANCELLED));
}

/* A field the form calls optional is never required by the action's
 * check. A field that the check requires in some outcomes is marked
 * conditional, so its label does not say "optional". */
static void
test_optional_fields_stay_optional (void)
{
  guint n_actions;
  const SapaTicketAction **actions = sapa_ticket_action_get_all (&n_actions);

  for (guint a = 0; a < n_actions; a++)
    {
      const SapaStep *step = &actions[a]->step;

      if (step->check == NULL)
        continue;

      for (const SapaField *empty = step->fields; empty->key != NULL; empty++)
        {
          if (empty->required || empty->conditional)
            continue;

          for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
            {
              g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
              g_autoptr(GError) error = NULL;

              for (const SapaField *field = step->fields; field->key != NULL; field++)
                g_hash_table_insert (values, (gpointer) field->key, (gpointer) (field == empty ? "" : "x"));
              g_hash_table_insert (values, (gpointer) "branch", (gpointer) branch->id);
              g_test_message ("%s → %s without %s", step->id, branch->id, empty->key);
              g_assert_true (step->check (step, values, NULL, &error));
              g_assert_no_error (error);
            }
        }
    }
}

/* A local unit's answer and its judgement are the PIC's actions worded
 * for the unit: the same ids, fields and branches, so the log, the
 * server and the status rules cannot tell them apart. */
static void
test_unit_variants_match (void)
{
  const SapaTicketAction *pairs[][2] = {
    { sapa_ticket_action_lookup (SAPA_ACTION_PIC_ANSWER), sapa_ticket_action_get_unit_answer () },
    { sapa_ticket_action_lookup (SAPA_ACTION_JUDGE_ANSWER), sapa_ticket_action_get_unit_judge () },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const SapaStep *pic = &pairs[i][0]->step;
      const SapaStep *unit = &pairs[i][1]->step;
      guint n = 0;

      g_assert_cmpstr (unit->id, ==, pic->id);
      g_assert_true (unit->check == pic->check);
      g_assert_true (pairs[i][1]->from == pairs[i][0]->from);
      g_assert_true (pairs[i][1]->flows == pairs[i][0]->flows);
      g_assert_null (strstr (unit->title, "PIC"));
      for (; pic->fields[n].key != NULL; n++)
        {
          g_assert_cmpstr (unit->fields[n].key, ==, pic->fields[n].key);
          g_assert_cmpint (unit->fields[n].required, ==, pic->fields[n].required);
          g_assert_null (strstr (unit->fields[n].label, "PIC"));
        }
      g_assert_null (unit->fields[n].key);
      for (n = 0; pic->branches[n].id != NULL; n++)
        {
          g_assert_cmpstr (unit->branches[n].id, ==, pic->branches[n].id);
          g_assert_cmpstr (unit->branches[n].status, ==, pic->branches[n].status);
          g_assert_null (strstr (unit->branches[n].label, "PIC"));
        }
      g_assert_null (unit->branches[n].id);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/ticket-action/all-listed", test_every_action_listed);
  g_test_add_func ("/sapa/ticket-action/optional-fields", test_optional_fields_stay_optional);
  g_test_add_func ("/sapa/ticket-action/unit-variants-match", test_unit_variants_match);
  g_test_add ("/sapa/ticket-action/escalation-round-trip", Fixture, NULL,
              fixture_set_up, test_escalation_round_trip, fixture_tear_down);
  g_test_add ("/sapa/ticket-action/closed-only-reopens", Fixture, NULL,
              fixture_set_up, test_closed_only_reopens, fixture_tear_down);
  g_test_add ("/sapa/ticket-action/data-request-twice", Fixture, NULL,
              fixture_set_up, test_data_request_twice, fixture_tear_down);
  g_test_add ("/sapa/ticket-action/reassign-keeps-history", Fixture, NULL,
              fixture_set_up, test_reassign_keeps_history, fixture_tear_down);
  g_test_add ("/sapa/ticket-action/reassign-only-escalated", Fixture, NULL,
              fixture_set_up, test_reassign_only_escalated, fixture_tear_down);
  g_test_add ("/sapa/ticket-action/stale-status-rejected", Fixture, NULL,
              fixture_set_up, test_stale_status_rejected, fixture_tear_down);

  return g_test_run ();
}
