/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow.h: the seven service procedures as declarative definitions */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ticket statuses. A branch may set one; the wizard reports the latest. */
#define SAPA_STATUS_OPEN              "open"
#define SAPA_STATUS_WAITING_CUSTOMER  "waiting_customer"
#define SAPA_STATUS_ESCALATED         "escalated"
#define SAPA_STATUS_IN_SERVICE        "in_service"
#define SAPA_STATUS_ANSWERED          "answered"   /* the PIC answered; the officer judges it */
#define SAPA_STATUS_DELIVERED         "delivered"  /* the answer reached the person; their verdict is due */
#define SAPA_STATUS_CLOSED            "closed"
#define SAPA_STATUS_CANCELLED         "cancelled"

typedef enum {
  SAPA_FIELD_TEXT,          /* one line, SAPA_LINE_MAX_CHARS */
  SAPA_FIELD_MULTILINE,     /* SAPA_TEXT_MAX_CHARS, keeps line breaks */
  SAPA_FIELD_NAME,          /* sapa_name_validate() */
  SAPA_FIELD_PHONE,         /* sapa_phone_normalize(); "<key>_e164" is stored too */
  SAPA_FIELD_EMAIL,         /* sapa_email_validate() */
  SAPA_FIELD_HANDLE,        /* a social media handle: no spaces, optional leading '@' */
  SAPA_FIELD_CHOICE,        /* one id of the field's choices */
  SAPA_FIELD_MULTI_CHOICE,  /* ids of the field's choices, separated by ',' */
  SAPA_FIELD_AIRPORT,       /* an IATA code of the airport table */
  SAPA_FIELD_FLIGHT,        /* airline designator and number: "GA 404" */
  SAPA_FIELD_DATE,          /* "YYYY-MM-DD", a real calendar date */
  SAPA_FIELD_TIME,          /* "HH:MM", 24-hour local time */
} SapaFieldType;

typedef struct {
  const char *id;           /* stored value */
  const char *label;        /* N_() */
} SapaChoice;

typedef struct {
  const char       *key;       /* key of the value in the wizard */
  SapaFieldType     type;
  const char       *label;     /* N_() */
  const char       *hint;      /* N_() placeholder or help, or NULL */
  gboolean          required;
  const SapaChoice *choices;   /* CHOICE and MULTI_CHOICE: ends with id == NULL */
  gboolean          conditional; /* required only in the cases the step's check
                                  * names (the hint says which), so the form
                                  * does not call it optional */
  const char * const *channels;  /* channels the field applies to, or NULL for all */
} SapaField;

/* TRUE when @field is asked for on @channel. */
gboolean          sapa_field_applies      (const SapaField *field,
                                           const char      *channel);

typedef struct {
  const char *id;          /* "next", "sesuai", "tidak_sesuai", "answer_now", ... */
  const char *label;       /* N_() button text */
  const char *target;      /* step id to go to; NULL ends the flow */
  const char *status;      /* SAPA_STATUS_* set when taken, or NULL to keep */
  gboolean    skip_validation; /* TRUE for going back to correct: fields may be invalid */
  const char * const *clears;  /* value keys emptied when taken (a rejected answer
                                * must not come back as the next one), or NULL */
  const char *stamp;           /* value key set to the time the branch is taken, in
                                * decimal microseconds since 1970, UTC, or NULL */
} SapaBranch;

typedef enum {
  SAPA_STEP_FORM,          /* the officer enters the fields, then takes a branch */
  SAPA_STEP_CONFIRM,       /* read-back of earlier values, then sesuai / tidak sesuai */
  SAPA_STEP_WAIT,          /* the ticket waits (customer's data, PIC's answer): the
                            * wizard may be saved here and resumed later */
} SapaStepKind;

typedef struct _SapaStep SapaStep;

/* Checks rules that span fields of one step, after each field is valid. */
typedef gboolean (*SapaStepCheck) (const SapaStep *step,
                                   GHashTable     *values,
                                   char          **out_field_key,
                                   GError        **error);

struct _SapaStep {
  const char         *id;
  SapaStepKind        kind;
  const char         *title;       /* N_() */
  const char         *script;      /* N_() words for the officer to say, or NULL */
  const SapaField    *fields;      /* ends with key == NULL; may be NULL */
  const SapaBranch   *branches;    /* ends with id == NULL; at least one */
  const char * const *readback;    /* CONFIRM: value keys read back; WAIT: keys of what
                                    * is awaited (empty ones hidden); NULL-terminated */
  SapaStepCheck       check;       /* or NULL */
};

typedef struct {
  const char         *id;          /* "counter", "phone", ... see sapa_flow_get_all() */
  guint               number;      /* 1 to 7, as the operator numbers its procedures */
  const char         *title;       /* N_() */
  const char         *channel;     /* default channel id */
  const SapaChoice   *channels;    /* channels the officer may pick, or NULL for only @channel */
  const char         *first_step;
  const SapaStep     *steps;       /* ends with id == NULL */
  const char * const *progress;    /* step ids shown by the progress indicator, in order */
} SapaFlow;

/* Flow ids, one per procedure. */
#define SAPA_FLOW_COUNTER         "counter"          /* 1: feedback at the CS counter */
#define SAPA_FLOW_PHONE           "phone"            /* 2: Dial 172 inbound */
#define SAPA_FLOW_EMAIL_SOCIAL    "email_social"     /* 3: email and social media */
#define SAPA_FLOW_SUGGESTION_BOX  "suggestion_box"   /* 4: kotak saran */
#define SAPA_FLOW_SNS_PREBOOK     "sns_prebook"      /* 5: special-needs pre-booking by 172 */
#define SAPA_FLOW_LIVE_CHAT       "live_chat"        /* 6: live chat on the website */
#define SAPA_FLOW_SNS_COUNTER     "sns_counter"      /* 7: special needs at the SNS counter */

const SapaFlow   *sapa_flow_lookup        (const char     *id);
/* The seven flows in procedure order. */
const SapaFlow  **sapa_flow_get_all       (guint          *n_flows);
const SapaStep   *sapa_flow_get_step      (const SapaFlow *flow,
                                           const char     *step_id);
const SapaBranch *sapa_step_get_branch    (const SapaStep *step,
                                           const char     *branch_id);
guint             sapa_step_get_n_branches (const SapaStep *step);
const SapaField  *sapa_step_get_field     (const SapaStep *step,
                                           const char     *key);
/* Returns the translated label of choice @id of @choices, or NULL. */
const char       *sapa_choice_get_label   (const SapaChoice *choices,
                                           const char       *id);

/* Returns the translated message shown when a procedure is set aside at
 * waiting step @step: what the ticket waits for and when to continue. */
const char       *sapa_step_describe_wait (const SapaStep *step);

/* Feedback categories and follow-up units, shared by the flows. */
const SapaChoice *sapa_flow_get_categories (void);
const SapaChoice *sapa_flow_get_units      (void);

/* Returns @script (translated) with "{greeting}" replaced by the greeting
 * for the time of day at @utc_us in zone @iana: good morning before
 * 11:00, good afternoon (siang) until 15:00, good afternoon (sore) until
 * 18:00, good evening after, as Indonesian service staff greet. */
char             *sapa_flow_fill_script   (const char      *script,
                                           gint64           utc_us,
                                           const char      *iana);

/* Validates @input for @field. An empty optional value is valid and gives
 * "". For PHONE, @out_extra receives the E.164 form (else NULL). */
gboolean          sapa_field_validate     (const SapaField *field,
                                           const char      *input,
                                           char           **out_clean,
                                           char           **out_extra,
                                           GError         **error);

/* Returns @value of @field as the person hears it read back: a choice's
 * label, the codes or labels of several choices joined by ", ", a date as
 * "05/12/2026", an airport with its name, and "—" when empty. A label of
 * the form "CODE: description" is shortened to the code. */
char             *sapa_field_describe     (const SapaField *field,
                                           const char      *value);

G_END_DECLS
