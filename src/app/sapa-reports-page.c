/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-reports-page.c: the Reports section: a period's figures, charts and exports */

#define G_LOG_DOMAIN "sapa-reports-page"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sapa-airport.h"
#include "sapa-report-charts.h"
#include "sapa-report-document.h"
#include "sapa-report-view.h"
#include "sapa-reports-page.h"
#include "sapa-sla-config.h"
#include "sapa-store-report.h"

/* The period drop-down lists the presets in this order, then the
 * custom dates. */
static const SapaReportPreset presets[] = {
  SAPA_REPORT_PRESET_TODAY,
  SAPA_REPORT_PRESET_7_DAYS,
  SAPA_REPORT_PRESET_30_DAYS,
  SAPA_REPORT_PRESET_THIS_MONTH,
};
#define CUSTOM_PERIOD G_N_ELEMENTS (presets)

struct _SapaReportsPage
{
  GtkWidget        parent_instance;

  SapaContext     *context;
  GCancellable    *cancellable;     /* cancelled in dispose */
  GCancellable    *computing;       /* the computation running, or NULL */
  SapaReportData  *data;
  GPtrArray       *tables;          /* SapaReportTable of data */
  gboolean         dirty;           /* to compute again when shown */
  gboolean         airports_chosen; /* the officer changed the desk's default */

  GtkDropDown     *period_dropdown;
  GtkWidget       *custom_box;
  GtkMenuButton   *first_day_button;
  GtkMenuButton   *last_day_button;
  GtkCalendar     *first_day_calendar;
  GtkCalendar     *last_day_calendar;
  /* The custom period as last picked. GTK 4.8's calendar moves its own
   * date when its month or year arrows are used, without "day-selected",
   * so the report reads these, as the buttons show them. */
  GDate            custom_first;
  GDate            custom_last;
  GtkMenuButton   *airports_button;
  GtkSearchEntry  *airport_search;
  GtkListBox      *airport_list;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkStack        *content_stack;
  GtkBox          *sections_box;
  AdwStatusPage   *error_page;
};

G_DEFINE_FINAL_TYPE (SapaReportsPage, sapa_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void compute (SapaReportsPage *self);

/* ---- The query ---- */

static const char *
desk_time_zone (SapaReportsPage *self)
{
  g_autofree char *iata = sapa_context_dup_airport (self->context);
  const SapaAirport *airport = sapa_airport_lookup (iata);

  return airport != NULL ? airport->time_zone : "Asia/Jakarta";
}

/* Reads the SNS targets from the same settings as the SNS dashboard:
 * three increasing minutes each, or the defaults when malformed. */
static void
load_sns_targets (SapaReportsPage *self,
                  SapaSnsTargets  *targets)
{
  static const char * const keys[] = { "sns-targets-prebooked", "sns-targets-walk-in" };
  GSettings *settings = sapa_context_get_settings (self->context);

  sapa_sns_targets_init_default (targets);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[k]);
      gsize n = 0;
      const guint32 *minutes = g_variant_get_fixed_array (value, &n, sizeof (guint32));
      guint *into = k == 0 ? targets->prebooked : targets->walk_in;

      if (n != 3 || minutes[0] > minutes[1] || minutes[1] > minutes[2])
        continue;
      for (guint i = 0; i < 3; i++)
        into[i] = minutes[i];
    }
}

static void
calendar_date (GtkCalendar *calendar,
               GDate       *out_date)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date), g_date_time_get_year (date));
}

static GStrv
dup_selected_airports (SapaReportsPage *self)
{
  g_autoptr(GStrvBuilder) airports = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->airport_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (airports, gtk_widget_get_name (check));
    }
  return g_strv_builder_end (airports);
}

static SapaReportQuery *
build_query (SapaReportsPage *self)
{
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  g_auto(GStrv) airports = dup_selected_airports (self);
  gint64 now = g_get_real_time ();
  SapaReportQuery *query;
  GDate first, last;

  if (period < CUSTOM_PERIOD)
    sapa_report_preset_get_days (presets[period], now, desk_time_zone (self), &first, &last);
  else
    {
      first = self->custom_first;
      last = self->custom_last;
    }

  query = sapa_report_query_new (&first, &last, (const char * const *) airports, now);
  load_sns_targets (self, &query->sns_targets);
  return query;
}

/* ---- Showing a report ---- */

static void
set_actions_enabled (SapaReportsPage *self,
                     gboolean         enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-pdf", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-table", enabled);
}

static void
update_summary (SapaReportsPage *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  char first[16], last[16];

  if (self->data == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  g_date_strftime (first, sizeof first, "%d/%m/%Y", &self->data->query->first_day);
  g_date_strftime (last, sizeof last, "%d/%m/%Y", &self->data->query->last_day);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", self->data->total),
                           self->data->total);
  text = g_strdup_printf ("%s · %s – %s", count, first, last);
  gtk_label_set_text (self->summary_label, text);
}

static void
show_report (SapaReportsPage *self,
             SapaReportData  *data)
{
  GtkWidget *child;
  guint n_sections;

  g_clear_pointer (&self->data, sapa_report_data_free);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  self->data = data;
  self->tables = sapa_report_data_build_tables (data);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);

  sapa_report_get_sections (&n_sections);
  for (guint s = 0; s < n_sections; s++)
    gtk_box_append (self->sections_box, sapa_report_view_new_section (s, data, self->tables));

  update_summary (self);
  set_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "report");
}

static void
show_error (SapaReportsPage *self,
            GError          *error)
{
  g_clear_pointer (&self->data, sapa_report_data_free);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  update_summary (self);
  set_actions_enabled (self, FALSE);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
set_computing (SapaReportsPage *self,
               GCancellable    *computing)
{
  g_set_object (&self->computing, computing);
  gtk_spinner_set_spinning (self->spinner, computing != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SapaReportsPage) self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  SapaReportData *data;

  data = sapa_store_compute_report_finish (SAPA_STORE (source), result, &error);

  /* A newer computation replaced this one; it shows its own result. */
  if (cancellable != self->computing)
    {
      g_clear_pointer (&data, sapa_report_data_free);
      return;
    }

  set_computing (self, NULL);
  if (data == NULL)
    show_error (self, error);
  else
    show_report (self, data);
}

/* The administrator's sla.conf, read afresh for each report on a worker
 * thread. A file the escalation queue would not use is not used here
 * either: the report keeps the built-in targets, and the Escalations
 * section says what is wrong with the file. */
static void
read_sla_file (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SapaReportQuery *query = task_data;
  g_autofree char *path = sapa_context_dup_sla_config_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(SapaSlaConfig) config = NULL;

  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL) &&
      (config = sapa_sla_config_new_from_key_file (file, NULL)) != NULL)
    query->sla_config = g_key_file_ref (file);
  g_task_return_boolean (task, TRUE);
}

static void
load_sla_file_async (SapaReportQuery     *query,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, sapa_report_query_copy (query), (GDestroyNotify) sapa_report_query_free);
  g_task_run_in_thread (task, read_sla_file);
}

static void
sla_file_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SapaReportsPage) self = user_data;
  SapaReportQuery *query = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->computing == NULL)
    return;
  sapa_store_compute_report_async (sapa_context_get_store (self->context), query, self->computing,
                                   computed_cb, g_object_ref (self));
}

static void
compute (SapaReportsPage *self)
{
  g_autoptr(SapaReportQuery) query = NULL;
  g_autoptr(GCancellable) computing = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);

  computing = g_cancellable_new ();
  set_computing (self, computing);
  if (self->data == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "computing");

  query = build_query (self);
  load_sla_file_async (query, computing, sla_file_loaded_cb, g_object_ref (self));
}

/* ---- Period and airports ---- */

static void
set_calendar_button_label (GtkMenuButton *button,
                           const GDate   *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%d/%m/%Y", date);
  gtk_menu_button_set_label (button, text);
}

static void
custom_day_selected_cb (SapaReportsPage *self,
                        GtkCalendar     *calendar)
{
  /* Only the calendar whose day was picked: the other may show a month
   * its arrows moved to without a day picked there. */
  if (calendar == self->first_day_calendar)
    calendar_date (calendar, &self->custom_first);
  else
    calendar_date (calendar, &self->custom_last);
  set_calendar_button_label (self->first_day_button, &self->custom_first);
  set_calendar_button_label (self->last_day_button, &self->custom_last);
  gtk_menu_button_popdown (self->first_day_button);
  gtk_menu_button_popdown (self->last_day_button);
  compute (self);
}

static void
period_changed_cb (SapaReportsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == CUSTOM_PERIOD;

  /* The template's drop-down notifies while the page is being built. */
  if (self->context == NULL)
    return;

  /* The custom dates start as the period shown, so they only need to be
   * adjusted. */
  if (custom && self->data != NULL)
    {
      const SapaReportQuery *query = self->data->query;
      g_autoptr(GDateTime) first = g_date_time_new_local (g_date_get_year (&query->first_day),
                                                          g_date_get_month (&query->first_day),
                                                          g_date_get_day (&query->first_day), 12, 0, 0);
      g_autoptr(GDateTime) last = g_date_time_new_local (g_date_get_year (&query->last_day),
                                                         g_date_get_month (&query->last_day),
                                                         g_date_get_day (&query->last_day), 12, 0, 0);

      g_signal_handlers_block_by_func (self->first_day_calendar, custom_day_selected_cb, self);
      g_signal_handlers_block_by_func (self->last_day_calendar, custom_day_selected_cb, self);
      gtk_calendar_select_day (self->first_day_calendar, first);
      gtk_calendar_select_day (self->last_day_calendar, last);
      g_signal_handlers_unblock_by_func (self->first_day_calendar, custom_day_selected_cb, self);
      g_signal_handlers_unblock_by_func (self->last_day_calendar, custom_day_selected_cb, self);
      self->custom_first = query->first_day;
      self->custom_last = query->last_day;
      set_calendar_button_label (self->first_day_button, &self->custom_first);
      set_calendar_button_label (self->last_day_button, &self->custom_last);
    }

  gtk_widget_set_visible (self->custom_box, custom);
  compute (self);
}

static void
update_airports_label (SapaReportsPage *self)
{
  g_auto(GStrv) airports = dup_selected_airports (self);
  guint n = g_strv_length (airports);
  g_autofree char *label = NULL;

  /* Up to three codes fit; more are counted. */
  if (n == 0)
    label = g_strdup (_("No airport"));
  else if (n <= 3)
    label = g_strjoinv (", ", airports);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u airport", "%u airports", n), n);
  gtk_menu_button_set_label (self->airports_button, label);
}

static void
airport_toggled_cb (SapaReportsPage *self)
{
  self->airports_chosen = TRUE;
  update_airports_label (self);
  compute (self);
}

/* Checks every airport, or none, and computes the report once rather
 * than once an airport. */
static void
check_all_airports (SapaReportsPage *self,
                    gboolean         checked)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->airport_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_signal_handlers_block_by_func (check, airport_toggled_cb, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), checked);
      g_signal_handlers_unblock_by_func (check, airport_toggled_cb, self);
    }

  self->airports_chosen = TRUE;
  update_airports_label (self);
  compute (self);
}

static void
all_airports_clicked_cb (SapaReportsPage *self)
{
  check_all_airports (self, TRUE);
}

static void
clear_airports_clicked_cb (SapaReportsPage *self)
{
  check_all_airports (self, FALSE);
}

/* Checks the desk's airport only, as long as the officer chose none. */
static void
select_desk_airport (SapaReportsPage *self)
{
  g_autofree char *desk = sapa_context_dup_airport (self->context);

  if (self->airports_chosen)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->airport_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_signal_handlers_block_by_func (check, airport_toggled_cb, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (gtk_widget_get_name (check), desk) == 0);
      g_signal_handlers_unblock_by_func (check, airport_toggled_cb, self);
    }
  update_airports_label (self);
}

static gboolean
airport_visible (GtkListBoxRow *row,
                 gpointer       user_data)
{
  SapaReportsPage *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->airport_search));
  GtkWidget *check = gtk_list_box_row_get_child (row);
  g_autofree char *label = g_utf8_casefold (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), -1);
  g_autofree char *needle = g_utf8_casefold (search, -1);

  return strstr (label, needle) != NULL;
}

static void
airport_search_changed_cb (SapaReportsPage *self)
{
  gtk_list_box_invalidate_filter (self->airport_list);
}

/* The button's tooltip would cover the search entry at the top of its
 * own popover, so it is off while the popover is open. A popover hidden
 * because the window goes away leaves it off: GTK 4.8 would query the
 * pointer of a surface already destroyed. */
static void
airports_popover_visible_cb (SapaReportsPage *self,
                             GParamSpec      *pspec,
                             GtkWidget       *popover)
{
  GtkWidget *button = GTK_WIDGET (self->airports_button);

  if (gtk_widget_get_visible (popover))
    gtk_widget_set_has_tooltip (button, FALSE);
  else if (gtk_widget_get_mapped (button))
    gtk_widget_set_has_tooltip (button, TRUE);
}

static void
fill_airports (SapaReportsPage *self)
{
  guint n_airports;
  const SapaAirport *airports = sapa_airport_get_all (&n_airports);

  for (guint i = 0; i < n_airports; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s · %s, %s", airports[i].iata,
                                                airports[i].name, airports[i].city);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_widget_set_name (check, airports[i].iata);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (airport_toggled_cb), self);
      gtk_list_box_append (self->airport_list, check);
    }
  gtk_list_box_set_filter_func (self->airport_list, airport_visible, self, NULL);
  g_signal_connect_object (gtk_menu_button_get_popover (self->airports_button), "notify::visible",
                           G_CALLBACK (airports_popover_visible_cb), self, G_CONNECT_SWAPPED);
}

/* The desk's airport is the default selection and gives the zone of the
 * presets; the SNS targets are what waiting times are counted against. */
static void
settings_changed_cb (SapaReportsPage *self,
                     const char      *key)
{
  if (g_strcmp0 (key, "airport") == 0)
    select_desk_airport (self);
  else if (!g_str_has_prefix (key, "sns-targets-"))
    return;

  compute (self);
}

static void
ticket_recorded_cb (SapaReportsPage *self)
{
  compute (self);
}

/* ---- Exports ---- */

static GtkWindow *
get_window (SapaReportsPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
toast (SapaReportsPage *self,
       const char      *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
toast_saved (SapaReportsPage *self,
             GFile           *file,
             gboolean         saved,
             GError          *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (!saved)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  /* Translators: %s is the name of the file written. */
  message = g_strdup_printf (_("Saved “%s”."), name);
  toast (self, message);
}

void
sapa_reports_page_save_pdf_async (SapaReportsPage     *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SapaReport *report;

  g_return_if_fail (SAPA_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->data != NULL);

  report = sapa_report_document_new (self->data, self->tables, desk_time_zone (self));
  sapa_report_document_save_async (report, file, cancellable, callback, user_data);
}

gboolean
sapa_reports_page_save_pdf_finish (SapaReportsPage  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return sapa_report_document_save_finish (result, error);
}

void
sapa_reports_page_save_table_async (SapaReportsPage     *self,
                                    const char          *table_id,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->tables != NULL);

  sapa_report_table_save_async (self->tables, table_id, file, cancellable, callback, user_data);
}

gboolean
sapa_reports_page_save_table_finish (SapaReportsPage  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return sapa_report_table_save_finish (result, error);
}

static void
pdf_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SapaReportsPage) self = user_data;
  GFile *file = g_object_get_data (G_OBJECT (result), "sapa-file");
  g_autoptr(GError) error = NULL;
  gboolean saved = sapa_reports_page_save_pdf_finish (self, result, &error);

  toast_saved (self, file, saved, error);
}

static void
table_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SapaReportsPage) self = user_data;
  GFile *file = g_object_get_data (G_OBJECT (result), "sapa-file");
  g_autoptr(GError) error = NULL;
  gboolean saved = sapa_reports_page_save_table_finish (self, result, &error);

  toast_saved (self, file, saved, error);
}

typedef struct {
  SapaReportsPage *page;
  char            *table_id;   /* NULL for the PDF */
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->page);
  g_free (request->table_id);
  g_free (request);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveRequest     *request)
{
  SapaReportsPage *self = request->page;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->data != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (request->table_id == NULL)
        sapa_reports_page_save_pdf_async (self, file, self->cancellable, pdf_saved_cb, g_object_ref (self));
      else
        sapa_reports_page_save_table_async (self, request->table_id, file, self->cancellable,
                                            table_saved_cb, g_object_ref (self));
    }

  save_request_free (request);
  g_object_unref (chooser);
}

static void
choose_file (SapaReportsPage *self,
             const char      *table_id)
{
  SapaReportTable *table = table_id != NULL ? sapa_report_tables_lookup (self->tables, table_id) : NULL;
  g_autofree char *name = sapa_report_document_file_name (self->data, table ? table->title : NULL,
                                                          table_id != NULL ? ".csv" : ".pdf");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  SaveRequest *request;

  chooser = gtk_file_chooser_native_new (table_id != NULL ? _("Save the Table as CSV") : _("Save the Report as PDF"),
                                         get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, table_id != NULL ? _("CSV files") : _("PDF documents"));
  gtk_file_filter_add_pattern (filter, table_id != NULL ? "*.csv" : "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  request = g_new0 (SaveRequest, 1);
  request->page = g_object_ref (self);
  request->table_id = g_strdup (table_id);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_file (SAPA_REPORTS_PAGE (widget), NULL);
}

static void
save_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (SAPA_REPORTS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (widget);

  sapa_report_document_print (sapa_report_document_new (self->data, self->tables, desk_time_zone (self)),
                              get_window (self));
}

/* ---- The widget ---- */

static void
sapa_reports_page_map (GtkWidget *widget)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (sapa_reports_page_parent_class)->map (widget);

  /* Shown for the first time, or after something changed meanwhile. */
  if (self->dirty || (self->data == NULL && self->computing == NULL))
    compute (self);
}

static void
setup_periods (SapaReportsPage *self)
{
  const char *labels[] = {
    _("Today"), _("Last 7 days"), _("Last 30 days"), _("This month"), _("Custom dates"), NULL,
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == CUSTOM_PERIOD + 2);
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->period_dropdown, 1);
}

static void
sapa_reports_page_constructed (GObject *object)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (object);

  G_OBJECT_CLASS (sapa_reports_page_parent_class)->constructed (object);

  fill_airports (self);
  select_desk_airport (self);
  set_actions_enabled (self, FALSE);

  g_signal_connect_object (sapa_context_get_settings (self->context), "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "ticket-recorded",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
  self->dirty = TRUE;
}

static void
sapa_reports_page_dispose (GObject *object)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_REPORTS_PAGE);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->data, sapa_report_data_free);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_reports_page_parent_class)->dispose (object);
}

static void
sapa_reports_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPUTING:
      g_value_set_boolean (value, self->computing != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_reports_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SapaReportsPage *self = SAPA_REPORTS_PAGE (object);

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
sapa_reports_page_class_init (SapaReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sapa_reports_page_constructed;
  object_class->dispose = sapa_reports_page_dispose;
  object_class->get_property = sapa_reports_page_get_property;
  object_class->set_property = sapa_reports_page_set_property;
  widget_class->map = sapa_reports_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, first_day_button);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, last_day_button);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, first_day_calendar);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, last_day_calendar);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, airports_button);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, airport_search);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, airport_list);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, SapaReportsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, airport_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_airports_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_airports_clicked_cb);

  gtk_widget_class_install_action (widget_class, "reports.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.save-table", "s", save_table_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_reports_page_init (SapaReportsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_periods (self);

  calendar_date (self->first_day_calendar, &self->custom_first);
  calendar_date (self->last_day_calendar, &self->custom_last);
  /* For the tests, which drive the calendar's own arrows. */
  g_object_set_data (G_OBJECT (self), "first-day-calendar", self->first_day_calendar);
}

SapaReportsPage *
sapa_reports_page_new (SapaContext *context)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_REPORTS_PAGE, "context", context, NULL);
}

const SapaReportData *
sapa_reports_page_get_data (SapaReportsPage *self)
{
  g_return_val_if_fail (SAPA_IS_REPORTS_PAGE (self), NULL);

  return self->data;
}

gboolean
sapa_reports_page_get_computing (SapaReportsPage *self)
{
  g_return_val_if_fail (SAPA_IS_REPORTS_PAGE (self), FALSE);

  return self->computing != NULL;
}
