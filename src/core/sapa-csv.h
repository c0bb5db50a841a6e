/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-csv.h: CSV files that spreadsheets open safely, and the ticket export */
#pragma once

#include <gio/gio.h>

#include "sapa-ticket.h"

G_BEGIN_DECLS

/* Field delimiters. Excel splits a .csv it opens by double-click with the
 * list separator of the Windows region: ';' wherever ',' is the decimal
 * separator, as in Indonesian (id-ID), and ',' in English (United States).
 * Sapa's exports default to ';' for the supervisors' Indonesian Excel.
 * ',' is RFC 4180's delimiter and suits scripts and other programs.
 * Whatever the delimiter, a cell containing ',', ';' or a tab is quoted,
 * so a reader set to split on several of them keeps each cell whole. */
#define SAPA_CSV_DELIMITER_SEMICOLON ';'
#define SAPA_CSV_DELIMITER_COMMA     ','
#define SAPA_CSV_DELIMITER_TAB       '\t'
#define SAPA_CSV_DELIMITER_DEFAULT   SAPA_CSV_DELIMITER_SEMICOLON

typedef enum {
  SAPA_CSV_FLAGS_NONE            = 0,
  /* Starts the file with the UTF-8 byte order mark EF BB BF. Excel for
   * Windows reads a .csv without it in the region's ANSI code page
   * (Windows-1252 for id-ID), which garbles every name outside ASCII.
   * LibreOffice and Google Sheets skip the mark, and so does Python with
   * encoding="utf-8-sig". A program that expects no mark finds it at the
   * start of the first header cell, so leave it off for such programs. */
  SAPA_CSV_FLAGS_BYTE_ORDER_MARK = 1 << 0,
} SapaCsvFlags;

/* How a spreadsheet may read a cell, named after Excel's cell formats.
 * No kind is ever read as a formula. */
typedef enum {
  /* Free text, such as a name or a purpose. The spreadsheet may still read
   * "120" as a number or "4/12" as a date, but a value whose first
   * character after spaces is '=', '+', '-', '@', a tab or a line break
   * gets SAPA_CSV_TEXT_GUARD in front. */
  SAPA_CSV_CELL_GENERAL,
  /* Text kept exactly as written: phone numbers ("+62 812-3456-7890",
   * "081234567890"), codes with leading zeros. Every non-empty value
   * gets SAPA_CSV_TEXT_GUARD in front. */
  SAPA_CSV_CELL_TEXT,
  /* A number the spreadsheet can add up: an optional '-', digits and an
   * optional '.' or ',' followed by digits, written as given (the caller
   * picks the reader's decimal separator). Any other value is written as
   * SAPA_CSV_CELL_GENERAL. */
  SAPA_CSV_CELL_NUMBER,
} SapaCsvCellKind;

/* U+200B ZERO WIDTH SPACE, put in front of a cell that a spreadsheet
 * would otherwise run as a formula or turn into a number. The cell then
 * starts with a character that is neither a formula sign nor a digit,
 * and Unicode recommends that renderers draw nothing for this
 * default-ignorable character. OWASP advises a leading apostrophe instead, but it shows in
 * text viewers and in spreadsheets that keep it in an imported value. A
 * leading space is removed by importers set to trim spaces (LibreOffice's
 * import dialog has that option). The guard stays part of the cell's
 * value: a lookup or a script that compares the cell with the bare text
 * must strip it first. */
#define SAPA_CSV_TEXT_GUARD "\xe2\x80\x8b"

/* Appends @value (NULL is empty) as one cell to @out: invalid UTF-8
 * sequences become U+FFFD with the rest kept, CR LF and lone CR inside
 * the cell become LF (Excel's line break within a cell), the guard is
 * added as @kind requires, and the cell is quoted with '"' doubled when it
 * contains a quote, a line break, @delimiter, ',', ';' or a tab, or
 * starts or ends with a space. */
void           sapa_csv_append_cell     (GString         *out,
                                         const char      *value,
                                         SapaCsvCellKind  kind,
                                         char             delimiter);

/* A writer of rows to a GOutputStream. Each finished row is written at
 * once, so wrap an unbuffered stream in a GBufferedOutputStream. Every
 * row must have as many cells as the first one (the header row). Rows end
 * with CR LF as RFC 4180 specifies. */
typedef struct _SapaCsvWriter SapaCsvWriter;

/* Returns a writer to @stream (referenced). @delimiter is one of the
 * SAPA_CSV_DELIMITER_* characters. Writes nothing until the first row. */
SapaCsvWriter *sapa_csv_writer_new         (GOutputStream   *stream,
                                            char             delimiter,
                                            SapaCsvFlags     flags);
void           sapa_csv_writer_free        (SapaCsvWriter   *self);

/* Adds a cell to the row being built. */
void           sapa_csv_writer_add_cell    (SapaCsvWriter   *self,
                                            const char      *value,
                                            SapaCsvCellKind  kind);
void           sapa_csv_writer_add_integer (SapaCsvWriter   *self,
                                            gint64           value);

/* Writes the row being built (after the byte order mark, for the first
 * row with SAPA_CSV_FLAGS_BYTE_ORDER_MARK) and starts an empty one. On
 * failure the row is dropped and @error is G_IO_ERROR_CANCELLED or the
 * stream's own error. */
gboolean       sapa_csv_writer_end_row     (SapaCsvWriter   *self,
                                            GCancellable    *cancellable,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaCsvWriter, sapa_csv_writer_free)

/* The ticket export has one column per field, in this order: report
 * number, created (airport local time with its zone, "2026-12-04 10:00
 * WIT"), airport (IATA code), channel, category, status, name, phone,
 * email, purpose. Headers, channels, categories and statuses are in the
 * language of the current locale. */

/* Writes the header row of the ticket export. */
gboolean       sapa_csv_write_ticket_header (SapaCsvWriter  *writer,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* Writes one loaded @ticket as a row of the ticket export. */
gboolean       sapa_csv_write_ticket        (SapaCsvWriter  *writer,
                                             SapaTicket     *ticket,
                                             GCancellable   *cancellable,
                                             GError        **error);

/* Writes the ticket export of @tickets (SapaTicket, loaded, as
 * sapa_store_load_tickets() returns them) to @stream, header first, and
 * flushes it. Blocks: call it from a worker thread, or use the _async
 * form. The stream is left open. */
gboolean       sapa_csv_write_tickets        (GOutputStream       *stream,
                                              GPtrArray           *tickets,
                                              char                 delimiter,
                                              SapaCsvFlags         flags,
                                              GCancellable        *cancellable,
                                              GError             **error);
/* Runs sapa_csv_write_tickets() in a thread. Until @callback runs, neither
 * @stream nor the tickets may be used elsewhere, so pass tickets that no
 * list model refreshes. */
void           sapa_csv_write_tickets_async  (GOutputStream       *stream,
                                              GPtrArray           *tickets,
                                              char                 delimiter,
                                              SapaCsvFlags         flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       sapa_csv_write_tickets_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
