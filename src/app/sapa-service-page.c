/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-service-page.c: the Service section: choose a channel, run its flow */

#define G_LOG_DOMAIN "sapa-service-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-service-page.h"
#include "sapa-wizard-view.h"

struct _SapaServicePage
{
  GtkWidget    parent_instance;

  SapaContext *context;

  GtkStack    *stack;
  GtkListBox  *channel_list;
  AdwBin      *wizard_bin;
};

G_DEFINE_FINAL_TYPE (SapaServicePage, sapa_service_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wizard_closed_cb (SapaServicePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The focus and the default widget must leave the wizard before it is
   * destroyed: GTK 4.8 keeps dangling pointers to them otherwise. */
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_focus (GTK_WINDOW (root), NULL);
      gtk_window_set_default_widget (GTK_WINDOW (root), NULL);
    }
  gtk_stack_set_visible_child_name (self->stack, "start");
  adw_bin_set_child (self->wizard_bin, NULL);
  sapa_service_page_focus (self);
}

static void
show_wizard (SapaServicePage *self,
             SapaWizard      *wizard)
{
  SapaWizardView *view = sapa_wizard_view_new (self->context, wizard);

  g_signal_connect_object (view, "closed", G_CALLBACK (wizard_closed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->wizard_bin, GTK_WIDGET (view));
  gtk_stack_set_visible_child_name (self->stack, "wizard");
  sapa_wizard_view_focus (view);
}

void
sapa_service_page_start (SapaServicePage *self,
                         const char      *flow_id)
{
  const SapaFlow *flow = sapa_flow_lookup (flow_id);
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  g_autoptr(SapaWizard) wizard = NULL;

  g_return_if_fail (SAPA_IS_SERVICE_PAGE (self));
  g_return_if_fail (flow != NULL);

  /* The server would refuse what such a user records, after the work. */
  if (!sapa_context_records_procedures (self->context))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  _("Your account answers and reviews tickets but does not record new services. Sign in as an officer to serve a person."));
      return;
    }

  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  wizard = sapa_wizard_new (flow, airport, sapa_context_get_workstation (self->context), officer);
  show_wizard (self, wizard);
}

void
sapa_service_page_start_with_values (SapaServicePage *self,
                                     const char      *flow_id,
                                     GVariant        *values)
{
  const SapaFlow *flow = sapa_flow_lookup (flow_id);
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  g_autoptr(SapaWizard) wizard = NULL;
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (SAPA_IS_SERVICE_PAGE (self));
  g_return_if_fail (flow != NULL);

  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  wizard = sapa_wizard_new (flow, airport, sapa_context_get_workstation (self->context), officer);

  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    sapa_wizard_set_value (wizard, key, value);

  show_wizard (self, wizard);
}

void
sapa_service_page_resume (SapaServicePage *self,
                          SapaWizard      *wizard)
{
  g_return_if_fail (SAPA_IS_SERVICE_PAGE (self));
  g_return_if_fail (SAPA_IS_WIZARD (wizard));

  show_wizard (self, wizard);
}

SapaWizardView *
sapa_service_page_get_wizard_view (SapaServicePage *self)
{
  GtkWidget *view;

  g_return_val_if_fail (SAPA_IS_SERVICE_PAGE (self), NULL);

  view = adw_bin_get_child (self->wizard_bin);
  return SAPA_IS_WIZARD_VIEW (view) ? SAPA_WIZARD_VIEW (view) : NULL;
}

void
sapa_service_page_focus (SapaServicePage *self)
{
  GtkWidget *view;

  g_return_if_fail (SAPA_IS_SERVICE_PAGE (self));

  view = adw_bin_get_child (self->wizard_bin);
  if (SAPA_IS_WIZARD_VIEW (view))
    sapa_wizard_view_focus (SAPA_WIZARD_VIEW (view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->channel_list, 0)));
}

static void
channel_activated_cb (SapaServicePage *self,
                      GtkListBoxRow   *row)
{
  sapa_service_page_start (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
sapa_service_page_dispose (GObject *object)
{
  SapaServicePage *self = SAPA_SERVICE_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_SERVICE_PAGE);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_service_page_parent_class)->dispose (object);
}

static void
sapa_service_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SapaServicePage *self = SAPA_SERVICE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_service_page_class_init (SapaServicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_service_page_dispose;
  object_class->set_property = sapa_service_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-service-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaServicePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SapaServicePage, channel_list);
  gtk_widget_class_bind_template_child (widget_class, SapaServicePage, wizard_bin);
  gtk_widget_class_bind_template_callback (widget_class, channel_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_service_page_init (SapaServicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->channel_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    sapa_a11y_describe_row (ADW_ACTION_ROW (row));
}

SapaServicePage *
sapa_service_page_new (SapaContext *context)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_SERVICE_PAGE, "context", context, NULL);
}
