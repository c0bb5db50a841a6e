/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-message.h: ready-made messages that give a person their report number */
#pragma once

#include "sapa-ticket.h"

G_BEGIN_DECLS

/* Returns the message an officer sends by email, social media or chat to
 * tell the person their report number, in Indonesian then in English
 * whatever the officer's own language, because the person may read
 * either. Gives the local time of the report, labelled with its zone,
 * and how to follow up through Contact Center 172; for a closed case it
 * says the report was answered and closed. */
char *sapa_message_compose_report_number (SapaTicket *ticket);

G_END_DECLS
