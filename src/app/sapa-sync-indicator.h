/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync-indicator.h: the header bar's sync status and menu */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SYNC_INDICATOR (sapa_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (SapaSyncIndicator, sapa_sync_indicator, SAPA, SYNC_INDICATOR, GtkWidget)

/* A menu button showing, in an icon, a count and words, whether the
 * workstation is signed in and reaches the server, how many activities
 * wait to be sent and when it last synced; its popover syncs now, signs
 * in or out, and lists the activities the server rejected. */
SapaSyncIndicator *sapa_sync_indicator_new (SapaContext *context);

/* The status in words, as the tooltip and screen readers give it. */
char              *sapa_sync_indicator_describe (SapaSyncIndicator *self);

G_END_DECLS
