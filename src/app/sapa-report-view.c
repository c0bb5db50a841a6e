/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-view.c: the widgets that show a computed report's sections */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "sapa-report-charts.h"
#include "sapa-report-view.h"

/* Large enough for twelve channels' legends and a month of bars. */
#define CHART_WIDTH 560
#define CHART_HEIGHT 300

/* ---- Charts ---- */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        chart)
{
  sapa_chart_draw (chart, cr, width, height);
}

static GtkWidget *
create_chart (SapaChart *chart)
{
  GtkWidget *area = gtk_drawing_area_new ();
  g_autofree char *description = sapa_chart_describe (chart);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), CHART_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), CHART_HEIGHT);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_valign (area, GTK_ALIGN_START);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart,
                                  g_object_ref (chart), g_object_unref);
  gtk_widget_set_tooltip_text (area, description);

  /* A screen reader cannot read the drawing: the description gives its
   * data in words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sapa_chart_get_title (chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return area;
}

/* ---- Tables ---- */

typedef struct {
  SapaReportTable *table;
  guint            column;
} ColumnData;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *column)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = g_array_index (column->table->kinds, SapaReportCellKind, column->column)
                    == SAPA_REPORT_CELL_NUMBER;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), !number);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *column)
{
  GtkStringObject *row = gtk_list_item_get_item (item);
  guint index = (guint) strtoul (gtk_string_object_get_string (row), NULL, 10);
  char **cells = g_ptr_array_index (column->table->rows, index);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), cells[column->column]);
}

static GtkColumnViewColumn *
create_column (SapaReportTable *table,
               guint            index)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *column = g_new0 (ColumnData, 1);
  GtkColumnViewColumn *view_column;

  column->table = table;
  column->column = index;
  g_object_set_data_full (G_OBJECT (factory), "sapa-column", column, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), column);

  view_column = gtk_column_view_column_new (g_ptr_array_index (table->headers, index), factory);
  gtk_column_view_column_set_expand (view_column, index == 0);
  return view_column;
}

/* The rows of a table are few, and their cells are strings of the table.
 * So the list contains each row's index, which the cells look up. */
static GtkWidget *
create_column_view (SapaReportTable *table)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkWidget *view;

  for (guint r = 0; r < table->rows->len; r++)
    {
      g_autofree char *index = g_strdup_printf ("%u", r);

      gtk_string_list_append (rows, index);
    }

  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)))));
  gtk_widget_set_name (view, table->id);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, table->title, -1);

  for (guint c = 0; c < table->headers->len; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = create_column (table, c);

      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  return view;
}

static GtkWidget *
create_table (SapaReportTable *table)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (table->title);
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-symbolic");
  GtkWidget *frame = gtk_frame_new (NULL);
  /* Translators: the tooltip of a table's button, with the table's title. */
  g_autofree char *tooltip = g_strdup_printf (_("Save “%s” as CSV"), table->title);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_tooltip_text (save, tooltip);
  gtk_widget_add_css_class (save, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "reports.save-table");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (save), "s", table->id);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), save);
  gtk_box_append (GTK_BOX (box), header);

  if (table->rows->len > 0)
    gtk_frame_set_child (GTK_FRAME (frame), create_column_view (table));
  else
    {
      GtkWidget *empty = gtk_label_new (_("No data for this period"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_frame_set_child (GTK_FRAME (frame), empty);
    }
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  return box;
}

GtkWidget *
sapa_report_view_new_section (guint                 index,
                              const SapaReportData *data,
                              GPtrArray            *tables)
{
  const SapaReportSection *section = &sapa_report_get_sections (NULL)[index];
  g_autoptr(SapaChart) chart = sapa_report_build_chart (index, data, tables);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_(section->heading));
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 24);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 24);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_chart (chart));
  for (guint t = 0; section->tables[t] != NULL; t++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), create_table (sapa_report_tables_lookup (tables, section->tables[t])));
  gtk_box_append (GTK_BOX (box), flow);

  /* The cells point into the tables. */
  g_object_set_data_full (G_OBJECT (box), "sapa-tables", g_ptr_array_ref (tables),
                          (GDestroyNotify) g_ptr_array_unref);
  return box;
}
