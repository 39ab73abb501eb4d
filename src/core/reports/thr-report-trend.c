/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-trend.c — a metric's trend over a run of months, ready to draw */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-format.h"
#include "thr-report-format.h"
#include "thr-report-trend.h"

#define MONTHS_BEFORE  6
#define MONTHS_AFTER  11

struct _ThrReportTrend
{
  const ThrMetric *metric;      /* owned by the contract, which we keep */
  ThrContract     *contract;
  GPtrArray       *labels;      /* of char*, one per month */
  GPtrArray       *results;     /* of ThrResult* or NULL, one per month */
  GArray          *points;      /* of ThrChartPoint; labels point into @labels */
  GArray          *windows;     /* of ThrChartWindow */
  ThrChartData     data;
  ThrChartStyle    style;
};

static void
result_free0 (gpointer data)
{
  if (data != NULL)
    thr_result_free (data);
}

/* Takes the result that stands for the metric out of @results: for a
 * metric judged per subject, its worst subject, as on the grid and in the
 * ledger (thr_results_find_worst()). */
static ThrResult *
steal_result (GPtrArray  *results,
              const char *metric_id)
{
  ThrResult *r = thr_results_find_worst (results, metric_id);
  guint index;

  if (r == NULL || !g_ptr_array_find (results, r, &index))
    return NULL;
  return g_ptr_array_steal_index (results, index);
}

static void
init_data (ThrReportTrend *trend)
{
  thr_chart_data_init_for_metric (&trend->data, trend->metric);
  thr_chart_style_init_print (&trend->style);
  /* The documents' one face (thr-document-layout.c), not whatever "Sans"
   * resolves to on this system. */
  trend->style.font = "DejaVu Sans 9";
}

/* A trend for @metric_id from results already evaluated: @months holds,
 * per month, what thr_evaluator_evaluate_month() returned; the metric's
 * results are taken out of them. */
static ThrReportTrend *
trend_from_months (ThrContract  *contract,
                   const char   *metric_id,
                   GPtrArray    *labels,
                   GPtrArray    *months,
                   GError      **error)
{
  g_autoptr(ThrReportTrend) trend = g_new0 (ThrReportTrend, 1);

  trend->contract = g_object_ref (contract);
  trend->metric = thr_contract_find_metric (contract, metric_id);
  if (trend->metric == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The contract has no metric “%s”", metric_id);
      return NULL;
    }
  trend->labels = g_ptr_array_new_with_free_func (g_free);
  trend->results = g_ptr_array_new_with_free_func (result_free0);
  trend->points = g_array_new (FALSE, TRUE, sizeof (ThrChartPoint));
  trend->windows = g_array_new (FALSE, TRUE, sizeof (ThrChartWindow));
  init_data (trend);
  for (guint i = 0; i < months->len; i++)
    {
      g_ptr_array_add (trend->labels, g_strdup (g_ptr_array_index (labels, i)));
      g_ptr_array_add (trend->results, steal_result (g_ptr_array_index (months, i), metric_id));
    }
  /* The points borrow the labels, so they are made once the array is full. */
  for (guint i = 0; i < months->len; i++)
    {
      ThrChartPoint p = thr_chart_point_for_result (g_ptr_array_index (trend->labels, i),
                                                    g_ptr_array_index (trend->results, i));
      g_array_append_val (trend->points, p);
    }
  trend->data.points = (const ThrChartPoint *) trend->points->data;
  trend->data.n_points = trend->points->len;
  return g_steal_pointer (&trend);
}

GPtrArray *
thr_report_trends_new (ThrEvaluator        *evaluator,
                       const char * const  *metric_ids,
                       const ThrPeriod     *first,
                       guint                n_months,
                       GError             **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) trends = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_trend_free);
  ThrContract *contract;
  ThrPeriod month;

  g_return_val_if_fail (THR_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (metric_ids != NULL, NULL);
  g_return_val_if_fail (first != NULL && first->kind == THR_PERIOD_MONTH, NULL);
  g_return_val_if_fail (n_months > 0, NULL);

  contract = thr_evaluator_get_contract (evaluator);
  /* Each month is evaluated once, whatever the number of metrics. */
  month = *first;
  for (guint i = 0; i < n_months; i++)
    {
      GPtrArray *results = thr_evaluator_evaluate_month (evaluator, &month, NULL, error);

      if (results == NULL)
        return NULL;
      g_ptr_array_add (months, results);
      g_ptr_array_add (labels, thr_period_format (&month));
      thr_period_next (&month, &month);
    }
  for (guint m = 0; metric_ids[m] != NULL; m++)
    {
      ThrReportTrend *trend = trend_from_months (contract, metric_ids[m], labels, months, error);

      if (trend == NULL)
        return NULL;
      g_ptr_array_add (trends, trend);
    }
  return g_steal_pointer (&trends);
}

ThrReportTrend *
thr_report_trend_new (ThrEvaluator     *evaluator,
                      const char       *metric_id,
                      const ThrPeriod  *first,
                      guint             n_months,
                      GError          **error)
{
  const char *ids[] = { metric_id, NULL };
  g_autoptr(GPtrArray) trends = NULL;

  g_return_val_if_fail (metric_id != NULL, NULL);

  trends = thr_report_trends_new (evaluator, ids, first, n_months, error);
  return trends ? g_ptr_array_steal_index (trends, 0) : NULL;
}

void
thr_report_trend_free (ThrReportTrend *trend)
{
  if (trend == NULL)
    return;
  g_clear_pointer (&trend->points, g_array_unref);
  g_clear_pointer (&trend->windows, g_array_unref);
  g_clear_pointer (&trend->results, g_ptr_array_unref);
  g_clear_pointer (&trend->labels, g_ptr_array_unref);
  g_clear_object (&trend->contract);
  g_free (trend);
}

static int
index_of (ThrReportTrend  *trend,
          const ThrPeriod *month)
{
  g_autofree char *label = thr_period_format (month);

  for (guint i = 0; i < trend->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (trend->labels, i), label))
      return i;
  return -1;
}

void
thr_report_trend_add_window (ThrReportTrend         *trend,
                             const ThrLedgerFailure *failure,
                             gboolean                select_failure)
{
  ThrChartWindow window = { G_MAXUINT, 0 };
  ThrPeriod month;

  g_return_if_fail (trend != NULL);
  g_return_if_fail (failure != NULL);

  if (select_failure)
    trend->data.selected = index_of (trend, &failure->failure);
  /* Clip the window to the trend: months outside it have no point. */
  for (month = failure->window_first; thr_period_compare (&month, &failure->window_last) <= 0;
       thr_period_next (&month, &month))
    {
      int i = index_of (trend, &month);

      if (i < 0)
        continue;
      window.first = MIN (window.first, (guint) i);
      window.last = MAX (window.last, (guint) i);
    }
  if (window.first == G_MAXUINT)
    return;
  g_array_append_val (trend->windows, window);
  trend->data.windows = (const ThrChartWindow *) trend->windows->data;
  trend->data.n_windows = trend->windows->len;
}

void
thr_report_trend_add_windows (ThrReportTrend *trend,
                              ThrLedger      *ledger)
{
  GPtrArray *failures;

  g_return_if_fail (trend != NULL);
  g_return_if_fail (ledger != NULL);

  failures = thr_ledger_get_failures (ledger);
  for (guint i = 0; i < failures->len; i++)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (failures, i);

      if (g_str_equal (f->metric, trend->metric->id))
        thr_report_trend_add_window (trend, f, FALSE);
    }
}

void
thr_report_trend_select (ThrReportTrend *trend,
                         const char     *month)
{
  g_return_if_fail (trend != NULL);
  g_return_if_fail (month != NULL);

  trend->data.selected = -1;
  for (guint i = 0; i < trend->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (trend->labels, i), month))
      trend->data.selected = i;
}

const ThrChartData *
thr_report_trend_get_data (ThrReportTrend *trend)
{
  g_return_val_if_fail (trend != NULL, NULL);
  return &trend->data;
}

const ThrResult *
thr_report_trend_get_result (ThrReportTrend *trend,
                             const char     *month)
{
  g_return_val_if_fail (trend != NULL, NULL);
  g_return_val_if_fail (month != NULL, NULL);

  for (guint i = 0; i < trend->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (trend->labels, i), month))
      return g_ptr_array_index (trend->results, i);
  return NULL;
}

static char *
describe_point (const ThrReportTrend *trend,
                const ThrChartPoint  *point)
{
  g_autofree char *words = thr_report_format_period (point->label);
  g_autofree char *value = NULL;

  if (point->has_reported)
    value = thr_format_value (trend->metric->unit, point->reported);
  else if (point->has_computed)
    value = thr_format_value (trend->metric->unit, point->computed);
  else
    return g_strdup_printf ("%s: %s", words, thr_report_status_word (point->status));
  /* Translators: one month of a chart's description: "April 2018: 90.00 %, missed" */
  return g_strdup_printf (_("%s: %s, %s"), words, value, thr_report_status_word (point->status));
}

static const ThrResult *
any_result (ThrReportTrend *trend)
{
  for (guint i = 0; i < trend->results->len; i++)
    if (g_ptr_array_index (trend->results, i) != NULL)
      return g_ptr_array_index (trend->results, i);
  return NULL;
}

char *
thr_report_trend_describe (ThrReportTrend *trend)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const ThrResult *result;

  g_return_val_if_fail (trend != NULL, NULL);

  /* Translators: the start of a chart's description: "Trend of A.1.a, Applications reviewed …" */
  g_string_printf (text, _("Trend of %s, %s"), trend->metric->id, thr_metric_get_label (trend->metric));
  result = any_result (trend);
  if (result != NULL)
    {
      g_autofree char *threshold = thr_report_format_threshold (result);

      /* Translators: the threshold in a chart's description */
      g_string_append_printf (text, _(", threshold %s"), threshold);
    }
  g_string_append (text, ". ");
  for (guint i = 0; i < trend->data.n_points; i++)
    {
      g_autofree char *point = describe_point (trend, &trend->data.points[i]);

      g_string_append (text, point);
      g_string_append (text, i + 1 < trend->data.n_points ? "; " : ".");
    }
  if (trend->data.n_windows > 0)
    /* Translators: the end of a chart's description */
    g_string_append (text, _(" The months of a corrective period are shaded."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
thr_report_trend_draw_cb (cairo_t  *cr,
                          double    width,
                          double    height,
                          gpointer  user_data)
{
  ThrReportTrend *trend = user_data;

  thr_chart_draw (cr, width, height, &trend->data, &trend->style);
}

void
thr_report_trend_range_around (const ThrPeriod *failure,
                               const ThrPeriod *run_first,
                               const ThrPeriod *run_last,
                               ThrPeriod       *first_out,
                               guint           *n_months_out)
{
  ThrPeriod first, last;

  g_return_if_fail (failure != NULL);
  g_return_if_fail (first_out != NULL && n_months_out != NULL);

  thr_period_for_day (THR_PERIOD_MONTH, thr_day_add_months (failure->first, -MONTHS_BEFORE), &first);
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_add_months (failure->first, MONTHS_AFTER), &last);
  if (run_first != NULL && run_last != NULL)
    {
      if (thr_period_compare (&first, run_first) < 0)
        first = *run_first;
      if (thr_period_compare (&last, run_last) > 0)
        last = *run_last;
      /* The failure month itself is always shown, even outside the run. */
      if (thr_period_compare (&first, failure) > 0)
        first = *failure;
      if (thr_period_compare (&last, failure) < 0)
        last = *failure;
    }
  *first_out = first;
  *n_months_out = 1;
  for (ThrPeriod m = first; thr_period_compare (&m, &last) < 0; thr_period_next (&m, &m))
    (*n_months_out)++;
}
