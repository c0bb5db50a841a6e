/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-station-dialog.h: the airport, desk and officer of this workstation */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SAPA_TYPE_STATION_DIALOG (sapa_station_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SapaStationDialog, sapa_station_dialog, SAPA, STATION_DIALOG, AdwWindow)

/* Edits the "airport", "workstation" and "officer" keys of @settings;
 * nothing is written until the values are valid and saved. With
 * @first_run the dialog cannot be cancelled. "saved" fires after saving. */
SapaStationDialog *sapa_station_dialog_new (GSettings *settings,
                                            gboolean   first_run);

G_END_DECLS
