/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-metrics.c — the month's metric results as an export table
 *
 * The columns follow `evaluate --format csv` so scripts read both alike,
 * with the title, the difference between recomputed and reported, and
 * whether the value covers a period still under way.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "thr-export-private.h"
#include "thr-result.h"

/* The first thirteen are the columns `evaluate --format csv` has always
 * printed, in that order, so that scripts reading them by position keep
 * working; what the table adds comes after. */
static const char * const metric_columns[] = {
  "metric", "subject", "period", "status", "value", "op", "target", "unit", "numerator",
  "denominator", "source", "reported", "computed", "lower", "upper", "tolerance",
  "difference", "to_date", "section", "title", "queue", NULL,
};

/* The .xlsx header in words.  "Metric", "Subject", "Period", "Value",
 * "Numerator" and "Denominator" are also the columns a metric report is
 * imported from, so Threshold reads its own export back. */
static const char * const metric_titles[] = {
  N_("Metric"), N_("Subject"), N_("Period"), N_("Status"), N_("Value"), N_("Comparison"), N_("Target"),
  N_("Unit"), N_("Numerator"), N_("Denominator"), N_("Source"), N_("Reported"), N_("Recomputed"),
  N_("Lower bound"), N_("Upper bound"), N_("Tolerance"), N_("Difference"), N_("Period to date"),
  N_("Section"), N_("Title"), N_("Queue"), NULL,
};

static ThrExportNumber
number_kind_for_unit (ThrUnit unit)
{
  switch (unit)
    {
    case THR_UNIT_PERCENT: return THR_EXPORT_NUMBER_PERCENT;
    case THR_UNIT_SECONDS: return THR_EXPORT_NUMBER_SECONDS;
    case THR_UNIT_DOLLARS: return THR_EXPORT_NUMBER_DOLLARS;
    case THR_UNIT_COUNT:
    default:               return THR_EXPORT_NUMBER_PLAIN;
    }
}

static void
add_optional (ThrExportTable  *table,
              gboolean         present,
              double           value,
              ThrExportNumber  kind)
{
  if (present)
    thr_export_table_add_number (table, value, kind);
  else
    thr_export_table_add_empty (table);
}

static void
add_count (ThrExportTable *table,
           gboolean        present,
           double          value)
{
  add_optional (table, present, value,
                value == floor (value) ? THR_EXPORT_NUMBER_INTEGER : THR_EXPORT_NUMBER_PLAIN);
}

/* The target of the one-sided comparisons and WITHIN's reference; empty
 * for BETWEEN, whose bounds are lower and upper. */
static void
add_target (ThrExportTable  *table,
            const ThrResult *r,
            ThrExportNumber  kind)
{
  const ThrMetric *m = r->metric;

  if (m->op == THR_OP_WITHIN)
    add_optional (table, r->has_reference, r->reference, kind);
  else
    add_optional (table, m->op != THR_OP_BETWEEN, m->target, kind);
}

/* lower and upper for BETWEEN; tolerance for WITHIN. */
static void
add_bounds (ThrExportTable  *table,
            const ThrResult *r,
            ThrExportNumber  kind)
{
  const ThrMetric *m = r->metric;
  gboolean between = m->op == THR_OP_BETWEEN, within = m->op == THR_OP_WITHIN;

  /* A range published per queue: the bounds imported for this result. */
  if (between && m->reference_low != NULL)
    {
      add_optional (table, r->has_reference, r->lower, kind);
      add_optional (table, r->has_reference, r->upper, kind);
    }
  else
    {
      add_optional (table, between, m->lower, kind);
      add_optional (table, between, m->upper, kind);
    }
  add_optional (table, within, m->tolerance, THR_EXPORT_NUMBER_PLAIN);
}

static void
add_result_row (ThrExportTable  *table,
                const ThrResult *r)
{
  const ThrMetric *m = r->metric;
  ThrExportNumber kind = number_kind_for_unit (m->unit);
  gboolean both = r->reported.present && r->computed.present;

  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, m->id);
  thr_export_table_add_text (table, r->subject);
  thr_export_table_add_period (table, r->period_label);
  thr_export_table_add_text (table, thr_status_to_string (r->status));
  add_optional (table, r->value.present, r->value.value, kind);
  thr_export_table_add_text (table, thr_op_to_string (m->op));
  add_target (table, r, kind);
  thr_export_table_add_text (table, thr_unit_to_string (m->unit));
  add_count (table, r->value.has_ratio, r->value.numerator);
  add_count (table, r->value.has_ratio, r->value.denominator);
  thr_export_table_add_text (table, !r->value.present ? "none"
                                    : r->source == THR_SOURCE_REPORTED ? "reported" : "computed");
  add_optional (table, r->reported.present, r->reported.value, kind);
  add_optional (table, r->computed.present, r->computed.value, kind);
  add_bounds (table, r, kind);
  add_optional (table, both, r->computed.value - r->reported.value,
                kind == THR_EXPORT_NUMBER_PERCENT ? THR_EXPORT_NUMBER_POINTS : kind);
  thr_export_table_add_boolean (table, r->to_date);
  thr_export_table_add_text (table, m->section);
  thr_export_table_add_text (table, m->title);
  thr_export_table_add_text (table, r->queue);
}

ThrExportTable *
thr_export_metrics_table (GPtrArray *results)
{
  ThrExportTable *table;

  g_return_val_if_fail (results != NULL, NULL);

  table = thr_export_table_new (metric_columns);
  thr_export_table_set_titles_translated (table, metric_titles);
  for (guint i = 0; i < results->len; i++)
    add_result_row (table, g_ptr_array_index (results, i));
  return table;
}
