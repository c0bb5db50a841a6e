/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-classify.c: what each activity of the log means to a report */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include "sapa-activity.h"
#include "sapa-flow.h"
#include "sapa-report-private.h"
#include "sapa-ticket-action.h"

/* The same ids, in the same order, as the index activities_for_reports
 * of schema version 9; sapa-store-report.c builds its query from this
 * list so that SQLite can use that partial index. */
static const char * const report_steps[] = {
  "answer", "follow_up", "escalate", "request_data", "await_data",
  "await_pic", "judge_pic", "deliver", "notify", "service", "holding", "handover",
  "reply", "data_received", "pic_answer", "judge_answer", "verdict", "close",
  "reopen", "no_show", "cancel_booking", "reassign",
  NULL
};

/* Wizard steps and ticket actions that respond to the person, besides
 * any that closes the ticket: see "First response" in sapa-report.h. */
static const char * const response_steps[] = {
  "answer", "follow_up", "escalate", "request_data", "deliver", NULL
};
static const char * const response_actions[] = {
  SAPA_ACTION_REPLY, SAPA_ACTION_REQUEST_DATA, SAPA_ACTION_ESCALATE,
  SAPA_ACTION_DELIVER, SAPA_ACTION_CLOSE, NULL
};

const char * const *
sapa_report_get_steps (void)
{
  return report_steps;
}

/* Returns the branch an activity took, from the flow's step table for a
 * wizard step or from the action table for an action. */
static const SapaBranch *
find_branch (const char *flow_id,
             gboolean    is_action,
             const char *step,
             const char *branch)
{
  const SapaStep *flow_step = NULL;

  if (step == NULL || branch == NULL)
    return NULL;

  if (is_action)
    {
      const SapaTicketAction *action = sapa_ticket_action_lookup (step);

      flow_step = action != NULL ? &action->step : NULL;
    }
  else
    {
      const SapaFlow *flow = flow_id != NULL ? sapa_flow_lookup (flow_id) : NULL;

      flow_step = flow != NULL ? sapa_flow_get_step (flow, step) : NULL;
    }

  return flow_step != NULL ? sapa_step_get_branch (flow_step, branch) : NULL;
}

guint
sapa_report_classify (const char  *flow_id,
                      const char  *kind,
                      const char  *step,
                      const char  *branch,
                      const char **out_status)
{
  gboolean is_step = g_strcmp0 (kind, SAPA_ACTIVITY_STEP) == 0;
  gboolean is_action = g_strcmp0 (kind, SAPA_ACTIVITY_ACTION) == 0;
  gboolean judged = g_strcmp0 (branch, "sesuai") == 0 || g_strcmp0 (branch, "tidak_sesuai") == 0;
  const SapaBranch *flow_branch = NULL;
  const char *status = NULL;
  guint roles = 0;

  if (is_step || is_action)
    flow_branch = find_branch (flow_id, is_action, step, branch);
  if (flow_branch != NULL)
    status = flow_branch->status;
  else if (g_strcmp0 (kind, SAPA_ACTIVITY_DISCARDED) == 0)
    status = SAPA_STATUS_CANCELLED;

  if (out_status != NULL)
    *out_status = status;

  if (!is_step && !is_action)
    return 0;

  if (g_strcmp0 (status, SAPA_STATUS_CLOSED) == 0)
    roles |= SAPA_REPORT_ROLE_CLOSE | SAPA_REPORT_ROLE_RESPONSE;
  if (g_strv_contains (is_step ? response_steps : response_actions, step))
    roles |= SAPA_REPORT_ROLE_RESPONSE;

  /* A special-needs booking also ends with a "follow_up" step, which
   * sends it to the SNS team: only one that escalates counts. */
  if ((g_strcmp0 (step, "follow_up") == 0 || g_strcmp0 (step, "escalate") == 0 ||
       g_strcmp0 (step, SAPA_ACTION_REASSIGN) == 0) &&
      g_strcmp0 (status, SAPA_STATUS_ESCALATED) == 0)
    roles |= SAPA_REPORT_ROLE_ESCALATION;

  if (g_strcmp0 (step, is_step ? "await_pic" : SAPA_ACTION_PIC_ANSWER) == 0)
    roles |= SAPA_REPORT_ROLE_PIC_ANSWER;

  if (g_strcmp0 (step, is_step ? "judge_pic" : SAPA_ACTION_JUDGE_ANSWER) == 0 &&
      g_strcmp0 (branch, "tidak_sesuai") == 0)
    roles |= SAPA_REPORT_ROLE_RETURN;

  if (g_strcmp0 (step, is_step ? "answer" : SAPA_ACTION_VERDICT) == 0 && judged)
    {
      roles |= SAPA_REPORT_ROLE_JUDGEMENT;
      if (g_strcmp0 (branch, "sesuai") == 0)
        roles |= SAPA_REPORT_ROLE_SESUAI;
    }

  if (is_step && g_strcmp0 (step, "service") == 0 &&
      g_strcmp0 (status, SAPA_STATUS_IN_SERVICE) == 0)
    roles |= SAPA_REPORT_ROLE_SERVICE_START;

  if (is_step && g_strcmp0 (step, "handover") == 0)
    roles |= SAPA_REPORT_ROLE_HANDOVER;

  return roles;
}
