/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-sync.c: signing in and syncing from the window, with a real server */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "sapa-rejections-dialog.h"
#include "sapa-sign-in-dialog.h"
#include "sapa-sync-indicator.h"
#include "sapa-wizard.h"
#include "server-test-helpers.h"
#include "ui-test-helpers.h"

typedef struct {
  Fixture    fixture;
  TestServer *server;
} SyncFixture;

static void
sync_set_up (SyncFixture   *sync,
             gconstpointer  data)
{
  sync->server = test_server_new ();
  /* The UI fixture's desk is CGK 07, signed in by a CGK officer. */
  test_server_admin (sync->server, NULL, "register-workstation", "CGK", "7", NULL);
  test_server_start (sync->server, NULL);
  fixture_set_up (&sync->fixture, data);
}

static void
sync_tear_down (SyncFixture   *sync,
                gconstpointer  data)
{
  fixture_tear_down (&sync->fixture, data);
  test_server_free (sync->server);
}

static SapaSyncClient *
client_of (SyncFixture *sync)
{
  return sapa_context_get_sync (sync->fixture.context);
}

static char *
describe (SyncFixture *sync)
{
  GtkWidget *indicator = find_type (GTK_WIDGET (sync->fixture.window), SAPA_TYPE_SYNC_INDICATOR);

  g_assert_nonnull (indicator);
  return sapa_sync_indicator_describe (SAPA_SYNC_INDICATOR (indicator));
}

static gboolean
signed_in (gpointer data)
{
  SyncFixture *sync = data;

  return sapa_sync_client_get_token (client_of (sync)) != NULL &&
         find_toplevel (SAPA_TYPE_SIGN_IN_DIALOG) == NULL;
}

static gboolean
everything_sent (gpointer data)
{
  SyncFixture *sync = data;
  SapaSyncClient *client = client_of (sync);

  return sapa_sync_client_get_last_sync (client) != 0 && !sapa_sync_client_get_syncing (client) &&
         sapa_sync_client_get_pending (client) == 0 && sapa_sync_client_get_last_error (client) == NULL;
}

typedef struct {
  SyncFixture *sync;
  gint64       count;
} ServerWait;

static gboolean
server_has (gpointer data)
{
  ServerWait *wait = data;

  return test_server_query_int (wait->sync->server, "SELECT count (*) FROM activities") == wait->count &&
         everything_sent (wait->sync);
}

static gboolean
offline (gpointer data)
{
  SyncFixture *sync = data;
  SapaSyncClient *client = client_of (sync);

  return !sapa_sync_client_get_online (client) && !sapa_sync_client_get_syncing (client) &&
         sapa_sync_client_get_last_error (client) != NULL && sapa_sync_client_get_pending (client) > 0;
}

static gboolean
sign_in_shown (gpointer data)
{
  return find_toplevel (SAPA_TYPE_SIGN_IN_DIALOG) != NULL;
}

static gboolean
sign_in_refused (gpointer data)
{
  return find_widget (data, "sign-in-error", GTK_TYPE_LABEL) != NULL;
}

static gboolean
rejected_button_shown (gpointer data)
{
  return find_widget (data, "rejected", GTK_TYPE_BUTTON) != NULL;
}

static gboolean
rejected_listed (gpointer data)
{
  GtkWidget *dialog = find_toplevel (SAPA_TYPE_REJECTIONS_DIALOG);
  GtkWidget *row = dialog != NULL ? find_type (dialog, ADW_TYPE_ACTION_ROW) : NULL;

  return row != NULL;
}

/* Records a closed counter feedback directly in the store, as the wizard
 * does, and notifies the context. */
static void
record_ticket (SyncFixture *sync,
               const char  *name)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup ("counter"), "CGK", 7, "Dewi Sartika");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const branches[] = { "next", "next", "next", "sesuai", "answer_now", "sesuai" };

  for (guint i = 0; i < G_N_ELEMENTS (branches); i++)
    {
      if (i == 1)
        sapa_wizard_set_value (wizard, "purpose", "Tanya jadwal bus Damri");
      if (i == 2)
        {
          sapa_wizard_set_value (wizard, "name", name);
          sapa_wizard_set_value (wizard, "phone", "0812-1111-2222");
        }
      if (i == 4)
        sapa_wizard_set_value (wizard, "category", "information");
      if (i == 5)
        sapa_wizard_set_value (wizard, "answer", "Bus berangkat tiap 30 menit dari pintu 1");
      sapa_wizard_advance_at (wizard, branches[i], g_get_real_time (), &error);
      g_assert_no_error (error);
    }
  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (sync->fixture.store, wizard, activities, &error);
  g_assert_no_error (error);
  sapa_context_ticket_recorded (sync->fixture.context, ticket);
}

static void
test_sign_in_sync_offline_and_back (SyncFixture   *sync,
                                    gconstpointer  data)
{
  Fixture *fixture = &sync->fixture;
  g_autofree char *text = NULL;
  g_autofree char *port_text = NULL;
  GtkWidget *dialog;
  const char *port_args[3] = { "--port", NULL, NULL };

  fixture_open_window (fixture);
  text = describe (sync);
  g_assert_nonnull (strstr (text, "Belum tersambung ke server"));
  g_clear_pointer (&text, g_free);

  /* A wrong password is refused in the dialog, in Indonesian. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-in", NULL);
  wait_until (sign_in_shown, NULL, "the sign-in dialog");
  dialog = find_toplevel (SAPA_TYPE_SIGN_IN_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, "server", ADW_TYPE_ENTRY_ROW)), sync->server->url);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, "user", ADW_TYPE_ENTRY_ROW)), "cso_cgk");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, "password", ADW_TYPE_PASSWORD_ENTRY_ROW)), "salah-sandi");
  g_signal_emit_by_name (find_widget (dialog, "sign-in", GTK_TYPE_BUTTON), "clicked");
  wait_until (sign_in_refused, dialog, "the refusal");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (dialog, "sign-in-error", GTK_TYPE_LABEL))),
                   ==, "Nama pengguna atau kata sandi salah.");
  save_screenshot (fixture, "sign-in-refused");

  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, "password", ADW_TYPE_PASSWORD_ENTRY_ROW)), TEST_PASSWORD);
  g_signal_emit_by_name (find_widget (dialog, "sign-in", GTK_TYPE_BUTTON), "clicked");
  wait_until (signed_in, sync, "the sign-in");
  wait_until (everything_sent, sync, "the first sync");
  {
    g_auto(GStrv) roles = g_settings_get_strv (fixture->settings, "sync-roles");
    g_auto(GStrv) airports = g_settings_get_strv (fixture->settings, "sync-airports");

    g_assert_cmpuint (g_strv_length (roles), ==, 1);
    g_assert_cmpstr (roles[0], ==, "cso");
    g_assert_cmpstr (airports[0], ==, "CGK");
  }

  /* A ticket recorded now reaches the server by itself. */
  record_ticket (sync, "Ibu Kartini");
  wait_until (server_has, &(ServerWait) { sync, 6 }, "the ticket's sync");
  text = describe (sync);
  g_assert_nonnull (strstr (text, "Tersambung ke server"));
  g_assert_nonnull (strstr (text, "Semua sudah terkirim"));
  g_clear_pointer (&text, g_free);

  /* The server goes away: work goes on and waits. */
  port_text = g_strdup_printf ("%u", sync->server->port);
  test_server_stop (sync->server);
  record_ticket (sync, "Pak Harun");
  wait_until (offline, sync, "the failed sync");
  text = describe (sync);
  g_assert_nonnull (strstr (text, "Server tidak terjangkau"));
  g_assert_nonnull (strstr (text, "6 aktivitas belum terkirim"));
  g_clear_pointer (&text, g_free);
  save_screenshot (fixture, "sync-offline");

  /* Back on the same address: the backoff retries within seconds. */
  port_args[1] = port_text;
  test_server_start (sync->server, port_args);
  wait_until (server_has, &(ServerWait) { sync, 12 }, "the sync after the server returned");
}

static void
test_rejected_activities_listed (SyncFixture   *sync,
                                 gconstpointer  data)
{
  Fixture *fixture = &sync->fixture;
  g_autofree char *path = g_build_filename (fixture->dir, "sapa.db", NULL);
  GtkWidget *indicator;
  GtkWidget *button;
  GtkWidget *dialog;
  GtkWidget *row;
  sqlite3 *db = NULL;

  record_ticket (sync, "Ibu Fatmawati");
  /* As a push response would leave it: the server rejected the close because the
   * ticket had moved on elsewhere. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE sync_outbox SET state = 'rejected', reason = 'state', detail = 'closed'"
                                 " WHERE rowid = (SELECT max (rowid) FROM sync_outbox)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture_open_window (fixture);
  indicator = find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_SYNC_INDICATOR);
  /* The button sits in the indicator's popover. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (find_type (indicator, GTK_TYPE_MENU_BUTTON)));
  wait_until (rejected_button_shown, indicator, "the rejected activities button");
  button = find_widget (indicator, "rejected", GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "1 Aktivitas Ditolak");

  g_signal_emit_by_name (button, "clicked");
  wait_until (rejected_listed, NULL, "the rejected activity");
  dialog = find_toplevel (SAPA_TYPE_REJECTIONS_DIALOG);
  row = find_type (dialog, ADW_TYPE_ACTION_ROW);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "CGK-07-"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Tiket sudah berpindah ke “Selesai”"));
  save_screenshot (fixture, "sync-rejected");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The desk offers what the signed-in user's roles allow, as the server
 * will check it; a desk that never signed in offers everything. */
static void
test_actions_follow_roles (SyncFixture   *sync,
                           gconstpointer  data)
{
  Fixture *fixture = &sync->fixture;
  const char * const cso_cgk[] = { "cso", NULL };
  const char * const cgk[] = { "CGK", NULL };
  const char * const pic[] = { "pic", NULL };
  const char * const dps[] = { "DPS", NULL };
  g_autoptr(SapaTicket) ticket = NULL;
  SapaTicketQuery query = { 0 };
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;

  record_ticket (sync, "Ibu Sri");
  rowids = sapa_store_query (fixture->store, &query, &error);
  g_assert_no_error (error);
  tickets = sapa_store_load_tickets (fixture->store, rowids, &error);
  g_assert_no_error (error);
  ticket = g_object_ref (g_ptr_array_index (tickets, 0));

  g_assert_true (sapa_context_may_take_action (fixture->context, "reopen", ticket));
  g_assert_true (sapa_context_records_procedures (fixture->context));

  g_settings_set_strv (fixture->settings, "sync-roles", cso_cgk);
  g_settings_set_strv (fixture->settings, "sync-airports", cgk);
  g_assert_true (sapa_context_may_take_action (fixture->context, "reopen", ticket));
  g_assert_false (sapa_context_may_take_action (fixture->context, "pic_answer", ticket));
  g_assert_true (sapa_context_records_procedures (fixture->context));

  /* DPS's PIC answers and passes on, but does not reopen a CGK ticket
   * or record a service. */
  g_settings_set_strv (fixture->settings, "sync-roles", pic);
  g_settings_set_strv (fixture->settings, "sync-airports", dps);
  g_assert_false (sapa_context_may_take_action (fixture->context, "reopen", ticket));
  g_assert_true (sapa_context_may_take_action (fixture->context, "pic_answer", ticket));
  g_assert_true (sapa_context_may_take_action (fixture->context, "note", ticket));
  g_assert_false (sapa_context_records_procedures (fixture->context));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/sync/sign-in-offline-and-back", SyncFixture, NULL, sync_set_up,
              test_sign_in_sync_offline_and_back, sync_tear_down);
  g_test_add ("/ui/sync/rejected-listed", SyncFixture, NULL, sync_set_up,
              test_rejected_activities_listed, sync_tear_down);
  g_test_add ("/ui/sync/actions-follow-roles", SyncFixture, NULL, sync_set_up,
              test_actions_follow_roles, sync_tear_down);

  return g_test_run ();
}
