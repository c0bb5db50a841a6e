/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-field-row.h: the input for one field of a flow step */
#pragma once

#include <gtk/gtk.h>

#include "sapa-flow.h"

G_BEGIN_DECLS

#define SAPA_TYPE_FIELD_ROW (sapa_field_row_get_type ())
G_DECLARE_FINAL_TYPE (SapaFieldRow, sapa_field_row, SAPA, FIELD_ROW, GtkWidget)

/* A labelled input chosen by the field's type (entry, text area, drop-down
 * or check boxes), its hint and its error. "changed" fires on every edit;
 * the widget's name is the field's key. */
SapaFieldRow    *sapa_field_row_new        (const SapaField *field,
                                            const char      *value);
const SapaField *sapa_field_row_get_field  (SapaFieldRow    *self);
/* Returns the value as the wizard stores it (choice ids, not labels). */
char            *sapa_field_row_dup_value  (SapaFieldRow    *self);
/* Shows @message under the input, or hides the error when NULL. */
void             sapa_field_row_set_error  (SapaFieldRow    *self,
                                            const char      *message);
void             sapa_field_row_focus      (SapaFieldRow    *self);

G_END_DECLS
