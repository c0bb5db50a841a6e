/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-json.c: a wizard saved as JSON for drafts, and read back with checks */

#define G_LOG_DOMAIN "sapa-wizard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-uuid.h"
#include "sapa-wizard-private.h"

/* ---- Writing ---- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_string_object (JsonBuilder *builder,
                   JsonObject  *object)
{
  JsonNode *node = json_node_alloc ();

  json_node_take_object (json_node_init (node, JSON_NODE_OBJECT),
                         sapa_wizard_copy_string_object (object));
  json_builder_add_value (builder, node);
}

/* Values are written in key order so that equal wizards give equal text. */
static void
add_values (JsonBuilder *builder,
            GHashTable  *values)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (values, NULL);
  guint n_keys = g_hash_table_size (values);

  qsort (keys, n_keys, sizeof (char *), compare_strings);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (values, keys[i]));
    }
  json_builder_end_object (builder);
}

static void
add_activity (JsonBuilder  *builder,
              SapaActivity *activity)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, sapa_activity_get_id (activity));
  json_builder_set_member_name (builder, "ticket_id");
  json_builder_add_string_value (builder, sapa_activity_get_ticket_id (activity));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, sapa_activity_get_kind (activity));
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, sapa_activity_get_step (activity));
  json_builder_set_member_name (builder, "branch");
  json_builder_add_string_value (builder, sapa_activity_get_branch (activity));
  json_builder_set_member_name (builder, "payload");
  add_string_object (builder, sapa_activity_get_payload (activity));
  json_builder_set_member_name (builder, "officer");
  json_builder_add_string_value (builder, sapa_activity_get_officer (activity));
  json_builder_set_member_name (builder, "airport");
  json_builder_add_string_value (builder, sapa_activity_get_airport (activity));
  json_builder_set_member_name (builder, "workstation");
  json_builder_add_int_value (builder, sapa_activity_get_workstation (activity));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, sapa_activity_get_created_at (activity));
  json_builder_end_object (builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
sapa_wizard_to_json (SapaWizard *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SAPA_IS_WIZARD (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, SAPA_WIZARD_JSON_FORMAT);
  add_string_member (builder, "flow", self->flow->id);
  add_string_member (builder, "ticket_id", self->ticket_id);
  add_string_member (builder, "airport", self->airport);
  json_builder_set_member_name (builder, "workstation");
  json_builder_add_int_value (builder, self->workstation);
  add_string_member (builder, "officer", self->officer);
  add_string_member (builder, "channel", self->channel);
  add_string_member (builder, "status", self->status);
  add_string_member (builder, "step", self->step != NULL ? self->step->id : NULL);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->history->len; i++)
    json_builder_add_string_value (builder, ((const SapaStep *) g_ptr_array_index (self->history, i))->id);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "values");
  add_values (builder, self->values);
  json_builder_set_member_name (builder, "record");
  add_string_object (builder, self->record);

  json_builder_set_member_name (builder, "log_keys");
  json_builder_begin_array (builder);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->log_keys);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      json_builder_add_string_value (builder, key);
  }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->activities->len; i++)
    add_activity (builder, g_ptr_array_index (self->activities, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- Reading ---- */

static gboolean
fail_member (GError    **error,
             const char *member)
{
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The saved draft is damaged because “%s” is missing or invalid."), member);
  return FALSE;
}

/* Returns the string member @name, or NULL when it is missing or not a string. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64      min,
         gint64      max,
         gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return *out_value >= min && *out_value <= max;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
is_string_object (JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_header (JsonObject  *root,
             SapaWizard **out_self,
             GError     **error)
{
  const char *flow_id = get_string (root, "flow");
  const char *ticket_id = get_string (root, "ticket_id");
  const char *airport_code = get_string (root, "airport");
  const char *officer = get_string (root, "officer");
  const char *channel = get_string (root, "channel");
  const char *status = get_string (root, "status");
  const SapaFlow *flow = flow_id != NULL ? sapa_flow_lookup (flow_id) : NULL;
  const SapaAirport *airport = airport_code != NULL ? sapa_airport_lookup (airport_code) : NULL;
  gint64 format, workstation;
  SapaWizard *self;

  if (!get_int (root, "format", SAPA_WIZARD_JSON_FORMAT, SAPA_WIZARD_JSON_FORMAT, &format))
    return fail_member (error, "format");
  if (flow == NULL)
    return fail_member (error, "flow");
  if (ticket_id == NULL || !sapa_uuid_is_v7 (ticket_id))
    return fail_member (error, "ticket_id");
  if (airport == NULL)
    return fail_member (error, "airport");
  if (!get_int (root, "workstation", 0, G_MAXUINT, &workstation))
    return fail_member (error, "workstation");
  if (officer == NULL)
    return fail_member (error, "officer");
  if (channel == NULL || !sapa_wizard_flow_has_channel (flow, channel))
    return fail_member (error, "channel");
  if (status == NULL || sapa_wizard_intern_status (status) == NULL)
    return fail_member (error, "status");

  self = sapa_wizard_new_empty (flow, ticket_id, airport->iata, (guint) workstation, officer);
  g_free (self->channel);
  self->channel = g_strdup (channel);
  self->status = sapa_wizard_intern_status (status);

  *out_self = self;
  return TRUE;
}

/* TRUE when @step may come right after @previous: the first step of @flow
 * when @previous is NULL, else the target of one of its branches (NULL
 * when that branch ends the flow). */
static gboolean
follows (const SapaFlow *flow,
         const SapaStep *previous,
         const SapaStep *step)
{
  if (previous == NULL)
    return step != NULL && g_str_equal (step->id, flow->first_step);

  for (const SapaBranch *branch = previous->branches; branch->id != NULL; branch++)
    {
      if (step == NULL ? branch->target == NULL : g_strcmp0 (branch->target, step->id) == 0)
        return TRUE;
    }

  return FALSE;
}

static const SapaStep *
get_step_element (const SapaFlow *flow,
                  JsonArray      *array,
                  guint           index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return sapa_flow_get_step (flow, json_node_get_string (node));
}

/* Reads the current step and the history, and checks that together they
 * are a path of the flow from its first step. */
static gboolean
read_steps (SapaWizard *self,
            JsonObject *root,
            GError    **error)
{
  JsonNode *step_node = json_object_get_member (root, "step");
  JsonArray *history = get_array (root, "history");
  const SapaStep *previous = NULL;

  if (step_node == NULL)
    return fail_member (error, "step");

  if (JSON_NODE_HOLDS_NULL (step_node))
    {
      self->step = NULL;
    }
  else
    {
      const char *step_id = get_string (root, "step");

      self->step = step_id != NULL ? sapa_flow_get_step (self->flow, step_id) : NULL;
      if (self->step == NULL)
        return fail_member (error, "step");
    }

  if (history == NULL)
    return fail_member (error, "history");

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      const SapaStep *step = get_step_element (self->flow, history, i);

      if (step == NULL || !follows (self->flow, previous, step))
        return fail_member (error, "history");

      g_ptr_array_add (self->history, (gpointer) step);
      previous = step;
    }

  if (!follows (self->flow, previous, self->step))
    return fail_member (error, "history");

  return TRUE;
}

static gboolean
read_values (SapaWizard *self,
             JsonObject *root,
             GError    **error)
{
  JsonObject *values = get_object (root, "values");
  JsonObject *record = get_object (root, "record");
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (values == NULL || !is_string_object (values))
    return fail_member (error, "values");
  if (record == NULL || !is_string_object (record))
    return fail_member (error, "record");

  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, &name, &node))
    g_hash_table_insert (self->values, g_strdup (name), g_strdup (json_node_get_string (node)));

  json_object_unref (self->record);
  self->record = sapa_wizard_copy_string_object (record);

  return TRUE;
}

static SapaActivity *
read_activity (SapaWizard *self,
               JsonNode   *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id, *ticket_id, *kind, *step_id, *branch_id, *officer, *airport;
  const SapaStep *step;
  JsonObject *payload;
  g_autoptr(JsonObject) payload_copy = NULL;
  gint64 workstation, created_at;

  if (object == NULL)
    return NULL;

  id = get_string (object, "id");
  ticket_id = get_string (object, "ticket_id");
  kind = get_string (object, "kind");
  step_id = get_string (object, "step");
  branch_id = get_string (object, "branch");
  officer = get_string (object, "officer");
  airport = get_string (object, "airport");
  payload = get_object (object, "payload");

  if (id == NULL || !sapa_uuid_is_v7 (id) ||
      g_strcmp0 (ticket_id, self->ticket_id) != 0 ||
      g_strcmp0 (kind, SAPA_ACTIVITY_STEP) != 0 ||
      step_id == NULL || branch_id == NULL || officer == NULL || airport == NULL ||
      payload == NULL || !is_string_object (payload) ||
      !get_int (object, "workstation", 0, G_MAXUINT, &workstation) ||
      !get_int (object, "created_at", G_MININT64, G_MAXINT64, &created_at))
    return NULL;

  step = sapa_flow_get_step (self->flow, step_id);
  if (step == NULL || sapa_step_get_branch (step, branch_id) == NULL)
    return NULL;

  /* sapa_activity_new_full() keeps a reference to the payload, so it gets a
   * copy that does not share the caller's JSON tree. */
  payload_copy = sapa_wizard_copy_string_object (payload);
  return sapa_activity_new_full (id, ticket_id, kind, step_id, branch_id, payload_copy,
                                 officer, airport, (guint) workstation, created_at);
}

static gboolean
read_activities (SapaWizard *self,
                 JsonObject *root,
                 GError    **error)
{
  JsonArray *activities = get_array (root, "activities");

  if (activities == NULL)
    return fail_member (error, "activities");

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      SapaActivity *activity = read_activity (self, json_array_get_element (activities, i));

      if (activity == NULL)
        return fail_member (error, "activities");
      g_ptr_array_add (self->activities, activity);
    }

  return TRUE;
}

/* Reads the keys whose value another desk recorded. Drafts saved before
 * this member existed have none. */
static gboolean
read_log_keys (SapaWizard *self,
               JsonObject *root,
               GError    **error)
{
  JsonArray *keys;

  if (!json_object_has_member (root, "log_keys"))
    return TRUE;
  keys = get_array (root, "log_keys");
  if (keys == NULL)
    return fail_member (error, "log_keys");

  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonNode *node = json_array_get_element (keys, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail_member (error, "log_keys");
      g_hash_table_add (self->log_keys, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
}

SapaWizard *
sapa_wizard_new_from_json (JsonNode *node,
                           GError  **error)
{
  g_autoptr(SapaWizard) self = NULL;
  JsonObject *root;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_member (error, "format");
      return NULL;
    }
  root = json_node_get_object (node);

  if (!read_header (root, &self, error) ||
      !read_steps (self, root, error) ||
      !read_values (self, root, error) ||
      !read_log_keys (self, root, error) ||
      !read_activities (self, root, error))
    return NULL;

  return g_steal_pointer (&self);
}
