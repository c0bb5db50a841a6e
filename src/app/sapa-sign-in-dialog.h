/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sign-in-dialog.h: signing in to the sync server */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SIGN_IN_DIALOG (sapa_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SapaSignInDialog, sapa_sign_in_dialog, SAPA, SIGN_IN_DIALOG, AdwWindow)

/* Asks for the server address, the user name and the password, signs in
 * at this desk's workstation, keeps the token in the keyring and closes.
 * A refusal is shown in the dialog in the officer's language. */
SapaSignInDialog *sapa_sign_in_dialog_new (SapaContext *context);

G_END_DECLS
