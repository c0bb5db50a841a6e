/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-escalation.c: an escalated ticket as the escalation queue lists it */

#define G_LOG_DOMAIN "sapa-escalation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-escalation.h"
#include "sapa-flow-private.h"
#include "sapa-sync.h"
#include "sapa-ticket-action.h"
#include "sapa-time.h"

struct _SapaEscalation
{
  GObject        parent_instance;

  SapaTicket    *ticket;
  char          *id;
  char          *airport;
  char          *unit;
  char          *note;
  char          *source_airport;
  guint          source_workstation;
  gint64         escalated_at;
  gint64         first_escalated_at;
  gboolean       reassigned;
  guint          n_escalations;
  gint64         now;
  SapaTicketSla  sla;
};

G_DEFINE_FINAL_TYPE (SapaEscalation, sapa_escalation, G_TYPE_OBJECT)

static void
sapa_escalation_finalize (GObject *object)
{
  SapaEscalation *self = SAPA_ESCALATION (object);

  g_clear_object (&self->ticket);
  g_free (self->id);
  g_free (self->airport);
  g_free (self->unit);
  g_free (self->note);
  g_free (self->source_airport);

  G_OBJECT_CLASS (sapa_escalation_parent_class)->finalize (object);
}

static void
sapa_escalation_class_init (SapaEscalationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sapa_escalation_finalize;
}

static void
sapa_escalation_init (SapaEscalation *self)
{
}

/* TRUE when @activity hands the ticket to a unit: an escalation or a
 * reassignment, or a step whose branch moves the ticket to escalated. */
static gboolean
is_escalation (const char   *flow_id,
               SapaActivity *activity)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *step_id = sapa_activity_get_step (activity);
  const SapaFlow *flow;
  const SapaStep *step;
  const SapaBranch *branch;

  if (step_id == NULL)
    return FALSE;

  if (g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    return g_str_equal (step_id, SAPA_ACTION_ESCALATE) || g_str_equal (step_id, SAPA_ACTION_REASSIGN);

  if (!g_str_equal (kind, SAPA_ACTIVITY_STEP))
    return FALSE;

  flow = sapa_flow_lookup (flow_id);
  step = flow != NULL ? sapa_flow_get_step (flow, step_id) : NULL;
  branch = step != NULL ? sapa_step_get_branch (step, sapa_activity_get_branch (activity)) : NULL;
  if (branch == NULL || g_strcmp0 (branch->status, SAPA_STATUS_ESCALATED) != 0)
    return FALSE;

  /* Returning an answer to the PIC escalates the ticket again, but to
   * the same unit: only a step that names whom it hands the ticket to
   * is an escalation. */
  return sapa_step_get_field (step, "followup_unit") != NULL ||
         sapa_step_get_field (step, "escalation_airport") != NULL;
}

/* TRUE when @activity sends the latest answer back: a judgement
 * "tidak_sesuai", by action or by the procedure's own step. */
static gboolean
is_return (SapaActivity *activity)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *step_id = sapa_activity_get_step (activity);

  if (g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    return g_strcmp0 (step_id, SAPA_ACTION_JUDGE_ANSWER) == 0 &&
           g_strcmp0 (sapa_activity_get_branch (activity), "tidak_sesuai") == 0;
  return g_str_equal (kind, SAPA_ACTIVITY_STEP) && g_strcmp0 (step_id, "return_to_pic") == 0;
}

/* TRUE when @activity records an answer to the escalation. */
static gboolean
is_answer (SapaActivity *activity)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *step_id = sapa_activity_get_step (activity);
  JsonObject *payload = sapa_activity_get_payload (activity);

  if (g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    return g_strcmp0 (step_id, SAPA_ACTION_PIC_ANSWER) == 0;
  return g_str_equal (kind, SAPA_ACTIVITY_STEP) && g_strcmp0 (step_id, "await_pic") == 0 &&
         *json_object_get_string_member_with_default (payload, "pic_answer", "") != '\0';
}

static const char *
payload_string (JsonObject *payload,
                const char *key)
{
  return json_object_get_string_member_with_default (payload, key, "");
}

/* Returns the unit an escalation's @payload names. The email and social
 * media procedure names only the airport of the PIC, so its unit is the
 * branch PIC. */
static const char *
payload_unit (JsonObject *payload)
{
  const char *unit = payload_string (payload, "followup_unit");

  if (*unit == '\0' && *payload_string (payload, "escalation_airport") != '\0')
    return SAPA_UNIT_BRANCH;
  return unit;
}

/* Returns the airport an escalation's @payload hands the ticket to. As
 * on the server, an escalation that names no airport stays at @previous,
 * the airport of the one before it, or goes to @ticket_airport: a
 * reassignment to another unit keeps the airport. */
static const char *
payload_airport (JsonObject *payload,
                 const char *previous,
                 const char *ticket_airport)
{
  const char *airport = sapa_sync_escalation_airport (payload);

  if (airport != NULL)
    return airport;
  return previous != NULL ? previous : ticket_airport;
}

static gboolean
is_reassignment (SapaActivity *activity)
{
  return g_strcmp0 (sapa_activity_get_step (activity), SAPA_ACTION_REASSIGN) == 0;
}

/* Copies the airport, unit and request of the escalation in @activity.
 * The email and social media procedure's request is an
 * "escalation_note". */
static void
take_escalation (SapaEscalation *self,
                 SapaActivity   *activity)
{
  JsonObject *payload = sapa_activity_get_payload (activity);
  const char *airport = payload_airport (payload, self->airport, sapa_ticket_get_airport (self->ticket));
  const char *unit = payload_unit (payload);
  const char *note = payload_string (payload, "followup_note");

  if (*note == '\0')
    note = payload_string (payload, "escalation_note");

  g_free (self->id);
  self->id = g_strdup (sapa_activity_get_id (activity));
  if (airport != self->airport)
    {
      g_free (self->airport);
      self->airport = g_strdup (airport);
    }
  g_free (self->unit);
  self->unit = g_strdup (unit);
  g_free (self->note);
  self->note = g_strdup (note);
  g_free (self->source_airport);
  self->source_airport = g_strdup (sapa_activity_get_airport (activity) ?: "");
  self->source_workstation = sapa_activity_get_workstation (activity);
  self->escalated_at = sapa_activity_get_created_at (activity);
  self->reassigned = is_reassignment (activity);
  /* A reassignment passes on the same escalation, so its age runs on
   * from the escalation that started it. */
  if (!self->reassigned || self->n_escalations == 0)
    self->first_escalated_at = self->escalated_at;
  self->n_escalations++;
}

SapaEscalation *
sapa_escalation_new_from_log (SapaTicket          *ticket,
                              GPtrArray           *activities,
                              const SapaSlaConfig *config,
                              gint64               now_us)
{
  g_autoptr(SapaEscalation) self = NULL;
  const char *flow_id;

  g_return_val_if_fail (SAPA_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (activities != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (SAPA_TYPE_ESCALATION, NULL);
  self->ticket = g_object_ref (ticket);
  flow_id = sapa_ticket_get_flow (ticket);

  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);

      if (is_escalation (flow_id, activity))
        take_escalation (self, activity);
    }

  if (self->n_escalations == 0)
    return NULL;

  self->now = now_us;
  sapa_ticket_sla_evaluate (config, ticket, activities, now_us, &self->sla);
  return g_steal_pointer (&self);
}

gboolean
sapa_escalation_find_target (const char  *flow_id,
                             const char  *ticket_airport,
                             GPtrArray   *activities,
                             const char **out_unit,
                             const char **out_airport)
{
  SapaEscalationLog log;
  gboolean found;

  g_return_val_if_fail (activities != NULL, FALSE);

  found = sapa_escalation_read_log (flow_id, ticket_airport, activities, &log);
  if (out_unit != NULL)
    *out_unit = log.unit;
  if (out_airport != NULL)
    *out_airport = log.airport;
  return found;
}

gboolean
sapa_escalation_read_log (const char        *flow_id,
                          const char        *ticket_airport,
                          GPtrArray         *activities,
                          SapaEscalationLog *out_log)
{
  SapaEscalationLog log = { NULL };

  g_return_val_if_fail (activities != NULL, FALSE);
  g_return_val_if_fail (out_log != NULL, FALSE);

  for (guint i = 0; i < activities->len; i++)
    {
      SapaActivity *activity = g_ptr_array_index (activities, i);
      JsonObject *payload = sapa_activity_get_payload (activity);

      if (is_escalation (flow_id, activity))
        {
          log.escalation = activity;
          log.unit = payload_unit (payload);
          log.airport = payload_airport (payload, log.airport, ticket_airport);
          log.note = payload_string (payload, "followup_note");
          if (*log.note == '\0')
            log.note = payload_string (payload, "escalation_note");
          log.return_reason = NULL;
          log.answer = NULL;
          log.answer_text = NULL;
        }
      else if (log.escalation != NULL && is_return (activity))
        {
          log.return_reason = payload_string (payload, "return_reason");
          log.answer = NULL;
          log.answer_text = NULL;
        }
      else if (log.escalation != NULL && is_answer (activity))
        {
          log.answer = activity;
          log.answer_text = payload_string (payload, "pic_answer");
        }
    }

  *out_log = log;
  return log.escalation != NULL;
}

gboolean
sapa_escalation_answer_needs_pic (const char *unit,
                                  const char *airport,
                                  const char *ticket_airport)
{
  return unit == NULL || g_str_equal (unit, SAPA_UNIT_BRANCH) ||
         (airport != NULL && g_strcmp0 (airport, ticket_airport) != 0);
}

gboolean
sapa_escalation_check_reassign (const char  *unit,
                                const char  *airport,
                                JsonObject  *values,
                                GError     **error)
{
  const char *new_unit;
  const char *new_airport;
  g_autofree char *assignee = NULL;

  g_return_val_if_fail (unit != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  new_unit = payload_unit (values);
  new_airport = payload_airport (values, airport, airport);
  if (g_strcmp0 (new_unit, unit) != 0 || g_strcmp0 (new_airport, airport) != 0)
    return TRUE;

  assignee = *unit != '\0' ? g_strdup_printf (_("%s · %s"), airport, sapa_escalation_unit_label (unit))
                            : g_strdup (airport);
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               /* Translators: %s is where the escalation is now, e.g.
                * "DPS · Facilities and engineering". */
               _("The escalation is already with %s. Choose another unit or airport."), assignee);
  return FALSE;
}

SapaTicket *
sapa_escalation_get_ticket (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->ticket;
}

const char *
sapa_escalation_get_id (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->id;
}

const char *
sapa_escalation_get_airport (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->airport;
}

const char *
sapa_escalation_get_unit (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->unit;
}

const char *
sapa_escalation_get_note (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->note;
}

gint64
sapa_escalation_get_escalated_at (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), 0);
  return self->escalated_at;
}

gint64
sapa_escalation_get_first_escalated_at (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), 0);
  return self->first_escalated_at;
}

const char *
sapa_escalation_get_source_airport (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return self->source_airport;
}

guint
sapa_escalation_get_source_workstation (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), 0);
  return self->source_workstation;
}

guint
sapa_escalation_get_n_escalations (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), 0);
  return self->n_escalations;
}

gint64
sapa_escalation_get_now (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), 0);
  return self->now;
}

const SapaTicketSla *
sapa_escalation_get_sla (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);
  return &self->sla;
}

gboolean
sapa_escalation_is_waiting_for_pic (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), FALSE);
  return g_strcmp0 (sapa_ticket_get_status (self->ticket), SAPA_STATUS_ESCALATED) == 0;
}

SapaEscalationStage
sapa_escalation_get_stage (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), SAPA_ESCALATION_STAGE_ARRIVED);

  if (self->sla.clock == SAPA_SLA_CLOCK_STOPPED)
    return SAPA_ESCALATION_STAGE_ARRIVED;

  switch (self->sla.progress.state)
    {
    case SAPA_SLA_STATE_OVERDUE:
      return SAPA_ESCALATION_STAGE_OVERDUE;
    case SAPA_SLA_STATE_DUE_SOON:
      return SAPA_ESCALATION_STAGE_DUE_SOON;
    case SAPA_SLA_STATE_ON_TIME:
    case SAPA_SLA_STATE_PAUSED:
    default:
      return SAPA_ESCALATION_STAGE_ARRIVED;
    }
}

char *
sapa_escalation_dup_stage_key (SapaEscalation      *self,
                               SapaEscalationStage  stage)
{
  const char *clock;

  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);

  if (stage == SAPA_ESCALATION_STAGE_ARRIVED)
    return g_strdup ("arrived");

  clock = self->sla.clock == SAPA_SLA_CLOCK_FIRST_RESPONSE ? "first_response" : "resolution";
  return g_strconcat (clock, stage == SAPA_ESCALATION_STAGE_OVERDUE ? "/overdue" : "/due_soon", NULL);
}

const char *
sapa_escalation_unit_label (const char *unit_id)
{
  const char *label;

  /* The unit list's own label, "PIC of another airport", reads wrong at
   * the airport that receives the escalation. */
  if (g_strcmp0 (unit_id, SAPA_UNIT_BRANCH) == 0)
    return _("Branch PIC");

  label = sapa_choice_get_label (sapa_flow_get_units (), unit_id);
  return label != NULL ? label : unit_id;
}

char *
sapa_escalation_format_assignee (SapaEscalation *self)
{
  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);

  if (*self->unit == '\0')
    return g_strdup (self->airport);

  /* Translators: the airport an escalation went to and the unit there,
   * e.g. "DJJ · Facilities and engineering". */
  return g_strdup_printf (_("%s · %s"), self->airport, sapa_escalation_unit_label (self->unit));
}

char *
sapa_escalation_format_clock (SapaEscalation *self)
{
  g_autofree char *progress = NULL;

  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);

  if (self->sla.clock == SAPA_SLA_CLOCK_STOPPED)
    return g_strdup (_("Closed"));

  progress = sapa_sla_format_progress (&self->sla.progress);
  if (self->sla.clock == SAPA_SLA_CLOCK_FIRST_RESPONSE)
    /* Translators: the first-response SLA clock, e.g. "First response: 25 min left". */
    return g_strdup_printf (_("First response: %s"), progress);

  /* Translators: the resolution SLA clock, e.g. "Resolution: Overdue by 2 h". */
  return g_strdup_printf (_("Resolution: %s"), progress);
}

static gboolean
same_local_day (gint64      a_us,
                gint64      b_us,
                const char *iana)
{
  g_autoptr(GDateTime) a = sapa_time_to_zone (a_us, iana);
  g_autoptr(GDateTime) b = sapa_time_to_zone (b_us, iana);

  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* Returns "10:00 WIT" on the day of @self->now, or the date and time. */
static char *
format_instant (SapaEscalation *self,
                gint64          instant)
{
  const char *zone = sapa_ticket_get_time_zone (self->ticket);

  if (same_local_day (instant, self->now, zone))
    return sapa_time_format_time (instant, zone);
  return sapa_time_format (instant, zone);
}

char *
sapa_escalation_format_age (SapaEscalation *self)
{
  g_autofree char *when = NULL;
  g_autofree char *age = NULL;
  g_autofree char *reassigned_when = NULL;

  g_return_val_if_fail (SAPA_IS_ESCALATION (self), NULL);

  when = format_instant (self, self->first_escalated_at);
  /* A workstation whose clock runs ahead may have stamped it later. */
  age = sapa_sla_format_duration (MAX (self->now - self->first_escalated_at, 0));

  if (self->reassigned)
    {
      reassigned_when = format_instant (self, self->escalated_at);
      /* Translators: when a ticket was first escalated, how long ago, and
       * when it was last reassigned, e.g. "Escalated 10:00 WIT, 2 h ago,
       * reassigned 11:30 WIT". */
      return g_strdup_printf (_("Escalated %s, %s ago, reassigned %s"), when, age, reassigned_when);
    }

  /* Translators: when a ticket was escalated, then how long ago, e.g.
   * "Escalated 10:00 WIT, 5 min ago". */
  return g_strdup_printf (_("Escalated %s, %s ago"), when, age);
}

static gboolean
has_running_due (SapaEscalation *self)
{
  return self->sla.clock != SAPA_SLA_CLOCK_STOPPED && self->sla.progress.has_due;
}

int
sapa_escalation_compare_time_left (SapaEscalation *a,
                                   SapaEscalation *b)
{
  gboolean a_due = has_running_due (a);
  gboolean b_due = has_running_due (b);

  if (a_due != b_due)
    return a_due ? -1 : 1;

  if (a_due && a->sla.progress.due_us != b->sla.progress.due_us)
    return a->sla.progress.due_us < b->sla.progress.due_us ? -1 : 1;

  return sapa_escalation_compare_age (a, b);
}

int
sapa_escalation_compare_age (SapaEscalation *a,
                             SapaEscalation *b)
{
  if (a->first_escalated_at != b->first_escalated_at)
    return a->first_escalated_at < b->first_escalated_at ? -1 : 1;
  return g_strcmp0 (sapa_ticket_get_report_number (a->ticket), sapa_ticket_get_report_number (b->ticket));
}
