/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-number.c: formatting, parsing and counter keys of report numbers */

#include "sapa-error.h"
#include "sapa-report-number.h"

static void
assert_format (const char *airport,
               guint       workstation,
               const char *date_code,
               guint64     counter,
               const char *expected)
{
  g_autofree char *number = sapa_report_number_format (airport, workstation, date_code, counter);

  g_assert_cmpstr (number, ==, expected);
}

static void
test_format (void)
{
  assert_format ("CGK", 7, "261204", 42, "CGK-07-261204-0042");
  assert_format ("CGK", 7, "261204", 1, "CGK-07-261204-0001");
  assert_format ("DPS", 1, "260101", 9999, "DPS-01-260101-9999");
  assert_format ("KNO", 99, "261231", 123, "KNO-99-261231-0123");
}

static void
test_format_widens (void)
{
  /* Past 9999 the counter grows a digit instead of wrapping to 0000. */
  assert_format ("CGK", 7, "261204", 10000, "CGK-07-261204-10000");
  assert_format ("CGK", 7, "261204", 123456, "CGK-07-261204-123456");
  assert_format ("CGK", 7, "261204", G_GUINT64_CONSTANT (9999999999), "CGK-07-261204-9999999999");
}

static void
test_format_widened_normalizes (void)
{
  g_autofree char *number = sapa_report_number_format ("CGK", 7, "261204", 10000);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  again = sapa_report_number_normalize (number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, number);
}

static void
assert_normalizes (const char *input,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = sapa_report_number_normalize (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, expected);
}

static void
test_normalize_writings (void)
{
  const char *canonical = "CGK-07-261204-0042";

  assert_normalizes ("CGK-07-261204-0042", canonical);
  assert_normalizes ("cgk-07-261204-0042", canonical);
  assert_normalizes ("Cgk-07-261204-0042", canonical);
  assert_normalizes ("CGK 07 261204 0042", canonical);
  assert_normalizes ("cgk 07 261204 0042", canonical);
  assert_normalizes ("  CGK  -  07 - 261204 -0042  ", canonical);
  assert_normalizes ("CGK.07.261204.0042", canonical);
  assert_normalizes ("cgk/07/261204/0042", canonical);
  assert_normalizes ("CGK072612040042", canonical);
  assert_normalizes ("cgk072612040042", canonical);
  assert_normalizes ("CGK-07-261204-10000", "CGK-07-261204-10000");
  assert_normalizes ("CGK0726120410000", "CGK-07-261204-10000");
}

static void
test_normalize_rejects_invalid (void)
{
  static const char * const inputs[] = {
    "",
    "   ",
    "-",
    "CGK",
    "CGK-07-261204",
    "cgk 07 261204 42",          /* the counter needs its four digits */
    "CGK-07-261204-042",
    "CGK-07-261204-0042-1",
    "CG-07-261204-0042",
    "CGKX-07-261204-0042",
    "1GK-07-261204-0042",
    "CGK-7-261204-0042",
    "CGK-007-261204-0042",
    "CGK-0A-261204-0042",
    "CGK-07-26124-0042",
    "CGK-07-2612041-0042",
    "CGK-07-26I204-0042",
    "CGK-07-261204-00A2",
    "CGK-07-261204-12345678901",  /* over ten counter digits */
    "CGK07261204004",            /* fourteen characters, counter too short */
    "ÇGK-07-261204-0042",
    "CGK-００-261204-0042",
    "CGK-00-261204-0042",        /* workstations are 01 to 99 */
    "CGK-07-261304-0042",        /* month 13 */
    "CGK-07-260230-0042",        /* 30 February */
    "CGK-07-261204-0000",        /* counters start at 1 */
    "'; DROP TABLE tickets; --",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *number = sapa_report_number_normalize (inputs[i], &error);

      g_test_message ("input: “%s”", inputs[i]);
      g_assert_null (number);
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
    }
}

static void
test_normalize_without_error (void)
{
  g_autofree char *number = sapa_report_number_normalize ("not a number", NULL);

  g_assert_null (number);
}

static void
test_counter_key (void)
{
  g_autofree char *key = sapa_report_number_counter_key ("CGK", 7, "261204");
  g_autofree char *same = sapa_report_number_counter_key ("CGK", 7, "261204");
  g_autofree char *other_workstation = sapa_report_number_counter_key ("CGK", 8, "261204");
  g_autofree char *other_airport = sapa_report_number_counter_key ("DPS", 7, "261204");
  g_autofree char *other_date = sapa_report_number_counter_key ("CGK", 7, "261205");
  g_autofree char *two_digits = sapa_report_number_counter_key ("CGK", 17, "261204");

  g_assert_cmpstr (key, ==, "report/CGK/07/261204");
  g_assert_cmpstr (same, ==, key);
  g_assert_cmpstr (two_digits, ==, "report/CGK/17/261204");
  g_assert_cmpstr (other_workstation, !=, key);
  g_assert_cmpstr (other_airport, !=, key);
  g_assert_cmpstr (other_date, !=, key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/report-number/format", test_format);
  g_test_add_func ("/sapa/report-number/format-widens", test_format_widens);
  g_test_add_func ("/sapa/report-number/format-widened-normalizes", test_format_widened_normalizes);
  g_test_add_func ("/sapa/report-number/normalize-writings", test_normalize_writings);
  g_test_add_func ("/sapa/report-number/normalize-rejects-invalid", test_normalize_rejects_invalid);
  g_test_add_func ("/sapa/report-number/normalize-without-error", test_normalize_without_error);
  g_test_add_func ("/sapa/report-number/counter-key", test_counter_key);

  return g_test_run ();
}
