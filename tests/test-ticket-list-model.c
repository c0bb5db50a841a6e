/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ticket-list-model.c: the lazy ticket list over a store of 1000 tickets */

#include <glib/gstdio.h>

#include "sapa-store.h"
#include "sapa-ticket-list-model.h"
#include "sapa-wizard.h"

#define N_TICKETS 1000
#define SECOND_US G_GINT64_CONSTANT (1000000)
/* Every tenth ticket is a Dial 172 call, and the rest are counter visits. */
#define N_PHONE_TICKETS (N_TICKETS / 10)
/* Guards every wait on the main context. */
#define WAIT_TIMEOUT_SECONDS 30
/* The tickets a query lists before it has every id: FIRST_PAGE_SIZE in
 * sapa-ticket-list-model.c. */
#define FIRST_PAGE 100

typedef struct {
  char                *dir;
  char                *path;
  SapaStore           *store;
  SapaTicketListModel *model;
  gint64               start_us;

  guint                n_items_changed;
  guint                last_position;
  guint                last_removed;
  guint                last_added;
  guint                max_n_items;   /* the maximum length a view saw */
  guint                expected_changes; /* for items_changed_reached() */

  /* Row ids as a view sees them: changed only through items-changed. */
  GArray              *mirror;
} Fixture;

/* ---- Helpers ---- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_assert_no_errno (g_remove (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_assert_no_errno (g_rmdir (path));
}

/* Records a ticket whose only step is the greeting, at @at_us. */
static void
record_ticket (SapaStore *store,
               guint      index,
               gint64     at_us)
{
  const char *flow_id = index % 10 == 0 ? "phone" : "counter";
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (flow_id), "CGK", 7, "Dewi");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_wizard_advance_at (wizard, "next", at_us, &error));
  g_assert_no_error (error);
  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (store, wizard, activities, &error);
  g_assert_no_error (error);
}

/* The report number of the ticket recorded @index-th (from 0). */
static char *
expected_number (guint index)
{
  return g_strdup_printf ("CGK-07-260310-%04u", index + 1);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_items_changed++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;

  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(SapaTicket) ticket = g_list_model_get_item (model, position + i);
      gint64 rowid = sapa_ticket_get_rowid (ticket);

      g_array_insert_val (fixture->mirror, position + i, rowid);
    }
  fixture->max_n_items = MAX (fixture->max_n_items, fixture->mirror->len);
}

/* Asserts that a view that applied every items-changed shows the model's
 * current rows, so a partial range was a correct one. */
static void
assert_mirror_matches (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->model);

  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < fixture->mirror->len; i++)
    {
      g_autoptr(SapaTicket) ticket = g_list_model_get_item (model, i);

      g_assert_cmpint (g_array_index (fixture->mirror, gint64, i), ==, sapa_ticket_get_rowid (ticket));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 10, 1, 0, 0);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sapa-ticket-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sapa.db", NULL);
  fixture->store = sapa_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* One second apart from 08:00 WIB, so all share one date and counter. */
  fixture->start_us = g_date_time_to_unix (start) * SECOND_US;
  for (guint i = 0; i < N_TICKETS; i++)
    record_ticket (fixture->store, i, fixture->start_us + i * SECOND_US);

  fixture->mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->model = sapa_ticket_list_model_new (fixture->store);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->model);
  g_clear_pointer (&fixture->mirror, g_array_unref);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the default main context until @condition is TRUE. Fails the test
 * after WAIT_TIMEOUT_SECONDS. */
static void
run_until (Condition condition,
           gpointer  data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static gboolean
model_is_idle (gpointer data)
{
  return !sapa_ticket_list_model_get_loading (data);
}

static gboolean
items_changed_reached (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_items_changed >= fixture->expected_changes;
}

/* Runs the main context until the model has emitted items-changed @n
 * times in all. */
static void
run_until_items_changed (Fixture *fixture,
                         guint    n)
{
  fixture->expected_changes = n;
  run_until (items_changed_reached, fixture);
}

static gboolean
ticket_is_loaded (gpointer data)
{
  return sapa_ticket_get_loaded (data);
}

static void
set_query (Fixture    *fixture,
           const char *search,
           const char *status,
           const char *channel)
{
  SapaTicketQuery query = { search, status, channel };

  sapa_ticket_list_model_set_query (fixture->model, &query);
  g_assert_true (sapa_ticket_list_model_get_loading (fixture->model));
  run_until (model_is_idle, fixture->model);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Returns the item at @position once the store has filled it in. */
static SapaTicket *
get_loaded_item (Fixture *fixture,
                 guint    position)
{
  SapaTicket *ticket = g_list_model_get_item (G_LIST_MODEL (fixture->model), position);

  g_assert_nonnull (ticket);
  run_until (ticket_is_loaded, ticket);
  return ticket;
}

static void
assert_item_number (Fixture *fixture,
                    guint    position,
                    guint    index)
{
  g_autoptr(SapaTicket) ticket = get_loaded_item (fixture, position);
  g_autofree char *expected = expected_number (index);

  g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, expected);
}

/* ---- Tests ---- */

static void
test_empty_before_query (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);

  g_assert_true (g_list_model_get_item_type (model) == SAPA_TYPE_TICKET);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));
  g_assert_false (sapa_ticket_list_model_get_loading (fixture->model));
}

static void
test_n_items_after_query (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  guint n_loading_notifies = 0;
  guint n_items_notifies = 0;
  guint n_items = 0;

  g_signal_connect (fixture->model, "notify::loading", G_CALLBACK (count_notify_cb), &n_loading_notifies);
  g_signal_connect (fixture->model, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notifies);

  set_query (fixture, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_TICKETS);
  g_object_get (fixture->model, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, N_TICKETS);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  g_assert_cmpuint (n_loading_notifies, ==, 2);
  /* Once for the first page, once for the rest. */
  g_assert_cmpuint (n_items_notifies, ==, 2);

  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, FIRST_PAGE);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, N_TICKETS - FIRST_PAGE);
  assert_mirror_matches (fixture);

  g_assert_null (g_list_model_get_item (model, N_TICKETS));
}

static void
test_placeholders_load (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SapaTicket) first = NULL;
  g_autoptr(SapaTicket) again = NULL;
  guint n_loaded_notifies = 0;

  /* Until the second step's items-changed, whose handler requests every
   * row, no load after the first page has returned yet. */
  sapa_ticket_list_model_set_query (fixture->model, &(SapaTicketQuery) { NULL, NULL, NULL });
  run_until_items_changed (fixture, 2);

  /* Newest first. The first page came whole with the query, so only a
   * position after it starts as a placeholder. */
  first = g_list_model_get_item (G_LIST_MODEL (fixture->model), FIRST_PAGE + 100);
  g_assert_true (SAPA_IS_TICKET (first));
  g_assert_false (sapa_ticket_get_loaded (first));
  g_assert_cmpint (sapa_ticket_get_rowid (first), ==, N_TICKETS - FIRST_PAGE - 100);
  g_signal_connect (first, "notify::loaded", G_CALLBACK (count_notify_cb), &n_loaded_notifies);

  run_until (ticket_is_loaded, first);
  g_assert_cmpuint (n_loaded_notifies, ==, 1);
  g_autofree char *expected = expected_number (N_TICKETS - 1 - FIRST_PAGE - 100);
  g_assert_cmpstr (sapa_ticket_get_report_number (first), ==, expected);
  g_assert_cmpstr (sapa_ticket_get_status (first), ==, SAPA_STATUS_OPEN);

  /* The same position gives the same, already loaded, object. */
  again = g_list_model_get_item (G_LIST_MODEL (fixture->model), FIRST_PAGE + 100);
  g_assert_true (again == first);

  for (guint position = 0; position < 250; position++)
    assert_item_number (fixture, position, N_TICKETS - 1 - position);
}

static void
test_far_positions_load (Fixture       *fixture,
                         gconstpointer  data)
{
  /* All after the first page, which is loaded with the query. */
  static const guint positions[] = { FIRST_PAGE, 500, 999, FIRST_PAGE + 101, 899 };
  SapaTicket *tickets[G_N_ELEMENTS (positions)];

  set_query (fixture, NULL, NULL, NULL);

  /* Ask for all before any arrives, as a fast scroll would. */
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      tickets[i] = g_list_model_get_item (G_LIST_MODEL (fixture->model), positions[i]);
      g_assert_false (sapa_ticket_get_loaded (tickets[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autofree char *expected = expected_number (N_TICKETS - 1 - positions[i]);

      run_until (ticket_is_loaded, tickets[i]);
      g_assert_cmpstr (sapa_ticket_get_report_number (tickets[i]), ==, expected);
      g_object_unref (tickets[i]);
    }
}

static void
test_set_query_filters (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);

  set_query (fixture, NULL, NULL, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);

  /* Each result below fits in the first page, so one items-changed
   * reports it. */
  set_query (fixture, NULL, NULL, "phone");
  g_assert_cmpuint (fixture->n_items_changed, ==, 3);
  assert_mirror_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PHONE_TICKETS);
  assert_item_number (fixture, 0, N_TICKETS - 10);
  assert_item_number (fixture, N_PHONE_TICKETS - 1, 0);

  set_query (fixture, NULL, SAPA_STATUS_CLOSED, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 4);
  g_assert_cmpuint (fixture->last_removed, ==, N_PHONE_TICKETS);
  g_assert_cmpuint (fixture->last_added, ==, 0);
  assert_mirror_matches (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  set_query (fixture, "cgk-07-260310-0500", NULL, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 5);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  assert_mirror_matches (fixture);
  assert_item_number (fixture, 0, 499);
}

static void
test_newer_query_wins (Fixture       *fixture,
                       gconstpointer  data)
{
  SapaTicketQuery all = { NULL, NULL, NULL };
  SapaTicketQuery phone = { NULL, NULL, "phone" };

  /* The second query cancels the first before its ids arrive. */
  sapa_ticket_list_model_set_query (fixture->model, &all);
  sapa_ticket_list_model_set_query (fixture->model, &phone);
  run_until (model_is_idle, fixture->model);

  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, N_PHONE_TICKETS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_PHONE_TICKETS);
}

static void
test_first_page_then_rest (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  SapaTicketQuery all = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_complete_notifies = 0;

  g_signal_connect (fixture->model, "notify::complete", G_CALLBACK (count_notify_cb), &n_complete_notifies);
  sapa_ticket_list_model_set_query (fixture->model, &all);
  run_until_items_changed (fixture, 1);

  /* First step: the newest FIRST_PAGE tickets, already loaded. */
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, FIRST_PAGE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, FIRST_PAGE);
  g_assert_false (sapa_ticket_list_model_get_complete (fixture->model));
  g_assert_true (sapa_ticket_list_model_get_loading (fixture->model));
  g_assert_cmpuint (n_complete_notifies, ==, 1);
  for (guint position = 0; position < FIRST_PAGE; position++)
    {
      SapaTicket *ticket = g_list_model_get_item (model, position);
      g_autofree char *expected = expected_number (N_TICKETS - 1 - position);

      g_assert_true (sapa_ticket_get_loaded (ticket));
      g_assert_cmpstr (sapa_ticket_get_report_number (ticket), ==, expected);
      g_ptr_array_add (page, ticket);
    }

  /* Second step: only the rows after the page are reported, and the
   * page's rows keep their objects. */
  run_until (model_is_idle, fixture->model);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, FIRST_PAGE);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, N_TICKETS - FIRST_PAGE);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  g_assert_cmpuint (n_complete_notifies, ==, 2);
  assert_mirror_matches (fixture);
  for (guint position = 0; position < FIRST_PAGE; position++)
    {
      g_autoptr(SapaTicket) ticket = g_list_model_get_item (model, position);

      g_assert_true (ticket == g_ptr_array_index (page, position));
    }
  assert_item_number (fixture, FIRST_PAGE, N_TICKETS - 1 - FIRST_PAGE);
  assert_item_number (fixture, N_TICKETS - 1, 0);
}

static void
test_short_result_one_step (Fixture       *fixture,
                            gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  guint n_complete_notifies = 0;

  /* "010" matches the counters 0100 to 0109 of the report numbers: 10
   * tickets, fewer than a page, so the page is the whole result. */
  g_signal_connect (fixture->model, "notify::complete", G_CALLBACK (count_notify_cb), &n_complete_notifies);
  set_query (fixture, "010", NULL, NULL);

  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 10);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  g_assert_cmpuint (n_complete_notifies, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  assert_mirror_matches (fixture);
  assert_item_number (fixture, 0, 108);
  assert_item_number (fixture, 9, 99);
}

static void
test_exact_page_two_steps (Fixture       *fixture,
                           gconstpointer  data)
{
  guint n_complete_notifies = 0;

  /* The 100 phone tickets fill the first page exactly, so the ids of
   * every match are read too, and they add nothing. */
  g_assert_cmpuint (N_PHONE_TICKETS, ==, FIRST_PAGE);
  g_signal_connect (fixture->model, "notify::complete", G_CALLBACK (count_notify_cb), &n_complete_notifies);
  set_query (fixture, NULL, NULL, "phone");

  g_assert_cmpuint (fixture->n_items_changed, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, N_PHONE_TICKETS);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  g_assert_cmpuint (n_complete_notifies, ==, 2);
  assert_mirror_matches (fixture);
  assert_item_number (fixture, 0, N_TICKETS - 10);
  assert_item_number (fixture, N_PHONE_TICKETS - 1, 0);
}

static void
test_empty_result (Fixture       *fixture,
                   gconstpointer  data)
{
  guint n_loading_notifies = 0;

  g_signal_connect (fixture->model, "notify::loading", G_CALLBACK (count_notify_cb), &n_loading_notifies);

  /* No ticket is closed: nothing to report from an empty list... */
  set_query (fixture, NULL, SAPA_STATUS_CLOSED, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 0);
  g_assert_cmpuint (n_loading_notifies, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));

  /* ...and one removal of every row from a full one. */
  set_query (fixture, NULL, NULL, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  set_query (fixture, NULL, SAPA_STATUS_CLOSED, NULL);
  g_assert_cmpuint (fixture->n_items_changed, ==, 3);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, N_TICKETS);
  g_assert_cmpuint (fixture->last_added, ==, 0);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  assert_mirror_matches (fixture);
}

static void
test_second_query_cancels_rest (Fixture       *fixture,
                                gconstpointer  data)
{
  SapaTicketQuery all = { NULL, NULL, NULL };
  SapaTicketQuery phone = { NULL, NULL, "phone" };

  /* The first query's page is listed, then the second query cancels the
   * step that would list the rest. */
  sapa_ticket_list_model_set_query (fixture->model, &all);
  run_until_items_changed (fixture, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, FIRST_PAGE);

  sapa_ticket_list_model_set_query (fixture->model, &phone);
  run_until (model_is_idle, fixture->model);

  g_assert_cmpuint (fixture->n_items_changed, ==, 2);
  g_assert_cmpuint (fixture->max_n_items, ==, FIRST_PAGE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_PHONE_TICKETS);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  assert_mirror_matches (fixture);
  assert_item_number (fixture, 0, N_TICKETS - 10);
}

static void
test_reload_picks_up_new_ticket (Fixture       *fixture,
                                 gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(SapaTicket) old_first = NULL;
  g_autoptr(SapaTicket) old_far = NULL;
  g_autoptr(SapaTicket) new_far = NULL;

  set_query (fixture, NULL, NULL, NULL);
  old_first = get_loaded_item (fixture, 0);
  g_assert_cmpstr (sapa_ticket_get_report_number (old_first), ==, "CGK-07-260310-1000");
  old_far = get_loaded_item (fixture, 500);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);

  record_ticket (fixture->store, N_TICKETS, fixture->start_us + N_TICKETS * SECOND_US);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_TICKETS);

  sapa_ticket_list_model_reload (fixture->model);
  g_assert_true (sapa_ticket_list_model_get_loading (fixture->model));

  /* The reload's first page already lists the new ticket, followed by
   * the rows listed before, as the whole result will. */
  run_until_items_changed (fixture, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_TICKETS + 1);
  g_assert_false (sapa_ticket_list_model_get_complete (fixture->model));

  run_until (model_is_idle, fixture->model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_TICKETS + 1);
  g_assert_true (sapa_ticket_list_model_get_complete (fixture->model));
  /* Only the new ticket at the top is reported, once, so a view keeps
   * its selection and scroll position. */
  g_assert_cmpuint (fixture->n_items_changed, ==, 3);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  assert_mirror_matches (fixture);
  assert_item_number (fixture, 0, N_TICKETS);
  assert_item_number (fixture, 1, N_TICKETS - 1);
  assert_item_number (fixture, N_TICKETS, 0);

  /* Rows keep their objects, one position further down. */
  new_far = g_list_model_get_item (model, 501);
  g_assert_true (new_far == old_far);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sapa/ticket-list-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty-before-query", test_empty_before_query);
  ADD ("n-items-after-query", test_n_items_after_query);
  ADD ("placeholders-load", test_placeholders_load);
  ADD ("far-positions-load", test_far_positions_load);
  ADD ("set-query-filters", test_set_query_filters);
  ADD ("newer-query-wins", test_newer_query_wins);
  ADD ("first-page-then-rest", test_first_page_then_rest);
  ADD ("short-result-one-step", test_short_result_one_step);
  ADD ("exact-page-two-steps", test_exact_page_two_steps);
  ADD ("empty-result", test_empty_result);
  ADD ("second-query-cancels-rest", test_second_query_cancels_rest);
  ADD ("reload-picks-up-new-ticket", test_reload_picks_up_new_ticket);

#undef ADD

  return g_test_run ();
}
