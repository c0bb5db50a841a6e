/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-time.h: UTC instants shown and counted in an airport's own zone */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Instants are gint64 microseconds since 1970-01-01 UTC everywhere in
 * Sapa, as g_get_real_time() returns them. */

/* Returns the instant as a GDateTime in zone @iana (never the machine's). */
GDateTime *sapa_time_to_zone         (gint64      utc_us,
                                      const char *iana);

/* "04/12/2026 14:05 WIB": date and time in @iana, labelled with the
 * Indonesian zone abbreviation (or the UTC offset for other zones). */
char      *sapa_time_format          (gint64      utc_us,
                                      const char *iana);

/* "2026-12-04 14:05 WIB": the same, year first, as exports and reports
 * write it so that text sorted within one zone is in time order. */
char      *sapa_time_format_sortable (gint64      utc_us,
                                      const char *iana);

/* "14:05 WIB": time of day only, labelled. */
char      *sapa_time_format_time     (gint64      utc_us,
                                      const char *iana);

/* "261204": the local date in @iana as YYMMDD, as report numbers use it. */
char      *sapa_time_date_code       (gint64      utc_us,
                                      const char *iana);

G_END_DECLS
