/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-month.h — the monthly performance report as a document
 *
 * Every metric of the month with its value, threshold and status, the
 * contractor's figure against the one recomputed from records, and a
 * summary.  The ledger and the CAPs come from the consequences engine; the
 * report prints those sections only when the caller hands it their data,
 * and leaves them out otherwise rather than print anything made up.
 */
#pragma once

#include "thr-contract.h"
#include "thr-document.h"
#include "thr-period.h"
#include "thr-result.h"

G_BEGIN_DECLS

/* One invoice component's money for a period; amounts in cents. */
typedef struct {
  char   *component;    /* the component's title */
  gint64  invoice;
  double  rate;         /* percent withheld; < 0 when the period had several */
  gint64  withheld;
  gint64  released;
  gint64  retained;
  gint64  held;         /* still held at the end of the period */
  char   *explanation;  /* the ledger's own explanation of a month's row (thr-ledger.c
                         * writes it, the ledger page shows it), NULL for sums */
} ThrReportLedgerLine;

/* An open CAP and its next date. */
typedef struct {
  char    *id;
  char    *metric;      /* "A.1.a" */
  char    *failure;     /* the failure month, "2018-04" */
  char    *state;       /* as the CAP engine words it: "awaiting plan", … */
  char    *next_what;   /* "CAP due", "state review due", … */
  guint32  next_day;    /* a Julian day (thr-period.h); 0 = none */
} ThrReportCap;

/* A missed metric's trend, drawn under its explanation. */
typedef struct {
  char                *metric;      /* "A.1.a" */
  ThrDocumentDrawFunc  draw;
  gpointer             data;
  GDestroyNotify       destroy;     /* the document takes @data over */
  char                *alt;         /* what it shows, in words; NULL: the metric's id */
} ThrReportMetricChart;

ThrReportMetricChart *thr_report_metric_chart_new  (const char          *metric,
                                                    ThrDocumentDrawFunc  draw,
                                                    gpointer             data,
                                                    GDestroyNotify       destroy);
void                  thr_report_metric_chart_free (ThrReportMetricChart *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportMetricChart, thr_report_metric_chart_free)

ThrReportLedgerLine *thr_report_ledger_line_new  (const char *component,
                                                  gint64      invoice,
                                                  double      rate,
                                                  gint64      withheld,
                                                  gint64      released,
                                                  gint64      retained,
                                                  gint64      held);
void                 thr_report_ledger_line_free (ThrReportLedgerLine *line);
ThrReportCap        *thr_report_cap_new          (const char *id,
                                                  const char *metric,
                                                  const char *failure,
                                                  const char *state,
                                                  const char *next_what,
                                                  guint32     next_day);
void                 thr_report_cap_free         (ThrReportCap *cap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportLedgerLine, thr_report_ledger_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrReportCap, thr_report_cap_free)

typedef struct {
  const char          *agency;        /* running header; NULL leaves it out */
  GDateTime           *generated;     /* NULL: now */
  /* The month's ledger and the year to date, GPtrArrays of
   * ThrReportLedgerLine*; a line whose component is NULL is printed as
   * the table's total.  NULL leaves the ledger section out. */
  GPtrArray           *ledger_month;
  GPtrArray           *ledger_year;
  /* Printed after the ledger: what the month means for the next (¶1.i
   * escalation) and how the fates were decided; NULL for none. */
  const char          *ledger_note;
  /* Open CAPs, a GPtrArray of ThrReportCap*.  NULL leaves the section out;
   * an empty array says that none is open. */
  GPtrArray           *open_caps;
  /* A chart for the month (the app's thr_chart_draw); NULL for none. */
  ThrDocumentDrawFunc  chart;
  gpointer             chart_data;
  double               chart_height;
  GDestroyNotify       chart_destroy;  /* the document frees chart_data with it */
  const char          *chart_alt;      /* what it shows, in words, for screen readers */
  /* ThrReportMetricChart*, one per missed metric that has a chart; the
   * document takes over each chart's data when it is built. */
  GPtrArray           *missed_charts;
} ThrReportMonthOptions;

/* @results: what thr_evaluator_evaluate_month() returned for @month. */
ThrDocument *thr_report_month_build (ThrContract                 *contract,
                                     const ThrPeriod             *month,
                                     GPtrArray                   *results,
                                     const ThrReportMonthOptions *options);

G_END_DECLS
