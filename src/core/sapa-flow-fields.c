/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow-fields.c: validation of flow fields and the cross-field step checks */

#define G_LOG_DOMAIN "sapa-flow"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-flow-private.h"
#include "sapa-time.h"
#include "sapa-phone.h"
#include "sapa-text.h"

/* A loose limit, because handles of other networks, and "user@server"
 * handles on Mastodon, are longer than those of X or Instagram. */
#define HANDLE_MAX_CHARS 100

static gboolean
is_blank (const char *input)
{
  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static const SapaChoice *
find_choice (const SapaChoice *choices,
             const char       *id)
{
  for (const SapaChoice *choice = choices; choice->id != NULL; choice++)
    {
      if (g_str_equal (choice->id, id))
        return choice;
    }

  return NULL;
}

/* Accepts an optional leading '@' and stores the handle without it, so
 * that "@sapa_id" and "sapa_id" are one account in search. The ticket's
 * channel names the network. */
static gboolean
validate_handle (const SapaField *field,
                 const char      *input,
                 char           **out_clean,
                 GError         **error)
{
  g_autofree char *text = g_strstrip (g_strdup (input));
  const char *handle = text[0] == '@' ? text + 1 : text;

  if (handle[0] == '\0' || handle[0] == '@')
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” needs an account name after the @ sign."), _(field->label));
      return FALSE;
    }

  for (const char *p = handle; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("“%s” must not contain spaces."), _(field->label));
          return FALSE;
        }
    }

  if (g_utf8_strlen (handle, -1) > HANDLE_MAX_CHARS)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG,
                   _("“%s” is longer than %d characters."), _(field->label), HANDLE_MAX_CHARS);
      return FALSE;
    }

  *out_clean = g_strdup (handle);
  return TRUE;
}

static gboolean
validate_choice (const SapaField *field,
                 const char      *input,
                 char           **out_clean,
                 GError         **error)
{
  g_autofree char *id = g_strstrip (g_strdup (input));

  if (find_choice (field->choices, id) == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("Choose one of the options of “%s”."), _(field->label));
      return FALSE;
    }

  *out_clean = g_steal_pointer (&id);
  return TRUE;
}

/* Stores the ids in the order of the choice table, without duplicates, so
 * that equal selections give equal text. */
static gboolean
validate_multi_choice (const SapaField *field,
                       const char      *input,
                       char           **out_clean,
                       GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (input, ",", -1);
  g_autoptr(GHashTable) selected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) clean = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const SapaChoice *choice;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;

      choice = find_choice (field->choices, parts[i]);
      if (choice == NULL)
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("“%s” is not an option of “%s”."), parts[i], _(field->label));
          return FALSE;
        }
      g_hash_table_add (selected, (gpointer) choice->id);
    }

  for (const SapaChoice *choice = field->choices; choice->id != NULL; choice++)
    {
      if (!g_hash_table_contains (selected, choice->id))
        continue;
      if (clean->len > 0)
        g_string_append_c (clean, ',');
      g_string_append (clean, choice->id);
    }

  if (clean->len == 0 && field->required)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                   _("“%s” is required."), _(field->label));
      return FALSE;
    }

  *out_clean = g_string_free (g_steal_pointer (&clean), FALSE);
  return TRUE;
}

static gboolean
validate_airport (const SapaField *field,
                  const char      *input,
                  char           **out_clean,
                  GError         **error)
{
  g_autofree char *code = g_strstrip (g_strdup (input));
  const SapaAirport *airport = sapa_airport_lookup (code);

  if (airport == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” is not the IATA code of an airport of the network."), code);
      return FALSE;
    }

  *out_clean = g_strdup (airport->iata);
  return TRUE;
}

/* Parses an IATA flight number: a two-character airline designator (two
 * letters, or a letter and a digit in either order, such as "G8" or "8B"),
 * an optional space or '-', 1 to 4 digits and an optional operational
 * suffix letter. Leading zeros are dropped: "ga0404" gives "GA 404". */
static char *
parse_flight (const char *input)
{
  g_autofree char *text = g_ascii_strup (input, -1);
  const char *p = g_strstrip (text);
  guint number = 0;
  guint n_digits = 0;
  char suffix[2] = { 0, 0 };

  if (!g_ascii_isalnum (p[0]) || !g_ascii_isalnum (p[1]))
    return NULL;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
    return NULL;

  if (p[2] == ' ' || p[2] == '-')
    p += 3;
  else
    p += 2;

  for (; g_ascii_isdigit (*p); p++)
    {
      if (++n_digits > 4)
        return NULL;
      number = number * 10 + (guint) (*p - '0');
    }

  if (n_digits == 0 || number == 0)
    return NULL;
  if (g_ascii_isalpha (*p))
    suffix[0] = *p++;
  if (*p != '\0')
    return NULL;

  return g_strdup_printf ("%c%c %u%s", text[0], text[1], number, suffix);
}

static gboolean
parse_digits (const char *text,
              gsize       min_len,
              gsize       max_len,
              guint      *out_value)
{
  gsize len = strlen (text);
  guint value = 0;

  if (len < min_len || len > max_len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

/* Accepts "YYYY-MM-DD" and the Indonesian order "D/M/YYYY". */
static char *
parse_date (const char *input)
{
  g_autofree char *text = g_strstrip (g_strdup (input));
  gboolean iso = strchr (text, '-') != NULL;
  g_auto(GStrv) parts = g_strsplit (text, iso ? "-" : "/", -1);
  guint year, month, day;

  if (g_strv_length (parts) != 3)
    return NULL;

  if (iso)
    {
      if (!parse_digits (parts[0], 4, 4, &year) ||
          !parse_digits (parts[1], 1, 2, &month) ||
          !parse_digits (parts[2], 1, 2, &day))
        return NULL;
    }
  else
    {
      if (!parse_digits (parts[0], 1, 2, &day) ||
          !parse_digits (parts[1], 1, 2, &month) ||
          !parse_digits (parts[2], 4, 4, &year))
        return NULL;
    }

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* Accepts "H:MM", "HH:MM" and the Indonesian "HH.MM". 24:00 is rejected. */
static char *
parse_time (const char *input)
{
  g_autofree char *text = g_strstrip (g_strdup (input));
  g_auto(GStrv) parts = g_strsplit_set (text, ":.", -1);
  guint hour, minute;

  if (g_strv_length (parts) != 2)
    return NULL;
  if (!parse_digits (parts[0], 1, 2, &hour) || !parse_digits (parts[1], 2, 2, &minute))
    return NULL;
  if (hour > 23 || minute > 59)
    return NULL;

  return g_strdup_printf ("%02u:%02u", hour, minute);
}

/* Each message is a literal so that the compiler checks its format. */
static gboolean
validate_formatted (const SapaField *field,
                    const char      *input,
                    char           **out_clean,
                    GError         **error)
{
  char *clean = NULL;

  switch (field->type)
    {
    case SAPA_FIELD_FLIGHT:
      clean = parse_flight (input);
      if (clean == NULL)
        g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                     _("“%s” must be an airline code and a flight number of 1 to 4 digits, for example GA 404."),
                     _(field->label));
      break;
    case SAPA_FIELD_DATE:
      clean = parse_date (input);
      if (clean == NULL)
        g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                     _("“%s” must be a real date, written as YYYY-MM-DD or DD/MM/YYYY."),
                     _(field->label));
      break;
    case SAPA_FIELD_TIME:
      clean = parse_time (input);
      if (clean == NULL)
        g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                     _("“%s” must be a time from 00:00 to 23:59, for example 05:30."),
                     _(field->label));
      break;
    default:
      g_assert_not_reached ();
    }

  if (clean == NULL)
    return FALSE;

  *out_clean = clean;
  return TRUE;
}

static gboolean
validate_typed (const SapaField *field,
                const char      *input,
                char           **out_clean,
                char           **out_extra,
                GError         **error)
{
  gboolean ok = FALSE;

  switch (field->type)
    {
    case SAPA_FIELD_TEXT:
    case SAPA_FIELD_MULTILINE:
      {
        gboolean multiline = field->type == SAPA_FIELD_MULTILINE;

        return sapa_text_validate (input, _(field->label),
                                   multiline ? SAPA_TEXT_MAX_CHARS : SAPA_LINE_MAX_CHARS,
                                   field->required, multiline, out_clean, error);
      }
    case SAPA_FIELD_NAME:
      ok = sapa_name_validate (input, out_clean, error);
      break;
    case SAPA_FIELD_PHONE:
      /* The number is kept as typed (trimmed) beside its E.164 form, so
       * the record shows what the person said and search uses the norm. */
      ok = sapa_phone_normalize (input, out_extra, error);
      if (ok)
        *out_clean = g_strstrip (g_strdup (input));
      break;
    case SAPA_FIELD_EMAIL:
      ok = sapa_email_validate (input, out_clean, error);
      break;
    case SAPA_FIELD_HANDLE:
      return validate_handle (field, input, out_clean, error);
    case SAPA_FIELD_CHOICE:
      return validate_choice (field, input, out_clean, error);
    case SAPA_FIELD_MULTI_CHOICE:
      return validate_multi_choice (field, input, out_clean, error);
    case SAPA_FIELD_AIRPORT:
      return validate_airport (field, input, out_clean, error);
    case SAPA_FIELD_FLIGHT:
    case SAPA_FIELD_DATE:
    case SAPA_FIELD_TIME:
      return validate_formatted (field, input, out_clean, error);
    default:
      g_assert_not_reached ();
    }

  /* The name, phone and email validators do not know the field, so its
   * label goes first unless their message already starts with it. */
  if (!ok && error != NULL && *error != NULL &&
      !g_str_has_prefix ((*error)->message, _(field->label)))
    g_prefix_error (error, "%s: ", _(field->label));

  return ok;
}

gboolean
sapa_field_validate (const SapaField *field,
                     const char      *input,
                     char           **out_clean,
                     char           **out_extra,
                     GError         **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *extra = NULL;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (input == NULL)
    input = "";

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("“%s” contains characters that are not valid text."), _(field->label));
      return FALSE;
    }

  if (is_blank (input))
    {
      if (field->required)
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                       _("“%s” is required."), _(field->label));
          return FALSE;
        }
      clean = g_strdup ("");
    }
  else if (!validate_typed (field, input, &clean, &extra, error))
    {
      return FALSE;
    }

  if (out_clean != NULL)
    *out_clean = g_steal_pointer (&clean);
  if (out_extra != NULL)
    *out_extra = g_steal_pointer (&extra);

  return TRUE;
}

/* ---- Step checks ---- */

static const char *
value_of (GHashTable *values,
          const char *key)
{
  const char *value = g_hash_table_lookup (values, key);

  return value != NULL ? value : "";
}

static const char *
label_of (const SapaStep *step,
          const char     *key)
{
  const SapaField *field = sapa_step_get_field (step, key);

  return field != NULL ? _(field->label) : key;
}

static gboolean
fail_on (char      **out_field_key,
         const char *key)
{
  if (out_field_key != NULL)
    *out_field_key = g_strdup (key);

  return FALSE;
}

gboolean
sapa_flow_check_follow_up (const SapaStep *step,
                           GHashTable     *values,
                           char          **out_field_key,
                           GError        **error)
{
  if (g_str_equal (value_of (values, "followup_unit"), SAPA_UNIT_BRANCH) &&
      is_blank (value_of (values, "followup_airport")))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                   _("“%s” is required when the PIC of another airport follows up."),
                   label_of (step, "followup_airport"));
      return fail_on (out_field_key, "followup_airport");
    }

  return TRUE;
}

/* Feedback by email needs the address to answer to; a post on social media
 * needs the account, and a post outside the 172 accounts its network. */
gboolean
sapa_flow_check_intake (const SapaStep *step,
                        GHashTable     *values,
                        char          **out_field_key,
                        GError        **error)
{
  const char *channel = value_of (values, SAPA_FLOW_KEY_CHANNEL);

  if (g_str_equal (channel, "email"))
    {
      if (is_blank (value_of (values, "email")))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                       _("“%s” is required for feedback by email."), label_of (step, "email"));
          return fail_on (out_field_key, "email");
        }
      return TRUE;
    }

  if (is_blank (value_of (values, "handle")))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                   _("“%s” is required for feedback on social media."), label_of (step, "handle"));
      return fail_on (out_field_key, "handle");
    }

  if (g_str_equal (channel, "other_social") && is_blank (value_of (values, "channel_network")))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_REQUIRED,
                   _("“%s” is required for a post on another social network."),
                   label_of (step, "channel_network"));
      return fail_on (out_field_key, "channel_network");
    }

  return TRUE;
}

/* The phone and email values come from the form received earlier. */
gboolean
sapa_flow_check_notify (const SapaStep *step,
                        GHashTable     *values,
                        char          **out_field_key,
                        GError        **error)
{
  const char *method = value_of (values, "notify_method");

  if (g_str_equal (method, "phone") && is_blank (value_of (values, "phone")))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The form has no phone number, so the report number cannot be given by phone."));
      return fail_on (out_field_key, "notify_method");
    }

  if (g_str_equal (method, "email") && is_blank (value_of (values, "email")))
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The form has no email address, so the report number cannot be given by email."));
      return fail_on (out_field_key, "notify_method");
    }

  return TRUE;
}

/* Codes that reveal neither health nor a child. Every other code reveals a
 * disability, a medical condition or a child, which Indonesia's personal
 * data protection law (UU 27/2022, article 4) counts as specific personal
 * data, recorded here only with consent. A new code needs consent unless
 * it is listed here. */
static const char * const ssr_codes_without_consent[] = { "MAAS", "ELDERLY", NULL };

gboolean
sapa_flow_check_ssr_consent (const SapaStep *step,
                             GHashTable     *values,
                             char          **out_field_key,
                             GError        **error)
{
  g_auto(GStrv) codes = g_strsplit (value_of (values, "ssr"), ",", -1);

  if (g_str_equal (value_of (values, "consent"), "yes"))
    return TRUE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (codes[i][0] == '\0' || g_strv_contains (ssr_codes_without_consent, codes[i]))
        continue;

      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("The special service requests include health details or a child's details, which are recorded only with the person's consent."));
      return fail_on (out_field_key, "consent");
    }

  return TRUE;
}

gboolean
sapa_flow_check_equipment (const SapaStep *step,
                           GHashTable     *values,
                           char          **out_field_key,
                           GError        **error)
{
  g_auto(GStrv) items = g_strsplit (value_of (values, "equipment"), ",", -1);

  if (g_strv_contains ((const char * const *) items, "none") && g_strv_length (items) > 1)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                           _("“No equipment” cannot be chosen together with other equipment."));
      return fail_on (out_field_key, "equipment");
    }

  return TRUE;
}

/* Returns the code of a label such as "WCHR: needs a wheelchair …", else the whole label. */
static char *
short_label (const char *label)
{
  const char *colon = strstr (label, ": ");

  return colon != NULL ? g_strndup (label, colon - label) : g_strdup (label);
}

static char *
describe_choices (const SapaField *field,
                  const char      *value)
{
  g_auto(GStrv) ids = g_strsplit (value, ",", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *label = sapa_choice_get_label (field->choices, ids[i]);
      g_autofree char *shown = label != NULL ? short_label (label) : g_strdup (ids[i]);

      if (ids[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, shown);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
sapa_flow_format_date (const char *iso_date)
{
  int year, month, day;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3)
    return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
  return g_strdup (iso_date);
}

char *
sapa_field_describe (const SapaField *field,
                     const char      *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (field->type)
    {
    case SAPA_FIELD_CHOICE:
      {
        const char *label = sapa_choice_get_label (field->choices, value);

        return g_strdup (label != NULL ? label : value);
      }

    case SAPA_FIELD_MULTI_CHOICE:
      return describe_choices (field, value);

    case SAPA_FIELD_AIRPORT:
      {
        const SapaAirport *airport = sapa_airport_lookup (value);

        if (airport != NULL)
          return g_strdup_printf ("%s · %s", airport->iata, airport->name);
        return g_strdup (value);
      }

    case SAPA_FIELD_DATE:
      return sapa_flow_format_date (value);

    default:
      return g_strdup (value);
    }
}

static const char *
greeting_for_hour (int hour)
{
  if (hour >= 4 && hour < 11)
    return C_("greeting before 11:00", "Good morning");
  if (hour >= 11 && hour < 15)
    return C_("greeting from 11:00 to 15:00", "Good afternoon");
  if (hour >= 15 && hour < 18)
    return C_("greeting from 15:00 to 18:00", "Good afternoon");
  return C_("greeting from 18:00", "Good evening");
}

char *
sapa_flow_fill_script (const char *script,
                       gint64      utc_us,
                       const char *iana)
{
  g_autoptr(GDateTime) local = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (script != NULL, NULL);

  local = sapa_time_to_zone (utc_us, iana);
  parts = g_strsplit (script, "{greeting}", -1);
  return g_strjoinv (greeting_for_hour (g_date_time_get_hour (local)), parts);
}

gboolean
sapa_field_applies (const SapaField *field,
                    const char      *channel)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return field->channels == NULL ||
         (channel != NULL && g_strv_contains (field->channels, channel));
}
