/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalations-page.h: the escalation queue of a PIC or a supervisor */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"
#include "sapa-escalation-notifier.h"

G_BEGIN_DECLS

#define SAPA_TYPE_ESCALATIONS_PAGE (sapa_escalations_page_get_type ())
G_DECLARE_FINAL_TYPE (SapaEscalationsPage, sapa_escalations_page, SAPA, ESCALATIONS_PAGE, GtkWidget)

/* Lists the escalated tickets of the desk's scope (the
 * "escalation-scope" setting): where each went, its age and the time
 * left on its SLA clock, in words and colour, with the overdue and due
 * soon ones marked. The list sorts by time left or age and filters by
 * airport, unit and overdue only. A row opens the ticket beside the list
 * to answer, return or reassign it.
 *
 * The list reloads only while the page is shown: when it is shown,
 * every half minute for the clocks, and after a ticket is recorded. The
 * SLA file is read again each time the page is shown, and a problem with
 * it shows above the list. @notifier is the desk's notifier, which the
 * window owns because it works whether or not the page exists. */
SapaEscalationsPage    *sapa_escalations_page_new          (SapaContext            *context,
                                                            SapaEscalationNotifier *notifier);
void                    sapa_escalations_page_reload       (SapaEscalationsPage    *self);

/* Makes the page and its notifier evaluate the clocks as of @now_us, or
 * of the real time again when it is 0: for tests. */
void                    sapa_escalations_page_set_now      (SapaEscalationsPage *self,
                                                            gint64               now_us);

G_END_DECLS
