/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sla-config.h: the SLA targets, calendars and thresholds a desk uses */
#pragma once

#include <gio/gio.h>

#include "sapa-sla.h"

G_BEGIN_DECLS

/* The name of the administrator's SLA file in the workstation's data
 * folder. */
#define SAPA_SLA_CONFIG_FILE_NAME "sla.conf"

/* Everything the SLA clocks need: the policy, one business-hour calendar
 * per airport of the airport table, and the due-soon threshold. A config
 * never changes once made, so one config may be read from several
 * threads at once.
 *
 * The key file may contain only these groups:
 * - "sla/CHANNEL/CATEGORY", see sapa_sla_policy_load_key_file();
 * - "calendar" and "calendar/IATA", see sapa_sla_calendar_load_group(),
 *   where IATA is a code of the airport table in capitals;
 * - "due-soon", with the keys "percent" (0 to 100) and "minutes" (0 to
 *   SAPA_SLA_MAX_MINUTES) of a SapaSlaThreshold. */
typedef struct _SapaSlaConfig SapaSlaConfig;

/* Creates a config with the built-in targets, calendars and threshold. */
SapaSlaConfig         *sapa_sla_config_new               (void);

/* Creates a config from @key_file. Sets @error (SAPA_ERROR_INVALID,
 * naming the group or key at fault) and returns NULL when any part of the
 * file is invalid, so that a half-applied file never counts. */
SapaSlaConfig         *sapa_sla_config_new_from_key_file (GKeyFile    *key_file,
                                                          GError     **error);

/* Reads the key file at @path. Never returns NULL: a missing file gives
 * the built-in config, and an unreadable or invalid file gives the
 * built-in config with a problem (see sapa_sla_config_get_problem()). */
SapaSlaConfig         *sapa_sla_config_load              (const char  *path);

/* Runs sapa_sla_config_load() in a thread of GLib's pool. */
void                   sapa_sla_config_load_async        (const char          *path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Returns NULL only with @error set, when the load was cancelled. */
SapaSlaConfig         *sapa_sla_config_load_finish       (GAsyncResult        *result,
                                                          GError             **error);

SapaSlaConfig         *sapa_sla_config_ref               (SapaSlaConfig *self);
void                   sapa_sla_config_unref             (SapaSlaConfig *self);

/* Returns the translated reason why the file was not used, or NULL when
 * the config contains what the file sets (or there was no file). */
const char            *sapa_sla_config_get_problem       (const SapaSlaConfig *self);

const SapaSlaPolicy   *sapa_sla_config_get_policy        (const SapaSlaConfig *self);

/* Returns the calendar of airport @iata, or NULL for an airport that is
 * not in the airport table. */
const SapaSlaCalendar *sapa_sla_config_get_calendar      (const SapaSlaConfig *self,
                                                          const char          *iata);

const SapaSlaThreshold *sapa_sla_config_get_threshold    (const SapaSlaConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SapaSlaConfig, sapa_sla_config_unref)

G_END_DECLS
