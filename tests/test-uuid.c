/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-uuid.c: UUIDv7 layout, validation and ordering */

#include <string.h>

#include "sapa-uuid.h"

#define ORDER_COUNT  100000
#define THREAD_COUNT 50000

static void
test_uuid_layout (void)
{
  g_autofree char *id = sapa_uuid_v7_new ();

  g_assert_cmpuint (strlen (id), ==, SAPA_UUID_STRING_LENGTH);
  g_assert_cmpint (id[8], ==, '-');
  g_assert_cmpint (id[13], ==, '-');
  g_assert_cmpint (id[18], ==, '-');
  g_assert_cmpint (id[23], ==, '-');
  g_assert_cmpint (id[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", id[19]));
  g_assert_true (sapa_uuid_is_v7 (id));
  g_assert_true (g_uuid_string_is_valid (id));
}

static void
test_uuid_timestamp (void)
{
  /* 2026-12-04T07:05:00.123Z is 0x01a23fdedddb ms since 1970. */
  g_autofree char *id = sapa_uuid_v7_new_at (G_GINT64_CONSTANT (1796367900123));
  g_autofree char *zero = sapa_uuid_v7_new_at (0);
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *now = sapa_uuid_v7_new ();
  gint64 after = g_get_real_time () / 1000;
  g_autofree char *hex = g_strndup (now, 8);
  gint64 now_ms;

  g_assert_true (g_str_has_prefix (id, "01a23fde-dddb-7"));
  g_assert_true (g_str_has_prefix (zero, "00000000-0000-7"));
  g_assert_true (sapa_uuid_is_v7 (zero));

  now_ms = (g_ascii_strtoll (hex, NULL, 16) << 16) |
           g_ascii_strtoll (now + 9, NULL, 16);
  g_assert_cmpint (now_ms, >=, before);
  g_assert_cmpint (now_ms, <=, after + 1);
}

static void
test_uuid_is_v7 (void)
{
  g_assert_true (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-8def-0123456789ab"));
  g_assert_true (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-bdef-0123456789ab"));

  g_assert_false (sapa_uuid_is_v7 (NULL));
  g_assert_false (sapa_uuid_is_v7 (""));
  g_assert_false (sapa_uuid_is_v7 ("019AE7A1-8D7B-7ABC-8DEF-0123456789AB"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a1-8d7b-4abc-8def-0123456789ab"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-cdef-0123456789ab"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-8def-0123456789a"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-8def-0123456789abc"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a18d7b-7abc-8def-0123456789ab0"));
  g_assert_false (sapa_uuid_is_v7 ("019ae7a1-8d7b-7abc-8def-0123456789ag"));
  g_assert_false (sapa_uuid_is_v7 ("{19ae7a1-8d7b-7abc-8def-0123456789ab"));
}

static void
test_uuid_monotonic (void)
{
  g_autofree char *previous = sapa_uuid_v7_new ();

  for (guint i = 0; i < ORDER_COUNT; i++)
    {
      g_autofree char *next = sapa_uuid_v7_new ();

      if (strcmp (previous, next) >= 0)
        g_error ("identifier %u “%s” does not sort after “%s”", i, next, previous);

      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

static void
test_uuid_same_millisecond (void)
{
  gint64 unix_ms = G_GINT64_CONSTANT (1796367900123);
  g_autofree char *previous = sapa_uuid_v7_new_at (unix_ms);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *next = sapa_uuid_v7_new_at (unix_ms);

      g_assert_true (g_str_has_prefix (next, "01a23fde-dddb-7"));
      g_assert_cmpstr (previous, <, next);
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

static gpointer
make_ids (gpointer data)
{
  GPtrArray *ids = g_ptr_array_new_full (THREAD_COUNT, g_free);

  for (guint i = 0; i < THREAD_COUNT; i++)
    g_ptr_array_add (ids, sapa_uuid_v7_new ());

  return ids;
}

static void
test_uuid_threads (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThread *first = g_thread_new ("uuid-1", make_ids, NULL);
  GThread *second = g_thread_new ("uuid-2", make_ids, NULL);
  g_autoptr(GPtrArray) first_ids = g_thread_join (first);
  g_autoptr(GPtrArray) second_ids = g_thread_join (second);
  GPtrArray *lists[] = { first_ids, second_ids };

  for (guint list = 0; list < G_N_ELEMENTS (lists); list++)
    {
      for (guint i = 0; i < lists[list]->len; i++)
        {
          const char *id = g_ptr_array_index (lists[list], i);

          if (i > 0 && strcmp (g_ptr_array_index (lists[list], i - 1), id) >= 0)
            g_error ("thread %u: identifier %u “%s” is out of order", list, i, id);

          g_assert_true (g_hash_table_add (seen, (gpointer) id));
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 2 * THREAD_COUNT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/uuid/layout", test_uuid_layout);
  g_test_add_func ("/sapa/uuid/timestamp", test_uuid_timestamp);
  g_test_add_func ("/sapa/uuid/is-v7", test_uuid_is_v7);
  g_test_add_func ("/sapa/uuid/monotonic", test_uuid_monotonic);
  g_test_add_func ("/sapa/uuid/same-millisecond", test_uuid_same_millisecond);
  g_test_add_func ("/sapa/uuid/threads", test_uuid_threads);

  return g_test_run ();
}
