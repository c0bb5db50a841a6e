/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-a11y.c: accessibility fixes for GTK 4.8 widgets */

#define G_LOG_DOMAIN "sapa-a11y"

#include "config.h"

#include "sapa-a11y.h"

static GtkWidget *
find_button (GtkDropDown *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

static void
selected_changed_cb (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     GtkWidget   *button)
{
  gpointer item = gtk_drop_down_get_selected_item (dropdown);
  const char *text = GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

void
sapa_a11y_name_drop_down (GtkDropDown *dropdown)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  button = find_button (dropdown);
  g_return_if_fail (button != NULL);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL,
                                  -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (selected_changed_cb), button, 0);
  selected_changed_cb (dropdown, NULL, button);
}

void
sapa_a11y_fix_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* Without the label property, the name comes from the mnemonic label
   * alone, which shows the text without the underscore. */
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    sapa_a11y_fix_mnemonic_buttons (child);
}

static void
subtitle_changed_cb (AdwActionRow *row)
{
  const char *subtitle = adw_action_row_get_subtitle (row);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
}

void
sapa_a11y_describe_row (AdwActionRow *row)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  g_signal_connect (row, "notify::subtitle", G_CALLBACK (subtitle_changed_cb), NULL);
  subtitle_changed_cb (row);
}
