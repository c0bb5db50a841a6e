/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla-policy.c: SLA targets per channel and category */

#define G_LOG_DOMAIN "sapa-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-error.h"
#include "sapa-sla.h"
#include "sapa-sla-private.h"

/* Maximum length of a channel or category id in a group name, in bytes. */
#define MAX_ID_LENGTH 64

struct _SapaSlaPolicy {
  /* "CHANNEL/CATEGORY" to SapaSlaTarget, where either part may be "*". */
  GHashTable *rows;
};

typedef struct {
  const char    *channel;
  const char    *category;
  SapaSlaTarget  target;
} DefaultRow;

/* NOTE: the operator has published no SLA table yet, so these rows are
 * starting values for an administrator to override. The contact centre
 * channels count around the clock, on the assumption that Dial 172 is
 * staffed 24 hours. Everything else counts in the airport's business
 * hours, where 1620 minutes are three 9-hour days. */
static const DefaultRow default_rows[] = {
  { "*", "*", { { 60, SAPA_SLA_HOURS_BUSINESS }, { 1620, SAPA_SLA_HOURS_BUSINESS } } },
  { "phone", "*", { { 15, SAPA_SLA_HOURS_24X7 }, { 1440, SAPA_SLA_HOURS_24X7 } } },
  { "live_chat", "*", { { 15, SAPA_SLA_HOURS_24X7 }, { 1440, SAPA_SLA_HOURS_24X7 } } },
  { "email", "*", { { 120, SAPA_SLA_HOURS_24X7 }, { 2880, SAPA_SLA_HOURS_24X7 } } },
  { "*", "security", { { 15, SAPA_SLA_HOURS_24X7 }, { 240, SAPA_SLA_HOURS_24X7 } } },
};

static char *
row_key (const char *channel,
         const char *category)
{
  return g_strconcat (channel, "/", category, NULL);
}

static GHashTable *
rows_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

SapaSlaPolicy *
sapa_sla_policy_new (void)
{
  SapaSlaPolicy *self = g_new0 (SapaSlaPolicy, 1);

  self->rows = rows_new ();
  for (guint i = 0; i < G_N_ELEMENTS (default_rows); i++)
    g_hash_table_insert (self->rows,
                         row_key (default_rows[i].channel, default_rows[i].category),
                         g_memdup2 (&default_rows[i].target, sizeof (SapaSlaTarget)));

  return self;
}

void
sapa_sla_policy_free (SapaSlaPolicy *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->rows);
  g_free (self);
}

/* Finds the most specific row of @rows, in the order that
 * sapa_sla_policy_lookup() documents. The fallback row always exists. */
static const SapaSlaTarget *
find_row (GHashTable *rows,
          const char *channel,
          const char *category)
{
  const char *candidates[][2] = {
    { channel, category },
    { "*", category },
    { channel, "*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *key = row_key (candidates[i][0], candidates[i][1]);
      const SapaSlaTarget *target = g_hash_table_lookup (rows, key);

      if (target != NULL)
        return target;
    }

  return g_hash_table_lookup (rows, "*/*");
}

void
sapa_sla_policy_lookup (const SapaSlaPolicy *self,
                        const char          *channel,
                        const char          *category,
                        SapaSlaTarget       *out_target)
{
  const SapaSlaTarget *target;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out_target != NULL);

  target = find_row (self->rows, channel ? channel : "*", category ? category : "*");
  *out_target = *target;
}

/* TRUE for "*" or an id such as "live_chat": lower-case ASCII letters,
 * digits and underscores. */
static gboolean
is_valid_id (const char *text,
             gsize       length)
{
  if (length == 1 && text[0] == '*')
    return TRUE;
  if (length == 0 || length > MAX_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '_')
      return FALSE;

  return TRUE;
}

/* Splits "sla/CHANNEL/CATEGORY" into "CHANNEL/CATEGORY". Returns NULL
 * when @group is not well formed. */
static char *
parse_group_name (const char *group)
{
  const char *channel = group + strlen ("sla/");
  const char *slash = strchr (channel, '/');

  if (slash == NULL)
    return NULL;
  if (!is_valid_id (channel, slash - channel) || !is_valid_id (slash + 1, strlen (slash + 1)))
    return NULL;

  return g_strdup (channel);
}

static gboolean
load_minutes (GKeyFile   *key_file,
              const char *group,
              const char *key,
              guint      *out_minutes,
              GError    **error)
{
  g_autofree char *value = g_key_file_get_value (key_file, group, key, NULL);
  guint64 minutes;

  if (value == NULL)
    return TRUE;

  /* Rejects signs, spaces, fractions and numbers past the maximum. */
  if (!g_ascii_string_to_unsigned (value, 10, 1, SAPA_SLA_MAX_MINUTES, &minutes, NULL))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The value “%s” of key “%s” in group “%s” is not a valid number "
                     "of minutes. Write a whole number from 1 to %u."),
                   value, key, group, SAPA_SLA_MAX_MINUTES);
      return FALSE;
    }

  *out_minutes = minutes;
  return TRUE;
}

static gboolean
load_hours (GKeyFile     *key_file,
            const char   *group,
            const char   *key,
            SapaSlaHours *out_hours,
            GError      **error)
{
  g_autofree char *value = g_key_file_get_value (key_file, group, key, NULL);

  if (value == NULL)
    return TRUE;

  if (strcmp (value, "24x7") == 0)
    *out_hours = SAPA_SLA_HOURS_24X7;
  else if (strcmp (value, "business") == 0)
    *out_hours = SAPA_SLA_HOURS_BUSINESS;
  else
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The value “%s” of key “%s” in group “%s” is not valid. Write "
                     "“24x7” or “business”."),
                   value, key, group);
      return FALSE;
    }

  return TRUE;
}

/* Applies one "sla/..." group to @rows. */
static gboolean
load_group (GHashTable  *rows,
            GKeyFile    *key_file,
            const char  *group,
            GError     **error)
{
  static const char * const known_keys[] = {
    "first-response-minutes", "first-response-hours",
    "resolution-minutes", "resolution-hours", NULL
  };
  g_autofree char *key = parse_group_name (group);
  g_auto(GStrv) parts = NULL;
  SapaSlaTarget target;

  if (key == NULL)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The group name “%s” is not valid. Write sla/CHANNEL/CATEGORY, "
                     "where each part is an id in lower case or “*” for any."),
                   group);
      return FALSE;
    }

  /* A new row starts from the row that matched before it, so a group
   * may give only the keys it changes. */
  parts = g_strsplit (key, "/", 2);
  target = *find_row (rows, parts[0], parts[1]);

  if (!sapa_sla_check_keys (key_file, group, known_keys, error) ||
      !load_minutes (key_file, group, "first-response-minutes",
                     &target.first_response.minutes, error) ||
      !load_hours (key_file, group, "first-response-hours",
                   &target.first_response.hours, error) ||
      !load_minutes (key_file, group, "resolution-minutes",
                     &target.resolution.minutes, error) ||
      !load_hours (key_file, group, "resolution-hours",
                   &target.resolution.hours, error))
    return FALSE;

  g_hash_table_replace (rows, g_steal_pointer (&key), g_memdup2 (&target, sizeof target));
  return TRUE;
}

gboolean
sapa_sla_policy_load_key_file (SapaSlaPolicy  *self,
                               GKeyFile       *key_file,
                               GError        **error)
{
  g_autoptr(GHashTable) rows = NULL;
  g_auto(GStrv) groups = NULL;
  GHashTableIter iter;
  gpointer key, target;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Groups are applied to a copy, so an error changes nothing. */
  rows = rows_new ();
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &target))
    g_hash_table_insert (rows, g_strdup (key), g_memdup2 (target, sizeof (SapaSlaTarget)));

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (!g_str_has_prefix (groups[i], "sla/"))
        continue;

      if (!load_group (rows, key_file, groups[i], error))
        return FALSE;
    }

  g_clear_pointer (&self->rows, g_hash_table_unref);
  self->rows = g_steal_pointer (&rows);
  return TRUE;
}
