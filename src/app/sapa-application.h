/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-application.h: the application: start-up, store, windows */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SAPA_TYPE_APPLICATION (sapa_application_get_type ())
G_DECLARE_FINAL_TYPE (SapaApplication, sapa_application, SAPA, APPLICATION, AdwApplication)

SapaApplication *sapa_application_new (void);

G_END_DECLS
