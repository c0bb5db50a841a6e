/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-receipt.c: the paper receipt that gives a person their report number */

#define G_LOG_DOMAIN "sapa-receipt"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <qrencode.h>

#include "sapa-airport.h"
#include "sapa-flow.h"
#include "sapa-receipt.h"
#include "sapa-time.h"

#define MARGIN 12.0
/* The summary is a reminder of the case, not its record: the ticket
 * keeps the whole text. */
#define SUMMARY_MAX_CHARS 160

/* Draws @text at *y, wrapped to the receipt's width, and moves *y below. */
static void
draw_text (cairo_t    *cr,
           double      width,
           double     *y,
           const char *text,
           const char *font,
           PangoAlignment alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int text_height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) ((width - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  cairo_move_to (cr, MARGIN, *y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &text_height);
  *y += (double) text_height / PANGO_SCALE + 4;

  pango_font_description_free (description);
  g_object_unref (layout);
}

/* Draws the QR code of @text, @size points square, centred at *y. The
 * quiet zone of four modules that readers need is kept white. */
static void
draw_qr_code (cairo_t    *cr,
              double      width,
              double     *y,
              const char *text,
              double      size)
{
  QRcode *code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double module;
  double left;

  if (code == NULL)
    {
      g_warning ("Could not encode the QR code of %s", text);
      return;
    }

  module = size / (code->width + 8);
  left = (width - size) / 2 + 4 * module;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int column = 0; column < code->width; column++)
      if (code->data[row * code->width + column] & 1)
        cairo_rectangle (cr, left + column * module, *y + 4 * module + row * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);

  *y += size + 4;
  QRcode_free (code);
}

static char *
summarize (const char *text)
{
  g_autofree char *flat = g_strdup (text ? text : "");

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= SUMMARY_MAX_CHARS)
    return g_steal_pointer (&flat);

  {
    g_autofree char *head = g_utf8_substring (flat, 0, SUMMARY_MAX_CHARS - 1);

    return g_strconcat (head, "…", NULL);
  }
}

void
sapa_receipt_draw (cairo_t    *cr,
                   double      width,
                   SapaTicket *ticket)
{
  const SapaAirport *airport = sapa_airport_lookup (sapa_ticket_get_airport (ticket));
  g_autofree char *when = sapa_time_format (sapa_ticket_get_created_at (ticket),
                                            sapa_ticket_get_time_zone (ticket));
  g_autofree char *place = NULL;
  g_autofree char *summary = summarize (sapa_ticket_get_purpose (ticket));
  g_autofree char *category = NULL;
  const char *category_label = sapa_choice_get_label (sapa_flow_get_categories (),
                                                      sapa_ticket_get_category (ticket));
  double y = MARGIN;

  g_return_if_fail (SAPA_IS_TICKET (ticket));

  place = g_strdup_printf ("%s (%s)", airport ? airport->name : "", sapa_ticket_get_airport (ticket));

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text (cr, width, &y, _("Feedback Receipt"), "Sans Bold 11", PANGO_ALIGN_CENTER);
  draw_text (cr, width, &y, place, "Sans 8", PANGO_ALIGN_CENTER);
  draw_text (cr, width, &y, when, "Sans 8", PANGO_ALIGN_CENTER);
  y += 6;

  draw_text (cr, width, &y, _("Report number"), "Sans 8", PANGO_ALIGN_CENTER);
  draw_text (cr, width, &y, sapa_ticket_get_report_number (ticket), "Monospace Bold 12", PANGO_ALIGN_CENTER);
  draw_qr_code (cr, width, &y, sapa_ticket_get_report_number (ticket), 96);
  y += 4;

  if (category_label != NULL)
    {
      /* Translators: the category of the feedback on the receipt. */
      category = g_strdup_printf (_("Category: %s"), category_label);
      draw_text (cr, width, &y, category, "Sans 8", PANGO_ALIGN_LEFT);
    }
  if (*summary != '\0')
    draw_text (cr, width, &y, summary, "Sans 8", PANGO_ALIGN_LEFT);
  y += 6;

  draw_text (cr, width, &y,
             _("To follow up, call Contact Center 172 and quote the report number."),
             "Sans Italic 8", PANGO_ALIGN_CENTER);
}

gboolean
sapa_receipt_write_pdf (SapaTicket  *ticket,
                        const char  *path,
                        GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SAPA_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, SAPA_RECEIPT_WIDTH_PT, SAPA_RECEIPT_HEIGHT_PT);
  cr = cairo_create (surface);
  sapa_receipt_draw (cr, SAPA_RECEIPT_WIDTH_PT, ticket);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the receipt to “%s”: %s."),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the PDF into memory; runs on a worker thread with its own copy
 * of the ticket. */
static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SapaTicket *ticket = task_data;
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf,
                                                 SAPA_RECEIPT_WIDTH_PT, SAPA_RECEIPT_HEIGHT_PT);
  cr = cairo_create (surface);
  sapa_receipt_draw (cr, SAPA_RECEIPT_WIDTH_PT, ticket);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (pdf);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not draw the receipt: %s."), cairo_status_to_string (status));
      return;
    }
  g_task_return_pointer (task, g_byte_array_free_to_bytes (pdf), (GDestroyNotify) g_bytes_unref);
}

static void
receipt_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
receipt_rendered_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) pdf = NULL;
  GFile *file = g_task_get_task_data (task);
  GError *error = NULL;

  pdf = g_task_propagate_pointer (G_TASK (result), &error);
  if (pdf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_file_replace_contents_bytes_async (file, pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), receipt_written_cb,
                                       g_object_ref (task));
}

void
sapa_receipt_save_async (SapaTicket          *ticket,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) render = NULL;
  SapaTicket *copy;

  g_return_if_fail (SAPA_IS_TICKET (ticket));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_receipt_save_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  /* A list may refill the ticket on this thread while the worker draws. */
  copy = sapa_ticket_new_placeholder (sapa_ticket_get_rowid (ticket));
  sapa_ticket_fill (copy, ticket);
  render = g_task_new (NULL, cancellable, receipt_rendered_cb, g_object_ref (task));
  g_task_set_task_data (render, copy, g_object_unref);
  g_task_run_in_thread (render, render_in_thread);
}

gboolean
sapa_receipt_save_finish (GAsyncResult  *result,
                          char         **out_name,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_name != NULL)
    *out_name = g_file_get_basename (g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              SapaTicket        *ticket)
{
  sapa_receipt_draw (gtk_print_context_get_cairo_context (context),
                     gtk_print_context_get_width (context), ticket);
}

guint
sapa_receipt_print (GtkWindow  *parent,
                    SapaTicket *ticket,
                    GSettings  *settings)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printer = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;
  GtkPrintSettings *used;

  g_return_val_if_fail (SAPA_IS_TICKET (ticket), 0);
  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  printer = g_settings_get_string (settings, "receipt-printer");
  if (*printer != '\0')
    {
      gtk_print_settings_set_printer (print_settings, printer);
      if (g_settings_get_boolean (settings, "receipt-direct"))
        action = GTK_PRINT_OPERATION_ACTION_PRINT;
    }
  gtk_print_settings_set_n_copies (print_settings, g_settings_get_uint (settings, "receipt-copies"));
  gtk_print_operation_set_print_settings (operation, print_settings);

  paper = gtk_paper_size_new_custom ("sapa-receipt", _("Receipt roll, 80 mm"),
                                     SAPA_RECEIPT_WIDTH_PT, SAPA_RECEIPT_HEIGHT_PT, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);

  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, sapa_ticket_get_report_number (ticket));
  /* The operation keeps the ticket for as long as it may draw it. */
  g_object_set_data_full (G_OBJECT (operation), "sapa-ticket", g_object_ref (ticket), g_object_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), ticket);

  result = gtk_print_operation_run (operation, action, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
      return 0;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return 0;

  used = gtk_print_operation_get_print_settings (operation);
  if (used == NULL)
    used = print_settings;

  /* The printer chosen in the dialog is offered first next time. */
  if (action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
    {
      const char *chosen = gtk_print_settings_get_printer (used);

      if (chosen != NULL && *chosen != '\0')
        g_settings_set_string (settings, "receipt-printer", chosen);
    }

  return MAX (gtk_print_settings_get_n_copies (used), 1);
}

typedef struct {
  SapaContext *context;
  SapaTicket  *ticket;
  GtkWidget   *widget;
} LogRequest;

static void
log_request_free (LogRequest *request)
{
  g_object_unref (request->context);
  g_object_unref (request->ticket);
  g_object_unref (request->widget);
  g_free (request);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogRequest, log_request_free)

static void
receipt_logged_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LogRequest) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_store_log_finish (SAPA_STORE (source), result, &error))
    gtk_widget_activate_action (request->widget, "win.toast", "s", error->message);
  else
    sapa_context_ticket_recorded (request->context, request->ticket);
}

void
sapa_receipt_log (SapaContext *context,
                  SapaTicket  *ticket,
                  const char  *output,
                  guint        copies,
                  const char  *file_name,
                  GtkWidget   *widget)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(SapaActivity) activity = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  LogRequest *request;

  g_return_if_fail (SAPA_IS_CONTEXT (context));
  g_return_if_fail (SAPA_IS_TICKET (ticket));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  json_object_set_string_member (payload, "output", output);
  if (copies > 0)
    json_object_set_int_member (payload, "copies", copies);
  if (file_name != NULL)
    json_object_set_string_member (payload, "file_name", file_name);

  airport = sapa_context_dup_airport (context);
  officer = sapa_context_dup_officer (context);
  activity = sapa_activity_new (sapa_ticket_get_id (ticket), SAPA_ACTIVITY_RECEIPT, NULL, NULL,
                                payload, officer, airport, sapa_context_get_workstation (context),
                                g_get_real_time ());
  request = g_new0 (LogRequest, 1);
  request->context = g_object_ref (context);
  request->ticket = g_object_ref (ticket);
  request->widget = g_object_ref (widget);
  sapa_store_log_async (sapa_context_get_store (context), activity, NULL, NULL,
                        receipt_logged_cb, request);
}
