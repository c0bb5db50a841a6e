/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-action-dialog.h: the form of one follow-up action on a ticket */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"
#include "sapa-ticket-action.h"

G_BEGIN_DECLS

#define SAPA_TYPE_ACTION_DIALOG (sapa_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SapaActionDialog, sapa_action_dialog, SAPA, ACTION_DIALOG, AdwWindow)

/* Shows the fields of @action for @ticket and one button per outcome;
 * the chosen outcome is validated and recorded through the store's
 * worker, then the dialog closes and the context announces the ticket. */
SapaActionDialog *sapa_action_dialog_new (SapaContext            *context,
                                          SapaTicket             *ticket,
                                          const SapaTicketAction *action);
/* As sapa_action_dialog_new(), with the fields filled in from @values
 * (field key -> text), which the officer may still edit. */
SapaActionDialog *sapa_action_dialog_new_with_values (SapaContext            *context,
                                                      SapaTicket             *ticket,
                                                      const SapaTicketAction *action,
                                                      GHashTable             *values);

G_END_DECLS
