/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket.c: a ticket's current state as the store derives it */

#define G_LOG_DOMAIN "sapa-ticket"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-flow.h"
#include "sapa-ticket.h"

struct _SapaTicket
{
  GObject     parent_instance;

  gboolean    loaded;
  gint64      rowid;
  char       *id;
  char       *report_number;
  char       *flow;
  char       *channel;
  char       *airport;
  char       *time_zone;
  char       *officer;
  char       *status;
  char       *contact_id;
  char       *name;
  char       *phone;
  char       *phone_e164;
  char       *email;
  char       *category;
  char       *purpose;
  char       *answer;
  char       *followup;
  guint       workstation;
  JsonObject *record;
  gint64      created_at;
  gint64      updated_at;
};

G_DEFINE_FINAL_TYPE (SapaTicket, sapa_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sapa_ticket_clear_fields (SapaTicket *self)
{
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->report_number, g_free);
  g_clear_pointer (&self->flow, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->airport, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->officer, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->contact_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->phone_e164, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->followup, g_free);
  g_clear_pointer (&self->record, json_object_unref);
}

static void
sapa_ticket_finalize (GObject *object)
{
  sapa_ticket_clear_fields (SAPA_TICKET (object));

  G_OBJECT_CLASS (sapa_ticket_parent_class)->finalize (object);
}

static void
sapa_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SapaTicket *self = SAPA_TICKET (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_ticket_class_init (SapaTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sapa_ticket_finalize;
  object_class->get_property = sapa_ticket_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sapa_ticket_init (SapaTicket *self)
{
}

SapaTicket *
sapa_ticket_new_placeholder (gint64 rowid)
{
  SapaTicket *self = g_object_new (SAPA_TYPE_TICKET, NULL);

  self->rowid = rowid;
  return self;
}

static JsonObject *
parse_record (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return json_object_new ();

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();

  return json_object_ref (json_node_get_object (root));
}

SapaTicket *
sapa_ticket_new (const SapaTicketFields *fields)
{
  SapaTicket *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id != NULL, NULL);

  self = g_object_new (SAPA_TYPE_TICKET, NULL);
  self->loaded = TRUE;
  self->rowid = fields->rowid;
  self->id = g_strdup (fields->id ? fields->id : "");
  self->report_number = g_strdup (fields->report_number ? fields->report_number : "");
  self->flow = g_strdup (fields->flow ? fields->flow : "");
  self->channel = g_strdup (fields->channel ? fields->channel : "");
  self->airport = g_strdup (fields->airport ? fields->airport : "");
  self->time_zone = g_strdup (fields->time_zone ? fields->time_zone : "");
  self->officer = g_strdup (fields->officer ? fields->officer : "");
  self->status = g_strdup (fields->status ? fields->status : "");
  self->contact_id = g_strdup (fields->contact_id);
  self->name = g_strdup (fields->name ? fields->name : "");
  self->phone = g_strdup (fields->phone ? fields->phone : "");
  self->phone_e164 = g_strdup (fields->phone_e164);
  self->email = g_strdup (fields->email ? fields->email : "");
  self->category = g_strdup (fields->category ? fields->category : "");
  self->purpose = g_strdup (fields->purpose ? fields->purpose : "");
  self->answer = g_strdup (fields->answer ? fields->answer : "");
  self->followup = g_strdup (fields->followup ? fields->followup : "");
  self->workstation = fields->workstation;
  self->record = parse_record (fields->record_json);
  self->created_at = fields->created_at;
  self->updated_at = fields->updated_at;

  return self;
}

void
sapa_ticket_fill (SapaTicket *self,
                  SapaTicket *source)
{
  g_return_if_fail (SAPA_IS_TICKET (self));
  g_return_if_fail (SAPA_IS_TICKET (source));

  if (self == source)
    return;

  sapa_ticket_clear_fields (self);
  self->id = g_strdup (source->id);
  self->report_number = g_strdup (source->report_number);
  self->flow = g_strdup (source->flow);
  self->channel = g_strdup (source->channel);
  self->airport = g_strdup (source->airport);
  self->time_zone = g_strdup (source->time_zone);
  self->officer = g_strdup (source->officer);
  self->status = g_strdup (source->status);
  self->contact_id = g_strdup (source->contact_id);
  self->name = g_strdup (source->name);
  self->phone = g_strdup (source->phone);
  self->phone_e164 = g_strdup (source->phone_e164);
  self->email = g_strdup (source->email);
  self->category = g_strdup (source->category);
  self->purpose = g_strdup (source->purpose);
  self->answer = g_strdup (source->answer);
  self->followup = g_strdup (source->followup);
  self->rowid = source->rowid;
  self->workstation = source->workstation;
  self->record = json_object_ref (source->record);
  self->created_at = source->created_at;
  self->updated_at = source->updated_at;
  self->loaded = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gboolean
sapa_ticket_get_loaded (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), FALSE);
  return self->loaded;
}

gint64
sapa_ticket_get_rowid (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), 0);
  return self->rowid;
}

guint
sapa_ticket_get_workstation (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), 0);
  return self->workstation;
}

JsonObject *
sapa_ticket_get_record (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->record;
}

gint64
sapa_ticket_get_created_at (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), 0);
  return self->created_at;
}

gint64
sapa_ticket_get_updated_at (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), 0);
  return self->updated_at;
}

const char *
sapa_ticket_get_id (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->id;
}

const char *
sapa_ticket_get_report_number (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->report_number;
}

const char *
sapa_ticket_get_flow (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->flow;
}

const char *
sapa_ticket_get_channel (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->channel;
}

const char *
sapa_ticket_get_airport (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->airport;
}

const char *
sapa_ticket_get_time_zone (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->time_zone;
}

const char *
sapa_ticket_get_officer (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->officer;
}

const char *
sapa_ticket_get_status (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->status;
}

const char *
sapa_ticket_get_contact_id (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->contact_id;
}

const char *
sapa_ticket_get_name (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->name;
}

const char *
sapa_ticket_get_phone (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->phone;
}

const char *
sapa_ticket_get_phone_e164 (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->phone_e164;
}

const char *
sapa_ticket_get_email (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->email;
}

const char *
sapa_ticket_get_category (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->category;
}

const char *
sapa_ticket_get_purpose (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->purpose;
}

const char *
sapa_ticket_get_answer (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->answer;
}

const char *
sapa_ticket_get_followup (SapaTicket *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET (self), NULL);
  return self->followup;
}

const char *
sapa_ticket_status_label (const char *status)
{
  if (g_strcmp0 (status, SAPA_STATUS_OPEN) == 0)
    return _("Open");
  if (g_strcmp0 (status, SAPA_STATUS_WAITING_CUSTOMER) == 0)
    return _("Waiting for the customer");
  if (g_strcmp0 (status, SAPA_STATUS_ESCALATED) == 0)
    return _("Escalated");
  if (g_strcmp0 (status, SAPA_STATUS_IN_SERVICE) == 0)
    return _("In service");
  if (g_strcmp0 (status, SAPA_STATUS_ANSWERED) == 0)
    return _("Answered by the PIC");
  if (g_strcmp0 (status, SAPA_STATUS_DELIVERED) == 0)
    return _("Answer delivered");
  if (g_strcmp0 (status, SAPA_STATUS_CLOSED) == 0)
    return _("Closed");
  if (g_strcmp0 (status, SAPA_STATUS_CANCELLED) == 0)
    return _("Cancelled");
  return status;
}

const char *
sapa_ticket_channel_label (const char *channel)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "counter", N_("CS counter") },
    { "phone", N_("Dial 172") },
    { "email", N_("Email 172") },
    { "facebook", N_("Facebook 172") },
    { "x", N_("X/Twitter 172") },
    { "instagram", N_("Instagram 172") },
    { "other_social", N_("Other social media") },
    { "social", N_("Social media") },
    { "suggestion_box", N_("Suggestion box") },
    { "live_chat", N_("Live chat") },
    { "sns_counter", N_("SNS counter") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (channel, labels[i].id) == 0)
      return _(labels[i].label);
  return channel;
}

const char *
sapa_ticket_describe_channel (const char *flow,
                              const char *channel)
{
  if (g_strcmp0 (flow, SAPA_FLOW_SNS_COUNTER) == 0 && g_strcmp0 (channel, "counter") == 0)
    return sapa_ticket_channel_label (SAPA_CHANNEL_SNS_COUNTER);
  return sapa_ticket_channel_label (channel);
}
