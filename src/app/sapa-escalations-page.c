/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalations-page.c: the escalation queue of a PIC or a supervisor */

#define G_LOG_DOMAIN "sapa-escalations-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-airport.h"
#include "sapa-escalations-page.h"
#include "sapa-store-escalation.h"
#include "sapa-ticket-detail.h"

/* Clocks move by the minute; half a minute keeps them current. */
#define REFRESH_SECONDS 30

typedef enum {
  SORT_BY_TIME_LEFT,
  SORT_BY_AGE,
} SortOrder;

struct _SapaEscalationsPage
{
  GtkWidget               parent_instance;

  SapaContext            *context;
  SapaEscalationNotifier *notifier;
  SapaSlaConfig          *config;         /* read again each time the page is shown */
  GCancellable           *cancellable;    /* of the load in flight */
  guint                   refresh_source;
  gint64                  now_override;

  GListStore             *escalations;    /* SapaEscalation, as loaded */
  GtkFilterListModel     *filtered;
  GtkSortListModel       *sorted;
  GtkCustomFilter        *filter;
  GtkCustomSorter        *sorter;
  SortOrder               sort_order;
  GPtrArray              *airport_ids;    /* choice ids of the drop-downs, */
  GPtrArray              *unit_ids;       /* NULL first for "all" */
  gboolean                filling_choices;

  char                   *shown_id;       /* the ticket beside the list */
  gint64                  shown_updated_at;
  char                   *shown_status;

  AdwLeaflet             *leaflet;
  GtkWidget              *list_pane;
  GtkWidget              *detail_pane;
  GtkInfoBar             *config_bar;
  GtkLabel               *config_label;
  GtkLabel               *scope_label;
  GtkLabel               *count_label;
  GtkDropDown            *airport_dropdown;
  GtkDropDown            *unit_dropdown;
  GtkDropDown            *sort_dropdown;
  GtkCheckButton         *overdue_check;
  GtkStack               *list_stack;
  GtkListBox             *list_box;
  AdwStatusPage          *empty_page;
  GtkStack               *detail_stack;
  GtkWidget              *detail;
};

G_DEFINE_FINAL_TYPE (SapaEscalationsPage, sapa_escalations_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_NOTIFIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
get_now (SapaEscalationsPage *self)
{
  return self->now_override != 0 ? self->now_override : g_get_real_time ();
}

static gboolean
lists_all (SapaEscalationsPage *self)
{
  g_autofree char *scope = g_settings_get_string (sapa_context_get_settings (self->context),
                                                  "escalation-scope");

  return g_strcmp0 (scope, "all") == 0;
}

/* Rows */

static const char *
stage_css_class (SapaEscalation *escalation)
{
  const SapaTicketSla *sla = sapa_escalation_get_sla (escalation);

  if (sla->clock == SAPA_SLA_CLOCK_STOPPED || sla->progress.state == SAPA_SLA_STATE_PAUSED)
    return "dim-label";

  switch (sapa_escalation_get_stage (escalation))
    {
    case SAPA_ESCALATION_STAGE_OVERDUE:
      return "error";
    case SAPA_ESCALATION_STAGE_DUE_SOON:
      return "warning";
    case SAPA_ESCALATION_STAGE_ARRIVED:
    default:
      return "success";
    }
}

/* The icon repeats the state that the clock's words give, for a quick
 * scan. */
static const char *
stage_icon_name (SapaEscalation *escalation)
{
  const SapaTicketSla *sla = sapa_escalation_get_sla (escalation);

  if (sla->clock == SAPA_SLA_CLOCK_STOPPED || sla->progress.state == SAPA_SLA_STATE_PAUSED)
    return "media-playback-pause-symbolic";

  switch (sapa_escalation_get_stage (escalation))
    {
    case SAPA_ESCALATION_STAGE_OVERDUE:
      return "dialog-warning-symbolic";
    case SAPA_ESCALATION_STAGE_DUE_SOON:
      return "alarm-symbolic";
    case SAPA_ESCALATION_STAGE_ARRIVED:
    default:
      return "emblem-ok-symbolic";
    }
}

static char *
describe_where_and_when (SapaEscalation *escalation)
{
  g_autofree char *assignee = sapa_escalation_format_assignee (escalation);
  g_autofree char *age = sapa_escalation_format_age (escalation);
  g_auto(GStrv) note_lines = g_strsplit (sapa_escalation_get_note (escalation), "\n", 2);
  const char *note = note_lines[0] != NULL ? note_lines[0] : "";

  /* Translators: where an escalation went and when, then the first line
   * of its request, e.g. "DJJ · Facilities · Escalated 10:00 WIT, 5 min
   * ago" and "Please repair the air conditioning". */
  if (*note != '\0')
    return g_strdup_printf (_("%s · %s\n%s"), assignee, age, note);
  return g_strdup_printf (_("%s · %s"), assignee, age);
}

static GtkWidget *
create_clock (SapaEscalation *escalation)
{
  g_autofree char *clock = sapa_escalation_format_clock (escalation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (clock);
  GtkWidget *status;

  gtk_widget_set_name (label, "clock");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, stage_css_class (escalation));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (box), label);

  status = gtk_label_new (sapa_escalation_is_waiting_for_pic (escalation)
                          ? _("Waiting for the PIC") : _("Answered, to be judged"));
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_box_append (GTK_BOX (box), status);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SapaEscalation *escalation = item;
  SapaTicket *ticket = sapa_escalation_get_ticket (escalation);
  const char *name = sapa_ticket_get_name (ticket);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = describe_where_and_when (escalation);
  GtkWidget *row = adw_action_row_new ();
  /* The icon repeats the clock's words, so assistive technologies skip it. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", stage_icon_name (escalation),
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  title = g_strdup_printf ("%s · %s", sapa_ticket_get_report_number (ticket),
                           *name != '\0' ? name : _("No name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_add_css_class (icon, stage_css_class (escalation));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_clock (escalation));

  if (sapa_escalation_get_stage (escalation) == SAPA_ESCALATION_STAGE_OVERDUE)
    gtk_widget_add_css_class (row, "overdue");
  else if (sapa_escalation_get_stage (escalation) == SAPA_ESCALATION_STAGE_DUE_SOON)
    gtk_widget_add_css_class (row, "due-soon");

  gtk_widget_set_name (row, sapa_ticket_get_id (ticket));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* Filters and sorting */

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  SapaEscalationsPage *self = user_data;
  SapaEscalation *escalation = item;
  const char *airport = selected_id (self->airport_dropdown, self->airport_ids);
  const char *unit = selected_id (self->unit_dropdown, self->unit_ids);

  if (airport != NULL && g_strcmp0 (sapa_escalation_get_airport (escalation), airport) != 0)
    return FALSE;
  if (unit != NULL && g_strcmp0 (sapa_escalation_get_unit (escalation), unit) != 0)
    return FALSE;
  if (gtk_check_button_get_active (self->overdue_check) &&
      sapa_escalation_get_stage (escalation) != SAPA_ESCALATION_STAGE_OVERDUE)
    return FALSE;
  return TRUE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SapaEscalationsPage *self = user_data;

  if (self->sort_order == SORT_BY_AGE)
    return sapa_escalation_compare_age ((SapaEscalation *) a, (SapaEscalation *) b);
  return sapa_escalation_compare_time_left ((SapaEscalation *) a, (SapaEscalation *) b);
}

static void
update_count (SapaEscalationsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->escalations));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u escalation", "%u escalations", total), total);
  else
    /* Translators: escalations shown by the filters, of all listed. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u escalation", "%u of %u escalations", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Escalations"));
      adw_status_page_set_description (self->empty_page,
                                       lists_all (self)
                                       ? _("No escalated ticket waits on this workstation.")
                                       : _("No escalated ticket waits at this airport."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Escalations"));
      adw_status_page_set_description (self->empty_page, _("No escalation matches the filters."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
}

static void
filters_changed_cb (SapaEscalationsPage *self)
{
  /* The template's widgets notify while the page is being built. */
  if (self->filter == NULL || self->filling_choices)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
sort_changed_cb (SapaEscalationsPage *self)
{
  if (self->sorter == NULL)
    return;

  self->sort_order = gtk_drop_down_get_selected (self->sort_dropdown) == 1 ? SORT_BY_AGE : SORT_BY_TIME_LEFT;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

typedef char *(*ChoiceLabelFunc) (const char *id);

static char *
airport_choice_label (const char *iata)
{
  const SapaAirport *airport = sapa_airport_lookup (iata);

  if (airport == NULL)
    return g_strdup (iata);
  /* Translators: an airport in the filter, e.g. "DJJ · Sentani". */
  return g_strdup_printf (_("%s · %s"), airport->iata, airport->name);
}

static char *
unit_choice_label (const char *unit)
{
  return g_strdup (*unit != '\0' ? sapa_escalation_unit_label (unit) : _("No unit named"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* TRUE when @ids (NULL first, for "all") offers exactly @sorted. */
static gboolean
same_choices (GPtrArray *ids,
              GPtrArray *sorted)
{
  if (ids->len != sorted->len + 1)
    return FALSE;

  for (guint i = 0; i < sorted->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i + 1), g_ptr_array_index (sorted, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Offers "all" and each id of @found, sorted, in @dropdown, keeping the
 * choice made before even when no escalation has that id any more. A
 * drop-down with a single id to choose, such as the airport filter of a
 * PIC's queue, would change nothing, so it is hidden. */
static void
fill_choices (SapaEscalationsPage *self,
              GtkDropDown         *dropdown,
              GPtrArray           *ids,
              GHashTable          *found,
              const char          *all_label,
              ChoiceLabelFunc      label_func)
{
  g_autofree char *selected = g_strdup (selected_id (dropdown, ids));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint position = 0;

  /* g_hash_table_get_keys_as_ptr_array() is newer than GLib 2.74. */
  if (found != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, found);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_ptr_array_add (sorted, id);
    }

  if (selected != NULL && (found == NULL || !g_hash_table_contains (found, selected)))
    g_ptr_array_add (sorted, selected);
  g_ptr_array_sort (sorted, compare_strings);
  gtk_widget_set_visible (GTK_WIDGET (dropdown), sorted->len > 1);

  /* An unchanged set of choices keeps its model, so the reload every
   * half minute does not disturb a drop-down the officer has open. */
  if (same_choices (ids, sorted))
    return;

  g_ptr_array_set_size (ids, 0);
  g_ptr_array_add (ids, NULL);
  gtk_string_list_append (labels, all_label);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *id = g_ptr_array_index (sorted, i);
      g_autofree char *label = label_func (id);

      g_ptr_array_add (ids, g_strdup (id));
      gtk_string_list_append (labels, label);
      if (g_strcmp0 (id, selected) == 0)
        position = i + 1;
    }

  self->filling_choices = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, position);
  self->filling_choices = FALSE;
}

static void
update_choices (SapaEscalationsPage *self,
                GPtrArray           *escalations)
{
  g_autoptr(GHashTable) airports = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < escalations->len; i++)
    {
      SapaEscalation *escalation = g_ptr_array_index (escalations, i);

      g_hash_table_add (airports, (gpointer) sapa_escalation_get_airport (escalation));
      g_hash_table_add (units, (gpointer) sapa_escalation_get_unit (escalation));
    }

  fill_choices (self, self->airport_dropdown, self->airport_ids, airports, _("All airports"),
                airport_choice_label);
  fill_choices (self, self->unit_dropdown, self->unit_ids, units, _("All units"), unit_choice_label);
}

static void
update_scope_label (SapaEscalationsPage *self)
{
  g_autofree char *airport_code = sapa_context_dup_airport (self->context);
  const SapaAirport *airport = sapa_airport_lookup (airport_code);
  g_autofree char *text = NULL;

  if (lists_all (self))
    text = g_strdup (_("All escalations on this workstation"));
  else
    /* Translators: the escalations a PIC works, e.g. "Escalations to Sentani (DJJ)". */
    text = g_strdup_printf (_("Escalations to %s (%s)"), airport ? airport->name : airport_code,
                            airport_code);
  gtk_label_set_text (self->scope_label, text);
}

/* Loading */

static void
show_ticket (SapaEscalationsPage *self,
             SapaTicket          *ticket)
{
  g_free (self->shown_id);
  self->shown_id = g_strdup (sapa_ticket_get_id (ticket));
  self->shown_updated_at = sapa_ticket_get_updated_at (ticket);
  g_free (self->shown_status);
  self->shown_status = g_strdup (sapa_ticket_get_status (ticket));
  sapa_ticket_detail_show (SAPA_TICKET_DETAIL (self->detail), self->context, ticket);
  gtk_stack_set_visible_child_name (self->detail_stack, "ticket");
}

static void
shown_ticket_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SapaEscalationsPage) self = user_data;
  g_autoptr(SapaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = sapa_store_get_ticket_finish (SAPA_STORE (source), result, &error);
  if (ticket == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The ticket beside the queue could not be read again: %s", error->message);
      return;
    }

  if (g_strcmp0 (sapa_ticket_get_id (ticket), self->shown_id) == 0 &&
      (sapa_ticket_get_updated_at (ticket) != self->shown_updated_at ||
       g_strcmp0 (sapa_ticket_get_status (ticket), self->shown_status) != 0))
    show_ticket (self, ticket);
}

/* Follows a change of the ticket beside the list made elsewhere, such as
 * a sync; an unchanged ticket keeps its place and focus. The status is
 * compared too, because a sync that undoes a rejected step changes it
 * without a new activity. A ticket that left the queue (closed, or
 * passed to another airport) stays beside it and is read again, so it
 * shows its current status. */
static void
refresh_shown (SapaEscalationsPage *self,
               GPtrArray           *escalations)
{
  if (self->shown_id == NULL)
    return;

  for (guint i = 0; i < escalations->len; i++)
    {
      SapaTicket *ticket = sapa_escalation_get_ticket (g_ptr_array_index (escalations, i));

      if (g_strcmp0 (sapa_ticket_get_id (ticket), self->shown_id) != 0)
        continue;
      if (sapa_ticket_get_updated_at (ticket) != self->shown_updated_at ||
          g_strcmp0 (sapa_ticket_get_status (ticket), self->shown_status) != 0)
        show_ticket (self, ticket);
      return;
    }

  sapa_store_get_ticket_async (sapa_context_get_store (self->context), self->shown_id, self->cancellable,
                               shown_ticket_loaded_cb, g_object_ref (self));
}

static GtkWidget *
find_row (SapaEscalationsPage *self,
          const char          *ticket_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL && ticket_id != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), ticket_id) == 0)
      return row;
  return NULL;
}

/* Returns the ticket id of the row that has the keyboard focus, if any. */
static char *
dup_focused_row_id (SapaEscalationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list_box))
    return NULL;
  return g_strdup (gtk_widget_get_name (row));
}

/* Replaces the rows with @escalations. The rows are made anew, so the
 * open ticket's row is selected again, and the focus goes back to the
 * row of the same ticket for an officer moving through the list. */
static void
replace_rows (SapaEscalationsPage *self,
              GPtrArray           *escalations)
{
  g_autofree char *focused_id = dup_focused_row_id (self);
  GtkWidget *row;

  g_list_store_splice (self->escalations, 0, g_list_model_get_n_items (G_LIST_MODEL (self->escalations)),
                       escalations->pdata, escalations->len);

  row = find_row (self, self->shown_id);
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
  row = find_row (self, focused_id);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
escalations_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SapaEscalationsPage) self = user_data;
  g_autoptr(GPtrArray) escalations = NULL;
  g_autoptr(GError) error = NULL;

  escalations = sapa_store_list_escalations_finish (SAPA_STORE (source), result, &error);
  if (escalations == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  update_choices (self, escalations);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  replace_rows (self, escalations);
  update_scope_label (self);
  update_count (self);
  refresh_shown (self, escalations);
}

static void
list_escalations (SapaEscalationsPage *self)
{
  g_autofree char *airport = NULL;

  if (!lists_all (self))
    airport = sapa_context_dup_airport (self->context);

  sapa_store_list_escalations_async (sapa_context_get_store (self->context), airport, self->config,
                                     get_now (self), self->cancellable,
                                     escalations_listed_cb, g_object_ref (self));
}

static void
config_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaEscalationsPage) self = user_data;
  SapaSlaConfig *config = sapa_sla_config_load_finish (result, NULL);
  const char *problem;

  if (config == NULL)
    return;

  g_clear_pointer (&self->config, sapa_sla_config_unref);
  self->config = config;
  problem = sapa_sla_config_get_problem (config);
  gtk_label_set_text (self->config_label, problem != NULL ? problem : "");
  gtk_info_bar_set_revealed (self->config_bar, problem != NULL);

  if (!g_cancellable_is_cancelled (self->cancellable))
    list_escalations (self);
}

void
sapa_escalations_page_reload (SapaEscalationsPage *self)
{
  g_return_if_fail (SAPA_IS_ESCALATIONS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->config == NULL)
    {
      g_autofree char *path = sapa_context_dup_sla_config_path ();

      sapa_sla_config_load_async (path, self->cancellable, config_loaded_cb, g_object_ref (self));
      return;
    }

  list_escalations (self);
}

/* Signals */

static void
row_activated_cb (SapaEscalationsPage *self,
                  GtkListBoxRow       *row)
{
  g_autoptr(SapaEscalation) escalation = NULL;

  escalation = g_list_model_get_item (G_LIST_MODEL (self->sorted), gtk_list_box_row_get_index (row));
  if (escalation == NULL)
    return;

  gtk_list_box_select_row (self->list_box, row);
  show_ticket (self, sapa_escalation_get_ticket (escalation));
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
back_clicked_cb (SapaEscalationsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* A recorded action on the ticket beside the list shows at once; the
 * list follows when it is shown. */
static void
ticket_recorded_cb (SapaEscalationsPage *self,
                    SapaTicket          *ticket)
{
  if (ticket != NULL && g_strcmp0 (sapa_ticket_get_id (ticket), self->shown_id) == 0)
    show_ticket (self, ticket);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sapa_escalations_page_reload (self);
}

static void
scope_changed_cb (SapaEscalationsPage *self)
{
  update_scope_label (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sapa_escalations_page_reload (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  sapa_escalations_page_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
sapa_escalations_page_map (GtkWidget *widget)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (sapa_escalations_page_parent_class)->map (widget);

  /* The administrator may have changed the SLA file meanwhile. */
  g_clear_pointer (&self->config, sapa_sla_config_unref);
  sapa_escalations_page_reload (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
sapa_escalations_page_unmap (GtkWidget *widget)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  GTK_WIDGET_CLASS (sapa_escalations_page_parent_class)->unmap (widget);
}

/* Construction */

static void
setup_models (SapaEscalationsPage *self)
{
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);

  self->escalations = g_list_store_new (SAPA_TYPE_ESCALATION);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->escalations)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (g_object_ref (self->sorter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sorted), create_row, self, NULL);

  gtk_string_list_append (orders, _("Time left first"));
  gtk_string_list_append (orders, _("Oldest first"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (orders));

  fill_choices (self, self->airport_dropdown, self->airport_ids, NULL, _("All airports"), airport_choice_label);
  fill_choices (self, self->unit_dropdown, self->unit_ids, NULL, _("All units"), unit_choice_label);
}

static void
sapa_escalations_page_constructed (GObject *object)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (object);
  GSettings *settings = sapa_context_get_settings (self->context);

  G_OBJECT_CLASS (sapa_escalations_page_parent_class)->constructed (object);

  setup_models (self);

  g_signal_connect_object (self->context, "ticket-recorded",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::escalation-scope",
                           G_CALLBACK (scope_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::airport",
                           G_CALLBACK (scope_changed_cb), self, G_CONNECT_SWAPPED);
  update_scope_label (self);
  update_count (self);
}

static void
sapa_escalations_page_dispose (GObject *object)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->notifier);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_ESCALATIONS_PAGE);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->escalations);
  g_clear_pointer (&self->config, sapa_sla_config_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_escalations_page_parent_class)->dispose (object);
}

static void
sapa_escalations_page_finalize (GObject *object)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (object);

  g_ptr_array_unref (self->airport_ids);
  g_ptr_array_unref (self->unit_ids);
  g_free (self->shown_id);
  g_free (self->shown_status);

  G_OBJECT_CLASS (sapa_escalations_page_parent_class)->finalize (object);
}

static void
sapa_escalations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SapaEscalationsPage *self = SAPA_ESCALATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_NOTIFIER:
      self->notifier = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_escalations_page_class_init (SapaEscalationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sapa_escalations_page_constructed;
  object_class->dispose = sapa_escalations_page_dispose;
  object_class->finalize = sapa_escalations_page_finalize;
  object_class->set_property = sapa_escalations_page_set_property;
  widget_class->map = sapa_escalations_page_map;
  widget_class->unmap = sapa_escalations_page_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFIER] =
    g_param_spec_object ("notifier", NULL, NULL, SAPA_TYPE_ESCALATION_NOTIFIER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAPA_TYPE_TICKET_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-escalations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, config_bar);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, config_label);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, scope_label);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, airport_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaEscalationsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_escalations_page_init (SapaEscalationsPage *self)
{
  self->airport_ids = g_ptr_array_new_with_free_func (g_free);
  self->unit_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SapaEscalationsPage *
sapa_escalations_page_new (SapaContext            *context,
                           SapaEscalationNotifier *notifier)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SAPA_IS_ESCALATION_NOTIFIER (notifier), NULL);

  return g_object_new (SAPA_TYPE_ESCALATIONS_PAGE, "context", context, "notifier", notifier, NULL);
}

void
sapa_escalations_page_set_now (SapaEscalationsPage *self,
                               gint64               now_us)
{
  g_return_if_fail (SAPA_IS_ESCALATIONS_PAGE (self));

  self->now_override = now_us;
  sapa_escalation_notifier_set_now (self->notifier, now_us);
}
