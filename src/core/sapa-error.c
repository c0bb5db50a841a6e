/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-error.c: the error domain of Sapa's core library */

#include "sapa-error.h"

G_DEFINE_QUARK (sapa-error-quark, sapa_error)
