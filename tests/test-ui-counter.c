/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-counter.c: the counter and Dial 172 wizards through real widgets */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <adwaita.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "sapa-context.h"
#include "sapa-action-dialog.h"
#include "sapa-field-row.h"
#include "sapa-ticket-detail.h"
#include "sapa-ticket-list-model.h"
#include "sapa-tickets-page.h"
#include "sapa-window.h"
#include "sapa-wizard-view.h"
#include "ui-test-helpers.h"

static void
test_counter_answered (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  save_screenshot (fixture, "service");
  start_flow (fixture, "counter");
  save_screenshot (fixture, "wizard-greet");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Di mana musala Terminal 3?");
  take (fixture, "next", "identity");
  fill (fixture, "name", "Sri Wahyuni");
  fill (fixture, "phone", "0812-3456-7890");
  save_screenshot (fixture, "wizard-identity");
  take (fixture, "next", "confirm");
  save_screenshot (fixture, "wizard-confirm");
  take (fixture, "sesuai", "identify");
  fill (fixture, "category", "information");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Musala ada di lantai 2, dekat gerbang 5.");
  take (fixture, "sesuai", NULL);

  save_screenshot (fixture, "wizard-done");
  number = g_strdup (done_number (fixture));
  g_assert_nonnull (number);
  g_assert_true (g_str_has_prefix (number, "CGK-07-"));
  g_assert_true (g_str_has_suffix (number, "-0001"));

  found = search_one (fixture, "3456");
  save_screenshot (fixture, "tickets");
  g_assert_cmpstr (sapa_ticket_get_report_number (found), ==, number);
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_CLOSED);
  g_assert_cmpstr (sapa_ticket_get_phone_e164 (found), ==, "+6281234567890");
  g_assert_cmpstr (sapa_ticket_get_answer (found), ==, "Musala ada di lantai 2, dekat gerbang 5.");

  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (found), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 6);
}

static gboolean
context_shown (gpointer data)
{
  GtkWidget *dialog = find_toplevel (SAPA_TYPE_ACTION_DIALOG);
  GtkWidget *label = dialog ? find_widget (dialog, "context", GTK_TYPE_LABEL) : NULL;

  return label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), "Rp 60.000") != NULL;
}

/* TRUE once the delivery form is open with the accepted answer in it. */
static gboolean
delivery_prefilled (gpointer data)
{
  GtkWidget *dialog = find_toplevel (SAPA_TYPE_ACTION_DIALOG);
  GtkWidget *input = dialog ? find_input (dialog, "delivered_answer") : NULL;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (input == NULL)
    return FALSE;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), &start, &end, FALSE);
  return g_strcmp0 (text, data) == 0;
}

static gboolean
action_dialog_open (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) != NULL;
}

static gboolean
action_dialog_closed (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) == NULL;
}

static gboolean
answer_button_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *button = find_widget (GTK_WIDGET (fixture->window), "pic_answer", GTK_TYPE_BUTTON);

  return button != NULL && gtk_widget_get_mapped (button);
}

static void
test_phone_corrected_then_escalated (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *ticket_id = NULL;
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[][2] = {
    { "greet", "next" }, { "purpose", "next" }, { "identity", "next" },
    { "confirm", "tidak_sesuai" }, { "purpose", "next" }, { "identity", "next" },
    { "confirm", "sesuai" }, { "identify", "answer_now" }, { "answer", "tidak_sesuai" },
    { "identify", "follow_up" }, { "follow_up", "next" },
    { "pic_answer", "save" }, { "judge_answer", "sesuai" }, { "deliver", "save" },
    { "verdict", "sesuai" },
  };

  start_flow (fixture, "phone");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Keluhan tarif parkir Terminal 2");
  take (fixture, "next", "identity");
  fill (fixture, "name", "Bapak Andreas Ma’ruf");
  fill (fixture, "phone", "0811 1234 576");
  take (fixture, "next", "confirm");
  take (fixture, "tidak_sesuai", "purpose");
  take (fixture, "next", "identity");
  fill (fixture, "phone", "+62 811 1234 567");
  take (fixture, "next", "confirm");
  take (fixture, "sesuai", "identify");
  fill (fixture, "category", "complaint");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Tarif parkir mengikuti ketentuan pengelola.");
  take (fixture, "tidak_sesuai", "identify");
  take (fixture, "follow_up", "follow_up");
  fill (fixture, "followup_unit", "parking");
  fill (fixture, "followup_note", "Penelepon minta rincian tarif.");
  take (fixture, "next", NULL);

  found = search_one (fixture, "ma'ruf");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpstr (sapa_ticket_get_phone_e164 (found), ==, "+628111234567");
  g_clear_object (&found);

  found = search_one (fixture, "1234567");
  g_assert_cmpstr (sapa_ticket_get_name (found), ==, "Bapak Andreas Ma’ruf");
  show_first_ticket (fixture);
  save_screenshot (fixture, "ticket-detail");

  /* The list refreshes this object in place, which frees its strings. */
  ticket_id = g_strdup (sapa_ticket_get_id (found));

  /* The parking unit of this airport answers through the desk, so the
   * action is named for the unit, not for a PIC. */
  wait_until (answer_button_shown, fixture, "the unit's answer button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (wait_for_widget (fixture, "pic_answer", GTK_TYPE_BUTTON))),
                   ==, _("Unit's answer"));
  gtk_widget_activate (wait_for_widget (fixture, "pic_answer", GTK_TYPE_BUTTON));
  wait_until (action_dialog_open, NULL, "the unit's answer form");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find_type (find_toplevel (SAPA_TYPE_ACTION_DIALOG),
                                                                            ADW_TYPE_WINDOW_TITLE))),
                   ==, _("Record the unit's answer"));
  gtk_window_destroy (GTK_WINDOW (find_toplevel (SAPA_TYPE_ACTION_DIALOG)));

  /* The unit answers, the officer judges it fitting, delivers it, and the
   * caller accepts it. */
  run_action (fixture, ticket_id, "pic_answer", "pic_answer",
              "Tarif parkir inap Rp 60.000 per hari.", "save", SAPA_STATUS_ANSWERED);
  /* The judgement shows the answer being judged. */
  gtk_widget_activate (wait_for_widget (fixture, "judge_answer", GTK_TYPE_BUTTON));
  wait_until (context_shown, NULL, "the PIC's answer in the judgement");
  /* "Sesuai, deliver it" goes on to the delivery, filled in with the
   * accepted answer, which the officer may still edit. */
  gtk_widget_activate (find_widget (find_toplevel (SAPA_TYPE_ACTION_DIALOG), "sesuai", GTK_TYPE_BUTTON));
  wait_until (delivery_prefilled, (gpointer) "Tarif parkir inap Rp 60.000 per hari.", "the filled delivery form");
  gtk_widget_activate (find_widget (find_toplevel (SAPA_TYPE_ACTION_DIALOG), "save", GTK_TYPE_BUTTON));
  wait_until (action_dialog_closed, NULL, "the delivery to be recorded");
  run_action (fixture, ticket_id, "verdict", NULL, NULL,
              "sesuai", SAPA_STATUS_CLOSED);
  save_screenshot (fixture, "ticket-closed");

  activities = sapa_store_list_activities (fixture->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      g_assert_cmpstr (sapa_activity_get_step (activity), ==, expected[i][0]);
      g_assert_cmpstr (sapa_activity_get_branch (activity), ==, expected[i][1]);
    }
}

/* The child of the crash test: stops in the identification step of a
 * Dial 172 call after correcting the phone, with a category chosen but
 * not yet taken, and dies without any cleanup. */
static void
test_draft_killed_child (void)
{
  Fixture fixture = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_skip ("Runs only as the child of /sapa/ui/draft/survives-kill");
      return;
    }

  fixture_set_up (&fixture, NULL);
  start_flow (&fixture, "phone");
  take (&fixture, "next", "purpose");
  fill (&fixture, "purpose", "Keluhan tarif parkir");
  take (&fixture, "next", "identity");
  fill (&fixture, "name", "Rudi Hartono");
  fill (&fixture, "phone", "0813 0000 1111");
  take (&fixture, "next", "confirm");
  take (&fixture, "tidak_sesuai", "purpose");
  take (&fixture, "next", "identity");
  fill (&fixture, "phone", "0813 0000 2222");
  take (&fixture, "next", "confirm");
  take (&fixture, "sesuai", "identify");
  fill (&fixture, "category", "complaint");

  /* Longer than the draft's save delay, so the typing reaches the disk. */
  run_loop_for (1500);
  kill (getpid (), SIGKILL);
}

static void
test_draft_survives_kill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sapa-ui-crash-XXXXXX", NULL);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  SapaWizard *wizard;
  GtkWidget *dialog;
  const char *ticket_id;

  g_setenv ("SAPA_TEST_SHARED_DIR", dir, TRUE);
  g_test_trap_subprocess ("/sapa/ui/draft/killed-child", 60 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_failed ();

  fixture_set_up (&fixture, NULL);
  sapa_window_offer_drafts (fixture.window);
  wait_until (dialog_shown, NULL, "the offer of the draft");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  wait_for_widget (&fixture, "answer_now", GTK_TYPE_BUTTON);

  wizard = sapa_wizard_view_get_wizard (get_wizard_view (&fixture));
  g_assert_cmpstr (sapa_wizard_get_step (wizard)->id, ==, "identify");
  /* The header shows the ticket's report number again. */
  run_loop_for (300);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find_class (GTK_WIDGET (get_wizard_view (&fixture)), "numeric"))),
                                   "No. CGK-07-"));
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "name"), ==, "Rudi Hartono");
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "phone"), ==, "0813 0000 2222");
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "purpose"), ==, "Keluhan tarif parkir");
  g_assert_cmpstr (sapa_wizard_get_value (wizard, "category"), ==, "complaint");
  ticket_id = sapa_wizard_get_ticket_id (wizard);

  take (&fixture, "follow_up", "follow_up");
  fill (&fixture, "followup_unit", "parking");
  fill (&fixture, "followup_note", "Minta rincian tarif");
  take (&fixture, "next", NULL);

  activities = sapa_store_list_activities (fixture.store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 9);
  g_assert_cmpstr (sapa_activity_get_branch (g_ptr_array_index (activities, 3)), ==, "tidak_sesuai");
  g_assert_cmpstr (sapa_activity_get_step (g_ptr_array_index (activities, 7)), ==, "identify");

  drafts = sapa_store_list_drafts (fixture.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);

  fixture_tear_down (&fixture, NULL);
  g_unsetenv ("SAPA_TEST_SHARED_DIR");
}

/* A 10,000-character purpose without a space is kept whole and read back
 * without stalling the window (Pango took minutes to wrap such a word). */
static void
test_long_word_read_back (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) purpose = g_string_new ("Keluhan ");
  g_autoptr(SapaTicket) found = NULL;

  while (purpose->len < 10000)
    g_string_append_c (purpose, 'x');

  start_flow (fixture, "counter");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", purpose->str);
  take (fixture, "next", "identity");
  fill (fixture, "name", "Yusuf Hidayat");
  fill (fixture, "phone", "0812 9999 0000");
  take (fixture, "next", "confirm");
  run_loop_for (300);
  take (fixture, "sesuai", "identify");

  found = search_one (fixture, "yusuf");
  g_assert_cmpuint (strlen (sapa_ticket_get_purpose (found)), ==, 10000);
  show_first_ticket (fixture);
}

static gboolean
service_start_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_WIZARD_VIEW) == NULL;
}

/* Escape asks, "Batalkan layanan" cancels: the ticket keeps its steps
 * and ends cancelled, and nothing touches the destroyed wizard. */
static void
test_cancel_keeps_steps (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  start_flow (fixture, "counter");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Menanyakan lokasi ATM");
  take (fixture, "next", "identity");
  fill (fixture, "name", "Rudi");

  gtk_widget_activate_action (GTK_WIDGET (get_wizard_view (fixture)), "wizard.cancel", NULL);
  wait_until (dialog_shown, NULL, "the cancel question");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_until (service_start_shown, fixture, "the service start page");
  run_loop_for (300);

  found = search_one (fixture, "ATM");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_CANCELLED);
  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (found), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 3);
  g_assert_cmpstr (sapa_activity_get_kind (g_ptr_array_index (activities, 2)), ==, SAPA_ACTIVITY_DISCARDED);
}

static void
exec_on_file (Fixture    *fixture,
              const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sapa.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static gboolean
close_question_shown (gpointer data)
{
  return find_dialog ("Langkah Belum Tersimpan") != NULL;
}

static gboolean
steps_saved (gpointer data)
{
  Fixture *fixture = data;

  return !sapa_wizard_view_has_unsaved (get_wizard_view (fixture));
}

/* A step that cannot be saved (a full disk, here a trigger that fails
 * every insert) keeps the window open when it is closed: the officer is
 * asked, tries again once the disk is fine, and nothing is lost. */
static void
test_close_asks_for_unsaved_steps (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  start_flow (fixture, "counter");
  take (fixture, "next", "purpose");
  exec_on_file (fixture, "CREATE TRIGGER full_disk BEFORE INSERT ON activities"
                         " BEGIN SELECT RAISE (ABORT, 'disk I/O error'); END");
  fill (fixture, "purpose", "Menanyakan jadwal bus DAMRI");
  gtk_widget_activate (wait_for_widget (fixture, "next", GTK_TYPE_BUTTON));
  wait_until (dialog_shown, NULL, "the step-not-saved message");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  run_loop_for (200);
  g_assert_true (sapa_wizard_view_has_unsaved (get_wizard_view (fixture)));

  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (close_question_shown, NULL, "the question before closing");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  dialog = GTK_WIDGET (find_dialog ("Langkah Belum Tersimpan"));

  exec_on_file (fixture, "DROP TRIGGER full_disk");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  wait_until (steps_saved, fixture, "the steps saved again");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  found = search_one (fixture, "DAMRI");
  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (found), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 2);
}

static GtkWidget *
find_error_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) && gtk_widget_has_css_class (child, "error"))
        return child;
      found = find_error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A paste past the text limit is not inserted, so the window never lays
 * out 100,000 characters; the officer is told why. */
static void
test_huge_paste_not_inserted (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autofree char *value = NULL;
  GtkWidget *row;
  GtkWidget *message;

  start_flow (fixture, "counter");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Menanyakan bagasi");
  fill (fixture, "purpose", huge);

  row = find_widget (GTK_WIDGET (get_wizard_view (fixture)), "purpose", SAPA_TYPE_FIELD_ROW);
  value = sapa_field_row_dup_value (SAPA_FIELD_ROW (row));
  g_assert_cmpstr (value, ==, "");
  message = find_error_label (row);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "10000"));
}

/* A settings file edited by hand to an impossible window size gives the
 * default size, not a GTK critical. */
static void
test_odd_window_size_ignored (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sapa-settings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "settings.ini", NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "[sapa]\nwindow-width=-5\nwindow-height=99999999\n", -1, &error));
  g_assert_no_error (error);
  g_setenv ("SAPA_DATA_DIR", dir, TRUE);
  settings = sapa_context_create_settings ();
  g_unsetenv ("SAPA_DATA_DIR");

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_clear_object (&settings);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/sapa/ui/counter/answered", Fixture, NULL,
              fixture_set_up, test_counter_answered, fixture_tear_down);
  g_test_add ("/sapa/ui/phone/corrected-then-escalated", Fixture, NULL,
              fixture_set_up, test_phone_corrected_then_escalated, fixture_tear_down);

  g_test_add ("/sapa/ui/counter/long-word-read-back", Fixture, NULL,
              fixture_set_up, test_long_word_read_back, fixture_tear_down);
  g_test_add ("/sapa/ui/counter/cancel-keeps-steps", Fixture, NULL,
              fixture_set_up, test_cancel_keeps_steps, fixture_tear_down);
  g_test_add ("/sapa/ui/counter/close-asks-for-unsaved", Fixture, NULL,
              fixture_set_up, test_close_asks_for_unsaved_steps, fixture_tear_down);
  g_test_add ("/sapa/ui/counter/huge-paste-not-inserted", Fixture, NULL,
              fixture_set_up, test_huge_paste_not_inserted, fixture_tear_down);
  g_test_add_func ("/sapa/ui/settings/odd-window-size", test_odd_window_size_ignored);
  g_test_add_func ("/sapa/ui/draft/killed-child", test_draft_killed_child);
  g_test_add_func ("/sapa/ui/draft/survives-kill", test_draft_survives_kill);

  return g_test_run ();
}
