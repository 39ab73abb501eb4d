/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart-series.c — a metric's results as the chart's points and threshold
 *
 * The metric page's widget and the documents' trend (ThrReportTrend) both
 * build their ThrChartData here, so the app and the PDF draw the same
 * points, the same threshold and the same per-period reference bands.
 */
#define G_LOG_DOMAIN "thr-chart"

#include "thr-chart.h"

void
thr_chart_data_init_for_metric (ThrChartData    *data,
                                const ThrMetric *metric)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (metric != NULL);

  *data = (ThrChartData) {
    .unit = metric->unit, .op = metric->op, .target = metric->target,
    .lower = metric->lower, .upper = metric->upper, .selected = -1,
  };
  /* A tolerance around a reference is drawn as the band it allows. */
  if (metric->op == THR_OP_WITHIN)
    {
      data->lower = metric->reference_value - metric->tolerance;
      data->upper = metric->reference_value + metric->tolerance;
    }
}

ThrChartPoint
thr_chart_point_for_result (const char      *label,
                            const ThrResult *result)
{
  ThrChartPoint point = { label, THR_STATUS_NO_DATA };

  if (result == NULL)
    return point;
  point.status = result->status;
  point.has_reported = result->reported.present;
  point.reported = result->reported.value;
  point.has_computed = result->computed.present;
  point.computed = result->computed.value;
  point.to_date = result->to_date;
  point.discrepancy = result->discrepancy;
  /* A reference that changes by period (a Quarterly Statewide Average)
   * gives each point its own band. */
  if (result->metric->op == THR_OP_WITHIN && result->has_reference)
    {
      point.has_band = TRUE;
      point.band_lower = result->reference - result->metric->tolerance;
      point.band_upper = result->reference + result->metric->tolerance;
    }
  return point;
}
