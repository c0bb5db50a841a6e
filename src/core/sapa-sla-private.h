/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla-private.h: helpers shared by the SLA key file readers */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets @error (SAPA_ERROR_INVALID) and returns FALSE when group @group
 * of @key_file has a key that is not in the NULL-terminated @known, so a
 * misspelt key is reported instead of ignored. */
gboolean sapa_sla_check_keys (GKeyFile           *key_file,
                              const char         *group,
                              const char * const *known,
                              GError            **error);

G_END_DECLS
