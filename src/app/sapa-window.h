/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-window.h: the main window: service, ticket, special-needs and escalation sections */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"
#include "sapa-escalation-notifier.h"

G_BEGIN_DECLS

#define SAPA_TYPE_WINDOW (sapa_window_get_type ())
G_DECLARE_FINAL_TYPE (SapaWindow, sapa_window, SAPA, WINDOW, AdwApplicationWindow)

SapaWindow *sapa_window_new         (GtkApplication *application,
                                     SapaContext    *context);
/* Shows @message (already translated) as a toast. */
void        sapa_window_show_toast  (SapaWindow     *self,
                                     const char     *message);
/* Offers the drafts left by an earlier run, one after another. */
void        sapa_window_offer_drafts (SapaWindow    *self);
/* Checks the local database for damage in the background after
 * @delay_seconds and tells the officer when it is damaged. */
void        sapa_window_check_store  (SapaWindow    *self,
                                      guint          delay_seconds);
/* Returns the desk's escalation notifier, which feeds the Escalations
 * badge whether or not that section was ever shown. */
SapaEscalationNotifier *sapa_window_get_escalation_notifier (SapaWindow *self);

G_END_DECLS
