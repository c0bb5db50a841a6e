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

/* For a case already closed: the answer was given, so the message says
 * so and keeps the number for any question later. */
#define INDONESIAN_CLOSED \
  "Terima kasih telah menghubungi kami. Laporan Anda dengan nomor pelaporan " \
  "%s (%s) telah kami tanggapi dan kami nyatakan selesai. Bila masih ada " \
  "pertanyaan, hubungi Contact Center 172 dan sebutkan nomor pelaporan tersebut."

#define ENGLISH_CLOSED \
  "Thank you for contacting us. Your report number %s (%s) has been " \
  "answered and closed. If you have further questions, call Contact Center " \
  "172 and quote this report number."

char *
sapa_message_compose_report_number (SapaTicket *ticket)
{
  g_autofree char *when = NULL;
  g_autofree char *text_id = NULL;
  g_autofree char *text_en = NULL;

  g_return_val_if_fail (SAPA_IS_TICKET (ticket), NULL);

  when = sapa_time_format (sapa_ticket_get_created_at (ticket), sapa_ticket_get_time_zone (ticket));
  if (g_strcmp0 (sapa_ticket_get_status (ticket), "closed") == 0)
    {
      text_id = g_strdup_printf (INDONESIAN_CLOSED, sapa_ticket_get_report_number (ticket), when);
      text_en = g_strdup_printf (ENGLISH_CLOSED, sapa_ticket_get_report_number (ticket), when);
    }
  else
    {
      text_id = g_strdup_printf (INDONESIAN, sapa_ticket_get_report_number (ticket), when);
      text_en = g_strdup_printf (ENGLISH, sapa_ticket_get_report_number (ticket), when);
    }

  return g_strdup_printf ("%s\n\n%s", text_id, text_en);
}
