/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-window-sections.c: the main window's sections, each built when it is first shown */

#define G_LOG_DOMAIN "sapa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-window-private.h"

/* The sections in the view switcher's order. The stack gets an empty
 * AdwBin for each, and a section's page is built into its bin the first
 * time the section is shown or its page is needed. A hidden page would
 * otherwise cost its template, its styles and the measuring of its text
 * before the window's first frame. */
static const struct {
  const char *name;
  const char *title;
  const char *icon_name;
} sections[] = {
  { "service", N_("Service"), "system-users-symbolic" },
  { "tickets", N_("Tickets"), "view-list-symbolic" },
  { "sns", N_("Special Needs"), "preferences-desktop-accessibility-symbolic" },
  { "reports", N_("Reports"), "x-office-spreadsheet-symbolic" },
  { "escalations", N_("Escalations"), "mail-forward-symbolic" },
};

static GtkWidget *
create_page (SapaWindow *self,
             const char *name)
{
  if (g_str_equal (name, "service"))
    {
      self->service_page = sapa_service_page_new (self->context);
      return GTK_WIDGET (self->service_page);
    }
  if (g_str_equal (name, "tickets"))
    {
      self->tickets_page = sapa_tickets_page_new (self->context);
      return GTK_WIDGET (self->tickets_page);
    }
  if (g_str_equal (name, "sns"))
    {
      self->sns_page = sapa_sns_page_new (self->context);
      return GTK_WIDGET (self->sns_page);
    }
  if (g_str_equal (name, "reports"))
    {
      self->reports_page = sapa_reports_page_new (self->context);
      return GTK_WIDGET (self->reports_page);
    }
  if (g_str_equal (name, "escalations"))
    {
      self->escalations_page = sapa_escalations_page_new (self->context, self->notifier);
      return GTK_WIDGET (self->escalations_page);
    }
  g_return_val_if_reached (NULL);
}

/* Returns the page of the section @name, and builds it first unless it
 * is built already. */
static GtkWidget *
ensure_page (SapaWindow *self,
             const char *name)
{
  AdwBin *bin = ADW_BIN (adw_view_stack_get_child_by_name (self->stack, name));
  GtkWidget *page = adw_bin_get_child (bin);

  if (page != NULL)
    return page;

  g_debug ("Building the section %s", name);
  page = create_page (self, name);
  adw_bin_set_child (bin, page);
  sapa_a11y_fix_mnemonic_buttons (page);
  return page;
}

/* Shows the section @name and returns its page, built if needed. */
GtkWidget *
sapa_window_show_section (SapaWindow *self,
                          const char *name)
{
  GtkWidget *page = ensure_page (self, name);

  adw_view_stack_set_visible_child_name (self->stack, name);
  return page;
}

/* Returns the Service section's page, built if needed but not shown. */
SapaServicePage *
sapa_window_get_service_page (SapaWindow *self)
{
  return SAPA_SERVICE_PAGE (ensure_page (self, "service"));
}

/* Builds the page of the visible section for the window's first frame.
 * A Service page built here takes the keyboard focus, because a section
 * shown through its action got the focus there already. */
void
sapa_window_build_visible_section (SapaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  GtkWidget *bin = adw_view_stack_get_visible_child (self->stack);

  if (name == NULL || adw_bin_get_child (ADW_BIN (bin)) != NULL)
    return;

  ensure_page (self, name);
  if (g_str_equal (name, "service"))
    sapa_service_page_focus (self->service_page);
}

static void
visible_section_changed_cb (SapaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  /* A section chosen in the view switcher is built here, and one shown
   * through sapa_window_show_section() is built already. */
  if (name != NULL)
    ensure_page (self, name);
}

/* The largest overdue count the Escalations badge shows. A view switcher
 * button writes its badge number in full up to 999, then "999+"
 * (get_badge_text() in libadwaita's adw-view-switcher-button.c), and
 * three digits cover the section's icon, so a larger count shows as the
 * attention dot. The badge has no API for a text such as "99+". */
#define MAX_BADGE_NUMBER 99

/* Shows the overdue escalations, shown or not, on the Escalations
 * section's badge, and gives their exact count in the section's
 * accessible description. The notifier counts them whether or not the
 * section's page is built. */
static void
update_escalations_badge (SapaWindow *self)
{
  GtkWidget *section = adw_view_stack_get_child_by_name (self->stack, "escalations");
  AdwViewStackPage *page = adw_view_stack_get_page (self->stack, section);
  guint overdue = sapa_escalation_notifier_get_overdue_count (self->notifier);
  g_autofree char *description = NULL;

  adw_view_stack_page_set_badge_number (page, overdue <= MAX_BADGE_NUMBER ? overdue : 0);
  adw_view_stack_page_set_needs_attention (page, overdue > MAX_BADGE_NUMBER);

  if (overdue == 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (section), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue escalation",
                                              "%u overdue escalations", overdue),
                                 overdue);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Adds every section to the stack, with no page built yet. */
void
sapa_window_add_sections (SapaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, adw_bin_new (), sections[i].name,
                                                          _(sections[i].title));

      adw_view_stack_page_set_icon_name (page, sections[i].icon_name);
    }

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (visible_section_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "notify::overdue-count",
                           G_CALLBACK (update_escalations_badge), self, G_CONNECT_SWAPPED);
  update_escalations_badge (self);
}

/* Actions */

static void
show_tickets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *page = sapa_window_show_section (SAPA_WINDOW (widget), "tickets");

  sapa_tickets_page_focus_search (SAPA_TICKETS_PAGE (page));
}

/* The shortcut to a section also moves the keyboard focus there, because
 * it would otherwise stay on a widget of the section just hidden. */
static void
show_sns_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkWidget *page = sapa_window_show_section (SAPA_WINDOW (widget), "sns");

  sapa_sns_page_focus (SAPA_SNS_PAGE (page));
}

static void
show_escalations_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  sapa_window_show_section (SAPA_WINDOW (widget), "escalations");
}

static void
show_reports_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sapa_window_show_section (SAPA_WINDOW (widget), "reports");
}

static void
show_service_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *page = sapa_window_show_section (SAPA_WINDOW (widget), "service");

  sapa_service_page_focus (SAPA_SERVICE_PAGE (page));
}

/* Installs the actions that show a section, with their shortcuts: Alt+1
 * to Alt+5 in the switcher's order, and Ctrl+F for the ticket search. */
void
sapa_window_class_add_sections (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-service", NULL, show_service_action);
  gtk_widget_class_install_action (widget_class, "win.show-tickets", NULL, show_tickets_action);
  gtk_widget_class_install_action (widget_class, "win.show-sns", NULL, show_sns_action);
  gtk_widget_class_install_action (widget_class, "win.show-reports", NULL, show_reports_action);
  gtk_widget_class_install_action (widget_class, "win.show-escalations", NULL, show_escalations_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-service", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-tickets", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.show-tickets", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-sns", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-reports", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-escalations", NULL);
}
