/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-receipt.c: the receipt PDF and the ready-made message */

#include "config.h"

#include <glib/gstdio.h>

#include "sapa-message.h"
#include "sapa-receipt.h"

static SapaTicket *
make_ticket (void)
{
  SapaTicketFields fields = {
    .rowid = 1,
    .id = "01939a4e-5c00-7000-8000-000000000001",
    .report_number = "CGK-07-261204-0042",
    .flow = "counter",
    .channel = "counter",
    .airport = "CGK",
    .time_zone = "Asia/Jakarta",
    .workstation = 7,
    .status = "escalated",
    .name = "Bapak Andreas Ma’ruf",
    .category = "lost_found",
    .purpose = "Dompet hilang di pemeriksaan keamanan Terminal 3. Dompet cokelat berisi KTP.",
    /* 2026-12-04 07:05 UTC is 14:05 WIB. */
    .created_at = G_GINT64_CONSTANT (1796367900) * G_USEC_PER_SEC,
  };

  return sapa_ticket_new (&fields);
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
  return g_steal_pointer (&output);
}

static void
test_receipt_pdf_text (void)
{
  g_autoptr(SapaTicket) ticket = make_ticket ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-receipt-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_assert_true (sapa_receipt_write_pdf (ticket, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      g_unlink (pdf);
      g_rmdir (dir);
      return;
    }

  text = run_tool ((const char *[]) { "pdftotext", "-raw", pdf, "-", NULL });
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "CGK-07-261204-0042"));
  g_assert_nonnull (strstr (flat, "Soekarno"));
  g_assert_nonnull (strstr (flat, "04/12/2026 14:05 WIB"));
  g_assert_nonnull (strstr (flat, "172"));
  g_assert_nonnull (strstr (flat, "Dompet hilang"));

  g_unlink (pdf);
  g_rmdir (dir);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The window saves through the asynchronous call: drawn on a worker,
 * written without blocking, the same PDF as the direct one. */
static void
test_receipt_save_async (void)
{
  g_autoptr(SapaTicket) ticket = make_ticket ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-receipt-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "saved.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sapa_receipt_save_async (ticket, file, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sapa_receipt_save_finish (result, NULL, &error));
  g_assert_no_error (error);

  if (g_find_program_in_path ("pdftotext") != NULL)
    {
      text = run_tool ((const char *[]) { "pdftotext", "-raw", pdf, "-", NULL });
      g_assert_nonnull (strstr (text, "CGK-07-261204-0042"));
      g_assert_nonnull (strstr (text, "Dompet hilang"));
    }
  else
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_receipt_qr_decodes (void)
{
  g_autoptr(SapaTicket) ticket = make_ticket ();
  g_autofree char *dir = g_dir_make_tmp ("sapa-receipt-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page-1.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = NULL;

  if (g_find_program_in_path ("pdftoppm") == NULL || g_find_program_in_path ("zbarimg") == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) or zbarimg (zbar-tools) is not installed");
      g_rmdir (dir);
      return;
    }

  g_assert_true (sapa_receipt_write_pdf (ticket, pdf, &error));
  g_assert_no_error (error);
  g_free (run_tool ((const char *[]) { "pdftoppm", "-png", "-r", "300", pdf, prefix, NULL }));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  decoded = run_tool ((const char *[]) { "zbarimg", "--quiet", "--raw", png, NULL });
  g_strstrip (decoded);
  g_assert_cmpstr (decoded, ==, "CGK-07-261204-0042");

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_message_both_languages (void)
{
  g_autoptr(SapaTicket) ticket = make_ticket ();
  g_autofree char *message = sapa_message_compose_report_number (ticket);
  g_auto(GStrv) parts = g_strsplit (message, "\n\n", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_str_has_prefix (parts[0], "Terima kasih"));
  g_assert_nonnull (strstr (parts[0], "CGK-07-261204-0042"));
  g_assert_nonnull (strstr (parts[0], "04/12/2026 14:05 WIB"));
  g_assert_true (g_str_has_prefix (parts[1], "Thank you"));
  g_assert_nonnull (strstr (parts[1], "CGK-07-261204-0042"));
  g_assert_nonnull (strstr (parts[1], "Contact Center 172"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/receipt/pdf-text", test_receipt_pdf_text);
  g_test_add_func ("/sapa/receipt/qr-decodes", test_receipt_qr_decodes);
  g_test_add_func ("/sapa/receipt/save-async", test_receipt_save_async);
  g_test_add_func ("/sapa/message/both-languages", test_message_both_languages);

  return g_test_run ();
}
