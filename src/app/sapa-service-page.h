/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-service-page.h: the Service section: choose a channel, run its flow */
#pragma once

#include <gtk/gtk.h>

#include "sapa-context.h"
#include "sapa-wizard-view.h"

G_BEGIN_DECLS

#define SAPA_TYPE_SERVICE_PAGE (sapa_service_page_get_type ())
G_DECLARE_FINAL_TYPE (SapaServicePage, sapa_service_page, SAPA, SERVICE_PAGE, GtkWidget)

SapaServicePage *sapa_service_page_new    (SapaContext     *context);
/* Starts the flow with id @flow_id for a new person. */
void             sapa_service_page_start  (SapaServicePage *self,
                                           const char      *flow_id);
/* Starts the flow with id @flow_id with the values of @values (a{ss})
 * already filled in, such as a booking's passenger at the SNS counter. */
void             sapa_service_page_start_with_values (SapaServicePage *self,
                                                      const char      *flow_id,
                                                      GVariant        *values);
/* Continues @wizard, a draft from an earlier run. */
void             sapa_service_page_resume (SapaServicePage *self,
                                           SapaWizard      *wizard);
/* Moves the keyboard focus to the first channel, or into the running
 * wizard's step. */
void             sapa_service_page_focus  (SapaServicePage *self);
/* The service on the page, or NULL. */
SapaWizardView  *sapa_service_page_get_wizard_view (SapaServicePage *self);

G_END_DECLS
