/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-reports.c: the Reports section, its CSV and PDF against the screen */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "sapa-airport.h"
#include "sapa-report.h"
#include "sapa-reports-page.h"
#include "sapa-ticket-action.h"
#include "sapa-tickets-page.h"
#include "ui-test-helpers.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR_US (60 * MINUTE_US)
#define DAY_US (24 * HOUR_US)

/* ---- Tickets ---- */

static void
step (SapaWizard *wizard,
      const char *branch,
      gint64     *at)
{
  g_autoptr(GError) error = NULL;

  sapa_wizard_advance_at (wizard, branch, *at, &error);
  g_assert_no_error (error);
  *at += MINUTE_US;
}

/* Records a feedback of @flow_id at @airport, started at @start and
 * answered, or sent to parking when @escalate. */
static void
record_ticket (Fixture    *fixture,
               const char *flow_id,
               const char *airport,
               gint64      start,
               gboolean    escalate)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (flow_id), airport, 7, "Dewi Sartika");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at = start;

  step (wizard, "next", &at);
  sapa_wizard_set_value (wizard, "purpose", "Menanyakan jadwal bus DAMRI");
  step (wizard, "next", &at);
  sapa_wizard_set_value (wizard, "name", "Budi Santoso");
  sapa_wizard_set_value (wizard, "phone", "0812-3456-7890");
  step (wizard, "next", &at);
  step (wizard, "sesuai", &at);
  sapa_wizard_set_value (wizard, "category", "information");
  if (escalate)
    {
      step (wizard, "follow_up", &at);
      sapa_wizard_set_value (wizard, "followup_unit", "parking");
      sapa_wizard_set_value (wizard, "followup_note", "Mohon dicek");
      step (wizard, "next", &at);
    }
  else
    {
      step (wizard, "answer_now", &at);
      sapa_wizard_set_value (wizard, "answer", "Setiap 30 menit dari pintu 1");
      step (wizard, "sesuai", &at);
    }

  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (fixture->store, wizard, activities, &error);
  g_assert_no_error (error);
}

/* Three counter tickets and one escalated Dial 172 call at CGK in the
 * last days, and one at DPS, which the desk's report leaves out. */
static void
record_tickets (Fixture *fixture)
{
  gint64 now = g_get_real_time ();

  record_ticket (fixture, SAPA_FLOW_COUNTER, "CGK", now - 2 * HOUR_US, FALSE);
  record_ticket (fixture, SAPA_FLOW_COUNTER, "CGK", now - DAY_US, FALSE);
  record_ticket (fixture, SAPA_FLOW_COUNTER, "CGK", now - 3 * DAY_US, FALSE);
  record_ticket (fixture, SAPA_FLOW_PHONE, "CGK", now - 2 * DAY_US, TRUE);
  record_ticket (fixture, SAPA_FLOW_COUNTER, "DPS", now - DAY_US, FALSE);
}

/* ---- The page ---- */

static SapaReportsPage *
get_page (Fixture *fixture)
{
  return SAPA_REPORTS_PAGE (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_REPORTS_PAGE));
}

static gboolean
report_ready (gpointer data)
{
  SapaReportsPage *page = data;

  return !sapa_reports_page_get_computing (page) && sapa_reports_page_get_data (page) != NULL;
}

/* Waits for the report of @n_days days. */
static const SapaReportData *
wait_for_report (SapaReportsPage *page,
                 guint            n_days)
{
  const SapaReportData *data;

  wait_until (report_ready, page, "the report");
  data = sapa_reports_page_get_data (page);
  g_assert_cmpuint (data->n_days, ==, n_days);
  return data;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Returns the texts of the table @id as the screen shows them: the
 * headers, then each row's cells, in reading order. */
static GPtrArray *
screen_table (Fixture    *fixture,
              const char *id)
{
  GtkWidget *view = wait_for_widget (fixture, id, GTK_TYPE_COLUMN_VIEW);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  /* Let the column view make and bind its rows. */
  run_loop_for (300);
  collect_labels (view, texts);
  return texts;
}

/* Returns the cell after @label in @texts, a row of the screen. */
static const char *
screen_cell_after (GPtrArray  *texts,
                   const char *label,
                   guint       offset)
{
  for (guint i = 0; i + offset < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), label) == 0)
      return g_ptr_array_index (texts, i + offset);
  g_error ("The screen shows no cell “%s”", label);
}

/* ---- Files ---- */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Splits one CSV line of ';' cells, some quoted, as Sapa writes them. */
static GStrv
split_csv_line (const char *line)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ';' && !quoted)
        {
          g_strv_builder_add (cells, cell->str);
          g_string_truncate (cell, 0);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_strv_builder_add (cells, cell->str);
  return g_strv_builder_end (cells);
}

static GStrv
read_csv_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  /* Excel reads the file as UTF-8 because of the byte order mark. */
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  text[strlen (text) - 2] = '\0';
  return g_strsplit (text + 3, "\r\n", -1);
}

static char *
run_pdftotext (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &output, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&output);
}

/* Returns the line of @text that contains @needle. */
static char *
find_line (const char *text,
           const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  g_error ("The PDF has no line with “%s”", needle);
}

/* Splits @line into its words, however many spaces part them. */
static GStrv
split_words (const char *line)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (line, " \t", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (words, parts[i]);
  return g_strv_builder_end (words);
}

/* ---- Tests ---- */

static void
choose_period (Fixture *fixture,
               guint    position)
{
  GtkWidget *dropdown = wait_for_widget (fixture, "period", GTK_TYPE_DROP_DOWN);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
}

/* The custom dates the report uses are those the buttons show: moving a
 * calendar's month with its arrows picks no day. */
static void
test_custom_dates_follow_buttons (Fixture       *fixture,
                                  gconstpointer  data)
{
  SapaReportsPage *page;
  const SapaReportData *report;
  GtkWidget *calendar;
  GtkWidget *arrow;
  GDate first;

  record_tickets (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  page = get_page (fixture);
  wait_for_report (page, 7);
  choose_period (fixture, 2);
  report = wait_for_report (page, 30);
  first = report->query->first_day;

  choose_period (fixture, 4);
  wait_for_report (page, 30);

  /* The first calendar's "previous month" arrow, then any recomputation. */
  calendar = GTK_WIDGET (g_object_get_data (G_OBJECT (page), "first-day-calendar"));
  g_assert_nonnull (calendar);
  arrow = find_type (calendar, GTK_TYPE_BUTTON);
  g_assert_nonnull (arrow);
  g_signal_emit_by_name (arrow, "clicked");
  sapa_context_ticket_recorded (fixture->context, NULL);
  run_loop_for (300);
  report = wait_for_report (page, 30);
  g_assert_cmpint (g_date_compare (&report->query->first_day, &first), ==, 0);
}

static void
count_computations_cb (SapaReportsPage *page,
                       GParamSpec      *pspec,
                       guint           *count)
{
  if (sapa_reports_page_get_computing (page))
    (*count)++;
}

static gboolean
report_failed (gpointer data)
{
  SapaReportsPage *page = data;

  return !sapa_reports_page_get_computing (page) && sapa_reports_page_get_data (page) == NULL;
}

/* "All airports" checks the 48 airports and computes the report once;
 * "Clear" unchecks them, once again. */
static void
test_all_airports_once (Fixture       *fixture,
                        gconstpointer  data)
{
  SapaReportsPage *page;
  const SapaReportData *report;
  GtkWidget *airports;
  guint n_airports = 0;
  guint computations = 0;

  sapa_airport_get_all (&n_airports);
  record_tickets (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  page = get_page (fixture);
  report = wait_for_report (page, 7);
  g_assert_cmpuint (g_strv_length (report->query->airports), ==, 1);
  g_signal_connect (page, "notify::computing", G_CALLBACK (count_computations_cb), &computations);

  airports = wait_for_widget (fixture, "airports", GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (GTK_MENU_BUTTON (airports));
  g_signal_emit_by_name (wait_for_widget (fixture, "all_airports", GTK_TYPE_BUTTON), "clicked");
  report = wait_for_report (page, 7);
  g_assert_cmpuint (g_strv_length (report->query->airports), ==, n_airports);
  g_assert_cmpuint (report->total, ==, 5);
  g_assert_cmpuint (computations, ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (airports)), ==, "48 bandara");

  g_signal_emit_by_name (wait_for_widget (fixture, "clear_airports", GTK_TYPE_BUTTON), "clicked");
  wait_until (report_failed, page, "the report without airports");
  g_assert_cmpuint (computations, ==, 2);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (airports)), ==, "Tanpa bandara");

  g_signal_handlers_disconnect_by_func (page, count_computations_cb, &computations);
}

/* The date buttons carry no tooltip, which would cover the calendar's
 * month and year arrows; their labels and accessible names say what
 * they are. */
static void
test_date_buttons_no_tooltip (Fixture       *fixture,
                              gconstpointer  data)
{
  SapaReportsPage *page;
  GtkWidget *calendar;
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  page = get_page (fixture);
  wait_for_report (page, 7);
  choose_period (fixture, 4);
  wait_for_report (page, 7);

  calendar = GTK_WIDGET (g_object_get_data (G_OBJECT (page), "first-day-calendar"));
  button = gtk_widget_get_ancestor (calendar, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_null (gtk_widget_get_tooltip_text (button));
  for (GtkWidget *sibling = gtk_widget_get_first_child (gtk_widget_get_parent (button));
       sibling != NULL; sibling = gtk_widget_get_next_sibling (sibling))
    g_assert_null (gtk_widget_get_tooltip_text (sibling));
}

static gboolean
has_no_tooltip (gpointer data)
{
  return !gtk_widget_get_has_tooltip (data);
}

/* The airports button keeps its tooltip, but not while its popover is
 * open, where it would cover the search entry. */
static void
test_airports_tooltip_while_open (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *airports;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  wait_for_report (get_page (fixture), 7);
  airports = wait_for_widget (fixture, "airports", GTK_TYPE_MENU_BUTTON);
  g_assert_true (gtk_widget_get_has_tooltip (airports));

  gtk_menu_button_popup (GTK_MENU_BUTTON (airports));
  wait_until (has_no_tooltip, airports, "the tooltip to be off");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (airports));
  g_assert_true (gtk_widget_get_has_tooltip (airports));
}

/* Laporan for 30 days at the desk's CGK: the screen counts the four CGK
 * tickets, and the CSV and the PDF show the same numbers. */
static void
test_reports_screen_csv_pdf (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (fixture->dir, "kanal.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "laporan.pdf", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GAsyncResult) csv_result = NULL;
  g_autoptr(GAsyncResult) pdf_result = NULL;
  g_autoptr(GPtrArray) screen = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *pdf_counter = NULL;
  const SapaReportData *report;
  SapaReportsPage *page;
  const char *counter_label;
  const char *counter_count;
  const char *counter_share;
  gboolean csv_row_found = FALSE;
  g_autoptr(GPtrArray) tables = NULL;
  const char *channel_title;
  g_auto(GStrv) words = NULL;
  guint n_words;

  record_tickets (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  page = get_page (fixture);
  wait_for_report (page, 7);

  choose_period (fixture, 2);
  report = wait_for_report (page, 30);
  g_assert_cmpuint (report->total, ==, 4);

  /* The screen: three of four at the CS counter, 75 %. */
  screen = screen_table (fixture, SAPA_REPORT_TABLE_VOLUME_CHANNEL);
  counter_label = sapa_ticket_channel_label ("counter");
  counter_count = screen_cell_after (screen, counter_label, 1);
  counter_share = screen_cell_after (screen, counter_label, 2);
  g_assert_cmpstr (counter_count, ==, "3");
  g_assert_cmpstr (screen_cell_after (screen, sapa_ticket_channel_label ("phone"), 1), ==, "1");
  save_screenshot (fixture, "reports");

  /* The CSV of that table contains the screen's cells. */
  sapa_reports_page_save_table_async (page, SAPA_REPORT_TABLE_VOLUME_CHANNEL, csv_file, NULL,
                                      saved_cb, &csv_result);
  g_assert_true (sapa_reports_page_save_table_finish (page, wait_for_result (&csv_result), &error));
  g_assert_no_error (error);
  lines = read_csv_lines (csv_path);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = split_csv_line (lines[i]);

      g_assert_cmpuint (g_strv_length (cells), ==, 3);
      g_assert_cmpstr (screen_cell_after (screen, cells[0], 1), ==, cells[1]);
      g_assert_cmpstr (screen_cell_after (screen, cells[0], 2), ==, cells[2]);
      if (g_strcmp0 (cells[0], counter_label) == 0)
        csv_row_found = TRUE;
    }
  g_assert_true (csv_row_found);

  /* The PDF: its line of the CS counter has the screen's count and share. */
  sapa_reports_page_save_pdf_async (page, pdf_file, NULL, saved_cb, &pdf_result);
  g_assert_true (sapa_reports_page_save_pdf_finish (page, wait_for_result (&pdf_result), &error));
  g_assert_no_error (error);
  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  pdf_text = run_pdftotext (pdf_path);
  g_assert_nonnull (strstr (pdf_text, "CGK (Soekarno–Hatta)"));
  g_assert_nonnull (strstr (pdf_text, " WIB"));
  tables = sapa_report_data_build_tables (report);
  channel_title = sapa_report_tables_lookup (tables, SAPA_REPORT_TABLE_VOLUME_CHANNEL)->title;
  g_assert_nonnull (strstr (pdf_text, channel_title));
  pdf_counter = find_line (strstr (pdf_text, channel_title), counter_label);
  words = split_words (pdf_counter);
  n_words = g_strv_length (words);
  g_assert_cmpuint (n_words, >=, 3);
  g_assert_cmpstr (words[n_words - 2], ==, counter_count);
  g_assert_cmpstr (words[n_words - 1], ==, counter_share);
}

/* Deletes @path and everything under it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Returns the number in @cell, written with a decimal comma or point. */
static double
cell_number (const char *cell)
{
  g_autofree char *text = g_strdelimit (g_strdup (cell), ",", '.');
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  g_assert_true (end != text && *end == '\0');
  return value;
}

/* A spreadsheet reads the numbers of a table's CSV as the screen shows
 * them: LibreOffice opens the file as Indonesian Excel would (';', UTF-8,
 * Indonesian numbers) and writes it back as plain CSV.
 * NOTE: this test only runs where soffice is installed; the machine it
 * was written on had none. */
static void
test_reports_csv_in_libreoffice (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *csv_path = g_build_filename (fixture->dir, "kanal.csv", NULL);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "libreoffice", NULL);
  g_autofree char *out_path = g_build_filename (out_dir, "kanal.csv", NULL);
  g_autofree char *profile_dir = g_build_filename (fixture->dir, "profile", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s", profile_dir);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) screen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  /* Import: ';', '"', UTF-8 (76), from line 1, Indonesian (1057).
   * Export: ',', '"', UTF-8, English (1033). */
  const char *argv[] = {
    soffice, profile, "--headless", "--infilter=CSV:59,34,76,1,,1057",
    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033",
    "--outdir", out_dir, csv_path, NULL
  };
  SapaReportsPage *page;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("soffice (LibreOffice) is not installed");
      return;
    }

  record_tickets (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-reports", NULL);
  page = get_page (fixture);
  wait_for_report (page, 7);
  screen = screen_table (fixture, SAPA_REPORT_TABLE_VOLUME_CHANNEL);
  sapa_reports_page_save_table_async (page, SAPA_REPORT_TABLE_VOLUME_CHANNEL, csv_file, NULL,
                                      saved_cb, &result);
  g_assert_true (sapa_reports_page_save_table_finish (page, wait_for_result (&result), &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out_path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit_set (g_strstrip (text), "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (*lines[i] == '\0')
        continue;
      cells = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 3);
      g_assert_cmpfloat_with_epsilon (cell_number (cells[1]),
                                      cell_number (screen_cell_after (screen, cells[0], 1)), 0.001);
      g_assert_cmpfloat_with_epsilon (cell_number (cells[2]),
                                      cell_number (screen_cell_after (screen, cells[0], 2)), 0.001);
    }

  remove_tree (out_dir);
  remove_tree (profile_dir);
}

/* "Export CSV" on the Tickets page writes what the filters find: the one
 * escalated ticket, not the four answered ones. */
static void
test_tickets_export_filtered (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "tiket.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;
  SapaTicketsPage *page;
  GtkWidget *status;

  record_tickets (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tickets", NULL);
  page = SAPA_TICKETS_PAGE (find_type (GTK_WIDGET (fixture->window), SAPA_TYPE_TICKETS_PAGE));
  status = find_type (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  /* The status filter lists "all" first, then open, waiting, escalated. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 3);

  sapa_tickets_page_export_csv_async (page, file, NULL, saved_cb, &result);
  g_assert_cmpint (sapa_tickets_page_export_csv_finish (page, wait_for_result (&result), &error), ==, 1);
  g_assert_no_error (error);

  lines = read_csv_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  cells = split_csv_line (lines[1]);
  g_assert_cmpuint (g_strv_length (cells), ==, 10);
  g_assert_cmpstr (cells[2], ==, "CGK");
  g_assert_cmpstr (cells[3], ==, sapa_ticket_channel_label ("phone"));
  g_assert_cmpstr (cells[5], ==, sapa_ticket_status_label (SAPA_STATUS_ESCALATED));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/sapa/ui/reports/custom-dates-follow-buttons", Fixture, NULL,
              fixture_set_up, test_custom_dates_follow_buttons, fixture_tear_down);
  g_test_add ("/sapa/ui/reports/all-airports-once", Fixture, NULL,
              fixture_set_up, test_all_airports_once, fixture_tear_down);
  g_test_add ("/sapa/ui/reports/date-buttons-no-tooltip", Fixture, NULL,
              fixture_set_up, test_date_buttons_no_tooltip, fixture_tear_down);
  g_test_add ("/sapa/ui/reports/airports-tooltip-while-open", Fixture, NULL,
              fixture_set_up, test_airports_tooltip_while_open, fixture_tear_down);
  g_test_add ("/sapa/ui/reports/screen-csv-pdf", Fixture, NULL,
              fixture_set_up, test_reports_screen_csv_pdf, fixture_tear_down);
  g_test_add ("/sapa/ui/reports/csv-in-libreoffice", Fixture, NULL,
              fixture_set_up, test_reports_csv_in_libreoffice, fixture_tear_down);
  g_test_add ("/sapa/ui/tickets/export-filtered", Fixture, NULL,
              fixture_set_up, test_tickets_export_filtered, fixture_tear_down);

  return g_test_run ();
}
