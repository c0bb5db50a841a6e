/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-error.h: the error domain of Sapa's core library */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SAPA_ERROR (sapa_error_quark ())

/* Every SAPA_ERROR message is translated and written for the officer, so
 * the UI can show it as it is. */
typedef enum {
  SAPA_ERROR_INVALID,          /* a value is malformed */
  SAPA_ERROR_REQUIRED,         /* a required value is missing or blank */
  SAPA_ERROR_TOO_LONG,         /* a value is over its limit in characters */
  SAPA_ERROR_NOT_FOUND,        /* a record, flow, step or branch does not exist */
  SAPA_ERROR_STATE,            /* the action is not allowed in the current state */
  SAPA_ERROR_STORE,            /* the database failed */
  SAPA_ERROR_SCHEMA_TOO_NEW,   /* the database was written by a newer Sapa */
} SapaError;

GQuark sapa_error_quark (void);

G_END_DECLS
