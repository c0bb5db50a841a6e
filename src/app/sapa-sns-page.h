/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sns-page.h: the special-needs dashboard of the desk's airport */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SNS_PAGE (sapa_sns_page_get_type ())
G_DECLARE_FINAL_TYPE (SapaSnsPage, sapa_sns_page, SAPA, SNS_PAGE, GtkWidget)

/* Lists who is expected, in service, in the holding room and handed over
 * today at the desk's airport, with clocks that turn amber and red
 * against the service targets. Reloads when a ticket is recorded and
 * every half minute while shown. An expected row's "Arrived" button
 * activates "win.start-arrival" with the booking's values. */
SapaSnsPage *sapa_sns_page_new    (SapaContext *context);
void         sapa_sns_page_reload (SapaSnsPage *self);
/* Moves the keyboard focus to the first row of the expected passengers. */
void         sapa_sns_page_focus  (SapaSnsPage *self);

G_END_DECLS
