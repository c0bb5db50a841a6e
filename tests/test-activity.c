/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-activity.c: activity ids, payload copies and payload JSON */

#include <string.h>

#include "sapa-activity.h"
#include "sapa-uuid.h"

/* 2026-12-04 17:30:00 UTC in microseconds. */
#define CREATED_US G_GINT64_CONSTANT (1796405400000000)
#define TICKET_ID "0195a3c4-7e21-7b3a-9c4d-5e6f7a8b9c0d"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
make_payload (void)
{
  JsonObject *payload = json_object_new ();
  JsonObject *nested = json_object_new ();
  JsonArray *codes = json_array_new ();

  json_object_set_string_member (payload, "name", "Andreas Ma’ruf");
  json_object_set_string_member (payload, "phone_e164", "+6281234567890");
  json_array_add_string_element (codes, "WCHR");
  json_array_add_string_element (codes, "BLND");
  json_object_set_array_member (payload, "ssr", codes);
  json_object_set_string_member (nested, "unit", "lost_found");
  json_object_set_object_member (payload, "followup", nested);

  return payload;
}

static SapaActivity *
new_activity (JsonObject *payload)
{
  return sapa_activity_new (TICKET_ID, SAPA_ACTIVITY_STEP, "identity", "next",
                            payload, "Dewi", "CGK", 7, CREATED_US);
}

static void
test_activity_fields (void)
{
  g_autoptr(SapaActivity) activity = new_activity (NULL);

  g_assert_cmpstr (sapa_activity_get_ticket_id (activity), ==, TICKET_ID);
  g_assert_cmpstr (sapa_activity_get_kind (activity), ==, SAPA_ACTIVITY_STEP);
  g_assert_cmpstr (sapa_activity_get_step (activity), ==, "identity");
  g_assert_cmpstr (sapa_activity_get_branch (activity), ==, "next");
  g_assert_cmpstr (sapa_activity_get_officer (activity), ==, "Dewi");
  g_assert_cmpstr (sapa_activity_get_airport (activity), ==, "CGK");
  g_assert_cmpuint (sapa_activity_get_workstation (activity), ==, 7);
  g_assert_cmpint (sapa_activity_get_created_at (activity), ==, CREATED_US);

  /* A NULL payload reads back as an empty object, never NULL. */
  g_assert_nonnull (sapa_activity_get_payload (activity));
  g_assert_cmpuint (json_object_get_size (sapa_activity_get_payload (activity)), ==, 0);
}

static void
test_activity_id_is_uuid_v7 (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(SapaActivity) activity = new_activity (NULL);
      const char *id = sapa_activity_get_id (activity);

      g_assert_true (sapa_uuid_is_v7 (id));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, g_strdup (id));

      /* The same timestamp for every activity: ids still increase. */
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = g_strdup (id);
    }
}

static void
test_activity_id_carries_timestamp (void)
{
  g_autoptr(SapaActivity) activity = new_activity (NULL);
  g_autofree char *expected_prefix = sapa_uuid_v7_new_at (CREATED_US / 1000);

  /* The first 48 bits (13 characters with the dash) are the Unix time in
   * milliseconds, so the id sorts with created_at. */
  g_assert_cmpint (strncmp (sapa_activity_get_id (activity), expected_prefix, 13), ==, 0);
}

static void
test_activity_new_full_keeps_id (void)
{
  const char *id = "0195a3c4-7e21-7b3a-8000-000000000001";
  g_autoptr(SapaActivity) activity = NULL;

  activity = sapa_activity_new_full (id, TICKET_ID, SAPA_ACTIVITY_DISCARDED, NULL, NULL,
                                     NULL, "Dewi", "CGK", 7, CREATED_US);
  g_assert_cmpstr (sapa_activity_get_id (activity), ==, id);
  g_assert_cmpstr (sapa_activity_get_kind (activity), ==, SAPA_ACTIVITY_DISCARDED);
  g_assert_null (sapa_activity_get_step (activity));
  g_assert_null (sapa_activity_get_branch (activity));
}

static void
test_activity_copies_payload (void)
{
  g_autoptr(JsonObject) payload = make_payload ();
  g_autoptr(SapaActivity) activity = new_activity (payload);
  JsonObject *stored;
  JsonObject *stored_followup;
  JsonArray *stored_ssr;

  /* Change every level of the caller's object after the activity exists. */
  json_object_set_string_member (payload, "name", "Someone Else");
  json_object_remove_member (payload, "phone_e164");
  json_object_set_string_member (payload, "added", "later");
  json_array_add_string_element (json_object_get_array_member (payload, "ssr"), "OXYG");
  json_object_set_string_member (json_object_get_object_member (payload, "followup"),
                                 "unit", "security");

  stored = sapa_activity_get_payload (activity);
  g_assert_true (stored != payload);
  g_assert_cmpstr (json_object_get_string_member (stored, "name"), ==, "Andreas Ma’ruf");
  g_assert_cmpstr (json_object_get_string_member (stored, "phone_e164"), ==, "+6281234567890");
  g_assert_false (json_object_has_member (stored, "added"));

  stored_ssr = json_object_get_array_member (stored, "ssr");
  g_assert_cmpuint (json_array_get_length (stored_ssr), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (stored_ssr, 1), ==, "BLND");

  stored_followup = json_object_get_object_member (stored, "followup");
  g_assert_cmpstr (json_object_get_string_member (stored_followup, "unit"), ==, "lost_found");
}

static void
test_activity_payload_json_round_trip (void)
{
  g_autoptr(JsonObject) payload = make_payload ();
  g_autoptr(SapaActivity) activity = new_activity (payload);
  g_autoptr(SapaActivity) reloaded = NULL;
  g_autoptr(JsonObject) parsed = NULL;
  g_autofree char *text = sapa_activity_dup_payload_json (activity);
  g_autofree char *text_again = NULL;
  JsonArray *ssr;

  g_assert_nonnull (text);
  g_assert_null (strchr (text, '\n'));

  parsed = parse_object (text);
  g_assert_cmpuint (json_object_get_size (parsed), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (parsed, "name"), ==, "Andreas Ma’ruf");
  g_assert_cmpstr (json_object_get_string_member (parsed, "phone_e164"), ==, "+6281234567890");
  ssr = json_object_get_array_member (parsed, "ssr");
  g_assert_cmpuint (json_array_get_length (ssr), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ssr, 0), ==, "WCHR");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (parsed, "followup"),
                                                  "unit"), ==, "lost_found");

  /* Stored and read back the way the store does it: same text again. */
  reloaded = sapa_activity_new_full (sapa_activity_get_id (activity), TICKET_ID,
                                     SAPA_ACTIVITY_STEP, "identity", "next", parsed,
                                     "Dewi", "CGK", 7, CREATED_US);
  text_again = sapa_activity_dup_payload_json (reloaded);
  g_assert_cmpstr (text_again, ==, text);
}

static void
test_activity_empty_payload_json (void)
{
  g_autoptr(SapaActivity) activity = new_activity (NULL);
  g_autofree char *text = sapa_activity_dup_payload_json (activity);

  g_assert_cmpstr (text, ==, "{}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/activity/fields", test_activity_fields);
  g_test_add_func ("/sapa/activity/id-is-uuid-v7", test_activity_id_is_uuid_v7);
  g_test_add_func ("/sapa/activity/id-carries-timestamp", test_activity_id_carries_timestamp);
  g_test_add_func ("/sapa/activity/new-full-keeps-id", test_activity_new_full_keeps_id);
  g_test_add_func ("/sapa/activity/copies-payload", test_activity_copies_payload);
  g_test_add_func ("/sapa/activity/payload-json-round-trip", test_activity_payload_json_round_trip);
  g_test_add_func ("/sapa/activity/empty-payload-json", test_activity_empty_payload_json);

  return g_test_run ();
}
