/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-phone.c: normalisation, search digits and display of phone numbers */

#include <string.h>

#include "sapa-error.h"
#include "sapa-phone.h"

typedef struct {
  const char *input;
  const char *e164;
} NormalizeCase;

static const NormalizeCase accepted[] = {
  { "0812-3456-7890", "+6281234567890" },
  { "+62 812 3456 7890", "+6281234567890" },
  { "62812 3456 7890", "+6281234567890" },
  { "0062 812 3456 7890", "+6281234567890" },
  { "(021) 5550 1234", "+622155501234" },
  { "+62 811 1234 567", "+628111234567" },
  { "0812.3456.7890", "+6281234567890" },
  { "  0812 3456 7890  ", "+6281234567890" },
  { "+62 (21) 555-01234", "+622155501234" },
  { "0361 123456", "+62361123456" },
  { "0812–3456–7890", "+6281234567890" },               /* en dashes */
  { "0812\u00a03456\u00a07890", "+6281234567890" },     /* no-break spaces */
  { "٠٨١٢٣٤٥٦٧٨٩٠", "+6281234567890" },                /* Arabic-Indic digits */
  { "+65 6123 4567", "+6561234567" },
  { "0065 6123 4567", "+6561234567" },
  { "+61 2 9876 5432", "+61298765432" },
  { "+1 (212) 555-0123", "+12125550123" },
  { "+86 138 0013 8000", "+8613800138000" },
  { "+123 456 789 012 345", "+123456789012345" },      /* 15 digits */
};

typedef struct {
  const char *input;
  int         code;
} RejectCase;

static const RejectCase rejected[] = {
  { "0812-ABCD-7890", SAPA_ERROR_INVALID },
  { "call 0812 3456 7890", SAPA_ERROR_INVALID },
  { "123", SAPA_ERROR_INVALID },
  { "12", SAPA_ERROR_INVALID },
  { "12345678901234567890", SAPA_ERROR_INVALID },
  { "+12345678901234567890", SAPA_ERROR_INVALID },
  { "+1234567890123456", SAPA_ERROR_INVALID },         /* 16 digits */
  { "+65 612", SAPA_ERROR_INVALID },
  { "", SAPA_ERROR_REQUIRED },
  { "   ", SAPA_ERROR_REQUIRED },
  { "+0", SAPA_ERROR_INVALID },
  { "+0 812 3456 7890", SAPA_ERROR_INVALID },
  { "+62 0812 3456 7890", SAPA_ERROR_INVALID },
  { "021 555", SAPA_ERROR_INVALID },                   /* 5-digit NSN */
  { "0812 3456 7890 1234", SAPA_ERROR_INVALID },       /* 15-digit NSN */
  { "812 3456 7890", SAPA_ERROR_INVALID },             /* no prefix */
  { "0812 + 3456", SAPA_ERROR_INVALID },
  { "0812#3456#7890", SAPA_ERROR_INVALID },
  { "0812/3456/7890", SAPA_ERROR_INVALID },
  { "()-", SAPA_ERROR_INVALID },
};

static void
test_phone_normalize_accepted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;
      gboolean ok;

      g_test_message ("input: %s", accepted[i].input);
      ok = sapa_phone_normalize (accepted[i].input, &e164, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (e164, ==, accepted[i].e164);
    }
}

static void
test_phone_normalize_rejected (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;
      char *e164 = NULL;
      gboolean ok;

      g_test_message ("input: “%s”", rejected[i].input);
      ok = sapa_phone_normalize (rejected[i].input, &e164, &error);
      g_assert_false (ok);
      g_assert_null (e164);
      g_assert_error (error, SAPA_ERROR, rejected[i].code);
    }
}

static void
test_phone_message_names_value (void)
{
  g_autoptr(GError) error = NULL;
  char *e164 = NULL;

  g_assert_false (sapa_phone_normalize ("0812-ABCD-7890", &e164, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0812-ABCD-7890"));
}

static void
test_phone_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  char *e164 = NULL;

  g_assert_false (sapa_phone_normalize ("0812\xff" "34567890", &e164, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (e164);
}

static void
test_phone_index_digits (void)
{
  g_autofree char *mobile = sapa_phone_index_digits ("+6281234567890");
  g_autofree char *landline = sapa_phone_index_digits ("+622155501234");
  g_autofree char *singapore = sapa_phone_index_digits ("+6561234567");

  g_assert_cmpstr (mobile, ==, "6281234567890 081234567890");
  g_assert_cmpstr (landline, ==, "622155501234 02155501234");
  g_assert_cmpstr (singapore, ==, "6561234567");
}

static void
test_phone_query_digits (void)
{
  static const struct {
    const char *fragment;
    const char *digits;
  } cases[] = {
    { "1234-567", "1234567" },
    { "+62 812", "62812" },
    { "0812", "0812" },
    { "(021) 555", "021555" },
    { "123", "123" },
    { "12", NULL },
    { "", NULL },
    { "+6", NULL },
    { "0812 abc", NULL },
    { "Budi", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digits = sapa_phone_query_digits (cases[i].fragment);

      g_test_message ("fragment: “%s”", cases[i].fragment);
      g_assert_cmpstr (digits, ==, cases[i].digits);
    }
}

static void
test_phone_query_matches_index (void)
{
  g_autofree char *index = sapa_phone_index_digits ("+6281234567890");
  const char *fragments[] = { "0812-3456", "+62 812 3456", "3456 7890", "081234567890" };

  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    {
      g_autofree char *digits = sapa_phone_query_digits (fragments[i]);

      g_test_message ("fragment: “%s”", fragments[i]);
      g_assert_nonnull (digits);
      g_assert_nonnull (strstr (index, digits));
    }
}

static void
test_phone_format (void)
{
  static const struct {
    const char *e164;
    const char *display;
  } cases[] = {
    { "+6281234567890", "+62 812-3456-7890" },
    { "+628111234567", "+62 811-1234-567" },
    { "+62812345678901", "+62 812-3456-78901" },
    { "+62812345678", "+62 812-345-678" },
    { "+622155501234", "+62 21 5550-1234" },
    { "+62361123456", "+62 361 123456" },
    { "+62274512345", "+62 274 512345" },
    { "+622745123456", "+62 274 512-3456" },
    { "+6561234567", "+65 61234567" },
    { "+12125550123", "+1 2125550123" },
    { "+85212345678", "+852 12345678" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = sapa_phone_format (cases[i].e164);

      g_assert_cmpstr (display, ==, cases[i].display);
    }
}

static void
test_phone_format_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *display = sapa_phone_format (accepted[i].e164);
      g_autofree char *again = NULL;

      g_assert_true (sapa_phone_normalize (display, &again, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, accepted[i].e164);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/phone/normalize/accepted", test_phone_normalize_accepted);
  g_test_add_func ("/sapa/phone/normalize/rejected", test_phone_normalize_rejected);
  g_test_add_func ("/sapa/phone/normalize/message-names-value", test_phone_message_names_value);
  g_test_add_func ("/sapa/phone/normalize/invalid-utf8", test_phone_invalid_utf8);
  g_test_add_func ("/sapa/phone/index-digits", test_phone_index_digits);
  g_test_add_func ("/sapa/phone/query-digits", test_phone_query_digits);
  g_test_add_func ("/sapa/phone/query-matches-index", test_phone_query_matches_index);
  g_test_add_func ("/sapa/phone/format", test_phone_format);
  g_test_add_func ("/sapa/phone/format-round-trip", test_phone_format_round_trip);

  return g_test_run ();
}
