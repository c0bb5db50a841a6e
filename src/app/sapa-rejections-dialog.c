/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-rejections-dialog.c: the activities the server rejected */

#define G_LOG_DOMAIN "sapa-rejections"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-airport.h"
#include "sapa-rejections-dialog.h"
#include "sapa-sync.h"
#include "sapa-ticket-action.h"
#include "sapa-time.h"

struct _SapaRejectionsDialog
{
  AdwWindow     parent_instance;

  SapaContext  *context;
  GCancellable *cancellable;
  GtkListBox   *list;
  GtkStack     *stack;
};

G_DEFINE_FINAL_TYPE (SapaRejectionsDialog, sapa_rejections_dialog, ADW_TYPE_WINDOW)

static const char *
describe_step (const SapaSyncRejection *rejection)
{
  const SapaTicketAction *action = sapa_ticket_action_lookup (rejection->step);

  if (g_strcmp0 (rejection->kind, SAPA_ACTIVITY_ACTION) == 0 && action != NULL)
    return _(action->step.title);
  if (g_strcmp0 (rejection->kind, SAPA_ACTIVITY_RECEIPT) == 0)
    return _("Receipt printed");
  return _("A step of the procedure");
}

static GtkWidget *
new_row (SapaRejectionsDialog    *self,
         const SapaSyncRejection *rejection)
{
  g_autofree char *airport = sapa_context_dup_airport (self->context);
  const SapaAirport *where = sapa_airport_lookup (airport);
  g_autofree char *when = sapa_time_format (rejection->created_at,
                                            where != NULL ? where->time_zone : "Asia/Jakarta");
  g_autofree char *reason = sapa_sync_rejection_describe (rejection);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: report number, then what was done, such as "Close the ticket". */
  title = g_strdup_printf (_("%s · %s"),
                           *rejection->report_number != '\0' ? rejection->report_number : _("Unknown ticket"),
                           describe_step (rejection));
  subtitle = g_strdup_printf ("%s\n%s", when, reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  sapa_a11y_describe_row (ADW_ACTION_ROW (row));
  return row;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SapaRejectionsDialog) self = user_data;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;

  rejections = sapa_store_sync_list_rejected_finish (SAPA_STORE (source), result, &error);
  if (rejections == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot list the rejected activities: %s", error->message);
      return;
    }

  for (guint i = 0; i < rejections->len; i++)
    gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (rejections, i)));
  gtk_stack_set_visible_child_name (self->stack, rejections->len > 0 ? "list" : "empty");
}

static void
sapa_rejections_dialog_dispose (GObject *object)
{
  SapaRejectionsDialog *self = SAPA_REJECTIONS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_rejections_dialog_parent_class)->dispose (object);
}

static void
sapa_rejections_dialog_class_init (SapaRejectionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sapa_rejections_dialog_dispose;
}

static GtkWidget *
build_content (SapaRejectionsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *intro = gtk_label_new (_("The server did not accept these activities. They stay in their tickets' logs, and each ticket now shows the state the server holds. Look at the ticket and, if needed, take the step again."));
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *empty = adw_status_page_new ();

  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rejected activities"), -1);

  gtk_box_append (GTK_BOX (column), intro);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (column, 12);
  gtk_widget_set_margin_bottom (column, 12);
  gtk_widget_set_margin_start (column, 12);
  gtk_widget_set_margin_end (column, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Rejected"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  return box;
}

static void
sapa_rejections_dialog_init (SapaRejectionsDialog *self)
{
  GtkEventController *keys;
  GtkShortcut *close;

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Rejected Activities"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  adw_window_set_content (ADW_WINDOW (self), build_content (self));

  keys = gtk_shortcut_controller_new ();
  close = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                            gtk_named_action_new ("window.close"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), close);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

SapaRejectionsDialog *
sapa_rejections_dialog_new (SapaContext *context)
{
  SapaRejectionsDialog *self = g_object_new (SAPA_TYPE_REJECTIONS_DIALOG, NULL);

  self->context = g_object_ref (context);
  sapa_store_sync_list_rejected_async (sapa_context_get_store (context), self->cancellable,
                                       listed_cb, g_object_ref (self));
  return self;
}
