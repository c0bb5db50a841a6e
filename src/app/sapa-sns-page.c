/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sns-page.c: the special-needs dashboard of the desk's airport */

#define G_LOG_DOMAIN "sapa-sns-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sapa-flow.h"
#include "sapa-sns-page.h"
#include "sapa-time.h"

/* Clocks move by the minute; half a minute keeps them current. */
#define REFRESH_SECONDS 30

struct _SapaSnsPage
{
  GtkWidget     parent_instance;

  SapaContext  *context;
  GCancellable *cancellable;
  guint         refresh_source;

  GtkListBox   *expected_list;
  GtkListBox   *service_list;
  GtkListBox   *holding_list;
  GtkListBox   *handed_list;

  SapaSnsTargets targets;
  GHashTable    *notified;      /* booking ticket ids already announced */
  gboolean       focus_on_load; /* the first row takes the focus once loaded */
};

G_DEFINE_FINAL_TYPE (SapaSnsPage, sapa_sns_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

/* A clock always says its state in words too: colour is never the only
 * signal. */
static GtkWidget *
create_clock (const SapaSnsTargets *targets,
              gint64                since,
              gint64                now,
              gboolean              prebooked,
              const char           *what)
{
  gint64 elapsed = now - since;
  g_autofree char *text = NULL;
  GtkWidget *label;
  const char *state_text;
  const char *css;

  switch (sapa_sns_clock_state (targets, prebooked, elapsed))
    {
    case SAPA_SNS_CLOCK_OK:
      state_text = _("on time");
      css = "success";
      break;
    case SAPA_SNS_CLOCK_AMBER:
      state_text = _("past target");
      css = "warning";
      break;
    default:
      state_text = _("over limit");
      css = "error";
      break;
    }

  /* Translators: a service clock: minutes, what they count, and whether
   * that is on time, e.g. "12 min since arrival, past target". */
  text = g_strdup_printf (_("%d min since %s, %s"), (int) (MAX (elapsed, 0) / (60 * G_USEC_PER_SEC)),
                          what, state_text);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, css);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
arrived_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GVariant *values = g_object_get_data (G_OBJECT (button), "sapa-booking");

  gtk_widget_activate_action_variant (GTK_WIDGET (button), "win.start-arrival", values);
}

/* "Kursi roda, Ambulift": the equipment's names, not its ids. */
static char *
describe_equipment (const char *ids)
{
  const SapaStep *prepare = sapa_flow_get_step (sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER), "prepare");
  const SapaField *field = prepare ? sapa_step_get_field (prepare, "equipment") : NULL;
  g_auto(GStrv) parts = g_strsplit (ids ? ids : "", ",", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label = field ? sapa_choice_get_label (field->choices, parts[i]) : NULL;

      if (*parts[i] == '\0')
        continue;
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", label ? label : parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns the SSR codes as the read-back lists them: "WCHR, BLND". */
static char *
describe_ssr (const char *codes)
{
  const SapaStep *identity = sapa_flow_get_step (sapa_flow_lookup (SAPA_FLOW_SNS_COUNTER), "identity");

  return sapa_field_describe (sapa_step_get_field (identity, "ssr"), codes);
}

static GtkWidget *
create_row (SapaSnsPage  *self,
            SapaSnsEntry *entry,
            SapaSnsGroup  group,
            gint64        now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *clock = NULL;
  g_autofree char *title = g_strdup_printf ("%s · %s", entry->name, *entry->flight ? entry->flight : "—");
  g_autofree char *ssr = describe_ssr (entry->ssr);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (group == SAPA_SNS_EXPECTED)
    {
      g_autofree char *eta = sapa_time_format (entry->eta, entry->time_zone);

      g_autofree char *equipment = describe_equipment (entry->equipment);

      /* Translators: when an expected passenger arrives. */
      g_string_append_printf (subtitle, _("Arrives %s"), eta);
      if (*equipment != '\0')
        /* Translators: the equipment to have ready for an arrival. */
        g_string_append_printf (subtitle, _(" · prepare: %s"), equipment);
    }
  else if (group == SAPA_SNS_HANDED_OVER)
    {
      g_autofree char *when = sapa_time_format_time (entry->handed_over, entry->time_zone);

      if (*entry->airline == '\0')
        /* Translators: who at the airline took the passenger over, and when. */
        g_string_append_printf (subtitle, _("Handed over to %s at %s"), entry->airline_staff, when);
      else
        /* Translators: who took the passenger over, at which airline, and
         * when: "Handed over to Rudi (Lion Air) at 08:00 WIB". */
        g_string_append_printf (subtitle, _("Handed over to %s (%s) at %s"),
                                entry->airline_staff, entry->airline, when);
    }
  else
    {
      g_autofree char *equipment = describe_equipment (entry->equipment);

      /* Translators: the officer escorting the passenger and the equipment. */
      g_string_append_printf (subtitle, _("Officer %s · equipment: %s"), entry->officer, equipment);
    }

  g_string_append_printf (subtitle, " · %s", ssr);
  if (entry->late)
    g_string_append_printf (subtitle, " · %s", _("booked late"));
  if (group == SAPA_SNS_EXPECTED && entry->overdue)
    g_string_append_printf (subtitle, " · %s", _("overdue"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  if (group == SAPA_SNS_EXPECTED)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Arrived"));
      g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));

      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, entry->arrival_values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_variant_builder_add (&builder, "{ss}", key, value);
      g_object_set_data_full (G_OBJECT (button), "sapa-booking",
                              g_variant_ref_sink (g_variant_builder_end (&builder)),
                              (GDestroyNotify) g_variant_unref);
      gtk_widget_set_name (button, "arrived");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect (button, "clicked", G_CALLBACK (arrived_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else if (group == SAPA_SNS_IN_SERVICE)
    clock = entry->service_started
            ? create_clock (&self->targets, entry->service_started, now, entry->prebooked, _("service start"))
            : create_clock (&self->targets, entry->arrived, now, entry->prebooked, _("arrival"));
  else if (group == SAPA_SNS_HOLDING)
    clock = create_clock (&self->targets, entry->holding_since, now, entry->prebooked, _("holding room"));

  /* The row's name is its title alone: the description carries the rest,
   * the clock's words included. */
  if (clock != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clock);
      g_string_append_printf (subtitle, " · %s", gtk_label_get_text (GTK_LABEL (clock)));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                  -1);
  return row;
}

static void
fill_list (SapaSnsPage  *self,
           GtkListBox   *list,
           SapaSnsBoard *board,
           SapaSnsGroup  group,
           gint64        now)
{
  GPtrArray *entries = board->groups[group];
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *focused_row = NULL;
  int focused_index = -1;

  /* The lists are rebuilt every half minute: a row that had the keyboard
   * focus hands it to the row now at its place, so the focus stays put. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (list)))
    focused_row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (focused_row != NULL)
    focused_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focused_row));

  clear_list (list);
  if (entries->len == 0)
    add_placeholder (list, _("Nobody"));
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (list, create_row (self, g_ptr_array_index (entries, i), group, now));

  if (focused_index >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, MIN ((guint) focused_index, MAX (entries->len, 1) - 1));

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* The targets come from the settings; three increasing minutes each, or
 * the defaults when a value is malformed. */
static void
load_targets (SapaSnsPage *self)
{
  GSettings *settings = sapa_context_get_settings (self->context);
  static const char * const keys[] = { "sns-targets-prebooked", "sns-targets-walk-in" };

  sapa_sns_targets_init_default (&self->targets);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[k]);
      gsize n = 0;
      const guint32 *minutes = g_variant_get_fixed_array (value, &n, sizeof (guint32));
      guint *into = k == 0 ? self->targets.prebooked : self->targets.walk_in;

      if (n != 3 || minutes[0] > minutes[1] || minutes[1] > minutes[2])
        continue;
      for (guint i = 0; i < 3; i++)
        into[i] = minutes[i];
    }
}

/* Reminds the desk once of each booked passenger due within the
 * configured minutes. The notification id is the booking's, so the
 * desktop replaces rather than repeats it. */
static void
announce_arrivals (SapaSnsPage  *self,
                   SapaSnsBoard *board,
                   gint64        now)
{
  guint lead = g_settings_get_uint (sapa_context_get_settings (self->context), "sns-notify-minutes");
  GApplication *application = g_application_get_default ();
  GPtrArray *expected = board->groups[SAPA_SNS_EXPECTED];

  if (lead == 0 || application == NULL)
    return;

  for (guint i = 0; i < expected->len; i++)
    {
      SapaSnsEntry *entry = g_ptr_array_index (expected, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;
      g_autofree char *when = NULL;
      g_autofree char *body = NULL;

      if (entry->eta < now || entry->eta - now > (gint64) lead * 60 * G_USEC_PER_SEC ||
          g_hash_table_contains (self->notified, entry->ticket_id))
        continue;

      when = sapa_time_format_time (entry->eta, entry->time_zone);
      /* Translators: a reminder: who arrives, on which flight, with which
       * needs, and when. */
      body = g_strdup_printf (_("%s · %s · %s arrives at %s."), entry->name, entry->flight, entry->ssr, when);
      notification = g_notification_new (_("Special Needs Passenger Arriving Soon"));
      g_notification_set_body (notification, body);
      id = g_strdup_printf ("sns-arrival-%s", entry->ticket_id);
      g_application_send_notification (application, id, notification);
      g_hash_table_add (self->notified, g_strdup (entry->ticket_id));
    }
}

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SapaSnsPage) self = user_data;
  g_autoptr(SapaSnsBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  board = sapa_store_load_sns_board_finish (SAPA_STORE (source), result, &error);
  if (board == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  load_targets (self);
  fill_list (self, self->expected_list, board, SAPA_SNS_EXPECTED, now);
  fill_list (self, self->service_list, board, SAPA_SNS_IN_SERVICE, now);
  fill_list (self, self->holding_list, board, SAPA_SNS_HOLDING, now);
  fill_list (self, self->handed_list, board, SAPA_SNS_HANDED_OVER, now);
  if (self->focus_on_load && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->focus_on_load = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->expected_list, 0)));
    }
  announce_arrivals (self, board, now);
}

void
sapa_sns_page_focus (SapaSnsPage *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (SAPA_IS_SNS_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->expected_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    /* Shown for the first time, the page has no rows before its board is
     * loaded. */
    self->focus_on_load = TRUE;
}

void
sapa_sns_page_reload (SapaSnsPage *self)
{
  g_autofree char *airport = NULL;

  g_return_if_fail (SAPA_IS_SNS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  airport = sapa_context_dup_airport (self->context);
  sapa_store_load_sns_board_async (sapa_context_get_store (self->context), airport, g_get_real_time (),
                                   self->cancellable, board_loaded_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  sapa_sns_page_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
sapa_sns_page_map (GtkWidget *widget)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (widget);

  GTK_WIDGET_CLASS (sapa_sns_page_parent_class)->map (widget);
  sapa_sns_page_reload (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
sapa_sns_page_unmap (GtkWidget *widget)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  GTK_WIDGET_CLASS (sapa_sns_page_parent_class)->unmap (widget);
}

/* A hidden dashboard is reloaded when it is shown again, so a recording
 * does not queue a board query in front of the officer's next step. */
static void
ticket_recorded_cb (SapaSnsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sapa_sns_page_reload (self);
}

static void
sapa_sns_page_constructed (GObject *object)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (object);

  G_OBJECT_CLASS (sapa_sns_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "ticket-recorded",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
}

static void
sapa_sns_page_dispose (GObject *object)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_SNS_PAGE);
  /* GTK 4.8 does not unparent a template's unnamed top-level widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_sns_page_parent_class)->dispose (object);
}

static void
sapa_sns_page_finalize (GObject *object)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (object);

  g_hash_table_unref (self->notified);

  G_OBJECT_CLASS (sapa_sns_page_parent_class)->finalize (object);
}

static void
sapa_sns_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SapaSnsPage *self = SAPA_SNS_PAGE (object);

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
sapa_sns_page_class_init (SapaSnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sapa_sns_page_constructed;
  object_class->dispose = sapa_sns_page_dispose;
  object_class->finalize = sapa_sns_page_finalize;
  object_class->set_property = sapa_sns_page_set_property;
  widget_class->map = sapa_sns_page_map;
  widget_class->unmap = sapa_sns_page_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-sns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaSnsPage, expected_list);
  gtk_widget_class_bind_template_child (widget_class, SapaSnsPage, service_list);
  gtk_widget_class_bind_template_child (widget_class, SapaSnsPage, holding_list);
  gtk_widget_class_bind_template_child (widget_class, SapaSnsPage, handed_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sapa_sns_page_init (SapaSnsPage *self)
{
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sapa_sns_targets_init_default (&self->targets);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SapaSnsPage *
sapa_sns_page_new (SapaContext *context)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_SNS_PAGE, "context", context, NULL);
}
