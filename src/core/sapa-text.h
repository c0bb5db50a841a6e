/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-text.h: validation and search folding of free text and names */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits in Unicode characters (not bytes), the same in every form and
 * import. Input over a limit is rejected with a message, never cut. */
#define SAPA_NAME_MAX_CHARS   150
#define SAPA_LINE_MAX_CHARS   200
#define SAPA_TEXT_MAX_CHARS 10000

/* Validates a person's name: any script, diacritics, straight or curly
 * apostrophes, hyphens, dots. Trims the ends and collapses runs of white
 * space; rejects blank names, invalid UTF-8, control characters and names
 * over SAPA_NAME_MAX_CHARS. @out_clean receives the cleaned name. */
gboolean  sapa_name_validate   (const char  *input,
                                char       **out_clean,
                                GError     **error);

/* Validates free text for the field called @label (already translated,
 * used in the message). @multiline keeps line breaks and tabs; otherwise
 * they are rejected. Trims the ends. @max_chars is in characters. An empty
 * result with @required set is SAPA_ERROR_REQUIRED; an empty optional
 * value gives *out_clean = "" and TRUE. */
gboolean  sapa_text_validate   (const char  *input,
                                const char  *label,
                                guint        max_chars,
                                gboolean     required,
                                gboolean     multiline,
                                char       **out_clean,
                                GError     **error);

/* Returns whether @text has a control character, a Unicode line or
 * paragraph separator or a bidirectional override; with
 * @allow_line_breaks, line breaks and tabs do not count. */
gboolean  sapa_text_has_control (const char *text,
                                 gboolean    allow_line_breaks);

/* Validates an email address (local@domain.tld, no spaces) and returns it
 * with the domain in lower case. */
gboolean  sapa_email_validate  (const char  *input,
                                char       **out_clean,
                                GError     **error);

/* Folds text for search: Unicode compatibility decomposition, combining
 * marks dropped, case folded, apostrophes of every kind (' ’ ‘ ʼ ` ´)
 * removed so "Ma’ruf" and "ma'ruf" both give "maruf". Never NULL. */
char     *sapa_text_fold       (const char  *text);

/* Returns @text prepared for a label: cut after @max_chars characters
 * with "…" and a zero-width space inserted into every run of 40
 * characters without a break opportunity, because Pango takes minutes to
 * wrap a 10,000-character word. Display only: never store the result. */
char     *sapa_text_for_display (const char *text,
                                 guint       max_chars);

G_END_DECLS
