/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-view-private.h: SapaWizardView's fields and the functions its files share */
#pragma once

#include <adwaita.h>

#include "sapa-wizard-view.h"

G_BEGIN_DECLS

struct _SapaWizardView
{
  GtkWidget             parent_instance;

  SapaContext          *context;
  SapaWizard           *wizard;
  GCancellable         *cancellable;
  GPtrArray            *unsaved;        /* SapaActivity not yet in the store */
  GPtrArray            *field_rows;     /* SapaFieldRow of the current step */
  GtkWidget            *primary_button;
  GList                *readback_rows;
  char                 *report_number;
  SapaTicket           *ticket;         /* as last recorded */
  guint                 draft_timeout;
  guint                 history_timeout;
  GCancellable         *history_cancellable;
  guint                 n_sending;      /* unsaved activities in the running recording */
  gboolean              saving;
  gboolean              record_failed;    /* the last recording failed; the officer may retry */

  GtkLabel             *flow_label;
  GtkLabel             *progress_label;
  GtkLabel             *number_label;
  GtkDropDown          *channel_dropdown;
  GtkWidget            *park_button;
  GtkProgressBar       *progress_bar;
  GtkStack             *content_stack;
  GtkScrolledWindow    *step_scroller;
  GtkLabel             *step_label;
  GtkWidget            *script_box;
  GtkLabel             *script_label;
  AdwPreferencesGroup  *readback_group;
  GtkBox               *fields_box;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *history_group;
  GtkListBox           *history_list;
  GtkLabel             *done_number_label;
  GtkLabel             *done_summary_label;
  GtkWidget            *new_service_button;
  AdwStatusPage        *done_page;
  GtkWidget            *done_retry_button;
  GtkWidget            *receipt_box;
  GtkWidget            *message_box;
  GtkLabel             *message_label;
  GtkWidget            *cancel_button;
  GtkBox               *branch_box;
  GtkSpinner           *saving_spinner;
};

/* sapa-wizard-view.c */

/* Takes the branch @branch_id of the current step unless a recording
 * runs: validates the step (unless the branch skips validation), moves
 * the wizard on, renders the next step or the done page, and records the
 * steps not yet in the store. */
void sapa_wizard_view_advance                 (SapaWizardView *self,
                                               const char     *branch_id);
void sapa_wizard_view_emit_closed             (SapaWizardView *self);

/* sapa-wizard-view-actions.c */

void sapa_wizard_view_show_handover           (SapaWizardView *self);
/* Installs the wizard.* actions and binds Escape to wizard.cancel. */
void sapa_wizard_view_class_install_actions   (GtkWidgetClass *widget_class);

/* sapa-wizard-view-history.c */

/* Empties and hides the list of the person's earlier tickets. */
void sapa_wizard_view_clear_history           (SapaWizardView *self);
/* Restarts the delay after which the person's earlier tickets are
 * looked up by the phone, email or account typed so far. */
void sapa_wizard_view_schedule_history_lookup (SapaWizardView *self);

G_END_DECLS
