/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-result.c — one metric's result for one period (and subject) */
#define G_LOG_DOMAIN "thr-result"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-enum-nick.h"
#include "thr-result.h"

/* Ratios such as 49/50 × 100 land a hair off the exact decimal. */
#define EPSILON 1e-9

void
thr_result_free (ThrResult *result)
{
  if (result == NULL)
    return;
  g_free (result->subject);
  g_free (result->queue);
  g_free (result->period_label);
  g_free (result->reference_period);
  g_clear_pointer (&result->parts, g_ptr_array_unref);
  g_clear_pointer (&result->flags, g_ptr_array_unref);
  g_free (result->explanation);
  g_clear_pointer (&result->readings, g_ptr_array_unref);
  g_free (result);
}

const char *
thr_status_to_string (ThrStatus status)
{
  return thr_enum_to_nick (THR_TYPE_STATUS, status);
}

/* The status as a word for people, translated; thr_status_to_string()
 * gives the fixed word that JSON and CSV carry. */
const char *
thr_status_get_label (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET: return C_("status", "met");
    case THR_STATUS_MISSED: return C_("status", "missed");
    case THR_STATUS_PENDING: return C_("status", "pending");
    case THR_STATUS_NO_DATA: return C_("status", "no data");
    default: g_return_val_if_fail (status <= THR_STATUS_NO_DATA, NULL);
    }
  return NULL;
}

gboolean
thr_op_holds (ThrOp  op,
              double value,
              double target,
              double lower,
              double upper)
{
  switch (op)
    {
    case THR_OP_GE: return value >= target - EPSILON;
    case THR_OP_GT: return value > target + EPSILON;
    case THR_OP_LE: return value <= target + EPSILON;
    case THR_OP_LT: return value < target - EPSILON;
    case THR_OP_BETWEEN:
    case THR_OP_WITHIN:
    default:
      return value >= lower - EPSILON && value <= upper + EPSILON;
    }
}

int
thr_status_severity (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MISSED:  return 3;
    case THR_STATUS_NO_DATA: return 2;
    case THR_STATUS_PENDING: return 1;
    case THR_STATUS_MET:     return 0;
    default:                 g_return_val_if_reached (3);
    }
}

ThrResult *
thr_results_find_worst (GPtrArray  *results,
                        const char *metric_id)
{
  ThrResult *worst = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (metric_id != NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    {
      ThrResult *r = g_ptr_array_index (results, i);

      if (!g_str_equal (r->metric->id, metric_id))
        continue;
      if (worst == NULL || thr_status_severity (r->status) > thr_status_severity (worst->status))
        worst = r;
    }
  return worst;
}
