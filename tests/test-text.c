/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: validation of names, free text and email, and search folding */

#include <string.h>

#include "sapa-error.h"
#include "sapa-text.h"

static char *
repeat (const char *unit,
        guint       count)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

static void
test_name_accepted (void)
{
  static const struct {
    const char *input;
    const char *clean;
  } cases[] = {
    { "Andreas Ma’ruf", "Andreas Ma’ruf" },
    { "Ma'ruf", "Ma'ruf" },
    { "Sri Wahyuni", "Sri Wahyuni" },
    { "Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai" },
    { "Ṣāliḥ", "Ṣāliḥ" },
    { "محمد عبد الله", "محمد عبد الله" },
    { "王小明", "王小明" },
    { "Jean-Luc O’Neil Jr.", "Jean-Luc O’Neil Jr." },
    { "Soekarno", "Soekarno" },
    { "  Sri   Wahyuni  ", "Sri Wahyuni" },
    { "Sri\u3000Wahyuni", "Sri Wahyuni" },       /* ideographic space */
    { "Sri\u00a0\u00a0Wahyuni", "Sri Wahyuni" }, /* no-break spaces */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clean = NULL;

      g_test_message ("name: “%s”", cases[i].input);
      g_assert_true (sapa_name_validate (cases[i].input, &clean, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

static void
test_name_rejected (void)
{
  static const struct {
    const char *input;
    int         code;
  } cases[] = {
    { "", SAPA_ERROR_REQUIRED },
    { "   ", SAPA_ERROR_REQUIRED },
    { "\u3000", SAPA_ERROR_REQUIRED },
    { "Sri\tWahyuni", SAPA_ERROR_INVALID },
    { "Sri\nWahyuni", SAPA_ERROR_INVALID },
    { "Sri\x01Wahyuni", SAPA_ERROR_INVALID },
    { "Sri\x7fWahyuni", SAPA_ERROR_INVALID },
    { "Sri\xc2\x85Wahyuni", SAPA_ERROR_INVALID },    /* U+0085 next line, a C1 control */
    { "Sri\u2028Wahyuni", SAPA_ERROR_INVALID },      /* line separator */
    { "Sri \xc3\x28", SAPA_ERROR_INVALID },          /* invalid UTF-8 */
    { "\xff", SAPA_ERROR_INVALID },
    { "12345", SAPA_ERROR_INVALID },
    { "- . '", SAPA_ERROR_INVALID },
    { "😀", SAPA_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *clean = NULL;

      g_test_message ("case %u", i);
      g_assert_false (sapa_name_validate (cases[i].input, &clean, &error));
      g_assert_error (error, SAPA_ERROR, cases[i].code);
      g_assert_null (clean);
    }
}

static void
test_name_length_limit (void)
{
  g_autofree char *at_limit = repeat ("é", SAPA_NAME_MAX_CHARS);
  g_autofree char *over_limit = repeat ("é", SAPA_NAME_MAX_CHARS + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  char *rejected = NULL;

  g_assert_cmpint (SAPA_NAME_MAX_CHARS, ==, 150);

  g_assert_true (sapa_name_validate (at_limit, &clean, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, at_limit);

  g_assert_false (sapa_name_validate (over_limit, &rejected, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG);
  g_assert_null (rejected);
}

static void
test_name_length_after_spaces (void)
{
  g_autofree char *letters = repeat ("a", SAPA_NAME_MAX_CHARS);
  g_autofree char *padded = g_strconcat ("   ", letters, "   ", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;

  g_assert_true (sapa_name_validate (padded, &clean, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, letters);
}

static void
test_name_message_names_value (void)
{
  g_autoptr(GError) error = NULL;
  char *clean = NULL;

  g_assert_false (sapa_name_validate ("12345", &clean, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "12345"));
}

static void
test_text_keeps_emoji (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;

  g_assert_true (sapa_text_validate ("  Terima kasih 🙏👍🏽  ", "Komentar",
                                     SAPA_LINE_MAX_CHARS, TRUE, FALSE,
                                     &clean, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, "Terima kasih 🙏👍🏽");
}

static void
test_text_multiline (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  char *rejected = NULL;

  g_assert_true (sapa_text_validate ("Baris satu\r\nBaris dua\n\tTiga\rEmpat\n\n",
                                     "Keluhan", SAPA_TEXT_MAX_CHARS, TRUE, TRUE,
                                     &clean, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, "Baris satu\nBaris dua\n\tTiga\nEmpat");

  g_assert_false (sapa_text_validate ("Bel\x07", "Keluhan", SAPA_TEXT_MAX_CHARS,
                                      TRUE, TRUE, &rejected, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (rejected);
}

static void
test_text_single_line_rejects_breaks (void)
{
  const char *inputs[] = { "Satu\nDua", "Satu\tDua", "Satu\r\nDua", "Satu\u2029Dua" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      char *clean = NULL;

      g_test_message ("case %u", i);
      g_assert_false (sapa_text_validate (inputs[i], "Nomor penerbangan",
                                          SAPA_LINE_MAX_CHARS, TRUE, FALSE,
                                          &clean, &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      g_assert_null (clean);
      g_assert_nonnull (strstr (error->message, "Nomor penerbangan"));
    }
}

static void
test_text_required_and_optional (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *optional = NULL;
  char *required = NULL;

  g_assert_false (sapa_text_validate (" \n ", "Keluhan", SAPA_TEXT_MAX_CHARS,
                                      TRUE, TRUE, &required, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED);
  g_assert_null (required);
  g_clear_error (&error);

  g_assert_true (sapa_text_validate ("   ", "Catatan", SAPA_LINE_MAX_CHARS,
                                     FALSE, FALSE, &optional, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (optional, ==, "");
}

static void
test_text_limit_in_characters (void)
{
  g_autofree char *at_limit = repeat ("🙏", 10);
  g_autofree char *over_limit = repeat ("🙏", 11);
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  char *rejected = NULL;

  g_assert_true (sapa_text_validate (at_limit, "Catatan", 10, TRUE, FALSE,
                                     &clean, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, at_limit);

  g_assert_false (sapa_text_validate (over_limit, "Catatan", 10, TRUE, FALSE,
                                      &rejected, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG);
  g_assert_null (rejected);
}

static void
test_text_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  char *clean = NULL;

  g_assert_false (sapa_text_validate ("abc\xe2\x82", "Catatan", 100, TRUE, TRUE,
                                      &clean, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (clean);
}

static void
test_email_accepted (void)
{
  static const struct {
    const char *input;
    const char *clean;
  } cases[] = {
    { "budi@example.com", "budi@example.com" },
    { "Budi.Santoso@Example.CO.ID", "Budi.Santoso@example.co.id" },
    { "  sri+tiket@garuda-indonesia.com ", "sri+tiket@garuda-indonesia.com" },
    { "o'neil@mail.example.org", "o'neil@mail.example.org" },
    { "budi@example.com\r\n", "budi@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clean = NULL;

      g_test_message ("email: “%s”", cases[i].input);
      g_assert_true (sapa_email_validate (cases[i].input, &clean, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

static void
test_email_rejected (void)
{
  static const struct {
    const char *input;
    int         code;
  } cases[] = {
    { "", SAPA_ERROR_REQUIRED },
    { "  ", SAPA_ERROR_REQUIRED },
    { "budi", SAPA_ERROR_INVALID },
    { "budi@example", SAPA_ERROR_INVALID },
    { "budi @example.com", SAPA_ERROR_INVALID },
    { "budi@exam ple.com", SAPA_ERROR_INVALID },
    { "budi@@example.com", SAPA_ERROR_INVALID },
    { "bu@di@example.com", SAPA_ERROR_INVALID },
    { "@example.com", SAPA_ERROR_INVALID },
    { "budi@", SAPA_ERROR_INVALID },
    { "budi@.com", SAPA_ERROR_INVALID },
    { "budi@example..com", SAPA_ERROR_INVALID },
    { "budi@example.com.", SAPA_ERROR_INVALID },
    { "budi@-example.com", SAPA_ERROR_INVALID },
    { "budi@exa_mple.com", SAPA_ERROR_INVALID },
    { ".budi@example.com", SAPA_ERROR_INVALID },
    { "bu..di@example.com", SAPA_ERROR_INVALID },
    { "budi<x>@example.com", SAPA_ERROR_INVALID },
    { "bu\x01" "di@example.com", SAPA_ERROR_INVALID },
    { "budi\xff@example.com", SAPA_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);
      char *clean = NULL;

      g_test_message ("email: “%s”", escaped);
      g_assert_false (sapa_email_validate (cases[i].input, &clean, &error));
      g_assert_error (error, SAPA_ERROR, cases[i].code);
      g_assert_null (clean);
    }
}

static void
test_email_length_limit (void)
{
  g_autofree char *local = repeat ("a", 64);
  g_autofree char *label = repeat ("b", 63);
  g_autofree char *last = repeat ("c", 61);
  g_autofree char *at_limit = g_strdup_printf ("%s@%s.%s.%s", local, label, label, last);
  g_autofree char *over_limit = g_strdup_printf ("%s@%s.%s.%sc", local, label, label, last);
  g_autofree char *long_local = g_strdup_printf ("%sa@example.com", local);
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  char *rejected = NULL;

  g_assert_cmpint (strlen (at_limit), ==, 254);
  g_assert_true (sapa_email_validate (at_limit, &clean, &error));
  g_assert_no_error (error);

  g_assert_false (sapa_email_validate (over_limit, &rejected, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG);
  g_assert_null (rejected);
  g_clear_error (&error);

  g_assert_false (sapa_email_validate (long_local, &rejected, &error));
  g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
  g_assert_null (rejected);
}

static void
test_fold (void)
{
  static const struct {
    const char *text;
    const char *folded;
  } cases[] = {
    { "Andreas Ma’ruf", "andreas maruf" },
    { "andreas ma'ruf", "andreas maruf" },
    { "ANDREAS MAʼRUF", "andreas maruf" },
    { "Andreas Ma‘ruf", "andreas maruf" },
    { "Andreas Ma`ruf", "andreas maruf" },
    { "Andreas Ma´ruf", "andreas maruf" },
    { "Ṣāliḥ", "salih" },
    { "Nguyễn Thị Minh Khai", "nguyen thi minh khai" },
    { "  Sri \t  Wahyuni\n", "sri wahyuni" },
    { "ＳＲＩ", "sri" },
    { "Straße", "strasse" },
    { "İstanbul", "istanbul" },
    { "王小明", "王小明" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = sapa_text_fold (cases[i].text);

      g_test_message ("text: “%s”", cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = sapa_text_fold ("Budi\xff");

  g_assert_nonnull (folded);
  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "budi"));
}

/* Bidirectional overrides would show stored text in another order than
 * it was typed ("terbalik" displayed as "kilabret"). */
static void
test_text_rejects_bidi_override (void)
{
  static const char * const inputs[] = {
    "Tarif \u202eterbalik\u202c parkir",
    "\u202dPanjang",
    "Nama \u202aLRE",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clean = NULL;

      g_assert_false (sapa_text_validate (inputs[i], "Maksud", SAPA_TEXT_MAX_CHARS, TRUE, TRUE,
                                          &clean, &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
      g_assert_null (clean);
      g_clear_error (&error);

      g_assert_false (sapa_name_validate (inputs[i], &clean, &error));
      g_assert_error (error, SAPA_ERROR, SAPA_ERROR_INVALID);
    }
}

static void
test_text_for_display (void)
{
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *display = NULL;
  g_autofree char *short_text = sapa_text_for_display ("Di mana musala?", 100);
  g_autofree char *cut = sapa_text_for_display ("abcdef ghij", 5);

  g_assert_cmpstr (short_text, ==, "Di mana musala?");
  g_assert_cmpstr (cut, ==, "abcde…");

  for (int i = 0; i < 10000; i++)
    g_string_append_c (word, 'x');
  display = sapa_text_for_display (word->str, 20000);
  /* 10,000 letters, and a break opportunity after every 40 of them. */
  g_assert_cmpuint (g_utf8_strlen (display, -1), ==, 10000 + 10000 / 40 - 1);
  g_assert_nonnull (strstr (display, "\u200b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sapa/text/name/accepted", test_name_accepted);
  g_test_add_func ("/sapa/text/name/rejected", test_name_rejected);
  g_test_add_func ("/sapa/text/name/length-limit", test_name_length_limit);
  g_test_add_func ("/sapa/text/name/length-after-spaces", test_name_length_after_spaces);
  g_test_add_func ("/sapa/text/name/message-names-value", test_name_message_names_value);
  g_test_add_func ("/sapa/text/validate/keeps-emoji", test_text_keeps_emoji);
  g_test_add_func ("/sapa/text/validate/multiline", test_text_multiline);
  g_test_add_func ("/sapa/text/validate/single-line", test_text_single_line_rejects_breaks);
  g_test_add_func ("/sapa/text/validate/required", test_text_required_and_optional);
  g_test_add_func ("/sapa/text/validate/limit-in-characters", test_text_limit_in_characters);
  g_test_add_func ("/sapa/text/validate/invalid-utf8", test_text_invalid_utf8);
  g_test_add_func ("/sapa/text/email/accepted", test_email_accepted);
  g_test_add_func ("/sapa/text/email/rejected", test_email_rejected);
  g_test_add_func ("/sapa/text/email/length-limit", test_email_length_limit);
  g_test_add_func ("/sapa/text/validate/bidi-override", test_text_rejects_bidi_override);
  g_test_add_func ("/sapa/text/for-display", test_text_for_display);
  g_test_add_func ("/sapa/text/fold", test_fold);
  g_test_add_func ("/sapa/text/fold/invalid-utf8", test_fold_invalid_utf8);

  return g_test_run ();
}
