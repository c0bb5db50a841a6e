/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-activity.c: one entry of a ticket's append-only activity log */

#define G_LOG_DOMAIN "sapa-activity"

#include "sapa-activity.h"
#include "sapa-uuid.h"

struct _SapaActivity
{
  GObject     parent_instance;

  char       *id;
  char       *ticket_id;
  char       *kind;
  char       *step;
  char       *branch;
  JsonObject *payload;
  char       *officer;
  char       *airport;
  guint       workstation;
  gint64      created_at;
};

G_DEFINE_FINAL_TYPE (SapaActivity, sapa_activity, G_TYPE_OBJECT)

static void
sapa_activity_finalize (GObject *object)
{
  SapaActivity *self = SAPA_ACTIVITY (object);

  g_free (self->id);
  g_free (self->ticket_id);
  g_free (self->kind);
  g_free (self->step);
  g_free (self->branch);
  g_clear_pointer (&self->payload, json_object_unref);
  g_free (self->officer);
  g_free (self->airport);

  G_OBJECT_CLASS (sapa_activity_parent_class)->finalize (object);
}

static void
sapa_activity_class_init (SapaActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sapa_activity_finalize;
}

static void
sapa_activity_init (SapaActivity *self)
{
}

/* json_node_copy() shares the object of an object node, so the payload is
 * copied through its text: an activity never shares data with its caller. */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;

  if (object == NULL)
    return json_object_new ();

  node = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (node, FALSE);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_return_val_if_reached (json_object_new ());

  return json_node_dup_object (json_parser_get_root (parser));
}

SapaActivity *
sapa_activity_new_full (const char *id,
                        const char *ticket_id,
                        const char *kind,
                        const char *step,
                        const char *branch,
                        JsonObject *payload,
                        const char *officer,
                        const char *airport,
                        guint       workstation,
                        gint64      created_at)
{
  SapaActivity *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (SAPA_TYPE_ACTIVITY, NULL);
  self->id = g_strdup (id);
  self->ticket_id = g_strdup (ticket_id);
  self->kind = g_strdup (kind);
  self->step = g_strdup (step);
  self->branch = g_strdup (branch);
  self->payload = copy_object (payload);
  self->officer = g_strdup (officer);
  self->airport = g_strdup (airport);
  self->workstation = workstation;
  self->created_at = created_at;

  return self;
}

SapaActivity *
sapa_activity_new (const char *ticket_id,
                   const char *kind,
                   const char *step,
                   const char *branch,
                   JsonObject *payload,
                   const char *officer,
                   const char *airport,
                   guint       workstation,
                   gint64      created_at)
{
  g_autofree char *id = sapa_uuid_v7_new_at (created_at / 1000);

  return sapa_activity_new_full (id, ticket_id, kind, step, branch, payload,
                                 officer, airport, workstation, created_at);
}

const char *
sapa_activity_get_id (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->id;
}

const char *
sapa_activity_get_ticket_id (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->ticket_id;
}

const char *
sapa_activity_get_kind (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->kind;
}

const char *
sapa_activity_get_step (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->step;
}

const char *
sapa_activity_get_branch (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->branch;
}

JsonObject *
sapa_activity_get_payload (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->payload;
}

const char *
sapa_activity_get_officer (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->officer;
}

const char *
sapa_activity_get_airport (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);
  return self->airport;
}

guint
sapa_activity_get_workstation (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), 0);
  return self->workstation;
}

gint64
sapa_activity_get_created_at (SapaActivity *self)
{
  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), 0);
  return self->created_at;
}

char *
sapa_activity_dup_payload_json (SapaActivity *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (SAPA_IS_ACTIVITY (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->payload);
  return json_to_string (node, FALSE);
}
