/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalation-notifier.c: desktop notifications of the escalation queue */

#define G_LOG_DOMAIN "sapa-escalation-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "sapa-escalation-notifier.h"
#include "sapa-store-escalation.h"

/* The clocks move by the minute. */
#define CHECK_SECONDS 60
/* A recording or a sync often comes in bursts: one check follows them. */
#define RECORDED_DELAY_MS 1500
/* Past this many new events at once (the first start with a full queue),
 * one summary replaces the separate notifications. */
#define MAX_SEPARATE_NOTIFICATIONS 3

struct _SapaEscalationNotifier
{
  GObject       parent_instance;

  SapaContext  *context;
  GCancellable *cancellable;
  guint         check_source;
  guint         soon_source;
  gboolean      checking;
  gboolean      check_again;
  guint         overdue_count;
  gint64        now_override;
};

G_DEFINE_FINAL_TYPE (SapaEscalationNotifier, sapa_escalation_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_OVERDUE_COUNT,
  N_PROPS
};

enum {
  SIGNAL_NOTIFIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One check in flight: the escalations listed, by ticket id. */
typedef struct {
  SapaEscalationNotifier *notifier;
  GHashTable             *escalations;
  gint64                  now;
} Check;

static void
check_free (Check *check)
{
  g_object_unref (check->notifier);
  g_clear_pointer (&check->escalations, g_hash_table_unref);
  g_free (check);
}

static void
finish_check (Check *check)
{
  SapaEscalationNotifier *self = check->notifier;

  self->checking = FALSE;
  if (self->check_again && !g_cancellable_is_cancelled (self->cancellable))
    {
      self->check_again = FALSE;
      sapa_escalation_notifier_check (self);
    }
  check_free (check);
}

static void
set_overdue_count (SapaEscalationNotifier *self,
                   guint                   count)
{
  if (self->overdue_count == count)
    return;

  self->overdue_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_COUNT]);
}

static void
send (SapaEscalationNotifier *self,
      const char             *id,
      const char             *title,
      const char             *body,
      gboolean                urgent)
{
  g_autoptr(GNotification) notification = g_notification_new (title);

  g_info ("Notifying %s: %s", id, title);
  g_signal_emit (self, signals[SIGNAL_NOTIFIED], 0, id, title, body);

  g_notification_set_body (notification, body);
  if (urgent)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  sapa_context_send_notification (self->context, id, notification);
}

static SapaEscalationStage
stage_of_key (const char *key)
{
  if (g_str_has_suffix (key, "/overdue"))
    return SAPA_ESCALATION_STAGE_OVERDUE;
  if (g_str_has_suffix (key, "/due_soon"))
    return SAPA_ESCALATION_STAGE_DUE_SOON;
  return SAPA_ESCALATION_STAGE_ARRIVED;
}

/* TRUE when the escalation was made at this very workstation: its
 * officer needs no notice of it arriving. */
static gboolean
made_here (SapaEscalationNotifier *self,
           SapaEscalation         *escalation)
{
  g_autofree char *airport = sapa_context_dup_airport (self->context);

  return g_strcmp0 (sapa_escalation_get_source_airport (escalation), airport) == 0 &&
         sapa_escalation_get_source_workstation (escalation) == sapa_context_get_workstation (self->context);
}

/* The body names the ticket by report number and never the person, as
 * a notification may show on a screen that others see. */
static void
notify_escalation (SapaEscalationNotifier *self,
                   SapaEscalation         *escalation,
                   SapaEscalationStage     stage)
{
  SapaTicket *ticket = sapa_escalation_get_ticket (escalation);
  g_autofree char *assignee = sapa_escalation_format_assignee (escalation);
  g_autofree char *clock = sapa_escalation_format_clock (escalation);
  g_autofree char *id = g_strconcat ("escalation-", sapa_ticket_get_id (ticket), NULL);
  g_autofree char *body = NULL;
  const char *title;

  switch (stage)
    {
    case SAPA_ESCALATION_STAGE_OVERDUE:
      title = _("Escalation Overdue");
      break;
    case SAPA_ESCALATION_STAGE_DUE_SOON:
      title = _("Escalation Due Soon");
      break;
    case SAPA_ESCALATION_STAGE_ARRIVED:
    default:
      title = _("New Escalation");
      break;
    }

  /* Translators: a notification's text: the report number, where the
   * escalation went, then its SLA clock on the next line. */
  body = g_strdup_printf (_("%s · %s\n%s"), sapa_ticket_get_report_number (ticket), assignee, clock);
  send (self, id, title, body, stage == SAPA_ESCALATION_STAGE_OVERDUE);
}

static void
notify_claimed (Check     *check,
                GPtrArray *claimed)
{
  SapaEscalationNotifier *self = check->notifier;
  GSettings *settings = sapa_context_get_settings (self->context);
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer ticket_id, stage_plus_one;

  if (!g_settings_get_boolean (settings, "escalation-notify"))
    return;

  /* One notification per escalation, of the furthest stage it reached:
   * an escalation first seen overdue is not also announced as new. */
  for (guint i = 0; i < claimed->len; i++)
    {
      SapaEscalationNotice *notice = g_ptr_array_index (claimed, i);
      SapaEscalation *escalation = g_hash_table_lookup (check->escalations, notice->ticket_id);
      SapaEscalationStage stage = stage_of_key (notice->stage);
      guint known = GPOINTER_TO_UINT (g_hash_table_lookup (stages, notice->ticket_id));

      if (escalation == NULL ||
          (stage == SAPA_ESCALATION_STAGE_ARRIVED && made_here (self, escalation)))
        continue;
      if (stage + 1 > known)
        g_hash_table_insert (stages, notice->ticket_id, GUINT_TO_POINTER (stage + 1));
    }

  if (g_hash_table_size (stages) > MAX_SEPARATE_NOTIFICATIONS)
    {
      guint n = g_hash_table_size (stages);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Escalation Needs Attention",
                                                             "%u Escalations Need Attention", n),
                                                n);

      send (self, "escalations", title, _("Open the Escalations section to see them."), FALSE);
      return;
    }

  g_hash_table_iter_init (&iter, stages);
  while (g_hash_table_iter_next (&iter, &ticket_id, &stage_plus_one))
    notify_escalation (self, g_hash_table_lookup (check->escalations, ticket_id),
                       GPOINTER_TO_UINT (stage_plus_one) - 1);
}

static void
claimed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;

  claimed = sapa_store_claim_notices_finish (SAPA_STORE (source), result, &error);
  if (claimed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not record escalation notifications: %s", error->message);
      finish_check (check);
      return;
    }

  notify_claimed (check, claimed);
  finish_check (check);
}

/* Adds a notice for each stage @escalation has reached, so that one
 * first seen overdue also marks its earlier stages as done. */
static void
add_notices (GPtrArray      *notices,
             SapaEscalation *escalation)
{
  SapaEscalationStage reached = sapa_escalation_get_stage (escalation);

  for (SapaEscalationStage stage = SAPA_ESCALATION_STAGE_ARRIVED; stage <= reached; stage++)
    {
      g_autofree char *key = sapa_escalation_dup_stage_key (escalation, stage);

      g_ptr_array_add (notices,
                       sapa_escalation_notice_new (sapa_ticket_get_id (sapa_escalation_get_ticket (escalation)),
                                                   sapa_escalation_get_id (escalation), key));
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Check *check = user_data;
  SapaEscalationNotifier *self = check->notifier;
  g_autoptr(GPtrArray) escalations = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  guint overdue = 0;

  escalations = sapa_store_list_escalations_finish (SAPA_STORE (source), result, &error);
  if (escalations == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not list escalations to notify: %s", error->message);
      finish_check (check);
      return;
    }

  notices = g_ptr_array_new_with_free_func ((GDestroyNotify) sapa_escalation_notice_free);
  check->escalations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < escalations->len; i++)
    {
      SapaEscalation *escalation = g_ptr_array_index (escalations, i);

      if (sapa_escalation_get_stage (escalation) == SAPA_ESCALATION_STAGE_OVERDUE)
        overdue++;

      /* An answered escalation waits for the officer's judgement, not for
       * the PIC, so it brings no notification. */
      if (!sapa_escalation_is_waiting_for_pic (escalation))
        continue;

      g_hash_table_insert (check->escalations,
                           (gpointer) sapa_ticket_get_id (sapa_escalation_get_ticket (escalation)),
                           g_object_ref (escalation));
      add_notices (notices, escalation);
    }
  set_overdue_count (self, overdue);

  if (notices->len == 0)
    {
      finish_check (check);
      return;
    }

  sapa_store_claim_notices_async (SAPA_STORE (source), notices, check->now, self->cancellable,
                                  claimed_cb, check);
}

static void
config_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Check *check = user_data;
  SapaEscalationNotifier *self = check->notifier;
  g_autoptr(SapaSlaConfig) config = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *airport = NULL;

  config = sapa_sla_config_load_finish (result, NULL);
  if (config == NULL)
    {
      finish_check (check);
      return;
    }

  scope = g_settings_get_string (sapa_context_get_settings (self->context), "escalation-scope");
  if (g_strcmp0 (scope, "all") != 0)
    airport = sapa_context_dup_airport (self->context);

  sapa_store_list_escalations_async (sapa_context_get_store (self->context), airport, config, check->now,
                                     self->cancellable, listed_cb, check);
}

void
sapa_escalation_notifier_check (SapaEscalationNotifier *self)
{
  g_autofree char *path = NULL;
  Check *check;

  g_return_if_fail (SAPA_IS_ESCALATION_NOTIFIER (self));

  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  self->checking = TRUE;
  check = g_new0 (Check, 1);
  check->notifier = g_object_ref (self);
  check->now = self->now_override != 0 ? self->now_override : g_get_real_time ();
  path = sapa_context_dup_sla_config_path ();
  sapa_sla_config_load_async (path, self->cancellable, config_loaded_cb, check);
}

static gboolean
check_cb (gpointer user_data)
{
  sapa_escalation_notifier_check (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_soon_cb (gpointer user_data)
{
  SapaEscalationNotifier *self = user_data;

  self->soon_source = 0;
  sapa_escalation_notifier_check (self);
  return G_SOURCE_REMOVE;
}

static void
ticket_recorded_cb (SapaEscalationNotifier *self)
{
  if (self->soon_source == 0)
    self->soon_source = g_timeout_add (RECORDED_DELAY_MS, check_soon_cb, self);
}

static void
sapa_escalation_notifier_constructed (GObject *object)
{
  SapaEscalationNotifier *self = SAPA_ESCALATION_NOTIFIER (object);

  G_OBJECT_CLASS (sapa_escalation_notifier_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "ticket-recorded",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sapa_context_get_settings (self->context), "changed::escalation-scope",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sapa_context_get_settings (self->context), "changed::airport",
                           G_CALLBACK (ticket_recorded_cb), self, G_CONNECT_SWAPPED);
  self->check_source = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
  /* The first check waits for the window to appear. */
  ticket_recorded_cb (self);
}

static void
sapa_escalation_notifier_dispose (GObject *object)
{
  SapaEscalationNotifier *self = SAPA_ESCALATION_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->soon_source, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sapa_escalation_notifier_parent_class)->dispose (object);
}

static void
sapa_escalation_notifier_finalize (GObject *object)
{
  SapaEscalationNotifier *self = SAPA_ESCALATION_NOTIFIER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sapa_escalation_notifier_parent_class)->finalize (object);
}

static void
sapa_escalation_notifier_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  SapaEscalationNotifier *self = SAPA_ESCALATION_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_OVERDUE_COUNT:
      g_value_set_uint (value, self->overdue_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_escalation_notifier_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  SapaEscalationNotifier *self = SAPA_ESCALATION_NOTIFIER (object);

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
sapa_escalation_notifier_class_init (SapaEscalationNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sapa_escalation_notifier_constructed;
  object_class->dispose = sapa_escalation_notifier_dispose;
  object_class->finalize = sapa_escalation_notifier_finalize;
  object_class->get_property = sapa_escalation_notifier_get_property;
  object_class->set_property = sapa_escalation_notifier_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SAPA_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERDUE_COUNT] =
    g_param_spec_uint ("overdue-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_NOTIFIED] =
    g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
sapa_escalation_notifier_init (SapaEscalationNotifier *self)
{
  self->cancellable = g_cancellable_new ();
}

SapaEscalationNotifier *
sapa_escalation_notifier_new (SapaContext *context)
{
  g_return_val_if_fail (SAPA_IS_CONTEXT (context), NULL);

  return g_object_new (SAPA_TYPE_ESCALATION_NOTIFIER, "context", context, NULL);
}

guint
sapa_escalation_notifier_get_overdue_count (SapaEscalationNotifier *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION_NOTIFIER (self), 0);
  return self->overdue_count;
}

void
sapa_escalation_notifier_set_now (SapaEscalationNotifier *self,
                                  gint64                  now_us)
{
  g_return_if_fail (SAPA_IS_ESCALATION_NOTIFIER (self));
  self->now_override = now_us;
}
