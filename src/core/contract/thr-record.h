/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-record.h — the record kinds the store keeps and their fields
 *
 * Contract files refer to record fields by these names only; filters are
 * checked against this table and compiled to bound SQL parameters, so a
 * contract file can never inject SQL.
 */
#pragma once

#include <glib.h>

#include "thr-contract-enums.h"

G_BEGIN_DECLS

typedef enum {
  THR_RECORDS_NONE,
  THR_RECORDS_TASKS,
  THR_RECORDS_CALLS,
} ThrRecordKind;

typedef enum {
  THR_FIELD_TYPE_TEXT,
  THR_FIELD_TYPE_NUMBER,
  THR_FIELD_TYPE_DATE,     /* a local date (day number), maybe with a time */
} ThrFieldType;

typedef enum {
  THR_FIELD_INVALID = 0,
  /* tasks */
  THR_FIELD_TASK_ID,
  THR_FIELD_TYPE,
  THR_FIELD_RECEIVED,
  THR_FIELD_COMPLETED,
  THR_FIELD_DUE,
  THR_FIELD_PROGRAM,
  THR_FIELD_CATEGORY,
  THR_FIELD_STATUS,
  THR_FIELD_WORKER,
  THR_FIELD_TEAM,
  THR_FIELD_SCORE,
  THR_FIELD_AMOUNT,
  /* calls */
  THR_FIELD_CALL_ID,
  THR_FIELD_QUEUE,
  THR_FIELD_OFFERED_AT,
  THR_FIELD_WAIT_SECONDS,
  THR_FIELD_OUTCOME,
  THR_FIELD_HANDLE_SECONDS,
  THR_FIELD_AGENT,
  THR_FIELD_CALL_TEAM,
  THR_N_FIELDS
} ThrRecordField;

typedef struct {
  ThrRecordField  field;
  ThrRecordKind   records;
  const char     *name;      /* as written in contract files and CSV headers */
  ThrFieldType    type;
  const char     *column;    /* store column; a fixed identifier, never input */
  gboolean        required;  /* a canonical CSV must have it */
} ThrFieldInfo;

const ThrFieldInfo *thr_record_field_info     (ThrRecordField  field);
const ThrFieldInfo *thr_record_field_lookup   (ThrRecordKind   records,
                                               const char     *name);
const char         *thr_record_kind_to_string (ThrRecordKind   records);
ThrRecordKind       thr_record_kind_from_string (const char   *str);
const char         *thr_record_kind_table     (ThrRecordKind   records);

typedef enum {
  THR_OUTCOME_ANSWERED = 0,
  THR_OUTCOME_ABANDONED = 1,
  THR_OUTCOME_FLOWOUT = 2,
} ThrCallOutcome;

gboolean    thr_call_outcome_from_string (const char     *str,
                                          ThrCallOutcome *out);
const char *thr_call_outcome_to_string   (ThrCallOutcome  outcome);

G_END_DECLS
