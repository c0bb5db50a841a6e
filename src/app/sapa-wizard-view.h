/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-view.h: the pages of one flow, step by step */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"

G_BEGIN_DECLS

#define SAPA_TYPE_WIZARD_VIEW (sapa_wizard_view_get_type ())
G_DECLARE_FINAL_TYPE (SapaWizardView, sapa_wizard_view, SAPA, WIZARD_VIEW, GtkWidget)

/* Shows @wizard's current step, records every step taken in the store
 * and keeps the draft current as the officer types. "closed" fires when
 * the officer leaves the finished or cancelled service. */
SapaWizardView *sapa_wizard_view_new    (SapaContext    *context,
                                         SapaWizard     *wizard);
SapaWizard     *sapa_wizard_view_get_wizard (SapaWizardView *self);
/* Moves the keyboard focus to the first input of the step. */
void            sapa_wizard_view_focus  (SapaWizardView *self);
/* Whether steps taken are not in the store yet (saving or failed). */
gboolean        sapa_wizard_view_has_unsaved (SapaWizardView *self);
/* Tries again to save the steps not in the store yet. */
void            sapa_wizard_view_save_unsaved (SapaWizardView *self);

G_END_DECLS
