/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-message.c: ready-made messages that give a person their report number */

#define G_LOG_DOMAIN "sapa-message"

#include "sapa-message.h"
#include "sapa-time.h"

/* The two texts are the message itself, sent to the person in both
 * languages, so they are not run through gettext. */
#define INDONESIAN \
  "Terima kasih telah menghubungi kami. Laporan Anda telah kami " \
  "catat dengan nomor pelaporan %s pada %s. Untuk menanyakan perkembangannya, " \
  "hubungi Contact Center 172 dan sebutkan nomor pelaporan tersebut."

#define ENGLISH \
  "Thank you for contacting us. Your report has been recorded " \
  "under report number %s on %s. To ask about its progress, call Contact " \
  "Center 172 and quote this report number."

char *
sapa_message_compose_report_number (SapaTicket *ticket)
{
  g_autofree char *when = NULL;
  g_autofree char *text_id = NULL;
  g_autofree char *text_en = NULL;

  g_return_val_if_fail (SAPA_IS_TICKET (ticket), NULL);

  when = sapa_time_format (sapa_ticket_get_created_at (ticket), sapa_ticket_get_time_zone (ticket));
  text_id = g_strdup_printf (INDONESIAN, sapa_ticket_get_report_number (ticket), when);
  text_en = g_strdup_printf (ENGLISH, sapa_ticket_get_report_number (ticket), when);

  return g_strdup_printf ("%s\n\n%s", text_id, text_en);
}
