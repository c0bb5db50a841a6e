/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-a11y.h: accessibility fixes for GTK 4.8 widgets */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
