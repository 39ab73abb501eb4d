/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-compute.c — how a metric is recomputed from raw records
 *
 * A compute names its kind, its records, which of them count and how
 * a record is placed in a period; "within" computes add a deadline.
 * Keys a kind does not read are refused rather than ignored.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "thr-contract-parse-private.h"

static gboolean
parse_deadline (ThrParser   *p,
                JsonObject  *object,
                ThrDeadline *deadline)
{
  static const char * const keys[] = { "from", "align", "n", "unit", "roll_forward", NULL };
  int anchor, align = THR_ALIGN_NONE, unit;
  gsize mark;

  if (!thr_parse_check_keys (p, object, keys) ||
      !thr_parse_enum (p, object, "from", TRUE, thr_parse_anchor_names, "deadline anchor", &anchor, NULL) ||
      !thr_parse_enum (p, object, "align", FALSE, thr_parse_align_names, "alignment", &align, NULL) ||
      !thr_parse_int (p, object, "n", TRUE, &deadline->n) ||
      !thr_parse_enum (p, object, "unit", TRUE, thr_parse_day_unit_names, "day unit", &unit, NULL) ||
      !thr_parse_bool (p, object, "roll_forward", &deadline->roll_forward))
    return FALSE;

  deadline->anchor = anchor;
  deadline->align = align;
  deadline->unit = unit;

  /* "The 4th business day prior to …" is the only backwards count the
   * contracts need; a negative calendar offset is more likely a typo. */
  mark = thr_parse_enter_key (p, "n");
  if (deadline->n < 0 && deadline->unit != THR_DAYS_BUSINESS)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "a negative offset (%d) needs unit business_days", deadline->n);
  thr_parse_leave (p, mark);
  return TRUE;
}

/* Which keys each compute kind reads; anything else is a mistake. */
static const char * const *
compute_keys_for (ThrComputeKind kind)
{
  static const char * const within[] = { "kind", "records", "filter", "date", "end", "deadline", NULL };
  static const char * const share[] = { "kind", "records", "filter", "match", "date", NULL };
  static const char * const mean_sum[] = { "kind", "records", "filter", "date", "value", NULL };
  static const char * const count[] = { "kind", "records", "filter", "date", NULL };
  static const char * const calls[] = { "kind", "records", "filter", "date", "short_abandon_seconds", NULL };
  static const char * const service_level[] = {
    "kind", "records", "filter", "date", "answer_seconds", "short_abandon_seconds", NULL
  };

  switch (kind)
    {
    case THR_COMPUTE_WITHIN: return within;
    case THR_COMPUTE_SHARE: return share;
    case THR_COMPUTE_MEAN:
    case THR_COMPUTE_SUM: return mean_sum;
    case THR_COMPUTE_COUNT: return count;
    case THR_COMPUTE_CALL_ASA:
    case THR_COMPUTE_CALL_ABANDONMENT: return calls;
    case THR_COMPUTE_CALL_SERVICE_LEVEL: return service_level;
    case THR_COMPUTE_NONE:
    default: g_assert_not_reached ();
    }
}

static gboolean
is_call_kind (ThrComputeKind kind)
{
  return kind == THR_COMPUTE_CALL_ASA ||
         kind == THR_COMPUTE_CALL_SERVICE_LEVEL ||
         kind == THR_COMPUTE_CALL_ABANDONMENT;
}

static gboolean
check_records_fit_kind (ThrParser      *p,
                        ThrComputeKind  kind,
                        ThrRecordKind   records)
{
  const char *needed = NULL;

  if (is_call_kind (kind) && records != THR_RECORDS_CALLS)
    needed = "calls";
  else if (kind == THR_COMPUTE_WITHIN && records != THR_RECORDS_TASKS)
    needed = "tasks";
  if (needed == NULL)
    return TRUE;

  thr_parse_enter_key (p, "records");
  return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                         "compute kind “%s” needs records “%s”, not “%s”",
                         thr_parse_name_of (thr_parse_compute_names, kind), needed,
                         thr_record_kind_to_string (records));
}

/* "match" on a "within" compute would be silently ignored: say so instead. */
static gboolean
check_keys_fit_kind (ThrParser      *p,
                     JsonObject     *object,
                     ThrComputeKind  kind)
{
  const char * const *wanted = compute_keys_for (kind);
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (wanted, l->data))
      {
        thr_parse_enter_key (p, l->data);
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "not used by compute kind “%s”",
                               thr_parse_name_of (thr_parse_compute_names, kind));
      }
  return TRUE;
}

static gboolean
parse_compute_dates (ThrParser  *p,
                     JsonObject *object,
                     ThrCompute *compute)
{
  ThrContract *contract = p->contract;

  switch ((int) compute->kind)
    {
    case THR_COMPUTE_WITHIN:
      /* Without "date" a record counts in its deadline's period, or in its
       * start's period if the contract chose record_period = start. */
      if (g_str_equal (thr_contract_get_interpretation (contract, "record_period"), "start"))
        compute->date_field = THR_FIELD_RECEIVED;
      compute->end_field = THR_FIELD_COMPLETED;
      if (!thr_parse_field (p, object, "date", FALSE, THR_FIELD_TYPE_DATE, &compute->date_field) ||
          !thr_parse_field (p, object, "end", FALSE, THR_FIELD_TYPE_DATE, &compute->end_field))
        return FALSE;
      return TRUE;

    case THR_COMPUTE_CALL_ASA:
    case THR_COMPUTE_CALL_SERVICE_LEVEL:
    case THR_COMPUTE_CALL_ABANDONMENT:
      compute->date_field = THR_FIELD_OFFERED_AT;
      return thr_parse_field (p, object, "date", FALSE, THR_FIELD_TYPE_DATE, &compute->date_field);

    default:
      return thr_parse_field (p, object, "date", TRUE, THR_FIELD_TYPE_DATE, &compute->date_field);
    }
}

static gboolean
parse_call_parameters (ThrParser  *p,
                       JsonObject *object,
                       ThrCompute *compute)
{
  const char *fallback = thr_contract_get_interpretation (p->contract, "short_abandon_seconds");

  if (!is_call_kind (compute->kind))
    return TRUE;

  compute->short_abandon_seconds = g_ascii_strtod (fallback, NULL);
  compute->flowouts_offered = g_str_equal (thr_contract_get_interpretation (p->contract, "flowout_calls"), "offered");
  if (!thr_parse_number (p, object, "short_abandon_seconds", FALSE, &compute->short_abandon_seconds, NULL) ||
      !thr_parse_check_range (p, "short_abandon_seconds", compute->short_abandon_seconds, 0, 3600))
    return FALSE;

  if (compute->kind != THR_COMPUTE_CALL_SERVICE_LEVEL)
    return TRUE;

  compute->answer_seconds = 60;
  return thr_parse_number (p, object, "answer_seconds", FALSE, &compute->answer_seconds, NULL) &&
         thr_parse_check_range (p, "answer_seconds", compute->answer_seconds, 1, 3600);
}

gboolean
thr_parse_compute (ThrParser  *p,
                   JsonObject *object,
                   ThrCompute *compute)
{
  static const char * const all_keys[] = {
    "kind", "records", "filter", "match", "date", "value", "end", "deadline",
    "answer_seconds", "short_abandon_seconds", NULL
  };
  int kind, records;

  if (!thr_parse_check_keys (p, object, all_keys) ||
      !thr_parse_enum (p, object, "kind", TRUE, thr_parse_compute_names, "compute kind", &kind, NULL) ||
      !thr_parse_enum (p, object, "records", TRUE, thr_parse_records_names, "record kind", &records, NULL))
    return FALSE;

  compute->kind = kind;
  compute->records = records;
  p->records = records;

  if (!check_records_fit_kind (p, compute->kind, compute->records))
    return FALSE;

  if (!check_keys_fit_kind (p, object, compute->kind))
    return FALSE;

  if (!thr_parse_filter (p, object, "filter", FALSE, &compute->filter) ||
      !thr_parse_filter (p, object, "match", compute->kind == THR_COMPUTE_SHARE, &compute->match) ||
      !parse_compute_dates (p, object, compute) ||
      !parse_call_parameters (p, object, compute))
    return FALSE;

  if (compute->kind == THR_COMPUTE_MEAN || compute->kind == THR_COMPUTE_SUM)
    if (!thr_parse_field (p, object, "value", TRUE, THR_FIELD_TYPE_NUMBER, &compute->value_field))
      return FALSE;

  if (compute->kind == THR_COMPUTE_WITHIN)
    {
      JsonNode *node;
      JsonObject *deadline;
      gsize mark;

      if (!thr_parse_member (p, object, "deadline", TRUE, &node))
        return FALSE;
      mark = thr_parse_enter_key (p, "deadline");
      if (!thr_parse_expect_object (p, node, &deadline) ||
          !parse_deadline (p, deadline, &compute->deadline))
        return FALSE;
      thr_parse_leave (p, mark);
    }

  return TRUE;
}
