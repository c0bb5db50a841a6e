/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-uuid.h: UUIDv7 identifiers made where a record is created */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SAPA_UUID_STRING_LENGTH 36

/* Returns a new UUIDv7 (RFC 9562) in lower-case canonical form, from the
 * current time. Identifiers made in one process are strictly increasing,
 * also within one millisecond and across threads. */
char     *sapa_uuid_v7_new      (void);

/* Same, with the timestamp taken from @unix_ms (milliseconds since 1970). */
char     *sapa_uuid_v7_new_at   (gint64 unix_ms);

/* TRUE when @text is a canonical lower-case UUID of version 7. */
gboolean  sapa_uuid_is_v7       (const char *text);

G_END_DECLS
