/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-window-private.h: SapaWindow's fields and the functions its files share */
#pragma once

#include <adwaita.h>

#include "sapa-escalation-notifier.h"
#include "sapa-escalations-page.h"
#include "sapa-reports-page.h"
#include "sapa-service-page.h"
#include "sapa-sns-page.h"
#include "sapa-tickets-page.h"
#include "sapa-window.h"

G_BEGIN_DECLS

struct _SapaWindow
{
  AdwApplicationWindow    parent_instance;

  SapaContext            *context;
  GCancellable           *cancellable;
  GPtrArray              *pending_drafts;
  SapaEscalationNotifier *notifier;

  AdwToastOverlay        *toast_overlay;
  AdwViewStack           *stack;
  AdwHeaderBar           *header_bar;
  AdwViewSwitcherTitle   *switcher_title;
  GtkLabel               *station_label;
  GtkLabel               *desk_label;

  /* Each section's page, or NULL until the section is first shown or
   * needed. The stack contains an AdwBin per section, which gets the page. */
  SapaServicePage        *service_page;
  SapaTicketsPage        *tickets_page;
  SapaSnsPage            *sns_page;
  SapaEscalationsPage    *escalations_page;
  SapaReportsPage        *reports_page;

  gboolean                quit_unsaved;   /* the officer chose to quit with steps not saved */
  guint                   check_timeout;
};

/* sapa-window-sections.c */
void             sapa_window_add_sections          (SapaWindow     *self);
void             sapa_window_build_visible_section (SapaWindow     *self);
GtkWidget       *sapa_window_show_section          (SapaWindow     *self,
                                                    const char     *name);
SapaServicePage *sapa_window_get_service_page      (SapaWindow     *self);
void             sapa_window_class_add_sections    (GtkWidgetClass *widget_class);

G_END_DECLS
