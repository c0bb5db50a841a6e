/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-rejections-dialog.h: the activities the server rejected */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_REJECTIONS_DIALOG (sapa_rejections_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SapaRejectionsDialog, sapa_rejections_dialog, SAPA, REJECTIONS_DIALOG, AdwWindow)

/* Lists, newest first, each activity the server did not accept: the
 * ticket's report number, what was done and when, and why in words. The
 * activities stay in their tickets' logs; this only explains them. */
SapaRejectionsDialog *sapa_rejections_dialog_new (SapaContext *context);

G_END_DECLS
