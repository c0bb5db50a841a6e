/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contact.c: one contact per person across channels, and merges */

#include "config.h"

#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-store.h"

typedef struct {
  char      *dir;
  SapaStore *store;
  gint64     clock_us;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sapa-contact-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "sapa.db", NULL);
  fixture->store = sapa_store_open (path, &error);
  g_assert_no_error (error);
  fixture->clock_us = G_GINT64_CONSTANT (1796400000) * G_USEC_PER_SEC;
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
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
take (Fixture    *fixture,
      SapaWizard *wizard,
      const char *branch)
{
  g_autoptr(GError) error = NULL;

  fixture->clock_us += G_USEC_PER_SEC;
  g_assert_true (sapa_wizard_advance_at (wizard, branch, fixture->clock_us, &error));
  g_assert_no_error (error);
}

static SapaTicket *
record (Fixture    *fixture,
        SapaWizard *wizard)
{
  g_autoptr(GPtrArray) activities = sapa_wizard_take_activities (wizard);
  g_autoptr(GError) error = NULL;
  SapaTicket *ticket = sapa_store_record (fixture->store, wizard, activities, &error);

  g_assert_no_error (error);
  return ticket;
}

/* Records a Dial 172 call from @name at @phone, answered at once. */
static SapaTicket *
record_call (Fixture    *fixture,
             const char *name,
             const char *phone)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_PHONE), "CGK", 7, "Rina");

  take (fixture, wizard, "next");
  sapa_wizard_set_value (wizard, "purpose", "Informasi bagasi");
  take (fixture, wizard, "next");
  sapa_wizard_set_value (wizard, "name", name);
  sapa_wizard_set_value (wizard, "phone", phone);
  take (fixture, wizard, "next");
  take (fixture, wizard, "sesuai");
  return record (fixture, wizard);
}

/* Records a message on @channel (email or a social network) from the
 * given address or account, answered at once. */
static SapaTicket *
record_message (Fixture    *fixture,
                const char *channel,
                const char *email,
                const char *handle,
                const char *phone)
{
  g_autoptr(SapaWizard) wizard = sapa_wizard_new (sapa_flow_lookup (SAPA_FLOW_EMAIL_SOCIAL), "CGK", 7, "Rina");
  g_autoptr(GError) error = NULL;

  g_assert_true (sapa_wizard_set_channel (wizard, channel, &error));
  g_assert_no_error (error);
  sapa_wizard_set_value (wizard, "email", email ? email : "");
  sapa_wizard_set_value (wizard, "handle", handle ? handle : "");
  sapa_wizard_set_value (wizard, "phone", phone ? phone : "");
  sapa_wizard_set_value (wizard, "message", "Kursi roda tidak siap");
  take (fixture, wizard, "next");
  return record (fixture, wizard);
}

static GPtrArray *
find (Fixture    *fixture,
      const char *e164,
      const char *email,
      const char *handle,
      const char *channel)
{
  SapaContactQuery query = { e164, email, handle, channel, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets = sapa_store_find_contact_tickets (fixture->store, &query, &error);

  g_assert_no_error (error);
  return tickets;
}

static void
test_email_then_call_same_person (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SapaTicket) email = record_message (fixture, "email", "Dewi.Lestari@Example.co.id", NULL, "+62 812 3456 7890");
  g_autoptr(SapaTicket) call = record_call (fixture, "Dewi Lestari", "0812 3456 7890");
  g_autoptr(GPtrArray) history = NULL;

  g_assert_nonnull (sapa_ticket_get_contact_id (email));
  g_assert_cmpstr (sapa_ticket_get_contact_id (call), ==, sapa_ticket_get_contact_id (email));

  history = find (fixture, "+6281234567890", NULL, NULL, NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (sapa_ticket_get_id (g_ptr_array_index (history, 0)), ==, sapa_ticket_get_id (call));
  g_assert_cmpstr (sapa_ticket_get_id (g_ptr_array_index (history, 1)), ==, sapa_ticket_get_id (email));
}

static void
test_email_letter_case (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SapaTicket) first = record_message (fixture, "email", "DEWI@example.co.id", NULL, NULL);
  g_autoptr(SapaTicket) second = record_message (fixture, "email", "dewi@EXAMPLE.co.id", NULL, NULL);
  g_autoptr(GPtrArray) history = find (fixture, NULL, "Dewi@Example.Co.Id", NULL, NULL);

  g_assert_cmpstr (sapa_ticket_get_contact_id (first), ==, sapa_ticket_get_contact_id (second));
  g_assert_cmpuint (history->len, ==, 2);
}

static void
test_handle_per_network (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SapaTicket) instagram = record_message (fixture, "instagram", NULL, "@Budi.Travel", NULL);
  g_autoptr(SapaTicket) again = record_message (fixture, "instagram", NULL, "budi.travel", NULL);
  g_autoptr(SapaTicket) on_x = record_message (fixture, "x", NULL, "budi.travel", NULL);
  g_autoptr(GPtrArray) history = find (fixture, NULL, NULL, "@budi.travel", "instagram");

  g_assert_cmpstr (sapa_ticket_get_contact_id (instagram), ==, sapa_ticket_get_contact_id (again));
  g_assert_cmpstr (sapa_ticket_get_contact_id (on_x), !=, sapa_ticket_get_contact_id (instagram));
  g_assert_cmpuint (history->len, ==, 2);
}

static void
test_nobody_matches (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SapaTicket) call = record_call (fixture, "Sri Wahyuni", "0812 1111 2222");
  g_autoptr(GPtrArray) history = find (fixture, "+6289999999999", "nobody@example.com", NULL, NULL);

  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_merge_keeps_both_histories (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(SapaTicket) old_number = record_call (fixture, "Andreas Ma’ruf", "0811 1234 567");
  g_autoptr(SapaTicket) new_number = record_call (fixture, "Andreas Maruf", "0813 7654 321");
  g_autoptr(SapaActivity) template = sapa_activity_new ("-", SAPA_ACTIVITY_CONTACT_MERGED, NULL, NULL, NULL,
                                                        "Rina", "CGK", 7, fixture->clock_us + G_USEC_PER_SEC);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(SapaTicket) moved = NULL;
  g_autoptr(SapaTicket) later = NULL;
  g_autoptr(GError) error = NULL;
  SapaActivity *last;

  g_assert_cmpstr (sapa_ticket_get_contact_id (old_number), !=, sapa_ticket_get_contact_id (new_number));

  g_assert_true (sapa_store_merge_contacts (fixture->store, sapa_ticket_get_contact_id (old_number),
                                            sapa_ticket_get_contact_id (new_number), template, &error));
  g_assert_no_error (error);

  moved = sapa_store_get_ticket (fixture->store, sapa_ticket_get_id (new_number), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sapa_ticket_get_contact_id (moved), ==, sapa_ticket_get_contact_id (old_number));

  /* Either number now finds the whole history. */
  history = find (fixture, "+628137654321", NULL, NULL, NULL);
  g_assert_cmpuint (history->len, ==, 2);

  activities = sapa_store_list_activities (fixture->store, sapa_ticket_get_id (new_number), &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (activities, activities->len - 1);
  g_assert_cmpstr (sapa_activity_get_kind (last), ==, SAPA_ACTIVITY_CONTACT_MERGED);
  g_assert_cmpstr (json_object_get_string_member (sapa_activity_get_payload (last), "from_contact"), ==,
                   sapa_ticket_get_contact_id (new_number));

  /* A later call from the merged number lands on the kept contact. */
  later = record_call (fixture, "Andreas", "0813-7654-321");
  g_assert_cmpstr (sapa_ticket_get_contact_id (later), ==, sapa_ticket_get_contact_id (old_number));

  g_assert_false (sapa_store_merge_contacts (fixture->store, sapa_ticket_get_contact_id (old_number),
                                             sapa_ticket_get_contact_id (new_number), template, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_STATE);
}

static guint
count_search (Fixture    *fixture,
              const char *text)
{
  SapaTicketQuery query = { text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = sapa_store_query (fixture->store, &query, &error);

  g_assert_no_error (error);
  return rowids->len;
}

/* The address or account is often the only key of an email or social
 * media case, so the ticket list finds them too. */
static void
test_search_email_and_account (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SapaTicket) email = record_message (fixture, "email", "dewi.lestari@example.co.id", NULL, NULL);
  g_autoptr(SapaTicket) post = record_message (fixture, "instagram", NULL, "@budi.travel✈️", NULL);

  g_assert_cmpuint (count_search (fixture, "DEWI.LESTARI@EXAMPLE.co.id"), ==, 1);
  g_assert_cmpuint (count_search (fixture, "lestari@example"), ==, 1);
  g_assert_cmpuint (count_search (fixture, "budi.travel"), ==, 1);
  g_assert_cmpuint (count_search (fixture, "@budi"), ==, 1);
  g_assert_cmpuint (count_search (fixture, "siti@example.co.id"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sapa/contact/email-then-call", Fixture, NULL,
              fixture_set_up, test_email_then_call_same_person, fixture_tear_down);
  g_test_add ("/sapa/contact/email-letter-case", Fixture, NULL,
              fixture_set_up, test_email_letter_case, fixture_tear_down);
  g_test_add ("/sapa/contact/handle-per-network", Fixture, NULL,
              fixture_set_up, test_handle_per_network, fixture_tear_down);
  g_test_add ("/sapa/contact/nobody-matches", Fixture, NULL,
              fixture_set_up, test_nobody_matches, fixture_tear_down);
  g_test_add ("/sapa/contact/search-email-and-account", Fixture, NULL,
              fixture_set_up, test_search_email_and_account, fixture_tear_down);
  g_test_add ("/sapa/contact/merge-keeps-histories", Fixture, NULL,
              fixture_set_up, test_merge_keeps_both_histories, fixture_tear_down);

  return g_test_run ();
}
