/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-export.c: the ticket list of a search and filter as a CSV file */

#define G_LOG_DOMAIN "sapa-csv"

#include "config.h"

#include "sapa-ticket-export.h"

/* Tickets loaded from the store at a time. */
#define CHUNK_SIZE 500

gboolean
sapa_ticket_export_write (SapaStore             *store,
                          const SapaTicketQuery *query,
                          GOutputStream         *stream,
                          char                   delimiter,
                          SapaCsvFlags           flags,
                          guint                 *out_count,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(SapaCsvWriter) writer = NULL;
  g_autoptr(GArray) rowids = NULL;
  guint count = 0;

  g_return_val_if_fail (SAPA_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  rowids = sapa_store_query (store, query, error);
  if (rowids == NULL)
    return FALSE;

  buffered = g_buffered_output_stream_new (stream);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  writer = sapa_csv_writer_new (buffered, delimiter, flags);
  if (!sapa_csv_write_ticket_header (writer, cancellable, error))
    return FALSE;

  for (guint start = 0; start < rowids->len; start += CHUNK_SIZE)
    {
      guint n = MIN (CHUNK_SIZE, rowids->len - start);
      g_autoptr(GArray) chunk = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      g_autoptr(GPtrArray) tickets = NULL;

      g_array_append_vals (chunk, &g_array_index (rowids, gint64, start), n);
      tickets = sapa_store_load_tickets (store, chunk, error);
      if (tickets == NULL)
        return FALSE;

      /* A ticket deleted meanwhile is left out, not written empty. */
      for (guint i = 0; i < tickets->len; i++)
        {
          if (!sapa_csv_write_ticket (writer, g_ptr_array_index (tickets, i), cancellable, error))
            return FALSE;
          count++;
        }
    }

  if (!g_output_stream_flush (buffered, cancellable, error))
    return FALSE;

  if (out_count != NULL)
    *out_count = count;
  return TRUE;
}

typedef struct {
  SapaStore *store;
  char      *search;
  char      *status;
  char      *channel;
  GFile     *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_free (data->search);
  g_free (data->status);
  g_free (data->channel);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ExportData *data = task_data;
  SapaTicketQuery query = { data->search, data->status, data->channel };
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;
  guint count = 0;

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Excel in Indonesian splits on ';' and needs the byte order mark to
   * read UTF-8; see sapa-csv.h. */
  if (!sapa_ticket_export_write (data->store, &query, G_OUTPUT_STREAM (stream), SAPA_CSV_DELIMITER_DEFAULT,
                                 SAPA_CSV_FLAGS_BYTE_ORDER_MARK, &count, cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_file_delete (data->file, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, count);
}

void
sapa_ticket_export_save_async (SapaStore             *store,
                               const SapaTicketQuery *query,
                               GFile                 *file,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (SAPA_IS_STORE (store));
  g_return_if_fail (query != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (store);
  data->search = g_strdup (query->search);
  data->status = g_strdup (query->status);
  data->channel = g_strdup (query->channel);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_ticket_export_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, save_thread);
}

gint64
sapa_ticket_export_save_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sapa_ticket_export_save_async, -1);

  return g_task_propagate_int (G_TASK (result), error);
}
