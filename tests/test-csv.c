/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: CSV cells, rows and the ticket export, byte for byte */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sapa-csv.h"

#define GUARD SAPA_CSV_TEXT_GUARD
#define BOM "\xef\xbb\xbf"

/* 2026-12-04 07:05 UTC (14:05 WIB), from `date -u -d 2026-12-04T07:05:00Z +%s`. */
#define DEC_4_0705_UTC G_GINT64_CONSTANT (1796367900)
/* 2026-12-04 01:00 UTC, which is 10:00 WIT. */
#define DEC_4_0100_UTC G_GINT64_CONSTANT (1796346000)

typedef struct {
  const char      *value;
  SapaCsvCellKind  kind;
  char             delimiter;
  const char      *expected;
} CellCase;

static void
check_cells (const CellCase *cases,
             gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *escaped = g_strescape (cases[i].value ? cases[i].value : "(null)", NULL);

      sapa_csv_append_cell (out, cases[i].value, cases[i].kind, cases[i].delimiter);
      g_test_message ("case %" G_GSIZE_FORMAT ": \"%s\"", i, escaped);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }
}

static void
test_cell_quoting (void)
{
  static const CellCase cases[] = {
    { "Budi Santoso", SAPA_CSV_CELL_GENERAL, ';', "Budi Santoso" },
    { NULL, SAPA_CSV_CELL_GENERAL, ';', "" },
    { "", SAPA_CSV_CELL_TEXT, ';', "" },
    { "Kata \"hilang\"", SAPA_CSV_CELL_GENERAL, ';', "\"Kata \"\"hilang\"\"\"" },
    { "\"", SAPA_CSV_CELL_GENERAL, ';', "\"\"\"\"" },
    /* Both list separators are quoted whatever the delimiter. */
    { "Jakarta; Bali", SAPA_CSV_CELL_GENERAL, ';', "\"Jakarta; Bali\"" },
    { "Jakarta, Bali", SAPA_CSV_CELL_GENERAL, ';', "\"Jakarta, Bali\"" },
    { "Jakarta; Bali", SAPA_CSV_CELL_GENERAL, ',', "\"Jakarta; Bali\"" },
    { "Jakarta, Bali", SAPA_CSV_CELL_GENERAL, ',', "\"Jakarta, Bali\"" },
    { "kolom\tkedua", SAPA_CSV_CELL_GENERAL, ';', "\"kolom\tkedua\"" },
    { "kolom\tkedua", SAPA_CSV_CELL_GENERAL, '\t', "\"kolom\tkedua\"" },
    /* Spaces at either end survive readers that trim unquoted cells. */
    { " Budi", SAPA_CSV_CELL_GENERAL, ';', "\" Budi\"" },
    { "Budi ", SAPA_CSV_CELL_GENERAL, ';', "\"Budi \"" },
    { "O'Neil", SAPA_CSV_CELL_GENERAL, ';', "O'Neil" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_formula_guard (void)
{
  static const CellCase cases[] = {
    { "=1+2", SAPA_CSV_CELL_GENERAL, ';', GUARD "=1+2" },
    { "+62 812-3456-7890", SAPA_CSV_CELL_GENERAL, ';', GUARD "+62 812-3456-7890" },
    { "-5", SAPA_CSV_CELL_GENERAL, ';', GUARD "-5" },
    { "- tas tertinggal", SAPA_CSV_CELL_GENERAL, ';', GUARD "- tas tertinggal" },
    { "@SUM(A1:A9)", SAPA_CSV_CELL_GENERAL, ';', GUARD "@SUM(A1:A9)" },
    { "=HYPERLINK(\"http://x.test\";\"klik\")", SAPA_CSV_CELL_GENERAL, ';',
      "\"" GUARD "=HYPERLINK(\"\"http://x.test\"\";\"\"klik\"\")\"" },
    { "=cmd|' /C calc'!A0", SAPA_CSV_CELL_GENERAL, ',', GUARD "=cmd|' /C calc'!A0" },
    { "\t=1+2", SAPA_CSV_CELL_GENERAL, ';', "\"" GUARD "\t=1+2\"" },
    { "\r=1+2", SAPA_CSV_CELL_GENERAL, ';', "\"" GUARD "\n=1+2\"" },
    { "\n=1+2", SAPA_CSV_CELL_GENERAL, ';', "\"" GUARD "\n=1+2\"" },
    { "  =1+2", SAPA_CSV_CELL_GENERAL, ';', "\"" GUARD "  =1+2\"" },
    /* A formula sign later in the text is harmless. */
    { "Budi = Bapak", SAPA_CSV_CELL_GENERAL, ';', "Budi = Bapak" },
    { "a@b.id", SAPA_CSV_CELL_GENERAL, ';', "a@b.id" },
    { "   ", SAPA_CSV_CELL_GENERAL, ';', "\"   \"" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_text_kind (void)
{
  static const CellCase cases[] = {
    { "+62 812-3456-7890", SAPA_CSV_CELL_TEXT, ';', GUARD "+62 812-3456-7890" },
    { "+6281234567890", SAPA_CSV_CELL_TEXT, ';', GUARD "+6281234567890" },
    { "081234567890", SAPA_CSV_CELL_TEXT, ';', GUARD "081234567890" },
    { "(021) 5550 1234", SAPA_CSV_CELL_TEXT, ';', GUARD "(021) 5550 1234" },
    { "0042", SAPA_CSV_CELL_TEXT, ',', GUARD "0042" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_number_kind (void)
{
  static const CellCase cases[] = {
    { "120", SAPA_CSV_CELL_NUMBER, ';', "120" },
    { "-5", SAPA_CSV_CELL_NUMBER, ';', "-5" },
    { "3,5", SAPA_CSV_CELL_NUMBER, ';', "\"3,5\"" },
    { "3.5", SAPA_CSV_CELL_NUMBER, ',', "3.5" },
    /* Anything else is written as general text, with the guard. */
    { "=1+2", SAPA_CSV_CELL_NUMBER, ';', GUARD "=1+2" },
    { "-", SAPA_CSV_CELL_NUMBER, ';', GUARD "-" },
    { "+5", SAPA_CSV_CELL_NUMBER, ';', GUARD "+5" },
    { "12abc", SAPA_CSV_CELL_NUMBER, ';', "12abc" },
    { "1.", SAPA_CSV_CELL_NUMBER, ';', "1." },
    { "", SAPA_CSV_CELL_NUMBER, ';', "" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_line_breaks (void)
{
  static const CellCase cases[] = {
    { "baris 1\nbaris 2", SAPA_CSV_CELL_GENERAL, ';', "\"baris 1\nbaris 2\"" },
    { "baris 1\r\nbaris 2\rbaris 3\n\nbaris 5", SAPA_CSV_CELL_GENERAL, ';',
      "\"baris 1\nbaris 2\nbaris 3\n\nbaris 5\"" },
    { "akhir\r\n", SAPA_CSV_CELL_GENERAL, ';', "\"akhir\n\"" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_invalid_utf8 (void)
{
  static const CellCase cases[] = {
    { "Bud\xffi Santoso", SAPA_CSV_CELL_GENERAL, ';', "Bud\xef\xbf\xbdi Santoso" },
    { "Ma\xe2\x80ruf; Bali", SAPA_CSV_CELL_GENERAL, ';', "\"Ma\xef\xbf\xbd\xef\xbf\xbdruf; Bali\"" },
    { "akhir \xc3", SAPA_CSV_CELL_GENERAL, ';', "akhir \xef\xbf\xbd" },
    { "\xff=1+2", SAPA_CSV_CELL_GENERAL, ';', "\xef\xbf\xbd=1+2" },
  };

  check_cells (cases, G_N_ELEMENTS (cases));
}

static void
test_cell_names_unchanged (void)
{
  const char *names[] = {
    "Ni Luh Putu Ayu Ma’ruf",
    "Đặng Thị Hương",
    "李小龍",
    "Siti 😊 Rahma",
    "Ma'ruf Amin",
    "‘Aisyah",
    "Zoë Ñuñez-Çelik",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      sapa_csv_append_cell (out, names[i], SAPA_CSV_CELL_GENERAL, ';');
      g_assert_cmpstr (out->str, ==, names[i]);
    }
}

static char *
stream_contents (GOutputStream *stream)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);
  gsize size = g_memory_output_stream_get_data_size (memory);

  return g_strndup (g_memory_output_stream_get_data (memory), size);
}

static void
test_writer_bom_and_crlf (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(SapaCsvWriter) writer = sapa_csv_writer_new (stream, ';', SAPA_CSV_FLAGS_BYTE_ORDER_MARK);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sapa_csv_writer_add_cell (writer, "Kanal", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, "Jumlah", SAPA_CSV_CELL_GENERAL);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  sapa_csv_writer_add_cell (writer, "Loket; Terminal 3", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_integer (writer, 120);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  sapa_csv_writer_add_cell (writer, "Dial 172", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_integer (writer, -3);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  text = stream_contents (stream);
  g_assert_cmpstr (text, ==,
                   BOM "Kanal;Jumlah\r\n"
                   "\"Loket; Terminal 3\";120\r\n"
                   "Dial 172;-3\r\n");
}

static void
test_writer_comma_without_bom (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(SapaCsvWriter) writer = sapa_csv_writer_new (stream, ',', SAPA_CSV_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sapa_csv_writer_add_cell (writer, "Nama", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, "Catatan", SAPA_CSV_CELL_GENERAL);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  sapa_csv_writer_add_cell (writer, "Ma’ruf", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, "baris 1\nbaris 2, \"kutipan\"", SAPA_CSV_CELL_GENERAL);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  text = stream_contents (stream);
  g_assert_cmpstr (text, ==,
                   "Nama,Catatan\r\n"
                   "Ma’ruf,\"baris 1\nbaris 2, \"\"kutipan\"\"\"\r\n");
}

static void
test_writer_column_count (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(SapaCsvWriter) writer = sapa_csv_writer_new (stream, ';', SAPA_CSV_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_test_expect_message ("sapa-csv", G_LOG_LEVEL_CRITICAL, "*at least one cell*");
  g_assert_false (sapa_csv_writer_end_row (writer, NULL, &error));
  g_test_assert_expected_messages ();

  sapa_csv_writer_add_cell (writer, "a", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, "b", SAPA_CSV_CELL_GENERAL);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));

  sapa_csv_writer_add_cell (writer, "only one", SAPA_CSV_CELL_GENERAL);
  g_test_expect_message ("sapa-csv", G_LOG_LEVEL_CRITICAL, "*has 1 cells, but the header row has 2*");
  g_assert_false (sapa_csv_writer_end_row (writer, NULL, &error));
  g_test_assert_expected_messages ();

  /* The rejected row is dropped, and the next one starts empty. */
  sapa_csv_writer_add_cell (writer, "c", SAPA_CSV_CELL_GENERAL);
  sapa_csv_writer_add_cell (writer, "d", SAPA_CSV_CELL_GENERAL);
  g_assert_true (sapa_csv_writer_end_row (writer, NULL, &error));
  g_assert_no_error (error);

  text = stream_contents (stream);
  g_assert_cmpstr (text, ==, "a;b\r\nc;d\r\n");
}

static void
test_writer_cancelled (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(SapaCsvWriter) writer = sapa_csv_writer_new (stream, ';', SAPA_CSV_FLAGS_BYTE_ORDER_MARK);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sapa_csv_writer_add_cell (writer, "a", SAPA_CSV_CELL_GENERAL);
  g_assert_false (sapa_csv_writer_end_row (writer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
}

static GPtrArray *
make_tickets (void)
{
  SapaTicketFields fields[] = {
    {
      .rowid = 1,
      .id = "01939a4e-5c00-7000-8000-000000000001",
      .report_number = "CGK-07-261204-0042",
      .flow = "counter",
      .channel = "counter",
      .airport = "CGK",
      .time_zone = "Asia/Jakarta",
      .workstation = 7,
      .status = "escalated",
      .name = "Ni Luh Putu Ayu Ma’ruf",
      .phone = "0812-3456-7890",
      .phone_e164 = "+6281234567890",
      .email = "ayu@example.id",
      .category = "lost_found",
      .purpose = "Dompet hilang; isinya \"KTP\"\r\nTerminal 3",
      .created_at = DEC_4_0705_UTC * G_USEC_PER_SEC,
    },
    {
      .rowid = 2,
      .id = "01939a4e-5c00-7000-8000-000000000002",
      .report_number = "DJJ-01-261204-0001",
      .flow = "phone",
      .channel = "phone",
      .airport = "DJJ",
      .time_zone = "Asia/Jayapura",
      .workstation = 1,
      .status = "open",
      .name = "李小龍",
      .phone = "",
      .email = "",
      .category = "complaint",
      .purpose = "+ AC mati di ruang tunggu",
      .created_at = DEC_4_0100_UTC * G_USEC_PER_SEC,
    },
    {
      .rowid = 3,
      .id = "01939a4e-5c00-7000-8000-000000000003",
      .report_number = "DPS-02-261204-0007",
      .flow = "email",
      .channel = "email",
      .airport = "DPS",
      .time_zone = "Asia/Makassar",
      .workstation = 2,
      .status = "closed",
      .name = "=HYPERLINK(\"http://x.test\";\"klik\")",
      .phone = "+65 6123 4567",
      .phone_e164 = "+6561234567",
      .email = "siti@example.id",
      .category = "compliment",
      .purpose = "@Siti 😊 Rahma sangat membantu",
      .created_at = DEC_4_0705_UTC * G_USEC_PER_SEC,
    },
  };
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (tickets, sapa_ticket_new (&fields[i]));
  return tickets;
}

/* The export of make_tickets() with ';' and the byte order mark, in the
 * untranslated C locale that the tests run in. */
static const char expected_export[] =
  BOM "Report number;Created;Airport;Channel;Category;Status;Name;Phone;Email;Purpose\r\n"
  "CGK-07-261204-0042;2026-12-04 14:05 WIB;CGK;CS counter;Lost and found;Escalated;"
  "Ni Luh Putu Ayu Ma’ruf;" GUARD "+62 812-3456-7890;ayu@example.id;"
  "\"Dompet hilang; isinya \"\"KTP\"\"\nTerminal 3\"\r\n"
  "DJJ-01-261204-0001;2026-12-04 10:00 WIT;DJJ;Dial 172;Complaint;Open;"
  "李小龍;;;" GUARD "+ AC mati di ruang tunggu\r\n"
  "DPS-02-261204-0007;2026-12-04 15:05 WITA;DPS;Email 172;Compliment;Closed;"
  "\"" GUARD "=HYPERLINK(\"\"http://x.test\"\";\"\"klik\"\")\";" GUARD "+65 61234567;siti@example.id;"
  GUARD "@Siti 😊 Rahma sangat membantu\r\n";

static void
test_tickets_exact_bytes (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sapa_csv_write_tickets (stream, tickets, SAPA_CSV_DELIMITER_DEFAULT,
                                         SAPA_CSV_FLAGS_BYTE_ORDER_MARK, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_output_stream_is_closed (stream));

  text = stream_contents (stream);
  g_assert_cmpstr (text, ==, expected_export);
}

static void
write_tickets_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_tickets_async (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sapa_csv_write_tickets_async (stream, tickets, ';', SAPA_CSV_FLAGS_BYTE_ORDER_MARK,
                                NULL, write_tickets_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (sapa_csv_write_tickets_finish (result, &error));
  g_assert_no_error (error);
  text = stream_contents (stream);
  g_assert_cmpstr (text, ==, expected_export);
}

static void
test_tickets_async_cancelled (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sapa_csv_write_tickets_async (stream, tickets, ';', SAPA_CSV_FLAGS_NONE,
                                cancellable, write_tickets_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (sapa_csv_write_tickets_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Deletes @path and, for a folder, everything in it (the LibreOffice
 * profile made for the test). Symbolic links are deleted, not followed. */
static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY)
    children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
          g_autofree char *child_path = g_file_get_path (child);

          remove_tree (child_path);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

/* Opens the export in LibreOffice Calc and saves it again as CSV, so a
 * cell Calc ran as a formula, or turned into a number, would read back
 * changed. */
static void
test_tickets_libreoffice_round_trip (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *timeout = g_find_program_in_path ("timeout");
  g_autofree char *dir = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_uri = NULL;
  g_autofree char *profile_option = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) tickets = make_tickets ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (soffice == NULL || timeout == NULL)
    {
      g_test_skip ("soffice (LibreOffice) or timeout is not installed");
      return;
    }

  dir = g_dir_make_tmp ("sapa-csv-XXXXXX", &error);
  g_assert_no_error (error);
  input = g_build_filename (dir, "tickets.csv", NULL);
  output_dir = g_build_filename (dir, "out", NULL);
  output = g_build_filename (output_dir, "tickets.csv", NULL);
  profile = g_build_filename (dir, "profile", NULL);
  profile_uri = g_filename_to_uri (profile, NULL, &error);
  g_assert_no_error (error);
  profile_option = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);

  file = g_file_new_for_path (input);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sapa_csv_write_tickets (G_OUTPUT_STREAM (stream), tickets, ';',
                                         SAPA_CSV_FLAGS_BYTE_ORDER_MARK, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  /* Filter options: ';' (59) between cells, '"' (34) around them, UTF-8
   * (76), reading from line 1; the output uses ',' (44). */
  g_assert_true (g_spawn_sync (NULL,
                               (char *[]) { timeout, "90", soffice, profile_option, "--headless",
                                            "--infilter=CSV:59,34,76,1",
                                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                                            "--outdir", output_dir, input, NULL },
                               NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (output, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Ni Luh Putu Ayu Ma’ruf"));
  g_assert_nonnull (strstr (text, "李小龍"));
  g_assert_nonnull (strstr (text, "Siti 😊 Rahma"));
  g_assert_nonnull (strstr (text, "+62 812-3456-7890"));
  g_assert_nonnull (strstr (text, "+65 61234567"));
  g_assert_nonnull (strstr (text, "=HYPERLINK("));
  g_assert_nonnull (strstr (text, "Dompet hilang; isinya"));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/csv/cell/quoting", test_cell_quoting);
  g_test_add_func ("/sapa/csv/cell/formula-guard", test_cell_formula_guard);
  g_test_add_func ("/sapa/csv/cell/text-kind", test_cell_text_kind);
  g_test_add_func ("/sapa/csv/cell/number-kind", test_cell_number_kind);
  g_test_add_func ("/sapa/csv/cell/line-breaks", test_cell_line_breaks);
  g_test_add_func ("/sapa/csv/cell/invalid-utf8", test_cell_invalid_utf8);
  g_test_add_func ("/sapa/csv/cell/names-unchanged", test_cell_names_unchanged);
  g_test_add_func ("/sapa/csv/writer/bom-and-crlf", test_writer_bom_and_crlf);
  g_test_add_func ("/sapa/csv/writer/comma-without-bom", test_writer_comma_without_bom);
  g_test_add_func ("/sapa/csv/writer/column-count", test_writer_column_count);
  g_test_add_func ("/sapa/csv/writer/cancelled", test_writer_cancelled);
  g_test_add_func ("/sapa/csv/tickets/exact-bytes", test_tickets_exact_bytes);
  g_test_add_func ("/sapa/csv/tickets/async", test_tickets_async);
  g_test_add_func ("/sapa/csv/tickets/async-cancelled", test_tickets_async_cancelled);
  g_test_add_func ("/sapa/csv/tickets/libreoffice-round-trip", test_tickets_libreoffice_round_trip);

  return g_test_run ();
}
