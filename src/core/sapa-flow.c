/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-flow.c: the seven service procedures as static tables */

#define G_LOG_DOMAIN "sapa-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sapa-flow.h"
#include "sapa-flow-private.h"
#include "sapa-sns.h"

/* Step ids, branch ids and value keys below are stored in activities and
 * drafts, so renaming one needs a migration. Labels are English msgids. */

/* ---- Shared choice lists ---- */

static const SapaChoice categories[] = {
  { "information", N_("Information") },
  { "complaint", N_("Complaint") },
  { "suggestion", N_("Suggestion") },
  { "compliment", N_("Compliment") },
  { "lost_found", N_("Lost and found") },
  { "facilities", N_("Facilities") },
  { "security", N_("Security") },
  { "parking", N_("Parking") },
  { "transport", N_("Ground transport") },
  { "other", N_("Other") },
  { NULL, NULL }
};

/* Not static: the ticket actions offer the same units. */
const SapaChoice sapa_flow_unit_choices[] = {
  { "lost_found", N_("Lost and found") },
  { "cleaning", N_("Cleaning") },
  { "security", N_("Security (AVSEC)") },
  { "parking", N_("Parking") },
  { "facilities", N_("Facilities and engineering") },
  { "terminal_operations", N_("Terminal operations") },
  { "information", N_("Information") },
  { "sns", N_("Special needs service") },
  { SAPA_UNIT_BRANCH, N_("PIC of another airport") },
  { NULL, NULL }
};

/* IATA special service request (SSR) codes for passengers with reduced
 * mobility or other special needs, plus three local codes (ELDERLY,
 * PREGNANT, CHILD). "DEAF/BLND" is stored as DEAF_BLND so that the stored
 * list needs no escaping. */
static const SapaChoice ssr_codes[] = {
  { "WCHR", N_("WCHR: needs a wheelchair to and from the aircraft, can climb steps and walk to the seat") },
  { "WCHS", N_("WCHS: needs a wheelchair to and from the aircraft, cannot climb steps, can walk to the seat") },
  { "WCHC", N_("WCHC: cannot walk, must be carried to and from the seat") },
  { "WCHP", N_("WCHP: lower-limb disability, needs help to board and leave and an on-board wheelchair in the cabin") },
  { "WCOB", N_("WCOB: needs an on-board wheelchair") },
  { "WCMP", N_("WCMP: travels with their own manual wheelchair") },
  { "WCBD", N_("WCBD: travels with their own wheelchair with a dry-cell battery") },
  { "WCBW", N_("WCBW: travels with their own wheelchair with a wet-cell battery") },
  { "BLND", N_("BLND: blind or with low vision") },
  { "DEAF", N_("DEAF: deaf or hard of hearing") },
  { "DEAF_BLND", N_("DEAF/BLND: deaf and blind, travels with a companion") },
  { "DPNA", N_("DPNA: intellectual or developmental disability, needs assistance") },
  { "MAAS", N_("MAAS: needs to be met and assisted") },
  { "MEDA", N_("MEDA: medical case, needs a medical clearance") },
  { "STCR", N_("STCR: travels on a stretcher") },
  { "OXYG", N_("OXYG: needs medical oxygen") },
  { "ELDERLY", N_("ELDERLY: elderly passenger who needs assistance") },
  { "PREGNANT", N_("PREGNANT: pregnant passenger") },
  { "CHILD", N_("CHILD: child who needs assistance") },
  { NULL, NULL }
};

static const SapaChoice consent_choices[] = {
  { "yes", N_("Yes, the person agrees that health details or a child's details are recorded") },
  { "no", N_("No, the person does not agree") },
  { NULL, NULL }
};

static const SapaChoice notify_methods[] = {
  { "printed", N_("On paper, at the counter or the suggestion box") },
  { "phone", N_("By phone or text message") },
  { "email", N_("By email") },
  { "none", N_("Not possible, because the form has no contact details") },
  { NULL, NULL }
};

static const SapaChoice equipment_choices[] = {
  { "wheelchair", N_("Wheelchair") },
  { "buggy", N_("Buggy") },
  { "ambulift", N_("Ambulift") },
  { "stretcher", N_("Stretcher") },
  { "none", N_("No equipment") },
  { NULL, NULL }
};

static const SapaChoice eta_day_choices[] = {
  { "flight_day", N_("On the date of the flight") },
  { "day_before", N_("On the day before the flight") },
  { NULL, NULL }
};

static const SapaChoice email_social_channels[] = {
  { "email", N_("Email 172") },
  { "facebook", N_("Facebook 172") },
  { "x", N_("X (Twitter) 172") },
  { "instagram", N_("Instagram 172") },
  { "other_social", N_("Other social media") },
  { NULL, NULL }
};

static const SapaChoice sns_prebook_channels[] = {
  { "phone", N_("Phone (Dial 172)") },
  { "email", N_("Email 172") },
  { "social", N_("Social media") },
  { "live_chat", N_("Live chat") },
  { NULL, NULL }
};

/* ---- Fields shared by several flows ---- */

static const SapaField purpose_fields[] = {
  { "purpose", SAPA_FIELD_MULTILINE, N_("Purpose of the contact"),
    N_("What the person wants, in their own words"), TRUE, NULL },
  { NULL }
};

static const SapaField identity_fields[] = {
  { "name", SAPA_FIELD_NAME, N_("Name"), NULL, TRUE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"),
    N_("For example 0812-3456-7890"), TRUE, NULL },
  { NULL }
};

static const SapaField identify_fields[] = {
  { "category", SAPA_FIELD_CHOICE, N_("Category of the feedback"), NULL, TRUE, categories },
  { NULL }
};

static const SapaField answer_fields[] = {
  { "answer", SAPA_FIELD_MULTILINE, N_("Answer given"), NULL, TRUE, NULL },
  { NULL }
};

/* Not static: an escalation from the ticket view asks the same. */
const SapaField sapa_flow_follow_up_fields[] = {
  { "followup_unit", SAPA_FIELD_CHOICE, N_("Unit that follows up"), NULL, TRUE, sapa_flow_unit_choices },
  { "followup_airport", SAPA_FIELD_AIRPORT, N_("Airport of the PIC"),
    N_("IATA code, required when the PIC of another airport follows up"), FALSE, NULL, TRUE },
  { "followup_note", SAPA_FIELD_MULTILINE, N_("Follow-up request"),
    N_("What the unit must do or answer"), TRUE, NULL },
  { NULL }
};

static const SapaField live_chat_answer_fields[] = {
  { "answer", SAPA_FIELD_MULTILINE, N_("Answer given"), NULL, TRUE, NULL },
  { "transcript", SAPA_FIELD_MULTILINE, N_("Chat transcript"),
    N_("Paste the conversation if it should be kept"), FALSE, NULL },
  { NULL }
};

static const SapaField live_chat_follow_up_fields[] = {
  { "followup_unit", SAPA_FIELD_CHOICE, N_("Unit that follows up"), NULL, TRUE, sapa_flow_unit_choices },
  { "followup_airport", SAPA_FIELD_AIRPORT, N_("Airport of the PIC"),
    N_("IATA code, required when the PIC of another airport follows up"), FALSE, NULL, TRUE },
  { "followup_note", SAPA_FIELD_MULTILINE, N_("Follow-up request"),
    N_("What the unit must do or answer"), TRUE, NULL },
  { "transcript", SAPA_FIELD_MULTILINE, N_("Chat transcript"),
    N_("Paste the conversation if it should be kept"), FALSE, NULL },
  { NULL }
};

/* ---- Branches shared by several flows ---- */

#define BRANCH_NEXT(target) \
  { { "next", N_("Continue"), target, NULL, FALSE }, { NULL } }

static const SapaBranch to_purpose[] = BRANCH_NEXT ("purpose");
static const SapaBranch to_identity[] = BRANCH_NEXT ("identity");
static const SapaBranch to_confirm[] = BRANCH_NEXT ("confirm");
static const SapaBranch to_greet[] = BRANCH_NEXT ("greet");

static const SapaBranch confirm_to_identify[] = {
  { "sesuai", N_("Matches"), "identify", NULL, FALSE },
  { "tidak_sesuai", N_("Does not match, correct it"), "purpose", NULL, TRUE },
  { NULL }
};

static const SapaBranch identify_branches[] = {
  { "answer_now", N_("Answer now"), "answer", NULL, FALSE },
  { "follow_up", N_("Needs follow-up"), "follow_up", NULL, FALSE },
  { NULL }
};

static const SapaBranch answer_branches[] = {
  { "sesuai", N_("The person accepts the answer"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { "tidak_sesuai", N_("The answer does not fit, identify again"), "identify", NULL, FALSE },
  { NULL }
};

static const SapaBranch follow_up_branches[] = {
  { "next", N_("Send for follow-up"), NULL, SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

static const char * const identity_purpose_readback[] = { "name", "phone", "purpose", NULL };

/* ---- Flow 1: feedback at the Customer Service counter ---- */

#define FEEDBACK_TAIL_STEPS(answer_f, follow_up_f) \
  { "identify", SAPA_STEP_FORM, N_("Identify the feedback"), NULL, \
    identify_fields, identify_branches, NULL, NULL }, \
  { "answer", SAPA_STEP_FORM, N_("Give the answer"), \
    N_("Does this answer your question?"), \
    answer_f, answer_branches, NULL, NULL }, \
  { "follow_up", SAPA_STEP_FORM, N_("Follow-up or escalation"), \
    N_("We will follow this up. Please keep your report number, and we will contact you with the answer."), \
    follow_up_f, follow_up_branches, NULL, sapa_flow_check_follow_up }

static const SapaStep counter_steps[] = {
  { "greet", SAPA_STEP_FORM, N_("Greeting"),
    N_("{greeting}, welcome to Customer Service. How may I help you?"),
    NULL, to_purpose, NULL, NULL },
  { "purpose", SAPA_STEP_FORM, N_("Purpose of the contact"), NULL,
    purpose_fields, to_identity, NULL, NULL },
  { "identity", SAPA_STEP_FORM, N_("Identity"),
    N_("May I have your name and phone number?"),
    identity_fields, to_confirm, NULL, NULL },
  { "confirm", SAPA_STEP_CONFIRM, N_("Confirm identity and purpose"),
    N_("Let me read back your details. Is this correct?"),
    NULL, confirm_to_identify, identity_purpose_readback, NULL },
  FEEDBACK_TAIL_STEPS (answer_fields, sapa_flow_follow_up_fields),
  { NULL }
};

/* ---- Flow 2: Dial 172 inbound ---- */

static const SapaStep phone_steps[] = {
  { "greet", SAPA_STEP_FORM, N_("Receive the call"),
    N_("{greeting}, Contact Center 172. How may I help you?"),
    NULL, to_purpose, NULL, NULL },
  { "purpose", SAPA_STEP_FORM, N_("Purpose of the contact"), NULL,
    purpose_fields, to_identity, NULL, NULL },
  { "identity", SAPA_STEP_FORM, N_("Identity"),
    N_("May I have your name and phone number?"),
    identity_fields, to_confirm, NULL, NULL },
  { "confirm", SAPA_STEP_CONFIRM, N_("Confirm identity and purpose"),
    N_("Let me read back your details. Is this correct?"),
    NULL, confirm_to_identify, identity_purpose_readback, NULL },
  FEEDBACK_TAIL_STEPS (answer_fields, sapa_flow_follow_up_fields),
  { NULL }
};

static const char * const feedback_progress[] = {
  "greet", "purpose", "identity", "confirm", "identify", "answer", "follow_up", NULL
};

/* ---- Flow 3: email and social media ---- */

static const char * const email_only[] = { "email", NULL };
static const char * const social_only[] = { "facebook", "x", "instagram", "other_social", NULL };
static const char * const other_social_only[] = { "other_social", NULL };

/* The intake asks for the address of the channel the message came
 * through: an email address for email, an account for social media. */
static const SapaField intake_fields[] = {
  { "email", SAPA_FIELD_EMAIL, N_("Email address"), NULL, FALSE, NULL, TRUE, email_only },
  { "channel_network", SAPA_FIELD_TEXT, N_("Name of the other social network"),
    N_("Only for a post found outside the 172 accounts, for example TikTok"), FALSE, NULL, TRUE,
    other_social_only },
  { "handle", SAPA_FIELD_HANDLE, N_("Account name on social media"),
    N_("For example @name"), FALSE, NULL, TRUE, social_only },
  { "name", SAPA_FIELD_NAME, N_("Name"), NULL, FALSE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"), NULL, FALSE, NULL },
  { "message", SAPA_FIELD_MULTILINE, N_("Message"),
    N_("The feedback as the person sent it"), TRUE, NULL },
  { NULL }
};

static const SapaField request_data_fields[] = {
  { "data_request", SAPA_FIELD_MULTILINE, N_("Data requested"),
    N_("What the person must send"), TRUE, NULL },
  { NULL }
};

static const SapaField await_data_fields[] = {
  { "data_received", SAPA_FIELD_MULTILINE, N_("Data received"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField escalate_fields[] = {
  { "escalation_airport", SAPA_FIELD_AIRPORT, N_("Airport of the PIC"),
    N_("IATA code, for example CGK"), TRUE, NULL },
  { "escalation_note", SAPA_FIELD_MULTILINE, N_("Escalation request"),
    N_("What the PIC must check or answer"), TRUE, NULL },
  { NULL }
};

static const SapaField await_pic_fields[] = {
  { "pic_answer", SAPA_FIELD_MULTILINE, N_("Answer of the PIC"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField return_to_pic_fields[] = {
  { "return_reason", SAPA_FIELD_MULTILINE, N_("Reason for returning the answer"),
    N_("What is missing or wrong in the PIC's answer"), TRUE, NULL },
  { NULL }
};

static const SapaField deliver_fields[] = {
  { "delivered_answer", SAPA_FIELD_MULTILINE, N_("Answer sent to the person"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaBranch intake_branches[] = BRANCH_NEXT ("identify");

static const SapaBranch email_identify_branches[] = {
  { "answer_now", N_("Answer now"), "answer", NULL, FALSE },
  { "need_data", N_("Ask for more data"), "request_data", NULL, FALSE },
  { "escalate", N_("Escalate to the PIC"), "escalate", NULL, FALSE },
  { NULL }
};

static const SapaBranch request_data_branches[] = {
  { "next", N_("Send the request"), "await_data", SAPA_STATUS_WAITING_CUSTOMER, FALSE },
  { NULL }
};

static const SapaBranch await_data_branches[] = {
  { "next", N_("Data received, identify again"), "identify", SAPA_STATUS_OPEN, FALSE },
  { NULL }
};

static const SapaBranch escalate_branches[] = {
  { "next", N_("Escalate and send the report number"), "await_pic", SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

/* The statuses these steps set are those of the ticket actions that do
 * the same (the PIC's answer, its judgement), so a ticket reads the same
 * whichever way the officer took. A returned answer escalates the ticket
 * again at once, as the action does, and the next step records the reason. */
static const SapaBranch await_pic_branches[] = {
  { "next", N_("Continue"), "judge_pic", SAPA_STATUS_ANSWERED, FALSE },
  { NULL }
};

static const SapaBranch judge_pic_branches[] = {
  { "sesuai", N_("The answer is adequate"), "deliver", SAPA_STATUS_OPEN, FALSE },
  { "tidak_sesuai", N_("The answer is not adequate, return it to the PIC"), "return_to_pic", SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

static const char * const rejected_answer[] = { "pic_answer", NULL };

static const SapaBranch return_to_pic_branches[] = {
  { "next", N_("Return to the PIC"), "await_pic", NULL, FALSE, rejected_answer },
  { NULL }
};

static const SapaBranch send_and_close[] = {
  { "next", N_("Send and close"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { NULL }
};

static const char * const pic_answer_readback[] = { "pic_answer", NULL };
/* A waiting step shows what was asked for, so the officer knows what to
 * look out for when the case is taken up again. */
static const char * const awaited_data[] = { "data_request", NULL };
/* "followup_unit" names the unit after a reassignment, which a ticket
 * action records (sapa_wizard_catch_up() copies it here). */
static const char * const awaited_answer[] = {
  "escalation_airport", "followup_unit", "escalation_note", "return_reason", NULL
};

/* A returned PIC answer has its own step, return_to_pic, so that the
 * reason is required exactly when the answer is rejected. */
static const SapaStep email_social_steps[] = {
  { "intake", SAPA_STEP_FORM, N_("Record the message"), NULL,
    intake_fields, intake_branches, NULL, sapa_flow_check_intake },
  { "identify", SAPA_STEP_FORM, N_("Identify the feedback"), NULL,
    identify_fields, email_identify_branches, NULL, NULL },
  { "answer", SAPA_STEP_FORM, N_("Send the answer"), NULL,
    answer_fields, send_and_close, NULL, NULL },
  { "request_data", SAPA_STEP_FORM, N_("Ask for more data"), NULL,
    request_data_fields, request_data_branches, NULL, NULL },
  { "await_data", SAPA_STEP_WAIT, N_("Wait for the data"), NULL,
    await_data_fields, await_data_branches, awaited_data, NULL },
  { "escalate", SAPA_STEP_FORM, N_("Escalate to the PIC"), NULL,
    escalate_fields, escalate_branches, NULL, NULL },
  { "await_pic", SAPA_STEP_WAIT, N_("Wait for the PIC's answer"), NULL,
    await_pic_fields, await_pic_branches, awaited_answer, NULL },
  { "judge_pic", SAPA_STEP_CONFIRM, N_("Judge the PIC's answer"), NULL,
    NULL, judge_pic_branches, pic_answer_readback, NULL },
  { "return_to_pic", SAPA_STEP_FORM, N_("Return the answer to the PIC"), NULL,
    return_to_pic_fields, return_to_pic_branches, NULL, NULL },
  { "deliver", SAPA_STEP_FORM, N_("Send the result of the follow-up"), NULL,
    deliver_fields, send_and_close, NULL, NULL },
  { NULL }
};

static const char * const email_social_progress[] = {
  "intake", "identify", "escalate", "await_pic", "judge_pic", "deliver", NULL
};

/* ---- Flow 4: suggestion box ---- */

static const SapaField receive_form_fields[] = {
  { "form_text", SAPA_FIELD_MULTILINE, N_("Text of the form"), NULL, TRUE, NULL },
  { "box_location", SAPA_FIELD_TEXT, N_("Location of the suggestion box"),
    N_("For example Terminal 3, arrival hall"), TRUE, NULL },
  { "name", SAPA_FIELD_NAME, N_("Name"), N_("Leave empty for an anonymous form"), FALSE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"), NULL, FALSE, NULL },
  { "email", SAPA_FIELD_EMAIL, N_("Email address"), NULL, FALSE, NULL },
  { NULL }
};

static const SapaField notify_fields[] = {
  { "notify_method", SAPA_FIELD_CHOICE, N_("How the report number is given"),
    NULL, TRUE, notify_methods },
  { NULL }
};

static const SapaBranch receive_form_branches[] = BRANCH_NEXT ("decide");

static const SapaBranch decide_branches[] = {
  { "escalate", N_("Escalate or follow up"), "escalate", NULL, FALSE },
  { "no_escalation", N_("No escalation needed"), "notify", NULL, FALSE },
  { NULL }
};

static const SapaBranch suggestion_escalate_branches[] = {
  { "next", N_("Send for follow-up"), "notify_escalated", SAPA_STATUS_ESCALATED, FALSE },
  { NULL }
};

static const SapaBranch notify_branches[] = {
  { "next", N_("Report number given, close"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { NULL }
};

static const SapaBranch notify_escalated_branches[] = {
  { "next", N_("Report number given"), NULL, NULL, FALSE },
  { NULL }
};

/* Giving the report number ends both paths, but only the path without
 * escalation closes the ticket. The two notify steps have the same fields
 * and differ in the status their branch sets, so an escalated ticket stays
 * escalated until the follow-up is answered. */
static const SapaStep suggestion_box_steps[] = {
  { "receive_form", SAPA_STEP_FORM, N_("Receive the form"), NULL,
    receive_form_fields, receive_form_branches, NULL, NULL },
  { "decide", SAPA_STEP_FORM, N_("Decide on escalation"), NULL,
    identify_fields, decide_branches, NULL, NULL },
  { "escalate", SAPA_STEP_FORM, N_("Escalation or follow-up"), NULL,
    sapa_flow_follow_up_fields, suggestion_escalate_branches, NULL, sapa_flow_check_follow_up },
  { "notify", SAPA_STEP_FORM, N_("Give the report number"), NULL,
    notify_fields, notify_branches, NULL, sapa_flow_check_notify },
  { "notify_escalated", SAPA_STEP_FORM, N_("Give the report number"), NULL,
    notify_fields, notify_escalated_branches, NULL, sapa_flow_check_notify },
  { NULL }
};

static const char * const suggestion_box_progress[] = {
  "receive_form", "decide", "escalate", "notify", NULL
};

/* ---- Flow 5: special needs pre-booking through 172 ---- */

static const SapaField prebook_identity_fields[] = {
  { "name", SAPA_FIELD_NAME, N_("Name of the passenger"), NULL, TRUE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"), NULL, TRUE, NULL },
  { "flight", SAPA_FIELD_FLIGHT, N_("Flight"), N_("For example GA 404"), TRUE, NULL },
  { "flight_date", SAPA_FIELD_DATE, N_("Date of the flight"), NULL, TRUE, NULL },
  { "departure_time", SAPA_FIELD_TIME, N_("Scheduled departure time"),
    N_("Local time; the arrival must be before it"), FALSE, NULL },
  { "eta", SAPA_FIELD_TIME, N_("Estimated time of arrival at the airport"),
    N_("Local time, for example 05:30"), TRUE, NULL },
  { "eta_day", SAPA_FIELD_CHOICE, N_("Day of arrival at the airport"),
    N_("Empty means the date of the flight"), FALSE, eta_day_choices },
  { "airport", SAPA_FIELD_AIRPORT, N_("Airport"), N_("IATA code, for example CGK"), TRUE, NULL },
  { "ssr", SAPA_FIELD_MULTI_CHOICE, N_("Special service requests"), NULL, TRUE, ssr_codes },
  { "consent", SAPA_FIELD_CHOICE, N_("Consent to record health or child details"), NULL, TRUE, consent_choices },
  { "equipment", SAPA_FIELD_MULTI_CHOICE, N_("Equipment to prepare"), NULL, FALSE, equipment_choices },
  { "companions", SAPA_FIELD_TEXT, N_("Companions"),
    N_("Who travels with the passenger, for example one family member"), FALSE, NULL },
  { NULL }
};

static const SapaBranch prebook_confirm_branches[] = {
  { "sesuai", N_("Matches"), "follow_up", NULL, FALSE },
  { "tidak_sesuai", N_("Does not match, correct it"), "identity", NULL, TRUE },
  { NULL }
};

static const SapaField booking_fields[] = {
  { "booking_note", SAPA_FIELD_MULTILINE, N_("Note for the SNS team"), NULL, FALSE, NULL },
  { NULL }
};

/* The 172 officer's case ends when the booking reaches the SNS team of the
 * airport. The booking itself lives on in sns_bookings, expected until the
 * passenger arrives, does not come or cancels. */
static const SapaBranch booking_branches[] = {
  { "next", N_("Send the booking to the SNS team"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { NULL }
};

/* Everything the booking records, in the order of the form. */
static const char * const prebook_readback[] = {
  "name", "phone", "flight", "flight_date", "departure_time", "eta", "eta_day", "airport",
  "ssr", "consent", "equipment", "companions", "purpose", NULL
};

static const SapaStep sns_prebook_steps[] = {
  { "greet", SAPA_STEP_FORM, N_("Receive the contact"),
    N_("{greeting}, Contact Center 172. How may I help you?"),
    NULL, to_purpose, NULL, NULL },
  { "purpose", SAPA_STEP_FORM, N_("Purpose of the contact"), NULL,
    purpose_fields, to_identity, NULL, NULL },
  { "identity", SAPA_STEP_FORM, N_("Special needs service identity"),
    N_("May I have the passenger's name, phone number, flight and the time you will arrive at the airport?"),
    prebook_identity_fields, to_confirm, NULL, sapa_flow_check_booking },
  { "confirm", SAPA_STEP_CONFIRM, N_("Confirm identity and purpose"),
    N_("Let me read back your details. Is this correct?"),
    NULL, prebook_confirm_branches, prebook_readback, NULL },
  { "follow_up", SAPA_STEP_FORM, N_("Send the booking"), NULL,
    booking_fields, booking_branches, NULL, NULL },
  { NULL }
};

static const char * const sns_prebook_progress[] = {
  "greet", "purpose", "identity", "confirm", "follow_up", NULL
};

/* ---- Flow 6: live chat on the website ---- */

static const SapaField prechat_fields[] = {
  { "name", SAPA_FIELD_NAME, N_("Name"), NULL, TRUE, NULL },
  { "email", SAPA_FIELD_EMAIL, N_("Email address"), NULL, TRUE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"), NULL, TRUE, NULL },
  { NULL }
};

static const char * const purpose_readback[] = { "purpose", NULL };

static const SapaStep live_chat_steps[] = {
  { "prechat", SAPA_STEP_FORM, N_("Details from the chat form"), NULL,
    prechat_fields, to_greet, NULL, NULL },
  { "greet", SAPA_STEP_FORM, N_("Receive the chat"),
    N_("{greeting}, welcome to the 172 live chat. How may I help you?"),
    NULL, to_purpose, NULL, NULL },
  { "purpose", SAPA_STEP_FORM, N_("Purpose of the contact"), NULL,
    purpose_fields, to_confirm, NULL, NULL },
  { "confirm", SAPA_STEP_CONFIRM, N_("Confirm the purpose"),
    N_("Let me make sure I understand your question. Is this correct?"),
    NULL, confirm_to_identify, purpose_readback, NULL },
  FEEDBACK_TAIL_STEPS (live_chat_answer_fields, live_chat_follow_up_fields),
  { NULL }
};

static const char * const live_chat_progress[] = {
  "prechat", "greet", "purpose", "confirm", "identify", "answer", "follow_up", NULL
};

/* ---- Flow 7: special needs at the SNS counter ---- */

static const SapaField sns_identity_fields[] = {
  { "name", SAPA_FIELD_NAME, N_("Name of the passenger"), NULL, TRUE, NULL },
  { "phone", SAPA_FIELD_PHONE, N_("Phone number"), NULL, FALSE, NULL },
  { "flight", SAPA_FIELD_FLIGHT, N_("Flight"), N_("For example GA 404"), FALSE, NULL },
  { "ssr", SAPA_FIELD_MULTI_CHOICE, N_("Special service requests"), NULL, TRUE, ssr_codes },
  { "consent", SAPA_FIELD_CHOICE, N_("Consent to record health or child details"), NULL, TRUE, consent_choices },
  { NULL }
};

static const SapaField prepare_fields[] = {
  { "equipment", SAPA_FIELD_MULTI_CHOICE, N_("Equipment prepared"), NULL, TRUE, equipment_choices },
  { "officer_assigned", SAPA_FIELD_TEXT, N_("Officer who escorts the passenger"), NULL, TRUE, NULL },
  { NULL }
};

static const SapaField holding_fields[] = {
  { "holding_since", SAPA_FIELD_TIME, N_("In the holding room since"),
    N_("Local time, for example 05:30"), FALSE, NULL },
  { NULL }
};

static const SapaField handover_fields[] = {
  { "airline", SAPA_FIELD_TEXT, N_("Airline"), NULL, TRUE, NULL },
  { "airline_staff", SAPA_FIELD_NAME, N_("Name of the airline staff"), NULL, TRUE, NULL },
  { "handover_time", SAPA_FIELD_TIME, N_("Time of the handover"),
    N_("Local time, for example 05:30"), TRUE, NULL },
  { "remarks", SAPA_FIELD_MULTILINE, N_("Remarks"), NULL, FALSE, NULL },
  { NULL }
};

static const SapaBranch sns_identity_branches[] = BRANCH_NEXT ("confirm_identify");

static const SapaBranch confirm_identify_branches[] = {
  { "sesuai", N_("Matches"), "prepare", NULL, FALSE },
  { "tidak_sesuai", N_("Does not match, correct it"), "identity", NULL, TRUE },
  { NULL }
};

static const SapaBranch prepare_branches[] = BRANCH_NEXT ("service");

/* The start of the service bounds the holding room and handover times. */
static const SapaBranch service_branches[] = {
  { "start", N_("Start the service"), "destination", SAPA_STATUS_IN_SERVICE, FALSE,
    NULL, SAPA_SNS_SERVICE_STARTED_KEY },
  { NULL }
};

static const SapaBranch destination_branches[] = {
  { "holding_room", N_("Escort to the holding room"), "holding", NULL, FALSE },
  { "handover", N_("Hand over to the airline"), "handover", NULL, FALSE },
  { NULL }
};

static const SapaBranch holding_branches[] = {
  { "handover", N_("Hand over to the airline"), "handover", NULL, FALSE },
  { "end", N_("End the service"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { NULL }
};

static const SapaBranch handover_branches[] = {
  { "next", N_("Handover done, close"), NULL, SAPA_STATUS_CLOSED, FALSE },
  { NULL }
};

static const char * const sns_readback[] = { "name", "phone", "flight", "ssr", "consent", "purpose", NULL };

static const SapaStep sns_counter_steps[] = {
  { "greet", SAPA_STEP_FORM, N_("Greeting"),
    N_("{greeting}, welcome to the special needs service counter. How may I help you?"),
    NULL, to_purpose, NULL, NULL },
  { "purpose", SAPA_STEP_FORM, N_("Purpose of the contact"), NULL,
    purpose_fields, to_identity, NULL, NULL },
  { "identity", SAPA_STEP_FORM, N_("Special needs service identity"),
    N_("May I have your name and your flight?"),
    sns_identity_fields, sns_identity_branches, NULL, sapa_flow_check_ssr_consent },
  { "confirm_identify", SAPA_STEP_CONFIRM, N_("Confirm identity and the need"),
    N_("Let me read back your details and the help you need. Is this correct?"),
    NULL, confirm_identify_branches, sns_readback, NULL },
  { "prepare", SAPA_STEP_FORM, N_("Prepare the service"), NULL,
    prepare_fields, prepare_branches, NULL, sapa_flow_check_equipment },
  { "service", SAPA_STEP_FORM, N_("Serve the passenger"), NULL,
    NULL, service_branches, NULL, NULL },
  { "destination", SAPA_STEP_FORM, N_("Where the passenger goes next"), NULL,
    NULL, destination_branches, NULL, NULL },
  { "holding", SAPA_STEP_FORM, N_("Holding room"), NULL,
    holding_fields, holding_branches, NULL, sapa_flow_check_holding },
  { "handover", SAPA_STEP_FORM, N_("Handover to the airline"), NULL,
    handover_fields, handover_branches, NULL, sapa_flow_check_handover },
  { NULL }
};

static const char * const sns_counter_progress[] = {
  "greet", "purpose", "identity", "confirm_identify", "prepare", "service",
  "destination", "holding", "handover", NULL
};

/* ---- The flows ---- */

static const SapaFlow flows[] = {
  { SAPA_FLOW_COUNTER, 1, N_("Feedback at the Customer Service counter"),
    "counter", NULL, "greet", counter_steps, feedback_progress },
  { SAPA_FLOW_PHONE, 2, N_("Feedback by phone (Dial 172)"),
    "phone", NULL, "greet", phone_steps, feedback_progress },
  { SAPA_FLOW_EMAIL_SOCIAL, 3, N_("Feedback by email and social media"),
    "email", email_social_channels, "intake", email_social_steps, email_social_progress },
  { SAPA_FLOW_SUGGESTION_BOX, 4, N_("Suggestion box"),
    "suggestion_box", NULL, "receive_form", suggestion_box_steps, suggestion_box_progress },
  { SAPA_FLOW_SNS_PREBOOK, 5, N_("Special needs pre-booking"),
    "phone", sns_prebook_channels, "greet", sns_prebook_steps, sns_prebook_progress },
  { SAPA_FLOW_LIVE_CHAT, 6, N_("Feedback by live chat"),
    "live_chat", NULL, "prechat", live_chat_steps, live_chat_progress },
  { SAPA_FLOW_SNS_COUNTER, 7, N_("Special needs at the SNS counter"),
    "counter", NULL, "greet", sns_counter_steps, sns_counter_progress },
};

static const SapaFlow *all_flows[] = {
  &flows[0], &flows[1], &flows[2], &flows[3], &flows[4], &flows[5], &flows[6],
};

G_STATIC_ASSERT (G_N_ELEMENTS (flows) == G_N_ELEMENTS (all_flows));

/* ---- Lookups ---- */

const SapaFlow **
sapa_flow_get_all (guint *n_flows)
{
  if (n_flows != NULL)
    *n_flows = G_N_ELEMENTS (all_flows);

  return all_flows;
}

const char *
sapa_step_describe_wait (const SapaStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  /* The step's field is what arrives: the data or the PIC's answer. */
  if (sapa_step_get_field (step, "data_received") != NULL)
    return _("The ticket waits for the person's data. Continue it from Tickets when the data arrives.");
  if (sapa_step_get_field (step, "pic_answer") != NULL)
    return _("The ticket waits for the PIC's answer. Continue it from Tickets when the answer arrives.");
  return _("The ticket waits. Continue it from Tickets when what it waits for arrives.");
}

const SapaFlow *
sapa_flow_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      if (g_str_equal (flows[i].id, id))
        return &flows[i];
    }

  return NULL;
}

const SapaStep *
sapa_flow_get_step (const SapaFlow *flow,
                    const char     *step_id)
{
  g_return_val_if_fail (flow != NULL, NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  for (const SapaStep *step = flow->steps; step->id != NULL; step++)
    {
      if (g_str_equal (step->id, step_id))
        return step;
    }

  return NULL;
}

const SapaBranch *
sapa_step_get_branch (const SapaStep *step,
                      const char     *branch_id)
{
  g_return_val_if_fail (step != NULL, NULL);

  /* Synced data may name no branch, which matches none. */
  if (branch_id == NULL)
    return NULL;

  for (const SapaBranch *branch = step->branches; branch->id != NULL; branch++)
    {
      if (g_str_equal (branch->id, branch_id))
        return branch;
    }

  return NULL;
}

guint
sapa_step_get_n_branches (const SapaStep *step)
{
  guint n = 0;

  g_return_val_if_fail (step != NULL, 0);

  while (step->branches[n].id != NULL)
    n++;

  return n;
}

const SapaField *
sapa_step_get_field (const SapaStep *step,
                     const char     *key)
{
  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (step->fields == NULL)
    return NULL;

  for (const SapaField *field = step->fields; field->key != NULL; field++)
    {
      if (g_str_equal (field->key, key))
        return field;
    }

  return NULL;
}

const char *
sapa_choice_get_label (const SapaChoice *choices,
                       const char       *id)
{
  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (const SapaChoice *choice = choices; choice->id != NULL; choice++)
    {
      if (g_str_equal (choice->id, id))
        return _(choice->label);
    }

  return NULL;
}

const SapaChoice *
sapa_flow_get_categories (void)
{
  return categories;
}

const SapaChoice *
sapa_flow_get_units (void)
{
  return sapa_flow_unit_choices;
}
