/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server.c: sapa-server's HTTP API against a real process on 127.0.0.1 */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sapa-uuid.h"
#include "server-test-helpers.h"

typedef struct {
  TestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const small_bodies[] = { "--body-limit", "65536", NULL };

  fixture->server = test_server_new ();
  test_server_start (fixture->server, small_bodies);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_server_free (fixture->server);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_dup_object (json_parser_get_root (parser));
}

/* Asserts @status and the JSON error code of a refused request. */
static void
assert_refused (TestServer *server,
                const char *method,
                const char *path,
                const char *token,
                const char *content_type,
                const char *body,
                gssize      length,
                guint       status,
                const char *code)
{
  g_autofree char *answer = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (test_server_request (server, method, path, token, content_type, body, length, &answer),
                    ==, status);
  object = parse (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, code);
}

/* ---- Wire data made by hand ---- */

/* A counter ticket of @airport workstation @number with a greeting step,
 * as a workstation would push it. */
static char *
ticket_push (const char *flow,
             const char *channel,
             const char *airport,
             guint       number,
             char      **out_ticket_id)
{
  g_autofree char *ticket_id = sapa_uuid_v7_new ();
  g_autofree char *activity_id = sapa_uuid_v7_new ();
  gint64 now = g_get_real_time ();
  static guint counter;
  const char *zone = g_str_equal (airport, "CGK") ? "Asia/Jakarta" :
                     g_str_equal (airport, "DPS") ? "Asia/Makassar" : "Asia/Jayapura";
  const char *step = g_str_equal (flow, "phone") ? "greet" : "greet";
  char *body;

  body = g_strdup_printf ("{\"activities\":[{\"id\":\"%s\",\"ticket_id\":\"%s\",\"kind\":\"step\","
                          "\"step\":\"%s\",\"branch\":\"next\",\"payload\":{},\"officer\":\"Ani\","
                          "\"airport\":\"%s\",\"workstation\":%u,\"created_at\":%" G_GINT64_FORMAT "}],"
                          "\"tickets\":[{\"id\":\"%s\",\"report_number\":\"%s-%02u-261204-%04u\","
                          "\"flow\":\"%s\",\"channel\":\"%s\",\"airport\":\"%s\",\"time_zone\":\"%s\","
                          "\"workstation\":%u,\"officer\":\"Ani\",\"status\":\"open\",\"name\":\"Budi\","
                          "\"phone\":\"\",\"phone_e164\":null,\"email\":\"\",\"category\":\"\","
                          "\"purpose\":\"Tanya bagasi\",\"answer\":\"\",\"followup\":\"\",\"record\":{},"
                          "\"step\":\"purpose\",\"created_at\":%" G_GINT64_FORMAT ","
                          "\"updated_at\":%" G_GINT64_FORMAT ",\"booking\":null}]}",
                          activity_id, ticket_id, step, airport, number, now,
                          ticket_id, airport, number, ++counter, flow, channel, airport, zone,
                          number, now, now);
  if (out_ticket_id != NULL)
    *out_ticket_id = g_steal_pointer (&ticket_id);
  return body;
}

/* An action on @ticket_id, done at @airport workstation @number. */
static char *
action_push (const char *ticket_id,
             const char *action,
             const char *branch,
             const char *payload,
             const char *airport,
             guint       number)
{
  g_autofree char *activity_id = sapa_uuid_v7_new ();

  return g_strdup_printf ("{\"activities\":[{\"id\":\"%s\",\"ticket_id\":\"%s\",\"kind\":\"action\","
                          "\"step\":\"%s\",\"branch\":%s%s%s,\"payload\":%s,\"officer\":\"Made\","
                          "\"airport\":\"%s\",\"workstation\":%u,\"created_at\":%" G_GINT64_FORMAT "}]}",
                          activity_id, ticket_id, action,
                          branch ? "\"" : "", branch ? branch : "null", branch ? "\"" : "",
                          payload, airport, number, g_get_real_time ());
}

/* An entry of kind @kind ("parked", "resumed", "receipt") on @ticket_id,
 * made at @airport workstation @number, sent with a copy of the ticket
 * whose name is @name, as a workstation sends its copy with each push. */
static char *
entry_push (const char *ticket_id,
            const char *kind,
            const char *airport,
            guint       number,
            const char *name)
{
  g_autofree char *activity_id = sapa_uuid_v7_new ();
  gint64 now = g_get_real_time ();

  return g_strdup_printf ("{\"activities\":[{\"id\":\"%s\",\"ticket_id\":\"%s\",\"kind\":\"%s\","
                          "\"step\":null,\"branch\":null,\"payload\":{\"output\":\"printer\",\"copies\":1},"
                          "\"officer\":\"Made\",\"airport\":\"%s\",\"workstation\":%u,"
                          "\"created_at\":%" G_GINT64_FORMAT "}],"
                          "\"tickets\":[{\"id\":\"%s\",\"report_number\":\"%s-%02u-261204-9999\","
                          "\"flow\":\"counter\",\"channel\":\"counter\",\"airport\":\"%s\","
                          "\"time_zone\":\"Asia/Jakarta\",\"workstation\":%u,\"officer\":\"Made\","
                          "\"status\":\"open\",\"name\":\"%s\",\"phone\":\"\",\"phone_e164\":null,"
                          "\"email\":\"\",\"category\":\"\",\"purpose\":\"Tanya bagasi\",\"answer\":\"\","
                          "\"followup\":\"\",\"record\":{},\"step\":\"purpose\","
                          "\"created_at\":%" G_GINT64_FORMAT ",\"updated_at\":%" G_GINT64_FORMAT ","
                          "\"booking\":null}]}",
                          activity_id, ticket_id, kind, airport, number, now,
                          ticket_id, airport, number, airport, number, name, now, now);
}

/* Pushes @body and returns the outcome of its first activity, with the
 * rejection reason in @out_reason. */
static char *
push_outcome (TestServer *server,
              const char *token,
              const char *body,
              char      **out_reason)
{
  g_autofree char *answer = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *result;

  g_assert_cmpuint (test_server_request (server, "POST", "/v1/sync/push", token, "application/json",
                                         body, -1, &answer), ==, 200);
  object = parse (answer);
  result = json_array_get_object_element (json_object_get_array_member (object, "results"), 0);
  if (out_reason != NULL)
    *out_reason = g_strdup (json_object_get_string_member_with_default (result, "reason", NULL));
  return g_strdup (json_object_get_string_member (result, "outcome"));
}

static void
assert_push (TestServer *server,
             const char *token,
             const char *body,
             const char *outcome,
             const char *reason)
{
  g_autofree char *actual_reason = NULL;
  g_autofree char *actual = push_outcome (server, token, body, &actual_reason);

  g_assert_cmpstr (actual, ==, outcome);
  g_assert_cmpstr (actual_reason, ==, reason);
}

/* The ticket ids @token may pull. */
static GHashTable *
pull_ticket_ids (TestServer *server,
                 const char *token)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *answer = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *items;

  g_assert_cmpuint (test_server_request (server, "GET", "/v1/sync/pull?after=0&limit=500", token,
                                         NULL, NULL, 0, &answer), ==, 200);
  object = parse (answer);
  items = json_object_get_array_member (object, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *activity = json_object_get_object_member (json_array_get_object_element (items, i), "activity");

      g_hash_table_add (ids, g_strdup (json_object_get_string_member (activity, "ticket_id")));
    }
  return ids;
}

/* ---- Tests ---- */

static void
test_status_needs_no_sign_in (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *answer = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (test_server_request (fixture->server, "GET", "/v1/status", NULL, NULL, NULL, 0, &answer),
                    ==, 200);
  object = parse (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "api"), ==, "v1");
}

static void
test_sign_in_outcomes (Fixture       *fixture,
                       gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *answer = NULL;
  guint status = 0;

  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-a", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 40);

  /* The token is stored hashed: its text is nowhere in the database. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM tokens WHERE hash = '%s'", token);

    g_assert_cmpint (test_server_query_int (server, sql), ==, 0);
    g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM tokens"), ==, 1);
    g_assert_cmpint (test_server_query_int (server,
                                            "SELECT count (*) FROM users WHERE password_hash LIKE '$argon2id$%'"),
                     ==, 8);
  }

  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", token, NULL, NULL, 0, &answer), ==, 200);
  g_assert_nonnull (strstr (answer, "\"workstation_airport\":\"CGK\""));

  /* The same computer signs in again; another one may not take its number. */
  other = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-a", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&other, g_free);
  other = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-b", &status);
  g_assert_null (other);
  g_assert_cmpuint (status, ==, 409);

  /* Released, the number goes to the replacement computer, and the old
   * one's session ends. */
  test_server_admin (server, NULL, "release-workstation", "CGK", "1", NULL);
  assert_refused (server, "GET", "/v1/me", token, NULL, NULL, 0, 401, "token_invalid");
  other = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-b", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&other, g_free);

  other = test_server_sign_in (server, "cso_cgk", "CGK", 9, "computer-b", &status);
  g_assert_cmpuint (status, ==, 403);
  other = test_server_sign_in (server, "cso_cgk", "DPS", 1, "computer-b", &status);
  g_assert_cmpuint (status, ==, 403);
  other = test_server_sign_in (server, "nobody", "CGK", 2, "computer-b", &status);
  g_assert_cmpuint (status, ==, 401);

  assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json",
                  "{\"username\":\"cso_cgk\",\"password\":\"salah\",\"airport\":\"CGK\","
                  "\"workstation\":2,\"install_id\":\"computer-b\"}", -1, 401, "bad_credentials");
}

static void
test_sign_in_rate_limited (Fixture       *fixture,
                           gconstpointer  data)
{
  TestServer *server = fixture->server;
  static const char wrong[] =
    "{\"username\":\"sno_dps\",\"password\":\"tebakan\",\"airport\":\"DPS\","
    "\"workstation\":1,\"install_id\":\"computer-x\"}";
  g_autofree char *token = NULL;
  guint status = 0;

  for (guint i = 0; i < 5; i++)
    assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json", wrong, -1,
                    401, "bad_credentials");

  assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json", wrong, -1,
                  429, "rate_limited");
  /* Even the right password waits for the window to end. */
  token = test_server_sign_in (server, "sno_dps", "DPS", 1, "computer-x", &status);
  g_assert_null (token);
  g_assert_cmpuint (status, ==, 429);

  /* The address is not, so far: every desk of an airport may sign in from
   * one address behind its router. */
  token = test_server_sign_in (server, "pic_dps", "DPS", 2, "computer-y", &status);
  g_assert_nonnull (token);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&token, g_free);

  /* At 50 failures in the window (5 above and 45 here), the address
   * waits too. */
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *guess = g_strdup_printf ("{\"username\":\"tamu%u\",\"password\":\"tebakan\","
                                                "\"airport\":\"DPS\",\"workstation\":1,"
                                                "\"install_id\":\"computer-x\"}", i);

      assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json", guess, -1,
                      401, "bad_credentials");
    }
  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-z", &status);
  g_assert_null (token);
  g_assert_cmpuint (status, ==, 429);
}

static void
test_tokens_end (Fixture       *fixture,
                 gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *signed_out = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  g_autofree char *expired = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  g_autofree char *revoked = test_server_sign_in (server, "sno_dps", "DPS", 1, "b", NULL);
  g_autofree char *reset = test_server_sign_in (server, "pic_dps", "DPS", 2, "c", NULL);
  g_autofree char *answer = NULL;

  g_assert_cmpuint (test_server_request (server, "POST", "/v1/auth/sign-out", signed_out,
                                         "application/json", "{}", -1, NULL), ==, 200);
  assert_refused (server, "GET", "/v1/me", signed_out, NULL, NULL, 0, 401, "token_invalid");

  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", expired, NULL, NULL, 0, NULL), ==, 200);
  test_server_exec_sql (server, "UPDATE tokens SET expires_at = 1 WHERE NOT revoked AND workstation_id ="
                                " (SELECT id FROM workstations WHERE airport = 'CGK' AND number = 1)");
  assert_refused (server, "GET", "/v1/sync/pull", expired, NULL, NULL, 0, 401, "token_invalid");

  test_server_admin (server, NULL, "revoke-workstation", "DPS", "1", NULL);
  assert_refused (server, "GET", "/v1/sync/pull", revoked, NULL, NULL, 0, 401, "token_invalid");

  test_server_admin (server, "kata-sandi-baru\n", "reset-password", "pic_dps", NULL);
  assert_refused (server, "GET", "/v1/me", reset, NULL, NULL, 0, 401, "token_invalid");

  assert_refused (server, "GET", "/v1/me", NULL, NULL, NULL, 0, 401, "unauthorized");
  assert_refused (server, "GET", "/v1/me", "bukan-token", NULL, NULL, 0, 401, "token_invalid");
}

static void
test_hostile_requests (Fixture       *fixture,
                       gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  g_autofree char *deep = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *bad_id = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *reason = NULL;
  GString *nested = g_string_new ("{\"activities\":");

  assert_refused (server, "GET", "/v2/sync/pull", token, NULL, NULL, 0, 404, "unknown_version");
  assert_refused (server, "GET", "/v1/nothing", token, NULL, NULL, 0, 404, "not_found");
  assert_refused (server, "DELETE", "/v1/sync/push", token, NULL, NULL, 0, 405, "method_not_allowed");
  assert_refused (server, "POST", "/v1/sync/push", token, "text/plain", "{}", -1, 415, "unsupported_media_type");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "{\"activities\": [", -1,
                  400, "malformed");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "[1, 2]", -1, 400, "malformed");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "", 0, 400, "malformed");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "{\"a\":\"\xff\xfe\"}", -1,
                  400, "malformed");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "{\"activities\": 7}", -1,
                  422, "invalid");
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json",
                  "{\"activities\": [], \"tickets\": [{\"id\": 5}]}", -1, 422, "invalid");
  /* What json-glib would read differently from the text: a second value
   * after the first, and a NUL that would cut a name short. */
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", "{\"activities\": []}{}", -1,
                  400, "malformed");
  assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json",
                  "{\"username\":\"cso_cgk\\u0000x\",\"password\":\"" TEST_PASSWORD "\",\"airport\":\"CGK\","
                  "\"workstation\":1,\"install_id\":\"a\"}", -1, 400, "malformed");
  g_assert_cmpuint (test_server_request (server, "POST", "/v1/sync/push", token, "application/json",
                                         "{\"activities\": []}\r\n", -1, &answer), ==, 200);
  g_clear_pointer (&answer, g_free);
  assert_refused (server, "GET", "/v1/sync/pull?after=-1", token, NULL, NULL, 0, 400, "malformed");
  assert_refused (server, "GET", "/v1/sync/pull?after=abc", token, NULL, NULL, 0, 400, "malformed");
  assert_refused (server, "GET", "/v1/sync/pull?limit=100000", token, NULL, NULL, 0, 400, "malformed");

  /* Nesting deep enough to exhaust a recursive parser's stack. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", deep, -1, 400, "malformed");

  /* Over the 64 KiB limit this server was started with. */
  huge = g_strnfill (200 * 1024, 'a');
  memcpy (huge, "{\"x\":\"", 6);
  assert_refused (server, "POST", "/v1/sync/push", token, "application/json", huge, -1, 413, "too_large");

  /* A malformed activity is answered, not applied; so is a repeat of it. */
  bad_id = g_strdup ("{\"activities\":[{\"id\":\"not-a-uuid\",\"ticket_id\":\"x\",\"kind\":\"step\"}]}");
  outcome = push_outcome (server, token, bad_id, &reason);
  g_assert_cmpstr (outcome, ==, "rejected");
  g_assert_cmpstr (reason, ==, "invalid");
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM activities"), ==, 0);

  /* A password over the limit is named as such. */
  {
    g_autofree char *long_password = g_strnfill (2000, 'k');
    g_autofree char *sign_in = g_strdup_printf ("{\"username\":\"cso_cgk\",\"password\":\"%s\","
                                                "\"airport\":\"CGK\",\"workstation\":1,\"install_id\":\"a\"}",
                                                long_password);
    g_autofree char *reply = NULL;

    g_assert_cmpuint (test_server_request (server, "POST", "/v1/auth/sign-in", NULL, "application/json",
                                           sign_in, -1, &reply), ==, 400);
    g_assert_nonnull (strstr (reply, "longer than 1024 bytes"));
  }

  /* Content no form would send is rejected, so that no desk reads it. */
  {
    static const char * const payloads[] = {
      "{\"note\":{\"a\":[1,2,{\"b\":\"c\"}]}}",
      "{\"note\":7}",
      "{\"note\":\"merah\\u001b[31m\"}",
      "{\"note\":\"\\u202ebalik\"}",
    };
    g_autofree char *ticket_id = NULL;
    g_autofree char *activity_id = sapa_uuid_v7_new ();
    g_autofree char *created = ticket_push ("counter", "counter", "CGK", 1, &ticket_id);
    g_autofree char *far = NULL;
    g_autofree char *forged = NULL;

    /* The ticket exists, so only the content decides. */
    assert_push (server, token, created, "accepted", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
      {
        g_autofree char *body = action_push (ticket_id, "note", "save", payloads[i], "CGK", 1);

        g_test_message ("payload %u", i);
        assert_push (server, token, body, "rejected", "invalid");
      }

    far = g_strdup_printf ("{\"activities\":[{\"id\":\"%s\",\"ticket_id\":\"%s\",\"kind\":\"action\","
                           "\"step\":\"note\",\"branch\":\"save\",\"payload\":{\"note\":\"x\"},"
                           "\"officer\":\"Ani\",\"airport\":\"CGK\",\"workstation\":1,"
                           "\"created_at\":99999999999999999}]}", activity_id, ticket_id);
    assert_push (server, token, far, "rejected", "invalid");
    g_free (activity_id);
    activity_id = sapa_uuid_v7_new ();
    forged = g_strdup_printf ("{\"activities\":[{\"id\":\"%s\",\"ticket_id\":\"%s\",\"kind\":\"action\","
                              "\"step\":\"note\",\"branch\":\"save\",\"payload\":{\"note\":\"x\"},"
                              "\"officer\":\"Ani\\u001b[2J\",\"airport\":\"CGK\",\"workstation\":1,"
                              "\"created_at\":%" G_GINT64_FORMAT "}]}", activity_id, ticket_id, g_get_real_time ());
    assert_push (server, token, forged, "rejected", "invalid");
  }

  /* A body without a length would be read whole before its size is
   * known: it is refused first. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (server->url, "/v1/sync/push", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("{}", 2, NULL);
    g_autoptr(GBytes) reply = NULL;
    g_autoptr(GError) request_error = NULL;

    soup_message_set_request_body (message, "application/json", stream, -1);
    reply = soup_session_send_and_read (session, message, NULL, &request_error);
    g_assert_no_error (request_error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 411);
  }

  /* After all that, the server still serves. */
  g_assert_cmpuint (test_server_request (server, "GET", "/v1/status", NULL, NULL, NULL, 0, &answer), ==, 200);
}

static void
test_authorisation_matrix (Fixture       *fixture,
                           gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *cso_cgk = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  g_autofree char *cso_cgk_2 = test_server_sign_in (server, "cso_cgk", "CGK", 2, "b", NULL);
  g_autofree char *cco = test_server_sign_in (server, "cco_cgk", "CGK", 3, "c", NULL);
  g_autofree char *sno_dps = test_server_sign_in (server, "sno_dps", "DPS", 1, "d", NULL);
  g_autofree char *pic_dps = test_server_sign_in (server, "pic_dps", "DPS", 2, "e", NULL);
  g_autofree char *pic_djj = test_server_sign_in (server, "pic_djj", "DJJ", 1, "f", NULL);
  g_autofree char *supervisor = test_server_sign_in (server, "supervisor", "CGK", 4, "g", NULL);
  g_autofree char *supervisor_dps = test_server_sign_in (server, "supervisor_dps", "DPS", 3, "h", NULL);
  g_autofree char *cgk_counter = NULL, *dps_counter = NULL, *cgk_phone = NULL;
  g_autofree char *body = NULL;
  guint status = 0;
  g_autofree char *admin = test_server_sign_in (server, "admin", "CGK", 4, "g", &status);

  /* An administrator manages users; it works no airport's tickets. */
  g_assert_null (admin);
  g_assert_cmpuint (status, ==, 403);

  /* Creating tickets */
  body = ticket_push ("counter", "counter", "CGK", 1, &cgk_counter);
  assert_push (server, cso_cgk, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = ticket_push ("counter", "counter", "CGK", 1, NULL);
  assert_push (server, cso_cgk_2, body, "rejected", "forbidden");   /* names another workstation */
  g_clear_pointer (&body, g_free);
  body = ticket_push ("counter", "counter", "CGK", 3, NULL);
  assert_push (server, cco, body, "rejected", "forbidden");         /* a CCO does not run the counter */
  g_clear_pointer (&body, g_free);
  body = ticket_push ("phone", "phone", "CGK", 3, &cgk_phone);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = ticket_push ("counter", "counter", "DPS", 1, &dps_counter);
  assert_push (server, sno_dps, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = ticket_push ("counter", "counter", "DJJ", 1, NULL);
  assert_push (server, pic_djj, body, "rejected", "forbidden");     /* a PIC only answers */
  g_clear_pointer (&body, g_free);
  body = ticket_push ("counter", "counter", "CGK", 4, NULL);
  assert_push (server, supervisor, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);

  /* Actions on another airport's ticket */
  body = action_push (dps_counter, "note", NULL, "{\"note\":\"cek\"}", "CGK", 1);
  assert_push (server, cso_cgk, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);
  body = action_push (cgk_counter, "pic_answer", "save", "{\"pic_answer\":\"x\"}", "CGK", 2);
  assert_push (server, cso_cgk_2, body, "rejected", "forbidden");   /* not escalated: only a PIC answers */
  g_clear_pointer (&body, g_free);

  /* A receipt is printed at any desk that reads the ticket, and its copy
   * of the ticket changes nothing; setting a step aside belongs to the
   * ticket's own desk. */
  body = entry_push (cgk_counter, "receipt", "CGK", 2, "Nama Palsu");
  assert_push (server, cso_cgk_2, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM tickets WHERE body LIKE '%Nama Palsu%'"),
                   ==, 0);
  body = entry_push (dps_counter, "receipt", "CGK", 1, "Nama Palsu");
  assert_push (server, cso_cgk, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);
  body = entry_push (cgk_counter, "parked", "CGK", 2, "Nama Palsu");
  assert_push (server, cso_cgk_2, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);
  body = entry_push (cgk_counter, "parked", "CGK", 1, "Budi");
  assert_push (server, cso_cgk, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = entry_push (cgk_counter, "resumed", "CGK", 1, "Budi");
  assert_push (server, cso_cgk, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);

  /* Reading: each sees what its role and airports allow. */
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, cso_cgk);

    g_assert_true (g_hash_table_contains (seen, cgk_counter));
    g_assert_true (g_hash_table_contains (seen, cgk_phone));
    g_assert_false (g_hash_table_contains (seen, dps_counter));
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, sno_dps);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
    g_assert_true (g_hash_table_contains (seen, dps_counter));
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, cco);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
    g_assert_true (g_hash_table_contains (seen, cgk_phone));
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, supervisor);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, supervisor_dps);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
    g_assert_true (g_hash_table_contains (seen, dps_counter));
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, pic_djj);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  }

  /* A ticket's whole log goes only to who may read the ticket; to the
   * others it does not exist. */
  {
    g_autofree char *mine = g_strdup_printf ("/v1/tickets/%s/activities", dps_counter);
    g_autofree char *answer = NULL;

    g_assert_cmpuint (test_server_request (server, "GET", mine, sno_dps, NULL, NULL, 0, &answer), ==, 200);
    g_assert_nonnull (strstr (answer, dps_counter));
    assert_refused (server, "GET", mine, cso_cgk, NULL, NULL, 0, 404, "not_found");
    assert_refused (server, "GET", "/v1/tickets/not-a-ticket/activities", sno_dps, NULL, NULL, 0, 404, "not_found");
    assert_refused (server, "POST", mine, sno_dps, "application/json", "{}", -1, 405, "method_not_allowed");
  }

  /* Once escalated to DPS, DPS's PIC sees the CGK ticket and answers it;
   * DJJ's PIC still sees nothing. */
  body = action_push (cgk_phone, "escalate", NULL,
                      "{\"followup_unit\":\"branch\",\"followup_airport\":\"DPS\",\"followup_note\":\"Mohon jawab\"}",
                      "CGK", 3);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, pic_dps);

    g_assert_true (g_hash_table_contains (seen, cgk_phone));
    g_assert_true (g_hash_table_contains (seen, dps_counter));   /* also a CSO at DPS */
    g_assert_false (g_hash_table_contains (seen, cgk_counter));
  }
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, pic_djj);

    g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  }
  body = action_push (cgk_phone, "pic_answer", "save", "{\"pic_answer\":\"Sudah ditangani\"}", "DPS", 2);
  assert_push (server, pic_dps, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = action_push (cgk_phone, "pic_answer", "save", "{\"pic_answer\":\"Lagi\"}", "DPS", 2);
  assert_push (server, pic_dps, body, "rejected", "state");        /* it is answered already */
  g_clear_pointer (&body, g_free);
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM tickets WHERE status = 'answered'"),
                   ==, 1);
}

/* A PIC passes an escalation to another airport's PIC: the server moves
 * it there, keeps the request in the ticket, and the first PIC no longer
 * sees or moves it. */
static void
test_reassign_moves_escalation (Fixture       *fixture,
                                gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *cco = test_server_sign_in (server, "cco_cgk", "CGK", 3, "c", NULL);
  g_autofree char *pic_djj = test_server_sign_in (server, "pic_djj", "DJJ", 1, "f", NULL);
  g_autofree char *supervisor_dps = test_server_sign_in (server, "supervisor_dps", "DPS", 3, "h", NULL);
  g_autofree char *ticket = NULL;
  g_autofree char *body = NULL;
  static const char to_dps[] =
    "{\"followup_unit\":\"branch\",\"followup_airport\":\"DPS\",\"followup_note\":\"Penerbangan dari DPS\"}";

  body = ticket_push ("phone", "phone", "CGK", 3, &ticket);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);

  /* Only an escalated ticket is reassigned. */
  body = action_push (ticket, "reassign", NULL, to_dps, "CGK", 3);
  assert_push (server, cco, body, "rejected", "state");
  g_clear_pointer (&body, g_free);

  body = action_push (ticket, "escalate", NULL,
                      "{\"followup_unit\":\"branch\",\"followup_airport\":\"DJJ\",\"followup_note\":\"Mohon jawab\"}",
                      "CGK", 3);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  {
    g_autoptr(GHashTable) seen = pull_ticket_ids (server, pic_djj);

    g_assert_true (g_hash_table_contains (seen, ticket));
  }

  /* A PIC who only answers escalations may pass one on. */
  body = action_push (ticket, "reassign", NULL, to_dps, "DJJ", 1);
  assert_push (server, pic_djj, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  g_assert_cmpint (test_server_query_int (server,
                                          "SELECT count (*) FROM tickets WHERE escalated_to = 'DPS'"
                                          " AND status = 'escalated'"), ==, 1);
  g_assert_cmpint (test_server_query_int (server,
                                          "SELECT count (*) FROM tickets"
                                          " WHERE body LIKE '%\"followup\":\"branch / DPS%'"
                                          " AND body LIKE '%Penerbangan dari DPS\"%'"),
                   ==, 1);
  /* Both requests stay in the log. */
  g_assert_cmpint (test_server_query_int (server,
                                          "SELECT count (*) FROM activities"
                                          " WHERE body LIKE '%\"step\":\"escalate\"%'"
                                          " OR body LIKE '%\"step\":\"reassign\"%'"),
                   ==, 2);
  {
    g_autoptr(GHashTable) djj_sees = pull_ticket_ids (server, pic_djj);
    g_autoptr(GHashTable) dps_sees = pull_ticket_ids (server, supervisor_dps);

    g_assert_false (g_hash_table_contains (djj_sees, ticket));
    g_assert_true (g_hash_table_contains (dps_sees, ticket));
  }

  body = action_push (ticket, "reassign", NULL, to_dps, "DJJ", 1);
  assert_push (server, pic_djj, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);

  /* DPS's supervisor may move it, but not to the branch PIC at DPS, who
   * has it already, nor to that unit without naming an airport. */
  body = action_push (ticket, "reassign", NULL, to_dps, "DPS", 3);
  assert_push (server, supervisor_dps, body, "rejected", "unchanged");
  g_clear_pointer (&body, g_free);
  body = action_push (ticket, "reassign", NULL,
                      "{\"followup_unit\":\"branch\",\"followup_note\":\"Tetap di DPS\"}", "DPS", 3);
  assert_push (server, supervisor_dps, body, "rejected", "unchanged");
  g_clear_pointer (&body, g_free);
  body = action_push (ticket, "reassign", NULL,
                      "{\"followup_unit\":\"facilities\",\"followup_note\":\"Urusan teknik\"}", "DPS", 3);
  assert_push (server, supervisor_dps, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  g_assert_cmpint (test_server_query_int (server,
                                          "SELECT count (*) FROM activities"
                                          " WHERE body LIKE '%\"step\":\"reassign\"%'"),
                   ==, 2);
}

/* Returns @body with the first @from replaced by @to. */
static char *
replace_once (const char *body,
              const char *from,
              const char *to)
{
  const char *at = strstr (body, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - body), body, to, at + strlen (from));
}

static char *
report_number_of (const char *body)
{
  const char *at = strstr (body, "\"report_number\":\"");

  g_assert_nonnull (at);
  at += strlen ("\"report_number\":\"");
  return g_strndup (at, strchr (at, '"') - at);
}

/* What decides who sees a new ticket is checked, since a workstation
 * sends it: the report number, the zone and the booking's airport. */
static void
test_new_ticket_checked (Fixture       *fixture,
                         gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *cso_cgk = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  g_autofree char *cco = test_server_sign_in (server, "cco_cgk", "CGK", 3, "c", NULL);
  g_autofree char *pic_dps = test_server_sign_in (server, "pic_dps", "DPS", 2, "e", NULL);
  g_autofree char *first = ticket_push ("counter", "counter", "CGK", 1, NULL);
  g_autofree char *first_number = report_number_of (first);
  g_autofree char *body = NULL;
  g_autofree char *phone_id = NULL;
  /* Each case is a fresh ticket: a repeated activity id would only get
   * the first case's answer again. */
  struct {
    const char *from;   /* NULL: the ticket's own report number */
    const char *to;     /* NULL: the first ticket's report number */
  } cases[] = {
    { NULL, NULL },                     /* a number given already */
    { "CGK-01-", "CGK-02-" },           /* a number of another desk */
    { "Asia/Jakarta", "Asia/Jayapura" }, /* a zone not the airport's */
    /* A counter ticket claiming a booking at DPS would be read there. */
    { "\"booking\":null", "\"booking\":{\"airport\":\"DPS\",\"eta\":1,\"stage\":\"expected\"}" },
  };

  assert_push (server, cso_cgk, first, "accepted", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fresh = ticket_push ("counter", "counter", "CGK", 1, NULL);
      g_autofree char *own_number = report_number_of (fresh);

      body = replace_once (fresh, cases[i].from ? cases[i].from : own_number,
                           cases[i].to ? cases[i].to : first_number);
      /* Refused, not a failure that would stop the workstation's sync. */
      assert_push (server, cso_cgk, body, "rejected", "invalid");
      g_clear_pointer (&body, g_free);
    }

  /* The same kind of ticket, unchanged, goes through. */
  body = ticket_push ("counter", "counter", "CGK", 1, NULL);
  assert_push (server, cso_cgk, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);

  /* A CSO who is also DPS's PIC answers a CGK escalation but does not
   * reply to, close or reopen it. */
  body = ticket_push ("phone", "phone", "CGK", 3, &phone_id);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = action_push (phone_id, "escalate", NULL,
                      "{\"followup_unit\":\"branch\",\"followup_airport\":\"DPS\",\"followup_note\":\"Mohon jawab\"}",
                      "CGK", 3);
  assert_push (server, cco, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
  body = action_push (phone_id, "reply", NULL, "{\"reply\":\"Dari DPS\"}", "DPS", 2);
  assert_push (server, pic_dps, body, "rejected", "forbidden");
  g_clear_pointer (&body, g_free);
  body = action_push (phone_id, "pic_answer", "save", "{\"pic_answer\":\"Sudah ditangani\"}", "DPS", 2);
  assert_push (server, pic_dps, body, "accepted", NULL);
  g_clear_pointer (&body, g_free);
}

/* A page of large tickets stops at about 4 MiB and the next one goes
 * on from there, so nothing is skipped and no answer grows unbounded. */
static void
test_pull_page_bounded (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *token = NULL;
  g_autofree char *large = g_strnfill (200 * 1024, 'x');
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 after = 0;
  guint pages = 0, seen = 0;
  gboolean more = TRUE;

  test_server_start (server, NULL);
  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "a", NULL);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *plain = ticket_push ("counter", "counter", "CGK", 1, NULL);
      g_autofree char *body = replace_once (plain, "Tanya bagasi", large);

      assert_push (server, token, body, "accepted", NULL);
    }

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/pull?after=%" G_GINT64_FORMAT, after);
      g_autofree char *answer = NULL;
      g_autoptr(JsonObject) object = NULL;
      JsonArray *items;

      g_assert_cmpuint (test_server_request (server, "GET", path, token, NULL, NULL, 0, &answer), ==, 200);
      g_assert_cmpuint (strlen (answer), <, 6 * 1024 * 1024);
      object = parse (answer);
      items = json_object_get_array_member (object, "items");
      g_assert_cmpuint (json_array_get_length (items), >, 0);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *activity = json_object_get_object_member (json_array_get_object_element (items, i), "activity");

          g_hash_table_add (ids, g_strdup (json_object_get_string_member (activity, "id")));
        }
      seen += json_array_get_length (items);
      after = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
      pages++;
    }

  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpuint (seen, ==, 30);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 30);
  test_server_free (server);
}

/* Runs the command line with @args and returns its exit status, its
 * error output in @out_error. */
static int
run_admin (TestServer         *server,
           const char         *input,
           const char * const *args,
           char              **out_error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAPA_SERVER_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, out_error, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* Bad input on the command line is refused with a message and leaves
 * nothing behind: no file for an unknown command, no half-added list. */
static void
test_admin_rejects_bad_input (Fixture       *fixture,
                              gconstpointer  data)
{
  TestServer *server = fixture->server;
  g_autofree char *stray = g_build_filename (server->dir, "stray.db", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  struct {
    const char *input;
    const char *args[12];
    const char *message;
  } cases[] = {
    { NULL, { "--database", stray, "bogus", NULL }, "unknown command" },
    { NULL, { "--database", "", "init", NULL }, "database is empty" },
    { NULL, { "--database", server->db_path, "add-airport", "UPG", "ZZZ", NULL }, "nothing was added" },
    { TEST_PASSWORD "\n", { "--database", server->db_path, "add-user", "nama berspasi", "--role", "cso",
                            "--airport", "CGK", NULL }, "letters, digits" },
    { TEST_PASSWORD "\n", { "--database", server->db_path, "add-user", "tanpa\x01kontrol", "--role", "cso",
                            "--airport", "CGK", NULL }, "letters, digits" },
    { "          \n", { "--database", server->db_path, "add-user", "ani", "--role", "cso",
                        "--airport", "CGK", NULL }, "spaces only" },
    { TEST_PASSWORD "\n", { "--database", server->db_path, "add-user", "ani", "--role", "cso", NULL },
      "--airport" },
    { TEST_PASSWORD "\n", { "--database", server->db_path, "add-user", "ani", "--role", "kasir",
                            "--airport", "CGK", NULL }, "Unknown role" },
    { NULL, { "--database", server->db_path, "register-workstation", "CGK", "tujuh", NULL }, "from 1 to 99" },
    { NULL, { "--database", server->db_path, "add-user", "ani", "--role", "cso", "--airport", "CGK", NULL },
      "standard input" },
    { NULL, { "--database", server->db_path, "serve", "--port", "0", "--insecure-http", "extra", NULL },
      "unexpected argument" },
    { NULL, { "--database", server->db_path, "serve", "--port", "0", "--insecure-http",
              "--tls-certificate", "cert.pem", "--tls-key", "key.pem", NULL }, "not both" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (run_admin (server, cases[i].input, cases[i].args, &message), !=, 0);
      g_assert_nonnull (strstr (message, cases[i].message));
    }

  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM airports WHERE code = 'UPG'"), ==, 0);
  g_assert_cmpint (test_server_query_int (server, "SELECT count (*) FROM users WHERE username = 'ani'"), ==, 0);

  /* A key that is not the certificate's stops the server at start, rather
   * than failing every handshake later. */
  if (openssl != NULL)
    {
      g_autofree char *cert = g_build_filename (server->dir, "cert.pem", NULL);
      g_autofree char *key = g_build_filename (server->dir, "key.pem", NULL);
      g_autofree char *other = g_build_filename (server->dir, "other-key.pem", NULL);
      g_autofree char *message = NULL;
      const char *make_pair[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                  "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL };
      const char *make_key[] = { openssl, "genrsa", "-out", other, "2048", NULL };
      const char *mismatched[] = { "--database", server->db_path, "serve", "--port", "0",
                                   "--tls-certificate", cert, "--tls-key", other, NULL };
      g_autoptr(GError) error = NULL;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) make_pair, NULL,
                                   G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_spawn_sync (NULL, (char **) make_key, NULL,
                                   G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);

      g_assert_cmpint (run_admin (server, NULL, mismatched, &message), ==, 1);
      g_assert_nonnull (strstr (message, "does not match the certificate"));
    }

  /* A role given twice adds both. */
  test_server_admin (server, TEST_PASSWORD "\n", "add-user", "ani", "--role", "cso", "--role", "pic",
                     "--airport", "CGK", NULL);
  g_assert_cmpint (test_server_query_int (server,
                                          "SELECT count (*) FROM users WHERE username = 'ani' AND roles = 'cso,pic'"),
                   ==, 1);

  /* Names are one user whatever their letter case, and a disabled user
   * neither signs in nor keeps a session opened before. */
  {
    const char *twin[] = { "--database", server->db_path, "add-user", "ANI", "--role", "cso",
                           "--airport", "CGK", NULL };
    g_autofree char *message = NULL;
    g_autofree char *token = NULL;
    g_autofree char *refused = NULL;
    g_autofree char *again = NULL;
    guint status = 0;

    g_assert_cmpint (run_admin (server, TEST_PASSWORD "\n", twin, &message), !=, 0);
    g_assert_nonnull (strstr (message, "exists already"));
    token = test_server_sign_in (server, "Ani", "CGK", 1, "a", NULL);
    g_assert_nonnull (token);

    test_server_admin (server, NULL, "disable-user", "ANI", NULL);
    refused = test_server_sign_in (server, "ani", "CGK", 1, "a", &status);
    g_assert_null (refused);
    g_assert_cmpuint (status, ==, 401);
    assert_refused (server, "GET", "/v1/me", token, NULL, NULL, 0, 401, "token_invalid");

    test_server_admin (server, NULL, "enable-user", "ani", NULL);
    again = test_server_sign_in (server, "ani", "CGK", 1, "a", NULL);
    g_assert_nonnull (again);
  }
}

/* Two processes on one database, as behind a load balancer: whatever
 * one stores, the other uses. */
static void
test_two_processes_share_database (Fixture       *fixture,
                                   gconstpointer  data)
{
  TestServer *server = fixture->server;
  TestServer *other = test_server_new_sharing (server);
  static const char wrong[] =
    "{\"username\":\"sno_dps\",\"password\":\"tebakan\",\"airport\":\"DPS\","
    "\"workstation\":1,\"install_id\":\"computer-x\"}";
  g_autofree char *token = NULL;
  g_autofree char *reader = NULL;
  g_autofree char *body = NULL;
  g_autofree char *ticket_id = NULL;
  g_autoptr(GHashTable) pulled = NULL;
  guint status = 0;

  test_server_start (other, NULL);

  /* A token from one process opens the other, until signed out there. */
  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-a", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (test_server_request (other, "GET", "/v1/me", token, NULL, NULL, 0, NULL), ==, 200);
  g_assert_cmpuint (test_server_request (other, "POST", "/v1/auth/sign-out", token,
                                         "application/json", "{}", -1, NULL), ==, 200);
  assert_refused (server, "GET", "/v1/me", token, NULL, NULL, 0, 401, "token_invalid");

  /* A workstation bound through one process is bound for the other. */
  g_clear_pointer (&token, g_free);
  token = test_server_sign_in (other, "cso_cgk", "CGK", 1, "computer-b", &status);
  g_assert_null (token);
  g_assert_cmpuint (status, ==, 409);

  /* What one process accepts, the other serves. */
  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-a", &status);
  g_assert_cmpuint (status, ==, 200);
  reader = test_server_sign_in (other, "supervisor", "CGK", 2, "computer-c", &status);
  g_assert_cmpuint (status, ==, 200);
  body = ticket_push ("counter", "counter", "CGK", 1, &ticket_id);
  assert_push (server, token, body, "accepted", NULL);
  pulled = pull_ticket_ids (other, reader);
  g_assert_true (g_hash_table_contains (pulled, ticket_id));

  /* Failed sign-ins count across processes. The address stays limited
   * until the test ends, so this part comes last. */
  for (guint i = 0; i < 5; i++)
    assert_refused (i % 2 == 0 ? server : other, "POST", "/v1/auth/sign-in", NULL, "application/json",
                    wrong, -1, 401, "bad_credentials");
  assert_refused (server, "POST", "/v1/auth/sign-in", NULL, "application/json", wrong, -1,
                  429, "rate_limited");
  assert_refused (other, "POST", "/v1/auth/sign-in", NULL, "application/json", wrong, -1,
                  429, "rate_limited");

  test_server_free (other);
}

/* PostgreSQL only: the server outlives its database connections. After
 * they are ended, the next request opens new ones. A request fails
 * cleanly while the database refuses connections, and the next one after
 * that connects again. */
static void
test_database_connection_lost (Fixture       *fixture,
                               gconstpointer  data)
{
  TestServer *server = fixture->server;
  static const char others[] =
    "FROM pg_stat_activity WHERE datname = current_database () AND pid <> pg_backend_pid ()";
  g_autofree char *token = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *terminate = g_strdup_printf ("SELECT pg_terminate_backend (pid) %s", others);
  g_autofree char *count = g_strdup_printf ("SELECT count (*) %s", others);
  g_autofree char *refuse = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS false", server->pg_name);
  g_autofree char *allow = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS true", server->pg_name);
  g_autoptr(JsonObject) object = NULL;
  guint tries;

  if (!test_server_uses_postgres (server))
    {
      g_test_skip ("needs PostgreSQL: set SAPA_TEST_POSTGRES");
      return;
    }

  token = test_server_sign_in (server, "cso_cgk", "CGK", 1, "computer-a", NULL);
  g_assert_nonnull (token);
  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", token, NULL, NULL, 0, NULL), ==, 200);

  /* Ends the server's connections and waits, at most 10 s, until they
   * are gone. The test's own connection, opened here, stays. */
  g_assert_cmpint (test_server_query_int (server, count), >, 0);
  test_server_exec_sql (server, terminate);
  for (tries = 0; tries < 200 && test_server_query_int (server, count) > 0; tries++)
    g_usleep (50 * 1000);
  g_assert_cmpint (test_server_query_int (server, count), ==, 0);
  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", token, NULL, NULL, 0, NULL), ==, 200);

  /* The same while no new connection is allowed. */
  test_postgres_exec_sql (refuse);
  test_server_exec_sql (server, terminate);
  for (tries = 0; tries < 200 && test_server_query_int (server, count) > 0; tries++)
    g_usleep (50 * 1000);
  g_assert_cmpint (test_server_query_int (server, count), ==, 0);

  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", token, NULL, NULL, 0, &answer), ==, 500);
  object = parse (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "internal");

  test_postgres_exec_sql (allow);
  g_assert_cmpuint (test_server_request (server, "GET", "/v1/me", token, NULL, NULL, 0, NULL), ==, 200);
  g_assert_cmpuint (test_server_request (server, "GET", "/v1/sync/pull", token, NULL, NULL, 0, NULL), ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/status", Fixture, NULL, fixture_set_up, test_status_needs_no_sign_in, fixture_tear_down);
  g_test_add ("/server/sign-in", Fixture, NULL, fixture_set_up, test_sign_in_outcomes, fixture_tear_down);
  g_test_add ("/server/rate-limit", Fixture, NULL, fixture_set_up, test_sign_in_rate_limited, fixture_tear_down);
  g_test_add ("/server/tokens-end", Fixture, NULL, fixture_set_up, test_tokens_end, fixture_tear_down);
  g_test_add ("/server/hostile", Fixture, NULL, fixture_set_up, test_hostile_requests, fixture_tear_down);
  g_test_add ("/server/authorisation", Fixture, NULL, fixture_set_up, test_authorisation_matrix, fixture_tear_down);
  g_test_add ("/server/reassign", Fixture, NULL, fixture_set_up, test_reassign_moves_escalation, fixture_tear_down);
  g_test_add ("/server/new-ticket-checked", Fixture, NULL, fixture_set_up, test_new_ticket_checked,
              fixture_tear_down);
  g_test_add_func ("/server/pull-page-bounded", test_pull_page_bounded);
  g_test_add ("/server/admin-rejects-bad-input", Fixture, NULL, fixture_set_up, test_admin_rejects_bad_input,
              fixture_tear_down);
  g_test_add ("/server/two-processes", Fixture, NULL, fixture_set_up, test_two_processes_share_database,
              fixture_tear_down);
  g_test_add ("/server/connection-lost", Fixture, NULL, fixture_set_up, test_database_connection_lost,
              fixture_tear_down);

  return g_test_run ();
}
