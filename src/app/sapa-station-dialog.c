/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-station-dialog.c: the airport, desk and officer of this workstation */

#define G_LOG_DOMAIN "sapa-station-dialog"
#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-station-dialog.h"
#include "sapa-text.h"

struct _SapaStationDialog
{
  AdwWindow       parent_instance;

  GSettings      *settings;
  gboolean        first_run;

  GtkWidget      *cancel_button;
  GtkWidget      *save_button;
  AdwComboRow    *airport_row;
  GtkSpinButton  *workstation_spin;
  AdwEntryRow    *officer_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (SapaStationDialog, sapa_station_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SapaStationDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
officer_changed_cb (SapaStationDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->officer_row), "error");
  show_error (self, NULL);
}

static void
save_clicked_cb (SapaStationDialog *self)
{
  guint n_airports;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);
  guint selected = adw_combo_row_get_selected (self->airport_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *officer = NULL;

  if (selected == 0 || selected > n_airports)
    {
      show_error (self, _("Choose the airport of this workstation."));
      gtk_widget_grab_focus (GTK_WIDGET (self->airport_row));
      return;
    }

  if (!sapa_name_validate (gtk_editable_get_text (GTK_EDITABLE (self->officer_row)),
                           &officer, &error))
    {
      show_error (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->officer_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->officer_row));
      return;
    }

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "airport", airports[selected - 1].iata);
  g_settings_set_uint (self->settings, "workstation",
                       (guint) gtk_spin_button_get_value_as_int (self->workstation_spin));
  g_settings_set_string (self->settings, "officer", officer);
  g_settings_apply (self->settings);

  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
load_values (SapaStationDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *airport = g_settings_get_string (self->settings, "airport");
  g_autofree char *officer = g_settings_get_string (self->settings, "officer");
  guint workstation = g_settings_get_uint (self->settings, "workstation");
  guint n_airports;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);
  guint selected = 0;

  gtk_string_list_append (labels, _("Choose…"));
  for (guint i = 0; i < n_airports; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s · %s, %s, %s (%s)", airports[i].iata,
                                                airports[i].name, airports[i].city, airports[i].province,
                                                sapa_time_zone_abbreviation (airports[i].time_zone));

      gtk_string_list_append (labels, label);
      if (g_strcmp0 (airports[i].iata, airport) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->airport_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->airport_row, selected);
#if ADW_CHECK_VERSION (1, 4, 0)
  /* Typing in the open list finds an airport among the 48; libadwaita
   * 1.2 has no such search. */
  adw_combo_row_set_expression (self->airport_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  adw_combo_row_set_enable_search (self->airport_row, TRUE);
#endif
  gtk_spin_button_set_value (self->workstation_spin, MAX (workstation, 1));
  gtk_editable_set_text (GTK_EDITABLE (self->officer_row), officer);
}

static void
sapa_station_dialog_dispose (GObject *object)
{
  SapaStationDialog *self = SAPA_STATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_STATION_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sapa_station_dialog_parent_class)->dispose (object);
}

static void
sapa_station_dialog_class_init (SapaStationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_station_dialog_dispose;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-station-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, airport_row);
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, workstation_spin);
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, officer_row);
  gtk_widget_class_bind_template_child (widget_class, SapaStationDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, officer_changed_cb);
}

static void
sapa_station_dialog_init (SapaStationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

/* The three values are saved together through delay mode, which a
 * GSettings object never leaves; so the dialog works on its own object
 * over the same backend, and the app's object stays immediate. */
static GSettings *
settings_for_batch (GSettings *shared)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *schema_id = NULL;
  g_autofree char *path = NULL;

  g_object_get (shared, "backend", &backend, "schema-id", &schema_id, "path", &path, NULL);
  return g_settings_new_with_backend_and_path (schema_id, backend, path);
}

SapaStationDialog *
sapa_station_dialog_new (GSettings *settings,
                         gboolean   first_run)
{
  SapaStationDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SAPA_TYPE_STATION_DIALOG, NULL);
  self->settings = settings_for_batch (settings);
  self->first_run = first_run;

  gtk_window_set_title (GTK_WINDOW (self),
                        first_run ? _("Set Up This Workstation") : _("Preferences"));
  gtk_widget_set_visible (self->cancel_button, !first_run);
  gtk_window_set_deletable (GTK_WINDOW (self), !first_run);
  /* Without a desk set up there is nothing to return to: Escape must not
   * close the first-run setup. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", !first_run);
  load_values (self);
  /* Enter in the officer's name saves, like a form's default button. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  adw_entry_row_set_activates_default (self->officer_row, TRUE);

  return self;
}
