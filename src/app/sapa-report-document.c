/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-document.c: a computed report as a PDF, a print job or CSV files */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-airport.h"
#include "sapa-report-charts.h"
#include "sapa-report-document.h"
#include "sapa-time.h"

static char *
format_airports (const SapaReportQuery *query)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; query->airports[i] != NULL; i++)
    {
      const SapaAirport *airport = sapa_airport_lookup (query->airports[i]);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%s)", query->airports[i], airport ? airport->name : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_period (const SapaReportQuery *query,
               guint                  n_days)
{
  char first[16], last[16];

  g_date_strftime (first, sizeof first, "%d/%m/%Y", &query->first_day);
  g_date_strftime (last, sizeof last, "%d/%m/%Y", &query->last_day);
  /* Translators: the period of a report: the first and last date and
   * the number of days, each airport's days in its own time zone. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s to %s (%u day, in each airport's local time)",
                                       "%s to %s (%u days, in each airport's local time)", n_days),
                          first, last, n_days);
}

SapaReport *
sapa_report_document_new (const SapaReportData *data,
                          GPtrArray            *tables,
                          const char           *desk_iana)
{
  SapaReport *report = sapa_report_new (_("Customer Service Report"));
  g_autofree char *airports = format_airports (data->query);
  g_autofree char *period = format_period (data->query, data->n_days);
  g_autofree char *generated = sapa_time_format (data->query->now, desk_iana);
  guint n_sections;
  const SapaReportSection *sections = sapa_report_get_sections (&n_sections);

  sapa_report_set_airports (report, airports);
  sapa_report_set_period (report, period);
  sapa_report_set_generated_at (report, generated);

  for (guint s = 0; s < n_sections; s++)
    {
      g_autoptr(SapaChart) chart = sapa_report_build_chart (s, data, tables);

      sapa_report_add_section (report, _(sections[s].heading));
      sapa_report_set_chart (report, chart);

      /* Each table has its own heading, so it follows the chart as a
       * section of its own. */
      for (guint t = 0; sections[s].tables[t] != NULL; t++)
        {
          SapaReportTable *table = sapa_report_tables_lookup (tables, sections[s].tables[t]);

          sapa_report_add_section (report, table->title);
          for (guint c = 0; c < table->headers->len; c++)
            sapa_report_add_column (report, g_ptr_array_index (table->headers, c),
                                    g_array_index (table->kinds, SapaReportCellKind, c) == SAPA_REPORT_CELL_NUMBER
                                    ? SAPA_REPORT_COLUMN_NUMBER : SAPA_REPORT_COLUMN_TEXT);
          for (guint r = 0; r < table->rows->len; r++)
            sapa_report_add_row (report, g_ptr_array_index (table->rows, r));
        }
    }

  return report;
}

/* ---- Files ---- */

/* Replaces @file with what @write writes, and deletes what was written
 * when it fails. */
typedef gboolean (*WriteFunc) (gpointer        data,
                               GOutputStream  *stream,
                               GCancellable   *cancellable,
                               GError        **error);

static gboolean
write_file (GFile         *file,
            WriteFunc      write,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (write (data, G_OUTPUT_STREAM (stream), cancellable, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return TRUE;

  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  g_file_delete (file, NULL, NULL);
  return FALSE;
}

static gboolean
write_pdf (gpointer        data,
           GOutputStream  *stream,
           GCancellable   *cancellable,
           GError        **error)
{
  return sapa_report_write_pdf (data, stream, cancellable, error);
}

static void
save_pdf_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "sapa-file");
  GError *error = NULL;

  if (write_file (file, write_pdf, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sapa_report_document_save_async (SapaReport          *report,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sapa_report_document_save_async);
  g_task_set_task_data (task, report, (GDestroyNotify) sapa_report_free);
  g_object_set_data_full (G_OBJECT (task), "sapa-file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_pdf_thread);
}

gboolean
sapa_report_document_save_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sapa_report_document_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
write_csv (gpointer        data,
           GOutputStream  *stream,
           GCancellable   *cancellable,
           GError        **error)
{
  return sapa_report_table_write_csv (data, stream, SAPA_CSV_DELIMITER_DEFAULT,
                                      SAPA_CSV_FLAGS_BYTE_ORDER_MARK, cancellable, error);
}

static void
save_table_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "sapa-file");
  GError *error = NULL;

  if (write_file (file, write_csv, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sapa_report_table_save_async (GPtrArray           *tables,
                              const char          *table_id,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SapaReportTable *table = sapa_report_tables_lookup (tables, table_id);

  g_task_set_source_tag (task, sapa_report_table_save_async);
  if (table == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "No report table has the id %s", table_id);
      return;
    }

  /* The table lives in @tables, which the task keeps. */
  g_object_set_data_full (G_OBJECT (task), "sapa-tables", g_ptr_array_ref (tables),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (task), "sapa-file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, table, NULL);
  g_task_run_in_thread (task, save_table_thread);
}

gboolean
sapa_report_table_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sapa_report_table_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
sapa_report_document_file_name (const SapaReportData *data,
                                const char           *suffix,
                                const char           *extension)
{
  g_autoptr(GString) name = g_string_new (C_("file name", "report"));
  char first[16], last[16];

  if (suffix != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (suffix, -1);

      g_string_append_c (name, '-');
      for (const char *p = lower; *p != '\0'; p++)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (name, *p);
          else if (name->str[name->len - 1] != '-')
            g_string_append_c (name, '-');
        }
      while (name->str[name->len - 1] == '-')
        g_string_truncate (name, name->len - 1);
    }

  g_date_strftime (first, sizeof first, "%Y-%m-%d", &data->query->first_day);
  g_date_strftime (last, sizeof last, "%Y-%m-%d", &data->query->last_day);
  g_string_append_printf (name, "-%s_%s%s", first, last, extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ---- Printing ---- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              GPtrArray         *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / SAPA_REPORT_PAGE_WIDTH_PT;

  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, g_ptr_array_index (pages, page), 0, 0);
  cairo_paint (cr);
}

static void
run_print_dialog (GtkWindow *parent,
                  GPtrArray *pages,
                  const char *title)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  /* The pages carry their own margins, as in the PDF. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, pages->len);
  gtk_print_operation_set_job_name (operation, title);
  g_object_set_data_full (G_OBJECT (operation), "sapa-pages", g_ptr_array_ref (pages),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), pages);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
}

static void
record_pages_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *pages = sapa_report_record_pages (task_data, cancellable, &error);

  if (pages != NULL)
    g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
pages_recorded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  pages = g_task_propagate_pointer (G_TASK (result), &error);
  if (pages == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
      return;
    }
  run_print_dialog (parent, pages, _("Customer Service Report"));
}

void
sapa_report_document_print (SapaReport *report,
                            GtkWindow  *parent)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (GTK_IS_WINDOW (parent));

  /* Laying out a long report takes a moment: it runs in a thread, and
   * the dialog opens when the pages are ready. */
  task = g_task_new (NULL, NULL, pages_recorded_cb, g_object_ref (parent));
  g_task_set_task_data (task, report, (GDestroyNotify) sapa_report_free);
  g_task_run_in_thread (task, record_pages_thread);
}
