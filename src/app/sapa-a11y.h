/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-a11y.h: accessibility fixes for GTK 4.8 widgets */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Names the button inside @dropdown after @dropdown and describes it with
 * the chosen item's text. GTK 4.8 leaves that button, which is what takes
 * the focus, without a name, so a screen reader reads out its type name
 * ("GtkToggleButton") and never the choice. Call it once the model is set. */
void sapa_a11y_name_drop_down (GtkDropDown *dropdown);

/* Fixes the names of the buttons with a mnemonic below @root, @root
 * included. GTK 4.8 names such a button twice, after its label property
 * with the underscore and after the mnemonic label inside it, so a screen
 * reader reads "_Batalkan layanan Batalkan layanan". Call it once the
 * buttons have their labels, and again after a label changes. */
void sapa_a11y_fix_mnemonic_buttons (GtkWidget *root);

/* Describes @row with its subtitle, now and whenever the subtitle changes.
 * libadwaita 1.2 names an action row after its title alone, so a screen
 * reader on a focused row never reads the subtitle, such as the field's
 * label under a read-back value or the value under a field's label. */
void sapa_a11y_describe_row (AdwActionRow *row);

G_END_DECLS
