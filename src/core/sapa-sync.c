/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-sync.c: the sync wire format and the rules both ends apply */

#define G_LOG_DOMAIN "sapa-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sapa-airport.h"
#include "sapa-error.h"
#include "sapa-flow.h"
#include "sapa-sync.h"
#include "sapa-text.h"
#include "sapa-ticket.h"
#include "sapa-ticket-action.h"
#include "sapa-uuid.h"

/* Limits on what one activity may carry, well above anything a form
 * produces, so a hostile body cannot fill the server. */
#define ID_MAX_BYTES       64
#define OFFICER_MAX_BYTES  400
#define PAYLOAD_MAX_BYTES  (256 * 1024)
#define WORKSTATION_MAX    99
/* Activity times from 2000 to 2100 (microseconds since 1970): a wrong
 * workstation clock stays within them, a forged time does not. */
#define CREATED_AT_MIN     G_GINT64_CONSTANT (946684800000000)
#define CREATED_AT_MAX     G_GINT64_CONSTANT (4102444800000000)

static const char * const activity_kinds[] = {
  SAPA_ACTIVITY_STEP,
  SAPA_ACTIVITY_CREATED,
  SAPA_ACTIVITY_DISCARDED,
  SAPA_ACTIVITY_CONTACT_MERGED,
  SAPA_ACTIVITY_ATTACHED,
  SAPA_ACTIVITY_PARKED,
  SAPA_ACTIVITY_RESUMED,
  SAPA_ACTIVITY_RECEIPT,
  SAPA_ACTIVITY_ACTION,
  NULL
};

static gboolean
invalid_member (GError     **error,
                const char  *member)
{
  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The member “%s” is missing or has the wrong type or size."), member);
  return FALSE;
}

/* Reads string member @member of at most @max_bytes; NULL members read
 * as NULL when @optional. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     optional,
             gsize        max_bytes,
             const char **out_value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = NULL;
      return optional || invalid_member (error, member);
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid_member (error, member);

  *out_value = json_node_get_string (node);
  if (strlen (*out_value) > max_bytes || !g_utf8_validate (*out_value, -1, NULL))
    return invalid_member (error, member);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64       min,
          gint64       max,
          gint64      *out_value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid_member (error, member);

  *out_value = json_node_get_int (node);
  if (*out_value < min || *out_value > max)
    return invalid_member (error, member);
  return TRUE;
}

JsonObject *
sapa_sync_activity_to_json (SapaActivity *activity)
{
  JsonObject *object = json_object_new ();
  g_autofree char *payload_text = sapa_activity_dup_payload_json (activity);

  json_object_set_string_member (object, "id", sapa_activity_get_id (activity));
  json_object_set_string_member (object, "ticket_id", sapa_activity_get_ticket_id (activity));
  json_object_set_string_member (object, "kind", sapa_activity_get_kind (activity));
  json_object_set_string_member (object, "step", sapa_activity_get_step (activity));
  json_object_set_string_member (object, "branch", sapa_activity_get_branch (activity));
  /* A copy, so the activity and the message never share an object. */
  json_object_set_object_member (object, "payload",
                                 sapa_sync_parse_object (payload_text, -1, NULL) ?: json_object_new ());
  json_object_set_string_member (object, "officer", sapa_activity_get_officer (activity));
  json_object_set_string_member (object, "airport", sapa_activity_get_airport (activity));
  json_object_set_int_member (object, "workstation", sapa_activity_get_workstation (activity));
  json_object_set_int_member (object, "created_at", sapa_activity_get_created_at (activity));
  return object;
}

/* Checks a payload's values. A procedure's entries (steps, actions, a
 * cancellation) hold text only, as the forms give it, and the other kinds
 * may hold numbers too, such as a file's size. Nested objects and arrays
 * are rejected, and text follows the forms' control-character rule. */
static gboolean
payload_values_valid (JsonObject *payload,
                      gboolean    text_only)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, payload);
  while (json_object_iter_next (&iter, &member, &node))
    {
      GType type;

      if (!JSON_NODE_HOLDS_VALUE (node))
        return FALSE;

      type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        {
          if (sapa_text_has_control (json_node_get_string (node), TRUE))
            return FALSE;
        }
      else if (text_only)
        return FALSE;
    }
  return TRUE;
}

gboolean
sapa_sync_activity_check (JsonObject  *object,
                          char       **out_payload,
                          GError     **error)
{
  const char *id, *ticket_id, *kind, *step, *branch, *officer, *airport;
  gint64 workstation, created_at;
  JsonNode *payload;
  g_autofree char *payload_text = NULL;

  if (!read_string (object, "id", FALSE, ID_MAX_BYTES, &id, error) ||
      !read_string (object, "ticket_id", FALSE, ID_MAX_BYTES, &ticket_id, error) ||
      !read_string (object, "kind", FALSE, ID_MAX_BYTES, &kind, error) ||
      !read_string (object, "step", TRUE, ID_MAX_BYTES, &step, error) ||
      !read_string (object, "branch", TRUE, ID_MAX_BYTES, &branch, error) ||
      !read_string (object, "officer", TRUE, OFFICER_MAX_BYTES, &officer, error) ||
      !read_string (object, "airport", TRUE, ID_MAX_BYTES, &airport, error) ||
      !read_int (object, "workstation", 0, WORKSTATION_MAX, &workstation, error) ||
      !read_int (object, "created_at", CREATED_AT_MIN, CREATED_AT_MAX, &created_at, error))
    return FALSE;

  if (officer != NULL && sapa_text_has_control (officer, FALSE))
    return invalid_member (error, "officer");

  if (!sapa_uuid_is_v7 (id))
    return invalid_member (error, "id");
  if (!sapa_uuid_is_v7 (ticket_id))
    return invalid_member (error, "ticket_id");
  if (!g_strv_contains (activity_kinds, kind))
    return invalid_member (error, "kind");

  payload = json_object_get_member (object, "payload");
  if (payload != NULL && !JSON_NODE_HOLDS_NULL (payload))
    {
      gboolean text_only = g_str_equal (kind, SAPA_ACTIVITY_STEP) || g_str_equal (kind, SAPA_ACTIVITY_ACTION) ||
                           g_str_equal (kind, SAPA_ACTIVITY_DISCARDED);

      if (!JSON_NODE_HOLDS_OBJECT (payload) ||
          !payload_values_valid (json_node_get_object (payload), text_only))
        return invalid_member (error, "payload");
      payload_text = json_to_string (payload, FALSE);
      if (strlen (payload_text) > PAYLOAD_MAX_BYTES)
        return invalid_member (error, "payload");
    }

  if (out_payload != NULL)
    *out_payload = payload_text != NULL ? g_steal_pointer (&payload_text) : g_strdup ("{}");
  return TRUE;
}

SapaActivity *
sapa_sync_activity_from_json (JsonObject  *object,
                              GError     **error)
{
  JsonNode *payload;

  if (!sapa_sync_activity_check (object, NULL, error))
    return NULL;

  payload = json_object_get_member (object, "payload");
  return sapa_activity_new_full (json_object_get_string_member (object, "id"),
                                 json_object_get_string_member (object, "ticket_id"),
                                 json_object_get_string_member (object, "kind"),
                                 json_object_get_string_member_with_default (object, "step", NULL),
                                 json_object_get_string_member_with_default (object, "branch", NULL),
                                 payload != NULL && JSON_NODE_HOLDS_OBJECT (payload)
                                   ? json_node_get_object (payload) : NULL,
                                 json_object_get_string_member_with_default (object, "officer", NULL),
                                 json_object_get_string_member_with_default (object, "airport", NULL),
                                 (guint) json_object_get_int_member (object, "workstation"),
                                 json_object_get_int_member (object, "created_at"));
}

gboolean
sapa_sync_ticket_validate (JsonObject  *ticket,
                           GError     **error)
{
  static const char * const text_members[] = {
    "officer", "name", "phone", "email", "category", "purpose", "answer", "followup", NULL
  };
  const char *id, *report_number, *flow, *channel, *airport, *time_zone, *value;
  gint64 number;
  JsonNode *node;

  if (!read_string (ticket, "id", FALSE, ID_MAX_BYTES, &id, error) ||
      !read_string (ticket, "report_number", FALSE, ID_MAX_BYTES, &report_number, error) ||
      !read_string (ticket, "flow", FALSE, ID_MAX_BYTES, &flow, error) ||
      !read_string (ticket, "channel", FALSE, ID_MAX_BYTES, &channel, error) ||
      !read_string (ticket, "airport", FALSE, ID_MAX_BYTES, &airport, error) ||
      !read_string (ticket, "time_zone", FALSE, ID_MAX_BYTES, &time_zone, error) ||
      !read_string (ticket, "step", TRUE, ID_MAX_BYTES, &value, error) ||
      !read_string (ticket, "phone_e164", TRUE, ID_MAX_BYTES, &value, error) ||
      !read_int (ticket, "workstation", 1, WORKSTATION_MAX, &number, error) ||
      !read_int (ticket, "created_at", 0, G_MAXINT64, &number, error))
    return FALSE;

  for (guint i = 0; text_members[i] != NULL; i++)
    if (!read_string (ticket, text_members[i], TRUE, PAYLOAD_MAX_BYTES, &value, error))
      return FALSE;

  if (!sapa_uuid_is_v7 (id))
    return invalid_member (error, "id");
  if (sapa_flow_lookup (flow) == NULL)
    return invalid_member (error, "flow");
  if (sapa_airport_lookup (airport) == NULL)
    return invalid_member (error, "airport");

  node = json_object_get_member (ticket, "record");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid_member (error, "record");

  node = json_object_get_member (ticket, "booking");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *booking;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_member (error, "booking");
      booking = json_node_get_object (node);
      if (!read_string (booking, "airport", FALSE, ID_MAX_BYTES, &value, error) ||
          !read_string (booking, "stage", FALSE, ID_MAX_BYTES, &value, error) ||
          !read_string (booking, "arrival_ticket_id", TRUE, ID_MAX_BYTES, &value, error) ||
          !read_int (booking, "eta", 0, G_MAXINT64, &number, error))
        return FALSE;
    }

  return TRUE;
}

static const char *
intern_status (const char *status)
{
  return status != NULL ? g_intern_string (status) : NULL;
}

gboolean
sapa_sync_next_status (const char   *flow_id,
                       SapaActivity *activity,
                       const char   *current,
                       const char  **out_status,
                       GError      **error)
{
  const char *kind = sapa_activity_get_kind (activity);
  const char *step_id = sapa_activity_get_step (activity);
  const char *branch_id = sapa_activity_get_branch (activity);
  const SapaFlow *flow = sapa_flow_lookup (flow_id);
  const SapaStep *step;
  const SapaBranch *branch;

  *out_status = intern_status (current != NULL ? current : SAPA_STATUS_OPEN);

  if (flow == NULL)
    return invalid_member (error, "flow");

  if (g_str_equal (kind, SAPA_ACTIVITY_DISCARDED))
    {
      *out_status = intern_status (SAPA_STATUS_CANCELLED);
      return TRUE;
    }

  if (g_str_equal (kind, SAPA_ACTIVITY_ACTION))
    {
      const SapaTicketAction *action = sapa_ticket_action_lookup (step_id);

      if (action == NULL)
        return invalid_member (error, "step");
      if (!sapa_ticket_action_applies (action, flow_id, *out_status))
        {
          g_set_error (error, SAPA_ERROR, SAPA_ERROR_STATE,
                       "%s", *out_status);
          return FALSE;
        }
      step = &action->step;
    }
  else if (g_str_equal (kind, SAPA_ACTIVITY_STEP))
    {
      step = sapa_flow_get_step (flow, step_id);
      if (step == NULL)
        return invalid_member (error, "step");
    }
  else
    return TRUE;

  /* An action with one outcome may be sent without its branch. */
  branch = branch_id != NULL ? sapa_step_get_branch (step, branch_id) : step->branches;
  if (branch == NULL || branch->id == NULL)
    return invalid_member (error, "branch");

  if (branch->status != NULL)
    *out_status = intern_status (branch->status);
  return TRUE;
}

const char *
sapa_sync_escalation_airport (JsonObject *values)
{
  static const char * const keys[] = { "followup_airport", "escalation_airport", NULL };

  if (values == NULL)
    return NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *code = json_object_get_string_member_with_default (values, keys[i], "");

      if (sapa_airport_lookup (code) != NULL)
        return sapa_airport_lookup (code)->iata;
    }
  return NULL;
}

char *
sapa_sync_describe_rejection (const char *reason,
                              const char *detail)
{
  if (g_strcmp0 (reason, SAPA_SYNC_REASON_STATE) == 0)
    return g_strdup_printf (_("The ticket had already moved to “%s” on another workstation, so this step was not applied there. Look at the ticket again."),
                            sapa_ticket_status_label (detail));
  if (g_strcmp0 (reason, SAPA_SYNC_REASON_FORBIDDEN) == 0)
    return g_strdup (_("Your role or airports do not allow this on that ticket, so the server did not accept it. Ask a supervisor."));
  if (g_strcmp0 (reason, SAPA_SYNC_REASON_UNCHANGED) == 0)
    return g_strdup (_("The escalation was already with that unit and airport, so this reassignment was not applied. Look at the ticket again."));
  return g_strdup_printf (_("The server could not read this activity (%s). Call technical support."),
                          detail != NULL ? detail : "");
}

/* json-glib parses nested arrays and objects by recursion, so a body of
 * a million '[' would exhaust the stack: deeper text is rejected before
 * parsing. Brackets inside strings do not count. The same pass rejects
 * what json-glib reads differently from the text: a NUL in a string
 * (\u0000), which ends the C string it returns ("ani\u0000x" would read
 * as "ani"), and anything after the top-level value, which it ignores. */
#define MAX_DEPTH 32

static gboolean
text_is_plain_json (const char *data,
                    gsize       length)
{
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\0')
        return FALSE;

      if (in_string)
        {
          if (c == '\\')
            {
              if (i + 5 < length && data[i + 1] == 'u' && strncmp (data + i + 2, "0000", 4) == 0)
                return FALSE;
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (closed)
        {
          if (!g_ascii_isspace (c))
            return FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        closed = --depth == 0;
    }
  return TRUE;
}

JsonObject *
sapa_sync_parse_object (const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (data != NULL && length < 0)
    length = strlen (data);

  if (data == NULL || !text_is_plain_json (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The data is not a JSON object."));
      return NULL;
    }

  return json_node_dup_object (root);
}

char *
sapa_sync_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}
