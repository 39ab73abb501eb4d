/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-trend.h — a metric's trend over a run of months, ready to draw
 *
 * The documents and the chart export need what the app's metric page has
 * in memory: the metric's result month by month and its corrective
 * windows, as ThrChartData.  A ThrReportTrend evaluates the months once,
 * keeps the results (so a document can quote the window months' values)
 * and draws with thr_chart_draw() in the print palette
 * (thr_chart_style_init_print), the same function the app's widget uses.
 */
#pragma once

#include "thr-chart.h"
#include "thr-evaluator.h"
#include "thr-ledger.h"

G_BEGIN_DECLS

typedef struct _ThrReportTrend ThrReportTrend;

/* Evaluates @n_months months from @first for @metric_id. */
ThrReportTrend     *thr_report_trend_new          (ThrEvaluator          *evaluator,
                                                   const char            *metric_id,
                                                   const ThrPeriod       *first,
                                                   guint                  n_months,
                                                   GError               **error);
/* A trend for each of @metric_ids (NULL-terminated), evaluating each month
 * once; a GPtrArray of ThrReportTrend*, in the order of the ids. */
GPtrArray          *thr_report_trends_new         (ThrEvaluator          *evaluator,
                                                   const char * const    *metric_ids,
                                                   const ThrPeriod       *first,
                                                   guint                  n_months,
                                                   GError               **error);
void                thr_report_trend_free         (ThrReportTrend        *trend);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportTrend, thr_report_trend_free)

/* Shades the months of @failure's corrective window that fall inside the
 * trend, and marks the failure month as the selected point when
 * @select_failure is set. */
void                thr_report_trend_add_window   (ThrReportTrend         *trend,
                                                   const ThrLedgerFailure *failure,
                                                   gboolean                select_failure);
/* Shades every window of the metric in @ledger. */
void                thr_report_trend_add_windows  (ThrReportTrend         *trend,
                                                   ThrLedger              *ledger);
/* Rings @month's point (a label such as "2018-04"), if the trend has it. */
void                thr_report_trend_select       (ThrReportTrend         *trend,
                                                   const char             *month);
const ThrChartData *thr_report_trend_get_data     (ThrReportTrend         *trend);
/* The metric's result in @month (a label such as "2018-05"), or NULL when
 * the month is outside the trend. */
const ThrResult    *thr_report_trend_get_result   (ThrReportTrend         *trend,
                                                   const char             *month);
/* What the chart shows, in words, for a screen reader: the metric, its
 * threshold and each month's value and status. */
char               *thr_report_trend_describe     (ThrReportTrend         *trend);
/* A ThrDocumentDrawFunc: @user_data is the trend. */
void                thr_report_trend_draw_cb      (cairo_t                *cr,
                                                   double                  width,
                                                   double                  height,
                                                   gpointer                user_data);

/* The months a CAP's chart shows: up to six before the failure and up to
 * eleven after it (eighteen at most), kept inside [@run_first, @run_last]
 * when the store's run of months is known (both non-NULL). */
void                thr_report_trend_range_around (const ThrPeriod        *failure,
                                                   const ThrPeriod        *run_first,
                                                   const ThrPeriod        *run_last,
                                                   ThrPeriod              *first_out,
                                                   guint                  *n_months_out);

G_END_DECLS
