/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-counter.c: the counter and Dial 172 wizards through real widgets */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-context.h"
#include "sapa-action-dialog.h"
#include "sapa-field-row.h"
#include "sapa-ticket-detail.h"
#include "sapa-ticket-list-model.h"
#include "sapa-tickets-page.h"
#include "sapa-window.h"
#include "sapa-wizard-view.h"

/* One application for all tests: GTK registers an application once. */
static GtkApplication *test_application;

typedef struct {
  char            *dir;
  SapaStore       *store;
  GSettings       *settings;
  SapaContext     *context;
  GtkApplication  *application;
  SapaWindow      *window;
} Fixture;

/* Runs the main loop until @check returns TRUE, failing after 10 s. */
static void
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

static void
fixture_open_window (Fixture *fixture)
{
  fixture->context = sapa_context_new (fixture->store, fixture->settings);
  fixture->window = sapa_window_new (fixture->application, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
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

static void
fixture_close_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_clear_object (&fixture->context);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
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

static GtkWidget *
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

static GtkWidget *
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
static GtkWidget *
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
static void
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

static SapaWizardView *
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
static GtkWidget *
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

  for (const SapaChoice *choice = field->choices; choice && choice->id; choice++, position++)
    if (g_strcmp0 (choice->id, id) == 0)
      {
        gtk_drop_down_set_selected (dropdown, position);
        return;
      }

  g_error ("Field %s has no choice %s", field->key, id);
}

static void
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
static void
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

static void
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

static SapaTicket *
search_one (Fixture    *fixture,
            const char *text)
{
  SapaTicketsPage *page = SAPA_TICKETS_PAGE (find_type (GTK_WIDGET (fixture->window),
                                                        SAPA_TYPE_TICKETS_PAGE));
  GtkWidget *entry = find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  CountWait wait = { sapa_tickets_page_get_model (page), 1, 0 };
  gulong handler;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tickets", NULL);
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
static void
show_first_ticket (Fixture *fixture)
{
  GtkWidget *column_view = find_type (GTK_WIDGET (fixture->window), GTK_TYPE_COLUMN_VIEW);
  TimelineWait wait = { fixture, 1 };

  g_signal_emit_by_name (column_view, "activate", 0);
  wait_until (timeline_filled, &wait, "the activity log");
}

static GtkWidget *
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
static const char *
done_number (Fixture *fixture)
{
  GtkWidget *label = find_class (GTK_WIDGET (get_wizard_view (fixture)), "report-number");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static GtkWidget *find_toplevel (GType type);

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
static void
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

  /* The unit answers, the officer judges it fitting, delivers it, and the
   * caller accepts it. */
  run_action (fixture, ticket_id, "pic_answer", "pic_answer",
              "Tarif parkir inap Rp 60.000 per hari.", "save", SAPA_STATUS_ANSWERED);
  run_action (fixture, ticket_id, "judge_answer", NULL, NULL,
              "sesuai", SAPA_STATUS_OPEN);
  run_action (fixture, ticket_id, "deliver", "delivered_answer",
              "Tarif parkir inap Rp 60.000 per hari.", "save", SAPA_STATUS_DELIVERED);
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

static void
run_loop_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
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

static GtkWidget *
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

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
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

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SAPA_LOCALEDIR");

  /* gtk_test_init() keeps the C locale; the screens are tested in the
   * language the environment names (Indonesian under meson test). */
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  test_application = g_object_new (ADW_TYPE_APPLICATION,
                                   "application-id", APPLICATION_ID ".Test",
                                   "flags", G_APPLICATION_NON_UNIQUE,
                                   "resource-base-path", "/id/sapa/Sapa",
                                   NULL);
  g_assert_true (g_application_register (G_APPLICATION (test_application), NULL, NULL));

  g_test_add ("/sapa/ui/counter/answered", Fixture, NULL,
              fixture_set_up, test_counter_answered, fixture_tear_down);
  g_test_add ("/sapa/ui/phone/corrected-then-escalated", Fixture, NULL,
              fixture_set_up, test_phone_corrected_then_escalated, fixture_tear_down);

  g_test_add_func ("/sapa/ui/draft/killed-child", test_draft_killed_child);
  g_test_add_func ("/sapa/ui/draft/survives-kill", test_draft_survives_kill);

  return g_test_run ();
}
