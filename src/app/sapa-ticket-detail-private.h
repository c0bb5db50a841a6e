/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-detail-private.h: SapaTicketDetail's fields and the functions its files share */
#pragma once

#include <adwaita.h>

#include "sapa-ticket-detail.h"

G_BEGIN_DECLS

struct _SapaTicketDetail
{
  GtkWidget            parent_instance;

  GCancellable        *cancellable;
  GList               *detail_rows;
  SapaContext         *context;
  SapaTicket          *ticket;
  char                *shown_id;          /* what is on screen, to skip */
  gint64               shown_updated_at;  /* rebuilding an unchanged ticket */
  char                *shown_status;      /* a sync may change only the status */
  GtkWidget           *answer_button;     /* hidden until the log names who records the answer */
  GPtrArray           *activities;        /* the ticket's log once read, or NULL */

  GtkScrolledWindow   *scroller;
  GtkLabel            *number_label;
  GtkLabel            *status_label;
  GtkWidget           *actions_group;
  GtkFlowBox          *actions_box;
  AdwPreferencesGroup *details_group;
  GtkListBox          *timeline_list;
};

/* sapa-ticket-detail-actions.c */

/* Adds the follow-up buttons for @ticket to the actions box. */
void sapa_ticket_detail_fill_actions (SapaTicketDetail *self,
                                     SapaTicket       *ticket);
/* Shows the button of the escalation's answer, named for a PIC or for a
 * unit of the ticket's own airport, once @activities (the ticket's log)
 * tell which. */
void sapa_ticket_detail_show_answer_action (SapaTicketDetail *self,
                                            GPtrArray        *activities);
/* Looks up the draft of the ticket shown and, when its procedure waits
 * at a step, puts a "Continue the Procedure" button first. */
void sapa_ticket_detail_check_draft  (SapaTicketDetail *self);
/* Reads attachment @info from the store, copies it to the cache folder
 * and opens it in the desktop's viewer. */
void sapa_ticket_detail_open_attachment (SapaTicketDetail         *self,
                                         const SapaAttachmentInfo *info);

G_END_DECLS
