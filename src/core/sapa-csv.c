/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-csv.c: CSV files that spreadsheets open safely, and the ticket export */

#define G_LOG_DOMAIN "sapa-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sapa-csv.h"
#include "sapa-flow.h"
#include "sapa-phone.h"
#include "sapa-time.h"

#define BYTE_ORDER_MARK "\xef\xbb\xbf"
#define ROW_END         "\r\n"

/* First characters (after spaces) that get a GENERAL cell the guard:
 * '=', '+', '-', '@' and tab as OWASP ASVS 1.2.10 lists them (its NUL
 * cannot occur in a C string), and CR and LF, because a guard in front of
 * a line break costs nothing. */
#define FORMULA_STARTS  "=+-@\t\r\n"

struct _SapaCsvWriter
{
  GOutputStream *stream;
  GString       *row;
  char           delimiter;
  SapaCsvFlags   flags;
  gboolean       started;     /* a row, and so the byte order mark, is written */
  guint          n_cells;     /* cells in the row being built */
  guint          n_columns;   /* cells of the first row, 0 before it */
};

static gboolean
is_delimiter (char delimiter)
{
  return delimiter == SAPA_CSV_DELIMITER_SEMICOLON
         || delimiter == SAPA_CSV_DELIMITER_COMMA
         || delimiter == SAPA_CSV_DELIMITER_TAB;
}

/* Returns whether @value is an optional '-', digits, and an optional
 * '.' or ',' followed by digits. */
static gboolean
is_plain_number (const char *value)
{
  const char *p = value;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static gboolean
needs_guard (const char      *value,
             SapaCsvCellKind  kind)
{
  const char *p = value;

  if (*value == '\0' || kind == SAPA_CSV_CELL_NUMBER)
    return FALSE;
  if (kind == SAPA_CSV_CELL_TEXT)
    return TRUE;

  while (*p == ' ')
    p++;
  return *p != '\0' && strchr (FORMULA_STARTS, *p) != NULL;
}

static gboolean
needs_quotes (const char *value,
              char        delimiter)
{
  gsize length = strlen (value);

  if (length == 0)
    return FALSE;
  if (value[0] == ' ' || value[length - 1] == ' ')
    return TRUE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == delimiter || strchr ("\",;\t\r\n", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

void
sapa_csv_append_cell (GString         *out,
                      const char      *value,
                      SapaCsvCellKind  kind,
                      char             delimiter)
{
  g_autofree char *valid = NULL;
  gboolean quoted;

  g_return_if_fail (out != NULL);
  g_return_if_fail (is_delimiter (delimiter));

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  if (kind == SAPA_CSV_CELL_NUMBER && !is_plain_number (value))
    kind = SAPA_CSV_CELL_GENERAL;

  quoted = needs_quotes (value, delimiter);
  if (quoted)
    g_string_append_c (out, '"');
  if (needs_guard (value, kind))
    g_string_append (out, SAPA_CSV_TEXT_GUARD);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (out, "\"\"");
      else if (*p == '\r' && p[1] == '\n')
        continue;
      else if (*p == '\r')
        g_string_append_c (out, '\n');
      else
        g_string_append_c (out, *p);
    }

  if (quoted)
    g_string_append_c (out, '"');
}

SapaCsvWriter *
sapa_csv_writer_new (GOutputStream *stream,
                     char           delimiter,
                     SapaCsvFlags   flags)
{
  SapaCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (is_delimiter (delimiter), NULL);

  self = g_new0 (SapaCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->row = g_string_new (NULL);
  self->delimiter = delimiter;
  self->flags = flags;
  return self;
}

void
sapa_csv_writer_free (SapaCsvWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_string_free (self->row, TRUE);
  g_free (self);
}

void
sapa_csv_writer_add_cell (SapaCsvWriter   *self,
                          const char      *value,
                          SapaCsvCellKind  kind)
{
  g_return_if_fail (self != NULL);

  if (self->n_cells > 0)
    g_string_append_c (self->row, self->delimiter);
  sapa_csv_append_cell (self->row, value, kind, self->delimiter);
  self->n_cells++;
}

void
sapa_csv_writer_add_integer (SapaCsvWriter *self,
                             gint64         value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  sapa_csv_writer_add_cell (self, text, SAPA_CSV_CELL_NUMBER);
}

static void
reset_row (SapaCsvWriter *self)
{
  g_string_truncate (self->row, 0);
  self->n_cells = 0;
}

gboolean
sapa_csv_writer_end_row (SapaCsvWriter  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  gboolean written;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A row of no cells would read back as one empty cell. */
  if (self->n_cells == 0)
    {
      g_critical ("A CSV row must have at least one cell");
      return FALSE;
    }
  if (self->n_columns != 0 && self->n_cells != self->n_columns)
    {
      g_critical ("A CSV row has %u cells, but the header row has %u",
                  self->n_cells, self->n_columns);
      reset_row (self);
      return FALSE;
    }

  /* GMemoryOutputStream ignores the cancellable, so check it once a row
   * for every kind of stream. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      reset_row (self);
      return FALSE;
    }

  if (!self->started && (self->flags & SAPA_CSV_FLAGS_BYTE_ORDER_MARK))
    g_string_prepend (self->row, BYTE_ORDER_MARK);
  g_string_append (self->row, ROW_END);

  written = g_output_stream_write_all (self->stream, self->row->str, self->row->len,
                                       NULL, cancellable, error);
  if (written)
    {
      self->started = TRUE;
      self->n_columns = self->n_cells;
    }

  reset_row (self);
  return written;
}

gboolean
sapa_csv_write_ticket_header (SapaCsvWriter  *writer,
                              GCancellable   *cancellable,
                              GError        **error)
{
  const char *headers[] = {
    _("Report number"),
    /* Translators: a column of the ticket export: the airport's local date
     * and time at which the ticket was recorded. */
    _("Created"),
    _("Airport"),
    _("Channel"),
    _("Category"),
    _("Status"),
    _("Name"),
    _("Phone"),
    _("Email"),
    _("Purpose"),
  };

  g_return_val_if_fail (writer != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    sapa_csv_writer_add_cell (writer, headers[i], SAPA_CSV_CELL_GENERAL);
  return sapa_csv_writer_end_row (writer, cancellable, error);
}

/* Returns the phone number as the ticket list shows it, "+62 812-3456-7890",
 * or as the officer typed it when it has no normalised form. */
static char *
format_phone (SapaTicket *ticket)
{
  const char *e164 = sapa_ticket_get_phone_e164 (ticket);

  if (e164 != NULL && *e164 != '\0')
    return sapa_phone_format (e164);
  return g_strdup (sapa_ticket_get_phone (ticket));
}

gboolean
sapa_csv_write_ticket (SapaCsvWriter  *writer,
                       SapaTicket     *ticket,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *created = NULL;
  g_autofree char *phone = NULL;
  const char *category;
  const char *category_label = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (SAPA_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (sapa_ticket_get_loaded (ticket), FALSE);

  created = sapa_time_format_sortable (sapa_ticket_get_created_at (ticket),
                                       sapa_ticket_get_time_zone (ticket));
  phone = format_phone (ticket);
  category = sapa_ticket_get_category (ticket);
  if (category != NULL)
    category_label = sapa_choice_get_label (sapa_flow_get_categories (), category);

  /* The report number and the time contain letters, so a spreadsheet
   * keeps them as text without the guard, and a search for a report
   * number typed by hand still matches. */
  sapa_csv_writer_add_cell (writer, sapa_ticket_get_report_number (ticket), SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, created, SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, sapa_ticket_get_airport (ticket), SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, sapa_ticket_describe_channel (sapa_ticket_get_flow (ticket), sapa_ticket_get_channel (ticket)),
                            SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, category_label ? category_label : category, SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, sapa_ticket_status_label (sapa_ticket_get_status (ticket)),
                            SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, sapa_ticket_get_name (ticket), SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, phone, SAPA_CSV_CELL_TEXT);
  sapa_csv_writer_add_cell (writer, sapa_ticket_get_email (ticket), SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, sapa_ticket_get_purpose (ticket), SAPA_CSV_CELL_GENERAL);

  return sapa_csv_writer_end_row (writer, cancellable, error);
}

gboolean
sapa_csv_write_tickets (GOutputStream  *stream,
                        GPtrArray      *tickets,
                        char            delimiter,
                        SapaCsvFlags    flags,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(SapaCsvWriter) writer = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (tickets != NULL, FALSE);
  g_return_val_if_fail (is_delimiter (delimiter), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Without a buffer, each row would be one write() system call on a
   * file stream. */
  buffered = g_buffered_output_stream_new (stream);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  writer = sapa_csv_writer_new (buffered, delimiter, flags);

  if (!sapa_csv_write_ticket_header (writer, cancellable, error))
    return FALSE;

  for (guint i = 0; i < tickets->len; i++)
    {
      if (!sapa_csv_write_ticket (writer, g_ptr_array_index (tickets, i), cancellable, error))
        return FALSE;
    }

  return g_output_stream_flush (buffered, cancellable, error);
}

typedef struct {
  GOutputStream *stream;
  GPtrArray     *tickets;
  char           delimiter;
  SapaCsvFlags   flags;
} WriteTicketsData;

static void
write_tickets_data_free (WriteTicketsData *data)
{
  g_clear_object (&data->stream);
  g_clear_pointer (&data->tickets, g_ptr_array_unref);
  g_free (data);
}

static void
write_tickets_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  WriteTicketsData *data = task_data;
  GError *error = NULL;

  if (sapa_csv_write_tickets (data->stream, data->tickets, data->delimiter,
                              data->flags, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sapa_csv_write_tickets_async (GOutputStream       *stream,
                              GPtrArray           *tickets,
                              char                 delimiter,
                              SapaCsvFlags         flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteTicketsData *data;

  g_return_if_fail (G_IS_OUTPUT_STREAM (stream));
  g_return_if_fail (tickets != NULL);
  g_return_if_fail (is_delimiter (delimiter));

  data = g_new0 (WriteTicketsData, 1);
  data->stream = g_object_ref (stream);
  data->tickets = g_ptr_array_ref (tickets);
  data->delimiter = delimiter;
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_csv_write_tickets_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_tickets_data_free);
  g_task_run_in_thread (task, write_tickets_thread);
}

gboolean
sapa_csv_write_tickets_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sapa_csv_write_tickets_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
