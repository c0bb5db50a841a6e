/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-preferences-window.h: the desk's preferences */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SAPA_TYPE_PREFERENCES_WINDOW (sapa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SapaPreferencesWindow, sapa_preferences_window, SAPA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits @settings: the desk (through the validated desk dialog), the
 * special-needs service targets and the reminder before an arrival, and
 * the escalation queue's scope and notifications. */
SapaPreferencesWindow *sapa_preferences_window_new (GSettings *settings);

G_END_DECLS
