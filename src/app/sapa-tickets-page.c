/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-tickets-page.c: the Tickets section: search, filter, details */

#define G_LOG_DOMAIN "sapa-tickets-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-ticket-detail.h"
#include "sapa-ticket-export.h"
#include "sapa-ticket-list-model.h"
#include "sapa-tickets-page.h"
#include "sapa-airport.h"
#include "sapa-text.h"
#include "sapa-time.h"

struct _SapaTicketsPage
{
  GtkWidget            parent_instance;

  SapaContext         *context;
  SapaTicketListModel *model;
  GtkSingleSelection  *selection;
  SapaTicket          *shown;

  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *detail_pane;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *channel_dropdown;
  GtkSpinner          *loading_spinner;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkStack            *detail_stack;
  SapaTicketDetail    *detail;
};

G_DEFINE_FINAL_TYPE (SapaTicketsPage, sapa_tickets_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Filter choices: the first of each list means "all". */
static const char * const status_ids[] = {
  NULL, SAPA_STATUS_OPEN, SAPA_STATUS_WAITING_CUSTOMER, SAPA_STATUS_ESCALATED,
  SAPA_STATUS_ANSWERED, SAPA_STATUS_DELIVERED, SAPA_STATUS_IN_SERVICE,
  SAPA_STATUS_CLOSED, SAPA_STATUS_CANCELLED,
};
static const char * const channel_ids[] = {
  NULL, "counter", SAPA_CHANNEL_SNS_COUNTER, "phone", "email", "facebook", "x", "instagram",
  "other_social", "suggestion_box", "live_chat",
};

/* Columns */

typedef char *(*CellText) (SapaTicket *ticket);

static char *
cell_number (SapaTicket *ticket)
{
  return g_strdup (sapa_ticket_get_report_number (ticket));
}

/* "05/12 14:05 WIB": the year is left out so the names get the room. */
static char *
cell_time (SapaTicket *ticket)
{
  g_autoptr(GDateTime) local = sapa_time_to_zone (sapa_ticket_get_created_at (ticket),
                                                  sapa_ticket_get_time_zone (ticket));
  g_autofree char *day = g_date_time_format (local, "%d/%m %H:%M");
  const char *zone = sapa_time_zone_abbreviation (sapa_ticket_get_time_zone (ticket));

  return g_strdup_printf ("%s %s", day, zone ? zone : "");
}

static char *
cell_name (SapaTicket *ticket)
{
  return g_strdup (sapa_ticket_get_name (ticket));
}

static char *
cell_channel (SapaTicket *ticket)
{
  return g_strdup (sapa_ticket_describe_channel (sapa_ticket_get_flow (ticket), sapa_ticket_get_channel (ticket)));
}

static char *
cell_status (SapaTicket *ticket)
{
  return g_strdup (sapa_ticket_status_label (sapa_ticket_get_status (ticket)));
}

static char *
cell_purpose (SapaTicket *ticket)
{
  /* One line of the purpose: the cell ellipsizes the rest. */
  g_autofree char *text = sapa_text_for_display (sapa_ticket_get_purpose (ticket), 200);

  g_strdelimit (text, "\r\n\t", ' ');
  return g_steal_pointer (&text);
}

static void
update_cell (GtkLabel *label,
             GParamSpec *pspec,
             SapaTicket *ticket)
{
  CellText cell_text = g_object_get_data (G_OBJECT (label), "sapa-cell-text");
  g_autofree char *text = NULL;

  if (!sapa_ticket_get_loaded (ticket))
    {
      gtk_label_set_text (label, "…");
      return;
    }

  text = cell_text (ticket);
  gtk_label_set_text (label, text);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  cell_text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set_data (G_OBJECT (label), "sapa-cell-text", cell_text);

  /* Report numbers, times, channels and statuses are read whole; names
   * and purposes give way. */
  if (cell_text == cell_name || cell_text == cell_purpose)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  cell_text)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  SapaTicket *ticket = gtk_list_item_get_item (item);

  g_signal_connect_object (ticket, "notify::loaded", G_CALLBACK (update_cell),
                           label, G_CONNECT_SWAPPED);
  update_cell (GTK_LABEL (label), NULL, ticket);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  cell_text)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), update_cell,
                                        gtk_list_item_get_child (item));
}

static void
add_column (SapaTicketsPage *self,
            const char      *title,
            CellText         cell_text,
            gboolean         expand)
{
  /* A name needs about this much to be recognised in a narrow pane. */
  const int name_width = 150;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), cell_text);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), cell_text);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), cell_text);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  if (cell_text == cell_name)
    gtk_column_view_column_set_fixed_width (column, name_width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

/* Query and selection */

static void
update_count (SapaTicketsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  /* While only the first page is listed, n is not the number of matches,
   * so the label keeps the previous count until the whole result comes. */
  if (sapa_ticket_list_model_get_complete (self->model))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", n), n);

      gtk_label_set_text (self->count_label, text);
    }
}

/* Fills @query from the search entry and the filters; its strings
 * belong to the widgets. */
static void
read_query (SapaTicketsPage *self,
            SapaTicketQuery *query)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);

  query->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query->status = status < G_N_ELEMENTS (status_ids) ? status_ids[status] : NULL;
  query->channel = channel < G_N_ELEMENTS (channel_ids) ? channel_ids[channel] : NULL;
}

static void
query_changed_cb (SapaTicketsPage *self)
{
  SapaTicketQuery query = { 0 };

  /* The template's drop-downs notify while the page is being built. */
  if (self->model == NULL)
    return;

  read_query (self, &query);
  sapa_ticket_list_model_set_query (self->model, &query);
}

/* Export */

void
sapa_tickets_page_export_csv_async (SapaTicketsPage     *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SapaTicketQuery query = { 0 };

  g_return_if_fail (SAPA_IS_TICKETS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  read_query (self, &query);
  sapa_ticket_export_save_async (sapa_context_get_store (self->context), &query, file,
                                 cancellable, callback, user_data);
}

gint64
sapa_tickets_page_export_csv_finish (SapaTicketsPage  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return sapa_ticket_export_save_finish (result, error);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SapaTicketsPage) self = user_data;
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "sapa-export-file");
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 count;

  count = sapa_tickets_page_export_csv_finish (self, result, &error);
  if (count < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  /* Translators: %u is a number of tickets, %s the name of the file. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u ticket to “%s”.",
                                          "Saved %u tickets to “%s”.", (gulong) count),
                             (guint) count, name);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SapaTicketsPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_object_set_data_full (G_OBJECT (self), "sapa-export-file", g_object_ref (file), g_object_unref);
      sapa_tickets_page_export_csv_async (self, file, NULL, exported_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SapaTicketsPage *self = SAPA_TICKETS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the file name offered for the ticket export, before
   * the date; keep it lower case without spaces. */
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", C_("file name", "tickets"), date);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Tickets as CSV"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_ticket (SapaTicketsPage *self,
             SapaTicket      *ticket)
{
  if (ticket == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  if (!sapa_ticket_get_loaded (ticket))
    return;

  sapa_ticket_detail_show (self->detail, self->context, ticket);
  gtk_stack_set_visible_child_name (self->detail_stack, "ticket");
}

static void
shown_loaded_cb (SapaTicketsPage *self)
{
  show_ticket (self, self->shown);
}

static void
selection_changed_cb (SapaTicketsPage *self)
{
  SapaTicket *ticket = gtk_single_selection_get_selected_item (self->selection);

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, shown_loaded_cb, self);
  g_set_object (&self->shown, ticket);

  /* "loaded" notifies again whenever the list reloads the ticket, so the
   * details follow changes made elsewhere. */
  if (ticket != NULL)
    g_signal_connect_object (ticket, "notify::loaded", G_CALLBACK (shown_loaded_cb),
                             self, G_CONNECT_SWAPPED);
  show_ticket (self, ticket);
}

static void
row_activated_cb (SapaTicketsPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
back_clicked_cb (SapaTicketsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
model_error_cb (SapaTicketsPage *self,
                GError          *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

static void
ticket_recorded_cb (SapaTicketsPage *self)
{
  sapa_ticket_list_model_reload (self->model);
}

static void
setup_filters (SapaTicketsPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 1; i < G_N_ELEMENTS (status_ids); i++)
    gtk_string_list_append (statuses, sapa_ticket_status_label (status_ids[i]));

  gtk_string_list_append (channels, _("All channels"));
  for (guint i = 1; i < G_N_ELEMENTS (channel_ids); i++)
    gtk_string_list_append (channels, sapa_ticket_channel_label (channel_ids[i]));

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  sapa_a11y_name_drop_down (self->status_dropdown);
  sapa_a11y_name_drop_down (self->channel_dropdown);
}

static void
sapa_tickets_page_constructed (GObject *object)
{
  SapaTicketsPage *self = SAPA_TICKETS_PAGE (object);

  G_OBJECT_CLASS (sapa_tickets_page_parent_class)->constructed (object);

  self->model = sapa_ticket_list_model_new (sapa_context_get_store (self->context));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  add_column (self, _("Report number"), cell_number, FALSE);
  add_column (self, _("Time"), cell_time, FALSE);
  add_column (self, _("Name"), cell_name, FALSE);
  add_column (self, _("Channel"), cell_channel, FALSE);
  add_column (self, _("Status"), cell_status, FALSE);
  add_column (self, _("Purpose"), cell_purpose, TRUE);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::complete",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "error",
                           G_CALLBACK (model_error_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->model, "loading", self->loading_spinner, "spinning",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->context, "ticket-recorded",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);

  setup_filters (self);
  query_changed_cb (self);
}

static void
sapa_tickets_page_dispose (GObject *object)
{
  SapaTicketsPage *self = SAPA_TICKETS_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->shown);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_TICKETS_PAGE);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_tickets_page_parent_class)->dispose (object);
}

static void
sapa_tickets_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SapaTicketsPage *self = SAPA_TICKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_tickets_page_class_init (SapaTicketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sapa_tickets_page_constructed;
  object_class->dispose = sapa_tickets_page_dispose;
  object_class->set_property = sapa_tickets_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAPA_TYPE_TICKET_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-tickets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaTicketsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_install_action (widget_class, "tickets.export-csv", NULL, export_csv_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_tickets_page_init (SapaTicketsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
}

SapaTicketsPage *
sapa_tickets_page_new (SapaContext *context)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_TICKETS_PAGE, "context", context, NULL);
}

GListModel *
sapa_tickets_page_get_model (SapaTicketsPage *self)
{
  g_return_val_if_fail (SAPA_IS_TICKETS_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

void
sapa_tickets_page_focus_search (SapaTicketsPage *self)
{
  g_return_if_fail (SAPA_IS_TICKETS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
