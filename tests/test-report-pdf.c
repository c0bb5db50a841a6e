/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-pdf.c: charts and the A4 report PDF, read back with poppler */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "sapa-chart.h"
#include "sapa-report-charts.h"
#include "sapa-report-pdf.h"

/* The tests run without setlocale(), so every string is the English
 * source and numbers use '.'. */

static const char * const channels[] = { "CS counter", "Dial 172", "Email 172", "Instagram 172", NULL };
static const char * const days[] = {
  "1 Dec", "2 Dec", "3 Dec", "4 Dec", "5 Dec", "6 Dec", "7 Dec", NULL
};
static const char * const names[] = {
  "Ni Luh Putu Ayu Ma’ruf",
  "Đặng Thị Hương",
  "李小龍",
  "Siti 😊 Rahma",
  "Budi Santoso",
  "Ketut Wirawan",
  "Andreas O'Neil",
};

#define N_TICKET_ROWS 120

static SapaChart *
make_bar_chart (void)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_BAR, "Tickets by channel");
  const double opened[] = { 120, 80, 35, 12 };
  const double closed[] = { 110, 64, 30, 12 };

  sapa_chart_set_categories (chart, channels);
  sapa_chart_add_series (chart, "Opened", opened, G_N_ELEMENTS (opened));
  sapa_chart_add_series (chart, "Closed", closed, G_N_ELEMENTS (closed));
  return chart;
}

static SapaChart *
make_stacked_chart (void)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_STACKED_BAR, "Tickets by status and channel");
  const double open[] = { 10, 16, 5, 0 };
  const double escalated[] = { 4, 9, 2, 1 };
  const double closed[] = { 110, 64, 30, 12 };

  sapa_chart_set_categories (chart, channels);
  sapa_chart_add_series (chart, "Open", open, G_N_ELEMENTS (open));
  sapa_chart_add_series (chart, "Escalated", escalated, G_N_ELEMENTS (escalated));
  sapa_chart_add_series (chart, "Closed", closed, G_N_ELEMENTS (closed));
  return chart;
}

static SapaChart *
make_line_chart (void)
{
  SapaChart *chart = sapa_chart_new (SAPA_CHART_LINE, "Tickets per day");
  const double counter[] = { 14, 18, 25, 21, 30, 12, 9 };
  const double phone[] = { 8, 11, 9, NAN, 15, 13, 6 };

  sapa_chart_set_categories (chart, days);
  sapa_chart_add_series (chart, "CS counter", counter, G_N_ELEMENTS (counter));
  sapa_chart_add_series (chart, "Dial 172", phone, G_N_ELEMENTS (phone));
  return chart;
}

static SapaReport *
make_report (void)
{
  SapaReport *report = sapa_report_new ("Customer Service Report");
  g_autoptr(SapaChart) bars = make_bar_chart ();
  g_autoptr(SapaChart) lines = make_line_chart ();

  sapa_report_set_airports (report, "CGK Soekarno–Hatta, DPS I Gusti Ngurah Rai, DJJ Sentani");
  sapa_report_set_period (report, "1–7 December 2026");
  sapa_report_set_generated_at (report, "08/12/2026 09:00 WIB");

  sapa_report_add_section (report, "Volume by channel");
  sapa_report_set_chart (report, bars);
  sapa_report_add_column (report, "Channel", SAPA_REPORT_COLUMN_TEXT);
  sapa_report_add_column (report, "Opened", SAPA_REPORT_COLUMN_NUMBER);
  sapa_report_add_column (report, "Closed", SAPA_REPORT_COLUMN_NUMBER);
  sapa_report_add_row (report, (const char *[]) { "CS counter", "120", "110" });
  sapa_report_add_row (report, (const char *[]) { "Dial 172", "80", "64" });

  sapa_report_add_section (report, "Tickets per day");
  sapa_report_set_chart (report, lines);

  sapa_report_add_section (report, "Tickets of the period");
  sapa_report_add_column (report, "Report number", SAPA_REPORT_COLUMN_TEXT);
  sapa_report_add_column (report, "Name", SAPA_REPORT_COLUMN_TEXT);
  sapa_report_add_column (report, "Purpose", SAPA_REPORT_COLUMN_TEXT);
  sapa_report_add_column (report, "Minutes", SAPA_REPORT_COLUMN_NUMBER);
  for (guint i = 0; i < N_TICKET_ROWS; i++)
    {
      g_autofree char *number = g_strdup_printf ("CGK-07-2612%02u-%04u", 1 + i % 7, i + 1);
      g_autofree char *minutes = g_strdup_printf ("%u", (i * 37) % 1500);
      const char *purpose = i % 5 == 0
        ? "Lost wallet at the security check of Terminal 3, brown leather with an identity card inside"
        : "Flight information";

      sapa_report_add_row (report, (const char *[]) { number, names[i % G_N_ELEMENTS (names)],
                                                       purpose, minutes });
    }

  return report;
}

static char *
run_tool (const char * const *argv)
{
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

static void
write_report (SapaReport *report,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sapa_report_write_pdf (report, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
}

static guint
count_pages (const char *pdf)
{
  g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", pdf, NULL });
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

static char *
extract_page (const char *pdf,
              guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);

  return run_tool ((const char *[]) { "pdftotext", "-layout", "-f", number, "-l", number, pdf, "-", NULL });
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  return count;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext != NULL && pdfinfo != NULL)
    return TRUE;

  g_test_skip ("pdftotext or pdfinfo (poppler-utils) is not installed");
  return FALSE;
}

static void
test_report_pdf_text (void)
{
  g_autoptr(SapaReport) report = make_report ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected_page = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  guint n_pages;
  guint pages_with_header = 0;
  gboolean emoji_line_found = FALSE;

  if (!have_poppler ())
    {
      g_rmdir (dir);
      return;
    }

  write_report (report, pdf);
  n_pages = count_pages (pdf);
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 3);

  first = extract_page (pdf, 1);
  g_assert_nonnull (strstr (first, "Customer Service Report"));
  g_assert_nonnull (strstr (first, "Period: 1–7 December 2026"));
  g_assert_nonnull (strstr (first, "Generated: 08/12/2026 09:00 WIB"));
  g_assert_nonnull (strstr (first, "Airports: CGK Soekarno–Hatta"));
  g_assert_nonnull (strstr (first, "Volume by channel"));

  second = extract_page (pdf, 2);
  expected_page = g_strdup_printf ("Page 2 of %u", n_pages);
  g_assert_nonnull (strstr (second, expected_page));

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = extract_page (pdf, page);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, n_pages);

      g_assert_nonnull (strstr (text, footer));
      if (strstr (text, "Report number") != NULL)
        pages_with_header++;
      g_string_append (all, text);
    }

  /* The ticket table runs over at least two pages, with its header and a
   * continued heading on each page after the first. */
  g_assert_cmpuint (pages_with_header, >=, 2);
  g_assert_cmpuint (count_occurrences (all->str, "Tickets of the period (continued)"), ==, pages_with_header - 1);

  g_assert_nonnull (strstr (all->str, "Ni Luh Putu Ayu Ma’ruf"));
  g_assert_nonnull (strstr (all->str, "Đặng Thị Hương"));
  g_assert_nonnull (strstr (all->str, "李小龍"));
  g_assert_nonnull (strstr (all->str, "Andreas O'Neil"));
  g_assert_nonnull (strstr (all->str, "CGK-07-261201-0001"));
  g_assert_nonnull (strstr (all->str, "CGK-07-261201-0120"));
  g_assert_nonnull (strstr (all->str, "Lost wallet at the security check"));
  /* Rows 5, 12, ... 117: no row is lost at a page break. */
  g_assert_cmpuint (count_occurrences (all->str, "Ketut Wirawan"), ==, 17);

  /* Whatever the emoji becomes without a colour emoji font, the rest of
   * the name stays on its line. */
  {
    g_auto(GStrv) lines = g_strsplit (all->str, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "Siti") != NULL)
        {
          g_assert_nonnull (strstr (lines[i], "Rahma"));
          emoji_line_found = TRUE;
        }
    g_assert_true (emoji_line_found);
  }

  g_unlink (pdf);
  g_rmdir (dir);
}

/* Returns the right edges (xMax) of the words on page @page that consist
 * of digits only, start right of @min_x and end above the footer, from
 * pdftotext -bbox. */
static GArray *
find_number_right_edges (const char *pdf,
                         guint       page,
                         double      min_x)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *html = run_tool ((const char *[]) { "pdftotext", "-bbox", "-f", number, "-l", number,
                                                       pdf, "-", NULL });
  g_autoptr(GRegex) word = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" "
                                        "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([0-9]+)</word>",
                                        0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (double));

  g_regex_match (word, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *x_min = g_match_info_fetch (match, 1);
      g_autofree char *x_max = g_match_info_fetch (match, 2);
      g_autofree char *y_max = g_match_info_fetch (match, 3);
      double right = g_ascii_strtod (x_max, NULL);

      /* The footer's page numbers lie in the bottom margin of 48 pt. */
      if (g_ascii_strtod (x_min, NULL) > min_x
          && g_ascii_strtod (y_max, NULL) < SAPA_REPORT_PAGE_HEIGHT_PT - 48)
        g_array_append_val (edges, right);
      g_match_info_next (match, NULL);
    }

  return edges;
}

static void
test_report_pdf_numbers_right_aligned (void)
{
  g_autoptr(SapaReport) report = make_report ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GArray) edges = NULL;
  guint n_pages;

  if (!have_poppler ())
    {
      g_rmdir (dir);
      return;
    }

  write_report (report, pdf);
  n_pages = count_pages (pdf);

  /* On the last page only the ticket table has numbers, in "Minutes",
   * the rightmost column: right of two thirds of the page. */
  edges = find_number_right_edges (pdf, n_pages, SAPA_REPORT_PAGE_WIDTH_PT * 2 / 3);
  g_assert_cmpuint (edges->len, >=, 10);
  for (guint i = 1; i < edges->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (edges, double, i), g_array_index (edges, double, 0), 0.5);

  g_unlink (pdf);
  g_rmdir (dir);
}

/* Printing draws the same pages as the PDF: as many, each A4. */
static void
test_report_recorded_pages (void)
{
  g_autoptr(SapaReport) report = make_report ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_poppler ())
    return;

  write_report (report, pdf);
  pages = sapa_report_record_pages (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, count_pages (pdf));

  for (guint i = 0; i < pages->len; i++)
    {
      cairo_rectangle_t extents;

      g_assert_true (cairo_recording_surface_get_extents (g_ptr_array_index (pages, i), &extents));
      g_assert_cmpfloat_with_epsilon (extents.width, SAPA_REPORT_PAGE_WIDTH_PT, 0.01);
      g_assert_cmpfloat_with_epsilon (extents.height, SAPA_REPORT_PAGE_HEIGHT_PT, 0.01);
    }

  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_report_pdf_cancelled (void)
{
  g_autoptr(SapaReport) report = make_report ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (sapa_report_write_pdf (report, stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_report_pdf_invalid_utf8 (void)
{
  g_autoptr(SapaReport) report = sapa_report_new ("Rep\xffort");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char *data;

  /* Pango would warn, and the test would abort, on any invalid byte. */
  sapa_report_set_period (report, "Des\xe2\x80mber");
  sapa_report_add_section (report, "Na\xc3mes");
  sapa_report_add_column (report, "Name\xff", SAPA_REPORT_COLUMN_TEXT);
  sapa_report_add_row (report, (const char *[]) { "Bud\xffi Santoso" });
  sapa_report_add_row (report, (const char *[]) { NULL });

  g_assert_true (sapa_report_write_pdf (report, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), >, 5);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
}

static void
test_chart_describe (void)
{
  g_autoptr(SapaChart) single = sapa_chart_new (SAPA_CHART_BAR, "Volume by channel");
  g_autoptr(SapaChart) bars = make_bar_chart ();
  g_autoptr(SapaChart) lines = make_line_chart ();
  g_autoptr(SapaChart) empty = sapa_chart_new (SAPA_CHART_STACKED_BAR, "Tickets by status");
  const double volume[] = { 120, 80, 35, 12 };
  g_autofree char *single_text = NULL;
  g_autofree char *bars_text = NULL;
  g_autofree char *lines_text = NULL;
  g_autofree char *empty_text = NULL;

  sapa_chart_set_categories (single, channels);
  sapa_chart_add_series (single, "Tickets", volume, G_N_ELEMENTS (volume));
  single_text = sapa_chart_describe (single);
  g_assert_cmpstr (single_text, ==,
                   "Bar chart: Volume by channel. "
                   "CS counter: 120, Dial 172: 80, Email 172: 35, Instagram 172: 12.");

  bars_text = sapa_chart_describe (bars);
  g_assert_cmpstr (bars_text, ==,
                   "Bar chart: Tickets by channel. "
                   "Opened — CS counter: 120, Dial 172: 80, Email 172: 35, Instagram 172: 12. "
                   "Closed — CS counter: 110, Dial 172: 64, Email 172: 30, Instagram 172: 12.");

  lines_text = sapa_chart_describe (lines);
  g_assert_true (g_str_has_prefix (lines_text, "Line chart: Tickets per day. CS counter — 1 Dec: 14, "));
  g_assert_nonnull (strstr (lines_text, "Dial 172 — 1 Dec: 8, 2 Dec: 11, 3 Dec: 9, 4 Dec: no data, 5 Dec: 15"));

  empty_text = sapa_chart_describe (empty);
  g_assert_cmpstr (empty_text, ==, "Stacked bar chart: Tickets by status. No data for this period.");
}

static void
test_chart_value_digits (void)
{
  g_autoptr(SapaChart) chart = sapa_chart_new (SAPA_CHART_LINE, "Average waiting time");
  const char * const hours[] = { "08:00", "09:00", NULL };
  const double minutes[] = { 4.26, -0.0 };
  g_autofree char *text = NULL;

  sapa_chart_set_categories (chart, hours);
  sapa_chart_add_series (chart, "Minutes", minutes, G_N_ELEMENTS (minutes));
  sapa_chart_set_value_digits (chart, 1);
  text = sapa_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Line chart: Average waiting time. 08:00: 4.3, 09:00: 0.0.");
}

/* Counts the pixels of @surface within 8 of @rgb in each channel. */
static guint
count_color (cairo_surface_t *surface,
             guint32          rgb)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint count = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);

        if (ABS ((int) (pixel >> 16 & 0xff) - (int) (rgb >> 16 & 0xff)) <= 8
            && ABS ((int) (pixel >> 8 & 0xff) - (int) (rgb >> 8 & 0xff)) <= 8
            && ABS ((int) (pixel & 0xff) - (int) (rgb & 0xff)) <= 8)
          count++;
      }
  return count;
}

/* Draws @chart into a PNG in the build folder, to look at by eye, and
 * checks that the first series' colour and the white background show. */
static void
render_png (SapaChart  *chart,
            const char *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 360);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  sapa_chart_draw (chart, cr, 640, 360);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);

  g_assert_cmpuint (count_color (surface, 0x3584e4), >, 500);
  g_assert_cmpuint (count_color (surface, 0xffffff), >, 640 * 360 / 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_chart_png (void)
{
  g_autoptr(SapaChart) bars = make_bar_chart ();
  g_autoptr(SapaChart) stacked = make_stacked_chart ();
  g_autoptr(SapaChart) lines = make_line_chart ();

  render_png (bars, "chart-bar.png");
  render_png (stacked, "chart-stacked.png");
  render_png (lines, "chart-line.png");
}

/* The width of a chart in the report PDF: the page less its margins. */
#define PDF_CHART_WIDTH (SAPA_REPORT_PAGE_WIDTH_PT - 2 * 48.0)

/* Draws @chart alone on a PDF page of @width × @height points and returns
 * its text as pdftotext reads it. */
static char *
chart_pdf_text (SapaChart *chart,
                double     width,
                double     height)
{
  g_autofree char *dir = g_dir_make_tmp ("sapa-chart-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, width, height);
  cairo_t *cr = cairo_create (surface);
  char *text;

  sapa_chart_draw (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = extract_page (pdf, 1);
  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

/* Six escalation targets, as the report's "Escalations by target"
 * chart names them, each with four bars. */
static void
test_chart_every_category_label (void)
{
  static const char * const targets[] = {
    "CGK · Kebersihan", "DPS · Fasilitas dan teknik", "KNO · Keamanan bandara",
    "UPG · Informasi penerbangan", "BPN · PIC bandara lain", "DJJ · Layanan pelanggan", NULL
  };
  static const char * const codes[] = { "CGK", "DPS", "KNO", "UPG", "BPN", "DJJ" };
  static const double sizes[][2] = { { PDF_CHART_WIDTH, SAPA_REPORT_CHART_HEIGHT_PT }, { 560, 300 }, { 300, 220 } };
  g_autoptr(SapaChart) chart = sapa_chart_new (SAPA_CHART_BAR, "Escalations by target");
  const double sent[] = { 12, 9, 7, 5, 3, 2 };
  const double answered[] = { 10, 8, 5, 5, 2, 1 };
  const double returned[] = { 1, 0, 2, 0, 1, 0 };
  const double open[] = { 2, 1, 2, 0, 1, 1 };

  if (!have_poppler ())
    return;

  sapa_chart_set_categories (chart, targets);
  sapa_chart_add_series (chart, "Escalations", sent, G_N_ELEMENTS (sent));
  sapa_chart_add_series (chart, "Answered by the PIC", answered, G_N_ELEMENTS (answered));
  sapa_chart_add_series (chart, "Returned to the PIC", returned, G_N_ELEMENTS (returned));
  sapa_chart_add_series (chart, "Still open", open, G_N_ELEMENTS (open));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = chart_pdf_text (chart, sizes[i][0], sizes[i][1]);

      g_test_message ("%g × %g:\n%s", sizes[i][0], sizes[i][1], text);
      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        g_assert_cmpuint (count_occurrences (text, codes[c]), ==, 1);
    }
}

/* A line of 70 days has no value labels, even of one digit: they would
 * cover each other and the line. The categories are named without
 * digits, and the axis reads 0, 5, 10, so any 7 or 9 in the text would
 * be a value label. */
static void
test_chart_dense_line_no_values (void)
{
  g_autoptr(SapaChart) chart = sapa_chart_new (SAPA_CHART_LINE, "Tickets per day, all channels");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  double values[70];
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  for (guint d = 0; d < G_N_ELEMENTS (values); d++)
    {
      g_ptr_array_add (labels, (gpointer) "day");
      values[d] = d % 2 == 0 ? 7 : 9;
    }
  g_ptr_array_add (labels, NULL);
  sapa_chart_set_categories (chart, (const char * const *) labels->pdata);
  sapa_chart_add_series (chart, "All channels", values, G_N_ELEMENTS (values));

  text = chart_pdf_text (chart, PDF_CHART_WIDTH, SAPA_REPORT_CHART_HEIGHT_PT);
  g_assert_cmpuint (count_occurrences (text, "10"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "7"), ==, 0);
  g_assert_cmpuint (count_occurrences (text, "9"), ==, 0);
}

/* A week of seven points still labels each value. */
static void
test_chart_short_line_values (void)
{
  g_autoptr(SapaChart) chart = sapa_chart_new (SAPA_CHART_LINE, "Tickets per day, all channels");
  const double values[] = { 141, 152, 163, 174, 185, 196, 137 };
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  sapa_chart_set_categories (chart, days);
  sapa_chart_add_series (chart, "All channels", values, G_N_ELEMENTS (values));
  text = chart_pdf_text (chart, PDF_CHART_WIDTH, SAPA_REPORT_CHART_HEIGHT_PT);
  for (guint d = 0; d < G_N_ELEMENTS (values); d++)
    {
      g_autofree char *number = g_strdup_printf ("%.0f", values[d]);

      g_assert_cmpuint (count_occurrences (text, number), ==, 1);
    }
}

/* A bar of one segment prints its number once, above the bar. A bar of
 * two prints each segment and the total. */
static void
test_chart_stacked_single_segment (void)
{
  static const char * const two_days[] = { "1 Dec", "2 Dec", NULL };
  g_autoptr(SapaChart) chart = sapa_chart_new (SAPA_CHART_STACKED_BAR, "Tickets per day by channel");
  const double counter[] = { 37, 41 };
  const double phone[] = { 0, 23 };
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  sapa_chart_set_categories (chart, two_days);
  sapa_chart_add_series (chart, "CS counter", counter, G_N_ELEMENTS (counter));
  sapa_chart_add_series (chart, "Dial 172", phone, G_N_ELEMENTS (phone));
  text = chart_pdf_text (chart, PDF_CHART_WIDTH, SAPA_REPORT_CHART_HEIGHT_PT);

  g_assert_cmpuint (count_occurrences (text, "37"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "41"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "23"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "64"), ==, 1);
}

/* Over a long period the volume chart draws one line of all tickets,
 * and its title names that line instead of the channels. */
static void
test_chart_long_volume_title (void)
{
  SapaReportData data = { 0 };
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) by_channel = g_ptr_array_new ();
  g_autoptr(SapaChart) chart = NULL;
  g_autofree guint *per_day = g_new0 (guint, 70);
  GDate first;
  GDate last;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 10, 2026);
  last = first;
  g_date_add_days (&last, 69);
  data.query = sapa_report_query_new (&first, &last, (const char * const []) { "CGK", NULL }, 0);
  data.n_days = 70;
  data.per_day = per_day;
  data.by_channel = by_channel;

  chart = sapa_report_build_chart (0, &data, tables);
  g_assert_cmpint (sapa_chart_get_kind (chart), ==, SAPA_CHART_LINE);
  g_assert_cmpstr (sapa_chart_get_title (chart), ==, "Tickets per day, all channels");
  sapa_report_query_free (data.query);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/report-pdf/text", test_report_pdf_text);
  g_test_add_func ("/sapa/report-pdf/numbers-right-aligned", test_report_pdf_numbers_right_aligned);
  g_test_add_func ("/sapa/report-pdf/cancelled", test_report_pdf_cancelled);
  g_test_add_func ("/sapa/report-pdf/recorded-pages", test_report_recorded_pages);
  g_test_add_func ("/sapa/report-pdf/invalid-utf8", test_report_pdf_invalid_utf8);
  g_test_add_func ("/sapa/chart/describe", test_chart_describe);
  g_test_add_func ("/sapa/chart/value-digits", test_chart_value_digits);
  g_test_add_func ("/sapa/chart/png", test_chart_png);
  g_test_add_func ("/sapa/chart/every-category-label", test_chart_every_category_label);
  g_test_add_func ("/sapa/chart/dense-line-no-values", test_chart_dense_line_no_values);
  g_test_add_func ("/sapa/chart/short-line-values", test_chart_short_line_values);
  g_test_add_func ("/sapa/chart/stacked-single-segment", test_chart_stacked_single_segment);
  g_test_add_func ("/sapa/chart/long-volume-title", test_chart_long_volume_title);

  return g_test_run ();
}
