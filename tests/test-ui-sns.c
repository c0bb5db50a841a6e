/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-sns.c: a special-needs booking through to the airline's staff */

#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>

#include <string.h>
#include <adwaita.h>

#include "sapa-airport.h"
#include "sapa-preferences-window.h"
#include "sapa-sns-page.h"
#include "sapa-station-dialog.h"
#include "sapa-time.h"
#include "ui-test-helpers.h"

typedef struct {
  Fixture    *fixture;
  const char *list;
  const char *title;
} RowWait;

static GtkWidget *
find_row (Fixture    *fixture,
          const char *list_name,
          const char *title)
{
  GtkWidget *page = find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_SNS_PAGE);
  GtkWidget *list = page ? find_widget (page, list_name, GTK_TYPE_LIST_BOX) : NULL;

  if (list == NULL)
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;
  return NULL;
}

static gboolean
row_listed (gpointer data)
{
  RowWait *wait = data;

  return find_row (wait->fixture, wait->list, wait->title) != NULL;
}

static GtkWidget *
wait_for_row (Fixture    *fixture,
              const char *list,
              const char *title)
{
  RowWait wait = { fixture, list, title };

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-sns", NULL);
  sapa_sns_page_reload (SAPA_SNS_PAGE (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_SNS_PAGE)));
  wait_until (row_listed, &wait, title);
  return find_row (fixture, list, title);
}

/* Returns the service clock of @widget's row: the label with the
 * "numeric" style class, or NULL. */
static GtkLabel *
find_clock (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric"))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *clock = find_clock (child);

      if (clock != NULL)
        return clock;
    }
  return NULL;
}

/* Tomorrow's date at @iata, as the booking form takes it. */
static char *
tomorrow_at (const char *iata)
{
  g_autoptr(GDateTime) local = sapa_time_to_zone (g_get_real_time (), sapa_airport_lookup (iata)->time_zone);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local, 1);

  return g_date_time_format (tomorrow, "%Y-%m-%d");
}

/* The time of day now at @iata, as the counter form takes it. */
static char *
clock_at (const char *iata)
{
  g_autoptr(GDateTime) local = sapa_time_to_zone (g_get_real_time (), sapa_airport_lookup (iata)->time_zone);

  return g_date_time_format (local, "%H:%M");
}

/* A 172 officer books Ibu Ratna (WCHC, wheelchair and ambulift, GA 404
 * from UPG, arriving 05:30 WITA tomorrow); the UPG counter sees her
 * expected, serves her, escorts her to the holding room and hands her
 * over to Yoga of the airline. */
static void
test_booking_to_handover (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *flight_date = tomorrow_at ("UPG");
  g_autofree char *handover_time = NULL;
  g_autofree char *handed_over = NULL;
  GtkWidget *row;

  start_flow (fixture, "sns_prebook");
  take (fixture, "next", "purpose");
  fill (fixture, "purpose", "Memesan kursi roda untuk ibu saya");
  take (fixture, "next", "identity");
  fill (fixture, "name", "Ibu Ratna");
  fill (fixture, "phone", "0812 4444 5555");
  fill (fixture, "flight", "GA 404");
  fill (fixture, "flight_date", flight_date);
  fill (fixture, "departure_time", "07:10");
  fill (fixture, "eta", "05:30");
  fill (fixture, "airport", "UPG");
  tick (fixture, "ssr", "WCHC");
  fill (fixture, "consent", "yes");
  tick (fixture, "equipment", "wheelchair");
  tick (fixture, "equipment", "ambulift");
  take (fixture, "next", "confirm");
  take (fixture, "sesuai", "follow_up");
  take (fixture, "next", NULL);
  gtk_widget_activate (wait_for_widget (fixture, "new_service", GTK_TYPE_BUTTON));

  /* The CGK desk that took the booking does not expect her. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-sns", NULL);
  run_loop_for (500);
  g_assert_null (find_row (fixture, "expected", "Ibu Ratna · GA 404"));

  /* At UPG she is expected at 05:30 WITA. */
  g_settings_set_string (fixture->settings, "airport", "UPG");
  row = wait_for_row (fixture, "expected", "Ibu Ratna · GA 404");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "05:30 WITA"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "WCHC"));
  /* What to prepare comes with the booking. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Ambulift"));
  save_screenshot (fixture, "sns-expected");

  /* "Arrived" carries the booking over: the purpose, the phone and the
   * consent are not asked again. */
  gtk_widget_activate (find_widget (row, "arrived", GTK_TYPE_BUTTON));
  wait_for_widget (fixture, "next", GTK_TYPE_BUTTON);
  take (fixture, "next", "purpose");
  take (fixture, "next", "identity");
  take (fixture, "next", "confirm_identify");
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), "phone", ADW_TYPE_ACTION_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find_widget (GTK_WIDGET (fixture->window), "purpose", ADW_TYPE_ACTION_ROW))),
                   ==, "Memesan kursi roda untuk ibu saya");
  take (fixture, "sesuai", "prepare");
  tick (fixture, "equipment", "wheelchair");
  tick (fixture, "equipment", "ambulift");
  fill (fixture, "officer_assigned", "Andi");
  take (fixture, "next", "service");
  take (fixture, "start", "destination");

  row = wait_for_row (fixture, "in_service", "Ibu Ratna · GA 404");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Andi"));
  /* The clock shows its state in words as well as in colour. */
  g_assert_nonnull (find_clock (row));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (find_clock (row)), "0 mnt sejak "));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (find_clock (row)), ", tepat waktu"));
  g_assert_null (find_row (fixture, "expected", "Ibu Ratna · GA 404"));
  save_screenshot (fixture, "sns-in-service");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-service", NULL);
  take (fixture, "holding_room", "holding");
  row = wait_for_row (fixture, "holding", "Ibu Ratna · GA 404");
  g_assert_nonnull (find_clock (row));
  g_assert_nonnull (strstr (gtk_label_get_text (find_clock (row)), "sejak masuk holding room, tepat waktu"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-service", NULL);
  take (fixture, "handover", "handover");
  fill (fixture, "airline", "Garuda Indonesia");
  fill (fixture, "airline_staff", "Yoga");
  handover_time = clock_at ("UPG");
  fill (fixture, "handover_time", handover_time);
  take (fixture, "next", NULL);

  row = wait_for_row (fixture, "handed_over", "Ibu Ratna · GA 404");
  handed_over = g_strdup_printf ("Diserahterimakan ke Yoga (Garuda Indonesia) pukul %s WITA", handover_time);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), handed_over));
}

static GtkSpinButton *
nth_spin (GtkWidget *root,
          guint      n)
{
  guint seen = 0;
  GtkWidget *stack[256];
  guint top = 0;

  stack[top++] = root;
  while (top > 0)
    {
      GtkWidget *widget = stack[--top];
      GtkWidget *children[64];
      guint n_children = 0;

      if (GTK_IS_SPIN_BUTTON (widget) && seen++ == n)
        return GTK_SPIN_BUTTON (widget);

      /* Push the children in reverse so they are visited in order. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child && n_children < 64;
           child = gtk_widget_get_next_sibling (child))
        children[n_children++] = child;
      while (n_children > 0 && top < 256)
        stack[top++] = children[--n_children];
    }
  return NULL;
}

/* The targets are edited in order, and a row whose 80 % target would
 * exceed its 100 % limit is not saved. */
static void
test_preferences_targets (Fixture       *fixture,
                          gconstpointer  data)
{
  SapaPreferencesWindow *window = sapa_preferences_window_new (fixture->settings);
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GVariant) unchanged = NULL;
  g_autofree char *language = NULL;
  const guint32 *minutes;
  gsize n;

  gtk_window_present (GTK_WINDOW (window));
  run_loop_for (300);

  /* Spin buttons in order: the sync interval, the receipt copies, the six
   * targets, then the reminder. */
  gtk_spin_button_set_value (nth_spin (GTK_WIDGET (window), 0), 120);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "sync-interval"), ==, 120);
  gtk_spin_button_set_value (nth_spin (GTK_WIDGET (window), 1), 2);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "receipt-copies"), ==, 2);

  gtk_spin_button_set_value (nth_spin (GTK_WIDGET (window), 2), 12);
  saved = g_settings_get_value (fixture->settings, "sns-targets-prebooked");
  minutes = g_variant_get_fixed_array (saved, &n, sizeof (guint32));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (minutes[0], ==, 12);
  g_assert_cmpuint (minutes[2], ==, 30);

  gtk_spin_button_set_value (nth_spin (GTK_WIDGET (window), 5), 60);
  unchanged = g_settings_get_value (fixture->settings, "sns-targets-walk-in");
  minutes = g_variant_get_fixed_array (unchanged, &n, sizeof (guint32));
  g_assert_cmpuint (minutes[0], ==, 25);

  gtk_spin_button_set_value (nth_spin (GTK_WIDGET (window), 8), 45);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "sns-notify-minutes"), ==, 45);

  /* The language takes effect at the next start; the key is what main ()
   * reads. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_type (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW)), 2);
  language = g_settings_get_string (fixture->settings, "language");
  g_assert_cmpstr (language, ==, "en");

  save_screenshot (fixture, "preferences");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The desk is saved in one go, and settings changed after it are still
 * written at once: the dialog's batch must not hold back the app's. */
static void
test_station_dialog_saves (Fixture       *fixture,
                           gconstpointer  data)
{
  SapaStationDialog *dialog = sapa_station_dialog_new (fixture->settings, FALSE);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) reader = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *url = NULL;
  const SapaAirport *airports;
  guint n_airports, dps = 0;

  airports = sapa_airport_get_all (&n_airports);
  for (guint i = 0; i < n_airports; i++)
    if (g_str_equal (airports[i].iata, "DPS"))
      dps = i + 1;

  gtk_window_present (GTK_WINDOW (dialog));
  run_loop_for (200);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)), dps);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_type (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON)), 4);
  gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)), "Made Wirawan");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), "save", GTK_TYPE_BUTTON), "clicked");

  airport = g_settings_get_string (fixture->settings, "airport");
  g_assert_cmpstr (airport, ==, "DPS");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "workstation"), ==, 4);

  g_settings_set_string (fixture->settings, "server-url", "http://127.0.0.1:8443");
  g_assert_false (g_settings_get_has_unapplied (fixture->settings));
  g_object_get (fixture->settings, "backend", &backend, NULL);
  reader = g_settings_new_with_backend (APPLICATION_ID, backend);
  url = g_settings_get_string (reader, "server-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8443");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/sapa/ui/sns/booking-to-handover", Fixture, NULL,
              fixture_set_up, test_booking_to_handover, fixture_tear_down);

  g_test_add ("/sapa/ui/sns/preferences-targets", Fixture, NULL,
              fixture_set_up, test_preferences_targets, fixture_tear_down);

  g_test_add ("/sapa/ui/sns/station-dialog-saves", Fixture, NULL,
              fixture_set_up, test_station_dialog_saves, fixture_tear_down);

  return g_test_run ();
}
