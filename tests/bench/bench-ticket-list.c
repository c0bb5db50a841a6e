/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-ticket-list.c: the Tickets page's first frame and memory vs an empty window */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

#include "bench-data.h"
#include "sapa-context.h"
#include "sapa-tickets-page.h"
#include "sapa-window.h"

/* Run with --compare, this program starts itself once per measurement,
 * alternating the two cases so that both see the same machine state:
 *  - empty: an AdwApplicationWindow with nothing in it;
 *  - sapa: a SapaWindow over the store file, switched to the Tickets page
 *    before it is shown.
 * Each child times from just before the window is made to the first
 * "after-paint" of the window's frame clock that painted what is wanted:
 * any frame for the empty window, and for Sapa a frame in which a cell of
 * the ticket list shows a report number, so rows, not placeholders. The
 * store is opened before the clock starts and timed on its own. The
 * child then runs the main loop SETTLE_MS longer, so that work started by
 * the first frame ends, and reports its peak resident set (VmHWM). */

#define SETTLE_MS 1500
#define TIMEOUT_S 60

typedef struct {
  GtkWidget *window;
  gboolean   sapa;
  gint64     start_us;
  gint64     first_paint_us;    /* any frame */
  gint64     rows_paint_us;     /* the frame that showed rows */
  gint64     ids_us;            /* the list model's first items-changed: the first page */
  gint64     all_ids_us;        /* the list model's last items-changed while measuring */
  gboolean   done;
} Run;

/* TRUE when @text looks like a report number: "CGK-07-…". */
static gboolean
is_report_number (const char *text)
{
  return strlen (text) > 7 &&
         g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]) &&
         text[3] == '-' && g_ascii_isdigit (text[4]) && g_ascii_isdigit (text[5]) && text[6] == '-';
}

static gboolean
shows_report_number (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && is_report_number (gtk_label_get_text (GTK_LABEL (widget))))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_report_number (child))
      return TRUE;
  return FALSE;
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

/* Runs after a frame was painted, so the widgets' state is what the frame
 * showed: nothing runs between painting and this signal. */
static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  GtkWidget *column_view;

  if (run->first_paint_us == 0)
    run->first_paint_us = now - run->start_us;

  if (!run->sapa)
    {
      run->done = TRUE;
      return;
    }

  column_view = find_type (run->window, GTK_TYPE_COLUMN_VIEW);
  if (run->rows_paint_us == 0 && column_view != NULL && shows_report_number (column_view))
    {
      run->rows_paint_us = now - run->start_us;
      run->done = TRUE;
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Run        *run)
{
  gint64 now = g_get_monotonic_time () - run->start_us;

  if (run->ids_us == 0)
    run->ids_us = now;
  run->all_ids_us = now;
}

static void
realize_cb (GtkWidget *window,
            Run       *run)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), run);
}

/* Returns the value in kB of @field ("VmHWM", "VmRSS") of this process. */
static long
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return strtol (lines[i] + strlen (field) + 1, NULL, 10);
  return -1;
}

static void
iterate_for (gint64 duration_us)
{
  gint64 end = g_get_monotonic_time () + duration_us;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static GSettings *
create_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  GSettings *settings = g_settings_new_with_backend (APPLICATION_ID, backend);

  g_settings_set_string (settings, "airport", "CGK");
  g_settings_set_uint (settings, "workstation", 7);
  g_settings_set_string (settings, "officer", "Dewi Sartika");
  return settings;
}

/* Measures one case in this process and prints "first-paint-us
 * rows-paint-us store-open-us vmhwm-kb first-ids-us all-ids-us". */
static int
run_child (const char *store_path)
{
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(SapaContext) context = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 open_us = 0;
  GtkWidget *page;
  Run run = { 0 };

  adw_init ();
  application = g_object_new (ADW_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID ".Bench",
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "resource-base-path", "/id/sapa/Sapa",
                              NULL);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("Registering the application failed: %s", error->message);

  run.sapa = store_path != NULL;
  if (run.sapa)
    {
      gint64 start = g_get_monotonic_time ();

      store = sapa_store_open (store_path, &error);
      if (store == NULL)
        g_error ("Opening %s failed: %s", store_path, error->message);
      open_us = g_get_monotonic_time () - start;
      settings = create_settings ();
      context = sapa_context_new (store, settings);
    }

  run.start_us = g_get_monotonic_time ();
  if (run.sapa)
    {
      run.window = GTK_WIDGET (sapa_window_new (application, context));
      gtk_widget_activate_action (run.window, "win.show-tickets", NULL);
      page = find_type (run.window, SAPA_TYPE_TICKETS_PAGE);
      g_signal_connect (sapa_tickets_page_get_model (SAPA_TICKETS_PAGE (page)), "items-changed",
                        G_CALLBACK (items_changed_cb), &run);
    }
  else
    run.window = adw_application_window_new (application);

  g_signal_connect (run.window, "realize", G_CALLBACK (realize_cb), &run);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (run.window));

  while (!run.done)
    {
      if (g_get_monotonic_time () - run.start_us > TIMEOUT_S * G_USEC_PER_SEC)
        g_error ("Timed out after %d s waiting for the first frame%s", TIMEOUT_S,
                 run.sapa ? " with rows" : "");
      g_main_context_iteration (NULL, TRUE);
    }

  iterate_for (SETTLE_MS * 1000);
  printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %ld %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT "\n",
          run.first_paint_us, run.sapa ? run.rows_paint_us : run.first_paint_us, open_us,
          read_status_kb ("VmHWM"), run.ids_us, run.all_ids_us);
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (run.window));
  iterate_for (100 * 1000);
  return 0;
}

typedef struct {
  gint64 first_paint_us;
  gint64 rows_paint_us;
  gint64 open_us;
  gint64 hwm_kb;
  gint64 ids_us;
  gint64 all_ids_us;
} Measure;

static Measure
spawn_child (const char *self_path,
             const char *store_path)
{
  const char *argv[] = { self_path, "--child", store_path != NULL ? "--store" : NULL, store_path, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  Measure measure = { 0 };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("The measuring child failed: %s", error->message);

  if (sscanf (output, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
              " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &measure.first_paint_us, &measure.rows_paint_us,
              &measure.open_us, &measure.hwm_kb, &measure.ids_us, &measure.all_ids_us) != 6)
    g_error ("The measuring child printed “%s”, not six numbers", output);
  return measure;
}

static gint64
median (GArray *values)
{
  BenchSamples samples = { values };

  return bench_samples_percentile (&samples, 50);
}

static int
run_compare (const char *self_path,
             const char *benchmark,
             const char *store_path,
             guint       rounds,
             gboolean    judge)
{
  g_autoptr(GArray) empty_paint = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) empty_hwm = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sapa_first = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sapa_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sapa_open = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sapa_hwm = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sapa_all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *rows_text = NULL, *empty_text = NULL, *first_text = NULL;
  g_autofree char *hwm_text = NULL, *empty_hwm_text = NULL, *open_text = NULL;
  g_autofree char *all_ids_text = NULL;
  gint64 rows, empty, hwm, base_hwm;

  /* Round 0 warms the page cache, the fonts and the shader caches and is
   * not counted; the order alternates so neither case always goes first. */
  for (guint round = 0; round <= rounds; round++)
    {
      Measure e, s;

      if (round % 2 == 0)
        {
          e = spawn_child (self_path, NULL);
          s = spawn_child (self_path, store_path);
        }
      else
        {
          s = spawn_child (self_path, store_path);
          e = spawn_child (self_path, NULL);
        }
      fprintf (stderr, "ticket list round %u: empty %.1f ms %" G_GINT64_FORMAT " kB;"
               " sapa first frame %.1f ms, first page in the model %.1f ms, rows %.1f ms,"
               " every row id in the model %.1f ms, store open %.1f ms, %" G_GINT64_FORMAT " kB\n",
               round, e.first_paint_us / 1000.0, e.hwm_kb, s.first_paint_us / 1000.0,
               s.ids_us / 1000.0, s.rows_paint_us / 1000.0, s.all_ids_us / 1000.0,
               s.open_us / 1000.0, s.hwm_kb);
      if (round == 0)
        continue;

      g_array_append_val (empty_paint, e.first_paint_us);
      g_array_append_val (empty_hwm, e.hwm_kb);
      g_array_append_val (sapa_first, s.first_paint_us);
      g_array_append_val (sapa_rows, s.rows_paint_us);
      g_array_append_val (sapa_open, s.open_us);
      g_array_append_val (sapa_hwm, s.hwm_kb);
      g_array_append_val (sapa_all_ids, s.all_ids_us);
    }

  rows = median (sapa_rows);
  empty = median (empty_paint);
  hwm = median (sapa_hwm);
  base_hwm = median (empty_hwm);
  rows_text = g_strdup_printf ("%.0f ms", rows / 1000.0);
  empty_text = g_strdup_printf ("%.0f ms", empty / 1000.0);
  first_text = g_strdup_printf ("%.0f ms", median (sapa_first) / 1000.0);
  open_text = g_strdup_printf ("%.1f ms", median (sapa_open) / 1000.0);
  all_ids_text = g_strdup_printf ("%.0f ms", median (sapa_all_ids) / 1000.0);
  hwm_text = g_strdup_printf ("%.0f MB", hwm / 1024.0);
  empty_hwm_text = g_strdup_printf ("%.0f MB", base_hwm / 1024.0);

  bench_print_row (benchmark, "first frame with rows (median)", rows_text, empty_text,
                   (double) rows / empty, "≤ 1.5× empty window",
                   bench_verdict (judge, rows <= 1.5 * empty));
  bench_print_row (benchmark, "first frame of any kind (median)", first_text, empty_text,
                   (double) median (sapa_first) / empty, "-", "-");
  bench_print_row (benchmark, "every row id in the model (median)", all_ids_text, "-",
                   0, "-", "-");
  bench_print_row (benchmark, "store open, before the clock (median)", open_text, "-",
                   0, "-", "-");
  bench_print_row (benchmark, "peak RSS (median)", hwm_text, empty_hwm_text,
                   (double) hwm / base_hwm, "≤ 150 MB",
                   bench_verdict (judge, hwm <= 150 * 1024));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  gboolean child = FALSE;
  gboolean no_targets = FALSE;
  gint rounds = 5;
  g_autofree char *store_path = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *label = NULL;
  g_autofree char *benchmark = NULL;
  GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "Text after the benchmark's name, e.g. the renderer", "TEXT" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "Store file to list (only read)", "PATH" },
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Measured runs of each case (default 5)", "N" },
    { "child", 0, 0, G_OPTION_ARG_NONE, &child, "Measure one case in this process (internal)", NULL },
    { "no-targets", 0, 0, G_OPTION_ARG_NONE, &no_targets, "Print no met or missed marks", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the Tickets page's first frame");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  if (child)
    {
      gtk_init ();
      return run_child (store_path);
    }

  if (store_path == NULL || rounds <= 0)
    {
      fprintf (stderr, "--store is required and --rounds must be positive\n");
      return 2;
    }
  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    g_error ("Finding this program's path failed: %s", error->message);
  benchmark = g_strdup_printf ("open the Tickets page (%s)", label != NULL ? label : "default renderer");
  return run_compare (self_path, benchmark, store_path, rounds, !no_targets);
}
