/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ticket-export.c: the filtered ticket list written as CSV */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sapa-store.h"
#include "sapa-ticket-export.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef struct {
  char      *dir;
  SapaStore *store;
} Fixture;

static void
take (SapaWizard *wizard,
      const char *branch,
      gint64     *at)
{
  g_autoptr(GError) error = NULL;

  sapa_wizard_advance_at (wizard, branch, *at, &error);
  g_assert_no_error (error);
  *at += MINUTE_US;
}

/* Records a counter feedback by @name, answered (closed) or sent for
 * follow-up (escalated). */
static void
add_ticket (Fixture    *fixture,
            const char *name,
            gboolean    escalate,
            gint64      start)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_COUNTER), "CGK", 3, "Rina");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at = start;

  take (wizard, "next", &at);
  sapa_wizard_set_value (wizard, "purpose", "Menanyakan jadwal bus");
  take (wizard, "next", &at);
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "phone", "0812-3456-7890");
  take (wizard, "next", &at);
  take (wizard, "sesuai", &at);
  sapa_wizard_set_value (wizard, "category", "information");
  if (escalate)
    {
      take (wizard, "follow_up", &at);
      sapa_wizard_set_value (wizard, "followup_unit", "parking");
      sapa_wizard_set_value (wizard, "followup_note", "Mohon dicek");
      take (wizard, "next", &at);
    }
  else
    {
      take (wizard, "answer_now", &at);
      sapa_wizard_set_value (wizard, "answer", "Setiap 30 menit");
      take (wizard, "sesuai", &at);
    }

  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (fixture->store, wizard, activities, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start = g_get_real_time () - 24 * 60 * MINUTE_US;
  /* More than one chunk of 500, to cross a chunk's end. */
  const guint n_tickets = 620;

  fixture->dir = g_dir_make_tmp ("sapa-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sapa.db", NULL);
  fixture->store = sapa_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *name = g_strdup_printf ("Budi Nomor %u", i);

      add_ticket (fixture, name, i % 10 == 0, start + i * MINUTE_US);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GStrv
export_lines (Fixture               *fixture,
              const SapaTicketQuery *query,
              guint                 *out_count)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sapa_ticket_export_write (fixture->store, query, stream, ';', SAPA_CSV_FLAGS_NONE,
                                           out_count, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  text[strlen (text) - 2] = '\0';
  return g_strsplit (text, "\r\n", -1);
}

static void
test_export_all (Fixture       *fixture,
                 gconstpointer  data)
{
  SapaTicketQuery query = { NULL, NULL, NULL };
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  lines = export_lines (fixture, &query, &count);
  g_assert_cmpuint (count, ==, 620);
  g_assert_cmpuint (g_strv_length (lines), ==, 621);
  g_assert_true (g_str_has_prefix (lines[0], "Report number;Created;Airport;"));
  /* Newest first, as the Tickets page lists them. */
  g_assert_nonnull (strstr (lines[1], ";Budi Nomor 619;"));
  g_assert_nonnull (strstr (lines[620], ";Budi Nomor 0;"));
}

static void
test_export_filtered (Fixture       *fixture,
                      gconstpointer  data)
{
  SapaTicketQuery query = { NULL, "escalated", NULL };
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  lines = export_lines (fixture, &query, &count);
  g_assert_cmpuint (count, ==, 62);
  g_assert_cmpuint (g_strv_length (lines), ==, 63);
  g_assert_nonnull (strstr (lines[1], ";Budi Nomor 610;"));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gint64 *count = user_data;
  g_autoptr(GError) error = NULL;

  *count = sapa_ticket_export_save_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_export_file (Fixture       *fixture,
                  gconstpointer  data)
{
  SapaTicketQuery query = { "Nomor 61", NULL, NULL };
  g_autofree char *path = g_build_filename (fixture->dir, "tiket.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = -2;

  sapa_ticket_export_save_async (fixture->store, &query, file, NULL, saved_cb, &count);
  while (count == -2)
    g_main_context_iteration (NULL, TRUE);

  /* "Nomor 61" finds 61 and 610 to 619. */
  g_assert_cmpint (count, ==, 11);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "Report number;"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sapa/ticket-export/all", Fixture, NULL, fixture_set_up, test_export_all, fixture_tear_down);
  g_test_add ("/sapa/ticket-export/filtered", Fixture, NULL, fixture_set_up, test_export_filtered,
              fixture_tear_down);
  g_test_add ("/sapa/ticket-export/file", Fixture, NULL, fixture_set_up, test_export_file, fixture_tear_down);

  return g_test_run ();
}
