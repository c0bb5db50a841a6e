/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-number.c: the number a passenger is given for a case */

#define G_LOG_DOMAIN "sapa-report-number"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sapa-error.h"
#include "sapa-report-number.h"

char *
sapa_report_number_format (const char *airport,
                           guint       workstation,
                           const char *date_code,
                           guint64     counter)
{
  g_return_val_if_fail (airport != NULL && strlen (airport) == 3, NULL);
  g_return_val_if_fail (workstation >= SAPA_WORKSTATION_MIN &&
                        workstation <= SAPA_WORKSTATION_MAX, NULL);
  g_return_val_if_fail (date_code != NULL && strlen (date_code) == 6, NULL);
  g_return_val_if_fail (counter > 0, NULL);

  return g_strdup_printf ("%s-%02u-%s-%04" G_GUINT64_FORMAT,
                          airport, workstation, date_code, counter);
}

char *
sapa_report_number_counter_key (const char *airport,
                                guint       workstation,
                                const char *date_code)
{
  return g_strdup_printf ("report/%s/%02u/%s", airport, workstation, date_code);
}

/* Splits @input into its alphanumeric runs, dropping any separators. */
static GPtrArray *
split_runs (const char *input)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_free);
  GString *run = g_string_new (NULL);

  for (const char *p = input; ; p++)
    {
      if (*p != '\0' && g_ascii_isalnum (*p))
        {
          g_string_append_c (run, g_ascii_toupper (*p));
          continue;
        }
      if (run->len > 0)
        g_ptr_array_add (runs, g_strdup (run->str));
      g_string_truncate (run, 0);
      if (*p == '\0')
        break;
    }

  g_string_free (run, TRUE);
  return runs;
}

static gboolean
all_digits (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static gboolean
all_letters (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isalpha (*text))
      return FALSE;
  return TRUE;
}

/* TRUE when @date_code ("YYMMDD", six digits) is a calendar date of
 * 2000-2099. */
static gboolean
date_code_is_valid (const char *date_code)
{
  guint year = 2000 + (date_code[0] - '0') * 10 + (date_code[1] - '0');
  guint month = (date_code[2] - '0') * 10 + (date_code[3] - '0');
  guint day = (date_code[4] - '0') * 10 + (date_code[5] - '0');

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

char *
sapa_report_number_normalize (const char *input,
                              GError    **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *joined = NULL;
  const char *airport, *ws, *date, *counter;

  g_return_val_if_fail (input != NULL, NULL);

  runs = split_runs (input);

  /* Without separators the parts still have fixed widths up to the
   * counter: AAAWWYYMMDDNNNN... */
  if (runs->len == 1 && strlen (g_ptr_array_index (runs, 0)) >= 15)
    {
      const char *all = g_ptr_array_index (runs, 0);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (parts, g_strndup (all, 3));
      g_ptr_array_add (parts, g_strndup (all + 3, 2));
      g_ptr_array_add (parts, g_strndup (all + 5, 6));
      g_ptr_array_add (parts, g_strdup (all + 11));
      g_ptr_array_unref (runs);
      runs = g_steal_pointer (&parts);
    }

  if (runs->len != 4)
    goto invalid;

  airport = g_ptr_array_index (runs, 0);
  ws = g_ptr_array_index (runs, 1);
  date = g_ptr_array_index (runs, 2);
  counter = g_ptr_array_index (runs, 3);

  if (strlen (airport) != 3 || !all_letters (airport) ||
      strlen (ws) != 2 || !all_digits (ws) ||
      strlen (date) != 6 || !all_digits (date) ||
      strlen (counter) < 4 || strlen (counter) > 10 || !all_digits (counter))
    goto invalid;

  /* Numbers that format() can never give: workstation 00, a date that is
   * not on the calendar, counter 0. */
  if (g_ascii_strtoull (ws, NULL, 10) < SAPA_WORKSTATION_MIN ||
      !date_code_is_valid (date) ||
      g_ascii_strtoull (counter, NULL, 10) == 0)
    goto invalid;

  return g_strdup_printf ("%s-%s-%s-%s", airport, ws, date, counter);

invalid:
  joined = g_strstrip (g_strdup (input));
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("“%s” is not a report number. A report number looks like CGK-07-261204-0042."),
               joined);
  return NULL;
}
