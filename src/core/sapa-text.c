/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-text.c: validation and search folding of free text and names */

#define G_LOG_DOMAIN "sapa-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-text.h"

/* Limits from SMTP (RFC 5321): a local part has at most 64 octets, and a
 * path of 256 octets with its angle brackets leaves 254 for the address. */
#define EMAIL_MAX_CHARS        254
#define EMAIL_LOCAL_MAX_OCTETS  64
#define DOMAIN_LABEL_MAX_CHARS  63

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC ||
         c == '`' || c == 0x00B4;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* Copies @text with the white space at both ends removed and every inner
 * run of white space (any Unicode space, and line breaks unless
 * @keep_line_breaks) replaced by one space. */
static char *
squeeze_spaces (const char *text,
                gboolean    keep_line_breaks)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) && !(keep_line_breaks && (c == '\n' || c == '\t')))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Copies @text without white space (any Unicode space) at its ends. */
static char *
trim_spaces (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }

  return g_strndup (start, end - start);
}

/* Returns the first control character, Unicode line or paragraph
 * separator or bidirectional override of @text, or 0. With @allow_line_breaks, line feeds, carriage
 * returns, tabs and the Unicode separators do not count. */
static gunichar
find_control (const char *text,
              gboolean    allow_line_breaks)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      GUnicodeType type = g_unichar_type (c);

      if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t' ||
                                type == G_UNICODE_LINE_SEPARATOR ||
                                type == G_UNICODE_PARAGRAPH_SEPARATOR))
        continue;

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return c;

      /* Bidirectional embeddings and overrides (U+202A to U+202E) make
       * stored text display in another order than it was typed. */
      if (c >= 0x202A && c <= 0x202E)
        return c;
    }

  return 0;
}

gboolean
sapa_text_has_control (const char *text,
                       gboolean    allow_line_breaks)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return find_control (text, allow_line_breaks) != 0;
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

gboolean
sapa_name_validate (const char  *input,
                    char       **out_clean,
                    GError     **error)
{
  g_autofree char *clean = NULL;
  glong length;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out_clean != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The name is not valid text. Type it again "
                             "instead of pasting it."));
      return FALSE;
    }

  if (find_control (input, FALSE) != 0)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The name has a tab, line break or other control "
                             "character. Type the name on one line without "
                             "them."));
      return FALSE;
    }

  clean = squeeze_spaces (input, FALSE);
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                           _("The name is empty. Type the person’s name."));
      return FALSE;
    }

  length = g_utf8_strlen (clean, -1);
  if (length > SAPA_NAME_MAX_CHARS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG,
                   _("The name has %ld characters, but the maximum is %d. "
                     "Shorten it, for example by leaving out titles."),
                   length, SAPA_NAME_MAX_CHARS);
      return FALSE;
    }

  if (!has_letter (clean))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The name “%s” has no letters. Type the person’s name in "
                     "letters."), clean);
      return FALSE;
    }

  *out_clean = g_steal_pointer (&clean);
  return TRUE;
}

/* Copies @text with Windows (CR LF) and old Mac (CR) line ends turned into
 * LF, so a pasted text is stored the same whatever system it came from. */
static char *
unify_line_ends (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
check_text_characters (const char  *input,
                       const char  *label,
                       gboolean     multiline,
                       GError     **error)
{
  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” is not valid text. Type it again instead of "
                     "pasting it."), label);
      return FALSE;
    }

  if (multiline && find_control (input, TRUE) != 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” has a control character. Type the text again "
                     "instead of pasting it."), label);
      return FALSE;
    }

  if (!multiline && find_control (input, FALSE) != 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” has a line break, tab or other control character. "
                     "Type it on one line."), label);
      return FALSE;
    }

  return TRUE;
}

gboolean
sapa_text_validate (const char  *input,
                    const char  *label,
                    guint        max_chars,
                    gboolean     required,
                    gboolean     multiline,
                    char       **out_clean,
                    GError     **error)
{
  g_autofree char *unified = NULL;
  g_autofree char *clean = NULL;
  glong length;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (max_chars > 0, FALSE);
  g_return_val_if_fail (out_clean != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_text_characters (input, label, multiline, error))
    return FALSE;

  unified = unify_line_ends (input);
  clean = trim_spaces (unified);

  if (clean[0] == '\0' && required)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                   _("“%s” is empty. Fill it in to continue."), label);
      return FALSE;
    }

  length = g_utf8_strlen (clean, -1);
  if (length > max_chars)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG,
                   _("“%s” has %ld characters, but the maximum is %u. "
                     "Shorten it."), label, length, max_chars);
      return FALSE;
    }

  *out_clean = g_steal_pointer (&clean);
  return TRUE;
}

/* Checks one dot-separated label of a domain name: 1 to 63 characters,
 * letters (of any script, for internationalised domains), digits and
 * hyphens, with no hyphen at either end. */
static gboolean
is_domain_label (const char *label)
{
  gsize length = g_utf8_strlen (label, -1);

  if (length == 0 || length > DOMAIN_LABEL_MAX_CHARS)
    return FALSE;

  if (label[0] == '-' || g_str_has_suffix (label, "-"))
    return FALSE;

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && !is_mark (c) && c != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_domain (const char *domain)
{
  g_auto(GStrv) labels = NULL;

  if (strchr (domain, '.') == NULL)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (!is_domain_label (labels[i]))
        return FALSE;
    }

  return TRUE;
}

/* Checks the part before '@'. Quoted local parts ("a b"@example.com) are
 * valid in RFC 5321 but rejected here on purpose, and so are the characters
 * that only a quoted local part may contain. */
static gboolean
is_local_part (const char *local)
{
  if (local[0] == '\0' || strlen (local) > EMAIL_LOCAL_MAX_OCTETS)
    return FALSE;

  if (local[0] == '.' || g_str_has_suffix (local, ".") ||
      strstr (local, "..") != NULL)
    return FALSE;

  for (const char *p = local; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || (c < 0x80 && strchr ("\"(),:;<>[\\]", c) != NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* Checks the trimmed, non-empty address @clean; returns the error message
 * or NULL. */
static char *
check_email (const char *clean)
{
  const char *at = strrchr (clean, '@');
  g_autofree char *local = NULL;

  if (has_space (clean))
    return g_strdup_printf (_("The email address “%s” has a space in it. "
                              "Remove the spaces."), clean);

  if (at == NULL || strchr (clean, '@') != at)
    return g_strdup_printf (_("The email address “%s” must have exactly one "
                              "“@”, as in name@example.com."), clean);

  local = g_strndup (clean, at - clean);
  if (!is_local_part (local) || !is_domain (at + 1))
    return g_strdup_printf (_("The email address “%s” is not valid. Write it "
                              "as name@example.com."), clean);

  return NULL;
}

gboolean
sapa_email_validate (const char  *input,
                     char       **out_clean,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *message = NULL;
  g_autofree char *domain = NULL;
  const char *at;
  glong length;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (out_clean != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The email address is not valid text. Type it "
                             "again instead of pasting it."));
      return FALSE;
    }

  clean = trim_spaces (input);
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                           _("The email address is empty. Type it as "
                             "name@example.com."));
      return FALSE;
    }

  length = g_utf8_strlen (clean, -1);
  if (length > EMAIL_MAX_CHARS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG,
                   _("The email address has %ld characters, but the maximum "
                     "is %d. Check it for a mistake."),
                   length, EMAIL_MAX_CHARS);
      return FALSE;
    }

  message = check_email (clean);
  if (message != NULL)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID, message);
      return FALSE;
    }

  at = strrchr (clean, '@');
  domain = g_utf8_strdown (at + 1, -1);
  *out_clean = g_strdup_printf ("%.*s@%s", (int) (at - clean), clean, domain);
  return TRUE;
}

/* Copies @text without apostrophes of any kind. */
static char *
drop_apostrophes (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_apostrophe (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Copies @text without combining marks. */
static char *
drop_marks (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_mark (c) && g_unichar_combining_class (c) == 0)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
sapa_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *refolded = NULL;
  g_autofree char *unmarked = NULL;

  g_return_val_if_fail (text != NULL, g_strdup (""));

  valid = g_utf8_make_valid (text, -1);

  /* Apostrophes go before the decomposition, because NFKD turns the acute
   * accent U+00B4 into a space and a combining mark. */
  bare = drop_apostrophes (valid);
  decomposed = g_utf8_normalize (bare, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);

  /* Case folding does not promise decomposed output, so decompose again
   * before the marks are dropped. */
  refolded = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  unmarked = drop_marks (refolded);
  g_clear_pointer (&bare, g_free);
  bare = drop_apostrophes (unmarked);

  return squeeze_spaces (bare, FALSE);
}

#define DISPLAY_RUN_CHARS 40

char *
sapa_text_for_display (const char *text,
                       guint       max_chars)
{
  g_autoptr(GString) display = g_string_new (NULL);
  guint n_chars = 0;
  guint run = 0;

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == max_chars)
        {
          g_string_append (display, "…");
          break;
        }

      run = g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ? 0 : run + 1;
      if (run > DISPLAY_RUN_CHARS)
        {
          g_string_append_unichar (display, 0x200B);
          run = 1;
        }

      g_string_append_unichar (display, c);
      n_chars++;
    }

  return g_string_free (g_steal_pointer (&display), FALSE);
}
