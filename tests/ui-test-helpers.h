/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-helpers.h: driving Sapa's real widgets from the UI suites */
#pragma once

#include <adwaita.h>

#include "sapa-context.h"
#include "sapa-window.h"
#include "sapa-wizard-view.h"

G_BEGIN_DECLS

/* The application every test window belongs to; main() creates it. */
extern GtkApplication *test_application;

typedef struct {
  char            *dir;
  SapaStore       *store;
  GSettings       *settings;
  SapaContext     *context;
  GtkApplication  *application;
  SapaWindow      *window;
} Fixture;

void            fixture_set_up       (Fixture       *fixture,
                                      gconstpointer  data);
void            fixture_tear_down    (Fixture       *fixture,
                                      gconstpointer  data);
void            fixture_open_window  (Fixture       *fixture);
void            fixture_close_window (Fixture       *fixture);

/* Runs the main loop until @check returns TRUE; fails after 10 s. */
void            wait_until           (gboolean     (*check) (gpointer data),
                                      gpointer       data,
                                      const char    *what);
void            run_loop_for         (guint          milliseconds);

GtkWidget      *find_widget          (GtkWidget     *root,
                                      const char    *name,
                                      GType          type);
GtkWidget      *find_type            (GtkWidget     *root,
                                      GType          type);
GtkWidget      *find_class           (GtkWidget     *root,
                                      const char    *css_class);
GtkWidget      *find_input           (GtkWidget     *root,
                                      const char    *name);
GtkWidget      *find_toplevel        (GType          type);
gboolean        dialog_shown         (gpointer       data);
GtkWidget      *wait_for_widget      (Fixture       *fixture,
                                      const char    *name,
                                      GType          type);
void            save_screenshot      (Fixture       *fixture,
                                      const char    *name);

SapaWizardView *get_wizard_view      (Fixture       *fixture);
/* Types @value into field @key; a choice field takes the choice's id. */
void            fill                 (Fixture       *fixture,
                                      const char    *key,
                                      const char    *value);
/* Clicks the button of @branch and waits until the wizard is at @next
 * (NULL: finished) and the step is saved. */
void            take                 (Fixture       *fixture,
                                      const char    *branch,
                                      const char    *next);
void            start_flow           (Fixture       *fixture,
                                      const char    *flow_id);
const char     *done_number          (Fixture       *fixture);

/* Searches the Tickets section for @text and returns its only ticket. */
SapaTicket     *search_one           (Fixture       *fixture,
                                      const char    *text);
void            show_first_ticket    (Fixture       *fixture);
void            run_action           (Fixture       *fixture,
                                      const char    *ticket_id,
                                      const char    *action_id,
                                      const char    *key,
                                      const char    *value,
                                      const char    *branch,
                                      const char    *status);

void            tick                 (Fixture       *fixture,
                                      const char    *key,
                                      const char    *id);
void            choose_channel       (Fixture       *fixture,
                                      const char    *channel);
void            park                 (Fixture       *fixture);
void            resume_from_ticket   (Fixture       *fixture,
                                      const char    *step);

/* Sets up gettext, GTK, libadwaita and test_application for a UI suite. */
void            ui_test_init         (int           *argc,
                                      char        ***argv);

G_END_DECLS
