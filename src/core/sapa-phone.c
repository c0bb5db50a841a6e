/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-phone.c: phone numbers as officers type them, normalised to E.164 */

#define G_LOG_DOMAIN "sapa-phone"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-phone.h"

/* ITU-T E.164 allows at most 15 digits in an international number. The
 * minimum of 8 for foreign numbers is Sapa's own choice to catch numbers
 * typed without their area code.
 * NOTE: a few small countries have shorter numbers, and those are rejected. */
#define INTERNATIONAL_MIN_DIGITS 8
#define INTERNATIONAL_MAX_DIGITS 15

/* Digits in the Indonesian national significant number (after +62 or the
 * trunk prefix 0), a range that covers landlines (area code and subscriber
 * number) and mobile numbers. */
#define INDONESIA_NSN_MIN_DIGITS 7
#define INDONESIA_NSN_MAX_DIGITS 12

/* Two-digit country codes assigned in ITU-T E.164. Codes 1 and 7 have one
 * digit, and every other code has three. */
static const char two_digit_country_codes[][3] = {
  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
  "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56",
  "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
  "86", "90", "91", "92", "93", "94", "95", "98",
};

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '.' || c == '(' || c == ')' ||
         g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION;
}

/* Appends the ASCII digit for any decimal digit (so digits typed on an
 * Arabic or other keyboard count too), or returns FALSE. */
static gboolean
append_digit (GString  *digits,
              gunichar  c)
{
  if (g_unichar_type (c) != G_UNICODE_DECIMAL_NUMBER)
    return FALSE;

  g_string_append_c (digits, '0' + g_unichar_digit_value (c));
  return TRUE;
}

static gboolean
reject_character (const char  *input,
                  gunichar     c,
                  GError     **error)
{
  char text[7] = { 0 };

  if (g_unichar_isalpha (c))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” has letters in it. Type only "
                     "digits, spaces, “+”, “-” or brackets."), input);
      return FALSE;
    }

  g_unichar_to_utf8 (c, text);
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The phone number “%s” has the character “%s”, which a phone "
                 "number cannot have. Type only digits, spaces, “+”, “-” or "
                 "brackets."), input, text);
  return FALSE;
}

/* Collects the digits of @input and whether it starts with '+'. */
static gboolean
collect_digits (const char  *input,
                GString     *digits,
                gboolean    *out_has_plus,
                GError     **error)
{
  gboolean has_plus = FALSE;

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (append_digit (digits, c) || is_separator (c))
        continue;

      if (c == '+' && !has_plus && digits->len == 0)
        {
          has_plus = TRUE;
          continue;
        }

      if (c == '+')
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("The phone number “%s” has a “+” that is not at the "
                         "start. Put “+” only once, before the country code."),
                       input);
          return FALSE;
        }

      return reject_character (input, c, error);
    }

  *out_has_plus = has_plus;
  return TRUE;
}

static char *
reject_too_short (const char  *input,
                  GError     **error)
{
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The phone number “%s” is too short. Type the whole number "
                 "with its area code or country code."), input);
  return NULL;
}

static char *
reject_too_long (const char  *input,
                 GError     **error)
{
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The phone number “%s” is too long. An international "
                 "number has at most 15 digits with its country code."),
               input);
  return NULL;
}

/* Checks the national significant number of an Indonesian number and
 * returns it in E.164, or NULL. */
static char *
normalize_indonesian (const char  *input,
                      const char  *nsn,
                      GError     **error)
{
  gsize length = strlen (nsn);

  if (nsn[0] == '0')
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” has a 0 after the country code "
                     "62. Leave out that 0, for example +62 812 3456 7890."),
                   input);
      return NULL;
    }

  if (length < INDONESIA_NSN_MIN_DIGITS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” is too short for an Indonesian "
                     "number. Type the whole number with its area code, for "
                     "example 021 5550 1234 or 0812 3456 7890."), input);
      return NULL;
    }

  if (length > INDONESIA_NSN_MAX_DIGITS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” is too long for an Indonesian "
                     "number. Check it for extra digits."), input);
      return NULL;
    }

  return g_strconcat ("+62", nsn, NULL);
}

/* Checks the digits after the international prefix ('+' or 00) and
 * returns them in E.164, or NULL. */
static char *
normalize_international (const char  *input,
                         const char  *digits,
                         GError     **error)
{
  gsize length = strlen (digits);

  if (digits[0] == '0')
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” has no country code, because "
                     "country codes never start with 0. Type “+” and the "
                     "country code, for example +62 or +65."), input);
      return NULL;
    }

  if (g_str_has_prefix (digits, "62"))
    return normalize_indonesian (input, digits + 2, error);

  if (length < INTERNATIONAL_MIN_DIGITS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The phone number “%s” is too short. An international "
                     "number has 8 to 15 digits with its country code."),
                   input);
      return NULL;
    }

  if (length > INTERNATIONAL_MAX_DIGITS)
    return reject_too_long (input, error);

  return g_strconcat ("+", digits, NULL);
}

/* Tells an Indonesian national number (0…), an international one (+…,
 * 00… or 62…) and one without any prefix apart, and checks it. */
static char *
normalize_digits (const char  *input,
                  const char  *digits,
                  gboolean     has_plus,
                  GError     **error)
{
  if (has_plus)
    return normalize_international (input, digits, error);

  if (g_str_has_prefix (digits, "00"))
    return normalize_international (input, digits + 2, error);

  if (digits[0] == '0')
    return normalize_indonesian (input, digits + 1, error);

  if (g_str_has_prefix (digits, "62"))
    return normalize_international (input, digits, error);

  /* Without a prefix the number is wrong either way, but a count far off
   * is the more useful thing to report. */
  if (strlen (digits) < INDONESIA_NSN_MIN_DIGITS)
    return reject_too_short (input, error);

  if (strlen (digits) > INTERNATIONAL_MAX_DIGITS)
    return reject_too_long (input, error);

  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The phone number “%s” has no area code or country code. "
                 "Start an Indonesian number with 0 (for example 0812…) and "
                 "a foreign one with “+” and the country code."), input);
  return NULL;
}

gboolean
sapa_phone_normalize (const char  *input,
                      char       **out_e164,
                      GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  gboolean has_plus = FALSE;
  char *e164;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out_e164 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The phone number is not valid text. Type it "
                             "again instead of pasting it."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (input));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                           _("The phone number is empty. Type it with its "
                             "area code or country code."));
      return FALSE;
    }

  if (!collect_digits (trimmed, digits, &has_plus, error))
    return FALSE;

  if (digits->len < 3)
    {
      reject_too_short (trimmed, error);
      return FALSE;
    }

  e164 = normalize_digits (trimmed, digits->str, has_plus, error);
  if (e164 == NULL)
    return FALSE;

  *out_e164 = e164;
  return TRUE;
}

static char *
copy_ascii_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  return g_string_free (digits, FALSE);
}

char *
sapa_phone_index_digits (const char *e164)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (e164 != NULL, NULL);

  digits = copy_ascii_digits (e164);
  if (g_str_has_prefix (digits, "62"))
    return g_strdup_printf ("%s 0%s", digits, digits + 2);

  return g_steal_pointer (&digits);
}

char *
sapa_phone_query_digits (const char *fragment)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  g_return_val_if_fail (fragment != NULL, NULL);

  if (!g_utf8_validate (fragment, -1, NULL))
    return NULL;

  for (const char *p = fragment; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        return NULL;

      append_digit (digits, c);
    }

  if (digits->len < 3)
    return NULL;

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static guint
country_code_length (const char *digits)
{
  if (digits[0] == '1' || digits[0] == '7')
    return 1;

  for (guint i = 0; i < G_N_ELEMENTS (two_digit_country_codes); i++)
    {
      if (strncmp (digits, two_digit_country_codes[i], 2) == 0)
        return 2;
    }

  return 3;
}

/* Appends @digits in groups of the given sizes, and the last group takes
 * the rest. The first separator is @first_separator and the others '-'. */
static void
append_groups (GString     *out,
               const char  *digits,
               const guint *sizes,
               guint        n_sizes,
               char         first_separator)
{
  gsize length = strlen (digits);
  gsize start = 0;

  for (guint i = 0; i < n_sizes && start < length; i++)
    {
      gsize size = (i + 1 == n_sizes) ? length - start : MIN (sizes[i], length - start);

      if (i > 0)
        g_string_append_c (out, i == 1 ? first_separator : '-');
      g_string_append_len (out, digits + start, size);
      start += size;
    }
}

/* Groups an Indonesian national significant number for display: mobile
 * (8xx) numbers as 812-3456-7890 or 811-1234-567, landlines as area code
 * and subscriber number (21 5550-1234).
 * Jakarta, Bandung, Semarang, Surabaya and Medan have two-digit area codes
 * (21, 22, 24, 31, 61); the other areas three. */
static void
append_indonesian_nsn (GString    *out,
                       const char *nsn)
{
  gsize length = strlen (nsn);

  if (nsn[0] == '8')
    {
      guint sizes[] = { 3, length - 3 <= 6 ? 3 : 4, 0 };

      append_groups (out, nsn, sizes, G_N_ELEMENTS (sizes), '-');
    }
  else
    {
      gboolean short_area = strncmp (nsn, "21", 2) == 0 ||
                            strncmp (nsn, "22", 2) == 0 ||
                            strncmp (nsn, "24", 2) == 0 ||
                            strncmp (nsn, "31", 2) == 0 ||
                            strncmp (nsn, "61", 2) == 0;
      guint area = short_area ? 2 : 3;
      gsize subscriber = length - area;
      guint sizes[] = { area, subscriber >= 7 ? subscriber - 4 : subscriber, 0 };

      append_groups (out, nsn, sizes, G_N_ELEMENTS (sizes), ' ');
    }
}

char *
sapa_phone_format (const char *e164)
{
  g_autofree char *digits = NULL;
  GString *out;
  guint cc_length;

  g_return_val_if_fail (e164 != NULL, NULL);

  digits = copy_ascii_digits (e164);
  if (e164[0] != '+' || strlen (digits) < INTERNATIONAL_MIN_DIGITS)
    return g_strdup (e164);

  out = g_string_new ("+");
  cc_length = country_code_length (digits);
  g_string_append_len (out, digits, cc_length);
  g_string_append_c (out, ' ');

  if (g_str_has_prefix (digits, "62"))
    append_indonesian_nsn (out, digits + cc_length);
  else
    g_string_append (out, digits + cc_length);

  return g_string_free (out, FALSE);
}
