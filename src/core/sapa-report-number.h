/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-number.h: the number a passenger is given for a case */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A report number is AIRPORT-WS-YYMMDD-NNNN, e.g. "CGK-07-261204-0042":
 * the airport's IATA code, the workstation number (01-99), the airport's
 * local date, and the workstation's counter for that date. It is unique
 * across the network without asking a server as long as no two
 * workstations of one airport share a number. The counter has at least
 * four digits and grows wider past 9999 instead of wrapping. */

#define SAPA_WORKSTATION_MIN 1
#define SAPA_WORKSTATION_MAX 99

char     *sapa_report_number_format    (const char *airport,
                                        guint       workstation,
                                        const char *date_code,
                                        guint64     counter);

/* Parses a report number as read over the phone or typed: letter case,
 * spaces, dots or no separators at all ("cgk 07 261204 42" is not valid,
 * the counter needs its four digits). Returns the canonical form, or NULL
 * with @error set (SAPA_ERROR_INVALID). */
char     *sapa_report_number_normalize (const char *input,
                                        GError    **error);

/* The key of the counter row that numbers @airport/@workstation's tickets
 * on @date_code. */
char     *sapa_report_number_counter_key (const char *airport,
                                          guint       workstation,
                                          const char *date_code);

G_END_DECLS
