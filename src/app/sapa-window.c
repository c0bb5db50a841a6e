/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-window.c: the main window: service, ticket, special-needs and escalation sections */

#define G_LOG_DOMAIN "sapa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-a11y.h"
#include "sapa-error.h"
#include "sapa-sign-in-dialog.h"
#include "sapa-sync-indicator.h"
#include "sapa-window-private.h"

G_DEFINE_FINAL_TYPE (SapaWindow, sapa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
sapa_window_show_toast (SapaWindow *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SAPA_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sapa_window_show_toast (SAPA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
resumed_logged_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SapaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A draft whose first step was never recorded has no ticket to log in. */
  if (!sapa_store_log_finish (SAPA_STORE (source), result, &error) &&
      !g_error_matches (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sapa_window_show_toast (self, error->message);
}

/* Says in the ticket's log that its procedure was taken up again. */
static void
log_resumed (SapaWindow *self,
             SapaWizard *wizard)
{
  g_autoptr(SapaActivity) activity = NULL;
  g_autofree char *airport = NULL;
  g_autofree char *officer = NULL;

  if (sapa_wizard_get_n_steps_taken (wizard) == 0)
    return;

  airport = sapa_context_dup_airport (self->context);
  officer = sapa_context_dup_officer (self->context);
  activity = sapa_activity_new (sapa_wizard_get_ticket_id (wizard), SAPA_ACTIVITY_RESUMED,
                                sapa_wizard_get_step (wizard)->id, NULL, NULL, officer, airport,
                                sapa_context_get_workstation (self->context), g_get_real_time ());
  sapa_store_log_async (sapa_context_get_store (self->context), activity, NULL, self->cancellable,
                        resumed_logged_cb, g_object_ref (self));
}

static void
draft_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SapaWindow) self = user_data;
  g_autoptr(SapaWizard) wizard = NULL;
  g_autoptr(GError) error = NULL;

  wizard = sapa_store_get_draft_finish (SAPA_STORE (source), result, &error);
  if (wizard == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sapa_window_show_toast (self, error->message);
      else if (error == NULL)
        sapa_window_show_toast (self, _("This ticket has no unfinished procedure."));
      return;
    }

  sapa_window_show_section (self, "service");
  sapa_service_page_resume (self->service_page, wizard);
  log_resumed (self, wizard);
}

/* Starts the SNS counter flow for a booked passenger who arrived; the
 * booking's values come in @parameter (a{ss}). */
static void
start_arrival_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SapaWindow *self = SAPA_WINDOW (widget);

  sapa_window_show_section (self, "service");
  sapa_service_page_start_with_values (self->service_page, SAPA_FLOW_SNS_COUNTER, parameter);
}

/* Continues the procedure of the ticket whose id is @parameter. */
static void
resume_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SapaWindow *self = SAPA_WINDOW (widget);

  sapa_store_get_draft_async (sapa_context_get_store (self->context),
                              g_variant_get_string (parameter, NULL), self->cancellable,
                              draft_loaded_cb, g_object_ref (self));
}

static void
update_station_label (SapaWindow *self)
{
  g_autofree char *airport = sapa_context_dup_airport (self->context);
  g_autofree char *officer = sapa_context_dup_officer (self->context);
  g_autofree char *text = NULL;
  g_autofree char *desk = NULL;

  /* Translators: the workstation shown in the header bar: airport code,
   * workstation number and the officer's name. */
  text = g_strdup_printf (_("%s · Desk %02u · %s"), airport,
                          sapa_context_get_workstation (self->context), officer);
  gtk_label_set_text (self->station_label, text);
  adw_view_switcher_title_set_subtitle (self->switcher_title, text);
  /* With five sections the header may have no room for the desk, so the
   * window's own title, which the taskbar and screen readers give, names
   * it too. */
  {
    g_autofree char *title = g_strdup_printf ("Sapa · %s", text);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  /* Translators: the workstation in a narrow header bar: airport code and
   * workstation number. */
  desk = g_strdup_printf (_("%s · Desk %02u"), airport, sapa_context_get_workstation (self->context));
  gtk_label_set_text (self->desk_label, desk);
}

/* Drafts */

static void offer_next_draft (SapaWindow *self);

static void
draft_discarded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SapaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sapa_store_discard_finish (SAPA_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sapa_window_show_toast (self, error->message);
    }
  else
    sapa_context_ticket_recorded (self->context, NULL);

  offer_next_draft (self);
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SapaWindow       *self)
{
  g_autoptr(SapaWizard) wizard = g_object_steal_data (G_OBJECT (dialog), "sapa-wizard");

  if (g_strcmp0 (response, "resume") == 0)
    {
      sapa_window_show_section (self, "service");
      sapa_service_page_resume (self->service_page, wizard);
      g_ptr_array_set_size (self->pending_drafts, 0);
      return;
    }

  sapa_store_discard_async (sapa_context_get_store (self->context), wizard,
                            _("Discarded when offered back after a restart"),
                            self->cancellable, draft_discarded_cb, g_object_ref (self));
}

static char *
describe_draft (SapaWizard *wizard)
{
  const SapaFlow *flow = sapa_wizard_get_flow (wizard);
  const SapaStep *step = sapa_wizard_get_step (wizard);
  const char *name = sapa_wizard_get_value (wizard, "name");

  if (*name != '\0')
    /* Translators: a service left unfinished: the flow, the person's name
     * and the step it stopped at. */
    return g_strdup_printf (_("%s for %s was left at the step “%s”. What was saved before it stopped is kept."),
                            _(flow->title), name, _(step->title));

  return g_strdup_printf (_("%s was left at the step “%s”. What was saved before it stopped is kept."),
                          _(flow->title), _(step->title));
}

static void
offer_next_draft (SapaWindow *self)
{
  g_autoptr(SapaWizard) wizard = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->pending_drafts->len == 0)
    return;

  wizard = g_ptr_array_steal_index (self->pending_drafts, 0);
  body = describe_draft (wizard);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Continue the Unfinished Service?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "resume", _("_Continue"),
                                    NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, "resume");
  g_object_set_data_full (G_OBJECT (dialog), "sapa-wizard",
                          g_steal_pointer (&wizard), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (draft_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
drafts_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaWindow) self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = sapa_store_list_drafts_finish (SAPA_STORE (source), result, &error);
  if (drafts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sapa_window_show_toast (self, error->message);
      return;
    }

  /* A draft parked at a waiting step is continued from its ticket, not
   * offered as work lost in a crash. */
  for (guint i = 0; i < drafts->len; i++)
    {
      SapaWizard *wizard = g_ptr_array_index (drafts, i);

      if (sapa_wizard_get_step (wizard)->kind != SAPA_STEP_WAIT)
        g_ptr_array_add (self->pending_drafts, g_object_ref (wizard));
    }
  offer_next_draft (self);
}

void
sapa_window_offer_drafts (SapaWindow *self)
{
  g_return_if_fail (SAPA_IS_WINDOW (self));

  sapa_store_list_drafts_async (sapa_context_get_store (self->context), self->cancellable,
                                drafts_listed_cb, g_object_ref (self));
}

static void
store_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SapaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (sapa_store_check_finish (SAPA_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  body = g_strdup_printf (_("%s Saving may fail. Leave the file as it is and call your IT support, who can "
                            "restore it from a copy or have this desk pull its tickets from the server again."),
                          error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Local Database Is Damaged"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
check_store_cb (gpointer user_data)
{
  SapaWindow *self = user_data;

  self->check_timeout = 0;
  sapa_store_check_async (sapa_context_get_store (self->context), self->cancellable,
                          store_checked_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

void
sapa_window_check_store (SapaWindow *self,
                         guint       delay_seconds)
{
  g_return_if_fail (SAPA_IS_WINDOW (self));

  /* The scan reads the whole file, so it waits until the window is up
   * and the first lists are loaded. */
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  self->check_timeout = g_timeout_add_seconds (delay_seconds, check_store_cb, self);
}

/* Window state */

static void
restore_size (SapaWindow *self)
{
  GSettings *settings = sapa_context_get_settings (self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SapaWindow       *self)
{
  SapaWizardView *view = sapa_service_page_get_wizard_view (sapa_window_get_service_page (self));

  if (g_strcmp0 (response, "quit") == 0)
    {
      self->quit_unsaved = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "retry") == 0 && view != NULL)
    sapa_wizard_view_save_unsaved (view);
}

/* Asks before closing over steps that are not in the store: a full or
 * failing disk would otherwise lose them without a word. */
static gboolean
ask_before_losing_steps (SapaWindow *self)
{
  SapaWizardView *view = NULL;
  AdwMessageDialog *dialog;

  /* A Service section never built has no steps at all. */
  if (self->service_page != NULL)
    view = sapa_service_page_get_wizard_view (self->service_page);
  if (self->quit_unsaved || view == NULL || !sapa_wizard_view_has_unsaved (view))
    return FALSE;

  sapa_window_show_section (self, "service");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Steps Not Saved"),
                                                       _("The last steps of this service are not in the local "
                                                         "database yet. If Sapa closes now, they are lost. Free "
                                                         "some disk space if the disk is full, then try again.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Open"),
                                    "quit", _("_Close Anyway"),
                                    "retry", _("_Try Again"),
                                    NULL);
  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
sapa_window_close_request (GtkWindow *window)
{
  SapaWindow *self = SAPA_WINDOW (window);
  GSettings *settings = sapa_context_get_settings (self->context);
  int width, height;

  if (ask_before_losing_steps (self))
    return TRUE;

  /* The schema's range: a size GTK leaves unset (-1) keeps the default. */
  gtk_window_get_default_size (window, &width, &height);
  if (width > 0)
    g_settings_set_int (settings, "window-width", CLAMP (width, 320, 16384));
  if (height > 0)
    g_settings_set_int (settings, "window-height", CLAMP (height, 320, 16384));
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (sapa_window_parent_class)->close_request (window);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SapaWindow *self = SAPA_WINDOW (widget);
  SapaSignInDialog *dialog = sapa_sign_in_dialog_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Work goes on offline; the toast only says why nothing is sent. */
static void
sign_in_required_cb (SapaWindow *self)
{
  AdwToast *toast = adw_toast_new (_("The sign-in to the server has ended. Work is kept here until you sign in again."));

  adw_toast_set_button_label (toast, _("_Sign In"));
  adw_toast_set_action_name (toast, "win.sign-in");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
sapa_window_constructed (GObject *object)
{
  SapaWindow *self = SAPA_WINDOW (object);

  G_OBJECT_CLASS (sapa_window_parent_class)->constructed (object);

  self->notifier = sapa_escalation_notifier_new (self->context);
  sapa_window_add_sections (self);

  adw_header_bar_pack_start (self->header_bar, GTK_WIDGET (sapa_sync_indicator_new (self->context)));
  g_signal_connect_object (sapa_context_get_sync (self->context), "sign-in-required",
                           G_CALLBACK (sign_in_required_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (sapa_context_get_settings (self->context), "changed",
                           G_CALLBACK (update_station_label), self, G_CONNECT_SWAPPED);
  update_station_label (self);
  restore_size (self);

  sapa_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

/* Builds the page the window opens on, unless a section was shown
 * before, so that the first frame measures that page alone. The Service
 * page then takes the focus, which would otherwise go to the header
 * bar's first button. */
static void
sapa_window_realize (GtkWidget *widget)
{
  sapa_window_build_visible_section (SAPA_WINDOW (widget));

  GTK_WIDGET_CLASS (sapa_window_parent_class)->realize (widget);
}

static void
sapa_window_dispose (GObject *object)
{
  SapaWindow *self = SAPA_WINDOW (object);

  g_clear_handle_id (&self->check_timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
  g_clear_object (&self->notifier);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAPA_TYPE_WINDOW);

  G_OBJECT_CLASS (sapa_window_parent_class)->dispose (object);
}

static void
sapa_window_finalize (GObject *object)
{
  SapaWindow *self = SAPA_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_window_parent_class)->finalize (object);
}

static void
sapa_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SapaWindow *self = SAPA_WINDOW (object);

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
sapa_window_class_init (SapaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sapa_window_constructed;
  object_class->dispose = sapa_window_dispose;
  object_class->finalize = sapa_window_finalize;
  object_class->set_property = sapa_window_set_property;
  widget_class->realize = sapa_window_realize;
  window_class->close_request = sapa_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/sapa/Sapa/ui/sapa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, station_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, desk_label);
  gtk_widget_class_bind_template_child (widget_class, SapaWindow, header_bar);

  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.resume-draft", "s", resume_draft_action);
  gtk_widget_class_install_action (widget_class, "win.start-arrival", "a{ss}", start_arrival_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  sapa_window_class_add_sections (widget_class);
}

static void
sapa_window_init (SapaWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_drafts = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SapaEscalationNotifier *
sapa_window_get_escalation_notifier (SapaWindow *self)
{
  g_return_val_if_fail (SAPA_IS_WINDOW (self), NULL);
  return self->notifier;
}

SapaWindow *
sapa_window_new (GtkApplication *application,
                 SapaContext    *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}
