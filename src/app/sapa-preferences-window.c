/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-preferences-window.c: the desk's preferences */

#define G_LOG_DOMAIN "sapa-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-preferences-window.h"
#include "sapa-station-dialog.h"

struct _SapaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkSpinButton        *targets[2][3];   /* [pre-booked, walk-in][80 %, 90 %, 100 %] */

  AdwActionRow         *station_row;
  GtkBox               *prebooked_box;
  GtkBox               *walk_in_box;
  GtkSpinButton        *notify_spin;
  AdwEntryRow          *server_row;
  GtkSpinButton        *interval_spin;
  AdwEntryRow          *printer_row;
  GtkSpinButton        *copies_spin;
  GtkSwitch            *direct_switch;
  AdwComboRow          *language_row;
  AdwComboRow          *scope_row;
  GtkSwitch            *notify_switch;
};

/* The languages of the language row, in its order. */
static const char * const languages[] = { "", "id", "en" };

G_DEFINE_FINAL_TYPE (SapaPreferencesWindow, sapa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const target_keys[2] = { "sns-targets-prebooked", "sns-targets-walk-in" };

static void
update_station_row (SapaPreferencesWindow *self)
{
  g_autofree char *airport = g_settings_get_string (self->settings, "airport");
  g_autofree char *officer = g_settings_get_string (self->settings, "officer");
  g_autofree char *text = NULL;

  /* Translators: airport code, desk number and officer, as in the header. */
  text = g_strdup_printf (_("%s · Desk %02u · %s"), airport,
                          g_settings_get_uint (self->settings, "workstation"), officer);
  adw_action_row_set_subtitle (self->station_row, text);
}

/* An address takes effect once applied, not at every key press. */
static void
server_applied_cb (SapaPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autoptr(GUri) uri = NULL;

  if (*url != '\0')
    {
      uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL ||
          (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
        {
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            adw_toast_new (_("Write the server address in full, for example https://sapa.example.co.id:8443.")));
          return;
        }
    }
  g_settings_set_string (self->settings, "server-url", url);
}

static void
printer_applied_cb (SapaPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->printer_row))));

  g_settings_set_string (self->settings, "receipt-printer", name);
}

static void
language_selected_cb (SapaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (languages))
    g_settings_set_string (self->settings, "language", languages[selected]);
}

static void
station_activated_cb (SapaPreferencesWindow *self)
{
  SapaStationDialog *dialog = sapa_station_dialog_new (self->settings, FALSE);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saves a row of three targets, but only in increasing order: the 80 %
 * target cannot exceed the 100 % limit. */
static void
target_changed_cb (GtkSpinButton         *spin,
                   SapaPreferencesWindow *self)
{
  for (guint row = 0; row < 2; row++)
    {
      guint32 minutes[3];
      gboolean mine = FALSE;

      for (guint i = 0; i < 3; i++)
        {
          minutes[i] = (guint32) gtk_spin_button_get_value_as_int (self->targets[row][i]);
          mine |= self->targets[row][i] == spin;
        }
      if (!mine)
        continue;

      if (minutes[0] <= minutes[1] && minutes[1] <= minutes[2])
        {
          gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
          g_settings_set_value (self->settings, target_keys[row],
                                g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, minutes, 3,
                                                           sizeof (guint32)));
        }
      else
        gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
    }
}

static void
build_targets (SapaPreferencesWindow *self)
{
  static const char *shares[3] = { "80 %", "90 %", "100 %" };
  GtkBox *boxes[2] = { self->prebooked_box, self->walk_in_box };

  for (guint row = 0; row < 2; row++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (self->settings, target_keys[row]);
      gsize n = 0;
      const guint32 *minutes = g_variant_get_fixed_array (value, &n, sizeof (guint32));

      for (guint i = 0; i < 3; i++)
        {
          GtkWidget *spin = gtk_spin_button_new_with_range (1, 240, 1);
          g_autofree char *name = NULL;

          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), i < n ? minutes[i] : 0);
          /* Translators: the accessible name of one target, e.g. "80 % served within (minutes)". */
          name = g_strdup_printf (_("%s served within (minutes)"), shares[i]);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_widget_set_tooltip_text (spin, name);
          g_signal_connect (spin, "value-changed", G_CALLBACK (target_changed_cb), self);
          gtk_box_append (boxes[row], spin);
          self->targets[row][i] = GTK_SPIN_BUTTON (spin);
        }
    }
}

/* The queue's scope, in the combo row's order. */
static const char * const scopes[] = { "airport", "all" };

static gboolean
scope_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *scope = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_strcmp0 (scope, scopes[1]) == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
row_to_scope (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (scopes[selected < G_N_ELEMENTS (scopes) ? selected : 0]);
}

static void
sapa_preferences_window_dispose (GObject *object)
{
  SapaPreferencesWindow *self = SAPA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sapa_preferences_window_parent_class)->dispose (object);
}

static void
sapa_preferences_window_class_init (SapaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, station_row);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, prebooked_box);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, walk_in_box);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, notify_spin);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, scope_row);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_callback (widget_class, station_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, server_applied_cb);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, printer_row);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, direct_switch);
  gtk_widget_class_bind_template_child (widget_class, SapaPreferencesWindow, language_row);
  gtk_widget_class_bind_template_callback (widget_class, printer_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_selected_cb);
}

static void
sapa_preferences_window_init (SapaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SapaPreferencesWindow *
sapa_preferences_window_new (GSettings *settings)
{
  SapaPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SAPA_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "receipt-copies",
                   gtk_spin_button_get_adjustment (self->copies_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "receipt-direct", self->direct_switch, "active", G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *printer = g_settings_get_string (settings, "receipt-printer");
    g_autofree char *language = g_settings_get_string (settings, "language");

    gtk_editable_set_text (GTK_EDITABLE (self->printer_row), printer);
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      if (g_str_equal (language, languages[i]))
        adw_combo_row_set_selected (self->language_row, i);
  }
  g_settings_bind (settings, "sync-interval",
                   gtk_spin_button_get_adjustment (self->interval_spin), "value", G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *url = g_settings_get_string (settings, "server-url");

    gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  }
  g_settings_bind (settings, "sns-notify-minutes",
                   gtk_spin_button_get_adjustment (self->notify_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "escalation-scope", self->scope_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scope_to_row, row_to_scope, NULL, NULL);
  g_settings_bind (settings, "escalation-notify", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed", G_CALLBACK (update_station_row), self, G_CONNECT_SWAPPED);
  update_station_row (self);
  build_targets (self);

  return self;
}
