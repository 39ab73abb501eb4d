/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-result.h — one metric's result for one period (and subject) */
#pragma once

#include "thr-contract.h"

G_BEGIN_DECLS

typedef enum {
  THR_STATUS_MET,
  THR_STATUS_MISSED,
  THR_STATUS_PENDING,   /* the period is not over */
  THR_STATUS_NO_DATA,   /* nothing imported: never silently met */
} ThrStatus;

typedef struct {
  gboolean present;
  double   value;
  gboolean has_ratio;
  double   numerator;
  double   denominator;
  guint    n_pending;   /* computed: records whose deadline is still ahead */
} ThrFigure;

typedef struct _ThrResult ThrResult;
struct _ThrResult {
  const ThrMetric *metric;
  char            *subject;        /* "" for the whole contract */
  char            *queue;          /* per_queue metrics: the queue, else "" */
  ThrPeriod        period;         /* the metric's own period */
  char            *period_label;
  ThrStatus        status;
  gboolean         to_date;        /* the value covers the period so far */
  ThrSource        source;         /* which figure decided the status */
  ThrFigure        reported;
  ThrFigure        computed;
  ThrFigure        value;          /* the governing figure */
  gboolean         discrepancy;    /* reported and recomputed differ beyond the tolerance */
  gboolean         has_reference;
  double           reference;      /* WITHIN: the reference value used */
  char            *reference_period; /* WITHIN: the quarter it was published for, when not the
                                    * month's own (reading missing_reference_quarter), else NULL */
  double           lower;          /* BETWEEN: the bounds used (imported with reference_range) */
  double           upper;
  GPtrArray       *parts;          /* weekly metrics: a ThrResult per week */
  GPtrArray       *flags;          /* labels of the flags this value raises */
  char            *explanation;
  GPtrArray       *readings;       /* keys of the interpretations that decided it, or NULL */
};

void        thr_result_free             (ThrResult   *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrResult, thr_result_free)

const char *thr_status_to_string        (ThrStatus    status);
const char *thr_status_get_label        (ThrStatus    status);
/* Whether a value satisfies a comparison; strict ops are strict ("exceed
 * 95 %": 95.0 is missed) up to floating-point noise. */
gboolean    thr_op_holds                (ThrOp        op,
                                         double       value,
                                         double       target,
                                         double       lower,
                                         double       upper);

/* How bad a status is when the results of a metric judged per subject
 * stand as one: missed, then no data, then pending, then met. */
int         thr_status_severity         (ThrStatus    status);
/* The result that stands for @metric_id among @results (ThrResult*): a
 * metric judged for the whole contract has one; one judged per subject
 * (a group, a worker) is as bad as its worst subject, the first of equals.
 * The one rule for the grid, the ledger, the exports and the documents.
 * NULL when @results has none for it. */
ThrResult  *thr_results_find_worst      (GPtrArray   *results,
                                         const char  *metric_id);

G_END_DECLS
