/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-escalations.c: the escalation queue: clocks, sorting, filters, reassigning */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <adwaita.h>

#include "sapa-action-dialog.h"
#include "sapa-airport.h"
#include "sapa-escalations-page.h"
#include "sapa-flow.h"
#include "sapa-reports-page.h"
#include "sapa-service-page.h"
#include "sapa-sns-page.h"
#include "sapa-ticket-detail.h"
#include "sapa-tickets-page.h"
#include "ui-test-helpers.h"

#define MINUTE G_TIME_SPAN_MINUTE

static gint64
local_instant (const char *iana,
               int         hour,
               int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (iana);
  /* Friday 4 December 2026, a working day at every airport. */
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2026, 12, 4, hour, minute, 0);

  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
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

/* Records a feedback of @flow about @purpose, taken at desk 3 of
 * @airport at @at_us and sent at once to @unit (at @to_airport, or NULL)
 * with the request "Mohon dicek: " and the purpose. Returns the ticket's
 * id. */
static char *
record_escalated (Fixture    *fixture,
                  const char *flow,
                  const char *airport,
                  const char *name,
                  gint64      at_us,
                  const char *unit,
                  const char *to_airport,
                  const char *purpose)
{
  g_autofree char *request = g_strconcat ("Mohon dicek: ", purpose, NULL);
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (flow), airport, 3, "Rina");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  take_at (wizard, "next", at_us);
  sapa_wizard_set_value (wizard, "purpose", purpose);
  take_at (wizard, "next", at_us);
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "phone", "0812 3456 7890");
  take_at (wizard, "next", at_us);
  take_at (wizard, "sesuai", at_us);
  sapa_wizard_set_value (wizard, "category", "complaint");
  take_at (wizard, "follow_up", at_us);
  sapa_wizard_set_value (wizard, "followup_unit", unit);
  if (to_airport != NULL)
    sapa_wizard_set_value (wizard, "followup_airport", to_airport);
  sapa_wizard_set_value (wizard, "followup_note", request);
  take_at (wizard, "next", at_us);

  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (fixture->store, wizard, activities, &error);
  g_assert_no_error (error);
  return g_strdup (sapa_ticket_get_id (ticket));
}

/* Returns the queue's page, or NULL while the section was never shown. */
static SapaEscalationsPage *
get_page (Fixture *fixture)
{
  return SAPA_ESCALATIONS_PAGE (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_ESCALATIONS_PAGE));
}

/* Shows the queue, built on first use, as of @now_us and reloads it. */
static void
show_queue_at (Fixture *fixture,
               gint64   now_us)
{
  SapaEscalationsPage *page;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-escalations", NULL);
  page = get_page (fixture);
  g_assert_nonnull (page);
  sapa_escalations_page_set_now (page, now_us);
  sapa_escalations_page_reload (page);
}

static GtkListBox *
get_list (Fixture *fixture)
{
  return GTK_LIST_BOX (find_widget (GTK_WIDGET (get_page (fixture)), "escalations", GTK_TYPE_LIST_BOX));
}

/* The ticket ids of the rows, top to bottom. */
static char *
list_order (Fixture *fixture)
{
  GtkListBox *list = get_list (fixture);
  g_autoptr(GString) order = g_string_new (NULL);

  if (list == NULL)
    return g_strdup ("");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (order, "%s%s", order->len ? " " : "", gtk_widget_get_name (row));
  return g_string_free (g_steal_pointer (&order), FALSE);
}

typedef struct {
  Fixture    *fixture;
  const char *expected;
} OrderWait;

static gboolean
order_reached (gpointer data)
{
  OrderWait *wait = data;
  g_autofree char *order = list_order (wait->fixture);

  return g_strcmp0 (order, wait->expected) == 0;
}

/* Waits until the rows are the tickets @expected names (ids separated by
 * spaces), in that order. */
static void
wait_for_order (Fixture    *fixture,
                const char *expected)
{
  OrderWait wait = { fixture, expected };

  wait_until (order_reached, &wait, expected[0] ? expected : "an empty queue");
}

static GtkWidget *
find_row (Fixture    *fixture,
          const char *ticket_id)
{
  GtkListBox *list = get_list (fixture);

  return list != NULL ? find_widget (GTK_WIDGET (list), ticket_id, ADW_TYPE_ACTION_ROW) : NULL;
}

static const char *
clock_text (Fixture    *fixture,
            const char *ticket_id)
{
  GtkWidget *row = find_row (fixture, ticket_id);
  GtkWidget *clock = row != NULL ? find_widget (row, "clock", GTK_TYPE_LABEL) : NULL;

  g_assert_nonnull (clock);
  return gtk_label_get_text (GTK_LABEL (clock));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

/* Selects the choice labelled @label in drop-down @name of the page. */
static void
choose (Fixture    *fixture,
        const char *name,
        const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (get_page (fixture)), name, GTK_TYPE_DROP_DOWN));
  GListModel *labels = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("The drop-down %s offers no “%s”", name, label);
}

typedef struct {
  guint n;
  char *last_title;
} Notifications;

static void
notified_cb (SapaEscalationNotifier *notifier,
             const char             *id,
             const char             *title,
             const char             *body,
             Notifications          *notifications)
{
  notifications->n++;
  g_free (notifications->last_title);
  notifications->last_title = g_strdup (title);
}

static gboolean
overdue_counted (gpointer data)
{
  return sapa_escalation_notifier_get_overdue_count (data) == 1;
}

/* Picks the choice at @position (from 0) of the dialog's drop-down @key,
 * which lists "Choose…" first. */
static void
choose_in_dialog (GtkWidget  *dialog,
                  const char *key,
                  guint       position)
{
  GtkWidget *input = find_input (dialog, key);

  g_assert_true (GTK_IS_DROP_DOWN (input));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input), position + 1);
}

static guint
unit_position (const char *id)
{
  const SapaChoice *units = sapa_flow_get_units ();

  for (guint i = 0; units[i].id != NULL; i++)
    if (g_str_equal (units[i].id, id))
      return i;
  g_error ("No unit %s", id);
}

static gboolean
action_dialog_shown (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) != NULL;
}

static gboolean
action_dialog_gone (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) == NULL;
}

static gboolean
airport_filter_shown (gpointer data)
{
  return find_widget (GTK_WIDGET (get_page (data)), "airport_filter", GTK_TYPE_DROP_DOWN) != NULL;
}

static const char *
selected_label (GtkWidget *dropdown)
{
  gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

typedef struct {
  GListModel *list;
  guint       n_items;
} Found;

static gboolean
airports_found (gpointer data)
{
  Found *found = data;

  /* "Choose…" stays first. */
  return g_list_model_get_n_items (found->list) == found->n_items + 1;
}

static gboolean
no_airport_shown (gpointer data)
{
  return find_widget (data, "followup_airport_none", GTK_TYPE_LABEL) != NULL;
}

static gboolean
one_airport_found (gpointer data)
{
  return airports_found (&(Found) { data, 1 });
}

static gboolean
action_error_shown (gpointer data)
{
  GtkWidget *label = find_widget (data, "action_error", GTK_TYPE_LABEL);

  return label != NULL && gtk_widget_get_visible (label);
}

typedef struct {
  GtkWidget  *detail;
  const char *title;
  const char *subtitle_part;
} TimelineWait;

/* TRUE when the timeline has a row titled @title (any, when NULL) whose
 * subtitle contains @subtitle_part. */
static gboolean
timeline_has (gpointer data)
{
  TimelineWait *wait = data;
  GtkWidget *timeline = find_widget (wait->detail, "timeline", GTK_TYPE_LIST_BOX);

  if (timeline == NULL)
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (timeline); row; row = gtk_widget_get_next_sibling (row))
    {
      const char *subtitle;

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      if ((wait->title == NULL ||
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wait->title) == 0) &&
          subtitle != NULL && strstr (subtitle, wait->subtitle_part) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A CGK PIC sees an overdue Dial 172 complaint and a counter complaint
 * still on time, sorts and filters them, and passes the overdue one to
 * the PIC at DPS; its first request stays in the timeline. */
static void
test_queue_sort_filter_reassign (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 now = local_instant ("Asia/Jakarta", 11, 0);
  g_autofree char *overdue = record_escalated (fixture, SAPA_FLOW_PHONE, "CGK", "Bapak Hendra",
                                               local_instant ("Asia/Jakarta", 10, 30),
                                               "cleaning", NULL, "Toilet gerbang D3 kotor");
  g_autofree char *on_time = record_escalated (fixture, SAPA_FLOW_COUNTER, "CGK", "Ibu Sari",
                                               local_instant ("Asia/Jakarta", 10, 20),
                                               "facilities", NULL, "Eskalator terminal 2 mati");
  g_autofree char *elsewhere = record_escalated (fixture, SAPA_FLOW_COUNTER, "CGK", "Pak Made",
                                                 local_instant ("Asia/Jakarta", 10, 0),
                                                 "branch", "DPS", "Koper tertinggal di DPS");
  g_autofree char *by_time_left = g_strdup_printf ("%s %s", overdue, on_time);
  g_autofree char *by_age = g_strdup_printf ("%s %s", on_time, overdue);
  SapaEscalationNotifier *notifier = sapa_window_get_escalation_notifier (fixture->window);
  Notifications notifications = { 0 };
  TimelineWait first_request = { NULL, "Tindak lanjut atau eskalasi", "Mohon dicek: Toilet gerbang D3 kotor" };
  TimelineWait reassignment = { NULL, "Alihkan ke unit atau bandara lain", "Bukan wilayah CGK" };
  GtkWidget *row;
  GtkWidget *dialog;
  GtkWidget *airport_search;
  GListModel *airport_list;
  guint n_airports;

  g_setenv ("SAPA_DATA_DIR", fixture->dir, TRUE);
  g_signal_connect (notifier, "notified", G_CALLBACK (notified_cb), &notifications);

  /* The Dial 172 target is 15 minutes around the clock, the counter's
   * 60 business minutes: one is 15 minutes late, the other has 20 left.
   * The ticket escalated to DPS is not CGK's. */
  show_queue_at (fixture, now);
  wait_for_order (fixture, by_time_left);
  assert_contains (clock_text (fixture, overdue), "Terlambat 15 menit");
  assert_contains (clock_text (fixture, on_time), "Sisa 20 menit");
  row = find_row (fixture, overdue);
  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Dieskalasi 10:30 WIB, 30 menit lalu");
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "CGK · Kebersihan");
  g_assert_false (gtk_widget_has_css_class (find_row (fixture, on_time), "overdue"));
  g_assert_null (find_row (fixture, elsewhere));
  save_screenshot (fixture, "escalations");

  /* Notified once each: the late one as overdue, the other as new. */
  sapa_escalation_notifier_check (notifier);
  wait_until (overdue_counted, notifier, "the overdue count");
  run_loop_for (300);
  g_assert_cmpuint (notifications.n, ==, 2);
  sapa_escalation_notifier_check (notifier);
  run_loop_for (300);
  g_assert_cmpuint (notifications.n, ==, 2);

  choose (fixture, "sort", "Terlama dulu");
  wait_for_order (fixture, by_age);
  choose (fixture, "sort", "Sisa waktu tersedikit dulu");
  wait_for_order (fixture, by_time_left);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (GTK_WIDGET (get_page (fixture)), "overdue_only",
                                                              GTK_TYPE_CHECK_BUTTON)), TRUE);
  wait_for_order (fixture, overdue);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (GTK_WIDGET (get_page (fixture)), "overdue_only",
                                                              GTK_TYPE_CHECK_BUTTON)), FALSE);
  choose (fixture, "unit_filter", "Fasilitas dan teknik");
  wait_for_order (fixture, on_time);
  choose (fixture, "unit_filter", "Semua unit");

  /* The PIC's queue lists CGK only, so an airport filter would change
   * nothing. A supervisor's list of every escalation offers it. */
  g_assert_null (find_widget (GTK_WIDGET (get_page (fixture)), "airport_filter", GTK_TYPE_DROP_DOWN));
  g_settings_set_string (sapa_context_get_settings (fixture->context), "escalation-scope", "all");
  wait_until (airport_filter_shown, fixture, "the airport filter");
  choose (fixture, "airport_filter", "DPS · I Gusti Ngurah Rai");
  wait_for_order (fixture, elsewhere);
  choose (fixture, "airport_filter", "CGK · Soekarno–Hatta");
  wait_for_order (fixture, by_time_left);
  choose (fixture, "airport_filter", "Semua bandara");
  g_settings_set_string (sapa_context_get_settings (fixture->context), "escalation-scope", "airport");
  wait_for_order (fixture, by_time_left);
  g_assert_null (find_widget (GTK_WIDGET (get_page (fixture)), "airport_filter", GTK_TYPE_DROP_DOWN));

  /* Open the overdue one and pass it to DPS's PIC. */
  gtk_widget_activate (find_row (fixture, overdue));
  gtk_widget_activate (wait_for_widget (fixture, "reassign", GTK_TYPE_BUTTON));
  wait_until (action_dialog_shown, NULL, "the reassign dialog");
  dialog = find_toplevel (SAPA_TYPE_ACTION_DIALOG);

  /* The cleaning unit at CGK has it already, so the dialog shows why
   * and stays open. */
  choose_in_dialog (dialog, "followup_unit", unit_position ("cleaning"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_input (dialog, "followup_note"))),
                            "Mohon dicek lagi", -1);
  gtk_widget_activate (find_widget (dialog, "save", GTK_TYPE_BUTTON));
  wait_until (action_error_shown, dialog, "the same-unit reassignment to be rejected");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (dialog, "action_error", GTK_TYPE_LABEL))), ==,
                   "Eskalasi ini sudah berada di CGK · Kebersihan. Pilih unit atau bandara lain.");
  g_assert_true (find_toplevel (SAPA_TYPE_ACTION_DIALOG) == dialog);
  /* Below the scrolled fields, it stays in view however long the form. */
  g_assert_null (gtk_widget_get_ancestor (find_widget (dialog, "action_error", GTK_TYPE_LABEL),
                                          GTK_TYPE_SCROLLED_WINDOW));

  /* Typing part of the airport's name finds it among the 48. */
  choose_in_dialog (dialog, "followup_unit", unit_position ("branch"));
  airport_search = find_widget (dialog, "followup_airport_search", GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (airport_search);
  airport_list = gtk_drop_down_get_model (GTK_DROP_DOWN (find_input (dialog, "followup_airport")));
  sapa_airport_get_all (&n_airports);
  g_assert_cmpuint (g_list_model_get_n_items (airport_list), ==, n_airports + 1);
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "ngurah");
  wait_until (one_airport_found, airport_list, "the airport search");
  g_assert_cmpstr (selected_label (find_input (dialog, "followup_airport")), ==,
                   "DPS · I Gusti Ngurah Rai, Badung, Bali (WITA)");
  /* By the city it serves, which is not where it lies. */
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "denpasar");
  wait_until (one_airport_found, airport_list, "the airport search by served city");
  /* "Bali" is DPS's province and the start of "Balikpapan": both are
   * listed, the whole word first, and only it is picked. */
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "bali");
  wait_until (airports_found, &(Found) { airport_list, 2 }, "two airports for “bali”");
  g_assert_cmpstr (selected_label (find_input (dialog, "followup_airport")), ==,
                   "DPS · I Gusti Ngurah Rai, Badung, Bali (WITA)");
  /* Many airports are named for a sultan: none is picked for the officer. */
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "sultan");
  wait_until (airports_found, &(Found) { airport_list, 8 }, "the 8 airports named for a sultan");
  g_assert_cmpstr (selected_label (find_input (dialog, "followup_airport")), ==, "Pilih…");
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "zzz");
  wait_until (airports_found, &(Found) { airport_list, 0 }, "no airport for “zzz”");
  wait_until (no_airport_shown, dialog, "the note that no airport matches");
  gtk_editable_set_text (GTK_EDITABLE (airport_search), "dps");
  wait_until (one_airport_found, airport_list, "the airport search by code");
  g_assert_false (no_airport_shown (dialog));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_input (dialog, "followup_note"))),
                            "Bukan wilayah CGK, mohon ditangani DPS", -1);
  gtk_widget_activate (find_widget (dialog, "save", GTK_TYPE_BUTTON));
  wait_until (action_dialog_gone, NULL, "the reassignment to be recorded");

  /* The timeline keeps the first request and adds the reassignment. */
  first_request.detail = find_type (GTK_WIDGET (get_page (fixture)), SAPA_TYPE_TICKET_DETAIL);
  reassignment.detail = first_request.detail;
  wait_until (timeline_has, &reassignment, "the reassignment in the timeline");
  g_assert_true (timeline_has (&first_request));
  save_screenshot (fixture, "escalation-reassigned");

  /* It is DPS's now, so CGK's queue no longer lists it. */
  wait_for_order (fixture, on_time);

  g_signal_handlers_disconnect_by_func (notifier, notified_cb, &notifications);
  g_free (notifications.last_title);
  g_unsetenv ("SAPA_DATA_DIR");
}

typedef struct {
  SapaEscalationNotifier *notifier;
  guint                   expected;
} OverdueWait;

static AdwViewStackPage *
get_section (Fixture    *fixture,
             const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, name));
}

static gboolean
overdue_reached (gpointer data)
{
  OverdueWait *wait = data;

  return sapa_escalation_notifier_get_overdue_count (wait->notifier) == wait->expected;
}

/* Records @n Dial 172 calls at CGK, escalated at 10:30 WIB to cleaning
 * and overdue from 10:45 WIB. */
static void
record_overdue (Fixture *fixture,
                guint    first,
                guint    n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Penumpang %u", i);
      g_autofree char *id = record_escalated (fixture, SAPA_FLOW_PHONE, "CGK", name,
                                              local_instant ("Asia/Jakarta", 10, 30),
                                              "cleaning", NULL, "Toilet gerbang D3 kotor");
    }
}

/* Up to 99 overdue escalations the badge shows the number. Three digits
 * would cover the section's icon, so 101 show as the attention dot. */
static void
test_badge_capped (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 now = local_instant ("Asia/Jakarta", 11, 0);
  SapaEscalationNotifier *notifier = sapa_window_get_escalation_notifier (fixture->window);
  AdwViewStackPage *page = get_section (fixture, "escalations");
  OverdueWait ninety_nine = { notifier, 99 };
  OverdueWait hundred_one = { notifier, 101 };

  g_setenv ("SAPA_DATA_DIR", fixture->dir, TRUE);

  record_overdue (fixture, 0, 99);
  show_queue_at (fixture, now);
  sapa_escalation_notifier_check (notifier);
  wait_until (overdue_reached, &ninety_nine, "99 overdue escalations");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 99);
  g_assert_false (adw_view_stack_page_get_needs_attention (page));

  record_overdue (fixture, 99, 2);
  sapa_escalations_page_reload (get_page (fixture));
  sapa_escalation_notifier_check (notifier);
  wait_until (overdue_reached, &hundred_one, "101 overdue escalations");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 0);
  g_assert_true (adw_view_stack_page_get_needs_attention (page));

  g_unsetenv ("SAPA_DATA_DIR");
}

/* The window opens with no page of a hidden section built. Until the
 * queue is first chosen in the stack, as the view switcher does, the
 * notifier alone keeps the section's badge and description current.
 * Then the page is built and lists the queue at once. */
static void
test_built_when_first_shown (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 now = local_instant ("Asia/Jakarta", 11, 0);
  g_autofree char *overdue = record_escalated (fixture, SAPA_FLOW_PHONE, "CGK", "Bapak Hendra",
                                               local_instant ("Asia/Jakarta", 10, 30),
                                               "cleaning", NULL, "Toilet gerbang D3 kotor");
  g_autofree char *on_time = record_escalated (fixture, SAPA_FLOW_COUNTER, "CGK", "Ibu Sari",
                                               local_instant ("Asia/Jakarta", 10, 20),
                                               "facilities", NULL, "Eskalator terminal 2 mati");
  g_autofree char *by_time_left = g_strdup_printf ("%s %s", overdue, on_time);
  SapaEscalationNotifier *notifier = sapa_window_get_escalation_notifier (fixture->window);
  AdwViewStackPage *section = get_section (fixture, "escalations");
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK));
  OverdueWait one_overdue = { notifier, 1 };
  SapaEscalationsPage *page;
  GtkWidget *row;

  g_setenv ("SAPA_DATA_DIR", fixture->dir, TRUE);

  g_assert_nonnull (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_SERVICE_PAGE));
  g_assert_null (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_TICKETS_PAGE));
  g_assert_null (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_SNS_PAGE));
  g_assert_null (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_REPORTS_PAGE));
  g_assert_null (get_page (fixture));

  sapa_escalation_notifier_set_now (notifier, now);
  sapa_escalation_notifier_check (notifier);
  wait_until (overdue_reached, &one_overdue, "1 overdue escalation");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (section), ==, 1);
  gtk_test_accessible_assert_property (adw_view_stack_page_get_child (section),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "1 eskalasi terlambat");
  g_assert_null (get_page (fixture));

  adw_view_stack_set_visible_child_name (stack, "escalations");
  page = get_page (fixture);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  sapa_escalations_page_set_now (page, now);
  sapa_escalations_page_reload (page);

  wait_for_order (fixture, by_time_left);
  assert_contains (clock_text (fixture, overdue), "Terlambat 15 menit");
  assert_contains (clock_text (fixture, on_time), "Sisa 20 menit");
  row = find_row (fixture, overdue);
  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "CGK · Kebersihan");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (section), ==, 1);

  g_unsetenv ("SAPA_DATA_DIR");
}

typedef struct {
  SapaEscalationsPage *page;
  const char          *expected;
} StatusWait;

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
status_shown (gpointer data)
{
  StatusWait *wait = data;
  GtkWidget *detail = find_type (GTK_WIDGET (wait->page), SAPA_TYPE_TICKET_DETAIL);

  return detail != NULL && has_label (detail, wait->expected);
}

/* Sets the stored status of ticket @id behind the page's back, as a
 * sync would. */
static void
set_status (const char *path,
            const char *id,
            const char *status)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE tickets SET status = ? WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A sync can change a ticket's status without a new activity, when the
 * server undoes a rejected step: the ticket beside the queue follows. */
static void
test_shown_ticket_follows_status (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 now = local_instant ("Asia/Jakarta", 11, 0);
  g_autofree char *id = record_escalated (fixture, SAPA_FLOW_PHONE, "CGK", "Bapak Hendra",
                                          local_instant ("Asia/Jakarta", 10, 30),
                                          "cleaning", NULL, "Toilet gerbang D3 kotor");
  g_autofree char *path = g_build_filename (fixture->dir, "sapa.db", NULL);
  StatusWait escalated, answered, closed;

  show_queue_at (fixture, now);
  wait_for_order (fixture, id);
  gtk_widget_activate (find_row (fixture, id));
  escalated = (StatusWait) { get_page (fixture), "Status: Dieskalasi" };
  wait_until (status_shown, &escalated, "the escalated status");

  set_status (path, id, "answered");

  sapa_escalations_page_reload (get_page (fixture));
  answered = (StatusWait) { get_page (fixture), "Status: Dijawab PIC" };
  wait_until (status_shown, &answered, "the answered status");

  /* Closed at the desk that escalated it, it leaves the queue, and the
   * ticket beside the queue shows that it is closed. */
  set_status (path, id, "closed");
  sapa_escalations_page_reload (get_page (fixture));
  closed = (StatusWait) { get_page (fixture), "Status: Selesai" };
  wait_until (status_shown, &closed, "the closed status");
  wait_for_order (fixture, "");
}

static void
write_sla_file (Fixture    *fixture,
                const char *text)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sla.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

typedef struct {
  Fixture    *fixture;
  const char *ticket_id;
  const char *expected;
} ClockWait;

static gboolean
clock_reached (gpointer data)
{
  ClockWait *wait = data;
  GtkWidget *row = find_row (wait->fixture, wait->ticket_id);
  GtkWidget *clock = row != NULL ? find_widget (row, "clock", GTK_TYPE_LABEL) : NULL;

  return clock != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (clock)), wait->expected) == 0;
}

static void
wait_for_clock (Fixture    *fixture,
                const char *ticket_id,
                const char *expected)
{
  ClockWait wait = { fixture, ticket_id, expected };

  wait_until (clock_reached, &wait, expected);
}

/* The DJJ ticket created 10:00 WIT with a 30-minute first-response
 * target shows 25 minutes left to a supervisor's desk in Jakarta at 08:05
 * WIB and in Denpasar at 09:05 WITA, with its time in WIT. */
static void
test_djj_example (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *djj = NULL;
  const char *desks[][2] = {
    { "CGK", "Asia/Jakarta" },
    { "DPS", "Asia/Makassar" },
  };

  g_setenv ("SAPA_DATA_DIR", fixture->dir, TRUE);
  write_sla_file (fixture, "[sla/phone/*]\nfirst-response-minutes=30\nfirst-response-hours=business\n");
  djj = record_escalated (fixture, SAPA_FLOW_PHONE, "DJJ", "Yohanes Wenda",
                          local_instant ("Asia/Jayapura", 10, 0), "facilities", "DJJ",
                          "AC ruang tunggu mati");
  g_settings_set_string (fixture->settings, "escalation-scope", "all");

  for (guint i = 0; i < G_N_ELEMENTS (desks); i++)
    {
      gint64 now = local_instant (desks[i][1], 8 + i, 5);
      GtkWidget *row;

      /* Ten minutes later first, so that the check below sees this
       * desk's reload and not the one before it. */
      g_settings_set_string (fixture->settings, "airport", desks[i][0]);
      show_queue_at (fixture, now + 10 * MINUTE);
      wait_for_clock (fixture, djj, "Respons pertama: Sisa 15 menit");

      show_queue_at (fixture, now);
      wait_for_clock (fixture, djj, "Respons pertama: Sisa 25 menit");
      row = find_row (fixture, djj);
      assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                       "DJJ · Fasilitas dan teknik · Dieskalasi 10:00 WIT, 5 menit lalu");
    }

  g_unsetenv ("SAPA_DATA_DIR");
}

static gboolean
config_bar_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *bar = find_type (GTK_WIDGET (get_page (fixture)), GTK_TYPE_INFO_BAR);

  return bar != NULL && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

/* A malformed SLA file is named above the queue, and the built-in
 * targets keep the clocks running. */
static void
test_bad_sla_file_reported (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *ticket = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "sla.conf", NULL);
  GtkWidget *bar;
  GtkWidget *label;

  g_setenv ("SAPA_DATA_DIR", fixture->dir, TRUE);
  write_sla_file (fixture, "[sla/phone/*]\nfirst-response-minutes=setengah jam\n");
  ticket = record_escalated (fixture, SAPA_FLOW_PHONE, "CGK", "Bapak Hendra",
                             local_instant ("Asia/Jakarta", 10, 55), "cleaning", NULL, "Toilet kotor");

  show_queue_at (fixture, local_instant ("Asia/Jakarta", 11, 0));
  wait_until (config_bar_shown, fixture, "the SLA file problem");
  bar = find_type (GTK_WIDGET (get_page (fixture)), GTK_TYPE_INFO_BAR);
  label = find_type (bar, GTK_TYPE_LABEL);
  assert_contains (gtk_label_get_text (GTK_LABEL (label)), path);
  assert_contains (gtk_label_get_text (GTK_LABEL (label)), "setengah jam");
  wait_for_order (fixture, ticket);
  /* The built-in Dial 172 target: 15 minutes around the clock. */
  assert_contains (clock_text (fixture, ticket), "Sisa 10 menit");
  save_screenshot (fixture, "escalations-bad-sla-file");

  g_unsetenv ("SAPA_DATA_DIR");
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend records accessible properties
   * for gtk_test_accessible_assert_property(); the suite's "none" has no
   * record to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/sapa/ui/escalations/sort-filter-reassign", Fixture, NULL,
              fixture_set_up, test_queue_sort_filter_reassign, fixture_tear_down);
  g_test_add ("/sapa/ui/escalations/badge-capped", Fixture, NULL,
              fixture_set_up, test_badge_capped, fixture_tear_down);
  g_test_add ("/sapa/ui/escalations/built-when-first-shown", Fixture, NULL,
              fixture_set_up, test_built_when_first_shown, fixture_tear_down);
  g_test_add ("/sapa/ui/escalations/shown-ticket-follows-status", Fixture, NULL,
              fixture_set_up, test_shown_ticket_follows_status, fixture_tear_down);
  g_test_add ("/sapa/ui/escalations/djj-example", Fixture, NULL,
              fixture_set_up, test_djj_example, fixture_tear_down);
  g_test_add ("/sapa/ui/escalations/bad-sla-file", Fixture, NULL,
              fixture_set_up, test_bad_sla_file_reported, fixture_tear_down);

  return g_test_run ();
}
