/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-phone.h: phone numbers as officers type them, normalised to E.164 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Normalises a phone number written in any common Indonesian or
 * international way ("0812-3456-7890", "+62 812 3456 7890",
 * "62812 3456 7890", "(021) 5550 1234", "+65 6123 4567") to E.164
 * ("+6281234567890"). Sets @error (SAPA_ERROR, Indonesian message) when
 * the input is blank, has letters, or has a digit count no numbering
 * plan allows. */
gboolean  sapa_phone_normalize        (const char  *input,
                                       char       **out_e164,
                                       GError     **error);

/* Returns the digits to index for substring search of a normalised
 * number: the international digits and, for +62 numbers, the national
 * form with a leading 0, separated by a space
 * ("6281234567890 081234567890"). */
char     *sapa_phone_index_digits     (const char  *e164);

/* Returns the digits of a search fragment typed in any writing
 * ("1234-567" -> "1234567", "+62 812" -> "62812"), or NULL when the
 * fragment has fewer than 3 digits or has letters. */
char     *sapa_phone_query_digits     (const char  *fragment);

/* Formats a normalised number for display: "+62 812-3456-7890". */
char     *sapa_phone_format           (const char  *e164);

G_END_DECLS
