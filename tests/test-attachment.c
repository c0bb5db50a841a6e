/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-attachment.c: photos and scans kept with a ticket */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sapa-attachment.h"
#include "sapa-error.h"
#include "sapa-store.h"

static const guint8 jpeg_start[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F' };
static const guint8 png_start[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0 };

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_check_types (void)
{
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_start, sizeof jpeg_start);
  g_autoptr(GBytes) png = g_bytes_new_static (png_start, sizeof png_start);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.7\n", 9);
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr(GBytes) text = g_bytes_new_static ("foto.jpg", 8);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sapa_attachment_check (jpeg, "form.jpg", &error), ==, "image/jpeg");
  g_assert_cmpstr (sapa_attachment_check (png, "form.png", &error), ==, "image/png");
  g_assert_cmpstr (sapa_attachment_check (pdf, "scan.pdf", &error), ==, "application/pdf");
  g_assert_no_error (error);

  /* The extension is not trusted: a GIF named .jpg is still rejected. */
  g_assert_null (sapa_attachment_check (gif, "form.jpg", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "form.jpg"));
  g_clear_error (&error);

  g_assert_null (sapa_attachment_check (text, "catatan.txt", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (sapa_attachment_check (empty, "kosong.jpg", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
}

static void
test_check_size_limit (void)
{
  g_autofree guint8 *big = g_malloc0 (SAPA_ATTACHMENT_MAX_BYTES + 1);
  g_autoptr(GBytes) at_limit = NULL;
  g_autoptr(GBytes) over_limit = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (big, jpeg_start, sizeof jpeg_start);
  at_limit = g_bytes_new (big, SAPA_ATTACHMENT_MAX_BYTES);
  over_limit = g_bytes_new (big, SAPA_ATTACHMENT_MAX_BYTES + 1);

  g_assert_cmpstr (sapa_attachment_check (at_limit, "a.jpg", &error), ==, "image/jpeg");
  g_assert_no_error (error);
  g_assert_null (sapa_attachment_check (over_limit, "b.jpg", &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG);
}

static SapaTicket *
record_suggestion (SapaStore *store)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_SUGGESTION_BOX), "CGK", 7, "Dewi");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  SapaTicket *ticket;

  sapa_wizard_set_value (wizard, "form_text", "Toilet kotor");
  sapa_wizard_set_value (wizard, "box_location", "Terminal 2");
  g_assert_true (sapa_wizard_advance (wizard, "next", &error));
  g_assert_no_error (error);
  activities = sapa_wizard_take_activities (wizard);
  ticket = sapa_store_record (store, wizard, activities, &error);
  g_assert_no_error (error);
  return ticket;
}

static void
test_store_keeps_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sapa-attachment-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sapa.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = sapa_store_open (path, &error);
  g_autoptr(SapaTicket) ticket = record_suggestion (store);
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg_start, sizeof jpeg_start);
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr(SapaActivity) activity = NULL;
  g_autoptr(SapaActivity) rejected = NULL;
  g_autoptr(SapaActivity) orphan = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GBytes) read_back = NULL;
  g_autofree char *id = NULL;
  g_autofree char *no_id = NULL;
  g_autofree char *last_id = NULL;
  SapaActivity *last;

  activity = sapa_activity_new (sapa_ticket_get_id (ticket), SAPA_ACTIVITY_ATTACHED, NULL, NULL, NULL,
                                "Dewi", "CGK", 7, g_get_real_time ());
  id = sapa_store_attach (store, activity, "formulir saran.jpg", photo, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  read_back = sapa_store_read_attachment (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read_back, photo));

  /* The window reads it on the store's worker, to open it. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) read_async = NULL;

    sapa_store_read_attachment_async (store, id, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    read_async = sapa_store_read_attachment_finish (store, result, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (read_async, photo));
  }

  activities = sapa_store_list_activities (store, sapa_ticket_get_id (ticket), &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (activities, activities->len - 1);
  g_assert_cmpstr (sapa_activity_get_kind (last), ==, SAPA_ACTIVITY_ATTACHED);
  /* Kept as a copy: the list that holds @last is replaced below. */
  last_id = g_strdup (sapa_activity_get_id (last));
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (last), "file_name"), ==,
                   "formulir saran.jpg");

  /* A file of the wrong type is rejected and adds nothing to the log. */
  rejected = sapa_activity_new (sapa_ticket_get_id (ticket), SAPA_ACTIVITY_ATTACHED, NULL, NULL, NULL,
                                "Dewi", "CGK", 7, g_get_real_time ());
  no_id = sapa_store_attach (store, rejected, "gambar.jpg", gif, &error);
  g_assert_null (no_id);
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_clear_error (&error);

  /* A ticket that does not exist cannot get a file. */
  orphan = sapa_activity_new ("01939a4e-5c00-7000-8000-00000000dead", SAPA_ACTIVITY_ATTACHED, NULL, NULL,
                              NULL, "Dewi", "CGK", 7, g_get_real_time ());
  g_assert_null (sapa_store_attach (store, orphan, "x.jpg", photo, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STORE);
  g_clear_error (&error);

  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = sapa_store_list_activities (store, sapa_ticket_get_id (ticket), &error);
  g_assert_cmpstr (sapa_activity_get_id (g_ptr_array_index (activities, activities->len - 1)), ==,
                   last_id);

  g_clear_object (&store);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/attachment/check-types", test_check_types);
  g_test_add_func ("/sapa/attachment/check-size-limit", test_check_size_limit);
  g_test_add_func ("/sapa/attachment/store-keeps-file", test_store_keeps_file);

  return g_test_run ();
}
