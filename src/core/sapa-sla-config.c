/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla-config.c: the SLA targets, calendars and thresholds a desk uses */

#define G_LOG_DOMAIN "sapa-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-sla-config.h"
#include "sapa-sla-private.h"

#define DUE_SOON_GROUP "due-soon"

struct _SapaSlaConfig
{
  gatomicrefcount   ref_count;
  SapaSlaPolicy    *policy;
  GHashTable       *calendars;   /* IATA code to SapaSlaCalendar */
  SapaSlaThreshold  threshold;
  char             *problem;
};

static SapaSlaConfig *
config_alloc (void)
{
  SapaSlaConfig *self = g_new0 (SapaSlaConfig, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->calendars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) sapa_sla_calendar_free);
  self->threshold = SAPA_SLA_THRESHOLD_DEFAULT;
  return self;
}

SapaSlaConfig *
sapa_sla_config_ref (SapaSlaConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sapa_sla_config_unref (SapaSlaConfig *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->policy, sapa_sla_policy_free);
  g_hash_table_unref (self->calendars);
  g_free (self->problem);
  g_free (self);
}

/* Makes the calendar of every airport of the table, so that a lookup
 * never builds one while other threads read the config. */
static gboolean
add_calendars (SapaSlaConfig  *self,
               GKeyFile       *key_file,
               GError        **error)
{
  guint n_airports;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);

  for (guint i = 0; i < n_airports; i++)
    {
      SapaSlaCalendar *calendar = sapa_sla_calendar_new_for_airport (airports[i].iata, key_file, error);

      if (calendar == NULL)
        return FALSE;
      g_hash_table_insert (self->calendars, (gpointer) airports[i].iata, calendar);
    }

  return TRUE;
}

SapaSlaConfig *
sapa_sla_config_new (void)
{
  SapaSlaConfig *self = config_alloc ();
  g_autoptr(GError) error = NULL;

  self->policy = sapa_sla_policy_new ();
  /* The built-in calendars use only zones of the airport table, which
   * test-airport loads, so this fails only without the zone data. */
  if (!add_calendars (self, NULL, &error))
    g_critical ("The built-in SLA calendars failed: %s", error->message);
  return self;
}

/* Rejects a group that no reader of the file uses, so a misspelt group
 * name is reported instead of silently ignored. */
static gboolean
check_groups (GKeyFile  *key_file,
              GError   **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (g_str_has_prefix (group, "sla/") ||
          g_str_equal (group, "calendar") ||
          g_str_equal (group, DUE_SOON_GROUP))
        continue;

      if (g_str_has_prefix (group, "calendar/"))
        {
          const SapaAirport *airport = sapa_airport_lookup (group + strlen ("calendar/"));

          /* The calendar reader looks the group up by the table's code,
           * so "calendar/djj" would never apply. */
          if (airport != NULL && g_str_equal (airport->iata, group + strlen ("calendar/")))
            continue;

          g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                       _("The group “%s” names no airport of the airport table. Write calendar/ and the airport's IATA code in capitals, for example calendar/DJJ."),
                       group);
          return FALSE;
        }

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The group “%s” is not known. The file may contain the groups sla/CHANNEL/CATEGORY, calendar, calendar/IATA and due-soon."),
                   group);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_number (GKeyFile    *key_file,
             const char  *key,
             guint        max,
             guint       *out_value,
             GError     **error)
{
  g_autofree char *value = g_key_file_get_value (key_file, DUE_SOON_GROUP, key, NULL);
  guint64 number;

  if (value == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The value “%s” of key “%s” in group “%s” is not valid. Write a whole number from 0 to %u."),
                   value, key, DUE_SOON_GROUP, max);
      return FALSE;
    }

  *out_value = number;
  return TRUE;
}

static gboolean
load_threshold (SapaSlaConfig  *self,
                GKeyFile       *key_file,
                GError        **error)
{
  static const char * const known_keys[] = { "percent", "minutes", NULL };

  if (!g_key_file_has_group (key_file, DUE_SOON_GROUP))
    return TRUE;

  return sapa_sla_check_keys (key_file, DUE_SOON_GROUP, known_keys, error) &&
         load_number (key_file, "percent", 100, &self->threshold.percent, error) &&
         load_number (key_file, "minutes", SAPA_SLA_MAX_MINUTES, &self->threshold.minutes, error);
}

SapaSlaConfig *
sapa_sla_config_new_from_key_file (GKeyFile  *key_file,
                                   GError   **error)
{
  g_autoptr(SapaSlaConfig) self = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = config_alloc ();
  self->policy = sapa_sla_policy_new ();

  if (!check_groups (key_file, error) ||
      !sapa_sla_policy_load_key_file (self->policy, key_file, error) ||
      !add_calendars (self, key_file, error) ||
      !load_threshold (self, key_file, error))
    return NULL;

  return g_steal_pointer (&self);
}

SapaSlaConfig *
sapa_sla_config_load (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  SapaSlaConfig *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return sapa_sla_config_new ();
    }
  else
    {
      self = sapa_sla_config_new_from_key_file (key_file, &error);
      if (self != NULL)
        {
          g_info ("Read the SLA settings from %s", path);
          return self;
        }
    }

  g_message ("The SLA settings in %s are not used: %s", path, error->message);
  self = sapa_sla_config_new ();
  /* Translators: %s is a file path, then the reason. */
  self->problem = g_strdup_printf (_("The SLA settings file “%s” is invalid, so Sapa uses the built-in targets and business hours until it is corrected: %s"),
                                   path, error->message);
  return self;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_task_return_pointer (task, sapa_sla_config_load (task_data),
                         (GDestroyNotify) sapa_sla_config_unref);
}

void
sapa_sla_config_load_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_sla_config_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_in_thread);
}

SapaSlaConfig *
sapa_sla_config_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
sapa_sla_config_get_problem (const SapaSlaConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problem;
}

const SapaSlaPolicy *
sapa_sla_config_get_policy (const SapaSlaConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->policy;
}

const SapaSlaCalendar *
sapa_sla_config_get_calendar (const SapaSlaConfig *self,
                              const char          *iata)
{
  const SapaAirport *airport;

  g_return_val_if_fail (self != NULL, NULL);

  airport = sapa_airport_lookup (iata);
  return airport != NULL ? g_hash_table_lookup (self->calendars, airport->iata) : NULL;
}

const SapaSlaThreshold *
sapa_sla_config_get_threshold (const SapaSlaConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->threshold;
}
