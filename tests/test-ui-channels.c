/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-channels.c: email, suggestion box and live chat through real widgets */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "sapa-receipt.h"
#include "sapa-ticket-detail.h"
#include "sapa-ticket-list-model.h"
#include "ui-test-helpers.h"

static void
assert_steps (SapaStore          *store,
              const char         *ticket_id,
              const char * const  expected[][3],
              guint               n_expected)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = sapa_store_list_activities (store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, n_expected);
  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      g_assert_cmpstr (sapa_activity_get_kind (activity), ==, expected[i][0]);
      g_assert_cmpstr (sapa_activity_get_step (activity), ==, expected[i][1]);
      g_assert_cmpstr (sapa_activity_get_branch (activity), ==, expected[i][2]);
    }
}

static guint
count_activities (SapaStore  *store,
                  const char *ticket_id)
{
  g_autoptr(GPtrArray) activities = sapa_store_list_activities (store, ticket_id, NULL);

  g_assert_nonnull (activities);
  return activities->len;
}

typedef struct {
  Fixture    *fixture;
  const char *ticket_id;
  guint       n_expected;
} ActivityCount;

static gboolean
activities_counted (gpointer data)
{
  ActivityCount *count = data;

  return count_activities (count->fixture->store, count->ticket_id) == count->n_expected;
}

/* An email about a wheelchair that was not ready at DPS: more data is
 * requested, the case waits, resumes, goes to the DPS PIC, whose first
 * answer is returned and second delivered. */
static void
test_email_escalated_and_returned (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;
  g_autofree char *ticket_id = NULL;
  GtkWidget *awaited;
  GtkWidget *message;
  /* Setting the waiting step aside and taking it up again are in the
   * log too, between the request and the data. */
  static const char * const expected[][3] = {
    { "step", "intake", "next" }, { "step", "identify", "need_data" },
    { "step", "request_data", "next" },
    { "parked", "await_data", NULL }, { "resumed", "await_data", NULL },
    { "step", "await_data", "next" }, { "step", "identify", "escalate" },
    { "step", "escalate", "next" }, { "step", "await_pic", "next" },
    { "step", "judge_pic", "tidak_sesuai" }, { "step", "return_to_pic", "next" },
    { "step", "await_pic", "next" }, { "step", "judge_pic", "sesuai" },
    { "step", "deliver", "next" },
  };

  start_flow (fixture, "email_social");
  choose_channel (fixture, "email");
  fill (fixture, "email", "dewi.lestari@example.co.id");
  fill (fixture, "name", "Dewi Lestari");
  fill (fixture, "message", "Kursi roda tidak siap di gate B5 Bandara I Gusti Ngurah Rai (DPS).");
  take (fixture, "next", "identify");
  fill (fixture, "category", "complaint");
  take (fixture, "need_data", "request_data");
  fill (fixture, "data_request", "Mohon kirimkan nomor penerbangan Ibu.");
  take (fixture, "next", "await_data");
  save_screenshot (fixture, "email-waiting");
  park (fixture);

  found = search_one (fixture, "lestari");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_WAITING_CUSTOMER);
  g_assert_cmpstr (sapa_ticket_get_channel (found), ==, "email");
  ticket_id = g_strdup (sapa_ticket_get_id (found));
  show_first_ticket (fixture);
  resume_from_ticket (fixture, "await_data");
  /* The waiting step shows what was asked for. */
  awaited = find_widget (GTK_WIDGET (get_wizard_view (fixture)), "data_request", ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (awaited);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (awaited)), ==,
                   "Mohon kirimkan nomor penerbangan Ibu.");

  fill (fixture, "data_received", "GA 404, 3 Desember");
  take (fixture, "next", "identify");
  take (fixture, "escalate", "escalate");
  fill (fixture, "escalation_airport", "DPS");
  fill (fixture, "escalation_note", "Mohon penjelasan mengapa kursi roda tidak siap di gate B5.");
  take (fixture, "next", "await_pic");
  fill (fixture, "pic_answer", "Sedang kami periksa.");
  take (fixture, "next", "judge_pic");
  take (fixture, "tidak_sesuai", "return_to_pic");
  fill (fixture, "return_reason", "Belum ada penyebab dan tindakan perbaikan.");
  take (fixture, "next", "await_pic");
  g_assert_nonnull (find_widget (GTK_WIDGET (get_wizard_view (fixture)), "return_reason", ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (find_widget (GTK_WIDGET (get_wizard_view (fixture)), "escalation_note", ADW_TYPE_ACTION_ROW));
  fill (fixture, "pic_answer", "Petugas terlambat karena pergantian sif; jadwal sudah diperbaiki.");
  take (fixture, "next", "judge_pic");
  take (fixture, "sesuai", "deliver");
  fill (fixture, "delivered_answer", "Mohon maaf, petugas terlambat karena pergantian sif.");
  take (fixture, "next", NULL);

  /* The person wrote by email, so a message carries the report number. */
  message = find_widget (GTK_WIDGET (get_wizard_view (fixture)), "message", GTK_TYPE_LABEL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), done_number (fixture)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "Contact Center 172"));
  g_assert_null (find_widget (GTK_WIDGET (get_wizard_view (fixture)), "print_receipt", GTK_TYPE_BUTTON));
  save_screenshot (fixture, "email-done");

  assert_steps (fixture->store, ticket_id, expected, G_N_ELEMENTS (expected));
}

/* An Instagram mention with emoji is registered and answered at once. */
static void
test_instagram_answered (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;

  start_flow (fixture, "email_social");
  choose_channel (fixture, "instagram");
  fill (fixture, "handle", "@budi.travel✈️");
  fill (fixture, "message", "Bandaranya bersih banget 👍✈️ tapi antrean taksi panjang 😩");
  take (fixture, "next", "identify");
  fill (fixture, "category", "compliment");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Terima kasih 🙏 masukan antrean taksi kami teruskan.");
  take (fixture, "next", NULL);

  found = search_one (fixture, "antrean");
  g_assert_cmpstr (sapa_ticket_get_channel (found), ==, "instagram");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_CLOSED);
  g_assert_cmpstr (sapa_ticket_get_purpose (found), ==,
                   "Bandaranya bersih banget 👍✈️ tapi antrean taksi panjang 😩");
}

/* An anonymous suggestion-box form goes to the cleaning unit; a report
 * number cannot be phoned to nobody. */
static void
test_suggestion_box_anonymous (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  ActivityCount logged = { 0 };
  SapaActivity *receipt;
  GtkWidget *error_label;
  guint n_before;

  start_flow (fixture, "suggestion_box");
  fill (fixture, "form_text", "Toilet di ruang tunggu lantai 2 kotor dan tidak ada tisu.");
  fill (fixture, "box_location", "Terminal 2, ruang tunggu lantai 2");
  take (fixture, "next", "decide");
  fill (fixture, "category", "facilities");
  take (fixture, "escalate", "escalate");
  fill (fixture, "followup_unit", "cleaning");
  fill (fixture, "followup_note", "Mohon toilet lantai 2 dibersihkan dan tisu diisi.");
  take (fixture, "next", "notify_escalated");

  /* No phone was given, so the report number cannot go by phone. */
  fill (fixture, "notify_method", "phone");
  gtk_widget_activate (wait_for_widget (fixture, "next", GTK_TYPE_BUTTON));
  run_loop_for (400);
  error_label = find_class (GTK_WIDGET (get_wizard_view (fixture)), "error");
  g_assert_nonnull (error_label);
  g_assert_cmpstr (sapa_wizard_get_step (sapa_wizard_view_get_wizard (get_wizard_view (fixture)))->id,
                   ==, "notify_escalated");

  fill (fixture, "notify_method", "printed");
  take (fixture, "next", NULL);

  /* A suggestion-box form gets a paper receipt. */
  g_assert_nonnull (find_widget (GTK_WIDGET (get_wizard_view (fixture)), "print_receipt", GTK_TYPE_BUTTON));
  g_assert_nonnull (find_widget (GTK_WIDGET (get_wizard_view (fixture)), "save_receipt", GTK_TYPE_BUTTON));

  found = search_one (fixture, "tisu");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_ESCALATED);
  g_assert_cmpstr (sapa_ticket_get_name (found), ==, "");
  g_assert_null (sapa_ticket_get_contact_id (found));

  /* The printed receipt is in the log, in the officer's words. */
  n_before = count_activities (fixture->store, sapa_ticket_get_id (found));
  logged.fixture = fixture;
  logged.ticket_id = sapa_ticket_get_id (found);
  logged.n_expected = n_before + 1;
  sapa_receipt_log (fixture->context, found, SAPA_RECEIPT_OUTPUT_PRINTER, 2, NULL, GTK_WIDGET (fixture->window));
  wait_until (activities_counted, &logged, "the receipt in the log");
  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (found), NULL);
  receipt = g_ptr_array_index (activities, activities->len - 1);
  g_assert_cmpstr (sapa_activity_get_kind (receipt), ==, SAPA_ACTIVITY_RECEIPT);
  g_assert_cmpstr (sapa_activity_get_airport (receipt), ==, "CGK");
  title = sapa_ticket_detail_describe_activity ("suggestion_box", receipt, &details);
  g_assert_cmpstr (title, ==, "Tanda terima dicetak");
  g_assert_cmpstr (details, ==, "2 salinan");

  show_first_ticket (fixture);
  run_loop_for (300);
  {
    GtkWidget *detail = find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_TICKET_DETAIL);
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (find_type (detail, GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    run_loop_for (300);
  }
  save_screenshot (fixture, "ticket-log-receipt");
}

/* Rina asks about the airport train on the website chat and is satisfied. */
static void
test_live_chat_answered (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SapaTicket) found = NULL;

  start_flow (fixture, "live_chat");
  fill (fixture, "name", "Rina");
  fill (fixture, "email", "rina@example.com");
  fill (fixture, "phone", "0813 2222 3333");
  take (fixture, "next", "greet");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Jadwal kereta bandara dari Manggarai?");
  take (fixture, "next", "confirm");
  take (fixture, "sesuai", "identify");
  fill (fixture, "category", "transport");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Kereta bandara berangkat tiap 30 menit dari Manggarai.");
  take (fixture, "sesuai", NULL);

  found = search_one (fixture, "0813-2222");
  g_assert_cmpstr (sapa_ticket_get_channel (found), ==, "live_chat");
  g_assert_cmpstr (sapa_ticket_get_email (found), ==, "rina@example.com");
  g_assert_cmpstr (sapa_ticket_get_status (found), ==, SAPA_STATUS_CLOSED);
}

static gboolean
history_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *group = find_widget (GTK_WIDGET (get_wizard_view (fixture)), "history", GTK_TYPE_WIDGET);

  return group != NULL && gtk_widget_get_visible (group);
}

/* Dewi emailed with her phone number on file; when she calls 172 the
 * officer sees her earlier ticket, and both tickets share one contact. */
static void
test_caller_recognised (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SapaTicket) email = NULL;
  g_autoptr(SapaTicket) call = NULL;
  g_autofree char *email_contact = NULL;

  start_flow (fixture, "email_social");
  choose_channel (fixture, "email");
  fill (fixture, "email", "dewi.lestari@example.co.id");
  fill (fixture, "name", "Dewi Lestari");
  fill (fixture, "phone", "+62 812-3456-7890");
  fill (fixture, "message", "Apakah ada layanan kursi roda di DPS?");
  take (fixture, "next", "identify");
  fill (fixture, "category", "information");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Ada, silakan pesan melalui 172.");
  take (fixture, "next", NULL);
  gtk_widget_activate (wait_for_widget (fixture, "new_service", GTK_TYPE_BUTTON));

  start_flow (fixture, "phone");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Menanyakan pemesanan kursi roda");
  take (fixture, "next", "identity");
  fill (fixture, "name", "Dewi Lestari");
  fill (fixture, "phone", "0812 3456 7890");
  wait_until (history_shown, fixture, "the person's earlier tickets");
  save_screenshot (fixture, "known-person");
  take (fixture, "next", "confirm");
  take (fixture, "sesuai", "identify");

  email = search_one (fixture, "layanan kursi");
  email_contact = g_strdup (sapa_ticket_get_contact_id (email));
  call = search_one (fixture, "pemesanan");
  g_assert_nonnull (email_contact);
  g_assert_cmpstr (sapa_ticket_get_contact_id (call), ==, email_contact);
}

static void
record_call (Fixture    *fixture,
             const char *purpose,
             const char *phone)
{
  start_flow (fixture, "phone");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", purpose);
  take (fixture, "next", "identity");
  fill (fixture, "name", "Andreas Ma’ruf");
  fill (fixture, "phone", phone);
  take (fixture, "next", "confirm");
  take (fixture, "sesuai", "identify");
  fill (fixture, "category", "information");
  take (fixture, "answer_now", "answer");
  fill (fixture, "answer", "Sudah dijawab.");
  take (fixture, "sesuai", NULL);
  gtk_widget_activate (wait_for_widget (fixture, "new_service", GTK_TYPE_BUTTON));
}

typedef struct {
  SapaStore  *store;
  const char *first_id;
  const char *second_id;
} MergeWait;

static gboolean
contacts_merged (gpointer data)
{
  MergeWait *wait = data;
  g_autoptr(SapaTicket) first = sapa_store_get_ticket (wait->store, wait->first_id, NULL);
  g_autoptr(SapaTicket) second = sapa_store_get_ticket (wait->store, wait->second_id, NULL);

  return g_strcmp0 (sapa_ticket_get_contact_id (first), sapa_ticket_get_contact_id (second)) == 0;
}

/* The confirmation is the message dialog without an entry. */
static GtkWidget *
find_confirmation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (window)) == NULL)
        return window;
    }
  return NULL;
}

static gboolean
confirm_shown (gpointer data)
{
  return find_confirmation () != NULL;
}

/* The same man called from two numbers; the officer merges the contacts
 * from the ticket view. */
static void
test_contacts_merged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SapaTicket) first = NULL;
  g_autoptr(SapaTicket) second = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  MergeWait wait;
  GtkWidget *dialog;
  GtkWidget *entry;

  record_call (fixture, "Jam buka lounge", "0811 1234 567");
  record_call (fixture, "Lokasi ATM", "0813 7654 321");

  second = search_one (fixture, "ATM");
  second_id = g_strdup (sapa_ticket_get_id (second));
  first = search_one (fixture, "lounge");
  first_id = g_strdup (sapa_ticket_get_id (first));
  g_assert_cmpstr (sapa_ticket_get_contact_id (first), !=, sapa_ticket_get_contact_id (second));

  show_first_ticket (fixture);
  gtk_widget_activate (wait_for_widget (fixture, "merge_contact", GTK_TYPE_BUTTON));
  wait_until (dialog_shown, NULL, "the merge dialog");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0813-7654-321");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");

  /* The contact found is shown before anything moves. */
  wait_until (confirm_shown, NULL, "the merge confirmation");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_confirmation ()), "merge");

  wait = (MergeWait) { fixture->store, first_id, second_id };
  wait_until (contacts_merged, &wait, "the contacts to merge");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/sapa/ui/email/escalated-and-returned", Fixture, NULL,
              fixture_set_up, test_email_escalated_and_returned, fixture_tear_down);
  g_test_add ("/sapa/ui/social/instagram-answered", Fixture, NULL,
              fixture_set_up, test_instagram_answered, fixture_tear_down);
  g_test_add ("/sapa/ui/suggestion-box/anonymous", Fixture, NULL,
              fixture_set_up, test_suggestion_box_anonymous, fixture_tear_down);
  g_test_add ("/sapa/ui/live-chat/answered", Fixture, NULL,
              fixture_set_up, test_live_chat_answered, fixture_tear_down);
  g_test_add ("/sapa/ui/contact/caller-recognised", Fixture, NULL,
              fixture_set_up, test_caller_recognised, fixture_tear_down);
  g_test_add ("/sapa/ui/contact/merged", Fixture, NULL,
              fixture_set_up, test_contacts_merged, fixture_tear_down);

  return g_test_run ();
}
