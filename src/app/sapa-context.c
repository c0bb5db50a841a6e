/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-context.c: what every window and page of the app shares */

#define G_LOG_DOMAIN "sapa-context"
#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>

#include "sapa-airport.h"
#include "sapa-context.h"
#include "sapa-report-number.h"

struct _SapaContext
{
  GObject    parent_instance;

  SapaStore *store;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (SapaContext, sapa_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  SIGNAL_TICKET_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sapa_context_dispose (GObject *object)
{
  SapaContext *self = SAPA_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sapa_context_parent_class)->dispose (object);
}

static void
sapa_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SapaContext *self = SAPA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SapaContext *self = SAPA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_context_class_init (SapaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sapa_context_dispose;
  object_class->get_property = sapa_context_get_property;
  object_class->set_property = sapa_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SAPA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_TICKET_RECORDED] =
    g_signal_new ("ticket-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SAPA_TYPE_TICKET);
}

static void
sapa_context_init (SapaContext *self)
{
}

SapaContext *
sapa_context_new (SapaStore *store,
                  GSettings *settings)
{
  g_return_val_if_fail (SAPA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SAPA_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

SapaStore *
sapa_context_get_store (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return self->store;
}

GSettings *
sapa_context_get_settings (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return self->settings;
}

char *
sapa_context_dup_airport (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return g_settings_get_string (self->settings, "airport");
}

guint
sapa_context_get_workstation (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), 0);
  return g_settings_get_uint (self->settings, "workstation");
}

char *
sapa_context_dup_officer (SapaContext *self)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (self), NULL);
  return g_settings_get_string (self->settings, "officer");
}

gboolean
sapa_context_is_configured (SapaContext *self)
{
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;
  guint workstation;

  g_return_val_if_fail (SAPA_IS_CONTEXT (self), FALSE);

  airport = sapa_context_dup_airport (self);
  officer = sapa_context_dup_officer (self);
  workstation = sapa_context_get_workstation (self);

  return sapa_airport_lookup (airport) != NULL &&
         workstation >= SAPA_WORKSTATION_MIN && workstation <= SAPA_WORKSTATION_MAX &&
         *officer != '\0';
}

void
sapa_context_ticket_recorded (SapaContext *self,
                              SapaTicket  *ticket)
{
  g_return_if_fail (SAPA_IS_CONTEXT (self));
  g_signal_emit (self, signals[SIGNAL_TICKET_RECORDED], 0, ticket);
}

char *
sapa_context_dup_data_dir (void)
{
  const char *dir = g_getenv ("SAPA_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "sapa", NULL);
}

GSettings *
sapa_context_create_settings (void)
{
  const char *dir = g_getenv ("SAPA_DATA_DIR");
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return g_settings_new (APPLICATION_ID);

  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "settings.ini", NULL);
  backend = g_keyfile_settings_backend_new (path, "/id/sapa/Sapa/", "sapa");
  return g_settings_new_with_backend (APPLICATION_ID, backend);
}
