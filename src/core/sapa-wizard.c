/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard.c: the state of one officer walking one flow */

#define G_LOG_DOMAIN "sapa-wizard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-escalation.h"
#include "sapa-flow-private.h"
#include "sapa-ticket-action.h"
#include "sapa-uuid.h"
#include "sapa-wizard.h"
#include "sapa-wizard-private.h"

G_DEFINE_FINAL_TYPE (SapaWizard, sapa_wizard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STEP_ID,
  PROP_STATUS,
  PROP_FINISHED,
  N_PROPS
};

enum {
  VALUE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const statuses[] = {
  SAPA_STATUS_OPEN,
  SAPA_STATUS_WAITING_CUSTOMER,
  SAPA_STATUS_ESCALATED,
  SAPA_STATUS_IN_SERVICE,
  SAPA_STATUS_ANSWERED,
  SAPA_STATUS_DELIVERED,
  SAPA_STATUS_CLOSED,
  SAPA_STATUS_CANCELLED,
  NULL
};

static void
sapa_wizard_finalize (GObject *object)
{
  SapaWizard *self = SAPA_WIZARD (object);

  g_free (self->ticket_id);
  g_free (self->airport);
  g_free (self->officer);
  g_free (self->channel);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->log_keys, g_hash_table_unref);

  G_OBJECT_CLASS (sapa_wizard_parent_class)->finalize (object);
}

static void
sapa_wizard_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SapaWizard *self = SAPA_WIZARD (object);

  switch (prop_id)
    {
    case PROP_STEP_ID:
      g_value_set_string (value, self->step != NULL ? self->step->id : NULL);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->step == NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_wizard_class_init (SapaWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sapa_wizard_finalize;
  object_class->get_property = sapa_wizard_get_property;

  properties[PROP_STEP_ID] =
    g_param_spec_string ("step-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, SAPA_STATUS_OPEN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with the key as detail and as argument. */
  signals[VALUE_CHANGED] =
    g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sapa_wizard_init (SapaWizard *self)
{
  self->status = SAPA_STATUS_OPEN;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->record = json_object_new ();
  self->history = g_ptr_array_new ();
  self->activities = g_ptr_array_new_with_free_func (g_object_unref);
  self->log_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- Helpers shared with sapa-wizard-json.c ---- */

const char *
sapa_wizard_intern_status (const char *status)
{
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      if (g_str_equal (statuses[i], status))
        return statuses[i];
    }

  return NULL;
}

gboolean
sapa_wizard_flow_has_channel (const SapaFlow *flow,
                              const char     *channel)
{
  if (flow->channels == NULL)
    return g_str_equal (flow->channel, channel);

  return sapa_choice_get_label (flow->channels, channel) != NULL;
}

SapaWizard *
sapa_wizard_new_empty (const SapaFlow *flow,
                       const char     *ticket_id,
                       const char     *airport,
                       guint           workstation,
                       const char     *officer)
{
  SapaWizard *self = g_object_new (SAPA_TYPE_WIZARD, NULL);

  self->flow = flow;
  self->step = sapa_flow_get_step (flow, flow->first_step);
  self->ticket_id = g_strdup (ticket_id);
  self->airport = g_strdup (airport);
  self->workstation = workstation;
  self->officer = g_strdup (officer);
  self->channel = g_strdup (flow->channel);

  return self;
}

/* ---- Construction and accessors ---- */

SapaWizard *
sapa_wizard_new (const SapaFlow *flow,
                 const char     *airport,
                 guint           workstation,
                 const char     *officer)
{
  const SapaAirport *known;
  g_autofree char *ticket_id = NULL;

  g_return_val_if_fail (flow != NULL, NULL);
  g_return_val_if_fail (airport != NULL, NULL);
  g_return_val_if_fail (officer != NULL, NULL);

  known = sapa_airport_lookup (airport);
  g_return_val_if_fail (known != NULL, NULL);

  ticket_id = sapa_uuid_v7_new ();
  return sapa_wizard_new_empty (flow, ticket_id, known->iata, workstation, officer);
}

const SapaFlow *
sapa_wizard_get_flow (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->flow;
}

const SapaStep *
sapa_wizard_get_step (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->step;
}

const char *
sapa_wizard_get_ticket_id (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->ticket_id;
}

const char *
sapa_wizard_get_airport (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->airport;
}

guint
sapa_wizard_get_workstation (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), 0);
  return self->workstation;
}

const char *
sapa_wizard_get_officer (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->officer;
}

const char *
sapa_wizard_get_channel (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->channel;
}

/* The channel may change until the flow ends, because an officer who
 * picked the wrong network at intake corrects it before the step check. */
gboolean
sapa_wizard_set_channel (SapaWizard *self,
                         const char *channel,
                         GError    **error)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->step == NULL)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_STATE,
                           _("The procedure has ended, so its channel cannot change."));
      return FALSE;
    }

  /* The first step records the message with the address of its channel. */
  if (self->history->len > 0 && g_strcmp0 (channel, self->channel) != 0)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_STATE,
                           _("The message is recorded with its channel, so the channel cannot change."));
      return FALSE;
    }

  if (!sapa_wizard_flow_has_channel (self->flow, channel))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                   _("“%s” is not a channel of this procedure."), channel);
      return FALSE;
    }

  g_free (self->channel);
  self->channel = g_strdup (channel);
  return TRUE;
}

const char *
sapa_wizard_get_status (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  return self->status;
}

gboolean
sapa_wizard_is_finished (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), FALSE);
  return self->step == NULL;
}

guint
sapa_wizard_get_n_steps_taken (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), 0);
  return self->history->len;
}

const char *
sapa_wizard_get_value (SapaWizard *self,
                       const char *key)
{
  const char *value;

  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = g_hash_table_lookup (self->values, key);
  return value != NULL ? value : "";
}

/* Emits "value-changed" only when the text changes, so that a widget bound
 * both ways does not loop. */
void
sapa_wizard_set_value (SapaWizard *self,
                       const char *key,
                       const char *value)
{
  g_return_if_fail (SAPA_IS_WIZARD (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    value = "";

  if (g_str_equal (sapa_wizard_get_value (self, key), value))
    return;

  /* What the officer types, or empties, is the officer's own. */
  g_hash_table_remove (self->log_keys, key);
  g_hash_table_insert (self->values, g_strdup (key), g_strdup (value));
  g_signal_emit (self, signals[VALUE_CHANGED], g_quark_from_string (key), key);
}

gboolean
sapa_wizard_value_is_from_log (SapaWizard *self,
                               const char *key)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return g_hash_table_contains (self->log_keys, key);
}

/* Sets @key to @value as recorded by another desk: in the values the
 * form shows and in the record the read-backs show. */
static void
set_log_value (SapaWizard *self,
               const char *key,
               const char *value,
               gboolean    from_log)
{
  sapa_wizard_set_value (self, key, value);
  json_object_set_string_member (self->record, key, value);
  if (from_log)
    g_hash_table_add (self->log_keys, g_strdup (key));
}

void
sapa_wizard_catch_up (SapaWizard *self,
                      const char *status,
                      GPtrArray  *activities)
{
  SapaEscalationLog log;
  const char *unit;

  g_return_if_fail (SAPA_IS_WIZARD (self));
  g_return_if_fail (activities != NULL);

  if (status != NULL && sapa_wizard_intern_status (status) != NULL &&
      !g_str_equal (status, self->status))
    {
      self->status = sapa_wizard_intern_status (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (self->step == NULL || sapa_step_get_field (self->step, "pic_answer") == NULL ||
      !sapa_escalation_read_log (self->flow->id, self->airport, activities, &log))
    return;

  /* The unit is shown only when an action named it: the procedure's own
   * escalation goes to the branch PIC of the airport it names. */
  unit = json_object_get_string_member_with_default (sapa_activity_get_payload (log.escalation),
                                                     "followup_unit", "");
  set_log_value (self, "escalation_airport", log.airport, FALSE);
  set_log_value (self, "followup_unit", unit, FALSE);
  set_log_value (self, "escalation_note", log.note, FALSE);
  set_log_value (self, "return_reason", log.return_reason != NULL ? log.return_reason : "", FALSE);

  if (log.answer != NULL && g_str_equal (sapa_activity_get_kind (log.answer), SAPA_ACTIVITY_ACTION))
    set_log_value (self, "pic_answer", log.answer_text, TRUE);
  else if (sapa_wizard_value_is_from_log (self, "pic_answer"))
    set_log_value (self, "pic_answer", "", FALSE);
}

JsonObject *
sapa_wizard_dup_record (SapaWizard *self)
{
  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);

  return sapa_wizard_copy_string_object (self->record);
}

/* Uses json_object_get_members() because it keeps insertion order and the
 * JsonObjectIter of json-glib 1.6 does not. Drafts must serialise the same
 * way after a round trip. */
void
sapa_wizard_merge_string_object (JsonObject *into,
                                 JsonObject *from)
{
  g_autoptr(GList) names = json_object_get_members (from);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_string_member (into, l->data, json_object_get_string_member (from, l->data));
}

JsonObject *
sapa_wizard_copy_string_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();

  sapa_wizard_merge_string_object (copy, object);
  return copy;
}

/* ---- Validation ---- */

static const char *
record_string (SapaWizard *self,
               const char *key)
{
  return json_object_get_string_member_with_default (self->record, key, "");
}

/* The table a step check reads: the cleaned values of earlier steps,
 * overlaid with those of the current step, plus the channel, the desk's
 * airport, @now_text and the times stamped by the branches taken. */
static GHashTable *
dup_check_values (SapaWizard *self,
                  JsonObject *clean,
                  const char *now_text)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sources[] = { self->record, clean };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, sources[i]);
      while (json_object_iter_next (&iter, &name, &node))
        g_hash_table_insert (table, (gpointer) name, (gpointer) json_node_get_string (node));
    }

  for (const SapaStep *step = self->flow->steps; step->id != NULL; step++)
    for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
      if (branch->stamp != NULL)
        g_hash_table_insert (table, (gpointer) branch->stamp,
                             (gpointer) sapa_wizard_get_value (self, branch->stamp));

  g_hash_table_insert (table, (gpointer) SAPA_FLOW_KEY_CHANNEL, self->channel);
  g_hash_table_insert (table, (gpointer) SAPA_FLOW_KEY_DESK_AIRPORT, self->airport);
  g_hash_table_insert (table, (gpointer) SAPA_FLOW_KEY_NOW, (gpointer) now_text);
  return table;
}

/* Validates the current step's fields as typed, then its check. On success
 * @out_clean receives the cleaned values, with "<key>_e164" for phones. */
static gboolean
validate_current (SapaWizard  *self,
                  gint64       now_us,
                  JsonObject **out_clean,
                  char       **out_field_key,
                  GError     **error)
{
  g_autoptr(JsonObject) clean = json_object_new ();
  const SapaStep *step = self->step;

  for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
    {
      g_autofree char *value = NULL;
      g_autofree char *e164 = NULL;

      /* A field of another channel is neither checked nor recorded. */
      if (!sapa_field_applies (field, self->channel))
        continue;

      if (!sapa_field_validate (field, sapa_wizard_get_value (self, field->key),
                                &value, &e164, error))
        {
          if (out_field_key != NULL)
            *out_field_key = g_strdup (field->key);
          return FALSE;
        }

      json_object_set_string_member (clean, field->key, value);
      if (field->type == SAPA_FIELD_PHONE)
        {
          g_autofree char *e164_key = g_strconcat (field->key, "_e164", NULL);
          json_object_set_string_member (clean, e164_key, e164 != NULL ? e164 : "");
        }
    }

  if (step->check != NULL)
    {
      g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now_us);
      g_autoptr(GHashTable) table = dup_check_values (self, clean, now_text);

      if (!step->check (step, table, out_field_key, error))
        return FALSE;
    }

  *out_clean = g_steal_pointer (&clean);
  return TRUE;
}

gboolean
sapa_wizard_validate_step (SapaWizard *self,
                           char      **out_field_key,
                           GError    **error)
{
  return sapa_wizard_validate_step_at (self, g_get_real_time (), out_field_key, error);
}

gboolean
sapa_wizard_validate_step_at (SapaWizard *self,
                              gint64      now_us,
                              char      **out_field_key,
                              GError    **error)
{
  g_autoptr(JsonObject) clean = NULL;

  g_return_val_if_fail (SAPA_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_field_key != NULL)
    *out_field_key = NULL;

  if (self->step == NULL)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_STATE,
                           _("The procedure has already ended."));
      return FALSE;
    }

  return validate_current (self, now_us, &clean, out_field_key, error);
}

/* ---- Advancing ---- */

static const SapaBranch *
resolve_branch (const SapaStep *step,
                const char     *branch_id,
                GError        **error)
{
  const SapaBranch *branch;

  if (branch_id == NULL)
    {
      if (sapa_step_get_n_branches (step) == 1)
        return &step->branches[0];

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("Choose one of the options of the step “%s”."), _(step->title));
      return NULL;
    }

  branch = sapa_step_get_branch (step, branch_id);
  if (branch == NULL)
    g_set_error (error, SAPA_ERROR, SAPA_ERROR_NOT_FOUND,
                 _("The step “%s” has no option “%s”."), _(step->title), branch_id);

  return branch;
}

/* The activity payload: the values read back (as recorded, with the
 * E.164 form of a phone) and the step's fields, cleaned when the branch
 * validated them and as typed when it skipped validation. */
static JsonObject *
build_payload (SapaWizard *self,
               JsonObject *clean)
{
  JsonObject *payload = json_object_new ();
  const SapaStep *step = self->step;

  for (guint i = 0; step->readback != NULL && step->readback[i] != NULL; i++)
    {
      const char *key = step->readback[i];
      g_autofree char *e164_key = g_strconcat (key, "_e164", NULL);

      json_object_set_string_member (payload, key, record_string (self, key));
      if (json_object_has_member (self->record, e164_key))
        json_object_set_string_member (payload, e164_key, record_string (self, e164_key));
    }

  if (clean != NULL)
    {
      sapa_wizard_merge_string_object (payload, clean);
      /* Another desk's entry is in the log already, under its name. */
      for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
        if (g_hash_table_contains (self->log_keys, field->key))
          json_object_remove_member (payload, field->key);
      return payload;
    }

  for (const SapaField *field = step->fields; field != NULL && field->key != NULL; field++)
    json_object_set_string_member (payload, field->key, sapa_wizard_get_value (self, field->key));

  return payload;
}

/* Applies @branch after its activity is recorded: status, then move. */
static void
take_branch (SapaWizard       *self,
             const SapaBranch *branch)
{
  gboolean was_finished = self->step == NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (branch->status != NULL && !g_str_equal (branch->status, self->status))
    {
      self->status = sapa_wizard_intern_status (branch->status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  for (guint i = 0; branch->clears != NULL && branch->clears[i] != NULL; i++)
    sapa_wizard_set_value (self, branch->clears[i], "");

  g_ptr_array_add (self->history, (gpointer) self->step);
  self->step = branch->target != NULL ? sapa_flow_get_step (self->flow, branch->target) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);

  if (was_finished != (self->step == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sapa_wizard_advance_at (SapaWizard *self,
                        const char *branch_id,
                        gint64      now_us,
                        GError    **error)
{
  g_autoptr(JsonObject) clean = NULL;
  g_autoptr(JsonObject) payload = NULL;
  const SapaBranch *branch;
  SapaActivity *activity;

  g_return_val_if_fail (SAPA_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->step == NULL)
    {
      g_set_error_literal (error, SAPA_ERROR, SAPA_ERROR_STATE,
                           _("The procedure has already ended."));
      return FALSE;
    }

  branch = resolve_branch (self->step, branch_id, error);
  if (branch == NULL)
    return FALSE;

  if (!branch->skip_validation && !validate_current (self, now_us, &clean, NULL, error))
    return FALSE;

  payload = build_payload (self, clean);
  activity = sapa_activity_new (self->ticket_id, SAPA_ACTIVITY_STEP, self->step->id,
                                branch->id, payload, self->officer, self->airport,
                                self->workstation, now_us);
  g_ptr_array_add (self->activities, activity);

  if (clean != NULL)
    sapa_wizard_merge_string_object (self->record, clean);

  if (branch->stamp != NULL)
    {
      g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now_us);

      sapa_wizard_set_value (self, branch->stamp, stamp);
    }

  take_branch (self, branch);
  return TRUE;
}

gboolean
sapa_wizard_advance (SapaWizard *self,
                     const char *branch_id,
                     GError    **error)
{
  return sapa_wizard_advance_at (self, branch_id, g_get_real_time (), error);
}

GPtrArray *
sapa_wizard_take_activities (SapaWizard *self)
{
  GPtrArray *activities;

  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);

  activities = g_steal_pointer (&self->activities);
  self->activities = g_ptr_array_new_with_free_func (g_object_unref);
  return activities;
}

static gboolean
find_progress_index (const SapaFlow *flow,
                     const char     *step_id,
                     guint          *out_index)
{
  for (guint i = 0; flow->progress[i] != NULL; i++)
    {
      if (g_str_equal (flow->progress[i], step_id))
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* A step missing from flow->progress (an alternative path such as a
 * returned PIC answer) shows as the last listed step the officer left. */
guint
sapa_wizard_get_progress (SapaWizard *self,
                          guint      *out_total)
{
  guint index = 0;

  g_return_val_if_fail (SAPA_IS_WIZARD (self), 0);

  if (out_total != NULL)
    *out_total = g_strv_length ((char **) self->flow->progress);

  if (self->step != NULL && find_progress_index (self->flow, self->step->id, &index))
    return index;

  for (guint i = self->history->len; i > 0; i--)
    {
      const SapaStep *step = g_ptr_array_index (self->history, i - 1);

      if (find_progress_index (self->flow, step->id, &index))
        return index;
    }

  return 0;
}
