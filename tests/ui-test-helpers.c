/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-helpers.c: driving Sapa's real widgets from the UI suites */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <adwaita.h>

#include "sapa-action-dialog.h"
#include "sapa-airport.h"
#include "sapa-field-row.h"
#include "sapa-ticket-detail.h"
#include "sapa-ticket-list-model.h"
#include "sapa-tickets-page.h"
#include "sapa-wizard-view.h"
#include "ui-test-helpers.h"

/* One application for all tests: GTK registers an application once. */
GtkApplication *test_application;


/* Runs the main loop until @check returns TRUE, failing after 10 s. */
void
wait_until (gboolean (*check) (gpointer data),
            gpointer   data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SapaStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = sapa_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

void
fixture_open_window (Fixture *fixture)
{
  fixture->context = sapa_context_new (fixture->store, fixture->settings);
  fixture->window = sapa_window_new (fixture->application, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autofree char *path = NULL;

  /* A crash test shares its folder between the killed child and the parent. */
  if (g_getenv ("SAPA_TEST_SHARED_DIR") != NULL)
    fixture->dir = g_strdup (g_getenv ("SAPA_TEST_SHARED_DIR"));
  else
    fixture->dir = g_dir_make_tmp ("sapa-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "sapa.db", NULL);
  sapa_store_open_async (path, NULL, store_opened_cb, &fixture->store);
  wait_until (pointer_set, &fixture->store, "the store to open");

  fixture->settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  g_settings_set_string (fixture->settings, "airport", "CGK");
  g_settings_set_uint (fixture->settings, "workstation", 7);
  g_settings_set_string (fixture->settings, "officer", "Dewi Sartika");

  fixture->application = g_object_ref (test_application);
  fixture_open_window (fixture);
}

/* Closes the popovers that are open under @widget. */
static void
pop_down_all (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    gtk_popover_popdown (GTK_POPOVER (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    pop_down_all (child);
}

void
fixture_close_window (Fixture *fixture)
{
  /* A popover that appeared under the X pointer started GTK's tooltip
   * timer. GTK 4.8 runs that timer even when the window was destroyed with
   * the popover open, and then aborts the next test with a critical
   * about a missing surface. Closed first, the popover hands the pointer
   * back to the window. */
  pop_down_all (GTK_WIDGET (fixture->window));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_clear_object (&fixture->context);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  fixture_close_window (fixture);
  g_clear_object (&fixture->application);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Widget lookup */

GtkWidget *
find_widget (GtkWidget  *root,
             const char *name,
             GType       type)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 &&
      G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, name, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *name;
  GType       type;
} Lookup;

static gboolean
widget_shown (gpointer data)
{
  Lookup *lookup = data;

  return find_widget (GTK_WIDGET (lookup->fixture->window), lookup->name, lookup->type) != NULL;
}

/* Waits until a mapped widget of @type called @name exists and returns it. */
GtkWidget *
wait_for_widget (Fixture    *fixture,
                 const char *name,
                 GType       type)
{
  Lookup lookup = { fixture, name, type };

  wait_until (widget_shown, &lookup, name);
  return find_widget (GTK_WIDGET (fixture->window), name, type);
}

/* Saves the window as @name.png in $SAPA_SCREENSHOT_DIR, when that is set:
 * the same run that checks the screens can show them. */
void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  const char *dir = g_getenv ("SAPA_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;

  /* Let pending layout and drawing settle first. */
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

SapaWizardView *
get_wizard_view (Fixture *fixture)
{
  return SAPA_WIZARD_VIEW (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_WIZARD_VIEW));
}

static gboolean
is_input (GtkWidget *widget)
{
  return GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget);
}

/* Returns the mapped input called @name: the field row and its input
 * share the name, so the row itself is skipped. */
GtkWidget *
find_input (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 &&
      is_input (root) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_input (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Selects the item of choice id @id: the drop-down lists "Choose…" first,
 * then the field's choices in order, whatever the UI language. */
static void
select_choice (GtkDropDown *dropdown,
               const char  *id)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (dropdown), SAPA_TYPE_FIELD_ROW);
  const SapaField *field = sapa_field_row_get_field (SAPA_FIELD_ROW (row));
  guint position = 1;

  if (field->type == SAPA_FIELD_AIRPORT)
    {
      guint n_airports;
      const SapaAirport *airports = sapa_airport_get_all (&n_airports);

      for (guint i = 0; i < n_airports; i++)
        if (g_strcmp0 (airports[i].iata, id) == 0)
          {
            gtk_drop_down_set_selected (dropdown, i + 1);
            return;
          }
      g_error ("No airport %s", id);
    }

  for (const SapaChoice *choice = field->choices; choice && choice->id; choice++, position++)
    if (g_strcmp0 (choice->id, id) == 0)
      {
        gtk_drop_down_set_selected (dropdown, position);
        return;
      }

  g_error ("Field %s has no choice %s", field->key, id);
}

void
fill (Fixture    *fixture,
      const char *key,
      const char *value)
{
  GtkWidget *input = find_input (GTK_WIDGET (fixture->window), key);

  if (input == NULL)
    g_error ("No input for field %s", key);

  if (GTK_IS_EDITABLE (input))
    gtk_editable_set_text (GTK_EDITABLE (input), value);
  else if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), value, -1);
  else
    select_choice (GTK_DROP_DOWN (input), value);
}

typedef struct {
  SapaWizard *wizard;
  const char *step;
  Fixture    *fixture;
} StepWait;

static gboolean
step_recorded (gpointer data)
{
  StepWait *wait = data;
  const SapaStep *step = sapa_wizard_get_step (wait->wizard);
  GtkWidget *spinner = find_type (GTK_WIDGET (wait->fixture->window), GTK_TYPE_SPINNER);

  if (spinner != NULL && gtk_spinner_get_spinning (GTK_SPINNER (spinner)))
    return FALSE;
  if (wait->step == NULL)
    return sapa_wizard_is_finished (wait->wizard);
  return !sapa_wizard_is_finished (wait->wizard) && g_strcmp0 (step->id, wait->step) == 0;
}

/* Clicks the button of @branch and waits until the wizard is at @next
 * (NULL: finished) and the step is saved. */
void
take (Fixture    *fixture,
      const char *branch,
      const char *next)
{
  SapaWizardView *view = get_wizard_view (fixture);
  SapaWizard *wizard = sapa_wizard_view_get_wizard (view);
  GtkWidget *button = wait_for_widget (fixture, branch, GTK_TYPE_BUTTON);
  StepWait wait = { wizard, next, fixture };

  gtk_widget_activate (button);
  wait_until (step_recorded, &wait, next ? next : "the end of the flow");
}

void
start_flow (Fixture    *fixture,
            const char *flow_id)
{
  GtkWidget *row = wait_for_widget (fixture, flow_id, GTK_TYPE_LIST_BOX_ROW);

  gtk_widget_activate (row);
  wait_for_widget (fixture, "next", GTK_TYPE_BUTTON);
}

/* Ticket list */

typedef struct {
  GListModel *model;
  guint       n;
  guint       n_queries;
} CountWait;

static void
count_query (CountWait *wait)
{
  if (!sapa_ticket_list_model_get_loading (SAPA_TICKET_LIST_MODEL (wait->model)))
    wait->n_queries++;
}

static gboolean
model_settled (gpointer data)
{
  CountWait *wait = data;

  /* Until the query of the new text has finished, the model still shows
   * the previous search. */
  if (wait->n_queries == 0)
    return FALSE;

  if (sapa_ticket_list_model_get_loading (SAPA_TICKET_LIST_MODEL (wait->model)))
    return FALSE;
  if (g_list_model_get_n_items (wait->model) != wait->n)
    return FALSE;
  for (guint i = 0; i < wait->n; i++)
    {
      g_autoptr(SapaTicket) ticket = g_list_model_get_item (wait->model, i);

      if (!sapa_ticket_get_loaded (ticket))
        return FALSE;
    }
  return TRUE;
}

SapaTicket *
search_one (Fixture    *fixture,
            const char *text)
{
  SapaTicketsPage *page;
  GtkWidget *entry;
  CountWait wait = { NULL, 1, 0 };
  gulong handler;

  /* The Tickets page is built when it is first shown. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tickets", NULL);
  page = SAPA_TICKETS_PAGE (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_TICKETS_PAGE));
  entry = find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  wait.model = sapa_tickets_page_get_model (page);
  handler = g_signal_connect_swapped (wait.model, "notify::loading", G_CALLBACK (count_query), &wait);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  wait_until (model_settled, &wait, "the search result");
  g_signal_handler_disconnect (wait.model, handler);

  return g_list_model_get_item (wait.model, 0);
}

typedef struct {
  Fixture *fixture;
  guint    n_rows;
} TimelineWait;

static gboolean
timeline_filled (gpointer data)
{
  TimelineWait *wait = data;
  GtkWidget *detail = find_type (GTK_WIDGET (wait->fixture->window), SAPA_TYPE_TICKET_DETAIL);
  GtkWidget *list = detail ? find_widget (detail, "timeline", GTK_TYPE_LIST_BOX) : NULL;
  guint n = 0;

  if (list == NULL || !gtk_widget_get_mapped (list))
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n >= wait->n_rows;
}

/* Activates the first row of the ticket list, as a click or Enter would,
 * and waits for its activity log. */
void
show_first_ticket (Fixture *fixture)
{
  GtkWidget *column_view = find_type (GTK_WIDGET (fixture->window), GTK_TYPE_COLUMN_VIEW);
  TimelineWait wait = { fixture, 1 };

  g_signal_emit_by_name (column_view, "activate", 0);
  wait_until (timeline_filled, &wait, "the activity log");
}

GtkWidget *
find_class (GtkWidget  *root,
            const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Returns the report number shown large on the wizard's last page. */
const char *
done_number (Fixture *fixture)
{
  GtkWidget *label = find_class (GTK_WIDGET (get_wizard_view (fixture)), "report-number");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
dialog_shown_action (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) != NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *ticket_id;
  const char *status;
} StatusWait;

/* TRUE once the ticket list (and so the ticket view, which follows it)
 * shows the first ticket with the expected status. */
static gboolean
status_reached (gpointer data)
{
  StatusWait *wait = data;
  SapaTicketsPage *page = SAPA_TICKETS_PAGE (find_type (GTK_WIDGET (wait->fixture->window),
                                                        SAPA_TYPE_TICKETS_PAGE));
  GListModel *model = sapa_tickets_page_get_model (page);
  g_autoptr(SapaTicket) ticket = NULL;

  if (sapa_ticket_list_model_get_loading (SAPA_TICKET_LIST_MODEL (model)) ||
      g_list_model_get_n_items (model) == 0)
    return FALSE;

  ticket = g_list_model_get_item (model, 0);
  return sapa_ticket_get_loaded (ticket) &&
         g_strcmp0 (sapa_ticket_get_id (ticket), wait->ticket_id) == 0 &&
         g_strcmp0 (sapa_ticket_get_status (ticket), wait->status) == 0;
}

static gboolean
action_dialog_gone (gpointer data)
{
  return find_toplevel (SAPA_TYPE_ACTION_DIALOG) == NULL;
}

/* Opens follow-up action @action_id from the ticket view, fills @key with
 * @value (when not NULL), takes @branch and waits for @status. */
void
run_action (Fixture    *fixture,
            const char *ticket_id,
            const char *action_id,
            const char *key,
            const char *value,
            const char *branch,
            const char *status)
{
  StatusWait wait = { fixture, ticket_id, status };
  GtkWidget *dialog;
  GtkWidget *button;

  gtk_widget_activate (wait_for_widget (fixture, action_id, GTK_TYPE_BUTTON));
  wait_until (dialog_shown_action, NULL, "the action dialog");
  dialog = find_toplevel (SAPA_TYPE_ACTION_DIALOG);
  if (key != NULL)
    {
      GtkWidget *input = find_input (dialog, key);

      g_assert_nonnull (input);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), value, -1);
    }

  button = find_widget (dialog, branch, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  wait_until (action_dialog_gone, NULL, "the action to be recorded");
  wait_until (status_reached, &wait, status);
}

void
run_loop_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}


void
ui_test_init (int    *argc,
              char ***argv)
{
  const char *localedir = g_getenv ("SAPA_LOCALEDIR");

  /* gtk_test_init() keeps the C locale; the screens are tested in the
   * language the environment names (Indonesian under meson test). */
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  test_application = g_object_new (ADW_TYPE_APPLICATION,
                                   "application-id", APPLICATION_ID ".Test",
                                   "flags", G_APPLICATION_NON_UNIQUE,
                                   "resource-base-path", "/id/sapa/Sapa",
                                   NULL);
  g_assert_true (g_application_register (G_APPLICATION (test_application), NULL, NULL));
}

/* Picks the channel with id @channel in the wizard's channel drop-down. */
void
choose_channel (Fixture    *fixture,
                const char *channel)
{
  SapaWizardView *view = get_wizard_view (fixture);
  const SapaChoice *channels = sapa_wizard_get_flow (sapa_wizard_view_get_wizard (view))->channels;
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), "channel", GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (dropdown);
  for (guint i = 0; channels[i].id != NULL; i++)
    if (g_strcmp0 (channels[i].id, channel) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        g_assert_cmpstr (sapa_wizard_get_channel (sapa_wizard_view_get_wizard (view)), ==, channel);
        return;
      }
  g_error ("No channel %s", channel);
}

static gboolean
wizard_closed (gpointer data)
{
  Fixture *fixture = data;

  return find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_WIZARD_VIEW) == NULL;
}

static gboolean
wizard_open (gpointer data)
{
  return !wizard_closed (data);
}

/* Leaves the waiting step for later and waits until the wizard is gone. */
void
park (Fixture *fixture)
{
  gtk_widget_activate (wait_for_widget (fixture, "park", GTK_TYPE_BUTTON));
  wait_until (wizard_closed, fixture, "the wizard to close");
}

/* Continues the parked procedure of the ticket shown in the ticket view,
 * and waits for its wizard at step @step. */
void
resume_from_ticket (Fixture    *fixture,
                    const char *step)
{
  SapaWizardView *view;

  gtk_widget_activate (wait_for_widget (fixture, "resume", GTK_TYPE_BUTTON));
  wait_until (wizard_open, fixture, "the resumed wizard");
  view = get_wizard_view (fixture);
  g_assert_cmpstr (sapa_wizard_get_step (sapa_wizard_view_get_wizard (view))->id, ==, step);
}

/* Ticks choice @id of the check-box field @key. */
void
tick (Fixture    *fixture,
      const char *key,
      const char *id)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->window), key, SAPA_TYPE_FIELD_ROW);
  GtkWidget *check;

  g_assert_nonnull (row);
  check = find_widget (row, id, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}
