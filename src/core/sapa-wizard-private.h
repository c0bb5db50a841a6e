/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-wizard-private.h: the wizard's fields, shared with its JSON reader and writer */
#pragma once

#include "sapa-wizard.h"

G_BEGIN_DECLS

/* Format of sapa_wizard_to_json(); bump it when a member changes meaning. */
#define SAPA_WIZARD_JSON_FORMAT 1

struct _SapaWizard
{
  GObject         parent_instance;

  const SapaFlow *flow;
  const SapaStep *step;        /* NULL once the flow has ended */
  char           *ticket_id;
  char           *airport;
  guint           workstation;
  char           *officer;
  char           *channel;
  const char     *status;      /* one of the SAPA_STATUS_* strings */

  GHashTable     *values;      /* key -> value as typed */
  JsonObject     *record;      /* key -> cleaned value of a validated step */
  GPtrArray      *history;     /* const SapaStep *: every step left, oldest first */
  GPtrArray      *activities;  /* SapaActivity appended and not yet taken */
  GHashTable     *log_keys;    /* keys whose value another desk recorded (a set) */
};

/* Creates a wizard at the flow's first step with nothing recorded. */
SapaWizard *sapa_wizard_new_empty          (const SapaFlow *flow,
                                            const char     *ticket_id,
                                            const char     *airport,
                                            guint           workstation,
                                            const char     *officer);

/* Returns the static SAPA_STATUS_* string equal to @status, or NULL. */
const char *sapa_wizard_intern_status      (const char     *status);

gboolean    sapa_wizard_flow_has_channel   (const SapaFlow *flow,
                                            const char     *channel);

/* Copies the members of @from, which are all strings, into @into, in
 * their insertion order. */
void        sapa_wizard_merge_string_object (JsonObject    *into,
                                             JsonObject    *from);

/* Copies an object whose members are all strings. */
JsonObject *sapa_wizard_copy_string_object (JsonObject     *object);

G_END_DECLS
