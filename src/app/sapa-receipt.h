/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-receipt.h: the paper receipt that gives a person their report number */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"
#include "sapa-ticket.h"

G_BEGIN_DECLS

/* The receipt is laid out for an 80 mm roll, the usual counter printer;
 * sizes are in points (1/72 inch). */
#define SAPA_RECEIPT_WIDTH_PT  226.8   /* 80 mm */
#define SAPA_RECEIPT_HEIGHT_PT 454.0   /* 160 mm */

/* Draws the receipt of @ticket on @cr, @width points wide: airport, date
 * and local time with its zone, the report number as text and as a QR
 * code, the category, a short summary and how to follow up. */
void     sapa_receipt_draw      (cairo_t    *cr,
                                 double      width,
                                 SapaTicket *ticket);

/* Writes the receipt of @ticket as a one-page PDF to @path. */
gboolean sapa_receipt_write_pdf (SapaTicket *ticket,
                                 const char *path,
                                 GError    **error);

/* Writes the receipt of @ticket as a one-page PDF into @file (a local
 * or portal file), drawing it on a worker thread and writing without
 * blocking the caller. */
void     sapa_receipt_save_async  (SapaTicket          *ticket,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Sets @out_name, when not NULL, to the name of the file written. */
gboolean sapa_receipt_save_finish (GAsyncResult        *result,
                                   char               **out_name,
                                   GError             **error);

/* Prints @ticket's receipt with the desk's receipt settings in
 * @settings (printer, copies, whether to skip the dialog); a printer
 * chosen in the dialog becomes the desk's receipt printer. Returns the
 * number of copies sent to the printer, 0 when the officer cancelled or
 * printing failed (the failure is shown in @parent). */
guint    sapa_receipt_print     (GtkWindow  *parent,
                                 SapaTicket *ticket,
                                 GSettings  *settings);

/* Kinds of output in a receipt activity's payload ("output"). */
#define SAPA_RECEIPT_OUTPUT_PRINTER "printer"
#define SAPA_RECEIPT_OUTPUT_PDF     "pdf"

/* Records in @ticket's log that its receipt went to @output: @copies
 * printed, or saved as the PDF @file_name (NULL for a printer). A
 * failure is shown as a toast of @widget's window. */
void     sapa_receipt_log       (SapaContext *context,
                                 SapaTicket  *ticket,
                                 const char  *output,
                                 guint        copies,
                                 const char  *file_name,
                                 GtkWidget   *widget);

G_END_DECLS
