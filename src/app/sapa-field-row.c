/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-field-row.c: the input for one field of a flow step */

#define G_LOG_DOMAIN "sapa-field-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-field-row.h"
#include "sapa-text.h"

struct _SapaFieldRow
{
  GtkWidget        parent_instance;

  const SapaField *field;
  GPtrArray       *choice_ids;     /* ids behind the drop-down's items */
  GListModel      *choices;        /* every item, whatever the search */
  GtkCustomFilter *choice_filter;  /* the airport search, or NULL */
  GtkCustomSorter *choice_sorter;  /* best matches first, or NULL */

  GtkLabel        *title_label;
  GtkStack        *input_stack;
  GtkEntry        *entry;
  GtkTextView     *text_view;
  GtkDropDown     *dropdown;
  GtkSearchEntry  *choice_search;
  GtkLabel        *choice_none_label;
  GtkFlowBox      *multi_box;
  GtkLabel        *hint_label;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (SapaFieldRow, sapa_field_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
input_changed_cb (SapaFieldRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* A text area takes at most SAPA_TEXT_MAX_CHARS, which saving checks
 * anyway. A paste that would go past it is not inserted: laying out
 * 100,000 characters in a text view stalls the window for many seconds. */
static void
text_inserting_cb (GtkTextBuffer *buffer,
                   GtkTextIter   *location,
                   const char    *text,
                   int            length,
                   SapaFieldRow  *self)
{
  glong total = gtk_text_buffer_get_char_count (buffer) + g_utf8_strlen (text, length);
  g_autofree char *message = NULL;

  if (total <= SAPA_TEXT_MAX_CHARS)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  message = g_strdup_printf (_("“%s” takes at most %d characters, and the text pasted would make it %ld. "
                               "Shorten the text first."),
                             _(self->field->label), SAPA_TEXT_MAX_CHARS, total);
  sapa_field_row_set_error (self, message);
}

static GtkWidget *
get_input (SapaFieldRow *self)
{
  switch (self->field->type)
    {
    case SAPA_FIELD_MULTILINE:
      return GTK_WIDGET (self->text_view);
    case SAPA_FIELD_CHOICE:
    case SAPA_FIELD_AIRPORT:
      return GTK_WIDGET (self->dropdown);
    case SAPA_FIELD_MULTI_CHOICE:
      return GTK_WIDGET (self->multi_box);
    default:
      return GTK_WIDGET (self->entry);
    }
}

/* The airport an item of the drop-down stands for, or NULL for "Choose…". */
static const SapaAirport *
item_airport (gpointer item)
{
  return g_object_get_data (G_OBJECT (item), "sapa-airport");
}

static SapaAirportMatch
item_match (SapaFieldRow *self,
            gpointer      item)
{
  const SapaAirport *airport = item_airport (item);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->choice_search));

  return airport != NULL ? sapa_airport_match (airport, search) : SAPA_AIRPORT_MATCH_NONE;
}

/* Keeps "Choose…" and the airports that the search matches by code,
 * name, city, served city or province. */
static gboolean
airport_matches (gpointer item,
                 gpointer user_data)
{
  SapaFieldRow *self = user_data;

  if (item_airport (item) == NULL || *gtk_editable_get_text (GTK_EDITABLE (self->choice_search)) == '\0')
    return TRUE;
  return item_match (self, item) != SAPA_AIRPORT_MATCH_NONE;
}

/* Lists "Choose…" first, then whole-word matches, then the starts of
 * words, then the rest, each in the table's order. */
static int
compare_matches (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SapaFieldRow *self = user_data;
  gboolean a_choose = item_airport ((gpointer) a) == NULL;
  gboolean b_choose = item_airport ((gpointer) b) == NULL;

  if (a_choose || b_choose)
    return b_choose - a_choose;
  return (int) item_match (self, (gpointer) b) - (int) item_match (self, (gpointer) a);
}

/* Filters and orders the drop-down by the search. It picks the first
 * airport only when no other matches as well, so "dps" or "Ngurah Rai"
 * is enough, while "sultan" leaves "Choose…" for the officer to pick. */
static void
choice_search_changed_cb (SapaFieldRow *self)
{
  GListModel *found;
  guint n_airports;
  gboolean empty;

  if (self->choice_filter == NULL)
    return;

  empty = *gtk_editable_get_text (GTK_EDITABLE (self->choice_search)) == '\0';
  gtk_filter_changed (GTK_FILTER (self->choice_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->choice_sorter), GTK_SORTER_CHANGE_DIFFERENT);

  found = gtk_drop_down_get_model (self->dropdown);
  n_airports = g_list_model_get_n_items (found) - 1;
  gtk_widget_set_visible (GTK_WIDGET (self->choice_none_label), !empty && n_airports == 0);
  if (empty)
    return;

  if (n_airports == 1)
    gtk_drop_down_set_selected (self->dropdown, 1);
  else if (n_airports > 1)
    {
      g_autoptr(GObject) first = g_list_model_get_item (found, 1);
      g_autoptr(GObject) second = g_list_model_get_item (found, 2);

      gtk_drop_down_set_selected (self->dropdown, item_match (self, first) > item_match (self, second) ? 1 : 0);
    }
  else
    gtk_drop_down_set_selected (self->dropdown, 0);
}

static void
setup_dropdown (SapaFieldRow *self,
                const char   *value)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (labels, _("Choose…"));
  g_ptr_array_add (self->choice_ids, g_strdup (""));

  if (self->field->type == SAPA_FIELD_AIRPORT)
    {
      guint n_airports;
      const SapaAirport *airports = sapa_airport_get_all (&n_airports);

      for (guint i = 0; i < n_airports; i++)
        {
          g_autofree char *label = g_strdup_printf ("%s · %s, %s, %s (%s)", airports[i].iata,
                                                    airports[i].name, airports[i].city, airports[i].province,
                                                    sapa_time_zone_abbreviation (airports[i].time_zone));
          g_autoptr(GObject) item = NULL;

          gtk_string_list_append (labels, label);
          item = g_list_model_get_item (G_LIST_MODEL (labels), i + 1);
          g_object_set_data (item, "sapa-airport", (gpointer) &airports[i]);
          g_ptr_array_add (self->choice_ids, g_strdup (airports[i].iata));
        }
    }
  else
    {
      for (const SapaChoice *choice = self->field->choices; choice && choice->id; choice++)
        {
          gtk_string_list_append (labels, _(choice->label));
          g_ptr_array_add (self->choice_ids, g_strdup (choice->id));
        }
    }

  for (guint i = 0; i < self->choice_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->choice_ids, i), value) == 0)
      selected = i;

  self->choices = G_LIST_MODEL (g_object_ref (labels));
  if (self->field->type == SAPA_FIELD_AIRPORT)
    {
      GtkFilterListModel *found;
      g_autoptr(GtkSortListModel) ordered = NULL;

      self->choice_filter = gtk_custom_filter_new (airport_matches, self, NULL);
      self->choice_sorter = gtk_custom_sorter_new (compare_matches, self, NULL);
      found = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (labels)),
                                         GTK_FILTER (g_object_ref (self->choice_filter)));
      ordered = gtk_sort_list_model_new (G_LIST_MODEL (found), GTK_SORTER (g_object_ref (self->choice_sorter)));
      gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (ordered));
      gtk_widget_set_visible (GTK_WIDGET (self->choice_search), TRUE);
    }
  else
    gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->dropdown, selected);
}

static void
setup_multi (SapaFieldRow *self,
             const char   *value)
{
  g_auto(GStrv) chosen = g_strsplit (value ? value : "", ",", -1);

  for (const SapaChoice *choice = self->field->choices; choice && choice->id; choice++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(choice->label));

      gtk_widget_set_name (check, choice->id);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) chosen, choice->id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (input_changed_cb), self);
      gtk_flow_box_append (self->multi_box, check);
    }
}

static void
setup_input (SapaFieldRow *self,
             const char   *value)
{
  switch (self->field->type)
    {
    case SAPA_FIELD_MULTILINE:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), value ? value : "", -1);
      g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                                G_CALLBACK (input_changed_cb), self);
      g_signal_connect (gtk_text_view_get_buffer (self->text_view), "insert-text",
                        G_CALLBACK (text_inserting_cb), self);
      gtk_stack_set_visible_child_name (self->input_stack, "text");
      break;

    case SAPA_FIELD_CHOICE:
    case SAPA_FIELD_AIRPORT:
      setup_dropdown (self, value);
      gtk_stack_set_visible_child_name (self->input_stack, "choice");
      break;

    case SAPA_FIELD_MULTI_CHOICE:
      setup_multi (self, value);
      gtk_stack_set_visible_child_name (self->input_stack, "multi");
      break;

    case SAPA_FIELD_PHONE:
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_PHONE);
      G_GNUC_FALLTHROUGH;
    default:
      if (self->field->type == SAPA_FIELD_EMAIL)
        gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_EMAIL);
      if (self->field->type == SAPA_FIELD_NAME)
        gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NAME);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), value ? value : "");
      gtk_stack_set_visible_child_name (self->input_stack, "entry");
      break;
    }
}

char *
sapa_field_row_dup_value (SapaFieldRow *self)
{
  g_return_val_if_fail (SAPA_IS_FIELD_ROW (self), NULL);

  switch (self->field->type)
    {
    case SAPA_FIELD_MULTILINE:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }

    case SAPA_FIELD_CHOICE:
    case SAPA_FIELD_AIRPORT:
      {
        gpointer selected = gtk_drop_down_get_selected_item (self->dropdown);

        /* The search may hide items, so the position in the drop-down
         * is not the position in choice_ids. */
        for (guint i = 0; selected != NULL && i < self->choice_ids->len; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (self->choices, i);

            if (item == selected)
              return g_strdup (g_ptr_array_index (self->choice_ids, i));
          }
        return g_strdup ("");
      }

    case SAPA_FIELD_MULTI_CHOICE:
      {
        g_autoptr(GString) ids = g_string_new (NULL);

        for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->multi_box));
             child != NULL; child = gtk_widget_get_next_sibling (child))
          {
            GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

            if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
              g_string_append_printf (ids, "%s%s", ids->len ? "," : "", gtk_widget_get_name (check));
          }
        return g_string_free (g_steal_pointer (&ids), FALSE);
      }

    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
    }
}

void
sapa_field_row_set_error (SapaFieldRow *self,
                          const char   *message)
{
  GtkWidget *input;

  g_return_if_fail (SAPA_IS_FIELD_ROW (self));

  input = get_input (self);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (input, "error");
  else
    gtk_widget_remove_css_class (input, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

void
sapa_field_row_focus (SapaFieldRow *self)
{
  g_return_if_fail (SAPA_IS_FIELD_ROW (self));

  if (self->field->type == SAPA_FIELD_MULTI_CHOICE)
    gtk_widget_child_focus (GTK_WIDGET (self->multi_box), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (get_input (self));
}

const SapaField *
sapa_field_row_get_field (SapaFieldRow *self)
{
  g_return_val_if_fail (SAPA_IS_FIELD_ROW (self), NULL);
  return self->field;
}

static void
sapa_field_row_dispose (GObject *object)
{
  SapaFieldRow *self = SAPA_FIELD_ROW (object);
  GtkWidget *child;

  /* An input can outlive the row (the window may still hold it as its
   * focus widget), so it must not call back into a disposed row. */
  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_data (self->entry, self);
  if (self->dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->dropdown, self);
  if (self->choice_search != NULL)
    g_signal_handlers_disconnect_by_data (self->choice_search, self);
  if (self->text_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->text_view), self);
  if (self->multi_box != NULL)
    for (GtkWidget *flow_child = gtk_widget_get_first_child (GTK_WIDGET (self->multi_box));
         flow_child != NULL; flow_child = gtk_widget_get_next_sibling (flow_child))
      g_signal_handlers_disconnect_by_data (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (flow_child)), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_FIELD_ROW);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sapa_field_row_parent_class)->dispose (object);
}

static void
sapa_field_row_finalize (GObject *object)
{
  SapaFieldRow *self = SAPA_FIELD_ROW (object);

  g_ptr_array_unref (self->choice_ids);
  g_clear_object (&self->choices);
  g_clear_object (&self->choice_filter);
  g_clear_object (&self->choice_sorter);

  G_OBJECT_CLASS (sapa_field_row_parent_class)->finalize (object);
}

static void
sapa_field_row_class_init (SapaFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sapa_field_row_dispose;
  object_class->finalize = sapa_field_row_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, input_stack);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, entry);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, choice_search);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, choice_none_label);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, multi_box);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SapaFieldRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_search_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
sapa_field_row_init (SapaFieldRow *self)
{
  GtkLayoutManager *layout;

  self->choice_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}

SapaFieldRow *
sapa_field_row_new (const SapaField *field,
                    const char      *value)
{
  SapaFieldRow *self;
  GtkWidget *input;
  g_autofree char *title = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (SAPA_TYPE_FIELD_ROW, NULL);
  self->field = field;
  gtk_widget_set_name (GTK_WIDGET (self), field->key);

  /* Translators: marks an optional field after its label. */
  title = field->required || field->conditional ? g_strdup (_(field->label))
                                                : g_strdup_printf (_("%s (optional)"), _(field->label));
  gtk_label_set_text (self->title_label, title);

  if (field->hint != NULL)
    {
      gtk_label_set_text (self->hint_label, _(field->hint));
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }

  setup_input (self, value);

  input = get_input (self);
  gtk_widget_set_name (input, field->key);
  if (field->type == SAPA_FIELD_AIRPORT)
    {
      g_autofree char *search_name = g_strconcat (field->key, "_search", NULL);
      g_autofree char *none_name = g_strconcat (field->key, "_none", NULL);

      gtk_widget_set_name (GTK_WIDGET (self->choice_search), search_name);
      gtk_widget_set_name (GTK_WIDGET (self->choice_none_label), none_name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, field->required,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->hint_label, self->error_label, NULL,
                                  -1);
  if (input == GTK_WIDGET (self->dropdown))
    sapa_a11y_name_drop_down (self->dropdown);
  return self;
}
