/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flow.c: consistency of the seven flow tables and field validation */

#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-ticket-action.h"

static const char * const known_statuses[] = {
  SAPA_STATUS_OPEN, SAPA_STATUS_WAITING_CUSTOMER, SAPA_STATUS_ESCALATED,
  SAPA_STATUS_IN_SERVICE, SAPA_STATUS_ANSWERED, SAPA_STATUS_CLOSED, SAPA_STATUS_CANCELLED, NULL
};

static void
test_flow_all (void)
{
  const char *ids[] = {
    SAPA_FLOW_COUNTER, SAPA_FLOW_PHONE, SAPA_FLOW_EMAIL_SOCIAL, SAPA_FLOW_SUGGESTION_BOX,
    SAPA_FLOW_SNS_PREBOOK, SAPA_FLOW_LIVE_CHAT, SAPA_FLOW_SNS_COUNTER,
  };
  guint n_flows = 0;
  const SapaFlow **flows = sapa_flow_get_all (&n_flows);

  g_assert_cmpuint (n_flows, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < n_flows; i++)
    {
      g_assert_cmpstr (flows[i]->id, ==, ids[i]);
      g_assert_cmpuint (flows[i]->number, ==, i + 1);
      g_assert_true (sapa_flow_lookup (ids[i]) == flows[i]);
    }

  g_assert_null (sapa_flow_lookup ("kiosk"));
}

static void
assert_choices_valid (const SapaChoice *choices)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (choices);
  g_assert_nonnull (choices[0].id);
  for (const SapaChoice *choice = choices; choice->id != NULL; choice++)
    {
      g_assert_nonnull (choice->label);
      g_assert_null (strchr (choice->id, ','));
      g_assert_true (g_hash_table_add (ids, (gpointer) choice->id));
    }
}

static void
assert_step_valid (const SapaFlow *flow,
                   const SapaStep *step,
                   GHashTable     *field_keys)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (step->title);
  g_assert_cmpuint (sapa_step_get_n_branches (step), >=, 1);

  for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
    {
      g_assert_nonnull (branch->label);
      if (branch->target != NULL)
        g_assert_nonnull (sapa_flow_get_step (flow, branch->target));
      if (branch->status != NULL)
        g_assert_true (g_strv_contains (known_statuses, branch->status));
      g_assert_true (sapa_step_get_branch (step, branch->id) == branch);
    }

  for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
    {
      g_assert_nonnull (field->label);
      g_assert_true (g_hash_table_add (keys, (gpointer) field->key));
      g_hash_table_add (field_keys, (gpointer) field->key);
      g_assert_true (sapa_step_get_field (step, field->key) == field);
      if (field->type == SAPA_FIELD_CHOICE || field->type == SAPA_FIELD_MULTI_CHOICE)
        assert_choices_valid (field->choices);
      else
        g_assert_null (field->choices);
    }

  /* A confirmation reads values back and a wait shows what it awaits;
   * a form has nothing to show but its fields. */
  if (step->kind == SAPA_STEP_FORM)
    {
      g_assert_null (step->readback);
    }
  else
    {
      g_assert_nonnull (step->readback);
      g_assert_nonnull (step->readback[0]);
    }
}

/* Marks every step reachable from @step_id. */
static void
visit (const SapaFlow *flow,
       const char     *step_id,
       GHashTable     *seen)
{
  const SapaStep *step = sapa_flow_get_step (flow, step_id);

  if (!g_hash_table_add (seen, (gpointer) step->id))
    return;

  for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
    {
      if (branch->target != NULL)
        visit (flow, branch->target, seen);
    }
}

static void
test_flow_consistency (void)
{
  guint n_flows = 0;
  const SapaFlow **flows = sapa_flow_get_all (&n_flows);

  for (guint i = 0; i < n_flows; i++)
    {
      const SapaFlow *flow = flows[i];
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) field_keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      gboolean ends = FALSE;

      g_test_message ("flow %s", flow->id);
      g_assert_nonnull (flow->title);
      g_assert_nonnull (sapa_flow_get_step (flow, flow->first_step));

      for (const SapaStep *step = flow->steps; step->id != NULL; step++)
        {
          g_assert_true (g_hash_table_add (ids, (gpointer) step->id));
          assert_step_valid (flow, step, field_keys);
          for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
            ends = ends || branch->target == NULL;
        }
      g_assert_true (ends);

      /* Read-back keys are values some step of the same flow records, or
       * that a reassignment records and a resumed wizard takes over. */
      for (const SapaStep *step = flow->steps; step->id != NULL; step++)
        for (guint j = 0; step->readback != NULL && step->readback[j] != NULL; j++)
          g_assert_true (g_hash_table_contains (field_keys, step->readback[j]) ||
                         sapa_step_get_field (&sapa_ticket_action_lookup (SAPA_ACTION_REASSIGN)->step,
                                              step->readback[j]) != NULL);

      visit (flow, flow->first_step, seen);
      g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (ids));

      g_assert_nonnull (flow->progress[0]);
      for (guint j = 0; flow->progress[j] != NULL; j++)
        g_assert_nonnull (sapa_flow_get_step (flow, flow->progress[j]));

      if (flow->channels != NULL)
        {
          assert_choices_valid (flow->channels);
          g_assert_nonnull (sapa_choice_get_label (flow->channels, flow->channel));
        }
    }
}

static void
test_flow_shared_choices (void)
{
  assert_choices_valid (sapa_flow_get_categories ());
  assert_choices_valid (sapa_flow_get_units ());

  g_assert_nonnull (sapa_choice_get_label (sapa_flow_get_categories (), "lost_found"));
  g_assert_nonnull (sapa_choice_get_label (sapa_flow_get_units (), "branch"));
  g_assert_nonnull (sapa_choice_get_label (sapa_flow_get_units (), "sns"));
  g_assert_null (sapa_choice_get_label (sapa_flow_get_units (), "kitchen"));
}

typedef struct {
  const char *input;
  const char *clean;   /* NULL: rejected */
  int         code;    /* SapaError when rejected */
} FieldCase;

static void
check_cases (const SapaField *field,
             const FieldCase *cases,
             gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clean = NULL;
      g_autofree char *extra = NULL;
      /* TAP output must stay UTF-8, whatever bytes a case feeds in. */
      g_autofree char *shown = g_utf8_make_valid (cases[i].input, -1);
      gboolean ok = sapa_field_validate (field, cases[i].input, &clean, &extra, &error);

      g_test_message ("%s: “%s”", field->key, shown);
      if (cases[i].clean != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (clean, ==, cases[i].clean);
        }
      else
        {
          g_assert_error (error, SAPA_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_null (clean);
        }
    }
}

static void
test_field_flight (void)
{
  const SapaField field = { "flight", SAPA_FIELD_FLIGHT, "Flight", NULL, TRUE, NULL };
  const FieldCase cases[] = {
    { "GA 404", "GA 404", 0 },
    { "ga0404", "GA 404", 0 },
    { "ga404", "GA 404", 0 },
    { "JT-610", "JT 610", 0 },
    { "8B 123", "8B 123", 0 },
    { "G8123", "G8 123", 0 },
    { " id 6177 ", "ID 6177", 0 },
    { "QZ 7510A", "QZ 7510A", 0 },
    { "GA 1", "GA 1", 0 },
    { "GA 12345", NULL, SAPA_ERROR_INVALID },
    { "12 345", NULL, SAPA_ERROR_INVALID },
    { "GIA 404", NULL, SAPA_ERROR_INVALID },
    { "GA", NULL, SAPA_ERROR_INVALID },
    { "GA 0", NULL, SAPA_ERROR_INVALID },
    { "GA  404", NULL, SAPA_ERROR_INVALID },
    { "GA 404 B", NULL, SAPA_ERROR_INVALID },
    { "GA 40Z4", NULL, SAPA_ERROR_INVALID },
    { "GÅ 404", NULL, SAPA_ERROR_INVALID },
    { "", NULL, SAPA_ERROR_REQUIRED },
    { "   ", NULL, SAPA_ERROR_REQUIRED },
  };

  check_cases (&field, cases, G_N_ELEMENTS (cases));
}

static void
test_field_time (void)
{
  const SapaField field = { "eta", SAPA_FIELD_TIME, "Time", NULL, TRUE, NULL };
  const FieldCase cases[] = {
    { "05:30", "05:30", 0 },
    { "5:30", "05:30", 0 },
    { "5.30", "05:30", 0 },
    { "23.59", "23:59", 0 },
    { "00:00", "00:00", 0 },
    { "24:00", NULL, SAPA_ERROR_INVALID },
    { "12:60", NULL, SAPA_ERROR_INVALID },
    { "5:3", NULL, SAPA_ERROR_INVALID },
    { "530", NULL, SAPA_ERROR_INVALID },
    { "05:30:00", NULL, SAPA_ERROR_INVALID },
    { "-1:30", NULL, SAPA_ERROR_INVALID },
    { "", NULL, SAPA_ERROR_REQUIRED },
  };

  check_cases (&field, cases, G_N_ELEMENTS (cases));
}

static void
test_field_date (void)
{
  const SapaField field = { "flight_date", SAPA_FIELD_DATE, "Date", NULL, TRUE, NULL };
  const FieldCase cases[] = {
    { "2026-03-05", "2026-03-05", 0 },
    { "2026-3-5", "2026-03-05", 0 },
    { "5/3/2026", "2026-03-05", 0 },
    { "29/02/2028", "2028-02-29", 0 },
    { "2027-02-29", NULL, SAPA_ERROR_INVALID },
    { "2026-13-01", NULL, SAPA_ERROR_INVALID },
    { "2026-04-31", NULL, SAPA_ERROR_INVALID },
    { "26-03-05", NULL, SAPA_ERROR_INVALID },
    { "2026/03/05", NULL, SAPA_ERROR_INVALID },
    { "2026-03/05", NULL, SAPA_ERROR_INVALID },
    { "tomorrow", NULL, SAPA_ERROR_INVALID },
    { "", NULL, SAPA_ERROR_REQUIRED },
  };

  check_cases (&field, cases, G_N_ELEMENTS (cases));
}

static void
test_field_handle (void)
{
  const SapaField field = { "handle", SAPA_FIELD_HANDLE, "Handle", NULL, FALSE, NULL };
  g_autofree char *long_handle = g_strnfill (101, 'a');
  const FieldCase cases[] = {
    { "@sapa_id", "sapa_id", 0 },
    { "sapa_id", "sapa_id", 0 },
    { "  @Sapa.ID  ", "Sapa.ID", 0 },
    { "@user@mastodon.social", "user@mastodon.social", 0 },
    { "", "", 0 },
    { "@", NULL, SAPA_ERROR_INVALID },
    { "@@sapa", NULL, SAPA_ERROR_INVALID },
    { "sapa id", NULL, SAPA_ERROR_INVALID },
    { "sapa\tid", NULL, SAPA_ERROR_INVALID },
    { long_handle, NULL, SAPA_ERROR_TOO_LONG },
  };

  check_cases (&field, cases, G_N_ELEMENTS (cases));
}

static const SapaChoice colours[] = {
  { "red", "Red" },
  { "green", "Green" },
  { "blue", "Blue" },
  { NULL, NULL }
};

static void
test_field_choice (void)
{
  const SapaField single = { "colour", SAPA_FIELD_CHOICE, "Colour", NULL, TRUE, colours };
  const SapaField multi = { "colours", SAPA_FIELD_MULTI_CHOICE, "Colours", NULL, TRUE, colours };
  const SapaField optional = { "colours", SAPA_FIELD_MULTI_CHOICE, "Colours", NULL, FALSE, colours };
  const FieldCase single_cases[] = {
    { "green", "green", 0 },
    { " blue ", "blue", 0 },
    { "Green", NULL, SAPA_ERROR_INVALID },
    { "red,blue", NULL, SAPA_ERROR_INVALID },
    { "", NULL, SAPA_ERROR_REQUIRED },
  };
  const FieldCase multi_cases[] = {
    { "blue,red", "red,blue", 0 },
    { "blue, red ,blue", "red,blue", 0 },
    { "green", "green", 0 },
    { "red,,green", "red,green", 0 },
    { "red,pink", NULL, SAPA_ERROR_INVALID },
    { ",", NULL, SAPA_ERROR_REQUIRED },
    { "", NULL, SAPA_ERROR_REQUIRED },
  };
  const FieldCase optional_cases[] = {
    { "", "", 0 },
    { ",", "", 0 },
  };

  check_cases (&single, single_cases, G_N_ELEMENTS (single_cases));
  check_cases (&multi, multi_cases, G_N_ELEMENTS (multi_cases));
  check_cases (&optional, optional_cases, G_N_ELEMENTS (optional_cases));
}

static void
test_field_airport (void)
{
  const SapaField field = { "airport", SAPA_FIELD_AIRPORT, "Airport", NULL, TRUE, NULL };
  const FieldCase cases[] = {
    { "CGK", "CGK", 0 },
    { " dps ", "DPS", 0 },
    { "XXX", NULL, SAPA_ERROR_INVALID },
    { "", NULL, SAPA_ERROR_REQUIRED },
  };

  check_cases (&field, cases, G_N_ELEMENTS (cases));
}

static void
test_field_text (void)
{
  const SapaField line = { "box_location", SAPA_FIELD_TEXT, "Location", NULL, TRUE, NULL };
  const SapaField text = { "note", SAPA_FIELD_MULTILINE, "Note", NULL, FALSE, NULL };
  g_autofree char *long_line = g_strnfill (201, 'a');
  g_autofree char *long_text = g_strnfill (10001, 'a');
  const FieldCase line_cases[] = {
    { "  Terminal 3 ", "Terminal 3", 0 },
    { "Terminal\n3", NULL, SAPA_ERROR_INVALID },
    { long_line, NULL, SAPA_ERROR_TOO_LONG },
    { " ", NULL, SAPA_ERROR_REQUIRED },
  };
  const FieldCase text_cases[] = {
    { "line one\nline two", "line one\nline two", 0 },
    { "", "", 0 },
    { "\n  ", "", 0 },
    { long_text, NULL, SAPA_ERROR_TOO_LONG },
    { "bad \xff byte", NULL, SAPA_ERROR_INVALID },
  };

  check_cases (&line, line_cases, G_N_ELEMENTS (line_cases));
  check_cases (&text, text_cases, G_N_ELEMENTS (text_cases));
}

static void
test_field_phone (void)
{
  const SapaField field = { "phone", SAPA_FIELD_PHONE, "Phone", NULL, FALSE, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *e164 = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *empty_e164 = NULL;

  g_assert_true (sapa_field_validate (&field, " 0812-3456-7890 ", &clean, &e164, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (e164, ==, "+6281234567890");
  g_assert_cmpstr (clean, ==, "0812-3456-7890");

  g_assert_true (sapa_field_validate (&field, "", &empty, &empty_e164, &error));
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (empty_e164);

  g_assert_false (sapa_field_validate (&field, "0812 ABC", NULL, NULL, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
}

static void
test_field_name_email (void)
{
  const SapaField name = { "name", SAPA_FIELD_NAME, "Name", NULL, TRUE, NULL };
  const SapaField email = { "email", SAPA_FIELD_EMAIL, "Email", NULL, TRUE, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_email = NULL;

  g_assert_true (sapa_field_validate (&name, "  Siti   Rahayu ", &clean_name, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean_name, ==, "Siti Rahayu");

  g_assert_false (sapa_field_validate (&name, "", NULL, NULL, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_true (sapa_field_validate (&email, "siti@Example.CO.ID", &clean_email, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean_email, ==, "siti@example.co.id");

  g_assert_false (sapa_field_validate (&email, "siti at example", NULL, NULL, &error));
  g_assert_true (error != NULL && error->domain == SAPA_ERROR);
}

static void
test_script_greeting (void)
{
  const char *script = "{greeting}, Contact Center 172.";
  /* 2026-12-05 00:30 UTC is 07:30 WIB, 08:30 WITA, 09:30 WIT. */
  gint64 morning = G_GINT64_CONSTANT (1796430600) * G_USEC_PER_SEC;
  g_autofree char *wib = sapa_flow_fill_script (script, morning, "Asia/Jakarta");
  g_autofree char *evening = sapa_flow_fill_script (script, morning + G_GINT64_CONSTANT (11) * 3600 * G_USEC_PER_SEC,
                                                    "Asia/Jayapura");
  g_autofree char *plain = sapa_flow_fill_script ("No greeting here.", morning, "Asia/Jakarta");

  g_assert_cmpstr (wib, ==, "Good morning, Contact Center 172.");
  /* 11:30 UTC is 20:30 WIT. */
  g_assert_cmpstr (evening, ==, "Good evening, Contact Center 172.");
  g_assert_cmpstr (plain, ==, "No greeting here.");
}

/* A finished procedure leaves its ticket closed or with the PIC, never
 * open, so the done page and the ticket list agree that its case ended. */
static void
test_flow_ends_settled (void)
{
  guint n_flows;
  const SapaFlow **flows = sapa_flow_get_all (&n_flows);

  for (guint i = 0; i < n_flows; i++)
    for (const SapaStep *step = flows[i]->steps; step->id != NULL; step++)
      for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
        {
          if (branch->target != NULL)
            continue;
          g_assert_cmpstr (branch->status, !=, SAPA_STATUS_OPEN);
          g_assert_cmpstr (branch->status, !=, SAPA_STATUS_IN_SERVICE);
        }
}

/* Values read back and shown as the person hears them: labels, lists
 * with ", " and dates as the app writes them. */
static void
test_field_describe (void)
{
  const SapaStep *identity = sapa_flow_get_step (sapa_flow_lookup (SAPA_FLOW_SNS_PREBOOK), "identity");
  static const struct { const char *key; const char *value; const char *expected; } cases[] = {
    { "flight_date", "2026-12-05", "05/12/2026" },
    { "ssr", "WCHR,BLND,MAAS", "WCHR, BLND, MAAS" },
    { "ssr", "DEAF_BLND", "DEAF/BLND" },
    { "equipment", "wheelchair,ambulift", "Wheelchair, Ambulift" },
    { "consent", "yes", "Yes, the person agrees that health details or a child's details are recorded" },
    { "eta_day", "day_before", "On the day before the flight" },
    { "airport", "CGK", "CGK · Soekarno–Hatta" },
    { "departure_time", "10:00", "10:00" },
    { "companions", "", "—" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sapa_field_describe (sapa_step_get_field (identity, cases[i].key), cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The pre-booking read-back names everything the booking records. */
static void
test_prebook_readback (void)
{
  const SapaFlow *flow = sapa_flow_lookup (SAPA_FLOW_SNS_PREBOOK);
  const SapaStep *confirm = sapa_flow_get_step (flow, "confirm");
  const SapaStep *identity = sapa_flow_get_step (flow, "identity");

  for (const SapaField *field = identity->fields; field->key != NULL; field++)
    g_assert_true (g_strv_contains (confirm->readback, field->key));
  g_assert_true (g_strv_contains (confirm->readback, "purpose"));
}

/* Setting a procedure aside names what it waits for. */
static void
test_wait_message (void)
{
  const SapaFlow *flow = sapa_flow_lookup (SAPA_FLOW_EMAIL_SOCIAL);

  g_assert_cmpstr (sapa_step_describe_wait (sapa_flow_get_step (flow, "await_data")), ==,
                   "The ticket waits for the person's data. Continue it from Tickets when the data arrives.");
  g_assert_cmpstr (sapa_step_describe_wait (sapa_flow_get_step (flow, "await_pic")), ==,
                   "The ticket waits for the PIC's answer. Continue it from Tickets when the answer arrives.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/flow/all", test_flow_all);
  g_test_add_func ("/sapa/flow/consistency", test_flow_consistency);
  g_test_add_func ("/sapa/flow/shared-choices", test_flow_shared_choices);
  g_test_add_func ("/sapa/flow/field/flight", test_field_flight);
  g_test_add_func ("/sapa/flow/field/time", test_field_time);
  g_test_add_func ("/sapa/flow/field/date", test_field_date);
  g_test_add_func ("/sapa/flow/field/handle", test_field_handle);
  g_test_add_func ("/sapa/flow/script-greeting", test_script_greeting);
  g_test_add_func ("/sapa/flow/field/choice", test_field_choice);
  g_test_add_func ("/sapa/flow/field/airport", test_field_airport);
  g_test_add_func ("/sapa/flow/field/describe", test_field_describe);
  g_test_add_func ("/sapa/flow/ends-settled", test_flow_ends_settled);
  g_test_add_func ("/sapa/flow/prebook-readback", test_prebook_readback);
  g_test_add_func ("/sapa/flow/field/text", test_field_text);
  g_test_add_func ("/sapa/flow/field/phone", test_field_phone);
  g_test_add_func ("/sapa/flow/field/name-email", test_field_name_email);
  g_test_add_func ("/sapa/flow/wait-message", test_wait_message);

  return g_test_run ();
}
