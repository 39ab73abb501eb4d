/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-record.c — the record kinds the store keeps and their fields */
#define G_LOG_DOMAIN "thr-record"

#include "thr-enum-nick.h"
#include "thr-record.h"

static const ThrFieldInfo fields[] = {
  { THR_FIELD_INVALID, THR_RECORDS_NONE, NULL, 0, NULL, FALSE },
  { THR_FIELD_TASK_ID, THR_RECORDS_TASKS, "task_id", THR_FIELD_TYPE_TEXT, "task_id", TRUE },
  { THR_FIELD_TYPE, THR_RECORDS_TASKS, "type", THR_FIELD_TYPE_TEXT, "type", TRUE },
  { THR_FIELD_RECEIVED, THR_RECORDS_TASKS, "received", THR_FIELD_TYPE_DATE, "received_day", TRUE },
  { THR_FIELD_COMPLETED, THR_RECORDS_TASKS, "completed", THR_FIELD_TYPE_DATE, "completed_day", TRUE },
  { THR_FIELD_DUE, THR_RECORDS_TASKS, "due", THR_FIELD_TYPE_DATE, "due_day", FALSE },
  { THR_FIELD_PROGRAM, THR_RECORDS_TASKS, "program", THR_FIELD_TYPE_TEXT, "program", FALSE },
  { THR_FIELD_CATEGORY, THR_RECORDS_TASKS, "category", THR_FIELD_TYPE_TEXT, "category", FALSE },
  { THR_FIELD_STATUS, THR_RECORDS_TASKS, "status", THR_FIELD_TYPE_TEXT, "status", FALSE },
  { THR_FIELD_WORKER, THR_RECORDS_TASKS, "worker", THR_FIELD_TYPE_TEXT, "worker", FALSE },
  { THR_FIELD_TEAM, THR_RECORDS_TASKS, "team", THR_FIELD_TYPE_TEXT, "team", FALSE },
  { THR_FIELD_SCORE, THR_RECORDS_TASKS, "score", THR_FIELD_TYPE_NUMBER, "score", FALSE },
  { THR_FIELD_AMOUNT, THR_RECORDS_TASKS, "amount", THR_FIELD_TYPE_NUMBER, "amount", FALSE },
  { THR_FIELD_CALL_ID, THR_RECORDS_CALLS, "call_id", THR_FIELD_TYPE_TEXT, "call_id", TRUE },
  { THR_FIELD_QUEUE, THR_RECORDS_CALLS, "queue", THR_FIELD_TYPE_TEXT, "queue", TRUE },
  { THR_FIELD_OFFERED_AT, THR_RECORDS_CALLS, "offered_at", THR_FIELD_TYPE_DATE, "offered_day", TRUE },
  { THR_FIELD_WAIT_SECONDS, THR_RECORDS_CALLS, "wait_seconds", THR_FIELD_TYPE_NUMBER, "wait_seconds", TRUE },
  { THR_FIELD_OUTCOME, THR_RECORDS_CALLS, "outcome", THR_FIELD_TYPE_TEXT, "outcome", TRUE },
  { THR_FIELD_HANDLE_SECONDS, THR_RECORDS_CALLS, "handle_seconds", THR_FIELD_TYPE_NUMBER, "handle_seconds", FALSE },
  { THR_FIELD_AGENT, THR_RECORDS_CALLS, "agent", THR_FIELD_TYPE_TEXT, "agent", FALSE },
  { THR_FIELD_CALL_TEAM, THR_RECORDS_CALLS, "team", THR_FIELD_TYPE_TEXT, "team", FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == THR_N_FIELDS);

const ThrFieldInfo *
thr_record_field_info (ThrRecordField field)
{
  g_return_val_if_fail (field > THR_FIELD_INVALID && field < THR_N_FIELDS, NULL);

  g_assert (fields[field].field == field);
  return &fields[field];
}

const ThrFieldInfo *
thr_record_field_lookup (ThrRecordKind  records,
                         const char    *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 1; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].records == records && g_str_equal (fields[i].name, name))
      return &fields[i];

  return NULL;
}

const char *
thr_record_kind_to_string (ThrRecordKind records)
{
  return thr_enum_to_nick (THR_TYPE_RECORD_KIND, records);
}

ThrRecordKind
thr_record_kind_from_string (const char *str)
{
  int value;

  return thr_enum_from_nick (THR_TYPE_RECORD_KIND, str, &value) ? (ThrRecordKind) value : THR_RECORDS_NONE;
}

const char *
thr_record_kind_table (ThrRecordKind records)
{
  return records == THR_RECORDS_CALLS ? "calls" : "tasks";
}

/* Call files write the outcome in any case ("Answered", "ABANDONED"). */
gboolean
thr_call_outcome_from_string (const char     *str,
                              ThrCallOutcome *out)
{
  g_autofree char *lower = NULL;
  int value;

  if (str == NULL)
    return FALSE;
  lower = g_ascii_strdown (str, -1);
  if (!thr_enum_from_nick (THR_TYPE_CALL_OUTCOME, lower, &value))
    return FALSE;
  *out = (ThrCallOutcome) value;
  return TRUE;
}

const char *
thr_call_outcome_to_string (ThrCallOutcome outcome)
{
  return thr_enum_to_nick (THR_TYPE_CALL_OUTCOME, outcome);
}
