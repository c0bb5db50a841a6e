/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalation-notifier.h: desktop notifications of the escalation queue */
#pragma once

#include <gio/gio.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_ESCALATION_NOTIFIER (sapa_escalation_notifier_get_type ())
G_DECLARE_FINAL_TYPE (SapaEscalationNotifier, sapa_escalation_notifier, SAPA, ESCALATION_NOTIFIER, GObject)

/* Watches the escalations of the desk's scope (the "escalation-scope"
 * setting) that wait for a PIC and notifies the desk once of each event:
 * an escalation arrived, is due soon, or is overdue. It checks every
 * minute, whether or not the queue is shown, and soon after a ticket is
 * recorded (the context's "ticket-recorded", which a sync should emit
 * too). The store claims each event, so none is notified twice, also
 * after a restart.
 *
 * An escalation made on this workstation does not announce its own
 * arrival. With "escalation-notify" off, events are claimed without a
 * notification, so turning it on later does not replay old ones.
 *
 * Each notification goes out through sapa_context_send_notification(),
 * after the "notified" signal (id, title, body). "overdue-count" is the
 * number of overdue escalations of the scope, for a badge. */
SapaEscalationNotifier *sapa_escalation_notifier_new           (SapaContext            *context);

/* Checks now instead of at the next minute. */
void                    sapa_escalation_notifier_check         (SapaEscalationNotifier *self);

guint                   sapa_escalation_notifier_get_overdue_count (SapaEscalationNotifier *self);

/* Makes the notifier evaluate the clocks as of @now_us, or of the real
 * time again when it is 0: for tests. */
void                    sapa_escalation_notifier_set_now       (SapaEscalationNotifier *self,
                                                                gint64                  now_us);

G_END_DECLS
